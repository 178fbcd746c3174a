"""The enrichment stage: steps run over mentions the stage has not seen yet, after they are
stored; each result is kept with its step's name and version (table ``enrichments``), and the
stage's cursor moves in the same transaction. For now the steps are: language.

A mention whose source gave no language gets the detected one in ``mentions.lang``; one whose
source named a language keeps it, and the detection is kept beside it as an enrichment.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from voxpop.store import Store
from voxpop.store.mentions import iter_mentions_by_id, max_mention_id
from voxpop.store.queries import get_cursor, set_cursor, take_queued
from voxpop.store.tables import enrichments, mentions

STAGE = "enrich"
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
    with store.read() as conn:
        start = get_cursor(conn, stage=STAGE)
        end = max_mention_id(conn)
    position = start
    while position < end:
        with store.read() as conn:
            chunk = list(iter_mentions_by_id(conn, after=position, until=end, limit=CHUNK))
        if not chunk:
            break
        results = _language_results(chunk)  # computed outside the write lock
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
            _store_results(conn, _language_results(list(iter_mentions_by_id(conn, ids=queued))), report)
    return report


def _language_results(chunk: list[Any]) -> list[tuple[Any, str, float]]:
    from voxpop.enrich.language import detect_language

    return [(m, *detect_language(language_sample(m.title, m.text))) for m in chunk]


def _store_results(conn: Any, results: list[tuple[Any, str, float]], report: EnrichReport) -> None:
    from voxpop.enrich.language import STEP, VERSION

    now = datetime.now(UTC)
    rows = [{"mention_id": m.id, "step": STEP, "version": VERSION, "computed_at": now,
             "result": {"code": code, "confidence": round(float(confidence), 4)}} for m, code, confidence in results]
    fills = [{"b_id": m.id, "b_lang": code} for m, code, _ in results if m.lang is None and code != "und"]
    _upsert_enrichments(conn, rows)
    if fills:
        conn.execute(mentions.update().where(mentions.c.id == sa.bindparam("b_id"), mentions.c.lang.is_(None))
                     .values(lang=sa.bindparam("b_lang")), fills)
    report.mentions += len(results)
    report.languages_filled += len(fills)


#: Characters of a mention that the language step reads. Its cost grows with the length of the
#: text, while its accuracy is already ~99 % on sentences of about this length (the langid
#: benchmark's sentences, bench/RESULTS.md), so longer mentions are judged on their opening.
LANGUAGE_SAMPLE_CHARS = 160


def language_sample(title: str | None, text: str) -> str:
    """Title and text, cut at a word boundary after LANGUAGE_SAMPLE_CHARS characters."""
    whole = f"{title}\n{text}" if title else text
    if len(whole) <= LANGUAGE_SAMPLE_CHARS:
        return whole
    cut = whole.rfind(" ", 0, LANGUAGE_SAMPLE_CHARS)
    return whole[: cut if cut > LANGUAGE_SAMPLE_CHARS // 2 else LANGUAGE_SAMPLE_CHARS]


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
    ), rows)
