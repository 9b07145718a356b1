"""The one place that reads the clock: "today" in the site's time zone, or CAREERSITE_TODAY."""

from __future__ import annotations

import datetime as dt
import functools
import os
from zoneinfo import ZoneInfo

ENV_VAR = "CAREERSITE_TODAY"


def today(timezone: ZoneInfo, environ: dict[str, str] | None = None, pinned: dt.date | None = None) -> dt.date:
    """The build date: `CAREERSITE_TODAY=YYYY-MM-DD` when set, else the site's `pinned` day (the
    setting `demo_date`), else the current date in `timezone`."""
    value = (environ if environ is not None else os.environ).get(ENV_VAR, "").strip()
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{ENV_VAR}={value!r} is not a date; write it as YYYY-MM-DD.") from None
    return pinned or dt.datetime.now(timezone).date()


def pinned(environ: dict[str, str] | None, day: dt.date | None) -> bool:
    """Whether the site's day is its `demo_date` (not overridden by CAREERSITE_TODAY): its pages
    then never close themselves in the browser, whatever the reader's clock says."""
    return day is not None and not (environ if environ is not None else os.environ).get(ENV_VAR, "").strip()


@functools.lru_cache(maxsize=4096)  # every feed item and card asks, and days repeat
def start_of_day(day: dt.date, timezone: ZoneInfo) -> dt.datetime:
    """The first moment of `day` in the site's time zone, with its UTC offset. Worked out in UTC:
    where the clock skips midnight (a summer time that starts at 00:00) the day starts at 01:00,
    and where midnight comes twice the day starts at the later one."""
    for moment in sorted(
        dt.datetime.combine(day, dt.time(0, 0), tzinfo=timezone).replace(fold=fold).astimezone(dt.UTC)
        for fold in (0, 1)
    ):
        local = moment.astimezone(timezone)
        if local.date() == day:
            return local
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=timezone)  # a day the zone skipped whole


def end_of_day(day: dt.date, timezone: ZoneInfo) -> dt.datetime:
    """The last second of `day` in the site's time zone, with its UTC offset: one second before
    the next day starts, worked out in UTC (where the last hour repeats, its second pass)."""
    return (start_of_day(day + dt.timedelta(days=1), timezone).astimezone(dt.UTC) - dt.timedelta(seconds=1)).astimezone(
        timezone
    )
