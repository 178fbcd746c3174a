"""Stored digest subscriptions fall due at the workspace's wall-clock time across the 2026
daylight-saving changes (Europe/Copenhagen: 29 March and 25 October; America/New_York: 8 March and
1 November), each period following on from the last, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from voxpop.notify.digest import due_periods, event_key, next_digest, parse_schedule, send_due
from voxpop.store import Store
from voxpop.store.alerts import set_timezone
from voxpop.store.digests import (
    DigestSubscriptionRow,
    add_digest_subscription,
    get_digest_subscription,
    list_digest_subscriptions,
)
from voxpop.store.outbox import add_destination, list_notifications
from voxpop.store.tables import digest_subscriptions

CPH, NYC = "Europe/Copenhagen", "America/New_York"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def subscribe(store: Store, rhythm: str, *, zone: str, created: datetime) -> DigestSubscriptionRow:
    """A subscription to every query, to a webhook destination, made at ``created``."""
    with store.write() as conn:
        set_timezone(conn, zone=zone)
        destination = add_destination(conn, name=f"hook-{rhythm}", kind="webhook",
                                      config={"url": "https://hooks.example/digest", "secret": "s" * 20})
        row = add_digest_subscription(conn, schedule=parse_schedule(rhythm, timezone=zone), query_ids=None,
                                      destination_id=destination.id)
        conn.execute(digest_subscriptions.update().where(digest_subscriptions.c.id == row.id)
                     .values(created_at=created))
        return get_digest_subscription(conn, subscription_id=row.id)


def sent_ends(store: Store, *, until: datetime, step: timedelta) -> list[datetime]:
    """Run the sender as a service would, every ``step`` up to ``until``; the period ends sent."""
    with store.read() as conn:
        [row] = list_digest_subscriptions(conn)
        now = row.created_at
    ends = []
    while now <= until:
        ends += [s.end for s in send_due(store, now=now)]
        now += step
    return ends


def test_a_daily_copenhagen_digest_keeps_0800_local_over_both_changes(store: Store) -> None:
    subscribe(store, "daily 08:00", zone=CPH, created=utc(2026, 3, 27, 12))
    ends = sent_ends(store, until=utc(2026, 3, 31, 0), step=timedelta(minutes=30))
    assert ends == [utc(2026, 3, 28, 7), utc(2026, 3, 29, 6), utc(2026, 3, 30, 6)]  # 08:00 CET, then CEST
    with store.read() as conn:
        [row] = list_digest_subscriptions(conn)
    assert due_periods(row, timezone=CPH, now=utc(2026, 3, 31, 6)) == [(utc(2026, 3, 30, 6), utc(2026, 3, 31, 6))]

    with store.write() as conn:  # autumn: the day the clocks go back is 25 hours long
        conn.execute(digest_subscriptions.update().values(last_period_end=utc(2026, 10, 24, 6)))
        [row] = list_digest_subscriptions(conn)
    periods = due_periods(row, timezone=CPH, now=utc(2026, 10, 26, 7))
    assert periods == [(utc(2026, 10, 24, 6), utc(2026, 10, 25, 7)), (utc(2026, 10, 25, 7), utc(2026, 10, 26, 7))]
    assert periods[0][1] - periods[0][0] == timedelta(hours=25)


def test_a_weekly_new_york_digest_keeps_monday_0900_and_its_week_is_an_hour_shorter_or_longer(store: Store) -> None:
    subscribe(store, "weekly monday 09:00", zone=NYC, created=utc(2026, 2, 25))
    ends = sent_ends(store, until=utc(2026, 3, 17), step=timedelta(hours=1))
    assert ends == [utc(2026, 3, 2, 14), utc(2026, 3, 9, 13), utc(2026, 3, 16, 13)]  # 09:00 EST, then EDT
    assert ends[1] - ends[0] == timedelta(days=7, hours=-1)
    with store.read() as conn:
        [row] = list_digest_subscriptions(conn)
    assert row.last_period_end == utc(2026, 3, 16, 13)
    assert next_digest(row, timezone=NYC) == utc(2026, 3, 23, 13)
    with store.write() as conn:
        conn.execute(digest_subscriptions.update().values(last_period_end=utc(2026, 10, 26, 13)))
        [row] = list_digest_subscriptions(conn)
    [(start, end)] = due_periods(row, timezone=NYC, now=utc(2026, 11, 2, 14))
    assert (start, end) == (utc(2026, 10, 26, 13), utc(2026, 11, 2, 14)) and end - start == timedelta(days=7, hours=1)


def test_a_copenhagen_digest_set_in_the_lost_hour_goes_out_moved_by_the_gap(store: Store) -> None:
    subscribe(store, "daily 02:30", zone=CPH, created=utc(2026, 3, 27, 12))
    ends = sent_ends(store, until=utc(2026, 3, 30, 12), step=timedelta(minutes=15))
    # 02:30 CET on the 28th; 02:30 does not exist on the 29th: 03:30 CEST (01:30 UTC); then 02:30 CEST
    assert ends == [utc(2026, 3, 28, 1, 30), utc(2026, 3, 29, 1, 30), utc(2026, 3, 30, 0, 30)]


def test_a_new_york_digest_in_the_repeated_hour_goes_out_once(store: Store) -> None:
    subscribe(store, "daily 01:30", zone=NYC, created=utc(2026, 10, 31, 12))
    ends = sent_ends(store, until=utc(2026, 11, 2, 12), step=timedelta(minutes=15))
    # 01:30 EDT on 1 November (05:30 UTC); its repeat at 01:30 EST (06:30 UTC) sends nothing
    assert ends == [utc(2026, 11, 1, 5, 30), utc(2026, 11, 2, 6, 30)]


def test_every_missed_period_is_sent_once_in_order_after_the_service_was_down(store: Store) -> None:
    row = subscribe(store, "daily 08:00", zone=CPH, created=utc(2026, 3, 27, 12))
    sent = send_due(store, now=utc(2026, 3, 30, 9))  # down from before the first digest until after the third
    assert [(s.start, s.end) for s in sent] == [
        (utc(2026, 3, 27, 7), utc(2026, 3, 28, 7)), (utc(2026, 3, 28, 7), utc(2026, 3, 29, 6)),
        (utc(2026, 3, 29, 6), utc(2026, 3, 30, 6))]
    assert send_due(store, now=utc(2026, 3, 30, 9)) == []
    with store.read() as conn:
        keys = sorted(n.event_key for n in list_notifications(conn))
    assert keys == [event_key(row.id, s.end) for s in sent]
    assert keys[0] == f"digest:{row.id}:2026-03-28T07:00:00Z"


def test_a_subscription_needs_exactly_one_recipient_and_a_sender_for_an_address(store: Store) -> None:
    schedule = parse_schedule("daily 08:00", timezone=CPH)
    with store.write() as conn:
        with pytest.raises(ValueError, match="one of the two"):
            add_digest_subscription(conn, schedule=schedule, query_ids=None)
        with pytest.raises(ValueError, match="--via"):
            add_digest_subscription(conn, schedule=schedule, query_ids=None, email="a@example.com")
        with pytest.raises(ValueError, match="at least one"):
            add_digest_subscription(conn, schedule=schedule, query_ids=[], email="a@example.com",
                                    via_destination_id=1)
    with store.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(digest_subscriptions)).scalar_one() == 0


def test_after_the_workspace_moves_zone_the_next_period_starts_where_the_last_one_ended(store: Store) -> None:
    subscribe(store, "daily 08:00", zone=CPH, created=utc(2026, 6, 1, 12))
    [first] = send_due(store, now=utc(2026, 6, 2, 7))
    assert first.end == utc(2026, 6, 2, 6)  # 08:00 CEST
    with store.write() as conn:
        set_timezone(conn, zone=NYC)
    [second] = send_due(store, now=utc(2026, 6, 3, 0))
    assert (second.start, second.end) == (utc(2026, 6, 2, 6), utc(2026, 6, 2, 12))  # 08:00 EDT, no gap
