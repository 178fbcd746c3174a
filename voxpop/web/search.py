"""The one place the web app and API search stored mentions with the query language (through
the search prefilter, voxpop.match.search.search_mentions) or list them without a query.

Pages are keyset pages over (published time, id), newest first: a cursor names the last mention
of a page, so new mentions arriving between two requests never shift or repeat a page.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

import orjson

from voxpop.query import Query
from voxpop.records import Mention
from voxpop.store import Store
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


def _exclusions(store: Store) -> Query | None:
    from voxpop.match.stage import MatchReport, compile_exclusions
    from voxpop.store.queries import get_exclusions

    with store.read() as conn:
        excluded: Query | None = compile_exclusions(get_exclusions(conn), MatchReport())
    return excluded


@dataclass(frozen=True, slots=True)
class Page:
    mentions: list[Mention]
    next_cursor: str | None


def search_page(store: Store, *, filters: MentionFilter, query: Query | None, limit: int,
                cursor: str | None = None) -> Page:
    """One page of mentions passing the filters (and the query, and not the workspace
    exclusions), newest first; BadCursor for a cursor this API did not give out."""
    before = decode_cursor(cursor) if cursor else None
    if query is not None:
        from voxpop.match.search import search_mentions

        found = search_mentions(store, query, filters=filters, limit=limit, before=before, exclude=_exclusions(store))
        last = found.mentions[-1] if found.next_before is not None and found.mentions else None
        return Page(found.mentions, encode_cursor(last) if last else None)
    with store.read() as conn:
        rows = list(islice(iter_mentions_newest(conn, filters=filters, before=before, chunk=limit + 1), limit + 1))
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, encode_cursor(rows[-1]) if more and rows else None)


def iter_matching(store: Store, *, filters: MentionFilter, query: Query | None, batch: int = 500) -> Iterator[Mention]:
    """Every mention search_page would list, page after page (for exports)."""
    cursor: str | None = None
    while True:
        page = search_page(store, filters=filters, query=query, limit=batch, cursor=cursor)
        yield from page.mentions
        if page.next_cursor is None:
            return
        cursor = page.next_cursor
