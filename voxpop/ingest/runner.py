"""Run a source once: collect → upsert → cursor, one transaction per batch; map failures to state."""

from __future__ import annotations

import multiprocessing as mp
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from queue import Empty
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
from voxpop.store.mentions import PreparedMention, UpsertCounts, prepare_mentions, store_rejects, write_prepared
from voxpop.store.sources import SourceRow, get_source, record_run, save_cursor

Progress = Callable[["PreparedBatch", "RunReport"], None]


@dataclass(slots=True)
class PreparedBatch:
    """A Batch whose mentions are prepared for the store's dialect (hashed, compressed, encoded)."""

    mentions: list[PreparedMention]
    rejects: list[Reject]
    cursor: dict[str, Any] | None
    progress: tuple[int, int | None] | None


def prepared_batches(source: Any, cursor: dict[str, Any], *, source_id: int, dialect: str) -> Iterator[PreparedBatch]:
    for batch in source.collect(cursor):
        yield _prepare(batch, source_id=source_id, dialect=dialect)


def _prepare(batch: Batch, *, source_id: int, dialect: str) -> PreparedBatch:
    return PreparedBatch(prepare_mentions(batch.mentions, source_id=source_id, dialect=dialect),
                         batch.rejects, batch.cursor, batch.progress)


_QUEUE_DEPTH = 4


def _produce(source: Any, cursor: dict[str, Any], source_id: int, dialect: str, queue: Any) -> None:
    try:
        for batch in prepared_batches(source, cursor, source_id=source_id, dialect=dialect):
            queue.put(batch)
        queue.put(None)
    except SourceError as exc:
        queue.put(exc)
    except BaseException as exc:  # handed to the writer, which raises it
        queue.put(SourceError(f"the reader process failed: {type(exc).__name__}: {exc}"))


def in_reader_process(source: Any, cursor: dict[str, Any], *, source_id: int, dialect: str) -> Iterator[PreparedBatch]:
    """Reading, parsing and preparing run in a second process while this one writes: both halves
    are CPU-bound, and SQLite wants one writer. Batches arrive in order, each with its cursor."""
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    ctx = mp.get_context(method)
    queue = ctx.Queue(maxsize=_QUEUE_DEPTH)
    worker = ctx.Process(  # type: ignore[attr-defined]
        target=_produce, args=(source, cursor, source_id, dialect, queue), daemon=True, name="voxpop-reader"
    )
    worker.start()
    try:
        while True:
            try:
                item = queue.get(timeout=1.0)
            except Empty:
                if not worker.is_alive():
                    raise SourceError("the reader process stopped unexpectedly") from None
                continue
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        if worker.is_alive():
            worker.terminate()
        worker.join(timeout=5)
        queue.close()


@dataclass(slots=True)
class RunReport:
    source: str
    counts: UpsertCounts = field(default_factory=UpsertCounts)
    rejected: int = 0
    rejects: list[Reject] = field(default_factory=list)  # the first ones, for display
    error: str | None = None
    state: str = "ok"
    #: (query, mention) matches the match stage recorded after this run (see voxpop/match)
    matched: int = 0

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
            "matched": self.matched,
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
        wants_process = getattr(source, "wants_reader_process", None)
        if wants_process is not None and wants_process():
            batches = in_reader_process(source, cursor, source_id=row.id, dialect=store.dialect)
        else:
            batches = prepared_batches(source, cursor, source_id=row.id, dialect=store.dialect)
        for batch in batches:
            with store.write() as conn:
                counts = write_prepared(conn, source_id=row.id, prepared=batch.mentions)
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
