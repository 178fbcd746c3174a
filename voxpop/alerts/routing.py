"""Who receives which alert: the subscriptions of the alert's query (and those for every query)
whose minimum severity the alert reaches, each a notification destination or an e-mail address.
Notifications are enqueued on the caller's connection, in the transaction that stores the alert."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Connection

from voxpop.notify.outbox import enqueue_all
from voxpop.store.alerts import SEVERITIES, AlertRow, SubscriptionRow, subscriptions_for
from voxpop.store.outbox import DestinationNotFound, add_destination, get_destination
from voxpop.store.tables import notify_destinations

#: The notification's own scale (info, warning, critical) for the alert's severity.
NOTIFICATION_SEVERITY = {"low": "info", "medium": "warning", "high": "warning", "critical": "critical"}

KIND_TITLES = {
    "volume": "Volume spike",
    "negative_share": "Negative share rising",
    "threshold_volume": "Volume above threshold",
    "threshold_negative": "Negative share above threshold",
}

EVENT_WORDS = {"opened": "", "reopened": " (again)", "escalated": " — escalated"}


def reaches(severity: str, minimum: str) -> bool:
    return SEVERITIES.index(severity) >= SEVERITIES.index(minimum)


def recipients(conn: Connection, *, alert: AlertRow) -> list[SubscriptionRow]:
    """The subscriptions an alert of this query and severity goes to."""
    return [s for s in subscriptions_for(conn, query_id=alert.query_id) if reaches(alert.severity, s.min_severity)]


def mail_destination(conn: Connection, *, via_id: int, address: str) -> int:
    """The e-mail destination that sends to one address: the ``via`` destination's server settings
    with ``to`` replaced, created when first needed and kept in step with ``via`` at every alert
    (the deliverer reads a destination's settings at each send)."""
    via = get_destination(conn, destination_id=via_id)
    name = f"{via.name} → {address}"[:200]
    config = {**via.config, "to": [address]}
    try:
        existing = get_destination(conn, name=name)
    except DestinationNotFound:
        return add_destination(conn, name=name, kind=via.kind, config=config).id
    if existing.config != config or existing.enabled != via.enabled:
        conn.execute(notify_destinations.update().where(notify_destinations.c.id == existing.id)
                     .values(config=config, enabled=via.enabled, updated_at=datetime.now(UTC)))
    return existing.id


def payload(alert: AlertRow, *, event: str, public_url: str | None = None) -> dict[str, Any]:
    """What the notification says: a title, the one-line summary, observed against expected, the
    drivers, and where to act (``/alerts/ID``, absolute when the workspace knows its address)."""
    title = f"{KIND_TITLES.get(alert.kind, alert.kind)} on {alert.query}: {alert.severity}{EVENT_WORDS.get(event, '')}"
    drivers = {name: alert.drivers.get(name, [])[:5] for name in ("terms", "authors", "links", "languages", "channels")}
    fields = {
        "query": alert.query,
        "observed": f"{alert.observed:,.0f}",
        "expected": f"{alert.expected:,.1f}",
        "since": f"{alert.started_at:%Y-%m-%d %H:%M} UTC",
        "severity": alert.severity,
    }
    top_terms = ", ".join(d["value"] for d in drivers["terms"][:3])
    if top_terms:
        fields["drivers"] = top_terms
    body: dict[str, Any] = {
        "title": title,
        "text": alert.summary or f"{alert.observed:,.0f} observed vs {alert.expected:,.1f} expected",
        "kind": "alert",
        "severity": NOTIFICATION_SEVERITY.get(alert.severity, "warning"),
        "fields": fields,
        "link": alert.link,
        "event": event,
        "alert": {
            "id": alert.id, "query": alert.query, "kind": alert.kind, "severity": alert.severity,
            "state": alert.state, "started_at": alert.started_at.isoformat(), "fired_at": alert.fired_at.isoformat(),
            "observed": round(alert.observed, 2), "expected": round(alert.expected, 2), "drivers": drivers,
            "top_mention_ids": alert.top_mention_ids,
        },
    }
    if public_url:
        body["url"] = public_url.rstrip("/") + alert.link
    return body


def notify_alert(conn: Connection, *, alert: AlertRow, event: str, event_id: str,
                 public_url: str | None = None) -> list[int]:
    """Enqueue the notifications of one alert event (``event_id`` names it uniquely and stably, so
    storing the same event again notifies nobody twice); returns the new outbox ids."""
    destination_ids: list[int] = []
    for subscription in recipients(conn, alert=alert):
        if subscription.destination_id is not None:
            destination_ids.append(subscription.destination_id)
        elif subscription.email and subscription.via_destination_id is not None:
            destination_ids.append(mail_destination(conn, via_id=subscription.via_destination_id,
                                                    address=subscription.email))
    if not destination_ids:
        return []
    return enqueue_all(conn, event_key=f"alert:{alert.id}:{event_id}", destination_ids=destination_ids,
                       payload=payload(alert, event=event, public_url=public_url))
