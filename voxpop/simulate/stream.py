"""The stream itself: mentions in the interchange format, generated lazily in published_at order.

Hour slices are produced one after the other; within a slice the timestamps are drawn and
sorted first, then a mention of the slice's drawn kind is written for each. Memory stays
constant whatever the count: only the slice plan, the author pools and a short window of
recent articles (which syndicated and translated copies are made from) are kept.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import accumulate
from typing import Any, NamedTuple

from voxpop.simulate.banks import SENTIMENTS
from voxpop.simulate.channels import Addresses, Engagement
from voxpop.simulate.config import SimulationConfig
from voxpop.simulate.people import (
    Author,
    AuthorPool,
    bloggers,
    journalists,
    social_pool,
    spam_pool,
)
from voxpop.simulate.rhythm import (
    KIND_ARTICLE,
    KIND_CAMPAIGN,
    KIND_COPY,
    KIND_CRISIS,
    KIND_SOCIAL,
    KIND_SPAM,
    plan_slices,
)
from voxpop.simulate.text import (
    ArticleSpec,
    BrandVoice,
    SeenTexts,
    SocialWriter,
    SpamWriter,
    credit_line,
    new_article,
    render_article,
    slugify,
)
from voxpop.simulate.world import EMOJI, NEWS_OUTLETS, NEWS_SECTIONS

#: How far back syndicating sites look for articles to copy, and how often one is copied.
RECENT_ARTICLES = 200
MAX_COPIES = 8
MAX_LANGUAGES = 5
MIN_COPY_DELAY_S = 600.0
ORIGIN_BOOST = 2.5

_PARAGRAPHS = frozenset({"hackernews", "reddit", "forum"})
_MINUTE_SECOND = tuple(f"{second // 60:02d}:{second % 60:02d}Z" for second in range(3600))
_SPAM_SENTIMENT = {
    "giveaway": "positive", "crypto": "positive", "link_farm": "neutral", "stuffing": "neutral",
    "copypasta": "neutral",
}


class Truth(NamedTuple):
    """What a mention really is, for evaluating spam, dedup, sentiment and alerting.

    ``kind``: organic, blog, article, syndicated, translated, campaign, crisis,
    crisis_article or spam. ``original_id``: the article a copy was made from.
    ``event``: the campaign hashtag, the crisis issue or the spam kind.
    """

    kind: str
    brand: str
    sentiment: str
    original_id: str | None = None
    event: str | None = None


@dataclass(slots=True)
class CrisisPlan:
    """What is fixed about a crisis before the stream starts (and reported in the manifest)."""

    index: int
    voice: BrandVoice
    lang: str
    outlet: str
    journalist: Author
    spec: ArticleSpec
    title: str
    paragraphs: list[str]
    url: str
    activists: dict[str, AuthorPool]
    repeat_authors: list[str]
    emitted: bool = False


def crisis_plan(cfg: SimulationConfig, index: int) -> CrisisPlan:
    crisis = cfg.crises[index]
    rng = random.Random(f"{cfg.seed}/crisis/{index}")
    voice = BrandVoice.of(cfg.brand(crisis.brand), cfg.brands)
    languages = cfg.crisis_languages(crisis)
    lang = languages[0]
    outlet = rng.choice(NEWS_OUTLETS[lang])
    journalist = rng.choice(journalists(lang, rng)[outlet])
    spec = new_article(voice, rng, issue=crisis.issue, product=crisis.product, story_index=0)
    title, paragraphs = render_article(spec, lang)
    start = cfg.crisis_window(crisis).start
    section = NEWS_SECTIONS[lang].get(voice.industry, "news")
    url = f"https://{outlet}/{section}/{start:%Y/%m/%d}/{slugify(title)}"
    activists = {}
    handles = []
    for activist_lang in languages:
        pool = social_pool(activist_lang, max(1, crisis.repeat_authors), rng)
        activists[activist_lang] = pool
        handles += [author.handle for author in pool.authors]
    return CrisisPlan(index, voice, lang, outlet, journalist, spec, title, paragraphs, url, activists, handles)


@dataclass(slots=True)
class _Recent:
    id: str
    outlet: str
    lang: str
    spec: ArticleSpec
    title: str
    paragraphs: list[str]
    epoch: float
    voice: BrandVoice
    sentiment: str
    languages: set[str] = field(default_factory=set)
    copies: int = 0


def _fit_bluesky(sentences: list[str], emoji: str, tail: str) -> str:
    """At most 300 characters, as Bluesky allows: drop sentences, then the tail, then cut."""
    while len(sentences) > 1 and sum(len(sentence) + 1 for sentence in sentences) + len(emoji) + len(tail) > 301:
        sentences.pop()
    text = " ".join(sentences) + emoji + tail
    if len(text) > 300:
        text = " ".join(sentences) + emoji
    if len(text) > 300:
        text = text[:299].rsplit(" ", 1)[0] + "…"
    return text


def _tone_sentiment(tone: str) -> str:
    return tone if tone in SENTIMENTS else "neutral"


class _Stream:
    def __init__(self, cfg: SimulationConfig) -> None:
        self.cfg = cfg
        self.rng = rng = random.Random(cfg.seed)
        self.random = rng.random
        self.slices = plan_slices(cfg, random.Random(f"{cfg.seed}/rhythm"))
        self.languages = cfg.languages
        self.voices = [BrandVoice.of(brand, cfg.brands) for brand in cfg.brands]
        for voice in self.voices:  # organic truths are shared, not made per mention
            voice.truths = {sentiment: Truth("organic", voice.name, sentiment) for sentiment in SENTIMENTS}
        self.voice_by_name = {voice.name: voice for voice in self.voices}
        campaign_tag = cfg.campaign.hashtag if cfg.campaign else "#"
        self.writers = {lang: SocialWriter(lang, rng, campaign_tag) for lang in cfg.languages}
        self.addresses = Addresses(rng)
        self.engagement = Engagement(rng)
        self.spam_writer = SpamWriter(rng, self.voices, cfg.languages)
        self.recent: deque[_Recent] = deque(maxlen=RECENT_ARTICLES)
        self.seen = SeenTexts()
        self.seq = 0
        self._build_people()
        self._build_weights()
        self.crises = [crisis_plan(cfg, index) for index in range(len(cfg.crises))]
        self.organic_parts = {
            lang: (*self.brand_weights[lang], self.pools[lang], self.writers[lang]) for lang in self.languages
        }
        self.campaign_voice = self.voice_by_name[cfg.campaign.brand] if cfg.campaign else None
        self.campaign_sentiment = list(accumulate(cfg.campaign.sentiment)) if cfg.campaign else [1.0]
        self.label_share = cfg.sentiment_label_share

    # -- set-up ---------------------------------------------------------------------------

    def _build_people(self) -> None:
        cfg = self.cfg
        shares = cfg.shares()
        share_sum = sum(shares.values()) or 1.0
        total = cfg.total()
        self.pools: dict[str, AuthorPool] = {}
        self.tagging: dict[str, AuthorPool] = {}
        self.bloggers: dict[str, AuthorPool] = {}
        self.staff: dict[str, dict[str, list[Author]]] = {}
        for lang in cfg.languages:
            people = random.Random(f"{cfg.seed}/people/{lang}")
            expected = total * shares[lang] / share_sum
            size = min(max(int(expected / 5), 150), 12_000)
            pool = social_pool(lang, size, people)
            self.pools[lang] = pool
            self.tagging[lang] = pool.subset({"mastodon", "bluesky"}, people)
            self.bloggers[lang] = bloggers(lang, min(max(size // 12, 20), 1500), people)
            self.staff[lang] = journalists(lang, people)
        spammers = random.Random(f"{cfg.seed}/people/spam")
        self.spammers = spam_pool(min(max(int(total * cfg.spam_share / 6), 40), 5000), spammers)

    def _build_weights(self) -> None:
        self.brand_weights: dict[str, tuple[list[float], float, list[BrandVoice]]] = {}
        for lang in self.languages:
            weights = [
                voice.brand.weight * (2.0 if lang in voice.brand.home_languages else 1.0)
                for voice in self.voices
            ]
            cumulative = list(accumulate(weights))
            # bisect can land one past the end when a draw hits the total exactly
            self.brand_weights[lang] = (cumulative, cumulative[-1] or 1.0, [*self.voices, self.voices[-1]])

    # -- small choices ----------------------------------------------------------------------

    def _brand(self, lang: str) -> BrandVoice:
        cumulative, total, voices = self.brand_weights[lang]
        return voices[bisect_right(cumulative, self.random() * total)]

    def _sentiment(self, voice: BrandVoice) -> str:
        positive, neutral = voice.sentiment_bounds
        draw = self.random()
        return "positive" if draw < positive else "neutral" if draw < neutral else "negative"

    def _label(self, sentiment: str) -> str:
        """A sentiment as another tool would have exported it: mostly right."""
        draw = self.random()
        if draw < 0.82:
            return sentiment
        if sentiment == "neutral":
            return "positive" if draw < 0.91 else "negative"
        return "neutral" if draw < 0.95 else ("negative" if sentiment == "positive" else "positive")

    def _pick_language(self, cumulative: list[float], among: tuple[str, ...] | None = None,
                       first_boost: float = 1.0) -> str:
        """A language by this hour's activity, optionally only ``among`` some (the first boosted)."""
        if among is None:
            index = bisect_right(cumulative, self.random() * cumulative[-1])
            return self.languages[min(index, len(self.languages) - 1)]
        weights = []
        previous = 0.0
        for lang, bound in zip(self.languages, cumulative, strict=True):
            weight = bound - previous if lang in among else 0.0
            weights.append(weight * first_boost if lang == among[0] else weight)
            previous = bound
        if not any(weights):
            return among[0]
        running = list(accumulate(weights))
        index = bisect_right(running, self.random() * running[-1])
        return self.languages[min(index, len(self.languages) - 1)]

    # -- records ------------------------------------------------------------------------------

    def _record(self, ident: str, url: str, author: Author, title: str | None, text: str, stamp: str,
                lang: str, channel: str, sentiment: str, boost: float) -> dict[str, Any]:
        name = author.name
        if name is None:
            record: dict[str, Any] = {"id": ident, "url": url, "author": author.handle, "title": title,
                                      "text": text, "published_at": stamp, "lang": lang, "channel": channel}
        else:
            record = {"id": ident, "url": url, "author": author.handle, "author_name": name, "title": title,
                      "text": text, "published_at": stamp, "lang": lang, "channel": channel}
        record["author_followers"] = author.followers
        country = author.country
        if country is not None:
            record["country"] = country
        if self.random() < self.label_share:
            record["sentiment"] = self._label(sentiment)
        self.engagement.add(record, channel, author.followers, boost)
        return record

    def _social(self, lang: str, voice: BrandVoice, sentiment: str, author: Author, title: str | None,
                lines: list[str], slots: dict[str, str], epoch: float, stamp: str, tags: list[str],
                link: str | None, boost: float) -> dict[str, Any]:
        draw = self.random
        channel = author.channel
        seq = self.seq
        heading = None
        if title is not None and (
            channel == "review"
            or (channel == "reddit" and draw() < 0.4)
            or (channel == "forum" and draw() < 0.35)
        ):
            heading = title.format_map(slots)

        tagging = channel == "mastodon" or channel == "bluesky"
        emoji = ""
        if tagging:
            if draw() < 0.35:
                hashtags = voice.hashtags
                tags.append(hashtags[int(draw() * len(hashtags))])
            if draw() < 0.3:
                faces = EMOJI[sentiment]
                emoji = " " + faces[int(draw() * len(faces))]
            if draw() < 0.12:
                lines = [voice.handles[0] + " " + lines[0], *lines[1:]]
        elif channel != "hackernews" and draw() < 0.12:
            faces = EMOJI[sentiment]
            emoji = " " + faces[int(draw() * len(faces))]
        if link is None and draw() < 0.06 and channel != "review":
            link = f"https://www.{voice.domain}/{slugify(slots['product'])}"
        tail = ""
        if link is not None:
            tail = " " + link
        if tags and (tagging or channel == "forum"):
            tail += " " + (tags[0] if len(tags) == 1 else " ".join(dict.fromkeys(tags)))
        separator = "\n\n" if channel in _PARAGRAPHS and draw() < 0.5 else " "

        attempt = 0
        while True:
            text = separator.join(lines).format_map(slots) + emoji
            if channel == "bluesky":
                if len(text) + len(tail) > 300:
                    text = _fit_bluesky([line.format_map(slots) for line in lines], emoji, tail)
                else:
                    text += tail
            elif tail:
                text += ("\n\n" + tail[1:]) if channel == "mastodon" else tail
            if not self.seen.add(text):
                break
            # Said before, word for word: add a specific detail, right after the first sentence
            # (where a 300-character limit does not cut it off), with fresh values.
            attempt += 1
            lines = [lines[0], self.writers[lang].detail(voice.industry, sentiment), *lines[1:]]
            for key in ("time", "order", "price", "flight", "nn"):
                slots.pop(key, None)
            if attempt > 6:
                emoji += " " + self.writers[lang].emoji(sentiment)

        if channel == "mastodon":
            ident, url = self.addresses.mastodon(author, seq, epoch)
        elif channel == "bluesky":
            ident, url = self.addresses.bluesky(author, seq, epoch)
        elif channel == "reddit":
            ident, url = self.addresses.reddit(lang, voice.industry, seq, heading,
                                               slugify(heading, 50) if heading else "")
        elif channel == "hackernews":
            ident, url = self.addresses.hackernews(seq)
        elif channel == "forum":
            topic = heading or (title.format_map(slots) if title else voice.name)
            ident, url = self.addresses.forum(lang, voice.industry, seq, slugify(topic, 50), heading is not None)
        else:
            ident, url = self.addresses.review(lang, seq, epoch)
        return self._record(ident, url, author, heading, text, stamp, lang, channel, sentiment, boost)

    def organic(self, lang: str, epoch: float, stamp: str) -> tuple[dict[str, Any], Truth]:
        draw = self.random
        cumulative, total, voices, pool, writer = self.organic_parts[lang]
        voice = voices[bisect_right(cumulative, draw() * total)]
        positive, neutral = voice.sentiment_bounds
        pick = draw()
        sentiment = "positive" if pick < positive else "neutral" if pick < neutral else "negative"
        author = pool.pick(draw())
        title, lines, slots = writer.post(voice, sentiment, author.channel == "bluesky")
        record = self._social(lang, voice, sentiment, author, title, lines, slots, epoch, stamp, [], None, 1.0)
        return record, voice.truths[sentiment]

    def article(self, lang: str, epoch: float, stamp: str) -> tuple[dict[str, Any], Truth]:
        voice = self._brand(lang)
        draw = self.random
        seq = self.seq
        if draw() < 0.3:
            sentiment = self._sentiment(voice)
            author = self.bloggers[lang].pick(draw())
            title, text = self.writers[lang].blog(voice, sentiment)
            for _ in range(8):
                if not self.seen.add(text):
                    break
                title, text = self.writers[lang].blog(voice, sentiment)
            channel = "blog" if draw() < 0.8 else "rss"
            ident, url = self.addresses.blog(author, seq, epoch, slugify(title))
            record = self._record(ident, url, author, title, text, stamp, lang, channel, sentiment, 1.0)
            return record, Truth("blog", voice.name, sentiment)
        spec = new_article(voice, self.rng)
        return self._news(lang, voice, spec, epoch, stamp, kind="article", event=None)

    def _news(self, lang: str, voice: BrandVoice, spec: ArticleSpec, epoch: float, stamp: str, *,
              kind: str, event: str | None, outlet: str | None = None, url: str | None = None,
              journalist: Author | None = None, rendered: tuple[str, list[str]] | None = None,
              ) -> tuple[dict[str, Any], Truth]:
        draw = self.random
        outlets = NEWS_OUTLETS[lang]
        outlet = outlet or outlets[int(draw() * len(outlets))]
        staff = self.staff[lang][outlet]
        author = journalist or staff[int(draw() * len(staff))]
        title, paragraphs = rendered or render_article(spec, lang)
        if rendered is None:
            for _ in range(8):
                if not self.seen.add("\n\n".join(paragraphs)):
                    break
                spec = new_article(voice, self.rng, issue=spec.values["issue"], product=spec.values["fixed_product"])
                title, paragraphs = render_article(spec, lang)
        pick = draw()
        channel = "news" if pick < 0.65 else "rss" if pick < 0.85 else "web"
        if url is None:
            ident, url = self.addresses.news(outlet, lang, voice.industry, self.seq, epoch, slugify(title),
                                             page=channel == "web")
        else:
            ident, channel = url, "news"
        sentiment = _tone_sentiment(spec.tone)
        record = self._record(ident, url, author, title, "\n\n".join(paragraphs), stamp, lang, channel,
                              sentiment, 1.0)
        self.recent.append(_Recent(ident, outlet, lang, spec, title, paragraphs, epoch, voice, sentiment,
                                   {lang}))
        return record, Truth(kind, voice.name, sentiment, None, event)

    def copy(self, lang: str, epoch: float, stamp: str) -> tuple[dict[str, Any], Truth]:
        draw = self.random
        original = None
        recent = self.recent
        for _ in range(4):
            if not recent:
                break
            # Recent articles are copied more than old ones.
            candidate = recent[len(recent) - 1 - int(len(recent) * draw() ** 2)]
            if candidate.copies < MAX_COPIES and epoch - candidate.epoch >= MIN_COPY_DELAY_S:
                original = candidate
                break
        if original is None:
            return self.article(lang, epoch, stamp)
        original.copies += 1
        targets = [other for other in self.languages if other not in original.languages]
        translate = draw() < 0.5 and targets and len(original.languages) < MAX_LANGUAGES
        if translate:
            target = targets[int(draw() * len(targets))]
            original.languages.add(target)
            title, paragraphs = render_article(original.spec, target)
            if draw() < 0.3:
                paragraphs = [*paragraphs, credit_line(target, original.outlet)]
            kind = "translated"
        else:
            target = original.lang
            title, paragraphs = original.title, list(original.paragraphs)
            if draw() < 0.5:  # lightly edited: shortened, credited, or both
                if len(paragraphs) > 3 and draw() < 0.6:
                    paragraphs.pop()
                if draw() < 0.6:
                    paragraphs.append(credit_line(target, original.outlet))
            kind = "syndicated"
        outlets = [outlet for outlet in NEWS_OUTLETS[target] if outlet != original.outlet]
        outlet = outlets[int(draw() * len(outlets))]
        staff = self.staff[target][outlet]
        author = staff[int(draw() * len(staff))]
        pick = draw()
        channel = "news" if pick < 0.6 else "rss" if pick < 0.85 else "web"
        ident, url = self.addresses.news(outlet, target, original.voice.industry, self.seq, epoch,
                                         slugify(title), page=channel == "web")
        record = self._record(ident, url, author, title, "\n\n".join(paragraphs), stamp, target, channel,
                              original.sentiment, 0.6)
        truth = Truth(kind, original.voice.name, original.sentiment, original.id, None)
        return record, truth

    def campaign(self, lang: str, epoch: float, stamp: str) -> tuple[dict[str, Any], Truth]:
        voice = self.campaign_voice
        assert voice is not None and self.cfg.campaign is not None
        draw = self.random()
        sentiment = "positive" if draw < self.campaign_sentiment[0] else (
            "neutral" if draw < self.campaign_sentiment[1] else "negative")
        author = self.tagging[lang].pick(self.random())
        lines, slots = self.writers[lang].campaign(voice, sentiment)
        link = f"https://www.{voice.domain}/{slugify(self.cfg.campaign.hashtag)}" if self.random() < 0.15 else None
        record = self._social(lang, voice, sentiment, author, None, lines, slots, epoch, stamp,
                              [], link, 1.5)
        return record, Truth("campaign", voice.name, sentiment, None, self.cfg.campaign.hashtag)

    def crisis(self, index: int, lang: str, epoch: float, stamp: str) -> tuple[dict[str, Any], Truth]:
        plan = self.crises[index]
        crisis = self.cfg.crises[index]
        voice = plan.voice
        if not plan.emitted:  # the story that sets it off
            plan.emitted = True
            return self._news(plan.lang, voice, plan.spec, epoch, stamp, kind="crisis_article",
                              event=crisis.issue, outlet=plan.outlet, url=plan.url, journalist=plan.journalist,
                              rendered=(plan.title, plan.paragraphs))
        draw = self.random
        if draw() < crisis.article_share:
            spec = new_article(voice, self.rng, issue=crisis.issue, product=crisis.product)
            return self._news(lang, voice, spec, epoch, stamp, kind="crisis_article", event=crisis.issue)
        if draw() < crisis.repeat_share:
            author = plan.activists[lang].pick(draw())
        else:
            author = self.pools[lang].pick(draw())
        writer = self.writers[lang]
        lines, slots = writer.crisis(voice, crisis.issue, crisis.product)
        tags = [crisis.hashtag] if crisis.hashtag and draw() < 0.45 else []
        link = plan.url if draw() < 0.35 else None
        titles = writer.titles["negative"]
        title = titles[int(draw() * len(titles))]
        record = self._social(lang, voice, "negative", author, title, lines, slots, epoch, stamp,
                              tags, link, 3.0)
        return record, Truth("crisis", voice.name, "negative", None, crisis.issue)

    def spam(self, lang: str, epoch: float, stamp: str) -> tuple[dict[str, Any], Truth]:
        kind, text_lang, text, voice = self.spam_writer.write(lang)
        author = self.spammers.pick(self.random())
        channel = author.channel
        seq = self.seq
        if channel == "mastodon":
            ident, url = self.addresses.mastodon(author, seq, epoch)
        elif channel == "bluesky":
            ident, url = self.addresses.bluesky(author, seq, epoch)
            text = _fit_bluesky([text], "", "")
        elif channel == "reddit":
            ident, url = self.addresses.reddit(text_lang, voice.industry, seq, None, "")
        elif channel == "forum":
            ident, url = self.addresses.forum(text_lang, voice.industry, seq, slugify(voice.name), False)
        else:
            ident, url = self.addresses.review(text_lang, seq, epoch)
        sentiment = _SPAM_SENTIMENT[kind]
        title = f"{voice.name} ⭐⭐⭐⭐⭐" if channel == "review" else None  # a fake five-star review
        record = self._record(ident, url, author, title, text, stamp, text_lang, channel, sentiment, 0.2)
        return record, Truth("spam", voice.name, sentiment, None, kind)

    # -- the loop -----------------------------------------------------------------------------

    def run(self) -> Iterator[tuple[dict[str, Any], Truth]]:
        draw = self.random
        choices = self.rng.choices
        crisis_languages = [self.cfg.crisis_languages(crisis) for crisis in self.cfg.crises]
        campaign_languages = None  # the campaign is talked about in every language
        hour = -1
        prefix = ""
        names = [*self.languages, self.languages[-1]]
        for piece in self.slices:
            count = piece.count
            if not count:
                continue
            kinds = choices(range(len(piece.kinds)), cum_weights=list(accumulate(piece.kinds)), k=count)
            offsets = sorted(draw() for _ in range(count))
            languages = list(accumulate(piece.languages))
            top = languages[-1]
            start, length = piece.start, piece.length
            for offset, kind in zip(offsets, kinds, strict=True):
                epoch = start + offset * length
                second = int(epoch)
                if second // 3600 != hour:
                    hour = second // 3600
                    prefix = datetime.fromtimestamp(hour * 3600, UTC).strftime("%Y-%m-%dT%H:")
                stamp = prefix + _MINUTE_SECOND[second % 3600]
                if kind == KIND_SOCIAL:
                    item = self.organic(names[bisect_right(languages, draw() * top)], epoch, stamp)
                elif kind == KIND_ARTICLE:
                    item = self.article(self._pick_language(languages), epoch, stamp)
                elif kind == KIND_COPY:
                    item = self.copy(self._pick_language(languages), epoch, stamp)
                elif kind == KIND_SPAM:
                    item = self.spam(self._pick_language(languages), epoch, stamp)
                elif kind == KIND_CAMPAIGN:
                    item = self.campaign(self._pick_language(languages, campaign_languages), epoch, stamp)
                else:
                    index = kind - KIND_CRISIS
                    # Where it started, people keep talking about it more.
                    lang = self._pick_language(languages, crisis_languages[index], ORIGIN_BOOST)
                    item = self.crisis(index, lang, epoch, stamp)
                self.seq += 1
                yield item


def simulate_with_truth(cfg: SimulationConfig) -> Iterator[tuple[dict[str, Any], Truth]]:
    """Each mention with what it really is (kind, brand, true sentiment, original, event)."""
    return _Stream(cfg).run()


def simulate(cfg: SimulationConfig) -> Iterator[dict[str, Any]]:
    """The stream's mentions as interchange-format dicts, in published_at order."""
    for record, _ in _Stream(cfg).run():
        yield record
