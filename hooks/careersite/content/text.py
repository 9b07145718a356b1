"""Small text helpers shared by the outputs."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=4096)  # departments, locations and names repeat on every page that lists them
def slugify(value: str) -> str:
    """A URL-safe lowercase name: 'Ruimte en Wonen' -> 'ruimte-en-wonen', 'Hodžić' -> 'hodzic'."""
    return _ascii_slug(value) or "item"


# Letters that Unicode does not decompose into a Latin letter and a mark: written as a Norwegian,
# Danish, German or Polish reader would spell them without it ("Bjørnfjorden" -> "bjornfjorden").
_SPELLED = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
        "ı": "i",
    }
)


def _ascii_slug(value: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", value.translate(_SPELLED)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def unique_slugs(names: Iterable[str]) -> dict[str, str]:
    """A distinct slug for each name, for file names and filter values: names that give the same
    slug ("Sociaal Domein", "Sociaal domein") or none at all (人力资源) get a short hash of the name,
    so that no feed of one overwrites another. The same names always give the same slugs."""
    result: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(set(names), key=lambda n: (_ascii_slug(n), n)):
        base = _ascii_slug(name)
        slug = base if base and base not in taken else "-".join(filter(None, (base, _short_hash(name))))
        taken.add(slug)
        result[name] = slug
    return result


def _short_hash(name: str) -> str:
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]


# Control characters (C0, DEL, C1) and the marks that reorder text on screen: in a terminal or a CI
# log they could move the cursor, colour a line or fake an "OK".
_UNSAFE_ON_SCREEN = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal(value: str, keep_newlines: bool = False) -> str:
    """`value` safe to print: each control or reordering character written as its escape
    (`\\x1b`, `\\u202e`); line breaks kept when `keep_newlines`."""

    def escaped(match: re.Match[str]) -> str:
        char = match.group()
        if keep_newlines and char == "\n":
            return char
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"

    return _UNSAFE_ON_SCREEN.sub(escaped, value)
