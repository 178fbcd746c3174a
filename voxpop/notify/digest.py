"""When daily and weekly digests go out: at a wall-clock time in the workspace's time zone, the
same local time all year round, across daylight-saving changes.

Two local times need a rule. A time that does not exist on the day the clocks go forward (02:30
in Copenhagen on the last Sunday of March) is sent when it would have been, moved by the gap
(03:30 local, the same instant in UTC as 02:30 in winter time). A time that happens twice on the
day the clocks go back is sent at its first occurrence only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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
