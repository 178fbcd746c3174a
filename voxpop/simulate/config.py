"""What a simulated stream is made of: brands, a campaign, crises and the knobs around them.

``SimulationConfig.manifest()`` is the ground truth a stream was generated from (brands,
event windows, issue terms), kept for alert backtests and for the demo's saved queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from voxpop.simulate.banks import INDUSTRIES, ISSUES, SOCIAL
from voxpop.simulate.world import LANGUAGE_SHARES, LANGUAGES

#: A fixed end so that a stream is reproducible unless the caller asks for "now".
DEFAULT_END = datetime(2026, 10, 5, tzinfo=UTC)

CHANNELS: tuple[str, ...] = (
    "rss", "web", "news", "blog", "forum", "mastodon", "bluesky", "reddit", "hackernews", "review",
)


class SimulationConfigError(ValueError):
    """A simulation parameter is out of range or names something that does not exist."""


@dataclass(frozen=True, slots=True)
class Brand:
    """A fictional brand people talk about.

    ``industry`` picks the phrase banks (electronics, airline, coffee, bank); ``weight`` is its
    share of the organic conversation; ``tilt`` moves its sentiment (+0.1: ten points more
    positive mentions, ten fewer negative); ``home_languages`` are talked about it twice as much.
    """

    name: str
    industry: str
    products: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    competitors: tuple[str, ...] = ()
    domain: str = ""
    code: str = ""
    weight: float = 1.0
    tilt: float = 0.0
    home_languages: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "industry": self.industry,
            "aliases": list(self.aliases),
            "products": list(self.products),
            "handles": list(self.handles),
            "hashtags": list(self.hashtags),
            "competitors": list(self.competitors),
            "domain": self.domain,
        }


@dataclass(frozen=True, slots=True)
class Campaign:
    """A brand's hashtag campaign: volume rises and falls over ``days`` (a sin² bump).

    Placed at ``start`` or, when None, at ``position`` (0–1) of the window, 06:00 UTC.
    ``peak`` is the campaign's extra volume at its height as a multiple of the organic volume
    at that hour.
    """

    brand: str
    hashtag: str
    start: datetime | None = None
    position: float = 0.3
    days: float = 7.0
    peak: float = 0.5
    sentiment: tuple[float, float, float] = (0.62, 0.3, 0.08)


@dataclass(frozen=True, slots=True)
class Crisis:
    """A burst of negative mentions about one issue of one brand.

    Starts at ``start`` or, when None, at ``position`` (0–1) of the window at ``hour`` UTC;
    climbs linearly for ``ramp_hours`` to ``peak`` (extra volume as a multiple of the average
    hourly organic volume) and then halves every ``half_life_hours``. ``issue`` names the phrase
    banks (battery_fire, flight_cancellations). The first language of ``languages`` is where it
    starts; empty means every configured language, starting with the first.
    """

    brand: str
    issue: str
    product: str | None = None
    start: datetime | None = None
    position: float = 0.7
    hour: int = 14
    ramp_hours: float = 4.0
    half_life_hours: float = 10.0
    peak: float = 2.0
    languages: tuple[str, ...] = ()
    hashtag: str = ""
    article_share: float = 0.12
    repeat_authors: int = 8
    repeat_share: float = 0.35


DEFAULT_BRANDS: tuple[Brand, ...] = (
    Brand(
        name="Lumora", industry="electronics",
        products=("Lumora Pulse 7", "Lumora Pulse 7 Mini", "Lumora Buds Pro", "Lumora Book 14", "Lumora Watch S2"),
        aliases=("Lumora Electronics",), handles=("@lumora", "@LumoraSupport"),
        hashtags=("#Lumora", "#LumoraPulse7"), competitors=("Voltik",), domain="lumora.com",
        weight=0.24, tilt=0.03,
    ),
    Brand(
        name="Voltik", industry="electronics",
        products=("Voltik X3", "Voltik X3 Lite", "Voltik Air 2", "Voltik Tab 11"),
        aliases=("Voltik Mobile",), handles=("@voltik",), hashtags=("#Voltik",),
        competitors=("Lumora",), domain="voltik.com", weight=0.14,
    ),
    Brand(
        name="Fjordwing", industry="airline",
        products=("Fjordwing Light", "Fjordwing Flex", "Fjordwing Plus"),
        aliases=("Fjordwing Airlines",), handles=("@fjordwing", "@FjordwingHelp"),
        hashtags=("#Fjordwing",), competitors=("Norrjet",), domain="fjordwing.com", code="FW",
        weight=0.17, tilt=-0.04, home_languages=("da", "sv", "nb", "fi"),
    ),
    Brand(
        name="Norrjet", industry="airline",
        products=("Norrjet Basic", "Norrjet Smart", "Norrjet Flex"),
        aliases=("Norrjet Airways",), handles=("@norrjet",), hashtags=("#Norrjet",),
        competitors=("Fjordwing",), domain="norrjet.com", code="NJ", weight=0.11,
        home_languages=("da", "sv", "nb", "fi"),
    ),
    Brand(
        name="Roastfield", industry="coffee",
        products=("Oat Flat White", "Nordic Roast", "Cardamom Bun", "Cold Brew Tonic", "Cinnamon Latte"),
        aliases=("Roastfield Coffee",), handles=("@roastfield",), hashtags=("#Roastfield",),
        domain="roastfield.coffee", weight=0.16, tilt=0.06,
    ),
    Brand(
        name="Solvik Bank", industry="bank",
        products=("Solvik Save", "Solvik Save Plus", "Solvik Everyday", "Solvik Junior"),
        aliases=("Solvik", "Solvikbanken"), handles=("@solvikbank", "@SolvikHelp"),
        hashtags=("#SolvikBank",), domain="solvikbank.com", weight=0.14, tilt=-0.02,
        home_languages=("da", "sv", "nb", "fi"),
    ),
)

DEFAULT_CAMPAIGN = Campaign(brand="Roastfield", hashtag="#MyRoastfieldMoment")

DEFAULT_CRISES: tuple[Crisis, ...] = (
    Crisis(
        brand="Lumora", issue="battery_fire", product="Lumora Pulse 7", position=0.68, hour=14,
        hashtag="#Pulse7Fire",
    ),
    Crisis(
        brand="Fjordwing", issue="flight_cancellations", position=0.45, hour=5, ramp_hours=3.0,
        half_life_hours=8.0, peak=2.0, languages=("sv", "da", "nb", "fi", "en", "de"),
        hashtag="#FjordwingChaos",
    ),
)


@dataclass(frozen=True, slots=True)
class EventWindow:
    """An event placed in time: when it starts, peaks and has (practically) ended."""

    start: datetime
    peak: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class SimulationConfig:
    """Everything that determines a stream. Same config, same bytes.

    ``count`` None means ``days * daily_rate`` mentions. ``language_shares`` overrides the
    default share of each language (missing ones get none). ``spam_share`` of all mentions
    are spam; ``article_share`` of the organic conversation are long-form articles, of which
    ``copy_share`` are syndicated or translated copies of earlier ones;
    ``sentiment_label_share`` of mentions carry a sentiment exported by "another tool".
    """

    count: int | None = None
    days: int = 28
    seed: int = 1
    end: datetime = DEFAULT_END
    daily_rate: int = 500
    languages: tuple[str, ...] = LANGUAGES
    language_shares: tuple[tuple[str, float], ...] | None = None
    brands: tuple[Brand, ...] = DEFAULT_BRANDS
    campaign: Campaign | None = DEFAULT_CAMPAIGN
    crises: tuple[Crisis, ...] = DEFAULT_CRISES
    spam_share: float = 0.04
    article_share: float = 0.12
    copy_share: float = 0.3
    sentiment_label_share: float = 0.3

    def __post_init__(self) -> None:
        self.validate()

    # -- checks --------------------------------------------------------------------------

    def validate(self) -> None:
        def fail(message: str) -> None:
            raise SimulationConfigError(message)

        if self.count is not None and (not isinstance(self.count, int) or self.count < 0):
            fail(f"count must be a non-negative whole number or None, not {self.count!r}")
        if not isinstance(self.days, int) or not 1 <= self.days <= 3660:
            fail(f"days must be between 1 and 3660, not {self.days!r}")
        if not isinstance(self.seed, int):
            fail(f"seed must be a whole number, not {self.seed!r}")
        if self.end.tzinfo is None:
            fail("end must be timezone-aware (UTC)")
        if self.daily_rate < 0:
            fail("daily_rate must not be negative")
        if not self.languages:
            fail("at least one language is needed")
        for lang in self.languages:
            if lang not in SOCIAL:
                fail(f"language {lang!r} has no phrase bank; supported: {', '.join(LANGUAGES)}")
        if len(set(self.languages)) != len(self.languages):
            fail("languages must not repeat")
        for lang, share in self.language_shares or ():
            if lang not in self.languages:
                fail(f"language_shares names {lang!r}, which is not in languages")
            if share < 0:
                fail(f"language share of {lang!r} is negative")
        if sum(self.shares().values()) <= 0:
            fail("the language shares add up to nothing")
        for name, value, upper in (
            ("spam_share", self.spam_share, 0.5),
            ("article_share", self.article_share, 1.0),
            ("copy_share", self.copy_share, 0.9),
            ("sentiment_label_share", self.sentiment_label_share, 1.0),
        ):
            if not 0.0 <= value <= upper:
                fail(f"{name} must be between 0 and {upper}, not {value!r}")
        if not self.brands:
            fail("at least one brand is needed")
        names = [brand.name for brand in self.brands]
        if len(set(names)) != len(names):
            fail("brand names must be unique")
        for brand in self.brands:
            if brand.industry not in INDUSTRIES:
                fail(f"brand {brand.name!r}: industry must be one of {', '.join(INDUSTRIES)}")
            if not brand.products:
                fail(f"brand {brand.name!r} needs at least one product")
            if brand.weight < 0:
                fail(f"brand {brand.name!r} has a negative weight")
        if self.campaign is not None:
            if self.campaign.brand not in names:
                fail(f"the campaign's brand {self.campaign.brand!r} is not among the brands")
            if not self.campaign.hashtag.startswith("#") or len(self.campaign.hashtag) < 2:
                fail("the campaign hashtag must start with #")
            if self.campaign.days <= 0 or self.campaign.peak < 0:
                fail("the campaign needs positive days and a non-negative peak")
        for crisis in self.crises:
            if crisis.brand not in names:
                fail(f"the crisis brand {crisis.brand!r} is not among the brands")
            if crisis.issue not in ISSUES:
                fail(f"crisis issue {crisis.issue!r} unknown; known: {', '.join(ISSUES)}")
            for lang in crisis.languages:
                if lang not in self.languages:
                    fail(f"crisis language {lang!r} is not in languages")
            if crisis.ramp_hours <= 0 or crisis.half_life_hours <= 0 or crisis.peak < 0:
                fail("a crisis needs positive ramp and half-life and a non-negative peak")
            if not 0 <= crisis.hour <= 23:
                fail("a crisis hour is between 0 and 23")

    # -- derived values ------------------------------------------------------------------

    @property
    def start(self) -> datetime:
        return self.end - timedelta(days=self.days)

    def total(self) -> int:
        """The number of mentions the stream will have."""
        return self.count if self.count is not None else self.days * self.daily_rate

    def shares(self) -> dict[str, float]:
        """Each configured language's share of the organic conversation."""
        if self.language_shares is not None:
            given = dict(self.language_shares)
            return {lang: given.get(lang, 0.0) for lang in self.languages}
        return {lang: LANGUAGE_SHARES.get(lang, 0.05) for lang in self.languages}

    def brand(self, name: str) -> Brand:
        for brand in self.brands:
            if brand.name == name:
                return brand
        raise KeyError(name)

    def campaign_window(self) -> EventWindow | None:
        campaign = self.campaign
        if campaign is None:
            return None
        start = campaign.start or _place(self, campaign.position, 6)
        span = timedelta(days=campaign.days)
        return EventWindow(start=start, peak=start + span / 2, end=start + span)

    def crisis_window(self, crisis: Crisis) -> EventWindow:
        start = crisis.start or _place(self, crisis.position, crisis.hour)
        peak = start + timedelta(hours=crisis.ramp_hours)
        # After five half-lives the burst is at 1/32 of its peak: indistinguishable from noise.
        return EventWindow(start=start, peak=peak, end=peak + timedelta(hours=5 * crisis.half_life_hours))

    def crisis_languages(self, crisis: Crisis) -> tuple[str, ...]:
        return crisis.languages or self.languages

    def manifest(self) -> dict[str, Any]:
        """The ground truth of the stream as a JSON-able dict."""
        from voxpop.simulate.stream import crisis_plan  # the lead article's URL is part of the truth

        window = self.campaign_window()
        campaign = None
        if self.campaign is not None and window is not None:
            campaign = {
                "brand": self.campaign.brand,
                "hashtag": self.campaign.hashtag,
                "start": _iso(window.start),
                "peak": _iso(window.peak),
                "end": _iso(window.end),
                "sentiment": dict(zip(("positive", "neutral", "negative"), self.campaign.sentiment, strict=True)),
            }
        crises = []
        for index, crisis in enumerate(self.crises):
            crisis_window = self.crisis_window(crisis)
            plan = crisis_plan(self, index)
            languages = self.crisis_languages(crisis)
            crises.append({
                "brand": crisis.brand,
                "issue": crisis.issue,
                "product": crisis.product,
                "hashtag": crisis.hashtag or None,
                "start": _iso(crisis_window.start),
                "peak": _iso(crisis_window.peak),
                "end": _iso(crisis_window.end),
                "origin_language": languages[0],
                "languages": list(languages),
                "terms": {lang: list(SOCIAL[lang].CRISIS_TERMS[crisis.issue]) for lang in languages},
                "news_url": plan.url,
                "news_title": plan.title,
                "repeat_authors": plan.repeat_authors,
            })
        return {
            "generator": "voxpop.simulate",
            "format": "interchange-ndjson",
            "seed": self.seed,
            "count": self.total(),
            "days": self.days,
            "start": _iso(self.start),
            "end": _iso(self.end),
            "languages": list(self.languages),
            "language_shares": self.shares(),
            "channels": list(CHANNELS),
            "brands": [brand.as_dict() for brand in self.brands],
            "campaign": campaign,
            "crises": crises,
            "spam_share": self.spam_share,
            "article_share": self.article_share,
            "copy_share": self.copy_share,
        }


def _place(cfg: SimulationConfig, position: float, hour: int) -> datetime:
    """The day at ``position`` (0–1) of the window, at ``hour`` UTC."""
    start = cfg.start
    seconds = (cfg.end - start).total_seconds() * min(max(position, 0.0), 1.0)
    moment = start + timedelta(seconds=seconds)
    day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    placed = day + timedelta(hours=hour)
    if placed < start:
        placed += timedelta(days=1)
    return placed


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

