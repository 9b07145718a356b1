"""Site-wide settings: the `extra.careersite` block of the site configuration, declared once.

Each setting is a `Setting` that knows its type, default and meaning; reading them turns every
value of the wrong shape (`colors: red`, `channels` as a list, `fulltime_hours: yes`) into a
message with the line in the configuration file, in the site's language.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from babel.core import get_global
from babel.numbers import get_territory_currencies

from careersite.content.errors import Problem
from careersite.content.fields import (
    WEB_ADDRESS,
    Invalid,
    Parser,
    boolean,
    choice,
    control_problem,
    date,
    every_unknown_part,
    is_email,
    is_empty,
    is_phone_number,
    plain,
    scalar,
    shown,
    suggest,
    text,
    unknown_parts,
    whole,
)
from careersite.content.images import unreadable
from careersite.content.sources import LineDict
from careersite.content.statement import PARTS as STATEMENT_PARTS
from careersite.content.statement import STATUSES, AccessibilityStatement, in_register, model_of
from careersite.i18n import LANGUAGES, Translator
from careersite.i18n.languages import LANGUAGES_BY_CODE

CONFIG_KEY = "extra.careersite"
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
_CHANNEL_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")  # it names the channel's feed file
# The site's own feeds in feeds/ (outputs/feeds.py): a channel of the same name would replace one.
RESERVED_FEEDS = ("vacancies", "stories", "department", "index")
DEFAULT_CHANNELS = {
    "linkedin": "LinkedIn",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "x": "X",
}
# Where public employers state pay per year (Norwegian årslønn, UK and Irish councils); elsewhere
# per month, unless the salary table says otherwise.
YEARLY_PAY = frozenset({"NO", "GB", "IE", "US", "CA", "AU", "NZ"})
# Countries whose public employers state part-time work as a share of a full-time post
# (stillingsprosent: "80 % stilling"), not as hours.
PERCENT_HOURS = frozenset({"NO", "SE", "FI"})
# Countries: two-letter territories with a time zone and a currency (not ZZ "unknown", EU, UN, XA…).
COUNTRIES = frozenset(
    code
    for code in Locale("en").territories
    if isinstance(code, str)
    and len(code) == 2
    and code.isalpha()
    and get_global("territory_zones").get(code)
    and get_territory_currencies(code)
)


@dataclass(frozen=True, eq=False)
class Channel:
    """A social channel whose feed schedulers post from, with the tags its links carry."""

    key: str
    name: str
    utm: dict[str, str]
    quiet_days: int | None = None  # how long it may go without a post; else the calendar's quiet_days


@dataclass(frozen=True)
class Address:
    street: str = ""
    postal_code: str = ""
    locality: str = ""
    region: str = ""


@dataclass(frozen=True)
class CalendarSettings:
    """The content calendar: how long a channel may stay quiet and how many posts one day takes,
    and whether the published calendar shows what is not yet online."""

    quiet_days: int = 14
    posts_per_day: int = 1
    show_planned: bool = False


@dataclass(frozen=True)
class CmsSettings:
    """Where the web editor at /admin/ saves: the local folder (`make cms`), GitHub or GitLab."""

    backend: str = "local"
    repo: str = ""  # owner/name on GitHub or GitLab
    branch: str = "main"
    base_url: str = ""  # GitHub: the OAuth provider; GitLab: a GitLab of your own
    app_id: str = ""  # GitLab: the id of the OAuth application (PKCE)


ANALYTICS_TOOLS = ("goatcounter",)


@dataclass(frozen=True)
class SignupForm:
    """A newsletter tool's signup form for one list: where the form sends the address, and the
    hidden fields the tool asks for with it (listmonk: the list's `l`)."""

    address: str
    fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class NewsletterSettings:
    """The organisation's own newsletter tool (Laposta, Mailchimp, listmonk, ...), opt-in: the job
    alerts page then offers an e-mail signup per list, a plain form that sends nothing until the
    candidate submits it. `forms` by `all` (every vacancy) or a department's name."""

    tool: str = ""  # its name as the page says it ("Je e-mailadres gaat pas naar Laposta ...")
    email_field: str = "email"  # the name of the form's e-mail field (Mailchimp: EMAIL)
    forms: tuple[tuple[str, SignupForm], ...] = ()

    def form(self, department: str | None) -> SignupForm | None:
        return dict(self.forms).get(department or NEWSLETTER_ALL)


NEWSLETTER_ALL = "all"
NEWSLETTER_PARTS = ("tool", "email_field", "forms")
# A form field's name as tools write them: letters, digits and `_-[].` (Mailchimp's `group[1][2]`).
_FIELD_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.\[\]-]{0,63}$")


@dataclass(frozen=True)
class AnalyticsSettings:
    """The organisation's own counting tool, opt-in: without it the pages make no request to any
    other host. `address` is where the tool takes counts and exports (GoatCounter: the site's
    address in it, `https://stats.lindewaard.example`)."""

    tool: str = ""  # "" for none
    address: str = ""

    @property
    def endpoint(self) -> str:
        """Where a page view is sent (GoatCounter's documented `/count`), or "" without a tool."""
        return f"{self.address}/count" if self.tool == "goatcounter" else ""


@dataclass(frozen=True)
class Settings:
    """Everything the engine needs to know about the organisation and the site."""

    root: Path  # the folder that holds the site configuration; data paths are relative to it
    docs_dir: Path  # the organisation's own pages
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
    departments: Path
    wording: Path  # the site's own choices for the text check (`content/wording.py`)
    locations: Path  # the places of work, each with its address (optional file)
    vacancies_dir: Path
    stories_dir: Path
    channels: dict[str, Channel]
    default_channels: tuple[str, ...]
    closing_soon_days: int
    open_weeks: int
    first_interview_weeks: int
    demo_date: dt.date | None  # the day the site is built as of, unless CAREERSITE_TODAY says otherwise
    delete_after_weeks: int
    keep_with_consent_months: int
    salary_period: str  # the period amounts are shown in; "" for the salary table's own (`Site.salary_period`)
    hours_shown: str  # "hours" or "percent"; "" for the country's custom (`Site.hours_shown`)
    holiday_region: str  # a region of the country with its own public holidays ("SCT"), or ""
    public_applicant_list: bool  # offentleglova § 25: the applicant list may be made public
    privacy_page: str
    accessibility_page: str | None  # a page in the pages folder, or the web address of the statement
    contact: SiteContact
    cache_dir: Path  # parsed content, rendered cards and feeds kept between builds
    calendar: CalendarSettings = CalendarSettings()
    cms: CmsSettings = CmsSettings()
    earlier_addresses: tuple[tuple[str, str], ...] = ()  # (old, new), relative to the site root
    analytics: AnalyticsSettings = AnalyticsSettings()
    apply_forwarding: bool = False  # apply buttons go through `<vacancy>/apply/`, which the access logs see
    nav_orgnr: str = ""  # Norway: the organisation number (underenhet) NAV knows the employer by (`make nav`)
    # its facts; the page adds the words of its country's model
    accessibility_statement: AccessibilityStatement = field(default_factory=AccessibilityStatement)
    newsletter: NewsletterSettings = NewsletterSettings()

    @property
    def holiday_area(self) -> str:
        """Whose public holidays the timelines skip: the country, or a region of it ("GB-SCT")."""
        return f"{self.country}-{self.holiday_region}" if self.holiday_region else self.country


@dataclass(frozen=True)
class SiteContact:
    """How a candidate reaches the organisation, in the footer of every page."""

    phone: str = ""
    email: str = ""
    url: str = ""


@dataclass(frozen=True)
class Where:
    """What setting parsers may look things up in."""

    root: Path
    docs_dir: Path
    language: str
    country: str = "NL"  # the site's country, as far as it is known: phone numbers are read as its
    site_dir: Path | None = None  # where the build publishes (MkDocs' site_dir); None in the preview
    theme_dir: Path | None = None  # the theme's own folder (MkDocs' theme.custom_dir), copied into the site


SettingParser = Parser


class Several(Exception):
    """More than one part of a setting is wrong: each is reported."""

    def __init__(self, errors: list[Invalid]) -> None:
        self.errors = errors
        super().__init__(errors)


@dataclass(frozen=True)
class Setting:
    """One setting under `extra: careersite:`: its name, how to read it, its default and meaning.
    A default that is a function is computed from the language (Norwegian sites count per year)."""

    name: str
    parse: SettingParser
    default: Any = None
    doc: str = ""
    required: bool = False
    path: bool = False  # a file or folder, relative to the project: a default that fails its check is still its path

    def unchecked(self, where: Where) -> Any:
        """The default as a value, without its checks: what the settings hold when neither the
        written value nor the default passes (the build stops on the problem reported)."""
        default = self.default(where.language) if callable(self.default) else self.default
        return where.root / default if self.path and isinstance(default, str) else default


# A setting that is text; the reader compares with it (an empty value falls back to the default unchecked).
_text = text()


def _demo_date(value: Any, where: Where) -> dt.date:
    return date(value, None)


def _timezone(value: Any, where: Where) -> ZoneInfo:
    name = scalar(value)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise Invalid("setting.timezone", value=name) from None


def _country(value: Any, where: Where) -> str:
    code = scalar(value).upper()
    if code not in COUNTRIES:
        raise Invalid("setting.country", value=code)
    return code


ADDRESS_PARTS = ("street", "postal_code", "locality", "region")


def _address(value: Any, where: Where) -> Address:
    if not isinstance(value, dict):
        raise Invalid("setting.address", value=value)
    unknown_parts(value, ADDRESS_PARTS, "address")
    parts = {}
    for part in ADDRESS_PARTS:
        if not is_empty(value.get(part)):
            try:
                parts[part] = plain(value[part])
            except Invalid as error:
                raise Invalid(error.key, field=f"address.{part}", **error.params) from None
    return Address(**parts)


def _colour(value: Any, where: Where, name: str) -> str:
    colour = scalar(value)
    if not _COLOUR.match(colour):
        raise Invalid("setting.colour", field=f"colors.{name}", value=colour)
    if len(colour) == 4:
        colour = "#" + "".join(c * 2 for c in colour[1:])
    return colour.upper()


def _colours(value: Any, where: Where) -> dict[str, str]:
    if not isinstance(value, dict):
        raise Invalid("setting.colors", value=value)
    unknown_parts(value, ("primary", "accent"), "colors")
    defaults = {"primary": "#0B5563", "accent": "#F2A900"}
    return {name: _colour(value.get(name) or default, where, name) for name, default in defaults.items()}


def _inside(value: Any, where: Where, base: Path) -> Path:
    """A path relative to `base` that stays inside the repository."""
    name = scalar(value)
    path = Path(os.path.normpath(base / name))
    real = os.path.realpath(path)
    if not (real + os.sep).startswith(os.path.realpath(where.root) + os.sep):
        raise Invalid("setting.outside", value=name)
    return path


def _file(value: Any, where: Where) -> Path:
    path = _inside(value, where, where.root)
    if not path.is_file():
        raise Invalid("setting.missing_file", value=scalar(value))
    return path


def _folder(value: Any, where: Where) -> Path:
    """A content folder of its own: not the site's folder itself, nor the pages folder or one
    that holds it (every Markdown file there would be read as a vacancy or story)."""
    path = _inside(value, where, where.root)
    if path.exists() and not path.is_dir():
        raise Invalid("setting.not_a_folder", value=scalar(value))
    root, pages = Path(os.path.realpath(where.root)), Path(os.path.realpath(where.docs_dir))
    real = Path(os.path.realpath(path))
    if real == root or pages.is_relative_to(real):
        raise Invalid("setting.folder_of_its_own", value=scalar(value))
    return path


def _logo(value: Any, where: Where) -> Path:
    path = _file(value, where)
    if path.suffix.lower() != ".svg" and (problem := unreadable(path)):
        raise Invalid("setting.logo", value=scalar(value), problem=problem)
    return path


def _page(value: Any, where: Where) -> str:
    """A page of the site: a Markdown file in the pages folder (not beside it: `../README.md` is a
    file, but no page, and its footer link would lead nowhere)."""
    name = scalar(value)
    path = where.docs_dir / name
    pages = os.path.realpath(where.docs_dir) + os.sep
    if (
        not name.endswith(".md")
        or ".." in Path(name).parts
        or Path(name).is_absolute()
        or not os.path.realpath(path).startswith(pages)
        or not path.is_file()
    ):
        raise Invalid("setting.page", value=name, folder=where.docs_dir.name)
    return name


def _page_or_link(value: Any, where: Where) -> str:
    text = scalar(value)
    if text.endswith(".md"):
        return _page(value, where)
    if not WEB_ADDRESS.match(text):
        raise Invalid("setting.page_or_link", value=text, folder=where.docs_dir.name)
    return text


def _contact(value: Any, where: Where) -> SiteContact:
    if not isinstance(value, dict):
        raise Invalid("setting.contact", value=shown(value))
    unknown_parts(value, ("phone", "email", "url"), "contact")
    parts = {key: plain(value.get(key)) if not is_empty(value.get(key)) else "" for key in ("phone", "email", "url")}
    errors = []
    if parts["email"] and not is_email(parts["email"]):
        errors.append(Invalid("setting.contact_email", field="contact.email", value=parts["email"]))
    if parts["url"] and not WEB_ADDRESS.match(parts["url"]):
        errors.append(Invalid("setting.contact_url", field="contact.url", value=parts["url"]))
    if parts["phone"] and not is_phone_number(parts["phone"], where.country):
        errors.append(Invalid("setting.contact_phone", field="contact.phone", value=parts["phone"]))
    if errors:
        raise Several(errors)
    return SiteContact(**parts)


def _channels(value: Any, where: Where) -> dict[str, Channel]:
    if not isinstance(value, dict):
        raise Invalid("setting.channels", value=value)
    channels = {}
    for key, spec in value.items():
        field = f"channels.{key}"
        if not isinstance(key, str) or not _CHANNEL_KEY.match(key):
            raise Invalid("setting.channel_key", field=field, value=key)
        if key in RESERVED_FEEDS:
            raise Invalid("setting.channel_reserved", field=field, value=key, names=", ".join(RESERVED_FEEDS))
        spec = spec if spec is not None else {}
        if not isinstance(spec, dict):
            raise Invalid("setting.channel", field=field, value=spec)
        unknown_parts(spec, ("name", "utm_source", "utm_medium", "quiet_days"), field)
        try:
            name = plain(spec.get("name") or DEFAULT_CHANNELS.get(key, key))
            utm = {
                "utm_source": plain(spec.get("utm_source") or key),
                "utm_medium": plain(spec.get("utm_medium") or "social"),
            }
        except Invalid as error:
            raise Invalid(error.key, field=field, **error.params) from None
        quiet = None
        if not is_empty(spec.get("quiet_days")):
            try:
                quiet = whole(1, 365)(spec["quiet_days"], where)
            except Invalid as error:
                raise Invalid(error.key, field=f"{field}.quiet_days", **error.params) from None
        channels[key] = Channel(key, name, utm, quiet)
    return channels


def _keys(value: Any, where: Where) -> tuple[str, ...]:
    if isinstance(value, dict):
        raise Invalid("error.word_list")
    return tuple(scalar(v) for v in (value if isinstance(value, list) else [value]))


def _retention(value: Any, where: Where) -> dict[str, int]:
    if not isinstance(value, dict):
        raise Invalid("setting.applicant_data", value=value)
    unknown_parts(value, ("delete_after_weeks", "keep_with_consent_months"), "applicant_data")
    result = {"delete_after_weeks": 4, "keep_with_consent_months": 12}
    for part, high in (("delete_after_weeks", 52), ("keep_with_consent_months", 60)):
        if part in value:
            try:
                result[part] = whole(0, high)(value[part], where)
            except Invalid as error:
                raise Invalid(error.key, field=f"applicant_data.{part}", **error.params) from None
    return result


def _calendar(value: Any, where: Where) -> CalendarSettings:
    if not isinstance(value, dict):
        raise Invalid("setting.calendar", value=value)
    parts = {"quiet_days": whole(1, 365), "posts_per_day": whole(1, 20), "show_planned": boolean}
    errors: list[Invalid] = every_unknown_part(value, tuple(parts), "calendar")
    result = {}
    for part, parse in parts.items():
        if part in value and not is_empty(value[part]):
            try:
                result[part] = parse(value[part], where)
            except Invalid as error:
                errors.append(Invalid(error.key, field=f"calendar.{part}", **error.params))
    if errors:
        raise Several(errors)
    return CalendarSettings(**result)


CMS_BACKENDS = ("local", "github", "gitlab")
_REPO = re.compile(r"^[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+$")  # GitLab groups may nest


def _cms(value: Any, where: Where) -> CmsSettings:
    if not isinstance(value, dict):
        raise Invalid("setting.cms", value=shown(value))
    unknown_parts(value, ("backend", "repo", "branch", "base_url", "app_id"), "cms")
    parts = {}
    for part, given in value.items():
        try:
            parts[part] = "" if is_empty(given) else _text(given, where)
        except Invalid as error:
            raise Invalid(error.key, field=f"cms.{part}", **error.params) from None
    backend = parts.get("backend") or "local"
    if backend not in CMS_BACKENDS:
        raise Invalid("error.choice", field="cms.backend", value=backend, options=", ".join(CMS_BACKENDS))
    if backend != "local" and not _REPO.match(parts.get("repo", "")):
        raise Invalid("setting.cms_repo", field="cms.repo", value=parts.get("repo", ""), backend=backend)
    if parts.get("base_url") and not WEB_ADDRESS.match(parts["base_url"]):
        raise Invalid("setting.cms_url", field="cms.base_url", value=parts["base_url"])
    if backend == "gitlab" and not parts.get("app_id"):
        raise Invalid("setting.cms_app_id", field="cms.app_id")
    return CmsSettings(
        backend=backend,
        repo=parts.get("repo", ""),
        branch=parts.get("branch") or "main",
        base_url=parts.get("base_url", "").rstrip("/"),
        app_id=parts.get("app_id", ""),
    )


def _signup_form(value: Any, where: Where, field: str) -> SignupForm:
    """A list's form: its address, or `address:` with the hidden `fields:` the tool asks for."""
    if not isinstance(value, dict):
        value = {"address": value}
    unknown_parts(value, ("address", "fields"), field)
    address = "" if is_empty(value.get("address")) else scalar(value["address"])
    if not WEB_ADDRESS.match(address) or not address.lower().startswith("https://"):
        raise Invalid("setting.newsletter_form", field=f"{field}.address", value=address)
    hidden = value.get("fields") or {}
    if not isinstance(hidden, dict):
        raise Invalid("setting.newsletter_fields", field=f"{field}.fields", value=shown(hidden))
    pairs = []
    for name, given in hidden.items():
        if not _FIELD_NAME.match(str(name)):
            raise Invalid("setting.newsletter_field", field=f"{field}.fields", value=name)
        pairs.append((str(name), "" if is_empty(given) else scalar(given)))
    return SignupForm(address, tuple(pairs))


def _newsletter(value: Any, where: Where) -> NewsletterSettings:
    """The newsletter tool's forms, every wrong part reported. Whether each list's name is `all`
    or a department of the site is checked with the content (`slips`)."""
    if not isinstance(value, dict):
        raise Invalid("setting.newsletter", value=shown(value))
    if all(is_empty(v) for v in value.values()):
        return NewsletterSettings()
    errors: list[Invalid] = every_unknown_part(value, NEWSLETTER_PARTS, "newsletter")
    tool = email_field = ""
    try:
        tool = "" if is_empty(value.get("tool")) else _text(value["tool"], where)
        if not tool:
            errors.append(Invalid("setting.newsletter_tool", field="newsletter.tool"))
    except Invalid as error:
        errors.append(Invalid(error.key, field="newsletter.tool", **error.params))
    try:
        email_field = "email" if is_empty(value.get("email_field")) else scalar(value["email_field"])
        if not _FIELD_NAME.match(email_field):
            errors.append(Invalid("setting.newsletter_field", field="newsletter.email_field", value=email_field))
    except Invalid as error:
        errors.append(Invalid(error.key, field="newsletter.email_field", **error.params))
    forms = value.get("forms")
    found: list[tuple[str, SignupForm]] = []
    if not isinstance(forms, dict) or not forms:
        errors.append(Invalid("setting.newsletter_forms", field="newsletter.forms", value=shown(forms)))
    else:
        for name, form in forms.items():
            try:
                found.append((str(name), _signup_form(form, where, f"newsletter.forms.{name}")))
            except Invalid as error:
                errors.append(error)
    if errors:
        raise Several(errors)
    return NewsletterSettings(tool, email_field, tuple(found))


def _analytics(value: Any, where: Where) -> AnalyticsSettings:
    if not isinstance(value, dict):
        raise Invalid("setting.analytics", value=shown(value))
    unknown_parts(value, ("tool", "address"), "analytics")
    parts = {}
    for part in ("tool", "address"):
        try:
            parts[part] = "" if is_empty(value.get(part)) else _text(value[part], where)
        except Invalid as error:
            raise Invalid(error.key, field=f"analytics.{part}", **error.params) from None
    if not parts["tool"] and not parts["address"]:
        return AnalyticsSettings()
    errors = []
    tool = parts["tool"].lower()
    if tool not in ANALYTICS_TOOLS:
        errors.append(
            Invalid("setting.analytics_tool", field="analytics.tool", value=tool, options=", ".join(ANALYTICS_TOOLS))
        )
    address = parts["address"].rstrip("/")
    if not address:
        errors.append(Invalid("setting.analytics_missing", field="analytics.address"))
    elif not WEB_ADDRESS.match(address) or "?" in address or "#" in address:
        errors.append(Invalid("setting.analytics_address", field="analytics.address", value=address))
    if errors:
        raise Several(errors)
    return AnalyticsSettings(tool, address)


def _orgnr(value: Any, where: Where) -> str:
    """A Norwegian organisation number: nine digits (spaces allowed) with a valid MOD11 check digit."""
    number = re.sub(r"\s", "", scalar(value))
    digits = number.isascii() and number.isdigit() and len(number) == 9
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    check = 11 - sum(int(d) * w for d, w in zip(number[:8], weights, strict=False)) % 11 if digits else -1
    if not digits or check == 10 or (0 if check == 11 else check) != int(number[8]):
        raise Invalid("setting.nav_orgnr", value=scalar(value))
    return number


def _statement_status(value: Any, where: Where) -> str:
    letter = scalar(value).upper()
    if letter not in STATUSES:
        raise Invalid("statement.error.status", value=scalar(value), options=", ".join(STATUSES))
    return letter


def _web_address(value: Any, where: Where) -> str:
    address = scalar(value)
    if not WEB_ADDRESS.match(address):
        raise Invalid("setting.contact_url", value=address)
    return address


def _register_entry(value: Any, where: Where) -> str:
    address = _web_address(value, where)
    if not in_register(address, model_of(where.country)):
        raise Invalid("statement.error.register", value=address)
    return address


def _statement_email(value: Any, where: Where) -> str:
    address = scalar(value)
    if not is_email(address):
        raise Invalid("setting.contact_email", value=address)
    return address


def _statement_phone(value: Any, where: Where) -> str:
    number = scalar(value)
    if not is_phone_number(number, where.country):
        raise Invalid("setting.contact_phone", value=number)
    return number


_STATEMENT_PARSERS: dict[str, SettingParser] = {
    "status": _statement_status,
    "breaches": whole(0, 100),
    "requirements": whole(1, 100),
    "date": _demo_date,
    "method": _text,
    "report": _web_address,
    "report_date": _demo_date,
    "register": _register_entry,
    "email": _statement_email,
    "phone": _statement_phone,
    "reply_days": whole(1, 60),
    "complaints": _web_address,
}


def _accessibility_statement(value: Any, where: Where) -> AccessibilityStatement:
    """The statement's facts, every wrong part reported; its register entry lies in the register
    of the site's country (toegankelijkheidsverklaring.nl, uustatus.no)."""
    if not isinstance(value, dict):
        raise Invalid("statement.error.block", value=shown(value))
    errors: list[Invalid] = every_unknown_part(value, STATEMENT_PARTS, "accessibility_statement")
    parts: dict[str, Any] = {}
    for part, parse in _STATEMENT_PARSERS.items():
        if not is_empty(value.get(part)):
            try:
                parts[part] = parse(value[part], where)
            except Invalid as error:
                errors.append(Invalid(error.key, field=f"accessibility_statement.{part}", **error.params))
    total = parts.get("requirements", AccessibilityStatement.requirements)
    if parts.get("breaches", 0) > total:
        part = "accessibility_statement.breaches"
        errors.append(Invalid("setting.integer", field=part, value=parts["breaches"], low=0, high=total))
    if errors:
        raise Several(errors)
    return AccessibilityStatement(**parts)


# An address of the site as an author writes it: letters, digits and `-._~/` (no scheme, query,
# fragment or `..`); a leading slash is allowed and dropped.
_SITE_ADDRESS = re.compile(r"^/?(?!.*\.\.)[A-Za-z0-9._~/-]*$")


def _site_address(value: Any, field: str) -> str:
    text = scalar(value)
    if not _SITE_ADDRESS.match(text) or "//" in text:
        raise Invalid("setting.site_address", field=field, value=text)
    text = text.lstrip("/")
    return text if not text or text.endswith(("/", ".html")) else f"{text}/"


def _earlier_addresses(value: Any, where: Where) -> tuple[tuple[str, str], ...]:
    """Addresses the site had before → where that is now (`vacancies/: vacatures/`); whether the
    new address is one the site makes is checked with the site's pages (`slips.earlier_addresses`)."""
    if not isinstance(value, dict):
        raise Invalid("setting.earlier_addresses", value=value)
    errors, moves = [], []
    for old, new in value.items():
        try:
            before = _site_address(old, f"earlier_addresses.{old}")
            now = _site_address(new, f"earlier_addresses.{old}")
            if not before:
                raise Invalid("setting.earlier_is_home", field=f"earlier_addresses.{old}")
            moves.append((before, now))
        except Invalid as error:
            errors.append(error)
    if errors:
        raise Several(errors)
    return tuple(moves)


SETTINGS: tuple[Setting, ...] = (
    Setting("organisation", _text, doc="name of the employer", required=True),
    Setting("tagline", _text, "", doc="career tagline, on the home page and its card"),
    Setting(
        "language",
        choice(*LANGUAGES),
        "nl",
        doc=f"{', '.join(f'`{code}`' for code in LANGUAGES)}: interface strings, dates and amounts",
    ),
    Setting("timezone", _timezone, "Europe/Amsterdam", doc="closing days end at 23:59:59 in this zone"),
    Setting("country", _country, lambda lang: LANGUAGES_BY_CODE[lang].country, doc="two-letter country code"),
    Setting(
        "holiday_region",
        lambda value, where: _holiday_region(value, where),
        None,
        doc="the region whose public holidays the timelines skip, where a country's differ by region "
        "(GB: `ENG`, `SCT`, `WLS`, `NIR`), as the `holidays` library names it; default: the national ones",
    ),
    Setting("address", _address, {}, doc="`street`, `postal_code`, `locality`, `region`, for structured data"),
    Setting("logo", _logo, doc="logo file (PNG or JPEG for the cards)"),
    Setting(
        "colors",
        _colours,
        {},
        doc="`primary` (#0B5563) and `accent` (#F2A900) as #RRGGBB; text on them is adjusted to WCAG AA",
    ),
    Setting("salary_table", _file, "content/data/salary.yml", doc="the salary table file", path=True),
    Setting("processes", _file, "content/data/processes.yml", doc="the hiring processes file", path=True),
    Setting(
        "departments",
        lambda value, where: _inside(value, where, where.root),
        "content/data/departments.yml",
        doc="the list of departments that the web editor offers (and where it adds one); optional: "
        "without the file, a department is written in each file",
        path=True,
    ),
    Setting(
        "wording",
        lambda value, where: _inside(value, where, where.root),
        "content/data/wording.yml",
        doc="the site's own choices for the text check (optional file): `skip` (rules and checks switched off), "
        "`words` (phrases added per rule) and `sentence_words` (the longest sentence, in words)",
        path=True,
    ),
    Setting(
        "locations",
        lambda value, where: _inside(value, where, where.root),
        "content/data/locations.yml",
        doc="the places of work with their addresses (optional file): a vacancy whose `location` begins with a "
        "place's `name` carries that address in its structured data, job-board feed and NAV ad; else the "
        "organisation's `address`",
        path=True,
    ),
    Setting("vacancies_dir", _folder, "vacancies", doc="folder of the vacancy files", path=True),
    Setting("stories_dir", _folder, "stories", doc="folder of the story files and their photos", path=True),
    Setting(
        "channels",
        _channels,
        {key: None for key in DEFAULT_CHANNELS},
        doc="social channels with their feeds (default `linkedin`, `facebook`, `instagram`, `x`): per key "
        "(lowercase letters, digits, hyphens; not `vacancies`, `stories`, `department` or `index`, the site's own "
        "feeds) a `name` and optional `utm_source`, `utm_medium`, and `quiet_days` for a channel that posts less "
        "often than `calendar.quiet_days`",
    ),
    Setting("default_channels", _keys, None, doc="channels of items that name none (default: all channels)"),
    Setting("closing_soon_days", whole(0, 60), 7, doc="days before closing that a vacancy shows *closing soon*"),
    Setting(
        "open_weeks",
        whole(1, 52),
        8,
        doc="a vacancy open longer than this many weeks, from `published` to `closes`, is a warning: "
        "candidates read a long term as no hurry, and the best have gone elsewhere",
    ),
    Setting(
        "first_interview_weeks",
        whole(1, 26),
        3,
        doc="a first interview (the process's second step) more than this many weeks after closing is a warning",
    ),
    Setting(
        "demo_date",
        _demo_date,
        doc="the day the site is built as of, always: for a demo or an example that must not age (pages "
        "then never close themselves in the browser). `CAREERSITE_TODAY` overrides it; `make new-site` removes it",
    ),
    Setting(
        "applicant_data",
        _retention,
        {},
        doc="`delete_after_weeks` (4) and `keep_with_consent_months` (12), shown on each vacancy",
    ),
    Setting(
        "salary_period",
        choice("month", "year", "hour"),
        None,
        doc="period amounts are shown in: `month`, `year` or `hour` (default: as the country's public employers "
        "advertise: per year in NO, GB, IE, US, CA, AU, NZ; per month in NL; elsewhere the salary table's `period`)",
    ),
    Setting(
        "hours_shown",
        choice("hours", "percent"),
        None,
        doc="working time as `hours` a week or as a `percent` of a full-time post with its hours (default: "
        "`percent` in NO, SE, FI, where posts are advertised so; `hours` elsewhere)",
    ),
    Setting(
        "public_applicant_list",
        boolean,
        lambda lang: LANGUAGES_BY_CODE[lang].public_applicants,
        doc="`true` shows on each vacancy that applications are public records (Norway's offentleglova § 25, "
        "Sweden's offentlighetsprincipen; default for `nb` and `sv`); Danish sites say that hiring cases are "
        "exempt from access to documents",
    ),
    Setting("privacy_page", _page, "privacy.md", doc="the page on applicant data, in the pages folder"),
    Setting(
        "accessibility_page",
        _page_or_link,
        None,
        doc="the accessibility statement: a page in the pages folder or its web address; linked in the footer",
    ),
    Setting(
        "accessibility_statement",
        _accessibility_statement,
        {},
        doc="the facts of the statement, which its page (`template: accessibility.html`) states in the model of "
        "the site's `country` (NL: digitoegankelijk.nl's, NO: uustatus.no's, elsewhere the EU's): `status` (A–E, "
        "as in the register), `breaches` (NO: how many of the `requirements`, 47, are breached), `date` (last "
        "reviewed), `method` (how the site was checked), `report` and `report_date` (the audit), `register` (the "
        "statement's entry on toegankelijkheidsverklaring.nl or uustatus.no), `email` and `phone` (default: "
        "`contact`), `reply_days`, `complaints` (web address of the complaint route; NL default: the Nationale "
        "ombudsman). `make check` warns while status, a date of the past year, the register entry or a contact "
        "is missing",
    ),
    Setting(
        "contact",
        _contact,
        {},
        doc="`phone` (a number that can be called in the site's `country`), `email` (one address, no `?` or "
        "`%`) and `url` of the organisation, shown in the footer",
    ),
    Setting(
        "calendar",
        _calendar,
        {},
        doc="content calendar: `quiet_days` (14) a channel may go without a post and `posts_per_day` (1) "
        "before `make check` warns; `show_planned` (`false`) puts items not yet online in the published calendar",
    ),
    Setting(
        "cms",
        _cms,
        {},
        doc="the web editor at `/admin/`: `backend` `local` (default: saves through `make cms`), `github` or "
        "`gitlab`, with `repo` (owner/name), `branch` (main), `base_url` (GitHub: your OAuth provider; GitLab: "
        "your own GitLab) and `app_id` (GitLab: the OAuth application's id)",
    ),
    Setting(
        "earlier_addresses",
        _earlier_addresses,
        {},
        doc="addresses the site had before, each with the address it has now (`vacancies/: vacatures/`); each "
        "old address gets a page that sends the reader on, so that shared links keep working. An old folder "
        "of the vacancies or stories sends each item on too (`vacancies/ciso/` → `vacatures/ciso/`)",
    ),
    Setting(
        "newsletter",
        _newsletter,
        {},
        doc="opt-in e-mail job alerts with the organisation's own newsletter tool (Laposta, Mailchimp, listmonk, "
        "...): `tool` (its name, as the page says it), `email_field` (the form's e-mail field, default `email`; "
        "Mailchimp: `EMAIL`) and `forms`: per list, `all` or a department's name, the signup form's https address, "
        "or `address:` with the hidden `fields:` the tool asks for (listmonk: `l: <list uuid>`). The job alerts "
        "page then shows a signup per list; nothing is sent until the candidate submits it",
    ),
    Setting(
        "analytics",
        _analytics,
        {},
        doc="opt-in counting with the organisation's own, cookieless counting tool: `tool` (`goatcounter`) and "
        "`address` (the site's address in it, `https://stats.example.org`). Each page then sends a page view "
        "there, and each click on an apply button an event; `make report` reads the tool's export. Without it "
        "the pages load nothing from another host",
    ),
    Setting(
        "apply_forwarding",
        boolean,
        False,
        doc="`true` sends an apply button that opens a web address through a page of the site "
        "(`/vacatures/<slug>/apply/`), so that the web server's logs see each click and `make report` "
        "counts apply clicks per channel (an e-mail address is never forwarded)",
    ),
    Setting(
        "nav_orgnr",
        _orgnr,
        None,
        doc="Norway: the organisation number of the underenhet (virksomhet) that employs, as in "
        "Brønnøysundregistrene, for `make nav` (NAV's stillingsimport)",
    ),
    Setting(
        "cache_dir",
        lambda value, where: _inside(value, where, where.root),  # a file in its place is damage the build repairs
        ".cache",
        doc="where cards, feeds and parsed files are kept between builds: a folder of its own inside the project, "
        "apart from the pages, theme, content, hooks, `.git` and the site (`site_dir`, which must lie apart too)",
        path=True,
    ),
)


class _Reader:
    """Reads the declared settings from the mapping and collects problems instead of raising."""

    def __init__(self, raw: dict[str, Any], lines: LineDict | None, config_path: str, t: Translator) -> None:
        self.raw = raw
        self.lines = lines
        self.config_path = config_path
        self.t = t
        self.problems: list[Problem] = []

    def line(self, field: str) -> int:
        """The line of `extra.careersite.<field>` in the configuration file, as deep as it is known
        (keys may hold dots themselves: `channels.../../x`)."""
        mapping, best, rest = self.lines, 0, field
        while rest and isinstance(mapping, LineDict):
            key = next((k for k in mapping.lines if rest == str(k) or rest.startswith(f"{k}.")), None)
            if key is None:
                break
            best, mapping, rest = mapping.lines[key], mapping[key], rest[len(str(key)) + 1 :]
        return best

    def problem(self, field: str, key: str, **params: Any) -> None:
        where = f"{CONFIG_KEY}.{field}" if field else CONFIG_KEY
        self.problems.append(Problem(self.config_path, self.line(field), where, self.t(key, **params)))

    def read(self, spec: Setting, where: Where) -> Any:
        default = spec.default(where.language) if callable(spec.default) else spec.default
        if spec.name not in self.raw or (is_empty(self.raw[spec.name]) and not spec.required):
            if spec.required:
                self.problem(spec.name, "setting.missing", name=spec.name)
            value = default
            if value is None or spec.parse is _text:
                return value
        else:
            value = self.raw[spec.name]
        if control := control_problem(value):
            self.problem(".".join(filter(None, (spec.name, control.field))), control.key, **control.params)
            try:
                return spec.parse(default, where) if default is not None and spec.parse is not _text else default
            except (Invalid, Several):
                return spec.unchecked(where)
        try:
            return spec.parse(value, where)
        except Invalid as error:
            self.problem(error.field or spec.name, error.key, **error.params)
        except Several as several:
            for invalid in several.errors:
                self.problem(invalid.field or spec.name, invalid.key, **invalid.params)
        try:
            return spec.parse(default, where) if default is not None else None
        except (Invalid, Several):
            return spec.unchecked(where)


def config_lines(lines: LineDict | None) -> LineDict | None:
    """The `extra.careersite` block of a configuration read with its lines, if it is one."""
    extra = lines.get("extra") if isinstance(lines, LineDict) else None
    block = extra.get("careersite") if isinstance(extra, LineDict) else None
    return block if isinstance(block, LineDict) else None


def load_settings(
    extra: dict[str, Any],
    *,
    root: Path,
    site_url: str,
    config_path: str,
    docs_dir: Path | None = None,
    lines: LineDict | None = None,
    site_dir: Path | None = None,
    theme_dir: Path | None = None,
) -> tuple[Settings, list[Problem]]:
    """Typed settings from the `extra.careersite` mapping, with a problem for each wrong value.
    `lines` is the configuration file as read with its lines, so problems can name their line.
    `site_dir` and `theme_dir` are MkDocs' folders the build writes and copies: the folders the
    build writes must lie apart from them and from the content."""
    raw = (extra or {}).get("careersite")
    block = config_lines(lines)
    language = raw.get("language") if isinstance(raw, dict) else None
    t = Translator(language if language in LANGUAGES else "nl")
    r = _Reader(raw if isinstance(raw, dict) else {}, block, config_path, t)
    top = lines.lines if isinstance(lines, LineDict) else {}
    if not re.match(r"^https?://[^/\s]+", site_url or ""):
        r.problems.append(Problem(config_path, top.get("site_url", 0), "site_url", t("setting.site_url")))
    if raw is not None and not isinstance(raw, dict):
        r.problem("", "setting.block", value=shown(raw))
    for name in ("site_name", "site_description", "copyright"):  # MkDocs' own, shown on every page
        if control := control_problem(lines.get(name) if isinstance(lines, LineDict) else None):
            r.problems.append(Problem(config_path, top.get(name, 0), name, t(control.key, **control.params)))
    for key, line in block.duplicates if block is not None else []:
        r.problems.append(Problem(config_path, line, f"{CONFIG_KEY}.{key}", t("error.duplicate")))
    names = [spec.name for spec in SETTINGS]
    for key in r.raw:
        if key not in names:
            close = suggest(key, names)
            hint = t("error.did_you_mean", name=close) if close else t("error.known_fields", names=", ".join(names))
            r.problem(str(key), "setting.unknown", hint=hint)

    where = Where(root, docs_dir or root / "docs", t.language, _known_country(r.raw, t.language), site_dir, theme_dir)
    values = {spec.name: r.read(spec, where) for spec in SETTINGS}
    channels = values["channels"] or {}
    default_channels = values["default_channels"] if values["default_channels"] is not None else tuple(channels)
    for key in default_channels:
        if key not in channels:
            r.problem("default_channels", "error.unknown_channel", value=key, options=", ".join(channels))
    if values["vacancies_dir"] == values["stories_dir"]:
        r.problem("stories_dir", "setting.same_folder")
    cache_dir = values["cache_dir"]
    if docs_dir and (str(cache_dir) + os.sep).startswith(str(docs_dir) + os.sep):
        r.problem("cache_dir", "setting.cache_in_pages", folder=docs_dir.name)
    elif cache_dir is not None:
        for key, params in _written_folder_problems(cache_dir, "cache_dir", values, where):
            r.problem("cache_dir", key, **params)
    if site_dir is not None:
        for key, params in _written_folder_problems(site_dir, "site_dir", values, where):
            r.problems.append(Problem(config_path, top.get("site_dir", 0), "site_dir", t(key, **params)))
    # Each value is the written one, else its declared default (`SETTINGS`): no default is restated here.
    colours, retention = values["colors"], values["applicant_data"]
    settings = Settings(
        root=root,
        docs_dir=where.docs_dir,
        site_url=(site_url or "").rstrip("/") + "/",
        organisation=values["organisation"] or "",  # required: its absence is a problem already
        tagline=values["tagline"],
        language=t.language,
        timezone=values["timezone"],
        country=values["country"],
        address=values["address"],
        logo=values["logo"],
        primary_colour=colours["primary"],
        accent_colour=colours["accent"],
        salary_table=values["salary_table"],
        processes=values["processes"],
        departments=values["departments"],
        wording=values["wording"],
        locations=values["locations"],
        vacancies_dir=values["vacancies_dir"],
        stories_dir=values["stories_dir"],
        channels=channels,
        default_channels=default_channels,
        closing_soon_days=values["closing_soon_days"],
        open_weeks=values["open_weeks"],
        first_interview_weeks=values["first_interview_weeks"],
        demo_date=values["demo_date"],
        delete_after_weeks=retention["delete_after_weeks"],
        keep_with_consent_months=retention["keep_with_consent_months"],
        salary_period=values["salary_period"] or "",  # none: as the country advertises (`Site`)
        hours_shown=values["hours_shown"] or "",  # none: as the country advertises (`Site`)
        holiday_region=values["holiday_region"] or "",  # none: the country's own holidays
        public_applicant_list=bool(values["public_applicant_list"]),
        privacy_page=values["privacy_page"],
        accessibility_page=values["accessibility_page"],
        contact=values["contact"],
        cache_dir=cache_dir,
        calendar=values["calendar"],
        earlier_addresses=values["earlier_addresses"],
        cms=values["cms"],
        analytics=values["analytics"],
        apply_forwarding=bool(values["apply_forwarding"]),
        nav_orgnr=values["nav_orgnr"] or "",
        accessibility_statement=values["accessibility_statement"],
        newsletter=values["newsletter"],
    )
    return settings, r.problems


def _holiday_region(value: Any, where: Where) -> str:
    code = scalar(value).upper()
    import holidays  # here: only a site with a region needs the library's list

    try:
        regions = holidays.country_holidays(where.country).subdivisions
    except NotImplementedError:
        regions = ()
    if code not in regions:
        raise Invalid("setting.holiday_region", value=code, country=where.country, options=", ".join(regions) or "-")
    return code


def _known_country(raw: dict[str, Any], language: str) -> str:
    """The site's country for reading other settings (phone numbers); a wrong one is reported by
    its own setting, and the language's default is used meanwhile."""
    spec = next(spec for spec in SETTINGS if spec.name == "country")
    try:
        return _country(raw["country"], Where(Path("."), Path("."), language))
    except (KeyError, Invalid):
        return spec.default(language)


def _written_folder_problems(
    folder: Path, name: str, values: dict[str, Any], where: Where
) -> list[tuple[str, dict[str, Any]]]:
    """Why a folder the build writes and empties (`cache_dir`, `site_dir`) cannot be where it is:
    outside the project, the project itself, a file, or in or around a folder the build reads or
    publishes (the pages, the theme, the content, hooks, .git, the other written folder)."""
    root = Path(os.path.realpath(where.root))
    # A link in the folder's own place is replaced by the build, not followed: only its parents count.
    folder = Path(os.path.normpath(folder))
    real = Path(os.path.realpath(folder.parent)) / folder.name
    shown = os.path.relpath(folder, where.root)
    if not real.is_relative_to(root) or real == root:
        return [("setting.outside" if real != root else "setting.written_is_root", {"value": shown, "name": name})]
    # A file where the build's own `.cache` should be is damage the build repairs; a setting that
    # names some other file (README.md) would have it replaced by a folder.
    own = name == "cache_dir" and folder == where.root / ".cache"
    if os.path.lexists(folder) and not os.path.isdir(folder) and not os.path.islink(folder) and not own:
        return [("setting.written_is_file", {"value": shown, "name": name})]
    others = {
        "docs_dir": where.docs_dir,
        "theme.custom_dir": where.theme_dir,
        "vacancies_dir": values.get("vacancies_dir") or where.root / "vacancies",
        "stories_dir": values.get("stories_dir") or where.root / "stories",
        "hooks": where.root / "hooks",
        ".git": where.root / ".git",
        "site_dir": where.site_dir if name != "site_dir" else None,
    }
    for other_name, other in others.items():
        if other is None:
            continue
        other_real = Path(os.path.realpath(other))
        if real.is_relative_to(other_real) or other_real.is_relative_to(real):
            other_shown = os.path.relpath(other, where.root)
            if other_shown != other_name:
                other_shown = f"{other_shown} ({other_name})"
            return [("setting.written_overlaps", {"value": shown, "name": name, "other": other_shown})]
    return []


def _shown_default(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def settings_table() -> str:
    """The Markdown table of the settings, generated from their declaration."""
    rows = ["| setting | default | meaning |", "|---|---|---|"]
    for spec in SETTINGS:
        if spec.required:
            default = "required"
        elif callable(spec.default):
            # The default follows the language: Dutch's, then each other language's where it differs.
            base = _shown_default(spec.default("nl"))
            others = [(code, _shown_default(spec.default(code))) for code in LANGUAGES if code != "nl"]
            default = ", ".join([f"`{base}`", *(f"`{value}` for `{code}`" for code, value in others if value != base)])
        elif isinstance(spec.default, str | int) and spec.default != "":
            default = f"`{spec.default}`"
        else:
            default = ""
        rows.append(f"| `{spec.name}` | {default} | {spec.doc} |")
    return "\n".join(rows)
