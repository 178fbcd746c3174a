"""Topics: the keywords and themes of a set of mentions (a saved query's, a cluster's), without
stop words in 20 languages, and the emerging terms whose rate rose against a baseline window.

Terms are lower-cased words of two or more letters (digits dropped), ``#hashtags`` and two-word
phrases of adjacent non-stop words. Every count is a **document frequency**: a mention counts once
per term, so one author repeating a word a hundred times does not make it a keyword.

Emerging terms use an exact conditional binomial test: given that a term occurs in ``k`` mentions of
the two windows together, and the recent window holds a share ``p`` of all mentions, how unlikely
is it that ``recent_count`` or more of the ``k`` fall in the recent window? The score is
``-log10`` of that probability, which stays honest for small counts (3 against 0 is not
"infinitely" rising), and the lift is the ratio of the two rates, each smoothed by half a mention.

Stop words: ``stop_words.json`` (``scripts/make_stop_words.py``), from stopwords-iso (MIT licence)
plus hand-written Icelandic and Nynorsk forms.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex

STOP_WORDS_PATH = Path(__file__).with_name("stop_words.json")

_WORD = regex.compile(r"#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*|[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*")
_URL = regex.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|@[\w.-]+", regex.IGNORECASE)
MAX_TERM_CHARS = 40
#: Codes some sources use for a language voxpop knows by another code.
_ALIASES = {"no": "nb"}


@dataclass(frozen=True, slots=True)
class Keyword:
    """A term, the number of mentions that contain it, and its score (the share of mentions, or with
    a background, the same test as for emerging terms)."""

    term: str
    count: int
    score: float


@dataclass(frozen=True, slots=True)
class Theme:
    """Terms that occur together, and which mentions (indices into the texts given) carry the first."""

    terms: list[str]
    count: int
    members: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class EmergingTerm:
    term: str
    recent_count: int
    baseline_count: int
    lift: float
    score: float


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset[str]]:
    data = json.loads(STOP_WORDS_PATH.read_text(encoding="utf-8"))
    return {lang: frozenset(words) for lang, words in data["languages"].items()}


@lru_cache(maxsize=64)
def stop_words(lang: str | None = None) -> frozenset[str]:
    """The stop words of a language (ISO 639-1); ``None`` or an unknown code: all languages' together."""
    lists = _lists()
    lang = _ALIASES.get(lang or "", lang)
    if lang and lang in lists:
        return lists[lang]
    return frozenset().union(*lists.values())


def terms(text: str, *, lang: str | None = None, phrases: bool = True) -> set[str]:
    """The distinct terms of one text: words and #hashtags that are not stop words, and two-word phrases."""
    if "/" in text or "@" in text:
        text = _URL.sub(" ", text)
    stops = stop_words(lang)
    found: set[str] = set()
    previous: str | None = None
    for token in _WORD.findall(text.lower()):
        if len(token) < 2 or len(token) > MAX_TERM_CHARS or token in stops:
            previous = None
            continue
        found.add(token)
        if phrases and previous is not None and token[0] != "#" and previous[0] != "#":
            found.add(f"{previous} {token}")
        previous = token
    return found


def _languages(texts: Sequence[str], lang: str | Sequence[str | None] | None) -> list[str | None]:
    if isinstance(lang, str):
        return [lang] * len(texts)
    if lang is not None:
        return list(lang)
    from voxpop.enrich.language import UNDETERMINED, detect_language

    found: list[str | None] = []
    for text in texts:
        code, _ = detect_language(text[:400])
        found.append(None if code == UNDETERMINED else code)
    return found


def document_frequencies(texts: Iterable[str], *, lang: str | Sequence[str | None] | None = None,
                         phrases: bool = True) -> tuple[Counter[str], int]:
    """How many of the texts contain each term, and how many texts there were.

    ``lang``: one language for all, one per text, or ``None`` to detect each text's language."""
    texts = list(texts)
    counts: Counter[str] = Counter()
    for text, code in zip(texts, _languages(texts, lang), strict=True):
        counts.update(terms(text, lang=code, phrases=phrases))
    return counts, len(texts)


def keywords(texts: Iterable[str], *, lang: str | Sequence[str | None] | None = None, top: int = 20,
             min_count: int = 2, background: tuple[Counter[str], int] | None = None) -> list[Keyword]:
    """The terms that characterise the texts, best first.

    Without ``background`` a term's score is the share of texts that contain it; a phrase hides the
    single words it is made of when it covers most of their mentions. With ``background`` (the
    :func:`document_frequencies` of a wider set, e.g. all mentions of the period) terms are ranked by
    the same test as :func:`emerging_terms`, so words common everywhere sink."""
    counts, n = document_frequencies(texts, lang=lang)
    if not n:
        return []
    candidates = {t: c for t, c in counts.items() if c >= min_count}
    for phrase, c in list(candidates.items()):
        if " " in phrase:
            for word in phrase.split(" "):
                if word in candidates and c >= 0.8 * candidates[word]:
                    candidates[word] = -1  # the phrase says it better
    candidates = {t: c for t, c in candidates.items() if c > 0}
    if background is not None:
        rising = _rising(candidates, n, background[0], background[1], min_count=min_count, min_lift=1.0)
        return [Keyword(e.term, e.recent_count, e.score) for e in rising[:top]]
    ranked = sorted(candidates.items(), key=lambda item: (-item[1], -(" " in item[0]), item[0]))
    return [Keyword(term, count, count / n) for term, count in ranked[:top]]


def themes(texts: Sequence[str], *, lang: str | Sequence[str | None] | None = None, top: int = 8,
           vocabulary: int = 40, min_share: float = 0.5, max_share: float = 0.8) -> list[Theme]:
    """Groups of keywords that occur together: the most frequent keyword not yet placed starts a
    theme, and every keyword found in at least ``min_share`` of the theme's mentions — and mostly
    there — joins it. Keywords in more than ``max_share`` of all texts (the subject every mention
    shares, such as the brand a query asks for) start and join no theme."""
    texts = list(texts)
    per_text = [terms(t, lang=code) for t, code in zip(texts, _languages(texts, lang), strict=True)]
    counts: Counter[str] = Counter()
    for found in per_text:
        counts.update(found)
    vocab = [k.term for k in keywords(texts, lang=lang, top=vocabulary) if k.score <= max_share]
    placed: set[str] = set()
    out: list[Theme] = []
    for seed in vocab:
        if seed in placed:
            continue
        members = [i for i, found in enumerate(per_text) if seed in found]
        together = Counter(t for i in members for t in per_text[i] if t in vocab and t not in placed)
        group = [seed] + [t for t in vocab if t != seed and t not in placed
                          and together[t] >= min_share * len(members) and together[t] >= min_share * counts[t]]
        placed.update(group)
        out.append(Theme(group, len(members), members))
        if len(out) >= top:
            break
    return out


def emerging_terms(recent: Iterable[str], baseline: Iterable[str], *, lang: str | None = None,
                   min_recent: int = 3, min_lift: float = 2.0, min_score: float = 3.0,
                   top: int = 20) -> list[EmergingTerm]:
    """Terms whose rate in the recent texts rose against the baseline texts, most significant first.

    A term is returned when it is in at least ``min_recent`` recent texts, its rate rose by
    ``min_lift`` or more, and its score (``-log10`` of the one-sided binomial p-value) reaches
    ``min_score`` (3: p ≤ 0.001). ``lang`` applies to both windows (one code, or ``None`` to detect)."""
    recent_counts, n_recent = document_frequencies(recent, lang=lang)
    baseline_counts, n_baseline = document_frequencies(baseline, lang=lang)
    found = _rising(dict(recent_counts), n_recent, baseline_counts, n_baseline, min_count=min_recent,
                    min_lift=min_lift)
    return [e for e in found if e.score >= min_score][:top]


def _rising(recent: dict[str, int], n_recent: int, baseline: Counter[str], n_baseline: int, *,
            min_count: int, min_lift: float) -> list[EmergingTerm]:
    if not n_recent or not n_baseline:
        return []
    share = n_recent / (n_recent + n_baseline)
    out = []
    for term, y in recent.items():
        if y < min_count:
            continue
        b = baseline.get(term, 0)
        lift = ((y + 0.5) / (n_recent + 1)) / ((b + 0.5) / (n_baseline + 1))
        if lift < min_lift or y / n_recent <= b / n_baseline:
            continue
        score = -binomial_upper_log10(y, y + b, share)
        out.append(EmergingTerm(term, y, b, round(lift, 3), round(score, 3)))
    out.sort(key=lambda e: (-e.score, -e.recent_count, e.term))
    return out


def binomial_upper_log10(successes: int, trials: int, p: float) -> float:
    """log10 P(X ≥ successes) for X ~ Binomial(trials, p), without underflow."""
    if successes <= 0:
        return 0.0
    if successes > trials:
        return -math.inf
    if p <= 0.0:
        return -math.inf
    if p >= 1.0:
        return 0.0
    log_first = (math.lgamma(trials + 1) - math.lgamma(successes + 1) - math.lgamma(trials - successes + 1)
                 + successes * math.log(p) + (trials - successes) * math.log1p(-p))
    odds = p / (1.0 - p)
    total, term = 1.0, 1.0
    for i in range(successes, trials):
        term *= (trials - i) / (i + 1) * odds
        total += term
        if term < 1e-15 * total:
            break
    return min(0.0, (log_first + math.log(total)) / math.log(10))
