"""The jetstream connector against a real WebSocket server on 127.0.0.1: posts kept by the saved
queries are stored, edits update, deletes leave tombstones, a dropped connection resumes from the
cursor without losing or repeating posts, and a query added while running changes the filter."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from voxpop.ingest.runner import run_source
from voxpop.match.prefilter import QueryWatcher, load_saved
from voxpop.sources import registry
from voxpop.sources.base import SourceConfigError, TransientFetchError
from voxpop.sources.bluesky import parse
from voxpop.sources.bluesky.jetstream import JetstreamSource
from voxpop.store.mentions import TOMBSTONE_HASH, get_raw, history, iter_mentions, recent_rejects
from voxpop.store.queries import add_query
from voxpop.store.sources import add_source, get_source

FIXTURES = Path(__file__).resolve().parents[3] / "voxpop" / "sources" / "bluesky" / "fixtures"
EVENTS = (FIXTURES / "jetstream__events.ndjson").read_text().splitlines()
T0 = 1741172520000000
ANNA = "at://did:plc:annahansen4c7u2g5ahxjqtrz/app.bsky.feed.post/3l3rbb2x7fs2k"


def post(n: int, text: str, time_us: int) -> str:
    return json.dumps({"did": "did:plc:poster0000000000000000000", "time_us": time_us, "kind": "commit",
                       "commit": {"rev": "3l3qo2vutsw2b", "operation": "create", "collection": "app.bsky.feed.post",
                                  "rkey": f"3l3post{n:06d}", "cid": "bafyrei",
                                  "record": {"$type": "app.bsky.feed.post", "text": text, "langs": ["en"],
                                             "createdAt": "2025-03-05T11:02:00.000Z"}}})


def jetstream_row(store, url: str, **config: Any):
    config = JetstreamSource.validate_config({"url": url, "batch_s": 0.1, "max_duration_s": 1.5, "rewind_s": 0.000002,
                                              "backoff_s": 0.05, **config})
    with store.write() as conn:
        return add_source(conn, name="firehose", kind="jetstream", config=config)


def stored(store) -> dict[str, Any]:
    with store.read() as conn:
        return {m.external_id: m for m in iter_mentions(conn)}


def test_posts_the_queries_could_match_are_stored_edits_update_deletes_tombstone(store, jetstream_server) -> None:
    with store.write() as conn:
        add_query(conn, name="nordbrew", text="nordbrew AND lang:da")
    server = jetstream_server(EVENTS[:6])  # create, like, unrelated post, identity, account, update
    row = jetstream_row(store, server.url)
    report = run_source(store, row)
    assert report.error is None, report.error
    mentions = stored(store)
    assert list(mentions) == [ANNA]  # the ramen post could match no query; the like is another collection
    anna = mentions[ANNA]
    assert anna.text == "Har nogen prøvet Nordbrew? Min pakke er fire dage forsinket" and anna.version == 2
    assert anna.author == "did:plc:annahansen4c7u2g5ahxjqtrz" and anna.lang == "da" and anna.channel == "bluesky"
    assert anna.url == "https://bsky.app/profile/did:plc:annahansen4c7u2g5ahxjqtrz/post/3l3rbb2x7fs2k"
    with store.read() as conn:
        assert get_source(conn, source_id=row.id).cursor == {"time_us": T0 + 6}
        assert json.loads(get_raw(conn, mention_id=anna.id))["commit"]["operation"] == "update"
    assert server.cursors == [None]

    server.push(EVENTS[6])  # the delete
    server.push(EVENTS[7])  # a post without createdAt
    with store.read() as conn:
        row = get_source(conn, source_id=row.id)
    assert run_source(store, row).error is None
    assert server.cursors[-1] == T0 + 6 - 2  # resumed from the stored cursor, rewound
    gone = stored(store)[ANNA]
    assert gone.text == "" and gone.version == 3
    with store.read() as conn:
        assert history(conn, mention_id=gone.id) == []  # earlier versions' text goes too
        assert get_raw(conn, mention_id=gone.id) == b""
        rejects = recent_rejects(conn, source_id=row.id)
        assert any("createdAt is missing" in r["reason"] for r in rejects)
        tombstone_hash = conn.exec_driver_sql("SELECT content_hash FROM mentions").scalar_one()
    assert tombstone_hash == TOMBSTONE_HASH

    # a replay of the post (a rewound cursor) does not bring the text back
    with store.read() as conn:
        row = get_source(conn, source_id=row.id)
    server2 = jetstream_server(EVENTS[:1])
    assert run_source(store, row, config={**row.config, "url": server2.url}).error is None
    assert stored(store)[ANNA].text == ""


def test_a_dropped_connection_resumes_from_the_cursor_without_losing_or_repeating(store, jetstream_server) -> None:
    with store.write() as conn:
        add_query(conn, name="acme", text="acme")
    events = [post(n, f"acme kettle number {n}" if n % 2 == 0 else f"other thing {n}", T0 + 10 * n)
              for n in range(200)]
    server = jetstream_server(events)
    server.drop_after = 57
    row = jetstream_row(store, server.url, rewind_s=0.0001)  # 100 µs: ten events are replayed
    report = run_source(store, row)
    assert report.error is None
    assert len(server.cursors) == 2 and server.cursors[0] is None
    assert server.cursors[1] == T0 + 10 * 56 - 100  # the last event read before the drop, rewound
    mentions = stored(store)
    assert sorted(mentions) == sorted(f"at://did:plc:poster0000000000000000000/app.bsky.feed.post/3l3post{n:06d}"
                                      for n in range(0, 200, 2))
    assert report.counts.inserted == 100 and all(m.version == 1 for m in mentions.values())
    with store.read() as conn:
        assert get_source(conn, source_id=row.id).cursor == {"time_us": T0 + 10 * 199}


def test_a_query_added_while_running_changes_the_filter(store, settings, jetstream_server) -> None:
    server = jetstream_server([post(1, "green tea is great", T0 + 1)])
    config = {"url": server.url, "batch_s": 0.05, "query_check_s": 0.1}
    watcher = QueryWatcher(lambda: load_saved(store), check_s=0.1)
    source = JetstreamSource(source_id=1, name="firehose", config=config, settings=settings, watcher=watcher)
    kept: list[str] = []
    batches = source.collect({})
    deadline = time.monotonic() + 10
    added = False
    for batch in batches:
        kept.extend(m.text for m in batch.mentions)
        cursor = (batch.cursor or {}).get("time_us")
        if cursor == T0 + 1 and not added:
            with store.write() as conn:
                add_query(conn, name="tea", text="tea")
            added = True
            time.sleep(0.15)
            server.push(post(2, "more tea please", T0 + 2))
        if cursor == T0 + 2 or time.monotonic() > deadline:
            break
    batches.close()
    assert kept == ["more tea please"]
    assert watcher.rebuilds == 2


def test_a_sample_of_what_no_query_matches_can_be_kept(store, settings, jetstream_server) -> None:
    events = [post(n, f"random chatter {n}", T0 + n) for n in range(1, 401)]
    server = jetstream_server(events)
    config = {"url": server.url, "batch_s": 0.05, "sample_rate": 0.1, "max_duration_s": 1.0}
    source = JetstreamSource(source_id=1, name="firehose", config=config, settings=settings, store=store)
    kept = [m for b in source.collect({}) for m in b.mentions]
    assert 20 < len(kept) < 70


def test_an_unreachable_server_is_retried_with_backoff_then_reported(settings) -> None:
    config = {"url": "ws://127.0.0.1:9/subscribe", "backoff_s": 0.01, "backoff_max_s": 0.02}
    source = JetstreamSource(source_id=1, name="firehose", config=config, settings=settings,
                             watcher=QueryWatcher(lambda: load_saved(None)))
    with pytest.raises(TransientFetchError, match="cannot connect"):
        list(source.collect({}))


def test_events_are_read_as_documented() -> None:
    now = parse.datetime.now(parse.UTC)
    read = [parse.read_event(line, collected_at=now, max_record_bytes=100_000) for line in EVENTS]
    assert [e.time_us for e in read] == [T0 + n for n in range(1, 9)]
    assert [bool(e.draft) for e in read] == [True, False, True, False, False, True, False, False]
    assert read[6].deleted == ANNA and read[7].reject is not None
    with pytest.raises(parse.UnknownEvent):
        parse.read_event('{"time_us": 5, "kind": "sync"}', collected_at=now, max_record_bytes=100_000)


def test_config_is_checked() -> None:
    cls = registry.load("jetstream")
    assert cls.validate_config({})["url"] == parse.DEFAULT_JETSTREAM
    with pytest.raises(SourceConfigError, match="WebSocket URL"):
        cls.validate_config({"url": "https://example.com"})
    with pytest.raises(SourceConfigError, match="wss"):
        cls.validate_config({"url": "ws://jetstream.example/subscribe"})
    with pytest.raises(SourceConfigError, match="sample_rate"):
        cls.validate_config({"sample_rate": 2})
    assert parse.subscribe_url(parse.DEFAULT_JETSTREAM + "&cursor=1", cursor_us=42).endswith(
        "?wantedCollections=app.bsky.feed.post&cursor=42")
