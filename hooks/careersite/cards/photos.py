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

from PIL import Image

from careersite.cards.sources import (
    WIDEST_COPY,
    copy_size,
    decoded,
    file_hash,
    file_version,
    upright_size,
    widest_copy,
)

PHOTO_VERSION = "3"  # bump when the encoding changes, so every copy gets a new name
WIDTHS = (400, 800, 1200, WIDEST_COPY)
FALLBACK_WIDTH = 800  # for browsers without srcset, and the poster of a video
FOLDER = "photos"  # in the site
# WebP, which every browser in use shows (Safari since 2020): at the example's widths 38 KB of
# copies per photo instead of 82 KB as JPEG quality 80 (drawings compress best; for photos
# Google measured WebP 25-34 % smaller than JPEG at the same SSIM).
# Method 2 of 0-6: 4 saves 8 % more for 2.5 times the time. Only pages show these copies; what
# feeds and platforms get is a card (JPEG or PNG).
WEBP = {"quality": 80, "method": 2}


@dataclass(frozen=True)
class PhotoSpec:
    """One copy of one photo: the source file and the size it is drawn at."""

    name: str  # the story's slug
    source: str  # path of the author's photo
    size: tuple[int, int]
    # The copies it is scaled down through, largest first (none: straight from the photo): a copy
    # is made from one at least twice as wide when there is one, at a quarter of the work (the
    # 400 px copy from the 800 px one: 11 ms instead of 20) and with the same Lanczos filter.
    steps: tuple[tuple[int, int], ...] = field(default=(), compare=False)

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
        copy = _scaled(self.source, *file_version(self.source), (*self.steps, self.size))
        icc = decoded(self.source).icc
        buffer = io.BytesIO()
        # No EXIF is written: the copy keeps the colours (ICC profile) and nothing else.
        copy.save(buffer, "WEBP", **WEBP, **({"icc_profile": icc} if icc else {}))
        return buffer.getvalue(), frozenset()


@lru_cache(maxsize=4)
def _scaled(path: str, mtime_ns: int, file_size: int, sizes: tuple[tuple[int, int], ...]) -> Image.Image:
    """The photo scaled down through `sizes` in turn; the copies of a photo are drawn one after the
    other, largest first, so each finds the one it is made from here."""
    *steps, size = sizes
    source = _scaled(path, mtime_ns, file_size, tuple(steps)) if steps else decoded(path).image
    # Two-step reduction (integer box reduce, then Lanczos): near Lanczos quality at a third of its cost.
    return source.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0)


def _steps(size: tuple[int, int], sizes: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The copies `size` is made through: the smallest one at least twice as wide, and its own."""
    wider = [other for other in sizes if other[0] >= 2 * size[0]]
    if not wider:
        return ()
    through = min(wider)
    return (*_steps(through, sizes), through)


@dataclass(frozen=True)
class Picture:
    """A photo as a page refers to it: addresses relative to the site root."""

    src: str
    candidates: tuple[tuple[str, int], ...]  # (address, width) of each copy, for `srcset`
    width: int  # of the largest copy, for the width and height attributes (its aspect ratio)
    height: int
    specs: tuple[PhotoSpec, ...]  # smallest first


def picture(name: str, path: Path) -> Picture:
    """The copies of one photo: each standard width up to the photo's own width, never enlarged.
    Worked out once per version of the file, however many pages show the photo."""
    return _picture(name, str(path), *file_version(str(path)))


@cache
def _picture(name: str, path: str, mtime_ns: int, size: int) -> Picture:
    width, height = upright_size(path)
    largest = widest_copy(width, height)
    sizes = [copy_size(width, height, w) for w in WIDTHS if w < largest[0]] + [largest]
    specs = tuple(PhotoSpec(name, path, size, _steps(size, sizes)) for size in sizes)
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
