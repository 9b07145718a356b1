"""Hiring timelines: expected dates from typical durations, moved by fixed dates."""

import datetime as dt

from careersite.rules.process import HiringProcess, Step, reply_date, timeline

PROCESS = HiringProcess(
    "std",
    "Standaard",
    "",
    10,
    (
        Step("selectie", "Selectie", "", 7),
        Step("gesprek1", "Eerste gesprek", "", 7),
        Step("assessment", "Assessment", "", 10, "assessment"),
        Step("aanbod", "Aanbod", "", 5),
    ),
)
CLOSES = dt.date(2027, 1, 15)


def test_steps_follow_each_other_from_the_closing_date() -> None:
    entries = timeline(PROCESS, CLOSES, {})
    assert [e.step.key for e in entries] == ["selectie", "gesprek1", "assessment", "aanbod"]
    assert [e.date for e in entries] == [
        dt.date(2027, 1, 22),
        dt.date(2027, 1, 29),
        dt.date(2027, 2, 8),
        dt.date(2027, 2, 13),
    ]
    assert not any(e.fixed for e in entries)


def test_a_fixed_date_moves_the_steps_after_it() -> None:
    entries = timeline(PROCESS, CLOSES, {"gesprek1": dt.date(2027, 2, 3)})
    assert entries[1].fixed and entries[1].date == dt.date(2027, 2, 3)
    assert entries[2].date == dt.date(2027, 2, 13)
    assert PROCESS.typical_days == 29


def test_announced_steps_and_reply_term() -> None:
    assert [s.key for s in PROCESS.announced_steps] == ["assessment"]
    assert reply_date(PROCESS, CLOSES) == dt.date(2027, 1, 25)
