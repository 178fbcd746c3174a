"""`voxpop digest` as a user meets it: add a daily digest by e-mail in the workspace's zone, list it,
preview it without sending, send what is due (once) and deliver it to an SMTP server on 127.0.0.1,
remove it; mistakes are refused with the reason."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from notify_receivers import Mailbox

from voxpop.cli import main
from voxpop.cli import open_workspace as open_cli_workspace
from voxpop.settings import get_settings
from voxpop.store.tables import digest_subscriptions


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture
def allow_loopback(db_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOXPOP_FETCH_ALLOWED_HOSTS", '["127.0.0.1"]')
    get_settings.cache_clear()


def test_a_daily_digest_is_added_previewed_sent_once_and_removed(allow_loopback: None, mailbox: Mailbox) -> None:
    assert cli("alerts", "settings", "--timezone", "Europe/Copenhagen")[0] == 0
    assert cli("query", "add", "acme", "acme")[0] == 0
    code, out = cli("destination", "add", "mailer", "--kind", "email", "--set", f"host={mailbox.host}",
                    "--set", f"port={mailbox.port}", "--set", "security=none", "--set", "from_addr=voxpop@example.com",
                    "--set", "to=ops@example.com")
    assert code == 0, out

    code, out = cli("digest", "add", "--daily", "08:00", "--query", "acme", "--email", "maria@example.com",
                    "--via", "mailer")
    assert code == 0, out
    assert "digest 1: acme, daily 08:00 (Europe/Copenhagen) → maria@example.com (e-mail via mailer)" in out
    assert " 08:00 CE" in out  # the first send time, on the workspace's clock (CET or CEST)
    code, out = cli("digest", "list", "--json")
    [listed] = json.loads(out)
    assert (listed["queries"], listed["rhythm"], listed["via"]) == (["acme"], "daily 08:00", "mailer")
    assert datetime.fromisoformat(listed["next"]) > datetime.now(UTC)

    code, out = cli("digest", "preview", "1")
    assert code == 0 and "Daily digest to" in out and "== acme ==" in out and "Mentions: 0" in out, out
    code, out = cli("digest", "send-due")
    assert code == 0 and "0 digests enqueued" in out  # previewing sends nothing, and none is due yet

    store = open_cli_workspace()
    with store.write() as conn:  # as if the digest had been made two days ago
        conn.execute(digest_subscriptions.update().values(created_at=datetime.now(UTC) - timedelta(days=2)))
    store.dispose()
    code, out = cli("digest", "send-due", "--json")
    sent = json.loads(out)
    # the two it owed (three when the window held a 23-hour day), in order, one after the other
    assert code == 0 and len(sent) in (2, 3) and all(
        a["end"] == b["start"] for a, b in zip(sent, sent[1:], strict=False))
    assert cli("digest", "send-due")[1].startswith("0 digests enqueued")
    code, out = cli("outbox", "deliver")
    assert code == 0 and f"{len(sent)} sent" in out, out
    assert [recipients for _, recipients in mailbox.envelopes] == [["maria@example.com"]] * len(sent)

    assert cli("digest", "remove", "1") == (0, "removed digest 1\n")
    code, out = cli("digest", "remove", "1")
    assert code == 2 and "no digest 1" in out


@pytest.mark.parametrize(("args", "message"), [
    (("--daily", "25:00", "--destination", "x"), "hour must be in 0..23"),
    (("--weekly", "someday 09:00", "--destination", "x"), "not a digest rhythm"),
    (("--destination", "x"), "--daily HH:MM or --weekly"),
    (("--daily", "08:00"), "give --destination, or --email"),
    (("--daily", "08:00", "--destination", "nowhere"), "no destination 'nowhere'"),
    (("--daily", "08:00", "--email", "a@example.com"), "needs the e-mail destination"),
    (("--daily", "08:00", "--query", "missing", "--email", "a@example.com", "--via", "x"), "missing"),
])
def test_mistakes_are_refused_with_the_reason(db_env: dict[str, str], args: tuple[str, ...], message: str) -> None:
    code, out = cli("digest", "add", *args)
    assert code == 2 and message in out, out
