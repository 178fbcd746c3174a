"""Who writes: per-language pools of social authors, journalists, bloggers and spam accounts.

Activity follows a Zipf-like law (a few authors post a lot, most post once or twice) and
followers a heavy-tailed one with some high-follower accounts.
"""

from __future__ import annotations

import base64
import math
import random
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from voxpop.simulate.banks import spam
from voxpop.simulate.text import ascii_fold, slugify
from voxpop.simulate.world import (
    BLOG_SUFFIXES,
    FIRST_NAMES,
    HANDLE_WORDS,
    LANGUAGE_COUNTRIES,
    LAST_NAMES,
    MASTODON_SERVERS,
    NEWS_OUTLETS,
)

#: Activity of the author ranked r is ∝ 1 / (r + ZIPF_OFFSET) ** ZIPF_EXPONENT (Zipf–Mandelbrot):
#: a long tail of one-off authors and a head of regulars, none of whom dominates.
ZIPF_EXPONENT = 1.1
ZIPF_OFFSET = 10

#: Where people writing in each language post, as (channel, weight).
SOCIAL_CHANNELS: dict[str, tuple[tuple[str, float], ...]] = {
    "en": (("mastodon", 0.18), ("bluesky", 0.22), ("reddit", 0.25), ("hackernews", 0.12),
           ("forum", 0.10), ("review", 0.13)),
    "*": (("mastodon", 0.22), ("bluesky", 0.20), ("reddit", 0.18), ("forum", 0.22), ("review", 0.18)),
}
SPAM_CHANNELS: tuple[tuple[str, float], ...] = (
    ("mastodon", 0.3), ("bluesky", 0.3), ("reddit", 0.15), ("forum", 0.15), ("review", 0.1),
)


@dataclass(slots=True)
class Author:
    handle: str
    name: str | None
    followers: int
    channel: str
    country: str | None
    server: str = ""  # Mastodon server, blog or news domain
    did: str = ""  # Bluesky account id
    posts: int = 0


class AuthorPool:
    """A set of authors with Zipf-like activity; ``pick`` draws one, active ones more often."""

    def __init__(self, authors: list[Author], rng: random.Random) -> None:
        if not authors:
            raise ValueError("an author pool needs authors")
        order = list(range(len(authors)))
        rng.shuffle(order)
        weights = [0.0] * len(authors)
        for rank, index in enumerate(order):
            weights[index] = 1.0 / (rank + ZIPF_OFFSET) ** ZIPF_EXPONENT
        self.authors = authors
        self.cumulative = list(accumulate(weights))
        self.total = self.cumulative[-1]
        self.last = len(authors) - 1

    def pick(self, draw: float) -> Author:
        index = bisect_right(self.cumulative, draw * self.total)
        return self.authors[index if index <= self.last else self.last]

    def subset(self, keep: set[str], rng: random.Random) -> AuthorPool:
        chosen = [author for author in self.authors if author.channel in keep]
        return AuthorPool(chosen or self.authors, rng)


def _choose(options: tuple[tuple[str, float], ...], draw: float) -> str:
    pick = draw * _totals(options)
    for option, weight in options:
        pick -= weight
        if pick < 0:
            return option
    return options[-1][0]


@lru_cache(maxsize=64)
def _totals(options: tuple[tuple[str, float], ...]) -> float:
    return sum(weight for _, weight in options)


def _followers(rng: random.Random) -> int:
    if rng.random() < 0.012:  # journalists, celebrities, tech influencers
        return int(math.exp(rng.uniform(math.log(20_000), math.log(600_000))))
    return int(math.exp(rng.gauss(4.2, 1.5)))


class _Handles:
    """Handles as people make them up, unique within a pool."""

    def __init__(self, rng: random.Random, lang: str) -> None:
        self.random = rng.random
        self.taken: set[str] = set()
        self.words = [ascii_fold(word).lower() for word in HANDLE_WORDS[lang]]

    def make(self, first: str, last: str, channel: str) -> str:
        draw = self.random
        f = ascii_fold(first).lower()
        surname = ascii_fold(last).lower().replace(" ", "")
        pattern = int(draw() * 10)
        if pattern == 0:
            handle = f + surname
        elif pattern == 1:
            handle = f"{f}_{surname}"
        elif pattern == 2:
            handle = f + surname[0]
        elif pattern == 3:
            handle = f"{f}{(60 + int(draw() * 46)) % 100:02d}"
        elif pattern == 4:
            handle = f"{f}_{self.words[int(draw() * len(self.words))]}"
        elif pattern == 5:
            handle = self.words[int(draw() * len(self.words))] + f
        elif pattern == 6:
            handle = f"{surname}{1 + int(draw() * 999)}"
        elif pattern == 7:
            handle = f"{f}.{surname}"
        elif pattern == 8:
            handle = f[0] + surname
        else:
            handle = f"the_{self.words[int(draw() * len(self.words))]}_{f}"
        if channel == "bluesky":
            handle = handle.replace("_", "-").replace(".", "-")
        elif channel in ("mastodon", "hackernews", "reddit"):  # no dots in these usernames
            handle = handle.replace(".", "_")
            if channel == "reddit" and draw() < 0.4:
                handle = handle.title()
        base = handle
        while handle in self.taken:
            handle = f"{base}{2 + int(draw() * 9998)}"
        self.taken.add(handle)
        return handle


def social_pool(lang: str, size: int, rng: random.Random) -> AuthorPool:
    draw = rng.random
    handles = _Handles(rng, lang)
    channels = SOCIAL_CHANNELS.get(lang, SOCIAL_CHANNELS["*"])
    countries = LANGUAGE_COUNTRIES[lang]
    servers = MASTODON_SERVERS[lang]
    firsts = FIRST_NAMES[lang]
    lasts = LAST_NAMES[lang]
    authors = []
    for _ in range(size):
        first = firsts[int(draw() * len(firsts))]
        last = lasts[int(draw() * len(lasts))]
        channel = _choose(channels, draw())
        user = handles.make(first, last, channel)
        name: str | None = f"{first} {last}"
        server = did = ""
        if channel == "mastodon":
            server = servers[int(draw() * len(servers))]
            handle = f"{user}@{server}"
        elif channel == "bluesky":
            handle = f"{user}.bsky.social"
            did = _did(rng)
        elif channel == "review":
            handle = user
            name = f"{first} {last[0]}."
        else:
            handle = user
            if channel == "reddit" or channel == "hackernews":
                name = None  # these networks show no display names
        country = _choose(countries, draw()) if draw() < 0.75 else None
        authors.append(Author(handle, name, _followers(rng), channel, country, server, did))
    return AuthorPool(authors, rng)


def _did(rng: random.Random) -> str:
    """A did:plc identifier: 24 base32 characters."""
    return base64.b32encode(rng.getrandbits(120).to_bytes(15, "big")).decode("ascii").lower()


def journalists(lang: str, rng: random.Random) -> dict[str, list[Author]]:
    """Four or five bylines per news outlet, nobody working for two outlets."""
    staff: dict[str, list[Author]] = {}
    country = LANGUAGE_COUNTRIES[lang][0][0]
    taken: set[str] = set()
    for outlet in NEWS_OUTLETS[lang]:
        people = []
        for _ in range(4 + rng.randint(0, 1)):
            name = f"{rng.choice(FIRST_NAMES[lang])} {rng.choice(LAST_NAMES[lang])}"
            while name in taken:
                name = f"{rng.choice(FIRST_NAMES[lang])} {rng.choice(LAST_NAMES[lang])}"
            taken.add(name)
            followers = int(math.exp(rng.uniform(math.log(800), math.log(60_000))))
            people.append(Author(slugify(name), name, followers, "news", country, outlet))
        staff[outlet] = people
    return staff


def bloggers(lang: str, size: int, rng: random.Random) -> AuthorPool:
    authors = []
    taken: set[str] = set()
    countries = LANGUAGE_COUNTRIES[lang]
    for _ in range(size):
        first = rng.choice(FIRST_NAMES[lang])
        last = rng.choice(LAST_NAMES[lang])
        stem = slugify(f"{first}{last}" if rng.random() < 0.5 else f"{first}-{last}")
        suffix = rng.choice(BLOG_SUFFIXES[lang])
        domain = stem + suffix
        while domain in taken:
            domain = f"{stem}{rng.randint(2, 99)}{suffix}"
        taken.add(domain)
        followers = int(math.exp(rng.gauss(5.5, 1.3)))
        authors.append(Author(stem, f"{first} {last}", followers, "blog", _choose(countries, rng.random()), domain))
    return AuthorPool(authors, rng)


def spam_pool(size: int, rng: random.Random) -> AuthorPool:
    authors = []
    taken: set[str] = set()
    for _ in range(size):
        handle = f"{rng.choice(spam.HANDLE_WORDS)}_{rng.choice(spam.HANDLE_WORDS)}{rng.randint(10, 99999)}"
        while handle in taken:
            handle += str(rng.randint(0, 9))
        taken.add(handle)
        channel = _choose(SPAM_CHANNELS, rng.random())
        server = did = ""
        full = handle
        if channel == "mastodon":
            server = rng.choice(("mastodon.social", "mstdn.social", "mastodon.online"))
            full = f"{handle}@{server}"
        elif channel == "bluesky":
            full = handle.replace("_", "-") + ".bsky.social"
            did = _did(rng)
        name = handle.replace("_", " ").title().rstrip("0123456789") + " 🎁"
        authors.append(Author(full, name, rng.randint(0, 300), channel, None, server, did))
    return AuthorPool(authors, rng)
