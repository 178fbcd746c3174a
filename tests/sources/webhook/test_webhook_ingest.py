"""The inbound webhook end to end: signed pushes of the recorded bodies to POST /api/v1/ingest/{source}
through the app in-process (FastAPI's TestClient) on SQLite and PostgreSQL, what is stored, and every
way a push is refused (401, 403, 404, 413, 422 as JSON errors)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from voxpop.sources import registry
from voxpop.sources.base import SourceConfigError
from voxpop.sources.webhook.parse import sign
from voxpop.sources.webhook.source import WebhookSource
from voxpop.store import Store
from voxpop.store.mentions import count_mentions, iter_mentions, recent_rejects
from voxpop.store.sources import add_source, get_source, mask_secrets, set_enabled
from voxpop.web import create_app

FIXTURES = Path(__file__).resolve().parents[3] / "voxpop" / "sources" / "webhook" / "fixtures"
SECRET = "7f3c9a1e5b2d8c4f6a0e9b7d3c1f5a2e8d6b4c0a9f7e5d3b"
OLD_SECRET = "0123456789abcdef0123456789abcdef"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def signed(body: bytes, *, secret: str = SECRET, at: int | None = None) -> dict[str, str]:
    when = int(time.time()) if at is None else at
    return {"X-Voxpop-Timestamp": str(when), "X-Voxpop-Signature": sign(secret, when, body)}


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with store.write() as conn:
        add_source(conn, name="crm", kind="webhook", config=WebhookSource.validate_config({"secret": SECRET}))
        add_source(conn, name="tool", kind="webhook", config=WebhookSource.validate_config(
            {"secret": SECRET, "previous_secret": OLD_SECRET, "channel": "forum", "max_body_bytes": 2048,
             "map": "text=body,published_at=created"}))
        add_source(conn, name="blog", kind="rss", config={"url": "https://nordbrew.example/feed.xml"})
    with TestClient(create_app(store, secret_key="k" * 40)) as test_client:
        yield test_client


def push(client: TestClient, body: bytes, source: str = "crm", **headers: Any) -> Any:
    return client.post(f"/api/v1/ingest/{source}", content=body, headers={**signed(body), **headers})


def stored(store: Store) -> dict[str, Any]:
    with store.read() as conn:
        return {m.external_id: m for m in iter_mentions(conn)}


def test_an_object_an_array_and_ndjson_are_stored_with_counts(client: TestClient, store: Store) -> None:
    answer = push(client, fixture("push__object.json"), **{"Content-Type": "application/json"})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"source": "crm", "received": 1, "stored": 1, "updated": 0, "unchanged": 0,
                             "rejected": 0, "rejects": [], "rejects_truncated": False}
    assert push(client, fixture("push__array.json")).json()["stored"] == 3
    answer = push(client, fixture("push__stream.ndjson"), **{"Content-Type": "application/x-ndjson"})
    assert (answer.json()["received"], answer.json()["stored"]) == (2, 2)
    mentions = stored(store)
    ticket = mentions["crm-8812"]
    assert (ticket.channel, ticket.lang, ticket.country, ticket.source_sentiment) == ("review", "sv", "SE", "negative")
    assert ticket.published_at.isoformat() == "2025-03-05T08:30:00+00:00" and ticket.hashtags == ("leverans",)
    assert ticket.source_name == "crm"
    assert mentions["tp-1003"].published_at.isoformat() == "2025-03-05T13:20:00+00:00"  # Unix seconds
    assert mentions["fb-77"].handles == ("nordbrew",) and mentions["fb-77"].shares == 3
    with store.read() as conn:
        row = get_source(conn, name="crm")
    assert row.items_collected == 6 and row.last_success_at is not None and row.state == "ok"


def test_the_same_push_twice_stores_nothing_twice_and_an_edit_is_a_new_version(
        client: TestClient, store: Store) -> None:
    body = fixture("push__array.json")
    assert push(client, body).json()["stored"] == 3
    again = push(client, body).json()
    assert (again["stored"], again["updated"], again["unchanged"]) == (0, 0, 3)
    edited = json.loads(body)
    edited[1]["text"] = "The grinder arrived broken; a new one came two days later."
    answer = push(client, json.dumps(edited).encode()).json()
    assert (answer["stored"], answer["updated"], answer["unchanged"]) == (0, 1, 2)
    with store.read() as conn:
        assert count_mentions(conn) == 3
    assert stored(store)["tp-1002"].version == 2


def test_bad_records_are_rejected_with_their_position_and_the_good_ones_stored(
        client: TestClient, store: Store) -> None:
    answer = push(client, fixture("push__malformed.ndjson"))
    assert answer.status_code == 200
    result = answer.json()
    assert (result["received"], result["stored"], result["rejected"]) == (7, 1, 6)
    reasons = {r["position"]: r["reason"] for r in result["rejects"]}
    assert sorted(reasons) == [2, 3, 4, 5, 6, 7]
    assert reasons[2].startswith("text is missing") and "map=text=" in reasons[2]
    assert "absurd date" in reasons[3] and "unknown network 'myspace'" in reasons[4]
    assert "not JSON" in reasons[5] and "found list" in reasons[6] and "negative" in reasons[7]
    assert list(stored(store)) == ["ok-1"] and stored(store)["ok-1"].channel == "webhook"
    with store.read() as conn:
        kept = recent_rejects(conn, source_id=get_source(conn, name="crm").id)
    assert len(kept) == 6 and {r["location"] for r in kept} >= {"webhook crm:2", "webhook crm:7"}


def test_a_source_map_and_channel_apply_and_the_previous_secret_still_signs(client: TestClient, store: Store) -> None:
    body = b'{"id": "t-1", "body": "Nordbrew beans in the forum", "created": "2025-03-06T09:00:00Z"}'
    answer = client.post("/api/v1/ingest/tool", content=body, headers=signed(body, secret=OLD_SECRET))
    assert answer.status_code == 200, answer.text
    assert stored(store)["t-1"].channel == "forum" and stored(store)["t-1"].text == "Nordbrew beans in the forum"


@pytest.mark.parametrize(("headers", "says"), [
    ({}, "sign the push"),
    ({"X-Voxpop-Timestamp": "yesterday", "X-Voxpop-Signature": "sha256=00"}, "Unix seconds"),
    ({"X-Voxpop-Signature": "sha256=00"}, "sign the push"),
])
def test_an_unsigned_push_is_401(client: TestClient, store: Store, headers: dict[str, str], says: str) -> None:
    answer = client.post("/api/v1/ingest/crm", content=fixture("push__object.json"), headers=headers)
    assert answer.status_code == 401 and says in answer.json()["error"]["message"]
    assert stored(store) == {}


def test_a_wrong_secret_an_altered_body_or_an_old_timestamp_is_401(client: TestClient, store: Store) -> None:
    body = fixture("push__object.json")
    wrong = client.post("/api/v1/ingest/crm", content=body, headers=signed(body, secret="x" * 40))
    assert wrong.status_code == 401 and "does not match" in wrong.json()["error"]["message"]
    altered = client.post("/api/v1/ingest/crm", content=body.replace(b"tre dagar", b"fem dagar"), headers=signed(body))
    assert altered.status_code == 401
    old = client.post("/api/v1/ingest/crm", content=body, headers=signed(body, at=int(time.time()) - 301))
    assert old.status_code == 401 and "old" in old.json()["error"]["message"]
    ahead = client.post("/api/v1/ingest/crm", content=body, headers=signed(body, at=int(time.time()) + 400))
    assert ahead.status_code == 401 and "ahead" in ahead.json()["error"]["message"]
    assert client.post("/api/v1/ingest/crm", content=body, headers=signed(body, at=int(time.time()) - 250)
                       ).status_code == 200
    assert SECRET not in wrong.text + old.text


def test_not_a_webhook_or_paused_is_403_and_unknown_is_404(client: TestClient, store: Store) -> None:
    body = fixture("push__object.json")
    assert push(client, body, source="blog").status_code == 403
    assert push(client, body, source="nope").status_code == 404
    with store.write() as conn:
        set_enabled(conn, source_id=get_source(conn, name="crm").id, enabled=False)
    paused = push(client, body)
    assert paused.status_code == 403 and "paused" in paused.json()["error"]["message"]


def test_a_body_over_the_limit_is_413_even_without_a_content_length(client: TestClient, store: Store) -> None:
    body = json.dumps([{"id": str(i), "body": "x" * 100, "created": "2025-03-06T09:00:00Z"} for i in range(30)])
    answer = push(client, body.encode(), source="tool")
    assert answer.status_code == 413 and "2,048 bytes" in answer.json()["error"]["message"]

    def chunks() -> Iterator[bytes]:
        yield body.encode()[:1500]
        yield body.encode()[1500:]

    streamed = client.post("/api/v1/ingest/tool", content=chunks(), headers=signed(body.encode()))
    assert streamed.status_code == 413
    assert stored(store) == {}


@pytest.mark.parametrize("body", [b"", b"   \n", b"[1, 2", b'"just text"', b"plain words", b"42"])
def test_a_body_that_is_not_json_records_is_422(client: TestClient, store: Store, body: bytes) -> None:
    answer = push(client, body)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["problems"][0]["field"] == "body"


def test_the_secret_is_checked_and_masked_everywhere(client: TestClient, store: Store) -> None:
    assert registry.load("webhook") is WebhookSource
    with pytest.raises(SourceConfigError, match="at least 32 characters") as caught:
        WebhookSource.validate_config({"secret": "short"})
    assert "short" not in str(caught.value)
    with pytest.raises(SourceConfigError, match="secret: is required"):
        WebhookSource.validate_config({})
    with pytest.raises(SourceConfigError, match="unknown network"):
        WebhookSource.validate_config({"secret": SECRET, "channel": "myspace"})
    with store.read() as conn:
        row = get_source(conn, name="tool")
    assert row.config["secret"] == SECRET  # stored with the source …
    assert mask_secrets(row.config)["secret"] == "***" and mask_secrets(row.config)["previous_secret"] == "***"
    assert SECRET not in json.dumps(row.public())  # … and masked when shown
    assert SECRET not in repr(WebhookSource(source_id=row.id, name="tool", config=row.config,
                                            settings=store.settings).config)
    assert list(WebhookSource(source_id=row.id, name="tool", config=row.config, settings=store.settings
                              ).collect({})) == []


def test_the_endpoint_is_in_the_openapi_document(client: TestClient) -> None:
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/ingest/{source_name}"]["post"]
    assert {"200", "401", "403", "404", "413", "422"} <= set(operation["responses"])
