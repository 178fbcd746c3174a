"""Language identification: which language a mention is written in, also for short posts and for
Danish, Norwegian Bokmål, Nynorsk and Swedish, with no model fetched at run time.

Method. The text is cleaned (URLs, e-mail addresses, @handles and #hashtags removed), lower-cased
and reduced to its words (letters and marks; digits, emoji and punctuation go), joined by single
spaces and padded with one space at each end: ``" ikkje no "``. Its features are every UTF-8 byte
n-gram of length 3 to 5 of that string, plus each whole word. One table gives each feature a cost
per language; a language's score is the sum of the costs of the text's features plus a per-language
bias, and the confidences are the softmax of the scores over the candidate languages. This is a
linear model, as in a naive Bayes classifier, and it can say why: :func:`explain_language` lists
the features that weighed most.

The table (``language_model.bin``, about 1 MB, built by ``scripts/train_langid.py``) combines
  * character n-gram and word log-probabilities counted on the Leipzig-corpora sentences, word
    pairs and single words of lingua's test data (Apache-2.0), and
  * the byte n-gram log-probabilities of py3langid's naive Bayes model (BSD-3-Clause, trained on a
    much larger corpus), decomposed from its automaton into one weight per byte n-gram,
with one weight per n-gram length and source and one bias per language fitted on out-of-fold
scores. Costs are quantised to one byte per language; the 20 costs of a feature are packed into one
Python integer (32 bits a language), so adding the features of a text adds all languages at once,
without numpy.

Limits.
  * Only the languages of :data:`SUPPORTED_LANGUAGES` are known. Text in another script (Greek,
    Arabic, CJK, ...) is ``"und"``; text in another Latin-script language gets the nearest known
    language with a confidence that is not always low.
  * One or two words stay hard, above all between Danish and Bokmål and between Bokmål and Nynorsk,
    whose spellings overlap; a post's other lines help (:func:`detect_language_in_context`).
  * Only the first :data:`MAX_TEXT_CHARS` characters are read; mixed-language text gets one answer.
  * The training text is news and web prose; slang, dialect and code-switching are weaker.
"""

from __future__ import annotations

import json
import lzma
import math
import struct
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import regex

STEP = "language"
#: Bumped whenever the method or the shipped model changes; the model file records the same value.
VERSION = "1.0.0"

UNDETERMINED = "und"
MODEL_PATH = Path(__file__).with_name("language_model.bin")
MAX_TEXT_CHARS = 2_000
#: Below this confidence :func:`detect_language` answers ``"und"`` (too ambiguous to say).
DEFAULT_MIN_CONFIDENCE = 0.35
#: How much the rest of the document counts when judging one line (1.0: as much as the line).
DEFAULT_CONTEXT_WEIGHT = 1.0

NGRAM_SIZES = (3, 4, 5)
WORD_PREFIX = b"\x00"
LANE_BITS = 32
_LANE_MASK = (1 << LANE_BITS) - 1

#: The script each supported language is written in; the others are Latin.
_CYRILLIC = frozenset({"ru"})

_NOISE = regex.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|[@#][\w.-]+", regex.IGNORECASE)
_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*")
_LATIN_END = "\u0250"  # Basic Latin to Latin Extended-B: every letter before it is Latin
_CYRILLIC_LETTER = regex.compile(r"\p{Cyrillic}")
_OTHER_LETTER = regex.compile(r"[^\p{Latin}\p{Cyrillic}\p{M}'’-]")


class LanguageResult(NamedTuple):
    """A language (ISO 639-1, or ``"und"``) and the confidence in it, in [0, 1]."""

    code: str
    confidence: float


@dataclass(frozen=True)
class _Model:
    languages: tuple[str, ...]
    table: dict[bytes, int]
    bias: tuple[int, ...]
    scale: float  # quantisation steps per nat
    version: str
    meta: dict[str, object]

    @property
    def index(self) -> dict[str, int]:
        return {code: i for i, code in enumerate(self.languages)}


def words_of(text: str) -> list[str]:
    """The lower-cased words the detector reads: URLs, handles, hashtags, digits and emoji removed."""
    text = unicodedata.normalize("NFC", text[:MAX_TEXT_CHARS]).lower()
    if "/" in text or "@" in text or "#" in text or "www." in text:  # the regex costs more than these tests
        text = _NOISE.sub(" ", text)
    return _WORD.findall(text)


_SLICES: dict[int, list[slice]] = {}


def _slices(length: int) -> list[slice]:
    found = _SLICES.get(length)
    if found is None:
        found = [slice(i, i + n) for n in NGRAM_SIZES for i in range(length - n + 1)]
        if length <= 512:  # texts longer than this are rare; don't keep their slices
            _SLICES[length] = found
    return found


def features(words: Sequence[str]) -> list[bytes]:
    """The features of a text given its words: byte 3- to 5-grams of `` w1 w2 `` and each word."""
    padded = (" " + " ".join(words) + " ").encode()
    grams = list(map(padded.__getitem__, _slices(len(padded))))
    grams += [WORD_PREFIX + w.encode() for w in words]
    return grams


def encode_model(
    languages: Sequence[str],
    costs: dict[bytes, bytes],
    bias: Sequence[int],
    scale: float,
    version: str,
    meta: dict[str, object],
) -> bytes:
    """The model file: a JSON header line, then per feature its length, bytes and one cost byte per language."""
    header = {"languages": list(languages), "bias": list(bias), "scale": scale, "version": version, "meta": meta}
    body = bytearray()
    for key in sorted(costs):
        body.append(len(key))
        body += key
        body += costs[key]
    raw = b"VXLANG1\n" + json.dumps(header, sort_keys=True).encode() + b"\n" + bytes(body)
    return lzma.compress(raw, preset=9 | lzma.PRESET_EXTREME)


def pack_costs(costs: bytes) -> int:
    """One byte-sized cost per language → one integer with a 32-bit lane per language."""
    return int.from_bytes(struct.pack(f"<{len(costs)}I", *costs), "little")


def decode_model(blob: bytes) -> _Model:
    raw = lzma.decompress(blob)
    magic, header_line, body = raw.split(b"\n", 2)
    if magic != b"VXLANG1":
        raise ValueError("not a voxpop language model")
    header = json.loads(header_line)
    languages = tuple(header["languages"])
    n = len(languages)
    table: dict[bytes, int] = {}
    pack = struct.Struct(f"<{n}I").pack
    pos, end = 0, len(body)
    while pos < end:
        size = body[pos]
        key = body[pos + 1 : pos + 1 + size]
        pos += 1 + size
        table[key] = int.from_bytes(pack(*body[pos : pos + n]), "little")
        pos += n
    return _Model(
        languages=languages,
        table=table,
        bias=tuple(header["bias"]),
        scale=float(header["scale"]),
        version=header["version"],
        meta=header["meta"],
    )


@lru_cache(maxsize=1)
def _shipped_model() -> _Model:
    model = decode_model(MODEL_PATH.read_bytes())
    if model.version != VERSION:
        raise RuntimeError(f"{MODEL_PATH.name} is version {model.version}, the code expects {VERSION}")
    return model


SUPPORTED_LANGUAGES: tuple[str, ...] = (
    "da", "sv", "nb", "nn", "fi", "is", "en", "de", "nl", "fr",
    "it", "es", "pt", "pl", "et", "lt", "lv", "ru", "tr", "ro",
)  # fmt: skip


class Detector:
    """Language identification with one model; :func:`detect_language` uses the shipped one."""

    def __init__(self, model: _Model) -> None:
        self.model = model
        self._index = model.index
        self._unpack = struct.Struct(f"<{len(model.languages)}I").unpack
        self._bias = sum(b << (LANE_BITS * i) for i, b in enumerate(model.bias))
        self._all = tuple(range(len(model.languages)))
        self._width = 4 * len(model.languages)
        self._inverse_scale = 1.0 / model.scale
        self._cutoff = 30.0 * model.scale  # languages 30 nats behind add nothing to the sum

    # -- the pieces -------------------------------------------------------------------------
    def lanes(self, candidates: Iterable[str] | None) -> tuple[int, ...]:
        """Positions of the candidate languages in the model; unknown codes raise ValueError."""
        if candidates is None:
            return self._all
        try:
            return tuple(sorted({self._index[c] for c in candidates}))
        except KeyError as exc:
            raise ValueError(f"unsupported language {exc.args[0]!r}; supported: {self.model.languages}") from None

    def evidence(self, words: Sequence[str]) -> int:
        """The packed cost sums of a text's features (0 when none is known)."""
        return sum(filter(None, map(self.model.table.get, features(words))))

    def script_lanes(self, words: Sequence[str], lanes: tuple[int, ...]) -> tuple[int, ...]:
        """The lanes whose script is the text's main script; () when that script is none of theirs."""
        joined = "".join(words)
        if not joined or max(joined) < _LATIN_END:
            script = "Latn"
        else:
            cyrillic = len(_CYRILLIC_LETTER.findall(joined))
            other = len(_OTHER_LETTER.findall(joined))
            latin = len(joined) - cyrillic - other
            if other >= max(latin, cyrillic):
                return ()
            script = "Cyrl" if cyrillic > latin else "Latn"
        languages = self.model.languages
        return tuple(i for i in lanes if ("Cyrl" if languages[i] in _CYRILLIC else "Latn") == script)

    def posterior(self, packed: int, lanes: tuple[int, ...], prior: dict[int, float] | None = None) -> list[float]:
        """Probabilities over `lanes` for packed costs (+ bias), optionally times a prior^weight."""
        costs = self._unpack((packed + self._bias).to_bytes(self._width, "little"))
        scale = self.model.scale
        logits = [-costs[i] / scale for i in lanes]
        if prior is not None:
            logits = [z + prior[i] for z, i in zip(logits, lanes, strict=True)]
        top = max(logits)
        weights = [math.exp(z - top) if z > top - 30.0 else 0.0 for z in logits]
        total = sum(weights)
        return [w / total for w in weights]

    # -- the answers ------------------------------------------------------------------------
    def detect(
        self, text: str, candidates: Iterable[str] | None = None, *, min_confidence: float = DEFAULT_MIN_CONFIDENCE
    ) -> LanguageResult:
        words = words_of(text)
        if not words:
            return LanguageResult(UNDETERMINED, 0.0)
        lanes = self.script_lanes(words, self.lanes(candidates))
        packed = self.evidence(words)
        if not lanes or not packed:
            return LanguageResult(UNDETERMINED, 0.0)
        # the hot path: only the best language's probability is needed, 1 / sum(exp(best - other))
        costs = self._unpack((packed + self._bias).to_bytes(self._width, "little"))
        chosen = costs if lanes is self._all else [costs[i] for i in lanes]
        lowest = min(chosen)
        near = lowest + self._cutoff
        confidence = 1.0 / sum([math.exp((lowest - c) * self._inverse_scale) for c in chosen if c < near])
        if confidence < min_confidence:
            return LanguageResult(UNDETERMINED, confidence)
        return LanguageResult(self.model.languages[lanes[chosen.index(lowest)]], confidence)

    def detect_in_context(
        self,
        lines: Sequence[str],
        candidates: Iterable[str] | None = None,
        *,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
        context_weight: float = DEFAULT_CONTEXT_WEIGHT,
    ) -> list[LanguageResult]:
        lanes_all = self.lanes(candidates)
        words = [words_of(line) for line in lines]
        packed = [self.evidence(w) for w in words]
        document = sum(packed)
        results = []
        for line_words, line_packed in zip(words, packed, strict=True):
            lanes = self.script_lanes(line_words, lanes_all) if line_words else ()
            if not lanes or not line_packed:
                results.append(LanguageResult(UNDETERMINED, 0.0))
                continue
            prior = None
            rest = document - line_packed  # lane-wise exact: every lane of `document` >= the line's
            if rest and context_weight > 0:
                context = self.posterior(rest, lanes)
                prior = {i: context_weight * math.log(p + 1e-4) for i, p in zip(lanes, context, strict=True)}
            results.append(self._decide(self.posterior(line_packed, lanes, prior), lanes, min_confidence))
        return results

    def explain(self, text: str, candidates: Iterable[str] | None = None, top: int = 8) -> dict[str, object]:
        """The answer and the features that pushed hardest towards it, against the runner-up."""
        words = words_of(text)
        result = self.detect(text, candidates, min_confidence=0.0)
        lanes = self.script_lanes(words, self.lanes(candidates)) if words else ()
        if result.code == UNDETERMINED or len(lanes) < 2:
            return {"result": result, "features": []}
        probabilities = self.posterior(self.evidence(words), lanes)
        ranked = sorted(zip(probabilities, lanes, strict=True), reverse=True)
        best, second = ranked[0][1], ranked[1][1]
        pulls = []
        for feature in set(features(words)):
            packed = self.model.table.get(feature)
            if packed:
                lane = self._unpack(packed.to_bytes(self._width, "little"))
                pulls.append(((lane[second] - lane[best]) / self.model.scale, feature))
        pulls.sort(reverse=True)
        shown = [
            {"feature": f.removeprefix(WORD_PREFIX).decode(errors="replace"), "word": f.startswith(WORD_PREFIX),
             "nats": round(nats, 2)}
            for nats, f in pulls[:top]
        ]  # fmt: skip
        return {"result": result, "runner_up": self.model.languages[second], "features": shown}

    def _decide(self, probabilities: list[float], lanes: tuple[int, ...], min_confidence: float) -> LanguageResult:
        best = max(range(len(lanes)), key=probabilities.__getitem__)
        confidence = probabilities[best]
        if confidence < min_confidence:
            return LanguageResult(UNDETERMINED, confidence)
        return LanguageResult(self.model.languages[lanes[best]], confidence)


@lru_cache(maxsize=1)
def default_detector() -> Detector:
    """The detector with the shipped model, loaded once (about 0.2 s, 30 MB) on first use."""
    return Detector(_shipped_model())


def detect_language(
    text: str, candidates: Iterable[str] | None = None, *, min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> LanguageResult:
    """The language of `text` as ``(ISO 639-1 code, confidence)``, or ``("und", confidence)`` when unsure.

    `candidates` limits the answer to these codes (default: :data:`SUPPORTED_LANGUAGES`); the
    product passes its ``language_candidates`` setting here. ``"und"`` comes back for text with no
    words (empty, only URLs, handles, emoji or numbers), text in a script none of the candidates
    uses, or when the best confidence is below `min_confidence`. The same text and candidates always
    give the same answer.
    """
    return default_detector().detect(text, candidates, min_confidence=min_confidence)


def detect_language_in_context(
    lines: Sequence[str],
    candidates: Iterable[str] | None = None,
    *,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    context_weight: float = DEFAULT_CONTEXT_WEIGHT,
) -> list[LanguageResult]:
    """The language of each line, judging each line together with the rest of its document.

    Each line's own evidence is combined with a prior from the other lines: the line's log-scores
    plus ``context_weight`` times the log-probabilities of the rest of the document. A one- or
    two-word line ("Tak for sidst!") therefore follows the document unless its own words clearly
    say otherwise, while a long line in another language (a quoted English sentence) keeps its
    own language. Lines with no words are ``"und"``.
    """
    return default_detector().detect_in_context(
        lines, candidates, min_confidence=min_confidence, context_weight=context_weight
    )


def explain_language(text: str, candidates: Iterable[str] | None = None, top: int = 8) -> dict[str, object]:
    """Why :func:`detect_language` chose its answer: the features that favoured it most over the runner-up."""
    return default_detector().explain(text, candidates, top)
