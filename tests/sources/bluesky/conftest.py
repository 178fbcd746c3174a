"""A recorded Bluesky (XRPC answers through httpx.MockTransport, requests kept) and a real Jetstream
WebSocket server on 127.0.0.1 that replays events from a cursor and can drop the connection."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from websockets.sync.server import ServerConnection, serve

from voxpop.settings import Settings
from voxpop.sources.bluesky import source as bluesky_source

FIXTURES = Path(__file__).resolve().parents[3] / "voxpop" / "sources" / "bluesky" / "fixtures"
APPVIEW = "https://public.api.bsky.app"
SERVICE = "https://bsky.social"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@dataclass
class Answer:
    body: bytes
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


class RecordedBluesky:
    """Answers by method name (``app.bsky.feed.getAuthorFeed``), optionally by one query value
    (``cursor``); a list of answers is served in turn (the last one repeats)."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str | None], list[Answer]] = {}
        self.requests: list[httpx.Request] = []
        self.client = httpx.Client(transport=httpx.MockTransport(self._answer))

    def add(self, method: str, body: bytes | dict[str, Any], *, status: int = 200, cursor: str | None = None,
            headers: dict[str, str] | None = None) -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        answer = Answer(data, status, {"Content-Type": "application/json; charset=utf-8", **(headers or {})})
        self.routes.setdefault((method, cursor), []).append(answer)

    def _answer(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        method = request.url.path.removeprefix("/xrpc/")
        cursor = parse_qs(urlsplit(str(request.url)).query).get("cursor", [None])[0]
        answers = self.routes.get((method, cursor)) or self.routes.get((method, None))
        if not answers:
            return httpx.Response(501, json={"error": "MethodNotImplemented", "message": "Method Not Implemented"})
        answer = answers.pop(0) if len(answers) > 1 else answers[0]
        return httpx.Response(answer.status, content=answer.body, headers=answer.headers)

    def calls(self, method: str) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.path == f"/xrpc/{method}"]


@pytest.fixture
def bluesky() -> Iterator[RecordedBluesky]:
    bluesky_source._SESSIONS.clear()  # sessions are kept per process; each test logs in afresh
    yield RecordedBluesky()
    bluesky_source._SESSIONS.clear()


@pytest.fixture
def recorded() -> Callable[[], RecordedBluesky]:
    """Another recorded Bluesky, for a test that needs two."""
    return RecordedBluesky


@pytest.fixture
def bluesky_settings() -> Settings:
    return Settings(environment="test", fetch_allowed_hosts=["public.api.bsky.app", "bsky.social", "127.0.0.1"],
                    fetch_timeout_s=2)


class JetstreamServer:
    """Serves ``events`` (JSON lines) from the requested ``cursor`` on: every event with
    time_us >= cursor, in order. ``drop_after`` closes the connection after that many events
    of a connection (once); ``hold`` keeps the socket open after the last event."""

    def __init__(self, events: list[str]) -> None:
        self.events = events
        self.cursors: list[int | None] = []
        self.drop_after: int | None = None
        self.sent = 0
        self.more = threading.Event()
        self._server = serve(self._handle, "127.0.0.1", 0, compression=None)
        self.port = self._server.socket.getsockname()[1]
        self.url = f"ws://127.0.0.1:{self.port}/subscribe?wantedCollections=app.bsky.feed.post"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def _handle(self, ws: ServerConnection) -> None:
        query = parse_qs(urlsplit(ws.request.path if ws.request else "").query)
        cursor = int(query["cursor"][0]) if "cursor" in query else None
        self.cursors.append(cursor)
        sent_here = 0
        position = 0
        while True:
            while position < len(self.events):
                line = self.events[position]
                position += 1
                if cursor is not None and json.loads(line)["time_us"] < cursor:
                    continue
                if self.drop_after is not None and sent_here >= self.drop_after:
                    self.drop_after = None
                    ws.close()
                    return
                ws.send(line)
                sent_here += 1
                self.sent += 1
            # the live tail: wait for more events, or for the client to go
            self.more.wait(0.05)
            self.more.clear()
            try:
                ws.recv(timeout=0)
            except TimeoutError:
                continue
            except Exception:
                return

    def push(self, line: str) -> None:
        self.events.append(line)
        self.more.set()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()


@pytest.fixture
def jetstream_server() -> Iterator[Callable[[list[str]], JetstreamServer]]:
    servers: list[JetstreamServer] = []

    def make(events: list[str]) -> JetstreamServer:
        server = JetstreamServer(list(events))
        server.start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()
