"""The enrichment stage: every step (voxpop/enrich/pipeline.py: normalise, clean, language, spam,
duplicates, sentiment) over mentions the stage has not seen yet, after they are stored; each
result is kept with its step's name and version (table ``enrichments``), and the stage's cursor
moves in the same transaction.

A mention whose source gave no language gets the detected one in ``mentions.lang``; one whose
source named a language keeps it, and the detection is kept beside it as an enrichment. The
sentiment label, spam flag and duplicate cluster also go on the mention itself (``sentiment:``
queries and counts read them); a user's sentiment correction is never overwritten.

The state that spans mentions (spam context, duplicate index, the sentiment model adjusted by
the workspace's corrections) lives in one Enricher per store and process.
"""

from __future__ import annotations

import base64
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from voxpop.enrich.pipeline import STEPS, Enricher, language_sample
from voxpop.store import Store
from voxpop.store.corrections import correction_state, list_corrections, list_spam_markings
from voxpop.store.mentions import iter_mentions_by_id, max_mention_id
from voxpop.store.queries import get_cursor, set_cursor, take_queued
from voxpop.store.tables import enrichments, mentions, sentiment_corrections

__all__ = ["STAGE", "EnrichReport", "enrich_pending", "enricher_for", "language_sample"]

STAGE = "enrich"
SENTIMENTS = frozenset({"positive", "neutral", "negative"})
CHUNK = 2_000

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class EnrichReport:
    mentions: int = 0
    languages_filled: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"mentions": self.mentions, "languages_filled": self.languages_filled}


def enrich_pending(store: Store, *, progress: Progress | None = None) -> EnrichReport:
    """Enrich every mention stored since the last run, then every edited one."""
    report = EnrichReport()
    enricher = enricher_for(store)  # before any write transaction: it reads the corrections
    with store.read() as conn:
        start = get_cursor(conn, stage=STAGE)
        end = max_mention_id(conn)
    position = start
    while position < end:
        with store.read() as conn:
            chunk = list(iter_mentions_by_id(conn, after=position, until=end, limit=CHUNK))
        if not chunk:
            break
        results = _results(enricher, chunk)  # computed outside the write lock
        with store.write() as conn:
            _store_results(conn, results, report)
            set_cursor(conn, stage=STAGE, position=chunk[-1].id)
        position = chunk[-1].id
        if progress:
            progress(position - start, end - start)
    while True:  # edited mentions, whose enrichments the edit dropped: taken and redone atomically
        with store.write() as conn:
            queued = take_queued(conn, stage=STAGE, limit=CHUNK)
            if not queued:
                break
            _store_results(conn, _results(enricher, list(iter_mentions_by_id(conn, ids=queued))), report)
    return report


_enrichers: weakref.WeakKeyDictionary[Store, tuple[Any, Enricher]] = weakref.WeakKeyDictionary()


def enricher_for(store: Store) -> Enricher:
    """The store's Enricher, rebuilt when the workspace's sentiment corrections changed."""
    with store.read() as conn:
        state = correction_state(conn)
        cached = _enrichers.get(store)
        if cached is not None and cached[0] == state:
            return cached[1]
        corrections = list_corrections(conn)
        markings = list_spam_markings(conn)
    enricher = Enricher.for_stream(corrections=[(c.text, c.lang, c.label) for c in corrections])
    enricher.learn_spam_markings(markings)
    if cached is not None:  # keep what spans mentions; only the sentiment model changes
        enricher.spam_context, enricher.duplicates = cached[1].spam_context, cached[1].duplicates
    else:
        _rebuild(store, enricher)
    _enrichers[store] = (state, enricher)
    return enricher


#: How many of the latest enriched mentions a new process replays into the duplicate index and
#: the spam context, so clusters and repeated-text spam carry on across restarts.
REBUILD_MENTIONS = 50_000


def _rebuild(store: Store, enricher: Enricher) -> None:
    """Put the latest mentions back into the duplicate index (from their stored signatures, into
    the clusters they had) and the spam context (who posted what, when)."""
    from voxpop.enrich.duplicates import ClusterAssignment

    with store.read() as conn:
        rows = conn.execute(
            sa.select(enrichments.c.mention_id, enrichments.c.result, mentions.c.text, mentions.c.author,
                      mentions.c.published_at)
            .join(mentions, mentions.c.id == enrichments.c.mention_id)
            .where(enrichments.c.step == "duplicates")
            .order_by(enrichments.c.mention_id.desc()).limit(REBUILD_MENTIONS)).all()
    for row in reversed(rows):
        result = row.result or {}
        signature = result.get("signature")
        if signature and enricher.duplicates is not None:
            stored = ClusterAssignment(int(result["cluster_id"]), int(result["canonical_id"]), result["kind"],
                                       float(result.get("similarity", 1.0)), list(result.get("reasons", ())))
            enricher.duplicates.add_signature(row.mention_id, base64.b64decode(signature), assignment=stored)
        if enricher.spam_context is not None:
            enricher.spam_context.observe(row.text, author=row.author, published_at=row.published_at)


def _results(enricher: Enricher, chunk: list[Any]) -> list[tuple[Any, Any]]:
    return [(m, enricher.enrich(m.text, m.title, doc_id=m.id, author=m.author, published_at=m.published_at,
                                links=m.links, lang=m.lang)) for m in chunk]


def _store_results(conn: Any, results: list[tuple[Any, Any]], report: EnrichReport) -> None:
    now = datetime.now(UTC)
    rows = []
    for m, enriched in results:
        for step, result in enriched.results().items():
            rows.append({"mention_id": m.id, "step": step, "version": STEPS[step], "computed_at": now,
                         "result": result})
    fills = [{"b_id": m.id, "b_lang": e.lang} for m, e in results if m.lang is None and e.lang != "und"]
    _upsert_enrichments(conn, rows)
    if fills:
        conn.execute(mentions.update().where(mentions.c.id == sa.bindparam("b_id"), mentions.c.lang.is_(None))
                     .values(lang=sa.bindparam("b_lang")), fills)
    corrected = _corrected_ids(conn, [m.id for m, _ in results])
    marked = _user_versions(conn, [m.id for m, _ in results], step="spam")
    # a user's verdict (sentiment correction, spam marking) stays the mention's value; so does a
    # sentiment the source gave (an export of another tool), as a language it gave does — the
    # step's own reading is kept beside it in enrichments
    given = {m.id: m.source_sentiment.strip().lower() for m, _ in results
             if (m.source_sentiment or "").strip().lower() in SENTIMENTS}
    kept = corrected
    for keep_sentiment in (False, True):
        for keep_spam in (False, True):
            rows_ = [{"b_id": m.id, "b_spam": e.is_spam, "b_sentiment": given.get(m.id, e.sentiment),
                      "b_cluster": e.duplicate.cluster_id if e.duplicate is not None else None}
                     for m, e in results if (m.id in kept) == keep_sentiment and (m.id in marked) == keep_spam]
            if not rows_:
                continue
            values: dict[str, Any] = {"cluster_id": sa.bindparam("b_cluster")}
            if not keep_sentiment:
                values["sentiment"] = sa.bindparam("b_sentiment")
            if not keep_spam:
                values["spam"] = sa.bindparam("b_spam")
            conn.execute(mentions.update().where(mentions.c.id == sa.bindparam("b_id")).values(**values), rows_)
    report.mentions += len(results)
    report.languages_filled += len(fills)


def _user_versions(conn: Any, ids: list[int], *, step: str) -> set[int]:
    """Mentions whose result for ``step`` is a user's (version ``user``)."""
    if not ids:
        return set()
    return {int(r[0]) for r in conn.execute(sa.select(enrichments.c.mention_id).where(
        enrichments.c.mention_id.in_(ids), enrichments.c.step == step, enrichments.c.version == "user"))}


def _corrected_ids(conn: Any, ids: list[int]) -> set[int]:
    if not ids:
        return set()
    return {int(r[0]) for r in conn.execute(sa.select(sentiment_corrections.c.mention_id)
                                            .where(sentiment_corrections.c.mention_id.in_(ids)))}


def _upsert_enrichments(conn: Any, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    statement = insert(enrichments)
    conn.execute(statement.on_conflict_do_update(
        index_elements=[enrichments.c.mention_id, enrichments.c.step],
        set_={"version": statement.excluded.version, "result": statement.excluded.result,
              "computed_at": statement.excluded.computed_at},
        where=enrichments.c.version != "user",  # a user's correction or marking is kept
    ), rows)
