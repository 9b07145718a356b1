"""The whole site on one day: settings, data and content loaded, checked and given a status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from careersite.addresses import Addresses
from careersite.cards.sources import forget_file_versions
from careersite.content import calendar, slips, statement, wording
from careersite.content.body import BodyCheck, Renderer, VerdictCache, page_source
from careersite.content.data import (
    Place,
    load_departments,
    load_locations,
    load_processes,
    load_salary_table,
    load_wording,
    place_of,
)
from careersite.content.errors import ContentError, Problem, display_path
from careersite.content.model import Content, ItemRef, Story, Vacancy, find_pages, load_content, ref
from careersite.content.pages import check_pages
from careersite.content.settings import PERCENT_HOURS, YEARLY_PAY, Settings, config_lines, load_settings
from careersite.content.sources import LineDict
from careersite.content.text import unique_slugs
from careersite.history import Versions
from careersite.history import read as read_history
from careersite.i18n import Translator
from careersite.publish import kept
from careersite.rules import clock
from careersite.rules.process import HiringProcess, keep_holidays_in, working_days
from careersite.rules.salary import SalaryTable
from careersite.rules.status import Status, vacancy_status

APPLY_PAGE = "apply/"  # the forwarding page of a vacancy's apply button, inside the vacancy's folder


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
    warnings: tuple[Problem, ...]
    addresses: Addresses  # every address of the site (`addresses.py`)
    bodies: BodyCheck | None = None
    # texts whose check waits for the build to render them: "vacancy:<id>" -> (text, file, first line)
    deferred: dict[ItemRef, tuple[str, str, int]] = field(default_factory=dict)
    page_templates: dict[str, str] = field(default_factory=dict)  # template → the page that uses it
    planning: tuple[Problem, ...] = ()  # the warnings on posting (also in `warnings`), for the calendar page
    department_list: tuple[str, ...] | None = None  # the departments file's, which the web editor offers
    # (earlier address, address now) of `earlier_addresses`, each now as the site writes it
    earlier: tuple[tuple[str, str], ...] = ()
    # each vacancy's text as read (by its file, for vacancies not yet closed): `make check` prints it
    readability: dict[str, wording.Readability | None] = field(default_factory=dict)
    # built as of the setting `demo_date`: the pages' scripts then never close a page by the
    # reader's clock (the site's day stands still)
    pinned: bool = False
    # what changed in each public vacancy since it was published, by its file (`history.py`)
    history: dict[str, Versions] = field(default_factory=dict)
    places: tuple[Place, ...] = ()  # the places of work of the locations file

    def place(self, vacancy: Vacancy) -> Place:
        """Where a vacancy's work is: the place of the locations file its `location` names, else
        the organisation's address, named as the vacancy names it."""
        found = place_of(vacancy.location, self.places)
        if found is not None:
            return found
        a = self.settings.address
        return Place("", vacancy.location, a.street, a.postal_code, a.locality, a.region, self.settings.country)

    @property
    def salary_period(self) -> str:
        """The period amounts are shown in: the setting, else as the country's public employers
        advertise (per year in Norway, per month in the Netherlands), else the salary table's own."""
        if self.settings.salary_period:
            return self.settings.salary_period
        if self.settings.country in YEARLY_PAY:
            return "year"
        return "month" if self.settings.country == "NL" else self.salary_table.period

    @property
    def hours_shown(self) -> str:
        """How working time is written: the setting, else as the country's public employers
        advertise it ("80 % stilling" in Norway, "32 uur per week" in the Netherlands)."""
        return self.settings.hours_shown or ("percent" if self.settings.country in PERCENT_HOURS else "hours")

    def working_time(self, low: float, high: float) -> str:
        """A vacancy's working time for people: "36 uur per week", or "80–100 % stilling (30–37,5
        timer per uke)" as a share of the salary table's full-time week."""
        t = self.t
        if self.hours_shown != "percent":
            return t.hours(low, high)
        full = self.salary_table.fulltime_hours

        def percent(hours: float) -> str:
            return t.number(round(hours / full * 100, 1))

        if low == high:
            return t("hours.percent_exact", percent=percent(low), hours=t.number(low))
        return t(
            "hours.percent_range",
            low=percent(low),
            high=percent(high),
            hours_low=t.number(low),
            hours_high=t.number(high),
        )

    def earlier_item_folders(self) -> list[tuple[str, str]]:
        """(earlier folder, folder now) of the vacancies and stories, as paths on the host: for the
        page of a missing address (404.html), which sends `/vacancies/ciso/` on to `/vacatures/ciso/`.
        A page per item would be a file and a folder per vacancy (2,400 at 1,000 vacancies: some 2 s
        of every build on a busy disk); the hosts a site is published on (GitHub and GitLab Pages,
        Netlify, Cloudflare Pages; nginx with `error_page 404 /404.html`) answer every missing
        address with 404.html."""
        a = self.addresses
        root = urlsplit(a.root).path.rstrip("/") + "/"
        moves = []
        for old, new in self.earlier:
            if new in (a.vacancies, a.stories):
                folder = a.vacancy_folder if new == a.vacancies else a.story_folder
                earlier = old.removesuffix(".html").removesuffix("/index").rstrip("/")
                moves.append((f"{root}{earlier}/", f"{root}{folder}/"))
        return moves

    def apply_forwarding(self, item: Listed) -> str | None:
        """The site's page that an open vacancy's apply button goes through (setting
        `apply_forwarding`), relative to the site root: `vacatures/ciso/apply/`; None without
        the setting, for a closed vacancy and for an apply by e-mail (`outputs/redirects.py`)."""
        if not self.settings.apply_forwarding or not item.status.is_open or item.vacancy.apply.startswith("mailto:"):
            return None
        return self.addresses.vacancy(item.vacancy.slug) + APPLY_PAGE

    @cached_property
    def open_vacancies(self) -> tuple[Listed, ...]:
        return tuple(item for item in self.vacancies if item.status.is_open)

    def story(self, slug: str) -> Story | None:
        return self._stories_by_slug.get(slug)

    def similar_open(self, vacancy: Vacancy, limit: int = 3) -> tuple[Listed, ...]:
        """Open vacancies most like `vacancy`, for its page once it is closed: the same department
        first, then the same education level or a shared scale; ties by closing date."""

        def score(item: Listed) -> int:
            other = item.vacancy
            shared_scale = bool(set(other.scale or ()) & set(vacancy.scale or ()))
            same_department = other.department == vacancy.department
            same_level = vacancy.education is not None and other.education == vacancy.education
            return 4 * same_department + 2 * same_level + shared_scale

        ranked = sorted(
            (i for i in self.open_vacancies if i.vacancy.id != vacancy.id and score(i) > 0),
            key=lambda i: (-score(i), i.vacancy.closes, i.vacancy.title),
        )
        return tuple(ranked[:limit])

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

    @cached_property
    def public_departments(self) -> list[str]:
        """Departments of the vacancies on the site (open or closed), never of a scheduled one."""
        return sorted({item.vacancy.department for item in self.vacancies}, key=str.casefold)

    @cached_property
    def _slugs(self) -> dict[str, str]:
        names = [i.vacancy.department for i in self.vacancies] + [s.department for s in self.stories]
        return unique_slugs(names)

    def department_slug(self, department: str) -> str:
        """The department's name in addresses and feed files: distinct for every department."""
        return self._slugs[department]

    @cached_property
    def _location_slugs(self) -> dict[str, str]:
        return unique_slugs(i.vacancy.location for i in self.vacancies)

    def location_slug(self, location: str) -> str:
        return self._location_slugs[location]


def load_site(
    extra: dict[str, Any],
    *,
    root: Path,
    site_url: str,
    config_path: str = "mkdocs.yml",
    docs_dir: Path | None = None,
    lines: LineDict | None = None,
    environ: dict[str, str] | None = None,
    markdown: list[Any] | None = None,
    defer_bodies: bool = False,
    templates: frozenset[str] | None = None,
    rebuilds: bool = False,
    site_dir: Path | None = None,
    theme_dir: Path | None = None,
    directory_urls: bool = True,
) -> Site:
    """Load and check everything; raise `ContentError` with every problem found, or return the site.

    `lines` is the configuration file read with its lines, so that problems in it name their line;
    `markdown` the Markdown extensions of the site, with which the text of every page is checked.
    With `defer_bodies`, the text of a public item whose verdict is not cached is left for the
    build to check on the HTML it renders anyway (`Site.deferred`), unless there are problems.
    `templates` are the names of the templates the theme has, which pages may name. `rebuilds`:
    the process builds the site again on every save (the preview), and keeps what it can in memory.
    `site_dir` and `theme_dir` are the folders MkDocs publishes into and copies the theme from;
    `directory_urls` is MkDocs' `use_directory_urls` (`salaris/` or `salaris.html`)."""
    settings, problems = load_settings(
        extra,
        root=root,
        site_url=site_url,
        config_path=config_path,
        docs_dir=docs_dir,
        lines=lines,
        site_dir=site_dir,
        theme_dir=theme_dir,
    )
    t = Translator(settings.language)
    keep_holidays_in(kept.Keeper(settings.cache_dir / "holidays.pickle"))
    forget_file_versions()
    try:
        today = clock.today(settings.timezone, environ, settings.demo_date)
    except ValueError as error:
        raise ContentError([Problem(clock.ENV_VAR, 0, "", str(error))]) from None
    table, found = load_salary_table(settings.salary_table, display_path(settings.salary_table, root), t)
    problems += found
    processes, found = load_processes(settings.processes, display_path(settings.processes, root), t)
    problems += found
    departments_shown = display_path(settings.departments, root)
    department_list, found = load_departments(settings.departments, departments_shown, t)
    problems += found
    wording_choices, found = load_wording(settings.wording, display_path(settings.wording, root), t)
    problems += found
    places, found = load_locations(settings.locations, display_path(settings.locations, root), t)
    problems += found
    pages = find_pages(settings.docs_dir)
    page_templates: dict[str, str] = {}
    problems += check_pages(pages, root, templates, t, settings.docs_dir, page_templates)
    addresses = Addresses.of(settings.site_url, page_templates, directory_urls)
    content, found = load_content(settings, table, processes, t, rebuilds, addresses.item_folders, pages)
    problems += found
    problems += slips.apply_links_on_the_site(content.vacancies, pages, settings.docs_dir, addresses, t)
    earlier: tuple[tuple[str, str], ...] = ()
    if settings.earlier_addresses:
        made = slips.made_addresses(pages, settings.docs_dir, addresses, content.vacancies, content.stories)
        earlier_lines = _setting_lines(lines, "earlier_addresses")
        found, earlier = slips.earlier_addresses(
            settings.earlier_addresses, made, addresses, config_path, earlier_lines, t
        )
        problems += found
    listed = [
        Listed(v, vacancy_status(today, v.published, v.closes, v.status, settings.closing_soon_days))
        for v in content.vacancies
    ]
    bodies = BodyCheck(
        Renderer(markdown),
        VerdictCache(settings.cache_dir / "bodies.pickle", Renderer(markdown).key),
        urlsplit(settings.site_url).hostname or "",
    )
    public_keys = {i.vacancy.source: ref(i.vacancy) for i in listed if i.status.is_public}
    public_keys |= {s.source: ref(s) for s in content.stories if s.published <= today <= s.consent_until}
    found, deferred = _check_bodies(content, root, bodies, public_keys, t, defer=defer_bodies and not problems)
    problems += found
    bodies.cache.save()
    if problems or table is None:
        raise ContentError(problems, t("error.summary", n=len(problems)), t.language)

    public = sorted(
        (i for i in listed if i.status.is_public), key=lambda i: (i.vacancy.published, i.vacancy.id), reverse=True
    )
    readability, wording_warnings = _check_wording(listed, settings, wording_choices, t)
    coming = [i.vacancy for i in listed if i.status.is_open or i.status == Status.SCHEDULED]
    warnings = [
        *wording_warnings,
        *slips.similar_departments([*content.vacancies, *content.stories], t),
        *slips.unlisted_departments([*content.vacancies, *content.stories], department_list, departments_shown, t),
        *slips.closed_on_arrival(content.vacancies, today, t),
        *slips.copied_values(content.vacancies, t),
        *slips.page_placeholders(content.pages, root, t),
        *slips.process_dates_off(content.vacancies, working_days(settings.holiday_area, settings.language), today, t),
        *slips.open_too_long(coming, settings.open_weeks, t),
        *slips.late_first_interview(
            coming, processes, working_days(settings.holiday_area, settings.language), settings.first_interview_weeks, t
        ),
        *slips.unsaid_documents(coming, t),
        *slips.unsaid_internet_search(processes, coming, display_path(settings.processes, root), t),
    ]
    planning = calendar.posting_warnings(content, settings, today, t, config_path, _channel_lines(lines))
    warnings += planning
    if settings.accessibility_page is None:
        warnings.append(Problem(config_path, 0, "accessibility_page", t("warning.no_accessibility")))
    if settings.newsletter.forms:
        warnings += slips.newsletter_lists(
            [name for name, _ in settings.newsletter.forms],
            {v.department for v in content.vacancies} | set(department_list or ()),
            config_path,
            _setting_lines(lines, "newsletter").get("forms", 0),
            t,
        )
    statement_page = page_templates.get(statement.TEMPLATE)
    warnings += statement.statement_warnings(settings, statement_page, today, t, config_path, config_lines(lines))
    stories = []
    for story in content.stories:
        if story.consent_until < today:
            warnings.append(
                Problem(
                    story.source,
                    story.line("consent_until"),
                    "consent_until",
                    t("warning.consent_expired", date=t.date(story.consent_until)),
                )
            )
        elif story.published <= today:
            stories.append(story)
    stories.sort(key=lambda s: (s.published, s.id), reverse=True)
    warnings.sort()
    return Site(
        settings,
        t,
        today,
        table,
        processes,
        content,
        tuple(public),
        tuple(stories),
        tuple(warnings),
        addresses,
        bodies,
        deferred,
        page_templates,
        tuple(planning),
        department_list,
        earlier,
        readability,
        clock.pinned(environ, settings.demo_date),
        read_history(root, settings.vacancies_dir, settings.timezone, settings.cache_dir) if public else {},
        places,
    )


def _channel_lines(lines: LineDict | None) -> dict[str, int]:
    """The line of each channel's key under `channels:` in the configuration file, and under ""
    the line of `channels:` itself (for default channels that the file does not list)."""
    return _setting_lines(lines, "channels")


def _setting_lines(lines: LineDict | None, setting: str) -> dict[str, int]:
    """The line of each key of a mapping setting in the configuration file, and under "" the line
    of the setting itself."""
    block = config_lines(lines)
    if block is None or setting not in block.lines:
        return {}
    value = block[setting]
    own = {str(k): v for k, v in value.lines.items()} if isinstance(value, LineDict) else {}
    return {"": block.lines[setting], **own}


def _check_bodies(
    content: Content, root: Path, bodies: BodyCheck, public: dict[str, ItemRef], t: Translator, defer: bool
) -> tuple[list[Problem], dict[ItemRef, tuple[str, str, int]]]:
    """The policy's problems in the text of every file and page; with `defer`, the texts of public
    items not yet judged are returned for the build to check on its own rendering."""
    problems: list[Problem] = []
    deferred: dict[ItemRef, tuple[str, str, int]] = {}
    texts: list[tuple[str, str, int, ItemRef | None]] = [
        (body, shown, first, public.get(shown)) for body, shown, first in content.texts
    ]
    for path in content.pages:
        try:
            text, first = page_source(path)
        except (OSError, UnicodeDecodeError):
            continue  # MkDocs reports a page it cannot read
        texts.append((text, display_path(path, root), first, None))
    for text, shown, first, key in texts:
        found = bodies.known(text)
        if found is None and defer and key:
            deferred[key] = (text, shown, first)
            continue
        if found is None:
            found = bodies.verdict(text)
        problems += bodies.problems(found, text, shown, first, t)
    return problems, deferred


def _check_wording(
    listed: list[Listed], settings: Settings, choices: wording.SiteWording, t: Translator
) -> tuple[dict[str, wording.Readability | None], list[Problem]]:
    """The text check of every vacancy not yet closed (fair wording, plain language), with the
    site's own choices (setting `wording`); a verdict is kept per text between builds."""
    rules = wording.site_rules(settings.language, choices)
    verdicts = wording.VerdictStore(kept.Keeper(settings.cache_dir / "wording.pickle"))
    readability: dict[str, wording.Readability | None] = {}
    warnings: list[Problem] = []
    for item in listed:
        v = item.vacancy
        if item.status.value in ("closed", "filled", "cancelled", "reviewing"):
            continue
        texts = {"title": v.title, "summary": v.summary, "body": v.body}
        verdict = verdicts.verdict(texts, rules, choices.off | set(v.accept))
        warnings += wording.problems(v, verdict, rules, t)
        readability[v.source] = verdict.readability
    verdicts.save()
    return readability, warnings
