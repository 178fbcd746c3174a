"""Enqueuing notifications: written into the outbox in the caller's transaction, so a notification
exists if and only if the event that caused it was committed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Connection

from voxpop.notify.message import Notification
from voxpop.store.outbox import insert_notification


def enqueue(
    conn: Connection, *, event_key: str, destination_id: int, payload: dict[str, Any] | Notification,
    not_before: datetime | None = None,
) -> tuple[int, bool]:
    """Queue one notification for one destination on ``conn`` — the connection (and transaction)
    that writes the event itself, e.g. the alert row. Nothing is sent here; the deliverer does that.

    ``event_key`` names the event uniquely and stably (``alert:42:fired``, ``case:7:sla-breach``):
    with the destination it makes the idempotency key, so enqueuing the same event again for the
    same destination does nothing. Returns ``(outbox id, inserted)``. The payload is validated
    (voxpop/notify/message.py) and NotificationInvalid raised, failing the caller's transaction.
    """
    if not event_key or len(event_key) > 300:
        raise ValueError("event_key must be 1 to 300 characters")
    notification = payload if isinstance(payload, Notification) else Notification.parse(payload)
    return insert_notification(
        conn, event_key=event_key, destination_id=destination_id,
        payload=notification.model_dump(mode="json", exclude_none=True), not_before=not_before,
    )


def enqueue_all(
    conn: Connection, *, event_key: str, destination_ids: Iterable[int], payload: dict[str, Any] | Notification,
) -> list[int]:
    """``enqueue`` for each destination (routing sends one event to several); returns the new ids."""
    notification = payload if isinstance(payload, Notification) else Notification.parse(payload)
    ids = []
    for destination_id in dict.fromkeys(destination_ids):
        outbox_id, inserted = enqueue(conn, event_key=event_key, destination_id=destination_id, payload=notification)
        if inserted:
            ids.append(outbox_id)
    return ids
