"""Helpers of the live-alert tests: a regular conversation about Acme stored as mentions, bursts on
top of it, a clock the stage reads, and a webhook receiver on 127.0.0.1 that notes when each
notification arrived. (A uniquely named module: test folders share one import namespace.)"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import orjson
import sqlalchemy as sa

from voxpop.enrich.stage import enrich_pending
from voxpop.match.stage import match_pending
from voxpop.records import MentionDraft
from voxpop.store import Store
from voxpop.store.mentions import upsert_mentions
from voxpop.store.sources import add_source
from voxpop.store.tables import mentions, sources

START = datetime(2026, 9, 7, tzinfo=UTC)  # a Monday
WORDS = ("coffee", "order", "delivery", "great", "service", "latte", "morning", "shop", "price", "friendly")


class Clock:
    """The time the alert stage sees, moved by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _source_id(store: Store) -> int:
    with store.write() as conn:
        found = conn.execute(sa.select(sources.c.id).where(sources.c.name == "s")).scalar()
        if found is not None:
            return int(found)
        return add_source(conn, name="s", kind="file", config={"path": "/x"}).id


def store_drafts(store: Store, drafts: list[MentionDraft], *, negative: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    """Store mentions (``negative``: external ids whose sentiment is negative) and match them."""
    source_id = _source_id(store)
    with store.write() as conn:
        upsert_mentions(conn, source_id=source_id, drafts=drafts)
    enrich_pending(store)  # the labels below stand for what enrichment found
    with store.write() as conn:
        conn.execute(mentions.update().where(mentions.c.external_id.in_([d.external_id for d in drafts]))
                     .values(sentiment="neutral"))
        if negative:
            conn.execute(mentions.update().where(mentions.c.external_id.in_(sorted(negative)))
                         .values(sentiment="negative"))
    match_pending(store)


def regular(start: datetime, end: datetime, *, every_minutes: int = 4, prefix: str = "r") -> list[MentionDraft]:
    """One ordinary Acme mention every few minutes (a very regular conversation: no alerts)."""
    found = []
    moment = start
    i = 0
    while moment < end:
        found.append(MentionDraft(
            external_id=f"{prefix}{i}", channel=("mastodon", "reddit", "news")[i % 3],
            text=f"Acme {' '.join(WORDS[(i + k) % 10] for k in range(4))}", published_at=moment + timedelta(seconds=7),
            collected_at=moment + timedelta(seconds=8), raw=b"{}", author=f"user{i % 50}", lang=("en", "de")[i % 2]))
        moment += timedelta(minutes=every_minutes)
        i += 1
    return found


def burst(at: datetime, *, count: int, per_minute: int, prefix: str = "fire") -> list[MentionDraft]:
    """A fire story: ``count`` mentions from ``at``, ``per_minute`` a minute, a #tag and a shared link."""
    return [MentionDraft(
        external_id=f"{prefix}{i}", channel="bluesky", text=f"Acme battery fire again #AcmeFire {WORDS[i % 10]}",
        published_at=at + timedelta(minutes=i // per_minute, seconds=i % per_minute),
        collected_at=at + timedelta(minutes=i // per_minute, seconds=30), raw=b"{}",
        author=("angry_bob", "firewatch")[i % 2], lang="en", links=("https://news.example/acme-fire",),
        likes=i) for i in range(count)]


# ---- a webhook receiver -----------------------------------------------------------------------------


@dataclass
class Arrivals:
    url: str = ""
    received: list[tuple[float, dict[str, object], str | None]] = field(default_factory=list)
    event: threading.Event = field(default_factory=threading.Event)

    def wait(self, timeout: float) -> bool:
        return self.event.wait(timeout)


def webhook_receiver() -> Iterator[Arrivals]:
    """A receiver that notes the monotonic time each notification arrived (signature unchecked:
    the notify tests check signatures)."""
    arrivals = Arrivals()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            return

        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            arrivals.received.append((time.monotonic(), orjson.loads(body), self.headers.get("Idempotency-Key")))
            arrivals.event.set()
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    arrivals.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield arrivals
    finally:
        server.shutdown()
        server.server_close()


def measure_latency(store: Store, arrivals: Arrivals, *, bursts: int = 1, timeout_s: float = 60.0) -> list[float]:
    """Seconds from a burst of mentions landing (a file source added to a running ``voxpop run``
    scheduler, its mentions published now) to its alert's notification reaching the receiver.

    The query's normal is two days of regular talk stored beforehand, up to now."""
    import json
    import tempfile
    from pathlib import Path

    from voxpop.match.stage import backfill_query
    from voxpop.runtime.pipeline import run_stages
    from voxpop.runtime.scheduler import Scheduler
    from voxpop.store.alerts import add_subscription
    from voxpop.store.outbox import add_destination
    from voxpop.store.queries import add_query

    now = datetime.now(UTC).replace(second=0, microsecond=0)
    store_drafts(store, regular(now - timedelta(days=2), now - timedelta(minutes=1), every_minutes=3))
    with store.write() as conn:
        query = add_query(conn, name="acme", text="acme")
        destination = add_destination(conn, name="ops", kind="webhook",
                                       config={"url": arrivals.url, "secret": "s" * 20, "timeout_s": 5})
        add_subscription(conn, query_id=None, min_severity="low", destination_id=destination.id)
    backfill_query(store, query)
    run_stages(store)  # the history enriched, matched and rolled up before the clock starts
    scheduler = Scheduler(store)  # as `voxpop run` builds it (a new source is noticed within 5 s)
    thread = threading.Thread(target=scheduler.run, daemon=True)
    thread.start()
    folder = Path(tempfile.mkdtemp(prefix="voxpop-latency-"))
    latencies = []
    try:
        for round_ in range(bursts):
            arrivals.event.clear()
            seen = len(arrivals.received)
            path = folder / f"burst{round_}.ndjson"
            moment = datetime.now(UTC)
            with path.open("w") as f:
                for i in range(40):
                    f.write(json.dumps({"id": f"b{round_}-{i}", "channel": "bluesky", "author": f"angry{i % 3}",
                                        "text": f"Acme battery fire again #AcmeFire {WORDS[i % 10]}",
                                        "published_at": moment.isoformat()}) + "\n")
            started = time.monotonic()
            with store.write() as conn:
                add_source(conn, name=f"burst{round_}", kind="file", config={"path": str(path)})
            deadline = started + timeout_s
            while len(arrivals.received) <= seen and time.monotonic() < deadline:
                arrivals.event.wait(0.05)
            if len(arrivals.received) <= seen:
                raise AssertionError(f"no notification within {timeout_s:.0f} s")
            latencies.append(arrivals.received[seen][0] - started)
            # the next burst only after this incident's cooldown: a fresh alert, not a reopening
            if round_ + 1 < bursts:
                with store.write() as conn:
                    conn.execute(sa.text("DELETE FROM alerts"))
    finally:
        scheduler.stop()
        thread.join(timeout=30)
    return latencies
