"""From a mention's arrival to its alert's notification at the destination, in the embedded service.

A SQLite workspace holds two days of a regular conversation about Acme and a saved query; the
``voxpop run`` scheduler runs (sources, the stages thread, the deliverer thread) and a webhook
receiver listens on 127.0.0.1. Each round adds a file source holding a burst of 40 mentions
published now and times how long until the receiver gets the alert. Target: under 60 s.

    python bench/alert_latency_bench.py [--rounds 5] [--record]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "alerts"))  # the same harness as the end-to-end test


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="Bursts timed (a fresh workspace each).")
    parser.add_argument("--record", action="store_true", help="Append the figures to bench/RESULTS.md.")
    args = parser.parse_args()

    from alerts_live_helpers import measure_latency, webhook_receiver

    from voxpop.settings import Settings
    from voxpop.store import open_store

    latencies = []
    for round_ in range(args.rounds):
        folder = Path(tempfile.mkdtemp(prefix="voxpop-alert-bench-"))
        store = open_store(Settings(environment="test", data_dir=folder, fetch_allowed_hosts=["127.0.0.1"]),
                           upgrade=True)
        receiver = webhook_receiver()
        arrivals = next(receiver)
        try:
            (seconds,) = measure_latency(store, arrivals)
        finally:
            receiver.close()
            store.dispose()
        latencies.append(seconds)
        print(f"round {round_ + 1}: {seconds:.2f} s from the burst landing to the webhook", flush=True)
    median, worst = statistics.median(latencies), max(latencies)
    verdict = "meets target" if worst < 60 else "MISSES target"
    print(f"median {median:.2f} s, max {worst:.2f} s over {len(latencies)} rounds (target < 60 s: {verdict})")
    if args.record:
        with (ROOT / "bench" / "RESULTS.md").open("a") as f:
            f.write(f"| {datetime.now(UTC):%Y-%m-%d %H:%M} | alert latency: burst → webhook (sqlite, voxpop run) | "
                    f"{os.popen('git rev-parse --short HEAD').read().strip()} | 40/burst | — | "
                    f"median {median:.2f} s, max {worst:.2f} s ({len(latencies)} rounds) | — | every stage | "
                    f"{verdict} (< 60 s) | {os.uname().machine}, {os.cpu_count()} cores (shared) |\n")


if __name__ == "__main__":
    main()
