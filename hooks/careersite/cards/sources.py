"""The files cards and photo copies are drawn from: which version of each file a build sees, the
hash of its bytes, and a story's photo decoded once for all that is drawn from it.

A story's photo gives its page copies (photos.py) and its share cards (draw.py). Each of them used
to decode the photo itself, at a size of its own: two or three decodes of the same file per story,
at 13 ms each for a 1200×1500 JPEG. Now one decode, at a size that depends on the file alone, serves
all of them: the worker that draws one draws the others from memory (they are handed out together),
and a card comes out the same whichever worker draws it, with or without the others.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import cache, lru_cache

from PIL import Image, ImageOps

WIDEST_COPY = 1600  # of a photo on a page: covers a 390 px phone at 3× and a 1280 px screen at 2×
ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height

_versions: dict[str, tuple[int, int]] = {}


def file_version(path: str) -> tuple[int, int]:
    """(modification time, size): what tells one version of a file from the next, for caches that
    live as long as `make serve`, while an author replaces a photo under the same name. Looked up
    once per build (a story's photo was looked up 30 times): `forget_file_versions` starts the next."""
    found = _versions.get(path)
    if found is None:
        stat = os.stat(path)
        found = _versions[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def file_state(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """`file_version`, or None when the file cannot be read (for what a preview compares)."""
    try:
        return file_version(str(path))
    except OSError:
        return None


def forget_file_versions() -> None:
    """A new build (or a rebuild of `make serve`) sees the files as they are now."""
    _versions.clear()


def file_hash(path: str) -> str:
    """The hash of a file's bytes, read once per version of the file."""
    return _bytes_hash(path, *file_version(path))


@cache
def _bytes_hash(path: str, mtime_ns: int, size: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def upright_size(path: str) -> tuple[int, int]:
    """The photo's width and height as it is shown: a phone's portrait is often stored sideways."""
    with Image.open(path) as image:
        width, height = image.size
        orientation = image.getexif().get(0x0112)
    return (height, width) if orientation in ROTATED else (width, height)


def copy_size(width: int, height: int, copy_width: int) -> tuple[int, int]:
    """The size of a copy `copy_width` wide of a photo of `width`×`height`."""
    return copy_width, max(1, round(height * copy_width / width))


def widest_copy(width: int, height: int) -> tuple[int, int]:
    """The size of a photo's largest copy on a page: never wider than `WIDEST_COPY`, never enlarged."""
    return copy_size(width, height, min(width, WIDEST_COPY))


@dataclass(frozen=True)
class Decoded:
    image: Image.Image  # upright, RGB, transparent parts on white
    icc: bytes | None  # the colour profile, which copies keep


def decoded(path: str) -> Decoded:
    """The photo decoded once per version of the file (per worker), at least as large as its largest
    copy: a camera's JPEG decodes at a fraction of its size, so an 8000×6000 photo costs little."""
    return _decoded(path, *file_version(path))


@lru_cache(maxsize=2)
def _decoded(path: str, mtime_ns: int, size: int) -> Decoded:
    with Image.open(path) as image:
        rotated = image.getexif().get(0x0112) in ROTATED
        upright = image.size[::-1] if rotated else image.size
        wanted = widest_copy(*upright)
        image.draft("RGB", wanted[::-1] if rotated else wanted)
        image.load()
        icc = image.info.get("icc_profile")
        ImageOps.exif_transpose(image, in_place=True)  # in place: a copy of 1200×1500 takes 2 ms
        return Decoded(_on_white(image), icc)


def _on_white(image: Image.Image) -> Image.Image:
    """RGB, with transparent parts (a PNG cut-out) on white instead of black."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "#FFFFFF")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image if image.mode == "RGB" else image.convert("RGB")
