"""Jetstream benchmark: a capture synthesised from the documented event schema, replayed from a local
WebSocket server (its own process) into the jetstream source with 1,000 saved queries, through
decoding, the query prefilter and the store (SQLite), as ``voxpop run`` would.

    python bench/jetstream_bench.py [--events 30000] [--queries 1000] [--all-collections] [--record]

The capture holds what Jetstream sends for ``wantedCollections=app.bsky.feed.post``: post creates
(88 %), post deletes (8 %), post updates (1 %), and the identity (2 %) and account (1 %) events
that are sent whatever the collections. Likes and reposts are filtered out by the server and never
reach us; ``--all-collections`` adds them in the firehose's own proportions (likes ≫ posts ≈
reposts > deletes: 65 % likes, 12 % reposts, 18 % posts, 5 % deletes and identity/account), to
measure a subscription without the filter. Post texts (cut to Bluesky's 300 characters, a fifth
with a link facet): voxpop's simulated multilingual brand stream (9 languages) mixed with other
talk; by default 5 % of posts are brand talk and the rest are sib-200 sentences (../shared/data;
without it every post is brand talk, which keeps nearly all). Queries are drawn from the brand
talk's vocabulary in the shapes of bench/match_bench.py. Target: 2,000 events/s (issue #6).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from match_bench import make_queries, vocabulary  # noqa: E402

from voxpop.ingest.runner import run_source  # noqa: E402
from voxpop.settings import Settings  # noqa: E402
from voxpop.simulate import SimulationConfig, simulate  # noqa: E402
from voxpop.sources.bluesky.jetstream import JetstreamSource  # noqa: E402
from voxpop.store import open_store  # noqa: E402
from voxpop.store.mentions import count_mentions  # noqa: E402
from voxpop.store.queries import add_query  # noqa: E402
from voxpop.store.sources import add_source  # noqa: E402

T0 = 1_741_172_520_000_000
ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def tid(rnd: random.Random) -> str:
    return "3l" + "".join(rnd.choice(ALPHABET) for _ in range(11))


def did(rnd: random.Random) -> str:
    return "did:plc:" + "".join(rnd.choice(ALPHABET) for _ in range(24))


def chatter() -> list[dict[str, str]]:
    """Posts about anything: the sentences of ../shared/data/parallel/sib-200 (12 languages), or
    none when the data is absent (then every post is brand talk, the hardest case)."""
    from match_bench import LANGS, data_dir

    try:
        data_dir()
    except SystemExit:
        print("sib-200 not found: every post is brand talk", file=sys.stderr)
        return []
    from match_bench import load_mentions

    return [{"text": m["text"][:300], "lang": m["lang"]} for m in load_mentions() if m["lang"] in LANGS.values()]


def capture(n: int, *, all_collections: bool, brand_share: float,
            seed: int = 7) -> tuple[list[bytes], list[dict[str, str]]]:
    rnd = random.Random(seed)
    brand = [{"text": r["text"][:300], "lang": r["lang"]} for r in simulate(SimulationConfig(count=5000, seed=seed))]
    other = chatter()
    if all_collections:
        kinds = [("like", 0.65), ("repost", 0.12), ("create", 0.18), ("delete", 0.03), ("identity", 0.01),
                 ("account", 0.01)]
    else:
        kinds = [("create", 0.88), ("delete", 0.08), ("update", 0.01), ("identity", 0.02), ("account", 0.01)]
    names, weights = zip(*kinds, strict=True)
    posted: list[tuple[str, str]] = []
    events = []
    now = datetime(2025, 3, 5, 11, 2, tzinfo=UTC)
    for i in range(n):
        kind = rnd.choices(names, weights)[0]
        time_us = T0 + i * 400  # ~2,500 events/s of stream time, the real rate with likes
        author = did(rnd)
        created = (now + timedelta(microseconds=i * 400)).isoformat().replace("+00:00", "Z")
        rev = tid(rnd)
        if kind in ("create", "update") or (kind == "delete" and not posted):
            source = rnd.choice(brand if not other or rnd.random() < brand_share else other)
            record: dict[str, object] = {"$type": "app.bsky.feed.post", "createdAt": created,
                                         "langs": [source["lang"]], "text": source["text"]}
            if rnd.random() < 0.2:
                record["facets"] = [{"index": {"byteStart": 0, "byteEnd": 5}, "features": [
                    {"$type": "app.bsky.richtext.facet#link", "uri": "https://example.com/a/long/path"}]}]
            if kind == "update" and posted:
                author, rkey = rnd.choice(posted)
            else:
                rkey = tid(rnd)
                posted.append((author, rkey))
            event = {"did": author, "time_us": time_us, "kind": "commit", "commit": {
                "rev": rev, "operation": "update" if kind == "update" else "create",
                "collection": "app.bsky.feed.post", "rkey": rkey, "record": record,
                "cid": "bafyrei" + "".join(rnd.choice(ALPHABET) for _ in range(52))}}
        elif kind == "delete":
            author, rkey = rnd.choice(posted)
            event = {"did": author, "time_us": time_us, "kind": "commit", "commit": {
                "rev": rev, "operation": "delete", "collection": "app.bsky.feed.post", "rkey": rkey}}
        elif kind in ("like", "repost"):
            subject_did, subject_rkey = rnd.choice(posted) if posted else (did(rnd), tid(rnd))
            collection = f"app.bsky.feed.{kind}"
            event = {"did": author, "time_us": time_us, "kind": "commit", "commit": {
                "rev": rev, "operation": "create", "collection": collection, "rkey": tid(rnd),
                "record": {"$type": collection, "createdAt": created, "subject": {
                    "cid": "bafyrei" + "".join(rnd.choice(ALPHABET) for _ in range(52)),
                    "uri": f"at://{subject_did}/app.bsky.feed.post/{subject_rkey}"}},
                "cid": "bafyrei" + "".join(rnd.choice(ALPHABET) for _ in range(52))}}
        elif kind == "identity":
            event = {"did": author, "time_us": time_us, "kind": "identity", "identity": {
                "did": author, "handle": f"user{i}.bsky.social", "seq": 1409752997 + i, "time": created}}
        else:
            event = {"did": author, "time_us": time_us, "kind": "account", "account": {
                "active": True, "did": author, "seq": 1409753013 + i, "time": created}}
        events.append(orjson.dumps(event))
    return events, brand


def serve(path: str, port_out: mp.Queue) -> None:  # type: ignore[type-arg]
    from websockets.sync.server import serve as ws_serve

    lines = Path(path).read_bytes().split(b"\n")

    def handle(ws):  # type: ignore[no-untyped-def]
        for line in lines:
            if line:
                ws.send(line.decode())
        try:
            ws.recv()  # hold the connection open, as the live tail does, until the client goes
        except Exception:  # noqa: S110 - the client closing is the end
            pass

    with ws_serve(handle, "127.0.0.1", 0, compression=None) as server:
        port_out.put(server.socket.getsockname()[1])
        server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=30_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--all-collections", action="store_true")
    parser.add_argument("--brand-share", type=float, default=0.05,
                        help="share of posts that talk about the simulated brands (the rest: sib-200 sentences)")
    parser.add_argument("--record", action="store_true", help="Append the figures to bench/RESULTS.md.")
    args = parser.parse_args()

    events, texts = capture(args.events, all_collections=args.all_collections,
                             brand_share=args.brand_share)
    sizes = [len(e) for e in events]
    vocab, weights, sentences = vocabulary(texts)
    queries = make_queries(args.queries, 1, vocab, weights, sentences)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "capture.ndjson"
        path.write_bytes(b"\n".join(events))
        ports: mp.Queue = mp.Queue()  # type: ignore[type-arg]
        server = mp.get_context("fork").Process(target=serve, args=(str(path), ports), daemon=True)
        server.start()
        port = ports.get(timeout=30)
        settings = Settings(environment="test", data_dir=Path(tmp) / "data", fetch_allowed_hosts=["127.0.0.1"])
        store = open_store(settings, upgrade=True)
        with store.write() as conn:
            for number, text in enumerate(queries):
                add_query(conn, name=f"q{number}", text=text)
            config = JetstreamSource.validate_config({"url": f"ws://127.0.0.1:{port}/subscribe", "batch_s": 1.0,
                                                      "max_duration_s": 600})
            row = add_source(conn, name="firehose", kind="jetstream", config=config)
        last = orjson.loads(events[-1])["time_us"]
        done = {"at": 0.0}

        def progress(batch, report) -> None:  # type: ignore[no-untyped-def]
            if batch.cursor and batch.cursor.get("time_us") == last and not done["at"]:
                done["at"] = time.perf_counter()

        started = time.perf_counter()
        report = run_source(store, row, progress=progress, stop=lambda: bool(done["at"]))
        seconds = (done["at"] or time.perf_counter()) - started
        with store.read() as conn:
            kept = count_mentions(conn)
        server.terminate()
        store.dispose()
    creates = sum(1 for e in events if b'"app.bsky.feed.post"' in e and b'"operation":"create"' in e)
    rate = args.events / seconds
    what = "all collections" if args.all_collections else "wantedCollections=app.bsky.feed.post"
    print(f"{args.events:,} events ({what}; mean {sum(sizes) / len(sizes):,.0f} bytes, {creates:,} post creates), "
          f"{args.queries:,} saved queries: {seconds:.1f} s, {rate:,.0f} events/s into the store; "
          f"{kept:,} posts kept ({kept / max(creates, 1):.1%} of creates), error={report.error}", flush=True)
    if args.record:
        verdict = "meets target" if rate >= 2000 else "MISSES target"
        with (ROOT / "bench" / "RESULTS.md").open("a") as f:
            f.write(f"| {datetime.now(UTC):%Y-%m-%d %H:%M} | jetstream → sqlite, {args.queries:,} queries | "
                    f"{os.popen('git rev-parse --short HEAD').read().strip()} | {args.events:,} events | "
                    f"{seconds:.1f} s | {rate:,.0f}/s | — | {what}; {args.brand_share:.0%} brand posts; "
                    f"prefilter kept {kept / max(creates, 1):.0%} of posts | {verdict} | "
                    f"{os.uname().machine}, {os.cpu_count()} cores |\n")


if __name__ == "__main__":
    main()
