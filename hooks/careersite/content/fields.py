"""Value types for front-matter fields: each parses an author's value or raises `Invalid`."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careersite.content.images import unreadable
from careersite.rules.salary import PERIODS, Range

if TYPE_CHECKING:
    from careersite.content.model import Context

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")
_EMAIL = re.compile(r"^[^@\s:/]+@[^@\s/]+\.[a-z]{2,}$", re.IGNORECASE)
_URL = re.compile(r"^https?://[^\s/]+\.[^\s/]+(/\S*)?$", re.IGNORECASE)
_HOURS = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(?:[-–]\s*(\d+(?:[.,]\d+)?))?\s*$")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
SOCIAL_LIMIT = 200  # a feed item's description, posted as it is
VIDEO_SUFFIXES = (".mp4", ".webm")

Parser = Callable[[Any, "Context"], Any]


class Invalid(Exception):
    """A value an author wrote is wrong; `key` names the message in the interface strings."""

    def __init__(self, key: str, field: str | None = None, **params: Any) -> None:
        self.key = key
        self.field = field  # a sub-field, such as `contact.phone`, when the problem is inside a mapping
        self.params = params
        super().__init__(key)


@dataclass(frozen=True)
class Field:
    """One front-matter field: its name, how to read it, and what an author needs to know."""

    name: str
    parse: Parser
    required: bool = False
    default: Any = None
    doc: str = ""
    example: str = ""


@dataclass(frozen=True)
class Contact:
    name: str
    role: str
    phone: str = ""
    email: str = ""


def text(max_length: int | None = None) -> Parser:
    def parse(value: Any, ctx: Context) -> str:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise Invalid("error.text")
        result = " ".join(str(value).split())
        if not result:
            raise Invalid("error.empty")
        if max_length and len(result) > max_length:
            raise Invalid("error.too_long", length=len(result), max=max_length)
        return result

    return parse


def date(value: Any, ctx: Context) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise Invalid("error.not_a_date", value=value)


def hours(value: Any, ctx: Context) -> tuple[float, float]:
    if isinstance(value, bool):
        raise Invalid("error.hours", value=value)
    if isinstance(value, int | float):
        low = high = float(value)
    else:
        match = _HOURS.match(str(value))
        if not match:
            raise Invalid("error.hours", value=value)
        low = float(match.group(1).replace(",", "."))
        high = float((match.group(2) or match.group(1)).replace(",", "."))
    if not 0 < low <= high <= 60:
        raise Invalid("error.hours", value=value)
    return low, high


def scale(value: Any, ctx: Context) -> tuple[str, ...]:
    keys = tuple(str(v) for v in (value if isinstance(value, list) else [value]))
    table = ctx.salary_table
    known = list(table.scales) if table else []
    for key in keys:
        if table and key not in table.scales:
            raise Invalid("error.unknown_scale", value=key, options=_short_list(known), file=ctx.salary_table_path)
    if not keys:
        raise Invalid("error.empty")
    return tuple(sorted(keys, key=lambda k: known.index(k) if k in known else 0))


def salary(value: Any, ctx: Context) -> Range:
    if not isinstance(value, dict):
        raise Invalid("error.salary_shape")
    for part in ("min", "max"):
        amount = value.get(part)
        if isinstance(amount, bool) or not isinstance(amount, int | float) or amount < 0:
            raise Invalid("error.salary_amount", field=f"salary.{part}")
    if value["min"] > value["max"]:
        raise Invalid("error.salary_order", field="salary.max")
    period = str(value.get("period", ctx.default_period))
    if period not in PERIODS:
        raise Invalid("error.choice", field="salary.period", value=period, options=", ".join(PERIODS))
    currency = str(value.get("currency", ctx.default_currency)).upper()
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise Invalid("error.currency", field="salary.currency", value=currency)
    return Range(float(value["min"]), float(value["max"]), currency, period)


def apply_target(value: Any, ctx: Context) -> str:
    target = str(value).strip()
    if _EMAIL.match(target):
        return f"mailto:{target}"
    if target.lower().startswith("mailto:") and _EMAIL.match(target[7:].split("?")[0]):
        return target
    if _URL.match(target):
        return target
    raise Invalid("error.apply", value=target)


def contact(value: Any, ctx: Context) -> Contact:
    if not isinstance(value, dict):
        raise Invalid("error.contact_shape")
    for part in ("name", "role"):
        if not str(value.get(part) or "").strip():
            raise Invalid("error.required", field=f"contact.{part}")
    phone = str(value.get("phone") or "").strip()
    email = str(value.get("email") or "").strip()
    if not phone and not email:
        raise Invalid("error.contact_reach", field="contact")
    if email and not _EMAIL.match(email):
        raise Invalid("error.email", field="contact.email", value=email)
    if phone and not re.fullmatch(r"\+?[0-9 ()-]{6,20}", phone):
        raise Invalid("error.phone", field="contact.phone", value=phone)
    return Contact(str(value["name"]).strip(), str(value["role"]).strip(), phone, email)


def process(value: Any, ctx: Context) -> str:
    key = str(value)
    if key not in ctx.processes:
        raise Invalid(
            "error.unknown_process", value=key, options=_short_list(list(ctx.processes)), file=ctx.processes_path
        )
    return key


def date_map(value: Any, ctx: Context) -> dict[str, dt.date]:
    if not isinstance(value, dict):
        raise Invalid("error.date_map_shape")
    result = {}
    for key, day in value.items():
        try:
            result[str(key)] = date(day, ctx)
        except Invalid as error:
            raise Invalid(error.key, field=f"process_dates.{key}", **error.params) from None
    return result


def choice(*options: str) -> Parser:
    def parse(value: Any, ctx: Context) -> str:
        if str(value) not in options:
            raise Invalid("error.choice", value=value, options=", ".join(options))
        return str(value)

    return parse


def word_list(value: Any, ctx: Context) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(i, str | int) and not isinstance(i, bool) and str(i).strip() for i in items):
        raise Invalid("error.word_list")
    return tuple(str(i).strip() for i in items)


def channels(value: Any, ctx: Context) -> tuple[str, ...]:
    keys = word_list(value, ctx)
    for key in keys:
        if key not in ctx.settings.channels:
            raise Invalid("error.unknown_channel", value=key, options=", ".join(ctx.settings.channels))
    return keys


def social(value: Any, ctx: Context) -> dict[str, str]:
    if not isinstance(value, dict):
        raise Invalid("error.social_shape", options=", ".join(ctx.settings.channels))
    posts = {}
    for key, post in value.items():
        if key not in ctx.settings.channels:
            raise Invalid(
                "error.unknown_channel", field=f"social.{key}", value=key, options=", ".join(ctx.settings.channels)
            )
        text = " ".join(str(post).split())
        if len(text) > SOCIAL_LIMIT:
            raise Invalid("error.social_too_long", field=f"social.{key}", length=len(text), max=SOCIAL_LIMIT)
        posts[str(key)] = text
    return posts


def story_slugs(value: Any, ctx: Context) -> tuple[str, ...]:
    slugs = word_list(value, ctx)
    for slug in slugs:
        if ctx.story_slugs is not None and slug not in ctx.story_slugs:
            raise Invalid("error.unknown_story", value=slug, options=_short_list(sorted(ctx.story_slugs)))
    return slugs


def identifier(value: Any, ctx: Context) -> str:
    result = str(value).strip()
    if not _ID.match(result):
        raise Invalid("error.identifier", value=result)
    return result


def path_in(folder: Path, name: str) -> Path | None:
    """`name` as a path inside `folder`, or None when it leads out of it ("../"). Normalised as text,
    without a file-system call per path: thousands of stories may name a photo."""
    base = os.path.abspath(folder)
    path = os.path.normpath(os.path.join(base, name))
    return Path(path) if path.startswith(base + os.sep) else None


def local_file(suffixes: tuple[str, ...], message: str, check: Callable[[Path], str | None] | None = None) -> Parser:
    """A file in the item's folder with one of `suffixes`; `check` says why a present file is unusable."""

    def parse(value: Any, ctx: Context) -> str:
        name = str(value).strip()
        if not name.lower().endswith(suffixes):
            raise Invalid(message, value=name, options=", ".join(suffixes))
        path = path_in(ctx.folder, name)
        if path is None or not path.is_file():
            raise Invalid("error.missing_file", value=name, folder=ctx.folder_shown)
        if check and (problem := check(path)):
            raise Invalid("error.photo_unreadable", value=name, problem=problem)
        return name

    return parse


photo = local_file(IMAGE_SUFFIXES, "error.photo_type", unreadable)


def video(value: Any, ctx: Context) -> str:
    target = str(value).strip()
    if _URL.match(target):
        return target
    return local_file(VIDEO_SUFFIXES, "error.video")(target, ctx)


def _short_list(items: list[str], limit: int = 12) -> str:
    """Options for a message: "1–18" for a run of numbers, else the first few names."""
    if len(items) > 2 and all(i.isdigit() for i in items):
        numbers = [int(i) for i in items]
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            return f"{numbers[0]}–{numbers[-1]}"
    if len(items) <= limit:
        return ", ".join(items)
    return ", ".join(items[:limit]) + ", …"
