"""Likely slips in content that is valid: warnings, not errors, so the site still builds.

A department written two ways gives two filters and two feeds; a copied file whose link was not
changed sends candidates to another job; a new vacancy whose closing date has passed never shows.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from careersite.addresses import Addresses
from careersite.content.errors import Problem, display_path
from careersite.content.fields import DOCUMENTS, PLACEHOLDER, shown
from careersite.content.model import Story, Vacancy
from careersite.i18n import Translator
from careersite.rules.process import HiringProcess, Squeezed, WorkingDays, timeline

NEW_DAYS = 42  # a vacancy published this recently is new: a passed closing date is then a typo
_AND = re.compile(r"\s*(?:&|\+|\ben\b|\band\b|\bog\b)\s*", re.IGNORECASE)


def _normalised(name: str) -> str:
    return re.sub(r"[\W_]+", "", _AND.sub(" ", name).casefold())


def unlisted_departments(
    items: Sequence[Vacancy | Story], listed: tuple[str, ...] | None, shown: str, t: Translator
) -> list[Problem]:
    """Departments that the departments file does not list (when there is one): the web editor
    offers only the listed ones, so a file written by hand would show a department it cannot pick."""
    if listed is None:
        return []
    known = set(listed)
    return [
        Problem(
            item.source,
            item.line("department"),
            "department",
            t("warning.unlisted_department", value=item.department, file=shown),
        )
        for item in items
        if item.department not in known
    ]


def similar_departments(items: Sequence[Vacancy | Story], t: Translator) -> list[Problem]:
    """Department names that differ only slightly ("Ruimte & Wonen" beside "Ruimte en Wonen"):
    the files that use the rarer spelling get a warning naming the common one."""
    uses = Counter(item.department for item in items)
    names = sorted(uses, key=lambda n: (-uses[n], n))
    rarer: dict[str, str] = {}
    for index, name in enumerate(names):
        for common in names[:index]:
            a, b = _normalised(name), _normalised(common)
            if a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.9:
                rarer[name] = common
                break
    return [
        Problem(
            item.source,
            item.line("department"),
            "department",
            t(
                "warning.similar_department",
                value=item.department,
                other=rarer[item.department],
                n=uses[rarer[item.department]],
            ),
        )
        for item in items
        if item.department in rarer
    ]


def closed_on_arrival(vacancies: Sequence[Vacancy], today: dt.date, t: Translator) -> list[Problem]:
    """New vacancies (published in the last weeks) whose closing date has already passed."""
    return [
        Problem(v.source, v.line("closes"), "closes", t("warning.closed_on_arrival", date=t.date(v.closes)))
        for v in vacancies
        if v.closes < today and v.status is None and (today - v.published).days <= NEW_DAYS
    ]


def copied_values(vacancies: Sequence[Vacancy], t: Translator) -> list[Problem]:
    """Two vacancies with the same application link or summary: a copied file not fully changed.
    Both files are named, as either may be the copy. An e-mail address for all applications is
    common, so only web addresses count."""
    problems = []
    for name, key in (("apply", "warning.same_apply"), ("summary", "warning.same_summary")):
        groups: dict[str, list[Vacancy]] = {}
        for v in sorted(vacancies, key=lambda v: v.source):
            value = getattr(v, name)
            if not (name == "apply" and value.startswith("mailto:")):
                groups.setdefault(value, []).append(v)
        for group in groups.values():
            for v in group if len(group) > 1 else ():
                other = next(o for o in group if o is not v)
                problems.append(Problem(v.source, v.line(name), name, t(key, other=other.source)))
    return problems


def page_placeholders(pages: Sequence[Path], root: Path, t: Translator) -> list[Problem]:
    """Text the organisation still has to write in its own pages: the "[[…]]" of `make new-site`'s
    starter pages. A page builds with them (it is the organisation's to publish), but shows them."""
    problems = []
    for page in pages:
        try:
            text = page.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the page check reports what cannot be read
        for gap in PLACEHOLDER.finditer(text):
            line = text.count("\n", 0, gap.start()) + 1
            value = shown(" ".join(gap.group().split()))
            problems.append(Problem(display_path(page, root), line, "", t("warning.placeholder_page", value=value)))
    return problems


def process_dates_off(
    vacancies: Sequence[Vacancy], calendar: WorkingDays, today: dt.date, t: Translator
) -> list[Problem]:
    """Fixed interview or assessment dates, still to come, on a weekend or a public holiday."""
    problems = []
    for v in vacancies:
        for key, day in sorted(v.process_dates.items()):
            if day >= today and not calendar.is_working_day(day):
                name = calendar.holiday(day) or t.weekday(day)
                field = f"process_dates.{key}"
                message = t("warning.process_date_day_off", value=day, day=name)
                problems.append(Problem(v.source, v.line(field), field, message))
    return problems


def apply_links_on_the_site(
    vacancies: Sequence[Vacancy], pages: Sequence[Path], docs_dir: Path, addresses: Addresses, t: Translator
) -> list[Problem]:
    """An application address on the site's own host that leads to no page the build makes (the
    example's /solliciteren/<vacancy> addresses: a 404 once deployed). The site makes its
    organisation's pages and a page per vacancy and story; an application form lives elsewhere."""
    own = urlsplit(addresses.root)
    if not own.hostname:
        return []
    base = own.path if own.path.endswith("/") else own.path + "/"
    made = made_addresses(pages, docs_dir, addresses, vacancies)
    problems = []
    for vacancy in vacancies:
        target = urlsplit(vacancy.apply)
        if target.scheme not in ("http", "https") or (target.hostname or "").lower() != own.hostname.lower():
            continue
        path = target.path if target.path.startswith(base) else None
        relative = path[len(base) :] if path is not None else None
        if relative is not None and (relative in made or f"{relative}/" in made or relative.rstrip("/") + "/" in made):
            continue
        problems.append(
            Problem(vacancy.source, vacancy.line("apply"), "apply", t("error.apply_no_page", value=vacancy.apply))
        )
    return problems


def made_addresses(
    pages: Sequence[Path],
    docs_dir: Path,
    addresses: Addresses,
    vacancies: Sequence[Vacancy],
    stories: Sequence[Story] = (),
) -> set[str]:
    """The addresses of the pages a build makes, relative to the site root: the organisation's
    pages, the listings, and a page per vacancy and story."""
    made = {addresses.page(page.relative_to(docs_dir).as_posix()) for page in pages}
    made |= {addresses.vacancy(v.slug) for v in vacancies} | {addresses.story(s.slug) for s in stories}
    return made | {addresses.vacancies, addresses.stories}


# Folders the build writes itself: an earlier address there would be overwritten, or overwrite.
OWN_FOLDERS = ("assets", "feeds", "cards", "photos", "search", "admin")


def earlier_addresses(
    moves: Sequence[tuple[str, str]],
    made: set[str],
    addresses: Addresses,
    config_path: str,
    line_of: dict[str, int],
    t: Translator,
) -> tuple[list[Problem], tuple[tuple[str, str], ...]]:
    """The setting `earlier_addresses` against the site: each old address must be free (no page,
    not in a folder the build writes), each new one a page the site makes, written either way
    (`vacatures/` is `vacatures/index.html` without directory addresses). The problems, and the
    moves with each new address as the site writes it."""
    problems, resolved = [], []
    for old, new in moves:
        line = line_of.get(old, line_of.get(f"/{old}", line_of.get(old.rstrip("/"), line_of.get("", 0))))
        field = f"{CONFIG_SETTING}.{old}"
        top = old.split("/", 1)[0]
        now = next((a for a in _written_forms(new) if a in made), None)
        if old in made or Addresses.file(old) in {Addresses.file(a) for a in made}:
            problems.append(Problem(config_path, line, field, t("setting.earlier_taken", value=old)))
        elif top in (*OWN_FOLDERS, *addresses.item_folders):
            problems.append(Problem(config_path, line, field, t("setting.earlier_inside", value=old, folder=top)))
        if now is None:
            problems.append(
                Problem(config_path, line, field, t("setting.earlier_target", value=new, example=addresses.vacancies))
            )
        else:
            resolved.append((old, now))
    return problems, tuple(resolved)


def _written_forms(address: str) -> tuple[str, ...]:
    """The ways one page's address is written, with and without directory addresses."""
    if address in ("", "index.html"):
        return ("", "index.html")
    if address.endswith("/"):
        return (address, f"{address}index.html", f"{address.rstrip('/')}.html")
    stem = address.removesuffix(".html").removesuffix("/index")
    return (address, f"{stem}/", f"{stem}.html", f"{stem}/index.html")


CONFIG_SETTING = "extra.careersite.earlier_addresses"


def newsletter_lists(
    names: Sequence[str], departments: set[str], config_path: str, line: int, t: Translator
) -> list[Problem]:
    """The newsletter's lists are `all` or a department the site has: a list under another name
    (a typo, a department renamed) would never show its signup."""
    known = sorted(departments)
    return [
        Problem(
            config_path,
            line,
            f"newsletter.forms.{name}",
            t("warning.newsletter_list", name=name, options=", ".join(known)),
        )
        for name in names
        if name != "all" and name not in departments
    ]


# Completeness and timing (issue 26): what a candidate needs to know, and terms that read as "we
# are in no hurry". Each is about the vacancies still to come: open or not yet published.


def open_too_long(coming: Sequence[Vacancy], weeks: int, t: Translator) -> list[Problem]:
    """Vacancies open longer than `weeks` (setting `open_weeks`) from publication to closing."""
    problems = []
    for v in coming:
        days = (v.closes - v.published).days
        if days > weeks * 7:
            message = t(
                "warning.open_too_long",
                days=days,
                published=t.date(v.published),
                closes=t.date(v.closes),
                limit=weeks,
            )
            problems.append(Problem(v.source, v.line("closes"), "closes", message))
    return problems


def late_first_interview(
    coming: Sequence[Vacancy],
    processes: Mapping[str, HiringProcess],
    calendar: WorkingDays,
    weeks: int,
    t: Translator,
) -> list[Problem]:
    """Vacancies whose first interview (the process's second step: the first that candidates
    attend, after the letters are read) is more than `weeks` after closing (setting
    `first_interview_weeks`): candidates wait without news and take other offers."""
    problems = []
    for v in coming:
        process = processes.get(v.process)
        if process is None or not process.steps:
            continue
        try:
            entries = timeline(process, v.closes, v.process_dates, calendar).entries
        except Squeezed:
            continue  # an error of its own (`model`)
        first = entries[1] if len(entries) > 1 else entries[0]
        days = (first.date - v.closes).days
        if days > weeks * 7:
            key = f"process_dates.{first.step.key}"
            line, field = (v.line(key), key) if first.fixed else (v.line("closes"), "closes")
            message = t(
                "warning.late_first_interview",
                step=first.step.name,
                date=t.date(first.date),
                days=days,
                limit=weeks,
            )
            problems.append(Problem(v.source, line, field, message))
    return problems


def unsaid_documents(coming: Sequence[Vacancy], t: Translator) -> list[Problem]:
    """Vacancies that do not say what to send (field `send`): the NVP Sollicitatiecode asks the
    vacancy to say what an application consists of."""
    return [
        Problem(v.source, v.line("title"), "send", t("warning.send_missing", options=", ".join(DOCUMENTS)))
        for v in coming
        if not v.send
    ]


def unsaid_internet_search(
    processes: Mapping[str, HiringProcess], coming: Sequence[Vacancy], shown: str, t: Translator
) -> list[Problem]:
    """Processes, used by a vacancy still to come, that do not say whether the organisation looks
    candidates up on the internet (`internet_search`): the recruitment code asks it to say so."""
    used = {v.process for v in coming}
    return [
        Problem(shown, process.line, f"{key}.internet_search", t("warning.internet_search_missing"))
        for key, process in sorted(processes.items())
        if key in used and process.internet_search is None
    ]
