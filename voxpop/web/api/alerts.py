"""/api/v1/alerts: stored alerts (list by state, severity and query), each explained — observed
vs expected around it, the drivers with their lift, the top mentions, its history — and
acknowledged or resolved by an editor. /api/v1/destinations (admins): where notifications go,
listed with secrets masked, added (checked by the kind), tested, removed."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy.engine import Connection

from voxpop.store.alerts import AlertNotFound, AlertRow, AlertStateError, get_alert
from voxpop.web.auth import Admin, Editor, StoreDep, Viewer
from voxpop.web.errors import ApiError
from voxpop.web.models import (
    AlertExplanation,
    AlertList,
    AlertPublic,
    AlertState,
    ChartPoint,
    DestinationCreate,
    DestinationList,
    DestinationPublic,
    DestinationTest,
    Id,
    Removed,
    ResolveBody,
)

router = APIRouter(prefix="/alerts", tags=["alerts"])
destinations_router = APIRouter(prefix="/destinations", tags=["destinations"])

#: Bucket widths for the chart, smallest first: the first that keeps it under MAX_POINTS wins.
BUCKETS = (1, 5, 15, 60, 180, 1440)
MAX_POINTS = 180
#: Weeks back whose same buckets make the expected line.
WEEKS_BACK = 4


def alert_public(row: AlertRow) -> AlertPublic:
    return AlertPublic.model_validate(row.public())


def _get(conn: Connection, alert_id: int) -> AlertRow:
    try:
        return get_alert(conn, alert_id=alert_id)
    except AlertNotFound:
        raise ApiError(404, f"no alert {alert_id}") from None


def alert_series(conn: Connection, alert: AlertRow, *, now: datetime | None = None
                 ) -> tuple[int, list[ChartPoint], tuple[int, int]]:
    """Observed counts per bucket around the alert from the query's minute rollups, and expected
    counts: the mean of the same buckets 1 to 4 weeks earlier (weeks before the query's first
    rollup do not count). Returns the bucket width, the points and the alert's span as indexes."""
    from voxpop.alerts.rollup import minute_of, minute_start
    from voxpop.store.alerts import first_rollup_minute, read_rollups

    at = now or datetime.now(UTC)
    started = minute_of(alert.started_at)
    ended = minute_of(min(alert.ended_at or at, at))
    span = max(1, ended - started)
    low = started - max(120, 2 * span)
    high = min(minute_of(at) + 1, ended + max(30, span // 2))
    bucket = next((b for b in BUCKETS if (high - low) / b <= MAX_POINTS), BUCKETS[-1])
    low -= low % bucket
    negatives = alert.kind in ("negative_share", "threshold_negative")

    def counts(offset: int) -> dict[int, float]:
        found: dict[int, float] = defaultdict(float)
        for minute, r in read_rollups(conn, query_id=alert.query_id, start=low - offset, end=high - offset):
            found[(minute + offset - low) // bucket] += r.negatives if negatives else r.volume
        return found

    observed = counts(0)
    first = first_rollup_minute(conn, query_id=alert.query_id)
    weeks = [w for w in range(1, WEEKS_BACK + 1) if first is not None and first <= low - w * 10080]
    past = [counts(w * 10080) for w in weeks]
    n = (high - low + bucket - 1) // bucket
    points = [ChartPoint(at=minute_start(low + i * bucket), observed=observed.get(i, 0.0),
                         expected=round(sum(p.get(i, 0.0) for p in past) / len(past), 2) if past else None)
              for i in range(n)]
    return bucket, points, ((started - low) // bucket, (ended - low) // bucket)


def explanation(conn: Connection, alert: AlertRow) -> AlertExplanation:
    from voxpop.store.alerts import history
    from voxpop.store.mentions import get_mention
    from voxpop.web.api.mentions import mention_public

    bucket, points, _ = alert_series(conn, alert)
    found = [get_mention(conn, mention_id=i) for i in alert.top_mention_ids[:10]]
    return AlertExplanation(alert=alert_public(alert), bucket_minutes=bucket, series=points,
                            top_mentions=[mention_public(m) for m in found if m is not None],
                            history=history(conn, alert_id=alert.id))


def filtered_alerts(conn: Connection, *, state: str | None, severity: str | None, query: str | None,
                    limit: int) -> list[AlertRow]:
    from voxpop.store.alerts import list_alerts
    from voxpop.store.queries import QueryNotFound, get_query

    query_id = None
    if query:
        try:
            query_id = get_query(conn, name=query).id
        except QueryNotFound:
            return []
    rows = list_alerts(conn, state=state, query_id=query_id, limit=limit if severity is None else max(limit * 4, 400))
    return [r for r in rows if severity is None or r.severity == severity][:limit]


@router.get("", response_model=AlertList, summary="Alerts newest first, by state, severity and query")
def list_all(
    _: Viewer, store: StoreDep, state: AlertState | None = None,
    severity: Annotated[str | None, Query(pattern="^(low|medium|high|critical)$")] = None,
    query: Annotated[str | None, Query(max_length=200, description="a saved query's name")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> AlertList:
    with store.read() as conn:
        return AlertList(alerts=[alert_public(r) for r in filtered_alerts(conn, state=state, severity=severity,
                                                                         query=query, limit=limit)])


@router.get("/{alert_id}", response_model=AlertPublic, summary="One alert")
def get_one(alert_id: Id, _: Viewer, store: StoreDep) -> AlertPublic:
    with store.read() as conn:
        return alert_public(_get(conn, alert_id))


@router.get("/{alert_id}/explain", response_model=AlertExplanation,
            summary="Why the alert fired: observed vs expected around it, drivers with lift, top mentions, history")
def explain(alert_id: Id, _: Viewer, store: StoreDep) -> AlertExplanation:
    with store.read() as conn:
        return explanation(conn, _get(conn, alert_id))


def change_state(store: StoreDep, alert_id: int, who: str, action: str, note: str | None = None) -> AlertRow:
    from voxpop.store.alerts import acknowledge_alert, resolve_alert

    with store.write() as conn:
        _get(conn, alert_id)
        try:
            if action == "acknowledge":
                return acknowledge_alert(conn, alert_id=alert_id, by=who)
            return resolve_alert(conn, alert_id=alert_id, by=who, note=note)
        except AlertStateError as exc:
            raise ApiError(409, str(exc)) from None


@router.post("/{alert_id}/acknowledge", response_model=AlertPublic,
             summary="Someone is on it (open alerts only; 409 otherwise)")
def acknowledge(alert_id: Id, who: Editor, store: StoreDep) -> AlertPublic:
    return alert_public(change_state(store, alert_id, who.user.username, "acknowledge"))


@router.post("/{alert_id}/resolve", response_model=AlertPublic, summary="Dealt with (409 when resolved already)")
def resolve(alert_id: Id, who: Editor, store: StoreDep, body: ResolveBody | None = None) -> AlertPublic:
    return alert_public(change_state(store, alert_id, who.user.username, "resolve", body.note if body else None))


# ---- destinations ------------------------------------------------------------------------------------


def _secret_keys(kind: str) -> tuple[str, ...]:
    from voxpop.notify import registry
    from voxpop.notify.destinations.base import DestinationConfigError

    try:
        return tuple(registry.load(kind).secret_keys)
    except DestinationConfigError:
        return ()


def destination_public(row: Any) -> DestinationPublic:
    return DestinationPublic.model_validate(row.public(_secret_keys(row.kind)))


def _destination(conn: Connection, destination_id: int) -> Any:
    from voxpop.store.outbox import DestinationNotFound, get_destination

    try:
        return get_destination(conn, destination_id=destination_id)
    except DestinationNotFound:
        raise ApiError(404, f"no destination {destination_id}") from None


@destinations_router.get("", response_model=DestinationList, summary="Notification destinations (secrets masked)")
def list_destinations(_: Admin, store: StoreDep) -> DestinationList:
    from voxpop.store.outbox import list_destinations as rows

    with store.read() as conn:
        return DestinationList(destinations=[destination_public(r) for r in rows(conn)])


def add_destination_checked(store: StoreDep, body: DestinationCreate) -> Any:
    """A destination as 'voxpop destination add' checks it: the kind validates its settings
    (loopback and private hosts refused unless allowed); 422 naming the problem, 409 for a name in use."""
    from voxpop.notify import registry
    from voxpop.notify.destinations.base import DestinationConfigError
    from voxpop.store.outbox import DestinationExists, add_destination

    try:
        config = registry.load(body.kind).validate_config(dict(body.config))
    except DestinationConfigError as exc:
        raise ApiError(422, str(exc), problems=[{"field": "config", "message": str(exc)}]) from None
    try:
        with store.write() as conn:
            return add_destination(conn, name=body.name, kind=body.kind, config=config)
    except DestinationExists as exc:
        raise ApiError(409, str(exc)) from None


@destinations_router.post("", response_model=DestinationPublic, status_code=201, summary="Add a destination")
def add_destination(body: DestinationCreate, _: Admin, store: StoreDep) -> DestinationPublic:
    return destination_public(add_destination_checked(store, body))


def send_test(store: StoreDep, row: Any) -> DestinationTest:
    """A test notification sent now, not through the outbox, as 'voxpop destination test' does."""
    from voxpop.notify import registry
    from voxpop.notify.destinations.base import Delivery, DeliveryError, DestinationConfigError, redact
    from voxpop.notify.message import Notification

    now = datetime.now(UTC)
    notification = Notification(title=f"Test notification for {row.name}", kind="test", severity="info",
                                text="If you can read this, voxpop can reach this destination.",
                                fields={"destination": row.name, "sent at": now.isoformat(timespec="seconds")})
    delivery = Delivery(idempotency_key=f"vxn_test_{int(now.timestamp())}", event_key="test",
                        notification=notification, created_at=now, attempt=1)
    secrets: list[str] = []
    try:
        target = registry.load(row.kind)(name=row.name, config=row.config, settings=store.settings)
        secrets = target.secrets()
        target.send(delivery)
    except (DeliveryError, DestinationConfigError) as exc:
        return DestinationTest(delivered=False, error=redact(str(exc), secrets))
    return DestinationTest(delivered=True, error=None)


@destinations_router.post("/{destination_id}/test", response_model=DestinationTest,
                          summary="Send a test notification now and say whether it arrived")
def test_destination(destination_id: Id, _: Admin, store: StoreDep) -> DestinationTest:
    with store.read() as conn:
        row = _destination(conn, destination_id)
    return send_test(store, row)


@destinations_router.delete("/{destination_id}", response_model=Removed,
                            summary="Remove a destination with the notifications still waiting for it")
def remove_destination(destination_id: Id, _: Admin, store: StoreDep) -> Removed:
    from voxpop.store.outbox import remove_destination as remove

    with store.write() as conn:
        row = _destination(conn, destination_id)
        remove(conn, name=row.name)
    return Removed(removed=row.name)

