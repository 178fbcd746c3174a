"""Poll one RSS 0.9x/1.0/2.0 or Atom feed: conditional GET, then only new or changed entries.

The cursor is ``{"etag", "last_modified", "seen": {external_id: digest}, "first_seen":
{external_id: iso time}}``. ``seen`` holds the entries of the feed as last read, so an
unchanged entry is not emitted again even from a server that ignores validators; ``first_seen``
holds when undated entries were first collected, so their date stays put when they are edited.
Both only ever hold what the feed holds now, so they stay as small as the feed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar

from voxpop.records import Reject
from voxpop.sources.base import Batch
from voxpop.sources.fetch import HttpSource, fetch
from voxpop.sources.rss import parse


class RssSource(HttpSource):
    kind: ClassVar[str] = "rss"
    description: ClassVar[str] = "RSS 0.9x/1.0/2.0 and Atom feeds"

    parse_config = staticmethod(parse.validate_config)

    def collect(self, cursor: dict[str, Any]) -> Iterator[Batch]:
        cursor = cursor or {}
        result = fetch(
            self.config.url,
            settings=self._settings,
            client=self._client,
            etag=cursor.get("etag"),
            last_modified=cursor.get("last_modified"),
            accept=parse.FEED_ACCEPT,
        )
        if result.not_modified:
            return
        feed = parse.read_feed(result)
        collected_at = datetime.now(UTC)
        seen_before: dict[str, str] = dict(cursor.get("seen") or {})
        first_seen_before: dict[str, str] = dict(cursor.get("first_seen") or {})
        seen_now: dict[str, str] = {}
        first_seen_now: dict[str, str] = {}
        # What a cursor stored mid-feed may claim: everything before, plus what is written so far.
        # It keeps the old validators, so after a crash the feed is read again and resumes.
        done = dict(seen_before)
        batch = Batch()
        for index, entry in enumerate(feed.entries, start=1):
            outcome = parse.read_entry(
                entry,
                feed=feed,
                index=index,
                feed_url=result.url,
                channel=self.config.channel,
                collected_at=collected_at,
                naive_tz=self._settings.naive_tz,
                max_record_bytes=self._settings.max_record_bytes,
            )
            key, digest = outcome.key, outcome.digest
            if key in seen_now:
                if seen_now[key] != digest:
                    batch.rejects.append(
                        Reject(
                            location=f"{result.url} entry {index}",
                            reason=f"entry repeats the id {key!r} of an earlier entry",
                            excerpt=(entry.get("title") or "")[:200],
                        )
                    )
                continue
            seen_now[key] = digest
            if not outcome.dated:
                first_seen_now[key] = first_seen_before.get(key) or collected_at.isoformat()
            if seen_before.get(key) == digest:
                continue
            if outcome.draft is not None:
                draft = outcome.draft
                if not outcome.dated:
                    first = datetime.fromisoformat(first_seen_now[key])
                    draft = dataclasses.replace(draft, published_at=first)
                batch.mentions.append(draft)
            elif outcome.reject is not None:
                batch.rejects.append(outcome.reject)
            done[key] = digest
            if len(batch.mentions) + len(batch.rejects) >= self._settings.import_batch_size:
                batch.cursor = {
                    "etag": cursor.get("etag"),
                    "last_modified": cursor.get("last_modified"),
                    "seen": dict(done),
                    "first_seen": {**first_seen_before, **first_seen_now},
                }
                yield batch
                batch = Batch()
        batch.cursor = {
            "etag": result.etag,
            "last_modified": result.last_modified,
            "seen": seen_now,
            "first_seen": first_seen_now,
        }
        if batch.mentions or batch.rejects or batch.cursor != cursor:
            yield batch
