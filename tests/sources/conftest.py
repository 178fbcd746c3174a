"""A real HTTP server on 127.0.0.1 with programmable routes, and settings that allow it.

Routes say status, headers, body, validators (answering 304 when they match), gzip, a delay
before answering, a trickle between body bytes, and redirects. Every request is recorded.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from voxpop.settings import Settings

PACKAGE = Path(__file__).resolve().parents[2] / "voxpop" / "sources"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    #: Answer 304 when the request's If-None-Match / If-Modified-Since match these.
    etag: str | None = None
    last_modified: str | None = None
    gzip: bool = False
    #: Seconds to wait before answering at all (a hanging server).
    delay: float = 0.0
    #: Seconds between body bytes (a trickling server).
    trickle: float = 0.0
    #: Redirect target (absolute or relative); status defaults to 302 when set.
    location: str | None = None
    #: Send no Content-Length (the body ends when the connection closes).
    chunked: bool = False


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self.stopping = threading.Event()
        self._httpd = _QuietServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self.port = self._httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def url(self, path: str) -> str:
        return self.base_url + path

    def add(self, path: str, route: Route | None = None, **fields: object) -> str:
        """Serve ``route`` (or a Route made of ``fields``) at ``path``; returns its URL."""
        self.routes[path] = route or Route(**fields)  # type: ignore[arg-type]
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        return self.add(path, status=status, location=to)

    def hits(self, path: str) -> list[Seen]:
        return [seen for seen in self.requests if seen.path == path]

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # Clients that hang up early (a refused or timed-out fetch) are expected here.
        return


def _handler_for(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet tests
            return

        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            server.requests.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = server.routes.get(self.path) or server.routes.get(self.path.split("?", 1)[0])
            if route is None:
                route = Route(status=404, body=b"not found")
            if route.delay and server.stopping.wait(route.delay):
                return
            if self._not_modified(route):
                self.send_response(304)
                self._validators(route)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status = route.status if not (route.location and route.status == 200) else 302
            body = gzip.compress(route.body) if route.gzip else route.body
            self.send_response(status)
            if route.location:
                self.send_header("Location", route.location)
            self.send_header("Content-Type", route.content_type)
            if route.gzip:
                self.send_header("Content-Encoding", "gzip")
            self._validators(route)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.chunked or route.trickle:
                self.send_header("Connection", "close")
                self.close_connection = True
            else:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                if route.trickle:
                    for i in range(len(body)):
                        if server.stopping.wait(route.trickle):
                            return
                        self.wfile.write(body[i : i + 1])
                        self.wfile.flush()
                else:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                return

        def _not_modified(self, route: Route) -> bool:
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                return True
            return bool(route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified)

        def _validators(self, route: Route) -> None:
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.last_modified:
                self.send_header("Last-Modified", route.last_modified)

    return Handler


@pytest.fixture
def server() -> Iterator[LocalServer]:
    local = LocalServer()
    local.start()
    try:
        yield local
    finally:
        local.stop()


@pytest.fixture
def fetch_settings() -> Settings:
    """Test settings: the local server allowed, a short timeout so hangs end quickly.

    Named fetch_settings so it never shadows a general `settings` fixture of other tests.
    """
    return Settings(
        environment="test",
        fetch_allowed_hosts=["127.0.0.1"],
        fetch_timeout_s=2,
        fetch_max_bytes=200_000,
        fetch_max_redirects=3,
    )


@pytest.fixture
def fixture_bytes() -> Callable[[str, str], bytes]:
    """The recorded payload ``name`` of connector ``kind`` (voxpop/sources/<kind>/fixtures/)."""

    def load(kind: str, name: str) -> bytes:
        return (PACKAGE / kind / "fixtures" / name).read_bytes()

    return load
