"""The search prefilter's SQL: each mention's query keys (``mention_terms``) and the full-text
lookups over them — FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL (migration 0003).

Keys arrive here already encoded as index tokens (``voxpop.match.search.index_token``), and a
lookup is a list of alternatives, each a list of tokens that must all be present; a token ending
in ``*`` is a prefix. Both databases index the tokens as they are, without a parser of their own,
so they agree with the query matcher on what a word is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from voxpop.store.mentions import MentionFilter
from voxpop.store.tables import mention_terms, mentions, sources, stage_queue

Alternatives = Sequence[Sequence[str]]


def upsert_terms(conn: Connection, *, rows: Iterable[tuple[int, str]]) -> int:
    """Store (mention id, space-separated tokens) rows, replacing earlier ones, and keep the
    full-text index in step (on SQLite explicitly: FTS5 forgets a row only when told its old
    content)."""
    values = [{"mention_id": mention_id, "terms": terms} for mention_id, terms in rows]
    if not values:
        return 0
    ids = [v["mention_id"] for v in values]
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        old = conn.execute(sa.select(mention_terms.c.mention_id, mention_terms.c.terms)
                           .where(mention_terms.c.mention_id.in_(ids))).all()
        if old:
            conn.exec_driver_sql("INSERT INTO mention_terms_fts(mention_terms_fts, rowid, terms) "
                                 "VALUES ('delete', ?, ?)", [(r.mention_id, r.terms) for r in old])
        from sqlalchemy.dialects.sqlite import insert
    else:
        from sqlalchemy.dialects.postgresql import insert  # type: ignore[assignment]
    statement = insert(mention_terms)
    conn.execute(statement.on_conflict_do_update(index_elements=[mention_terms.c.mention_id],
                                                 set_={"terms": statement.excluded.terms}), values)
    if sqlite:
        conn.exec_driver_sql("INSERT INTO mention_terms_fts(rowid, terms) VALUES (?, ?)",
                             [(v["mention_id"], v["terms"]) for v in values])
    return len(values)


def fts_expression(alternatives: Alternatives, *, dialect: str) -> str:
    """The full-text query text for the alternatives (tokens are [a-z0-9_] only, so quoting is safe)."""
    groups = []
    for tokens in alternatives:
        if dialect == "postgresql":
            parts = [f"'{t[:-1]}':*" if t.endswith("*") else f"'{t}'" for t in tokens]
            groups.append("(" + " & ".join(parts) + ")")
        else:
            parts = [f'"{t[:-1]}"*' if t.endswith("*") else f'"{t}"' for t in tokens]
            groups.append("(" + " AND ".join(parts) + ")")
    return (" | " if dialect == "postgresql" else " OR ").join(groups)


def _hits(conn: Connection, expression: str) -> sa.Select[Any]:
    if conn.dialect.name == "postgresql":
        vector = sa.func.array_to_tsvector(sa.func.string_to_array(mention_terms.c.terms, " "))
        return sa.select(mention_terms.c.mention_id).where(
            vector.op("@@")(sa.cast(sa.literal(expression), sa.dialects.postgresql.TSQUERY)))
    return sa.select(sa.column("rowid")).select_from(sa.table("mention_terms_fts")).where(
        sa.text("mention_terms_fts MATCH :expression").bindparams(expression=expression))


def indexed_candidates(conn: Connection, *, alternatives: Alternatives, limit: int) -> list[int] | None:
    """Ids of the indexed mentions holding every token of some alternative; ``None`` when there
    are more than ``limit`` of them (the terms are common: a newest-first scan is faster)."""
    expression = fts_expression(alternatives, dialect=conn.dialect.name)
    ids = [int(r[0]) for r in conn.execute(_hits(conn, expression).limit(limit + 1))]
    return None if len(ids) > limit else ids


def unindexed_ids(conn: Connection, *, after: int, stage: str, limit: int) -> list[int] | None:
    """Mentions the index has not caught up with: stored after its cursor, or edited since it
    indexed them. ``None`` when there are more than ``limit``."""
    newer = sa.select(mentions.c.id).where(mentions.c.id > after).limit(limit + 1)
    ids = [int(r[0]) for r in conn.execute(newer)]
    queued = sa.select(stage_queue.c.mention_id).where(stage_queue.c.stage == stage).limit(limit + 1)
    ids.extend(int(r[0]) for r in conn.execute(queued))
    return None if len(ids) > limit else ids


def order_newest(conn: Connection, *, ids: Sequence[int], filters: MentionFilter,
                 before: tuple[datetime, int] | None, where: Any = None) -> list[int]:
    """The ids that pass the filters, newest first (published time, then id), all older than ``before``."""
    found: list[tuple[datetime, int]] = []
    unique = sorted(set(ids))
    for start in range(0, len(unique), 5_000):
        query = filters.apply(
            sa.select(mentions.c.published_at, mentions.c.id).join(sources, sources.c.id == mentions.c.source_id)
        ).where(mentions.c.id.in_(unique[start:start + 5_000]))
        if where is not None:
            query = query.where(where)
        found.extend((r.published_at, int(r.id)) for r in conn.execute(query))
    if before is not None:
        found = [key for key in found if key < before]
    found.sort(reverse=True)
    return [mention_id for _, mention_id in found]


def code_condition(attribute: str, codes: Iterable[str]) -> Any:
    """A condition every mention whose ``attribute`` (lang, country, channel, sentiment) the
    query language reads as one of ``codes`` meets (it may let a few more through: a prefilter).
    The matcher lower-cases and trims the value, and reads ``da-DK`` or ``da_DK`` as ``da``."""
    if attribute == "sentiment":
        column: Any = sa.func.coalesce(mentions.c.sentiment, mentions.c.source_sentiment)
    else:
        column = mentions.c[attribute]
    value = sa.func.lower(sa.func.trim(column))
    return sa.or_(*(value.like(code.replace("%", "").replace("_", "") + "%") for code in sorted(codes)))


def contains_condition(columns: Sequence[str], patterns: Iterable[str]) -> Any:
    """A condition every mention meets whose ``columns`` (url, links, title, text) hold a value
    the wildcard ``patterns`` match as a substring, ignoring case: the longest literal piece of
    each pattern must appear (a prefilter: it may let more through). None when a pattern has no
    usable piece (only wildcards, or non-ASCII, which SQLite's lower() does not fold)."""
    import re

    alternatives: list[Any] = []
    for pattern in patterns:
        pieces = [p for p in re.split(r"[*?]", pattern.lower()) if p]
        if not pieces:
            return None
        piece = max(pieces, key=len)
        if not piece.isascii():
            return None
        like = "%" + piece.replace("%", "").replace("_", "") + "%"
        alternatives.extend(sa.func.lower(sa.cast(mentions.c[c], sa.Text)).like(like) for c in columns)
    return sa.or_(*alternatives) if alternatives else None


def iter_keyed_newest(conn: Connection, *, filters: MentionFilter, before: tuple[datetime, int] | None,
                      where: Any = None, chunk: int = 2_000) -> Iterator[tuple[int, datetime, str | None]]:
    """(id, published time, index tokens or None when not indexed) of the mentions that pass the
    filters (and ``where``), newest first: a scan that reads each mention's keys, not its text."""
    last = before
    while True:
        query = filters.apply(
            sa.select(mentions.c.id, mentions.c.published_at, mention_terms.c.terms)
            .join(sources, sources.c.id == mentions.c.source_id)
            .outerjoin(mention_terms, mention_terms.c.mention_id == mentions.c.id)
        ).order_by(mentions.c.published_at.desc(), mentions.c.id.desc())
        if where is not None:
            query = query.where(where)
        if last is not None:
            query = query.where(sa.or_(mentions.c.published_at < last[0],
                                       sa.and_(mentions.c.published_at == last[0], mentions.c.id < last[1])))
        rows = conn.execute(query.limit(chunk)).all()
        if not rows:
            return
        for row in rows:
            yield int(row.id), row.published_at, row.terms
        last = (rows[-1].published_at, int(rows[-1].id))


def queued_ids(conn: Connection, *, stage: str) -> set[int]:
    """Mentions edited since the stage indexed them (their stored keys may be stale)."""
    return {int(r[0]) for r in conn.execute(sa.select(stage_queue.c.mention_id).where(stage_queue.c.stage == stage))}


def count_hits(conn: Connection, *, alternatives: Alternatives, limit: int) -> int:
    """How many indexed mentions hold the tokens, counting at most ``limit + 1``."""
    expression = fts_expression(alternatives, dialect=conn.dialect.name)
    inner = _hits(conn, expression).limit(limit + 1).subquery()
    return int(conn.execute(sa.select(sa.func.count()).select_from(inner)).scalar_one())


def iter_hits_newest(conn: Connection, *, alternatives: Alternatives, filters: MentionFilter,
                     before: tuple[datetime, int] | None, where: Any = None, fresh_after: int | None = None,
                     chunk: int = 500) -> Iterator[int]:
    """Ids of the indexed mentions holding the tokens (and of those stored after ``fresh_after``,
    not indexed yet), newest first, sorted by the database a page at a time."""
    expression = fts_expression(alternatives, dialect=conn.dialect.name)
    hits = _hits(conn, expression)
    last = before
    while True:
        held: Any = mentions.c.id.in_(hits)
        if fresh_after is not None:
            held = sa.or_(held, mentions.c.id > fresh_after)
        query = filters.apply(
            sa.select(mentions.c.id, mentions.c.published_at).join(sources, sources.c.id == mentions.c.source_id)
        ).where(held).order_by(mentions.c.published_at.desc(), mentions.c.id.desc())
        if where is not None:
            query = query.where(where)
        if last is not None:
            query = query.where(sa.or_(mentions.c.published_at < last[0],
                                       sa.and_(mentions.c.published_at == last[0], mentions.c.id < last[1])))
        rows = conn.execute(query.limit(chunk)).all()
        if not rows:
            return
        for row in rows:
            yield int(row.id)
        last = (rows[-1].published_at, int(rows[-1].id))
