"""Intent classifier quality: precision and recall per intent, pooled over languages and per language,
on the hand-written multilingual check set (bench/data/intent_check/<lang>.tsv, label<TAB>text), and
its speed.

The check set is for evaluation only: nothing in voxpop/route/intent_cues.py was written or tuned
by looking at it (see bench/data/README.md). The classifier runs without corrections, each file with
its language given (as the enrichment stage would), and once more with the language withheld (every
cue list at once), to show what a wrong or missing language costs.

    python bench/intent_bench.py [--record] [--errors N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from voxpop.route.intent import INTENTS, LABELS, IntentModel  # noqa: E402

DATA = ROOT / "bench" / "data" / "intent_check"


def load() -> dict[str, list[tuple[str, str]]]:
    sets: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(DATA.glob("*.tsv")):
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                label, text = line.split("\t", 1)
                rows.append((label, text))
        sets[path.stem] = rows
    return sets


def scores(pairs: list[tuple[str, str]]) -> dict[str, tuple[float, float, float, int]]:
    """label → (precision, recall, F1, support) over (gold, predicted) pairs."""
    found = {}
    for label in LABELS:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        predicted = sum(1 for _, p in pairs if p == label)
        support = sum(1 for g, _ in pairs if g == label)
        precision = tp / predicted if predicted else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        found[label] = (precision, recall, f1, support)
    return found


def macro_f1(table: dict[str, tuple[float, float, float, int]]) -> float:
    return sum(table[label][2] for label in LABELS) / len(LABELS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--record", action="store_true", help="Append the figures to bench/RESULTS.md.")
    parser.add_argument("--errors", type=int, default=0, help="Print this many misclassified posts per language.")
    args = parser.parse_args()
    sets = load()
    if not sets:
        sys.exit(f"no check set at {DATA}")
    model = IntentModel()
    pooled: list[tuple[str, str]] = []
    pooled_unknown: list[tuple[str, str]] = []
    per_language: dict[str, list[tuple[str, str]]] = {}
    mistakes: dict[str, list[str]] = {}
    seconds = 0.0
    for lang, rows in sets.items():
        pairs = []
        started = time.process_time()
        results = [model.classify(text, lang) for _, text in rows]
        seconds += time.process_time() - started
        for (gold, text), result in zip(rows, results, strict=True):
            pairs.append((gold, result.label))
            if gold != result.label:
                why = "; ".join(result.reasons[:3])
                mistakes.setdefault(lang, []).append(f"  {gold:>9} → {result.label:<9} {text}  [{why}]")
        per_language[lang] = pairs
        pooled += pairs
        pooled_unknown += [(gold, model.classify(text, None).label) for gold, text in rows]
    posts = len(pooled)

    table = scores(pooled)
    print(f"intent check set: {posts} posts in {len(sets)} languages; no corrections; language given\n")
    print(f"{'intent':<10} {'precision':>9} {'recall':>7} {'F1':>6} {'posts':>6}")
    for label in LABELS:
        p, r, f, n = table[label]
        print(f"{label:<10} {p:>9.3f} {r:>7.3f} {f:>6.3f} {n:>6}")
    print(f"{'macro-F1':<10} {macro_f1(table):>30.3f}")
    unknown = scores(pooled_unknown)
    print(f"{'macro-F1 with the language withheld (every cue list)':<52} {macro_f1(unknown):.3f}")
    print(f"accuracy {sum(g == p for g, p in pooled) / posts:.3f} (a sixth of the posts per intent: not a real stream)")

    print("\nper language: macro-F1, then precision/recall per intent")
    header = "  ".join(f"{label[:5]:>11}" for label in INTENTS)
    print(f"{'lang':<5} {'posts':>5} {'macro':>6}  {header}")
    lang_rows = []
    for lang, pairs in per_language.items():
        t = scores(pairs)
        cells = "  ".join(f"{t[label][0]:.2f}/{t[label][1]:.2f}".rjust(11) for label in INTENTS)
        lang_rows.append((lang, len(pairs), macro_f1(t)))
        print(f"{lang:<5} {len(pairs):>5} {macro_f1(t):>6.3f}  {cells}")

    confusion = Counter(pooled)
    print("\nconfusion (rows: true intent, columns: predicted)")
    print(" " * 10 + "".join(f"{label[:9]:>10}" for label in LABELS))
    for gold in LABELS:
        print(f"{gold:<10}" + "".join(f"{confusion[(gold, p)]:>10}" for p in LABELS))
    per_post_us = seconds / posts * 1e6
    print(f"\nspeed: {per_post_us:.1f} µs CPU per post (classification only, shared 2-core VM)")
    if args.errors:
        for lang, lines in mistakes.items():
            print(f"\n{lang}: {len(lines)} wrong")
            print("\n".join(lines[: args.errors]))

    if args.record:
        worst = min(lang_rows, key=lambda r: r[2])
        best = max(lang_rows, key=lambda r: r[2])
        per_intent = ", ".join(f"{label} P {table[label][0]:.2f} R {table[label][1]:.2f}" for label in INTENTS)
        with (ROOT / "bench" / "RESULTS.md").open("a") as f:
            f.write(f"| {datetime.now(UTC):%Y-%m-%d %H:%M} | intent classifier (check set, {len(sets)} languages) | "
                    f"{os.popen('git rev-parse --short HEAD').read().strip()} | {posts:,} posts | — | "
                    f"{per_post_us:.0f} µs/post | — | macro-F1 {macro_f1(table):.3f} (language withheld "
                    f"{macro_f1(unknown):.3f}; {best[0]} {best[2]:.2f} … {worst[0]} {worst[2]:.2f}); {per_intent} | "
                    f"— (no target) | {os.uname().machine}, {os.cpu_count()} cores (shared) |\n")


if __name__ == "__main__":
    main()
