"""Search over stored mentions with the query language, helped by a full-text prefilter.

The search stage stores each mention's query keys (``Document.index_keys``: word keys, ``#tag``,
``@handle``) as index tokens; a query's ``required_terms`` become a full-text lookup over them
(FTS5 on SQLite, GIN on PostgreSQL). Every candidate is then checked by the matcher itself, so
the results are exactly the matcher's: the index only decides which mentions are worth checking.

When the prefilter cannot help — the query needs no literal key (a field or a NOT decides
alone), or its keys are so common that more than ``CANDIDATE_LIMIT`` mentions hold them — the
search scans newest first instead, where matches are frequent enough to fill a page quickly.
Mentions the index has not caught up with yet (stored after its cursor, or edited since) are
candidates too while there are at most ``UNINDEXED_LIMIT`` of them, so a search sees what was
stored a moment ago. During a bulk load (``voxpop import --no-process``) there can be far more:
the search then covers what is indexed and says how many mentions it could not see yet
(``SearchPage.unindexed``) instead of slowing every search down; ``voxpop process`` indexes them
(an import with processing runs the stages as it goes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from voxpop.match.index import decided_by_keys
from voxpop.query import Query, analyse
from voxpop.query.document import text_keys
from voxpop.store import Store
from voxpop.store.mentions import Mention, MentionFilter, iter_mentions_by_id, max_mention_id
from voxpop.store.queries import get_cursor, set_cursor, take_queued
from voxpop.store.search import (
    code_condition,
    contains_condition,
    count_hits,
    indexed_candidates,
    iter_hits_newest,
    iter_keyed_newest,
    order_newest,
    queued_ids,
    unindexed_ids,
    upsert_terms,
)

STAGE = "search"
CHUNK = 2_000
#: Above this many prefilter hits a newest-first scan finds a page sooner than sorting them all.
CANDIDATE_LIMIT = 20_000
#: Up to this many prefilter hits the database sorts them newest first; above it the words are
#: everywhere, and a newest-first scan over the stored keys fills a page sooner.
SORTED_LIMIT = 200_000
#: Fresh mentions checked by the matcher alone, at most (beyond that they wait for the index).
UNINDEXED_LIMIT = 2_000
#: Index tokens are cut to this many characters (PostgreSQL refuses lexemes over 2 kB); a cut
#: token is looked up as a prefix, which only widens the candidates.
MAX_TOKEN = 200

Progress = Callable[[int, int], None]


def index_token(key: str) -> str:
    """A query key as an index token made of ``[a-z0-9_]`` only: other characters become
    ``_<hex code point>_``. The encoding goes character by character, so the token of a prefix
    is a prefix of the word's token (wildcards stay prefix lookups)."""
    if key.isascii() and key.isalnum() and key.islower():
        return key
    return "".join(c if ("a" <= c <= "z" or "0" <= c <= "9") else f"_{ord(c):x}_" for c in key)


def lookup_token(key: str) -> str:
    """The token to look a required key up with; ``prefix*`` keys and cut tokens end with ``*``."""
    if key.endswith("*"):
        return index_token(key[:-1])[:MAX_TOKEN] + "*"
    token = index_token(key)
    return token[:MAX_TOKEN] + "*" if len(token) > MAX_TOKEN else token


def mention_terms(title: str | None, text: str | None) -> str:
    """The space-separated index tokens of a mention with this title and text."""
    return " ".join(sorted({index_token(k)[:MAX_TOKEN] for k in text_keys(title, text) if k}))


@dataclass(slots=True)
class IndexReport:
    mentions: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"mentions": self.mentions}


def index_pending(store: Store, *, progress: Progress | None = None) -> IndexReport:
    """Index every mention stored since the last run, then every edited one (queued by the store)."""
    report = IndexReport()
    with store.read() as conn:
        start = get_cursor(conn, stage=STAGE)
        end = max_mention_id(conn)
    position = start
    while position < end:
        with store.read() as conn:
            chunk = list(iter_mentions_by_id(conn, after=position, until=end, limit=CHUNK))
        if not chunk:
            break
        rows = [(m.id, mention_terms(m.title, m.text)) for m in chunk]  # computed outside the write lock
        with store.write() as conn:
            report.mentions += upsert_terms(conn, rows=rows)
            set_cursor(conn, stage=STAGE, position=chunk[-1].id)
        position = chunk[-1].id
        if progress:
            progress(position - start, end - start)
    while True:
        with store.write() as conn:
            queued = take_queued(conn, stage=STAGE, limit=CHUNK)
            if not queued:
                break
            report.mentions += upsert_terms(conn, rows=[(m.id, mention_terms(m.title, m.text))
                                                        for m in iter_mentions_by_id(conn, ids=queued)])
    return report


@dataclass(slots=True)
class SearchPage:
    mentions: list[Mention]
    #: pass as ``before`` for the next page; None when this page is the last
    next_before: tuple[datetime, int] | None
    #: "index" (prefilter candidates checked) or "scan" (newest first, every mention checked)
    strategy: str
    #: mentions the matcher checked
    checked: int
    #: mentions stored or edited too recently to be searched by the index, left out of this
    #: search (0: none; the search was complete)
    unindexed: int = 0


def search_mentions(
    store: Store, query: Query, *, filters: MentionFilter = MentionFilter(), limit: int = 20,
    before: tuple[datetime, int] | None = None, exclude: Query | None = None,
) -> SearchPage:
    """The newest ``limit`` mentions (published time, then id) the query matches and the
    exclusions do not, older than ``before``. Equal to checking every stored mention."""
    lookups = _lookups(query)
    # AND/OR of plain words, tags and handles: holding the keys decides the match, no text needed
    decided = (lookups is not None and exclude is None and decided_by_keys(query.root)
               and not any(t.endswith("*") for tokens in lookups for t in tokens))
    unindexed = 0
    where = field_condition(query.root)
    with store.read() as conn:
        ordered: Iterator[tuple[int, bool]]
        if lookups is None:
            ordered = ((m_id, True) for m_id, _, _ in iter_keyed_newest(conn, filters=filters, before=before,
                                                                          where=where))
            strategy = "scan"
        else:
            cursor = get_cursor(conn, stage=STAGE)
            indexed = indexed_candidates(conn, alternatives=lookups, limit=CANDIDATE_LIMIT)
            if indexed is not None:
                fresh = unindexed_ids(conn, after=cursor, stage=STAGE, limit=UNINDEXED_LIMIT)
                if fresh is None:
                    fresh, unindexed = [], max(UNINDEXED_LIMIT + 1, max_mention_id(conn) - cursor)
                unsure = set(fresh)
                ids = order_newest(conn, ids=indexed + fresh, filters=filters, before=before, where=where)
                ordered = ((m_id, not decided or m_id in unsure) for m_id in ids)
                strategy = "index"
            elif count_hits(conn, alternatives=lookups, limit=SORTED_LIMIT) <= SORTED_LIMIT:
                # many candidates: the database sorts them (cheaper than scanning every mention
                # when they are bunched in time, as a campaign hashtag is)
                stale = queued_ids(conn, stage=STAGE)
                ordered = ((m_id, not decided or m_id > cursor or m_id in stale)
                           for m_id in iter_hits_newest(conn, alternatives=lookups, filters=filters, before=before,
                                                        where=where, fresh_after=cursor))
                strategy = "sorted"
            else:
                ordered = _keyed_scan(conn, lookups, filters=filters, before=before, cursor=cursor,
                                      decided=decided, where=where)
                strategy = "keys"
        found: list[Mention] = []
        checked = 0
        more = False
        for mention, verify in _fetched(conn, ordered):
            if verify:
                checked += 1
                document = analyse(mention)
                if not query.matches_document(document) or (
                        exclude is not None and exclude.matches_document(document)):
                    continue
            if len(found) == limit:
                more = True
                break
            found.append(mention)
    last = found[-1] if found and more else None
    return SearchPage(found, (last.published_at, last.id) if last else None, strategy, checked, unindexed)


def field_condition(node: Any) -> Any:
    """A SQL condition every mention the query matches meets, from the fields it requires
    (``lang:``, ``country:``, ``channel:``, ``sentiment:``, ``site:``, ``url:``, ``links:`` under
    ANDs and ORs), or None. Such queries then read only the mentions that can match, not all."""
    from voxpop.query.nodes import And, CodeField, LinksField, Or, SiteField, UrlField

    if isinstance(node, CodeField):
        return code_condition(node.attribute, node.codes)
    if isinstance(node, SiteField | UrlField):  # the host or the value is part of the mention's URL
        return contains_condition(["url"], [g.pattern for g in node.globs])
    if isinstance(node, LinksField):  # a link, or a URL written in the title or text
        return contains_condition(["links", "title", "text"], [g.pattern for g in node.globs])
    if isinstance(node, And):
        parts = [c for c in (field_condition(child) for child in node.children) if c is not None]
        return sa.and_(*parts) if parts else None
    if isinstance(node, Or):
        parts = [field_condition(child) for child in node.children]
        return sa.or_(*parts) if parts and all(p is not None for p in parts) else None
    return None


def _lookups(query: Query) -> list[list[str]] | None:
    """The index tokens the query needs (alternatives of tokens, ``*`` for a prefix), or None
    when the index cannot narrow it."""
    alternatives = query.required_terms()
    if not alternatives or any(not keys for keys in alternatives):
        return None
    lookups = [sorted({lookup_token(k) for k in keys}) for keys in alternatives]
    if any(token in ("", "*") for tokens in lookups for token in tokens):
        return None  # a key that folds to nothing (a lone combining mark) cannot be looked up
    return lookups


def _holds(terms: str, lookups: list[list[str]]) -> bool:
    """Whether a mention with these index tokens holds every token of some alternative."""
    tokens = set(terms.split(" "))
    for alternative in lookups:
        for token in alternative:
            if token.endswith("*"):
                prefix = token[:-1]
                if not any(t.startswith(prefix) for t in tokens):
                    break
            elif token not in tokens:
                break
        else:
            return True
    return False


def _keyed_scan(conn: Any, lookups: list[list[str]], *, filters: MentionFilter,
                before: tuple[datetime, int] | None, cursor: int, decided: bool,
                where: Any = None) -> Iterator[tuple[int, bool]]:
    """Newest first over every mention, deciding from its stored keys which ones to read: the
    path for common words, where the index would propose too many candidates to sort."""
    stale = queued_ids(conn, stage=STAGE)
    for mention_id, _, terms in iter_keyed_newest(conn, filters=filters, before=before, where=where):
        if terms is None or mention_id > cursor or mention_id in stale:
            yield mention_id, True  # not indexed (yet), or edited since: only the matcher knows
        elif _holds(terms, lookups):
            yield mention_id, not decided


def _fetched(conn: Any, ordered: Iterator[tuple[int, bool]], page: int = 100) -> Iterator[tuple[Mention, bool]]:
    """The mentions for (id, verify) pairs, in order, read a page at a time."""
    batch: list[tuple[int, bool]] = []

    def flush() -> Iterator[tuple[Mention, bool]]:
        by_id = {m.id: m for m in iter_mentions_by_id(conn, ids=[m_id for m_id, _ in batch])}
        for m_id, verify in batch:
            if m_id in by_id:
                yield by_id[m_id], verify

    for item in ordered:
        batch.append(item)
        if len(batch) >= page:
            yield from flush()
            batch = []
    if batch:
        yield from flush()
