"""The outbox end to end, on SQLite and PostgreSQL, against real receivers on 127.0.0.1: every
notification arrives exactly once from the receiver's point of view, through 500s, a receiver that
hangs after processing, a deliverer killed between sending and recording, and recovery; the last
failed try dead-letters with the reason, and 'retry' revives it."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from notify_receivers import Receiver, webhook_destination

from voxpop.notify.deliver import Deliverer, DeliveryPolicy, outcome_for, retry_delay
from voxpop.notify.destinations.base import PermanentDeliveryError, TransientDeliveryError
from voxpop.notify.message import NotificationInvalid
from voxpop.notify.outbox import enqueue, enqueue_all
from voxpop.settings import Settings
from voxpop.store import Store
from voxpop.store.outbox import (
    count_by_state,
    get_notification,
    list_notifications,
    revive,
    set_destination_enabled,
)
from voxpop.store.tables import outbox, workspace_settings

HERE = Path(__file__).parent
FAST = DeliveryPolicy(base_delay_s=0.0, max_attempts=6, workers=2)


def _event(conn: sa.Connection, key: str) -> None:
    """Stands in for the event a notification is about (an alert row, a case change)."""
    conn.execute(workspace_settings.insert().values(key=key, value={"fired": True}, updated_at=datetime.now(UTC)))


def _enqueue(store: Store, destination_id: int, n: int, prefix: str = "alert") -> list[int]:
    ids = []
    with store.write() as conn:
        for i in range(n):
            _event(conn, f"{prefix}:{i}")
            outbox_id, inserted = enqueue(conn, event_key=f"{prefix}:{i}:fired", destination_id=destination_id,
                                          payload={"title": f"Spike {i}", "kind": "alert", "severity": "warning"})
            assert inserted
            ids.append(outbox_id)
    return ids


def _deliver_until_settled(deliverer: Deliverer, store: Store) -> None:
    for _ in range(20):
        deliverer.deliver_due()
        with store.read() as conn:
            counts = count_by_state(conn)
        if counts["pending"] == 0 and counts["sending"] == 0:
            return
    raise AssertionError(f"the outbox did not settle: {counts}")


# ---- enqueue ------------------------------------------------------------------------------------


def test_a_rolled_back_event_leaves_no_notification(store: Store, receiver: Receiver) -> None:
    dest = webhook_destination(store, receiver)
    with pytest.raises(RuntimeError), store.write() as conn:
        _event(conn, "alert:1")
        enqueue(conn, event_key="alert:1:fired", destination_id=dest.id, payload={"title": "Spike"})
        raise RuntimeError("the event's transaction fails after the enqueue")
    with store.read() as conn:
        assert list_notifications(conn) == []
        assert conn.execute(sa.select(workspace_settings)).first() is None
    with store.write() as conn:
        _event(conn, "alert:1")
        enqueue(conn, event_key="alert:1:fired", destination_id=dest.id, payload={"title": "Spike"})
    with store.read() as conn:
        assert [n.event_key for n in list_notifications(conn)] == ["alert:1:fired"]


def test_the_same_event_is_enqueued_once_per_destination(store: Store, receiver: Receiver) -> None:
    a = webhook_destination(store, receiver, name="a")
    b = webhook_destination(store, receiver, name="b")
    with store.write() as conn:
        first = enqueue_all(conn, event_key="case:7:breach", destination_ids=[a.id, b.id, a.id],
                            payload={"title": "SLA breached"})
        again = enqueue_all(conn, event_key="case:7:breach", destination_ids=[a.id, b.id],
                            payload={"title": "SLA breached"})
    assert len(first) == 2 and again == []
    with store.read() as conn:
        rows = list_notifications(conn)
    assert len({r.idempotency_key for r in rows}) == 2


def test_an_invalid_payload_fails_the_event_transaction(store: Store, receiver: Receiver) -> None:
    dest = webhook_destination(store, receiver)
    with pytest.raises(NotificationInvalid, match="title"), store.write() as conn:
        _event(conn, "alert:2")
        enqueue(conn, event_key="alert:2:fired", destination_id=dest.id, payload={"text": "no title"})
    with store.read() as conn:
        assert conn.execute(sa.select(workspace_settings)).first() is None


# ---- delivery -----------------------------------------------------------------------------------


def test_every_notification_arrives_once_through_500s_a_hang_and_recovery(store: Store, receiver: Receiver) -> None:
    dest = webhook_destination(store, receiver, timeout_s=0.5)
    # two 500s, then one request processed but answered only after the client gave up, then healthy
    receiver.plan = ["500", "500", "hang", "500"]
    receiver.hang_s = 1.5
    ids = _enqueue(store, dest.id, 6)
    _deliver_until_settled(Deliverer(store, policy=FAST), store)

    with store.read() as conn:
        rows = [get_notification(conn, outbox_id=i) for i in ids]
    assert all(r is not None and r.state == "sent" for r in rows)
    keys = {r.idempotency_key for r in rows if r is not None}
    assert set(receiver.processed) == keys  # all arrived ...
    assert all(count == 1 for count in receiver.processed.values())  # ... each processed once
    assert max(receiver.received_keys().values()) >= 2  # the hang made the deliverer send one again
    assert len(receiver.received) == 6 + 4  # one extra request per failed try, no more
    assert receiver.refused_signatures == 0


def test_a_failed_try_waits_with_exponential_backoff(store: Store, receiver: Receiver) -> None:
    dest = webhook_destination(store, receiver)
    receiver.default = "500"
    [outbox_id] = _enqueue(store, dest.id, 1)
    policy = DeliveryPolicy(base_delay_s=60.0, workers=1)
    deliverer = Deliverer(store, policy=policy)
    now = datetime.now(UTC)
    waits = []
    for attempt in range(1, 4):
        report = deliverer.deliver_due(now=now)
        assert report.retried == 1
        with store.read() as conn:
            row = get_notification(conn, outbox_id=outbox_id)
        assert row is not None and row.state == "pending" and row.attempts == attempt
        assert "HTTP 500" in (row.last_error or "")
        waits.append((row.next_attempt_at - now).total_seconds())
        assert deliverer.deliver_due(now=row.next_attempt_at - timedelta(seconds=1)).retried == 0  # not yet due
        now = row.next_attempt_at
    for attempt, wait in enumerate(waits, start=1):
        ceiling = 60.0 * 2 ** (attempt - 1)
        assert ceiling / 2 <= wait <= ceiling + 0.01


def test_the_last_failed_try_dead_letters_with_the_reason_and_retry_revives_it(
    store: Store, receiver: Receiver
) -> None:
    dest = webhook_destination(store, receiver)
    receiver.default = "500"
    [outbox_id] = _enqueue(store, dest.id, 1)
    report = Deliverer(store, policy=DeliveryPolicy(base_delay_s=0.0, max_attempts=3, workers=1)).deliver_due()
    assert (report.retried, report.dead) == (2, 1)
    with store.read() as conn:
        row = get_notification(conn, outbox_id=outbox_id)
    assert row is not None and row.state == "dead" and row.attempts == 3 and row.dead_at is not None
    assert "gave up after 3 tries" in (row.last_error or "") and "HTTP 500" in (row.last_error or "")
    assert row.payload["title"] == "Spike 0"  # the dead letter keeps the payload
    assert len(receiver.received) == 3

    receiver.default = "ok"
    with store.write() as conn:
        assert revive(conn, ids=[outbox_id]) == 1
    assert Deliverer(store, policy=FAST).deliver_due().sent == 1
    with store.read() as conn:
        row = get_notification(conn, outbox_id=outbox_id)
    assert row is not None and row.state == "sent"
    assert list(receiver.processed.values()) == [1]


def test_a_refusal_that_retrying_cannot_fix_is_dead_lettered_at_once(store: Store, receiver: Receiver) -> None:
    dest = webhook_destination(store, receiver)
    receiver.default = "410"
    [outbox_id] = _enqueue(store, dest.id, 1)
    report = Deliverer(store, policy=FAST).deliver_due()
    assert report.dead == 1 and len(receiver.received) == 1
    with store.read() as conn:
        row = get_notification(conn, outbox_id=outbox_id)
    assert row is not None and row.state == "dead" and "not retried" in (row.last_error or "")
    assert "HTTP 410" in (row.last_error or "")


def test_loopback_destinations_are_refused_unless_allowed(store: Store, receiver: Receiver,
                                                         settings: Settings) -> None:
    dest = webhook_destination(store, receiver)
    [outbox_id] = _enqueue(store, dest.id, 1)
    strict = settings.model_copy(update={"fetch_allowed_hosts": []})
    report = Deliverer(store, settings=strict, policy=FAST).deliver_due()
    assert report.dead == 1 and receiver.received == []
    with store.read() as conn:
        row = get_notification(conn, outbox_id=outbox_id)
    assert row is not None and "loopback" in (row.last_error or "")


def test_a_disabled_destination_keeps_its_notifications_waiting(store: Store, receiver: Receiver) -> None:
    dest = webhook_destination(store, receiver)
    _enqueue(store, dest.id, 2)
    with store.write() as conn:
        set_destination_enabled(conn, name=dest.name, enabled=False)
    assert Deliverer(store, policy=FAST).deliver_due().sent == 0
    with store.read() as conn:
        assert count_by_state(conn)["pending"] == 2
        assert {r.attempts for r in list_notifications(conn)} == {0}
    with store.write() as conn:
        set_destination_enabled(conn, name=dest.name, enabled=True)
    assert Deliverer(store, policy=FAST).deliver_due().sent == 2


def test_a_deliverer_killed_between_sending_and_recording_is_repeated_and_the_repeat_dropped(
    store: Store, receiver: Receiver
) -> None:
    dest = webhook_destination(store, receiver)
    ids = _enqueue(store, dest.id, 3)
    url = store.engine.url.render_as_string(hide_password=False)
    lease_s = 30.0
    child = subprocess.Popen(  # noqa: S603 - our own test script
        [sys.executable, str(HERE / "deliver_then_hang.py"), url, str(lease_s)],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(HERE)},
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("SENT "), line
        sent_key = line.split()[1]
        assert receiver.processed[sent_key] == 1  # the receiver has it ...
        os.kill(child.pid, signal.SIGKILL)  # ... and the deliverer dies before recording it
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    with store.read() as conn:
        states = {r.idempotency_key: r.state for r in list_notifications(conn)}
    assert states[sent_key] == "sending"  # leased to the dead deliverer

    fresh = Deliverer(store, policy=FAST)
    fresh.deliver_due()
    with store.read() as conn:
        assert {r.idempotency_key: r.state for r in list_notifications(conn)}[sent_key] == "sending"  # lease holds
    fresh.deliver_due(now=datetime.now(UTC) + timedelta(seconds=lease_s + 1))  # the lease has run out

    with store.read() as conn:
        rows = [get_notification(conn, outbox_id=i) for i in ids]
    assert all(r is not None and r.state == "sent" for r in rows)
    assert receiver.received_keys()[sent_key] == 2  # sent twice ...
    assert receiver.processed[sent_key] == 1  # ... processed once
    assert sorted(receiver.processed) == sorted(r.idempotency_key for r in rows if r is not None)
    assert set(receiver.processed.values()) == {1}


# ---- the outcome of a failure, in one function -----------------------------------------------------


def test_outcomes_of_failures() -> None:
    policy = DeliveryPolicy(base_delay_s=10.0, max_delay_s=100.0, max_attempts=5)
    rng = random.Random(1)
    verdict, wait, _ = outcome_for(TransientDeliveryError("HTTP 503"), attempt=1, policy=policy, rng=rng)
    assert verdict == "retry" and wait is not None and 5.0 <= wait <= 10.0
    verdict, wait, _ = outcome_for(TransientDeliveryError("429", retry_after=80), attempt=1, policy=policy, rng=rng)
    assert verdict == "retry" and wait == 80
    assert outcome_for(TransientDeliveryError("x"), attempt=5, policy=policy, rng=rng)[0] == "dead"
    assert outcome_for(PermanentDeliveryError("HTTP 404"), attempt=1, policy=policy, rng=rng)[0] == "dead"
    assert outcome_for(KeyError("bug"), attempt=1, policy=policy, rng=rng)[0] == "retry"
    assert all(50.0 <= retry_delay(policy, 10, rng) <= 100.0 for _ in range(50))  # capped


def test_outbox_rows_outlive_their_claims_only_by_lease(store: Store, receiver: Receiver) -> None:
    dest = webhook_destination(store, receiver)
    [outbox_id] = _enqueue(store, dest.id, 1)
    with store.write() as conn:  # a deliverer that vanished with an expired lease
        conn.execute(outbox.update().values(state="sending", lease_owner="gone", attempts=1,
                                            lease_until=datetime.now(UTC) - timedelta(seconds=1)))
    assert Deliverer(store, policy=FAST).deliver_due().sent == 1
    with store.read() as conn:
        row = get_notification(conn, outbox_id=outbox_id)
    assert row is not None and row.state == "sent" and row.attempts == 2
