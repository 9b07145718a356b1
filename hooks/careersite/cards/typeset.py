"""Setting text on card images: a chain of fallback fonts, wrapping, hyphenation, shrinking.

Every character is drawn with the first font of the chain that has a glyph for it, so no empty
boxes appear; a character that no shipped font has is left out and reported.
"""

from __future__ import annotations

import bisect
import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import ImageDraw, ImageFont

from careersite.i18n.languages import LANGUAGES_BY_CODE

if TYPE_CHECKING:
    import pyphen

FONT_DIR = Path(__file__).parent / "fonts"
CHAINS = {
    "bold": (
        "Inter-Bold.otf",
        "NotoSans-Bold.ttf",
        "NotoSansArabic-Bold.ttf",
        "NotoSansCJKsc-Bold-subset.otf",
        "Symbola.ttf",
    ),
    "regular": (
        "Inter-Medium.otf",
        "NotoSans-Regular.ttf",
        "NotoSansArabic-Regular.ttf",
        "NotoSansCJKsc-Bold-subset.otf",
        "Symbola.ttf",
    ),
}
ELLIPSIS = "…"
LINE_HEIGHT = 1.22
REFERENCE_SIZE = 100
_HYPHENATION = {code: language.hyphenation for code, language in LANGUAGES_BY_CODE.items()}


@cache
def _coverage() -> dict[str, tuple[list[int], list[int]]]:
    data = json.loads((FONT_DIR / "coverage.json").read_text(encoding="utf-8"))
    return {name: ([r[0] for r in ranges], [r[1] for r in ranges]) for name, ranges in data.items()}


def has_glyph(font_name: str, char: str) -> bool:
    starts, ends = _coverage()[font_name]
    code = ord(char)
    index = bisect.bisect_right(starts, code) - 1
    return index >= 0 and code <= ends[index]


@cache
def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / name), size)


@cache
def _hyphenator(language: str) -> pyphen.Pyphen:
    import pyphen  # loaded only when a word is too long for a line, which is rare

    return pyphen.Pyphen(lang=_HYPHENATION.get(language, "en_GB"))


def _joins_previous(char: str) -> bool:
    """Marks, joiners and variation selectors belong to the character before them."""
    return unicodedata.category(char) in ("Mn", "Me", "Cf") or 0xFE00 <= ord(char) <= 0xFE0F


def _breakable(char: str) -> bool:
    """Chinese and Japanese text has no spaces; a line may break between any two of these."""
    return unicodedata.east_asian_width(char) in ("W", "F") and unicodedata.category(char).startswith("L")


@dataclass(frozen=True)
class Run:
    text: str
    font: str


@dataclass(frozen=True)
class Block:
    """Text set in lines at one size, ready to draw."""

    lines: tuple[str, ...]
    size: int
    line_height: int
    truncated: bool = False

    @property
    def height(self) -> int:
        return self.line_height * len(self.lines)


class Typesetter:
    """Measures, wraps and draws text in one style (bold or regular) of the font chain."""

    def __init__(self, style: str, language: str) -> None:
        self.chain = CHAINS[style]
        self.language = language
        self.missing: set[str] = set()

    def runs(self, text: str) -> tuple[Run, ...]:
        runs, missing = split_runs(self.chain, text)
        self.missing.update(missing)
        return runs

    def clean(self, text: str) -> str:
        """The text without characters that no font can draw."""
        return "".join(run.text for run in self.runs(" ".join(text.split())))

    def width(self, text: str, size: int) -> float:
        """How wide `text` is when drawn, ink included (some glyphs reach past their advance)."""
        return sum(_extent(self.chain, text, size)) if text else 0.0

    def estimate(self, text: str, size: int) -> float:
        """The width at `size`, scaled from one measurement at a reference size: glyph advances
        grow in proportion to the size, so each word is measured once, not once per size tried.
        `fit` checks the lines it chooses with exact measurements."""
        return sum(_extent(self.chain, text, REFERENCE_SIZE)) * size / REFERENCE_SIZE if text else 0.0

    def fit(self, text: str, width: int, max_lines: int, max_size: int, min_size: int) -> Block:
        """The largest size at which `text` fits in `max_lines` lines of `width` pixels.

        Words are not split unless one is wider than a line even at the smallest size; then it is
        hyphenated at a syllable break. Only when nothing fits at the smallest size is the last line
        cut short with an ellipsis.
        """
        text = self.clean(text)
        sizes = range(max_size, min_size - 1, -2)
        for hyphenate in (False, True):
            for size in sizes:
                lines = self._wrap(text, width, size, hyphenate)
                if (
                    lines is not None
                    and len(lines) <= max_lines
                    and all(self.width(line, size) <= width for line in lines)
                ):
                    return Block(tuple(lines), size, round(size * LINE_HEIGHT))
        lines = self._wrap(text, width, min_size, True) or [text]
        kept = lines[:max_lines]
        kept[-1] = self._with_ellipsis(kept[-1], width, min_size)
        return Block(tuple(kept), min_size, round(min_size * LINE_HEIGHT), truncated=True)

    def _tokens(self, text: str) -> list[str]:
        """Words, with each wide (CJK) character its own token so lines may break between them."""
        tokens: list[str] = []
        for word in text.split(" "):
            parts, current = [], ""
            for char in word:
                if _breakable(char):
                    if current:
                        parts.append(current)
                    parts.append(char)
                    current = ""
                else:
                    current += char
            if current:
                parts.append(current)
            tokens.extend(parts if len(parts) <= 1 else [p + "\u200b" for p in parts[:-1]] + parts[-1:])
        return [t for t in tokens if t]

    def _wrap(self, text: str, width: int, size: int, hyphenate: bool) -> list[str] | None:
        """Greedy line breaking; a line's width is the sum of its words' widths and the spaces
        between them (each word measured once per size), kept a little short of `width` so that
        kerning across spaces can never push ink over the edge."""
        limit = width * 0.99 - 2
        space = font(self.chain[0], size).getlength(" ")
        lines: list[str] = []
        current, current_width = "", 0.0
        for token in self._tokens(text):
            word = token.replace("\u200b", "")
            word_width = self.estimate(word, size)
            glue = 0.0 if not current or current.endswith("\u200b") else space
            if current and current_width + glue + word_width <= limit:
                current += ("" if glue == 0.0 else " ") + token
                current_width += glue + word_width
                continue
            if current:
                lines.append(current)
            if word_width <= limit:
                current, current_width = token, word_width
                continue
            if not hyphenate:
                return None
            pieces = self._split_word(word, int(limit), size)
            lines.extend(pieces[:-1])
            current, current_width = pieces[-1], self.estimate(pieces[-1], size)
        if current:
            lines.append(current)
        return [line.replace("\u200b", "") for line in lines]

    def _split_word(self, word: str, width: int, size: int) -> list[str]:
        """A word too wide for a line, split at syllable breaks (or, failing those, anywhere)."""
        pieces = []
        rest = word
        while self.width(rest, size) > width:
            breaks = [p for p in _hyphenator(self.language).positions(rest) if 0 < p < len(rest)]
            fitting = [p for p in breaks if self.width(rest[:p] + "-", size) <= width]
            if fitting:
                cut = fitting[-1]
                pieces.append(rest[:cut] + "-")
            else:
                cut = max(1, max((i for i in range(1, len(rest)) if self.width(rest[:i], size) <= width), default=1))
                pieces.append(rest[:cut])
            rest = rest[cut:]
        pieces.append(rest)
        return pieces

    def _with_ellipsis(self, line: str, width: int, size: int) -> str:
        while line and self.width(line + ELLIPSIS, size) > width:
            line = line[:-1].rstrip()
        return line + ELLIPSIS

    def draw(self, draw: ImageDraw.ImageDraw, x: int, top: int, block: Block, fill: str) -> None:
        """Draw the block's lines from (x, top), each shifted right by any ink left of its start."""
        ascent, _ = font(self.chain[0], block.size).getmetrics()
        for index, line in enumerate(block.lines):
            baseline = top + index * block.line_height + ascent
            cursor = float(x) + _extent(self.chain, line, block.size)[0]
            runs = self.runs(line)
            for number, run in enumerate(runs, start=1):
                face = font(run.font, block.size)
                draw.text((cursor, baseline), run.text, font=face, fill=fill, anchor="ls")
                if number < len(runs):
                    cursor += face.getlength(run.text)


@cache
def split_runs(chain: tuple[str, ...], text: str) -> tuple[tuple[Run, ...], frozenset[str]]:
    """`text` cut into runs of one font each, and the characters no font of the chain has."""
    runs: list[Run] = []
    missing = set()
    for char in text:
        if runs and _joins_previous(char):
            runs[-1] = Run(runs[-1].text + char, runs[-1].font)
            continue
        name = next((n for n in chain if has_glyph(n, char)), None)
        if name is None:
            if not char.isspace():
                missing.add(char)
                continue
            name = chain[0]
        if runs and runs[-1].font == name:
            runs[-1] = Run(runs[-1].text + char, name)
        else:
            runs.append(Run(char, name))
    return tuple(runs), frozenset(missing)


@cache
def _extent(chain: tuple[str, ...], text: str, size: int) -> tuple[float, float]:
    """(ink left of the start, width from there to the end of the ink or the advance, whichever is further)."""
    runs = split_runs(chain, text)[0]
    if not runs:
        return 0.0, 0.0
    advances = [font(run.font, size).getlength(run.text) for run in runs]
    first_box = font(runs[0].font, size).getbbox(runs[0].text, anchor="ls")
    last_box = first_box if len(runs) == 1 else font(runs[-1].font, size).getbbox(runs[-1].text, anchor="ls")
    left = max(0.0, -first_box[0])
    overhang = max(0.0, last_box[2] - advances[-1])
    return left, sum(advances) + overhang
