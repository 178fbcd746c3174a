"""A labelled evaluation for the detector: weeks of minute counts per query, with the project
simulator's daily and weekly rhythm (``voxpop.simulate.rhythm``), a weekly newsletter peak and a
campaign ramp (both normal business, not incidents), and incidents of several sizes, shapes and
lengths — volume bursts and negative-share shifts with flat volume — whose ground truth is kept.

Counts, not texts: the detector only reads counts, and minutes are cheap to draw, so a few hundred
incidents over several seeds run in minutes on a laptop. ``score`` applies the issue's rules.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from statistics import median

from voxpop.alerts.detector import Alert, Detector, DetectorSettings
from voxpop.alerts.rollup import minute_of
from voxpop.simulate.rhythm import DAILY_NOISE, HOURLY_NOISE, activity

#: Monday 2026-08-31 00:00 UTC: the first (warm-up) week of every simulated series.
SERIES_START = datetime(2026, 8, 31, tzinfo=UTC)
WEEK = 7 * 24 * 60
#: The fewest extra mentions (or negatives) an incident brings.
MIN_EXCESS = 5.0


@dataclass(frozen=True, slots=True)
class Profile:
    """A kind of saved query: mean mentions per minute, and the languages it is heard in."""

    name: str
    rate: float
    languages: tuple[tuple[str, float], ...]


PROFILES: tuple[Profile, ...] = (
    Profile("quiet-nordic", 0.08, (("da", 0.3), ("sv", 0.3), ("nb", 0.2), ("fi", 0.2))),
    Profile("small-english", 0.4, (("en", 0.8), ("de", 0.2))),
    Profile("medium-europe", 1.5, (("en", 0.3), ("de", 0.2), ("fr", 0.15), ("es", 0.15), ("it", 0.2))),
    Profile("busy-global", 5.0, (("en", 0.5), ("de", 0.15), ("fr", 0.1), ("es", 0.15), ("sv", 0.1))),
)


@dataclass(frozen=True, slots=True)
class Incident:
    """A true incident: minutes [start, end), and its expected excess against the expected count
    without it (mentions for volume, negatives for negative share)."""

    kind: str
    shape: str
    start: int
    end: int
    strength: float
    excess: float
    expected: float

    @property
    def visible(self) -> bool:
        """The issue's rule: clearly visible when the excess is at least 6 × √expected."""
        return self.excess >= 6.0 * math.sqrt(self.expected)

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(slots=True)
class Series:
    """One query's simulated minutes with what really happened in them."""

    profile: Profile
    seed: int
    start: int
    scored_from: int
    totals: list[int]
    negatives: list[int]
    incidents: list[Incident]
    newsletters: list[tuple[int, int]] = field(default_factory=list)
    campaign: tuple[int, int] | None = None

    @property
    def weeks_scored(self) -> float:
        return (self.start + len(self.totals) - self.scored_from) / WEEK

    def minutes(self) -> Iterable[tuple[int, int, int]]:
        start = self.start
        for i, (total, negative) in enumerate(zip(self.totals, self.negatives, strict=True)):
            yield start + i, total, negative


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    if mean > 40:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, product, count = math.exp(-mean), rng.random(), 0
    while product > limit:
        product *= rng.random()
        count += 1
    return count


def _binomial(rng: random.Random, trials: int, share: float) -> int:
    draw = rng.random
    return sum(1 for _ in range(trials) if draw() < share)


def _shape(kind: str, length: int) -> list[float]:
    """Relative weights of an incident's extra volume over its minutes (summing to 1)."""
    if kind == "step":
        weights = [1.0] * length
    elif kind == "spike":  # up within a few minutes, then halving every sixth of its length
        rise = max(1, length // 10)
        weights = [(i + 1) / rise if i < rise else 0.5 ** ((i - rise) / max(1.0, length / 6)) for i in range(length)]
    else:  # "ramp": a crisis that climbs for most of its length, then holds
        climb = max(1, int(length * 0.6))
        weights = [min(1.0, (i + 1) / climb) for i in range(length)]
    total = sum(weights)
    return [w / total for w in weights]


def simulate_series(profile: Profile, seed: int, *, weeks: int = 5, warmup_weeks: int = 1,
                    incidents_per_week: float = 3.0) -> Series:
    """``weeks`` of minutes for one query: rhythm, noise, a newsletter, a campaign and incidents."""
    rng = random.Random(f"{seed}:{profile.name}")
    start = minute_of(SERIES_START)
    length = weeks * WEEK
    scored_from = start + warmup_weeks * WEEK

    # Rhythm from the simulator's activity curves (per hour), normalised to a mean of 1.
    hours = length // 60
    shape = [sum(share * activity(lang, (start + h * 60) * 60.0) for lang, share in profile.languages)
             for h in range(hours)]
    mean_shape = sum(shape) / hours
    day_noise = [math.exp(rng.gauss(0.0, DAILY_NOISE)) for _ in range(weeks * 7)]
    hourly = [profile.rate * shape[h] / mean_shape * day_noise[h // 24] * math.exp(rng.gauss(0.0, HOURLY_NOISE))
              for h in range(hours)]
    base = [hourly[i // 60] for i in range(length)]

    # A weekly newsletter: same weekday and hour every week, a sharp rise and a 40-minute decay.
    letter_day, letter_hour = rng.randrange(0, 5), rng.choice((7, 9, 11, 15))
    letter_peak = rng.uniform(1.5, 3.0)
    newsletters = []
    for week in range(weeks):
        t0 = week * WEEK + letter_day * 1440 + letter_hour * 60
        newsletters.append((start + t0, start + t0 + 240))
        for i in range(240):
            lift = letter_peak * min(1.0, (i + 1) / 3) * math.exp(-i / 40)
            base[t0 + i] += lift * hourly[(t0 + i) // 60]

    # A campaign: a sin² bump over 4–8 days, peaking at +60–150 % of the organic volume.
    campaign_days = rng.uniform(4, 8)
    campaign_start = rng.randrange(warmup_weeks * WEEK, length - int(campaign_days * 1440))
    campaign_minutes = int(campaign_days * 1440)
    campaign_peak = rng.uniform(0.6, 1.5)
    campaign_extra = [0.0] * length
    for i in range(campaign_minutes):
        campaign_extra[campaign_start + i] = (campaign_peak * math.sin(math.pi * i / campaign_minutes) ** 2
                                              * hourly[(campaign_start + i) // 60])
        base[campaign_start + i] += campaign_extra[campaign_start + i]

    # The negative share drifts slowly (a mean-reverting walk on the logit scale, hour by hour).
    centre = math.log(rng.uniform(0.1, 0.25) / (1 - rng.uniform(0.1, 0.25) + 1e-9) + 1e-9)
    logit, shares = centre, []
    for _ in range(hours):
        logit += 0.1 * (centre - logit) + rng.gauss(0.0, 0.04)
        shares.append(1.0 / (1.0 + math.exp(-logit)))
    share = [shares[i // 60] for i in range(length)]

    # Incidents: spaced at least 18 hours apart in the scored weeks.
    extra = [0.0] * length
    extra_negative_share = [0.0] * length
    negative_shift = [0.0] * length
    incidents: list[Incident] = []
    wanted = round(incidents_per_week * (weeks - warmup_weeks))
    attempts = 0
    while len(incidents) < wanted and attempts < 1000:
        attempts += 1
        minutes = rng.choice((10, 20, 40, 90, 180, 360))
        begin = rng.randrange(warmup_weeks * WEEK, length - minutes - 60)
        if any(abs(begin - (other.start - start)) < 18 * 60 for other in incidents):
            continue
        strength = math.exp(rng.uniform(math.log(0.4), math.log(6.0)))
        kind = "negative_share" if rng.random() < 0.35 else "volume"
        if kind == "volume":
            form = rng.choice(("step", "spike", "ramp"))
            expected = sum(base[begin:begin + minutes])
            # A crisis is at least a handful of posts, however quiet the query.
            excess = max(strength * 6.0 * math.sqrt(expected), MIN_EXCESS)
            strength = excess / (6.0 * math.sqrt(expected))
            negative_share = rng.choice((0.7, share[begin]))  # a complaint storm, or just viral
            for i, weight in enumerate(_shape(form, minutes)):
                extra[begin + i] += excess * weight
                extra_negative_share[begin + i] = negative_share
        else:
            form = "shift"
            volume = sum(base[begin:begin + minutes])
            expected = sum(base[i] * share[i] for i in range(begin, begin + minutes))
            wanted_excess = max(strength * 6.0 * math.sqrt(expected), MIN_EXCESS)
            delta = min(wanted_excess / volume, 0.9 - max(share[begin:begin + minutes]))
            if delta <= 0:
                continue
            for i in range(begin, begin + minutes):
                negative_shift[i] = delta
            excess = delta * volume
            strength = excess / (6.0 * math.sqrt(expected))
        incidents.append(Incident(kind, form, start + begin, start + begin + minutes, strength, excess, expected))
    incidents.sort(key=lambda incident: incident.start)

    totals, negatives = [0] * length, [0] * length
    for i in range(length):
        organic = _poisson(rng, base[i])
        burst = _poisson(rng, extra[i]) if extra[i] else 0
        p = min(0.98, share[i] + negative_shift[i])
        if campaign_extra[i]:  # campaign posts are mostly positive
            p = (p * (base[i] - campaign_extra[i]) + 0.08 * campaign_extra[i]) / base[i]
        totals[i] = organic + burst
        negatives[i] = _binomial(rng, organic, p) + (_binomial(rng, burst, extra_negative_share[i]) if burst else 0)
    return Series(profile, seed, start, scored_from, totals, negatives, incidents, newsletters,
                  (start + campaign_start, start + campaign_start + campaign_minutes))


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a detector did on some series, by the issue's rules."""

    incidents: int
    visible: int
    visible_detected: int
    detected_any: int
    false_alerts: int
    query_weeks: float
    delays: tuple[int, ...]  # minutes from true start to fired_at, visible incidents detected
    false_in_campaign: int
    false_at_newsletter: int
    by_kind: dict[str, tuple[int, int]]  # kind → (visible detected, visible)
    by_length: dict[int, tuple[int, int]]

    @property
    def recall(self) -> float:
        return self.visible_detected / self.visible if self.visible else 1.0

    @property
    def false_per_query_week(self) -> float:
        return self.false_alerts / self.query_weeks if self.query_weeks else 0.0

    @property
    def median_delay(self) -> float:
        return float(median(self.delays)) if self.delays else math.nan


def run_detector(series: Series, settings: DetectorSettings) -> list[Alert]:
    detector = Detector(settings, query=series.profile.name)
    for _ in detector.run(series.minutes()):
        pass
    return list(detector.alerts)


def score(runs: Sequence[tuple[Series, list[Alert]]]) -> Outcome:
    """Recall on clearly visible incidents, false alerts per query-week, detection delays.

    An alert detects an incident when its span [started_at, ended_at] overlaps the incident's; one
    alert counts for one incident only (incidents are taken in order, each gets the earliest-firing
    unused alert). Alerts that fire in the warm-up weeks are not scored; an alert that overlaps no
    incident is a false alert.
    """
    incidents = visible = visible_detected = detected_any = false_alerts = 0
    false_campaign = false_newsletter = 0
    weeks = 0.0
    delays: list[int] = []
    by_kind: dict[str, list[int]] = {}
    by_length: dict[int, list[int]] = {}
    for series, alerts in runs:
        end_of_series = series.start + len(series.totals)
        spans = []
        for alert in alerts:
            fired = minute_of(alert.fired_at)
            if fired < series.scored_from:
                continue
            ended = minute_of(alert.ended_at) if alert.ended_at else end_of_series
            spans.append((minute_of(alert.started_at), fired, ended))
        used = [False] * len(spans)
        weeks += series.weeks_scored
        for incident in series.incidents:
            incidents += 1
            candidates = [i for i, (begin, _fired, ended) in enumerate(spans)
                          if not used[i] and begin < incident.end and ended > incident.start]
            match = min(candidates, key=lambda i: spans[i][1]) if candidates else None
            if match is not None:
                used[match] = True
                detected_any += 1
            if incident.visible:
                visible += 1
                kind = by_kind.setdefault(incident.kind, [0, 0])
                length = by_length.setdefault(incident.minutes, [0, 0])
                kind[1] += 1
                length[1] += 1
                if match is not None:
                    visible_detected += 1
                    kind[0] += 1
                    length[0] += 1
                    delays.append(spans[match][1] - incident.start)
        for begin, _fired, ended in spans:
            if any(begin < incident.end and ended > incident.start for incident in series.incidents):
                continue
            false_alerts += 1
            if series.campaign and begin < series.campaign[1] and ended > series.campaign[0]:
                false_campaign += 1
            elif any(begin < b and ended > a for a, b in series.newsletters):
                false_newsletter += 1
    return Outcome(incidents, visible, visible_detected, detected_any, false_alerts, weeks, tuple(delays),
                   false_campaign, false_newsletter, {k: (v[0], v[1]) for k, v in sorted(by_kind.items())},
                   {k: (v[0], v[1]) for k, v in sorted(by_length.items())})


def evaluate(seeds: Iterable[int], settings: DetectorSettings, *, profiles: Sequence[Profile] = PROFILES,
             weeks: int = 5) -> Outcome:
    runs = []
    for seed in seeds:
        for profile in profiles:
            series = simulate_series(profile, seed, weeks=weeks)
            runs.append((series, run_detector(series, settings)))
    return score(runs)
