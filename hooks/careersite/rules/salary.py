"""Salary tables and the ranges a vacancy shows: per scale, pro rata for its hours, per period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PERIODS = ("month", "year", "hour")
WEEKS_PER_YEAR = 52
MONTHS_PER_YEAR = 12


@dataclass(frozen=True)
class Extra:
    """Something that comes on top of the salary, such as the IKB."""

    name: str
    description: str
    percent: float | None = None


@dataclass(frozen=True)
class Scale:
    """One salary scale: its key and the full-time amount of each step, lowest first."""

    key: str
    steps: tuple[float, ...]

    @property
    def minimum(self) -> float:
        return self.steps[0]

    @property
    def maximum(self) -> float:
        return self.steps[-1]


STEP_BASES = ("yearly", "seniority", "individual")


@dataclass(frozen=True)
class SalaryTable:
    """A collective agreement's pay table: scales with steps, for a full-time week, per period."""

    name: str
    effective: dt.date | None  # None only in a table with mistakes, from which no site is built
    currency: str
    period: str
    fulltime_hours: float
    scales: dict[str, Scale]
    extras: tuple[Extra, ...] = ()
    # How pay rises through a scale's steps: `yearly` (a step a year for good work: the Dutch
    # periodiek), `seniority` (by years of service: the Norwegian KS tables, whose steps are
    # `step_years`), or `individual` (agreed person by person).
    step_basis: str = "yearly"
    step_years: tuple[int, ...] = ()  # with `seniority`: the years of service of each step


@dataclass(frozen=True)
class Range:
    """A pay range in one currency and period."""

    minimum: float
    maximum: float
    currency: str
    period: str

    def scaled(self, factor: float) -> Range:
        return Range(self.minimum * factor, self.maximum * factor, self.currency, self.period)


def convert(amount: float, source: str, target: str, weekly_hours: float) -> float:
    """The same pay expressed per another period; hourly pay goes through the weekly hours."""
    per_year = {
        "year": 1.0,
        "month": MONTHS_PER_YEAR,
        "hour": weekly_hours * WEEKS_PER_YEAR,
    }
    return amount * per_year[source] / per_year[target]


def scale_range(table: SalaryTable, keys: tuple[str, ...]) -> Range:
    """The full-time range covered by one or more scales: lowest step of the lowest to highest of the highest."""
    scales = [table.scales[k] for k in keys]
    return Range(
        min(s.minimum for s in scales),
        max(s.maximum for s in scales),
        table.currency,
        table.period,
    )


def in_period(pay: Range, period: str, fulltime_hours: float) -> Range:
    """The range expressed per `period` (month, year or hour)."""
    if pay.period == period:
        return pay
    return Range(
        convert(pay.minimum, pay.period, period, fulltime_hours),
        convert(pay.maximum, pay.period, period, fulltime_hours),
        pay.currency,
        period,
    )


def for_hours(full_time: Range, low_hours: float, high_hours: float, fulltime_hours: float) -> Range:
    """The range for a week of `low_hours` to `high_hours`: the lowest step at the fewest hours
    to the highest step at the most hours, pro rata to the full-time week.

    Hourly pay does not depend on the hours worked, so it is returned as it is.
    """
    if full_time.period == "hour":
        return full_time
    return Range(
        full_time.minimum * low_hours / fulltime_hours,
        full_time.maximum * high_hours / fulltime_hours,
        full_time.currency,
        full_time.period,
    )
