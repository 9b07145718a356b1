"""Value types for front-matter fields: each parses an author's value or raises `Invalid`.

Authors paste from Word, leave values empty, write lists where one value belongs and type dates
that do not exist; every parser here turns such a value into a message, never into an exception
of Python's own or a value shown as `['Sanne', 'Piet']` or `None`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import math
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import phonenumbers

from careersite.content.images import unreadable
from careersite.content.sources import REPORTED_CHARACTERS, BadDate, Stray
from careersite.content.wording import CHECKS
from careersite.i18n import Month, Term
from careersite.rules.salary import PERIODS, Range

if TYPE_CHECKING:
    from careersite.content.model import Context

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")
EMAIL_ADDRESS = re.compile(r"^[^@\s:/\"'<>\\]+@[^@\s/\"'<>\\]+\.[a-z]{2,}$", re.IGNORECASE)
# An absolute web address: a host with a dot, then nothing that could end an HTML attribute.
WEB_ADDRESS = re.compile(r"^https?://[^\s/?#\"'<>\\]+\.[^\s/?#\"'<>\\]+(?:[/?#][^\s\"<>\\^`{|}]*)?$", re.IGNORECASE)
HOURS = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(?:[-–]\s*(\d+(?:[.,]\d+)?))?\s*$")
_TAG = re.compile(r"<\s*/?\s*[a-z][a-z0-9-]*(?:\s[^<>]*)?/?\s*>|<!--", re.IGNORECASE)
# What `make new-vacancy` and `make new-story` leave for the author to fill in: "[[one or two sentences]]".
PLACEHOLDER = re.compile(r"\[\[[^\]]*\]\]")
_YMD = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
SOCIAL_LIMIT = 200  # a feed item's description, posted as it is
VIDEO_SUFFIXES = (".mp4", ".webm")
EARLIEST = dt.date(2000, 1, 1)  # dates outside these years are typing mistakes (9999, 0001, 2207)
LATEST = dt.date(2099, 12, 31)
# Pay a public employer can mean, per period; outside it an amount is a typing mistake, such as
# 3.496 for 3496 (YAML reads the point as a decimal point) or a number with three zeros too many.
PLAUSIBLE_PAY = {"hour": (1.0, 1_000.0), "month": (100.0, 100_000.0), "year": (1_000.0, 1_500_000.0)}
_KEEP_FORMAT = {"\u200c", "\u200d", "\u200e", "\u200f"}  # joiners and direction marks that scripts need

Parser = Callable[[Any, Any], Any]  # parse(value, ctx): the value, or Invalid


class Invalid(Exception):
    """A value an author wrote is wrong; `key` names the message in the interface strings."""

    def __init__(self, key: str, field: str | None = None, **params: Any) -> None:
        self.key = key
        self.field = field  # a sub-field, such as `contact.phone`, when the problem is inside a mapping
        self.params = {name: shown(value) if name == "value" else value for name, value in params.items()}
        super().__init__(key)


def shown(value: Any, limit: int = 60) -> str:
    """A value as an author wrote it, short enough for a message: a hostile value may be huge."""
    if isinstance(value, list):
        text = "[" + ", ".join(shown(v, limit) for v in value[:5]) + (", …" if len(value) > 5 else "") + "]"
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{k}: {shown(v, limit)}" for k, v in list(value.items())[:5]) + "}"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = ""
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Field:
    """One front-matter field: its name, how to read it, and what an author needs to know."""

    name: str
    parse: Parser
    required: bool = False
    default: Any = None
    doc: str = ""
    example: str = ""
    form: str = "line"  # how the web editor asks for it: one of FORMS

    def __post_init__(self) -> None:
        if self.form not in FORMS:
            raise ValueError(f"field {self.name}: form {self.form!r} is none of {', '.join(FORMS)}")


# What a form in the web editor (/admin/) offers for a field; outputs/cms.py turns each into a widget.
FORMS = (
    "line",  # one line of text
    "text",  # a sentence or two
    "date",
    "hours",  # a number or a range of hours
    "choice",  # one of the options of its parser (`choice(...)`)
    "education",  # one of the education levels of the site's country
    "department",  # one of the departments the site's content names
    "scale",  # one or more scales of the salary table
    "salary",  # min, max, period and currency
    "contact",  # name, role, phone, email
    "process",  # one of the hiring processes
    "process_dates",  # a date per step of the processes
    "channels",  # some of the site's channels
    "social",
    "accept",  # a reason per rule of the text check
    "documents",  # some of the documents an application consists of
    "stories",  # some of the stories
    "words",  # free words, such as tags
    "photo",  # an image in the stories folder
    "identifier",
)


@dataclass(frozen=True)
class Contact:
    name: str
    role: str
    phone: str = ""
    email: str = ""


def is_empty(value: Any) -> bool:
    """Nothing written: `field:` with no value, or only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def control_character(value: Any, depth: int = 0) -> tuple[str, str] | None:
    """The first control character in a value read from YAML, in any text of it, keys included,
    as (where, character): `where` is the path below the value ("contact.name"), empty for the
    value itself. YAML escapes ("\\u0001") make these only when the file is read, so they pass the
    check of the raw text."""
    if isinstance(value, str):
        match = REPORTED_CHARACTERS.search(value)
        return ("", match.group()) if match else None
    if depth > 32:
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            found = control_character(key, depth + 1)
            if found is None:
                found = control_character(item, depth + 1)
            if found is not None:
                where = str(key) if not REPORTED_CHARACTERS.search(str(key)) else ""
                return (".".join(filter(None, (where, found[0]))), found[1])
    elif isinstance(value, list | tuple):
        for item in value:
            if (found := control_character(item, depth + 1)) is not None:
                return found
    return None


def control_problem(value: Any) -> Invalid | None:
    """The problem of a value holding a control character, naming the part it is in."""
    found = control_character(value)
    if found is None:
        return None
    where, char = found
    stray = Stray(0, char)
    return Invalid("error.control_character", field=where or None, code=stray.code, name=stray.name)


def scalar(value: Any, message: str = "error.text") -> str:
    """One value as text: a list or a mapping where one value belongs is a mistake, and so is a
    control character in it, however it was written: raw characters are reported where the file is
    read (`sources.clean`), but a YAML escape ("\\u0001", "\\x1b", "\\e") makes one only when the
    value is read, and feed writers and terminals refuse or obey it."""
    if isinstance(value, list):
        raise Invalid("error.not_a_list", value=value)
    if isinstance(value, bool) or not isinstance(value, str | int | float | dt.date):
        raise Invalid(message, value=value)
    text = str(value)
    if isinstance(value, str) and (found := REPORTED_CHARACTERS.search(text)):
        stray = Stray(0, found.group())
        raise Invalid("error.control_character", code=stray.code, name=stray.name)
    return text.strip()


def plain(value: Any) -> str:
    """Text on one line, without characters that show nothing; empty when nothing visible is left.
    HTML is refused: these values are shown as text, posted as text and read as HTML by feed readers."""
    text = " ".join(scalar(value).split())
    if tag := _TAG.search(text):
        raise Invalid("error.markup", value=tag.group())
    if gap := PLACEHOLDER.search(text):
        raise Invalid("error.placeholder", value=gap.group())
    # Every format character (Cf) lies outside ASCII: most values skip the scan, character by character.
    if not text.isascii() and any(unicodedata.category(c) == "Cf" for c in text):
        text = "".join(c for c in text if c in _KEEP_FORMAT or unicodedata.category(c) != "Cf").strip()
        if not text.strip("".join(_KEEP_FORMAT)):
            raise Invalid("error.invisible_only")
    return text


# The value parsers of front matter, settings and data files are one family: `parse(value, ctx)`
# returns the value or raises `Invalid`. `ctx` is what the reader knows around the value (the
# content's `Context`, the settings' `Where`, a data block's values read before it); the plain
# parsers below ignore it, so every reader uses the same ones.


def text(max_length: int | None = None) -> Parser:
    def parse(value: Any, ctx: Any) -> str:
        result = plain(value)
        if not result:
            raise Invalid("error.empty")
        if max_length and len(result) > max_length:
            raise Invalid("error.too_long", length=len(result), max=max_length)
        return result

    return parse


def optional_text(value: Any, ctx: Any) -> str:
    """Text that may be left empty (a description, a summary)."""
    return plain(value) if not is_empty(value) else ""


def whole(low: int, high: int, message: str = "setting.integer") -> Parser:
    """A whole number from `low` to `high`; `message` takes `value`, `low` and `high`."""

    def parse(value: Any, ctx: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise Invalid(message, value=value, low=low, high=high)
        return value

    return parse


def number(low: float, high: float, message: str) -> Parser:
    """A finite number from `low` to `high`, as a float; `message` takes `value`."""

    def parse(value: Any, ctx: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise Invalid(message, value=value)
        if not low <= value <= high:
            raise Invalid(message, value=value)
        return float(value)

    return parse


def boolean(value: Any, ctx: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid("setting.boolean", value=value)
    return value


def currency(value: Any, ctx: Any) -> str:
    """An ISO 4217 code, such as EUR or NOK."""
    code = scalar(value).upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise Invalid("error.currency", value=code)
    return code


def date(value: Any, ctx: Context | None) -> dt.date:
    """A date in the years a site may name; it needs no context (a data file's date has none)."""
    if isinstance(value, BadDate):
        raise _impossible(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        raise Invalid("error.not_a_date", value=value)
    if not EARLIEST <= value <= LATEST:
        raise Invalid("error.date_range", value=value.isoformat(), first=EARLIEST.year, last=LATEST.year)
    return value


def _impossible(value: str) -> Invalid:
    """Why a date that YAML recognised as one does not exist: no such month, or no such day."""
    match = _YMD.match(value)
    if not match:
        return Invalid("error.not_a_date", value=value)
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return Invalid("error.no_such_month", value=value, month=month)
    if not 1 <= year <= 9999:
        return Invalid("error.date_range", value=value, first=EARLIEST.year, last=LATEST.year)
    days = calendar.monthrange(year, month)[1]
    return Invalid("error.no_such_day", value=value, day=day, month=Month(month), year=year, days=days)


def hours(value: Any, ctx: Context) -> tuple[float, float]:
    if isinstance(value, bool | list | dict):
        raise Invalid("error.hours", value=value)
    if isinstance(value, int | float):
        low = high = float(value)
    else:
        match = HOURS.match(str(value))
        if not match:
            raise Invalid("error.hours", value=value)
        low = float(match.group(1).replace(",", "."))
        high = float((match.group(2) or match.group(1)).replace(",", "."))
    if not 0 < low <= high <= 60:
        raise Invalid("error.hours", value=value)
    return low, high


def scale(value: Any, ctx: Context) -> tuple[str, ...]:
    if isinstance(value, dict):
        raise Invalid("error.scale_shape", value=value)
    keys = tuple(scalar(v, "error.scale_shape") for v in (value if isinstance(value, list) else [value]))
    if not keys or not all(keys):
        raise Invalid("error.empty")
    table = ctx.salary_table
    known = list(table.scales) if table else []
    for key in keys:
        if table and key not in table.scales:
            raise Invalid("error.unknown_scale", value=key, options=short_list(known), file=ctx.salary_table_path)
    return tuple(sorted(keys, key=lambda k: known.index(k) if k in known else 0))


SALARY_PARTS = ("min", "max", "period", "currency")


def salary(value: Any, ctx: Context) -> Range:
    if not isinstance(value, dict):
        raise Invalid("error.salary_shape")
    unknown_parts(value, SALARY_PARTS, "salary")
    try:
        period = choice(*PERIODS)(value.get("period") or ctx.default_period, ctx)
    except Invalid as error:
        raise Invalid(error.key, field="salary.period", **error.params) from None
    low_limit, high_limit = PLAUSIBLE_PAY[period]
    for part in ("min", "max"):
        amount = value.get(part)
        where = f"salary.{part}"
        if is_empty(amount):
            raise Invalid("error.missing_part", field=where, part=part)
        if isinstance(amount, bool) or not isinstance(amount, int | float) or not math.isfinite(amount) or amount < 0:
            raise Invalid("error.salary_amount", field=where)
        if amount > high_limit:
            raise Invalid("error.salary_high", field=where, value=amount, period=Term(f"term.period.{period}"))
        if 0 < amount < low_limit:
            raise Invalid("error.salary_low", field=where, value=amount, period=Term(f"term.period.{period}"))
    if value["min"] > value["max"]:
        raise Invalid("error.salary_order", field="salary.max")
    try:
        code = currency(value.get("currency") or ctx.default_currency, ctx)
    except Invalid as error:
        raise Invalid(error.key, field="salary.currency", **error.params) from None
    return Range(float(value["min"]), float(value["max"]), code, period)


# Field names authors write in their own language, and the field they mean.
_SYNONYMS = {
    **dict.fromkeys(("titel", "tittel", "functie", "functietitel", "stillingstittel"), "title"),
    **dict.fromkeys(("samenvatting", "sammendrag", "intro", "inleiding"), "summary"),
    **dict.fromkeys(("afdeling", "avdeling", "team", "dienst"), "department"),
    **dict.fromkeys(("locatie", "plaats", "standplaats", "sted", "arbeidssted"), "location"),
    **dict.fromkeys(("uren", "uur", "timer", "werktijd"), "hours"),
    **dict.fromkeys(("schaal", "salarisschaal", "lønnstrinn"), "scale"),
    **dict.fromkeys(("salaris", "loon", "lønn", "lonn"), "salary"),
    **dict.fromkeys(("gepubliceerd", "publicatie", "publisert", "online"), "published"),
    **dict.fromkeys(("sluitingsdatum", "sluit", "deadline", "søknadsfrist", "frist"), "closes"),
    **dict.fromkeys(("solliciteren", "sollicitatie", "link", "søk", "url"), "apply"),
    **dict.fromkeys(("contactpersoon", "kontakt", "kontaktperson", "vragen"), "contact"),
    **dict.fromkeys(("procedure", "prosess"), "process"),
    **dict.fromkeys(("naam", "navn"), "name"),
    **dict.fromkeys(("rol", "rolle", "functie", "stilling"), "role"),
    **dict.fromkeys(("telefoon", "telefoonnummer", "tel", "telefon", "mobiel", "mobil"), "phone"),
    **dict.fromkeys(("mail", "e-mail", "emailadres", "e-mailadres", "epost", "e-post"), "email"),
    **dict.fromkeys(("minimum", "van", "fra"), "min"),
    **dict.fromkeys(("maximum", "tot", "til"), "max"),
    **dict.fromkeys(("periode",), "period"),
    **dict.fromkeys(("valuta",), "currency"),
    **dict.fromkeys(("foto", "bilde", "afbeelding"), "photo"),
    **dict.fromkeys(("citaat", "sitat"), "quote"),
}


def suggest(key: Any, known: tuple[str, ...] | list[str]) -> str | None:
    """The declared name an author probably meant: a translation, or a close spelling."""
    word = str(key).strip().casefold()
    if _SYNONYMS.get(word) in known:
        return _SYNONYMS[word]
    close = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.6)
    return close[0] if close else None


def every_unknown_part(value: dict[Any, Any], known: tuple[str, ...], name: str) -> list[Invalid]:
    """Each key inside a block that the block does not have, not only the first."""
    found = []
    for key in value:
        try:
            unknown_parts({key: None}, known, name)
        except Invalid as error:
            found.append(error)
    return found


def unknown_parts(value: dict[Any, Any], known: tuple[str, ...], name: str) -> None:
    """A key inside a block that the block does not have (`telefoon:` in `contact`)."""
    for key in value:
        if str(key) not in known:
            close = suggest(key, known)
            message = "error.unknown_part" if close else "error.unknown_part_any"
            raise Invalid(message, field=f"{name}.{key}", value=key, hint=f"'{close}'", parts=", ".join(known))


# What an e-mail address may not hold, though the address pattern would let it: a query (`?bcc=`),
# encoded characters (`%40` is a second @ once a mail program decodes it), and what separates
# addresses or parameters.
_NOT_IN_AN_ADDRESS = re.compile(r"[?#%&,;=]")
# The only parts a `mailto:` link to apply may add: a subject and a text, never more addressees.
_MAILTO_PARTS = frozenset({"subject", "body"})


def is_email(value: str) -> bool:
    """One e-mail address, as a mail program reads it after decoding: nothing hidden in it."""
    return bool(EMAIL_ADDRESS.match(value)) and not _NOT_IN_AN_ADDRESS.search(value)


def is_phone_number(value: str, country: str) -> bool:
    """A number that can be called: digits with spaces, dashes, dots or brackets, possible for the
    site's country (or the one after +), and not one digit over and over ("0000000")."""
    if not re.fullmatch(r"\+?[0-9 ()./-]{6,25}", value) or len(re.sub(r"\D", "", value)) < 6:
        return False
    try:
        parsed = phonenumbers.parse(value, country)
    except phonenumbers.NumberParseException:
        return False
    national = str(parsed.national_number)
    return phonenumbers.is_possible_number(parsed) and len(set(national)) > 1


def apply_target(value: Any, ctx: Context) -> str:
    target = scalar(value)
    if is_email(target):
        return f"mailto:{target}"
    if target.lower().startswith("mailto:"):
        address, _, query = target[7:].partition("?")
        parts = [part.partition("=")[0].lower() for part in query.split("&")] if query else []
        if is_email(address) and _url_safe(target) and all(part in _MAILTO_PARTS for part in parts):
            return target
        raise Invalid("error.apply_mailto", value=target)
    if WEB_ADDRESS.match(target):
        return target
    raise Invalid("error.apply", value=target)


def _url_safe(target: str) -> bool:
    return not re.search(r"[\s\"<>\\^`{|}]", target)


CONTACT_PARTS = ("name", "role", "phone", "email")


def contact(value: Any, ctx: Context) -> Contact:
    if not isinstance(value, dict):
        raise Invalid("error.contact_shape")
    unknown_parts(value, CONTACT_PARTS, "contact")
    parts = {}
    for part, limit in (("name", 80), ("role", 100)):
        if is_empty(value.get(part)):
            raise Invalid(
                "error.empty" if part in value else "error.missing_part_of", field=f"contact.{part}", part=part
            )
        try:
            parts[part] = text(limit)(value.get(part), ctx)
        except Invalid as error:
            raise Invalid(error.key, field=f"contact.{part}", **error.params) from None
    try:
        phone = "" if is_empty(value.get("phone")) else scalar(value.get("phone"))
        email = "" if is_empty(value.get("email")) else scalar(value.get("email"))
    except Invalid as error:
        part = "phone" if isinstance(value.get("phone"), list | dict) else "email"
        raise Invalid(error.key, field=f"contact.{part}", **error.params) from None
    if not phone and not email:
        raise Invalid("error.contact_reach", field="contact")
    if email and not is_email(email):
        raise Invalid("error.email", field="contact.email", value=email)
    if phone and not is_phone_number(phone, ctx.settings.country):
        raise Invalid("error.phone", field="contact.phone", value=phone)
    return Contact(parts["name"], parts["role"], phone, email)


def process(value: Any, ctx: Context) -> str:
    key = scalar(value)
    if key not in ctx.processes:
        raise Invalid(
            "error.unknown_process", value=key, options=short_list(list(ctx.processes)), file=ctx.processes_path
        )
    return key


def date_map(value: Any, ctx: Context) -> dict[str, dt.date]:
    if not isinstance(value, dict):
        raise Invalid("error.date_map_shape")
    result = {}
    for key, day in value.items():
        try:
            result[scalar(key)] = date(day, ctx)
        except Invalid as error:
            raise Invalid(error.key, field=f"process_dates.{key}", **error.params) from None
    return result


@dataclass(frozen=True)
class Choice:
    """One of a fixed list of words, whatever its capitals; the list also feeds the web editor."""

    options: tuple[str, ...]

    def __call__(self, value: Any, ctx: Any) -> str:
        word = scalar(value)
        for option in self.options:
            if word.casefold() == option.casefold():
                return option
        raise Invalid("error.choice", value=word, options=", ".join(self.options))


def choice(*options: str) -> Choice:
    return Choice(options)


@dataclass(frozen=True)
class ByCountry:
    """One of the site's country's words (its education levels, `rules.education`)."""

    options_for: Callable[[str], tuple[str, ...]]

    def __call__(self, value: Any, ctx: Context) -> str:
        return Choice(self.options_for(ctx.settings.country))(value, ctx)


# What an application consists of (field `send`) and who may apply (field `applicants`): the
# NVP Sollicitatiecode asks a vacancy to say both.
DOCUMENTS = ("cv", "letter", "diplomas", "portfolio", "references")
APPLICANTS = ("everyone", "internal_first", "internal")


def documents(value: Any, ctx: Any) -> tuple[str, ...]:
    """Some of DOCUMENTS, as a list (`[cv, letter]`) or one word; each once, in the order written."""
    if isinstance(value, dict):
        raise Invalid("error.documents", options=", ".join(DOCUMENTS))
    found: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        word = choice(*DOCUMENTS)(item, ctx)
        if word not in found:
            found.append(word)
    return tuple(found)


def word_list(value: Any, ctx: Context) -> tuple[str, ...]:
    if isinstance(value, dict):
        raise Invalid("error.word_list")
    words = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, bool) or not isinstance(item, str | int):
            raise Invalid("error.word_list")
        word = plain(item)
        if not word:
            raise Invalid("error.word_list")
        if len(word) > 60:
            raise Invalid("error.too_long", length=len(word), max=60)
        words.append(word)
    return tuple(words)


def channels(value: Any, ctx: Context) -> tuple[str, ...]:
    keys = word_list(value, ctx)
    for key in keys:
        if key not in ctx.settings.channels:
            raise Invalid("error.unknown_channel", value=key, options=", ".join(ctx.settings.channels))
    return keys


# The text check's rules a vacancy may accept with a reason (`content/wording.py`).
ACCEPTABLE = CHECKS


def accept(value: Any, ctx: Context) -> dict[str, str]:
    """Warnings of the text check this vacancy accepts, each with its reason (positive action for
    an under-represented group is lawful with one): `{gender: "…"}`."""
    if not isinstance(value, dict):
        raise Invalid("error.accept_shape", options=", ".join(ACCEPTABLE))
    reasons = {}
    for key, reason in value.items():
        where = f"accept.{key}"
        if key not in ACCEPTABLE:
            raise Invalid("error.choice", field=where, value=key, options=", ".join(ACCEPTABLE))
        if is_empty(reason):
            raise Invalid("error.accept_reason", field=where, rule=key)
        try:
            text = plain(reason)
        except Invalid as error:
            raise Invalid(error.key, field=where, **error.params) from None
        if len(text) < 10:
            raise Invalid("error.accept_reason", field=where, rule=key)
        reasons[str(key)] = text
    return reasons


def social(value: Any, ctx: Context) -> dict[str, str]:
    if not isinstance(value, dict):
        raise Invalid("error.social_shape", options=", ".join(ctx.settings.channels))
    posts = {}
    for key, post in value.items():
        where = f"social.{key}"
        if key not in ctx.settings.channels:
            raise Invalid("error.unknown_channel", field=where, value=key, options=", ".join(ctx.settings.channels))
        if is_empty(post):
            raise Invalid("error.empty_optional", field=where)
        try:
            text = plain(post)
        except Invalid as error:
            raise Invalid(error.key, field=where, **error.params) from None
        if len(text) > SOCIAL_LIMIT:
            raise Invalid("error.social_too_long", field=where, length=len(text), max=SOCIAL_LIMIT)
        posts[str(key)] = text
    return posts


def story_slugs(value: Any, ctx: Context) -> tuple[str, ...]:
    slugs = word_list(value, ctx)
    for slug in slugs:
        if ctx.story_slugs is not None and slug not in ctx.story_slugs:
            raise Invalid("error.unknown_story", value=slug, options=short_list(sorted(ctx.story_slugs)))
    return slugs


def identifier(value: Any, ctx: Context) -> str:
    result = scalar(value)
    if not IDENTIFIER.match(result) or ".." in result or len(result) > 100:
        raise Invalid("error.identifier", value=result)
    return result


def path_in(folder: Path, name: str) -> Path | None:
    """`name` as a path inside `folder`, or None when it leads out of it ("../"). Normalised as text,
    without a file-system call per path: thousands of stories may name a photo."""
    base = os.path.abspath(folder)
    path = os.path.normpath(os.path.join(base, name))
    return Path(path) if path.startswith(base + os.sep) else None


@lru_cache(maxsize=4096)
def _link_problem(path: str, root: str) -> str | None:
    """Why a file may not be published although it is in the right folder: it is a symbolic link,
    or a folder on its way is one that leads out of the repository."""
    if os.path.islink(path):
        return "error.file_link"
    real = os.path.realpath(path)
    if not real.startswith(os.path.realpath(root) + os.sep):
        return "error.file_outside"
    return None


def local_file(suffixes: tuple[str, ...], message: str, check: Callable[[Path], str | None] | None = None) -> Parser:
    """A file in the item's folder with one of `suffixes`; `check` says why a present file is unusable."""

    def parse(value: Any, ctx: Context) -> str:
        name = scalar(value)
        if not name.lower().endswith(suffixes):
            raise Invalid(message, value=name, options=", ".join(suffixes))
        path = path_in(ctx.folder, name)
        if path is None:
            raise Invalid("error.file_outside", value=name, folder=ctx.folder_shown)
        if os.path.lexists(path) and (problem := _link_problem(str(path), str(ctx.settings.root))):
            raise Invalid(problem, value=name, folder=ctx.folder_shown)
        if not path.is_file():
            raise Invalid("error.missing_file", value=name, folder=ctx.folder_shown)
        if check and (problem := check(path)):
            raise Invalid("error.photo_unreadable", value=name, problem=problem)
        return name

    return parse


photo = local_file(IMAGE_SUFFIXES, "error.photo_type", unreadable)


def video(value: Any, ctx: Context) -> str:
    target = scalar(value)
    if WEB_ADDRESS.match(target):
        return target
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
        raise Invalid("error.video", value=target, options=", ".join(VIDEO_SUFFIXES))
    return local_file(VIDEO_SUFFIXES, "error.video")(target, ctx)


def short_list(items: list[str], limit: int = 12) -> str:
    """Options for a message: "1–18" for a run of numbers, else the first few names."""
    if len(items) > 2 and all(i.isdigit() for i in items):
        numbers = [int(i) for i in items]
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            return f"{numbers[0]}–{numbers[-1]}"
    if len(items) <= limit:
        return ", ".join(items)
    return ", ".join(items[:limit]) + ", …"
