"""Site-wide settings: the `extra.careersite` block of the site configuration."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from careersite.content.errors import Problem
from careersite.content.images import unreadable
from careersite.i18n import LANGUAGES

CONFIG_KEY = "extra.careersite"
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
DEFAULT_CHANNELS = {
    "linkedin": "LinkedIn",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "x": "X",
}


@dataclass(frozen=True, eq=False)
class Channel:
    """A social channel whose feed schedulers post from, with the tags its links carry."""

    key: str
    name: str
    utm: dict[str, str]


@dataclass(frozen=True)
class Address:
    street: str = ""
    postal_code: str = ""
    locality: str = ""
    region: str = ""


@dataclass(frozen=True)
class Settings:
    """Everything the engine needs to know about the organisation and the site."""

    root: Path  # the folder that holds the site configuration; data paths are relative to it
    site_url: str
    organisation: str
    tagline: str
    language: str
    timezone: ZoneInfo
    country: str
    address: Address
    logo: Path | None
    primary_colour: str
    accent_colour: str
    salary_table: Path
    processes: Path
    vacancies_dir: Path
    stories_dir: Path
    channels: dict[str, Channel]
    default_channels: tuple[str, ...]
    closing_soon_days: int
    delete_after_weeks: int
    keep_with_consent_months: int
    salary_period: str  # the period amounts are shown in: month on a Dutch site, year on a Norwegian one
    public_applicant_list: bool  # offentleglova § 25: the applicant list may be made public
    privacy_page: str
    cache_dir: Path  # parsed content, rendered cards and feeds kept between builds


class _Reader:
    """Reads typed values from the settings mapping and collects problems instead of raising."""

    def __init__(self, raw: dict[str, Any], config_path: str) -> None:
        self.raw = raw
        self.config_path = config_path
        self.problems: list[Problem] = []

    def problem(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.config_path, 0, f"{CONFIG_KEY}.{name}", message))

    def text(self, name: str, default: str | None = None) -> str:
        value = self.raw.get(name, default)
        if value is None:
            self.problem(name, "is missing; add it under extra: careersite: in the site configuration.")
            return ""
        if not isinstance(value, str | int | float):
            self.problem(name, "must be a piece of text.")
            return ""
        return str(value).strip()

    def integer(self, name: str, default: int) -> int:
        value = self.raw.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.problem(name, f"must be a whole number of 0 or more, such as {default}.")
            return default
        return value

    def colour(self, name: str, default: str) -> str:
        value = str(self.raw.get("colors", {}).get(name, default))
        if not _COLOUR.match(value):
            self.problem(f"colors.{name}", f"'{value}' is not a colour; write it as #RRGGBB, e.g. {default}.")
            return default
        if len(value) == 4:
            value = "#" + "".join(c * 2 for c in value[1:])
        return value.upper()

    def path(self, name: str, default: str | None, root: Path, must_exist: bool = True) -> Path | None:
        value = self.raw.get(name, default)
        if value is None:
            return None
        path = (root / str(value)).resolve()
        if must_exist and not path.exists():
            self.problem(name, f"the file '{value}' does not exist; give a path relative to the site configuration.")
        return path


def load_settings(
    extra: dict[str, Any], *, root: Path, site_url: str, config_path: str
) -> tuple[Settings, list[Problem]]:
    """Typed settings from the `extra.careersite` mapping, with a problem for each wrong value."""
    raw = extra.get("careersite") or {}
    r = _Reader(raw, config_path)
    if not re.match(r"^https?://[^/\s]+", site_url or ""):
        r.problems.append(
            Problem(
                config_path,
                0,
                "site_url",
                "is missing; set the public address of the site, such as "
                "https://werkenbij.example.nl/, because feeds, share cards and structured data "
                "need absolute links.",
            )
        )
    if not isinstance(raw, dict):
        r.problems.append(Problem(config_path, 0, CONFIG_KEY, "must be a block of settings."))
        raw, r.raw = {}, {}
    language = r.text("language", "nl")
    if language not in LANGUAGES:
        r.problem("language", f"'{language}' is not supported; use one of {', '.join(LANGUAGES)}.")
        language = "nl"
    tz_name = r.text("timezone", "Europe/Amsterdam")
    try:
        timezone = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        r.problem("timezone", f"'{tz_name}' is not a time zone; use a name such as Europe/Amsterdam or Europe/Oslo.")
        timezone = ZoneInfo("Europe/Amsterdam")
    address = raw.get("address") or {}
    channels_raw = raw.get("channels") or {k: {} for k in DEFAULT_CHANNELS}
    channels = {}
    for key, spec in channels_raw.items():
        spec = spec or {}
        utm = {
            "utm_source": str(spec.get("utm_source", key)),
            "utm_medium": str(spec.get("utm_medium", "social")),
        }
        channels[key] = Channel(str(key), str(spec.get("name", DEFAULT_CHANNELS.get(key, key))), utm)
    default_channels = tuple(raw.get("default_channels", list(channels)))
    for key in default_channels:
        if key not in channels:
            r.problem("default_channels", f"'{key}' is not one of the channels ({', '.join(channels)}).")
    salary_period = r.text("salary_period", "year" if language == "nb" else "month")
    if salary_period not in ("month", "year", "hour"):
        r.problem("salary_period", f"'{salary_period}' is not a period; use month, year or hour.")
        salary_period = "month"
    logo = r.path("logo", None, root)
    if logo and logo.is_file() and (problem := unreadable(logo)):
        r.problem("logo", f"'{raw['logo']}' cannot be used as a logo on the cards ({problem}); use a PNG or JPEG file.")
        logo = None
    retention = raw.get("applicant_data") or {}
    settings = Settings(
        root=root,
        site_url=(site_url or "").rstrip("/") + "/",
        organisation=r.text("organisation"),
        tagline=r.text("tagline", ""),
        language=language,
        timezone=timezone,
        country=r.text("country", "NO" if language == "nb" else "NL").upper(),
        address=Address(**{k: str(v) for k, v in address.items() if k in Address.__dataclass_fields__}),
        logo=logo,
        primary_colour=r.colour("primary", "#0B5563"),
        accent_colour=r.colour("accent", "#F2A900"),
        salary_table=r.path("salary_table", "content/data/salary.yml", root) or root,
        processes=r.path("processes", "content/data/processes.yml", root) or root,
        vacancies_dir=r.path("vacancies_dir", "vacancies", root) or root,
        stories_dir=r.path("stories_dir", "stories", root) or root,
        channels=channels,
        default_channels=default_channels,
        closing_soon_days=r.integer("closing_soon_days", 7),
        delete_after_weeks=int(retention.get("delete_after_weeks", 4)),
        keep_with_consent_months=int(retention.get("keep_with_consent_months", 12)),
        salary_period=salary_period,
        public_applicant_list=bool(raw.get("public_applicant_list", language == "nb")),
        privacy_page=r.text("privacy_page", "privacy.md"),
        cache_dir=r.path("cache_dir", ".cache", root, must_exist=False) or root / ".cache",
    )
    return settings, r.problems
