"""The dashboard's alert markers and rising terms, on SQLite and PostgreSQL: an alert that started
in the range is a marker linking to it; a term that rose against the range before is listed."""

from __future__ import annotations

from datetime import timedelta

from web_helpers import NOW, Web, draft, seed_mentions

from voxpop.store.alerts import insert_alert

RANGE = {"start": "2026-11-14", "end": "2026-11-20"}


def test_alert_markers_and_rising_terms(web: Web) -> None:
    from voxpop.match.stage import backfill_query
    from voxpop.store.queries import add_query

    before = [draft(i, f"acme kettle review number {i} says it is fine", hours_ago=24 * 8 + i) for i in range(12)]
    recent = [draft(100 + i, f"acme kettle recall announced, story {i}", hours_ago=24 + i) for i in range(12)]
    seed_mentions(web.store, before + recent)
    with web.store.write() as conn:
        query = add_query(conn, name="acme", text="acme")
    backfill_query(web.store, query)
    with web.store.write() as conn:
        alert_id = insert_alert(conn, query_id=query.id, kind="volume", severity="high",
                                started_at=NOW - timedelta(days=1), fired_at=NOW - timedelta(days=1),
                                observed=12.0, expected=1.0, summary="12 mentions against 1 expected")
        insert_alert(conn, query_id=query.id, kind="volume", severity="low", started_at=NOW - timedelta(days=40),
                     fired_at=NOW - timedelta(days=40), observed=5.0, expected=1.0)
    web.add_user("vera", "viewer")
    client, _ = web.session_client("vera")
    page = client.get("/", params={**RANGE, "q": query.id}).text
    assert page.count('class="marker-dot alert-marker"') == 1  # the one from 40 days ago is out of range
    assert f'<a href="/alerts/{alert_id}">' in page
    rising = page.split('id="rising"')[1].split("</section>")[0]
    assert "<td>recall</td>" in rising and "<td>kettle</td>" not in rising  # kettle is as common as before
