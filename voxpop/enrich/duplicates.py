"""Duplicates and syndication: group each mention with its exact duplicates, its near-duplicates
(edited copies) and its translated copies, under one canonical mention per cluster.

The pipeline keeps one :class:`DuplicateIndex` per process. :meth:`DuplicateIndex.add` places a
mention and answers a :class:`ClusterAssignment`; the index holds a bounded window of recent
mentions (by count and by age), evicting the oldest. :meth:`DuplicateIndex.signature` gives the
bytes to store beside a mention, and :meth:`DuplicateIndex.add_signature` rebuilds the index from
them on start, without the text.

Method (``docs/duplicates-and-topics.md`` has the figures):
  * **exact**: the text's words (lower-cased; punctuation, spacing and links ignored) are hashed;
    the same hash is the same text.
  * **near** (texts of at least :data:`MIN_NEAR_WORDS` words): the set of word 3-shingles is
    sketched by one-permutation MinHash (:data:`BINS` bins, densified by rotation), banded for
    LSH (:data:`BANDS` bands of :data:`ROWS` bins); candidates sharing a band are kept when the
    sketches' agreement (an estimate of the shingles' Jaccard similarity) reaches the threshold.
  * **translation** (texts of at least :data:`MIN_TRANSLATION_WORDS` words, in another language):
    what survives translation — numbers, names (capitalised words not starting a sentence, folded
    to their first letters), links, @handles, #tags, quoted strings — is matched through an
    inverted index, weighted by rarity in the window, and accepted when the weighted overlap
    reaches the threshold and the lengths and paragraph counts agree.
  * A mention joins the cluster of the best match it finds; clusters are never merged afterwards,
    and the canonical mention is the first member the index saw (for a stream, the earliest).
"""

from __future__ import annotations

import math
import re
import struct
import unicodedata
import zlib
from array import array
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from operator import eq
from typing import Literal

from voxpop.ingest.normalise import content_hash, split_links

STEP = "duplicates"
#: Bumped whenever the method or the signature format changes.
VERSION = "1.0.0"

Kind = Literal["original", "exact", "near", "translation"]

#: Texts shorter than this many words only get exact-duplicate grouping: on tiny texts a few
#: shared shingles are noise, not evidence of copying.
MIN_NEAR_WORDS = 8
#: Translated copies are looked for only between texts of at least this many words.
MIN_TRANSLATION_WORDS = 25
SHINGLE_WORDS = 3
BINS = 64
BANDS = 21
ROWS = 3
#: Sketch agreement (≈ Jaccard similarity of the word 3-shingles) from which a text is a near-duplicate.
NEAR_THRESHOLD = 0.25
#: Weighted anchor overlap (0–1) from which a text in another language is a translated copy.
TRANSLATION_THRESHOLD = 0.1
TRANSLATION_MIN_SHARED = 3
#: Translations' lengths in characters differ by at most this factor.
MAX_LENGTH_RATIO = 1.8
#: Anchors held by more documents than this are too common to propose candidates (still weighed);
#: word stems are common sooner.
MAX_POSTINGS = 200
MAX_STEM_POSTINGS = 32
#: Translation candidates scored per text, those sharing the most anchors first.
MAX_TRANSLATION_CANDIDATES = 32
#: At most this many anchors are kept per text (the first ones).
MAX_ANCHORS = 64
#: Words of at least this many letters are also anchors, folded to five letters (0: none).
COGNATES = 7
MAX_STEMS = 64
#: An LSH bucket keeps its newest members only: a viral text's thousand copies would otherwise
#: make every new copy compare with all of them. The copies still share the other bands.
MAX_BUCKET = 32
#: Near-duplicate candidates verified per text at most: the newest PER_BUCKET of each band's
#: bucket, until one agrees on CLEAR_NEAR of the sketch.
MAX_NEAR_CANDIDATES = 16
PER_BUCKET = 4
CLEAR_NEAR = 0.8

DEFAULT_MAX_DOCS = 100_000
DEFAULT_MAX_AGE = timedelta(days=7)

_MASK32 = 0xFFFFFFFF
_BIN_SHIFT = 32 - 6  # top 6 bits pick one of the 64 bins
_VALUE_MASK = (1 << _BIN_SHIFT) - 1
_EMPTY = 1 << _BIN_SHIFT
_GOLDEN = 0x9E3779B1
_SIG_MAGIC = b"VD1"
_SIG_HEAD = struct.Struct("<3sQIIHdB")

_TOKEN = re.compile(r"\w+")
_NUMBER = re.compile(r"\d+")
_SENTENCE_SPLIT = re.compile(r"[.!?:;\"«»“”„()\[\]•*|\n]+|\s[-–—]\s")
_TRAILING_PUNCTUATION = ",.;:!?'’\")]»”"
_QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»\n]{3,80})[\"“”„«»]")
_HANDLE_OR_TAG = re.compile(r"(?<![\w@#])[@#]\w[\w.-]*\w|(?<![\w@#])[@#]\w")
_PARAGRAPH = re.compile(r"\n\s*\n")

assert BANDS * ROWS <= BINS  # noqa: S101 - a guard on the constants above


@dataclass(frozen=True, slots=True)
class ClusterAssignment:
    """Where a mention was placed: its cluster, the cluster's canonical mention, how it joined
    (``original`` when it starts a cluster), how similar it is to the member it matched, and why."""

    cluster_id: int
    canonical_id: int
    kind: Kind
    similarity: float
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"cluster_id": self.cluster_id, "canonical_id": self.canonical_id, "kind": self.kind,
                "similarity": round(self.similarity, 4), "reasons": list(self.reasons)}


@dataclass(slots=True)
class _Features:
    exact: int
    words: int
    chars: int
    paragraphs: int
    when: float  # POSIX seconds of publication; NaN when unknown
    lang: str
    sketch: bytes  # BINS little-endian uint32, empty for short texts
    anchors: tuple[str, ...]  # in order of first appearance; empty for texts too short to compare
    keys: array[int]  # the anchors' 35-bit keys: a CRC-32 and the kind; the index keeps only these


@dataclass(slots=True)
class _Doc:
    features: _Features
    cluster_id: int
    canonical_id: int
    when: float
    weight: float  # the sum of its anchors' weights when it was placed


class DuplicateIndex:
    """The window of recent mentions that new ones are compared with (one per process)."""

    def __init__(self, *, max_docs: int = DEFAULT_MAX_DOCS, max_age: timedelta | None = DEFAULT_MAX_AGE,
                 near_threshold: float = NEAR_THRESHOLD, translation_threshold: float = TRANSLATION_THRESHOLD,
                 translation_min_shared: int = TRANSLATION_MIN_SHARED) -> None:
        self.max_docs = max_docs
        self.max_age = max_age.total_seconds() if max_age is not None else None
        self.near_threshold = near_threshold
        self.translation_threshold = translation_threshold
        self.translation_min_shared = translation_min_shared
        self._docs: dict[int, _Doc] = {}
        self._order: deque[int] = deque()
        self._exact: dict[int, int] = {}
        self._buckets: dict[int, int | list[int]] = {}
        self._postings: dict[int, list[int]] = {}
        self._anchored = 0  # documents with anchors, for the rarity weights
        self._newest = -math.inf
        self._last_weight = 0.0

    def __len__(self) -> int:
        return len(self._docs)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._docs

    # -- the public entry points -------------------------------------------------------------

    def add(self, doc_id: int, text: str, *, lang: str | None, title: str | None = None,
            links: Iterable[str] = (), published_at: datetime | None = None) -> ClusterAssignment:
        """Place one mention in its cluster (a new one when it matches nothing in the window)."""
        return self._place(doc_id, features_of(text, lang=lang, title=title, links=links, published_at=published_at))

    def add_with_signature(self, doc_id: int, text: str, *, lang: str | None, title: str | None = None,
                           links: Iterable[str] = (), published_at: datetime | None = None
                           ) -> tuple[ClusterAssignment, bytes]:
        """:meth:`add`, also returning the signature to store (the text is read once)."""
        f = features_of(text, lang=lang, title=title, links=links, published_at=published_at)
        return self._place(doc_id, f), encode_signature(f)

    def signature(self, text: str, *, lang: str | None, title: str | None = None, links: Iterable[str] = (),
                  published_at: datetime | None = None) -> bytes:
        """The bytes that :meth:`add_signature` places exactly as :meth:`add` would the text."""
        return encode_signature(features_of(text, lang=lang, title=title, links=links, published_at=published_at))

    def add_signature(self, doc_id: int, signature: bytes, *,
                      assignment: ClusterAssignment | None = None) -> ClusterAssignment:
        """Place a mention from its stored signature. With the ``assignment`` stored at the time, the
        mention goes back into that cluster as it was (so cluster ids survive a restart)."""
        return self._place(doc_id, decode_signature(signature), assignment)

    def cluster_of(self, doc_id: int) -> int | None:
        doc = self._docs.get(doc_id)
        return doc.cluster_id if doc else None

    # -- placing -----------------------------------------------------------------------------

    def _place(self, doc_id: int, f: _Features, assignment: ClusterAssignment | None = None) -> ClusterAssignment:
        if doc_id in self._docs:
            self._remove(doc_id)  # an edited mention is placed again
        when = f.when if f.when == f.when else max(self._newest, 0.0)
        self._newest = max(self._newest, when)
        self._evict()
        self._last_weight = 0.0
        keys = band_keys(f.sketch) if f.sketch else []
        found = assignment
        if found is None:
            found = self._match(doc_id, f, keys)
        if f.keys and not self._last_weight:
            self._last_weight = sum(self._weights(f.keys).values())
        self._insert(doc_id, f, found, when, keys)
        return found

    def _match(self, doc_id: int, f: _Features, keys: list[int]) -> ClusterAssignment:
        holder = self._exact.get(f.exact)
        if holder is not None:
            doc = self._docs[holder]
            return ClusterAssignment(doc.cluster_id, doc.canonical_id, "exact", 1.0,
                                     [f"same text as {holder} (ignoring case, punctuation, spacing and links)"])
        if f.sketch:
            near = self._best_near(f, keys)
            if near is not None:
                return near
        if f.keys:
            translated, self._last_weight = self._best_translation(f)
            if translated is not None:
                return translated
        return ClusterAssignment(doc_id, doc_id, "original", 1.0, [])

    def _best_near(self, f: _Features, keys: list[int]) -> ClusterAssignment | None:
        # The newest members of each band's bucket are verified, stopping at a clear match: a
        # viral text's copies then cost one comparison, not one per copy.
        buckets, docs = self._buckets, self._docs
        mine = memoryview(f.sketch).cast("I")
        seen: set[int] = set()
        best, best_score = -1, -1.0
        for key in keys:
            bucket = buckets.get(key)
            if bucket is None:
                continue
            for other in (bucket,) if isinstance(bucket, int) else bucket[:-PER_BUCKET - 1:-1]:
                if other in seen:
                    continue
                seen.add(other)
                score = sum(map(eq, mine, memoryview(docs[other].features.sketch).cast("I"))) / BINS
                if score > best_score:
                    best, best_score = other, score
            if best_score >= CLEAR_NEAR or len(seen) >= MAX_NEAR_CANDIDATES:
                break
        if best_score < self.near_threshold:
            return None
        doc = docs[best]
        reasons = [f"≈{best_score:.0%} of word 3-shingles shared with {best} (MinHash estimate)"]
        return ClusterAssignment(doc.cluster_id, doc.canonical_id, "near", best_score, reasons)

    def _weights(self, keys: Iterable[int]) -> dict[int, float]:
        """Each anchor's weight: its kind's, times its rarity in the window (log inverse document
        frequency, with 50 pseudo-documents so that a small window does not call everything common)."""
        postings, base, kind, log = self._postings, self._anchored + 50, _KIND_WEIGHTS, math.log
        return {k: kind[k & 7] * log(base / (len(postings.get(k, ())) + 1)) for k in keys}

    def _best_translation(self, f: _Features) -> tuple[ClusterAssignment | None, float]:
        """The best translated copy in the window (or None), and the text's own anchor weight."""
        weights = self._weights(f.keys)
        mine_total = sum(weights.values())
        if not f.lang:
            return None, mine_total  # without languages, shared stems would only say "same topic"
        shared: dict[int, int] = {}
        postings = self._postings
        for key in f.keys:
            holders = postings.get(key)
            if holders and len(holders) <= (MAX_STEM_POSTINGS if key & 7 == _STEM else MAX_POSTINGS):
                for other in holders:
                    shared[other] = shared.get(other, 0) + 1
        minimum = self.translation_min_shared
        candidates = [other for other, n in shared.items() if n >= minimum]
        if len(candidates) > MAX_TRANSLATION_CANDIDATES:
            candidates = sorted(candidates, key=shared.__getitem__, reverse=True)[:MAX_TRANSLATION_CANDIDATES]
        best, best_score, best_shared = -1, -1.0, list[int]()
        for other in candidates:
            doc = self._docs[other]
            of = doc.features
            if not of.lang or f.lang == of.lang:
                continue  # within one language shared stems mean a shared topic; that is the near test's business
            longer, shorter = max(f.chars, of.chars), max(1, min(f.chars, of.chars))
            if longer / shorter > MAX_LENGTH_RATIO:
                continue
            if f.paragraphs > 1 and of.paragraphs > 1 and abs(f.paragraphs - of.paragraphs) > 1:
                continue
            other_set = set(of.keys)
            common = [k for k in f.keys if k in other_set]
            # the other's anchor weight as it was when it was placed: rarities drift, slowly
            score = sum(weights[a] for a in common) / math.sqrt(mine_total * doc.weight or 1.0)
            if score > best_score:
                best, best_score, best_shared = other, score, common
        if best_score < self.translation_threshold:
            return None, mine_total
        doc = self._docs[best]
        of = doc.features
        labels = dict(zip(f.keys, f.anchors, strict=True))
        reasons = [f"shares {_describe(labels[k] for k in best_shared)} with {best} ({of.lang} → {f.lang})",
                   f"length ratio {max(f.chars, of.chars) / max(1, min(f.chars, of.chars)):.2f}"]
        if f.paragraphs > 1 or of.paragraphs > 1:
            reasons.append(f"paragraphs {of.paragraphs} and {f.paragraphs}")
        found = ClusterAssignment(doc.cluster_id, doc.canonical_id, "translation", min(1.0, best_score), reasons)
        return found, mine_total

    # -- bookkeeping -------------------------------------------------------------------------

    def _insert(self, doc_id: int, f: _Features, found: ClusterAssignment, when: float, keys: list[int]) -> None:
        kept = _Features(f.exact, f.words, f.chars, f.paragraphs, f.when, f.lang, f.sketch, (), f.keys)  # no labels
        self._docs[doc_id] = _Doc(kept, found.cluster_id, found.canonical_id, when, self._last_weight)
        self._order.append(doc_id)
        self._exact[f.exact] = doc_id  # the newest holder: it stays longest in the window
        if keys:
            buckets = self._buckets
            for key in keys:
                bucket = buckets.get(key)
                if bucket is None:
                    buckets[key] = doc_id  # most buckets hold one text: no list for it
                elif isinstance(bucket, int):
                    buckets[key] = [bucket, doc_id]
                else:
                    bucket.append(doc_id)
                    if len(bucket) > MAX_BUCKET:
                        del bucket[0]
        if f.keys:
            self._anchored += 1
            postings = self._postings
            for key in f.keys:
                holders = postings.get(key)
                if holders is None:
                    postings[key] = [doc_id]
                else:
                    holders.append(doc_id)

    def _evict(self) -> None:
        order, docs = self._order, self._docs
        cutoff = self._newest - self.max_age if self.max_age is not None else -math.inf
        while order:
            head = order[0]
            doc = docs.get(head)
            if doc is None:  # re-placed or removed earlier
                order.popleft()
                continue
            if len(docs) < self.max_docs and doc.when >= cutoff:
                break
            order.popleft()
            self._remove(head)

    def _remove(self, doc_id: int) -> None:
        doc = self._docs.pop(doc_id)
        f = doc.features
        if self._exact.get(f.exact) == doc_id:
            del self._exact[f.exact]
        if f.sketch:
            for key in band_keys(f.sketch):
                _discard(self._buckets, key, doc_id)
        if f.keys:
            self._anchored -= 1
            for key in f.keys:
                _discard(self._postings, key, doc_id)


def _discard(table: dict, key: object, doc_id: int) -> None:  # type: ignore[type-arg]
    holders = table.get(key)
    if holders is None:
        return
    if isinstance(holders, int):
        if holders == doc_id:
            del table[key]
        return
    try:
        holders.remove(doc_id)
    except ValueError:
        return
    if not holders:
        del table[key]


# -- features --------------------------------------------------------------------------------

_KIND_WEIGHT = {"n": 1.0, "s": 0.5, "N": 1.0, "l": 1.5, "h": 1.5, "t": 1.5, "q": 1.5, "w": 0.6}
_KIND_CODE = {kind: code for code, kind in enumerate(_KIND_WEIGHT)}
_KIND_WEIGHTS = tuple(_KIND_WEIGHT.values())
_STEM = _KIND_CODE["w"]


def anchor_keys(anchors: Iterable[str]) -> array[int]:
    """Anchors as the index keeps them: 8 bytes each instead of a string object (a window of long
    articles would otherwise hold ~10 kB of strings per article)."""
    crc, code = zlib.crc32, _KIND_CODE
    return array("Q", [crc(a.encode()) << 3 | code[a[0]] for a in anchors])
_KIND_NAME = {"n": "numbers", "s": "numbers", "N": "names", "l": "links", "h": "handles", "t": "tags", "q": "quotes",
              "w": "word stems"}


def _describe(anchors: Iterable[str]) -> str:
    by_kind: dict[str, list[str]] = {}
    for a in anchors:
        by_kind.setdefault(a[0], []).append(a[1:])
    return "; ".join(f"{_KIND_NAME[k]} {', '.join(v[:6])}" for k, v in by_kind.items())


def features_of(text: str, *, lang: str | None, title: str | None = None, links: Iterable[str] = (),
                published_at: datetime | None = None) -> _Features:
    """What the index compares: the exact hash, the MinHash sketch and the translation anchors."""
    found_links, plain = split_links(text) if "://" in text or "www." in text else ([], text)
    words = _TOKEN.findall(plain.lower())
    if not words and title:
        words = _TOKEN.findall(title.lower())
    exact = int(content_hash(" ".join(words))[:16], 16)
    sketch = minhash(words) if len(words) >= MIN_NEAR_WORDS else b""
    anchors: tuple[str, ...] = ()
    if len(words) >= MIN_TRANSLATION_WORDS:
        anchors = _anchors(plain, words, title, [*found_links, *links])
    when = published_at.timestamp() if published_at is not None else math.nan
    return _Features(exact, len(words), len(plain), len(_PARAGRAPH.split(text.strip())), when,
                     "" if not lang or lang == "und" else lang[:3], sketch, anchors, anchor_keys(anchors))


def minhash(words: list[str]) -> bytes:
    """One-permutation MinHash of the word 3-shingles: BINS uint32 minima, empty bins densified."""
    encoded = [w.encode() for w in words]
    crc = zlib.crc32
    # a shingle's CRC is chained through its three words; the multiply spreads it over the top bits
    hashes = [(crc(c, crc(b, crc(a))) * _GOLDEN) & _MASK32 for a, b, c in zip(encoded, encoded[1:], encoded[2:],
                                                                               strict=False)]
    shift, value_mask = _BIN_SHIFT, _VALUE_MASK
    # in descending order each bin is overwritten last by its smallest value
    smallest = {h >> shift: h & value_mask for h in sorted(hashes, reverse=True)}
    mins = [_EMPTY] * BINS
    for slot, value in smallest.items():
        mins[slot] = value
    if len(smallest) < BINS:
        mins = _densify(mins)
    return struct.pack(f"<{BINS}I", *mins)


def _densify(mins: list[int]) -> list[int]:
    """Rotation densification: an empty bin borrows the next filled bin's minimum (circularly),
    offset by the distance, so two sets with the same content fill their empty bins the same way."""
    filled = [i for i, v in enumerate(mins) if v != _EMPTY]
    if not filled:
        return [0] * BINS
    out = list(mins)
    previous = filled[-1] - BINS
    for j in filled:
        value = mins[j]
        for i in range(previous + 1, j):
            out[i] = (value + (j - i) * 0x01000193) & _MASK32  # i may be negative: the bins before the end
        previous = j
    return out


def band_keys(sketch: bytes) -> list[int]:
    """The LSH keys of a sketch: one per band of ROWS bins, the band's number mixed in."""
    width = 4 * ROWS
    return [hash((band, sketch[band * width:(band + 1) * width])) for band in range(BANDS)]


@lru_cache(maxsize=65_536)
def _fold(word: str) -> str:
    """Lower case without accents, cut to five letters, so inflected or transliterated forms of a
    name meet (Sarkozys, Sarkozyn → sarko)."""
    if not word.isascii():
        word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return word.lower()[:5]


def _anchors(plain: str, words: list[str], title: str | None, links: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    body = f"{title}\n{plain}" if title else plain
    for link in links:
        seen["l" + _link_key(link)] = None
    for match in _HANDLE_OR_TAG.finditer(body) if "@" in body or "#" in body else ():
        token = match.group(0)
        seen[("h" if token[0] == "@" else "t") + token[1:].lower()] = None
    for match in _QUOTED.finditer(body):
        seen["q" + " ".join(_TOKEN.findall(match.group(1).lower()))] = None
    for number in _NUMBER.findall(body):
        seen[("n" if len(number) > 2 else "s") + number] = None  # one or two digits say less
    for sentence in _SENTENCE_SPLIT.split(body):
        for token in sentence.split()[1:]:  # a capital that starts a sentence says nothing
            if token[0].isupper():
                word = token.rstrip(_TRAILING_PUNCTUATION)
                if len(word) >= 3 and word.isalpha():
                    seen["N" + _fold(word)] = None
    kept = list(seen)[:MAX_ANCHORS]
    if COGNATES:
        # long words folded to their first five letters: cognates and loan words (radar, protein,
        # kilometre) often survive translation between European languages
        stems = {w[:5] for w in words if len(w) >= COGNATES}
        kept += sorted("w" + (stem if stem.isascii() else _fold(stem)) for stem in stems if stem.isalpha())[:MAX_STEMS]
    return tuple(kept)


def _link_key(url: str) -> str:
    url = url.split("#", 1)[0].split("?", 1)[0].lower()
    url = url.split("://", 1)[-1]
    if url.startswith("www."):
        url = url[4:]
    return url.rstrip("/")


# -- signatures ------------------------------------------------------------------------------


def encode_signature(f: _Features) -> bytes:
    lang = f.lang.encode("ascii", "replace")[:3]
    anchors = "\x1f".join(f.anchors).encode()
    return b"".join([
        _SIG_HEAD.pack(_SIG_MAGIC, f.exact, f.words, f.chars, min(f.paragraphs, 0xFFFF), f.when, len(lang)),
        lang, struct.pack("<H", len(f.sketch) // 4), f.sketch, anchors,
    ])


def decode_signature(blob: bytes) -> _Features:
    magic, exact, words, chars, paragraphs, when, lang_len = _SIG_HEAD.unpack_from(blob)
    if magic != _SIG_MAGIC:
        raise ValueError("not a duplicates signature (or one from an incompatible version)")
    at = _SIG_HEAD.size
    lang = blob[at:at + lang_len].decode("ascii")
    at += lang_len
    (bins,) = struct.unpack_from("<H", blob, at)
    at += 2
    sketch = bytes(blob[at:at + 4 * bins])
    at += 4 * bins
    rest = blob[at:].decode()
    anchors = tuple(rest.split("\x1f")) if rest else ()
    return _Features(exact, words, chars, paragraphs, when, lang, sketch, anchors, anchor_keys(anchors))
