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

from voxpop.query import Query, analyse
from voxpop.query.document import text_keys
from voxpop.store import Store
from voxpop.store.mentions import Mention, MentionFilter, iter_mentions_by_id, iter_mentions_newest, max_mention_id
from voxpop.store.queries import get_cursor, set_cursor, take_queued
from voxpop.store.search import indexed_candidates, order_newest, unindexed_ids, upsert_terms

STAGE = "search"
CHUNK = 2_000
#: Above this many prefilter hits a newest-first scan finds a page sooner than sorting them all.
CANDIDATE_LIMIT = 20_000
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
    with store.read() as conn:
        candidates, unindexed = _candidates(conn, query)
        if candidates is None:
            pool: Iterator[Mention] = iter_mentions_newest(conn, filters=filters, before=before, chunk=500)
            strategy = "scan"
        else:
            pool = _in_order(conn, order_newest(conn, ids=candidates, filters=filters, before=before))
            strategy = "index"
        found: list[Mention] = []
        checked = 0
        more = False
        for mention in pool:
            checked += 1
            document = analyse(mention)
            if not query.matches_document(document) or (exclude is not None and exclude.matches_document(document)):
                continue
            if len(found) == limit:
                more = True
                break
            found.append(mention)
    last = found[-1] if found and more else None
    return SearchPage(found, (last.published_at, last.id) if last else None, strategy, checked, unindexed)


def _candidates(conn: Any, query: Query) -> tuple[list[int] | None, int]:
    """Candidate ids (None: scan instead) and how many unindexed mentions were left out."""
    alternatives = query.required_terms()
    if not alternatives or any(not keys for keys in alternatives):
        return None, 0
    lookups = [sorted({lookup_token(k) for k in keys}) for keys in alternatives]
    if any(token in ("", "*") for tokens in lookups for token in tokens):
        return None, 0  # a key that folds to nothing (a lone combining mark) cannot be looked up
    indexed = indexed_candidates(conn, alternatives=lookups, limit=CANDIDATE_LIMIT)
    if indexed is None:
        return None, 0
    cursor = get_cursor(conn, stage=STAGE)
    fresh = unindexed_ids(conn, after=cursor, stage=STAGE, limit=UNINDEXED_LIMIT)
    if fresh is None:
        return indexed, max(UNINDEXED_LIMIT + 1, max_mention_id(conn) - cursor)
    return indexed + fresh, 0


def _in_order(conn: Any, ids: list[int], page: int = 200) -> Iterator[Mention]:
    for start in range(0, len(ids), page):
        chunk = ids[start:start + page]
        by_id = {m.id: m for m in iter_mentions_by_id(conn, ids=chunk)}
        for mention_id in chunk:
            if mention_id in by_id:
                yield by_id[mention_id]
