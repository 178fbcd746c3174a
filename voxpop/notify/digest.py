"""When daily and weekly digests go out — at a wall-clock time in the workspace's time zone, the
same local time all year round, across daylight-saving changes — and sending the ones that are due
into the outbox, each period exactly once (``send_due``; ``DigestSender`` is the service's thread).

Two local times need a rule. A time that does not exist on the day the clocks go forward (02:30
in Copenhagen on the last Sunday of March) is sent when it would have been, moved by the gap
(03:30 local, the same instant in UTC as 02:30 in winter time). A time that happens twice on the
day the clocks go back is sent at its first occurrence only.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from voxpop.notify.digest_content import Digest
    from voxpop.store import Store
    from voxpop.store.digests import DigestSubscriptionRow

log = logging.getLogger(__name__)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, slots=True)
class DigestSchedule:
    """A digest's rhythm: ``daily`` at ``at``, or ``weekly`` on ``weekday`` (0 = Monday) at ``at``,
    in the IANA zone ``timezone``."""

    frequency: Literal["daily", "weekly"]
    at: time
    timezone: str
    weekday: int = 0

    def __post_init__(self) -> None:
        if self.frequency not in ("daily", "weekly"):
            raise ValueError(f"unknown digest frequency {self.frequency!r}: daily or weekly")
        if not 0 <= self.weekday <= 6:
            raise ValueError("weekday is 0 (Monday) to 6 (Sunday)")
        if self.at.tzinfo is not None:
            raise ValueError("the digest time is a wall-clock time in the schedule's zone, without a zone of its own")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.timezone!r}; use an IANA name such as Europe/Copenhagen") \
                from exc

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def on(self, day: date) -> datetime:
        """The instant (UTC) of the digest on local ``day`` (whether or not it is a digest day)."""
        local = datetime.combine(day, self.at, tzinfo=self.zone)  # fold=0: the first of two, or before a gap
        return local.astimezone(UTC)

    def _is_digest_day(self, day: date) -> bool:
        return self.frequency == "daily" or day.weekday() == self.weekday

    def next_after(self, after: datetime) -> datetime:
        """The first digest strictly after ``after`` (aware), in UTC."""
        _aware(after)
        day = after.astimezone(self.zone).date() - timedelta(days=1)  # a gap can move a time across midnight
        for _ in range(16):
            if self._is_digest_day(day) and (when := self.on(day)) > after:
                return when
            day += timedelta(days=1)
        raise AssertionError("unreachable: a digest day comes within a week")

    def previous_before(self, before: datetime) -> datetime:
        """The last digest at or before ``before``: the start of the period the next digest covers."""
        _aware(before)
        day = before.astimezone(self.zone).date() + timedelta(days=1)
        for _ in range(16):
            if self._is_digest_day(day) and (when := self.on(day)) <= before:
                return when
            day -= timedelta(days=1)
        raise AssertionError("unreachable: a digest day comes within a week")

    def period_ending(self, at: datetime) -> tuple[datetime, datetime]:
        """The period a digest sent at ``at`` covers: from the digest before it, up to ``at``."""
        return self.previous_before(at - timedelta(microseconds=1)), at


def _aware(value: datetime) -> None:
    if value.tzinfo is None:
        raise ValueError("naive datetime: give an aware time (UTC)")


def parse_schedule(text: str, *, timezone: str) -> DigestSchedule:
    """``daily 08:00`` or ``weekly monday 09:30`` → a schedule in ``timezone``."""
    parts = text.lower().split()
    try:
        if len(parts) == 2 and parts[0] == "daily":
            return DigestSchedule("daily", time.fromisoformat(parts[1]), timezone)
        if len(parts) == 3 and parts[0] == "weekly" and parts[1] in WEEKDAYS:
            return DigestSchedule("weekly", time.fromisoformat(parts[2]), timezone, WEEKDAYS.index(parts[1]))
    except ValueError as exc:
        raise ValueError(f"{text!r}: {exc}") from None
    raise ValueError(f"{text!r} is not a digest rhythm; write 'daily 08:00' or 'weekly monday 09:30'")


# ---- sending: due digests into the outbox, each period exactly once -----------------------------
# (the store and the content builder are imported where used: voxpop.store.digests imports this module)


@dataclass(frozen=True, slots=True)
class SentDigest:
    """One period of one subscription enqueued: the outbox rows made (none when every destination
    had it already)."""

    subscription_id: int
    start: datetime
    end: datetime
    outbox_ids: list[int]

    def as_dict(self) -> dict[str, object]:
        return {"subscription_id": self.subscription_id, "start": self.start.astimezone(UTC).isoformat(),
                "end": self.end.astimezone(UTC).isoformat(), "outbox_ids": self.outbox_ids}


def event_key(subscription_id: int, period_end: datetime) -> str:
    """The outbox event of one period of one digest: the same however often it is enqueued."""
    return f"digest:{subscription_id}:{period_end.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}"


def due_periods(subscription: DigestSubscriptionRow, *, timezone: str,
                now: datetime) -> list[tuple[datetime, datetime]]:
    """The periods of a subscription whose send time has come and that were not sent, oldest
    first: every period after the last one sent (or, for a new subscription, ending after it was
    made) up to ``now``. A service that was down for three days sends the three dailies it owes."""
    schedule = subscription.schedule(timezone)
    anchor = subscription.last_period_end or subscription.created_at
    # each period starts where the last one sent ended, so a change of the workspace's zone leaves
    # neither a gap nor an overlap; a new subscription's first period is the schedule's own
    start = subscription.last_period_end
    periods = []
    when = schedule.next_after(anchor)
    while when <= now:
        periods.append((start or schedule.period_ending(when)[0], when))
        start = when
        when = schedule.next_after(when)
    return periods


def next_digest(subscription: DigestSubscriptionRow, *, timezone: str) -> datetime:
    """When the subscription's next unsent period ends (in the past when it is overdue)."""
    return subscription.schedule(timezone).next_after(subscription.last_period_end or subscription.created_at)


def build(conn: Connection, subscription: DigestSubscriptionRow, *, timezone: str, start: datetime, end: datetime,
          public_url: str | None = None) -> Digest:
    """The digest of one period of a subscription, compared with the period before it."""
    from voxpop.notify.digest_content import build_digest

    previous_start, _ = subscription.schedule(timezone).period_ending(start)
    return build_digest(conn, query_ids=None if subscription.all_queries else [q for q, _ in subscription.queries],
                        frequency=subscription.frequency, timezone=timezone, start=start, end=end,
                        previous_start=previous_start, public_url=public_url)


def preview(conn: Connection, subscription: DigestSubscriptionRow) -> tuple[datetime, Digest]:
    """The subscription's next digest as it stands now (its period may still be running), and when
    it goes out."""
    from voxpop.store.alerts import get_alert_settings, get_timezone

    timezone = get_timezone(conn)
    when = next_digest(subscription, timezone=timezone)
    start, end = subscription.schedule(timezone).period_ending(when)
    return when, build(conn, subscription, timezone=timezone, start=start, end=end,
                       public_url=get_alert_settings(conn).get("public_url"))


def _destinations(conn: Connection, subscription: DigestSubscriptionRow) -> list[int]:
    from voxpop.alerts.routing import mail_destination

    if subscription.destination_id is not None:
        return [subscription.destination_id]
    if subscription.email and subscription.via_destination_id is not None:
        return [mail_destination(conn, via_id=subscription.via_destination_id, address=subscription.email)]
    return []


def send_due(store: Store, *, now: datetime | None = None) -> list[SentDigest]:
    """Enqueue every digest whose time has come, each period once.

    Each period's digest is built once from a read, then enqueued in one write transaction with its
    subscription's "last sent period" moved to the period's end: if the process dies before that
    commits, nothing was enqueued and the period is still due at the next start; once it commits,
    the period is never built again. A second sender (another process) finds the period claimed
    and enqueues nothing; the outbox's event key (``digest:ID:END``) would drop a repeat anyway.
    """
    from voxpop.notify.digest_content import notification
    from voxpop.notify.outbox import enqueue_all
    from voxpop.store.alerts import get_alert_settings, get_timezone
    from voxpop.store.digests import claim_period, list_digest_subscriptions

    now = now or datetime.now(UTC)
    _aware(now)
    with store.read() as conn:
        timezone = get_timezone(conn)
        public_url = get_alert_settings(conn).get("public_url")
        subscriptions = list_digest_subscriptions(conn, enabled_only=True)
    sent: list[SentDigest] = []
    for subscription in subscriptions:
        for start, end in due_periods(subscription, timezone=timezone, now=now):
            with store.read() as conn:
                payload = notification(build(conn, subscription, timezone=timezone, start=start, end=end,
                                             public_url=public_url), subscription_id=subscription.id)
            with store.write() as conn:
                if not claim_period(conn, subscription_id=subscription.id, period_end=end):
                    break  # another sender got here first: it owns this period and the ones before
                ids = enqueue_all(conn, event_key=event_key(subscription.id, end),
                                  destination_ids=_destinations(conn, subscription), payload=payload)
            sent.append(SentDigest(subscription.id, start, end, ids))
    return sent


class DigestSender:
    """The service's digest thread: ``send_due`` every ``poll_s`` seconds (a digest leaves at most
    that long after its time), ``on_enqueued`` (the deliverer's wake) after it enqueued some."""

    def __init__(self, store: Store, *, poll_s: float = 30.0, on_enqueued: Callable[[], None] | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self.poll_s = poll_s
        self.on_enqueued = on_enqueued
        self.clock = clock or (lambda: datetime.now(UTC))
        self._stopping = threading.Event()

    def run(self) -> None:
        while not self._stopping.is_set():
            self.pass_once()
            self._stopping.wait(self.poll_s)

    def pass_once(self) -> list[SentDigest]:
        try:
            sent = send_due(self.store, now=self.clock())
        except Exception:  # the store failed; the periods stay due and are tried at the next pass
            log.exception("sending the due digests failed")
            return []
        if sent and self.on_enqueued is not None:
            self.on_enqueued()
        return sent

    def stop(self) -> None:
        self._stopping.set()
