"""Users' sentiment corrections: kept with the text they were made on, because the sentiment step
learns from them (a per-workspace adjustment of the model, voxpop/enrich/sentiment)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from voxpop.store.tables import enrichments, mentions, sentiment_corrections

LABELS = ("positive", "neutral", "negative")


class CorrectionError(ValueError):
    """A correction that cannot be stored (unknown mention or label)."""


@dataclass(frozen=True, slots=True)
class Correction:
    id: int
    mention_id: int | None
    text: str
    lang: str | None
    label: str
    corrected_by: str | None
    created_at: datetime


def correct_sentiment(conn: Connection, *, mention_id: int, label: str, corrected_by: str | None = None) -> Correction:
    """Record a user's sentiment for a mention and make it the mention's sentiment at once. The
    enrichment stage then learns from it (for unseen mentions with the same cues) and never
    overwrites it."""
    label = label.strip().lower()
    if label not in LABELS:
        raise CorrectionError(f"unknown sentiment {label!r}: use one of {', '.join(LABELS)}")
    row = conn.execute(sa.select(mentions.c.id, mentions.c.title, mentions.c.text, mentions.c.lang)
                       .where(mentions.c.id == mention_id)).first()
    if row is None:
        raise CorrectionError(f"no mention with id {mention_id}")
    text = f"{row.title}\n{row.text}" if row.title else row.text
    now = datetime.now(UTC)
    conn.execute(sentiment_corrections.delete().where(sentiment_corrections.c.mention_id == mention_id))
    new_id = conn.execute(sentiment_corrections.insert().values(
        mention_id=mention_id, text=text, lang=row.lang, label=label, corrected_by=corrected_by, created_at=now,
    ).returning(sentiment_corrections.c.id)).scalar_one()
    conn.execute(mentions.update().where(mentions.c.id == mention_id).values(sentiment=label))
    result = {"label": label, "score": {"positive": 1.0, "neutral": 0.0, "negative": -1.0}[label],
              "confidence": 1.0, "reasons": [f"corrected by {corrected_by or 'a user'}"]}
    existing = conn.execute(sa.select(enrichments.c.mention_id).where(
        enrichments.c.mention_id == mention_id, enrichments.c.step == "sentiment")).first()
    if existing is None:
        conn.execute(enrichments.insert().values(mention_id=mention_id, step="sentiment", version="user",
                                                 result=result, computed_at=now))
    else:
        conn.execute(enrichments.update().where(enrichments.c.mention_id == mention_id,
                                                enrichments.c.step == "sentiment")
                     .values(version="user", result=result, computed_at=now))
    return Correction(int(new_id), mention_id, text, row.lang, label, corrected_by, now)


def list_corrections(conn: Connection) -> list[Correction]:
    rows = conn.execute(sa.select(sentiment_corrections).order_by(sentiment_corrections.c.id))
    return [Correction(int(r.id), r.mention_id, r.text, r.lang, r.label, r.corrected_by, r.created_at) for r in rows]


def correction_state(conn: Connection) -> Any:
    """Changes whenever a correction is added or replaced (the Enricher rebuilds its model then)."""
    return tuple(conn.execute(sa.select(sa.func.count(), sa.func.max(sentiment_corrections.c.id))
                              .select_from(sentiment_corrections)).one())
