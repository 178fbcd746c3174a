"""Checks the hand-made check sets under bench/data: format, labels, duplicates, and counts per label.

Run ``python bench/data/check_sets.py``; it exits non-zero when a file breaks the format described in
bench/data/README.md, so the sets stay usable as evaluation data.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SENTIMENT_LABELS = frozenset({"positive", "neutral", "negative"})
INTENT_LABELS = frozenset({"complaint", "feedback", "hr", "sales", "press", "none"})


def _normalised(text: str) -> str:
    # Near-duplicates that differ only in case, punctuation, emoji or spacing are caught by this key.
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", folded))


def check_file(path: Path, labels: frozenset[str]) -> tuple[Counter[str], list[str]]:
    """Return the count per label and the problems found in one ``label<TAB>text`` file."""
    counts: Counter[str] = Counter()
    problems: list[str] = []
    seen: dict[str, int] = {}
    raw = path.read_bytes()
    if not raw.endswith(b"\n"):
        problems.append(f"{path.name}: last line has no newline")
    for number, line in enumerate(raw.decode("utf-8").split("\n")[:-1], start=1):
        fields = line.split("\t")
        if len(fields) != 2:
            problems.append(f"{path.name}:{number}: expected 2 tab-separated fields, got {len(fields)}")
            continue
        label, text = fields
        if label not in labels:
            problems.append(f"{path.name}:{number}: unknown label {label!r}")
        if not text.strip() or text != text.strip():
            problems.append(f"{path.name}:{number}: empty text or stray white space")
        words = len(text.split())
        if not 1 <= words <= 60:
            problems.append(f"{path.name}:{number}: {words} words, outside 1..60")
        key = _normalised(text)
        if key in seen:
            problems.append(f"{path.name}:{number}: duplicate of line {seen[key]}")
        seen[key] = number
        counts[label] += 1
    return counts, problems


def main() -> int:
    all_problems: list[str] = []
    for folder, labels in (("sentiment_check", SENTIMENT_LABELS), ("intent_check", INTENT_LABELS)):
        for path in sorted((HERE / folder).glob("*.tsv")):
            counts, problems = check_file(path, labels)
            all_problems.extend(problems)
            total = sum(counts.values())
            shown = " ".join(f"{label}={counts[label]}" for label in sorted(labels))
            print(f"{folder}/{path.name}: {total} lines  {shown}")
    for problem in all_problems:
        print(problem, file=sys.stderr)
    return 1 if all_problems else 0


if __name__ == "__main__":
    sys.exit(main())
