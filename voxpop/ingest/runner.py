"""Run a source once: collect → upsert → cursor, one transaction per batch; map failures to state."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from voxpop.records import Reject
from voxpop.sources import registry
from voxpop.sources.base import (
    AuthExpired,
    BadPayload,
    Batch,
    FetchRefused,
    RateLimited,
    SourceConfigError,
    SourceError,
    SourceGone,
    TransientFetchError,
)
from voxpop.store import Store
from voxpop.store.mentions import UpsertCounts, store_rejects, upsert_mentions
from voxpop.store.sources import SourceRow, get_source, record_run, save_cursor

Progress = Callable[[Batch, "RunReport"], None]


@dataclass(slots=True)
class RunReport:
    source: str
    counts: UpsertCounts = field(default_factory=UpsertCounts)
    rejected: int = 0
    rejects: list[Reject] = field(default_factory=list)  # the first ones, for display
    error: str | None = None
    state: str = "ok"

    @property
    def ok(self) -> bool:
        return self.error is None

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "inserted": self.counts.inserted,
            "updated": self.counts.updated,
            "unchanged": self.counts.unchanged,
            "rejected": self.rejected,
            "rejects": [{"location": r.location, "reason": r.reason} for r in self.rejects],
            "state": self.state,
            "error": self.error,
        }


MAX_REJECTS_SHOWN = 100


def state_after(exc: SourceError | None, *, interval_s: int, failures: int = 1,
                now: datetime | None = None) -> tuple[str, datetime | None]:
    """The one place a failure becomes a source state and the time of the next attempt."""
    now = now or datetime.now(UTC)
    jitter = random.uniform(0.9, 1.1)  # noqa: S311 - scheduling jitter, not security
    if exc is None:
        return "ok", now + timedelta(seconds=interval_s * jitter)
    if isinstance(exc, RateLimited):
        wait = exc.retry_after if exc.retry_after is not None else interval_s
        return "rate_limited", now + timedelta(seconds=max(wait, 1))
    if isinstance(exc, AuthExpired):
        return "needs_attention", None
    if isinstance(exc, SourceGone | SourceConfigError):
        return "disabled", None
    if isinstance(exc, TransientFetchError | BadPayload | FetchRefused):
        backoff = min(interval_s * 2 ** min(failures, 6), 24 * 3600)
        return "error", now + timedelta(seconds=backoff * jitter)
    return "error", now + timedelta(seconds=interval_s * jitter)


def build_source(row: SourceRow, store: Store, config: dict[str, Any] | None = None) -> Any:
    cls = registry.load(row.kind)
    return cls(source_id=row.id, name=row.name, config=config or row.config, settings=store.settings)


def run_source(store: Store, row: SourceRow, *, config: dict[str, Any] | None = None,
               progress: Progress | None = None, record: bool = True) -> RunReport:
    """Collect everything new from one source. Each batch is stored with its cursor atomically,
    so an interrupted run resumes where the last committed batch ended."""
    report = RunReport(source=row.name)
    error: SourceError | None = None
    try:
        source = build_source(row, store, config)
        with store.read() as conn:
            cursor = get_source(conn, source_id=row.id).cursor
        for batch in source.collect(cursor):
            with store.write() as conn:
                counts = upsert_mentions(conn, source_id=row.id, drafts=batch.mentions)
                store_rejects(conn, source_id=row.id, rejects=batch.rejects)
                if batch.cursor is not None:
                    save_cursor(conn, source_id=row.id, cursor=batch.cursor, collected=counts.inserted)
            report.counts.add(counts)
            report.rejected += len(batch.rejects)
            room = MAX_REJECTS_SHOWN - len(report.rejects)
            if room > 0:
                report.rejects.extend(batch.rejects[:room])
            if progress:
                progress(batch, report)
    except SourceError as exc:
        error = exc
        report.error = str(exc)
    state, next_run = state_after(error, interval_s=row.interval_s)
    report.state = state
    if record:
        with store.write() as conn:
            record_run(conn, source_id=row.id, state=state, error=report.error, next_run_at=next_run)
    return report
