"""`voxpop team`, `voxpop route` and `voxpop cases` as a user meets them: set up teams and a rule,
import mentions, work the inbox, correct an intent, and read the report."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from voxpop.cli import main


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_teams_rules_and_the_inbox_from_the_command_line(db_env: dict[str, str], tmp_path: Path) -> None:
    code, out = cli("team", "add", "care", "--intent", "complaint", "--timezone", "Europe/Copenhagen",
                    "--hours", "mon-fri 08:00-16:00", "--closed", "2026-12-24", "--first-response", "2h", "--json")
    assert code == 0, out
    assert json.loads(out)["business_hours"]["mon"] == [["08:00", "16:00"]]
    assert cli("team", "add", "sales", "--intent", "sales")[0] == 0
    assert cli("team", "add", "pr", "--intent", "press", "--hours", "24/7")[0] == 0
    code, out = cli("team", "add", "care", "--first-response", "90m", "--json")  # only the target changes
    team = json.loads(out)
    assert team["first_response_s"] == 5400 and team["timezone"] == "Europe/Copenhagen"
    assert team["business_hours"]["closed"] == ["2026-12-24"] and team["intents"] == ["complaint"]
    code, out = cli("team", "list")
    assert code == 0 and "care" in out and "1h30m" in out

    assert cli("query", "add", "lumora", "lumora")[0] == 0
    code, out = cli("route", "add", "lumora-pr", "--query", "lumora", "--team", "pr", "--priority", "high",
                    "--tag", "brand", "--not-spam", "--json")
    assert code == 0, out
    assert json.loads(out)["conditions"] == {"spam": False}
    code, out = cli("route", "list")
    assert "lumora-pr: query lumora not spam → pr (high tags brand)" in out

    path = tmp_path / "m.ndjson"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"id": "1", "text": "Lumora opens a new store in Aarhus next week", "published_at": "2026-10-01T10:00:00Z"},
        {"id": "2", "text": "My parcel never arrived and customer service does not answer",
         "published_at": "2026-10-01T10:05:00Z"},
        {"id": "3", "text": "Is the price of the family plan per month?", "published_at": "2026-10-01T10:06:00Z"},
    ]) + "\n")
    assert cli("import", str(path))[0] == 0
    code, out = cli("cases", "list", "--json")
    listed = {c["mention_id"]: c for c in json.loads(out)}
    assert [(c["team"], c["origin"], c["priority"]) for _, c in sorted(listed.items())] == [
        ("pr", "rule", "high"), ("care", "intent", "normal"), ("sales", "intent", "normal")]
    care_case = listed[2]["id"]
    assert listed[2]["due_at"] is not None and listed[1]["due_at"] is None  # pr has no target

    assert cli("cases", "status", str(care_case), "open", "--by", "ana")[0] == 0
    assert cli("cases", "note", str(care_case), "Replacement sent", "--by", "ana")[0] == 0
    assert cli("cases", "priority", str(care_case), "urgent", "--by", "ana")[0] == 0
    code, out = cli("cases", "intent", str(listed[3]["id"]), "complaint", "--by", "ana")
    assert code == 0 and "care" in out
    code, out = cli("cases", "show", str(care_case), "--json")
    shown = json.loads(out)
    assert [(e["actor"], e["action"], e["old"], e["new"]) for e in shown["history"]][1:] == [
        ("ana", "status", "new", "open"), ("ana", "note", None, "Replacement sent"),
        ("ana", "priority", "normal", "urgent")]
    assert shown["mention_list"][0]["text"].startswith("My parcel")
    code, out = cli("cases", "show", str(care_case))
    assert "routed by intent complaint" in out and "never arrived" in out

    code, out = cli("cases", "report", "--since", "3650d", "--json")
    assert code == 0, out
    teams = {row["team"]: row for row in json.loads(out)["teams"]}
    assert teams["care"]["cases"] == 2 and teams["care"]["answered"] == 1 and teams["pr"]["cases"] == 1
    code, out = cli("cases", "report", "--team", "care", "--since", "3650d")
    assert code == 0 and "care" in out and "1h30m" in out


def test_mistakes_are_usage_errors_with_the_reason(db_env: dict[str, str]) -> None:
    code, out = cli("team", "add", "care", "--hours", "mon-fri 17:00-09:00")
    assert code == 2 and "ends before it starts" in out
    code, out = cli("team", "add", "care", "--timezone", "Mars/Olympus")
    assert code == 2 and "unknown time zone" in out
    code, out = cli("team", "add", "care", "--intent", "gossip")
    assert code == 2 and "unknown intent" in out
    code, out = cli("team", "add", "care", "--lead-destination", "nowhere")
    assert code == 2 and "nowhere" in out
    assert cli("team", "add", "care")[0] == 0
    code, out = cli("route", "add", "everything", "--team", "care")
    assert code == 2 and "needs --query or at least one condition" in out
    code, out = cli("route", "add", "x", "--team", "nobody", "--channel", "forum")
    assert code == 2 and "no team" in out
    code, out = cli("route", "add", "x", "--team", "care", "--sentiment", "angry")
    assert code == 2 and "unknown sentiment" in out
    code, out = cli("cases", "status", "999", "open")
    assert code == 2 and "no case with id 999" in out
    code, out = cli("cases", "report", "--team", "nobody")
    assert code == 2 and "no team" in out
    code, out = cli("team", "remove", "care", "--yes")
    assert code == 0 and "removed team care" in out
