"""Where a mention lives: ids and URLs shaped like each network's, and engagement counts.

Every id embeds the stream's sequence number, so ids (and URLs) are unique within a stream.
"""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime

from voxpop.simulate.people import Author
from voxpop.simulate.world import FORUMS, INDUSTRY_SUBREDDITS, NEWS_SECTIONS, REVIEW_HOSTS, SUBREDDITS

_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"
_BASE32_SORTABLE = "234567abcdefghijklmnopqrstuvwxyz"
_REDDIT_POST_BASE = int("1f00000", 36)
_REDDIT_COMMENT_BASE = int("lq00000", 36)
_HACKER_NEWS_BASE = 41_000_000
_FORUM_TOPIC_BASE = 20_000
_ARTICLE_BASE = 1_000_000
_FORUM_BY_INDUSTRY = {"electronics": 0, "airline": 1, "bank": 2, "coffee": 0}


_BASE36_PAIRS = tuple(a + b for a in _BASE36 for b in _BASE36)


def base36(number: int) -> str:
    """Lower-case base 36, as Reddit writes ids."""
    pieces = []
    while number >= 1296:
        number, rest = divmod(number, 1296)
        pieces.append(_BASE36_PAIRS[rest])
    pieces.append(_BASE36_PAIRS[number].lstrip("0") or "0")
    return "".join(reversed(pieces))


_TID_PAIRS = tuple(a + b for a in _BASE32_SORTABLE for b in _BASE32_SORTABLE)


def bluesky_tid(microseconds: int, clock: int) -> str:
    """A Bluesky record key: 13 sortable base32 characters of (microseconds << 10 | clock)."""
    value = ((microseconds << 10) | (clock & 1023)) & ((1 << 64) - 1)
    pairs = _TID_PAIRS
    return (
        _BASE32_SORTABLE[value >> 60]
        + pairs[(value >> 50) & 1023] + pairs[(value >> 40) & 1023] + pairs[(value >> 30) & 1023]
        + pairs[(value >> 20) & 1023] + pairs[(value >> 10) & 1023] + pairs[value & 1023]
    )


def _date_path(epoch: float) -> tuple[str, str, str]:
    moment = datetime.fromtimestamp(epoch, UTC)
    return f"{moment.year:04d}", f"{moment.month:02d}", f"{moment.day:02d}"


class Addresses:
    """Makes (id, url) pairs per channel."""

    def __init__(self, rng: random.Random) -> None:
        self.random = rng.random

    def mastodon(self, author: Author, seq: int, epoch: float) -> tuple[str, str]:
        status = (int(epoch * 1000) << 16) | (seq & 0xFFFF)
        user = author.handle.split("@", 1)[0]
        return (f"https://{author.server}/users/{user}/statuses/{status}",
                f"https://{author.server}/@{user}/{status}")

    def bluesky(self, author: Author, seq: int, epoch: float) -> tuple[str, str]:
        tid = bluesky_tid(int(epoch * 1_000_000), seq)
        return (f"at://did:plc:{author.did}/app.bsky.feed.post/{tid}",
                f"https://bsky.app/profile/{author.handle}/post/{tid}")

    def reddit(self, lang: str, industry: str, seq: int, title: str | None, slug: str) -> tuple[str, str]:
        draw = self.random
        if lang == "en" or draw() < 0.3:
            subs = INDUSTRY_SUBREDDITS[industry] if draw() < 0.6 else SUBREDDITS[lang]
        else:
            subs = SUBREDDITS[lang]
        sub = subs[int(draw() * len(subs))]
        if title is not None:
            post = base36(_REDDIT_POST_BASE + seq)
            return f"t3_{post}", f"https://www.reddit.com/r/{sub}/comments/{post}/{slug}/"
        parent = base36(_REDDIT_POST_BASE + max(0, seq - int(draw() * 5000)))
        comment = base36(_REDDIT_COMMENT_BASE + seq * 7 + int(draw() * 7))
        return f"t1_{comment}", f"https://www.reddit.com/r/{sub}/comments/{parent}/comment/{comment}/"

    def hackernews(self, seq: int) -> tuple[str, str]:
        item = str(_HACKER_NEWS_BASE + seq * 3 + int(self.random() * 3))
        return item, f"https://news.ycombinator.com/item?id={item}"

    def forum(self, lang: str, industry: str, seq: int, slug: str, opening: bool) -> tuple[str, str]:
        domain = FORUMS[lang][_FORUM_BY_INDUSTRY.get(industry, 0)]
        post = 1 if opening else 2 + int(self.random() * 40)
        url = f"https://{domain}/t/{slug}/{_FORUM_TOPIC_BASE + seq}/{post}"
        return url, url

    def review(self, lang: str, seq: int, epoch: float) -> tuple[str, str]:
        middle = int(self.random() * (1 << 40))
        url = f"https://{REVIEW_HOSTS[lang]}/reviews/{int(epoch):08x}{middle:010x}{seq & 0xFFFFFF:06x}"
        return url, url

    def news(self, outlet: str, lang: str, industry: str, seq: int, epoch: float, slug: str,
             *, page: bool = False) -> tuple[str, str]:
        year, month, day = _date_path(epoch)
        section = NEWS_SECTIONS[lang].get(industry, "news")
        if page:
            url = f"https://{outlet}/{section}/{slug}-{_ARTICLE_BASE + seq}.html"
        else:
            url = f"https://{outlet}/{section}/{year}/{month}/{day}/{slug}-{_ARTICLE_BASE + seq}"
        return url, url

    def blog(self, author: Author, seq: int, epoch: float, slug: str) -> tuple[str, str]:
        year, month, _ = _date_path(epoch)
        author.posts += 1
        if author.posts > 1:  # the blog engine's answer to a slug used before
            slug = f"{slug}-{author.posts}"
        return f"https://{author.server}/?p={1000 + seq}", f"https://{author.server}/{year}/{month}/{slug}/"


#: A lognormal multiplier table (σ = 1): engagement varies a lot around its expectation.
def _multipliers(rng: random.Random, size: int = 4096) -> list[float]:
    return [math.exp(rng.gauss(0.0, 1.0)) for _ in range(size)]


class Engagement:
    """Likes, shares, replies and views, loosely following followers and channel."""

    def __init__(self, rng: random.Random) -> None:
        self.random = rng.random
        self.table = _multipliers(rng)
        self.size = len(self.table)

    def add(self, record: dict[str, object], channel: str, followers: int, boost: float) -> None:
        draw = self.random
        table = self.table
        size = self.size
        reach = math.sqrt(followers + 1.0) * boost
        if channel == "mastodon" or channel == "bluesky":
            likes = int(reach * 0.35 * table[int(draw() * size)])
            record["likes"] = likes
            record["shares"] = int(likes * 0.3 * table[int(draw() * size)])
            record["replies"] = int(likes * 0.12 * table[int(draw() * size)] + (draw() < 0.3))
        elif channel == "reddit":
            likes = int(2.5 * boost * table[int(draw() * size)] * table[int(draw() * size)])
            record["likes"] = likes
            record["replies"] = int(likes * 0.25 * table[int(draw() * size)])
        elif channel == "hackernews":
            if record.get("title") is not None:
                record["likes"] = int(3 * boost * table[int(draw() * size)] * table[int(draw() * size)])
            record["replies"] = int(2 * boost * table[int(draw() * size)])
        elif channel == "forum":
            record["replies"] = int(3 * boost * table[int(draw() * size)])
            record["views"] = int(40 + 120 * boost * table[int(draw() * size)])
            record["likes"] = int(boost * table[int(draw() * size)])
        elif channel == "review":
            record["likes"] = int(0.8 * boost * table[int(draw() * size)])
        elif channel == "blog":
            record["likes"] = int(reach * 0.2 * table[int(draw() * size)])
            record["replies"] = int(reach * 0.03 * table[int(draw() * size)])
        else:  # news, rss, web
            record["views"] = int(reach * 40 * table[int(draw() * size)])
            record["shares"] = int(reach * 0.4 * table[int(draw() * size)])
            if draw() < 0.5:
                record["replies"] = int(reach * 0.05 * table[int(draw() * size)])
