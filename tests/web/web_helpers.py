"""Helpers for the web tests: the app on a store, users of each role, clients signed in through the
real login form or holding a real API token, and stored mentions run through the real stages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient

from voxpop.records import MentionDraft
from voxpop.store import Store
from voxpop.store.mentions import upsert_mentions
from voxpop.store.sources import add_source
from voxpop.store.users import add_token, add_user
from voxpop.web.security import hash_password, new_token

PASSWORD = "correct horse battery"  # noqa: S105
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@dataclass
class Web:
    app: FastAPI
    store: Store

    def client(self) -> TestClient:
        return TestClient(self.app, base_url="http://testserver")

    def add_user(self, username: str, role: str) -> None:
        with self.store.write() as conn:
            add_user(conn, username=username, password_hash=hash_password(PASSWORD), role=role)

    def token_client(self, username: str) -> TestClient:
        from voxpop.store.users import get_user

        token = new_token()
        with self.store.write() as conn:
            user = get_user(conn, username=username)
            add_token(conn, user_id=user.id, name="test", prefix=token.prefix, token_hash=token.digest)
        client = self.client()
        client.headers["Authorization"] = f"Bearer {token.secret}"
        return client

    def session_client(self, username: str) -> tuple[TestClient, str]:
        """A client signed in through the login form, and its CSRF token (read from a page)."""
        client = self.client()
        response = client.post("/login", data={"username": username, "password": PASSWORD, "next": "/queries"})
        assert response.status_code == 200, response.text
        match = re.search(r'name="csrf-token" content="([^"]+)"', response.text)
        assert match, "the page carries the session's CSRF token"
        return client, match.group(1)




def draft(n: int, text: str, *, hours_ago: int = 0, url: str | None = None, lang: str = "en",
          channel: str = "rss") -> MentionDraft:
    when = NOW - timedelta(hours=hours_ago)
    return MentionDraft(external_id=f"m{n}", channel=channel, text=text, published_at=when, collected_at=when,
                        raw=text.encode(), url=url or f"https://news.example/{n}", author=f"writer{n}", lang=lang)


def seed_mentions(store: Store, drafts: list[MentionDraft], *, source: str = "news") -> None:
    from voxpop.runtime.pipeline import run_stages

    with store.write() as conn:
        row = add_source(conn, name=source, kind="rss", config={"url": "https://news.example/feed.xml"})
        upsert_mentions(conn, source_id=row.id, drafts=drafts)
    run_stages(store)
