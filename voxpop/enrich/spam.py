"""Enrichment step 4, spam: a score in [0, 1] with the reasons behind it. Spam is kept but flagged
(and left out of counts by default).

Per-document signals are pure functions of the text and its links: keyword stuffing (one word or
hashtags repeated), link farms (many links, or links outweighing the words), and giveaway / crypto /
adult / pharma wording in several languages. Two signals need other mentions: the same text posted
by many authors, and an author posting at a machine-regular rhythm. :class:`SpamContext` holds that
state, bounded in memory; the stage keeps one per process, feeds it mention by mention through
:func:`spam_score`, and can rebuild it from recently stored mentions with :meth:`SpamContext.observe`.

Each signal gives a strength in [0, 1]; the score is their noisy-or (1 - product of 1 - strength),
so one strong signal or several weak ones make spam. ``is_spam`` is score >= :data:`SPAM_THRESHOLD`.
"""

from __future__ import annotations

import hashlib
import re
import statistics
from collections import Counter, OrderedDict, deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from voxpop.ingest.normalise import split_links

STEP = "spam"
VERSION = "1.0.0"

SPAM_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class SpamResult:
    score: float
    is_spam: bool
    reasons: list[str] = field(default_factory=list)


# Wording of giveaway scams, crypto pumps, earnings promises, urgency, adult and pharma spam, in the
# languages voxpop supports. Phrases are matched as whole words (digits stand for any number: "send 0"
# matches "Send 0.5 BTC"); a trailing * matches any ending. Each family has a base strength: alone,
# crypto or giveaway wording is not spam (news covers bitcoin, brands run real giveaways); families
# combine, and grow with each further distinct phrase. Matched by word n-gram lookups, not regexes:
# one big case-insensitive alternation cost ~150 µs a post.
_FAMILIES: dict[str, tuple[float, str]] = {
    "crypto": (0.3, """
        bitcoin btc ethereum usdt crypto krypto cripto kryptowaluty airdrop | nft mint | wallet connect |
        seed phrase | presale | token launch | binance | metamask | trading signals | crypto signals
    """),
    "giveaway": (0.3, """
        giveaway | free money | free iphone | free gift card | free followers | free robux | free vbucks |
        claim your | claim now | you have won | you won | winner selected | gewinnspiel | gratis iphone |
        gratis gavekort | gratis presentkort | gratis penge | gratis pengar | gratis penger | gratis geld |
        kostenloses iphone | du har vundet | du har vunnit | du har vunnet | sie haben gewonnen |
        vous avez gagné | gagnez un | gagnez une | has ganado | hai vinto | vinci subito |
        je hebt gewonnen | wygrałeś | wygrałaś | voitit | você ganhou | ganhe um | ganhe uma |
        concorso a premi | sorteo gratis
    """),
    "money": (0.35, """
        earn 0 | make money fast | make money online | make money from home | work from home |
        passive income | tjen penge | tjäna pengar | tjen penger | geld verdienen | gagner de l argent |
        ganar dinero | gana dinero | guadagnare soldi | zarabiaj | ansaitse | ganhar dinheiro |
        investment opportunity | double your | fordobl* | verdoppel* | doublez | duplica tu | raddoppia* |
        verdubbel* | podwój | tuplaa | dobre seu | dobre o seu
    """),
    "urgency": (0.2, """
        limited time | act now | hurry | only today | dm me | link in bio | click here | click the link |
        send 0 | send me 0 | whatsapp 0 | skynd dig | skynda | beeil* | dépêchez | date prisa | affrettati |
        schiet op | pospiesz | kiirehdi | corra | kun i dag | nur heute | seulement aujourd | solo hoy |
        solo oggi | alleen vandaag | tylko dziś | vain tänään | só hoje | cliquez ici | klik hier |
        klikk her | klicka här | klik her | hier klicken
    """),
    "adult": (0.45, """
        xxx porn* nude nudes onlyfans | hot singles | sex cam | sexcam* | sex chat | sexchat* | sex dating |
        escort* | camgirl* | nackt* | nøgne | nakna | nakne | sexo gratis | milf
    """),
    "pharma": (0.45, """
        viagra cialis levitra tramadol xanax oxycodone phentermine | no prescription |
        without prescription | uden recept | utan recept | uten resept | rezeptfrei | ohne rezept |
        sans ordonnance | sin receta | senza ricetta | zonder recept | bez recepty | ilman reseptiä |
        sem receita | cheap meds | weight loss pills
    """),
}


def _phrase_tables() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """Phrase → family (phrases as space-joined tokens), and (prefix, family) for the starred words."""
    phrases: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    for family, (_, source) in _FAMILIES.items():
        for index, group in enumerate(source.split("|")):
            # the first group of a family in _WORD_LISTS is a list of single words; any other group is one phrase
            items = group.split() if index == 0 and family in _WORD_LISTS else [group]
            for item in items:
                tokens = _TOKEN.findall(item.lower())
                if item.strip().endswith("*"):
                    prefixes.append((tokens[0], family))
                elif tokens:
                    phrases[" ".join("0" if t.isdigit() else t for t in tokens)] = family
    return phrases, tuple(prefixes)


#: Families whose first group is a list of single words rather than one phrase.
_WORD_LISTS = frozenset({"crypto", "adult", "pharma"})
_TOKEN = re.compile(r"[^\W_]+")
_WORD = re.compile(r"[^\W\d_]{2,}")
_HASHTAG = re.compile(r"(?<!\w)#\w+")
_HANDLE = re.compile(r"(?<!\w)@[\w.]+")
_STOP = frozenset(
    "the and for you with that this are was have from not but all och att det som för med und der die das ist "
    "nicht les des est pas que qui los las del por con che per non een het van".split()
)
_PHRASES, _PREFIXES = _phrase_tables()
_PREFIX_STARTS = tuple(prefix for prefix, _ in _PREFIXES)
_FIRST_WORDS = frozenset(phrase.split(" ", 1)[0] for phrase in _PHRASES if " " in phrase)


def spam_score(
    text: str | None,
    *,
    links: Sequence[str] | None = None,
    author: str | None = None,
    published_at: datetime | None = None,
    context: SpamContext | None = None,
) -> SpamResult:
    """How spam-like a mention is, in [0, 1], and why.

    ``links`` are the mention's links when known (else they are read from the text). With a
    ``context`` the mention is recorded in it (author, time, text) and the cross-mention signals
    are added: the same text from many authors, and a machine-regular posting rhythm.
    """
    text = text or ""
    signals: list[tuple[float, str]] = []
    has_url = "http" in text or "www." in text
    if links is None:
        links, bare = split_links(text) if has_url else ([], text)
    else:
        bare = split_links(text)[1] if has_url else text
    tokens = _TOKEN.findall(bare.lower())
    words = [t for t in tokens if len(t) > 1 and not t.isdigit()]
    signals += _link_signals(links, len(words))
    signals += _stuffing_signals(bare, words)
    signals += _pattern_signals(tokens, has_links=bool(links))
    if context is not None:
        key = _key_of(tokens if "@" not in bare else _TOKEN.findall(_HANDLE.sub(" ", bare.lower())))
        signals += context.record_key(key, len(words), author=author, published_at=published_at)
    if not signals:
        return SpamResult(0.0, False, [])
    keep = 1.0
    for strength, _ in signals:
        keep *= 1.0 - strength
    score = round(1.0 - keep, 4)
    reasons = [reason for _, reason in sorted(signals, key=lambda s: -s[0])]
    return SpamResult(score, score >= SPAM_THRESHOLD, reasons)


def _link_signals(links: Sequence[str], word_count: int) -> list[tuple[float, str]]:
    count = len(links)
    if count < 3:
        return []
    domains = {re.sub(r"^https?://(?:www\.)?", "", link).split("/", 1)[0].lower() for link in links}
    if count >= 3 and count * 8 >= word_count:
        return [(min(0.9, 0.3 + 0.1 * count), f"link farm: {count} links to {word_count} words")]
    if count >= 6 and len(domains) >= 4:
        return [(0.4, f"many links: {count} to {len(domains)} sites")]
    return []


def _stuffing_signals(bare: str, words: list[str]) -> list[tuple[float, str]]:
    signals: list[tuple[float, str]] = []
    if "#" in bare:
        tags = _HASHTAG.findall(bare)
        if len(tags) >= 6 and len(tags) * 2 >= len(words):
            signals.append((min(0.8, 0.1 * len(tags)), f"hashtag stuffing: {len(tags)} hashtags"))
    if len(words) >= 8 and len(set(words)) <= 0.8 * len(words):  # most posts repeat few words: skip the count
        counts = Counter(w for w in words if w not in _STOP)
        if counts:
            word, top = counts.most_common(1)[0]
            if top >= 4 and top / len(words) >= 0.2:
                signals.append((min(0.8, top / len(words) * 2), f"keyword stuffing: {word!r} {top} times"))
    return signals


def _pattern_signals(tokens: list[str], *, has_links: bool) -> list[tuple[float, str]]:
    matched: dict[str, set[str]] = {}
    for i, token in enumerate(tokens):
        family = _PHRASES.get(token)
        if family:
            matched.setdefault(family, set()).add(token)
        if token in _FIRST_WORDS:  # only then can a longer phrase start here
            grams = ["0" if t.isdigit() else t for t in tokens[i:i + 3]]
            for size in (2, 3):
                phrase = " ".join(grams[:size])
                family = _PHRASES.get(phrase)
                if family:
                    matched.setdefault(family, set()).add(phrase)
        if token.startswith(_PREFIX_STARTS):
            for prefix, family in _PREFIXES:
                if token.startswith(prefix):
                    matched.setdefault(family, set()).add(token)
    if not matched:
        return []
    signals = [
        (min(0.9, _FAMILIES[name][0] + 0.2 * (len(found) - 1)), f"{name} wording ({', '.join(sorted(found)[:3])})")
        for name, found in matched.items()
    ]
    # scams combine: a giveaway or earnings promise with crypto, or with urgency, is the classic pattern
    if len(matched) >= 2 and ("crypto" in matched or "urgency" in matched):
        signals.append((0.4, "combined scam cues: " + " + ".join(matched)))
    if has_links:
        signals.append((0.2, "spam wording with a link"))
    return signals


def text_key(text: str) -> str:
    """What makes two posts 'the same text': case, links, @handles, punctuation and spacing ignored."""
    bare = split_links(text)[1] if ("http" in text or "www." in text) else text
    if "@" in bare:
        bare = _HANDLE.sub(" ", bare)
    return _key_of(_TOKEN.findall(bare.lower()))


def _key_of(tokens: list[str]) -> str:
    return hashlib.blake2b(" ".join(tokens).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


@dataclass(slots=True)
class _TextSeen:
    authors: set[str]
    last_seen: datetime | None


class SpamContext:
    """Recent mentions' texts and times, bounded, for the cross-mention spam signals.

    * Texts: per normalised text (see :func:`text_key`), the distinct authors who posted it within
      ``window`` (at most ``max_authors_per_text`` kept), for at most ``max_texts`` texts, least
      recently seen dropped first.
    * Authors: each author's last ``cadence_samples`` posting times, for at most ``max_authors``
      authors, least recently seen dropped first.

    Recording the same (author, time) twice changes nothing, so rebuilding from stored mentions and
    then scoring them again does not count them twice. Not thread-safe: one per worker.
    """

    def __init__(
        self,
        *,
        window: timedelta = timedelta(days=2),
        max_texts: int = 200_000,
        max_authors: int = 100_000,
        max_authors_per_text: int = 64,
        cadence_samples: int = 8,
        min_repeat_words: int = 5,
    ) -> None:
        self.window = window
        self.max_texts = max_texts
        self.max_authors = max_authors
        self.max_authors_per_text = max_authors_per_text
        self.cadence_samples = cadence_samples
        self.min_repeat_words = min_repeat_words
        self._texts: OrderedDict[str, _TextSeen] = OrderedDict()
        self._times: OrderedDict[str, deque[float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._texts)

    def observe(self, text: str, *, author: str | None, published_at: datetime | None) -> None:
        """Record a mention without scoring it (to rebuild the context from stored mentions)."""
        self.record(text, author=author, published_at=published_at)

    def authors_of(self, text: str) -> int:
        """How many distinct authors posted this text (as :func:`text_key` sees it) in the window."""
        seen = self._texts.get(text_key(text))
        return len(seen.authors) if seen else 0

    def record(self, text: str, *, author: str | None, published_at: datetime | None) -> list[tuple[float, str]]:
        """Record a mention and return the cross-mention signals it raises (strength, reason)."""
        return self.record_key(text_key(text), len(text.split()), author=author, published_at=published_at)

    def record_key(
        self, key: str, word_count: int, *, author: str | None, published_at: datetime | None
    ) -> list[tuple[float, str]]:
        """:meth:`record` for a text whose :func:`text_key` and word count are already known."""
        signals: list[tuple[float, str]] = []
        if author and word_count >= self.min_repeat_words:
            authors = self._record_text(key, author, published_at)
            if authors >= 3:
                strength = min(0.95, 0.25 + 0.07 * authors)
                signals.append((strength, f"repeated text: the same text from {authors} authors"))
        if author and published_at is not None:
            cadence = self._record_time(author, published_at.timestamp())
            if cadence:
                signals.append(cadence)
        return signals

    def _record_text(self, key: str, author: str, published_at: datetime | None) -> int:
        seen = self._texts.get(key)
        if seen is not None and published_at is not None and seen.last_seen is not None and (
            published_at - seen.last_seen > self.window
        ):
            seen = None  # the last copy is older than the window: start counting again
        if seen is None:
            seen = _TextSeen(set(), published_at)
            self._texts[key] = seen
            if len(self._texts) > self.max_texts:
                self._texts.popitem(last=False)
        else:
            self._texts.move_to_end(key)
        if len(seen.authors) < self.max_authors_per_text:
            seen.authors.add(author)
        if published_at is not None and (seen.last_seen is None or published_at > seen.last_seen):
            seen.last_seen = published_at
        return len(seen.authors)

    def _record_time(self, author: str, timestamp: float) -> tuple[float, str] | None:
        times = self._times.get(author)
        if times is None:
            times = deque(maxlen=self.cadence_samples)
            self._times[author] = times
            if len(self._times) > self.max_authors:
                self._times.popitem(last=False)
        else:
            self._times.move_to_end(author)
        if timestamp not in times:  # a mention seen again (rebuild, then scoring) is not a new post
            times.append(timestamp)
        if len(times) < 6:
            return None
        ordered = sorted(times)
        gaps = [b - a for a, b in zip(ordered, ordered[1:], strict=False)]
        mean = statistics.fmean(gaps)
        if mean <= 0:
            return None
        spread = statistics.pstdev(gaps) / mean
        if spread < 0.05:
            return (0.7, f"bot-like cadence: {len(ordered)} posts every {mean:.0f} s (±{spread:.0%})")
        if mean < 20:
            return (0.5, f"bot-like rate: {len(ordered)} posts {mean:.0f} s apart on average")
        return None
