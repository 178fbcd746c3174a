"""Enrichment pipeline speed: every step on distinct short posts, per step in µs per post and end to
end in posts per second on one core, and peak memory with every model loaded (issue #4).

    python bench/enrich_bench.py [--posts 20000] [--record]

Posts are the short ones (≤ 280 characters) of the project's simulated stream (`voxpop
simulate`, nine languages), each distinct; nothing is cached across documents. The end-to-end
figure runs `Enricher.enrich` exactly as the enrichment stage does (spam context and duplicate
index included); the per-step figures time each step alone on the same posts.
Target: at least 3,000 short posts/s end to end, peak memory under 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from voxpop.enrich.clean import clean_text_lines  # noqa: E402
from voxpop.enrich.duplicates import DuplicateIndex  # noqa: E402
from voxpop.enrich.language import detect_language  # noqa: E402
from voxpop.enrich.normalise import normalise_text  # noqa: E402
from voxpop.enrich.pipeline import Enricher, language_sample  # noqa: E402
from voxpop.enrich.sentiment import SentimentModel  # noqa: E402
from voxpop.enrich.spam import SpamContext, spam_score  # noqa: E402
from voxpop.ingest.normalise import parse_datetime  # noqa: E402


def short_posts(count: int) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "stream.ndjson"
        subprocess.run([sys.executable, "-m", "voxpop", "simulate", "--count", str(count * 3), "--seed", "11",
                        "-o", str(path)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seen: set[str] = set()
        posts = []
        for line in path.open(encoding="utf-8"):
            record = json.loads(line)
            text = record.get("text") or ""
            if len(text) <= 280 and text not in seen:
                seen.add(text)
                record["published_at"] = parse_datetime(record["published_at"], field="published_at")
                posts.append(record)
            if len(posts) == count:
                break
    return posts


def timed(label: str, posts: list[dict], step) -> float:  # type: ignore[no-untyped-def]
    started = time.process_time()
    for post in posts:
        step(post)
    per_post = (time.process_time() - started) / len(posts) * 1e6
    print(f"  {label:12} {per_post:8.1f} µs/post")
    return per_post


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--record", action="store_true", help="append the figures to bench/RESULTS.md")
    args = parser.parse_args()
    posts = short_posts(args.posts)
    mean_chars = sum(len(p["text"]) for p in posts) / len(posts)
    print(f"{len(posts):,} distinct short posts, mean {mean_chars:.0f} characters")

    model = SentimentModel.default()
    enricher = Enricher.for_stream()
    enricher.enrich("warm-up", doc_id=-1)  # loads every model once
    print("per step (CPU time, one core):")
    steps = {
        "normalise": timed("normalise", posts, lambda p: normalise_text(p["text"])),
        "clean": timed("clean", posts, lambda p: clean_text_lines(p["text"]) if "\n" in p["text"] else None),
        "language": timed("language", posts, lambda p: detect_language(language_sample(p.get("title"), p["text"]))),
    }
    context = SpamContext()
    steps["spam"] = timed("spam", posts, lambda p: spam_score(p["text"], author=p.get("author"),
                                                               published_at=p["published_at"], context=context))
    index = DuplicateIndex()
    numbered = list(enumerate(posts))
    started = time.process_time()
    for i, p in numbered:
        index.add(i, p["text"], lang=p.get("lang"), published_at=p["published_at"])
    steps["duplicates"] = (time.process_time() - started) / len(posts) * 1e6
    print(f"  {'duplicates':12} {steps['duplicates']:8.1f} µs/post")
    steps["sentiment"] = timed("sentiment", posts, lambda p: model.analyse(p["text"], p.get("lang")))

    started_wall, started = time.perf_counter(), time.process_time()
    for i, p in numbered:
        enricher.enrich(p["text"], p.get("title"), doc_id=10_000_000 + i, author=p.get("author"),
                        published_at=p["published_at"], links=(), lang=p.get("lang"))
    cpu = time.process_time() - started
    wall = time.perf_counter() - started_wall
    rate = len(posts) / cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"end to end: {cpu / len(posts) * 1e6:.1f} µs/post CPU = {rate:,.0f} posts/s on one core "
          f"({len(posts) / wall:,.0f}/s wall); peak memory {peak_mb:.0f} MB")
    verdict = "meets" if rate >= 3000 and peak_mb < 1536 else "MISSES"
    print(f"target ≥ 3,000 posts/s and < 1.5 GB: {verdict}")
    if args.record:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip()
        detail = ", ".join(f"{k} {v:.0f}" for k, v in steps.items())
        row = (f"| {datetime.now(UTC):%Y-%m-%d %H:%M} | enrichment pipeline | {commit} | {len(posts):,} short posts | "
               f"{cpu:.1f} s CPU | {rate:,.0f} posts/s (one core) | {peak_mb:.0f} MB | µs/post: {detail} | "
               f"{verdict} ≥ 3,000/s | {os.uname().machine}, {os.cpu_count()} cores |\n")
        with open(ROOT / "bench" / "RESULTS.md", "a", encoding="utf-8") as f:
            f.write(row)


if __name__ == "__main__":
    main()
