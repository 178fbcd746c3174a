"""Language identification: accuracy per language on lingua's test data (sentences, word pairs, single
words) and speed, for voxpop's detector side by side with lingua (high-accuracy mode) and py3langid,
all given the same 20 candidate languages, in one run.

    python bench/langid_bench.py            # print the tables
    python bench/langid_bench.py --record   # and append them to bench/RESULTS.md

voxpop's model is trained on this data, so its accuracy is 5-fold cross-validated: each line is
judged by a model trained (naive Bayes counts, combination weights, quantisation) without its fold,
with lines sharing a rare word with the held-out fold purged from training (see
scripts/train_langid.py). Speed is that of the shipped model (µs per call, one core, the model
already loaded). Needs numpy, py3langid and lingua-language-detector, and the data at
../shared/data/langid or $VOXPOP_SHARED_DATA/langid.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_langid as tl  # noqa: E402

from voxpop.enrich.language import SUPPORTED_LANGUAGES, UNDETERMINED, Detector, default_detector  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
SHORT = {"sentences": "sent.", "word-pairs": "pairs", "single-words": "words"}
# lingua's accuracy report (75 candidate languages): sentences / word pairs / single words
LINGUA_PUBLISHED = {
    "da": (98, 84, 61), "sv": (99, 88, 64), "nb": (77, 59, 39),
    "nn": (91, 66, 41), "fi": (100, 98, 90), "en": (99, 89, 55),
}  # fmt: skip


def lingua_detector(languages: Sequence[str]) -> Callable[[str], str]:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    chosen = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in languages]
    detector = LanguageDetectorBuilder.from_languages(*chosen).with_preloaded_language_models().build()

    def detect(text: str) -> str:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else UNDETERMINED

    return detect


def py3langid_detector(languages: Sequence[str]) -> Callable[[str], str]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages([tl.PY3LANGID_CODES.get(c, c) for c in languages])
    back = {v: k for k, v in tl.PY3LANGID_CODES.items()}

    def detect(text: str) -> str:
        code = identifier.classify(text)[0]
        return back.get(code, code)

    return detect


def timed(detect: Callable[[str], object], texts: Sequence[str], repeat: int = 1) -> float:
    """µs per call, the best of `repeat` passes over `texts`."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            detect(text)
        best = min(best, time.perf_counter() - start)
    return 1e6 * best / len(texts)


def accuracy(predicted: dict[int, str], corpus: tl.Corpus, cls: str, lang: str) -> float:
    rows = [i for i, line in enumerate(corpus.lines) if line.cls == cls and line.lang == lang]
    return 100 * sum(predicted[i] == lang for i in rows) / len(rows)


def in_context(corpus: tl.Corpus, detectors: dict[int, Detector]) -> dict[tuple[str, str], float]:
    """Short lines judged with three sentences of the same held-out fold and language as their document."""
    sentences: dict[tuple[str, int], list[int]] = {}
    for i, line in enumerate(corpus.lines):
        if line.cls == "sentences":
            sentences.setdefault((line.lang, line.index % tl.FOLDS), []).append(i)
    scores: dict[tuple[str, str], list[bool]] = {}
    for i, line in enumerate(corpus.lines):
        if line.cls == "sentences":
            continue
        pool = sentences[(line.lang, line.index % tl.FOLDS)]
        document = [corpus.lines[pool[(line.index + k) % len(pool)]].text for k in range(3)] + [line.text]
        result = detectors[i].detect_in_context(document, min_confidence=0.0)[-1]
        scores.setdefault((line.cls, line.lang), []).append(result.code == line.lang)
    return {key: 100 * sum(v) / len(v) for key, v in scores.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--record", action="store_true", help="append the tables to bench/RESULTS.md")
    args = parser.parse_args(argv)
    path = tl.shared_data()
    if path is None:
        print("SKIPPED: lingua's test data not found at ../shared/data/langid (or $VOXPOP_SHARED_DATA/langid)")
        return 0
    languages = SUPPORTED_LANGUAGES
    corpus = tl.Corpus(tl.load_lines(path, languages), languages)
    texts = [line.text for line in corpus.lines]

    print("voxpop: 5-fold cross-validation (training 5 models) ...", flush=True)
    detectors = tl.cross_validate(corpus, tl.py3langid_weights(languages))
    ours = {i: detectors[i].detect(t, min_confidence=0.0).code for i, t in enumerate(texts)}
    answered = {i: detectors[i].detect(t).code for i, t in enumerate(texts)}
    context = in_context(corpus, detectors)
    print("lingua (high accuracy) and py3langid ...", flush=True)
    lingua = lingua_detector(languages)
    py3 = py3langid_detector(languages)
    theirs = {
        "lingua": {i: lingua(t) for i, t in enumerate(texts)},
        "py3langid": {i: py3(t) for i, t in enumerate(texts)},
    }

    shipped = default_detector()

    def ours_shipped(text: str) -> object:
        return shipped.detect(text)

    speed: dict[str, dict[str, float]] = {}
    for cls in tl.CLASSES:
        sample = [line.text for line in corpus.lines if line.cls == cls]
        speed[cls] = {
            "voxpop": timed(ours_shipped, sample, repeat=3),
            "lingua": timed(lingua, sample),
            "py3langid": timed(py3, sample, repeat=2),
        }

    systems = {"voxpop": ours, **theirs}
    header = "| language | " + " | ".join(f"{SHORT[c]} {s}" for c in tl.CLASSES for s in systems) + " |"
    lines = [header, "|" + "---|" * (1 + len(systems) * len(tl.CLASSES))]
    means = {(c, s): 0.0 for c in tl.CLASSES for s in systems}
    for lang in languages:
        cells = []
        for cls in tl.CLASSES:
            for name, predicted in systems.items():
                acc = accuracy(predicted, corpus, cls, lang)
                means[(cls, name)] += acc / len(languages)
                cells.append(f"{acc:.0f}")
        lines.append(f"| {lang} | " + " | ".join(cells) + " |")
    lines.append("| **mean** | " + " | ".join(f"**{means[(c, s)]:.1f}**" for c in tl.CLASSES for s in systems) + " |")
    lines.append("| µs/call | " + " | ".join(f"{speed[c][s]:.1f}" for c in tl.CLASSES for s in systems) + " |")

    und: dict[str, float] = {}
    kept: dict[str, float] = {}
    for cls in tl.CLASSES:
        rows = [i for i, line in enumerate(corpus.lines) if line.cls == cls]
        given = [i for i in rows if answered[i] != UNDETERMINED]
        und[cls] = 100 * (len(rows) - len(given)) / len(rows)
        kept[cls] = 100 * sum(answered[i] == corpus.lines[i].lang for i in given) / max(1, len(given))

    def in_context_summary(cls: str) -> str:
        mean = sum(context[(cls, lg)] for lg in languages) / len(languages)
        scandinavian = ", ".join(f"{lg} {context[(cls, lg)]:.0f}" for lg in ("da", "nb", "nn", "sv"))
        return f"{SHORT[cls]} {mean:.1f} ({scandinavian})"

    ratio_lingua = speed["word-pairs"]["lingua"] / speed["word-pairs"]["voxpop"]
    ratio_py3 = speed["word-pairs"]["py3langid"] / speed["word-pairs"]["voxpop"]
    notes = [
        "",
        "Forced choice (min_confidence=0). At the default min_confidence "
        + ", ".join(f"{SHORT[c]}: {und[c]:.1f}% und, {kept[c]:.1f}% of the answers right" for c in tl.CLASSES)
        + ".",
        "In the context of three sentences of the same language (detect_language_in_context), voxpop gets "
        + ", ".join(in_context_summary(c) for c in ("word-pairs", "single-words"))
        + ".",
        "lingua's published figures (75 candidates) for comparison: "
        + ", ".join(f"{k} {'/'.join(map(str, v))}" for k, v in LINGUA_PUBLISHED.items())
        + ".",
        f"Speed on word pairs: voxpop {ratio_lingua:.1f}x as fast as lingua, {ratio_py3:.1f}x as fast as py3langid.",
    ]
    table = "\n".join(lines + notes)
    print()
    print(table)
    if args.record:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
        ).stdout.strip()
        when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M")
        machine = f"{platform.machine()}, {platform.python_version()}"
        with RESULTS.open("a", encoding="utf-8") as f:
            f.write(f"\n## Language identification ({when} UTC, commit {commit}, {machine})\n\n{table}\n")
        print(f"\nappended to {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
