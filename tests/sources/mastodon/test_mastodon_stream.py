"""The mastodon_stream connector against a real server-sent-events server on 127.0.0.1: events become
mentions and tombstones, and after the stream closes the source reconnects and fills the gap
through the REST timeline with min_id."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from voxpop.settings import Settings
from voxpop.sources import registry
from voxpop.sources.base import AuthExpired, Batch, SourceConfigError
from voxpop.sources.mastodon.stream import MastodonStreamSource

FIXTURES = Path(__file__).resolve().parents[3] / "voxpop" / "sources" / "mastodon" / "fixtures"
HASHTAG = json.loads((FIXTURES / "timeline__hashtag.json").read_text())
PAGE2 = json.loads((FIXTURES / "timeline__page2.json").read_text())


class SseServer:
    """/api/v1/streaming/hashtag answers the queued event streams, one per connection (then closes);
    /api/v1/timelines/tag/nordbrew answers the REST pages by min_id."""

    def __init__(self) -> None:
        self.streams: list[list[tuple[str, str]]] = []
        self.status = 200
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                return

            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                if self.path.startswith("/api/v1/streaming/hashtag"):
                    return self._stream()
                if self.path.startswith("/api/v1/timelines/tag/nordbrew"):
                    body = json.dumps([] if "min_id=112043991400452242" in self.path else
                                      PAGE2 if "min_id=" in self.path else HASHTAG).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return None
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None

            def _stream(self) -> None:
                if server.status != 200:
                    self.send_response(server.status)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                events = server.streams.pop(0) if server.streams else []
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(b":)\n\n")
                for event, data in events:
                    self.wfile.write(f"event: {event}\ndata: {data}\n\n".encode())
                    self.wfile.flush()
                self.wfile.write(b":thump\n\n")
                self.close_connection = True

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@pytest.fixture
def sse() -> Iterator[SseServer]:
    server = SseServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(environment="test", data_dir=tmp_path / "data", fetch_allowed_hosts=["127.0.0.1"],
                    fetch_timeout_s=2)


def status(status_id: str, text: str, *, edited: bool = False) -> str:
    base = dict(HASHTAG[1])
    base.update(id=status_id, uri=f"{base['uri'].rsplit('/', 1)[0]}/{status_id}", content=f"<p>{text}</p>",
                url=f"{base['url'].rsplit('/', 1)[0]}/{status_id}",
                edited_at="2024-03-06T10:00:00.000Z" if edited else None)
    return json.dumps(base)


def source(sse: SseServer, settings: Settings, **config: Any) -> MastodonStreamSource:
    return MastodonStreamSource(source_id=1, name="live", settings=settings, sleep=lambda s: None,
                                config={"instance": sse.base_url, "hashtag": "nordbrew", "batch_s": 0.2,
                                        "backoff_s": 0.01, "max_duration_s": 2.5, **config})


def test_events_become_mentions_and_deletes_tombstones_and_the_gap_is_filled(sse: SseServer,
                                                                            settings: Settings) -> None:
    sse.streams = [
        [("update", status("112044000000000001", "Nordbrew live one")),
         ("status.update", status("112044000000000001", "Nordbrew live one, edited", edited=True)),
         ("delete", "112042917953540242"),  # a status the gap fill brought in
         ("notification", "{}"),  # not on this stream; read and skipped
         ("poll.vote", "{}")],
        [("update", status("112044000000000002", "Nordbrew live two"))],
    ]
    live = source(sse, settings)
    assert live.streaming and registry.load("mastodon_stream") is MastodonStreamSource
    batches: list[Batch] = list(live.collect({}))
    texts = [m.text for b in batches for m in b.mentions]
    # the gap fill (the REST timeline's latest page, oldest first) comes before the stream's events
    assert [m.external_id for b in batches for m in b.mentions][:3] == [s["uri"] for s in reversed(HASHTAG)]
    assert "Nordbrew live one" in texts and "Nordbrew live one, edited" in texts and "Nordbrew live two" in texts
    deletions = [d for b in batches for d in b.deletions]
    assert deletions == [HASHTAG[1]["uri"]]
    rejects = [r.reason for b in batches for r in b.rejects]
    assert rejects == ["unknown stream event 'poll.vote'"]
    paths = [p for p, _ in sse.requests]
    streams = [p for p in paths if "streaming" in p]
    assert len(streams) >= 2 and streams[0] == "/api/v1/streaming/hashtag?tag=nordbrew"
    rest = [p for p in paths if "timelines" in p]
    # the first connect reads the latest page; the reconnect asks only for what is newer than the stream's last
    assert "min_id" not in rest[0] and "min_id=112044000000000001" in rest[1]
    last = [b.cursor for b in batches if b.cursor][-1]
    assert last["newest_id"] >= "112044000000000002" and last["feed"].endswith("tag:nordbrew")


def test_a_restart_fills_the_gap_from_the_stored_cursor(sse: SseServer, settings: Settings) -> None:
    live = source(sse, settings, max_duration_s=0.5)
    batches = list(live.collect({"feed": f"{sse.base_url} tag:nordbrew", "newest_id": "112043320934404242"}))
    assert sse.requests[1][0].endswith("min_id=112043320934404242")
    assert sorted(m.external_id for b in batches for m in b.mentions) == sorted(s["uri"] for s in PAGE2)


def test_the_token_goes_to_the_instance_and_a_refusal_needs_attention(sse: SseServer, settings: Settings) -> None:
    sse.status = 401
    with pytest.raises(AuthExpired, match="streams only to signed-in apps") as caught:
        list(source(sse, settings, token="sekrit-token").collect({}))
    assert "sekrit" not in str(caught.value)
    assert sse.requests[0][1]["authorization"] == "Bearer sekrit-token"
    cleaned = MastodonStreamSource.validate_config({"instance": "mastodon.social", "timeline": "local", "token": "t"})
    assert cleaned["instance"] == "https://mastodon.social"
    with pytest.raises(SourceConfigError, match="exactly one"):
        MastodonStreamSource.validate_config({"instance": "mastodon.social"})
