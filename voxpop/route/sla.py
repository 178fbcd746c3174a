"""Service-level arithmetic: a team's business hours in its own time zone, how much business time
lies between two instants, and when a target of so much business time falls due — right across
daylight-saving changes, because every window is laid on the local calendar and only then turned
into UTC instants.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: A target that cannot be met within this many calendar days of business hours is refused
#: (a team whose only window is one hour a year would otherwise make every lookup crawl).
HORIZON_DAYS = 400

_WINDOW = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")
_DURATION = re.compile(r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$")


class HoursInvalid(ValueError):
    """Business hours, a time zone or a duration that cannot be understood."""


@dataclass(frozen=True, slots=True)
class BusinessHours:
    """Weekly opening windows (local wall-clock times per weekday, Monday first) in a time zone,
    and dates on which the team is closed. An end of ``None`` means midnight at the end of the day."""

    timezone: str = "UTC"
    windows: tuple[tuple[tuple[time, time | None], ...], ...] = ((),) * 7
    closed: frozenset[date] = frozenset()
    _zone: ZoneInfo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        try:
            zone = ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise HoursInvalid(
                f"unknown time zone {self.timezone!r} (an IANA name such as Europe/Copenhagen)") from None
        object.__setattr__(self, "_zone", zone)
        if len(self.windows) != 7:
            raise HoursInvalid("business hours need one entry per weekday")
        if not any(self.windows):
            raise HoursInvalid("business hours must open at least once a week")

    @classmethod
    def always(cls, timezone: str = "UTC") -> BusinessHours:
        return cls(timezone, (((time(0), None),),) * 7)

    # ---- the stored form: {"mon": [["09:00", "17:00"]], ..., "closed": ["2026-12-24"]} ----------

    def to_json(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            day: [[start.strftime("%H:%M"), end.strftime("%H:%M") if end is not None else "24:00"]
                  for start, end in spans]
            for day, spans in zip(DAYS, self.windows, strict=True) if spans
        }
        if self.closed:
            document["closed"] = sorted(d.isoformat() for d in self.closed)
        return document

    @classmethod
    def from_json(cls, document: Mapping[str, Any], *, timezone: str) -> BusinessHours:
        windows = tuple(tuple(_window(f"{a}-{b}") for a, b in document.get(day, ())) for day in DAYS)
        closed = frozenset(date.fromisoformat(d) for d in document.get("closed", ()))
        return cls(timezone, windows, closed)

    def describe(self) -> str:
        """``mon-fri 09:00-17:00`` style, days with the same windows grouped."""
        parts: list[str] = []
        i = 0
        while i < 7:
            spans = self.windows[i]
            j = i
            while j + 1 < 7 and self.windows[j + 1] == spans:
                j += 1
            if spans:
                days = DAYS[i] if i == j else f"{DAYS[i]}-{DAYS[j]}"
                text = ",".join(f"{s.strftime('%H:%M')}-{e.strftime('%H:%M') if e else '24:00'}" for s, e in spans)
                parts.append(f"{days} {text}")
            i = j + 1
        text = "; ".join(parts)
        return "24/7" if text == "mon-sun 00:00-24:00" else text

    # ---- arithmetic -----------------------------------------------------------------------------

    def intervals(self, first: date, last: date) -> Iterator[tuple[datetime, datetime]]:
        """Open intervals (UTC) of the local days first … last, in order. A local time the clocks skip
        (02:30 on the night they go forward) counts as the same time after the gap; one that happens
        twice counts at its first occurrence (Python's fold=0)."""
        day = first
        while day <= last:
            if day not in self.closed:
                for start, end in self.windows[day.weekday()]:
                    opens = datetime.combine(day, start, tzinfo=self._zone).astimezone(UTC)
                    if end is None:
                        closes = datetime.combine(day + timedelta(days=1), time(0), tzinfo=self._zone).astimezone(UTC)
                    else:
                        closes = datetime.combine(day, end, tzinfo=self._zone).astimezone(UTC)
                    if closes > opens:
                        yield opens, closes
            day += timedelta(days=1)

    def _local_day(self, instant: datetime) -> date:
        return _aware(instant).astimezone(self._zone).date()

    def business_seconds(self, start: datetime, end: datetime) -> float:
        """Business time between two instants, in seconds (0 when end is not after start)."""
        start, end = _aware(start), _aware(end)
        if end <= start:
            return 0.0
        total = 0.0
        for opens, closes in self.intervals(self._local_day(start) - timedelta(days=1),
                                            self._local_day(end) + timedelta(days=1)):
            overlap = (min(closes, end) - max(opens, start)).total_seconds()
            if overlap > 0:
                total += overlap
        return total

    def add(self, start: datetime, seconds: float) -> datetime:
        """The instant at which ``seconds`` of business time have passed since ``start`` (UTC)."""
        start = _aware(start).astimezone(UTC)
        remaining = float(seconds)
        first = self._local_day(start) - timedelta(days=1)
        for opens, closes in self.intervals(first, first + timedelta(days=HORIZON_DAYS)):
            if closes <= start:
                continue
            begin = max(opens, start)
            available = (closes - begin).total_seconds()
            if remaining <= available:
                if remaining <= 0:
                    return begin
                return begin + timedelta(seconds=remaining)
            remaining -= available
        raise HoursInvalid(f"{seconds / 3600:g} business hours do not fit in {HORIZON_DAYS} days of these hours")

    def is_open(self, instant: datetime) -> bool:
        instant = _aware(instant)
        day = self._local_day(instant)
        return any(o <= instant < c for o, c in self.intervals(day - timedelta(days=1), day + timedelta(days=1)))


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("business-hour arithmetic needs time-zone-aware datetimes")
    return value


def _window(text: str) -> tuple[time, time | None]:
    found = _WINDOW.match(text.strip())
    if not found:
        raise HoursInvalid(f"{text!r} is not a window such as 09:00-17:00")
    h1, m1, h2, m2 = (int(g) for g in found.groups())
    if h1 > 23 or m1 > 59 or h2 > 24 or m2 > 59 or (h2 == 24 and m2):
        raise HoursInvalid(f"{text!r} is not a time of day")
    start, end = time(h1, m1), (None if h2 == 24 else time(h2, m2))
    if end is not None and end <= start:
        raise HoursInvalid(f"{text!r} ends before it starts (a window past midnight is two windows)")
    return start, end


def _days(text: str) -> list[int]:
    found: list[int] = []
    for part in text.split(","):
        part = part.strip().lower()
        if "-" in part:
            a, b = (p.strip()[:3] for p in part.split("-", 1))
            if a not in DAYS or b not in DAYS:
                raise HoursInvalid(f"{part!r} is not a range of days such as mon-fri")
            i, j = DAYS.index(a), DAYS.index(b)
            found += [(i + k) % 7 for k in range((j - i) % 7 + 1)]  # fri-mon wraps over the weekend
        elif part[:3] in DAYS:
            found.append(DAYS.index(part[:3]))
        else:
            raise HoursInvalid(f"{part!r} is not a day (mon, tue, … sun)")
    return found


def parse_hours(text: str, *, timezone: str = "UTC", closed: tuple[str, ...] = ()) -> BusinessHours:
    """``"mon-fri 09:00-17:00"``, ``"mon-thu 08:00-12:00,13:00-16:00; fri 08:00-14:00"`` or ``"24/7"``.
    ``closed``: ISO dates on which the team does not work (public holidays)."""
    try:
        closed_days = frozenset(date.fromisoformat(d) for d in closed)
    except ValueError as exc:
        raise HoursInvalid(f"closed dates must be ISO dates (2026-12-24): {exc}") from None
    cleaned = text.strip().lower()
    if cleaned in {"24/7", "always"}:
        hours = BusinessHours.always(timezone)
        return BusinessHours(timezone, hours.windows, closed_days)
    windows: list[list[tuple[time, time | None]]] = [[] for _ in DAYS]
    for clause in cleaned.split(";"):
        if not clause.strip():
            continue
        days_text, _, spans_text = clause.strip().partition(" ")
        if not spans_text.strip():
            raise HoursInvalid(f"{clause.strip()!r} needs days and windows, e.g. 'mon-fri 09:00-17:00'")
        spans = [_window(s) for s in spans_text.replace(" ", "").split(",")]
        for day in _days(days_text):
            windows[day] = sorted(set(windows[day]) | set(spans), key=lambda s: s[0])
    for spans in windows:
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            if end is None or end > start:
                raise HoursInvalid("business-hour windows of one day overlap")
    return BusinessHours(timezone, tuple(tuple(s) for s in windows), closed_days)


def parse_duration(text: str) -> int:
    """``2h``, ``90m``, ``1h30m``, ``3d`` (3 × 24 business hours) → seconds."""
    found = _DURATION.match(text.strip().lower().replace(" ", ""))
    if not found or not any(found.groups()):
        raise HoursInvalid(f"{text!r} is not a duration such as 2h, 90m or 1h30m")
    d, h, m = (int(g or 0) for g in found.groups())
    seconds = ((d * 24 + h) * 60 + m) * 60
    if seconds <= 0:
        raise HoursInvalid("a service-level target must be longer than zero")
    return seconds


def describe_duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m"
