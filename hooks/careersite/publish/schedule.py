"""When the nightly rebuild runs: just after midnight in the site's time zone, as cron schedule lines.

A vacancy is open until the end of its closing day in the site's time zone, so the build just after
midnight takes it out of the listings, the feeds and jobs.json. Schedulers read cron in UTC unless they
are given a zone: GitHub Actions takes an IANA `timezone` beside `cron` (since March 2026), GitLab a
time zone per pipeline schedule. For a scheduler that only knows UTC, `in_utc` gives one line per UTC
offset the zone has in a year; in each season one of them is just after midnight and the others build
the same day's site once more, which changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

# Five minutes past, not on the hour: the start of every hour is when hosted schedulers are busiest.
AFTER_MIDNIGHT = dt.time(0, 5)
INDENT = " " * 4  # as the lines stand under `on: schedule:` in .github/workflows/site.yml


@dataclass(frozen=True, order=True)
class Nightly:
    """One daily schedule line: `cron` read in `timezone`, or in UTC when there is none."""

    hour: int
    minute: int
    timezone: str | None = None

    @property
    def cron(self) -> str:
        return f"{self.minute} {self.hour} * * *"

    def workflow_lines(self, note: str = "") -> list[str]:
        """The line(s) of a GitHub Actions `on.schedule` list, indented as in the workflow file."""
        first = f'{INDENT}- cron: "{self.cron}"' + (f"  # {note}" if note else "")
        return [first, f"{INDENT}  timezone: {self.timezone}"] if self.timezone else [first]


def local(zone: ZoneInfo) -> Nightly:
    """The nightly line for a scheduler that takes the zone itself: the same wall-clock time all year."""
    return Nightly(AFTER_MIDNIGHT.hour, AFTER_MIDNIGHT.minute, zone.key)


def in_utc(zone: ZoneInfo, year: int) -> dict[dt.timedelta, Nightly]:
    """The UTC lines that fall just after midnight in `zone` on some day of `year`, by the zone's UTC
    offset then (summer time first)."""
    lines: dict[dt.timedelta, Nightly] = {}
    day = dt.date(year, 1, 1)
    while day.year == year:
        moment = dt.datetime.combine(day, AFTER_MIDNIGHT, tzinfo=zone)
        offset = moment.utcoffset() or dt.timedelta(0)
        utc = moment.astimezone(dt.UTC)
        lines.setdefault(offset, Nightly(utc.hour, utc.minute))
        day += dt.timedelta(days=1)
    return dict(sorted(lines.items(), reverse=True))


def offset_label(offset: dt.timedelta) -> str:
    """`UTC+01:00`, `UTC+05:30`, `UTC-03:00`."""
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def snippet(zone: ZoneInfo, year: int, utc: bool = False) -> str:
    """What `python -m careersite deploy-schedule` prints: the lines for `on: schedule:` in
    .github/workflows/site.yml, then what to enter for a GitLab pipeline schedule."""
    when = f"{AFTER_MIDNIGHT:%H:%M} in {zone.key}"
    if utc:
        rows = [f"{INDENT}# Nightly rebuild at {when}, in UTC: one line per UTC offset of the zone."]
        for offset, line in in_utc(zone, year).items():
            rows += line.workflow_lines(f"{when} at {offset_label(offset)}")
    else:
        rows = [f"{INDENT}# Nightly rebuild at {when} (python -m careersite deploy-schedule)."]
        rows += local(zone).workflow_lines()
    gitlab = local(zone)
    rows += ["", f'# GitLab pipeline schedule: interval pattern "{gitlab.cron}", cron timezone {gitlab.timezone}']
    return "\n".join(rows) + "\n"
