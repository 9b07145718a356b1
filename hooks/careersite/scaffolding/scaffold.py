"""New vacancy and story files for authors: `make new-vacancy TITLE="…"` and `make new-story NAME="…"`.

The file gets every required field of the content model (`model.VACANCY_FIELDS`, `STORY_FIELDS`):
dates from today, choices the site offers (the first scale and procedure of its data files), and for
text only the author can write a "[[…]]" placeholder in the site's language. A placeholder is an
error in `make check` and in the build, at its line, so a half-written file never goes online.

Works from the raw settings and data files, so that it also helps while other content has mistakes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from careersite.config import read_config
from careersite.content.model import STORY_FIELDS, VACANCY_FIELDS
from careersite.content.sources import SourceProblem
from careersite.content.text import unique_slugs
from careersite.i18n import LANGUAGES, Translator
from careersite.i18n.languages import LANGUAGES_BY_CODE
from careersite.rules import education

CLOSES_AFTER_DAYS = 28  # a month to apply, the usual minimum for public employers
CONSENT_YEARS = 2


class Exists(Exception):
    """The file the author asked for is there already: never overwritten."""


def _raw(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _settings(config: Path) -> dict[str, Any]:
    """`extra.careersite` of `mkdocs.yml` as written, read as the build reads it (its tags too);
    empty when the file cannot be read, so that a new file can be made anyway."""
    try:
        extra = read_config(config)[0].get("extra")
    except (OSError, SourceProblem):
        return {}
    settings = extra.get("careersite") if isinstance(extra, dict) else None
    return settings if isinstance(settings, dict) else {}


def timezone(config: Path) -> ZoneInfo:
    """The site's time zone, which decides what "today" is; Amsterdam when not set or not known."""
    try:
        return ZoneInfo(str(_settings(config).get("timezone", "Europe/Amsterdam")))
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Europe/Amsterdam")


def translator(config: Path) -> Translator:
    language = _settings(config).get("language")
    return Translator(language if language in LANGUAGES else "nl")


def _fulltime_hours(path: Path) -> float | int:
    """A full-time week of the site's salary table (36 in the Dutch municipal agreement, 37.5 in
    Norway), as a new vacancy's hours; 36 when the table does not say."""
    try:
        hours = yaml.safe_load(path.read_text(encoding="utf-8")).get("fulltime_hours")
    except (OSError, yaml.YAMLError, AttributeError, UnicodeDecodeError):
        return 36
    if isinstance(hours, bool) or not isinstance(hours, int | float) or not 1 <= hours <= 60:
        return 36
    return int(hours) if float(hours).is_integer() else hours


def _country(settings: dict[str, Any]) -> str:
    """The site's country as its settings say it (as `country`'s default: the language's)."""
    given = settings.get("country")
    language = LANGUAGES_BY_CODE.get(str(settings.get("language")), LANGUAGES_BY_CODE["nl"])
    return str(given).upper() if given else language.country


def _first_key(path: Path) -> str | None:
    keys = [str(key) for key in _raw(path)]
    return keys[0] if keys else None


def _front_matter(values: dict[str, Any], declared: tuple[Any, ...]) -> str:
    """The values in the order the content model declares its fields, as YAML."""
    order = [field.name for field in declared]
    ordered = {name: values[name] for name in sorted(values, key=order.index)}
    return yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=100)


def file_name(title: str) -> str:
    """The file's name from a title or a name: 'Ärztin für …' -> 'arztin-fur-…'; a title without
    Latin letters (数据分析师) gets a short hash, as the site's other slugs do."""
    return unique_slugs([title])[title][:60].strip("-")


def _write(path: Path, front: str, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite an author's file
        handle.write(f"---\n{front}---\n\n{body}")


def new_vacancy(config: Path, title: str, today: dt.date) -> tuple[Path, str]:
    """Create a vacancy file for `title`; return its path and what to tell the author."""
    root, settings, t = config.parent, _settings(config), translator(config)
    folder = root / str(settings.get("vacancies_dir", "vacancies"))
    path = folder / f"{file_name(title)}.md"
    if path.exists():
        raise Exists(t("scaffold.exists", path=path.relative_to(root)))
    written = settings.get("contact")
    contact = written if isinstance(written, dict) else {}
    processes = root / str(settings.get("processes", "content/data/processes.yml"))
    values: dict[str, Any] = {
        "title": title,
        "summary": t("scaffold.summary"),
        "department": t("scaffold.department"),
        "location": t("scaffold.location"),
        "hours": _fulltime_hours(root / str(settings.get("salary_table", "content/data/salary.yml"))),
        "published": today,
        "closes": today + dt.timedelta(days=CLOSES_AFTER_DAYS),
        "apply": t("scaffold.apply"),
        "send": ["cv", "letter"],  # what most applications consist of: the author changes it where not
        "contact": {
            "name": t("scaffold.contact_name"),
            "role": t("scaffold.contact_role"),
            "phone": str(contact.get("phone") or ""),
        },
        "process": _first_key(processes) or "[[procedure]]",
        "education": education.default(_country(settings)),
    }
    if not values["contact"]["phone"]:
        del values["contact"]["phone"]
    # No scale: `make check` then asks for one ("voeg 'scale: 10' toe"), naming the table.
    _write(path, _front_matter(values, VACANCY_FIELDS), t("scaffold.body"))
    shown = path.relative_to(root)
    return path, t("scaffold.created", path=shown, kind=t("scaffold.vacancy"), published=t.date(today))


def new_story(config: Path, name: str, today: dt.date) -> tuple[Path, str]:
    """Create a story file for the employee `name`; return its path and what to tell the author."""
    root, settings, t = config.parent, _settings(config), translator(config)
    folder = root / str(settings.get("stories_dir", "stories"))
    slug = file_name(name)
    path = folder / f"{slug}.md"
    if path.exists():
        raise Exists(t("scaffold.exists", path=path.relative_to(root)))
    values: dict[str, Any] = {
        "title": t("scaffold.story_title"),
        "name": name,
        "role": t("scaffold.role"),
        "department": t("scaffold.department"),
        "summary": t("scaffold.story_summary"),
        "quote": t("scaffold.quote"),
        "photo": f"img/{slug}.jpg",
        "photo_alt": t("scaffold.photo_alt"),
        "published": today,
        "consent_until": today.replace(year=today.year + CONSENT_YEARS)
        if not (today.month == 2 and today.day == 29)
        else today + dt.timedelta(days=365 * CONSENT_YEARS),
    }
    _write(path, _front_matter(values, STORY_FIELDS), t("scaffold.story_body"))
    photo = (folder / "img" / f"{slug}.jpg").relative_to(root)
    return path, t("scaffold.created_story", path=path.relative_to(root), photo=photo)
