"""Aggregates for the web dashboard: mentions per saved query per day, the sentiment split, and
counts by a column, over a date range. Reads only; written for the web app (voxpop/web/)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from voxpop.store.tables import enrichments, mentions, query_matches


def _day(conn: Connection) -> Any:
    if conn.dialect.name == "postgresql":
        return sa.func.to_char(sa.func.timezone("UTC", mentions.c.published_at), "YYYY-MM-DD")
    # SQLite stores UTC as 'YYYY-MM-DD HH:MM:SS.ffffff': the day is its first ten characters
    return sa.func.substr(mentions.c.published_at, 1, 10)


def _in_range(query: sa.Select[Any], since: datetime | None, until: datetime | None,
              include_spam: bool = False) -> sa.Select[Any]:
    if not include_spam:
        # spam (the step's flag or a user's marking) is left out of every count unless asked for
        query = query.where(mentions.c.spam.is_not(True))
    if since is not None:
        query = query.where(mentions.c.published_at >= since)
    if until is not None:
        query = query.where(mentions.c.published_at < until)
    return query


def daily_volume(conn: Connection, *, query_ids: Sequence[int], since: datetime | None = None,
                 until: datetime | None = None, include_spam: bool = False) -> dict[int, dict[str, int]]:
    """Per saved query, its matching mentions per UTC day ('YYYY-MM-DD')."""
    if not query_ids:
        return {}
    day = _day(conn).label("day")
    query = _in_range(
        sa.select(query_matches.c.query_id, day, sa.func.count().label("n"))
        .select_from(query_matches.join(mentions, mentions.c.id == query_matches.c.mention_id))
        .where(query_matches.c.query_id.in_(list(query_ids))), since, until, include_spam,
    ).group_by(query_matches.c.query_id, day)
    found: dict[int, dict[str, int]] = {int(q): {} for q in query_ids}
    for query_id, when, count in conn.execute(query):
        found[int(query_id)][str(when)] = int(count)
    return found


def sentiment_split(conn: Connection, *, query_ids: Sequence[int] | None = None, since: datetime | None = None,
                    until: datetime | None = None, include_spam: bool = False) -> dict[str, int]:
    """Mentions per sentiment label of the 'sentiment' enrichment (empty when none has run)."""
    if conn.dialect.name == "postgresql":
        label = sa.func.jsonb_extract_path_text(enrichments.c.result, "label").label("label")
    else:
        label = sa.func.json_extract(enrichments.c.result, "$.label").label("label")
    query = _in_range(
        sa.select(label, sa.func.count().label("n"))
        .select_from(enrichments.join(mentions, mentions.c.id == enrichments.c.mention_id))
        .where(enrichments.c.step == "sentiment"), since, until, include_spam,
    )
    if query_ids is not None:
        matched = sa.select(query_matches.c.mention_id).where(query_matches.c.query_id.in_(list(query_ids)))
        query = query.where(mentions.c.id.in_(matched))
    return {str(lbl): int(n) for lbl, n in conn.execute(query.group_by(label)) if lbl is not None}


def count_by_column(conn: Connection, column: str, *, query_ids: Sequence[int] | None = None,
                    since: datetime | None = None, until: datetime | None = None,
                    limit: int = 12, include_spam: bool = False) -> list[tuple[str | None, int]]:
    """Mentions per value of a mentions column (lang, channel), most first; with query_ids, only
    mentions that one of those queries matched."""
    col = mentions.c[column]
    query = _in_range(sa.select(col, sa.func.count().label("n")).select_from(mentions), since, until, include_spam)
    if query_ids is not None:
        matched = sa.select(query_matches.c.mention_id).where(query_matches.c.query_id.in_(list(query_ids)))
        query = query.where(mentions.c.id.in_(matched))
    query = query.group_by(col).order_by(sa.text("n DESC")).limit(limit)
    return [(r[0], int(r[1])) for r in conn.execute(query)]


def sample_texts(conn: Connection, *, query_ids: Sequence[int] | None, since: datetime, until: datetime,
                 limit: int = 2000, include_spam: bool = False) -> list[tuple[str, str | None]]:
    """(text, lang) of up to ``limit`` of the newest mentions in [since, until) — matched by one of
    the queries when given — for the rising terms (a sample keeps a long range cheap)."""
    query = _in_range(sa.select(mentions.c.title, mentions.c.text, mentions.c.lang), since, until, include_spam)
    if query_ids is not None:
        matched = sa.select(query_matches.c.mention_id).where(query_matches.c.query_id.in_(list(query_ids)))
        query = query.where(mentions.c.id.in_(matched))
    query = query.order_by(mentions.c.published_at.desc()).limit(limit)
    return [(f"{r.title}\n{r.text}" if r.title else r.text, r.lang) for r in conn.execute(query)]
