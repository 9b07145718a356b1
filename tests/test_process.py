"""Hiring timelines: expected dates on working days, bounded by fixed dates, consistent by construction."""

import datetime as dt
import itertools
import random

import pytest
from careersite.rules.process import (
    HiringProcess,
    Squeezed,
    Step,
    WorkingDays,
    timeline,
    typical_days,
    working_days,
)

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
CLOSES = dt.date(2027, 1, 15)  # a Friday
NL = working_days("NL", "nl")
NO = working_days("NO", "nb")


def test_steps_follow_each_other_from_the_closing_date_on_working_days() -> None:
    placed = timeline(PROCESS, CLOSES, {}, NL)
    assert [e.step.key for e in placed.entries] == ["selectie", "gesprek1", "assessment", "aanbod"]
    assert [e.date for e in placed.entries] == [
        dt.date(2027, 1, 22),  # Friday
        dt.date(2027, 1, 29),
        dt.date(2027, 2, 8),  # Monday
        dt.date(2027, 2, 15),  # 13 February is a Saturday: the next Monday
    ]
    assert not any(e.fixed for e in placed.entries)
    assert placed.reply == dt.date(2027, 1, 25)  # closing + 10 days, a Monday, before the first interview


def test_expected_dates_skip_public_holidays_of_the_country() -> None:
    christmas = timeline(PROCESS, dt.date(2026, 12, 18), {}, NL)
    assert christmas.entries[0].date == dt.date(2026, 12, 28)  # 25 and 26 December, then a Sunday
    assert NL.holiday(dt.date(2026, 12, 25)) == "Eerste kerstdag"
    # 1 May is a public holiday in Norway, a working day in the Netherlands.
    step = HiringProcess("x", "x", "", 3, (Step("a", "A", "", 7),))
    assert timeline(step, dt.date(2028, 4, 24), {}, NL).entries[0].date == dt.date(2028, 5, 1)
    assert timeline(step, dt.date(2028, 4, 24), {}, NO).entries[0].date == dt.date(2028, 5, 2)


def test_a_fixed_date_moves_the_steps_after_it_and_bounds_the_ones_before() -> None:
    placed = timeline(PROCESS, CLOSES, {"gesprek1": dt.date(2027, 2, 3)}, NL)
    assert placed.entries[1].fixed and placed.entries[1].date == dt.date(2027, 2, 3)
    assert placed.entries[2].date == dt.date(2027, 2, 15)
    # An early interview pulls the letters' selection before it, and the reply before the interview.
    early = timeline(PROCESS, CLOSES, {"gesprek1": dt.date(2027, 1, 20)}, NL)
    assert early.entries[0].date == dt.date(2027, 1, 19)
    assert early.reply == dt.date(2027, 1, 19)


def test_the_reply_never_comes_on_or_after_the_interview_it_invites_to() -> None:
    # The example's contradiction: interview on 15 December, reply "by 16 December".
    placed = timeline(PROCESS, dt.date(2026, 12, 6), {"gesprek1": dt.date(2026, 12, 15)}, NL)
    assert placed.reply < dt.date(2026, 12, 15)
    assert placed.reply >= placed.entries[0].date


def test_fixed_dates_that_leave_no_working_day_for_a_step_between_are_refused() -> None:
    with pytest.raises(Squeezed) as caught:
        timeline(PROCESS, dt.date(2027, 1, 15), {"gesprek1": dt.date(2027, 1, 18)}, NL)  # Friday → Monday
    assert caught.value.step.key == "selectie" and caught.value.by == "gesprek1"


def test_a_country_the_library_does_not_know_has_weekends_only() -> None:
    canary_islands = working_days("IC", "en")  # a territory Babel knows and the holidays library does not
    assert canary_islands.on_or_after(dt.date(2026, 12, 25)) == dt.date(2026, 12, 25)


def test_the_hiring_page_total_is_what_the_vacancies_show_most() -> None:
    days = typical_days(PROCESS, NL, dt.date(2026, 12, 1))
    totals = [timeline(PROCESS, dt.date(2026, 12, 1) + dt.timedelta(n), {}, NL).days for n in range(365)]
    assert min(totals) <= days <= max(totals)
    assert days >= 29  # the calendar sum of the steps, never less


def _random_process(rng: random.Random) -> HiringProcess:
    steps = tuple(
        Step(f"s{i}", f"Stap {i}", "", rng.randint(0, 21), rng.choice([None, "assessment", "screening"]))
        for i in range(rng.randint(1, 7))
    )
    return HiringProcess("p", "P", "", rng.randint(0, 30), steps)


@pytest.mark.parametrize("calendar_name", ["NL", "NO"])
def test_property_every_timeline_is_consistent(calendar_name: str) -> None:
    """Thousands of processes, closing dates and fixed dates: each timeline either is refused as
    squeezed, or has steps strictly in order after closing, expected dates on working days and
    before the next fixed date, fixed dates kept, and the reply between the first and second step."""
    calendar: WorkingDays = NL if calendar_name == "NL" else NO
    rng = random.Random(20261124)
    placed_count = squeezed = 0
    for _ in range(4000):
        process = _random_process(rng)
        closes = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 3 * 365))
        fixed: dict[str, dt.date] = {}
        day = closes
        for step in process.steps:
            day += dt.timedelta(days=rng.randint(1, 20))
            if rng.random() < 0.3:
                fixed[step.key] = day
        try:
            placed = timeline(process, closes, fixed, calendar)
        except Squeezed as error:
            squeezed += 1
            assert error.by in fixed
            # Really no working day between the step before and the fixed date after.
            assert calendar.before(error.before) <= error.after
            continue
        placed_count += 1
        dates = [closes] + [e.date for e in placed.entries]
        assert all(a < b for a, b in itertools.pairwise(dates)), (process, closes, fixed, dates)
        for entry in placed.entries:
            if entry.fixed:
                assert entry.date == fixed[entry.step.key]
            else:
                assert calendar.is_working_day(entry.date), (entry, closes, fixed)
        assert calendar.is_working_day(placed.reply) or placed.reply == placed.entries[0].date
        assert placed.reply >= placed.entries[0].date
        if len(placed.entries) > 1:
            assert placed.reply < placed.entries[1].date
    assert placed_count > 3000 and squeezed > 0


@pytest.mark.parametrize(
    ("country", "language", "day", "name"),
    [("NL", "nl", "2027-04-27", "Koningsdag"), ("NO", "nb", "2027-05-01", "Arbeidernes dag")],
)
def test_kept_public_holidays_are_the_library_s_and_a_damaged_file_is_read_anew(
    tmp_path, monkeypatch, country: str, language: str, day: str, name: str
) -> None:
    import holidays
    from careersite.publish.kept import Keeper
    from careersite.rules import process

    kept = tmp_path / "holidays.pickle"
    first = process.PublicHolidays(country, language, Keeper(kept))
    years = (2026, 2027, 2028)
    for year in years:
        assert process.WorkingDays(first).holiday(dt.date(year, 1, 1))  # New Year's Day in every country here
    assert first.get(dt.date.fromisoformat(day)) == name
    library = holidays.country_holidays(country, years=years, language=process._HOLIDAY_LANGUAGE[language])
    assert dict(first.items()) == {d: n for d, n in library.items() if d.year in years}

    # A later build reads the kept years and does not ask the library for them.
    def refuse(*args: object) -> dict:
        raise AssertionError("the library was asked for a kept year")

    monkeypatch.setattr(process, "_library_year", refuse)
    again = process.PublicHolidays(country, language, Keeper(kept))
    assert dict(again.items()) == dict(first.items())
    assert dt.date.fromisoformat(day) in again and not process.WorkingDays(again).is_working_day(dt.date(2027, 12, 25))
    monkeypatch.undo()

    # Another language, or a damaged file, is read from the library again.
    english = process.PublicHolidays(country, "en", Keeper(kept))
    assert english.get(dt.date(2027, 12, 25)) == "Christmas Day"
    kept.write_bytes(b"\x80\x04 damaged")
    damaged = process.PublicHolidays(country, language, Keeper(kept))
    assert damaged.get(dt.date.fromisoformat(day)) == name

    # A file of the right shape that says something this build would never write is not believed.
    import pickle

    key = damaged.key
    holiday = dt.date.fromisoformat(day)
    for lie in (
        {"key": key, "years": {2027: {}}},  # no holidays at all
        {"key": key, "years": {2027: {dt.date(2028, 1, 3): "Verzonnen"}}},  # a day of another year
        {"key": key, "years": {2027: {holiday: 17}}},  # a name that is no text
    ):
        kept.write_bytes(pickle.dumps(lie))
        assert process.PublicHolidays(country, language, Keeper(kept)).get(holiday) == name, lie


def test_a_region_s_own_public_holidays_are_skipped() -> None:
    """The holiday calendar had no England/Scotland choice: Scotland's St Andrew's Day (30 November
    2027, a Tuesday) is a working day in England."""
    from careersite.rules.process import working_days

    day = dt.date(2027, 11, 30)
    assert working_days("GB-ENG", "en").is_working_day(day)
    assert not working_days("GB-SCT", "en").is_working_day(day)
    assert working_days("GB-SCT", "en").holiday(day) == "Saint Andrew's Day"
    assert working_days("GB-SCT", "en").on_or_after(day) == dt.date(2027, 12, 1)
