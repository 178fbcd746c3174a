"""The embedded scheduler: every enabled source at its own interval (with jitter), at most a few
at once and one at a time per host; streaming sources (a firehose) hold their worker and store a
batch every second or so. The stages after the store (voxpop.runtime.pipeline) run on their own
thread, woken by every stored batch, so a stream that never ends is still enriched, matched and
indexed as it lands. SIGTERM or Ctrl-C stops it gracefully: runs in flight finish the batch they
are storing (its cursor is saved), and nothing new starts."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from voxpop.ingest.runner import RunReport, run_source
from voxpop.store import Store
from voxpop.store.sources import SourceRow, list_sources

log = logging.getLogger(__name__)

#: States in which a source waits for a person instead of being run again.
WAITING_FOR_A_PERSON = frozenset({"needs_attention", "disabled"})


def source_host(row: SourceRow) -> str:
    """The host a source talks to, for the per-host limit ('' for local files)."""
    config = row.config or {}
    for key in ("url", "instance", "base_url", "sitemap"):
        value = config.get(key)
        if isinstance(value, str) and "://" in value:
            return urlsplit(value).hostname or ""
    urls = config.get("urls")
    if isinstance(urls, list) and urls and isinstance(urls[0], str):
        return urlsplit(urls[0]).hostname or ""
    return ""


@dataclass
class Scheduler:
    store: Store
    max_running: int = 4
    per_host: int = 1
    #: Longest sleep between looks at the sources table (new or re-enabled sources are noticed).
    poll_s: float = 5.0
    on_report: Callable[[RunReport], None] | None = None
    #: called after each pass of the stages after the store that did some work
    on_stages: Callable[[Any], None] | None = None
    stopping: threading.Event = field(default_factory=threading.Event)
    #: Set when a run ends or a stop is asked, so the loop looks again at once.
    _wake: threading.Event = field(default_factory=threading.Event)
    _ran: set[int] = field(default_factory=set)
    _running: dict[int, Future[Any]] = field(default_factory=dict)
    _hosts: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    #: set whenever a batch has been stored: the stages thread wakes up
    _stored: threading.Event = field(default_factory=threading.Event)
    #: Deliver notifications (alerts, ...) from the outbox on a thread of the service (not with --once:
    #: 'voxpop outbox deliver' is the cron job's); woken by the alert stage when it enqueues some.
    deliver: bool = True

    def stop(self) -> None:
        self.stopping.set()
        self._wake.set()

    def run(self, *, once: bool = False) -> list[RunReport]:
        """Run until stopped; with ``once``, run every due source one time and return."""
        reports: list[RunReport] = []
        stages = threading.Thread(target=self._stages_loop, name="voxpop-stages", daemon=True)
        stages.start()
        deliverer, delivering = self._start_deliverer() if self.deliver and not once else (None, None)
        # digests: enqueue each daily and weekly digest as it falls due, beside the deliverer
        # (voxpop/notify/digest.py; with --once, 'voxpop digest send-due' is the cron job's)
        digests, digesting = self._start_digests(deliverer) if deliverer is not None else (None, None)
        with ThreadPoolExecutor(max_workers=self.max_running, thread_name_prefix="voxpop-source") as pool:
            while not self.stopping.is_set():
                started = self._start_due(pool, reports, once=once)
                if once:
                    if not started and not self._running:
                        break
                    self._wait_any(timeout=self.poll_s)
                    continue
                self._wait_any(timeout=self._sleep_s())
            # graceful stop: in-flight runs end after the batch they are storing
            for future in list(self._running.values()):
                future.result()
        self.stopping.set()
        self._stored.set()
        stages.join()
        if digests is not None and digesting is not None:  # a digest being built is enqueued, or stays due
            digests.stop()
            digesting.join()
        if deliverer is not None and delivering is not None:  # after the stages: what they enqueued is kept
            deliverer.stop()  # a send in flight finishes; the rest waits in the outbox for the next start
            delivering.join()
        if once:
            self._run_stages()  # what the last runs stored
        return reports

    def _start_deliverer(self) -> tuple[Any, threading.Thread]:
        from voxpop.alerts.stage import notify_with
        from voxpop.notify.deliver import Deliverer

        deliverer = Deliverer(self.store)
        notify_with(self.store, deliverer.wake)
        thread = threading.Thread(target=deliverer.run, name="voxpop-deliver", daemon=True)
        thread.start()
        return deliverer, thread

    def _start_digests(self, deliverer: Any) -> tuple[Any, threading.Thread]:
        from voxpop.notify.digest import DigestSender

        sender = DigestSender(self.store, on_enqueued=deliverer.wake)
        thread = threading.Thread(target=sender.run, name="voxpop-digests", daemon=True)
        thread.start()
        return sender, thread

    def _stages_loop(self) -> None:
        while not self.stopping.is_set():
            self._stored.wait(self.poll_s)
            if self.stopping.is_set():
                return
            self._stored.clear()
            self._run_stages()

    def _run_stages(self) -> None:
        from voxpop.runtime.pipeline import run_stages

        try:
            done = run_stages(self.store)
        except Exception:  # the store failed; log it and try again at the next wake-up
            log.exception("the stages after the store failed")
            return
        if self.on_stages and (done.enriched.mentions or done.matched.mentions):
            self.on_stages(done)

    def _due(self) -> list[SourceRow]:
        now = datetime.now(UTC)
        with self.store.read() as conn:
            rows = list_sources(conn, enabled_only=True)
        return [r for r in rows if r.state not in WAITING_FOR_A_PERSON
                and (r.next_run_at is None or r.next_run_at <= now)]

    @staticmethod
    def _streaming(row: SourceRow) -> bool:
        from voxpop.sources import registry

        try:
            return bool(getattr(registry.load(row.kind), "streaming", False))
        except Exception:  # an unknown kind fails in its run, with its own error
            return False

    def _start_due(self, pool: ThreadPoolExecutor, reports: list[RunReport], *, once: bool = False) -> int:
        started = 0
        for row in self._due():
            host = source_host(row)
            with self._lock:
                if row.id in self._running or len(self._running) >= self.max_running:
                    continue
                if once and (row.id in self._ran or self._streaming(row)):
                    continue  # --once collects what is there; a stream never ends
                if host and self._hosts.get(host, 0) >= self.per_host:
                    continue
                self._ran.add(row.id)
                self._hosts[host] = self._hosts.get(host, 0) + 1
                future = pool.submit(self._run_one, row, host, reports)
                self._running[row.id] = future
            started += 1
        return started

    def _run_one(self, row: SourceRow, host: str, reports: list[RunReport]) -> None:
        try:
            report = run_source(self.store, row, stop=self.stopping.is_set,
                                progress=lambda batch, report: self._stored.set())
            reports.append(report)
            if self.on_report:
                self.on_report(report)
        except Exception:  # the store itself failed; log it and let the loop go on
            log.exception("running source %s failed", row.name)
        finally:
            with self._lock:
                self._running.pop(row.id, None)
                self._hosts[host] -= 1
            self._wake.set()

    def _sleep_s(self) -> float:
        with self.store.read() as conn:
            rows = [r for r in list_sources(conn, enabled_only=True) if r.state not in WAITING_FOR_A_PERSON]
        upcoming = [r.next_run_at for r in rows if r.next_run_at is not None and r.id not in self._running]
        if not upcoming:
            return self.poll_s
        seconds = (min(upcoming) - datetime.now(UTC)).total_seconds()
        return max(0.05, min(seconds, self.poll_s))

    def _wait_any(self, *, timeout: float) -> None:
        self._wake.wait(timeout)
        self._wake.clear()
