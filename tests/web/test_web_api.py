"""The JSON API on SQLite and PostgreSQL: authentication and roles, CSRF, the login rate limit,
tokens shown once and revocable, query validation with column and hint, stable cursor pages,
exports, JSON errors without traces, /healthz and the security headers."""

from __future__ import annotations

import json

import pytest
from web_helpers import NOW, PASSWORD, Web, draft, seed_mentions

from voxpop.store.users import record_attempt


def test_the_api_needs_a_session_or_a_token(web: Web) -> None:
    client = web.client()
    for path in ("/api/v1/sources", "/api/v1/mentions", "/api/v1/queries", "/api/v1/users", "/api/v1/tokens"):
        response = client.get(path)
        assert response.status_code == 401, path
        assert response.json()["error"]["message"].startswith("sign in")
        assert response.headers["www-authenticate"] == "Bearer"
    bad = client.get("/api/v1/sources", headers={"Authorization": "Bearer vxp_not-a-real-token"})
    assert bad.status_code == 401 and "not valid" in bad.json()["error"]["message"]
    basic = client.get("/api/v1/sources", headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert basic.status_code == 401


def test_a_viewer_reads_but_cannot_write_and_only_admins_manage_users(web: Web) -> None:
    web.add_user("vera", "viewer")
    web.add_user("eddie", "editor")
    viewer, editor = web.token_client("vera"), web.token_client("eddie")
    assert viewer.get("/api/v1/queries").status_code == 200
    refused = viewer.post("/api/v1/queries", json={"name": "acme", "query": "acme"})
    assert refused.status_code == 403 and "editor" in refused.json()["error"]["message"]
    assert viewer.post("/api/v1/sources", json={"name": "x", "kind": "rss",
                                                "config": {"url": "https://a.example/f"}}).status_code == 403
    assert editor.post("/api/v1/queries", json={"name": "acme", "query": "acme"}).status_code == 201
    assert editor.get("/api/v1/users").status_code == 403
    assert editor.post("/api/v1/tokens", json={"name": "t"}).status_code == 403


def test_session_writes_need_the_csrf_token_and_token_requests_do_not(web: Web) -> None:
    web.add_user("eddie", "editor")
    client, csrf = web.session_client("eddie")
    body = {"name": "acme", "query": "acme"}
    missing = client.post("/api/v1/queries", json=body)
    assert missing.status_code == 403 and "CSRF" in missing.json()["error"]["message"]
    wrong = client.post("/api/v1/queries", json=body, headers={"X-CSRF-Token": "guess"})
    assert wrong.status_code == 403
    form_without = client.post("/queries", data={"name": "acme", "query": "acme"}, follow_redirects=False)
    assert form_without.status_code == 403
    assert client.post("/api/v1/queries", json=body, headers={"X-CSRF-Token": csrf}).status_code == 201
    form_with = client.post("/queries", data={"name": "acme2", "query": "acme", "csrf_token": csrf},
                            follow_redirects=False)
    assert form_with.status_code == 303
    # an API token carries no cookie: no CSRF token needed
    assert web.token_client("eddie").post("/api/v1/queries", json={"name": "b", "query": "b"}).status_code == 201


def test_failed_logins_are_limited_per_user_and_the_limit_is_stored(web: Web) -> None:
    web.add_user("alice", "viewer")
    client = web.client()
    limit = web.store.settings.login_max_failures
    for _ in range(limit):
        assert client.post("/login", data={"username": "alice", "password": "wrong"}).status_code == 401
    refused = client.post("/login", data={"username": "alice", "password": PASSWORD})
    assert refused.status_code == 429 and "Too many failed sign-ins" in refused.text
    # a new app on the same database (a restart) still refuses
    from voxpop.web import create_app

    restarted = Web(create_app(web.store), web.store).client()
    assert restarted.post("/login", data={"username": "alice", "password": PASSWORD}).status_code == 429
    # another user is not locked out by alice's failures
    web.add_user("bob", "viewer")
    assert client.post("/login", data={"username": "bob", "password": PASSWORD},
                       follow_redirects=False).status_code == 303


def test_failed_logins_are_limited_per_address(web: Web) -> None:
    web.add_user("carol", "viewer")
    with web.store.write() as conn:
        for i in range(web.store.settings.login_max_failures_per_ip):
            record_attempt(conn, username=f"guess{i}", ip="testclient", succeeded=False)
    refused = web.client().post("/login", data={"username": "carol", "password": PASSWORD})
    assert refused.status_code == 429


def test_a_session_cookie_is_httponly_samesite_and_logout_ends_it(web: Web) -> None:
    web.add_user("alice", "viewer")
    client = web.client()
    response = client.post("/login", data={"username": "alice", "password": PASSWORD}, follow_redirects=False)
    cookie = response.headers["set-cookie"]
    elsewhere = web.client().post("/login", data={"username": "alice", "password": PASSWORD},
                                  headers={"Origin": "https://evil.example"}, follow_redirects=False)
    assert elsewhere.status_code == 403 and "set-cookie" not in elsewhere.headers
    assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    page = client.get("/")
    assert page.status_code == 200 and "Dashboard" in page.text
    csrf = page.text.split('name="csrf-token" content="')[1].split('"')[0]
    stolen = dict(client.cookies)
    assert client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    replay = web.client()
    replay.cookies.update(stolen)
    assert replay.get("/api/v1/sources").status_code == 401  # the session is gone server-side
    forged = web.client()
    forged.cookies.set("voxpop_session", "not-signed")
    assert forged.get("/api/v1/sources").status_code == 401


def test_a_token_is_shown_once_stored_hashed_and_revocable(web: Web) -> None:
    web.add_user("root", "admin")
    admin = web.token_client("root")
    created = admin.post("/api/v1/tokens", json={"name": "grafana"})
    assert created.status_code == 201
    secret = created.json()["token"]
    assert secret.startswith("vxp_") and created.json()["prefix"] == secret[:10]
    listed = admin.get("/api/v1/tokens").json()["tokens"]
    assert secret not in json.dumps(listed) and all("token" not in t for t in listed)
    with web.store.read() as conn:
        stored = [tuple(r) for r in conn.exec_driver_sql("SELECT token_hash, prefix FROM api_tokens")]
    assert all(secret not in value for row in stored for value in row)
    client = web.client()
    client.headers["Authorization"] = f"Bearer {secret}"
    assert client.get("/api/v1/queries").status_code == 200
    token_id = created.json()["id"]
    assert admin.delete(f"/api/v1/tokens/{token_id}").json()["active"] is False
    assert client.get("/api/v1/queries").status_code == 401


def test_query_validation_gives_column_message_and_hint(web: Web) -> None:
    web.add_user("eddie", "editor")
    client = web.token_client("eddie")
    checked = client.post("/api/v1/queries/validate", json={"query": "(acme OR"}).json()
    assert checked["valid"] is False
    problem = checked["problems"][0]
    assert problem["column"] >= 1 and problem["message"] and "hint" in problem
    refused = client.post("/api/v1/queries", json={"name": "bad", "query": "acme AND (battery"})
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["message"] == "the query is not valid" and error["problems"][0]["column"] == 10
    assert client.post("/api/v1/queries/validate", json={"query": "acme"}).json() == {
        "valid": True, "problems": [], "warnings": []}
    bad_search = client.get("/api/v1/mentions", params={"q": "acme AND"})
    assert bad_search.status_code == 422 and bad_search.json()["error"]["problems"][0]["column"]


def test_saved_queries_count_matches_and_follow_edits(web: Web) -> None:
    seed_mentions(web.store, [draft(1, "Acme kettles overheat"), draft(2, "Globex is fine"),
                              draft(3, "acme battery recall")])
    web.add_user("eddie", "editor")
    client = web.token_client("eddie")
    created = client.post("/api/v1/queries", json={"name": "acme", "query": "acme"}).json()
    assert created["matches"] == 2
    edited = client.patch(f"/api/v1/queries/{created['id']}", json={"query": "acme AND battery"}).json()
    assert edited["matches"] == 1 and edited["revision"] == 2
    disabled = client.patch(f"/api/v1/queries/{created['id']}", json={"enabled": False}).json()
    assert disabled["enabled"] is False
    assert client.post("/api/v1/queries", json={"name": "acme", "query": "x"}).status_code == 409
    backfilled = client.post(f"/api/v1/queries/{created['id']}/backfill").json()
    assert backfilled["query"]["matches"] == 1 and backfilled["mentions_scanned"] >= 3
    assert client.delete(f"/api/v1/queries/{created['id']}").json() == {"removed": "acme", "mentions": 0,
                                                                        "matches": 1}
    assert client.get(f"/api/v1/queries/{created['id']}").status_code == 404
    assert client.get(f"/api/v1/queries/{2**64}").status_code == 422  # found by Schemathesis: was a 500


def test_cursor_pages_are_stable_while_new_mentions_arrive(web: Web) -> None:
    seed_mentions(web.store, [draft(i, f"acme post {i}", hours_ago=i) for i in range(1, 8)])
    web.add_user("vera", "viewer")
    client = web.token_client("vera")
    first = client.get("/api/v1/mentions", params={"limit": 3, "q": "acme"}).json()
    assert [m["external_id"] for m in first["mentions"]] == ["m1", "m2", "m3"]
    assert first["mentions"][0]["highlights"]["text"] == [[0, 4]]
    seed_mentions(web.store, [draft(100, "acme newest of all", hours_ago=0)], source="late")
    second = client.get("/api/v1/mentions", params={"limit": 3, "q": "acme", "cursor": first["next_cursor"]}).json()
    assert [m["external_id"] for m in second["mentions"]] == ["m4", "m5", "m6"]
    last = client.get("/api/v1/mentions", params={"limit": 3, "q": "acme", "cursor": second["next_cursor"]}).json()
    assert [m["external_id"] for m in last["mentions"]] == ["m7"] and last["next_cursor"] is None
    plain = client.get("/api/v1/mentions", params={"limit": 2, "lang": "en"}).json()
    assert [m["external_id"] for m in plain["mentions"]] == ["m100", "m1"]
    bad = client.get("/api/v1/mentions", params={"cursor": "garbage"})
    assert bad.status_code == 400 and bad.json()["error"]["problems"][0]["field"] == "cursor"


def test_export_streams_ndjson_and_csv_with_the_same_filters(web: Web) -> None:
    seed_mentions(web.store, [draft(1, "acme one"), draft(2, "globex two", hours_ago=1), draft(3, "acme three",
                                                                                                hours_ago=2)])
    web.add_user("vera", "viewer")
    client = web.token_client("vera")
    ndjson = client.get("/api/v1/mentions/export", params={"q": "acme"})
    assert ndjson.headers["content-type"].startswith("application/x-ndjson")
    assert [json.loads(line)["id"] for line in ndjson.text.splitlines()] == ["m1", "m3"]
    csv_text = client.get("/api/v1/mentions/export", params={"format": "csv", "since": NOW.isoformat()}).text
    assert csv_text.splitlines()[0].startswith("id,url,author") and len(csv_text.splitlines()) == 2


def test_sources_add_pause_resume_remove_and_file_sources_are_refused(web: Web) -> None:
    web.add_user("eddie", "editor")
    client = web.token_client("eddie")
    created = client.post("/api/v1/sources", json={"name": "blog", "kind": "rss",
                                                   "config": {"url": "https://blog.example/feed.xml"}})
    assert created.status_code == 201 and created.json()["enabled"] is True
    source_id = created.json()["id"]
    assert client.post(f"/api/v1/sources/{source_id}/pause").json()["enabled"] is False
    assert client.post(f"/api/v1/sources/{source_id}/resume").json()["enabled"] is True
    bad = client.post("/api/v1/sources", json={"name": "x", "kind": "rss", "config": {"url": "not a url"}})
    assert bad.status_code == 422 and bad.json()["error"]["problems"][0]["field"] == "config"
    server_file = client.post("/api/v1/sources", json={"name": "f", "kind": "file", "config": {"path": "/etc/passwd"}})
    assert server_file.status_code == 422
    assert client.delete(f"/api/v1/sources/{source_id}").json()["removed"] == "blog"
    assert client.get("/api/v1/sources").json() == {"sources": []}


def test_users_are_managed_by_admins_and_the_last_admin_stays(web: Web) -> None:
    web.add_user("root", "admin")
    admin = web.token_client("root")
    made = admin.post("/api/v1/users", json={"username": "nina", "password": "long enough pw", "role": "editor"})
    assert made.status_code == 201 and "password" not in json.dumps(made.json())
    short = admin.post("/api/v1/users", json={"username": "x", "password": "short"})
    assert short.status_code == 422 and short.json()["error"]["problems"][0]["field"] == "password"
    root_id = next(u["id"] for u in admin.get("/api/v1/users").json()["users"] if u["username"] == "root")
    assert admin.patch(f"/api/v1/users/{root_id}", json={"role": "viewer"}).status_code == 409
    assert admin.delete(f"/api/v1/users/{root_id}").status_code == 409
    assert admin.patch(f"/api/v1/users/{made.json()['id']}", json={"role": "viewer"}).json()["role"] == "viewer"


def test_an_unexpected_error_is_json_without_a_trace(web: Web) -> None:
    from fastapi.testclient import TestClient

    def broken() -> None:
        raise RuntimeError("secret internals at /srv/voxpop/db.py line 42")

    web.app.add_api_route("/api/v1/broken", broken)
    response = TestClient(web.app, raise_server_exceptions=False).get("/api/v1/broken")
    assert response.status_code == 500
    assert response.json() == {"error": {"message": "internal error; the server's log has the details",
                                         "problems": []}}
    assert "Traceback" not in response.text and "secret internals" not in response.text
    assert response.headers["content-security-policy"].startswith("default-src 'self'")


def test_healthz_reports_database_and_collectors_and_headers_are_set(web: Web) -> None:
    from voxpop.store.sources import add_source, record_run

    with web.store.write() as conn:
        ok = add_source(conn, name="fine", kind="rss", config={"url": "https://a.example/f"})
        bad = add_source(conn, name="broken", kind="rss", config={"url": "https://b.example/f"})
        record_run(conn, source_id=ok.id, state="ok", error=None, next_run_at=None)
        record_run(conn, source_id=bad.id, state="error", error="HTTP 500", next_run_at=None)
    response = web.client().get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded" and body["database"]["current"] is True
    assert body["collectors"]["by_state"] == {"ok": 1, "error": 1} and body["collectors"]["unhealthy"] == ["broken"]
    assert body["collectors"]["last_success_at"] is not None
    headers = response.headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "same-origin"


def test_the_openapi_document_lists_every_resource(web: Web) -> None:
    paths = web.client().get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/sources", "/api/v1/mentions", "/api/v1/mentions/export", "/api/v1/queries/validate",
                 "/api/v1/queries/{query_id}/backfill", "/api/v1/users", "/api/v1/tokens", "/healthz"):
        assert path in paths
    assert "/login" not in paths


@pytest.mark.parametrize("secret", [None, "changeme", "short-but-not-default"])
def test_serving_refuses_a_missing_or_default_secret_outside_the_demo(store, secret) -> None:  # type: ignore[no-untyped-def]
    from voxpop.web import create_app
    from voxpop.web.security import InsecureSecret

    settings = store.settings.model_copy(update={"environment": "development", "secret_key": secret})
    store.settings = settings
    with pytest.raises(InsecureSecret, match="VOXPOP_SECRET_KEY"):
        create_app(store)
    store.settings = settings.model_copy(update={"secret_key": "k" * 40})
    create_app(store)


def test_the_dashboard_shows_sentiment_only_where_the_sentiment_step_gave_one(web: Web) -> None:
    from datetime import UTC, datetime

    from voxpop.store.mentions import upsert_mentions
    from voxpop.store.queries import add_matches, add_query
    from voxpop.store.sources import add_source
    from voxpop.store.tables import enrichments

    with web.store.write() as conn:
        source = add_source(conn, name="news", kind="rss", config={"url": "https://news.example/f"})
        upsert_mentions(conn, source_id=source.id, drafts=[draft(1, "acme one"), draft(2, "acme two")])
        query = add_query(conn, name="acme", text="acme")
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM mentions ORDER BY id")]
        add_matches(conn, pairs=[(query.id, i) for i in ids])
    web.add_user("vera", "viewer")
    client, _ = web.session_client("vera")
    params = {"start": "2026-11-01", "end": "2026-11-30"}
    page = client.get("/", params=params).text
    assert "No sentiment yet" in page and "acme" in page
    with web.store.write() as conn:
        conn.execute(enrichments.insert().values(mention_id=ids[0], step="sentiment", version="t",
                                                 result={"label": "negative"}, computed_at=datetime.now(UTC)))
    page = client.get("/", params=params).text
    assert "No sentiment yet" not in page and ">negative</text>" in page
