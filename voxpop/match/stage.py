"""The match stage: every enabled saved query against mentions the stage has not seen yet, and
backfills over history. Matches and the stage's cursor are written in one transaction, so an
interrupted run resumes without gaps or repeats."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from voxpop.match.index import QueryIndex
from voxpop.store import Store
from voxpop.store.mentions import iter_mentions_by_id, max_mention_id
from voxpop.store.queries import (
    QueryRow,
    add_matches,
    clear_queue,
    get_cursor,
    get_exclusions,
    list_queries,
    remove_matches,
    set_cursor,
    take_queued,
)

STAGE = "match"
CHUNK = 2_000

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class MatchReport:
    mentions: int = 0
    matches: int = 0
    invalid_queries: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"mentions": self.mentions, "matches": self.matches, "invalid_queries": self.invalid_queries}


def compile_queries(rows: list[QueryRow], report: MatchReport) -> list[tuple[int, Any]]:
    """Parsed enabled queries. A stored query the parser now refuses is skipped and reported,
    never silently treated as matching nothing."""
    if not rows:
        return []
    from voxpop.query import QueryError, parse

    compiled = []
    for row in rows:
        try:
            compiled.append((row.id, parse(row.text)))
        except QueryError as exc:
            report.invalid_queries.append(f"{row.name}: {exc}")
    return compiled


def compile_exclusions(expressions: list[str], report: MatchReport) -> Any:
    """The workspace-wide exclusions as one query (their OR), or None. An expression the parser
    now refuses is reported and left out."""
    if not expressions:
        return None
    from voxpop.query import QueryError, parse

    usable = []
    for expression in expressions:
        try:
            parse(expression)
            usable.append(f"({expression})")
        except QueryError as exc:
            report.invalid_queries.append(f"exclusion {expression!r}: {exc}")
    return parse(" OR ".join(usable)) if usable else None


def _evaluate(index: QueryIndex, mentions: list[Any]) -> list[tuple[int, int]]:
    """Each mention is analysed once (words, keys, positions); only the queries the index says
    could match it are evaluated."""
    from voxpop.query import analyse

    pairs = []
    for mention in mentions:
        for query_id in index.matching(analyse(mention)):
            pairs.append((query_id, mention.id))
    return pairs


def match_pending(store: Store, *, progress: Progress | None = None) -> MatchReport:
    """Match every mention stored since the last run (and every edited one) against every
    enabled query."""
    report = MatchReport()
    with store.read() as conn:
        compiled = compile_queries(list_queries(conn, enabled_only=True), report)
        index = QueryIndex.build(compiled, exclude=compile_exclusions(get_exclusions(conn), report))
        start = get_cursor(conn, stage=STAGE)
        end = max_mention_id(conn)
    # lang: and sentiment: read what enrichment puts on a mention: never match a mention (new or
    # edited) before it is enriched — in the service, mentions land while the stages run
    from voxpop.enrich.stage import enrich_pending

    enrich_pending(store)
    if not compiled:
        # Nothing to match against: the cursor still moves, so adding a query later backfills
        # history through backfill_query instead of re-reading it here.
        with store.write() as conn:
            set_cursor(conn, stage=STAGE, position=end)
            clear_queue(conn, stage=STAGE)
        return report
    for chunk in _chunks(store, start, end):
        pairs = _evaluate(index, chunk)
        with store.write() as conn:
            add_matches(conn, pairs=pairs)
            set_cursor(conn, stage=STAGE, position=chunk[-1].id)
        report.mentions += len(chunk)
        report.matches += len(pairs)
        if progress:
            progress(chunk[-1].id - start, end - start)
    while True:
        with store.write() as conn:
            ids = take_queued(conn, stage=STAGE, limit=CHUNK, unless_queued_for="enrich")
            if not ids:
                break
            mentions = list(iter_mentions_by_id(conn, ids=ids))
            pairs = _evaluate(index, mentions)
            add_matches(conn, pairs=pairs)
        report.mentions += len(mentions)
        report.matches += len(pairs)
    return report


def backfill_query(store: Store, row: QueryRow, *, progress: Progress | None = None) -> MatchReport:
    """(Re)compute one query's matches over all stored mentions: matches that no longer hold are
    removed, new ones added. A mention the match stage evaluates again later is not matched
    twice (matches are idempotent)."""
    report = MatchReport()
    compiled = compile_queries([row], report)
    from voxpop.store.alerts import mark_rollups_dirty

    with store.write() as conn:
        remove_matches(conn, query_id=row.id)
        mark_rollups_dirty(conn, query_id=row.id)  # the alert stage recounts the query's rollups
        end = max_mention_id(conn)
        index = QueryIndex.build(compiled, exclude=compile_exclusions(get_exclusions(conn), report))
    if not compiled:
        return report
    for chunk in _chunks(store, 0, end):
        pairs = _evaluate(index, chunk)
        with store.write() as conn:
            add_matches(conn, pairs=pairs)
        report.mentions += len(chunk)
        report.matches += len(pairs)
        if progress:
            progress(chunk[-1].id, end)
    with store.write() as conn:
        mark_rollups_dirty(conn, query_id=row.id)  # again: a recount during the backfill saw part of it
    return report


def _chunks(store: Store, start: int, end: int) -> Iterator[list[Any]]:
    position = start
    while position < end:
        with store.read() as conn:
            chunk = list(iter_mentions_by_id(conn, after=position, until=end, limit=CHUNK))
        if not chunk:
            return
        yield chunk
        position = chunk[-1].id
