"""The deliverer: leases due outbox rows, sends each to its destination, and records the outcome —
sent; retried later with exponential backoff and jitter; or dead-lettered with the reason.

Delivery is at least once: a deliverer that dies between sending and recording leaves its lease to
run out, and the row is sent again. Receivers drop the repeat by its Idempotency-Key (the same on
every try), which makes it exactly once from their point of view. Each row is leased just before
it is sent, for longer than the destination's own time limit, so a live deliverer never loses it.
"""

from __future__ import annotations

import logging
import random
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Literal

import httpx

from voxpop.notify import registry
from voxpop.notify.destinations.base import (
    Delivery,
    DeliveryError,
    Destination,
    DestinationConfigError,
    PermanentDeliveryError,
    TransientDeliveryError,
    redact,
)
from voxpop.notify.message import Notification, NotificationInvalid
from voxpop.settings import Settings
from voxpop.sources.fetch import build_client
from voxpop.store import Store
from voxpop.store.outbox import (
    DestinationNotFound,
    OutboxRow,
    claim_due,
    get_destination,
    mark_dead,
    mark_retry,
    mark_sent,
    next_due_at,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DeliveryPolicy:
    """How hard the deliverer tries. The defaults spread 12 tries over roughly 7 to 15 hours."""

    max_attempts: int = 12
    #: The wait after the first failed try; it doubles after each, up to ``max_delay_s``.
    base_delay_s: float = 30.0
    max_delay_s: float = 6 * 3600.0
    #: How long a row stays leased to the deliverer sending it. Longer than any destination's
    #: time limit (120 s at most), or a slow but live send could be sent again by another deliverer.
    lease_s: float = 300.0
    #: Notifications sent at once (one slow destination does not hold up the others).
    workers: int = 4


def retry_delay(policy: DeliveryPolicy, attempt: int, rng: random.Random) -> float:
    """Seconds to wait after failed try number ``attempt`` (1-based): exponential, capped, with
    "equal jitter" (half fixed, half random) so deliverers that failed together do not retry together."""
    ceiling = min(policy.max_delay_s, policy.base_delay_s * 2 ** (attempt - 1))
    return ceiling / 2 + rng.uniform(0, ceiling / 2)


Outcome = tuple[Literal["retry"], float, str] | tuple[Literal["dead"], None, str]


def outcome_for(error: Exception, *, attempt: int, policy: DeliveryPolicy, rng: random.Random) -> Outcome:
    """What a failed try means: ("retry", seconds to wait, reason) or ("dead", None, reason)."""
    if isinstance(error, PermanentDeliveryError | DestinationConfigError | NotificationInvalid):
        return "dead", None, f"not retried: {error}"
    reason = str(error) if isinstance(error, DeliveryError) else f"unexpected {type(error).__name__}: {error}"
    if attempt >= policy.max_attempts:
        return "dead", None, f"gave up after {attempt} tries; last: {reason}"
    wait = retry_delay(policy, attempt, rng)
    if isinstance(error, TransientDeliveryError) and error.retry_after is not None:
        wait = max(wait, min(error.retry_after, policy.max_delay_s))  # the receiver asked us to slow down
    return "retry", wait, reason


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    dead: int = 0
    #: Outcomes not recorded because another deliverer took the row over meanwhile (lease ran out).
    lost_leases: int = 0
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"sent": self.sent, "retried": self.retried, "dead": self.dead, "lost_leases": self.lost_leases,
                "problems": list(self.problems)}


class Deliverer:
    """Sends what the outbox holds. ``deliver_due()`` is one pass (cron, tests, 'voxpop outbox
    deliver'); ``run()`` keeps going until stopped (the embedded service).

    ``client`` replaces the guarded HTTP client (tests); ``after_send`` is called after a
    destination accepted a notification and before that is recorded — the crash window tests use.
    """

    def __init__(
        self, store: Store, *, settings: Settings | None = None, policy: DeliveryPolicy | None = None,
        owner: str | None = None, client: httpx.Client | None = None,
        after_send: Callable[[OutboxRow], None] | None = None, rng: random.Random | None = None,
    ) -> None:
        self.store = store
        self.settings = settings or store.settings
        self.policy = policy or DeliveryPolicy()
        self.owner = owner or f"deliverer-{uuid.uuid4().hex[:12]}"
        self.client = client
        self.after_send = after_send
        self.rng = rng or random.Random()  # jitter, not security
        self.stopping = threading.Event()
        self._wake = threading.Event()
        self._report_lock = threading.Lock()
        self._client_lock = threading.Lock()
        self._own_client: httpx.Client | None = None

    def _http_client(self) -> httpx.Client:
        """The injected client, or one guarded client shared by every send: building one loads the
        CA bundle (~80 ms), which per send was most of the deliverer's time."""
        if self.client is not None:
            return self.client
        with self._client_lock:
            if self._own_client is None:
                self._own_client = build_client(self.settings)
            return self._own_client

    def close(self) -> None:
        """Close the shared HTTP client (its connections); the deliverer may be used again after."""
        with self._client_lock:
            if self._own_client is not None:
                self._own_client.close()
                self._own_client = None

    def __enter__(self) -> Deliverer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- one pass ---------------------------------------------------------------------------

    def deliver_due(self, *, now: datetime | None = None) -> DeliveryReport:
        """Send every notification due at ``now`` (default: the clock at each claim), with
        ``policy.workers`` sends at once; returns when none is due."""
        report = DeliveryReport()
        workers = max(1, self.policy.workers)
        if workers == 1:
            self._work(report, now)
            return report
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="voxpop-deliver") as pool:
            for future in [pool.submit(self._work, report, now) for _ in range(workers)]:
                future.result()
        return report

    def _work(self, report: DeliveryReport, fixed_now: datetime | None) -> None:
        while not self.stopping.is_set():
            now = fixed_now or datetime.now(UTC)
            with self.store.write() as conn:
                claimed = claim_due(conn, owner=self.owner, now=now, lease=timedelta(seconds=self.policy.lease_s),
                                    limit=1)
            if not claimed:
                return
            self._deliver(claimed[0], report, fixed_now)

    def _deliver(self, row: OutboxRow, report: DeliveryReport, fixed_now: datetime | None) -> None:
        secrets: list[str] = []
        try:
            destination = self._destination(row.destination_id)
            secrets = destination.secrets()
            delivery = Delivery(idempotency_key=row.idempotency_key, event_key=row.event_key,
                                notification=Notification.parse(row.payload), created_at=row.created_at,
                                attempt=row.attempts)
            destination.send(delivery)
        except Exception as exc:  # every failure becomes an outcome below; none is dropped
            self._record_failure(row, exc, secrets, report, fixed_now)
            return
        if self.after_send is not None:
            self.after_send(row)
        with self.store.write() as conn:
            mark_sent(conn, outbox_id=row.id, now=fixed_now or datetime.now(UTC))
        with self._report_lock:
            report.sent += 1
        log.info("notification %s (%s) sent to destination %s", row.id, row.event_key, row.destination_id)

    def _record_failure(self, row: OutboxRow, exc: Exception, secrets: list[str], report: DeliveryReport,
                        fixed_now: datetime | None) -> None:
        verdict, wait, reason = outcome_for(exc, attempt=row.attempts, policy=self.policy, rng=self.rng)
        reason = redact(reason, secrets)[:2000]
        now = fixed_now or datetime.now(UTC)
        with self.store.write() as conn:
            if verdict == "dead":
                recorded = mark_dead(conn, outbox_id=row.id, owner=self.owner, now=now, error=reason)
            else:
                at = now + timedelta(seconds=wait or 0.0)
                recorded = mark_retry(conn, outbox_id=row.id, owner=self.owner, now=now, at=at, error=reason)
        with self._report_lock:
            if not recorded:
                report.lost_leases += 1
            elif verdict == "dead":
                report.dead += 1
                report.problems.append(f"#{row.id} dead-lettered: {reason}")
            else:
                report.retried += 1
                report.problems.append(f"#{row.id} try {row.attempts} failed (retried in {wait:.0f}s): {reason}")
        level = logging.ERROR if verdict == "dead" else logging.WARNING
        log.log(level, "notification %s (%s) %s: %s", row.id, row.event_key,
                "dead-lettered" if verdict == "dead" else "will be retried", reason)

    def _destination(self, destination_id: int) -> Destination:
        # Read on every send (not cached): an edited or disabled destination takes effect at once.
        with self.store.read() as conn:
            try:
                row = get_destination(conn, destination_id=destination_id)
            except DestinationNotFound as exc:
                raise PermanentDeliveryError(str(exc)) from None
        cls = registry.load(row.kind)
        return cls(name=row.name, config=row.config, settings=self.settings, client=self._http_client())

    # ---- the long-running loop -------------------------------------------------------------

    def wake(self) -> None:
        """Look at the outbox now (call after enqueuing, to deliver without waiting for the poll)."""
        self._wake.set()

    def stop(self) -> None:
        self.stopping.set()
        self._wake.set()

    def run(self, *, poll_s: float = 2.0, on_report: Callable[[DeliveryReport], None] | None = None) -> None:
        """Deliver until ``stop()``: a pass, then sleep until the next row falls due, at most
        ``poll_s`` (rows enqueued by another process are noticed within it)."""
        try:
            self._run(poll_s, on_report)
        finally:
            self.close()

    def _run(self, poll_s: float, on_report: Callable[[DeliveryReport], None] | None) -> None:
        while not self.stopping.is_set():
            report = self.deliver_due()
            if on_report is not None and (report.sent or report.retried or report.dead):
                on_report(report)
            with self.store.read() as conn:
                due = next_due_at(conn)
            sleep = poll_s
            if due is not None:
                sleep = min(poll_s, max(0.0, (due - datetime.now(UTC)).total_seconds()))
            self._wake.wait(timeout=sleep)
            self._wake.clear()
