"""The live alert stage, run after the match stage: keeps the per-query minute rollups from new
matches, runs one detector per enabled query on each closed minute (after a grace period for late
mentions), checks the threshold rules, and stores alerts — notifying their subscribers in the
same transaction — then wakes the deliverer.

Detector state lives in memory. On start (and after a query's matches were recomputed, or the
workspace time zone changed) it is rebuilt by replaying up to four weeks of stored rollups, and
the stored alerts still open are taken up again. So that an alert is not a minute late because its
minute has not closed, the minutes not yet decided are also looked at provisionally on a copy of the
detector: an alert that opens there is stored and notified at once, and later confirmed (or
withdrawn) when its minutes are decided.
"""

from __future__ import annotations

import copy
import logging
import threading
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Connection

from voxpop.alerts.detector import WEEK, Alert, AlertEvent, Detector, DetectorSettings
from voxpop.alerts.drivers import explain_alert, summary
from voxpop.alerts.rollup import is_negative, minute_of, minute_start
from voxpop.alerts.routing import notify_alert
from voxpop.store import Store
from voxpop.store.alerts import (
    AlertRow,
    RollupMinute,
    ThresholdRow,
    add_history,
    add_rollups,
    clear_rollups_dirty,
    delete_rollups,
    first_rollup_minute,
    get_alert,
    get_alert_settings,
    get_timezone,
    insert_alert,
    latest_ended_alert,
    list_thresholds,
    lock_cursor,
    lock_decided_minute,
    matched_facts,
    ongoing_alert,
    query_states,
    read_rollups,
    rollup_sums,
    set_decided_minute,
    update_alert,
)
from voxpop.store.queries import QueryRow, get_cursor, list_queries, set_cursor

log = logging.getLogger(__name__)

#: The rollups' cursor: the last mention id whose matches are counted (never past the match stage's).
ROLLUP_STAGE = "rollup"
#: A threshold alert ends after this many minutes below its limit (at least its window), and one
#: that fires again within the cooldown after its end is reopened.
THRESHOLD_QUIET_MINUTES = 15
THRESHOLD_COOLDOWN_MINUTES = 60
#: A provisional alert not confirmed this many minutes after its minute was decided is withdrawn.
CONFIRM_MINUTES = 2
Clock = Callable[[], datetime]


@dataclass(slots=True)
class AlertReport:
    """What one pass of the alert stage did."""

    rolled_up: int = 0
    rebuilt: list[str] = field(default_factory=list)
    decided_minutes: int = 0
    opened: int = 0
    escalated: int = 0
    reopened: int = 0
    ended: int = 0
    withdrawn: int = 0
    notifications: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"rolled_up": self.rolled_up, "rebuilt": self.rebuilt, "decided_minutes": self.decided_minutes,
                "opened": self.opened, "escalated": self.escalated, "reopened": self.reopened, "ended": self.ended,
                "withdrawn": self.withdrawn, "notifications": self.notifications}


@dataclass(slots=True)
class _Watch:
    """One query's live detector and how its alerts map to stored ones."""

    query_id: int
    name: str
    timezone: str
    detector: Detector
    decided: int
    #: detector alert id → stored alert id
    stored: dict[str, int] = field(default_factory=dict)
    #: kind → (stored alert id, minute it fired in) for alerts raised provisionally, not yet confirmed
    provisional: dict[str, tuple[int, int]] = field(default_factory=dict)
    peeked: tuple[Any, ...] | None = None


def roll_up(store: Store) -> int:
    """Add the matches of mentions the match stage has passed since the last call to the rollups;
    returns how many matches were counted. Cursor and counts move in one transaction."""
    with store.write() as conn:
        start = lock_cursor(conn, stage=ROLLUP_STAGE)
        end = get_cursor(conn, stage="match")
        if end <= start:
            return 0
        counts: dict[tuple[int, int], RollupMinute] = {}
        seen = 0
        for row in matched_facts(conn, after=start, until=end):
            key = (int(row.query_id), minute_of(row.published_at))
            minute = counts.get(key)
            if minute is None:
                minute = counts[key] = RollupMinute()
            minute.add(channel=row.channel, lang=row.lang, negative=is_negative({"label": row.sentiment}))
            seen += 1
        add_rollups(conn, counts=counts)
        set_cursor(conn, stage=ROLLUP_STAGE, position=end)
    return seen


def rebuild_rollups(conn: Connection, *, query_id: int) -> None:
    """Recount one query's rollups from its stored matches, up to the rollup cursor (matches of
    later mentions are the next incremental pass's), in the caller's transaction."""
    until = lock_cursor(conn, stage=ROLLUP_STAGE)
    delete_rollups(conn, query_id=query_id)
    counts: dict[tuple[int, int], RollupMinute] = {}
    for row in matched_facts(conn, after=0, until=until, query_id=query_id):
        key = (query_id, minute_of(row.published_at))
        minute = counts.get(key)
        if minute is None:
            minute = counts[key] = RollupMinute()
        minute.add(channel=row.channel, lang=row.lang, negative=is_negative({"label": row.sentiment}))
    add_rollups(conn, counts=counts)
    clear_rollups_dirty(conn, query_id=query_id)


def _series(rows: list[tuple[int, RollupMinute]]) -> Iterator[tuple[int, float, float]]:
    for minute, counts in rows:
        yield minute, float(counts.volume), float(counts.negatives)


def _iso_minute(minute: int) -> str:
    return minute_start(minute).strftime("%Y-%m-%dT%H:%MZ")


class AlertStage:
    """The alert stage of one store, with its detectors. ``run()`` is one pass (the pipeline calls
    it after matching); a new instance starts from the stored state, as after a restart."""

    def __init__(self, store: Store, *, settings: DetectorSettings | None = None, clock: Clock | None = None,
                 grace_minutes: int | None = None, provisional: bool = True) -> None:
        self.store = store
        self.settings = settings or DetectorSettings()
        self.clock = clock or (lambda: datetime.now(UTC))
        self.grace_minutes = grace_minutes
        self.provisional = provisional
        self.watches: dict[int, _Watch] = {}
        self.on_notify: Callable[[], None] | None = None
        self._lock = threading.Lock()

    # ---- one pass ------------------------------------------------------------------------------

    def run(self) -> AlertReport:
        with self._lock:  # the stages thread and a CLI call in one process do not interleave passes
            return self._run()

    def _run(self) -> AlertReport:
        report = AlertReport()
        report.rolled_up = roll_up(self.store)
        now = self.clock()
        with self.store.read() as conn:
            queries = list_queries(conn, enabled_only=True)
            states = query_states(conn)
            zone = get_timezone(conn)
            options = get_alert_settings(conn)
            thresholds = list_thresholds(conn, enabled_only=True)
        grace = self.grace_minutes if self.grace_minutes is not None else int(options["grace_minutes"])
        public_url = options.get("public_url")
        closed = minute_of(now - timedelta(minutes=grace)) - 1
        enabled = {q.id for q in queries}
        for query_id in [q for q in self.watches if q not in enabled]:
            del self.watches[query_id]  # disabled or removed: rebuilt from the rollups if it comes back
        for query in queries:
            state = states.get(query.id)
            if state is not None and state.rollups_dirty:
                with self.store.write() as conn:
                    rebuild_rollups(conn, query_id=query.id)
                self.watches.pop(query.id, None)
            watch = self.watches.get(query.id)
            if watch is None or watch.timezone != zone or watch.name != query.name:
                watch = self._build(query, zone, closed, now, report, public_url)
                report.rebuilt.append(query.name)
            try:
                self._decide(watch, closed, now, report, public_url)
                if self.provisional:
                    self._peek(watch, now, report, public_url)
            except Exception:
                self.watches.pop(query.id, None)  # its detector may be ahead of the store: rebuild next pass
                raise
        for rule in thresholds:
            self._threshold(rule, now, report, public_url)
        if report.notifications and self.on_notify is not None:
            self.on_notify()
        return report

    # ---- detectors -----------------------------------------------------------------------------

    def _build(self, query: QueryRow, zone: str, closed: int, now: datetime, report: AlertReport,
               public_url: str | None) -> _Watch:
        """A query's detector replayed from stored rollups (events ignored: they were stored when they
        happened) up to the last decided minute — or, for a query seen for the first time, up to the
        last closed minute — then the alerts still open are matched with the stored ones."""
        settings = replace(self.settings, timezone=zone)
        detector = Detector(settings, query=query.name)
        with self.store.read() as conn:
            state = query_states(conn).get(query.id)
            decided = state.decided_minute if state is not None else None
            target = closed if decided is None else decided
            first = first_rollup_minute(conn, query_id=query.id)
            start = max(first if first is not None else target + 1, target - settings.weeks * WEEK + 1)
            rows = read_rollups(conn, query_id=query.id, start=start, end=target + 1) if start <= target else []
        for _ in detector.run(_series(rows)):
            pass
        if first is not None and first <= target and (not rows or rows[-1][0] < target):
            detector.observe_minute(target, 0.0, 0.0)
        watch = _Watch(query.id, query.name, zone, detector, target)
        with self.store.write() as conn:
            if decided is None:
                set_decided_minute(conn, query_id=query.id, minute=target)
            ongoing = {a.kind: a for a in detector.alerts if a.ended_at is None}
            for kind in ("volume", "negative_share"):
                stored = ongoing_alert(conn, query_id=query.id, kind=kind)
                alert = ongoing.get(kind)
                if alert is not None and stored is not None:
                    watch.stored[alert.id] = stored.id
                elif alert is not None:
                    # open when the detector came up (a new query in the middle of a crisis): raise it now
                    self._open(conn, watch, AlertEvent("opened", alert.fired_at, alert), now, report, public_url)
                elif stored is not None and stored.fired_at >= minute_start(target + 1):
                    watch.provisional[kind] = (stored.id, minute_of(stored.fired_at))
                elif stored is not None:
                    self._end_stored(conn, stored, minute_start(target + 1),
                                     "not ongoing when the detector was rebuilt")
                    report.ended += 1
                ended = latest_ended_alert(conn, query_id=query.id, kind=kind)
                for past in detector.alerts:
                    if past.kind == kind and past.ended_at is not None and ended is not None \
                            and past.started_at == ended.started_at:
                        watch.stored[past.id] = ended.id  # so a reopening within the cooldown finds it
        self.watches[query.id] = watch
        return watch

    def _decide(self, watch: _Watch, closed: int, now: datetime, report: AlertReport, public_url: str | None) -> None:
        if closed <= watch.decided:
            return
        with self.store.write() as conn:
            stored_decided = lock_decided_minute(conn, query_id=watch.query_id)
            if stored_decided is not None and stored_decided != watch.decided:
                # Another process decided these minutes: take its results up instead of deciding twice.
                self.watches.pop(watch.query_id, None)
                return
            rows = read_rollups(conn, query_id=watch.query_id, start=watch.decided + 1, end=closed + 1)
            detector = watch.detector
            events: list[AlertEvent] = []
            for minute, volume, negatives in _series(rows):
                events += detector.observe_minute(minute, volume, negatives)
            if not rows or rows[-1][0] < closed:
                events += detector.observe_minute(closed, 0.0, 0.0)
            report.decided_minutes += closed - watch.decided
            watch.decided = closed
            for event in events:
                self._record(conn, watch, event, now, report, public_url)
            self._refresh_ongoing(conn, watch)
            for kind, (alert_id, minute) in list(watch.provisional.items()):
                if closed >= minute + CONFIRM_MINUTES:
                    del watch.provisional[kind]
                    stored = get_alert(conn, alert_id=alert_id)
                    if stored.ended_at is None:
                        self._end_stored(conn, stored, minute_start(minute),
                                         "withdrawn: not confirmed once its minutes were complete", action="withdrawn")
                        report.withdrawn += 1
            set_decided_minute(conn, query_id=watch.query_id, minute=closed)

    def _peek(self, watch: _Watch, now: datetime, report: AlertReport, public_url: str | None) -> None:
        """Look at the minutes not decided yet (the current one included) on a copy of the detector;
        an alert that opens there is stored and notified now, not when its minute closes."""
        current = minute_of(now)
        if current <= watch.decided:
            return
        with self.store.read() as conn:
            rows = read_rollups(conn, query_id=watch.query_id, start=watch.decided + 1, end=current + 1)
        signature = tuple((m, c.volume, c.negatives) for m, c in rows)
        s = watch.detector.settings
        if signature == watch.peeked or sum(c.volume for _, c in rows) < min(s.min_count, s.min_negatives):
            return
        watch.peeked = signature
        trial = copy.deepcopy(watch.detector)
        events: list[AlertEvent] = []
        for minute, volume, negatives in _series(rows):
            events += trial.observe_minute(minute, volume, negatives)
        fresh = [e for e in events if e.type in ("opened", "reopened") and e.alert.kind not in watch.provisional]
        if not fresh:
            return
        with self.store.write() as conn:
            if lock_decided_minute(conn, query_id=watch.query_id) != watch.decided:
                return
            for event in fresh:
                kind = event.alert.kind
                at = min(event.at, now)
                alert = replace(event.alert, fired_at=at)
                known = watch.stored.get(alert.id) if event.type == "reopened" else None
                stored = ongoing_alert(conn, query_id=watch.query_id, kind=kind)
                if stored is not None:
                    continue  # already open (raised before a restart, or by another process)
                if known is not None:
                    self._reopen(conn, watch, known, AlertEvent("reopened", at, alert), report, public_url)
                    watch.provisional[kind] = (known, minute_of(at))
                else:
                    new_id = self._open(conn, watch, AlertEvent("opened", at, alert), now, report, public_url,
                                        remember=False)
                    watch.provisional[kind] = (new_id, minute_of(at))

    # ---- storing detector events -----------------------------------------------------------------

    def _record(self, conn: Connection, watch: _Watch, event: AlertEvent, now: datetime, report: AlertReport,
                public_url: str | None) -> None:
        alert = event.alert
        stored_id = watch.stored.get(alert.id)
        if event.type in ("opened", "reopened"):
            provisional = watch.provisional.pop(alert.kind, None)
            if stored_id is None:
                # Raised provisionally before its minutes were complete, or open before a restart
                # (or stored by another process): the same alert, confirmed.
                adopted = provisional[0] if provisional is not None else None
                if adopted is None:
                    existing = ongoing_alert(conn, query_id=watch.query_id, kind=alert.kind)
                    adopted = existing.id if existing is not None else None
                if adopted is None:
                    self._open(conn, watch, event, now, report, public_url)
                    return
                watch.stored[alert.id] = adopted
                self._update_numbers(conn, adopted, alert, explain=True)
                add_history(conn, alert_id=adopted, action="confirmed", actor="detector", old_state=None,
                            new_state=None, note=f"its minutes were complete at {_iso_minute(watch.decided)}")
                return
            self._reopen(conn, watch, stored_id, event, report, public_url)
            return
        if stored_id is None:
            return  # an alert that was never stored (it ended before the detector came up)
        if event.type == "escalated":
            self._update_numbers(conn, stored_id, alert, explain=True, severity=alert.severity)
            stored = get_alert(conn, alert_id=stored_id)
            add_history(conn, alert_id=stored_id, action="escalated", actor="detector", old_state=stored.state,
                        new_state=stored.state, note=f"severity {alert.severity}")
            report.escalated += 1
            report.notifications += len(notify_alert(conn, alert=stored, event="escalated",
                                                     event_id=f"escalated:{alert.severity}", public_url=public_url))
        elif event.type == "ended":
            self._update_numbers(conn, stored_id, alert, explain=False)
            stored = get_alert(conn, alert_id=stored_id)
            self._end_stored(conn, stored, alert.ended_at or event.at, None)
            report.ended += 1

    def _open(self, conn: Connection, watch: _Watch, event: AlertEvent, now: datetime, report: AlertReport,
              public_url: str | None, *, remember: bool = True) -> int:
        alert = event.alert
        drivers = self._explain(conn, watch.query_id, alert.kind, alert.started_at, max(event.at, alert.fired_at),
                                alert.observed, alert.expected)
        alert_id = insert_alert(
            conn, query_id=watch.query_id, kind=alert.kind, severity=alert.severity, state="open",
            started_at=alert.started_at, fired_at=min(alert.fired_at, now), observed=alert.observed,
            expected=alert.expected, drivers=drivers, summary=drivers.get("summary", ""),
            top_mention_ids=[m["id"] for m in drivers.get("top_mentions", [])], detail=self._detail(alert))
        if remember:
            watch.stored[alert.id] = alert_id
        add_history(conn, alert_id=alert_id, action="opened", actor="detector", old_state=None, new_state="open",
                    note=f"{alert.fired.as_dict()}")
        report.opened += 1
        stored = get_alert(conn, alert_id=alert_id)
        report.notifications += len(notify_alert(conn, alert=stored, event="opened", event_id="opened",
                                                 public_url=public_url))
        return alert_id

    def _reopen(self, conn: Connection, watch: _Watch, stored_id: int, event: AlertEvent, report: AlertReport,
                public_url: str | None) -> None:
        watch.stored[event.alert.id] = stored_id
        stored = get_alert(conn, alert_id=stored_id)
        if stored.ended_at is None:
            self._update_numbers(conn, stored_id, event.alert, explain=True)
            return  # reopened provisionally already
        reopens = int(stored.detail.get("reopens", 0)) + 1
        update_alert(conn, alert_id=stored_id, ended_at=None, state="open", resolved_at=None, resolved_by=None)
        self._update_numbers(conn, stored_id, event.alert, explain=True, extra={"reopens": reopens})
        add_history(conn, alert_id=stored_id, action="reopened", actor="detector", old_state=stored.state,
                    new_state="open", note="a new burst within the cooldown")
        report.reopened += 1
        stored = get_alert(conn, alert_id=stored_id)
        report.notifications += len(notify_alert(conn, alert=stored, event="reopened", event_id=f"reopened:{reopens}",
                                                 public_url=public_url))

    def _end_stored(self, conn: Connection, stored: AlertRow, ended_at: datetime, note: str | None, *,
                    action: str = "ended", actor: str = "detector") -> None:
        values: dict[str, Any] = {"ended_at": ended_at}
        if stored.state != "resolved":
            values.update(state="resolved", resolved_at=self.clock(), resolved_by=actor)
        update_alert(conn, alert_id=stored.id, **values)
        add_history(conn, alert_id=stored.id, action=action, actor=actor, old_state=stored.state,
                    new_state="resolved", note=note)

    def _refresh_ongoing(self, conn: Connection, watch: _Watch) -> None:
        """Keep the stored figures of open alerts in step with the detector between events."""
        for alert in watch.detector.alerts:
            stored_id = watch.stored.get(alert.id)
            if alert.ended_at is None and stored_id is not None:
                self._update_numbers(conn, stored_id, alert, explain=False)

    def _update_numbers(self, conn: Connection, stored_id: int, alert: Alert, *, explain: bool,
                        severity: str | None = None, extra: dict[str, Any] | None = None) -> None:
        stored = get_alert(conn, alert_id=stored_id)
        values: dict[str, Any] = {"observed": alert.observed, "expected": alert.expected,
                                  "started_at": min(alert.started_at, stored.started_at),
                                  "detail": {**stored.detail, **self._detail(alert), **(extra or {})}}
        if severity is not None:
            values["severity"] = severity
        if explain:
            drivers = self._explain(conn, stored.query_id, alert.kind, values["started_at"],
                                    max(self.clock(), alert.fired_at), alert.observed, alert.expected)
            values.update(drivers=drivers, summary=drivers.get("summary", ""),
                          top_mention_ids=[m["id"] for m in drivers.get("top_mentions", [])])
        if (stored.observed, stored.expected, stored.started_at) == (values["observed"], values["expected"],
                                                                     values["started_at"]) and not explain \
                and severity is None and extra is None:
            return
        update_alert(conn, alert_id=stored_id, **values)

    @staticmethod
    def _detail(alert: Alert) -> dict[str, Any]:
        return {"fired": alert.fired.as_dict(), "peak": alert.peak.as_dict(), "detector_id": alert.id}

    @staticmethod
    def _explain(conn: Connection, query_id: int, kind: str, started_at: datetime, until: datetime,
                 observed: float, expected: float) -> dict[str, Any]:
        driver_kind = "negative_share" if kind in ("negative_share", "threshold_negative") else "volume"
        drivers = explain_alert(conn, query_id=query_id, kind=driver_kind, started_at=started_at, until=until)
        drivers["summary"] = summary(driver_kind, observed, expected, started_at, drivers)
        return drivers

    # ---- threshold rules -------------------------------------------------------------------------

    def _threshold(self, rule: ThresholdRow, now: datetime, report: AlertReport, public_url: str | None) -> None:
        """A threshold rule over the window ending now (the current minute included: counts only
        grow, so a limit crossed is crossed): open, keep, end after a quiet spell, or reopen."""
        current = minute_of(now)
        start = current - rule.window_minutes + 1
        kind = "threshold_volume" if rule.metric == "volume" else "threshold_negative"
        with self.store.read() as conn:
            volume, negatives = rollup_sums(conn, query_id=rule.query_id, start=start, end=current + 1)
            ongoing = ongoing_alert(conn, query_id=rule.query_id, kind=kind, threshold_id=rule.id)
        if rule.metric == "volume":
            value: float | None = float(volume)
        else:
            value = 100.0 * negatives / volume if volume >= max(rule.min_mentions, 1) else None
        hit = value is not None and value > rule.above
        if not hit and ongoing is None:
            return
        with self.store.write() as conn:
            ongoing = ongoing_alert(conn, query_id=rule.query_id, kind=kind, threshold_id=rule.id)
            if ongoing is not None:
                last_active = int(ongoing.detail.get("last_active", minute_of(ongoing.fired_at)))
                if hit:
                    assert value is not None
                    update_alert(conn, alert_id=ongoing.id, observed=max(ongoing.observed, value),
                                 detail={**ongoing.detail, "last_active": current})
                elif current - last_active >= max(THRESHOLD_QUIET_MINUTES, rule.window_minutes):
                    self._end_stored(conn, ongoing, minute_start(last_active + 1),
                                     f"below the limit since {_iso_minute(last_active + 1)}", actor="threshold")
                    report.ended += 1
                return
            assert value is not None
            what = "mentions" if rule.metric == "volume" else "% negative"
            text = (f"{value:,.0f} {what} in the last {rule.window_minutes} min (limit {rule.above:g})"
                    if rule.metric == "volume" else
                    f"{value:.0f}{what} of {volume} mentions in the last {rule.window_minutes} min "
                    f"(limit {rule.above:g}%)")
            previous = latest_ended_alert(conn, query_id=rule.query_id, kind=kind, threshold_id=rule.id)
            if previous is not None and previous.ended_at is not None \
                    and now - previous.ended_at <= timedelta(minutes=THRESHOLD_COOLDOWN_MINUTES):
                reopens = int(previous.detail.get("reopens", 0)) + 1
                update_alert(conn, alert_id=previous.id, ended_at=None, state="open", resolved_at=None,
                             resolved_by=None, observed=max(previous.observed, value),
                             detail={**previous.detail, "last_active": current, "reopens": reopens})
                add_history(conn, alert_id=previous.id, action="reopened", actor="threshold",
                            old_state=previous.state, new_state="open", note=text)
                report.reopened += 1
                stored = get_alert(conn, alert_id=previous.id)
                report.notifications += len(notify_alert(conn, alert=stored, event="reopened",
                                                         event_id=f"reopened:{reopens}", public_url=public_url))
                return
            started_at = minute_start(start)
            drivers = explain_alert(conn, query_id=rule.query_id,
                                    kind="negative_share" if rule.metric != "volume" else "volume",
                                    started_at=started_at, until=now)
            drivers["summary"] = text
            alert_id = insert_alert(
                conn, query_id=rule.query_id, threshold_id=rule.id, kind=kind, severity=rule.severity,
                state="open", started_at=started_at, fired_at=now, observed=value, expected=rule.above,
                drivers=drivers, summary=f"{text}: {rule.describe()}",
                top_mention_ids=[m["id"] for m in drivers.get("top_mentions", [])],
                detail={"rule": rule.describe(), "last_active": current, "window_minutes": rule.window_minutes})
            add_history(conn, alert_id=alert_id, action="opened", actor="threshold", old_state=None,
                        new_state="open", note=text)
            report.opened += 1
            stored = get_alert(conn, alert_id=alert_id)
            report.notifications += len(notify_alert(conn, alert=stored, event="opened", event_id="opened",
                                                     public_url=public_url))


# ---- the stage as the pipeline calls it --------------------------------------------------------------

_stages: weakref.WeakKeyDictionary[Store, AlertStage] = weakref.WeakKeyDictionary()
_stages_lock = threading.Lock()


def stage_for(store: Store) -> AlertStage:
    """The store's alert stage (one per store and process: its detectors live in memory)."""
    with _stages_lock:
        stage = _stages.get(store)
        if stage is None:
            stage = _stages[store] = AlertStage(store)
        return stage


def alerts_pending(store: Store) -> AlertReport:
    """One pass of the alert stage (voxpop.runtime.pipeline runs it after matching)."""
    return stage_for(store).run()


def notify_with(store: Store, wake: Callable[[], None] | None) -> None:
    """Call ``wake`` (the deliverer's) whenever a pass has enqueued notifications."""
    stage_for(store).on_notify = wake
