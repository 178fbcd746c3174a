"""A recorded Mastodon server: fixture payloads answered through httpx.MockTransport, requests kept.

Routes are keyed by path with query (``/api/v1/timelines/tag/nordbrew?limit=40``) or by path
alone; anything else answers 404 with Mastodon's "Record not found".
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from voxpop.settings import Settings
from voxpop.sources.mastodon.source import MastodonSource

INSTANCE = "https://mastodon.social"


@dataclass
class Answer:
    body: bytes
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


class RecordedInstance:
    def __init__(self, base: str = INSTANCE) -> None:
        self.base = base
        self.routes: dict[str, Answer] = {}
        self.requests: list[httpx.Request] = []
        self.client = httpx.Client(transport=httpx.MockTransport(self._answer))

    def add(self, target: str, body: bytes | list[Any] | dict[str, Any], *, status: int = 200,
            headers: dict[str, str] | None = None) -> str:
        """Answer ``target`` (a path, with or without query) with ``body``; returns its URL."""
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        kind = {"Content-Type": "application/json; charset=utf-8"}
        self.routes[target] = Answer(data, status, {**kind, **(headers or {})})
        return self.base + target

    def _answer(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        target = request.url.raw_path.decode()
        answer = self.routes.get(target) or self.routes.get(target.split("?", 1)[0])
        if answer is None:
            return httpx.Response(404, json={"error": "Record not found"})
        return httpx.Response(answer.status, content=answer.body, headers=answer.headers)

    def targets(self) -> list[str]:
        return [r.url.raw_path.decode() for r in self.requests]


@pytest.fixture
def instance() -> RecordedInstance:
    return RecordedInstance()


@pytest.fixture
def mastodon_settings() -> Settings:
    # The recorded server's host is allowed, so no address is looked up for it.
    return Settings(environment="test", fetch_allowed_hosts=["mastodon.social", "127.0.0.1"], fetch_timeout_s=2)


@pytest.fixture
def make_source(mastodon_settings: Settings, instance: RecordedInstance) -> Callable[..., MastodonSource]:
    def make(client: httpx.Client | None = None, settings: Settings | None = None, **config: Any) -> MastodonSource:
        config.setdefault("instance", instance.base)
        return MastodonSource(source_id=1, name="mastodon", config=config, settings=settings or mastodon_settings,
                              client=client if client is not None else instance.client)

    return make
