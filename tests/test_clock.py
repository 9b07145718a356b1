"""The closing moment in every time zone: the last second of the closing day is one second before
the next day starts, worked out in UTC, also where midnight is skipped or comes twice."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from careersite.rules import clock

ONE_SECOND = dt.timedelta(seconds=1)


def _transition_days(zone: zoneinfo.ZoneInfo, years: range) -> list[dt.date]:
    """The days around which the zone's offset changes, in `years`."""
    days = []
    day = dt.date(years.start, 1, 1)
    end = dt.date(years.stop, 1, 1)
    previous = dt.datetime.combine(day, dt.time(12), tzinfo=zone).utcoffset()
    while day < end:
        following = day + dt.timedelta(days=1)
        offset = dt.datetime.combine(following, dt.time(12), tzinfo=zone).utcoffset()
        if offset != previous:
            days += [day, following]
        previous, day = offset, following
    return days


def test_every_zone_s_days_meet_without_a_gap_or_an_overlap() -> None:
    checked = 0
    for name in sorted(zoneinfo.available_timezones()):
        zone = zoneinfo.ZoneInfo(name)
        for day in _transition_days(zone, range(2024, 2028)):
            start, end = clock.start_of_day(day, zone), clock.end_of_day(day, zone)
            following = clock.start_of_day(day + dt.timedelta(days=1), zone)
            assert start.date() == day and end.date() == day, (name, day, start, end)
            assert end.astimezone(dt.UTC) + ONE_SECOND == following.astimezone(dt.UTC), (name, day)
            # No moment of the day before its start: one second earlier is the day before.
            assert (start.astimezone(dt.UTC) - ONE_SECOND).astimezone(zone).date() < day, (name, day)
            checked += 1
    assert checked > 1000


@pytest.mark.parametrize(
    ("zone", "day", "last_second_utc"),
    [
        # Summer time ends at midnight: 23:00-24:00 comes twice; the day ends after the second pass.
        # Was 20:59:59Z, an hour before the page's own closing moment.
        ("Asia/Beirut", dt.date(2025, 10, 25), "2025-10-25T21:59:59+00:00"),
        # Summer time starts at midnight: the next day starts at 01:00.
        ("America/Santiago", dt.date(2025, 9, 6), "2025-09-07T03:59:59+00:00"),
        ("America/Havana", dt.date(2026, 3, 7), "2026-03-08T04:59:59+00:00"),
        ("Europe/Amsterdam", dt.date(2026, 10, 24), "2026-10-24T21:59:59+00:00"),
        ("Europe/Oslo", dt.date(2027, 1, 15), "2027-01-15T22:59:59+00:00"),
    ],
)
def test_closing_where_midnight_is_skipped_or_repeated(zone: str, day: dt.date, last_second_utc: str) -> None:
    end = clock.end_of_day(day, zoneinfo.ZoneInfo(zone))
    assert end.astimezone(dt.UTC).isoformat() == last_second_utc
    assert end.date() == day and end.time() == dt.time(23, 59, 59)
