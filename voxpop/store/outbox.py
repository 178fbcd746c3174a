"""Repository of notification destinations and the outbox: enqueue in the caller's transaction,
lease due rows, and record each delivery's outcome (sent, retry later, dead letter)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from voxpop.store.tables import notify_destinations, outbox

#: The states an outbox row moves through: pending → sending → sent, or back to pending (retry),
#: or dead (the last try failed, or the failure cannot be fixed by trying again).
STATES = ("pending", "sending", "sent", "dead")


class DestinationNotFound(LookupError):
    pass


class DestinationExists(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class DestinationRow:
    id: int
    name: str
    kind: str
    config: dict[str, Any]
    enabled: bool
    created_at: datetime

    def public(self, secret_keys: Iterable[str]) -> dict[str, Any]:
        """A JSON-able view with the kind's secret settings masked (never the secrets themselves)."""
        secret = set(secret_keys)
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "config": {k: ("***" if k in secret and v else v) for k, v in self.config.items()},
            "enabled": self.enabled,
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    idempotency_key: str
    event_key: str
    destination_id: int
    payload: dict[str, Any]
    state: str
    attempts: int
    next_attempt_at: datetime
    lease_owner: str | None
    lease_until: datetime | None
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    dead_at: datetime | None

    def public(self) -> dict[str, Any]:
        def iso(value: datetime | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "id": self.id,
            "idempotency_key": self.idempotency_key,
            "event_key": self.event_key,
            "destination_id": self.destination_id,
            "payload": self.payload,
            "state": self.state,
            "attempts": self.attempts,
            "next_attempt_at": iso(self.next_attempt_at),
            "last_error": self.last_error,
            "created_at": iso(self.created_at),
            "sent_at": iso(self.sent_at),
            "dead_at": iso(self.dead_at),
        }


def _destination(r: Any) -> DestinationRow:
    return DestinationRow(id=r.id, name=r.name, kind=r.kind, config=r.config or {}, enabled=bool(r.enabled),
                          created_at=r.created_at)


def _outbox(r: Any) -> OutboxRow:
    return OutboxRow(
        id=r.id, idempotency_key=r.idempotency_key, event_key=r.event_key, destination_id=r.destination_id,
        payload=r.payload, state=r.state, attempts=r.attempts, next_attempt_at=r.next_attempt_at,
        lease_owner=r.lease_owner, lease_until=r.lease_until, last_error=r.last_error, created_at=r.created_at,
        sent_at=r.sent_at, dead_at=r.dead_at,
    )


# ---- destinations ----------------------------------------------------------------------------


def add_destination(conn: Connection, *, name: str, kind: str, config: dict[str, Any]) -> DestinationRow:
    if conn.execute(sa.select(notify_destinations.c.id).where(notify_destinations.c.name == name)).first():
        raise DestinationExists(f"a destination named {name!r} already exists")
    now = datetime.now(UTC)
    new_id = conn.execute(
        notify_destinations.insert()
        .values(name=name, kind=kind, config=config, enabled=True, created_at=now, updated_at=now)
        .returning(notify_destinations.c.id)
    ).scalar_one()
    return get_destination(conn, destination_id=new_id)


def get_destination(conn: Connection, *, destination_id: int | None = None, name: str | None = None) -> DestinationRow:
    query = sa.select(notify_destinations)
    if destination_id is not None:
        query = query.where(notify_destinations.c.id == destination_id)
    elif name is not None:
        query = query.where(notify_destinations.c.name == name)
    else:
        raise ValueError("give destination_id or name")
    row = conn.execute(query).first()
    if row is None:
        raise DestinationNotFound(f"no destination {name or destination_id!r}; 'voxpop destination list' shows them")
    return _destination(row)


def list_destinations(conn: Connection) -> list[DestinationRow]:
    rows = conn.execute(sa.select(notify_destinations).order_by(notify_destinations.c.name))
    return [_destination(r) for r in rows]


def set_destination_enabled(conn: Connection, *, name: str, enabled: bool) -> DestinationRow:
    """Enable or disable a destination; a disabled one's notifications wait (their tries unspent)."""
    row = get_destination(conn, name=name)
    conn.execute(notify_destinations.update().where(notify_destinations.c.id == row.id)
                 .values(enabled=enabled, updated_at=datetime.now(UTC)))
    return get_destination(conn, destination_id=row.id)


def remove_destination(conn: Connection, *, name: str) -> int:
    """Remove a destination; returns how many of its notifications were still waiting (removed too)."""
    row = get_destination(conn, name=name)
    waiting = conn.execute(
        sa.select(sa.func.count()).select_from(outbox)
        .where(outbox.c.destination_id == row.id, outbox.c.state.in_(("pending", "sending")))
    ).scalar_one()
    conn.execute(outbox.delete().where(outbox.c.destination_id == row.id))
    conn.execute(notify_destinations.delete().where(notify_destinations.c.id == row.id))
    return int(waiting)


# ---- the outbox: writing ---------------------------------------------------------------------


def idempotency_key(event_key: str, destination_id: int) -> str:
    """The key receivers deduplicate on: the same for every try of one event at one destination."""
    digest = hashlib.sha256(f"{event_key}\x00{destination_id}".encode()).hexdigest()
    return f"vxn_{digest[:40]}"


def insert_notification(
    conn: Connection, *, event_key: str, destination_id: int, payload: dict[str, Any],
    not_before: datetime | None = None,
) -> tuple[int, bool]:
    """Insert one outbox row unless its (event, destination) is already there.

    Returns ``(id, inserted)``; enqueuing the same event twice for a destination is a no-op, so a
    caller that replays its event (a resumed import, a re-run detector) cannot notify twice.
    """
    now = datetime.now(UTC)
    key = idempotency_key(event_key, destination_id)
    values = {
        "idempotency_key": key, "event_key": event_key, "destination_id": destination_id, "payload": payload,
        "state": "pending", "attempts": 0, "next_attempt_at": not_before or now, "created_at": now,
        "updated_at": now,
    }
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        stmt: Any = pg_insert(outbox).on_conflict_do_nothing(index_elements=["idempotency_key"])
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        stmt = sqlite_insert(outbox).on_conflict_do_nothing(index_elements=["idempotency_key"])
    new_id = conn.execute(stmt.values(**values).returning(outbox.c.id)).scalar_one_or_none()
    if new_id is not None:
        return int(new_id), True
    existing = conn.execute(sa.select(outbox.c.id).where(outbox.c.idempotency_key == key)).scalar_one()
    return int(existing), False


# ---- the outbox: leasing and outcomes -------------------------------------------------------


def _due(now: datetime) -> Any:
    # A 'sending' row whose lease ran out belongs to a deliverer that crashed or hung: due again.
    # Rows for a disabled destination wait, without spending their tries.
    enabled = sa.select(notify_destinations.c.id).where(notify_destinations.c.enabled.is_(True))
    return sa.and_(
        sa.or_(
            sa.and_(outbox.c.state == "pending", outbox.c.next_attempt_at <= now),
            sa.and_(outbox.c.state == "sending", outbox.c.lease_until < now),
        ),
        outbox.c.destination_id.in_(enabled),
    )


def claim_due(conn: Connection, *, owner: str, now: datetime, lease: timedelta, limit: int) -> list[OutboxRow]:
    """Lease up to ``limit`` due rows to ``owner`` until ``now + lease``; each claim counts as a try.

    Counting the try when it starts (not when it ends) bounds the tries of a row that crashes its
    deliverer every time. On PostgreSQL rows leased by a concurrent transaction are skipped; on
    SQLite the write transaction is exclusive already.
    """
    query = sa.select(outbox.c.id).where(_due(now)).order_by(outbox.c.next_attempt_at, outbox.c.id).limit(limit)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    ids = [r.id for r in conn.execute(query)]
    if not ids:
        return []
    conn.execute(
        outbox.update()
        .where(outbox.c.id.in_(ids), _due(now))
        .values(state="sending", lease_owner=owner, lease_until=now + lease, attempts=outbox.c.attempts + 1,
                updated_at=now)
    )
    rows = conn.execute(
        sa.select(outbox).where(outbox.c.id.in_(ids), outbox.c.lease_owner == owner).order_by(outbox.c.id)
    )
    return [_outbox(r) for r in rows]


def mark_sent(conn: Connection, *, outbox_id: int, now: datetime) -> None:
    # Whoever holds the lease now, the destination accepted it: 'sent' is the truth.
    conn.execute(
        outbox.update().where(outbox.c.id == outbox_id, outbox.c.state != "sent")
        .values(state="sent", sent_at=now, lease_owner=None, lease_until=None, updated_at=now)
    )


def mark_retry(conn: Connection, *, outbox_id: int, owner: str, now: datetime, at: datetime, error: str) -> bool:
    """Put a leased row back for another try at ``at``; False when the lease was lost meanwhile."""
    result = conn.execute(
        outbox.update()
        .where(outbox.c.id == outbox_id, outbox.c.state == "sending", outbox.c.lease_owner == owner)
        .values(state="pending", next_attempt_at=at, lease_owner=None, lease_until=None, last_error=error,
                updated_at=now)
    )
    return result.rowcount == 1


def mark_dead(conn: Connection, *, outbox_id: int, owner: str, now: datetime, error: str) -> bool:
    """Dead-letter a leased row with the reason (its payload stays for 'voxpop outbox retry')."""
    result = conn.execute(
        outbox.update()
        .where(outbox.c.id == outbox_id, outbox.c.state == "sending", outbox.c.lease_owner == owner)
        .values(state="dead", dead_at=now, lease_owner=None, lease_until=None, last_error=error, updated_at=now)
    )
    return result.rowcount == 1


def revive(conn: Connection, *, ids: Sequence[int] | None = None, all_dead: bool = False) -> int:
    """Give dead letters a fresh set of tries, due now; returns how many were revived."""
    if not ids and not all_dead:
        return 0
    now = datetime.now(UTC)
    where = [outbox.c.state == "dead"]
    if ids:
        where.append(outbox.c.id.in_(list(ids)))
    result = conn.execute(
        outbox.update().where(*where)
        .values(state="pending", attempts=0, next_attempt_at=now, dead_at=None, updated_at=now)
    )
    return int(result.rowcount)


# ---- the outbox: reading ---------------------------------------------------------------------


def get_notification(conn: Connection, *, outbox_id: int) -> OutboxRow | None:
    row = conn.execute(sa.select(outbox).where(outbox.c.id == outbox_id)).first()
    return _outbox(row) if row else None


def list_notifications(
    conn: Connection, *, state: str | None = None, destination_id: int | None = None,
    event_key: str | None = None, limit: int = 100,
) -> list[OutboxRow]:
    query = sa.select(outbox).order_by(outbox.c.id.desc()).limit(limit)
    if state is not None:
        query = query.where(outbox.c.state == state)
    if destination_id is not None:
        query = query.where(outbox.c.destination_id == destination_id)
    if event_key is not None:
        query = query.where(outbox.c.event_key == event_key)
    return [_outbox(r) for r in conn.execute(query)]


def count_by_state(conn: Connection) -> dict[str, int]:
    rows = conn.execute(sa.select(outbox.c.state, sa.func.count()).group_by(outbox.c.state))
    counts = dict.fromkeys(STATES, 0)
    counts.update({state: int(n) for state, n in rows})
    return counts


def next_due_at(conn: Connection) -> datetime | None:
    """When the next pending row falls due (or a lease runs out), for the deliverer's sleep."""
    pending = conn.execute(
        sa.select(sa.func.min(outbox.c.next_attempt_at)).where(outbox.c.state == "pending")
    ).scalar_one_or_none()
    leased = conn.execute(
        sa.select(sa.func.min(outbox.c.lease_until)).where(outbox.c.state == "sending")
    ).scalar_one_or_none()
    candidates = [t for t in (pending, leased) if t is not None]
    if not candidates:
        return None
    # aggregates bypass the column type on SQLite: naive UTC strings or datetimes come back
    return min(_as_utc(t) for t in candidates)


def _as_utc(value: Any) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]
    return value.astimezone(UTC)  # type: ignore[no-any-return]
