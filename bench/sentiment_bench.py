"""Sentiment: macro-F1 per language and speed, voxpop's model side by side with VADER (English), AFINN
(English, Danish) and voxpop's own cue lists used alone (a plain lexicon baseline in every language).

    python bench/sentiment_bench.py            # print the table
    python bench/sentiment_bench.py --record   # and append a row to the log in bench/RESULTS.md

Evaluation data, none of it trained or tuned on (the model is trained on XLM-T's train split only,
its penalties chosen by cross-validation on that split, see scripts/train_sentiment.py --cv):
  * XLM-T validation tweets, en fr de it es pt (../shared/data/sentiment/xlm-t/*/val_*);
  * NoReC_sentence dev, Norwegian Bokmål review sentences (CC BY-NC: evaluation only);
  * the hand-made check sets bench/data/sentiment_check/{da,sv,fi,nl}.tsv, when present.
Speed is CPU time (process time, so other load on a shared machine inflates it less) per post, the
best of five passes over the XLM-T validation tweets, one core, the model already loaded. Needs
vaderSentiment and afinn (pip install -e '.[sentiment]') for the baselines.
"""

from __future__ import annotations

import argparse
import json
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

import train_sentiment as ts  # noqa: E402

from voxpop.enrich.sentiment import SentimentModel  # noqa: E402
from voxpop.enrich.sentiment.model import LABELS  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
CHECK_SETS = ROOT / "bench" / "data" / "sentiment_check"
CHECK_LANGUAGES = ("da", "sv", "fi", "nl")
BUDGET_US = 60.0  # the step's share of the pipeline's 3,000 short posts/s on one core

Item = tuple[str, str, int]  # text, language, gold label index
Classifier = Callable[[str, str], int]


def evaluation_sets(path: Path) -> dict[str, tuple[str, list[Item]]]:
    """Per language: where its figures come from, and the items."""
    sets: dict[str, tuple[str, list[Item]]] = {}
    val = ts.load_xlmt(path, "val")
    for lang in ts.XLMT_LANGUAGES:
        sets[lang] = ("XLM-T val", [(e.text, lang, e.label) for e in val if e.lang == lang])
    norec = path / "norec_sentence" / "dev.json"
    if norec.is_file():
        gold = {"Negative": 0, "Neutral": 1, "Positive": 2}
        rows = json.loads(norec.read_text(encoding="utf-8"))
        sets["nb"] = ("NoReC dev", [(r["text"], "nb", gold[r["label"]]) for r in rows])
    for lang in CHECK_LANGUAGES:
        check = CHECK_SETS / f"{lang}.tsv"
        if check.is_file():
            items = []
            for line in check.read_text(encoding="utf-8").splitlines():
                label, text = line.split("\t", 1)
                items.append((text, lang, LABELS.index(label)))  # type: ignore[arg-type]
            sets[lang] = ("check set", items)
    return sets


def from_score(score: float, threshold: float = 0.0) -> int:
    return 2 if score > threshold else 0 if score < -threshold else 1


def baselines() -> dict[str, tuple[set[str], Classifier]]:
    """The other systems and the languages each can judge."""
    systems: dict[str, tuple[set[str], Classifier]] = {}
    model = SentimentModel.default()

    def cues_only(text: str, lang: str) -> int:
        return from_score(sum(c.signed for c in model.read(text, lang).cues))

    systems["voxpop cues only"] = (set(ts.XLMT_LANGUAGES) | {"nb", *CHECK_LANGUAGES}, cues_only)
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        vader = SentimentIntensityAnalyzer()
        systems["VADER"] = ({"en"}, lambda text, lang: from_score(vader.polarity_scores(text)["compound"], 0.05))
    except ImportError:
        print("VADER baseline skipped: pip install vaderSentiment")
    try:
        from afinn import Afinn

        afinn = {"en": Afinn(language="en", emoticons=True), "da": Afinn(language="da", emoticons=True)}
        systems["AFINN"] = ({"en", "da"}, lambda text, lang: from_score(afinn[lang].score(text)))
    except ImportError:
        print("AFINN baseline skipped: pip install afinn")
    return systems


def cpu_us_per_post(classify: Callable[[str, str], object], items: Sequence[Item]) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        for text, lang, _gold in items:
            classify(text, lang)
        best = min(best, time.process_time() - start)
    return 1e6 * best / len(items)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--record", action="store_true", help="append a row to the log in bench/RESULTS.md")
    args = parser.parse_args(argv)
    path = ts.shared_data()
    if path is None:
        print("SKIPPED: sentiment data not found at ../shared/data/sentiment (or $VOXPOP_SHARED_DATA/sentiment)")
        return 0
    model = SentimentModel.default()
    sets = evaluation_sets(path)
    systems: dict[str, tuple[set[str], Classifier]] = {
        "voxpop": (set(sets), lambda text, lang: LABELS.index(model.analyse(text, lang).label))
    }
    systems.update(baselines())

    names = list(systems)
    lines = [
        "| language | data | posts | " + " | ".join(names) + " |",
        "|---|---|---|" + "---|" * len(names),
    ]
    f1: dict[tuple[str, str], float] = {}
    for lang, (source, items) in sets.items():
        cells = []
        for name in names:
            languages, classify = systems[name]
            if lang in languages:
                f1[(lang, name)] = ts.macro_f1([g for _, _, g in items], [classify(t, lg) for t, lg, _ in items])
                cells.append(f"{f1[(lang, name)]:.1f}")
            else:
                cells.append("—")
        lines.append(f"| {lang} | {source} | {len(items)} | " + " | ".join(cells) + " |")
    for group, members in (("XLM-T mean", list(ts.XLMT_LANGUAGES)), ("all mean", list(sets))):
        cells = []
        for name in names:
            values = [f1[(lg, name)] for lg in members if (lg, name) in f1]
            cells.append(f"{sum(values) / len(values):.1f}" if len(values) == len(members) else "—")
        lines.append(f"| **{group}** | | | " + " | ".join(cells) + " |")

    tweets = [item for lang in ts.XLMT_LANGUAGES for item in sets[lang][1]]
    words = sum(len(t.split()) for t, _, _ in tweets) / len(tweets)
    speed = {"voxpop": cpu_us_per_post(model.analyse, tweets)}
    for name in names[1:]:
        languages, classify = systems[name]
        subset = [item for item in tweets if item[1] in languages]
        speed[name] = cpu_us_per_post(classify, subset)
    lines.append("| µs/post (CPU) | | | " + " | ".join(f"{speed[n]:.1f}" for n in names) + " |")
    table = "\n".join(lines)
    print(table)
    print(f"\nspeed on {len(tweets)} XLM-T tweets, {words:.1f} words on average; budget {BUDGET_US:.0f} µs/post")

    if args.record:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
        ).stdout.strip()
        per_language = ", ".join(f"{lg} {f1[(lg, 'voxpop')]:.1f}" for lg in sets)
        xlmt_mean = sum(f1[(lg, "voxpop")] for lg in ts.XLMT_LANGUAGES) / len(ts.XLMT_LANGUAGES)
        us = speed["voxpop"]
        verdict = "meets speed budget" if us <= BUDGET_US else "MISSES speed budget"
        row = (
            f"| {datetime.now(UTC):%Y-%m-%d %H:%M} | sentiment macro-F1 (xlm-t val, norec dev, check sets) | {commit} "
            f"| {sum(len(items) for _, items in sets.values()):,} | — | {1e6 / us:,.0f}/s ({us:.1f} µs CPU) | — "
            f"| macro-F1 {per_language}; XLM-T mean {xlmt_mean:.1f} | {verdict} "
            f"| {platform.machine()}, 2 cores (shared) |\n"
        )
        with RESULTS.open("a", encoding="utf-8") as f:
            f.write(row)
        print(f"\nappended to {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
