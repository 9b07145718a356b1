"""Story photos as pages show them: resized, re-encoded copies in a few widths, never the original.

Authors save photos straight from a camera or a phone (8000×6000, 19 MB, rotated by an EXIF tag,
with the place it was taken in its metadata). A page gets WebP copies at the widths a screen needs,
with `srcset`, `sizes`, width and height, so a phone loads tens of kilobytes and nothing shifts when
the image arrives. The copies carry no metadata (no location, no camera serial).

Like a card, a copy is described by plain data (`PhotoSpec`) whose file name carries a hash of the
photo's bytes and the width, so it is drawn once, in the card workers, and kept in the card cache.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path

from PIL import Image, ImageOps

from careersite.cards.draw import file_hash, file_version

PHOTO_VERSION = "2"  # bump when the encoding changes, so every copy gets a new name
WIDTHS = (400, 800, 1200, 1600)  # 1600 covers a 390 px phone at 3× and a 1280 px screen at 2×
FALLBACK_WIDTH = 800  # for browsers without srcset, and the poster of a video
FOLDER = "photos"  # in the site
# WebP, which every browser in use shows (Safari since 2020): at the example's widths 38 KB of
# copies per photo instead of 82 KB as JPEG quality 80 (drawings compress best; for photos
# Google measured WebP 25-34 % smaller than JPEG at the same SSIM).
# Method 2 of 0-6: 4 saves 8 % more for 2.5 times the time. Only pages show these copies; what
# feeds and platforms get is a card (JPEG or PNG).
WEBP = {"format": "WEBP", "quality": 80, "method": 2}
ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height


@dataclass(frozen=True)
class PhotoSpec:
    """One copy of one photo: the source file and the size it is drawn at."""

    name: str  # the story's slug
    source: str  # path of the author's photo
    size: tuple[int, int]
    largest: tuple[int, int] = field(default=(0, 0), compare=False)  # of the photo's copies: decoded once at this size

    folder = FOLDER

    @cached_property
    def digest(self) -> str:
        payload = json.dumps([PHOTO_VERSION, file_hash(self.source), self.size])
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]

    @property
    def file_name(self) -> str:
        return f"{self.name}-{self.size[0]}w-{self.digest}.webp"

    def render(self) -> tuple[bytes, frozenset[str]]:
        """The copy as WebP bytes (no characters can be missing from a photo)."""
        photo, icc = _upright(self.source, *file_version(self.source), self.largest)
        # Two-step reduction (integer box reduce, then Lanczos): near Lanczos quality at a third of its cost.
        copy = photo.resize(self.size, Image.Resampling.LANCZOS, reducing_gap=2.0)
        buffer = io.BytesIO()
        # No EXIF is written: the copy keeps the colours (ICC profile) and nothing else.
        copy.save(buffer, **WEBP, **({"icc_profile": icc} if icc else {}))
        return buffer.getvalue(), frozenset()


@lru_cache(maxsize=2)
def _upright(path: str, mtime_ns: int, size: int, largest: tuple[int, int]) -> tuple[Image.Image, bytes | None]:
    """The photo decoded once for all its copies (they are drawn one after the other), turned
    upright, on white; a camera's JPEG is decoded at a fraction of its size, never below `largest`."""
    with Image.open(path) as image:
        image.draft("RGB", largest if image.getexif().get(0x0112) not in ROTATED else largest[::-1])
        icc = image.info.get("icc_profile")
        return _on_white(ImageOps.exif_transpose(image)), icc


def _on_white(image: Image.Image) -> Image.Image:
    """RGB, with transparent parts (a PNG cut-out) on white instead of black."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "#FFFFFF")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


@dataclass(frozen=True)
class Picture:
    """A photo as a page refers to it: addresses relative to the site root."""

    src: str
    candidates: tuple[tuple[str, int], ...]  # (address, width) of each copy, for `srcset`
    width: int  # of the largest copy, for the width and height attributes (its aspect ratio)
    height: int
    specs: tuple[PhotoSpec, ...]  # smallest first


def upright_size(path: Path) -> tuple[int, int]:
    """The photo's width and height as it is shown: a phone's portrait is often stored sideways."""
    with Image.open(path) as image:
        width, height = image.size
        orientation = image.getexif().get(0x0112)
    return (height, width) if orientation in ROTATED else (width, height)


def picture(name: str, path: Path) -> Picture:
    """The copies of one photo: each standard width up to the photo's own width, never enlarged.
    Worked out once per version of the file, however many pages show the photo."""
    return _picture(name, str(path), *file_version(str(path)))


@cache
def _picture(name: str, path: str, mtime_ns: int, size: int) -> Picture:
    width, height = upright_size(Path(path))
    largest = min(width, WIDTHS[-1])
    widths = [w for w in WIDTHS if w < largest] + [largest]
    sizes = [(w, max(1, round(height * w / width))) for w in widths]
    specs = tuple(PhotoSpec(name, path, size, sizes[-1]) for size in sizes)
    fallback = [s for s in specs if s.size[0] <= FALLBACK_WIDTH][-1:] or [specs[0]]

    def url(spec: PhotoSpec) -> str:
        return f"{FOLDER}/{spec.file_name}"

    return Picture(
        src=url(fallback[0]),
        candidates=tuple((url(s), s.size[0]) for s in specs),
        width=specs[-1].size[0],
        height=specs[-1].size[1],
        specs=specs,
    )
