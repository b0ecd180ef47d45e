"""Stored naive-UTC times, read and typed in a zone."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from quizapp.core.times import (
    end_of_local_day,
    from_local,
    is_typeable,
    local_text,
    to_local,
    utc_iso,
    zone,
    zone_names,
)

KARACHI, KABUL, LONDON = ZoneInfo("Asia/Karachi"), ZoneInfo("Asia/Kabul"), ZoneInfo("Europe/London")
STORED = datetime(2026, 12, 4, 6, 13)


@pytest.mark.parametrize("name", [None, "", "Asia/Atlantis", "../../etc/passwd", "a" * 65, "utc"])
def test_unknown_names_are_no_zone(name):
    assert zone(name) is None


def test_known_names_are_zones():
    assert zone("Asia/Karachi") == KARACHI and "Asia/Karachi" in zone_names()
    assert list(zone_names()) == sorted(zone_names())


@pytest.mark.parametrize(
    ("where", "style", "text"),
    [
        (KARACHI, "datetime", "04 Dec 2026, 11:13 PKT"),
        (KARACHI, "time", "11:13 PKT"),
        (KARACHI, "date", "04 Dec 2026"),
        (KARACHI, "day", "04 Dec"),
        (KABUL, "time", "10:43 +0430"),  # a zone without a letter abbreviation shows its offset
        (LONDON, "datetime", "04 Dec 2026, 06:13 GMT"),
        (ZoneInfo("Pacific/Auckland"), "date", "04 Dec 2026"),  # 19:13, the same day
        (ZoneInfo("America/Los_Angeles"), "datetime", "03 Dec 2026, 22:13 PST"),  # the day before
    ],
)
def test_local_text(where, style, text):
    assert local_text(STORED, where, style) == text


def test_typed_times_round_trip_through_utc():
    typed = datetime(2026, 7, 1, 17, 0)
    assert from_local(typed, KARACHI) == datetime(2026, 7, 1, 12, 0)
    assert from_local(typed, LONDON) == datetime(2026, 7, 1, 16, 0)  # summer time
    assert to_local(from_local(typed, LONDON), LONDON).replace(tzinfo=None) == typed


def test_utc_iso_says_z():
    assert utc_iso(STORED) == "2026-12-04T06:13:00Z"


def test_the_local_day_ends_at_local_midnight():
    assert end_of_local_day(datetime(2026, 12, 4, 18, 59), KARACHI) == datetime(2026, 12, 4, 19)
    assert end_of_local_day(datetime(2026, 12, 4, 19, 0), KARACHI) == datetime(2026, 12, 5, 19)


@pytest.mark.parametrize(
    ("stored", "where", "text"),
    [
        (datetime(1, 1, 1, 4, 59), ZoneInfo("America/Los_Angeles"), "01 Jan 1, 04:59 UTC"),
        (datetime(9999, 12, 31, 23, 0), KARACHI, "31 Dec 9999, 23:00 UTC"),
        (datetime(1, 1, 1, 4, 59), KARACHI, "01 Jan 1, 09:27 LMT"),  # still on the calendar
    ],
)
def test_a_time_the_zone_would_carry_off_the_calendar_is_shown_in_utc(stored, where, text):
    assert local_text(stored, where) == text


@pytest.mark.parametrize(
    ("typed", "taken"),
    [
        (datetime(1, 1, 1), False),
        (datetime(1999, 12, 31, 23, 59), False),
        (datetime(2000, 1, 1), True),
        (datetime(2099, 12, 31, 23, 59), True),
        (datetime(2100, 1, 1), False),
        (datetime(9999, 12, 31, 23, 59), False),
    ],
)
def test_typed_times_are_taken_in_this_century_only(typed, taken):
    assert is_typeable(typed) is taken
