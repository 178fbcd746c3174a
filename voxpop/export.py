"""Export stored mentions in the interchange format (NDJSON, CSV, Parquet), streamed in batches."""

from __future__ import annotations

import csv
import io
from typing import Any, BinaryIO

import orjson
from sqlalchemy.engine import Connection

from voxpop.records import Mention
from voxpop.store.mentions import MentionFilter, iter_mentions

#: Interchange fields first (importable as they are), then voxpop's own.
COLUMNS = (
    "id", "url", "author", "title", "text", "published_at", "lang", "channel",
    "author_name", "country", "sentiment", "likes", "shares", "replies", "views",
    "author_followers", "links", "hashtags", "handles", "source", "voxpop_id", "collected_at",
    "updated_at", "version",
)


def mention_record(m: Mention) -> dict[str, Any]:
    return {
        "id": m.external_id, "url": m.url, "author": m.author, "title": m.title, "text": m.text,
        "published_at": m.published_at.isoformat().replace("+00:00", "Z"), "lang": m.lang,
        "channel": m.channel, "author_name": m.author_name, "country": m.country,
        "sentiment": m.sentiment or m.source_sentiment, "likes": m.likes, "shares": m.shares,
        "replies": m.replies, "views": m.views, "author_followers": m.author_followers,
        "links": list(m.links), "hashtags": list(m.hashtags), "handles": list(m.handles),
        "source": m.source_name, "voxpop_id": m.id,
        "collected_at": m.collected_at.isoformat().replace("+00:00", "Z"),
        "updated_at": m.updated_at.isoformat().replace("+00:00", "Z"), "version": m.version,
    }


def write_export(conn: Connection, fmt: str, out: BinaryIO, *, filters: MentionFilter = MentionFilter(),
                 batch: int = 10_000) -> int:
    """Write every matching mention to ``out``; returns how many."""
    mentions = iter_mentions(conn, filters=filters)
    if fmt == "ndjson":
        count = 0
        for m in mentions:
            out.write(orjson.dumps(mention_record(m)) + b"\n")
            count += 1
        return count
    if fmt == "csv":
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        writer = csv.DictWriter(text, fieldnames=COLUMNS)
        writer.writeheader()
        count = 0
        for m in mentions:
            row = mention_record(m)
            for key in ("links", "hashtags", "handles"):
                row[key] = " ".join(row[key])
            writer.writerow(row)
            count += 1
        text.detach()
        return count
    if fmt == "parquet":
        return _write_parquet(mentions, out, batch)
    raise ValueError(f"unknown export format {fmt!r}")


def _write_parquet(mentions: Any, out: BinaryIO, batch: int) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    string, count_t = pa.string(), pa.int64()
    ts = pa.timestamp("us", tz="UTC")
    schema = pa.schema([
        ("id", string), ("url", string), ("author", string), ("title", string), ("text", string),
        ("published_at", ts), ("lang", string), ("channel", string), ("author_name", string),
        ("country", string), ("sentiment", string), ("likes", count_t), ("shares", count_t),
        ("replies", count_t), ("views", count_t), ("author_followers", count_t),
        ("links", pa.list_(string)), ("hashtags", pa.list_(string)), ("handles", pa.list_(string)),
        ("source", string), ("voxpop_id", count_t), ("collected_at", ts), ("updated_at", ts),
        ("version", pa.int32()),
    ])
    count = 0
    rows: list[dict[str, Any]] = []
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for m in mentions:
            rows.append({
                "id": m.external_id, "url": m.url, "author": m.author, "title": m.title, "text": m.text,
                "published_at": m.published_at, "lang": m.lang, "channel": m.channel,
                "author_name": m.author_name, "country": m.country, "sentiment": m.source_sentiment,
                "likes": m.likes, "shares": m.shares, "replies": m.replies, "views": m.views,
                "author_followers": m.author_followers, "links": list(m.links),
                "hashtags": list(m.hashtags), "handles": list(m.handles), "source": m.source_name,
                "voxpop_id": m.id, "collected_at": m.collected_at, "updated_at": m.updated_at,
                "version": m.version,
            })
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                count += len(rows)
                rows = []
        if rows or count == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            count += len(rows)
    return count
