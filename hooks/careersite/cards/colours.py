"""Brand colours made accessible: WCAG contrast ratios and text colours that meet AA on them."""

from __future__ import annotations

AA = 4.5
DARK_TEXT = "#1A1A1A"
LIGHT_TEXT = "#FFFFFF"


def rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def hex_colour(red: float, green: float, blue: float) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02X}" for c in (red, green, blue))


def luminance(colour: str) -> float:
    """Relative luminance as WCAG 2.1 defines it."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio between two colours, from 1 to 21."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_on(background: str) -> str:
    """White or near-black, whichever reads better on `background`; pure black where neither
    reaches WCAG AA (mid-tone colours)."""
    best = max((LIGHT_TEXT, DARK_TEXT), key=lambda colour: contrast(background, colour))
    return best if contrast(background, best) >= AA else "#000000"


def mix(colour: str, other: str, amount: float) -> str:
    """`colour` moved `amount` (0 to 1) of the way towards `other`."""
    a, b = rgb(colour), rgb(other)
    return hex_colour(*(x + (y - x) * amount for x, y in zip(a, b, strict=True)))


def readable_against(colour: str, background: str, ratio: float = AA) -> str:
    """`colour` darkened or lightened just enough to reach `ratio` against `background`."""
    target = (0, 0, 0) if luminance(background) > 0.18 else (255, 255, 255)
    r, g, b = rgb(colour)
    for step in range(0, 101):
        mix = step / 100
        candidate = hex_colour(r + (target[0] - r) * mix, g + (target[1] - g) * mix, b + (target[2] - b) * mix)
        if contrast(candidate, background) >= ratio:
            return candidate
    return hex_colour(*target)
