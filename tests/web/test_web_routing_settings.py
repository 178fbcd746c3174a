"""Settings → teams, routing rules and destinations through the admin's forms, on SQLite and
PostgreSQL: each form posts the CSRF token, is checked like the API, and says what it refused."""

from __future__ import annotations

from web_helpers import Web


def test_an_admin_adds_a_team_a_rule_and_a_destination_through_the_forms(web: Web) -> None:
    web.add_user("ada", "admin")
    web.add_user("carl", "editor")
    client, csrf = web.session_client("ada")
    base = "/settings/routing"
    assert client.post(f"{base}/teams", data={"name": "care"}, follow_redirects=False).status_code == 403
    made = client.post(f"{base}/teams", follow_redirects=False, data={
        "csrf_token": csrf, "name": "care", "members": "carl", "intents": "complaint", "timezone": "Europe/Copenhagen",
        "hours": "mon-fri 08:00-16:00", "first_response": "2h"})
    assert made.status_code == 303
    bad = client.post(f"{base}/teams", data={"csrf_token": csrf, "name": "x", "hours": "never"})
    assert bad.status_code == 422 and "never" in bad.text
    rule = client.post(f"{base}/rules", follow_redirects=False, data={
        "csrf_token": csrf, "name": "danish", "teams": "care", "langs": "da", "priority": "high"})
    assert rule.status_code == 303
    everything = client.post(f"{base}/rules", data={"csrf_token": csrf, "name": "all", "teams": "care"})
    assert everything.status_code == 422 and "at least one condition" in everything.text
    destination = client.post(f"{base}/destinations", follow_redirects=False, data={
        "csrf_token": csrf, "name": "ops", "kind": "webhook", "url": "https://hooks.example/x",
        "secret": "0123456789abcdef-secret"})
    assert destination.status_code == 303
    page = client.get(base).text
    assert "mon-fri 08:00-16:00 (Europe/Copenhagen)" in page and "<td>carl</td>" in page and "120 min" in page
    assert "langs=da" in page and "secret=***" in page and "0123456789abcdef-secret" not in page
    editor, _ = web.session_client("carl")
    assert editor.get(base).status_code == 403
