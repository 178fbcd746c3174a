"""The sentiment model: lexicon cues and learned weights scored by one linear (softmax) model, with
an optional per-workspace layer learned from users' corrections. The shipped model is
``sentiment_model.bin``, built by ``scripts/train_sentiment.py``.
"""

from __future__ import annotations

import json
import lzma
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from voxpop.enrich.sentiment.cues import (
    LANGUAGE_ALIASES,
    NEGATION_AFTER,
    Lexicon,
    Reading,
    build_lexicon,
    read,
    unknown_language_lexicon,
)

STEP = "sentiment"
#: Bumped whenever the method or the shipped model changes; the model file records the same value.
VERSION = "1.0.0"
MODEL_PATH = Path(__file__).with_name("sentiment_model.bin")
MAGIC = b"VXSENT1\n"
#: Weights are stored as integers in thousandths.
WEIGHT_SCALE = 1000

Label = Literal["positive", "neutral", "negative"]
LABELS: tuple[Label, ...] = ("negative", "neutral", "positive")
MAX_REASONS = 5

#: How the correction layer learns: passes over the corrections, and step sizes: a word that is a
#: lexicon cue in the corrected text moves most (a wrong cue is the likeliest cause of a wrong
#: label), a word common in the training tweets (a function word) least.
CORRECTION_EPOCHS = 8
CORRECTION_RATE = 1.0
CORRECTION_CUE_WORD_RATE = 3.0
CORRECTION_COMMON_WORD_RATE = 0.05
CORRECTION_BIAS_RATE = 0.02
#: A correction counts as learned once its label has this probability.
CORRECTION_TARGET = 0.8

_CUE_SUMS = frozenset({"P", "N", "nP", "nN", "EP", "EN"})
_FEATURE_NAMES = {
    "P": "positive words",
    "N": "negative words",
    "nP": "negated positive words",
    "nN": "negated negative words",
    "EP": "positive emoji",
    "EN": "negative emoji",
    "!": "exclamation",
    "?": "question",
    "CAPS": "shouting (capitals)",
}


@dataclass(frozen=True, slots=True)
class SentimentResult:
    """A sentiment with its score (P(positive) − P(negative), in [-1, 1]), the confidence in the label
    (its probability) and the cues that decided it, most decisive first."""

    label: Label
    score: float
    confidence: float
    reasons: list[str]


def encode_model(
    *,
    lexicons: Mapping[str, Sequence[tuple[str, str, float]]],
    emoji: Mapping[str, float],
    weights: Mapping[str, tuple[int, int]],
    common: Sequence[str],
    version: str,
    meta: Mapping[str, object],
) -> bytes:
    """The model file: MAGIC, then LZMA-compressed JSON with sorted keys (so a rebuild is byte-identical)."""
    document = {
        "version": version,
        "meta": dict(meta),
        "lexicons": {lang: [list(e) for e in entries] for lang, entries in lexicons.items()},
        "emoji": dict(emoji),
        "weights": {k: list(v) for k, v in weights.items()},
        "common": sorted(common),
    }
    raw = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    return MAGIC + lzma.compress(raw, preset=9 | lzma.PRESET_EXTREME)


def decode_model(blob: bytes) -> dict[str, Any]:
    """The model file's JSON document (see :func:`encode_model`)."""
    if not blob.startswith(MAGIC):
        raise ValueError("not a voxpop sentiment model")
    document: dict[str, Any] = json.loads(lzma.decompress(blob[len(MAGIC) :]))
    return document


def _softmax3(neg: float, pos: float) -> tuple[float, float, float]:
    """Probabilities of (negative, neutral, positive) from scores relative to neutral."""
    top = max(neg, pos, 0.0)
    en, eu, ep = math.exp(neg - top), math.exp(-top), math.exp(pos - top)
    total = en + eu + ep
    return en / total, eu / total, ep / total


class SentimentModel:
    """Lexicons, emoji and learned weights; :meth:`default` is the shipped model.

    Each feature has two weights, for positive and for negative, relative to neutral (a softmax over
    three classes needs no third). A model made by :meth:`with_corrections` shares the base tables
    and adds its own layer of adjustments on top.
    """

    def __init__(
        self,
        *,
        lexicons: Mapping[str, Lexicon],
        emoji: Mapping[str, float],
        weights: Mapping[str, tuple[float, float]],
        common: frozenset[str],
        version: str,
        meta: Mapping[str, object],
        adjustments: Mapping[str, tuple[float, float]] | None = None,
    ) -> None:
        self.lexicons = dict(lexicons)
        self.emoji = dict(emoji)
        self.weights = weights
        self.common = common
        self.version = version
        self.meta = dict(meta)
        self.adjustments: dict[str, tuple[float, float]] = dict(adjustments or {})
        self._unknown = unknown_language_lexicon(self.lexicons)

    @classmethod
    def from_bytes(cls, blob: bytes) -> SentimentModel:
        document = decode_model(blob)
        lexicons = {
            lang: build_lexicon(((str(k), str(t), float(v)) for k, t, v in rows), lang)
            for lang, rows in document["lexicons"].items()
        }
        weights = {k: (v[0] / WEIGHT_SCALE, v[1] / WEIGHT_SCALE) for k, v in document["weights"].items()}
        return cls(
            lexicons=lexicons,
            emoji={str(k): float(v) for k, v in document["emoji"].items()},
            weights=weights,
            common=frozenset(document["common"]),
            version=str(document["version"]),
            meta=document["meta"],
        )

    @classmethod
    def default(cls) -> SentimentModel:
        """The shipped model (loaded once per process)."""
        return _shipped_model()

    def lexicon_for(self, lang: str | None) -> tuple[Lexicon, str | None]:
        """The lexicon a text in `lang` is read with, and the language it belongs to (None: unknown)."""
        code = LANGUAGE_ALIASES.get(lang or "", lang or "")
        found = self.lexicons.get(code)
        return (found, code) if found is not None else (self._unknown, None)

    def read(self, text: str, lang: str | None) -> Reading:
        lexicon, code = self.lexicon_for(lang)
        return read(text, lexicon, self.emoji, lang=code, negation_after=code in NEGATION_AFTER)

    def scores_without_adjustments(self, features: Mapping[str, float]) -> tuple[float, float]:
        """Scores of (negative, positive) relative to neutral, by the trained weights alone."""
        pos = neg = 0.0
        for name, value in features.items():
            w = self.weights.get(name)
            if w is not None:
                pos += w[0] * value
                neg += w[1] * value
        return neg, pos

    def scores(self, features: Mapping[str, float]) -> tuple[float, float]:
        """Scores of (negative, positive) relative to neutral."""
        pos = neg = 0.0
        weights, adjustments = self.weights, self.adjustments
        for name, value in features.items():
            w = weights.get(name)
            if w is not None:
                pos += w[0] * value
                neg += w[1] * value
            if adjustments:
                a = adjustments.get(name)
                if a is not None:
                    pos += a[0] * value
                    neg += a[1] * value
        return neg, pos

    def analyse(self, text: str, lang: str | None) -> SentimentResult:
        """Sentiment of one text; `lang` picks the lexicon (None, ``und`` or an unknown code: emoji,
        punctuation and the learned weights of words only)."""
        reading = self.read(text, lang)
        neg, pos = self.scores(reading.features)
        p_neg, p_neu, p_pos = _softmax3(neg, pos)
        index = max(range(3), key=(p_neg, p_neu, p_pos).__getitem__)
        label = LABELS[index]
        return SentimentResult(
            label=label,
            score=round(p_pos - p_neg, 4),
            confidence=round((p_neg, p_neu, p_pos)[index], 4),
            reasons=self._reasons(reading, label),
        )

    def analyse_many(self, items: Iterable[tuple[str, str | None]]) -> list[SentimentResult]:
        return [self.analyse(text, lang) for text, lang in items]

    def _reasons(self, reading: Reading, label: Label) -> list[str]:
        """The cues that pushed towards `label` most, in words.

        A lexicon cue's share is its part of the cue feature's weight; a word's, its learned weight
        (and any correction). For a neutral result the reason is the absence of strong cues."""

        def toward(w: tuple[float, float]) -> float:
            if label == "positive":
                return w[0] - max(w[1], 0.0)
            if label == "negative":
                return w[1] - max(w[0], 0.0)
            return -max(w[0], w[1])

        zero = (0.0, 0.0)
        # (weight, kind, payload): formatted only for the few reasons shown
        ranked: list[tuple[float, int, object]] = []
        for cue in reading.cues:
            if cue.emoji:
                name, amount = ("EP" if cue.value > 0 else "EN"), abs(cue.value) / 3
            else:
                name = ("n" if cue.negated else "") + ("P" if cue.value > 0 else "N")
                amount = abs(cue.value) * cue.weight / 3
            ranked.append((toward(self.weights.get(name, zero)) * amount, 0, cue))
        cue_words = {c.text[0] if c.emoji else c.text.lower() for c in reading.cues}
        weights, adjustments, common = self.weights, self.adjustments, self.common
        for name, value in reading.features.items():
            first = name[0]
            if first == "w" or first == "~" or first == "t":
                base = weights.get(name, zero)
                adjusted = adjustments.get(name, zero) if adjustments else zero
                if adjusted != zero:
                    total = (base[0] + adjusted[0], base[1] + adjusted[1])
                    ranked.append((toward(total) * value, 1, name))
                elif base is not zero and name not in common:
                    ranked.append((toward(base) * value, 2, name))
            elif name in _FEATURE_NAMES and name not in _CUE_SUMS:
                ranked.append((toward(weights.get(name, zero)), 3, name))
        ranked.sort(key=lambda r: -r[0])
        reasons: list[str] = []
        for weight, kind, payload in ranked:
            if weight <= 0.05 or len(reasons) == MAX_REASONS:
                break
            if kind == 0:
                text = payload.describe()  # type: ignore[attr-defined]
            elif kind == 3:
                text = _FEATURE_NAMES[str(payload)]
            else:
                name = str(payload)
                shown = name[1:] if name[0] == "t" else name.split(":", 1)[1]
                if kind == 2 and shown in cue_words:
                    continue
                if kind == 1:
                    text = f"'{shown}' (learned from corrections)"
                else:
                    negated = " after a negation" if name[0] == "~" else ""
                    text = f"'{shown}' (learned {label} word{negated})"
            if text not in reasons:
                reasons.append(text)
        if label == "neutral" and not reasons:
            reasons = ["no strong positive or negative cue"]
        return reasons

    def with_corrections(self, corrections: Iterable[tuple[str, str | None, str]]) -> SentimentModel:
        """A new model that also learns from `corrections` — (text, language, corrected label) — by a
        layer of adjustments to the weights of their words (and a small shift of the prior).

        The layer is fitted by a few passes of logistic-regression steps over the corrections, the
        base model held fixed; the corrected texts' cue words move most and common words least, so a
        correction carries over to other mentions with the same cue ("sick" → positive) rather than
        to every mention with "the". Cost: reading the corrections plus a few passes over their
        words (about a second for a few thousand)."""
        examples: list[tuple[float, float, list[tuple[str, float, float]], int]] = []
        for text, lang, label in corrections:
            if label not in LABELS:
                raise ValueError(f"unknown sentiment label {label!r}; expected one of {', '.join(LABELS)}")
            reading = self.read(text, lang)
            neg, pos = self.scores_without_adjustments(reading.features)
            cue_words = {w for c in reading.cues for w in (c.text[0] if c.emoji else c.text.lower()).split(" ")}
            movable = []
            for name, value in reading.features.items():
                if name == "bias":
                    rate = CORRECTION_BIAS_RATE
                elif name[0] not in "w~t":
                    continue  # the shared cue sums stay as trained: they hold for every workspace
                elif name in self.common:
                    rate = CORRECTION_COMMON_WORD_RATE
                elif (name[1:] if name[0] == "t" else name.split(":", 1)[1]) in cue_words:
                    rate = CORRECTION_CUE_WORD_RATE
                else:
                    rate = CORRECTION_RATE
                movable.append((name, value, rate))
            examples.append((neg, pos, movable, LABELS.index(label)))
        layer: dict[str, list[float]] = {k: list(v) for k, v in self.adjustments.items()}
        for _ in range(CORRECTION_EPOCHS):
            learned = 0
            for base_neg, base_pos, movable, target in examples:
                neg, pos = base_neg, base_pos
                for name, value, _rate in movable:
                    slot = layer.get(name)
                    if slot is not None:
                        pos += slot[0] * value
                        neg += slot[1] * value
                p_neg, p_neu, p_pos = _softmax3(neg, pos)
                if (p_neg, p_neu, p_pos)[target] >= CORRECTION_TARGET:
                    learned += 1
                    continue
                g_pos = (1.0 if target == 2 else 0.0) - p_pos
                g_neg = (1.0 if target == 0 else 0.0) - p_neg
                for name, value, rate in movable:
                    slot = layer.setdefault(name, [0.0, 0.0])
                    slot[0] += rate * g_pos * value
                    slot[1] += rate * g_neg * value
            if learned == len(examples):
                break
        corrected = SentimentModel(
            lexicons={},
            emoji=self.emoji,
            weights=self.weights,
            common=self.common,
            version=self.version,
            meta=self.meta,
            adjustments={k: (v[0], v[1]) for k, v in layer.items()},
        )
        corrected.lexicons, corrected._unknown = self.lexicons, self._unknown
        return corrected


@lru_cache(maxsize=1)
def _shipped_model() -> SentimentModel:
    model = SentimentModel.from_bytes(MODEL_PATH.read_bytes())
    if model.version != VERSION:
        raise RuntimeError(f"{MODEL_PATH.name} is version {model.version}, the code expects {VERSION}")
    return model


def analyse_sentiment(text: str, lang: str | None) -> SentimentResult:
    """Sentiment of one text with the shipped model (see :class:`SentimentModel`)."""
    return _shipped_model().analyse(text, lang)
