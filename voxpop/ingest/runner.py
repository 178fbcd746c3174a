"""Run a source once: collect → upsert → cursor, one transaction per batch; map failures to state."""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import random
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from queue import Empty, Full
from typing import Any

from voxpop.records import Reject
from voxpop.sources import registry
from voxpop.sources.base import (
    AuthExpired,
    Batch,
    RateLimited,
    SourceConfigError,
    SourceError,
    SourceGone,
)
from voxpop.store import Store
from voxpop.store.mentions import (
    PreparedMention,
    UpsertCounts,
    prepare_mentions,
    store_rejects,
    tombstone_mentions,
    write_prepared,
)
from voxpop.store.sources import SourceRow, get_source, record_run, save_cursor

log = logging.getLogger(__name__)

Progress = Callable[["PreparedBatch", "RunReport"], None]


@dataclass(slots=True)
class PreparedBatch:
    """A Batch whose mentions are prepared for the store's dialect (hashed, compressed, encoded)."""

    mentions: list[PreparedMention]
    rejects: list[Reject]
    cursor: dict[str, Any] | None
    progress: tuple[int, int | None] | None
    deletions: list[str] = field(default_factory=list)


def prepared_batches(source: Any, cursor: dict[str, Any], *, source_id: int, dialect: str) -> Iterator[PreparedBatch]:
    for batch in source.collect(cursor):
        yield _prepare(batch, source_id=source_id, dialect=dialect)


def _prepare(batch: Batch, *, source_id: int, dialect: str) -> PreparedBatch:
    return PreparedBatch(prepare_mentions(batch.mentions, source_id=source_id, dialect=dialect),
                         batch.rejects, batch.cursor, batch.progress, batch.deletions)


_QUEUE_DEPTH = 4


def _produce(source: Any, cursor: dict[str, Any], source_id: int, dialect: str, queue: Any) -> None:
    # The reader obeys its parent, not the signals: SIGTERM ends it at once (the parent's
    # graceful-stop handler, inherited through fork, would keep it alive), Ctrl-C is for the parent.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def put(item: Any) -> None:
        while True:
            try:
                queue.put(item, timeout=1.0)
                return
            except Full:
                if os.getppid() != parent:  # the writer died (kill -9): nobody will read this
                    os._exit(1)

    try:
        for batch in prepared_batches(source, cursor, source_id=source_id, dialect=dialect):
            put(batch)
        put(None)
    except SourceError as exc:
        put(exc)
    except BaseException as exc:  # handed to the writer, which raises it
        put(SourceError(f"the reader process failed: {type(exc).__name__}: {exc}"))


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
        if worker.is_alive():
            worker.kill()
            worker.join(timeout=5)
        queue.cancel_join_thread()
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
BACKOFF_FIRST_S = 30
BACKOFF_MAX_S = 6 * 3600


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
    # Transient trouble and anything unexpected: retry soon, then back off exponentially
    # (30 s, 1 min, 2 min, … at most 6 h) — ``failures`` counts this failure too.
    backoff = min(BACKOFF_FIRST_S * 2 ** max(failures - 1, 0), BACKOFF_MAX_S)
    return "error", now + timedelta(seconds=backoff * jitter)


def build_source(row: SourceRow, store: Store, config: dict[str, Any] | None = None) -> Any:
    cls = registry.load(row.kind)
    return cls(source_id=row.id, name=row.name, config=config or row.config, settings=store.settings)


def run_source(store: Store, row: SourceRow, *, config: dict[str, Any] | None = None,
               progress: Progress | None = None, record: bool = True,
               stop: Callable[[], bool] | None = None) -> RunReport:
    """Collect everything new from one source. Each batch is stored with its cursor atomically,
    so an interrupted run resumes where the last committed batch ended. ``stop`` is asked after
    each batch (a service shutting down); the rest is collected at the next run."""
    report = RunReport(source=row.name)
    error: SourceError | None = None
    stopped = False
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
                if batch.deletions:
                    tombstone_mentions(conn, source_id=row.id, external_ids=batch.deletions)
                if batch.cursor is not None:
                    save_cursor(conn, source_id=row.id, cursor=batch.cursor, collected=counts.inserted)
            report.counts.add(counts)
            report.rejected += len(batch.rejects)
            room = MAX_REJECTS_SHOWN - len(report.rejects)
            if room > 0:
                report.rejects.extend(batch.rejects[:room])
            if progress:
                progress(batch, report)
            if stop is not None and stop():
                stopped = True
                break
    except SourceError as exc:
        error = exc
        report.error = str(exc)
    except Exception as exc:  # a bug in a connector must not stop the other sources
        log.exception("source %s failed unexpectedly", row.name)
        error = SourceError(f"unexpected failure: {type(exc).__name__}: {exc}")
        report.error = str(error)
    state, next_run = state_after(error, interval_s=row.interval_s, failures=row.failures + 1)
    if stopped:
        next_run = datetime.now(UTC)  # interrupted: carry on as soon as the service is back
    report.state = state
    if record:
        with store.write() as conn:
            record_run(conn, source_id=row.id, state=state, error=report.error, next_run_at=next_run)
    return report
