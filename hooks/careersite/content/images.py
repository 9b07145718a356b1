"""Checking that an author's image file can be opened, without decoding it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from careersite.i18n import Term


def unreadable(path: Path) -> Term | None:
    """None when Pillow can read `path` as an image, else why not (an interface word)."""
    stat = path.stat()
    # Many stories may share a photo; each version of a file is checked once.
    return _unreadable(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=1024)
def _unreadable(path: Path, mtime_ns: int, size: int) -> Term | None:
    try:
        with Image.open(path) as image:
            image.verify()
    except UnidentifiedImageError:
        return Term("term.image.unknown")
    except Image.DecompressionBombError:
        return Term("term.image.huge")
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning):
        return Term("term.image.damaged")
    return None
