"""Per-query, per-minute rollups — volume, negatives, and volume by channel and language — kept
incrementally as mentions arrive, or built from stored history for a backtest.

A minute is an integer: whole minutes since 1970-01-01 UTC (``minute_of(datetime)``). A mention
counts as negative when its ``sentiment`` enrichment says so; a missing sentiment is not negative.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from voxpop.store.tables import enrichments, mentions, query_matches

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def minute_of(moment: datetime) -> int:
    """The whole UTC minute a moment falls in, as minutes since the Unix epoch."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: rollups are kept in UTC")
    return int((moment - EPOCH).total_seconds() // 60)


def minute_start(minute: int) -> datetime:
    return EPOCH + timedelta(minutes=minute)


def is_negative(sentiment: Any) -> bool:
    """Whether a ``sentiment`` enrichment result (``{"label": ...}``) says negative; None is not."""
    return isinstance(sentiment, dict) and sentiment.get("label") == "negative"


@dataclass(slots=True)
class MinuteCounts:
    """What one query heard in one minute."""

    total: int = 0
    negative: int = 0
    channels: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)

    def add(self, *, channel: str | None, lang: str | None, negative: bool, sign: int = 1) -> None:
        self.total += sign
        self.negative += sign if negative else 0
        self.channels[channel or "unknown"] += sign
        self.languages[lang or "und"] += sign


class QueryRollup:
    """One query's minutes. ``add`` as mentions arrive; ``remove`` when one is edited out of the query."""

    def __init__(self) -> None:
        self.minutes: dict[int, MinuteCounts] = {}

    def add(self, published_at: datetime, *, channel: str | None = None, lang: str | None = None,
            negative: bool = False) -> None:
        minute = minute_of(published_at)
        counts = self.minutes.get(minute)
        if counts is None:
            counts = self.minutes[minute] = MinuteCounts()
        counts.add(channel=channel, lang=lang, negative=negative)

    def remove(self, published_at: datetime, *, channel: str | None = None, lang: str | None = None,
               negative: bool = False) -> None:
        counts = self.minutes.get(minute_of(published_at))
        if counts is not None and counts.total > 0:
            counts.add(channel=channel, lang=lang, negative=negative, sign=-1)

    def get(self, minute: int) -> MinuteCounts | None:
        return self.minutes.get(minute)

    def series(self, start: int, end: int) -> Iterator[tuple[int, int, int]]:
        """(minute, total, negative) for every minute in [start, end), zeros included."""
        get = self.minutes.get
        for minute in range(start, end):
            counts = get(minute)
            yield (minute, counts.total, counts.negative) if counts else (minute, 0, 0)

    def prune(self, before: int) -> None:
        """Forget minutes before ``before`` (the live service keeps only what the detector still reads)."""
        for minute in [m for m in self.minutes if m < before]:
            del self.minutes[minute]

    def __len__(self) -> int:
        return len(self.minutes)


class Rollups:
    """Every query's rollup: the match stage calls ``add`` with the queries a new mention matched."""

    def __init__(self) -> None:
        self.queries: dict[int, QueryRollup] = {}

    def add(self, query_ids: list[int], published_at: datetime, *, channel: str | None, lang: str | None,
            negative: bool) -> None:
        for query_id in query_ids:
            self.of(query_id).add(published_at, channel=channel, lang=lang, negative=negative)

    def of(self, query_id: int) -> QueryRollup:
        rollup = self.queries.get(query_id)
        if rollup is None:
            rollup = self.queries[query_id] = QueryRollup()
        return rollup


def load_rollup(conn: Connection, *, query_id: int, start: datetime, end: datetime) -> QueryRollup:
    """The query's minutes in [start, end) from stored history (query_matches joined with mentions,
    sentiment from the enrichments table)."""
    sentiment = enrichments.alias("sentiment")
    statement = (
        sa.select(mentions.c.published_at, mentions.c.channel, mentions.c.lang, sentiment.c.result)
        .select_from(
            query_matches.join(mentions, mentions.c.id == query_matches.c.mention_id)
            .outerjoin(sentiment, sa.and_(sentiment.c.mention_id == mentions.c.id, sentiment.c.step == "sentiment"))
        )
        .where(query_matches.c.query_id == query_id, mentions.c.published_at >= start, mentions.c.published_at < end)
    )
    rollup = QueryRollup()
    for row in conn.execute(statement):
        rollup.add(row.published_at, channel=row.channel, lang=row.lang, negative=is_negative(row.result))
    return rollup
