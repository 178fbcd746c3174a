"""Follow a Mastodon hashtag or the public/local timeline live through the streaming API (server-sent
events at ``/api/v1/streaming/hashtag?tag=…``, ``/public``, ``/public/local``).

``collect`` never ends on its own (unless ``max_duration_s`` is set): it yields a Batch at least every
``batch_s`` seconds. A stream cannot replay, so every (re)connect first opens the stream, then fills
the gap since the last stored status through the REST timeline (``min_id``, voxpop.sources.mastodon
.source, the same cursor ``{"feed", "newest_id"}``), then reads the events that arrived meanwhile
and after. What the gap fill and the stream both bring has the same ``uri`` and is stored once.

Events: ``update`` (a new status) and ``status.update`` (an edit) → a mention; ``delete`` (a status
id) → a tombstone for its ``uri`` when this process has seen that status (the event carries only
the server's local id, so statuses stored by an earlier process are not tombstoned by a delete);
heartbeat comments are read and ignored; any other event (``notification``, ``announcement``…) is
listed in IGNORED_EVENTS or becomes a Reject. Reconnects back off exponentially; after
``MAX_FAILURES`` failures in a row the source reports a transient error and the scheduler's backoff
takes over. The token, if any, is sent only to the instance, and never shown.
"""

from __future__ import annotations

import json
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Generator, Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar, Literal
from urllib.parse import urlencode

import httpx
from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_serializer, model_validator

from voxpop.records import MentionDraft, Reject
from voxpop.settings import Settings
from voxpop.sources.base import (
    AuthExpired,
    Batch,
    SourceError,
    TransientFetchError,
    validate_config_model,
)
from voxpop.sources.fetch import build_client, check_url, status_error
from voxpop.sources.mastodon import parse
from voxpop.sources.mastodon.source import MastodonSource

MAX_FAILURES = 8
#: Events read and skipped on purpose (a user stream's events; not sent on these streams).
IGNORED_EVENTS = frozenset({"notification", "conversation", "announcement", "announcement.reaction",
                            "announcement.delete", "filters_changed", "encrypted_message"})
#: Status ids → uris remembered for delete events.
REMEMBERED = 100_000
#: Seconds without a byte (Mastodon sends a heartbeat comment every 15 s) before reconnecting.
SILENCE_S = 60.0


class MastodonStreamConfig(BaseModel):
    """A mastodon_stream source: one server, and a hashtag or the public or local timeline on it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    instance: str
    hashtag: str | None = None
    timeline: Literal["public", "local"] | None = None
    #: An access token; many servers require one for streaming. Masked when shown.
    token: SecretStr | None = None
    #: REST pages read to fill the gap after each (re)connect.
    max_pages: int = Field(5, ge=1, le=50)
    batch_s: float = Field(1.0, gt=0, le=60)
    backoff_s: float = Field(1.0, gt=0, le=60)
    backoff_max_s: float = Field(60.0, gt=0, le=3600)
    max_duration_s: float | None = Field(None, gt=0)

    @field_serializer("token", when_used="always")
    def _dump_token(self, value: SecretStr | None) -> str | None:
        return value.get_secret_value() if value is not None else None

    @model_validator(mode="after")
    def _one_stream(self) -> MastodonStreamConfig:
        if (self.hashtag is None) == (self.timeline is None):
            raise ValueError("give exactly one of hashtag or timeline (public or local)")
        return self

    def rest_config(self) -> dict[str, Any]:
        """The mastodon (REST) source of the same timeline, for filling gaps."""
        config: dict[str, Any] = {"instance": self.instance, "max_pages": self.max_pages}
        config.update({"hashtag": self.hashtag} if self.hashtag else {"timeline": self.timeline})
        if self.token is not None:
            config["token"] = self.token.get_secret_value()
        return config

    def stream_url(self) -> str:
        if self.hashtag is not None:
            return f"{self.instance}/api/v1/streaming/hashtag?{urlencode({'tag': self.hashtag})}"
        return f"{self.instance}/api/v1/streaming/public" + ("/local" if self.timeline == "local" else "")


class MastodonStreamSource:
    kind: ClassVar[str] = "mastodon_stream"
    streaming: ClassVar[bool] = True
    description: ClassVar[str] = "Mastodon live: a hashtag or the public/local timeline over the streaming API"

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> dict[str, Any]:
        return _validate(config).model_dump()

    def __init__(self, *, source_id: int, name: str, config: dict[str, Any], settings: Settings,
                 client: httpx.Client | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        self.source_id = source_id
        self.name = name
        self.config = _validate(config)
        self._settings = settings
        self._client = client
        self._sleep = sleep
        self._rest = MastodonSource(source_id=source_id, name=name, config=self.config.rest_config(),
                                    settings=settings, client=client)
        self._uris: OrderedDict[str, str] = OrderedDict()
        #: connections opened (for tests and logs)
        self.connections = 0

    def collect(self, cursor: dict[str, Any]) -> Iterator[Batch]:
        state = dict(cursor or {})
        started = time.monotonic()
        failures = 0
        client = self._client or build_client(self._settings)
        try:
            while not self._expired(started):
                try:
                    lines = self._open(client)
                except SourceError as exc:
                    if isinstance(exc, AuthExpired) or failures + 1 >= MAX_FAILURES:
                        raise
                    failures += 1
                    yield from self._wait(failures, started)
                    continue
                try:
                    for batch in self._rest.collect(state):  # the gap since the last stored status
                        self._remember(batch.mentions)
                        if batch.cursor:
                            state = dict(batch.cursor)
                        yield batch
                    read_any = yield from self._read(lines, state, started)
                finally:
                    lines.close()
                failures = 0 if read_any else failures + 1
                if failures >= MAX_FAILURES:
                    raise TransientFetchError(f"{self.config.instance} keeps closing the stream")
                if failures:
                    yield from self._wait(failures, started)
        finally:
            if self._client is None:
                client.close()

    # --- the stream ---

    def _open(self, client: httpx.Client) -> _Lines:
        url = self.config.stream_url()
        check_url(url, self._settings)
        headers = {"Accept": "text/event-stream", "User-Agent": self._settings.user_agent}
        if self.config.token is not None:
            headers["Authorization"] = f"Bearer {self.config.token.get_secret_value()}"
        request = client.build_request("GET", url, headers=headers,
                                       timeout=httpx.Timeout(self._settings.fetch_timeout_s, read=SILENCE_S))
        try:
            response = client.send(request, stream=True, follow_redirects=False)
        except httpx.HTTPError as exc:
            raise TransientFetchError(f"cannot open the stream at {_shown(url)}: {type(exc).__name__}") from exc
        error = status_error(response.status_code, response.headers, _shown(url))
        if error is not None:
            response.close()
            if isinstance(error, AuthExpired):
                raise AuthExpired(f"{error}; this server streams only to signed-in apps: set token "
                                  "(see docs/sources/mastodon.md)")
            raise error
        self.connections += 1
        return _Lines(response)

    def _read(self, lines: _Lines, state: dict[str, Any], started: float) -> Generator[Batch, None, bool]:
        """Batches from one connection until it closes (or time is up); returns whether any event came."""
        mentions: list[MentionDraft] = []
        rejects: list[Reject] = []
        deletions: list[str] = []
        event, data = "", list[str]()
        read_any = False
        flushed = time.monotonic()
        while True:
            wait = max(0.0, self.config.batch_s - (time.monotonic() - flushed))
            line = lines.get(wait)
            closed = line is _Lines.CLOSED
            if isinstance(line, str):
                if line == "":
                    if event or data:
                        read_any = True
                        self._event(event, "\n".join(data), state, mentions, rejects, deletions)
                    event, data = "", []
                elif line.startswith(":"):
                    read_any = True  # a heartbeat
                elif line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].removeprefix(" "))
            if closed or self._expired(started) or time.monotonic() - flushed >= self.config.batch_s:
                yield Batch(mentions=mentions, rejects=rejects, deletions=deletions,
                            cursor=dict(state) if (mentions or deletions) else None)
                mentions, rejects, deletions = [], [], []
                flushed = time.monotonic()
            if closed or self._expired(started):
                return read_any

    def _event(self, event: str, data: str, state: dict[str, Any], mentions: list[MentionDraft],
               rejects: list[Reject], deletions: list[str]) -> None:
        where = f"{self.config.instance} stream"
        if event in ("update", "status.update"):
            try:
                status = json.loads(data)
            except ValueError as exc:
                rejects.append(Reject(location=where, reason=f"{event} event is not JSON ({exc})", excerpt=data[:200]))
                return
            outcome = parse.read_entry(status, index=0, instance=self.config.instance, collected_at=datetime.now(UTC),
                                       max_record_bytes=self._settings.max_record_bytes)
            if outcome.reject is not None:
                rejects.append(outcome.reject)
            elif outcome.draft is not None:
                mentions.append(outcome.draft)
                self._remember([outcome.draft], timeline_id=outcome.timeline_id)
            if event == "update" and outcome.timeline_id:
                state["newest_id"] = parse.newest([outcome.timeline_id, state.get("newest_id")])
                state.setdefault("feed", self._rest.config.feed)
        elif event == "delete":
            uri = self._uris.pop(data.strip(), None)
            if uri is not None:
                deletions.append(uri)
        elif event not in IGNORED_EVENTS:
            rejects.append(Reject(location=where, reason=f"unknown stream event {event!r}", excerpt=data[:200]))

    def _remember(self, drafts: list[MentionDraft], *, timeline_id: str | None = None) -> None:
        for draft in drafts:
            status_id = timeline_id or _status_id(draft)
            if status_id:
                self._uris[status_id] = draft.external_id
                self._uris.move_to_end(status_id)
        while len(self._uris) > REMEMBERED:
            self._uris.popitem(last=False)

    def _wait(self, failures: int, started: float) -> Iterator[Batch]:
        delay = min(self.config.backoff_s * 2 ** (failures - 1), self.config.backoff_max_s)
        end = time.monotonic() + delay
        while not self._expired(started) and (left := end - time.monotonic()) > 0:
            self._sleep(min(left, 1.0))
            yield Batch()

    def _expired(self, started: float) -> bool:
        limit = self.config.max_duration_s
        return limit is not None and time.monotonic() - started >= limit


class _Lines:
    """The lines of a streamed response, read by a thread so that the reader can wait with a timeout
    (an httpx read timeout would end the response)."""

    CLOSED: ClassVar[object] = object()

    def __init__(self, response: httpx.Response) -> None:
        self._response = response
        self._queue: queue.Queue[object] = queue.Queue(maxsize=10_000)
        self._thread = threading.Thread(target=self._pump, name="voxpop-mastodon-stream", daemon=True)
        self._thread.start()

    def _pump(self) -> None:
        try:
            for line in self._response.iter_lines():
                self._queue.put(line)
        except (httpx.HTTPError, OSError, RuntimeError):
            pass  # the connection ended: the reader sees CLOSED and reconnects
        finally:
            self._queue.put(self.CLOSED)

    def get(self, timeout: float) -> object:
        try:
            return self._queue.get(timeout=timeout)
        except queue.Empty:
            return None

    def close(self) -> None:
        self._response.close()


def _status_id(draft: MentionDraft) -> str | None:
    try:
        raw = json.loads(draft.raw)
    except ValueError:
        return None
    value = raw.get("id") if isinstance(raw, dict) else None
    return value if isinstance(value, str) else None


def _shown(url: str) -> str:
    return url.split("?", 1)[0]


def _validate(config: dict[str, Any]) -> MastodonStreamConfig:
    stream = validate_config_model(MastodonStreamConfig, config, kind="mastodon_stream",
                                   example='{"instance": "https://mastodon.social", "hashtag": "nordbrew"}')
    # The server, hashtag and token are checked (and normalised) exactly as the REST source does.
    rest = parse.validate_config(stream.rest_config())
    return stream.model_copy(update={"instance": rest.instance, "hashtag": rest.hashtag, "token": rest.token})
