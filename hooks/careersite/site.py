"""The whole site on one day: settings, data and content loaded, checked and given a status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from careersite.content.data import load_processes, load_salary_table
from careersite.content.errors import ContentError, Problem, display_path
from careersite.content.model import Content, Story, Vacancy, load_content
from careersite.content.settings import Settings, load_settings
from careersite.i18n import Translator
from careersite.rules import clock
from careersite.rules.process import HiringProcess
from careersite.rules.salary import SalaryTable
from careersite.rules.status import Status, vacancy_status


@dataclass(frozen=True)
class Listed:
    """A vacancy as it stands today."""

    vacancy: Vacancy
    status: Status


@dataclass(frozen=True)
class Site:
    settings: Settings
    t: Translator
    today: dt.date
    salary_table: SalaryTable
    processes: dict[str, HiringProcess]
    content: Content
    vacancies: tuple[Listed, ...]  # every public vacancy (open or closed), newest first
    stories: tuple[Story, ...]  # every story that is published and still has consent, newest first
    warnings: tuple[str, ...]

    @cached_property
    def open_vacancies(self) -> tuple[Listed, ...]:
        return tuple(item for item in self.vacancies if item.status.is_open)

    def story(self, slug: str) -> Story | None:
        return self._stories_by_slug.get(slug)

    def related_stories(self, vacancy: Vacancy, limit: int = 3) -> tuple[Story, ...]:
        """The stories a vacancy names, or else the newest `limit` of its department."""
        if vacancy.stories is not None:
            return tuple(s for slug in vacancy.stories if (s := self.story(slug)))
        return tuple(self._stories_by_department.get(vacancy.department, [])[:limit])

    @cached_property
    def _stories_by_department(self) -> dict[str, list[Story]]:
        index: dict[str, list[Story]] = {}
        for story in self.stories:
            index.setdefault(story.department, []).append(story)
        return index

    @cached_property
    def _stories_by_slug(self) -> dict[str, Story]:
        return {s.slug: s for s in self.stories}

    @cached_property
    def _open_by_department(self) -> dict[str, list[Listed]]:
        index: dict[str, list[Listed]] = {}
        for item in self.open_vacancies:
            index.setdefault(item.vacancy.department, []).append(item)
        return index

    def open_in_department(self, department: str) -> list[Listed]:
        """Open vacancies of one department, newest first."""
        return self._open_by_department.get(department, [])

    def departments(self) -> list[str]:
        return sorted({item.vacancy.department for item in self.open_vacancies}, key=str.casefold)


def load_site(
    extra: dict[str, Any],
    *,
    root: Path,
    site_url: str,
    config_path: str = "mkdocs.yml",
    environ: dict[str, str] | None = None,
) -> Site:
    """Load and check everything; raise `ContentError` with every problem found, or return the site."""
    settings, problems = load_settings(extra, root=root, site_url=site_url, config_path=config_path)
    t = Translator(settings.language)
    try:
        today = clock.today(settings.timezone, environ)
    except ValueError as error:
        raise ContentError([Problem(clock.ENV_VAR, 0, "", str(error))]) from None
    table, found = load_salary_table(settings.salary_table, display_path(settings.salary_table, root), t)
    problems += found
    processes, found = load_processes(settings.processes, display_path(settings.processes, root), t)
    problems += found
    content, found = load_content(settings, table, processes, t)
    problems += found
    if problems or table is None:
        raise ContentError(problems, t("error.summary", n=len(problems)))

    listed = [
        Listed(v, vacancy_status(today, v.published, v.closes, v.status, settings.closing_soon_days))
        for v in content.vacancies
    ]
    public = sorted(
        (i for i in listed if i.status.is_public), key=lambda i: (i.vacancy.published, i.vacancy.id), reverse=True
    )
    warnings = []
    stories = []
    for story in content.stories:
        if story.consent_until < today:
            warnings.append(
                f"{story.source}: consent_until: " + t("warning.consent_expired", date=t.date(story.consent_until))
            )
        elif story.published <= today:
            stories.append(story)
    stories.sort(key=lambda s: (s.published, s.id), reverse=True)
    return Site(settings, t, today, table, processes, content, tuple(public), tuple(stories), tuple(warnings))
