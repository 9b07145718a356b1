"""Measuring drawn cards from their pixels: where the text landed and how well it contrasts."""

from __future__ import annotations

from collections import Counter

from careersite.cards.colours import contrast, hex_colour
from careersite.cards.draw import MARGINS, Canvas
from PIL import Image, ImageChops


def ink_box(before: Image.Image, after: Image.Image) -> tuple[int, int, int, int] | None:
    """The box of pixels a drawing step changed."""
    return ImageChops.difference(before, after).convert("L").point(lambda v: 255 if v > 8 else 0).getbbox()


def measured_contrast(before: Image.Image, after: Image.Image) -> float:
    """Contrast between the text's solid pixels and what was under them, both read from pixels."""
    diff = ImageChops.difference(before, after).convert("L")
    box = diff.getbbox()
    assert box, "nothing was drawn"
    strongest = diff.crop(box).getextrema()[1]
    solid = [
        (x, y) for y in range(box[1], box[3]) for x in range(box[0], box[2]) if diff.getpixel((x, y)) >= strongest - 10
    ]
    ink = Counter(after.getpixel(p) for p in solid).most_common(1)[0][0]
    ground = Counter(before.getpixel(p) for p in solid).most_common(1)[0][0]
    return contrast(hex_colour(*ink), hex_colour(*ground))


def check_canvas(canvas: Canvas) -> list[str]:
    """Problems with a drawn card: text outside the margins, low contrast, nothing drawn, left-out glyphs."""
    problems = []
    width, height = canvas.spec.size
    margin, vertical = MARGINS[canvas.spec.format]
    assert canvas.snapshots is not None
    steps = [*canvas.snapshots[1:], canvas.image]
    for text, before, after in zip(canvas.texts, canvas.snapshots, steps, strict=True):
        box = ink_box(before, after)
        if box is None:
            problems.append(f"{text.role}: nothing drawn")
            continue
        left, top, right, bottom = box
        if left < margin or right > width - margin or top < vertical or bottom > height - vertical:
            problems.append(f"{text.role}: ink at {box} outside the margins of {width}×{height}")
        ratio = measured_contrast(before, after)
        if ratio < 4.5:
            problems.append(f"{text.role}: contrast {ratio:.2f} below 4.5")
    if canvas.missing:
        problems.append(f"characters left out: {sorted(canvas.missing)}")
    return problems
