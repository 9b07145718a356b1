"""Vacancy status from dates: scheduled, open, closing soon, closed, and manual overrides."""

import datetime as dt

import pytest
from careersite.rules.status import Status, vacancy_status

PUBLISHED, CLOSES = dt.date(2027, 1, 1), dt.date(2027, 1, 31)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 12, 31), Status.SCHEDULED),
        (dt.date(2027, 1, 1), Status.OPEN),
        (dt.date(2027, 1, 24), Status.OPEN),
        (dt.date(2027, 1, 25), Status.CLOSING_SOON),
        (dt.date(2027, 1, 31), Status.CLOSING_SOON),  # the closing day is inclusive
        (dt.date(2027, 2, 1), Status.CLOSED),
    ],
)
def test_status_follows_the_dates(today: dt.date, expected: Status) -> None:
    assert vacancy_status(today, PUBLISHED, CLOSES, closing_soon_days=7) is expected


def test_reviewing_shows_only_after_closing() -> None:
    assert vacancy_status(dt.date(2027, 1, 10), PUBLISHED, CLOSES, "reviewing") is Status.OPEN
    assert vacancy_status(dt.date(2027, 2, 10), PUBLISHED, CLOSES, "reviewing") is Status.REVIEWING


@pytest.mark.parametrize("manual", ["filled", "cancelled"])
def test_filled_or_cancelled_closes_at_once(manual: str) -> None:
    status = vacancy_status(dt.date(2027, 1, 10), PUBLISHED, CLOSES, manual)
    assert status is Status(manual) and not status.is_open


def test_a_manual_status_does_not_publish_early() -> None:
    assert vacancy_status(dt.date(2026, 12, 1), PUBLISHED, CLOSES, "filled") is Status.SCHEDULED
