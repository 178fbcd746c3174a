"""The service (voxpop run) sends a digest that fell due while it was down, through its own digest
thread and deliverer, to a webhook on 127.0.0.1, and records the period so no restart sends it again."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

from notify_receivers import Receiver, webhook_destination

from voxpop.notify.digest import parse_schedule, send_due
from voxpop.runtime.scheduler import Scheduler
from voxpop.store import Store
from voxpop.store.alerts import set_timezone
from voxpop.store.digests import add_digest_subscription
from voxpop.store.outbox import list_notifications
from voxpop.store.tables import digest_subscriptions


def run_service_until(store: Store, done: threading.Event, *, timeout_s: float = 30) -> None:
    scheduler = Scheduler(store, poll_s=0.2)
    thread = threading.Thread(target=scheduler.run, daemon=True)
    thread.start()
    try:
        assert done.wait(timeout_s), "the service sent nothing in time"
    finally:
        scheduler.stop()
        thread.join(30)
    assert not thread.is_alive()


def test_the_service_sends_an_overdue_digest_and_records_its_period(store: Store, receiver: Receiver) -> None:
    hook = webhook_destination(store, receiver)
    with store.write() as conn:
        set_timezone(conn, zone="America/New_York")
        schedule = parse_schedule("daily 07:00", timezone="America/New_York")
        add_digest_subscription(conn, schedule=schedule, query_ids=None, destination_id=hook.id)
        # made just before the last 07:00 in New York: it owes exactly that one period
        made = schedule.previous_before(datetime.now(UTC)) - timedelta(minutes=1)
        conn.execute(digest_subscriptions.update().values(created_at=made))
    arrived = threading.Event()
    original = receiver.handle

    def handle(key: str | None, body: bytes, headers: dict[str, str]) -> tuple[int, bytes, float]:
        answer = original(key, body, headers)
        arrived.set()
        return answer

    receiver.handle = handle  # type: ignore[method-assign]
    run_service_until(store, arrived)
    assert sum(receiver.processed.values()) == 1
    body = json.loads(next(iter(receiver.bodies.values())))
    assert body["event"].startswith("digest:") and body["notification"]["kind"] == "digest"

    # after the service stopped, the period it sent is recorded: a restart (or cron) owes nothing
    assert send_due(store) == []
    with store.read() as conn:
        assert [n.state for n in list_notifications(conn)] == ["sent"]
