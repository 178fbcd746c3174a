"""Search-over-history benchmark: first-page latency of `voxpop search` over N stored mentions
(default 1,000,000 on SQLite), with 8 concurrent clients, while an import runs (issue #5).

    python bench/search_bench.py [--count 1000000] [--clients 8] [--rounds 5] [--database postgres] [--record]

The workspace is built once from the project's simulator (`voxpop simulate`, `voxpop import
--no-process`, then the search-index stage) and kept under bench/.cache/ for later runs. During
the measurement a second process imports another simulated stream (with every stage after the
store, as a real import does), while this process runs the clients: threads that each search the
fixed mix of 20 queries below in their own shuffled order, first page (20 mentions), newest first.
Target: p95 under 300 ms on SQLite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from voxpop.match.search import index_pending, search_mentions  # noqa: E402
from voxpop.query import parse  # noqa: E402
from voxpop.settings import Settings  # noqa: E402
from voxpop.store import open_store  # noqa: E402

CACHE = ROOT / "bench" / ".cache"
VOXPOP = [sys.executable, "-m", "voxpop"]


def query_mix(manifest: dict) -> list[tuple[str, str]]:
    """Twenty queries of the kinds marketers run, built from the simulated world's names."""
    brands = [f'"{b["name"]}"' if " " in b["name"] else b["name"] for b in manifest["brands"]]
    first, second, third = brands[0], brands[1], brands[2]
    crisis = manifest["crises"][0]
    b0 = manifest["brands"][0]
    return [
        ("rare term", "zebracornish"),
        ("common term", first),
        ("two brands", f"{first} OR {second}"),
        ("share of voice", " OR ".join(brands)),
        ("NEAR", f"{first} NEAR/5 (refund* OR cancel* OR battery)"),
        ("prefix wildcard", "refund*"),
        ("short prefix", "del*"),
        ("phrase", '"customer service"'),
        ("crisis terms", f"{crisis['brand'].split()[0]} AND ({' OR '.join(crisis['terms']['en'])})"),
        ("hashtag", crisis["hashtag"]),
        ("campaign hashtag", manifest["campaign"]["hashtag"]),
        ("handle", b0["handles"][0]),
        ("site", f"site:{b0['domain']}"),
        ("title field", f"title:{third}"),
        ("language and brand", f"lang:da AND {second}"),
        ("field only", "channel:reddit AND lang:fi"),
        ("exclusions", f"({first} OR {second}) AND NOT (giveaway OR crypto OR bitcoin)"),
        ("product phrase", f'"{b0["products"][0]}"'),
        ("Danish word", "kundeservice OR kundeservicen"),
        ("wildcard OR list", f"{third} AND (lat* OR delay* OR wait* OR slow*)"),
    ]


def prepare(count: int, database_url: str | None) -> tuple[Path, dict]:
    name = f"search-{count}" + ("-pg" if database_url else "")
    workspace = CACHE / name
    manifest_path = workspace / "manifest.json"
    env = {**os.environ, "VOXPOP_DATA_DIR": str(workspace)}
    if database_url:
        env["VOXPOP_DATABASE_URL"] = database_url
    if (workspace / "ready").exists():
        store = open_store(settings(workspace, database_url), upgrade=True)  # a cache from older code
        index_pending(store)
        store.dispose()
        return workspace, json.loads(manifest_path.read_text())
    shutil.rmtree(workspace, ignore_errors=True)
    workspace.mkdir(parents=True)
    stream = workspace / "stream.ndjson"
    print(f"building a {count:,}-mention workspace in {workspace} (once)...", flush=True)
    subprocess.run([*VOXPOP, "simulate", "--count", str(count), "--seed", "1", "-o", str(stream),
                    "--manifest", str(manifest_path)], env=env, check=True)
    subprocess.run([*VOXPOP, "init"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*VOXPOP, "import", str(stream), "--no-process"], env=env, check=True, stdout=subprocess.DEVNULL)
    stream.unlink()
    store = open_store(settings(workspace, database_url), upgrade=True)
    started = time.perf_counter()
    index_pending(store)
    print(f"indexed for search in {time.perf_counter() - started:.0f} s", flush=True)
    store.dispose()
    (workspace / "ready").write_text("ok")
    return workspace, json.loads(manifest_path.read_text())


def settings(workspace: Path, database_url: str | None) -> Settings:
    return Settings(data_dir=workspace, database_url=database_url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=5, help="times each client runs the whole mix")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--import-count", type=int, default=300_000, help="mentions imported during the run")
    parser.add_argument("--no-import", action="store_true", help="measure without the concurrent import")
    parser.add_argument("--record", action="store_true", help="append the figures to bench/RESULTS.md")
    args = parser.parse_args()
    database_url = None
    if args.database == "postgres":
        database_url = os.environ.get("VOXPOP_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/voxpop_bench")
    workspace, manifest = prepare(args.count, database_url)
    mix = query_mix(manifest)
    for _, text in mix:
        parse(text)

    importer = None
    if not args.no_import:
        extra = workspace / "extra.ndjson"
        if not extra.exists():
            subprocess.run([*VOXPOP, "simulate", "--count", str(args.import_count), "--seed", "99",
                            "-o", str(extra)], check=True)
        env = {**os.environ, "VOXPOP_DATA_DIR": str(workspace)}
        if database_url:
            env["VOXPOP_DATABASE_URL"] = database_url
        importer = subprocess.Popen([*VOXPOP, "import", str(extra), "--source", "bench-extra"], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(3)  # let the import get going
        if importer.poll() not in (None, 0, 3):
            sys.exit(f"the concurrent import failed at once (exit {importer.returncode})")

    latencies: dict[str, list[float]] = {label: [] for label, _ in mix}
    strategies: dict[str, str] = {}
    lock = threading.Lock()

    def client(number: int) -> None:
        store = open_store(settings(workspace, database_url))
        rng = random.Random(number)
        compiled = [(label, parse(text)) for label, text in mix]
        for _ in range(args.rounds):
            rng.shuffle(compiled)
            for label, query in compiled:
                started = time.perf_counter()
                page = search_mentions(store, query, limit=20)
                elapsed = time.perf_counter() - started
                with lock:
                    latencies[label].append(elapsed)
                    strategies[label] = page.strategy
                    done = sum(len(v) for v in latencies.values())
                    if done % 20 == 0:
                        print(f"  {done} searches done", flush=True)
        store.dispose()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    import_running = importer is not None and importer.poll() is None
    if importer is not None and not import_running and importer.returncode not in (0, 3):
        sys.exit(f"the concurrent import failed (exit {importer.returncode}): the figures would not be under load")
    if importer is not None:
        importer.terminate()
        importer.wait()

    every = sorted(x for values in latencies.values() for x in values)

    def pct(values: list[float], q: float) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    print(f"\n{args.count:,} mentions on {args.database}, {args.clients} clients × {args.rounds} rounds × "
          f"{len(mix)} queries, import running: {'yes' if importer is not None else 'no'}"
          f"{'' if import_running or importer is None else ' (it finished before the clients did)'}")
    print(f"{'query':22} {'strategy':8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for label, text in mix:
        values = latencies[label]
        print(f"{label:22} {strategies[label]:8} {pct(values, .5):8.1f} {pct(values, .95):8.1f} "
              f"{max(values) * 1000:8.1f}   {text[:60]}")
    p50, p95, worst = pct(every, .5), pct(every, .95), every[-1] * 1000
    print(f"{'all':22} {'':8} {p50:8.1f} {p95:8.1f} {worst:8.1f}   ({len(every)} searches in {wall:.1f} s; "
          f"mean {statistics.mean(every) * 1000:.1f} ms)")
    verdict = "meets" if p95 < 300 else "MISSES"
    print(f"target p95 < 300 ms: {verdict}")
    if args.record:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip()
        row = (f"| {datetime.now(UTC):%Y-%m-%d %H:%M} | search → {args.database} | {commit} | {args.count:,} | "
               f"{wall:.1f} s ({len(every)} searches) | first page p50 {p50:.0f} ms, p95 {p95:.0f} ms, "
               f"max {worst:.0f} ms | — | {args.clients} clients, import {'running' if importer else 'off'} | "
               f"{verdict} p95 < 300 ms | {os.uname().machine}, {os.cpu_count()} cores |\n")
        with open(ROOT / "bench" / "RESULTS.md", "a", encoding="utf-8") as f:
            f.write(row)


if __name__ == "__main__":
    main()
