"""The one place the web app and API search stored mentions with the query language, so the
search prefilter (voxpop.store.search.search_mentions) can replace this scan in one edit.

Pages are keyset pages over (published time, id), newest first: a cursor names the last mention
of a page, so new mentions arriving between two requests never shift or repeat a page.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import orjson
from sqlalchemy.engine import Connection

from voxpop.query import Query
from voxpop.records import Mention
from voxpop.store.mentions import MentionFilter, iter_mentions_newest


class BadCursor(ValueError):
    pass


def encode_cursor(mention: Mention) -> str:
    raw = orjson.dumps([mention.published_at.isoformat(), mention.id])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        published, mention_id = orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        when = datetime.fromisoformat(published)
        if when.tzinfo is None or not isinstance(mention_id, int):
            raise ValueError
        return when, mention_id
    except (ValueError, TypeError, orjson.JSONDecodeError):
        raise BadCursor("the cursor is not one this API gave out; start again without it") from None


def iter_matching(conn: Connection, *, filters: MentionFilter, query: Query | None,
                  before: tuple[datetime, int] | None = None) -> Iterator[Mention]:
    """Mentions passing the filters (and the query, and not the workspace exclusions), newest first."""
    from voxpop.match.stage import MatchReport, compile_exclusions
    from voxpop.query import analyse
    from voxpop.store.queries import get_exclusions

    mentions = iter_mentions_newest(conn, filters=filters, before=before)
    if query is None:
        yield from mentions
        return
    excluded = compile_exclusions(get_exclusions(conn), MatchReport())
    for m in mentions:
        document = analyse(m)
        if query.matches_document(document) and not (excluded and excluded.matches_document(document)):
            yield m


@dataclass(frozen=True, slots=True)
class Page:
    mentions: list[Mention]
    next_cursor: str | None


def search_page(conn: Connection, *, filters: MentionFilter, query: Query | None, limit: int,
                cursor: str | None = None) -> Page:
    before = decode_cursor(cursor) if cursor else None
    found: list[Mention] = []
    for m in iter_matching(conn, filters=filters, query=query, before=before):
        found.append(m)
        if len(found) > limit:
            break
    more = len(found) > limit
    found = found[:limit]
    return Page(found, encode_cursor(found[-1]) if more and found else None)
