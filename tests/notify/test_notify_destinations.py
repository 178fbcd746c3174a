"""Each destination kind against a real receiver: the webhook's signature (and a receiver's check
of it), the Slack message's blocks, the e-mail received by an SMTP server; secrets stay hidden."""

from __future__ import annotations

import email
import email.policy
import time
from datetime import UTC, datetime

import orjson
import pytest
from notify_receivers import SECRET, Mailbox, Receiver

from voxpop.notify import registry
from voxpop.notify.deliver import Deliverer, DeliveryPolicy
from voxpop.notify.destinations.base import (
    Delivery,
    DestinationConfigError,
    PermanentDeliveryError,
    TransientDeliveryError,
)
from voxpop.notify.destinations.email import EmailDestination
from voxpop.notify.destinations.slack import SlackDestination, blocks_for
from voxpop.notify.destinations.webhook import SignatureInvalid, WebhookDestination, sign, verify_signature
from voxpop.notify.message import Notification
from voxpop.notify.outbox import enqueue
from voxpop.settings import Settings
from voxpop.store import Store
from voxpop.store.outbox import add_destination, get_notification, list_destinations

ALERT = Notification(
    title="Spike in negative mentions of NordBrew <script>",
    text="Volume is 4.2× the usual Tuesday level; most mentions are about late deliveries & refunds.",
    kind="alert", severity="critical", url="https://voxpop.example/alerts/42",
    fields={"observed": "212", "expected": "50", "query": "nordbrew"},
)


def _delivery(notification: Notification = ALERT, key: str = "vxn_test") -> Delivery:
    return Delivery(idempotency_key=key, event_key="alert:42:fired", notification=notification,
                    created_at=datetime(2026, 11, 24, 9, 30, tzinfo=UTC), attempt=1)


# ---- webhook signature ----------------------------------------------------------------------------


def test_a_receiver_accepts_a_good_signature_and_refuses_tampering_wrong_secrets_and_replays() -> None:
    body = b'{"id":"vxn_1"}'
    now = int(time.time())
    signature = sign(SECRET, str(now), body)
    assert signature.startswith("sha256=") and len(signature) == 7 + 64
    verify_signature(SECRET, body=body, timestamp=str(now), signature=signature)
    with pytest.raises(SignatureInvalid, match="does not match"):
        verify_signature(SECRET, body=body + b" ", timestamp=str(now), signature=signature)
    with pytest.raises(SignatureInvalid, match="does not match"):
        verify_signature("another-secret-0123456789", body=body, timestamp=str(now), signature=signature)
    with pytest.raises(SignatureInvalid, match="does not match"):  # the timestamp is signed too
        verify_signature(SECRET, body=body, timestamp=str(now + 1), signature=signature)
    old = str(now - 301)
    with pytest.raises(SignatureInvalid, match="replay"):
        verify_signature(SECRET, body=body, timestamp=old, signature=sign(SECRET, old, body))
    verify_signature(SECRET, body=body, timestamp=str(now - 299), signature=sign(SECRET, str(now - 299), body))
    with pytest.raises(SignatureInvalid, match="missing"):
        verify_signature(SECRET, body=body, timestamp=None, signature=signature)


def test_the_webhook_sends_signed_json_with_the_idempotency_key(receiver: Receiver, settings: Settings) -> None:
    hook = WebhookDestination(name="ops", config={"url": receiver.url, "secret": SECRET}, settings=settings)
    hook.send(_delivery(key="vxn_abc"))
    [got] = receiver.received
    assert got.headers["idempotency-key"] == "vxn_abc"
    assert got.headers["content-type"] == "application/json"
    timestamp = got.headers["x-voxpop-timestamp"]
    assert abs(int(timestamp) - time.time()) < 5
    assert got.headers["x-voxpop-signature"] == sign(SECRET, timestamp, got.body)
    body = orjson.loads(got.body)
    assert body["id"] == "vxn_abc" and body["event"] == "alert:42:fired"
    assert body["notification"]["title"] == ALERT.title and body["notification"]["fields"]["observed"] == "212"
    assert receiver.refused_signatures == 0


def test_a_receiver_with_another_secret_refuses_and_that_is_dead_lettered(
    store: Store, receiver: Receiver
) -> None:
    receiver.secret = "the-receiver-has-another-one"
    with store.write() as conn:
        dest = add_destination(conn, name="ops", kind="webhook", config={"url": receiver.url, "secret": SECRET})
        outbox_id, _ = enqueue(conn, event_key="e:1", destination_id=dest.id, payload={"title": "x"})
    assert Deliverer(store, policy=DeliveryPolicy(workers=1)).deliver_due().dead == 1
    with store.read() as conn:
        row = get_notification(conn, outbox_id=outbox_id)
    assert row is not None and "HTTP 401" in (row.last_error or "")
    assert SECRET not in (row.last_error or "")


def test_webhook_config_is_checked() -> None:
    with pytest.raises(DestinationConfigError, match="secret"):
        WebhookDestination.validate_config({"url": "https://example.com/hook", "secret": "short"})
    with pytest.raises(DestinationConfigError, match="url"):
        WebhookDestination.validate_config({"url": "ftp://example.com/hook", "secret": SECRET})
    with pytest.raises(DestinationConfigError, match="unknown destination kind 'pager'"):
        registry.load("pager")
    assert set(registry.available()) >= {"webhook", "slack", "email"}


# ---- Slack ----------------------------------------------------------------------------------------


def test_slack_gets_readable_blocks_with_a_fallback_text(receiver: Receiver, settings: Settings) -> None:
    receiver.secret = None  # Slack does not sign
    SlackDestination(name="team", config={"url": receiver.url}, settings=settings).send(_delivery())
    [got] = receiver.received
    message = orjson.loads(got.body)
    assert message == blocks_for(ALERT)
    assert ALERT.title in message["text"] and "observed: 212" in message["text"]
    kinds = [b["type"] for b in message["blocks"]]
    assert kinds == ["header", "section", "section", "actions", "context"]
    header = message["blocks"][0]["text"]
    assert header["type"] == "plain_text" and header["text"].startswith(":red_circle: Spike")
    assert "&amp; refunds" in message["blocks"][1]["text"]["text"]  # mrkdwn control characters escaped
    assert [f["text"] for f in message["blocks"][2]["fields"]][0] == "*observed*\n212"
    assert message["blocks"][3]["elements"][0]["url"] == ALERT.url


def test_slack_blocks_keep_within_slacks_limits() -> None:
    big = Notification(title="t" * 400, text="x" * 5000, fields={f"f{i}": "v" * 3000 for i in range(15)})
    message = blocks_for(big)
    assert len(message["blocks"][0]["text"]["text"]) <= 150
    assert len(message["blocks"][1]["text"]["text"]) <= 3000
    assert len(message["blocks"][2]["fields"]) == 10
    assert all(len(f["text"]) <= 2000 for f in message["blocks"][2]["fields"])
    assert [b["type"] for b in blocks_for(Notification(title="t"))["blocks"]] == ["header", "context"]


def test_the_slack_url_is_a_secret(store: Store, receiver: Receiver, settings: Settings) -> None:
    with store.write() as conn:
        add_destination(conn, name="team", kind="slack", config={"url": receiver.url})
        [row] = list_destinations(conn)
    assert row.public(SlackDestination.secret_keys)["config"]["url"] == "***"
    receiver.secret = None
    receiver.default = "410"
    with pytest.raises(PermanentDeliveryError) as caught:
        SlackDestination(name="team", config={"url": receiver.url}, settings=settings).send(_delivery())
    assert receiver.url not in str(caught.value) and "slack destination team" in str(caught.value)


# ---- e-mail ----------------------------------------------------------------------------------------


def _mail_config(box: Mailbox, **extra: object) -> dict[str, object]:
    return {"host": box.host, "port": box.port, "security": "none", "from_addr": "voxpop@example.com",
            "to": "care@example.com, pr@example.com", **extra}


def test_an_email_arrives_with_text_and_html(mailbox: Mailbox, settings: Settings) -> None:
    EmailDestination(name="care", config=_mail_config(mailbox), settings=settings).send(_delivery(key="vxn_mail"))
    [raw] = mailbox.messages
    assert mailbox.envelopes == [("voxpop@example.com", ["care@example.com", "pr@example.com"])]
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Subject"] == f"[voxpop critical] {ALERT.title}"
    assert message["To"] == "care@example.com, pr@example.com"
    assert "vxn_mail" in message["Message-ID"] and message["X-Voxpop-Idempotency-Key"] == "vxn_mail"
    plain = message.get_body(preferencelist=("plain",))
    rich = message.get_body(preferencelist=("html",))
    assert plain is not None and rich is not None
    assert "observed: 212" in plain.get_content() and ALERT.url in plain.get_content()
    assert "&lt;script&gt;" in rich.get_content() and "<script>" not in rich.get_content()  # escaped
    assert 'href="https://voxpop.example/alerts/42"' in rich.get_content()


def test_smtp_refusals_are_transient_for_4xx_and_permanent_for_5xx(mailbox: Mailbox, settings: Settings) -> None:
    mail = EmailDestination(name="care", config=_mail_config(mailbox), settings=settings)
    mailbox.answer_data = "451 4.3.0 try again later"
    with pytest.raises(TransientDeliveryError, match="451"):
        mail.send(_delivery())
    mailbox.answer_data = "554 5.7.1 rejected as spam"
    with pytest.raises(PermanentDeliveryError, match="554"):
        mail.send(_delivery())
    assert mailbox.messages == []


def test_an_unreachable_smtp_server_is_transient_and_loopback_needs_allowing(
    mailbox: Mailbox, settings: Settings
) -> None:
    closed = _mail_config(mailbox, port=1)
    with pytest.raises(TransientDeliveryError):
        EmailDestination(name="care", config=closed, settings=settings).send(_delivery())
    strict = settings.model_copy(update={"fetch_allowed_hosts": []})
    with pytest.raises(PermanentDeliveryError, match="loopback"):
        EmailDestination(name="care", config=_mail_config(mailbox), settings=strict).send(_delivery())
    assert mailbox.messages == []


def test_email_config_refuses_a_password_in_clear() -> None:
    with pytest.raises(DestinationConfigError, match="in clear"):
        EmailDestination.validate_config({"host": "smtp.example.com", "security": "none", "username": "u",
                                          "password": "p", "from_addr": "a@example.com", "to": "b@example.com"})
    config = EmailDestination.validate_config({"host": "smtp.example.com", "from_addr": "a@example.com",
                                               "to": "b@example.com,c@example.com"})
    assert config["to"] == ["b@example.com", "c@example.com"] and config["security"] == "starttls"
