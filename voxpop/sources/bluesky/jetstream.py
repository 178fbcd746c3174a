"""Follow the Bluesky firehose through Jetstream (plain JSON over a WebSocket), keeping only the posts
the workspace's saved queries could match (and an optional baseline sample).

``collect`` never ends on its own (unless ``max_duration_s`` is set): it yields a Batch at least
every ``batch_s`` seconds, or sooner when ``batch_max`` posts are waiting, with the cursor
``{"time_us": …}`` of the last event read — also when nothing was kept, so a quiet filter still
moves the cursor. The runner stores each batch with its cursor and asks whether to stop in between.

After any disconnect (and at every start) it resumes from the stored ``time_us`` minus
``rewind_s``: Jetstream replays from a time, and what is replayed has the same at:// URI, so the
store's upsert adds nothing twice. Reconnects back off exponentially; after ``MAX_FAILURES``
failures in a row the source reports a transient error and the scheduler's backoff takes over.

Events: a post created or updated → a mention (an update is an edit); a post deleted → a tombstone
for the stored mention, if there is one; ``identity`` and ``account`` events are read and ignored
on purpose; other collections (likes, reposts, follows) are skipped, though with
``wantedCollections=app.bsky.feed.post`` the server does not send them. An unknown event kind
becomes a Reject, so a newer Jetstream cannot stop the stream.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Generator, Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit

from websockets.exceptions import InvalidStatus, WebSocketException
from websockets.sync.client import ClientConnection, connect

from voxpop.match.prefilter import QueryWatcher, load_saved
from voxpop.query import analyse
from voxpop.records import MentionDraft, Reject
from voxpop.settings import Settings
from voxpop.sources.base import Batch, RateLimited, SourceConfigError, SourceGone, TransientFetchError
from voxpop.sources.bluesky import parse
from voxpop.sources.fetch import resolve_allowed

#: Consecutive failed connections before the source reports a transient error.
MAX_FAILURES = 8
#: The largest message accepted (Jetstream events are a few KB; the record limit applies on top).
MAX_MESSAGE = 2 * 1024 * 1024

Connector = Callable[[str], ClientConnection]


class JetstreamSource:
    kind: ClassVar[str] = "jetstream"
    #: never ends on its own: the scheduler keeps it running and leaves it out of ``run --once``
    streaming: ClassVar[bool] = True
    description: ClassVar[str] = "Bluesky firehose (Jetstream): every new public post the saved queries could match"

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> dict[str, Any]:
        return parse.validate_jetstream_config(config).model_dump()

    def __init__(self, *, source_id: int, name: str, config: dict[str, Any], settings: Settings,
                 store: Any = None, watcher: QueryWatcher | None = None, connector: Connector | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.source_id = source_id
        self.name = name
        self.config = parse.validate_jetstream_config(config)
        self._settings = settings
        self._store = store
        self._watcher = watcher
        self._connector = connector
        self._sleep = sleep
        #: events read, posts kept, posts dropped by the prefilter (for the benchmark and logs)
        self.events = 0

    # --- the prefilter ---

    def watcher(self) -> QueryWatcher:
        if self._watcher is None:
            if self._store is None:
                from voxpop.store import open_store

                self._store = open_store(self._settings)
            store = self._store
            self._watcher = QueryWatcher(lambda: load_saved(store), sample_rate=self.config.sample_rate,
                                         check_s=self.config.query_check_s)
        return self._watcher

    # --- the stream ---

    def collect(self, cursor: dict[str, Any]) -> Iterator[Batch]:
        owns_store = self._store is None and self._watcher is None
        try:
            yield from self._collect(cursor)
        finally:
            if owns_store and self._store is not None:
                self._store.dispose()  # opened here for the saved queries
                self._store, self._watcher = None, None

    def _collect(self, cursor: dict[str, Any]) -> Iterator[Batch]:
        stored = cursor.get("time_us") if isinstance(cursor, dict) else None
        state = {"time_us": stored if isinstance(stored, int) and stored > 0 else None}
        started = time.monotonic()
        failures = 0
        while not self._expired(started):
            since = state["time_us"]
            resume = None if since is None else max(1, since - int(self.config.rewind_s * 1_000_000))
            url = parse.subscribe_url(self.config.url, cursor_us=resume)
            try:
                ws = self._connect(url)
            except (OSError, WebSocketException, TimeoutError) as exc:
                self._refuse_for_good(exc)
                failures += 1
                if failures >= MAX_FAILURES:
                    raise TransientFetchError(f"cannot connect to {self._shown()}: {_why(exc)}") from exc
                yield from self._wait(failures, started)
                continue
            with ws:  # closed on leaving, also when the runner stops between batches
                read_any = yield from self._read(ws, state, started)
            if read_any:
                failures = 0
            elif not self._expired(started):
                failures += 1
                if failures >= MAX_FAILURES:
                    raise TransientFetchError(f"{self._shown()} keeps closing the connection")
                yield from self._wait(failures, started)

    def _read(self, ws: ClientConnection, state: dict[str, Any], started: float) -> Generator[Batch, None, bool]:
        """Batches from one connection until it closes (or time is up); returns whether any event came."""
        mentions: list[MentionDraft] = []
        rejects: list[Reject] = []
        deletions: list[str] = []
        last = state["time_us"]
        read_any = False
        flushed_at = time.monotonic()
        while True:
            closed = False
            wait = max(0.0, self.config.batch_s - (time.monotonic() - flushed_at))
            try:
                message = ws.recv(timeout=wait)
            except TimeoutError:
                message = None
            except WebSocketException:
                message, closed = None, True
            if message is not None:
                read_any = True
                time_us = self._one(message, mentions, rejects, deletions)
                if time_us is not None:
                    last = time_us if last is None else max(last, time_us)
            due = time.monotonic() - flushed_at >= self.config.batch_s or len(mentions) >= self.config.batch_max
            if due or closed or self._expired(started):
                if last != state["time_us"] or mentions or rejects or deletions:
                    state["time_us"] = last
                    yield Batch(mentions=mentions, rejects=rejects, deletions=deletions,
                                cursor={"time_us": last} if last is not None else None)
                    mentions, rejects, deletions = [], [], []
                else:
                    yield Batch()  # nothing new: still a moment for the runner to ask whether to stop
                flushed_at = time.monotonic()
            if closed or self._expired(started):
                return read_any

    def _one(self, message: str | bytes, mentions: list[MentionDraft], rejects: list[Reject],
             deletions: list[str]) -> int | None:
        self.events += 1
        try:
            event = parse.read_event(message, collected_at=datetime.now(UTC),
                                     max_record_bytes=self._settings.max_record_bytes)
        except parse.UnknownEvent as exc:
            raw = message.encode() if isinstance(message, str) else message
            rejects.append(Reject(location="jetstream", reason=str(exc),
                                  excerpt=raw[:200].decode("utf-8", "replace")))
            return None
        if event.reject is not None:
            rejects.append(event.reject)
        elif event.deleted is not None:
            deletions.append(event.deleted)
        elif event.draft is not None:
            draft = event.draft
            if self.watcher().current().keep_text(draft.title, draft.text, lambda: analyse(draft),
                                                  key=draft.external_id):
                mentions.append(draft)
        return event.time_us

    # --- connecting ---

    def _connect(self, url: str) -> ClientConnection:
        if self._connector is not None:
            return self._connector(url)
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "wss" else 80)
        # Connect to an address the policy allows, so the socket goes where it was checked to go.
        addresses = resolve_allowed(host, port, self._settings)
        sock = socket.create_connection((addresses[0], port), timeout=self._settings.fetch_timeout_s)
        try:
            return connect(url, sock=sock, server_hostname=host if parts.scheme == "wss" else None,
                           proxy=None, max_size=MAX_MESSAGE, open_timeout=self._settings.fetch_timeout_s,
                           user_agent_header=self._settings.user_agent, compression=None)
        except BaseException:
            sock.close()
            raise

    def _refuse_for_good(self, exc: BaseException) -> None:
        """Answers at the handshake that retrying cannot fix."""
        if isinstance(exc, InvalidStatus):
            status = exc.response.status_code
            if status == 429:
                raise RateLimited(f"{self._shown()} answered HTTP 429 (slow down)") from exc
            if status in (404, 410):
                raise SourceGone(f"{self._shown()} answered HTTP {status}: no Jetstream there") from exc
            if 400 <= status < 500:
                raise SourceConfigError(f"{self._shown()} refused the subscription (HTTP {status}); "
                                        "check the url's parameters") from exc

    def _wait(self, failures: int, started: float) -> Iterator[Batch]:
        """Back off before reconnecting, in slices of at most a second, each followed by an empty
        batch so that a service shutting down is not kept waiting."""
        delay = min(self.config.backoff_s * 2 ** (failures - 1), self.config.backoff_max_s)
        end = time.monotonic() + delay
        while not self._expired(started):
            left = end - time.monotonic()
            if left <= 0:
                return
            self._sleep(min(left, 1.0))
            yield Batch()

    def _expired(self, started: float) -> bool:
        limit = self.config.max_duration_s
        return limit is not None and time.monotonic() - started >= limit

    def _shown(self) -> str:
        parts = urlsplit(self.config.url)
        return f"{parts.scheme}://{parts.netloc}{parts.path}"


def _why(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__
