"""Web app benchmark: dashboard and explorer latency measured from a second process — a real
uvicorn server on 127.0.0.1 — with 8 concurrent clients, while an import runs (issue #8).

    python bench/web_bench.py [--count 200000] [--clients 8] [--rounds 5] [--no-import] [--record]

The workspace is built once under bench/.cache/ from the project's simulator: the demo's saved
queries (one per brand, crisis and campaign) are added first, then the stream is imported with
every stage after the store, so the dashboard has matches to aggregate. The server runs in its
own process; each client signs in through the login form (the dashboard is a page) and holds an
API token (the explorer's search is the API). Each round a client loads the dashboard (volume per
query per day, share of voice, sentiment, languages, channels over 28 days) and searches a mix of
queries (first page, 20 mentions). Targets (issue #8, at 1,000,000 mentions): dashboard p95 under
200 ms, explorer first page p95 under 300 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CACHE = ROOT / "bench" / ".cache"
VOXPOP = [sys.executable, "-m", "voxpop"]
PASSWORD = "bench password 1"  # noqa: S105
SERVER = """
import sys, uvicorn
from voxpop.settings import Settings
from voxpop.store import open_store
from voxpop.web import create_app
store = open_store(Settings(data_dir=sys.argv[1]))
uvicorn.run(create_app(store, secret_key="b" * 48), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def env_for(workspace: Path) -> dict[str, str]:
    return {**os.environ, "VOXPOP_DATA_DIR": str(workspace), "VOXPOP_ENVIRONMENT": "development"}


def prepare(count: int) -> tuple[Path, dict]:
    from voxpop.demo import demo_queries

    workspace = CACHE / f"web-{count}"
    manifest_path = workspace / "manifest.json"
    env = env_for(workspace)
    if not (workspace / "imported").exists():
        shutil.rmtree(workspace, ignore_errors=True)
        workspace.mkdir(parents=True)
        stream = workspace / "stream.ndjson"
        print(f"building a {count:,}-mention workspace in {workspace} (once)...", flush=True)
        subprocess.run([*VOXPOP, "simulate", "--count", str(count), "--seed", "1", "-o", str(stream),
                        "--manifest", str(manifest_path)], env=env, check=True)
        subprocess.run([*VOXPOP, "init"], env=env, check=True, stdout=subprocess.DEVNULL)
        for name, text in demo_queries(json.loads(manifest_path.read_text())).items():
            subprocess.run([*VOXPOP, "query", "add", name, text], env=env, check=True, stdout=subprocess.DEVNULL)
        started = time.perf_counter()
        subprocess.run([*VOXPOP, "import", str(stream)], env=env, check=True, stdout=subprocess.DEVNULL)
        print(f"imported with every stage in {time.perf_counter() - started:.0f} s", flush=True)
        stream.unlink()
        (workspace / "imported").write_text("ok")
    # a cached workspace may predate a migration that landed since
    subprocess.run([*VOXPOP, "db", "upgrade"], env=env, check=True, stdout=subprocess.DEVNULL)
    if not (workspace / "ready").exists():
        subprocess.run([*VOXPOP, "user", "add", "bench", "--role", "admin", "--password-stdin"], env=env,
                       input=PASSWORD + "\n", text=True, check=True, stdout=subprocess.DEVNULL)
        (workspace / "ready").write_text("ok")
    return workspace, json.loads(manifest_path.read_text())


def search_mix(manifest: dict) -> list[str]:
    brands = [f'"{b["name"]}"' if " " in b["name"] else b["name"] for b in manifest["brands"]]
    crisis = manifest["crises"][0]
    return [
        brands[0], f"{brands[0]} OR {brands[1]}", " OR ".join(brands),
        f"{brands[0]} NEAR/5 (refund* OR cancel* OR battery)", "refund*", '"customer service"',
        f"{crisis['brand'].split()[0]} AND ({' OR '.join(crisis['terms']['en'])})",
        manifest["campaign"]["hashtag"], f"lang:da AND {brands[1]}", "zebracornish",
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--import-count", type=int, default=100_000, help="mentions imported during the run")
    parser.add_argument("--no-import", action="store_true", help="measure without the concurrent import")
    parser.add_argument("--record", action="store_true", help="append the figures to bench/RESULTS.md")
    args = parser.parse_args()
    workspace, manifest = prepare(args.count)
    mix = search_mix(manifest)
    env = env_for(workspace)
    token = subprocess.run([*VOXPOP, "token", "create", f"bench-{time.time():.0f}", "--user", "bench"], env=env,
                           check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(workspace), str(port)], env=env)
    importer = None
    try:
        for _ in range(200):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        if not args.no_import:
            extra = workspace / "extra.ndjson"
            if not extra.exists():
                subprocess.run([*VOXPOP, "simulate", "--count", str(args.import_count), "--seed", "99",
                                "-o", str(extra)], check=True)
            importer = subprocess.Popen([*VOXPOP, "import", str(extra), "--name", f"bench-extra-{time.time():.0f}"],
                                        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(3)  # let the import get going

        dashboard: list[float] = []
        search: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()

        def client(number: int) -> None:
            rng = random.Random(number)
            with httpx.Client(base_url=base, timeout=60) as web, \
                    httpx.Client(base_url=base, timeout=60, headers={"Authorization": f"Bearer {token}"}) as api:
                signed_in = web.post("/login", data={"username": "bench", "password": PASSWORD})
                if signed_in.status_code != 303:
                    errors.append(f"login {signed_in.status_code}")
                    return
                for _ in range(args.rounds):
                    started = time.perf_counter()
                    page = web.get("/")
                    elapsed = time.perf_counter() - started
                    with lock:
                        if page.status_code == 200:
                            dashboard.append(elapsed)
                        else:
                            errors.append(f"/ {page.status_code}")
                    for text in rng.sample(mix, len(mix)):
                        started = time.perf_counter()
                        found = api.get("/api/v1/mentions", params={"q": text, "limit": 20})
                        elapsed = time.perf_counter() - started
                        with lock:
                            if found.status_code == 200:
                                search.append(elapsed)
                            else:
                                errors.append(f"search {found.status_code}")

        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        import_running = importer is not None and importer.poll() is None
    finally:
        if importer is not None:
            importer.terminate()
            importer.wait()
        server.terminate()
        server.wait()
    if errors or not dashboard or not search:
        sys.exit(f"failed requests: {errors[:10]}")
    d50, d95, s50, s95 = pct(dashboard, .5), pct(dashboard, .95), pct(search, .5), pct(search, .95)
    note = "" if import_running or importer is None else " (it finished before the clients did)"
    print(f"\n{args.count:,} mentions on SQLite, {args.clients} clients × {args.rounds} rounds, "
          f"import running: {'yes' if importer else 'no'}{note}; {wall:.1f} s")
    print(f"dashboard page: p50 {d50:.0f} ms, p95 {d95:.0f} ms, max {max(dashboard) * 1000:.0f} ms "
          f"({len(dashboard)} loads)")
    print(f"explorer search, first page: p50 {s50:.0f} ms, p95 {s95:.0f} ms, max {max(search) * 1000:.0f} ms "
          f"({len(search)} searches)")
    verdict = (f"dashboard {'meets' if d95 < 200 else 'MISSES'} 200 ms; "
               f"search {'meets' if s95 < 300 else 'MISSES'} 300 ms")
    print(verdict + (" (targets are for 1,000,000 mentions)" if args.count < 1_000_000 else ""))
    if args.record:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip()
        row = (f"| {datetime.now(UTC):%Y-%m-%d %H:%M} | web: dashboard + explorer → sqlite | {commit} | "
               f"{args.count:,} | {wall:.1f} s | dashboard p50 {d50:.0f} / p95 {d95:.0f} ms; search p50 {s50:.0f} / "
               f"p95 {s95:.0f} ms | — | {args.clients} clients over HTTP, import "
               f"{'running' if importer else 'off'} | {verdict} | {os.uname().machine}, {os.cpu_count()} cores "
               f"(shared) |\n")
        with open(ROOT / "bench" / "RESULTS.md", "a", encoding="utf-8") as f:
            f.write(row)


if __name__ == "__main__":
    main()
