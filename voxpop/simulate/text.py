"""Mention texts from the phrase banks: slots filled per mention, posts, blog posts, news, spam.

Texts are kept distinct by combining several sentences with varied details (numbers, cities,
products, times, prices, names); each slot is only computed when a chosen sentence uses it.
"""

from __future__ import annotations

import random
import re
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from voxpop.simulate.banks import GENERIC_ASPECTS, INDUSTRY_ASPECTS, SENTIMENTS, SOCIAL, news, spam
from voxpop.simulate.config import Brand
from voxpop.simulate.world import (
    CITIES,
    CURRENCIES,
    EMOJI,
    FIRST_NAMES,
    HOME_CITIES,
    PRICE_POINTS,
    ROLES,
    SPOKESPEOPLE,
    city_forms,
)

_FINNISH_VOWELS = frozenset("aeiouyäöAEIOUYÄÖ")
_TRANSLIT = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "å": "aa", "Å": "Aa"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=4096)
def ascii_fold(text: str) -> str:
    """Latin text without diacritics, as people type it in handles and URLs."""
    text = text.translate(_TRANSLIT)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


@lru_cache(maxsize=8192)
def slugify(text: str, limit: int = 70) -> str:
    slug = _NON_SLUG.sub("-", ascii_fold(text).lower()).strip("-")
    return slug[:limit].rstrip("-") or "post"


def finnish_forms(name: str) -> dict[str, str]:
    """Case forms of a foreign name in Finnish (Lumora → Lumoran, Lumoralla, ...; Voltik → Voltikin)."""
    last_word = name.split()[-1]
    a = "a" if any(vowel in last_word.lower() for vowel in "aou") else "ä"
    ends_in_vowel = name[-1] in _FINNISH_VOWELS
    stem = name if ends_in_vowel else name + "i"
    illative = stem + stem[-1] + "n" if ends_in_vowel else stem + "in"
    return {
        "gen": stem + "n", "ine": stem + "ss" + a, "ela": stem + "st" + a, "ill": illative,
        "ade": stem + "ll" + a, "abl": stem + "lt" + a, "all": stem + "lle",
    }


def compound_prefix(name: str) -> str:
    """How Finnish glues a name to a noun: "Voltik-laite", "Lumora Pulse 7 -laite"."""
    return name + (" -" if " " in name else "-")


_GROUP_SEPARATORS = {"en": ",", "de": ".", "es": ".", "it": ".", "da": ".", "fr": " ", "sv": " ", "nb": " ", "fi": " "}


def group_digits(value: int, lang: str) -> str:
    return f"{value:,}".replace(",", _GROUP_SEPARATORS.get(lang, ","))


def decimal(value: float, lang: str, places: int = 1) -> str:
    text = f"{value:.{places}f}"
    return text if lang == "en" else text.replace(".", ",")


def format_price(euros: float, lang: str) -> str:
    currency, rate = CURRENCIES[lang]
    amount = euros * rate
    if currency in ("DKK", "SEK", "NOK"):
        whole = round(amount) if amount < 100 else int(round(amount / 10.0)) * 10 - 1
        text = group_digits(whole, lang)
        return f"{text} kr." if currency == "DKK" else f"{text} kr"
    if amount < 20:
        text = decimal(round(amount * 10) / 10.0, lang, 2)
    else:
        whole = int(round(amount)) if amount < 60 else int(round(amount / 10.0)) * 10 - 1
        text = group_digits(whole, lang)
    return f"£{text}" if currency == "GBP" else f"{text} €"


@dataclass(slots=True)
class BrandVoice:
    """What the writers need to know about a brand, prepared once."""

    brand: Brand
    name: str
    industry: str
    products: tuple[str, ...]
    competitors: tuple[str, ...]
    handles: tuple[str, ...]
    hashtags: tuple[str, ...]
    tag: str
    code: str
    domain: str
    slug: str
    finnish: dict[str, str]
    compound: str
    competitor_finnish: dict[str, dict[str, str]] = field(default_factory=dict)
    sentiment_bounds: tuple[float, float] = (0.34, 0.74)  # P(positive), P(positive or neutral)
    truths: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, brand: Brand, all_brands: tuple[Brand, ...]) -> BrandVoice:
        competitors = brand.competitors or tuple(
            other.name for other in all_brands if other.industry == brand.industry and other.name != brand.name
        ) or tuple(other.name for other in all_brands if other.name != brand.name) or ("the competition",)
        tag = "".join(part for part in re.split(r"[^\w]+", brand.name) if part)
        return cls(
            brand=brand,
            name=brand.name,
            industry=brand.industry,
            products=brand.products,
            competitors=competitors,
            handles=brand.handles or ("@" + tag.lower(),),
            hashtags=brand.hashtags or ("#" + tag,),
            tag=tag,
            code=brand.code or ascii_fold(brand.name)[:2].upper(),
            domain=brand.domain or slugify(brand.name).replace("-", "") + ".com",
            slug=slugify(brand.name),
            finnish=finnish_forms(brand.name),
            compound=compound_prefix(brand.name),
            competitor_finnish={name: finnish_forms(name) for name in competitors},
            sentiment_bounds=(0.34 + brand.tilt, 0.74 + brand.tilt / 2),
        )


class Slots(dict):
    """A mention's slot values, each made on first use so that unused slots cost nothing."""

    __slots__ = ()
    makers: dict[str, Callable[[Slots], str]]

    def __missing__(self, key: str) -> str:
        value = self.makers[key](self)
        self[key] = value
        return value


class SlotFiller:
    """Makes slot values in one language for the brand the writer is currently writing about."""

    def __init__(self, lang: str, rng: random.Random, campaign_tag: str) -> None:
        self.lang = lang
        self.random = rng.random
        self.voice: BrandVoice | None = None
        self.product: str | None = None
        self.campaign_tag = campaign_tag
        self.names = FIRST_NAMES[lang]
        self.finnish = lang == "fi"
        self.home_cities = tuple(city_forms(key, lang) for key in HOME_CITIES[lang])
        self.all_cities = tuple(city_forms(key, lang) for key in CITIES)
        # Prices as people write them in this language: a table per industry, drawn from.
        self.prices = {
            industry: tuple(
                format_price(point * (0.85 + 0.3 * step / 11), lang) for point in points for step in range(12)
            )
            for industry, points in PRICE_POINTS.items()
        }
        draw = self.random
        makers: dict[str, Callable[[Slots], str]] = {
            "brand": lambda s: self._voice.name,
            "brand_c": lambda s: self._voice.compound,
            "product": self._product,
            "product_c": lambda s: compound_prefix(s["product"]),
            "competitor": self._competitor,
            "competitor_c": lambda s: compound_prefix(s["competitor"]),
            "competitor_gen": lambda s: self._voice.competitor_finnish[s["competitor"]]["gen"]
            if self.finnish else s["competitor"],
            "flight": lambda s: f"{self._voice.code} {100 + int(draw() * 2800)}",
            "city": lambda s: self._city(s, 0),
            "city_in": lambda s: self._city(s, 1),
            "city_to": lambda s: self._city(s, 2),
            "city_from": lambda s: self._city(s, 3),
            "n": lambda s: _N[int(draw() * 8)],
            "nn": lambda s: _NN[int(draw() * 86)],
            "hours": lambda s: _HOURS[int(draw() * 10)],
            "minutes": lambda s: _MINUTES[int(draw() * 17)],
            "time": lambda s: _TIMES[int(draw() * 1020)],
            "order": lambda s: str(1_000_000 + int(draw() * 8_999_999)),
            "name": lambda s: self.names[int(draw() * len(self.names))],
            "handle": lambda s: self._voice.handles[int(draw() * len(self._voice.handles))],
            "campaign_tag": lambda s: self.campaign_tag,
            "price": self._price,
        }
        for case in ("gen", "ine", "ela", "ill", "ade", "abl", "all"):
            makers["brand_" + case] = self._brand_case(case)
        self.makers = makers
        self.slots_type: type[Slots] = type(f"Slots_{lang}", (Slots,), {"__slots__": (), "makers": makers})
        self.fixed: dict[str, dict[str, str]] = {}

    @property
    def _voice(self) -> BrandVoice:
        assert self.voice is not None
        return self.voice

    def slots(self, voice: BrandVoice, product: str | None = None) -> Slots:
        self.voice = voice
        self.product = product
        base = self.fixed.get(voice.name)
        if base is None:
            # The brand's own names never change: fill them once, copy them per mention.
            keys: tuple[str, ...] = ("brand", "campaign_tag")
            if self.finnish:  # only Finnish phrases use the case forms
                keys += ("brand_c", "brand_gen", "brand_ela", "brand_ade", "brand_abl", "brand_all")
            base = self.fixed[voice.name] = {key: self.makers[key](self.slots_type()) for key in keys}
        return self.slots_type(base)

    def _brand_case(self, case: str) -> Callable[[Slots], str]:
        if self.finnish:
            return lambda s: self._voice.finnish[case]
        return lambda s: self._voice.name

    def _product(self, slots: Slots) -> str:
        if self.product is not None:
            return self.product
        products = self._voice.products
        return products[int(self.random() * len(products))]

    def _competitor(self, slots: Slots) -> str:
        competitors = self._voice.competitors
        return competitors[int(self.random() * len(competitors))]

    def _city(self, slots: Slots, form: int) -> str:
        draw = self.random
        cities = self.home_cities if draw() < 0.75 else self.all_cities
        forms = cities[int(draw() * len(cities))]
        slots["city"], slots["city_in"], slots["city_to"], slots["city_from"] = forms
        return forms[form]

    def _price(self, slots: Slots) -> str:
        prices = self.prices[self._voice.industry]
        return prices[int(self.random() * len(prices))]


_N = tuple(str(value) for value in range(2, 10))
_NN = tuple(str(value) for value in range(10, 96))
_HOURS = tuple(str(value) for value in range(2, 12))
_MINUTES = tuple(str(5 * value) for value in range(2, 19))
_TIMES = tuple(f"{hour:02d}:{minute:02d}" for hour in range(6, 23) for minute in range(60))


def _pick(items: list[str] | tuple[str, ...], draw: Callable[[], float]) -> str:
    return items[int(draw() * len(items))]


class SocialWriter:
    """Writes posts, comments, reviews, blog posts, campaign and crisis posts in one language.

    Sentences are drawn from flat, pre-weighted lists (one per industry and sentiment) so that a
    post costs a handful of random draws and a single ``format_map``.
    """

    def __init__(self, lang: str, rng: random.Random, campaign_tag: str) -> None:
        bank = SOCIAL[lang]
        self.lang = lang
        self.random = rng.random
        self.filler = SlotFiller(lang, rng, campaign_tag)
        self.open: list[str] = bank.OPEN
        self.close: dict[str, list[str]] = bank.CLOSE
        self.campaign_lines: dict[str, list[str]] = bank.CAMPAIGN
        self.crisis_lines: dict[str, list[str]] = bank.CRISIS
        self.complaints: list[str] = bank.ASPECTS["service"]["negative"]
        # The first sentence names the brand, so that every mention is about it.
        self.titles = {
            sentiment: [line for line in lines if "{brand" in line] or lines
            for sentiment, lines in bank.TITLES.items()
        }
        self.first: dict[tuple[str, str], list[str]] = {}
        self.more: dict[tuple[str, str], list[str]] = {}
        self.rich: dict[tuple[str, str], list[str]] = {}
        for industry, (main, secondary) in INDUSTRY_ASPECTS.items():
            aspects = ((main, 4), (secondary, 3), (GENERIC_ASPECTS[0], 2), (GENERIC_ASPECTS[1], 2))
            for sentiment in SENTIMENTS:
                first: list[str] = []
                more: list[str] = []
                for aspect, weight in aspects:
                    for other, share in _SECOND_SENTIMENT[sentiment]:
                        lines = bank.ASPECTS[aspect][other]
                        if other == sentiment:
                            naming = [line for line in lines if "{brand" in line] or lines
                            first += naming * weight
                        more += lines * (weight * share)
                self.first[industry, sentiment] = first
                self.more[industry, sentiment] = more
                self.rich[industry, sentiment] = [line for line in more if _RICH.search(line)]

    def _lines(self, industry: str, sentiment: str, extra: int) -> list[str]:
        draw = self.random
        first = self.first[industry, sentiment]
        lines = [first[int(draw() * len(first))]]
        more = self.more[industry, sentiment]
        size = len(more)
        for _ in range(extra):
            line = more[int(draw() * size)]
            if line not in lines:
                lines.append(line)
        return lines

    def post(self, voice: BrandVoice, sentiment: str, short: bool) -> tuple[str, list[str], Slots]:
        """A title (for the caller to use or not), unformatted sentences and their slots."""
        draw = self.random
        slots = self.filler.slots(voice)
        extra = 1 if short else 1 + (draw() < 0.6) + (draw() < 0.25)
        lines = self._lines(voice.industry, sentiment, extra)
        if draw() < 0.4:
            lines.insert(0, self.open[int(draw() * len(self.open))])
        if draw() < (0.35 if short else 0.55):
            close = self.close[sentiment]
            lines.append(close[int(draw() * len(close))])
        titles = self.titles[sentiment]
        return titles[int(draw() * len(titles))], lines, slots

    def blog(self, voice: BrandVoice, sentiment: str) -> tuple[str, str]:
        draw = self.random
        slots = self.filler.slots(voice)
        titles = self.titles[sentiment]
        title = titles[int(draw() * len(titles))].format_map(slots)
        used: list[str] = []
        paragraphs = [_pick(self.open, draw)]
        for _ in range(2 + (draw() < 0.5)):
            lines = [line for line in self._lines(voice.industry, sentiment, 1 + (draw() < 0.5))
                     if line not in used]
            used += lines
            if lines:
                paragraphs.append(" ".join(lines))
        paragraphs.append(_pick(self.close[sentiment], draw))
        return title, "\n\n".join(paragraphs).format_map(slots)

    def campaign(self, voice: BrandVoice, sentiment: str) -> tuple[list[str], Slots]:
        draw = self.random
        slots = self.filler.slots(voice)
        lines = [_pick(self.campaign_lines[sentiment], draw)]
        lines += self._lines(voice.industry, sentiment, 0)
        if draw() < 0.3:
            lines.append(_pick(self.close[sentiment], draw))
        return lines, slots

    def crisis(self, voice: BrandVoice, issue: str, product: str | None) -> tuple[list[str], Slots]:
        draw = self.random
        slots = self.filler.slots(voice, product)
        pool = self.crisis_lines[issue]
        lines = [pool[int(draw() * len(pool))]]
        if draw() < 0.5:
            second = pool[int(draw() * len(pool))]
            if second not in lines:
                lines.append(second)
        if len(lines) == 1 or draw() < 0.3:
            lines.append(_pick(self.complaints, draw))
        if draw() < 0.4:
            lines.append(_pick(self.close["negative"], draw))
        return lines, slots

    def emoji(self, sentiment: str) -> str:
        return _pick(EMOJI[sentiment], self.random)

    def detail(self, industry: str, sentiment: str) -> str:
        """A sentence with specific details (a time, an order, a price, a flight) to set a post apart."""
        rich = self.rich[industry, sentiment]
        return rich[int(self.random() * len(rich))]


#: Slots with many possible values: a sentence using one is unlikely to repeat word for word.
_RICH = re.compile(r"\{(time|order|price|flight|nn)\}")


class SeenTexts:
    """Texts written so far, as a fixed-size Bloom filter: no false negatives, rare false positives.

    Memory stays the same whatever the count (8 MiB; at a million texts about one in a thousand
    is wrongly taken for a repeat, which only costs it an extra detail). Deterministic hashes
    (CRC-32 and Adler-32, not Python's salted ``hash``) keep streams reproducible.
    """

    def __init__(self, bits: int = 1 << 26) -> None:
        self.bits = bytearray(bits >> 3)
        self.mask = bits - 1

    def add(self, text: str) -> bool:
        """Remember ``text``; True when it (probably) was seen before."""
        data = text.encode("utf-8")
        first = zlib.crc32(data) & self.mask
        second = (first + (zlib.adler32(data) | 1)) & self.mask
        bits = self.bits
        one, two = 1 << (first & 7), 1 << (second & 7)
        seen = bool(bits[first >> 3] & one) and bool(bits[second >> 3] & two)
        bits[first >> 3] |= one
        bits[second >> 3] |= two
        return seen


#: When a post says more than one thing, how the further sentences lean (out of 10).
_SECOND_SENTIMENT: dict[str, tuple[tuple[str, int], ...]] = {
    "positive": (("positive", 7), ("neutral", 2), ("negative", 1)),
    "neutral": (("neutral", 7), ("positive", 2), ("negative", 1)),
    "negative": (("negative", 7), ("neutral", 2), ("positive", 1)),
}


# -- news -----------------------------------------------------------------------------


@dataclass(slots=True)
class ArticleSpec:
    """A news article as parallel sentences plus raw slot values: renderable in any language."""

    story: dict[str, Any]
    body: list[dict[str, str]]
    quote: dict[str, str] | None
    closing: dict[str, str] | None
    values: dict[str, Any]
    tone: str
    updated: bool = False


def new_article(voice: BrandVoice, rng: random.Random, *, issue: str | None = None,
                product: str | None = None, story_index: int | None = None) -> ArticleSpec:
    """A news story about a brand: an industry story, or one about a crisis issue."""
    draw = rng.random
    topic = issue or voice.industry
    stories = news.STORIES[topic]
    story = stories[int(draw() * len(stories)) if story_index is None else story_index]
    tone = str(story["tone"])
    body = _some(news.BODY[topic], 2 + (draw() < 0.5), draw)
    if issue is None:
        body += _some(news.BODY["generic"], 1 + (draw() < 0.4), draw)
        if tone in news.SHARES and voice.industry != "coffee" and draw() < 0.5:
            body.append(news.SHARES[tone])
        quotes = news.QUOTES[tone]
    else:
        quotes = news.QUOTES[issue]
    quote = quotes[int(draw() * len(quotes))] if issue is not None or draw() < 0.7 else None
    closing = news.CLOSINGS[int(draw() * len(news.CLOSINGS))] if draw() < 0.5 else None
    home_city = _CITY_KEYS[int(draw() * len(_CITY_KEYS))]
    other_city = _CITY_KEYS[int(draw() * len(_CITY_KEYS))]
    while other_city == home_city:
        other_city = _CITY_KEYS[int(draw() * len(_CITY_KEYS))]
    values = {
        "voice": voice,
        "issue": issue,
        "fixed_product": product,
        "product": product or voice.products[int(draw() * len(voice.products))],
        "competitor": voice.competitors[int(draw() * len(voice.competitors))],
        "city": home_city,
        "city2": other_city,
        "n": 2 + int(draw() * 8),
        "nn": 12 + int(draw() * 80),
        "jobs": 10 * (12 + int(draw() * 80)),
        "people": 100 * (20 + int(draw() * 4000)),
        "pct": (0.1 + draw() * 1.8) if voice.industry == "bank" and issue is None else (1.2 + draw() * 13.6),
        "pct2": 0.3 + draw() * 6.5,
        "money": 5 + draw() * 900,
        "money2": 2 + draw() * 300,
        "spokesperson": SPOKESPEOPLE[int(draw() * len(SPOKESPEOPLE))],
        "role": int(draw() * len(ROLES)),
        "flight": f"{voice.code} {100 + int(draw() * 2800)}",
    }
    values["minute_of_day"] = 6 * 60 + int(draw() * 17 * 60)
    return ArticleSpec(story=story, body=body, quote=quote, closing=closing, values=values, tone=tone,
                       updated=draw() < 0.4)


_CITY_KEYS = tuple(CITIES)


def _some(entries: list[dict[str, str]], count: int, draw: Callable[[], float]) -> list[dict[str, str]]:
    """``count`` different entries in random order (cheaper than shuffling for short lists)."""
    chosen: list[dict[str, str]] = []
    while len(chosen) < min(count, len(entries)):
        entry = entries[int(draw() * len(entries))]
        if entry not in chosen:
            chosen.append(entry)
    return chosen


def article_slots(values: dict[str, Any], lang: str) -> dict[str, str]:
    voice: BrandVoice = values["voice"]
    finnish = lang == "fi"
    product = values["product"]
    competitor = values["competitor"]
    slots = {
        "brand": voice.name,
        "brand_c": voice.compound,
        "product": product,
        "product_c": compound_prefix(product),
        "competitor": competitor,
        "competitor_c": compound_prefix(competitor),
        "competitor_gen": voice.competitor_finnish[competitor]["gen"] if finnish else competitor,
        "n": str(values["n"]),
        "nn": str(values["nn"]),
        "jobs": group_digits(values["jobs"], lang),
        "people": group_digits(values["people"], lang),
        "pct": decimal(values["pct"], lang),
        "pct2": decimal(values["pct2"], lang),
        "money": decimal(values["money"], lang),
        "money2": decimal(values["money2"], lang),
        "spokesperson": values["spokesperson"],
        "role": ROLES[values["role"]][lang],
        "flight": values["flight"],
    }
    for case, form in voice.finnish.items():
        slots["brand_" + case] = form if finnish else voice.name
    for prefix in ("city", "city2"):
        forms = city_forms(values[prefix], lang)
        slots[prefix], slots[prefix + "_in"], slots[prefix + "_to"], slots[prefix + "_from"] = forms
    return slots


def render_article(spec: ArticleSpec, lang: str) -> tuple[str, list[str]]:
    """The article's title and paragraphs in ``lang``."""
    slots = article_slots(spec.values, lang)
    title = spec.story["title"][lang].format_map(slots)
    paragraphs = [spec.story["lead"][lang].format_map(slots)]
    body = [entry[lang].format_map(slots) for entry in spec.body]
    for start in range(0, len(body), 2):
        paragraphs.append(" ".join(body[start : start + 2]))
    if spec.quote is not None:
        paragraphs.append(spec.quote[lang].format_map(slots))
    if spec.closing is not None:
        paragraphs.append(spec.closing[lang].format_map(slots))
    if spec.updated:
        paragraphs.append(news.UPDATED[lang].format(time=clock(spec.values["minute_of_day"], lang)))
    return title, paragraphs


def clock(minute_of_day: int, lang: str) -> str:
    """A time of day as a news site in ``lang`` writes it (14:35, 14.35, 14h35)."""
    hour, minute = divmod(minute_of_day, 60)
    if lang == "fr":
        return f"{hour}h{minute:02d}"
    separator = "." if lang in ("da", "sv", "nb", "fi") else ":"
    return f"{hour:02d}{separator}{minute:02d}"


def credit_line(lang: str, outlet: str) -> str:
    return news.CREDITS[lang].format(outlet=outlet)


# -- spam -----------------------------------------------------------------------------

SPAM_KINDS: tuple[str, ...] = ("giveaway", "crypto", "link_farm", "stuffing", "copypasta")
_SPAM_WEIGHTS = (0.28, 0.14, 0.16, 0.16, 0.26)


class SpamWriter:
    """Spam texts; copy-pasted scams are rendered once per stream and then repeated verbatim."""

    def __init__(self, rng: random.Random, voices: list[BrandVoice], languages: tuple[str, ...]) -> None:
        self.rng = rng
        self.random = rng.random
        self.voices = voices
        self.languages = languages
        self.cumulative = []
        total = 0.0
        for weight in _SPAM_WEIGHTS:
            total += weight
            self.cumulative.append(total)
        self.copypasta: list[tuple[str, str, BrandVoice]] = []
        for lang, lines in spam.COPYPASTA.items():
            if lang not in languages:
                continue
            for line in lines:
                voice = voices[int(self.random() * len(voices))]
                text = line.format_map(self._slots(voice, lang))
                self.copypasta.append((lang, text, voice))

    def spam_url(self, voice: BrandVoice) -> str:
        draw = self.random
        word = _pick(spam.DOMAIN_WORDS, draw)
        tld = _pick(spam.DOMAIN_TLDS, draw)
        path = f"{int(draw() * 36**6):06x}"
        return f"https://{voice.slug}-{word}.{tld}/{path}"

    def _slots(self, voice: BrandVoice, lang: str) -> dict[str, str]:
        draw = self.random
        return {
            "brand": voice.name,
            "brand_tag": voice.tag,
            "product": voice.products[int(draw() * len(voice.products))],
            "spam_url": self.spam_url(voice),
            "spam_url2": self.spam_url(voice),
            "spam_url3": self.spam_url(voice),
            "spam_url4": self.spam_url(voice),
            "spam_handle": "@" + _pick(spam.HANDLE_WORDS, draw) + "_" + _pick(spam.HANDLE_WORDS, draw)
            + str(int(draw() * 9000) + 100),
            "n": str(2 + int(draw() * 18)),
            "nn": str(10 + int(draw() * 90)),
            "coin": _pick(spam.COINS, draw),
        }

    def write(self, preferred_lang: str) -> tuple[str, str, str, BrandVoice]:
        """(kind, language, text, brand) of one spam mention."""
        draw = self.random
        pick = draw() * self.cumulative[-1]
        kind = SPAM_KINDS[next(i for i, bound in enumerate(self.cumulative) if pick < bound)]
        if kind == "copypasta" and self.copypasta:
            lang, text, voice = self.copypasta[int(draw() * len(self.copypasta))]
            return kind, lang, text, voice
        voice = self.voices[int(draw() * len(self.voices))]
        if kind == "stuffing":
            lang = preferred_lang
            words = list(spam.STUFFING_WORDS[lang])
            product = voice.products[int(draw() * len(voice.products))]
            pieces = []
            for _ in range(9 + int(draw() * 8)):
                pieces.append(_pick((voice.name, product, voice.name + " " + _pick(words, draw),
                                     _pick(words, draw) + " " + product), draw))
            return kind, lang, " ".join(pieces) + " " + self.spam_url(voice), voice
        if kind == "link_farm" or (kind == "crypto" and preferred_lang not in spam.CRYPTO) or kind == "copypasta":
            lang = "en" if "en" in self.languages else preferred_lang
            kind = "link_farm"
            template = _pick(spam.LINK_FARM, draw)
        elif kind == "crypto":
            lang = preferred_lang
            template = _pick(spam.CRYPTO[lang], draw)
        else:
            lang = preferred_lang
            template = _pick(spam.GIVEAWAY[lang], draw)
        return kind, lang, template.format_map(self._slots(voice, lang)), voice


__all__ = [
    "SENTIMENTS", "ArticleSpec", "BrandVoice", "SeenTexts", "SocialWriter", "SpamWriter", "credit_line",
    "new_article", "render_article", "slugify",
]
