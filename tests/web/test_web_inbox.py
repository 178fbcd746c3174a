"""The inbox through the API and the screens, on SQLite and PostgreSQL: cases opened by the real
routing stage, seen only by their teams' members (admins see all), filtered; assignment, status,
priority, notes and intent correction each written to the history; the first-response clock;
teams and routing rules managed by admins."""

from __future__ import annotations

import re

from web_helpers import Web, draft, seed_mentions

from voxpop.store.routing import add_rule, save_team
from voxpop.store.users import add_member, get_user


def _setup(web: Web) -> dict[str, int]:
    """Two teams, a rule per team, members, and mentions routed by the real stages."""
    web.add_user("ada", "admin")
    web.add_user("carl", "editor")  # in care
    web.add_user("pia", "editor")  # in pr
    web.add_user("vera", "viewer")  # in care
    with web.store.write() as conn:
        care = save_team(conn, name="care", intents=["complaint"], business_hours={
            d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
            first_response_s=2 * 3600)
        pr = save_team(conn, name="pr", intents=["press"])
        add_rule(conn, name="rss-care", team_ids=[care.id], query_id=None, conditions={"langs": ["en"]},
                 priority="high")
        add_rule(conn, name="german-pr", team_ids=[pr.id], query_id=None, conditions={"langs": ["de"]})
        for name, team in (("carl", care), ("vera", care), ("pia", pr)):
            add_member(conn, team_id=team.id, user_id=get_user(conn, username=name).id)
    seed_mentions(web.store, [
        draft(1, "My Acme kettle broke after two days and nobody answers", hours_ago=1),
        draft(2, "Acme Wasserkocher in der Zeitung", hours_ago=2, lang="de"),
        draft(3, "Acme battery <script>alert(1)</script> caught fire", hours_ago=3),
    ])
    return {"care": care.id, "pr": pr.id}


def test_cases_are_seen_by_their_teams_and_admins(web: Web) -> None:
    _setup(web)
    admin, carl, pia = web.token_client("ada"), web.token_client("carl"), web.token_client("pia")
    everything = admin.get("/api/v1/cases").json()["cases"]
    assert sorted(c["team"] for c in everything) == ["care", "care", "pr"]
    mine = carl.get("/api/v1/cases").json()["cases"]
    assert {c["team"] for c in mine} == {"care"} and len(mine) == 2
    assert all(c["priority"] == "high" and c["sla"]["due_at"] and not c["sla"]["breached"] for c in mine)
    assert 0 < mine[0]["sla"]["business_s_left"] <= 2 * 3600
    theirs = [c for c in everything if c["team"] == "pr"][0]
    assert carl.get(f"/api/v1/cases/{theirs['id']}").status_code == 404  # another team's case: not there
    assert pia.get(f"/api/v1/cases/{theirs['id']}").status_code == 200
    assert pia.get("/api/v1/cases", params={"team": "care"}).json()["cases"] == []
    assert [c["team"] for c in admin.get("/api/v1/cases", params={"team": "pr"}).json()["cases"]] == ["pr"]


def test_assign_status_priority_note_and_intent_are_each_in_the_history(web: Web) -> None:
    _setup(web)
    carl = web.token_client("carl")
    case = carl.get("/api/v1/cases").json()["cases"][0]
    path = f"/api/v1/cases/{case['id']}"
    assigned = carl.patch(path, json={"assignee": "carl"})
    assert assigned.status_code == 200 and assigned.json()["assignee"] == "carl"
    assert [c["id"] for c in carl.get("/api/v1/cases", params={"assignee": "carl"}).json()["cases"]] == [case["id"]]
    assert carl.get("/api/v1/cases", params={"assignee": "nobody"}).json()["cases"][0]["id"] != case["id"]
    answered = carl.patch(path, json={"status": "open", "priority": "urgent"}).json()
    assert answered["status"] == "open" and answered["priority"] == "urgent"
    assert answered["sla"]["responded"] and answered["first_response_at"] is not None
    assert answered["sla"]["business_s_left"] is None
    noted = carl.post(f"{path}/notes", json={"text": "called the customer back"})
    assert noted.status_code == 201
    assert carl.patch(path, json={"assignee": "nobody-by-that-name"}).status_code == 422
    assert carl.patch(path, json={"status": "done"}).status_code == 422
    rerouted = carl.patch(path, json={"intent": "press"}).json()
    assert rerouted["team"] == "pr" and rerouted["intent"] == "press"
    actions = [(e["actor"], e["action"], e["new"]) for e in rerouted["history"]]
    assert actions[0][1] == "opened"
    assert ("carl", "assignee", "carl") in actions and ("carl", "status", "open") in actions
    assert ("carl", "priority", "urgent") in actions and ("carl", "note", "called the customer back") in actions
    assert ("carl", "team", "pr") in actions
    assert carl.get(path).status_code == 404  # now pr's case: carl is not in pr


def test_a_viewer_reads_cases_but_cannot_change_them(web: Web) -> None:
    _setup(web)
    vera = web.token_client("vera")
    case = vera.get("/api/v1/cases").json()["cases"][0]
    assert vera.patch(f"/api/v1/cases/{case['id']}", json={"status": "closed"}).status_code == 403
    assert vera.post(f"/api/v1/cases/{case['id']}/notes", json={"text": "x"}).status_code == 403


def test_the_inbox_screen_filters_and_the_case_screen_changes_a_case(web: Web) -> None:
    _setup(web)
    client, csrf = web.session_client("carl")
    inbox = client.get("/inbox").text
    ids = re.findall(r'href="/inbox/(\d+)"', inbox)
    assert len(ids) == 2 and "due in" in inbox
    case_page = client.get(f"/inbox/{ids[0]}").text
    assert "&lt;script&gt;" in case_page or "kettle" in case_page
    assert "<script>alert(1)</script>" not in case_page
    refused = client.post(f"/inbox/{ids[0]}", data={"assignee": "carl"}, follow_redirects=False)
    assert refused.status_code == 403
    done = client.post(f"/inbox/{ids[0]}", data={"assignee": "carl", "csrf_token": csrf}, follow_redirects=False)
    assert done.status_code == 303
    client.post(f"/inbox/{ids[0]}", data={"note": "first note", "csrf_token": csrf})
    page = client.get(f"/inbox/{ids[0]}").text
    assert '<strong id="assignee">carl</strong>' in page and "<q>first note</q>" in page
    closed = client.post(f"/inbox/{ids[0]}", data={"status": "closed", "csrf_token": csrf})
    assert closed.status_code == 200
    still_open = client.get("/inbox").text
    assert f'href="/inbox/{ids[0]}"' not in still_open
    assert f'href="/inbox/{ids[0]}"' in client.get("/inbox", params={"status": "closed"}).text


def test_admins_manage_teams_and_rules_and_others_read_them(web: Web) -> None:
    _setup(web)
    admin, carl = web.token_client("ada"), web.token_client("carl")
    made = admin.post("/api/v1/teams", json={
        "name": "sales", "intents": ["sales"], "timezone": "Europe/Copenhagen", "hours": "mon-fri 08:00-16:00",
        "first_response": "90m", "members": ["pia", "carl"]})
    assert made.status_code == 201, made.text
    team = made.json()
    assert team["hours"] == "mon-fri 08:00-16:00" and team["first_response_s"] == 5400
    assert team["members"] == ["carl", "pia"]
    assert admin.post("/api/v1/teams", json={"name": "sales"}).status_code == 409
    bad = admin.post("/api/v1/teams", json={"name": "x", "hours": "whenever"})
    assert bad.status_code == 422 and bad.json()["error"]["problems"][0]["field"] == "hours"
    assert admin.post("/api/v1/teams", json={"name": "y", "timezone": "Mars/Olympus"}).status_code == 422
    changed = admin.patch(f"/api/v1/teams/{team['id']}", json={"members": ["pia"], "first_response": "none"})
    assert changed.json()["members"] == ["pia"] and changed.json()["first_response_s"] is None
    assert carl.post("/api/v1/teams", json={"name": "z"}).status_code == 403
    assert {t["name"] for t in carl.get("/api/v1/teams").json()["teams"]} == {"care", "pr", "sales"}

    rule = admin.post("/api/v1/rules", json={"name": "angry", "teams": ["sales"],
                                             "conditions": {"sentiments": ["negative"]}, "priority": "urgent",
                                             "tags": ["vip"]})
    assert rule.status_code == 201, rule.text
    assert rule.json()["teams"] == ["sales"] and rule.json()["conditions"] == {"sentiments": ["negative"]}
    assert admin.post("/api/v1/rules", json={"name": "all", "teams": ["sales"]}).status_code == 422
    assert admin.post("/api/v1/rules", json={"name": "q", "teams": ["nope"],
                                             "conditions": {"langs": ["en"]}}).status_code == 422
    assert admin.post("/api/v1/rules", json={"name": "w", "teams": ["sales"],
                                             "conditions": {"colour": ["red"]}}).status_code == 422
    assert admin.post("/api/v1/rules", json={"name": "angry", "teams": ["sales"],
                                             "conditions": {"langs": ["en"]}}).status_code == 409
    assert "angry" in {r["name"] for r in carl.get("/api/v1/rules").json()["rules"]}
    assert admin.delete(f"/api/v1/rules/{rule.json()['id']}").json()["removed"] == "angry"
    gone = admin.delete(f"/api/v1/teams/{web_team_id(admin, 'care')}")
    assert gone.json() == {"removed": "care", "open_cases": 2}


def web_team_id(client, name: str) -> int:  # type: ignore[no-untyped-def]
    return next(t["id"] for t in client.get("/api/v1/teams").json()["teams"] if t["name"] == name)
