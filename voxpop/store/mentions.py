"""Repository of mentions: the idempotent upsert by (source, external id), history, reads."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

import orjson
import sqlalchemy as sa
import zstandard
from sqlalchemy.engine import Connection

from voxpop.ingest.normalise import content_hash
from voxpop.records import Mention, MentionDraft, Reject
from voxpop.store.queries import queue_for_stages
from voxpop.store.tables import (
    enrichments,
    ingest_rejects,
    mention_history,
    mentions,
    query_matches,
    sources,
)

#: Fields whose change is an edit (kept in history); others (counts) update in place.
_METRICS = ("likes", "shares", "replies", "views", "author_followers")


@dataclass(slots=True)
class UpsertCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: UpsertCounts) -> None:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged


def draft_hash(d: MentionDraft) -> str:
    return content_hash(d.title, d.text, d.url, d.author, d.author_name)


_codecs = threading.local()


def compress(raw: bytes) -> bytes:
    """zstd frame of the raw payload (a compressor per thread: they are not thread-safe)."""
    compressor = getattr(_codecs, "c", None)
    if compressor is None:
        compressor = _codecs.c = zstandard.ZstdCompressor(level=3)
    return compressor.compress(raw)  # type: ignore[no-any-return]


def decompress(raw: bytes) -> bytes:
    decompressor = getattr(_codecs, "d", None)
    if decompressor is None:
        decompressor = _codecs.d = zstandard.ZstdDecompressor()
    return decompressor.decompress(raw)  # type: ignore[no-any-return]


class PreparedMention(NamedTuple):
    """A draft turned into column values for one dialect, hashed (the raw payload is compressed
    as it is written).

    Preparing is pure CPU work with no database access, so a reader process can do it while
    the writer stores the previous batch (see ingest/runner.py).
    """

    external_id: str
    content_hash: str
    values: tuple[Any, ...]  # in _INSERT_COLUMNS order (tuples pickle far faster than dicts)


#: Columns the enrichment stage fills later; a new mention is stored without them.
ENRICHED_COLUMNS = ("sentiment", "spam", "cluster_id")
_INSERT_COLUMNS = [c.name for c in mentions.c if c.name != "id" and c.name not in ENRICHED_COLUMNS]
_UPDATE_COLUMNS = [c for c in _INSERT_COLUMNS if c not in ("source_id", "external_id", "version")]
_REFRESH_COLUMNS = (*_METRICS, "lang", "country", "source_sentiment")
_INDEX = {name: i for i, name in enumerate(_INSERT_COLUMNS)}
_JSON_COLUMNS = ("links", "hashtags", "handles")
_TIME_COLUMNS = ("published_at", "collected_at", "updated_at")


def _sqlite_time(value: datetime) -> str:
    # The exact text SQLAlchemy's SQLite DATETIME writes, so comparisons and reads agree.
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def prepare_mentions(drafts: Sequence[MentionDraft], *, source_id: int, dialect: str) -> list[PreparedMention]:
    now = datetime.now(UTC)
    sqlite = dialect == "sqlite"
    times: dict[datetime, str] = {}  # collected_at and updated_at are shared by a batch

    def when(value: datetime) -> Any:
        if not sqlite:
            return value
        text = times.get(value)
        if text is None:
            text = times[value] = _sqlite_time(value)
        return text

    def listed(value: tuple[str, ...]) -> str | None:
        # JSON text on every dialect: PostgreSQL's COPY reads it into jsonb itself.
        return orjson.dumps(value).decode() if value else None

    prepared = []
    for d in drafts:
        digest = draft_hash(d)
        prepared.append(PreparedMention(d.external_id, digest, (
            source_id,
            d.external_id,
            d.channel,
            d.url,
            d.author,
            d.author_name,
            d.author_followers,
            d.title,
            d.text,
            when(d.published_at),
            when(d.collected_at),
            when(now),
            d.lang,
            d.country,
            d.likes,
            d.shares,
            d.replies,
            d.views,
            listed(d.links),
            listed(d.hashtags),
            listed(d.handles),
            d.source_sentiment,
            digest,
            1,
            d.raw,  # compressed by the writer: it has CPU to spare while the reader parses
        )))
    return prepared


def upsert_mentions(conn: Connection, *, source_id: int, drafts: Sequence[MentionDraft]) -> UpsertCounts:
    """Insert new mentions, update edited ones (old version to history), skip unchanged ones.

    Must run inside a write transaction. Drafts repeating an external id within one call are
    applied in order, so the last one wins and earlier versions land in history.
    """
    prepared = prepare_mentions(drafts, source_id=source_id, dialect=conn.dialect.name)
    return write_prepared(conn, source_id=source_id, prepared=prepared)


def write_prepared(conn: Connection, *, source_id: int, prepared: Sequence[PreparedMention]) -> UpsertCounts:
    """The writing half of upsert_mentions, for mentions prepared for this connection's dialect."""
    counts = UpsertCounts()
    pending: dict[str, PreparedMention] = {}
    for item in prepared:
        if item.external_id in pending:
            counts.add(_upsert_unique(conn, source_id, list(pending.values())))
            pending.clear()
        pending[item.external_id] = item
    if pending:
        counts.add(_upsert_unique(conn, source_id, list(pending.values())))
    return counts


_RAW = _INDEX["raw"]
assert _RAW == len(_INSERT_COLUMNS) - 1


def _with_compressed_raw(values: tuple[Any, ...]) -> tuple[Any, ...]:
    return (*values[:_RAW], compress(values[_RAW]))


_EXISTING_COLUMNS = ("id", "external_id", "content_hash", "version", *_REFRESH_COLUMNS)


def _existing(conn: Connection, source_id: int, keys: list[str]) -> dict[str, Any]:
    """The stored rows among these external ids. One statement with the keys as a single JSON
    or array parameter, so nothing is recompiled per batch (that cost more than the lookup)."""
    columns = ", ".join(_EXISTING_COLUMNS)
    dialect = conn.dialect.name
    if dialect == "sqlite":
        result = conn.exec_driver_sql(
            f"SELECT {columns} FROM mentions WHERE source_id = ? "
            "AND external_id IN (SELECT value FROM json_each(?))",
            (source_id, orjson.dumps(keys).decode()),
        )
    elif dialect == "postgresql":
        # One unique-index probe per key, whatever the table's statistics say: with "= ANY(keys)"
        # a freshly loaded, not yet analysed table got a plan that scanned every row of the source
        # for each batch (imports slowed to a crawl as the table grew).
        result = conn.exec_driver_sql(
            f"SELECT m.* FROM unnest(%s::text[]) AS k(key) CROSS JOIN LATERAL "
            f"(SELECT {columns} FROM mentions WHERE source_id = %s AND external_id = k.key LIMIT 1) AS m",
            (keys, source_id),
        )
    else:
        result = conn.execute(
            sa.select(*(mentions.c[c] for c in _EXISTING_COLUMNS))
            .where(mentions.c.source_id == source_id, mentions.c.external_id.in_(keys))
        )
    return {row.external_id: row for row in result}


def _upsert_unique(conn: Connection, source_id: int, items: list[PreparedMention]) -> UpsertCounts:
    counts = UpsertCounts()
    existing = _existing(conn, source_id, [item.external_id for item in items])
    inserts: list[tuple[Any, ...]] = []
    edits: list[tuple[Any, PreparedMention]] = []
    refreshes: list[tuple[int, dict[str, Any]]] = []
    for item in items:
        old = existing.get(item.external_id)
        if old is None:
            inserts.append(_with_compressed_raw(item.values))
        elif old.content_hash == TOMBSTONE_HASH:
            counts.unchanged += 1  # deleted at the source: a replay of the post must not bring it back
        elif old.content_hash != item.content_hash:
            edits.append((old, item))
        else:
            changed = {
                f: item.values[_INDEX[f]] for f in _REFRESH_COLUMNS
                if item.values[_INDEX[f]] is not None and item.values[_INDEX[f]] != getattr(old, f)
            }
            if changed:
                refreshes.append((old.id, {**changed, "updated_at": item.values[_INDEX["updated_at"]]}))
            else:
                counts.unchanged += 1
    if inserts:
        counts.inserted += _insert_new(conn, inserts)
    if edits:
        ids = [old.id for old, _ in edits]
        now = datetime.now(UTC)
        conn.execute(
            mention_history.insert().from_select(
                ["mention_id", "version", "content_hash", "url", "author", "author_name", "title",
                 "text", "raw", "collected_at", "replaced_at"],
                sa.select(mentions.c.id, mentions.c.version, mentions.c.content_hash, mentions.c.url,
                          mentions.c.author, mentions.c.author_name, mentions.c.title, mentions.c.text,
                          mentions.c.raw, mentions.c.collected_at,
                          sa.literal(now, type_=mentions.c.updated_at.type))
                .where(mentions.c.id.in_(ids)),
            )
        )
        for old, item in edits:
            values = {c: item.values[_INDEX[c]] for c in _UPDATE_COLUMNS}
            values["raw"] = compress(values["raw"])
            _update_row(conn, old.id, {**values, "version": old.version + 1})
        # Enrichments and query matches described the old text; they are recomputed from the new.
        # A user's verdict (a sentiment correction, a spam marking: version "user") stays.
        conn.execute(enrichments.delete().where(enrichments.c.mention_id.in_(ids), enrichments.c.version != "user"))
        conn.execute(query_matches.delete().where(query_matches.c.mention_id.in_(ids)))
        queue_for_stages(conn, mention_ids=ids)
        counts.updated += len(edits)
    for mention_id, changed in refreshes:
        _update_row(conn, mention_id, changed)
        counts.updated += 1
    return counts


def _update_row(conn: Connection, mention_id: int, values: dict[str, Any]) -> None:
    """UPDATE with values already encoded for the dialect (as prepare_mentions made them)."""
    postgres = conn.dialect.name == "postgresql"
    assignments = ", ".join(
        f"{name} = CAST(:{name} AS JSONB)" if postgres and name in _JSON_COLUMNS else f"{name} = :{name}"
        for name in values
    )
    conn.execute(sa.text(f"UPDATE mentions SET {assignments} WHERE id = :mention_id"),
                 {**values, "mention_id": mention_id})


def _insert_new(conn: Connection, rows: list[tuple[Any, ...]]) -> int:
    """The import hot path: plain DB-API executemany on SQLite, COPY through a staging table on
    PostgreSQL. Values come from prepare_mentions, encoded as SQLAlchemy's column types would."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        placeholders = ", ".join("?" for _ in _INSERT_COLUMNS)
        conn.exec_driver_sql(
            f"INSERT INTO mentions ({', '.join(_INSERT_COLUMNS)}) VALUES ({placeholders})", rows
        )
        return len(rows)
    if dialect == "postgresql":
        return _copy_new_postgres(conn, rows)
    conn.execute(mentions.insert(), [dict(zip(_INSERT_COLUMNS, r, strict=True)) for r in rows])
    return len(rows)


def _copy_new_postgres(conn: Connection, rows: list[tuple[Any, ...]]) -> int:
    """COPY straight into mentions. These keys were absent a moment ago in this transaction; if
    another writer stored one since, the savepoint is rolled back and the rows go through a
    staging table with ON CONFLICT DO NOTHING instead."""
    import psycopg

    try:
        with conn.begin_nested():
            _copy_rows(conn, "mentions", rows)
        return len(rows)
    except sa.exc.IntegrityError as exc:
        if not isinstance(exc.orig, psycopg.errors.UniqueViolation):
            raise
    columns = ", ".join(_INSERT_COLUMNS)
    conn.exec_driver_sql(
        "CREATE TEMP TABLE IF NOT EXISTS mentions_stage (LIKE mentions INCLUDING DEFAULTS) ON COMMIT DROP"
    )
    _copy_rows(conn, "mentions_stage", rows)
    result = conn.exec_driver_sql(
        f"INSERT INTO mentions ({columns}) SELECT {columns} FROM mentions_stage "
        "ON CONFLICT (source_id, external_id) DO NOTHING"
    )
    conn.exec_driver_sql("DROP TABLE mentions_stage")
    return int(result.rowcount)


#: PostgreSQL types of _INSERT_COLUMNS for binary COPY. jsonb travels as "bytea" carrying jsonb's
#: binary form (a version byte, then the JSON text), so the JSON prepared once is sent as it is.
_COPY_TYPES = {
    "source_id": "int8", "author_followers": "int8", "likes": "int8", "shares": "int8",
    "replies": "int8", "views": "int8", "version": "int4", "raw": "bytea",
    "published_at": "timestamptz", "collected_at": "timestamptz", "updated_at": "timestamptz",
    **{c: "bytea" for c in _JSON_COLUMNS},
}
_JSON_AT = [_INDEX[c] for c in _JSON_COLUMNS]


def _copy_rows(conn: Connection, table: str, rows: list[tuple[Any, ...]]) -> None:
    import psycopg

    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    types = [_COPY_TYPES.get(c, "text") for c in _INSERT_COLUMNS]
    try:
        with cursor.copy(f"COPY {table} ({', '.join(_INSERT_COLUMNS)}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(types)
            for r in rows:
                row = list(r)
                for i in _JSON_AT:
                    if row[i] is not None:
                        row[i] = b"\x01" + row[i].encode()
                copy.write_row(row)
    except psycopg.errors.UniqueViolation as exc:
        raise sa.exc.IntegrityError("COPY", None, exc) from exc


def store_rejects(conn: Connection, *, source_id: int | None, rejects: Sequence[Reject]) -> None:
    if not rejects:
        return
    now = datetime.now(UTC)
    conn.execute(
        ingest_rejects.insert(),
        [{"source_id": source_id, "location": r.location, "reason": r.reason,
          "excerpt": r.excerpt[:500], "created_at": now} for r in rejects],
    )


# ---- reads -----------------------------------------------------------------------------------

_LIST_COLUMNS = [c for c in mentions.c if c.name != "raw"]


def _mention(row: Any) -> Mention:
    return Mention(
        id=row.id, source_id=row.source_id, external_id=row.external_id, channel=row.channel,
        text=row.text, published_at=row.published_at, collected_at=row.collected_at,
        updated_at=row.updated_at, version=row.version, url=row.url, author=row.author,
        author_name=row.author_name, author_followers=row.author_followers, title=row.title,
        lang=row.lang, country=row.country, likes=row.likes, shares=row.shares, replies=row.replies,
        views=row.views, links=tuple(row.links or ()), hashtags=tuple(row.hashtags or ()),
        handles=tuple(row.handles or ()), source_sentiment=row.source_sentiment,
        source_name=getattr(row, "source_name", None),
        sentiment=row.sentiment or row.source_sentiment, spam=row.spam, cluster_id=row.cluster_id,
    )


@dataclass(frozen=True, slots=True)
class MentionFilter:
    source: str | None = None
    channel: str | None = None
    lang: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    def apply(self, query: sa.Select[Any]) -> sa.Select[Any]:
        if self.source:
            query = query.where(sources.c.name == self.source)
        if self.channel:
            query = query.where(mentions.c.channel == self.channel)
        if self.lang:
            query = query.where(mentions.c.lang == self.lang)
        if self.since:
            query = query.where(mentions.c.published_at >= self.since)
        if self.until:
            query = query.where(mentions.c.published_at < self.until)
        return query


def _base_query() -> sa.Select[Any]:
    return sa.select(*_LIST_COLUMNS, sources.c.name.label("source_name")).join(
        sources, sources.c.id == mentions.c.source_id
    )


def list_mentions(conn: Connection, *, filters: MentionFilter = MentionFilter(), limit: int = 20) -> list[Mention]:
    """The latest mentions first."""
    query = filters.apply(_base_query()).order_by(mentions.c.published_at.desc(), mentions.c.id.desc()).limit(limit)
    return [_mention(r) for r in conn.execute(query)]


def iter_mentions(
    conn: Connection, *, filters: MentionFilter = MentionFilter(), chunk: int = 5000
) -> Iterator[Mention]:
    """Every mention in id order, fetched by keyset pages so memory stays bounded."""
    last_id = 0
    while True:
        query = filters.apply(_base_query()).where(mentions.c.id > last_id).order_by(mentions.c.id).limit(chunk)
        rows = conn.execute(query).all()
        if not rows:
            return
        for row in rows:
            yield _mention(row)
        last_id = rows[-1].id


def iter_mentions_by_id(
    conn: Connection, *, after: int = 0, until: int | None = None, limit: int | None = None,
    ids: list[int] | None = None,
) -> Iterator[Mention]:
    """Mentions in id order: those with after < id <= until (at most ``limit``), or these ids."""
    query = _base_query().order_by(mentions.c.id)
    if ids is not None:
        query = query.where(mentions.c.id.in_(ids))
    else:
        query = query.where(mentions.c.id > after)
        if until is not None:
            query = query.where(mentions.c.id <= until)
        if limit is not None:
            query = query.limit(limit)
    for row in conn.execute(query):
        yield _mention(row)


def iter_mentions_newest(
    conn: Connection, *, filters: MentionFilter = MentionFilter(), chunk: int = 2000,
    before: tuple[datetime, int] | None = None,
) -> Iterator[Mention]:
    """Matching mentions, newest first (published time, then id), read in keyset pages so a scan
    can stop at any point; with ``before``, only those older than that (published time, id)."""
    last: tuple[datetime, int] | None = before
    while True:
        query = filters.apply(_base_query()).order_by(mentions.c.published_at.desc(), mentions.c.id.desc())
        if last is not None:
            query = query.where(sa.or_(mentions.c.published_at < last[0],
                                       sa.and_(mentions.c.published_at == last[0], mentions.c.id < last[1])))
        rows = conn.execute(query.limit(chunk)).all()
        if not rows:
            return
        for row in rows:
            yield _mention(row)
        last = (rows[-1].published_at, rows[-1].id)


def max_mention_id(conn: Connection) -> int:
    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(mentions.c.id), 0))).scalar_one())


def get_mention(conn: Connection, *, mention_id: int) -> Mention | None:
    row = conn.execute(_base_query().where(mentions.c.id == mention_id)).first()
    return _mention(row) if row is not None else None


def get_raw(conn: Connection, *, mention_id: int) -> bytes:
    raw = conn.execute(sa.select(mentions.c.raw).where(mentions.c.id == mention_id)).scalar_one()
    return decompress(raw)


def history(conn: Connection, *, mention_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        sa.select(mention_history).where(mention_history.c.mention_id == mention_id)
        .order_by(mention_history.c.version)
    )
    return [{**r._asdict(), "raw": decompress(r.raw)} for r in rows]


def count_mentions(conn: Connection, *, filters: MentionFilter = MentionFilter()) -> int:
    query = filters.apply(sa.select(sa.func.count()).select_from(mentions.join(sources)))
    return int(conn.execute(query).scalar_one())


def count_by(
    conn: Connection, column: str, *, filters: MentionFilter = MentionFilter(), limit: int = 20
) -> list[tuple[str | None, int]]:
    col = mentions.c[column]
    query = filters.apply(
        sa.select(col, sa.func.count().label("n")).select_from(mentions.join(sources))
    ).group_by(col).order_by(sa.text("n DESC")).limit(limit)
    return [(r[0], int(r[1])) for r in conn.execute(query)]


def recent_rejects(conn: Connection, *, source_id: int | None = None, limit: int = 50) -> list[dict[str, Any]]:
    query = sa.select(ingest_rejects).order_by(ingest_rejects.c.id.desc()).limit(limit)
    if source_id is not None:
        query = query.where(ingest_rejects.c.source_id == source_id)
    return [r._asdict() for r in conn.execute(query)]


#: content_hash of a tombstone (no real hash is this string: those are hex digests).
TOMBSTONE_HASH = "deleted"


def tombstone_mentions(conn: Connection, *, source_id: int, external_ids: Sequence[str]) -> int:
    """Remove the content of mentions deleted at their source (Jetstream and Mastodon deletes).

    The row stays, so counts over time do not change: its id, source, external id, channel,
    times, author handle, language, engagement counts and query matches. Its text (emptied),
    title, author name, links, tags, handles, raw payload and every earlier version in
    mention_history go; its enrichments go too (they described the text). The content hash
    becomes ``TOMBSTONE_HASH``, and the upsert leaves such rows alone, so a replayed post does
    not bring the text back. Ids not stored (most deletes of a firehose) are ignored. Must run
    inside a write transaction; returns how many mentions were tombstoned now.
    """
    if not external_ids:
        return 0
    ids = [row.id for row in conn.execute(
        sa.select(mentions.c.id).where(mentions.c.source_id == source_id,
                                       mentions.c.external_id.in_(list(dict.fromkeys(external_ids))),
                                       mentions.c.content_hash != TOMBSTONE_HASH))]
    if not ids:
        return 0
    conn.execute(mention_history.delete().where(mention_history.c.mention_id.in_(ids)))
    conn.execute(enrichments.delete().where(enrichments.c.mention_id.in_(ids)))
    conn.execute(
        mentions.update().where(mentions.c.id.in_(ids)).values(
            text="", title=None, author_name=None, links=None, hashtags=None, handles=None,
            raw=compress(b""), content_hash=TOMBSTONE_HASH, version=mentions.c.version + 1,
            updated_at=datetime.now(UTC),
        )
    )
    queue_for_stages(conn, mention_ids=ids, stages=("search",))  # its words leave the search index
    return len(ids)
