"""Salary rules: ranges per scale, pro rata for the hours, per period, formatted per locale."""

import datetime as dt

import pytest
from careersite.i18n import Translator
from careersite.rules.salary import Range, SalaryTable, Scale, convert, for_hours, in_period, scale_range

TABLE = SalaryTable(
    name="Cao 2026",
    effective=dt.date(2026, 1, 1),
    currency="EUR",
    period="month",
    fulltime_hours=36,
    scales={"9": Scale("9", (3201, 4821)), "10": Scale("10", (3496, 4000, 5535))},
)


def test_scale_range_spans_lowest_and_highest_step() -> None:
    assert scale_range(TABLE, ("10",)) == Range(3496, 5535, "EUR", "month")
    assert scale_range(TABLE, ("9", "10")) == Range(3201, 5535, "EUR", "month")


def test_part_time_is_pro_rata_as_in_the_brief() -> None:
    pay = for_hours(scale_range(TABLE, ("10",)), 32, 32, 36)
    nl = Translator("nl")
    assert f"{nl.money(pay.minimum, 'EUR')} – {nl.money(pay.maximum, 'EUR')}" == "€\xa03.108 – €\xa04.920"


def test_hours_range_runs_from_fewest_hours_to_most() -> None:
    pay = for_hours(scale_range(TABLE, ("10",)), 32, 36, 36)
    assert (round(pay.minimum), round(pay.maximum)) == (3108, 5535)


def test_hourly_pay_does_not_scale_with_hours() -> None:
    hourly = Range(17.5, 21, "EUR", "hour")
    assert for_hours(hourly, 16, 24, 36) == hourly


@pytest.mark.parametrize(
    ("amount", "source", "target", "expected"),
    [
        (3000, "month", "year", 36000),
        (36000, "year", "month", 3000),
        (3120, "month", "hour", 20.0),  # 3120 * 12 / (36 * 52)
    ],
)
def test_convert_between_periods(amount: float, source: str, target: str, expected: float) -> None:
    assert convert(amount, source, target, 36) == pytest.approx(expected)


def test_norwegian_site_shows_yearly_amounts_in_kroner_style() -> None:
    yearly = in_period(Range(3496, 5535, "EUR", "month"), "year", 36)
    assert (yearly.minimum, yearly.maximum) == (41952, 66420)
    assert Translator("nb").money(520000, "NOK") == "520\xa0000\xa0kr"


def test_amounts_use_the_locale_grouping() -> None:
    assert Translator("nl").money(3496, "EUR") == "€\xa03.496"
    assert Translator("en").money(3496, "EUR") == "€3,496"
