"""Search backfill for a newly added saved query: the last ``VOXPOP_QUERY_BACKFILL_DAYS`` days searched
through every enabled search source whose terms come from the saved queries (``terms: from_queries``),
for that query's own searches (voxpop.sources.search_terms).

A backfill stores what it finds like a run of the source (same source, same upsert, removals become
tombstones) but never touches the source's cursor: its batches carry none, and the source's next
regular poll carries on from where it was. Its own progress lives only in this call; a backfill that
is interrupted is simply run again (what was stored is recognised by its id and not stored twice).
Only posts the new query (or, for the prefilter's 'maybe', possibly) could match are stored. A
source that fails is reported and the others carry on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from voxpop.match.prefilter import SavedQueries, compile_saved
from voxpop.sources import registry
from voxpop.sources.base import SourceError
from voxpop.sources.search_terms import FROM_QUERIES, plan_searches
from voxpop.store import Store
from voxpop.store.mentions import UpsertCounts, prepare_mentions, store_rejects, tombstone_mentions, write_prepared
from voxpop.store.queries import get_exclusions
from voxpop.store.sources import SourceRow, list_sources

log = logging.getLogger(__name__)

Builder = Callable[[SourceRow], Any]


@dataclass(slots=True)
class SourceBackfill:
    source: str
    searches: list[str] = field(default_factory=list)
    counts: UpsertCounts = field(default_factory=UpsertCounts)
    rejected: int = 0
    error: str | None = None


@dataclass(slots=True)
class BackfillReport:
    days: int
    sources: list[SourceBackfill] = field(default_factory=list)
    #: why the query cannot be searched for (it is still matched against what other sources collect)
    unsearchable: list[str] = field(default_factory=list)

    @property
    def inserted(self) -> int:
        return sum(s.counts.inserted for s in self.sources)

    def as_dict(self) -> dict[str, Any]:
        return {
            "days": self.days,
            "inserted": self.inserted,
            "unsearchable": self.unsearchable,
            "sources": [{"source": s.source, "searches": s.searches, "inserted": s.counts.inserted,
                         "updated": s.counts.updated, "rejected": s.rejected, "error": s.error}
                        for s in self.sources],
        }


def backfill_sources(store: Store) -> list[SourceRow]:
    """The enabled sources a search backfill goes through: search sources with ``terms: from_queries``."""
    with store.read() as conn:
        rows = list_sources(conn, enabled_only=True)
    found = []
    for row in rows:
        if (row.config or {}).get("terms") != FROM_QUERIES:
            continue
        try:
            cls = registry.load(row.kind)
        except SourceError:
            continue
        if hasattr(cls, "backfill") and hasattr(cls, "search_syntax"):
            found.append(row)
    return found


def search_backfill(store: Store, *, query_id: Any, text: str, days: int | None = None,
                    build: Builder | None = None, now: datetime | None = None) -> BackfillReport:
    """Search the last ``days`` days (default: the setting) for the query ``text`` through every
    backfill source, storing what its searches find under each source. ``build`` makes the source
    object of a row (tests inject their HTTP client); by default the registry's class."""
    days = store.settings.query_backfill_days if days is None else days
    report = BackfillReport(days=days)
    if days <= 0:
        return report
    since = (now or datetime.now(UTC)) - timedelta(days=days)
    with store.read() as conn:
        exclusions = tuple(get_exclusions(conn))
    prefilter = compile_saved(SavedQueries(((query_id, text),), exclusions))
    for row in backfill_sources(store):
        source = build(row) if build is not None else _build(row, store)
        plan = plan_searches([(query_id, text)], source.search_syntax)
        report.unsearchable = [u.reason for u in plan.unsearchable]
        done = SourceBackfill(source=row.name, searches=plan.terms)
        report.sources.append(done)
        if not plan.terms:
            continue
        try:
            for batch in source.backfill(plan.terms, since=since, prefilter=prefilter):
                prepared = prepare_mentions(batch.mentions, source_id=row.id, dialect=store.dialect)
                with store.write() as conn:
                    done.counts.add(write_prepared(conn, source_id=row.id, prepared=prepared))
                    store_rejects(conn, source_id=row.id, rejects=batch.rejects)
                    if batch.deletions:
                        tombstone_mentions(conn, source_id=row.id, external_ids=batch.deletions)
                done.rejected += len(batch.rejects)
        except SourceError as exc:
            done.error = str(exc)
        except Exception as exc:  # a bug in one connector must not stop the others, nor the query's saving
            log.exception("search backfill through %s failed unexpectedly", row.name)
            done.error = f"unexpected failure: {type(exc).__name__}: {exc}"
    return report


def _build(row: SourceRow, store: Store) -> Any:
    cls = registry.load(row.kind)
    return cls(source_id=row.id, name=row.name, config=row.config, settings=store.settings)
