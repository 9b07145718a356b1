"""The one place that reads the clock: "today" in the site's time zone, or CAREERSITE_TODAY."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

ENV_VAR = "CAREERSITE_TODAY"


def today(timezone: ZoneInfo, environ: dict[str, str] | None = None) -> dt.date:
    """The build date: `CAREERSITE_TODAY=YYYY-MM-DD` when set, else the current date in `timezone`."""
    value = (environ if environ is not None else os.environ).get(ENV_VAR, "").strip()
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{ENV_VAR}={value!r} is not a date; write it as YYYY-MM-DD.") from None
    return dt.datetime.now(timezone).date()


def end_of_day(day: dt.date, timezone: ZoneInfo) -> dt.datetime:
    """The last second of `day` in the site's time zone, with its UTC offset."""
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=timezone)


def start_of_day(day: dt.date, timezone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=timezone)
