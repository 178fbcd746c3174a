"""Schemathesis against the OpenAPI document, signed in as an admin (so requests reach the
handlers, not the 401 wall): no generated request may get a 5xx. Each operation runs on a fresh
SQLite workspace holding a few mentions, a saved query and a source; the requests and 2xx
responses per operation are printed (pytest -s) so coverage can be reported."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from web_helpers import PASSWORD, draft, seed_mentions

from voxpop.web.security import hash_password

schemathesis = pytest.importorskip("schemathesis")

EXAMPLES = 20
HASH = hash_password(PASSWORD)


def api_schema(folder: Path) -> tuple[Any, str]:
    """The app's schema on a fresh workspace, and an admin's token."""
    from voxpop.match.stage import backfill_query
    from voxpop.settings import Settings
    from voxpop.store import open_store
    from voxpop.store.queries import add_query
    from voxpop.store.routing import add_rule, save_team
    from voxpop.store.users import add_token, add_user
    from voxpop.web import create_app
    from voxpop.web.security import new_token

    store = open_store(Settings(environment="test", data_dir=folder), upgrade=True)
    with store.write() as conn:
        # team 1, rule 1 and (when the mentions are routed) case 1, so those handlers run past their 404s
        care = save_team(conn, name="care", intents=["complaint"], first_response_s=3600)
        add_rule(conn, name="english", team_ids=[care.id], query_id=None, conditions={"langs": ["en"]})
    seed_mentions(store, [draft(i, f"acme kettle {i}", hours_ago=i) for i in range(1, 6)])
    token = new_token()
    with store.write() as conn:
        admin = add_user(conn, username="admin", password_hash=HASH, role="admin")
        add_user(conn, username="second-admin", password_hash=HASH, role="admin")
        add_token(conn, user_id=admin.id, name="schemathesis", prefix=token.prefix, token_hash=token.digest)
        query = add_query(conn, name="acme", text="acme")
    backfill_query(store, query)
    from datetime import UTC, datetime

    from voxpop.store.alerts import insert_alert
    from voxpop.store.outbox import add_destination

    with store.write() as conn:  # alert 1 and destination 1 (a receiver that is not there: tests fail cleanly)
        insert_alert(conn, query_id=query.id, kind="volume", severity="high", started_at=datetime.now(UTC),
                     fired_at=datetime.now(UTC), observed=10.0, expected=1.0, top_mention_ids=[1])
        add_destination(conn, name="ops", kind="webhook",
                        config={"url": "http://127.0.0.1:9/hook", "secret": "0123456789abcdef0123"})
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app(store)), token.secret


def exercise(operation: Any, label: str, secret: str, requests: Counter[str], successes: Counter[str]) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case: Any) -> None:
        if case.path_parameters and requests[label] % 2 == 0:
            # every other request names rows that exist (id 1: the seeded source, mention, query,
            # admin and token), so handlers run past their 404s
            case.path_parameters = {name: 1 for name in case.path_parameters}
        response = case.call(headers={"Authorization": f"Bearer {secret}"})
        requests[label] += 1
        if 200 <= response.status_code < 300:
            successes[label] += 1
        assert response.status_code < 500, f"{label} answered {response.status_code}: {response.text[:300]}"
        if response.status_code >= 400:
            assert "error" in response.json(), f"{label}: errors have the JSON error shape"

    run()


def test_no_generated_request_gets_a_server_error(tmp_path: Path) -> None:
    schema, _ = api_schema(tmp_path / "listing")
    labels = [f"{r.ok().method.upper()} {r.ok().path}" for r in schema.get_all_operations()]
    assert len(labels) >= 15
    requests: Counter[str] = Counter()
    successes: Counter[str] = Counter()
    for index, label in enumerate(labels):
        # each operation on a fresh workspace: one that revokes the token or removes the data
        # must not turn the others' requests into 401s and 404s
        schema, secret = api_schema(tmp_path / f"op{index}")
        operation = next(r.ok() for r in schema.get_all_operations()
                         if f"{r.ok().method.upper()} {r.ok().path}" == label)

        exercise(operation, label, secret, requests, successes)
    for label in labels:
        print(f"schemathesis {label}: {requests[label]} requests, {successes[label]} 2xx")
    assert sum(successes.values()) > 0
