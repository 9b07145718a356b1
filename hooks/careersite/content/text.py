"""Small text helpers shared by the outputs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)  # departments, locations and names repeat on every page that lists them
def slugify(value: str) -> str:
    """A URL-safe lowercase name: 'Ruimte en Wonen' -> 'ruimte-en-wonen', 'Hodžić' -> 'hodzic'."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "item"
