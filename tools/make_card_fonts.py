"""Make the fonts the card renderer ships in hooks/careersite/cards/fonts/ (run by hand, not at build time).

Inputs are Debian's font packages, unpacked:  apt-get download fonts-inter fonts-noto-core
fonts-noto-cjk fonts-symbola && for f in *.deb; do dpkg-deb -x "$f" x; done
Then:  python tools/make_card_fonts.py x   (needs fontTools: pip install fonttools)

Inter and Noto Sans Arabic are copied as they are. Noto Sans CJK (20 MB a weight) is cut down to
the characters of the national standard sets (GB 2312, JIS X 0208 level 1, KS X 1001 Hangul) plus
kana and CJK punctuation: enough for almost every name (one weight, about 6 MB). Characters that no
shipped font covers are left out of a card rather than drawn as empty boxes.
All fonts are under the SIL Open Font License, except Symbola (free for any use).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

OUT = Path(__file__).resolve().parent.parent / "hooks" / "careersite" / "cards" / "fonts"
COPY = {
    "usr/share/fonts/opentype/inter/Inter-Bold.otf": "Inter-Bold.otf",
    "usr/share/fonts/opentype/inter/Inter-Medium.otf": "Inter-Medium.otf",
    "usr/share/fonts/truetype/noto/NotoSans-Bold.ttf": "NotoSans-Bold.ttf",
    "usr/share/fonts/truetype/noto/NotoSans-Regular.ttf": "NotoSans-Regular.ttf",
    "usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf": "NotoSansArabic-Bold.ttf",
    "usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf": "NotoSansArabic-Regular.ttf",
    "usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf": "Symbola.ttf",
}
CJK = {"NotoSansCJK-Bold.ttc": "NotoSansCJKsc-Bold-subset.otf"}
SC_INDEX = 2  # the Simplified Chinese face of the collection


def national_sets() -> set[int]:
    """Every character of GB 2312, JIS X 0208 and KS X 1001, by decoding all their two-byte codes."""
    chars: set[int] = set()
    for codec in ("gb2312", "euc_jp", "euc_kr"):
        for high in range(0xA1, 0xFF):
            for low in range(0xA1, 0xFF):
                try:
                    chars.update(map(ord, bytes([high, low]).decode(codec)))
                except UnicodeDecodeError:
                    continue
    chars.update(range(0x3000, 0x3100))  # CJK punctuation, hiragana, katakana
    chars.update(range(0xFF00, 0xFFF0))  # full-width forms
    return chars


def main(unpacked: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for source, name in COPY.items():
        shutil.copy(unpacked / source, OUT / name)
    unicodes = sorted(national_sets())
    for source, name in CJK.items():
        font = TTCollection(unpacked / "usr/share/fonts/opentype/noto" / source).fonts[SC_INDEX]
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        font.save(OUT / name)
    write_coverage()
    for path in sorted(OUT.iterdir()):
        print(f"{path.name}: {path.stat().st_size:,} bytes")


def write_coverage() -> None:
    """coverage.json: the code-point ranges each font has glyphs for, so the renderer can pick a
    font per character without fontTools at build time."""
    coverage = {}
    for path in sorted(OUT.glob("*.[ot]tf")):
        codes = sorted(TTFont(path).getBestCmap())
        ranges: list[list[int]] = []
        for code in codes:
            if ranges and code == ranges[-1][1] + 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
        coverage[path.name] = ranges
    (OUT / "coverage.json").write_text(json.dumps(coverage, separators=(",", ":")), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
