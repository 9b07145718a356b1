"""Checking that an author's image file can be opened, without decoding it."""

from __future__ import annotations

from pathlib import Path

from PIL import Image


def unreadable(path: Path) -> str | None:
    """None when Pillow can read `path` as an image, else why not."""
    try:
        with Image.open(path) as image:
            image.verify()
    except (OSError, SyntaxError, Image.DecompressionBombError) as error:
        return str(error) or type(error).__name__
    return None
