"""Repository of saved queries and their matches, and the cursors of the stages after the store."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from voxpop.store.tables import pipeline_cursors, queries, query_matches, stage_queue, workspace_settings


class QueryNotFound(LookupError):
    pass


class QueryExists(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class QueryRow:
    id: int
    name: str
    text: str
    enabled: bool
    revision: int
    created_at: datetime
    updated_at: datetime

    def public(self, *, matches: int | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "name": self.name, "query": self.text, "enabled": self.enabled,
                                "revision": self.revision, "updated_at": self.updated_at.isoformat()}
        if matches is not None:
            data["matches"] = matches
        return data


def _row(r: Any) -> QueryRow:
    return QueryRow(id=r.id, name=r.name, text=r.text, enabled=bool(r.enabled), revision=r.revision,
                    created_at=r.created_at, updated_at=r.updated_at)


def add_query(conn: Connection, *, name: str, text: str, enabled: bool = True) -> QueryRow:
    if conn.execute(sa.select(queries.c.id).where(queries.c.name == name)).first():
        raise QueryExists(f"a query named {name!r} already exists; 'voxpop query edit' changes it")
    now = datetime.now(UTC)
    new_id = conn.execute(
        queries.insert().values(name=name, text=text, enabled=enabled, created_at=now, updated_at=now)
        .returning(queries.c.id)
    ).scalar_one()
    return get_query(conn, query_id=new_id)


def get_query(conn: Connection, *, query_id: int | None = None, name: str | None = None) -> QueryRow:
    where = queries.c.id == query_id if query_id is not None else queries.c.name == name
    row = conn.execute(sa.select(queries).where(where)).first()
    if row is None:
        raise QueryNotFound(f"no saved query {name or query_id!r}; 'voxpop query list' shows them")
    return _row(row)


def list_queries(conn: Connection, *, enabled_only: bool = False) -> list[QueryRow]:
    query = sa.select(queries).order_by(queries.c.name)
    if enabled_only:
        query = query.where(queries.c.enabled.is_(True))
    return [_row(r) for r in conn.execute(query)]


def update_query(conn: Connection, *, name: str, text: str | None = None, enabled: bool | None = None) -> QueryRow:
    current = get_query(conn, name=name)
    values: dict[str, Any] = {"updated_at": datetime.now(UTC)}
    if text is not None and text != current.text:
        values["text"] = text
        values["revision"] = current.revision + 1
    if enabled is not None:
        values["enabled"] = enabled
    conn.execute(queries.update().where(queries.c.id == current.id).values(**values))
    return get_query(conn, query_id=current.id)


def remove_query(conn: Connection, *, name: str) -> int:
    """Delete a saved query and its matches; returns how many matches went with it."""
    current = get_query(conn, name=name)
    removed = count_matches(conn, query_id=current.id)
    conn.execute(queries.delete().where(queries.c.id == current.id))
    return removed


def count_matches(conn: Connection, *, query_id: int) -> int:
    return int(conn.execute(
        sa.select(sa.func.count()).select_from(query_matches).where(query_matches.c.query_id == query_id)
    ).scalar_one())


def match_counts(conn: Connection) -> dict[int, int]:
    rows = conn.execute(sa.select(query_matches.c.query_id, sa.func.count()).group_by(query_matches.c.query_id))
    return {int(q): int(n) for q, n in rows}


def add_matches(conn: Connection, *, pairs: Iterable[tuple[int, int]], matched_at: datetime | None = None) -> int:
    """Store (query id, mention id) matches; pairs already stored are left as they are."""
    when = matched_at or datetime.now(UTC)
    rows = [{"query_id": q, "mention_id": m, "matched_at": when} for q, m in pairs]
    if not rows:
        return 0
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        conn.execute(pg_insert(query_matches).on_conflict_do_nothing(), rows)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        conn.execute(sqlite_insert(query_matches).on_conflict_do_nothing(), rows)
    return len(rows)


def remove_matches(conn: Connection, *, query_id: int, mention_ids: Sequence[int] | None = None) -> int:
    """Remove a query's matches (all of them, or those of these mentions)."""
    statement = query_matches.delete().where(query_matches.c.query_id == query_id)
    if mention_ids is not None:
        if not mention_ids:
            return 0
        statement = statement.where(query_matches.c.mention_id.in_(list(mention_ids)))
    return int(conn.execute(statement).rowcount or 0)


def get_cursor(conn: Connection, *, stage: str) -> int:
    value = conn.execute(sa.select(pipeline_cursors.c.position).where(pipeline_cursors.c.stage == stage)).scalar()
    return int(value or 0)


def set_cursor(conn: Connection, *, stage: str, position: int) -> None:
    now = datetime.now(UTC)
    updated = conn.execute(pipeline_cursors.update().where(pipeline_cursors.c.stage == stage)
                           .values(position=position, updated_at=now)).rowcount
    if not updated:
        conn.execute(pipeline_cursors.insert().values(stage=stage, position=position, updated_at=now))


#: The stages after the store that re-process a mention when its content is edited (the search
#: stage indexes its query keys again).
REPROCESSED_STAGES = ("match", "enrich", "search")


def queue_for_stages(
    conn: Connection, *, mention_ids: Sequence[int], stages: Sequence[str] = REPROCESSED_STAGES
) -> None:
    """Ask the later stages to process these (edited) mentions again."""
    if not mention_ids:
        return
    now = datetime.now(UTC)
    queued = sa.select(stage_queue.c.stage, stage_queue.c.mention_id).where(
        stage_queue.c.mention_id.in_(list(mention_ids)))
    already = {(r.stage, r.mention_id) for r in conn.execute(queued)}
    rows = [{"stage": s, "mention_id": m, "queued_at": now} for s in stages for m in mention_ids
            if (s, m) not in already]
    if rows:
        conn.execute(stage_queue.insert(), rows)


def take_queued(conn: Connection, *, stage: str, limit: int = 1000, unless_queued_for: str | None = None) -> list[int]:
    """Mention ids queued for a stage (removed from its queue); with ``unless_queued_for``, only
    those no longer waiting for that earlier stage (they are taken on a later run)."""
    query = sa.select(stage_queue.c.mention_id).where(stage_queue.c.stage == stage)
    if unless_queued_for is not None:
        earlier = stage_queue.alias("earlier")
        query = query.where(~sa.exists().where(earlier.c.stage == unless_queued_for,
                                               earlier.c.mention_id == stage_queue.c.mention_id))
    ids = [int(r[0]) for r in conn.execute(query.order_by(stage_queue.c.mention_id).limit(limit))]
    if ids:
        conn.execute(stage_queue.delete().where(stage_queue.c.stage == stage, stage_queue.c.mention_id.in_(ids)))
    return ids


def clear_queue(conn: Connection, *, stage: str) -> None:
    conn.execute(stage_queue.delete().where(stage_queue.c.stage == stage))


def queries_matching(conn: Connection, *, mention_id: int) -> list[QueryRow]:
    """The saved queries a mention matched."""
    rows = conn.execute(sa.select(queries).join(query_matches, query_matches.c.query_id == queries.c.id)
                        .where(query_matches.c.mention_id == mention_id).order_by(queries.c.name))
    return [_row(r) for r in rows]


def get_exclusions(conn: Connection) -> list[str]:
    """The workspace-wide exclusions: query expressions whose mentions no saved query matches."""
    value = conn.execute(sa.select(workspace_settings.c.value).where(workspace_settings.c.key == "exclusions")).scalar()
    return list(value or [])


def set_exclusions(conn: Connection, *, expressions: list[str]) -> None:
    now = datetime.now(UTC)
    updated = conn.execute(workspace_settings.update().where(workspace_settings.c.key == "exclusions")
                           .values(value=expressions, updated_at=now)).rowcount
    if not updated:
        conn.execute(workspace_settings.insert().values(key="exclusions", value=expressions, updated_at=now))


def matched_texts(conn: Connection, *, query_id: int | None = None, cluster_id: int | None = None,
                  since: datetime | None = None, until: datetime | None = None, include_spam: bool = False,
                  limit: int = 50_000) -> list[tuple[str, str | None]]:
    """(title and text, language) of the mentions a saved query matched (or of one duplicate
    cluster) in a period, newest first: what topics are computed from. Spam is left out unless asked."""
    from voxpop.store.tables import mentions

    query = sa.select(mentions.c.title, mentions.c.text, mentions.c.lang)
    if query_id is not None:
        query = query.join(query_matches, query_matches.c.mention_id == mentions.c.id).where(
            query_matches.c.query_id == query_id)
    if cluster_id is not None:
        query = query.where(mentions.c.cluster_id == cluster_id)
    if since is not None:
        query = query.where(mentions.c.published_at >= since)
    if until is not None:
        query = query.where(mentions.c.published_at < until)
    if not include_spam:
        query = query.where(sa.or_(mentions.c.spam.is_(None), mentions.c.spam.is_(False)))
    rows = conn.execute(query.order_by(mentions.c.published_at.desc()).limit(limit))
    return [((f"{r.title}\n{r.text}" if r.title else r.text), r.lang) for r in rows]
