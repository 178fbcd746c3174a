"""The alerts and destinations through the API and the screens, on SQLite and PostgreSQL: a stored
alert listed by state and severity, explained (observed vs expected from the minute rollups, the
drivers with lift, the top mentions), acknowledged and resolved once each by an editor; the
destinations listed with secrets masked, tested against a local receiver, removed."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from web_helpers import Web, draft, seed_mentions

from voxpop.alerts.rollup import minute_of
from voxpop.store.alerts import RollupMinute, add_rollups, insert_alert

WEEK = 7 * 1440


def _alert(web: Web) -> int:
    """A volume alert that started 30 minutes ago over a query with five weeks of rollups: two
    mentions a minute, twenty during the alert; its drivers and top mention stored as the stage does."""
    from voxpop.match.stage import backfill_query
    from voxpop.store.queries import add_query

    seed_mentions(web.store, [draft(1, "Acme kettle <img src=x onerror=alert(1)> exploded", hours_ago=0),
                              draft(2, "acme is fine", hours_ago=5)])
    with web.store.write() as conn:
        query = add_query(conn, name="acme", text="acme")
    backfill_query(web.store, query)
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    started = now - timedelta(minutes=30)
    counts: dict[tuple[int, int], RollupMinute] = {}
    for week in range(0, 5):
        for offset in range(-180, 60):
            minute = minute_of(started) + offset - week * WEEK
            alerting = week == 0 and 0 <= offset < 30
            counts[(query.id, minute)] = RollupMinute(volume=20 if alerting else 2, negatives=0)
    drivers = {"mentions": 600, "baseline_mentions": 2800,
               "terms": [{"value": "exploded", "lift": 14.2, "count": 300, "share": 0.5, "baseline_share": 0.01}],
               "authors": [], "links": [], "languages": [{"value": "en", "lift": 1.2, "count": 600, "share": 1.0,
                                                           "baseline_share": 0.8}], "channels": []}
    with web.store.write() as conn:
        add_rollups(conn, counts=counts)
        mention_id = int(conn.exec_driver_sql("SELECT min(id) FROM mentions").scalar_one())
        return insert_alert(conn, query_id=query.id, kind="volume", severity="high", started_at=started,
                            fired_at=started + timedelta(minutes=4), observed=600.0, expected=60.0, drivers=drivers,
                            summary="600 mentions against 60 expected; driven by exploded",
                            top_mention_ids=[mention_id])


def test_alerts_are_listed_by_state_and_severity(web: Web) -> None:
    alert_id = _alert(web)
    web.add_user("vera", "viewer")
    viewer = web.token_client("vera")
    listed = viewer.get("/api/v1/alerts").json()["alerts"]
    assert [(a["id"], a["state"], a["severity"], a["query"]) for a in listed] == [(alert_id, "open", "high", "acme")]
    assert viewer.get("/api/v1/alerts", params={"state": "resolved"}).json()["alerts"] == []
    assert viewer.get("/api/v1/alerts", params={"severity": "low"}).json()["alerts"] == []
    assert len(viewer.get("/api/v1/alerts", params={"query": "acme", "severity": "high"}).json()["alerts"]) == 1
    assert viewer.get("/api/v1/alerts", params={"severity": "enormous"}).status_code == 422
    assert viewer.get("/api/v1/alerts/999999").status_code == 404


def test_an_alert_explains_itself_with_observed_against_expected(web: Web) -> None:
    alert_id = _alert(web)
    web.add_user("vera", "viewer")
    explained = web.token_client("vera").get(f"/api/v1/alerts/{alert_id}/explain").json()
    assert explained["alert"]["drivers"]["terms"][0]["value"] == "exploded"
    assert "exploded" in explained["top_mentions"][0]["text"]
    series = explained["series"]
    width = explained["bucket_minutes"]
    assert width in (1, 5) and len(series) > 10
    started = datetime.fromisoformat(explained["alert"]["started_at"])
    inside = [p for p in series if started <= datetime.fromisoformat(p["at"]) < started + timedelta(minutes=25)]
    before = [p for p in series if datetime.fromisoformat(p["at"]) < started - timedelta(minutes=10)]
    assert inside and all(p["observed"] == 20 * width for p in inside)
    assert before and all(p["observed"] == 2 * width for p in before)
    # the four earlier weeks had two a minute at that time: that is what was expected
    assert all(p["expected"] == 2 * width for p in inside + before)


def test_acknowledge_then_resolve_each_once_by_an_editor(web: Web) -> None:
    alert_id = _alert(web)
    web.add_user("vera", "viewer")
    web.add_user("eddie", "editor")
    viewer, editor = web.token_client("vera"), web.token_client("eddie")
    assert viewer.post(f"/api/v1/alerts/{alert_id}/acknowledge").status_code == 403
    acked = editor.post(f"/api/v1/alerts/{alert_id}/acknowledge")
    assert acked.status_code == 200 and acked.json()["state"] == "acknowledged"
    assert acked.json()["acknowledged_by"] == "eddie"
    assert editor.post(f"/api/v1/alerts/{alert_id}/acknowledge").status_code == 409
    resolved = editor.post(f"/api/v1/alerts/{alert_id}/resolve", json={"note": "press statement out"})
    assert resolved.json()["state"] == "resolved"
    assert editor.post(f"/api/v1/alerts/{alert_id}/resolve").status_code == 409
    history = editor.get(f"/api/v1/alerts/{alert_id}/explain").json()["history"]
    assert [(h["action"], h["actor"], h["note"]) for h in history] == [
        ("acknowledged", "eddie", None), ("resolved", "eddie", "press statement out")]


def test_the_alert_screens_show_the_chart_drivers_and_mentions_inert(web: Web) -> None:
    alert_id = _alert(web)
    web.add_user("eddie", "editor")
    client, csrf = web.session_client("eddie")
    listing = client.get("/alerts").text
    assert f'href="/alerts/{alert_id}"' in listing and "severity-high" in listing
    page = client.get(f"/alerts/{alert_id}").text
    assert '<polyline class="observed"' in page and '<polyline class="expected"' in page
    assert '<rect class="window"' in page
    assert "exploded" in page and "×14.2" in page
    assert "<img src=x" not in page and "&lt;img src=x" in page
    assert client.post(f"/alerts/{alert_id}/acknowledge", follow_redirects=False).status_code == 403
    done = client.post(f"/alerts/{alert_id}/acknowledge", data={"csrf_token": csrf}, follow_redirects=False)
    assert done.status_code == 303
    client.post(f"/alerts/{alert_id}/resolve", data={"csrf_token": csrf, "note": "handled"})
    page = client.get(f"/alerts/{alert_id}").text
    assert "<strong>resolved</strong>" in page and "<q>handled</q>" in page and 'id="resolve-form"' not in page


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[bytes]]]:
    got: list[bytes] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (the standard library's name)
            got.append(self.rfile.read(int(self.headers.get("content-length", 0))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", got
    finally:
        server.shutdown()
        server.server_close()


def test_destinations_are_masked_tested_and_removed_by_admins(web: Web, receiver: tuple[str, list[bytes]]) -> None:
    url, got = receiver
    web.add_user("ada", "admin")
    web.add_user("eddie", "editor")
    admin = web.token_client("ada")
    secret = "s3cret-for-the-hmac-signature"  # noqa: S105
    made = admin.post("/api/v1/destinations", json={"name": "ops", "kind": "webhook",
                                                    "config": {"url": url, "secret": secret}})
    assert made.status_code == 201, made.text
    assert made.json()["config"]["secret"] == "***" and secret not in made.text
    listed = admin.get("/api/v1/destinations")
    assert secret not in listed.text and listed.json()["destinations"][0]["name"] == "ops"
    assert web.token_client("eddie").get("/api/v1/destinations").status_code == 403
    assert admin.post("/api/v1/destinations", json={"name": "ops", "kind": "webhook",
                                                    "config": {"url": url, "secret": secret}}).status_code == 409
    bad = admin.post("/api/v1/destinations", json={"name": "x", "kind": "webhook", "config": {"url": url}})
    assert bad.status_code == 422 and "secret" in bad.json()["error"]["message"]
    assert admin.post("/api/v1/destinations", json={"name": "y", "kind": "pigeon"}).status_code == 422
    tested = admin.post(f"/api/v1/destinations/{made.json()['id']}/test")
    assert tested.json() == {"delivered": True, "error": None}
    assert len(got) == 1 and b"Test notification for ops" in got[0]
    assert admin.delete(f"/api/v1/destinations/{made.json()['id']}").json()["removed"] == "ops"
    assert admin.get("/api/v1/destinations").json()["destinations"] == []
