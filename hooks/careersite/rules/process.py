"""Hiring processes and the timeline a vacancy shows: which step happens when after closing."""

from __future__ import annotations

import datetime as dt
import functools
import importlib.metadata
import statistics
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from careersite.i18n.languages import LANGUAGES_BY_CODE

STEP_KINDS = ("assessment", "screening")


@dataclass(frozen=True)
class Step:
    """One step of a hiring process, after the closing date."""

    key: str
    name: str
    description: str
    days: int  # typical days from the previous step, or from the closing date for the first
    kind: str | None = None  # an extra selection step that must be announced in advance


@dataclass(frozen=True)
class HiringProcess:
    """A named procedure: its steps in order and the term within which applicants hear back."""

    key: str
    name: str
    summary: str
    reply_within_days: int
    steps: tuple[Step, ...]
    # Whether the organisation looks candidates up on the internet (said on every vacancy page); None:
    # the processes file does not say, which `make check` warns about.
    internet_search: bool | None = None
    line: int = field(default=0, compare=False)  # of the process in its file, for warnings

    def step(self, key: str) -> Step | None:
        return next((s for s in self.steps if s.key == key), None)

    @property
    def announced_steps(self) -> tuple[Step, ...]:
        """Assessments and screenings, which the recruitment code says to announce in advance."""
        return tuple(s for s in self.steps if s.kind)


_ONE_DAY = dt.timedelta(days=1)


class WorkingDays:
    """Monday to Friday, minus the country's public holidays (from the `holidays` library)."""

    def __init__(self, public_holidays: Mapping[dt.date, str]) -> None:
        self._holidays = public_holidays

    def holiday(self, day: dt.date) -> str | None:
        """The name of the public holiday on `day`, if it is one."""
        return self._holidays.get(day)

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self._holidays

    def on_or_after(self, day: dt.date) -> dt.date:
        while not self.is_working_day(day):
            day += _ONE_DAY
        return day

    def before(self, day: dt.date) -> dt.date:
        """The last working day before `day`."""
        day -= _ONE_DAY
        while not self.is_working_day(day):
            day -= _ONE_DAY
        return day


_HOLIDAY_LANGUAGE = {code: language.holidays for code, language in LANGUAGES_BY_CODE.items()}
HOLIDAYS_LAYOUT = "1"  # part of the kept file's key: bump when _library_year or the languages change


class Store(Protocol):
    """Where the public holidays are kept between builds (a file the publishing layer owns: the
    rules write no files)."""

    def load(self, purpose: str) -> object | None: ...

    def save(self, purpose: str, value: object) -> None: ...

    def __hash__(self) -> int: ...  # a store is part of the key of the working days it serves


_kept_holidays: Store | None = None  # see keep_holidays_in


def keep_holidays_in(store: Store | None) -> None:
    """Keep the public holidays of each year a build needs in `store`, so that later builds need
    not import the holidays library (0.1 s: its Islamic calendars are large tables)."""
    global _kept_holidays
    _kept_holidays = store


def working_days(country: str, language: str) -> WorkingDays:
    """The working days of a country, or of a region of it ("GB-SCT": Scotland, ISO 3166-2), with
    holiday names in the site's language where known."""
    return _working_days(country, language, _kept_holidays)


@functools.cache
def _working_days(country: str, language: str, kept: Store | None) -> WorkingDays:
    return WorkingDays(PublicHolidays(country, language, kept))


class PublicHolidays(Mapping[dt.date, str]):
    """A country's public holidays by date, a year at a time: from the file of an earlier build
    when it holds the year for this country, language and version of the holidays library, else
    from the library (and then written to the file). A damaged file is read as an empty one."""

    def __init__(self, country: str, language: str, kept: Store | None = None) -> None:
        self.country, self.language, self.kept = country, language, kept
        self.key = (HOLIDAYS_LAYOUT, importlib.metadata.version("holidays"), country, language)
        self.years: dict[int, dict[dt.date, str]] = {}
        if kept is not None:
            self.years = _valid_years(kept.load(f"holidays {self.key}"), self.key)

    def _year(self, year: int) -> dict[dt.date, str]:
        found = self.years.get(year)
        if found is None:
            found = self.years[year] = _library_year(self.country, self.language, year)
            if self.kept is not None and all(self.years.values()):
                self.kept.save(f"holidays {self.key}", {"key": self.key, "years": self.years})
        return found

    def __getitem__(self, day: dt.date) -> str:
        return self._year(day.year)[day]

    def get(self, day: dt.date, default: str | None = None) -> str | None:  # type: ignore[override]
        return self._year(day.year).get(day, default)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and day in self._year(day.year)

    def __iter__(self) -> Iterator[dt.date]:
        return (day for year in sorted(self.years) for day in sorted(self.years[year]))

    def __len__(self) -> int:
        return sum(len(days) for days in self.years.values())


def _valid_years(data: object, key: tuple[str, ...]) -> dict[int, dict[dt.date, str]]:
    """The years of a holidays file when all of it is what this build would write, else none: a
    cache must never decide what a timeline shows."""
    if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("years"), dict):
        return {}
    years = data["years"]
    for year, days in years.items():
        if type(year) is not int or not isinstance(days, dict):
            return {}
        for day, name in days.items():
            if type(day) is not dt.date or day.year != year or not isinstance(name, str) or not name:
                return {}
    if not all(years.values()):  # never written: a year has holidays in every country the library knows
        return {}
    return years


def _library_year(country: str, language: str, year: int) -> dict[dt.date, str]:
    import holidays  # here: a build whose years are all kept never imports it

    country, _, region = country.partition("-")
    subdiv = region or None  # None: the whole country, as when no subdiv is given
    try:
        found = holidays.country_holidays(country, subdiv=subdiv, years=year)
    except NotImplementedError:  # a country the library does not know: weekends only
        return {}
    wanted = _HOLIDAY_LANGUAGE.get(language)
    if wanted in getattr(found, "supported_languages", ()):
        found = holidays.country_holidays(country, subdiv=subdiv, years=year, language=wanted)
    return {day: name for day, name in sorted(found.items()) if day.year == year}


@dataclass(frozen=True)
class TimelineEntry:
    """A step placed in time: on a fixed date when the vacancy gives one, else an expected date."""

    step: Step
    date: dt.date
    fixed: bool


@dataclass(frozen=True)
class Timeline:
    """A vacancy's hiring steps in time, consistent by construction.

    Every step comes after the one before it; expected dates fall on working days and before the
    next fixed date; the day by which applicants hear whether they are invited comes on or after
    the first step (reading the letters) and before the second (the first step they attend).
    """

    closes: dt.date
    entries: tuple[TimelineEntry, ...]
    reply: dt.date

    @property
    def days(self) -> int:
        """Calendar days from the closing date to the last step."""
        return (self.entries[-1].date - self.closes).days if self.entries else 0


class Squeezed(ValueError):
    """Fixed dates leave no working day for a step between them."""

    def __init__(self, step: Step, after: dt.date, before: dt.date, by: str) -> None:
        super().__init__(step.key)
        self.step, self.after, self.before, self.by = step, after, before, by  # by: the fixed step's key


def timeline(process: HiringProcess, closes: dt.date, fixed: dict[str, dt.date], calendar: WorkingDays) -> Timeline:
    """Every step with its date. A fixed date moves the expected dates after it and bounds those
    before it. Raises Squeezed when fixed dates leave no working day for a step in between (the
    content check reports that as the author's mistake)."""
    dates: list[dt.date] = []
    previous = closes
    for step in process.steps:
        expected = previous + dt.timedelta(days=max(step.days, 1))
        previous = fixed.get(step.key) or calendar.on_or_after(expected)
        dates.append(previous)
    # Backwards: an expected step comes before the next step, on a working day after the step before it.
    following: dt.date | None = None
    by = ""
    for i in range(len(process.steps) - 1, -1, -1):
        step = process.steps[i]
        if step.key in fixed:
            by = step.key
        elif following is not None and dates[i] >= following:
            dates[i] = calendar.before(following)
            earlier = dates[i - 1] if i else closes
            if dates[i] <= earlier:
                raise Squeezed(step, earlier, following, by)
        following = dates[i]
    entries = tuple(TimelineEntry(s, d, s.key in fixed) for s, d in zip(process.steps, dates, strict=True))
    reply = calendar.on_or_after(closes + dt.timedelta(days=process.reply_within_days))
    if len(entries) > 1:
        reply = min(reply, calendar.before(entries[1].date))
    if entries:
        reply = max(reply, entries[0].date)
    return Timeline(closes, entries, reply)


def typical_days(process: HiringProcess, calendar: WorkingDays, start: dt.date) -> int:
    """Days from closing to the last step as the timelines of the coming year have them (the median
    over every working day as closing date): what the hiring page says, so that it agrees with the
    vacancies."""
    closings = [d for d in (start + dt.timedelta(days=n) for n in range(365)) if calendar.is_working_day(d)]
    return int(statistics.median_low(timeline(process, d, {}, calendar).days for d in closings))
