"""Build voxpop's sentiment model (voxpop/enrich/sentiment/sentiment_model.bin) from the hand-written
cue lists, VADER's English lexicon and the XLM-T training tweets.

    python scripts/train_sentiment.py            # rebuild the model file
    python scripts/train_sentiment.py --check    # rebuild in memory and compare with the committed file
    python scripts/train_sentiment.py --cv       # cross-validated macro-F1 on the training split (tuning)

Inputs, and why each may be shipped (docs/sentiment.md has more):
  * voxpop/enrich/sentiment/lexicons/*.tsv — written for voxpop (Apache-2.0);
  * VADER's lexicon (vaderSentiment 3.3.2, MIT), its English polarity words, scaled to -3 … 3;
  * XLM-T's ``train`` split for en fr de it es pt (../shared/data/sentiment/xlm-t, Apache-2.0) — only
    the train split; the ``val`` split is the benchmark's. NoReC (CC BY-NC) is never read here.

The model is a softmax regression over three labels with neutral as the reference class (two weights
a feature), fitted by full-batch Adam with L2 penalties, one for words and a smaller one for the
language-independent cue features (sums of lexicon cues after negation and intensifiers, emoji,
punctuation), so the cues carry over to languages with no training tweets (da sv nb fi nl). The
penalties were chosen by the leave-one-language-out figures of ``--cv``. Needs numpy and
vaderSentiment (``pip install -e '.[sentiment]'``); the arithmetic uses no BLAS, so a rebuild is
byte-identical.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from voxpop.enrich.sentiment.cues import (  # noqa: E402
    LEXICON_DIR,
    LEXICON_LANGUAGES,
    build_lexicon,
    emoji_entries,
    read_lexicon_file,
)
from voxpop.enrich.sentiment.model import (  # noqa: E402
    LABELS,
    MODEL_PATH,
    VERSION,
    WEIGHT_SCALE,
    SentimentModel,
    encode_model,
)

XLMT_LANGUAGES = {"en": "english", "fr": "french", "de": "german", "it": "italian", "es": "spanish", "pt": "portuguese"}
VADER_VERSION = "3.3.2"
#: VADER scores run from -4 to 4; the hand-written lists from -3 to 3.
VADER_SCALE = 0.75
CUE_FEATURES = ("P", "N", "nP", "nN", "EP", "EN", "!", "?", "CAPS", "bias")
L2_WORD = 1e-3
L2_CUE = 1e-5
STEPS = 400
LEARNING_RATE = 0.05
MIN_DOCS = 2  # a word must occur in this many training tweets to get a weight
COMMON_WORDS = 300  # the most frequent words: moved little by corrections, never shown as reasons
PRUNE_BELOW = 5  # weights (in thousandths) this small on both sides are dropped
FOLDS = 5
#: the penalties --cv compares (L2_WORD, L2_CUE above are the chosen pair)
CV_GRID = ((1e-4, 1e-5), (3e-4, 1e-5), (1e-3, 1e-5), (3e-3, 1e-5))


@dataclass(frozen=True)
class Example:
    lang: str
    text: str
    label: int  # index into LABELS


def shared_data() -> Path | None:
    base = (
        Path(os.environ["VOXPOP_SHARED_DATA"])
        if os.environ.get("VOXPOP_SHARED_DATA")
        else ROOT.parent / "shared" / "data"
    )
    path = base / "sentiment"
    return path if (path / "xlm-t").is_dir() else None


_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def unescape(line: str) -> str:
    """XLM-T's English file writes some characters as ``\\u2019`` escapes (emoji as surrogate pairs)."""
    if "\\u" not in line:
        return line
    text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), line)
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def load_xlmt(path: Path, split: str) -> list[Example]:
    """XLM-T tweets of one split (``train`` or ``val``); labels 0 negative, 1 neutral, 2 positive."""
    examples = []
    for lang, folder in XLMT_LANGUAGES.items():
        texts = (path / "xlm-t" / folder / f"{split}_text.txt").read_text(encoding="utf-8").split("\n")
        labels = (path / "xlm-t" / folder / f"{split}_labels.txt").read_text(encoding="utf-8").split()
        for text, label in zip(texts, labels, strict=False):
            examples.append(Example(lang, unescape(text.strip()), int(label)))
    return examples


def vader_entries() -> list[tuple[str, str, float]]:
    from importlib.metadata import version

    from vaderSentiment import vaderSentiment as vs

    if version("vaderSentiment") != VADER_VERSION:
        raise SystemExit(f"the model is built with vaderSentiment=={VADER_VERSION}")
    lexicon_file = Path(vs.__file__).with_name("vader_lexicon.txt")
    entries = []
    for line in lexicon_file.read_text(encoding="utf-8").splitlines():
        word, score, *_ = line.split("\t")
        if re.fullmatch(r"[a-z][a-z'-]*", word):
            entries.append(("word", word, round(float(score) * VADER_SCALE, 2)))
    return entries


def lexicon_entries() -> dict[str, list[tuple[str, str, float]]]:
    """Every language's entries as compiled into the model; English adds VADER's words to its own list."""
    entries = {lang: read_lexicon_file(LEXICON_DIR / f"{lang}.tsv") for lang in LEXICON_LANGUAGES}
    own = {term for kind, term, _ in entries["en"] if kind == "word"}
    entries["en"] += [e for e in vader_entries() if e[1] not in own]
    return entries


def reader_model(entries: dict[str, list[tuple[str, str, float]]]) -> SentimentModel:
    """A model with no weights: used only to read texts into features."""
    return SentimentModel(
        lexicons={lang: build_lexicon(rows, lang) for lang, rows in entries.items()},
        emoji=emoji_entries(read_lexicon_file(LEXICON_DIR / "emoji.tsv")),
        weights={},
        common=frozenset(),
        version=VERSION,
        meta={},
    )


class Design:
    """Sparse feature rows of a set of examples (CSR without scipy)."""

    def __init__(self, rows: list[dict[str, float]], index: dict[str, int]) -> None:
        cols: list[int] = []
        vals: list[float] = []
        owner: list[int] = []
        for r, features in enumerate(rows):
            for name, value in features.items():
                j = index.get(name)
                if j is not None:
                    cols.append(j)
                    vals.append(value)
                    owner.append(r)
        self.n = len(rows)
        self.cols = np.array(cols, dtype=np.int64)
        self.vals = np.array(vals, dtype=np.float64)
        self.owner = np.array(owner, dtype=np.int64)

    def scores(self, weights: np.ndarray) -> np.ndarray:
        out = np.zeros((self.n, 2))
        for k in range(2):
            out[:, k] = np.bincount(self.owner, weights=weights[self.cols, k] * self.vals, minlength=self.n)
        return out

    def gradient(self, residual: np.ndarray, size: int) -> np.ndarray:
        grad = np.zeros((size, 2))
        for k in range(2):
            grad[:, k] = np.bincount(self.cols, weights=residual[self.owner, k] * self.vals, minlength=size)
        return grad


def probabilities(scores: np.ndarray) -> np.ndarray:
    """(n, 2) scores of positive and negative relative to neutral → (n, 3) probabilities neg, neu, pos."""
    full = np.column_stack([scores[:, 1], np.zeros(len(scores)), scores[:, 0]])
    full -= full.max(axis=1, keepdims=True)
    e = np.exp(full)
    return e / e.sum(axis=1, keepdims=True)


def fit(
    rows: list[dict[str, float]], labels: Sequence[int], names: list[str], *, l2_word: float, l2_cue: float
) -> np.ndarray:
    """Weights (len(names), 2): columns positive and negative, relative to neutral."""
    index = {name: i for i, name in enumerate(names)}
    design = Design(rows, index)
    y = np.zeros((len(rows), 2))
    for i, label in enumerate(labels):
        if label == 2:
            y[i, 0] = 1.0
        elif label == 0:
            y[i, 1] = 1.0
    penalty = np.array([l2_cue if n in CUE_FEATURES else l2_word for n in names])[:, None]
    penalty[index["bias"]] = 0.0
    w = np.zeros((len(names), 2))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    beta1, beta2 = 0.9, 0.999
    for step in range(1, STEPS + 1):
        p = probabilities(design.scores(w))
        residual = np.column_stack([p[:, 2], p[:, 0]]) - y
        grad = design.gradient(residual, len(names)) / len(rows) + 2 * penalty * w
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        w -= LEARNING_RATE * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
    return w


def vocabulary(rows: list[dict[str, float]]) -> tuple[list[str], list[str]]:
    """The features that get a weight (cue features and words in MIN_DOCS tweets), and the common words."""
    docs = Counter(name for row in rows for name in row)
    names = sorted(n for n, c in docs.items() if c >= MIN_DOCS or n in CUE_FEATURES)
    for cue in CUE_FEATURES:
        if cue not in names:
            names.append(cue)
    words = [(c, n) for n, c in docs.items() if n[0] in "w~t"]
    common = [n for _, n in sorted(words, key=lambda x: (-x[0], x[1]))[:COMMON_WORDS]]
    return names, common


def macro_f1(gold: Sequence[int], predicted: Sequence[int]) -> float:
    scores = []
    for label in range(3):
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return 100 * sum(scores) / 3


def predict(weights: np.ndarray, names: list[str], rows: list[dict[str, float]]) -> list[int]:
    p = probabilities(Design(rows, {n: i for i, n in enumerate(names)}).scores(weights))
    return [int(i) for i in p.argmax(axis=1)]


def cross_validate(examples: list[Example], rows: list[dict[str, float]], l2_word: float, l2_cue: float) -> str:
    """Within-language 5-fold macro-F1 and leave-one-language-out macro-F1 (the proxy for da sv nb fi nl)."""
    within: dict[str, list[tuple[int, int]]] = {lang: [] for lang in XLMT_LANGUAGES}
    for fold in range(FOLDS):
        train = [i for i in range(len(rows)) if i % FOLDS != fold]
        test = [i for i in range(len(rows)) if i % FOLDS == fold]
        names, _ = vocabulary([rows[i] for i in train])
        w = fit([rows[i] for i in train], [examples[i].label for i in train], names, l2_word=l2_word, l2_cue=l2_cue)
        for i, p in zip(test, predict(w, names, [rows[i] for i in test]), strict=True):
            within[examples[i].lang].append((examples[i].label, p))
    held_out: dict[str, float] = {}
    for lang in XLMT_LANGUAGES:
        train = [i for i in range(len(rows)) if examples[i].lang != lang]
        test = [i for i in range(len(rows)) if examples[i].lang == lang]
        names, _ = vocabulary([rows[i] for i in train])
        w = fit([rows[i] for i in train], [examples[i].label for i in train], names, l2_word=l2_word, l2_cue=l2_cue)
        held_out[lang] = macro_f1([examples[i].label for i in test], predict(w, names, [rows[i] for i in test]))
    f1 = {lang: macro_f1([g for g, _ in pairs], [p for _, p in pairs]) for lang, pairs in within.items()}
    return (
        f"l2_word={l2_word:g} l2_cue={l2_cue:g}  5-fold: "
        + " ".join(f"{k} {v:.1f}" for k, v in f1.items())
        + f" (mean {sum(f1.values()) / len(f1):.1f})  language held out: "
        + " ".join(f"{k} {v:.1f}" for k, v in held_out.items())
        + f" (mean {sum(held_out.values()) / len(held_out):.1f})"
    )


def build(path: Path) -> bytes:
    entries = lexicon_entries()
    reader = reader_model(entries)
    examples = load_xlmt(path, "train")
    rows = [reader.read(e.text, e.lang).features for e in examples]
    names, common = vocabulary(rows)
    w = fit(rows, [e.label for e in examples], names, l2_word=L2_WORD, l2_cue=L2_CUE)
    weights: dict[str, tuple[int, int]] = {}
    for name, (pos, neg) in zip(names, w.tolist(), strict=True):
        q = (round(pos * WEIGHT_SCALE), round(neg * WEIGHT_SCALE))
        if name in CUE_FEATURES or max(abs(q[0]), abs(q[1])) >= PRUNE_BELOW:
            weights[name] = q
    meta = {
        "trained_on": "XLM-T train split (en fr de it es pt), Apache-2.0",
        "lexicons": "voxpop hand-written cue lists (Apache-2.0); VADER lexicon (MIT, vaderSentiment 3.3.2)",
        "examples": len(examples),
        "l2_word": L2_WORD,
        "l2_cue": L2_CUE,
        "steps": STEPS,
    }
    return encode_model(
        lexicons=entries,
        emoji=reader.emoji,
        weights=weights,
        common=common,
        version=VERSION,
        meta=meta,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="rebuild and compare with the committed model")
    parser.add_argument("--cv", action="store_true", help="print cross-validated figures for a few penalties")
    args = parser.parse_args(argv)
    path = shared_data()
    if path is None:
        print("SKIPPED: XLM-T data not found at ../shared/data/sentiment (or $VOXPOP_SHARED_DATA/sentiment)")
        return 0
    if args.cv:
        reader = reader_model(lexicon_entries())
        examples = load_xlmt(path, "train")
        rows = [reader.read(e.text, e.lang).features for e in examples]
        for l2_word, l2_cue in CV_GRID:
            print(cross_validate(examples, rows, l2_word, l2_cue), flush=True)
        return 0
    blob = build(path)
    if args.check:
        if MODEL_PATH.read_bytes() != blob:
            print(f"MISMATCH: {MODEL_PATH} differs from a fresh build")
            return 1
        print(f"OK: {MODEL_PATH.name} is reproduced byte for byte ({len(blob):,} bytes)")
        return 0
    MODEL_PATH.write_bytes(blob)
    print(f"wrote {MODEL_PATH} ({len(blob):,} bytes, {len(LABELS)} labels)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
