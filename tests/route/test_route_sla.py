"""Business hours per team and time zone: business time between instants and due times, across the
daylight-saving changes of Europe/Copenhagen (2026-03-29 and 2026-10-25)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from voxpop.route.sla import BusinessHours, HoursInvalid, parse_duration, parse_hours

CPH = ZoneInfo("Europe/Copenhagen")
OFFICE = parse_hours("mon-fri 09:00-17:00", timezone="Europe/Copenhagen")


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=CPH)  # type: ignore[misc]


def test_a_friday_afternoon_case_falls_due_on_monday_morning_after_the_clocks_go_forward() -> None:
    opened = local(2026, 3, 27, 16, 0)  # Friday, CET (UTC+1)
    due = OFFICE.add(opened, 2 * 3600)
    assert due == local(2026, 3, 30, 10, 0)  # Monday, CEST (UTC+2)
    assert due.astimezone(UTC) == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
    assert OFFICE.business_seconds(opened, due) == 2 * 3600
    # 66 hours of wall-clock time passed, but one of them was skipped by the clock change
    assert (due - opened) == timedelta(hours=65)


def test_a_friday_afternoon_case_falls_due_on_monday_morning_after_the_clocks_go_back() -> None:
    opened = local(2026, 10, 23, 16, 30)  # Friday, CEST
    due = OFFICE.add(opened, 2 * 3600)
    assert due == local(2026, 10, 26, 10, 30)  # Monday, CET
    assert due.astimezone(UTC) == datetime(2026, 10, 26, 9, 30, tzinfo=UTC)
    assert (due - opened) == timedelta(hours=67)


def test_round_the_clock_hours_count_the_real_length_of_the_days_the_clocks_change() -> None:
    always = parse_hours("24/7", timezone="Europe/Copenhagen")
    spring = always.business_seconds(local(2026, 3, 29, 0, 0), local(2026, 3, 30, 0, 0))
    autumn = always.business_seconds(local(2026, 10, 25, 0, 0), local(2026, 10, 26, 0, 0))
    assert (spring, autumn) == (23 * 3600, 25 * 3600)
    start = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    assert always.add(start, 24 * 3600) == start + timedelta(hours=24)  # business time is elapsed time


def test_a_window_over_the_skipped_hour_is_an_hour_shorter_that_night() -> None:
    night = parse_hours("sun 01:00-05:00", timezone="Europe/Copenhagen")
    assert night.business_seconds(local(2026, 3, 29, 0, 0), local(2026, 3, 30, 0, 0)) == 3 * 3600
    assert night.business_seconds(local(2026, 10, 25, 0, 0), local(2026, 10, 26, 0, 0)) == 5 * 3600
    assert night.business_seconds(local(2026, 4, 5, 0, 0), local(2026, 4, 6, 0, 0)) == 4 * 3600


def test_time_outside_hours_does_not_count_and_closed_days_are_skipped() -> None:
    assert OFFICE.business_seconds(local(2026, 6, 5, 18, 0), local(2026, 6, 8, 8, 59)) == 0  # weekend
    assert OFFICE.business_seconds(local(2026, 6, 5, 16, 0), local(2026, 6, 8, 10, 0)) == 2 * 3600
    assert OFFICE.add(local(2026, 6, 6, 11, 0), 60) == local(2026, 6, 8, 9, 1)  # Saturday → Monday 09:01
    holiday = parse_hours("mon-fri 09:00-17:00", timezone="Europe/Copenhagen", closed=("2026-06-08",))
    assert holiday.add(local(2026, 6, 5, 16, 0), 2 * 3600) == local(2026, 6, 9, 10, 0)
    assert OFFICE.is_open(local(2026, 6, 5, 16, 59)) and not OFFICE.is_open(local(2026, 6, 5, 17, 0))


def test_hours_have_a_text_form_and_a_stored_form() -> None:
    hours = parse_hours("mon-thu 08:00-12:00,13:00-16:00; fri 08:00-14:00; sat-sun 10:00-24:00",
                        timezone="America/New_York")
    assert hours.describe() == "mon-thu 08:00-12:00,13:00-16:00; fri 08:00-14:00; sat-sun 10:00-24:00"
    assert BusinessHours.from_json(hours.to_json(), timezone="America/New_York") == hours
    assert parse_hours("24/7").describe() == "24/7"
    assert parse_hours("fri-mon 10:00-11:00").describe() == "mon 10:00-11:00; fri-sun 10:00-11:00"


@pytest.mark.parametrize("text", ["mon-fri", "mon-fri 17:00-09:00", "funday 09:00-10:00", "mon 09:00-10:00,09:30-11:00",
                                  "mon 25:00-26:00"])
def test_bad_hours_are_refused_with_the_reason(text: str) -> None:
    with pytest.raises(HoursInvalid):
        parse_hours(text)


def test_bad_zones_and_durations_are_refused() -> None:
    with pytest.raises(HoursInvalid, match="time zone"):
        parse_hours("mon 09:00-10:00", timezone="Mars/Olympus")
    assert parse_duration("2h") == 7200 and parse_duration("1h30m") == 5400 and parse_duration("90m") == 5400
    for bad in ("", "2x", "0m"):
        with pytest.raises(HoursInvalid):
            parse_duration(bad)
