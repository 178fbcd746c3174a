"""Repository of the live alerts: per-query minute rollups, the detector's progress per query,
threshold rules, stored alerts with their history of state changes, alert subscriptions, and the
workspace settings alerts read (time zone, grace period, public address)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from voxpop.store.tables import (
    alert_history,
    alert_query_state,
    alert_subscriptions,
    alert_thresholds,
    alerts,
    mentions,
    pipeline_cursors,
    queries,
    query_matches,
    query_rollups,
    workspace_settings,
)

#: Alert states, in the order a person moves them.
STATES = ("open", "acknowledged", "resolved")
SEVERITIES = ("low", "medium", "high", "critical")
THRESHOLD_METRICS = ("volume", "negative_share")


class AlertNotFound(LookupError):
    pass


class AlertStateError(ValueError):
    """The alert's state does not allow that (acknowledging a resolved alert, ...)."""


class SubscriptionNotFound(LookupError):
    pass


class ThresholdNotFound(LookupError):
    pass


# ---- workspace settings ----------------------------------------------------------------------


def _get_setting(conn: Connection, key: str) -> Any:
    return conn.execute(sa.select(workspace_settings.c.value).where(workspace_settings.c.key == key)).scalar()


def _set_setting(conn: Connection, key: str, value: Any) -> None:
    now = datetime.now(UTC)
    updated = conn.execute(workspace_settings.update().where(workspace_settings.c.key == key)
                           .values(value=value, updated_at=now)).rowcount
    if not updated:
        conn.execute(workspace_settings.insert().values(key=key, value=value, updated_at=now))


def get_timezone(conn: Connection) -> str:
    """The workspace's time zone (IANA name; UTC until set): daily and weekly rhythm follow it."""
    value = _get_setting(conn, "timezone")
    zone = value.get("zone") if isinstance(value, dict) else None
    return zone if isinstance(zone, str) and zone else "UTC"


def set_timezone(conn: Connection, *, zone: str) -> None:
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {zone!r} (an IANA name such as Europe/Copenhagen)") from None
    # an object, not a bare string: PostgreSQL's driver hands a JSON string back already decoded
    _set_setting(conn, "timezone", {"zone": zone})


#: The alert settings kept in the workspace (``voxpop alerts settings``), with their defaults.
ALERT_SETTINGS: dict[str, Any] = {
    # minutes the detector waits after a minute ends before deciding it, for mentions that arrive late
    "grace_minutes": 2,
    # the web app's address, so a notification can link to the alert (a path alone otherwise)
    "public_url": None,
}


def get_alert_settings(conn: Connection) -> dict[str, Any]:
    stored = _get_setting(conn, "alerts")
    return {**ALERT_SETTINGS, **(stored if isinstance(stored, dict) else {})}


def set_alert_settings(conn: Connection, **changes: Any) -> dict[str, Any]:
    unknown = set(changes) - set(ALERT_SETTINGS)
    if unknown:
        raise ValueError(f"unknown alert settings: {', '.join(sorted(unknown))}")
    merged = {**get_alert_settings(conn), **changes}
    _set_setting(conn, "alerts", merged)
    return merged


# ---- rollups ----------------------------------------------------------------------------------


@dataclass(slots=True)
class RollupMinute:
    """One query's counts in one minute."""

    volume: int = 0
    negatives: int = 0
    channels: dict[str, int] | None = None
    langs: dict[str, int] | None = None

    def add(self, *, channel: str | None, lang: str | None, negative: bool) -> None:
        self.volume += 1
        self.negatives += 1 if negative else 0
        channels = self.channels if self.channels is not None else {}
        langs = self.langs if self.langs is not None else {}
        channels[channel or "unknown"] = channels.get(channel or "unknown", 0) + 1
        langs[lang or "und"] = langs.get(lang or "und", 0) + 1
        self.channels, self.langs = channels, langs

    def merge(self, other: RollupMinute) -> None:
        self.volume += other.volume
        self.negatives += other.negatives
        for mine, theirs in (("channels", other.channels), ("langs", other.langs)):
            counts = dict(getattr(self, mine) or {})
            for key, n in (theirs or {}).items():
                counts[key] = counts.get(key, 0) + n
            setattr(self, mine, counts)


def lock_cursor(conn: Connection, *, stage: str) -> int:
    """A stage's cursor, read for update: two processes running the stage do not both apply the
    same new matches (on SQLite the write transaction is exclusive already)."""
    query = sa.select(pipeline_cursors.c.position).where(pipeline_cursors.c.stage == stage)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    value = conn.execute(query).scalar()
    if value is None:
        conn.execute(pipeline_cursors.insert().values(stage=stage, position=0, updated_at=datetime.now(UTC)))
        return 0
    return int(value)


def matched_facts(conn: Connection, *, after: int, until: int, query_id: int | None = None) -> Iterable[Any]:
    """(query_id, published_at, channel, lang, sentiment) of the matches of mentions with
    ``after < id <= until`` (of one query, or of all)."""
    statement = (
        sa.select(query_matches.c.query_id, mentions.c.published_at, mentions.c.channel, mentions.c.lang,
                  mentions.c.sentiment)
        .select_from(query_matches.join(mentions, mentions.c.id == query_matches.c.mention_id))
        .where(query_matches.c.mention_id > after, query_matches.c.mention_id <= until)
    )
    if query_id is not None:
        statement = statement.where(query_matches.c.query_id == query_id)
    return conn.execute(statement)


def add_rollups(conn: Connection, *, counts: Mapping[tuple[int, int], RollupMinute]) -> None:
    """Add counts to the stored (query, minute) rollups, creating the rows that are missing."""
    by_query: dict[int, list[int]] = {}
    for query_id, minute in counts:
        by_query.setdefault(query_id, []).append(minute)
    existing: dict[tuple[int, int], RollupMinute] = {}
    for query_id, minutes in by_query.items():
        for start in range(0, len(minutes), 500):
            rows = conn.execute(sa.select(query_rollups).where(
                query_rollups.c.query_id == query_id, query_rollups.c.minute.in_(minutes[start:start + 500])))
            for r in rows:
                existing[(r.query_id, r.minute)] = RollupMinute(r.volume, r.negatives, r.channels, r.langs)
    inserts = []
    for key, delta in counts.items():
        current = existing.get(key)
        if current is None:
            inserts.append({"query_id": key[0], "minute": key[1], "volume": delta.volume, "negatives": delta.negatives,
                            "channels": delta.channels or {}, "langs": delta.langs or {}})
            continue
        current.merge(delta)
        conn.execute(query_rollups.update()
                     .where(query_rollups.c.query_id == key[0], query_rollups.c.minute == key[1])
                     .values(volume=current.volume, negatives=current.negatives, channels=current.channels,
                             langs=current.langs))
    if inserts:
        conn.execute(query_rollups.insert(), inserts)


def delete_rollups(conn: Connection, *, query_id: int) -> None:
    conn.execute(query_rollups.delete().where(query_rollups.c.query_id == query_id))


def read_rollups(conn: Connection, *, query_id: int, start: int, end: int) -> list[tuple[int, RollupMinute]]:
    """The query's stored minutes in [start, end), oldest first (minutes with nothing are absent)."""
    rows = conn.execute(
        sa.select(query_rollups).where(query_rollups.c.query_id == query_id, query_rollups.c.minute >= start,
                                       query_rollups.c.minute < end).order_by(query_rollups.c.minute))
    return [(r.minute, RollupMinute(r.volume, r.negatives, r.channels, r.langs)) for r in rows]


def rollup_sums(conn: Connection, *, query_id: int, start: int, end: int) -> tuple[int, int]:
    """Volume and negatives of the query's minutes in [start, end)."""
    row = conn.execute(
        sa.select(sa.func.coalesce(sa.func.sum(query_rollups.c.volume), 0),
                  sa.func.coalesce(sa.func.sum(query_rollups.c.negatives), 0))
        .where(query_rollups.c.query_id == query_id, query_rollups.c.minute >= start, query_rollups.c.minute < end)
    ).one()
    return int(row[0]), int(row[1])


def first_rollup_minute(conn: Connection, *, query_id: int) -> int | None:
    value = conn.execute(sa.select(sa.func.min(query_rollups.c.minute))
                         .where(query_rollups.c.query_id == query_id)).scalar()
    return None if value is None else int(value)


# ---- the detector's progress per query --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QueryAlertState:
    query_id: int
    decided_minute: int | None
    rollups_dirty: bool


def query_states(conn: Connection) -> dict[int, QueryAlertState]:
    return {r.query_id: QueryAlertState(r.query_id, r.decided_minute, bool(r.rollups_dirty))
            for r in conn.execute(sa.select(alert_query_state))}


def _upsert_state(conn: Connection, query_id: int, **values: Any) -> None:
    values["updated_at"] = datetime.now(UTC)
    updated = conn.execute(alert_query_state.update().where(alert_query_state.c.query_id == query_id)
                           .values(**values)).rowcount
    if not updated:
        conn.execute(alert_query_state.insert().values(query_id=query_id, **values))


def lock_decided_minute(conn: Connection, *, query_id: int) -> int | None:
    """The last minute decided for the query, read for update (the writer that moves it owns it)."""
    query = sa.select(alert_query_state.c.decided_minute).where(alert_query_state.c.query_id == query_id)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    value = conn.execute(query).scalar()
    return None if value is None else int(value)


def set_decided_minute(conn: Connection, *, query_id: int, minute: int) -> None:
    _upsert_state(conn, query_id, decided_minute=minute)


def mark_rollups_dirty(conn: Connection, *, query_id: int) -> None:
    """The query's matches were recomputed: the alert stage rebuilds its rollups and its detector."""
    if conn.execute(sa.select(queries.c.id).where(queries.c.id == query_id)).first() is not None:
        _upsert_state(conn, query_id, rollups_dirty=True)


def clear_rollups_dirty(conn: Connection, *, query_id: int) -> None:
    _upsert_state(conn, query_id, rollups_dirty=False)


# ---- thresholds -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ThresholdRow:
    id: int
    query_id: int
    query: str
    metric: str
    above: float
    window_minutes: int
    min_mentions: int
    severity: str
    enabled: bool

    def describe(self) -> str:
        if self.metric == "volume":
            return f"more than {self.above:g} mentions in {self.window_minutes} min"
        least = f" (at least {self.min_mentions} mentions)" if self.min_mentions else ""
        return f"more than {self.above:g}% negative in {self.window_minutes} min{least}"

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "query": self.query, "metric": self.metric, "above": self.above,
                "window_minutes": self.window_minutes, "min_mentions": self.min_mentions,
                "severity": self.severity, "enabled": self.enabled, "rule": self.describe()}


def _threshold(r: Any) -> ThresholdRow:
    return ThresholdRow(id=r.id, query_id=r.query_id, query=r.name, metric=r.metric, above=r.above,
                        window_minutes=r.window_minutes, min_mentions=r.min_mentions, severity=r.severity,
                        enabled=bool(r.enabled))


def add_threshold(conn: Connection, *, query_id: int, metric: str, above: float, window_minutes: int,
                  min_mentions: int = 0, severity: str = "medium") -> ThresholdRow:
    if metric not in THRESHOLD_METRICS:
        raise ValueError(f"unknown metric {metric!r}: {' or '.join(THRESHOLD_METRICS)}")
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}: {', '.join(SEVERITIES)}")
    if window_minutes < 1 or window_minutes > 7 * 1440:
        raise ValueError("the window is 1 minute to 7 days")
    if metric == "negative_share" and not 0 <= above < 100:
        raise ValueError("a negative share threshold is a percentage from 0 to 100")
    new_id = conn.execute(alert_thresholds.insert().values(
        query_id=query_id, metric=metric, above=above, window_minutes=window_minutes, min_mentions=min_mentions,
        severity=severity, enabled=True, created_at=datetime.now(UTC)).returning(alert_thresholds.c.id)).scalar_one()
    return list_thresholds(conn, threshold_id=new_id)[0]


def list_thresholds(conn: Connection, *, query_id: int | None = None, threshold_id: int | None = None,
                    enabled_only: bool = False) -> list[ThresholdRow]:
    statement = (sa.select(alert_thresholds, queries.c.name)
                 .join(queries, queries.c.id == alert_thresholds.c.query_id).order_by(alert_thresholds.c.id))
    if query_id is not None:
        statement = statement.where(alert_thresholds.c.query_id == query_id)
    if threshold_id is not None:
        statement = statement.where(alert_thresholds.c.id == threshold_id)
    if enabled_only:
        statement = statement.where(alert_thresholds.c.enabled.is_(True), queries.c.enabled.is_(True))
    return [_threshold(r) for r in conn.execute(statement)]


def remove_threshold(conn: Connection, *, threshold_id: int) -> None:
    if not conn.execute(alert_thresholds.delete().where(alert_thresholds.c.id == threshold_id)).rowcount:
        raise ThresholdNotFound(f"no threshold {threshold_id}; 'voxpop alerts thresholds' lists them")


# ---- alerts -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AlertRow:
    id: int
    query_id: int
    query: str
    threshold_id: int | None
    kind: str
    severity: str
    state: str
    started_at: datetime
    fired_at: datetime
    ended_at: datetime | None
    observed: float
    expected: float
    drivers: dict[str, Any]
    summary: str
    top_mention_ids: list[int]
    detail: dict[str, Any]
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    resolved_at: datetime | None
    resolved_by: str | None
    updated_at: datetime

    @property
    def link(self) -> str:
        return f"/alerts/{self.id}"

    def public(self) -> dict[str, Any]:
        def iso(moment: datetime | None) -> str | None:
            return None if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

        return {
            "id": self.id, "query": self.query, "kind": self.kind, "severity": self.severity, "state": self.state,
            "started_at": iso(self.started_at), "fired_at": iso(self.fired_at), "ended_at": iso(self.ended_at),
            "observed": round(self.observed, 2), "expected": round(self.expected, 2), "summary": self.summary,
            "drivers": self.drivers, "top_mention_ids": self.top_mention_ids, "detail": self.detail,
            "threshold_id": self.threshold_id, "acknowledged_at": iso(self.acknowledged_at),
            "acknowledged_by": self.acknowledged_by, "resolved_at": iso(self.resolved_at),
            "resolved_by": self.resolved_by, "updated_at": iso(self.updated_at), "link": self.link,
        }


def _alert(r: Any) -> AlertRow:
    return AlertRow(
        id=r.id, query_id=r.query_id, query=r.name, threshold_id=r.threshold_id, kind=r.kind, severity=r.severity,
        state=r.state, started_at=r.started_at, fired_at=r.fired_at, ended_at=r.ended_at, observed=r.observed,
        expected=r.expected, drivers=r.drivers or {}, summary=r.summary, top_mention_ids=list(r.top_mention_ids or ()),
        detail=r.detail or {}, acknowledged_at=r.acknowledged_at, acknowledged_by=r.acknowledged_by,
        resolved_at=r.resolved_at, resolved_by=r.resolved_by, updated_at=r.updated_at)


def _alerts_query() -> sa.Select[Any]:
    return sa.select(alerts, queries.c.name).join(queries, queries.c.id == alerts.c.query_id)


def insert_alert(conn: Connection, **values: Any) -> int:
    now = datetime.now(UTC)
    values = {"state": "open", "drivers": {}, "summary": "", "top_mention_ids": [], "detail": {}, **values}
    return int(conn.execute(alerts.insert().values(created_at=now, updated_at=now, **values)
                            .returning(alerts.c.id)).scalar_one())


def update_alert(conn: Connection, *, alert_id: int, **values: Any) -> None:
    conn.execute(alerts.update().where(alerts.c.id == alert_id).values(updated_at=datetime.now(UTC), **values))


def get_alert(conn: Connection, *, alert_id: int) -> AlertRow:
    row = conn.execute(_alerts_query().where(alerts.c.id == alert_id)).first()
    if row is None:
        raise AlertNotFound(f"no alert {alert_id}; 'voxpop alerts list' shows them")
    return _alert(row)


def list_alerts(conn: Connection, *, state: str | None = None, query_id: int | None = None,
                limit: int = 100) -> list[AlertRow]:
    statement = _alerts_query().order_by(alerts.c.fired_at.desc(), alerts.c.id.desc()).limit(limit)
    if state is not None:
        statement = statement.where(alerts.c.state == state)
    if query_id is not None:
        statement = statement.where(alerts.c.query_id == query_id)
    return [_alert(r) for r in conn.execute(statement)]


def ongoing_alert(conn: Connection, *, query_id: int, kind: str, threshold_id: int | None = None) -> AlertRow | None:
    """The query's alert of this kind (and threshold) that has not ended, if any."""
    statement = _alerts_query().where(alerts.c.query_id == query_id, alerts.c.kind == kind,
                                      alerts.c.ended_at.is_(None)).order_by(alerts.c.id.desc()).limit(1)
    if threshold_id is not None:
        statement = statement.where(alerts.c.threshold_id == threshold_id)
    row = conn.execute(statement).first()
    return _alert(row) if row else None


def latest_ended_alert(conn: Connection, *, query_id: int, kind: str,
                       threshold_id: int | None = None) -> AlertRow | None:
    statement = _alerts_query().where(alerts.c.query_id == query_id, alerts.c.kind == kind,
                                      alerts.c.ended_at.is_not(None)).order_by(alerts.c.ended_at.desc()).limit(1)
    if threshold_id is not None:
        statement = statement.where(alerts.c.threshold_id == threshold_id)
    row = conn.execute(statement).first()
    return _alert(row) if row else None


def add_history(conn: Connection, *, alert_id: int, action: str, actor: str, old_state: str | None,
                new_state: str | None, note: str | None = None) -> None:
    conn.execute(alert_history.insert().values(alert_id=alert_id, action=action, actor=actor, old_state=old_state,
                                               new_state=new_state, note=note, created_at=datetime.now(UTC)))


def history(conn: Connection, *, alert_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(sa.select(alert_history).where(alert_history.c.alert_id == alert_id)
                        .order_by(alert_history.c.id))
    return [{"action": r.action, "actor": r.actor, "old_state": r.old_state, "new_state": r.new_state,
             "note": r.note, "at": r.created_at.isoformat()} for r in rows]


def acknowledge_alert(conn: Connection, *, alert_id: int, by: str) -> AlertRow:
    """Someone has seen the alert and is on it (only an open alert can be acknowledged)."""
    current = get_alert(conn, alert_id=alert_id)
    if current.state != "open":
        raise AlertStateError(f"alert {alert_id} is {current.state}; only an open alert can be acknowledged")
    now = datetime.now(UTC)
    update_alert(conn, alert_id=alert_id, state="acknowledged", acknowledged_at=now, acknowledged_by=by)
    add_history(conn, alert_id=alert_id, action="acknowledged", actor=by, old_state="open", new_state="acknowledged")
    return get_alert(conn, alert_id=alert_id)


def resolve_alert(conn: Connection, *, alert_id: int, by: str, note: str | None = None) -> AlertRow:
    """The alert is dealt with. The detector still ends it (or reopens it) as the counts say."""
    current = get_alert(conn, alert_id=alert_id)
    if current.state == "resolved":
        raise AlertStateError(f"alert {alert_id} is already resolved")
    now = datetime.now(UTC)
    update_alert(conn, alert_id=alert_id, state="resolved", resolved_at=now, resolved_by=by)
    add_history(conn, alert_id=alert_id, action="resolved", actor=by, old_state=current.state, new_state="resolved",
                note=note)
    return get_alert(conn, alert_id=alert_id)


# ---- subscriptions ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SubscriptionRow:
    id: int
    query_id: int | None
    query: str | None
    min_severity: str
    destination_id: int | None
    destination: str | None
    user_id: int | None
    username: str | None
    email: str | None
    via_destination_id: int | None
    via: str | None

    def recipient(self) -> str:
        if self.destination:
            return f"destination {self.destination}"
        who = f"{self.username} <{self.email}>" if self.username else str(self.email)
        return f"{who} (e-mail via {self.via})"

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "query": self.query, "min_severity": self.min_severity,
                "destination": self.destination, "user": self.username, "email": self.email, "via": self.via,
                "recipient": self.recipient()}


def _subscriptions_query() -> sa.Select[Any]:
    from voxpop.store.tables import notify_destinations, users

    destination = notify_destinations.alias("destination")
    via = notify_destinations.alias("via")
    return (
        sa.select(alert_subscriptions, queries.c.name.label("query_name"), destination.c.name.label("destination"),
                  via.c.name.label("via"), users.c.username)
        .select_from(alert_subscriptions
                     .outerjoin(queries, queries.c.id == alert_subscriptions.c.query_id)
                     .outerjoin(destination, destination.c.id == alert_subscriptions.c.destination_id)
                     .outerjoin(via, via.c.id == alert_subscriptions.c.via_destination_id)
                     .outerjoin(users, users.c.id == alert_subscriptions.c.user_id))
        .order_by(alert_subscriptions.c.id)
    )


def _subscription(r: Any) -> SubscriptionRow:
    return SubscriptionRow(id=r.id, query_id=r.query_id, query=r.query_name, min_severity=r.min_severity,
                           destination_id=r.destination_id, destination=r.destination, user_id=r.user_id,
                           username=r.username, email=r.email, via_destination_id=r.via_destination_id, via=r.via)


def add_subscription(conn: Connection, *, query_id: int | None, min_severity: str = "low",
                     destination_id: int | None = None, user_id: int | None = None, email: str | None = None,
                     via_destination_id: int | None = None) -> SubscriptionRow:
    """Send a query's (None: every query's) alerts of at least ``min_severity`` to a destination,
    or by e-mail (to a user's address or a bare address) through an e-mail destination's server."""
    if min_severity not in SEVERITIES:
        raise ValueError(f"unknown severity {min_severity!r}: {', '.join(SEVERITIES)}")
    if (destination_id is None) == (email is None):
        raise ValueError("a subscription sends to a destination or to an e-mail address, one of the two")
    if email is not None and via_destination_id is None:
        raise ValueError("an e-mail subscription needs the e-mail destination whose server sends it (--via)")
    new_id = conn.execute(alert_subscriptions.insert().values(
        query_id=query_id, min_severity=min_severity, destination_id=destination_id, user_id=user_id, email=email,
        via_destination_id=via_destination_id, created_at=datetime.now(UTC)).returning(alert_subscriptions.c.id)
    ).scalar_one()
    return list_subscriptions(conn, subscription_id=new_id)[0]


def list_subscriptions(conn: Connection, *, subscription_id: int | None = None) -> list[SubscriptionRow]:
    statement = _subscriptions_query()
    if subscription_id is not None:
        statement = statement.where(alert_subscriptions.c.id == subscription_id)
    return [_subscription(r) for r in conn.execute(statement)]


def subscriptions_for(conn: Connection, *, query_id: int) -> list[SubscriptionRow]:
    """The subscriptions that cover a query: its own and the ones for every query."""
    statement = _subscriptions_query().where(sa.or_(alert_subscriptions.c.query_id == query_id,
                                                    alert_subscriptions.c.query_id.is_(None)))
    return [_subscription(r) for r in conn.execute(statement)]


def remove_subscription(conn: Connection, *, subscription_id: int) -> None:
    if not conn.execute(alert_subscriptions.delete().where(alert_subscriptions.c.id == subscription_id)).rowcount:
        raise SubscriptionNotFound(f"no subscription {subscription_id}; 'voxpop alerts subscriptions' lists them")
