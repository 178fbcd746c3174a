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
    """Changes whenever a sentiment correction or a spam marking is added or replaced (the
    Enricher learns them again then)."""
    sentiment = tuple(conn.execute(sa.select(sa.func.count(), sa.func.max(sentiment_corrections.c.id))
                                   .select_from(sentiment_corrections)).one())
    spam = tuple(conn.execute(sa.select(sa.func.count(), sa.func.max(enrichments.c.computed_at))
                              .where(enrichments.c.step == "spam", enrichments.c.version == "user")).one())
    return sentiment + spam


# ---- spam markings ----------------------------------------------------------------------------

#: The enrichment version a user's spam marking is stored under (the model's own is a semver).
USER_VERSION = "user"


@dataclass(frozen=True, slots=True)
class SpamMarking:
    mention_id: int
    author: str | None
    text: str
    is_spam: bool
    marked_by: str | None
    marked_at: datetime


def mark_spam(conn: Connection, *, mention_id: int, spam: bool, marked_by: str | None = None) -> SpamMarking:
    """A user says a mention is (or is not) spam: it becomes the mention's flag at once, and the
    marking is kept as the mention's ``spam`` enrichment with version ``user`` (no migration
    needed), the model's own verdict beside it under ``model``, so the spam step can learn from
    the authors and texts users marked (list_spam_markings)."""
    row = conn.execute(sa.select(mentions.c.id, mentions.c.author, mentions.c.title, mentions.c.text)
                       .where(mentions.c.id == mention_id)).first()
    if row is None:
        raise CorrectionError(f"no mention with id {mention_id}")
    now = datetime.now(UTC)
    existing = conn.execute(sa.select(enrichments.c.version, enrichments.c.result).where(
        enrichments.c.mention_id == mention_id, enrichments.c.step == "spam")).first()
    model = None
    if existing is not None:
        previous = existing.result if isinstance(existing.result, dict) else {}
        model = previous.get("model") if existing.version == USER_VERSION else previous
    result = {"is_spam": spam, "score": 1.0 if spam else 0.0, "marked_by": marked_by,
              "reasons": [f"marked {'spam' if spam else 'not spam'} by {marked_by or 'a user'}"], "model": model}
    if existing is None:
        conn.execute(enrichments.insert().values(mention_id=mention_id, step="spam", version=USER_VERSION,
                                                 result=result, computed_at=now))
    else:
        conn.execute(enrichments.update().where(enrichments.c.mention_id == mention_id, enrichments.c.step == "spam")
                     .values(version=USER_VERSION, result=result, computed_at=now))
    conn.execute(mentions.update().where(mentions.c.id == mention_id).values(spam=spam))
    text = f"{row.title}\n{row.text}" if row.title else row.text
    return SpamMarking(mention_id, row.author, text, spam, marked_by, now)


def list_spam_markings(conn: Connection) -> list[SpamMarking]:
    """Every user's spam marking, oldest first: what the spam step may learn from."""
    statement = (sa.select(enrichments.c.mention_id, enrichments.c.result, enrichments.c.computed_at,
                           mentions.c.author, mentions.c.title, mentions.c.text)
                 .join(mentions, mentions.c.id == enrichments.c.mention_id)
                 .where(enrichments.c.step == "spam", enrichments.c.version == USER_VERSION)
                 .order_by(enrichments.c.computed_at, enrichments.c.mention_id))
    found = []
    for r in conn.execute(statement):
        result = r.result if isinstance(r.result, dict) else {}
        found.append(SpamMarking(int(r.mention_id), r.author, f"{r.title}\n{r.text}" if r.title else r.text,
                                 bool(result.get("is_spam")), result.get("marked_by"), r.computed_at))
    return found
