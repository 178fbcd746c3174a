"""Repository of sources: their config, health, and the cursor committed with their items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from voxpop.store.tables import sources


class SourceNotFound(LookupError):
    pass


class SourceExists(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class SourceRow:
    id: int
    name: str
    kind: str
    config: dict[str, Any]
    enabled: bool
    interval_s: int
    state: str
    cursor: dict[str, Any]
    last_run_at: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    next_run_at: datetime | None
    items_collected: int
    created_at: datetime
    failures: int = 0

    def public(self) -> dict[str, Any]:
        """A JSON-able view (no cursor internals, secrets masked)."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "config": mask_secrets(self.config),
            "enabled": self.enabled,
            "interval_s": self.interval_s,
            "state": self.state,
            "last_run_at": _iso(self.last_run_at),
            "last_success_at": _iso(self.last_success_at),
            "last_error": self.last_error,
            "last_error_at": _iso(self.last_error_at),
            "next_run_at": _iso(self.next_run_at),
            "items_collected": self.items_collected,
            "failures": self.failures,
        }


SECRET_KEYS = ("token", "secret", "password", "app_password", "api_key", "client_secret")


def mask_secrets(config: dict[str, Any]) -> dict[str, Any]:
    return {k: ("***" if any(s in k.lower() for s in SECRET_KEYS) and v else v) for k, v in config.items()}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _row(r: Any) -> SourceRow:
    return SourceRow(
        id=r.id, name=r.name, kind=r.kind, config=r.config or {}, enabled=bool(r.enabled),
        interval_s=r.interval_s, state=r.state, cursor=r.cursor or {}, last_run_at=r.last_run_at,
        last_success_at=r.last_success_at, last_error=r.last_error, last_error_at=r.last_error_at,
        next_run_at=r.next_run_at, items_collected=r.items_collected, created_at=r.created_at,
        failures=r.failures,
    )


def add_source(
    conn: Connection, *, name: str, kind: str, config: dict[str, Any], interval_s: int = 900,
    enabled: bool = True,
) -> SourceRow:
    now = datetime.now(UTC)
    if conn.execute(sa.select(sources.c.id).where(sources.c.name == name)).first():
        raise SourceExists(f"a source named {name!r} already exists")
    new_id = conn.execute(
        sources.insert()
        .values(name=name, kind=kind, config=config, interval_s=interval_s, enabled=enabled,
                cursor={}, created_at=now, updated_at=now, next_run_at=now)
        .returning(sources.c.id)
    ).scalar_one()
    return get_source(conn, source_id=new_id)


def get_source(conn: Connection, *, source_id: int | None = None, name: str | None = None) -> SourceRow:
    query = sa.select(sources)
    if source_id is not None:
        query = query.where(sources.c.id == source_id)
    elif name is not None:
        query = query.where(sources.c.name == name)
    else:
        raise ValueError("give source_id or name")
    row = conn.execute(query).first()
    if row is None:
        raise SourceNotFound(f"no source {name or source_id!r}; 'voxpop source list' shows them")
    return _row(row)


def find_source(conn: Connection, *, name: str) -> SourceRow | None:
    try:
        return get_source(conn, name=name)
    except SourceNotFound:
        return None


def list_sources(conn: Connection, *, enabled_only: bool = False) -> list[SourceRow]:
    query = sa.select(sources).order_by(sources.c.name)
    if enabled_only:
        query = query.where(sources.c.enabled.is_(True))
    return [_row(r) for r in conn.execute(query)]


def remove_source(conn: Connection, *, name: str) -> int:
    """Delete a source and (by cascade) its mentions; returns the number of mentions removed."""
    from voxpop.store.tables import mentions

    src = get_source(conn, name=name)
    count = conn.execute(
        sa.select(sa.func.count()).select_from(mentions).where(mentions.c.source_id == src.id)
    ).scalar_one()
    conn.execute(sources.delete().where(sources.c.id == src.id))
    return int(count)


def save_cursor(conn: Connection, *, source_id: int, cursor: dict[str, Any], collected: int) -> None:
    """Store the cursor and count in the transaction that stored the items it covers."""
    conn.execute(
        sources.update()
        .where(sources.c.id == source_id)
        .values(cursor=cursor, items_collected=sources.c.items_collected + collected,
                updated_at=datetime.now(UTC))
    )


def record_run(
    conn: Connection, *, source_id: int, state: str, error: str | None, next_run_at: datetime | None,
) -> None:
    now = datetime.now(UTC)
    values: dict[str, Any] = {"state": state, "last_run_at": now, "updated_at": now,
                              "next_run_at": next_run_at}
    if error is None:
        values["last_success_at"] = now
        values["failures"] = 0
    else:
        values["last_error"] = error
        values["last_error_at"] = now
        values["failures"] = sources.c.failures + 1
    if state == "disabled":
        values["enabled"] = False
    conn.execute(sources.update().where(sources.c.id == source_id).values(**values))


def set_enabled(conn: Connection, *, source_id: int, enabled: bool) -> SourceRow:
    """Pause (collect skips it) or resume a source. Resuming one that failures disabled starts it
    afresh: due now, its failure count cleared."""
    current = get_source(conn, source_id=source_id)
    now = datetime.now(UTC)
    values: dict[str, Any] = {"enabled": enabled, "updated_at": now}
    if enabled:
        values["next_run_at"] = now
        if current.state == "disabled":
            values.update(state="new", failures=0)
    conn.execute(sources.update().where(sources.c.id == source_id).values(**values))
    return get_source(conn, source_id=source_id)
