"""Mastodon search (``GET /api/v2/search?type=statuses``) for the mastodon source's ``terms``: the
request for one page, the Search entity read, and the time cursor as a status id.

How a search is paged, and why that misses nothing a poll is promised: Mastodon answers a search
with statuses newest first (by id), at most 40 per request; ``max_id`` asks for the statuses older
than an id (the oldest one of the page before) and ``min_id`` bounds them below. Status ids are
Snowflakes: the milliseconds of the status's creation shifted left 16 bits, plus a sequence, for
local and remote statuses alike; so a time is turned into the smallest id of that millisecond
(``id_at``) and used as ``min_id``: "created after this time". ``resolve=false`` always: a search
must not make the server fetch remote posts for us.

Only servers with full-text search (Elasticsearch or OpenSearch) find statuses by their words, and
only statuses of accounts that opted in to being searched (and the token holder's own, and those
it interacted with); a server without it answers an empty list.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from voxpop.sources.base import BadPayload
from voxpop.sources.mastodon.parse import PAGE_LIMIT, MastodonConfig, read_json

PATH = "/api/v2/search"


def id_at(when: datetime) -> str:
    """The smallest Snowflake id of a status created at ``when`` (Mastodon's ``Mastodon::Snowflake.id_at``)."""
    millis = int(when.astimezone(UTC).timestamp() * 1000)
    return str(max(0, millis) << 16)


def search_url(config: MastodonConfig, term: str, *, min_id: str | None, max_id: str | None = None) -> str:
    params: dict[str, str] = {"q": term, "type": "statuses", "resolve": "false", "limit": str(PAGE_LIMIT)}
    if min_id is not None:
        params["min_id"] = min_id
    if max_id is not None:
        params["max_id"] = max_id
    return f"{config.instance}{PATH}?{urlencode(params)}"


def read_search(body: bytes, *, url: str) -> list[Any]:
    """The ``statuses`` of a Search entity (``{"accounts": [], "statuses": [], "hashtags": []}``)."""
    data = read_json(body, url=url)
    if not isinstance(data, dict) or not isinstance(data.get("statuses"), list):
        kind = "a list" if isinstance(data, list) else "an object without a statuses list" \
            if isinstance(data, dict) else type(data).__name__
        raise BadPayload(f"{url.split('?', 1)[0]} answered with {kind}, not a Search result")
    return data["statuses"]


def oldest(ids: list[str | None]) -> str | None:
    """The oldest of Mastodon ids (shorter is older, then lexically)."""
    present = [i for i in ids if i]
    return min(present, key=lambda i: (len(i), i)) if present else None
