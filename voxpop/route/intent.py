"""The intent classifier: proposes a team for a mention no routing rule caught — complaint or support
request, product feedback, HR/employer brand, sales lead, press/PR, or none — from hand-written
multilingual cue lists (voxpop/route/intent_cues.py), says which cues decided, and learns from the
intents users correct in the inbox.

How a text is scored: its words are matched against its language's cues (a phrase replaces the
single-word cues inside it; each cue counts once); an intent's score is the sum of its cues'
weights. ``none`` scores ``NONE_SCORE``, so one strong cue (weight 2) or two weak ones are needed
to propose a route. Ties go to the intent earlier in ``TIE_ORDER``.

How corrections are learned (``IntentModel(corrections=…)``): a corrected text's fired cues and its
content words (four letters or more, not a stop word) become features that vote for the corrected
intent, with ``LEARNED_WEIGHT`` × the share of corrections holding the feature that chose that
intent. A cue that fired in a corrected text carries the full weight from the first correction, so
an unseen mention with the same cue follows the correction; a plain word carries half until it has
appeared in ``WORD_CORRECTIONS_FOR_FULL_WEIGHT`` corrections, so one correction cannot reroute every
post that shares an ordinary word with it. The exact corrected text always gets its label.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from voxpop.route.intent_cues import CUES, INTENTS, STOP_WORDS

VERSION = "1.0.0"
LABELS = (*INTENTS, "none")
LANGUAGES = tuple(CUES)
LANGUAGE_ALIASES = {"nn": "nb", "no": "nb"}
#: What ``none`` scores: an intent needs more cue weight than this to be proposed.
NONE_SCORE = 1.5
#: The costlier intents to miss first (an unanswered complaint or lead costs most).
TIE_ORDER = ("complaint", "sales", "press", "hr", "feedback")
LEARNED_WEIGHT = 2.5
WORD_CORRECTIONS_FOR_FULL_WEIGHT = 2
MIN_LEARNED_WORD = 4
MAX_TEXT_CHARS = 2_000
MAX_PHRASE_WORDS = 4

_WORD = re.compile(r"\w+(?:'\w+)*")


class IntentError(ValueError):
    """An intent label that does not exist."""


def check_label(label: str) -> str:
    cleaned = label.strip().lower()
    if cleaned not in LABELS:
        raise IntentError(f"unknown intent {label!r}: use one of {', '.join(LABELS)}")
    return cleaned


def tokens(text: str) -> list[str]:
    """Lower-cased words, NFC, with ’ read as ' (hyphens and punctuation split words)."""
    text = unicodedata.normalize("NFC", text[:MAX_TEXT_CHARS]).replace("’", "'").lower()
    return _WORD.findall(text)


@dataclass(frozen=True, slots=True)
class Cue:
    label: str
    text: str
    words: tuple[tuple[str, bool], ...]  # (word or prefix, is_prefix)
    weight: float


@dataclass(slots=True)
class Lexicon:
    exact: dict[str, list[Cue]] = field(default_factory=dict)
    prefixes: dict[str, list[Cue]] = field(default_factory=dict)
    max_prefix: int = 0

    def starting_at(self, word: str) -> list[Cue]:
        found = list(self.exact.get(word, ()))
        for size in range(min(len(word), self.max_prefix), 1, -1):
            found += self.prefixes.get(word[:size], ())
        return found


def parse_cues(spec: str, label: str) -> Iterable[Cue]:
    for raw in spec.split(","):
        entry = raw.strip()
        if not entry:
            continue
        text, _, weight = entry.partition("=")
        parts: list[tuple[str, bool]] = []
        for piece in text.split():
            prefix = piece.endswith("*")
            words = tokens(piece.rstrip("*"))
            for i, word in enumerate(words):
                parts.append((word, prefix and i == len(words) - 1))
        if not parts or len(parts) > MAX_PHRASE_WORDS:
            raise ValueError(f"intent cue {entry!r} must have 1 to {MAX_PHRASE_WORDS} words")
        yield Cue(label, text.strip(), tuple(parts), float(weight) if weight else 1.0)


@cache
def lexicon(lang: str) -> Lexicon:
    built = Lexicon()
    for label, spec in CUES[lang].items():
        for cue in parse_cues(spec, label):
            first, is_prefix = cue.words[0]
            (built.prefixes if is_prefix else built.exact).setdefault(first, []).append(cue)
    built.max_prefix = max(map(len, built.prefixes), default=0)
    return built


@cache
def stop_words(lang: str) -> frozenset[str]:
    return frozenset(STOP_WORDS.get(lang, "").split())


def languages_for(lang: str | None) -> tuple[str, ...]:
    """The cue lists a text is read with: its language's, or every one when the language is unknown."""
    code = LANGUAGE_ALIASES.get(lang or "", lang or "")
    return (code,) if code in CUES else LANGUAGES


@dataclass(frozen=True, slots=True)
class Hit:
    cue: Cue
    lang: str
    start: int
    end: int  # exclusive


def find_cues(words: Sequence[str], langs: Sequence[str]) -> list[Hit]:
    """The cues in a text: a phrase replaces the shorter cues inside it; each cue counts once."""
    hits: list[Hit] = []
    for lang in langs:
        lex = lexicon(lang)
        for i, word in enumerate(words):
            for cue in lex.starting_at(word):
                if i + len(cue.words) > len(words):
                    continue
                if all((words[i + k].startswith(w) if pre else words[i + k] == w)
                       for k, (w, pre) in enumerate(cue.words)):
                    hits.append(Hit(cue, lang, i, i + len(cue.words)))
    hits.sort(key=lambda h: (h.start - h.end, h.start))  # longest first
    kept: list[Hit] = []
    seen: set[tuple[str, str]] = set()
    for hit in hits:
        size = hit.end - hit.start
        if any(k.end - k.start > size and k.start < hit.end and hit.start < k.end for k in kept):
            continue
        key = (hit.lang, hit.cue.text)
        if key not in seen:
            seen.add(key)
            kept.append(hit)
    kept.sort(key=lambda h: h.start)
    return kept


def _exact_key(text: str) -> str:
    return " ".join(tokens(text))


def _features(words: Sequence[str], hits: Sequence[Hit], lang: str | None) -> tuple[set[str], set[str]]:
    """(cue features, word features) that corrections learn on and are looked up by."""
    cues = {f"cue:{h.lang}:{h.cue.text}" for h in hits}
    code = LANGUAGE_ALIASES.get(lang or "", lang or "")
    stops = stop_words(code)
    content = {f"w:{code}:{w}" for w in words
               if len(w) >= MIN_LEARNED_WORD and w not in stops and not w.isdigit() and "_" not in w}
    return cues, content


@dataclass(frozen=True, slots=True)
class IntentResult:
    """The proposed intent, each intent's score, and the reasons (cues that fired, learned evidence),
    those for the chosen intent first."""

    label: str
    scores: dict[str, float]
    reasons: list[str]

    def as_dict(self) -> dict[str, object]:
        return {"label": self.label, "scores": {k: round(v, 2) for k, v in self.scores.items()},
                "reasons": self.reasons, "version": VERSION}


class IntentModel:
    """The cue lists plus what the workspace's corrections taught. Immutable once built."""

    def __init__(self, *, corrections: Iterable[tuple[str, str | None, str]] = ()) -> None:
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        self.exact: dict[str, str] = {}
        self.corrections = 0
        for text, lang, label in corrections:
            label = check_label(label)
            words = tokens(text)
            cues, content = _features(words, find_cues(words, languages_for(lang)), lang)
            for feature in cues | content:
                counts[feature][label] += 1
            self.exact[_exact_key(text)] = label
            self.corrections += 1
        self.learned: dict[str, dict[str, float]] = {}
        for feature, per_label in counts.items():
            total = sum(per_label.values())
            strength = LEARNED_WEIGHT
            if feature.startswith("w:"):
                strength *= min(1.0, total / WORD_CORRECTIONS_FOR_FULL_WEIGHT)
            self.learned[feature] = {label: strength * n / total for label, n in per_label.items()}
        self._counts = {f: sum(c.values()) for f, c in counts.items()}

    def classify(self, text: str, lang: str | None = None) -> IntentResult:
        words = tokens(text)
        hits = find_cues(words, languages_for(lang))
        scores = dict.fromkeys(LABELS, 0.0)
        scores["none"] = NONE_SCORE
        for hit in hits:
            scores[hit.cue.label] += hit.cue.weight
        learned: list[tuple[float, str, str]] = []
        if self.learned:
            cues, content = _features(words, hits, lang)
            for feature in sorted(cues | content):
                votes = self.learned.get(feature)
                if not votes:
                    continue
                for label, amount in votes.items():
                    scores[label] += amount
                    learned.append((amount, label, feature))
        exact = self.exact.get(_exact_key(text)) if self.exact else None
        if exact is not None:
            label = exact
        else:
            # max keeps the first of equal scores: none wins a tie, then TIE_ORDER decides
            label = max(("none", *TIE_ORDER), key=lambda k: scores[k])
        reasons = [f"'{h.cue.text}' ({h.cue.label})" for h in sorted(hits, key=lambda h: h.cue.label != label)]
        for _amount, voted, feature in sorted(learned, key=lambda x: (x[1] != label, -x[0])):
            name = feature.split(":", 2)[2]
            reasons.append(f"learned '{name}' → {voted} ({self._counts[feature]} correction"
                           f"{'s' if self._counts[feature] != 1 else ''})")
        if exact is not None:
            reasons.insert(0, "this text was corrected to " + exact)
        if not reasons:
            reasons.append("no intent cue")
        return IntentResult(label, scores, reasons[:8])


@lru_cache(maxsize=1)
def default_model() -> IntentModel:
    """The cue lists alone (no corrections)."""
    return IntentModel()


def classify(text: str, lang: str | None = None) -> IntentResult:
    return default_model().classify(text, lang)
