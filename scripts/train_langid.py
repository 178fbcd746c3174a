"""Train voxpop's language-identification table (voxpop/enrich/language_model.bin), and cross-validate it.

    python scripts/train_langid.py            # write voxpop/enrich/language_model.bin
    python scripts/train_langid.py --check    # rebuild in memory and compare with the committed file

Needs, at training time only: numpy, py3langid==0.4.0 (its naive Bayes model is decomposed into
byte n-gram weights), and lingua's test data (Leipzig corpora, Apache-2.0) at
``../shared/data/langid`` or ``$VOXPOP_SHARED_DATA/langid``. The run is deterministic: the same
inputs give the same bytes.

The model (see voxpop/enrich/language.py for how it is used):
  1. Naive Bayes log-probabilities of byte 3- to 5-grams and whole words, one vocabulary per n-gram
     length, counted on the training lines (add-0.01 smoothing; features seen fewer than
     ``MIN_COUNT`` times are dropped; a feature never seen is neutral).
  2. py3langid's per-byte-n-gram log-probabilities for the same languages: its automaton emits one
     row per state, which is the sum over the n-grams ending there, so a state's row minus its
     suffix state's row is the weight of its own n-gram.
  3. One weight per source and n-gram length and one bias per language, fitted by logistic
     regression on out-of-fold scores (the naive Bayes part is re-counted without the held-out
     lines), so the combination learns how much to trust each part and how to trade Danish against
     Bokmål from lines it did not count.
  4. Each feature's weights become costs relative to its best language, quantised to a byte;
     features whose weights differ by less than ``MIN_SPREAD`` nats between languages are left out.

Honest evaluation. The word pairs and single words of lingua's test data are largely cut from its
sentences: 16 % of the word pairs occur verbatim in the same language's 500 sentences and 58-63 %
of the single words are in their vocabulary. A fold split by line number would test on words the
model counted in another fold's sentence. :func:`folds` therefore purges from each training set
every line that shares a rare word (one occurring in at most two lines of that language) with a
held-out line; :func:`cross_validate` trains everything, steps 1-4, without the held-out fold.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from voxpop.enrich.language import (  # noqa: E402
    MODEL_PATH,
    NGRAM_SIZES,
    SUPPORTED_LANGUAGES,
    VERSION,
    WORD_PREFIX,
    Detector,
    _Model,
    encode_model,
    features,
    pack_costs,
    words_of,
)

CLASSES = ("sentences", "word-pairs", "single-words")
PY3LANGID_VERSION = "0.4.0"
PY3LANGID_CODES = {"nb": "no"}  # py3langid's "no" is Bokmål in practice
SMOOTHING = 0.01
MIN_COUNT = 2
MIN_SPREAD = 0.3  # nats: a feature that moves no language by more than this is left out (size, speed)
RARE = 2  # a word in at most this many lines of a language links them for the purge
FOLDS = 5
KINDS = ("word", *(f"own{n}" for n in NGRAM_SIZES), *(f"py3_{n}" for n in NGRAM_SIZES))


@dataclass(frozen=True)
class Line:
    cls: str
    lang: str
    index: int
    text: str


def shared_data() -> Path | None:
    """lingua's test data, or None when this checkout has no shared data beside it."""
    base = (
        Path(os.environ["VOXPOP_SHARED_DATA"])
        if os.environ.get("VOXPOP_SHARED_DATA")
        else ROOT.parent / "shared" / "data"
    )
    path = base / "langid"
    return path if (path / "sentences").is_dir() else None


def load_lines(path: Path, languages: Sequence[str] = SUPPORTED_LANGUAGES) -> list[Line]:
    lines = []
    for cls in CLASSES:
        for lang in languages:
            rows = [r.strip() for r in (path / cls / f"{lang}.txt").read_text(encoding="utf-8").split("\n")]
            lines += [Line(cls, lang, i, t) for i, t in enumerate(r for r in rows if r)]
    return lines


# -- py3langid, decomposed --------------------------------------------------------------------
def py3langid_weights(languages: Sequence[str]) -> dict[bytes, np.ndarray]:
    """Per byte n-gram (lengths of NGRAM_SIZES, lower-case text only) log-probabilities for `languages`."""
    import py3langid
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    if getattr(py3langid, "__version__", PY3LANGID_VERSION) != PY3LANGID_VERSION:
        raise SystemExit(f"py3langid {PY3LANGID_VERSION} is needed to reproduce the model")
    ident = LanguageIdentifier.from_model_file(MODEL_FILE)
    classes = list(ident.nb_classes)
    columns = [classes.index(PY3LANGID_CODES.get(c, c)) for c in languages]
    ptc = np.asarray(ident.nb_ptc, dtype=np.float32)[:, columns]
    nextmove, rowbase, output = ident.tk_nextmove, ident._rowbase, ident.tk_output

    def row(state: int) -> np.ndarray | None:
        return ptc[output[state]] if output[state] >= 0 else None

    def walk(data: bytes) -> int:
        state = 0
        for byte in data:
            state = nextmove[rowbase[state] + byte]
        return state

    # a breadth-first walk gives every state the string that leads to it (its trie label)
    labels: dict[int, bytes] = {0: b""}
    frontier = [0]
    while frontier:
        following = []
        for state in frontier:
            for byte in range(256):
                target = nextmove[rowbase[state] + byte]
                if target not in labels:
                    labels[target] = labels[state] + bytes([byte])
                    following.append(target)
        frontier = following
    allowed = set(b" abcdefghijklmnopqrstuvwxyz'-") | set(range(128, 256))
    zero = np.zeros(len(languages), dtype=np.float32)
    weights = {}
    for state, label in labels.items():
        if not (min(NGRAM_SIZES) <= len(label) <= max(NGRAM_SIZES)) or not set(label) <= allowed or b"  " in label:
            continue
        mine, suffix = row(state), row(walk(label[1:]))
        if mine is None and suffix is None:
            continue
        weight = (zero if mine is None else mine) - (zero if suffix is None else suffix)
        if np.any(weight):
            weights[label] = weight
    return weights


# -- features and folds -----------------------------------------------------------------------
class Corpus:
    """The lines as feature ids, split by kind (word, own n-gram lengths)."""

    def __init__(self, lines: Sequence[Line], languages: Sequence[str]) -> None:
        self.lines = list(lines)
        self.languages = list(languages)
        self.label = np.array([self.languages.index(line.lang) for line in self.lines])
        vocab: dict[bytes, int] = {}
        self.ids: list[np.ndarray] = []
        for line in self.lines:
            feats = features(words_of(line.text))
            self.ids.append(np.array([vocab.setdefault(f, len(vocab)) for f in feats], dtype=np.int64))
        self.keys = sorted(vocab, key=vocab.__getitem__)
        self.kind = np.array([_kind(k) for k in self.keys], dtype=np.int64)
        self.by_kind = [[ids[self.kind[ids] == k] for k in range(1 + len(NGRAM_SIZES))] for ids in self.ids]
        self.rare = _rare_words(self.lines)

    def counts(self, train: Sequence[int]) -> np.ndarray:
        """Feature counts per language (V x L) over the lines `train`."""
        counts = np.zeros((len(self.keys), len(self.languages)), dtype=np.float64)
        for lang in range(len(self.languages)):
            chosen = [self.ids[i] for i in train if self.label[i] == lang]
            if chosen:
                counts[:, lang] = np.bincount(np.concatenate(chosen), minlength=len(self.keys))
        return counts

    def log_probabilities(self, train: Sequence[int]) -> np.ndarray:
        counts = self.counts(train)
        logp = np.zeros_like(counts, dtype=np.float32)
        for k in range(1 + len(NGRAM_SIZES)):
            mask = (self.kind == k) & (counts.sum(1) >= MIN_COUNT)
            part = counts[mask]
            logp[mask] = np.log((part + SMOOTHING) / (part.sum(0) + SMOOTHING * mask.sum()))
        return logp

    def group_scores(self, items: Sequence[int], logp: np.ndarray, py3: np.ndarray) -> np.ndarray:
        """Per line, the summed weights of each kind: (lines, kinds, languages)."""
        out = np.zeros((len(items), len(KINDS), len(self.languages)), dtype=np.float64)
        for row, i in enumerate(items):
            for k, ids in enumerate(self.by_kind[i]):
                if len(ids):
                    out[row, k] = logp[ids].sum(0)
                    if k:
                        out[row, len(NGRAM_SIZES) + k] = py3[ids].sum(0)
        return out


def _kind(key: bytes) -> int:
    return 0 if key.startswith(WORD_PREFIX) else NGRAM_SIZES.index(len(key)) + 1


def _rare_words(lines: Sequence[Line]) -> list[set[str]]:
    per_lang: dict[str, Counter[str]] = {}
    words = [set(words_of(line.text)) for line in lines]
    for line, ws in zip(lines, words, strict=True):
        per_lang.setdefault(line.lang, Counter()).update(ws)
    return [{w for w in ws if per_lang[line.lang][w] <= RARE} for line, ws in zip(lines, words, strict=True)]


def folds(corpus: Corpus, items: Sequence[int], n: int, level: int) -> Iterator[tuple[list[int], list[int]]]:
    """(train, test) splits of `items` by line number, purging training lines that share a rare word with a test line.

    `level` 0 splits on the line number, level 1 on the line number // FOLDS (folds inside a fold).
    """
    fold = {i: (corpus.lines[i].index // FOLDS**level) % n for i in items}
    for k in range(n):
        test = [i for i in items if fold[i] == k]
        held: dict[str, set[str]] = {}
        for i in test:
            held.setdefault(corpus.lines[i].lang, set()).update(corpus.rare[i])
        train = [i for i in items if fold[i] != k and not corpus.rare[i] & held.get(corpus.lines[i].lang, set())]
        yield train, test


# -- the combination --------------------------------------------------------------------------
def fit_combination(scores: np.ndarray, labels: np.ndarray, steps: int = 600) -> tuple[np.ndarray, np.ndarray]:
    """Kind weights (K) and language biases (L) maximising the likelihood of `labels` (Adam, full batch)."""
    kinds, langs = scores.shape[1], scores.shape[2]
    params = np.concatenate([np.ones(kinds), np.zeros(langs)])
    params[1 + len(NGRAM_SIZES) : kinds] = 3.0  # py3langid weights start where a first look put them
    m, v = np.zeros_like(params), np.zeros_like(params)
    onehot = np.eye(langs)[labels]
    for step in range(1, steps + 1):
        w, b = params[:kinds], params[kinds:]
        logits = np.einsum("k,nkl->nl", w, scores) + b
        logits -= logits.max(1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(1, keepdims=True)
        delta = (p - onehot) / len(labels)
        grad = np.concatenate([np.einsum("nl,nkl->k", delta, scores), delta.sum(0)])
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        params -= 0.05 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return params[:kinds], params[kinds:]


def quantise(
    corpus: Corpus,
    logp: np.ndarray,
    py3_rows: np.ndarray,
    py3_extra: dict[bytes, np.ndarray],
    w: np.ndarray,
    b: np.ndarray,
) -> tuple[dict[bytes, bytes], list[int], float]:
    """Costs per feature, scale x (best weight - weight) in a byte per language; the scale in steps per nat.

    The scale maps the 99.9th percentile of a feature's spread to 255, so quantisation keeps the
    weights' resolution whatever the fitted combination's overall size.
    """
    own_weight = w[corpus.kind]  # word weight for words, own-n weight for n-grams
    py3_weight = np.where(corpus.kind > 0, w[np.minimum(corpus.kind + len(NGRAM_SIZES), len(KINDS) - 1)], 0.0)
    combined = logp * own_weight[:, None] + py3_rows * py3_weight[:, None]
    keep = np.flatnonzero(np.any(combined != 0, axis=1))
    extra_keys = sorted(py3_extra)
    extra = np.array(
        [py3_extra[k] * w[len(NGRAM_SIZES) + NGRAM_SIZES.index(len(k)) + 1] for k in extra_keys], dtype=np.float64
    ).reshape(-1, len(corpus.languages))
    rows = np.concatenate([combined[keep], extra])
    keys = [corpus.keys[j] for j in keep] + extra_keys
    spread = rows.max(1) - rows.min(1)
    strong = spread >= MIN_SPREAD
    rows, spread, keys = rows[strong], spread[strong], [k for k, s in zip(keys, strong, strict=True) if s]
    scale = float(255 / np.percentile(spread, 99.9))
    quantised = np.clip(np.round(scale * (rows.max(1, keepdims=True) - rows)), 0, 255).astype(np.uint8)
    costs = {key: quantised[i].tobytes() for i, key in enumerate(keys)}
    bias = np.round(scale * (b.max() - b)).astype(int)
    return costs, [int(x) for x in bias], scale


@dataclass(frozen=True)
class Trained:
    model: _Model
    costs: dict[bytes, bytes]


def train(corpus: Corpus, items: Sequence[int], py3: dict[bytes, np.ndarray], inner_level: int) -> Trained:
    """Steps 1-4 on the lines `items` (the combination fitted on their own out-of-fold scores)."""
    py3_rows = np.zeros((len(corpus.keys), len(corpus.languages)), dtype=np.float32)
    index = {k: j for j, k in enumerate(corpus.keys)}
    for key, row in py3.items():
        if key in index:
            py3_rows[index[key]] = row
    py3_extra = {k: r for k, r in py3.items() if k not in index}
    oof, labels = [], []
    for inner_train, inner_test in folds(corpus, items, FOLDS if inner_level == 0 else FOLDS - 1, inner_level):
        oof.append(corpus.group_scores(inner_test, corpus.log_probabilities(inner_train), py3_rows))
        labels.append(corpus.label[inner_test])
    w, b = fit_combination(np.concatenate(oof), np.concatenate(labels))
    costs, bias, scale = quantise(corpus, corpus.log_probabilities(items), py3_rows, py3_extra, w, b)
    meta = {
        "kinds": dict(zip(KINDS, [round(float(x), 4) for x in w], strict=True)),
        "features": len(costs),
        "trained_on": "lingua test data (Leipzig corpora), all 3 classes; py3langid " + PY3LANGID_VERSION,
    }
    table = {k: pack_costs(c) for k, c in costs.items()}
    return Trained(_Model(tuple(corpus.languages), table, tuple(bias), scale, VERSION, meta), costs)


def cross_validate(corpus: Corpus, py3: dict[bytes, np.ndarray], log: bool = True) -> dict[int, Detector]:
    """For each line, the detector trained without its fold: {line number: detector}."""
    everything = list(range(len(corpus.lines)))
    detectors: dict[int, Detector] = {}
    for k, (train_items, test_items) in enumerate(folds(corpus, everything, FOLDS, 0)):
        detector = Detector(train(corpus, train_items, py3, inner_level=1).model)
        for i in test_items:
            detectors[i] = detector
        if log:
            purged = len(everything) - len(test_items) - len(train_items)
            print(f"  fold {k + 1}/{FOLDS}: {len(train_items):,} training lines ({purged:,} purged)", flush=True)
    return detectors


def build_shipped(path: Path) -> bytes:
    corpus = Corpus(load_lines(path), SUPPORTED_LANGUAGES)
    trained = train(corpus, list(range(len(corpus.lines))), py3langid_weights(SUPPORTED_LANGUAGES), inner_level=0)
    model = trained.model
    return encode_model(model.languages, trained.costs, model.bias, model.scale, model.version, model.meta)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="rebuild and compare with the committed model")
    parser.add_argument("-o", "--output", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    path = shared_data()
    if path is None:
        print("lingua's test data not found at ../shared/data/langid (or $VOXPOP_SHARED_DATA/langid)", file=sys.stderr)
        return 2
    blob = build_shipped(path)
    digest = hashlib.sha256(blob).hexdigest()[:16]
    if args.check:
        same = args.output.exists() and args.output.read_bytes() == blob
        print(f"rebuilt model {digest}: {'identical to' if same else 'DIFFERS from'} {args.output}")
        return 0 if same else 1
    args.output.write_bytes(blob)
    print(f"wrote {args.output} ({len(blob) / 1e6:.2f} MB, sha256 {digest})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
