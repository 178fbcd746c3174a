"""Outbox delivery: how fast notifications go out, and how long one waits between being enqueued
(its event committed) and being handed to the destination.

A local webhook receiver on 127.0.0.1 answers 200 at once. Throughput: N notifications enqueued in
one transaction, then one ``deliver_due`` pass (4 sends at once). Latency: a running ``Deliverer``
(poll 2 s) while notifications are enqueued one transaction at a time, with ``wake()`` after each
(how the service is meant to call it) and without (a writer in another process: the poll only).

    python bench/notify_bench.py [--count 2000] [--database postgres] [--record]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from voxpop.notify.deliver import Deliverer, DeliveryPolicy  # noqa: E402
from voxpop.notify.outbox import enqueue  # noqa: E402
from voxpop.settings import Settings  # noqa: E402
from voxpop.store import open_store  # noqa: E402
from voxpop.store.outbox import add_destination, count_by_state  # noqa: E402

SECRET = "bench-secret-0123456789abcdef"


class Receiver:
    def __init__(self) -> None:
        self.arrived: dict[str, float] = {}
        self.repeats = 0
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # headers and body go out in two writes: without this, Nagle's algorithm holds the body
            # for the client's delayed ACK (~40 ms a request), which would be measured as ours
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return

            def do_POST(self) -> None:  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                key = self.headers.get("Idempotency-Key", "")
                with receiver.lock:
                    if key in receiver.arrived:
                        receiver.repeats += 1
                    else:
                        receiver.arrived[key] = time.time()
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2000, help="Notifications in the throughput pass.")
    parser.add_argument("--latency-count", type=int, default=100, help="Notifications per latency run.")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/voxpop_bench")
    parser.add_argument("--record", action="store_true", help="Append the figures to bench/RESULTS.md.")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="voxpop-notify-bench-"))
    settings = Settings(environment="test", data_dir=tmp, fetch_allowed_hosts=["127.0.0.1"],
                        database_url=args.postgres_url if args.database == "postgres" else None)
    store = open_store(settings, upgrade=True)
    receiver = Receiver()
    with store.write() as conn:
        dest = add_destination(conn, name=f"bench-{int(time.time())}", kind="webhook",
                               config={"url": receiver.url, "secret": SECRET, "timeout_s": 10})

    run_id = datetime.now(UTC).strftime("%H%M%S")
    with store.write() as conn:
        for i in range(args.count):
            enqueue(conn, event_key=f"bench:{run_id}:{i}", destination_id=dest.id,
                    payload={"title": f"Spike {i}", "kind": "alert", "severity": "warning",
                             "fields": {"observed": "212", "expected": "50"}})
    started = time.perf_counter()
    report = Deliverer(store, policy=DeliveryPolicy(workers=4)).deliver_due()
    seconds = time.perf_counter() - started
    rate = report.sent / seconds
    print(f"throughput: {report.sent:,} sent in {seconds:.1f} s = {rate:,.0f}/s ({args.database}, 4 at once)")

    latencies: dict[str, list[float]] = {}
    for mode in ("wake", "poll"):
        deliverer = Deliverer(store, policy=DeliveryPolicy(workers=4))
        thread = threading.Thread(target=deliverer.run, kwargs={"poll_s": 2.0}, daemon=True)
        thread.start()
        committed: dict[str, float] = {}
        for i in range(args.latency_count):
            with store.write() as conn:
                outbox_id, _ = enqueue(conn, event_key=f"lat:{mode}:{run_id}:{i}", destination_id=dest.id,
                                       payload={"title": f"Latency {i}"})
            from voxpop.store.outbox import idempotency_key

            committed[idempotency_key(f"lat:{mode}:{run_id}:{i}", dest.id)] = time.time()
            if mode == "wake":
                deliverer.wake()
            time.sleep(0.05)
        deadline = time.time() + 30
        while time.time() < deadline and not all(k in receiver.arrived for k in committed):
            time.sleep(0.05)
        deliverer.stop()
        thread.join(timeout=30)
        latencies[mode] = sorted(receiver.arrived[k] - t for k, t in committed.items() if k in receiver.arrived)
        lat = latencies[mode]
        p95 = lat[int(0.95 * (len(lat) - 1))]
        print(f"latency ({mode}): {len(lat)}/{len(committed)} arrived; median {statistics.median(lat) * 1000:.0f} ms, "
              f"p95 {p95 * 1000:.0f} ms, max {lat[-1] * 1000:.0f} ms")
    with store.read() as conn:
        print(f"outbox: {count_by_state(conn)}; receiver saw {receiver.repeats} repeats")

    worst = max(max(v) for v in latencies.values())
    verdict = "meets target" if worst < 60 else "MISSES target"
    if args.record:
        commit = os.popen("git rev-parse --short HEAD").read().strip()  # noqa: S605, S607
        wake, poll = latencies["wake"], latencies["poll"]
        with (ROOT / "bench" / "RESULTS.md").open("a") as f:
            f.write(f"| {datetime.now(UTC):%Y-%m-%d %H:%M} | notify outbox → webhook ({args.database}) | {commit} | "
                    f"{report.sent:,} notifications | {seconds:.1f} s | {rate:,.0f}/s | — | "
                    f"enqueue→received median {statistics.median(wake) * 1000:.0f} ms with wake(), "
                    f"{statistics.median(poll) * 1000:.0f} ms (max {max(poll):.1f} s) polling every 2 s | "
                    f"{verdict} (< 60 s) | {os.uname().machine}, {os.cpu_count()} cores |\n")
    store.dispose()


if __name__ == "__main__":
    main()
