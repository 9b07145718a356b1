"""Open Graph and Instagram card images, drawn with Pillow and the fonts in fonts/.

A card is described by a `CardSpec`: plain data holding everything drawn on it. Its file name
carries a hash of that data (and of the photo and logo files), so a card whose content changes
gets a new address that platforms fetch anew, and an unchanged one is never drawn twice.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field, fields
from functools import cache, cached_property, lru_cache

from PIL import Image, ImageDraw

from careersite.cards import colours
from careersite.cards.sources import decoded, file_hash, file_version
from careersite.cards.typeset import Block, Typesetter

RENDERER_VERSION = "3"  # bump when the drawing changes, so every card gets a new name
SIZES = {"og": (1200, 630), "instagram": (1080, 1350)}
MARGINS = {"og": (64, 28), "instagram": (80, 48)}  # (sides, top and bottom): no text outside
# 4:2:0 chroma like the platforms that re-encode every shared image anyway; twice as fast as 4:4:4.
# Quality 80 with optimised Huffman tables: a fifth smaller than 85 without (a vacancy card 72 ->
# 59 KB; text edges look the same at twice the size), for 0.5 ms more per card. A site's cards are
# most of its size, and the hosts' limit is 1 GB.
JPEG = {"quality": 80, "subsampling": 2, "optimize": True}
# Cards of flat colour and text (a vacancy's, the home page's) are PNG with a palette of the brand's
# colours: a vacancy card 55 -> 19 KB, and its text edges as drawn (a JPEG rings around them). zlib
# level 6: level 9 saves 1 KB more for six times the time. Photos (story cards) stay JPEG, and so
# does every Instagram card: Instagram's publishing API takes JPEG only.
PNG = {"compress_level": 6}
MIME_TYPES = {"jpg": "image/jpeg", "png": "image/png"}
BLEND_STEPS = 16  # shades between a text colour and its background, for the text's smooth edges
LOGO_COLOURS = 160  # of the palette, for the logo on its white disc
FACE_HEIGHT = 0.38  # portraits put the face about this far down the photo


@dataclass(frozen=True)
class Brand:
    organisation: str
    primary: str
    accent: str
    logo: str | None  # path of a raster logo


@dataclass(frozen=True)
class VacancyText:
    title: str
    pay: str  # "€ 3.496 – € 5.535 per maand"
    details: str  # "36 uur per week · Stadskantoor, Lindewaard"
    deadline: str  # "Reageer uiterlijk 15 januari"


@dataclass(frozen=True)
class StoryText:
    quote: str
    name: str
    role: str
    photo: str  # path


@dataclass(frozen=True)
class HomeText:
    headline: str
    tagline: str


@dataclass(frozen=True)
class CardSpec:
    """Everything drawn on one card."""

    name: str  # file name without hash, e.g. "vacancy-beleidsadviseur-wonen"
    format: str  # "og" or "instagram"
    language: str
    brand: Brand
    text: VacancyText | StoryText | HomeText
    alt: str = field(default="", compare=False)  # describes the card; not drawn, so not hashed

    folder = "cards"  # in the site

    @property
    def size(self) -> tuple[int, int]:
        return SIZES[self.format]

    @cached_property
    def digest(self) -> str:
        """A hash of what the card shows: its text, colours, format, and the bytes of its images."""
        # Files count by their bytes, not their place: a clone elsewhere gives the same names.
        brand = self.brand
        logo = file_hash(brand.logo) if brand.logo else None
        text = [getattr(self.text, f.name) for f in fields(self.text)]
        if isinstance(self.text, StoryText):
            text[-1] = file_hash(self.text.photo)
        payload = json.dumps(
            [
                RENDERER_VERSION,
                self.name,
                self.format,
                self.language,
                brand.organisation,
                brand.primary,
                brand.accent,
                logo,
                type(self.text).__name__,
                text,
            ]
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]

    @property
    def extension(self) -> str:
        """ "png" for a card of flat colours and text, "jpg" for one with a photo or for Instagram."""
        return "png" if self.format == "og" and not isinstance(self.text, StoryText) else "jpg"

    @property
    def mime_type(self) -> str:
        return MIME_TYPES[self.extension]

    @property
    def file_name(self) -> str:
        suffix = "" if self.format == "og" else f"-{self.format}"
        return f"{self.name}{suffix}-{self.digest}.{self.extension}"

    def render(self) -> tuple[bytes, frozenset[str]]:
        return render(self)


@dataclass(frozen=True)
class DrawnText:
    """One text element as drawn (tests measure where it landed from the snapshots' pixels)."""

    role: str
    truncated: bool


class Canvas:
    """An image being drawn, which remembers every text element and, for tests, snapshots."""

    def __init__(self, spec: CardSpec, background: str, keep_snapshots: bool = False) -> None:
        self.spec = spec
        self.image = Image.new("RGB", spec.size, background)
        self.draw = ImageDraw.Draw(self.image)
        self.texts: list[DrawnText] = []
        self.snapshots: list[Image.Image] | None = [] if keep_snapshots else None
        self.bold = Typesetter("bold", spec.language)
        self.regular = Typesetter("regular", spec.language)

    def text(self, role: str, setter: Typesetter, block: Block, x: int, top: int, fill: str) -> None:
        if self.snapshots is not None:
            self.snapshots.append(self.image.copy())
        setter.draw(self.draw, x, top, block, fill)
        self.texts.append(DrawnText(role, block.truncated))

    @property
    def missing(self) -> set[str]:
        return self.bold.missing | self.regular.missing


def _logo(canvas: Canvas, x: int, y: int, diameter: int) -> None:
    """The organisation's logo on a white disc, so that it shows on any brand colour."""
    canvas.draw.ellipse((x, y, x + diameter, y + diameter), fill="#FFFFFF")
    if not canvas.spec.brand.logo:
        return
    logo = _load_logo(canvas.spec.brand.logo, round(diameter * 0.72))
    inset = (diameter - logo.width) // 2, (diameter - logo.height) // 2
    canvas.image.paste(logo, (x + inset[0], y + inset[1]), logo)


def _load_logo(path: str, size: int) -> Image.Image:
    """The logo scaled to fit `size`, loaded once per version of the file (`make serve` draws the
    logo an author saved under the same name)."""
    return _logo_version(path, size, *file_version(path))


@lru_cache(maxsize=8)
def _logo_version(path: str, size: int, mtime_ns: int, file_size: int) -> Image.Image:
    with Image.open(path) as image:
        image.draft("RGBA", (size * 2, size * 2))
        logo = image.convert("RGBA")
    logo.thumbnail((size, size), Image.Resampling.LANCZOS)
    return logo


def _decoded(path: str) -> Image.Image:
    """The photo as its copies for pages are made from (`sources.decoded`, so the worker that drew
    them decodes it no more), no larger than 4 megapixels: a PNG is decoded whole."""
    return _card_photo(path, *file_version(path))


@lru_cache(maxsize=2)
def _card_photo(path: str, mtime_ns: int, size: int) -> Image.Image:
    photo = decoded(path).image
    if photo.width * photo.height > 4_000_000:
        photo = photo.copy()
        photo.thumbnail((2000, 2000), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return photo


def _photo(path: str, width: int, height: int) -> Image.Image:
    """The photo cropped to `width`×`height` around where a portrait's face is: the region is cut
    from the decoded photo first and only that is scaled, which is most of the work saved."""
    photo = _decoded(path)
    scale = max(width / photo.width, height / photo.height)
    # The crop never exceeds the photo: rounding may otherwise put an edge a hair outside it.
    crop_width, crop_height = min(width / scale, photo.width), min(height / scale, photo.height)
    left = max(0.0, (photo.width - crop_width) / 2)
    top = min(max(0.0, photo.height * FACE_HEIGHT - crop_height / 2), photo.height - crop_height)
    box = (left, max(0.0, top), min(photo.width, left + crop_width), min(photo.height, top + crop_height))
    return photo.resize((width, height), Image.Resampling.BILINEAR, box=box, reducing_gap=1.0)


@cache
def _circle(width: int, height: int) -> Image.Image:
    """A smooth-edged round mask, drawn large and scaled down."""
    scale = 3
    mask = Image.new("L", (width * scale, height * scale), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, mask.width - 1, mask.height - 1), fill=255)
    return mask.resize((width, height), Image.Resampling.LANCZOS)


def _header(canvas: Canvas, margin: int, top: int, disc: int, size: int, fill: str) -> int:
    """Logo and organisation name along the top; returns the y below them."""
    _logo(canvas, margin, top, disc)
    width = canvas.spec.size[0] - 2 * margin - disc - 20
    block = canvas.bold.fit(canvas.spec.brand.organisation, width, 1, size, round(size * 0.7))
    canvas.text("organisation", canvas.bold, block, margin + disc + 20, top + (disc - block.height) // 2, fill)
    return top + disc


def _stack(
    canvas: Canvas,
    parts: list[tuple[str, Typesetter, str, int, int, int, int]],
    width: int,
    top: int,
    bottom: int,
    x: int,
    fill: str,
) -> None:
    """Fit text parts (role, setter, text, max lines, max size, min size, gap before) between `top`
    and `bottom`, shrinking the first (the headline) until all fit, and centre them vertically."""
    role, setter, text, lines, max_size, min_size, _ = parts[0]
    rest = [(r, s, s.fit(t, width, n, big, small), gap) for r, s, t, n, big, small, gap in parts[1:]]
    rest_height = sum(block.height + gap for _, _, block, gap in rest)
    size = max_size
    while True:
        head = setter.fit(text, width, lines, size, min_size)
        if head.height + rest_height <= bottom - top or size <= min_size:
            break
        size -= 4
    y = top + max(0, (bottom - top - head.height - rest_height) // 2)
    canvas.text(role, setter, head, x, y, fill)
    y += head.height
    for r, s, block, gap in rest:
        y += gap
        canvas.text(r, s, block, x, y, fill)
        y += block.height


def _vacancy(canvas: Canvas, text: VacancyText) -> None:
    spec = canvas.spec
    width, height = spec.size
    margin = MARGINS[spec.format][0]
    primary, accent = spec.brand.primary, spec.brand.accent
    on_primary, on_accent = colours.text_on(primary), colours.text_on(accent)
    og = spec.format == "og"
    band = 100 if og else 170
    canvas.draw.rectangle((0, height - band, width, height), fill=accent)
    below_header = _header(canvas, margin, 48 if og else 72, 72 if og else 96, 30 if og else 40, on_primary)
    inner = width - 2 * margin
    parts = [
        ("title", canvas.bold, text.title, 3 if og else 5, 68 if og else 112, 40 if og else 56, 0),
        ("pay", canvas.bold, text.pay, 1, 40 if og else 58, 26 if og else 36, 24 if og else 48),
        ("details", canvas.regular, text.details, 1 if og else 2, 30 if og else 40, 22 if og else 28, 10 if og else 18),
    ]
    _stack(
        canvas,
        parts,
        inner,
        below_header + (24 if og else 48),
        height - band - (24 if og else 48),
        margin,
        on_primary,
    )
    deadline = canvas.bold.fit(text.deadline, inner, 1, 36 if og else 48, 24 if og else 32)
    canvas.text("deadline", canvas.bold, deadline, margin, height - band + (band - deadline.height) // 2, on_accent)


def _story(canvas: Canvas, text: StoryText) -> None:
    spec = canvas.spec
    width, height = spec.size
    margin = MARGINS[spec.format][0]
    background = colours.mix(spec.brand.primary, "#FFFFFF", 0.92)
    ink = colours.readable_against(spec.brand.primary, background)
    canvas.draw.rectangle((0, 0, width, height), fill=background)
    if spec.format == "og":
        diameter = height - 2 * 96
        photo = _photo(text.photo, diameter, diameter)
        ring = 10
        canvas.draw.ellipse(
            (margin - ring, 96 - ring, margin + diameter + ring, 96 + diameter + ring), fill=spec.brand.accent
        )
        canvas.image.paste(photo, (margin, 96), _circle(diameter, diameter))
        x = margin + diameter + 64
        inner = width - x - margin
        org = canvas.bold.fit(spec.brand.organisation, inner, 1, 26, 20)
        canvas.text("organisation", canvas.bold, org, x, 56, ink)
        parts = [
            ("quote", canvas.bold, text.quote, 5, 46, 26, 0),
            ("name", canvas.bold, text.name, 1, 32, 22, 28),
            ("role", canvas.regular, text.role, 2, 26, 20, 6),
        ]
        _stack(canvas, parts, inner, 56 + org.height + 24, height - 56, x, ink)
        return
    photo_height = 700
    photo = _photo(text.photo, width - 2 * margin, photo_height)
    canvas.image.paste(photo, (margin, margin))
    canvas.draw.rectangle(
        (margin, margin + photo_height, width - margin, margin + photo_height + 12), fill=spec.brand.accent
    )
    inner = width - 2 * margin
    parts = [
        ("quote", canvas.bold, text.quote, 5, 60, 34, 0),
        ("name", canvas.bold, text.name, 1, 42, 30, 32),
        ("role", canvas.regular, text.role, 2, 34, 26, 8),
        ("organisation", canvas.regular, spec.brand.organisation, 1, 30, 24, 20),
    ]
    _stack(canvas, parts, inner, margin + photo_height + 48, height - margin, margin, ink)


def _home(canvas: Canvas, text: HomeText) -> None:
    spec = canvas.spec
    width, height = spec.size
    margin = MARGINS[spec.format][0]
    on_primary = colours.text_on(spec.brand.primary)
    canvas.draw.rectangle((0, height - 24, width, height), fill=spec.brand.accent)
    _logo(canvas, margin, 64, 120)
    parts = [
        ("headline", canvas.bold, text.headline, 2, 76, 44, 0),
        ("tagline", canvas.regular, text.tagline, 2, 44, 28, 24),
    ]
    _stack(canvas, parts, width - 2 * margin, 64 + 120 + 24, height - 24 - 48, margin, on_primary)


def draw(spec: CardSpec, keep_snapshots: bool = False) -> Canvas:
    """The card drawn in memory, with what was drawn where."""
    canvas = Canvas(spec, spec.brand.primary, keep_snapshots)
    if isinstance(spec.text, VacancyText):
        _vacancy(canvas, spec.text)
    elif isinstance(spec.text, StoryText):
        _story(canvas, spec.text)
    else:
        _home(canvas, spec.text)
    return canvas


def render(spec: CardSpec) -> tuple[bytes, frozenset[str]]:
    """The card as JPEG or PNG bytes (`spec.extension`), and the characters left out because no
    font has them."""
    canvas = draw(spec)
    buffer = io.BytesIO()
    if spec.extension == "png":
        image = canvas.image.quantize(palette=_palette(spec.brand), dither=Image.Dither.NONE)
        image.save(buffer, "PNG", **PNG)
    else:
        canvas.image.save(buffer, "JPEG", **JPEG)
    return buffer.getvalue(), frozenset(canvas.missing)


def _palette(brand: Brand) -> Image.Image:
    return _brand_palette(brand, file_version(brand.logo) if brand.logo else None)


@lru_cache(maxsize=4)
def _brand_palette(brand: Brand, logo_version: tuple[int, int] | None) -> Image.Image:
    """Every colour a flat card is drawn in: each text colour blended into its background in
    `BLEND_STEPS` shades, the white disc's edge on the brand colour, and the logo's colours on the
    disc. Made from the brand alone, so every card of a site has the same palette in any worker."""
    pairs = [
        (colours.text_on(brand.primary), brand.primary),
        (colours.text_on(brand.accent), brand.accent),
        ("#FFFFFF", brand.primary),
    ]
    found: list[tuple[int, ...]] = [
        colours.rgb(colours.mix(back, text, i / BLEND_STEPS)) for text, back in pairs for i in range(BLEND_STEPS + 1)
    ]
    if brand.logo:
        logo = _load_logo(brand.logo, 128)
        on_white = Image.new("RGB", logo.size, "#FFFFFF")
        on_white.paste(logo, mask=logo.getchannel("A"))
        reduced = on_white.quantize(LOGO_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        values = reduced.getpalette() or []
        found += [tuple(values[i : i + 3]) for i in range(0, 3 * len(reduced.getcolors() or []), 3)]
    unique = list(dict.fromkeys(found))
    palette = Image.new("P", (1, 1))
    palette.putpalette([value for colour in unique for value in colour])
    return palette
