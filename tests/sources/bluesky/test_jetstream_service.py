"""The firehose under `voxpop run`'s scheduler: a stream that never ends is enriched, matched and
indexed while it runs (the stages have their own thread), stops on request, and is left out of
``run --once``."""

from __future__ import annotations

import json
import threading
import time

from voxpop.match.search import search_mentions
from voxpop.query import parse
from voxpop.runtime.scheduler import Scheduler
from voxpop.sources.bluesky.jetstream import JetstreamSource
from voxpop.store.queries import add_query, count_matches, get_query
from voxpop.store.sources import add_source

T0 = 1741172520000000


def post(n: int, text: str) -> str:
    return json.dumps({"did": "did:plc:poster0000000000000000000", "time_us": T0 + n, "kind": "commit",
                       "commit": {"rev": "3l3qo2vutsw2b", "operation": "create", "collection": "app.bsky.feed.post",
                                  "rkey": f"3l3post{n:06d}", "cid": "bafyrei",
                                  "record": {"$type": "app.bsky.feed.post", "text": text, "langs": ["en"],
                                             "createdAt": "2025-03-05T11:02:00.000Z"}}})


def wait_for(condition, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_running_stream_is_matched_and_searchable_while_it_runs(store, jetstream_server) -> None:
    with store.write() as conn:
        add_query(conn, name="brand", text="nordbrew")
    server = jetstream_server([post(1, "Nordbrew kettle arrived broken"), post(2, "ramen tonight")])
    config = JetstreamSource.validate_config({"url": server.url, "batch_s": 0.1, "max_duration_s": 60,
                                              "query_check_s": 0.2})
    with store.write() as conn:
        add_source(conn, name="firehose", kind="jetstream", config=config)
    scheduler = Scheduler(store, poll_s=0.2)
    thread = threading.Thread(target=scheduler.run, daemon=True)
    thread.start()
    try:
        def matches() -> int:
            with store.read() as conn:
                return count_matches(conn, query_id=get_query(conn, name="brand").id)

        assert wait_for(lambda: matches() == 1)
        server.push(post(3, "Nordbrew support answered within minutes"))
        assert wait_for(lambda: matches() == 2)  # the stream is still running: the stages keep up
        assert wait_for(lambda: len(search_mentions(store, parse("support")).mentions) == 1)
    finally:
        started = time.monotonic()
        scheduler.stop()
        thread.join(timeout=30)
    assert not thread.is_alive() and time.monotonic() - started < 15


def test_run_once_leaves_streams_out(store, jetstream_server) -> None:
    server = jetstream_server([post(1, "Nordbrew")])
    config = JetstreamSource.validate_config({"url": server.url, "batch_s": 0.1})
    with store.write() as conn:
        add_source(conn, name="firehose", kind="jetstream", config=config)
    started = time.monotonic()
    assert Scheduler(store, poll_s=0.1).run(once=True) == []
    assert time.monotonic() - started < 10
