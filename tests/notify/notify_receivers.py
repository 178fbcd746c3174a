"""Real receivers on 127.0.0.1 for the delivery tests (conftest.py makes them fixtures): an HTTP
receiver that behaves like a careful webhook consumer (checks the signature, processes each
Idempotency-Key once, drops repeats) and can be told to fail with 500s, to process a request and
then hang past the client's time limit, or to refuse with a 4xx; and a small SMTP server that keeps
the messages it accepts. (A uniquely named module: several test folders have a conftest.py.)"""

from __future__ import annotations

import socket
import socketserver
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from voxpop.notify.destinations.webhook import SignatureInvalid, verify_signature
from voxpop.store import Store
from voxpop.store.outbox import DestinationRow, add_destination

SECRET = "test-secret-0123456789abcdef"


@dataclass
class Received:
    key: str | None
    body: bytes
    headers: dict[str, str]


@dataclass
class Receiver:
    """What to answer comes from ``plan`` (one action per request, in order; then ``default``):
    "ok"; "500" (not processed); "hang" (processed, then no answer for ``hang_s``); "410"."""

    plan: list[str] = field(default_factory=list)
    default: str = "ok"
    hang_s: float = 2.0
    secret: str | None = SECRET
    received: list[Received] = field(default_factory=list)
    processed: Counter[str] = field(default_factory=Counter)
    bodies: dict[str, bytes] = field(default_factory=dict)
    refused_signatures: int = 0
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    url: str = ""

    def next_action(self) -> str:
        with self.lock:
            return self.plan.pop(0) if self.plan else self.default

    def handle(self, key: str | None, body: bytes, headers: dict[str, str]) -> tuple[int, bytes, float]:
        """(status, body, seconds to hang before answering) for one request."""
        with self.lock:
            self.received.append(Received(key, body, headers))
        if self.secret is not None:
            try:
                verify_signature(self.secret, body=body, timestamp=headers.get("x-voxpop-timestamp"),
                                 signature=headers.get("x-voxpop-signature"))
            except SignatureInvalid as exc:
                with self.lock:
                    self.refused_signatures += 1
                return 401, str(exc).encode(), 0.0
        action = self.next_action()
        if action == "500":
            return 500, b"internal error", 0.0
        if action == "410":
            return 410, b"gone", 0.0
        with self.lock:
            if key is not None and key in self.bodies:
                return 200, b"duplicate dropped", 0.0  # a repeat: acknowledged, not processed again
            if key is not None:
                self.bodies[key] = body
            self.processed[key or ""] += 1
        return 200, b"ok", self.hang_s if action == "hang" else 0.0

    def received_keys(self) -> Counter[str]:
        return Counter(r.key or "" for r in self.received)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        return  # clients that time out and hang up are expected here


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # the body would otherwise wait ~40 ms for the client's delayed ACK

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            return

        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, answer, hang = receiver.handle(headers.get("idempotency-key"), body, headers)
            if hang and receiver.stopping.wait(hang):
                return
            try:
                self.send_response(status)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)
            except (BrokenPipeError, ConnectionResetError):
                return

    return Handler


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    rec = Receiver()
    httpd = _QuietServer(("127.0.0.1", 0), _handler(rec))
    rec.url = f"http://127.0.0.1:{httpd.server_address[1]}/hook"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield rec
    finally:
        rec.stopping.set()
        httpd.shutdown()
        httpd.server_close()


def webhook_destination(
    store: Store, receiver: Receiver, *, name: str = "ops", timeout_s: float = 1.0
) -> DestinationRow:
    with store.write() as conn:
        return add_destination(conn, name=name, kind="webhook",
                               config={"url": receiver.url, "secret": SECRET, "timeout_s": timeout_s})


# ---- a small SMTP server ------------------------------------------------------------------------


@dataclass
class Mailbox:
    """Messages accepted, as raw bytes; ``answer_data`` replaces the reply to DATA's end (e.g. 451)."""

    messages: list[bytes] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    answer_data: str = "250 2.0.0 queued"
    host: str = "127.0.0.1"
    port: int = 0


def _smtp_handler(box: Mailbox) -> type[socketserver.StreamRequestHandler]:
    class Handler(socketserver.StreamRequestHandler):
        def reply(self, line: str) -> None:
            self.wfile.write(line.encode() + b"\r\n")
            self.wfile.flush()

        def handle(self) -> None:
            self.reply("220 test ESMTP")
            sender, recipients = "", []
            while True:
                line = self.rfile.readline()
                if not line:
                    return
                verb = line.decode().strip().split(" ", 1)[0].upper()
                argument = line.decode().strip()[len(verb):].strip()
                if verb in ("EHLO", "HELO"):
                    self.reply("250-test greets you")
                    self.reply("250 8BITMIME")
                elif verb == "MAIL":
                    sender, recipients = argument.split(":", 1)[1].strip().strip("<>").split(">")[0], []
                    self.reply("250 ok")
                elif verb == "RCPT":
                    recipients.append(argument.split(":", 1)[1].strip().strip("<>"))
                    self.reply("250 ok")
                elif verb == "DATA":
                    self.reply("354 go on")
                    lines: list[bytes] = []
                    while True:
                        data = self.rfile.readline()
                        if data in (b".\r\n", b""):
                            break
                        lines.append(data[1:] if data.startswith(b"..") else data)
                    if box.answer_data.startswith("250"):
                        box.messages.append(b"".join(lines))
                        box.envelopes.append((sender, recipients))
                    self.reply(box.answer_data)
                elif verb == "QUIT":
                    self.reply("221 bye")
                    return
                elif verb in ("RSET", "NOOP"):
                    self.reply("250 ok")
                else:
                    self.reply("502 not implemented")

    return Handler


class _SMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    address_family = socket.AF_INET


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    box = Mailbox()
    server = _SMTPServer(("127.0.0.1", 0), _smtp_handler(box))
    box.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield box
    finally:
        server.shutdown()
        server.server_close()
