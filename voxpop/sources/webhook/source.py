"""The ``webhook`` source kind: mentions pushed to ``POST /api/v1/ingest/{name}`` (voxpop.web.ingest) by
another system, instead of collected. The source holds the signing secret; it has nothing to poll.

A push is stored like an imported file's records (the interchange format, the same validation and
upsert): in one transaction, its new and edited mentions, its rejects, the source's item count and
its last success. The stages after the store (enrich, match, route, alert) pick the new mentions
up on the service's stages thread, as they do for every source.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar

from voxpop.settings import Settings
from voxpop.sources.base import Batch, SourceConfigError
from voxpop.sources.webhook import parse
from voxpop.store import Store
from voxpop.store.mentions import UpsertCounts, prepare_mentions, store_rejects, write_prepared
from voxpop.store.sources import SourceRow, find_source, record_run, save_cursor

KIND = "webhook"


class WebhookSource:
    kind: ClassVar[str] = KIND
    description: ClassVar[str] = "Mentions other systems push to POST /api/v1/ingest/NAME (signed; interchange format)"

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> dict[str, Any]:
        return parse.validate_config(config).model_dump(exclude_none=True)

    def __init__(self, *, source_id: int, name: str, config: dict[str, Any], settings: Settings,
                 client: Any = None) -> None:
        self.source_id = source_id
        self.name = name
        self.config = parse.validate_config(config)
        self.settings = settings

    def collect(self, cursor: dict[str, Any]) -> Iterator[Batch]:
        """Nothing: a webhook source is pushed to. (The scheduler's run of it is a no-op.)"""
        return iter(())


class NoSuchWebhook(LookupError):
    """No source has this name (HTTP 404)."""


class NotAWebhook(PermissionError):
    """The source exists but does not take pushes: another kind, or paused (HTTP 403)."""


@dataclass(slots=True)
class PushReport:
    """What a push did: counts, and each reject with its position in the body."""

    source: str
    received: int = 0
    counts: UpsertCounts = field(default_factory=UpsertCounts)
    rejects: list[tuple[int, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        shown = self.rejects[:parse.MAX_REJECTS_SHOWN]
        return {
            "source": self.source,
            "received": self.received,
            "stored": self.counts.inserted,
            "updated": self.counts.updated,
            "unchanged": self.counts.unchanged,
            "rejected": len(self.rejects),
            "rejects": [{"position": position, "reason": reason} for position, reason in shown],
            "rejects_truncated": len(self.rejects) > len(shown),
        }


def webhook_source(store: Store, name: str) -> tuple[SourceRow, parse.WebhookConfig]:
    """The enabled webhook source called ``name`` and its config; NoSuchWebhook or NotAWebhook."""
    with store.read() as conn:
        row = find_source(conn, name=name)
    if row is None:
        raise NoSuchWebhook(f"no source named {name!r}; create it with 'voxpop source add {name} --kind webhook "
                            "--set secret=...'")
    if row.kind != KIND:
        raise NotAWebhook(f"source {name!r} is a {row.kind} source; only webhook sources take pushes")
    if not row.enabled:
        raise NotAWebhook(f"source {name!r} is paused; resume it to take pushes again")
    try:
        return row, parse.validate_config(row.config)
    except SourceConfigError as exc:  # edited in the database by hand: refuse rather than guess
        raise NotAWebhook(f"source {name!r} cannot take pushes: {exc}") from None


def store_push(store: Store, row: SourceRow, config: parse.WebhookConfig, body: bytes, *,
               now: datetime | None = None) -> PushReport:
    """Read ``body`` (already authenticated) and store it under ``row`` in one transaction.
    Raises parse.UnreadableBody when nothing in it can be read as records."""
    read = parse.read_body(body, config=config, naive_tz=store.settings.naive_tz,
                           max_record_bytes=store.settings.max_record_bytes, now=now, source_name=row.name)
    report = PushReport(source=row.name, received=read.received,
                        rejects=[(position, reject.reason) for position, reject in read.rejects])
    prepared = prepare_mentions(read.drafts, source_id=row.id, dialect=store.dialect)
    with store.write() as conn:
        report.counts = write_prepared(conn, source_id=row.id, prepared=prepared)
        store_rejects(conn, source_id=row.id, rejects=[reject for _, reject in read.rejects])
        # The cursor says when the last push came; the count and last success show in 'source list'.
        save_cursor(conn, source_id=row.id, cursor={"last_push_at": (now or datetime.now(UTC)).isoformat()},
                    collected=report.counts.inserted)
        record_run(conn, source_id=row.id, state="ok", error=None, next_run_at=row.next_run_at)
    return report
