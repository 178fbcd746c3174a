"""When people post: a non-homogeneous rate per hour, from daily and weekly rhythm and events.

The window is cut into hour slices aligned to UTC hours. Each slice gets a weight per kind of
mention (organic per language, campaign, each crisis, spam, copies); the stream's mentions are
then spread over slices as one multinomial draw, so the total is exact and hourly counts have
Poisson-like noise on top of the rhythm.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from itertools import accumulate

from voxpop.simulate.config import SimulationConfig
from voxpop.simulate.world import LANGUAGE_ZONES

#: Relative activity per local hour (0–23): quiet at night, a lunch bump and an evening peak.
DIURNAL: tuple[float, ...] = (
    0.30, 0.19, 0.12, 0.09, 0.09, 0.13, 0.27, 0.55, 0.82, 0.95, 1.00, 1.03,
    1.06, 1.00, 0.96, 0.95, 0.97, 1.01, 1.07, 1.12, 1.10, 0.99, 0.78, 0.50,
)
#: Relative activity per local weekday, Monday first: weekends are quieter.
WEEKLY: tuple[float, ...] = (1.00, 1.03, 1.02, 1.00, 0.93, 0.70, 0.66)

#: Spread of the hour-to-hour and day-to-day noise (log scale) on top of the rhythm.
HOURLY_NOISE = 0.10
DAILY_NOISE = 0.07

KIND_SOCIAL = 0
KIND_ARTICLE = 1
KIND_COPY = 2
KIND_SPAM = 3
KIND_CAMPAIGN = 4
KIND_CRISIS = 5  # crisis i is KIND_CRISIS + i


@lru_cache(maxsize=64)
def _summer_time_bounds(year: int) -> tuple[float, float]:
    """EU summer time in a year: from the last Sunday of March to the last Sunday of October, 01:00 UTC."""

    def last_sunday(month: int) -> float:
        day = datetime(year, month, 31, 1, tzinfo=UTC)
        day = day.replace(day=31 - (day.weekday() + 1) % 7)
        return day.timestamp()

    return last_sunday(3), last_sunday(10)


def summer_time(epoch: float) -> bool:
    year = datetime.fromtimestamp(epoch, UTC).year
    begin, end = _summer_time_bounds(year)
    return begin <= epoch < end


def activity(lang: str, epoch: float) -> float:
    """How active the speakers of ``lang`` are at ``epoch`` (1.0 ≈ an ordinary weekday afternoon)."""
    total = 0.0
    summer = summer_time(epoch)
    for offset, observes_summer_time, weight in LANGUAGE_ZONES[lang]:
        local = epoch + 3600.0 * (offset + (1 if summer and observes_summer_time else 0))
        hour = int(local // 3600) % 24
        weekday = (int(local // 86400) + 3) % 7  # 1970-01-01 was a Thursday
        total += weight * DIURNAL[hour] * WEEKLY[weekday]
    return total


@dataclass(slots=True)
class Slice:
    """One hour (or the partial hours at the ends) of the window, with its weights."""

    start: float
    length: float
    languages: list[float]  # organic weight per configured language
    kinds: list[float]  # weight per kind, see KIND_*
    count: int = 0


def crisis_shape(hours_since_start: float, ramp_hours: float, half_life_hours: float) -> float:
    """0 before the start, a linear climb to 1 over the ramp, then halving every half-life."""
    if hours_since_start < 0:
        return 0.0
    if hours_since_start < ramp_hours:
        return hours_since_start / ramp_hours
    decayed = (hours_since_start - ramp_hours) / half_life_hours
    return 0.0 if decayed > 12 else 0.5**decayed


def campaign_shape(hours_since_start: float, duration_hours: float) -> float:
    """A smooth bump: 0 at the start, 1 halfway, 0 at the end."""
    if not 0 <= hours_since_start <= duration_hours:
        return 0.0
    return math.sin(math.pi * hours_since_start / duration_hours) ** 2


def plan_slices(cfg: SimulationConfig, rng: random.Random) -> list[Slice]:
    """Cut the window into hour slices, weigh each kind of mention in each, and share out the count."""
    start = cfg.start.timestamp()
    end = cfg.end.timestamp()
    shares = cfg.shares()
    languages = cfg.languages
    slices: list[Slice] = []
    day_noise: dict[int, float] = {}
    moment = start
    while moment < end:
        boundary = min((math.floor(moment / 3600) + 1) * 3600.0, end)
        length = boundary - moment
        middle = moment + length / 2
        day = int(middle // 86400)
        if day not in day_noise:
            day_noise[day] = math.exp(rng.gauss(0.0, DAILY_NOISE))
        noise = day_noise[day] * math.exp(rng.gauss(0.0, HOURLY_NOISE)) * length / 3600.0
        weights = [shares[lang] * activity(lang, middle) * noise for lang in languages]
        slices.append(Slice(start=moment, length=length, languages=weights, kinds=[]))
        moment = boundary

    organic = [sum(s.languages) for s in slices]
    mean_hourly = sum(organic) / max(1e-9, sum(s.length for s in slices) / 3600.0)
    campaign_window = cfg.campaign_window()
    crisis_windows = [cfg.crisis_window(crisis) for crisis in cfg.crises]
    spam_ratio = cfg.spam_share / (1.0 - cfg.spam_share)
    for piece, base in zip(slices, organic, strict=True):
        middle = piece.start + piece.length / 2
        scale = piece.length / 3600.0
        campaign = 0.0
        if cfg.campaign is not None and campaign_window is not None:
            since = (middle - campaign_window.start.timestamp()) / 3600.0
            campaign = cfg.campaign.peak * base * campaign_shape(since, cfg.campaign.days * 24.0)
        crises = []
        crisis_articles = 0.0
        for crisis, window in zip(cfg.crises, crisis_windows, strict=True):
            since = (middle - window.start.timestamp()) / 3600.0
            shape = crisis_shape(since, crisis.ramp_hours, crisis.half_life_hours)
            # Bursts drown most of the daily rhythm but not all of it.
            rhythm = 0.4 + 0.6 * base / (mean_hourly * scale) if base > 0 else 0.4
            weight = crisis.peak * mean_hourly * scale * shape * rhythm
            crises.append(weight)
            crisis_articles += weight * crisis.article_share
        social = base * (1.0 - cfg.article_share)
        articles = base * cfg.article_share * (1.0 - cfg.copy_share)
        copies = (base * cfg.article_share + crisis_articles) * cfg.copy_share
        crises = [w * (1.0 - c.article_share * cfg.copy_share) for w, c in zip(crises, cfg.crises, strict=True)]
        honest = social + articles + copies + campaign + sum(crises)
        piece.kinds = [social, articles, copies, honest * spam_ratio, campaign, *crises]

    _share_out(cfg.total(), slices, rng)
    return slices


def _share_out(total: int, slices: list[Slice], rng: random.Random) -> None:
    """One multinomial draw: each mention lands in a slice with probability ∝ its weight."""
    if not slices or total <= 0:
        return
    cumulative = list(accumulate(sum(piece.kinds) for piece in slices))
    top = cumulative[-1]
    if top <= 0:
        raise ValueError("the simulation has no volume anywhere in its window")
    counts = [0] * len(slices)
    draw = rng.random
    last = len(slices) - 1
    for _ in range(total):
        index = bisect_right(cumulative, draw() * top)
        counts[index if index <= last else last] += 1
    for piece, count in zip(slices, counts, strict=True):
        piece.count = count
