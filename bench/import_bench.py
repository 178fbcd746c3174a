"""Import benchmark: N mentions made by `voxpop simulate` into SQLite or PostgreSQL, timing the whole
`voxpop import` command with /usr/bin/time -v (wall time and peak memory).

    python bench/import_bench.py                      # 1,000,000 into SQLite
    python bench/import_bench.py --database postgres  # the same into PostgreSQL
    python bench/import_bench.py --count 200000       # a quicker look

Figures are printed and appended to bench/RESULTS.md. Targets (issue #3): SQLite at least 20,000
mentions/s with peak memory under 300 MB; PostgreSQL at least 10,000 mentions/s.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "RESULTS.md"
VOXPOP = [sys.executable, "-m", "voxpop"]
TARGETS = {"sqlite": (20_000, 300), "postgres": (10_000, None)}


def stream_file(count: int, seed: int) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"sim-{count}-{seed}.ndjson"
    if not path.exists():
        print(f"simulating {count:,} mentions → {path}", flush=True)
        tmp = path.with_suffix(".partial")
        subprocess.run([*VOXPOP, "simulate", "--count", str(count), "--seed", str(seed), "-o", str(tmp)], check=True)
        tmp.replace(path)
    return path


def check_stream(path: Path) -> dict[str, float]:
    """The benchmark's premise: distinct texts with a mean length of at least 200 characters."""
    n = total = 0
    digests: set[bytes] = set()
    with path.open("rb") as f:
        for line in f:
            text = orjson.loads(line)["text"]
            n += 1
            total += len(text)
            digests.add(hashlib.blake2b(text.encode(), digest_size=8).digest())
    return {"records": n, "mean_text_chars": total / n, "distinct_texts": len(digests) / n}


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as f:
                    stack += [int(c) for c in f.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def timed_import(path: Path, env: dict[str, str], *, process: bool) -> dict[str, float]:
    """Run the import under /usr/bin/time -v; also sample the summed RSS of the whole process tree
    (time -v reports the largest single process, and the import may use a reader process)."""
    cmd = ["/usr/bin/time", "-v", *VOXPOP, "import", str(path), "--json", *([] if process else ["--no-process"])]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_tree = 0
    while proc.poll() is None:
        peak_tree = max(peak_tree, _tree_rss_kb(proc.pid))
        time.sleep(0.2)
    stdout, stderr = proc.communicate()
    if proc.returncode not in (0, 3):
        sys.exit(f"import failed ({proc.returncode}):\n{stderr[-3000:]}")
    report = json.loads(stdout)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    assert wall and rss, stderr[-2000:]
    parts = [float(p) for p in wall.group(1).split(":")]
    seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    return {"seconds": seconds, "peak_mb": max(int(rss.group(1)), peak_tree) / 1024,
            "largest_process_mb": int(rss.group(1)) / 1024, "inserted": report["inserted"],
            "rejected": report["rejected"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres-server", default=os.environ.get(
        "VOXPOP_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--no-record", action="store_true", help="Do not append to bench/RESULTS.md.")
    parser.add_argument("--enrichment", choices=["off", "on"], default="off",
                        help="off: store only (import --no-process); on: the import as users run it, with the "
                             "stages after the store (language enrichment, query matching).")
    args = parser.parse_args()

    path = stream_file(args.count, args.seed)
    premise = check_stream(path)
    print(f"stream: {premise['records']:,} records, mean text {premise['mean_text_chars']:.0f} chars, "
          f"{premise['distinct_texts']:.2%} distinct", flush=True)

    env = {k: v for k, v in os.environ.items() if not k.startswith("VOXPOP_")}
    workdir = Path(tempfile.mkdtemp(prefix="voxpop-bench-"))
    env["VOXPOP_DATA_DIR"] = str(workdir)
    dbname = None
    if args.database == "postgres":
        import sqlalchemy as sa

        dbname = f"voxpop_bench_{uuid.uuid4().hex[:8]}"
        server = sa.engine.make_url(args.postgres_server).set(drivername="postgresql+psycopg")
        admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{dbname}"')
        env["VOXPOP_DATABASE_URL"] = server.set(database=dbname).render_as_string(hide_password=False)
    try:
        subprocess.run([*VOXPOP, "init"], env=env, check=True, capture_output=True)
        result = timed_import(path, env, process=args.enrichment == "on")
        if args.database == "sqlite":
            result["db_mb"] = sum(p.stat().st_size for p in workdir.glob("voxpop.db*")) / 2**20
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if dbname:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
    rate = result["inserted"] / result["seconds"]
    min_rate, max_mb = TARGETS[args.database]
    ok_rate = rate >= min_rate
    ok_mem = max_mb is None or result["peak_mb"] < max_mb
    verdict = "meets target" if ok_rate and ok_mem else "MISSES target"
    print(f"{args.database}, enrichment {args.enrichment}: {result['inserted']:,.0f} mentions in "
          f"{result['seconds']:.1f} s = {rate:,.0f}/s, "
          f"peak {result['peak_mb']:.0f} MB all processes ({result['largest_process_mb']:.0f} MB largest) "
          f"— {verdict} (≥ {min_rate:,}/s"
          + (f", < {max_mb} MB)" if max_mb else ")"))
    enrichment = "language + matching (0 queries)" if args.enrichment == "on" else "off (--no-process)"
    if not args.no_record:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip()
        line = (f"| {datetime.now(UTC):%Y-%m-%d %H:%M} | import → {args.database} | {commit} | "
                f"{result['inserted']:,.0f} | {result['seconds']:.1f} s | {rate:,.0f}/s | {result['peak_mb']:.0f} MB | "
                f"{enrichment} | {verdict} | {platform.machine()}, {os.cpu_count()} cores |\n")
        if not RESULTS.exists():
            RESULTS.write_text("# Benchmark results\n\nAppended by the scripts in bench/. Newest last.\n\n"
                               "| when (UTC) | benchmark | commit | mentions | time | rate | peak RSS | enrichment "
                               "| verdict | machine |\n|---|---|---|---|---|---|---|---|---|---|\n")
        with RESULTS.open("a") as f:
            f.write(line)


if __name__ == "__main__":
    main()
