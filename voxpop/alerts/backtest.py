"""Replay a saved query's stored history through the detector: the alerts it would have raised.

The replay starts up to ``settings.weeks`` weeks before ``start`` (at the query's first stored
match), so the detector knows the rhythm when the reported period begins, and reads nothing
published at or after ``end``: cutting history at t leaves every alert decided before t as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from voxpop.alerts.detector import Alert, Detector, DetectorSettings
from voxpop.alerts.drivers import explain_alert, summary
from voxpop.alerts.rollup import load_rollup, minute_of
from voxpop.store import Store
from voxpop.store.queries import get_query
from voxpop.store.tables import mentions, query_matches


@dataclass(frozen=True, slots=True)
class Backtest:
    """What a replay found: the alerts that fired in [start, end), and how much it read."""

    query: str
    start: datetime
    end: datetime
    replayed_from: datetime | None
    mentions: int
    alerts: list[Alert]

    def public(self) -> dict[str, Any]:
        """The documented JSON shape: ``{"alerts": [{started_at, fired_at, ended_at, kind, severity,
        observed, expected, drivers}]}``, times in UTC ISO 8601."""
        keys = ("started_at", "fired_at", "ended_at", "kind", "severity", "observed", "expected", "drivers")
        return {"alerts": [{key: alert.as_dict()[key] for key in keys} for alert in self.alerts]}


def backtest(store: Store, *, query: str, start: datetime, end: datetime, settings: DetectorSettings | None = None,
             explain: bool = True, baseline_hours: float = 24.0) -> Backtest:
    """The alerts that would have fired for ``query`` between ``start`` and ``end``."""
    settings = settings or DetectorSettings()
    with store.read() as conn:
        row = get_query(conn, name=query)
        earliest = conn.execute(
            sa.select(sa.func.min(mentions.c.published_at))
            .select_from(query_matches.join(mentions, mentions.c.id == query_matches.c.mention_id))
            .where(query_matches.c.query_id == row.id,
                   mentions.c.published_at >= start - timedelta(weeks=settings.weeks), mentions.c.published_at < end)
        ).scalar_one_or_none()
        if earliest is None:
            return Backtest(query, start, end, None, 0, [])
        if earliest.tzinfo is None:  # SQLite's aggregate comes back without the column's type
            earliest = earliest.replace(tzinfo=start.tzinfo)
        rollup = load_rollup(conn, query_id=row.id, start=earliest, end=end)
        detector = Detector(settings, query=query)
        first, last = minute_of(earliest), minute_of(end)  # the minute containing ``end`` is not complete
        for _ in detector.run(rollup.series(first, last)):
            pass
        alerts = [alert for alert in detector.alerts if start <= alert.fired_at <= end]
        if explain:
            explained = []
            for alert in alerts:
                until = alert.ended_at or end
                drivers = explain_alert(conn, query_id=row.id, kind=alert.kind, started_at=alert.started_at,
                                        until=until, baseline_hours=baseline_hours)
                drivers["summary"] = summary(alert.kind, alert.observed, alert.expected, alert.started_at, drivers)
                explained.append(replace(alert, drivers=drivers))
            alerts = explained
    total = sum(counts.total for counts in rollup.minutes.values())
    return Backtest(query, start, end, earliest, total, alerts)
