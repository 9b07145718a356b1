"""Checking that an author's image file can be opened, without decoding it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import Image


def unreadable(path: Path) -> str | None:
    """None when Pillow can read `path` as an image, else why not."""
    stat = path.stat()
    # Many stories may share a photo; each version of a file is checked once.
    return _unreadable(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=1024)
def _unreadable(path: Path, mtime_ns: int, size: int) -> str | None:
    try:
        with Image.open(path) as image:
            image.verify()
    except (OSError, SyntaxError, Image.DecompressionBombError) as error:
        return str(error) or type(error).__name__
    return None
