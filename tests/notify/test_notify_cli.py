"""`voxpop destination` and `voxpop outbox` as a user meets them, against a real receiver:
secrets asked for without echo and never printed, test sends, dead letters listed and retried."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from notify_receivers import SECRET, Receiver

from voxpop.cli import main
from voxpop.cli import open_workspace as open_cli_workspace
from voxpop.notify.outbox import enqueue
from voxpop.settings import get_settings
from voxpop.store.outbox import get_destination


def cli(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.output


@pytest.fixture
def allow_loopback(db_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOXPOP_FETCH_ALLOWED_HOSTS", '["127.0.0.1"]')
    get_settings.cache_clear()


def test_destinations_are_added_listed_tested_and_removed_without_showing_secrets(
    allow_loopback: None, receiver: Receiver
) -> None:
    code, out = cli("destination", "add", "ops", "--kind", "webhook", "--set", f"url={receiver.url}",
                    "--set", "secret=-", stdin=SECRET + "\n")
    assert code == 0, out
    assert SECRET not in out
    code, out = cli("destination", "list", "--json")
    assert code == 0 and SECRET not in out
    [listed] = json.loads(out)
    assert listed["config"]["secret"] == "***" and listed["config"]["url"] == receiver.url
    code, out = cli("destination", "list")
    assert code == 0 and "ops" in out and SECRET not in out

    code, out = cli("destination", "test", "ops")
    assert code == 0, out
    [got] = receiver.received
    assert json.loads(got.body)["notification"]["kind"] == "test" and receiver.refused_signatures == 0

    receiver.default = "500"
    code, out = cli("destination", "test", "ops")
    assert code == 1 and "HTTP 500" in out

    code, out = cli("destination", "add", "ops", "--kind", "webhook", "--set", f"url={receiver.url}",
                    "--set", f"secret={SECRET}")
    assert code == 2 and "already exists" in out
    code, out = cli("destination", "add", "x", "--kind", "pager")
    assert code == 2 and "unknown destination kind" in out
    code, out = cli("destination", "add", "x", "--kind", "webhook", "--set", f"url={receiver.url}",
                    "--set", "secret=short")
    assert code == 2 and "secret" in out and "=short" not in out  # the rejected value is not echoed

    code, out = cli("destination", "remove", "ops", "--yes")
    assert code == 0 and "removed ops" in out
    code, out = cli("destination", "list", "--json")
    assert json.loads(out) == []


def test_slack_and_email_secrets_are_masked_in_listings(allow_loopback: None) -> None:
    slack_url = "https://hooks.slack.com/services/T000/B000/abcdefghijklmnop"
    assert cli("destination", "add", "team", "--kind", "slack", "--set", f"url={slack_url}")[0] == 0
    assert cli("destination", "add", "pr", "--kind", "email", "--set", "host=smtp.example.com",
               "--set", "username=vox", "--set", "password=hunter2-long-password", "--set", "from_addr=v@example.com",
               "--set", "to=a@example.com,b@example.com")[0] == 0
    code, out = cli("destination", "list", "--json")
    assert code == 0 and "abcdefghijklmnop" not in out and "hunter2" not in out
    listed = {d["name"]: d for d in json.loads(out)}
    assert listed["team"]["config"]["url"] == "***" and listed["pr"]["config"]["password"] == "***"
    assert listed["pr"]["config"]["to"] == ["a@example.com", "b@example.com"]
    code, out = cli("destination", "list")
    assert "abcdefghijklmnop" not in out and "hunter2" not in out


def test_dead_letters_are_listed_retried_and_delivered(allow_loopback: None, receiver: Receiver) -> None:
    assert cli("destination", "add", "ops", "--kind", "webhook", "--set", f"url={receiver.url}",
               "--set", f"secret={SECRET}")[0] == 0
    receiver.default = "410"
    store = open_cli_workspace()
    with store.write() as conn:
        dest = get_destination(conn, name="ops")
        enqueue(conn, event_key="alert:1:fired", destination_id=dest.id, payload={"title": "Spike"})
    store.dispose()

    code, out = cli("outbox", "deliver")
    assert code == 1 and "1 dead-lettered" in out and "HTTP 410" in out
    code, out = cli("outbox", "list", "--state", "dead", "--json")
    [dead] = json.loads(out)
    assert dead["destination"] == "ops" and dead["payload"]["title"] == "Spike" and "HTTP 410" in dead["last_error"]

    assert cli("outbox", "retry")[0] == 2
    receiver.default = "ok"
    code, out = cli("outbox", "retry", str(dead["id"]))
    assert code == 0 and "1 dead letters" in out
    code, out = cli("outbox", "deliver", "--json")
    assert code == 0 and json.loads(out)["sent"] == 1
    code, out = cli("outbox", "list")
    assert code == 0 and "1 sent" in out and "0 dead" in out
    assert len(receiver.processed) == 1
