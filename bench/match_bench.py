"""Saved-query matching benchmark: N queries (100 → 10,000) against the distinct sentences of
../shared/data/parallel/sib-200 (12 languages) as mentions, through the match stage's index.

    python bench/match_bench.py [--record]

Queries are drawn from a Zipf-weighted vocabulary of the same text, in the shapes marketers
write: brand-like words and OR-lists of 5–50 terms, phrases, prefix wildcards, NEAR, NOT
exclusions and field conditions. Reports mentions/s on one core, the share of mentions that
match at least one query, and the mean number of candidate queries evaluated per mention
(target: under 2 % of the queries; speed target 5,000 mentions/s with 10,000 queries — issue #5).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from voxpop.match.index import QueryIndex  # noqa: E402
from voxpop.query import QueryError, analyse, parse  # noqa: E402

LANGS = {"dan_Latn": "da", "deu_Latn": "de", "eng_Latn": "en", "fin_Latn": "fi", "fra_Latn": "fr", "ita_Latn": "it",
         "nld_Latn": "nl", "nob_Latn": "nb", "pol_Latn": "pl", "por_Latn": "pt", "spa_Latn": "es", "swe_Latn": "sv"}


def data_dir() -> Path:
    path = Path(os.environ.get("VOXPOP_SHARED_DATA", ROOT.parent / "shared" / "data")) / "parallel" / "sib-200"
    if not path.is_dir():
        sys.exit(f"skipped: {path} not found (set VOXPOP_SHARED_DATA)")
    return path


def load_mentions() -> list[dict[str, str]]:
    found = []
    for folder, lang in LANGS.items():
        for split in ("train", "dev"):
            with (data_dir() / folder / f"{split}.tsv").open(encoding="utf-8") as f:
                for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                    found.append({"text": row["text"], "lang": lang, "channel": "news",
                                  "url": f"https://{row['category'].split('/')[0]}.example/{lang}/{row['index_id']}"})
    return found


def vocabulary(mentions: list[dict[str, str]]) -> tuple[list[str], list[float], list[list[str]]]:
    counts: Counter[str] = Counter()
    sentences = []
    for m in mentions:
        words = [w for w in re.findall(r"\w+", m["text"]) if w.isalpha()]
        sentences.append(words)
        counts.update(w.lower() for w in words if len(w) > 3)
    # Brand, product and topic words are not the language's commonest words: skip the head.
    ranked = [w for w, _ in counts.most_common()][300:]
    weights = [1.0 / (rank + 1) for rank in range(len(ranked))]  # Zipf
    return ranked, weights, sentences


def make_queries(n: int, seed: int, vocab: list[str], weights: list[float], sentences: list[list[str]]) -> list[str]:
    rnd = random.Random(seed)

    def word() -> str:
        return rnd.choices(vocab, weights)[0]

    def phrase() -> str:
        words = rnd.choice([s for s in sentences if len(s) > 3])
        start = rnd.randrange(len(words) - 2)
        return '"' + " ".join(words[start:start + rnd.choice((2, 3))]) + '"'

    shapes = []
    for _ in range(n):
        shape = rnd.random()
        if shape < 0.25:
            q = word()
        elif shape < 0.45:
            q = " OR ".join(dict.fromkeys(word() for _ in range(rnd.randint(5, 50))))
        elif shape < 0.6:
            q = phrase()
        elif shape < 0.7:
            w = word()
            q = f"{w[:max(5, len(w) - 2)]}*"  # stems, as marketers write them: nordbrew*, recall*
        elif shape < 0.8:
            q = f"{word()} NEAR/{rnd.randint(1, 8)} {word()}"
        elif shape < 0.9:
            q = f"({word()} OR {word()} OR {phrase()}) -{word()}"
        else:
            q = f"{word()} AND lang:{rnd.choice(list(LANGS.values()))}"
        shapes.append(q)
    return shapes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--record", action="store_true", help="Append the figures to bench/RESULTS.md.")
    parser.add_argument("--sizes", default="100,1000,10000")
    args = parser.parse_args()
    mentions = load_mentions()
    vocab, weights, sentences = vocabulary(mentions)
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        texts = make_queries(size, 1, vocab, weights, sentences)
        compiled = []
        for i, text in enumerate(texts):
            try:
                compiled.append((i, parse(text)))
            except QueryError:
                pass
        started = time.perf_counter()
        index = QueryIndex.build(compiled)
        build_s = time.perf_counter() - started
        started = time.perf_counter()
        matched_any = 0
        for m in mentions:
            if index.matching(analyse(m)):
                matched_any += 1
        seconds = time.perf_counter() - started
        rate = len(mentions) / seconds
        candidates = index.proposed / len(mentions)
        evaluated = index.evaluated / len(mentions)
        rows.append((len(compiled), len(mentions), rate, matched_any / len(mentions), candidates,
                     candidates / len(compiled), evaluated))
        print(f"{len(compiled):>6} queries: {rate:>8,.0f} mentions/s, {matched_any / len(mentions):.0%} of "
              f"{len(mentions):,} mentions match, {candidates:.1f} candidate queries per mention "
              f"({candidates / len(compiled):.2%} of the queries), {evaluated:.1f} of them evaluated in full, "
              f"index built in {build_s:.2f} s", flush=True)
    if args.record:
        with (ROOT / "bench" / "RESULTS.md").open("a") as f:
            for q, n, rate, share, cand, frac, full in rows:
                verdict = ("meets target" if rate >= 5000 and frac < 0.02 else "MISSES target") if q >= 10_000 else "—"
                f.write(f"| {datetime.now(UTC):%Y-%m-%d %H:%M} | match {q:,} queries (sib-200) | "
                        f"{os.popen('git rev-parse --short HEAD').read().strip()} | {n:,} | — | {rate:,.0f}/s | — | "
                        f"{share:.0%} match, {cand:.1f} candidates/mention ({frac:.2%}), {full:.1f} evaluated | "
                        f"{verdict} | "
                        f"{os.uname().machine}, {os.cpu_count()} cores |\n")


if __name__ == "__main__":
    main()
