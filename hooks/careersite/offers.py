"""A vacancy as every output states it, made once a build: its addresses, its closing moment and
the words for it, its pay and its facts. The pages, the feeds, jobs.json, the JobPosting, the cards
and the calendar read these (`Offers`), instead of each working them out again; none of them
needs the pages' views.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from babel.lists import format_list

from careersite.content.model import Vacancy
from careersite.publish.memo import Remembered
from careersite.rules.clock import start_of_day
from careersite.rules.salary import Range, for_hours, in_period, scale_range
from careersite.site import Listed, Site

T = TypeVar("T")


@dataclass(frozen=True)
class ScaleSteps:
    label: str
    amounts: tuple[str, ...]


@dataclass(frozen=True)
class ExtraView:
    name: str
    description: str
    amount: str | None


@dataclass(frozen=True)
class Pay:
    """The salary of a vacancy as a candidate reads it."""

    range: Range  # for the vacancy's hours, in the period the site shows
    amounts: str  # "€ 3.108 – € 4.920"
    period: str  # "bruto per maand"
    hours: str  # "bij 32 uur"
    summary: str  # the three together
    scale: str | None  # "schaal 10"
    full_time: str | None  # the full-time range, when the hours are part-time
    steps: tuple[ScaleSteps, ...] = ()
    extras: tuple[ExtraView, ...] = ()


def _amounts(site: Site, pay: Range) -> str:
    money = site.t.money_exact if pay.period == "hour" else site.t.money
    low, high = money(pay.minimum, pay.currency), money(pay.maximum, pay.currency)
    return low if low == high else f"{low} – {high}"


def scale_label(site: Site, keys: tuple[str, ...]) -> str:
    if len(keys) == 1:
        return site.t("pay.scale", scale=keys[0])
    return site.t("pay.scales", scales=format_list(list(keys), locale=site.t.locale))


def scale_steps(site: Site, key: str) -> ScaleSteps:
    """The amounts of every step of one scale, in the period the site shows."""
    t, table, period = site.t, site.salary_table, site.salary_period
    return ScaleSteps(
        scale_label(site, (key,)),
        tuple(
            t.money(
                in_period(Range(a, a, table.currency, table.period), period, table.fulltime_hours).minimum,
                table.currency,
            )
            for a in table.scales[key].steps
        ),
    )


def pay(site: Site, vacancy: Vacancy, steps_of: Callable[[str], ScaleSteps] | None = None) -> Pay:
    """The pay of a vacancy; `steps_of` may supply each scale's steps from a cache (vacancies share scales)."""
    t, table = site.t, site.salary_table
    low_hours, high_hours = vacancy.hours
    hours_text = t("pay.at_hours", hours=_hours_number(site, vacancy.hours))
    if vacancy.salary is not None:
        explicit = vacancy.salary
        amounts = _amounts(site, explicit)
        period = t(f"pay.period.{explicit.period}")
        return Pay(explicit, amounts, period, hours_text, f"{amounts} {period} {hours_text}", None, None)

    assert vacancy.scale is not None
    period_name = site.salary_period
    full_time = in_period(scale_range(table, vacancy.scale), period_name, table.fulltime_hours)
    for_week = for_hours(full_time, low_hours, high_hours, table.fulltime_hours)
    amounts = _amounts(site, for_week)
    period = t(f"pay.period.{period_name}")
    part_time = low_hours < table.fulltime_hours or high_hours != table.fulltime_hours
    full_time_text = None
    if part_time and period_name != "hour":
        full_time_text = t(
            "pay.full_time",
            amounts=_amounts(site, full_time),
            period=period,
            hours=t.number(table.fulltime_hours),
        )
    # Pay set individually within a range (Sweden): no steps, only the range and how it is agreed.
    individual = table.step_basis == "individual"
    steps = () if individual else tuple((steps_of or partial(scale_steps, site))(key) for key in vacancy.scale)
    extras = tuple(
        ExtraView(
            extra.name,
            extra.description,
            t("pay.extra_amount", amounts=_amounts(site, for_week.scaled(extra.percent / 100)), period=period)
            if extra.percent
            else None,
        )
        for extra in table.extras
    )
    return Pay(
        for_week,
        amounts,
        period,
        hours_text,
        f"{amounts} {period} {hours_text}",
        scale_label(site, vacancy.scale),
        full_time_text,
        steps,
        extras,
    )


def _hours_number(site: Site, hours: tuple[float, float]) -> str:
    low, high = hours
    return site.t.number(low) if low == high else f"{site.t.number(low)}–{site.t.number(high)}"


def closing_moment(site: Site, closes: dt.date) -> str:
    """The moment a vacancy closes, as a browser reads it: the start of the day after its last day."""
    return start_of_day(closes + dt.timedelta(days=1), site.settings.timezone).isoformat()


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


def vacancy_facts(site: Site, item: Listed, salary: Pay) -> tuple[Fact, ...]:
    """The facts at the top of a vacancy's page (and in its feed item): department, place, hours, pay…"""
    v, t = item.vacancy, site.t
    facts = [
        Fact(t("fact.department"), v.department),
        Fact(t("fact.location"), v.location),
        Fact(t("fact.hours"), site.working_time(*v.hours)),
        Fact(t("fact.salary"), salary.summary),
        Fact(t("fact.employment"), t(f"employment.{v.employment}")),
    ]
    if v.education:
        facts.append(Fact(t("fact.education"), t(f"education.{v.education}")))
    if v.remote:
        facts.append(Fact(t("fact.remote"), t(f"remote.{v.remote}")))
    facts.append(Fact(t("fact.closes"), t.date(v.closes)))
    return tuple(facts)


@dataclass(frozen=True)
class Offer:
    """One public vacancy as every output states it."""

    listed: Listed
    url: str  # its page, relative to the site root (`vacatures/ciso/`)
    link: str  # its page, absolute
    closes_at: str  # the closing moment, as a browser reads it (`closing_moment`)
    closes_on: str  # "Sluit op 15 januari 2027": the closing day in a sentence
    deadline: str  # "15 januari 2027": the closing day as a value
    working_time: str  # "32 uur per week", "80 % stilling (30 timer per uke)"
    pay: Pay
    facts: tuple[Fact, ...]


class Offers:
    """The record of each public vacancy of one build, made when first asked for. `make serve`
    takes the previous rebuild's value when its inputs are equal (`again`)."""

    def __init__(self, site: Site, remembered: Remembered | None = None) -> None:
        self.site = site
        self.t = site.t
        self.settings = site.settings
        self.remembered = remembered
        self._pay: dict[str, Pay] = {}
        self._steps: dict[str, ScaleSteps] = {}
        self._offers: dict[str, Offer] = {}

    def again(self, name: tuple[str, str], inputs: Any, make: Callable[[], T]) -> T:
        """`make()`, or in `make serve` the previous rebuild's value when its `inputs` were equal
        (all else it depends on, the settings, data files and today, is the rebuild's scope)."""
        return make() if self.remembered is None else self.remembered.get(name, inputs, make)

    def pay(self, vacancy: Vacancy) -> Pay:
        if vacancy.id not in self._pay:
            make = partial(pay, self.site, vacancy, self.scale_steps)
            self._pay[vacancy.id] = self.again(("pay", vacancy.id), vacancy, make)
        return self._pay[vacancy.id]

    def scale_steps(self, key: str) -> ScaleSteps:
        if key not in self._steps:
            self._steps[key] = scale_steps(self.site, key)
        return self._steps[key]

    def of(self, item: Listed) -> Offer:
        """The vacancy's record."""
        v = item.vacancy
        if v.id not in self._offers:
            site, t = self.site, self.t
            salary = self.pay(v)
            url = site.addresses.vacancy(v.slug)
            deadline = t.date(v.closes)
            self._offers[v.id] = Offer(
                listed=item,
                url=url,
                link=site.addresses.absolute(url),
                closes_at=closing_moment(site, v.closes),
                closes_on=t("vacancy.closes_on", date=deadline),
                deadline=deadline,
                working_time=site.working_time(*v.hours),
                pay=salary,
                facts=vacancy_facts(site, item, salary),
            )
        return self._offers[v.id]

    def facts(self, item: Listed) -> tuple[Fact, ...]:
        """The facts of a vacancy's page, for its feed item."""
        return self.of(item).facts
