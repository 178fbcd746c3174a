"""The crisis-alert detector: one per saved query, fed minute by minute, causal by construction.

Expected volume = seasonal rate × recent level. The seasonal rate of a minute is the mean count of
the same 10-minute slot of the local day over the last weeks times the weekday's share, moved
towards the same slot of the local week where that really differs (a weekly peak); neighbouring
slots are pooled in until enough mentions back the estimate. The recent level is an exponentially
weighted ratio of observed to seasonal counts, so a campaign's gradual growth raises the
expectation with it. Every minute, the counts of the last 5, 15, 60 and 240 minutes are compared
with what was expected for them *from the level at the window's start*, with a negative-binomial
upper tail whose over-dispersion is learnt per window length from past windows. Negative
share is tested the same way with a binomial tail on negatives given volume (the share's baseline
is a slow moving average; over-dispersion shrinks the effective sample size).

An ongoing incident stays one alert: it escalates, ends after a quiet spell, and a new burst
within the cooldown reopens it. Decisions at minute t use only minutes up to t: ``observe`` and
the batch ``run`` are the same code. docs/alerts.md explains the maths and the settings.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from voxpop.alerts.rollup import MinuteCounts, minute_of, minute_start
from voxpop.alerts.tails import binomial_log10_sf, negbin_log10_sf

Kind = Literal["volume", "negative_share"]
State = Literal["open", "acknowledged", "resolved"]
EventType = Literal["opened", "escalated", "reopened", "ended"]

SEVERITIES = ("low", "medium", "high", "critical")
WEEK = 7 * 24 * 60
DAY = 24 * 60


@dataclass(frozen=True, slots=True)
class DetectorSettings:
    """How sensitive the detector is and how it remembers; defaults tuned on seeds 1–3 of
    bench/alerts_eval.py (docs/alerts.md)."""

    #: An alert opens when a window's upper-tail probability is below 10^-threshold.
    threshold: float = 4.5
    #: An open alert stays active while a window of at most ``active_minutes`` is below 10^-end_threshold.
    end_threshold: float = 2.0
    active_minutes: int = 15
    #: Window lengths (minutes) tested for volume spikes and for negative-share rises.
    windows: tuple[int, ...] = (5, 15, 60, 240)
    negative_windows: tuple[int, ...] = (15, 60, 240)
    #: Half-life (minutes) of the recent level; longer ignores slower ramps, shorter follows them.
    level_half_life: float = 180.0
    #: Half-life (minutes) of the baseline negative share.
    share_half_life: float = 1440.0
    #: Past weeks the seasonal profile averages, and its slot length in minutes.
    weeks: int = 4
    slot_minutes: int = 10
    #: Mentions a seasonal estimate wants behind it before it stops pooling neighbouring slots (up to ±max_widen).
    min_pool: float = 30.0
    max_widen: int = 6
    #: No alert on fewer mentions (or negatives) than this in the window, however unlikely.
    min_count: int = 5
    min_negatives: int = 5
    #: Minutes of history needed before the first alert.
    warmup_minutes: int = DAY
    #: An alert ends after this many minutes without activity; a burst within cooldown after the end reopens it.
    quiet_minutes: int = 30
    cooldown_minutes: int = 60
    #: An alert longer than this ends and its level becomes the new normal.
    max_alert_minutes: int = DAY
    #: Minutes enter the seasonal memory this late, and inside an alert capped at expected + cap_sigmas·σ.
    history_lag: int = 60
    cap_sigmas: float = 2.0
    #: Priors of the over-dispersion estimates (volume: Var = μ + α·μ²; negatives: intra-minute correlation ρ).
    dispersion_prior: float = 0.01
    correlation_prior: float = 0.005
    prior_hours: float = 24.0
    dispersion_half_life_hours: float = 168.0
    #: The local time zone whose days and weeks the rhythm follows (IANA name).
    timezone: str = "UTC"


@dataclass(frozen=True, slots=True)
class Window:
    """The evidence of one window: its length, counts, expectation and −log10 tail probability."""

    minutes: int
    observed: float
    expected: float
    score: float

    @property
    def ratio(self) -> float:
        return self.observed / self.expected if self.expected > 0 else math.inf

    def as_dict(self) -> dict[str, Any]:
        return {"window_minutes": self.minutes, "observed": round(self.observed, 2),
                "expected": round(self.expected, 2), "ratio": round(min(self.ratio, 1e6), 2),
                "score": round(min(self.score, 1e6), 2)}


@dataclass(frozen=True, slots=True)
class Alert:
    """An alert as data: the lead's store keeps it; ``acknowledge``/``resolve`` move its state.

    ``observed``/``expected`` cover the alert's span (mentions for volume, negatives for negative
    share) from ``started_at`` to ``ended_at`` (or the latest minute); ``fired`` is the window that
    opened it and ``peak`` the strongest window seen.
    """

    id: str
    query: str
    kind: Kind
    severity: str
    started_at: datetime
    fired_at: datetime
    ended_at: datetime | None
    observed: float
    expected: float
    fired: Window
    peak: Window
    state: State = "open"
    acknowledged_at: datetime | None = None
    acknowledged_by: str | None = None
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    drivers: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        def iso(moment: datetime | None) -> str | None:
            return None if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%SZ")

        return {
            "id": self.id, "query": self.query, "kind": self.kind, "state": self.state, "severity": self.severity,
            "started_at": iso(self.started_at), "fired_at": iso(self.fired_at), "ended_at": iso(self.ended_at),
            "observed": round(self.observed, 2), "expected": round(self.expected, 2),
            "fired": self.fired.as_dict(), "peak": self.peak.as_dict(),
            "acknowledged_at": iso(self.acknowledged_at), "acknowledged_by": self.acknowledged_by,
            "resolved_at": iso(self.resolved_at), "resolved_by": self.resolved_by, "drivers": self.drivers,
        }


@dataclass(frozen=True, slots=True)
class AlertEvent:
    """Something that happened to an alert at a minute's close: opened, escalated, reopened, ended."""

    type: EventType
    at: datetime
    alert: Alert


class InvalidTransition(ValueError):
    """The alert's state does not allow that (e.g. acknowledging a resolved alert)."""


def acknowledge(alert: Alert, *, by: str, at: datetime) -> Alert:
    """Someone has seen the alert and is on it."""
    if alert.state != "open":
        raise InvalidTransition(f"alert {alert.id} is {alert.state}; only an open alert can be acknowledged")
    return replace(alert, state="acknowledged", acknowledged_at=at, acknowledged_by=by)


def resolve(alert: Alert, *, by: str, at: datetime) -> Alert:
    """The alert is dealt with (the detector resolves it itself when the incident ends)."""
    if alert.state == "resolved":
        raise InvalidTransition(f"alert {alert.id} is already resolved")
    return replace(alert, state="resolved", resolved_at=at, resolved_by=by)


def severity_of(ratio: float, excess: float) -> str:
    """low / medium / high / critical from how many times the expectation and how many above it."""
    if ratio >= 5.0 and excess >= 50:
        return "critical"
    if ratio >= 3.0 and excess >= 20:
        return "high"
    if ratio >= 1.8:
        return "medium"
    return "low"


@dataclass(slots=True)
class _Ongoing:
    """The detector's working state of one alert."""

    alert: Alert
    start: int
    level: float  # the level (volume) or negative share when it started: the span's expectation uses it
    last_active: int
    severity_rank: int
    observed: list[float]
    expected: list[float]
    ended: int | None = None


class _Slots:
    """Counts and covered minutes per slot of past periods (weeks or days), for the seasonal rate."""

    def __init__(self, period: int, slot: int, keep: int) -> None:
        self.period, self.slot, self.keep = period, slot, keep
        self.per_period = period // slot
        self.counts: dict[int, list[float]] = {}
        self.cover: dict[int, list[float]] = {}

    def add(self, local_minute: int, value: float) -> None:
        index = local_minute // self.period
        counts = self.counts.get(index)
        if counts is None:
            counts = self.counts[index] = [0.0] * self.per_period
            self.cover[index] = [0.0] * self.per_period
            for old in [k for k in self.counts if k < index - self.keep]:
                del self.counts[old], self.cover[old]
        position = (local_minute % self.period) // self.slot
        counts[position] += value
        self.cover[index][position] += 1.0

    def pooled(self, local_minute: int, width: int) -> tuple[float, float]:
        """(count, covered minutes) of slots position±width in the past ``keep`` periods."""
        index = local_minute // self.period
        position = (local_minute % self.period) // self.slot
        low, high = max(0, position - width), min(self.per_period - 1, position + width)
        count = cover = 0.0
        for past in range(index - self.keep, index):
            counts = self.counts.get(past)
            if counts is None:
                continue
            covered = self.cover[past]
            for p in range(low, high + 1):
                count += counts[p]
                cover += covered[p]
        return count, cover


class Detector:
    """One query's detector. Feed it every minute in order (``observe`` or ``run``); it returns
    the alert events each minute caused. Missing minutes between two observations count as silent."""

    def __init__(self, settings: DetectorSettings | None = None, *, query: str = "") -> None:
        s = self.settings = settings or DetectorSettings()
        self.query = query
        self._zone = None if s.timezone in ("UTC", "Etc/UTC") else ZoneInfo(s.timezone)
        self._offsets: dict[int, int] = {}
        longest = max((*s.windows, *s.negative_windows, 60))
        self._longest = longest
        keep = longest + 2
        self._cum_total: deque[float] = deque([0.0], maxlen=keep)
        self._cum_negative: deque[float] = deque([0.0], maxlen=keep)
        self._cum_season: deque[float] = deque([0.0], maxlen=keep)
        self._levels: deque[float] = deque([1.0], maxlen=keep)
        self._shares: deque[float] = deque([0.2], maxlen=keep)
        self._recent: deque[tuple[float, float, float]] = deque(maxlen=keep)  # (total, negative, expected)
        self._pending: deque[tuple[int, int, float, float]] = deque()  # (minute, local, total, expected) for history
        self._weeks = _Slots(WEEK, s.slot_minutes, s.weeks)
        self._days = _Slots(DAY, s.slot_minutes, 7 * s.weeks)
        self._weekdays = _Slots(WEEK, DAY, s.weeks)
        self._season_key = -1
        self._season = 0.0
        self._level_decay = 0.5 ** (1.0 / s.level_half_life)
        self._share_decay = 0.5 ** (1.0 / s.share_half_life)
        self._hour_decay = 0.5 ** (1.0 / s.dispersion_half_life_hours)
        self._level_observed = self._level_expected = 0.0
        self._share_negative = self._share_total = 0.0
        self._share_negative_long = self._share_total_long = 0.0
        self._share_decay_long = 0.5 ** (1.0 / (7 * DAY))
        self._dispersion = [0.0, 0.0, 0.0]  # Σ weight·α̂-numerator, Σ weight·denominator, Σ weight (hours)
        # The same per window length: noise that is independent from hour to hour averages out over
        # long windows, so one α for every length overstates the doubt of a 4-hour window.
        self._window_dispersion = {width: [0.0, 0.0, 0.0] for width in s.windows}
        self._correlation = [0.0, 0.0, 0.0]
        self._first: int | None = None
        self._last: int | None = None
        self._seen_total = 0.0
        self._ongoing: dict[str, _Ongoing] = {}
        self._ended: dict[str, _Ongoing] = {}  # the latest ended alert per kind, for the cooldown
        self._spans: deque[tuple[int, int | None, _Ongoing]] = deque(maxlen=64)  # volume alerts, for the history cap
        self._count = 0
        self.alerts: list[Alert] = []  # the latest snapshot of every alert, in the order they opened
        self._index: dict[str, int] = {}

    # -- public -----------------------------------------------------------------------------------

    @property
    def level(self) -> float:
        return self._levels[-1]

    @property
    def dispersion(self) -> float:
        num, den, weight = self._dispersion
        s = self.settings
        estimate = num / den if den > 0 else s.dispersion_prior
        alpha = (weight * estimate + s.prior_hours * s.dispersion_prior) / (weight + s.prior_hours)
        return min(max(alpha, 0.0), 0.5)

    def window_dispersion(self, width: int) -> float:
        """α of the volume windows of this length, learnt from past windows exactly as they are tested."""
        s = self.settings
        num, den, weight = self._window_dispersion.get(width) or (0.0, 0.0, 0.0)
        estimate = num / den if den > 0 else s.dispersion_prior
        prior = s.prior_hours * 60.0 / width  # a day's worth of windows
        alpha = (weight * estimate + prior * s.dispersion_prior) / (weight + prior)
        return min(max(alpha, 0.0), 0.5)

    @property
    def correlation(self) -> float:
        num, den, weight = self._correlation
        s = self.settings
        estimate = num / den if den > 0 else s.correlation_prior
        rho = (weight * estimate + s.prior_hours * s.correlation_prior) / (weight + s.prior_hours)
        return min(max(rho, 0.0), 0.3)

    def observe(self, minute: datetime, counts: MinuteCounts | None = None) -> list[AlertEvent]:
        """Take one closed minute's counts (None: nothing was heard) and return what it caused."""
        return self.observe_minute(minute_of(minute), counts.total if counts else 0, counts.negative if counts else 0)

    def observe_minute(self, minute: int, total: float, negative: float = 0.0) -> list[AlertEvent]:
        if self._last is not None:
            if minute <= self._last:
                raise ValueError(f"minute {minute_start(minute)} is not after {minute_start(self._last)}")
            events: list[AlertEvent] = []
            for silent in range(self._last + 1, minute):
                events += self._step(silent, 0.0, 0.0)
            return events + self._step(minute, float(total), float(negative))
        return self._step(minute, float(total), float(negative))

    def run(self, series: Iterable[tuple[int, float, float]]) -> Iterator[AlertEvent]:
        """Batch replay of (minute, total, negative): the same steps as ``observe_minute``."""
        for minute, total, negative in series:
            yield from self.observe_minute(minute, total, negative)

    # -- one minute ---------------------------------------------------------------------------------

    def _local(self, minute: int) -> int:
        if self._zone is None:
            return minute
        hour = minute // 60
        offset = self._offsets.get(hour)
        if offset is None:
            if len(self._offsets) > 4096:
                self._offsets.clear()
            delta = minute_start(minute).astimezone(self._zone).utcoffset()
            offset = self._offsets[hour] = int(delta.total_seconds() // 60) if delta else 0
        return minute + offset

    def _seasonal(self, local: int) -> float:
        """Mentions a minute this slot of the week usually brings.

        Two estimates: the same slot of past weeks (knows a weekly newsletter, but rests on a few
        weeks), and the same slot of every past day scaled by the weekday's share (seven times the
        data). Where they agree within their noise the daily one wins; where the week's slot is
        really different (a regular peak), the weekly one does (empirical-Bayes shrinkage in log space).
        """
        s = self.settings
        key = local // s.slot_minutes
        if key == self._season_key:
            return self._season
        mean_rate = (self._seen_total + 1.0) / ((self._last - self._first + 1) if self._first is not None
                                                 and self._last is not None else 1.0)
        weekly = self._pooled(self._weeks, local)
        daily = self._pooled(self._days, local)
        rate = mean_rate
        if daily is not None:
            count, cover = daily
            # Two mentions' worth of prior at the overall mean rate keeps empty slots above zero.
            rate = (count + 2.0) / (cover + 2.0 / mean_rate) * self._weekday_factor(local)
            # Each past day (or week) brings its own hour-to-hour noise on top of the counts' Poisson noise.
            var_daily = 1.0 / (count + 2.0) + s.dispersion_prior * s.slot_minutes / cover
            if weekly is not None:
                count_w, cover_w = weekly
                rate_w = (count_w + 2.0) / (cover_w + 2.0 / mean_rate)
                var_weekly = 1.0 / (count_w + 2.0) + s.dispersion_prior * s.slot_minutes / cover_w
                gap = math.log(rate_w / rate)
                spread = max(0.0, gap * gap - var_weekly - var_daily)
                rate *= math.exp(gap * spread / (spread + var_weekly))
        self._season_key, self._season = key, rate
        return rate

    def _pooled(self, slots: _Slots, local: int) -> tuple[float, float] | None:
        """(count, covered minutes) of the slot, widened until ``min_pool`` mentions back it; None before
        one full period of history."""
        s = self.settings
        count = cover = 0.0
        for width in range(s.max_widen + 1):
            count, cover = slots.pooled(local, width)
            if count >= s.min_pool:
                break
        return (count, cover) if cover >= s.slot_minutes else None

    def _weekday_factor(self, local: int) -> float:
        """How busy this day of the week is against the average day of the past weeks (1 before a week)."""
        count, cover = self._weekdays.pooled(local, 0)
        total, total_cover = self._weekdays.pooled(local, 7)
        if cover < DAY / 2 or total_cover <= 0:
            return 1.0
        return ((count + 5.0) / (cover + 5.0 * total_cover / (total + 1.0))) / ((total + 1.0) / total_cover)

    def _step(self, t: int, x: float, k: float) -> list[AlertEvent]:
        s = self.settings
        if self._first is None:
            self._first = t
        local = self._local(t)
        season = self._seasonal(local)
        self._last = t
        self._seen_total += x
        level = self._levels[-1]
        expected_now = level * season
        cum_total, cum_negative, cum_season = self._cum_total, self._cum_negative, self._cum_season
        cum_total.append(cum_total[-1] + x)
        cum_negative.append(cum_negative[-1] + k)
        cum_season.append(cum_season[-1] + season)
        self._recent.append((x, k, expected_now))
        alpha = self.dispersion
        events: list[AlertEvent] = []
        armed = t - self._first >= s.warmup_minutes

        volume = self._ongoing.get("volume")
        best, active = self._volume_windows(alpha, open_alert=volume is not None, not_before=self._not_before("volume"))
        events += self._decide("volume", t, best, active, armed, x, season)

        rho = self.correlation
        share = self._shares[-1]
        negative = self._ongoing.get("negative_share")
        best_n, active_n = self._negative_windows(rho, open_alert=negative is not None,
                                                  not_before=self._not_before("negative_share"))
        events += self._decide("negative_share", t, best_n, active_n, armed, k, x)

        # Learn from this minute: level, share, over-dispersion, seasonal memory (late and capped).
        volume = self._ongoing.get("volume")
        clean = x
        if volume is not None:
            clean = min(x, expected_now + s.cap_sigmas * math.sqrt(expected_now + alpha * expected_now**2))
        d = self._level_decay
        self._level_observed = self._level_observed * d + clean
        self._level_expected = self._level_expected * d + season
        self._levels.append((self._level_observed + 5.0) / (self._level_expected + 5.0))

        clean_k = k if "negative_share" not in self._ongoing else min(k, x * share + 2.0 * math.sqrt(x * share + 1))
        d = self._share_decay
        self._share_negative = self._share_negative * d + clean_k
        self._share_total = self._share_total * d + x
        d = self._share_decay_long
        self._share_negative_long = self._share_negative_long * d + clean_k
        self._share_total_long = self._share_total_long * d + x
        # The higher of the recent and the weekly share: a campaign's cheerful posts lower the recent
        # share for days, and the share's return to normal after it is not a crisis.
        self._shares.append(max((self._share_negative + 0.2 * 20.0) / (self._share_total + 20.0),
                                (self._share_negative_long + 0.2 * 20.0) / (self._share_total_long + 20.0)))

        if t % 60 == 59 and not self._ongoing and len(cum_total) > 61:
            self._learn_dispersion()
        self._learn_window_dispersion(t)

        self._pending.append((t, local, x, expected_now))
        while self._pending and self._pending[0][0] <= t - s.history_lag:
            minute, local_minute, count, expected = self._pending.popleft()
            # The weekly memory takes alert minutes as they were: a regular peak that raised an alert
            # once is known the week after (an incident only makes its own slot of the week less
            # sensitive while it is remembered). The daily profile and the weekday shares are capped.
            self._weeks.add(local_minute, count)
            if self._inside_volume_alert(minute):
                count = min(count, expected + s.cap_sigmas * math.sqrt(expected + alpha * expected**2))
            self._days.add(local_minute, count)
            self._weekdays.add(local_minute, count)
        return events

    def _volume_windows(self, alpha: float, *, open_alert: bool,
                        not_before: int) -> tuple[Window | None, bool]:
        s = self.settings
        cum_total, cum_season, levels = self._cum_total, self._cum_season, self._levels
        available = len(cum_total) - 1
        best: Window | None = None
        active = False
        for width in s.windows:
            if width > available:
                continue
            observed = cum_total[-1] - cum_total[-1 - width]
            expected = levels[-width] * (cum_season[-1] - cum_season[-1 - width])
            if observed <= expected or observed < s.min_count:
                continue
            alpha = self.window_dispersion(width)
            z = (observed - expected) / math.sqrt(expected + alpha * expected * expected)
            recent = width <= s.active_minutes
            fresh = self._last - width >= not_before  # type: ignore[operator]
            if z < (1.5 if open_alert and recent else 3.0) or not (fresh or (open_alert and recent)):
                continue
            score = -negbin_log10_sf(observed, expected, alpha)
            if fresh and (best is None or score > best.score):
                best = Window(width, observed, expected, score)
            if recent and score >= s.end_threshold:
                active = True
        return best, active

    def _negative_windows(self, rho: float, *, open_alert: bool,
                          not_before: int) -> tuple[Window | None, bool]:
        s = self.settings
        cum_total, cum_negative, shares = self._cum_total, self._cum_negative, self._shares
        available = len(cum_total) - 1
        best: Window | None = None
        active = False
        for width in s.negative_windows:
            if width > available:
                continue
            total = cum_total[-1] - cum_total[-1 - width]
            negative = cum_negative[-1] - cum_negative[-1 - width]
            share = shares[-width]
            expected = total * share
            if negative <= expected or negative < s.min_negatives:
                continue
            inflation = 1.0 + (total - 1.0) * rho
            trials, hits = total / inflation, negative / inflation
            z = (hits - trials * share) / math.sqrt(trials * share * (1.0 - share))
            recent = width <= s.active_minutes
            fresh = self._last - width >= not_before  # type: ignore[operator]
            if z < (1.5 if open_alert and recent else 3.0) or not (fresh or (open_alert and recent)):
                continue
            score = -binomial_log10_sf(hits, trials, share)
            if fresh and (best is None or score > best.score):
                best = Window(width, negative, expected, score)
            if recent and score >= s.end_threshold:
                active = True
        return best, active

    def _learn_dispersion(self) -> None:
        cum_total, cum_negative, cum_season = self._cum_total, self._cum_negative, self._cum_season
        observed = cum_total[-1] - cum_total[-61]
        expected = self._levels[-60] * (cum_season[-1] - cum_season[-61])
        if expected > 0.5:
            d = self._hour_decay
            acc = self._dispersion
            acc[0] = acc[0] * d + (observed - expected) ** 2 - expected
            acc[1] = acc[1] * d + expected * expected
            acc[2] = acc[2] * d + 1.0
        negative = cum_negative[-1] - cum_negative[-61]
        share = self._shares[-60]
        if observed >= 2:
            d = self._hour_decay
            acc = self._correlation
            variance = observed * share * (1.0 - share)
            acc[0] = acc[0] * d + (negative - observed * share) ** 2 - variance
            acc[1] = acc[1] * d + observed * (observed - 1.0) * share * (1.0 - share)
            acc[2] = acc[2] * d + 1.0

    def _learn_window_dispersion(self, t: int) -> None:
        """Every ``width`` minutes, compare the window that just closed with its expectation (the level at
        its start, as tested). Windows that touch a volume alert are left out, and a single window's
        error is capped at 4σ so an incident nobody was alerted to does not blunt the next one."""
        cum_total, cum_season, levels = self._cum_total, self._cum_season, self._levels
        available = len(cum_total) - 1
        for width, acc in self._window_dispersion.items():
            if (t + 1) % width or width > available or self._overlaps_volume_alert(t - width + 1, t):
                continue
            observed = cum_total[-1] - cum_total[-1 - width]
            expected = levels[-width] * (cum_season[-1] - cum_season[-1 - width])
            if expected <= 0.5:
                continue
            alpha = self.window_dispersion(width)
            bound = 4.0 * math.sqrt(expected + alpha * expected * expected)
            error = min(max(observed - expected, -bound), bound)
            d = self._hour_decay ** (width / 60.0)
            acc[0] = acc[0] * d + error * error - expected
            acc[1] = acc[1] * d + expected * expected
            acc[2] = acc[2] * d + 1.0

    def _overlaps_volume_alert(self, first: int, last: int) -> bool:
        if "volume" in self._ongoing:
            return True
        for start, end, _ in reversed(self._spans):
            if start <= last and (end is None or first <= end):
                return True
        return False

    def _not_before(self, kind: str) -> int:
        """Windows that may open (or reopen) an alert start after the last alert of its kind ended:
        the evidence of an incident already reported does not raise another alert."""
        if kind in self._ongoing:
            return -1
        ended = self._ended.get(kind)
        return -1 if ended is None or ended.ended is None else ended.ended

    def _inside_volume_alert(self, minute: int) -> bool:
        for start, end, _ in reversed(self._spans):
            if start <= minute and (end is None or minute <= end):
                return True
        return False

    # -- the alert lifecycle -------------------------------------------------------------------------

    def _decide(self, kind: Kind, t: int, best: Window | None, active: bool, armed: bool, observed_now: float,
                basis_now: float) -> list[AlertEvent]:
        """Open, extend, escalate, end or reopen the alert of one kind. ``basis_now`` is what this
        minute's expectation scales: the seasonal rate (volume) or the minute's volume (negatives)."""
        s = self.settings
        at = minute_start(t + 1)
        ongoing = self._ongoing.get(kind)
        if ongoing is None:
            if not armed or best is None or best.score < s.threshold:
                return []
            previous = self._ended.get(kind)
            if previous is not None and previous.ended is not None and t - previous.ended <= s.cooldown_minutes:
                return [self._reopen(kind, previous, t, best, at)]
            return [self._open(kind, t, best, at)]

        events: list[AlertEvent] = []
        ongoing.observed.append(observed_now)
        # The level (or share) the alert started from: the incident itself must not raise its expectation.
        ongoing.expected.append(ongoing.level * basis_now)
        if active:
            ongoing.last_active = t
        alert = ongoing.alert
        if best is not None and best.score > alert.peak.score:
            alert = replace(alert, peak=best)
        rank = SEVERITIES.index(severity_of(alert.peak.ratio, alert.peak.observed - alert.peak.expected))
        span = ongoing.last_active - ongoing.start + 1
        observed_sum = sum(ongoing.observed[:span])
        expected_sum = sum(ongoing.expected[:span])
        alert = replace(alert, observed=observed_sum, expected=expected_sum)
        if rank > ongoing.severity_rank:
            ongoing.severity_rank = rank
            alert = replace(alert, severity=SEVERITIES[rank])
            events.append(AlertEvent("escalated", at, self._keep(ongoing, alert)))
        else:
            self._keep(ongoing, alert)
        if t - ongoing.last_active >= s.quiet_minutes or t - ongoing.start >= s.max_alert_minutes:
            events.append(self._end(kind, ongoing, at))
        return events

    def _open(self, kind: Kind, t: int, best: Window, at: datetime) -> AlertEvent:
        start = self._incident_start(kind, t, best.minutes)
        self._count += 1
        rank = SEVERITIES.index(severity_of(best.ratio, best.observed - best.expected))
        level = self._levels[-best.minutes] if kind == "volume" else self._shares[-best.minutes]
        observed, expected = self._span_sums(kind, t, start, level)
        alert = Alert(id=f"{self.query or 'query'}:{kind}:{self._count}", query=self.query, kind=kind,
                      severity=SEVERITIES[rank], started_at=minute_start(start), fired_at=at, ended_at=None,
                      observed=sum(observed), expected=sum(expected), fired=best, peak=best)
        ongoing = _Ongoing(alert=alert, start=start, level=level, last_active=t, severity_rank=rank,
                           observed=observed, expected=expected)
        self._ongoing[kind] = ongoing
        if kind == "volume":
            self._spans.append((start, None, ongoing))
        self._index[alert.id] = len(self.alerts)
        self.alerts.append(alert)
        return AlertEvent("opened", at, alert)

    def _reopen(self, kind: Kind, ongoing: _Ongoing, t: int, best: Window, at: datetime) -> AlertEvent:
        assert ongoing.ended is not None
        # The quiet minutes in between become part of the incident again.
        observed, expected = self._span_sums(kind, t, ongoing.ended + 1, ongoing.level)
        ongoing.observed = ongoing.observed[:ongoing.ended - ongoing.start + 1] + observed
        ongoing.expected = ongoing.expected[:ongoing.ended - ongoing.start + 1] + expected
        ongoing.ended = None
        ongoing.last_active = t
        alert = ongoing.alert
        peak = best if best.score > alert.peak.score else alert.peak
        alert = replace(alert, ended_at=None, state="open", resolved_at=None, resolved_by=None, peak=peak,
                        observed=sum(ongoing.observed), expected=sum(ongoing.expected))
        self._ongoing[kind] = ongoing
        del self._ended[kind]
        if kind == "volume":
            self._spans = deque(((a, None if o is ongoing else b, o) for a, b, o in self._spans), maxlen=64)
        return AlertEvent("reopened", at, self._keep(ongoing, alert))

    def _end(self, kind: Kind, ongoing: _Ongoing, at: datetime) -> AlertEvent:
        end = self._last_above(kind, ongoing)
        ongoing.ended = end
        span = end - ongoing.start + 1
        alert = replace(ongoing.alert, ended_at=minute_start(end + 1), observed=sum(ongoing.observed[:span]),
                        expected=sum(ongoing.expected[:span]))
        if alert.state != "resolved":
            alert = replace(alert, state="resolved", resolved_at=at, resolved_by="detector")
        del self._ongoing[kind]
        self._ended[kind] = ongoing
        if kind == "volume":
            self._spans = deque(((a, end if o is ongoing else b, o) for a, b, o in self._spans), maxlen=64)
            if end - ongoing.start + 1 >= self.settings.max_alert_minutes:
                # Still high after a day: that is the new normal, not an incident.
                self._level_observed, self._level_expected = self._level_expected * self._levels[-1], \
                    self._level_expected
        return AlertEvent("ended", at, self._keep(ongoing, alert))

    def _last_above(self, kind: Kind, ongoing: _Ongoing) -> int:
        """The last minute of the active span that was above its expectation: a 15-minute window
        stays significant for a while after the excess has stopped, the incident does not."""
        t = self._last
        assert t is not None
        recent = self._recent
        share = ongoing.level
        for minute in range(ongoing.last_active, ongoing.start - 1, -1):
            back = t - minute
            if back >= len(recent):
                break
            total, negative, expected = recent[len(recent) - 1 - back]
            if (total > expected) if kind == "volume" else (negative > total * share):
                return minute
        return ongoing.last_active

    def _keep(self, ongoing: _Ongoing, alert: Alert) -> Alert:
        ongoing.alert = alert
        self.alerts[self._index[alert.id]] = alert
        return alert

    def _incident_start(self, kind: Kind, t: int, width: int) -> int:
        """The first minute of the firing window that was above its expectation."""
        recent = list(self._recent)[-width:]
        share = self._shares[-width]
        for offset, (total, negative, expected) in enumerate(recent):
            above = total > expected if kind == "volume" else negative > total * share and negative > 0
            if above:
                return t - len(recent) + 1 + offset
        return t - len(recent) + 1

    def _span_sums(self, kind: Kind, t: int, start: int, basis: float) -> tuple[list[float], list[float]]:
        """Observed and expected per minute from ``start`` to ``t``: volume against the expectation
        each minute had; negatives against the share the alert started from (``basis``)."""
        recent = list(self._recent)[-(t - start + 1):] if t >= start else []
        if kind == "volume":
            return [r[0] for r in recent], [r[2] for r in recent]
        return [r[1] for r in recent], [r[0] * basis for r in recent]
