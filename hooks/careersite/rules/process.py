"""Hiring processes and the timeline a vacancy shows: which step happens when after closing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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

    def step(self, key: str) -> Step | None:
        return next((s for s in self.steps if s.key == key), None)

    @property
    def announced_steps(self) -> tuple[Step, ...]:
        """Assessments and screenings, which the recruitment code says to announce in advance."""
        return tuple(s for s in self.steps if s.kind)

    @property
    def typical_days(self) -> int:
        """Typical days from the closing date to the last step (the offer)."""
        return sum(s.days for s in self.steps)


@dataclass(frozen=True)
class TimelineEntry:
    """A step placed in time: on a fixed date when the vacancy gives one, else an expected date."""

    step: Step
    date: dt.date
    fixed: bool


def timeline(process: HiringProcess, closes: dt.date, fixed: dict[str, dt.date]) -> list[TimelineEntry]:
    """Every step with its date; a fixed date moves the expected dates of the steps after it."""
    entries = []
    previous = closes
    for step in process.steps:
        if step.key in fixed:
            day, is_fixed = fixed[step.key], True
        else:
            day, is_fixed = previous + dt.timedelta(days=step.days), False
        entries.append(TimelineEntry(step, day, is_fixed))
        previous = day
    return entries


def reply_date(process: HiringProcess, closes: dt.date) -> dt.date:
    """The day by which every applicant has heard whether they are invited."""
    return closes + dt.timedelta(days=process.reply_within_days)
