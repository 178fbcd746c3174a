"""`voxpop alerts` for the live alerts: subscribe, threshold, settings, list, show, ack, resolve."""

from __future__ import annotations

import json
from datetime import timedelta

from alerts_live_helpers import START, Clock, burst, regular, store_drafts
from click.testing import CliRunner

from voxpop.alerts.stage import AlertStage
from voxpop.match.stage import backfill_query
from voxpop.store.outbox import add_destination
from voxpop.store.queries import add_query


def test_the_alert_commands_from_subscription_to_resolution(db_env: dict[str, str]) -> None:
    from voxpop.cli import main, open_workspace

    store = open_workspace()
    store_drafts(store, regular(START, START + timedelta(hours=2)))
    with store.write() as conn:
        add_destination(conn, name="ops", kind="webhook", config={"url": "https://ops.example/hook",
                                                                  "secret": "s" * 20})
    with store.write() as conn:
        query = add_query(conn, name="acme", text="acme")
    backfill_query(store, query)
    runner = CliRunner()

    def call(*args: str) -> str:
        result = runner.invoke(main, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    assert "every query" in call("alerts", "subscribe", "--destination", "ops")
    assert "more than 10 mentions in 5 min" in call("alerts", "threshold", "acme", "--mentions", "10", "--minutes",
                                                    "5", "--severity", "high")
    bad = runner.invoke(main, ["alerts", "threshold", "acme", "--minutes", "5"])
    assert bad.exit_code == 2
    settings = json.loads(call("alerts", "settings", "--timezone", "Europe/Copenhagen", "--json"))
    assert settings["timezone"] == "Europe/Copenhagen" and settings["grace_minutes"] == 2

    clock = Clock(START + timedelta(hours=2))
    stage = AlertStage(store, clock=clock)
    stage.run()
    store_drafts(store, burst(START + timedelta(hours=2), count=12, per_minute=6))
    clock.now += timedelta(minutes=1, seconds=30)
    stage.run()
    listed = json.loads(call("alerts", "list", "--state", "open", "--json"))
    threshold = next(a for a in listed if a["kind"] == "threshold_volume")
    assert threshold["severity"] == "high" and threshold["link"] == f"/alerts/{threshold['id']}"
    shown = call("alerts", "show", str(threshold["id"]))
    assert "observed 12 vs expected 10.0" in shown and "opened" in shown
    assert "acknowledged (by maria)" in call("alerts", "ack", str(threshold["id"]), "--by", "maria")
    assert "resolved (by maria)" in call("alerts", "resolve", str(threshold["id"]), "--by", "maria")
    again = runner.invoke(main, ["alerts", "resolve", str(threshold["id"]), "--by", "maria"])
    assert again.exit_code == 2 and "already resolved" in again.output
    subscriptions = json.loads(call("alerts", "subscriptions", "--json"))
    assert [s["destination"] for s in subscriptions] == ["ops"]
    assert "removed subscription" in call("alerts", "unsubscribe", str(subscriptions[0]["id"]))
