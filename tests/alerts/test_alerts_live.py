"""The live alert stage on SQLite and PostgreSQL: incremental rollups equal a recount, a query edit
recounts them, a spike becomes one stored alert with drivers whose notification is written in the
alert's transaction, ack/resolve keep a history, threshold rules, and a restart takes the open
alerts up again instead of raising them twice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
import sqlalchemy as sa
from alerts_live_helpers import START, Arrivals, Clock, burst, regular, store_drafts, webhook_receiver

from voxpop.alerts import stage as alert_stage
from voxpop.alerts.rollup import minute_of
from voxpop.alerts.stage import AlertStage, rebuild_rollups, roll_up
from voxpop.match.stage import backfill_query
from voxpop.notify.deliver import Deliverer
from voxpop.store import Store
from voxpop.store.alerts import (
    AlertStateError,
    acknowledge_alert,
    add_subscription,
    add_threshold,
    history,
    list_alerts,
    resolve_alert,
    set_timezone,
)
from voxpop.store.outbox import add_destination, list_notifications
from voxpop.store.queries import add_query, get_query, update_query
from voxpop.store.tables import query_rollups

SPIKE = START + timedelta(days=1, hours=12)


@pytest.fixture
def receiver() -> Iterator[Arrivals]:
    yield from webhook_receiver()


def _rollups(store: Store) -> dict[tuple[int, int], tuple[int, int, dict[str, int], dict[str, int]]]:
    with store.read() as conn:
        return {(r.query_id, r.minute): (r.volume, r.negatives, r.channels, r.langs)
                for r in conn.execute(sa.select(query_rollups))}


def _acme(store: Store, text: str = "acme") -> int:
    with store.write() as conn:
        row = add_query(conn, name="acme", text=text)
    backfill_query(store, row)
    return row.id


def _subscribe(store: Store, url: str) -> int:
    with store.write() as conn:
        destination = add_destination(conn, name="ops", kind="webhook",
                                      config={"url": url, "secret": "s" * 20, "timeout_s": 5})
        add_subscription(conn, query_id=None, min_severity="low", destination_id=destination.id)
    return destination.id


def _history_then_stage(store: Store, clock: Clock, **options: object) -> AlertStage:
    """A day and a half of regular talk, the query, and a stage that has seen it all (no alerts)."""
    store_drafts(store, regular(START, SPIKE))
    _acme(store)
    stage = AlertStage(store, clock=clock, grace_minutes=2, **options)  # type: ignore[arg-type]
    report = stage.run()
    assert report.rebuilt == ["acme"] and report.opened == 0
    return stage


def _tick(stage: AlertStage, clock: Clock, minutes: int) -> None:
    for _ in range(minutes):
        clock.now += timedelta(minutes=1)
        stage.run()


def test_incremental_rollups_equal_a_recount_from_scratch(store: Store) -> None:
    with store.write() as conn:
        acme = add_query(conn, name="acme", text="acme").id
        fire = add_query(conn, name="fire", text="fire").id
    pieces = [regular(START, START + timedelta(hours=3)), burst(START + timedelta(hours=1), count=40, per_minute=8),
              regular(START + timedelta(hours=3), START + timedelta(hours=5), prefix="late"),
              # late arrivals: published in minutes already counted
              regular(START + timedelta(minutes=2), START + timedelta(hours=2), every_minutes=7, prefix="old")]
    for piece in pieces:
        store_drafts(store, piece, negative={d.external_id for d in piece[::3]})
        assert roll_up(store) > 0
    incremental = _rollups(store)
    assert sum(v[0] for (q, _), v in incremental.items() if q == fire) == 40
    with store.write() as conn:
        rebuild_rollups(conn, query_id=acme)
        rebuild_rollups(conn, query_id=fire)
    assert _rollups(store) == incremental
    first = incremental[(acme, minute_of(START + timedelta(hours=1)))]
    assert first[0] == 8 + 1 and sum(first[2].values()) == first[0] and sum(first[3].values()) == first[0]


def test_editing_a_query_recounts_its_rollups(store: Store) -> None:
    store_drafts(store, regular(START, START + timedelta(hours=2)) + burst(START, count=20, per_minute=5))
    acme = _acme(store)
    stage = AlertStage(store, clock=Clock(START + timedelta(hours=2)))
    stage.run()
    assert sum(v[0] for v in _rollups(store).values()) == 30 + 20
    with store.write() as conn:
        row = update_query(conn, name="acme", text="acme AND fire")
    backfill_query(store, row)
    report = stage.run()
    assert report.rebuilt == ["acme"]
    counts = _rollups(store)
    assert sum(v[0] for v in counts.values()) == 20 and {q for q, _ in counts} == {acme}


def test_a_spike_is_one_stored_alert_with_drivers_and_a_notification(store: Store, receiver: Arrivals) -> None:
    destination = _subscribe(store, receiver.url)
    clock = Clock(SPIKE)
    stage = _history_then_stage(store, clock, provisional=False)
    store_drafts(store, burst(SPIKE, count=60, per_minute=12))
    _tick(stage, clock, 90)
    with store.read() as conn:
        stored = list_alerts(conn)
        sent = list_notifications(conn, destination_id=destination)
    volume = [a for a in stored if a.kind == "volume"]
    assert len(volume) == 1
    alert = volume[0]
    # the incident starts at the first minute of the firing window above expectation (a regular one may be)
    assert SPIKE - timedelta(minutes=5) <= alert.started_at <= SPIKE < alert.fired_at <= SPIKE + timedelta(minutes=4)
    assert alert.ended_at is not None and alert.state == "resolved" and alert.resolved_by == "detector"
    assert alert.observed >= 60 > 5 * alert.expected
    assert "#acmefire" in [d["value"] for d in alert.drivers["terms"]]
    assert alert.drivers["links"][0]["value"] == "news.example" and alert.drivers["links"][0]["lift"] > 10
    assert alert.top_mention_ids and "#acmefire" in alert.summary
    opened = [n for n in sent if n.event_key == f"alert:{alert.id}:opened"]
    assert len(opened) == 1
    body = opened[0].payload
    assert body["link"] == f"/alerts/{alert.id}" and body["kind"] == "alert" and body["alert"]["drivers"]["terms"]
    assert body["fields"]["query"] == "acme" and "expected" in body["fields"] and "#acmefire" in body["text"]
    with Deliverer(store) as deliverer:
        assert deliverer.deliver_due().sent == len(sent)
    assert any(payload["notification"]["link"] == f"/alerts/{alert.id}"  # type: ignore[index]
               for _, payload, _ in receiver.received)


def test_the_notification_is_written_in_the_alerts_transaction(store: Store, receiver: Arrivals,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    _subscribe(store, receiver.url)
    clock = Clock(SPIKE)
    stage = _history_then_stage(store, clock, provisional=False)
    store_drafts(store, burst(SPIKE, count=60, per_minute=12))

    def fail(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the store went away")

    monkeypatch.setattr(alert_stage, "set_decided_minute", fail)
    clock.now = SPIKE + timedelta(minutes=6)  # one pass decides the spike's minutes, then fails
    with pytest.raises(RuntimeError):
        stage.run()
    with store.read() as conn:
        assert list_alerts(conn) == [] and list_notifications(conn) == []
    monkeypatch.undo()
    stage.run()  # the detector is rebuilt from the store and decides those minutes again
    with store.read() as conn:
        stored = list_alerts(conn)
        sent = list_notifications(conn)
    assert [a.kind for a in stored if a.kind == "volume"] == ["volume"]
    assert [n.event_key for n in sent if n.event_key.endswith(":opened")].count(f"alert:{stored[0].id}:opened") == 1


def test_a_spike_is_raised_before_its_minute_closes_and_confirmed_after(store: Store) -> None:
    clock = Clock(SPIKE)
    stage = _history_then_stage(store, clock)
    store_drafts(store, burst(SPIKE, count=24, per_minute=24))
    clock.now = SPIKE + timedelta(seconds=40)  # the spike's minute is still open
    report = stage.run()
    assert report.opened == 1 and report.decided_minutes == 0
    with store.read() as conn:
        (alert,) = list_alerts(conn)
    assert alert.fired_at == clock.now and alert.state == "open"
    _tick(stage, clock, 4)
    with store.read() as conn:
        (confirmed,) = [a for a in list_alerts(conn) if a.kind == "volume"]
        actions = [h["action"] for h in history(conn, alert_id=alert.id)]
    assert confirmed.id == alert.id and confirmed.fired_at == alert.fired_at and confirmed.ended_at is None
    assert actions == ["opened", "confirmed"]


def test_ack_and_resolve_keep_a_history(store: Store) -> None:
    clock = Clock(SPIKE)
    stage = _history_then_stage(store, clock, provisional=False)
    store_drafts(store, burst(SPIKE, count=60, per_minute=12))
    _tick(stage, clock, 5)
    with store.write() as conn:
        (alert,) = [a for a in list_alerts(conn, state="open") if a.kind == "volume"]
        acknowledged = acknowledge_alert(conn, alert_id=alert.id, by="maria")
        with pytest.raises(AlertStateError):
            acknowledge_alert(conn, alert_id=alert.id, by="maria")
    assert acknowledged.state == "acknowledged" and acknowledged.acknowledged_by == "maria"
    _tick(stage, clock, 3)  # the detector goes on updating it; the person's state stays
    with store.write() as conn:
        assert [a.state for a in list_alerts(conn) if a.id == alert.id] == ["acknowledged"]
        resolved = resolve_alert(conn, alert_id=alert.id, by="jonas", note="statement published")
        with pytest.raises(AlertStateError):
            resolve_alert(conn, alert_id=alert.id, by="jonas")
        steps = [(h["action"], h["actor"], h["old_state"], h["new_state"]) for h in history(conn, alert_id=alert.id)]
    assert resolved.state == "resolved" and resolved.resolved_by == "jonas"
    assert [step for step in steps if step[0] != "escalated"] == [
        ("opened", "detector", None, "open"), ("acknowledged", "maria", "open", "acknowledged"),
        ("resolved", "jonas", "acknowledged", "resolved")]
    # an escalation while acknowledged is recorded, and leaves the person's state alone
    assert all(step[2] == step[3] for step in steps if step[0] == "escalated")


def test_threshold_rules_open_end_and_notify(store: Store, receiver: Arrivals) -> None:
    destination = _subscribe(store, receiver.url)
    store_drafts(store, regular(START, START + timedelta(hours=2)))
    acme = _acme(store)
    with store.write() as conn:
        add_threshold(conn, query_id=acme, metric="volume", above=10, window_minutes=5, severity="high")
        add_threshold(conn, query_id=acme, metric="negative_share", above=50, window_minutes=10, min_mentions=8)
    clock = Clock(START + timedelta(hours=2))
    stage = AlertStage(store, clock=clock)
    assert stage.run().opened == 0  # one mention every 4 minutes is below both limits
    story = burst(START + timedelta(hours=2), count=12, per_minute=6)
    store_drafts(store, story, negative={d.external_id for d in story[:9]})
    clock.now += timedelta(minutes=1, seconds=30)
    stage.run()
    with store.read() as conn:
        found = {a.kind: a for a in list_alerts(conn)}
        sent = list_notifications(conn, destination_id=destination)
    volume, negative = found["threshold_volume"], found["threshold_negative"]
    assert volume.observed == 12 and volume.expected == 10 and volume.severity == "high"
    # 9 negatives of the 12 story mentions and the 2 regular ones in the 10-minute window
    assert negative.observed == pytest.approx(100 * 9 / 14) and negative.severity == "medium"
    assert "12 mentions in the last 5 min" in volume.summary
    assert {n.event_key for n in sent} >= {f"alert:{volume.id}:opened", f"alert:{negative.id}:opened"}
    _tick(stage, clock, 30)
    with store.read() as conn:
        ended = {a.kind: a for a in list_alerts(conn)}
    assert ended["threshold_volume"].ended_at is not None and ended["threshold_volume"].resolved_by == "threshold"
    assert ended["threshold_negative"].ended_at is not None
    assert len(ended) == 2  # the stage did not raise them again


def test_a_restart_takes_the_open_alerts_up_again(store: Store, receiver: Arrivals) -> None:
    _subscribe(store, receiver.url)
    clock = Clock(SPIKE)
    stage = _history_then_stage(store, clock, provisional=False)
    store_drafts(store, burst(SPIKE, count=60, per_minute=12))
    _tick(stage, clock, 6)
    with store.read() as conn:
        before = [(a.id, a.kind, a.started_at, a.state) for a in list_alerts(conn, state="open")]
        notified = len(list_notifications(conn))
    assert before
    restarted = AlertStage(store, clock=clock, grace_minutes=2, provisional=False)
    report = restarted.run()
    assert report.rebuilt == ["acme"] and report.opened == 0
    with store.read() as conn:
        after = [(a.id, a.kind, a.started_at, a.state) for a in list_alerts(conn, state="open")]
        assert len(list_notifications(conn)) == notified
    assert after == before
    _tick(restarted, clock, 80)
    with store.read() as conn:
        final = list_alerts(conn)
    assert {a.id for a in final} == {a[0] for a in before} and all(a.ended_at is not None for a in final)


def test_the_workspace_time_zone_reaches_the_detector(store: Store) -> None:
    clock = Clock(SPIKE)
    stage = _history_then_stage(store, clock)
    with store.write() as conn:
        set_timezone(conn, zone="Europe/Copenhagen")
        with pytest.raises(ValueError, match="unknown time zone"):
            set_timezone(conn, zone="Mars/Olympus")
    clock.now += timedelta(minutes=1)
    report = stage.run()
    assert report.rebuilt == ["acme"]
    with store.read() as conn:
        acme = get_query(conn, name="acme").id
    assert stage.watches[acme].detector.settings.timezone == "Europe/Copenhagen"


def test_a_burst_reaches_a_webhook_within_a_minute_through_the_service(store: Store, receiver: Arrivals) -> None:
    """The embedded service end to end: a source lands a burst, the stages enrich, match and raise
    the alert, the service's deliverer hands it to a receiver on 127.0.0.1 (bench/alert_latency_bench.py
    records the figure)."""
    from alerts_live_helpers import measure_latency

    (latency,) = measure_latency(store, receiver)
    assert latency < 60.0
    _, payload, key = receiver.received[0]
    assert key and payload["notification"]["kind"] == "alert"  # type: ignore[index]
