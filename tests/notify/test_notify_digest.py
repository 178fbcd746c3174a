"""Digest times follow the workspace's wall clock across daylight-saving changes (Europe/Copenhagen:
29 March and 25 October 2026; America/New_York: 8 March and 1 November 2026)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from voxpop.notify.digest import DigestSchedule, parse_schedule

CPH, NYC = "Europe/Copenhagen", "America/New_York"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def test_a_daily_digest_keeps_its_local_time_when_the_clocks_go_forward_and_back() -> None:
    daily = DigestSchedule("daily", time(8, 0), CPH)
    before_spring = daily.next_after(utc(2026, 3, 27, 12))
    assert before_spring == utc(2026, 3, 28, 7)  # 08:00 CET
    after_spring = daily.next_after(before_spring)
    assert after_spring == utc(2026, 3, 29, 6)  # 08:00 CEST
    assert after_spring - before_spring == timedelta(hours=23)
    before_autumn = daily.next_after(utc(2026, 10, 24, 0))
    after_autumn = daily.next_after(before_autumn)
    assert (before_autumn, after_autumn) == (utc(2026, 10, 24, 6), utc(2026, 10, 25, 7))
    assert after_autumn - before_autumn == timedelta(hours=25)


def test_a_year_of_daily_digests_is_one_per_local_day_at_the_same_local_time() -> None:
    for zone, at in ((CPH, time(8, 0)), (NYC, time(2, 30)), (NYC, time(1, 30)), (CPH, time(2, 30))):
        daily = DigestSchedule("daily", at, zone)
        when = utc(2026, 1, 1)
        days = []
        for _ in range(365):
            when = daily.next_after(when)
            local = when.astimezone(ZoneInfo(zone))
            days.append(local.date())
            # a time lost to the spring gap is sent one hour later by the clock; otherwise exactly on time
            assert local.time().replace(tzinfo=None) in (at, time((at.hour + 1) % 24, at.minute)), (zone, local)
        assert len(set(days)) == 365 and days == sorted(days), zone  # no day skipped, none twice


def test_a_time_lost_to_the_spring_gap_is_sent_moved_by_the_gap() -> None:
    daily = DigestSchedule("daily", time(2, 30), CPH)
    when = daily.next_after(utc(2026, 3, 28, 12))
    assert when == utc(2026, 3, 29, 1, 30)
    assert when.astimezone(ZoneInfo(CPH)).strftime("%H:%M %Z") == "03:30 CEST"
    new_york = DigestSchedule("daily", time(2, 30), NYC)
    assert new_york.next_after(utc(2026, 3, 8, 0)).astimezone(ZoneInfo(NYC)).strftime("%H:%M %Z") == "03:30 EDT"


def test_a_time_that_happens_twice_in_autumn_is_sent_once() -> None:
    daily = DigestSchedule("daily", time(1, 30), NYC)
    first = daily.next_after(utc(2026, 10, 31, 12))
    assert first == utc(2026, 11, 1, 5, 30)  # 01:30 EDT, the first of the two 01:30s
    assert daily.next_after(first) == utc(2026, 11, 2, 6, 30)  # not 01:30 EST the same morning
    assert daily.next_after(first + timedelta(minutes=30)) == utc(2026, 11, 2, 6, 30)


def test_a_weekly_digest_follows_new_york_across_the_spring_change() -> None:
    weekly = parse_schedule("weekly monday 09:00", timezone=NYC)
    first = weekly.next_after(utc(2026, 3, 1, 0))
    second = weekly.next_after(first)
    assert (first, second) == (utc(2026, 3, 2, 14), utc(2026, 3, 9, 13))  # 09:00 EST, then 09:00 EDT
    assert second - first == timedelta(days=7) - timedelta(hours=1)
    assert weekly.period_ending(second) == (first, second)
    weekly_cph = DigestSchedule("weekly", time(7, 0), CPH, weekday=6)  # Sunday, the change day itself
    assert weekly_cph.next_after(utc(2026, 10, 20)) == utc(2026, 10, 25, 6)


def test_schedules_refuse_what_they_cannot_mean() -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        DigestSchedule("daily", time(8), "Mars/Olympus")
    with pytest.raises(ValueError, match="not a digest rhythm"):
        parse_schedule("hourly", timezone=CPH)
    with pytest.raises(ValueError, match="naive"):
        DigestSchedule("daily", time(8), CPH).next_after(datetime(2026, 1, 1))  # noqa: DTZ001
    assert parse_schedule("daily 08:15", timezone=CPH).at == time(8, 15)
