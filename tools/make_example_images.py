#!/usr/bin/env python3
"""Generate the image assets of the example site (Gemeente Lindewaard).

Creates:
  stories/img/<slug>.jpg        seven flat-illustration employee portraits
                                (1200x1500, JPEG)
  content/assets/logo.svg       the municipal mark (viewBox 0 0 64 64)
  content/assets/logo.png       the same mark, 512x512, transparent
  content/assets/favicon.png    the same mark, 64x64, transparent

Everything is drawn with Pillow, supersampled and downscaled with LANCZOS
for smooth edges. The output is deterministic (the only randomness uses a
fixed seed), so the script can simply be re-run:

    .venv/bin/python tools/make_example_images.py
"""

from __future__ import annotations

import itertools
import math
import random
import re
import sys
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
STORIES_DIR = ROOT / "stories" / "img"
ASSETS_DIR = ROOT / "content" / "assets"

# --------------------------------------------------------------------------
# Geometry helpers
# --------------------------------------------------------------------------

Point = tuple[float, float]


def hexrgb(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def mix(a: str, b: str, t: float) -> str:
    ca, cb = hexrgb(a), hexrgb(b)
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(ca, cb, strict=False))


def shade(colour: str, t: float) -> str:
    """Darken (t > 0) towards a deep warm tone or lighten (t < 0) to white."""
    return mix(colour, "#1a1014", t) if t >= 0 else mix(colour, "#ffffff", -t)


def cubic(p0: Point, p1: Point, p2: Point, p3: Point, n: int = 24) -> list[Point]:
    out = []
    for i in range(1, n + 1):
        t = i / n
        u = 1 - t
        out.append(
            (
                u * u * u * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t * t * t * p3[0],
                u * u * u * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t * t * t * p3[1],
            )
        )
    return out


def catmull(points: list[Point], closed: bool = True, n: int = 20) -> list[Point]:
    """Smooth curve through all points (Catmull-Rom as cubic Beziers)."""
    pts = list(points)
    if closed:
        ext = [pts[-1], *pts, pts[0], pts[1]]
        segs = len(pts)
    else:
        ext = [pts[0], *pts, pts[-1]]
        segs = len(pts) - 1
    out: list[Point] = [ext[1]]
    for i in range(segs):
        p0, p1, p2, p3 = ext[i], ext[i + 1], ext[i + 2], ext[i + 3]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        out.extend(cubic(p1, c1, c2, p2, n))
    return out


def mirror(points: list[Point], cx: float = 600) -> list[Point]:
    return [(2 * cx - x, y) for x, y in points]


def shift(points: list[Point], dx: float = 0, dy: float = 0) -> list[Point]:
    return [(x + dx, y + dy) for x, y in points]


# --------------------------------------------------------------------------
# Supersampled canvas working with masks
# --------------------------------------------------------------------------


class Canvas:
    """All coordinates are given in output pixels; drawing happens at ss x."""

    def __init__(self, w: int, h: int, ss: int, bg: str | None, mode: str = "RGB"):
        self.w, self.h, self.ss = w, h, ss
        self.size = (w * ss, h * ss)
        if mode == "RGBA":
            self.img = Image.new("RGBA", self.size, (0, 0, 0, 0))
        else:
            self.img = Image.new("RGB", self.size, bg)

    # -- mask constructors ------------------------------------------------
    def blank(self) -> Image.Image:
        return Image.new("L", self.size, 0)

    def _p(self, pts):
        s = self.ss
        return [(x * s, y * s) for x, y in pts]

    def poly(self, pts: list[Point]) -> Image.Image:
        m = self.blank()
        ImageDraw.Draw(m).polygon(self._p(pts), fill=255)
        return m

    def smooth(self, pts: list[Point]) -> Image.Image:
        return self.poly(catmull(pts, closed=True))

    def path(self, *curves: list[Point]) -> Image.Image:
        """Closed shape from smooth open curves joined at sharp corners."""
        pts: list[Point] = []
        for c in curves:
            pts.extend(catmull(c, closed=False))
        return self.poly(pts)

    def ellipse(self, cx: float, cy: float, rx: float, ry: float | None = None) -> Image.Image:
        ry = rx if ry is None else ry
        m = self.blank()
        s = self.ss
        ImageDraw.Draw(m).ellipse(((cx - rx) * s, (cy - ry) * s, (cx + rx) * s, (cy + ry) * s), fill=255)
        return m

    def rect(self, x0: float, y0: float, x1: float, y1: float, r: float = 0) -> Image.Image:
        m = self.blank()
        s = self.ss
        ImageDraw.Draw(m).rounded_rectangle((x0 * s, y0 * s, x1 * s, y1 * s), radius=r * s, fill=255)
        return m

    def stroke(self, pts: list[Point], width: float, smooth: bool = True, closed: bool = False) -> Image.Image:
        """Polyline/curve with round joins and round caps."""
        if smooth and len(pts) > 2:
            pts = catmull(pts, closed=closed, n=24)
        elif closed:
            pts = [*list(pts), pts[0]]
        m = self.blank()
        d = ImageDraw.Draw(m)
        sp = self._p(pts)
        r = width * self.ss / 2
        # each segment as a quad, each vertex as a disc: exact round joins/caps
        for (x0, y0), (x1, y1) in itertools.pairwise(sp):
            length = math.hypot(x1 - x0, y1 - y0)
            if length == 0:
                continue
            nx, ny = -(y1 - y0) / length * r, (x1 - x0) / length * r
            d.polygon([(x0 + nx, y0 + ny), (x1 + nx, y1 + ny), (x1 - nx, y1 - ny), (x0 - nx, y0 - ny)], fill=255)
        for x, y in sp:
            d.ellipse((x - r, y - r, x + r, y + r), fill=255)
        return m

    def above(self, pts: list[Point]) -> Image.Image:
        """Region above an open curve running left to right (ends extended
        horizontally to the canvas edges)."""
        c = catmull(pts, closed=False)
        return self.poly([*c, (self.w + 50, c[-1][1]), (self.w + 50, -50), (-50, -50), (-50, c[0][1])])

    def below(self, pts: list[Point]) -> Image.Image:
        c = catmull(pts, closed=False)
        return self.poly([*c, (self.w + 50, c[-1][1]), (self.w + 50, self.h + 50), (-50, self.h + 50), (-50, c[0][1])])

    # -- painting ---------------------------------------------------------
    def fill(self, mask: Image.Image, colour: str, alpha: float = 1.0, clip: Image.Image | None = None):
        if clip is not None:
            mask = ImageChops.multiply(mask, clip)
        if alpha < 1.0:
            mask = mask.point(lambda v: round(v * alpha))
        if self.img.mode == "RGBA":
            layer = Image.new("RGBA", self.size, (*hexrgb(colour), 255))
            layer.putalpha(mask)
            self.img = Image.alpha_composite(self.img, layer)
        else:
            self.img.paste(hexrgb(colour), (0, 0), mask)

    def result(self) -> Image.Image:
        return self.img.resize((self.w, self.h), Image.LANCZOS)


def union(*masks: Image.Image) -> Image.Image:
    out = masks[0]
    for m in masks[1:]:
        out = ImageChops.lighter(out, m)
    return out


def inter(a: Image.Image, b: Image.Image) -> Image.Image:
    return ImageChops.multiply(a, b)


def minus(a: Image.Image, b: Image.Image) -> Image.Image:
    return ImageChops.subtract(a, b)


# --------------------------------------------------------------------------
# Portraits
# --------------------------------------------------------------------------

W, H = 1200, 1500
SS = 3
CX = 600  # horizontal centre of the face
EYE_Y = 560  # eye line; the face (forehead..chin) is centred on ~570 = 38 %

INK = "#2b211e"  # eyes
MOUTH = "#93483c"


def face_points(jaw: float = 0.5, half: float = 148, top: float = 392, chin: float = 752) -> list[Point]:
    """Face/head outline. jaw 0 = soft and narrow, 1 = broad and square."""
    right = [
        (CX + half * 0.50, top + 9),
        (CX + half * 0.84, top + 46),
        (CX + half * 0.99, 505),
        (CX + half * 1.00, 578),
        (CX + half * (0.93 + 0.04 * jaw), 646),
        (CX + half * (0.72 + 0.10 * jaw), 703),
        (CX + half * (0.38 + 0.12 * jaw), 741),
    ]
    pts = [(CX, top), *right, (CX, chin), *list(reversed(mirror(right)))]
    return pts


def draw_background(cv: Canvas, accent: str):
    """Solid pastel background with one large soft disc behind the head."""
    cv.fill(cv.ellipse(CX, 650, 460), accent)


def body_points(sw: float = 1.0, top: float = 852) -> list[Point]:
    left = [
        (CX - 480 * sw, H + 40),
        (CX - 462 * sw, 1190),
        (CX - 410 * sw, 1010),
        (CX - 300 * sw, 912),
        (CX - 130, top + 8),
    ]
    pts = [*left, (CX, top), *list(reversed(mirror(left)))]
    return catmull(pts, closed=False)


def draw_neck(cv: Canvas, skin: str, width: float = 62, bottom: float = 900, chin: float = 752) -> Image.Image:
    neck = cv.poly([(CX - width, 650), (CX + width, 650), (CX + width + 8, bottom), (CX - width - 8, bottom)])
    cv.fill(neck, skin)
    # soft curved shadow under the chin
    cv.fill(cv.ellipse(CX, chin - 30, width + 40, 75), shade(skin, 0.13), clip=neck)
    return neck


def draw_ears(cv: Canvas, skin: str, y: float = 588, half: float = 148, behind: Image.Image | None = None):
    """Ears; if `behind` (the face mask) is given they are painted around it."""
    for side in (-1, 1):
        x = CX + side * (half + 4)
        ear = cv.ellipse(x, y, 27, 43)
        inner = cv.ellipse(x + side * 6, y + 2, 12, 24)
        if behind is not None:
            ear, inner = minus(ear, behind), minus(inner, behind)
        cv.fill(ear, skin)
        cv.fill(inner, shade(skin, 0.12))


def draw_face(cv: Canvas, skin: str, face: list[Point]) -> Image.Image:
    m = cv.smooth(face)
    cv.fill(m, skin)
    return m


def draw_eyes(cv: Canvas, brow: str, brow_w: float = 11, eye: str = INK, brow_y: float = 0):
    for side in (-1, 1):
        ex = CX + side * 58
        cv.fill(cv.ellipse(ex, EYE_Y, 12.5, 14.5), eye)
        cv.fill(cv.ellipse(ex + 4, EYE_Y - 5, 4), "#ffffff", alpha=0.9)
        bx = [(CX + side * 32, 517 + brow_y), (CX + side * 57, 507 + brow_y), (CX + side * 84, 515 + brow_y)]
        cv.fill(cv.stroke(bx, brow_w), brow)


def draw_nose(cv: Canvas, skin: str, strength: float = 0.14):
    """A small soft shadow on one side of the nose."""
    pts = [(CX + 3, 574), (CX + 13, 604), (CX + 14, 618), (CX + 2, 624), (CX - 12, 620), (CX - 4, 612), (CX + 3, 600)]
    cv.fill(cv.smooth(pts), shade(skin, strength))


def draw_mouth(cv: Canvas, kind: str = "closed", colour: str = MOUTH, width: float = 40):
    if kind == "closed":
        cv.fill(cv.stroke([(CX - width, 660), (CX, 675), (CX + width, 660)], 8), colour)
    else:  # open smile with teeth
        w = width
        outline = catmull([(CX - w, 655), (CX, 661), (CX + w, 655)], closed=False) + catmull(
            [(CX + w, 655), (CX + w * 0.6, 683), (CX, 694), (CX - w * 0.6, 683), (CX - w, 655)], closed=False
        )
        mouth = cv.poly(outline)
        cv.fill(mouth, colour)
        cv.fill(cv.above([(CX - w - 10, 660), (CX, 670), (CX + w + 10, 660)]), "#ffffff", clip=mouth)


def draw_blush(cv: Canvas, colour: str = "#e8837a", alpha: float = 0.25, y: float = 626):
    for side in (-1, 1):
        cv.fill(cv.ellipse(CX + side * 88, y, 30, 17), colour, alpha=alpha)


def draw_arm_lines(cv: Canvas, colour: str, sw: float = 1.0, clip: Image.Image | None = None):
    for side in (-1, 1):
        pts = [(CX + side * 352 * sw, 1130), (CX + side * 362 * sw, 1300), (CX + side * 366 * sw, 1520)]
        cv.fill(cv.stroke(pts, 7), colour, clip=clip)


def neck_ribbing(
    cv: Canvas,
    cy0: float,
    rx0: float,
    ry0: float,
    cy1: float,
    rx1: float,
    ry1: float,
    colour: str,
    clip: Image.Image,
    n: int = 9,
    step: float = 0.16,
):
    for i in range(-n, n + 1):
        a = math.pi / 2 + i * step
        p0 = (CX + rx0 * math.cos(a), cy0 + ry0 * math.sin(a))
        p1 = (CX + rx1 * math.cos(a), cy1 + ry1 * math.sin(a))
        cv.fill(cv.stroke([p0, p1], 3, smooth=False), colour, clip=clip)


def save_jpeg(img: Image.Image, path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    img.convert("RGB").save(path, "JPEG", quality=85, optimize=True, progressive=True, subsampling="4:2:0")


# ---- individual people ----------------------------------------------------


def fatima(cv: Canvas):
    skin = "#a8714c"
    scarf, scarf_dk, scarf_lt = "#24396d", "#1a2b55", "#34508f"
    blazer = "#c58b55"
    draw_background(cv, "#e4f0f8")
    face = face_points(jaw=0.15, half=142, top=400, chin=752)

    # blazer with a cream top in a deep V
    body = cv.poly(body_points(0.93))
    cv.fill(body, blazer)
    draw_arm_lines(cv, shade(blazer, 0.1), 0.93, clip=body)
    cv.fill(cv.poly([(CX - 150, 870), (CX + 150, 870), (CX, 1235)]), "#f3e7d3", clip=body)
    for side in (-1, 1):
        lapel = [
            (CX + side * 150, 862),
            (CX + side * 4, 1240),
            (CX + side * 60, 1180),
            (CX + side * 150, 1010),
            (CX + side * 210, 975),
            (CX + side * 196, 920),
            (CX + side * 205, 880),
        ]
        cv.fill(cv.poly(lapel), shade(blazer, 0.12), clip=body)
        cv.fill(cv.stroke([(CX + side * 150, 866), (CX + side * 4, 1238)], 5, smooth=False), shade(blazer, 0.22))
    for y in (1320, 1430):
        cv.fill(cv.ellipse(CX, y, 15), shade(blazer, 0.3))

    # hijab: head cover and drape over the chest
    drape = [
        (CX, 352),
        (CX + 112, 370),
        (CX + 184, 438),
        (CX + 210, 548),
        (CX + 206, 670),
        (CX + 205, 770),
        (CX + 186, 862),
        (CX + 122, 940),
        (CX + 40, 985),
        (CX, 992),
    ]
    drape = drape + list(reversed(mirror(drape[1:-1])))
    drape_m = cv.smooth(drape)
    cv.fill(drape_m, scarf)
    cv.fill(cv.stroke([(CX - 170, 820), (CX - 60, 905), (CX + 90, 905), (CX + 175, 840)], 9), scarf_dk, clip=drape_m)
    cv.fill(cv.stroke([(CX - 150, 880), (CX - 20, 955), (CX + 120, 925)], 7), scarf_lt, alpha=0.7, clip=drape_m)

    fm = cv.smooth(face)
    cv.fill(cv.poly(catmull(shift(face, 0, 22))), scarf_dk, clip=minus(drape_m, fm))
    draw_face(cv, skin, face)
    # forehead band of the scarf
    band = [
        (CX - 140, 660),
        (CX - 134, 600),
        (CX - 125, 518),
        (CX - 88, 458),
        (CX, 437),
        (CX + 88, 458),
        (CX + 125, 518),
        (CX + 134, 600),
        (CX + 140, 660),
    ]
    cv.fill(cv.above(band), scarf, clip=union(fm, drape_m))
    frame = [
        (CX - 160, 680),
        (CX - 163, 560),
        (CX - 130, 452),
        (CX, 414),
        (CX + 130, 452),
        (CX + 163, 560),
        (CX + 160, 680),
    ]
    cv.fill(cv.stroke(frame, 6), scarf_lt, alpha=0.6, clip=minus(drape_m, fm))

    draw_eyes(cv, "#2a1c17", brow_w=10)
    draw_nose(cv, skin, 0.14)
    draw_mouth(cv, "open", colour="#7c3530", width=38)
    draw_blush(cv, "#c9605a", 0.2)


def henk(cv: Canvas):
    skin = "#f0c3a2"
    hair = "#c4c2bd"
    beard = "#b3b0aa"
    jacket = "#4c7d3f"
    draw_background(cv, "#f7efdd")
    face = face_points(jaw=0.9, half=152, top=396, chin=752)

    draw_neck(cv, skin, width=70)
    body = cv.poly(body_points(1.06))
    cv.fill(body, jacket)
    # grey T-shirt in the open collar and the zip
    cv.fill(cv.poly([(CX - 84, 850), (CX + 84, 850), (CX, 936)]), "#8e959b", clip=body)
    cv.fill(cv.stroke([(CX, 936), (CX, 1520)], 7, smooth=False), shade(jacket, 0.3))
    # reflective stripe around the chest and arms
    cv.fill(cv.rect(0, 1190, W, 1252), "#d3d9dc", clip=body)
    cv.fill(cv.rect(0, 1206, W, 1236), "#eef2f3", clip=body)
    cv.fill(cv.stroke([(CX, 1190), (CX, 1252)], 7, smooth=False), shade(jacket, 0.3))
    draw_arm_lines(cv, shade(jacket, 0.15), 1.06, clip=body)
    # fold-down collar
    for side in (-1, 1):
        collar = [
            (CX + side * 70, 796),
            (CX + side * 150, 846),
            (CX + side * 170, 902),
            (CX + side * 6, 944),
            (CX + side * 76, 856),
        ]
        cv.fill(cv.poly(collar), shade(jacket, 0.16))
        cv.fill(cv.stroke([(CX + side * 76, 858), (CX + side * 8, 940)], 4, smooth=False), shade(jacket, 0.28))
    # chest pocket with the municipal leaf
    px, py = CX + 200, 1060
    cv.fill(cv.rect(px - 70, py - 62, px + 70, py + 62, 12), shade(jacket, 0.08))
    cv.fill(cv.rect(px - 70, py - 62, px + 70, py - 34, 12), shade(jacket, 0.18))
    leaf = [(px + (x - 32) * 1.7, py + 12 + (y - 22) * 1.7) for x, y in parse_path(LEAF)[0]]
    cv.fill(cv.poly(leaf), YELLOW)
    cv.fill(cv.stroke([(px, py + 12 + 12 * 1.7), (px, py + 12 - 10 * 1.7)], 3.5, smooth=False), shade(jacket, 0.08))

    draw_ears(cv, skin, half=152)
    draw_face(cv, skin, face)
    # hair: short and grey, slightly receding
    outer = [
        (CX - 150, 592),
        (CX - 161, 520),
        (CX - 160, 450),
        (CX - 130, 400),
        (CX - 70, 378),
        (CX, 372),
        (CX + 70, 378),
        (CX + 130, 400),
        (CX + 160, 450),
        (CX + 161, 520),
        (CX + 150, 592),
    ]
    line = [
        (CX + 150, 592),
        (CX + 141, 560),
        (CX + 138, 500),
        (CX + 112, 462),
        (CX + 50, 448),
        (CX, 452),
        (CX - 50, 448),
        (CX - 112, 462),
        (CX - 138, 500),
        (CX - 141, 560),
        (CX - 150, 592),
    ]
    cv.fill(cv.path(outer, line), hair)
    # beard and moustache
    bline = [
        (CX - 141, 570),
        (CX - 132, 618),
        (CX - 92, 650),
        (CX - 45, 640),
        (CX, 632),
        (CX + 45, 640),
        (CX + 92, 650),
        (CX + 132, 618),
        (CX + 141, 570),
    ]
    bshape = inter(cv.smooth(face_points(jaw=0.9, half=156, top=396, chin=778)), cv.below(bline))
    cv.fill(bshape, beard)
    draw_eyes(cv, "#9d9a94", brow_w=13)
    cv.fill(cv.stroke([(CX - 40, 470), (CX, 466), (CX + 40, 470)], 4), shade(skin, 0.08))
    draw_nose(cv, skin, 0.14)
    mouth = [(CX - 40, 664), (CX - 20, 689), (CX + 20, 689), (CX + 40, 664), (CX, 672)]
    cv.fill(cv.smooth(mouth), "#7d3c34")
    cv.fill(cv.above([(CX - 50, 668), (CX, 674), (CX + 50, 668)]), "#ffffff", clip=cv.smooth(mouth))
    cv.fill(cv.stroke([(CX - 52, 652), (CX - 22, 645), (CX, 650), (CX + 22, 645), (CX + 52, 652)], 14), beard)
    draw_blush(cv, "#e27d6f", 0.25, y=600)


def lotte(cv: Canvas):
    skin = "#f7d5bb"
    hair, hair_dk, hair_lt = "#e6c06a", "#cfa24c", "#f3d88f"
    sweater = "#df7a5e"
    draw_background(cv, "#e4eedf")
    face = face_points(jaw=0.0, half=138, top=404, chin=748)

    back = [
        (CX, 362),
        (CX + 110, 380),
        (CX + 178, 450),
        (CX + 196, 570),
        (CX + 200, 710),
        (CX + 214, 860),
        (CX + 226, 990),
        (CX + 170, 1050),
        (CX, 1040),
    ]
    back = back + list(reversed(mirror(back[1:-1])))
    cv.fill(cv.smooth(back), hair_dk)

    draw_neck(cv, skin, width=54, chin=748)
    body = cv.poly(body_points(0.9))
    cv.fill(minus(body, cv.ellipse(CX, 846, 78, 34)), sweater)
    draw_arm_lines(cv, shade(sweater, 0.1), 0.9, clip=body)
    ring = inter(minus(cv.ellipse(CX, 850, 98, 46), cv.ellipse(CX, 846, 76, 32)), body)
    cv.fill(ring, shade(sweater, 0.12))
    neck_ribbing(cv, 846, 76, 32, 850, 98, 46, shade(sweater, 0.2), ring, n=8, step=0.17)

    draw_face(cv, skin, face)
    # front hair: cap with a side parting and two long locks over the shoulders
    outer = [
        (CX, 366),
        (CX + 100, 378),
        (CX + 168, 440),
        (CX + 182, 540),
        (CX + 172, 610),
        (CX, 610),
        (CX - 172, 610),
        (CX - 182, 540),
        (CX - 168, 440),
        (CX - 100, 378),
    ]
    hairline = [
        (CX - 130, 640),
        (CX - 130, 560),
        (CX - 124, 500),
        (CX - 106, 460),
        (CX - 70, 426),
        (CX - 34, 404),
        (CX + 6, 420),
        (CX + 70, 444),
        (CX + 110, 476),
        (CX + 126, 510),
        (CX + 130, 560),
        (CX + 130, 640),
    ]
    cap = inter(cv.smooth(outer), cv.above(hairline))
    lock_l = [
        (CX - 136, 470),
        (CX - 128, 560),
        (CX - 130, 680),
        (CX - 142, 800),
        (CX - 156, 920),
        (CX - 158, 995),
        (CX - 184, 1036),
        (CX - 222, 985),
        (CX - 220, 850),
        (CX - 202, 700),
        (CX - 188, 560),
        (CX - 172, 462),
    ]
    front = union(cap, cv.smooth(lock_l), cv.smooth(mirror(lock_l)))
    cv.fill(front, hair)
    # soft strands
    cv.fill(cv.stroke([(CX - 30, 368), (CX - 33, 386), (CX - 34, 404)], 5), hair_dk, clip=front)
    for pts in (
        [(CX - 40, 376), (CX - 100, 396), (CX - 150, 450)],
        [(CX - 20, 376), (CX + 60, 388), (CX + 130, 420), (CX + 160, 470)],
    ):
        cv.fill(cv.stroke(pts, 5), hair_dk, alpha=0.6, clip=front)
    for pts in (
        [(CX - 170, 640), (CX - 174, 740), (CX - 186, 850)],
        [(CX + 172, 660), (CX + 176, 760), (CX + 190, 870)],
    ):
        cv.fill(cv.stroke(pts, 7), hair_lt, alpha=0.9, clip=front)

    draw_eyes(cv, "#b08a4a", brow_w=9)
    # round glasses
    frame = "#7a4a34"
    for side in (-1, 1):
        gx = CX + side * 60
        cv.fill(cv.ellipse(gx, EYE_Y + 2, 39), "#ffffff", alpha=0.12)
        cv.fill(minus(cv.ellipse(gx, EYE_Y + 2, 45), cv.ellipse(gx, EYE_Y + 2, 39)), frame)
        cv.fill(cv.stroke([(CX + side * 104, EYE_Y - 6), (CX + side * 138, EYE_Y - 12)], 6, smooth=False), frame)
    cv.fill(cv.stroke([(CX - 16, EYE_Y - 2), (CX, EYE_Y - 8), (CX + 16, EYE_Y - 2)], 6), frame)
    draw_nose(cv, skin, 0.1)
    draw_mouth(cv, "open", colour="#a4473f", width=36)
    draw_blush(cv, "#ee8a80", 0.3, y=630)


def joyce(cv: Canvas):
    skin = "#6b412c"
    hair = "#1c1514"
    blouse = "#e8672b"
    draw_background(cv, "#eee7f6")
    face = face_points(jaw=0.25, half=146, top=400, chin=752)

    # voluminous curly hair: a cloud of overlapping circles
    cloud = [cv.ellipse(CX, 520, 238, 210)]
    n = 26
    for i in range(n):
        a = -math.pi / 2 + 2 * math.pi * i / n
        x = CX + 248 * math.cos(a)
        y = 505 + 220 * math.sin(a)
        if y > 700:
            continue
        cloud.append(cv.ellipse(x, y, 62 if i % 2 else 74))
    for side in (-1, 1):
        cloud.append(cv.ellipse(CX + side * 205, 700, 60))
    cloud_m = union(*cloud)
    cv.fill(cloud_m, hair)

    draw_neck(cv, skin, width=60)
    body = cv.poly(body_points(0.95))
    cv.fill(body, blouse)
    vee_pts = [(CX - 74, 838), (CX + 74, 838), (CX, 985)]
    vee = cv.poly(vee_pts)
    cloth = minus(body, vee)
    # bold, wax-print inspired pattern: large leaves and rings
    rng = random.Random(2024)
    colours = ["#c2185b", "#f6c445", "#1e8f8a", "#f6c445"]
    for row in range(6):
        for col in range(8):
            x = 60 + col * 150 + (75 if row % 2 else 0) + rng.uniform(-14, 14)
            y = 900 + row * 125 + rng.uniform(-10, 10)
            colour = colours[(row + col * 3) % 4]
            if (row + col) % 3 == 0:
                ring_m = minus(cv.ellipse(x, y, 34), cv.ellipse(x, y, 20))
                cv.fill(ring_m, colour, clip=cloth)
            else:
                ang = rng.uniform(0, math.pi)
                dx, dy = math.cos(ang), math.sin(ang)
                pts = [
                    (x - 52 * dx, y - 52 * dy),
                    (x - 18 * dy, y + 18 * dx),
                    (x + 52 * dx, y + 52 * dy),
                    (x + 18 * dy, y - 18 * dx),
                ]
                leaf_m = cv.smooth(pts)
                cv.fill(leaf_m, colour, clip=cloth)
                cv.fill(
                    cv.stroke([(x - 34 * dx, y - 34 * dy), (x + 34 * dx, y + 34 * dy)], 4, smooth=False),
                    shade(colour, 0.25),
                    clip=inter(leaf_m, cloth),
                )
    cv.fill(vee, skin, clip=body)
    draw_arm_lines(cv, shade(blouse, 0.18), 0.95, clip=body)
    for side in (-1, 1):
        cv.fill(cv.stroke([(CX + side * 74, 838), (CX, 985)], 12, smooth=False), shade(blouse, 0.1), clip=body)
    # gold necklace
    cv.fill(
        cv.stroke([(CX - 64, 852), (CX - 32, 898), (CX, 910), (CX + 32, 898), (CX + 64, 852)], 5),
        "#e9b949",
        clip=union(vee, body),
    )
    cv.fill(cv.ellipse(CX, 918, 10), "#e9b949")

    fm = draw_face(cv, skin, face)
    # curly hairline over the forehead
    hl = [
        (CX - 150, 600),
        (CX - 147, 545),
        (CX - 138, 500),
        (CX - 100, 455),
        (CX, 440),
        (CX + 100, 455),
        (CX + 138, 500),
        (CX + 147, 545),
        (CX + 150, 600),
    ]
    front = [cv.above(hl)]
    for i in range(9):
        a = math.pi * (1.05 + 0.9 * i / 8)
        front.append(cv.ellipse(CX + 140 * math.cos(a), 500 + 70 * math.sin(a), 26))
    front_m = union(inter(front[0], fm), *front[1:])
    cv.fill(front_m, hair)
    draw_ears(cv, skin, half=146, behind=fm)
    for side in (-1, 1):
        cv.fill(minus(cv.ellipse(CX + side * 152, 660, 24), cv.ellipse(CX + side * 152, 660, 17)), "#e9b949")

    draw_eyes(cv, "#15100f", brow_w=10, eye="#140e0c")
    draw_nose(cv, skin, 0.2)
    draw_mouth(cv, "open", colour="#4a1f1a", width=40)
    draw_blush(cv, "#b9524a", 0.14)


def anel(cv: Canvas):
    skin = "#dcb28c"
    hair = "#3b2a21"
    jacket = "#3a404c"
    shirt = "#f4f6f8"
    shirt_dk = "#d3dae2"
    draw_background(cv, "#e1f1ee")
    face = face_points(jaw=0.85, half=150, top=398, chin=754)

    draw_neck(cv, skin, width=70, bottom=960, chin=754)
    body = cv.poly(body_points(1.04))
    cv.fill(body, jacket)
    draw_arm_lines(cv, shade(jacket, 0.25), 1.04, clip=body)
    # shirt in the jacket's V, open collar
    cv.fill(cv.poly([(CX - 132, 850), (CX + 132, 850), (CX, 1195)]), shirt, clip=body)
    throat = cv.poly([(CX - 62, 840), (CX + 62, 840), (CX, 965)])
    cv.fill(throat, skin)
    cv.fill(cv.stroke([(CX, 975), (CX, 1195)], 3, smooth=False), shirt_dk)
    for y in (1030, 1120):
        cv.fill(cv.ellipse(CX, y, 6), "#c7ced6")
    for side in (-1, 1):
        collar = [
            (CX + side * 70, 800),
            (CX + side * 66, 840),
            (CX + side * 6, 966),
            (CX + side * 96, 990),
            (CX + side * 140, 852),
        ]
        cv.fill(cv.poly(collar), shirt)
        cv.fill(cv.stroke([(CX + side * 66, 842), (CX + side * 8, 964)], 4, smooth=False), shirt_dk)
    for side in (-1, 1):
        lapel = [
            (CX + side * 132, 848),
            (CX + side * 2, 1196),
            (CX + side * 62, 1150),
            (CX + side * 160, 1000),
            (CX + side * 222, 968),
            (CX + side * 205, 910),
            (CX + side * 200, 866),
        ]
        cv.fill(cv.poly(lapel), shade(jacket, 0.2), clip=body)
    cv.fill(cv.ellipse(CX, 1290, 14), shade(jacket, 0.45))

    draw_ears(cv, skin, half=150)
    fm = draw_face(cv, skin, face)
    # stubble on jaw, chin and upper lip
    sline = [
        (CX - 148, 590),
        (CX - 126, 636),
        (CX - 76, 656),
        (CX - 40, 640),
        (CX, 636),
        (CX + 40, 640),
        (CX + 76, 656),
        (CX + 126, 636),
        (CX + 148, 590),
    ]
    cv.fill(inter(cv.below(sline), fm), "#6e5442", alpha=0.18)
    # hair: short and neat with a little quiff
    outer = [
        (CX - 149, 594),
        (CX - 160, 520),
        (CX - 164, 455),
        (CX - 132, 398),
        (CX - 62, 368),
        (CX, 360),
        (CX + 70, 363),
        (CX + 134, 392),
        (CX + 163, 450),
        (CX + 160, 520),
        (CX + 149, 594),
    ]
    line = [
        (CX + 149, 594),
        (CX + 139, 560),
        (CX + 136, 500),
        (CX + 100, 460),
        (CX + 30, 452),
        (CX - 40, 447),
        (CX - 108, 460),
        (CX - 137, 500),
        (CX - 139, 560),
        (CX - 149, 594),
    ]
    hm = cv.path(outer, line)
    cv.fill(hm, hair)
    for pts in (
        [(CX - 80, 418), (CX - 10, 392), (CX + 70, 396)],
        [(CX - 100, 448), (CX - 30, 426), (CX + 50, 424), (CX + 110, 444)],
    ):
        cv.fill(cv.stroke(pts, 6), shade(hair, -0.1), clip=hm)
    draw_eyes(cv, hair, brow_w=13)
    draw_nose(cv, skin, 0.14)
    draw_mouth(cv, "closed", colour="#8a4a3c", width=38)


def wei(cv: Canvas):
    skin = "#f1d1ac"
    hair, hair_lt = "#1c1c22", "#33333c"
    cardigan = "#8b3e4c"
    shirt = "#d2e3f3"
    draw_background(cv, "#fcebdf")
    face = face_points(jaw=0.45, half=144, top=402, chin=750)

    draw_neck(cv, skin, width=62, chin=750)
    body = cv.poly(body_points(0.98))
    cv.fill(body, cardigan)
    for i in range(-13, 14):  # knitted rib texture
        x = CX + i * 34
        cv.fill(cv.stroke([(x, 860), (x, 1520)], 5, smooth=False), shade(cardigan, 0.07), clip=body)
    draw_arm_lines(cv, shade(cardigan, 0.22), 0.98, clip=body)
    cv.fill(cv.poly([(CX - 122, 852), (CX + 122, 852), (CX, 1150)]), shirt, clip=body)
    throat = cv.poly([(CX - 58, 846), (CX + 58, 846), (CX, 908)])
    cv.fill(throat, skin)
    cv.fill(cv.stroke([(CX, 910), (CX, 1150)], 3, smooth=False), shade(shirt, 0.1))
    for y in (975, 1070):
        cv.fill(cv.ellipse(CX, y, 6), "#ffffff")
    for side in (-1, 1):
        collar = [
            (CX + side * 62, 808),
            (CX + side * 120, 850),
            (CX + side * 100, 936),
            (CX + side * 2, 908),
            (CX + side * 56, 852),
        ]
        cv.fill(cv.poly(collar), shade(shirt, -0.4))
        cv.fill(cv.stroke([(CX + side * 56, 854), (CX + side * 4, 906)], 4, smooth=False), shade(shirt, 0.12))
        band = [
            (CX + side * 122, 848),
            (CX + side * 4, 1152),
            (CX + side * 4, 1520),
            (CX + side * 40, 1520),
            (CX + side * 40, 1160),
            (CX + side * 152, 862),
        ]
        cv.fill(cv.poly(band), shade(cardigan, 0.16), clip=body)
    for y in (1205, 1300, 1395, 1490):
        cv.fill(cv.ellipse(CX + 20, y, 14), "#ead8bf")
        cv.fill(cv.ellipse(CX + 20, y, 5), shade("#ead8bf", 0.15))

    draw_ears(cv, skin, half=144)
    draw_face(cv, skin, face)
    # black hair, side parting on the viewer's left, fringe swept to the right
    outer = [
        (CX - 143, 582),
        (CX - 156, 520),
        (CX - 164, 462),
        (CX - 140, 398),
        (CX - 66, 354),
        (CX + 20, 340),
        (CX + 100, 350),
        (CX + 158, 392),
        (CX + 176, 460),
        (CX + 162, 525),
        (CX + 143, 582),
    ]
    line = [
        (CX + 143, 582),
        (CX + 134, 540),
        (CX + 130, 500),
        (CX + 106, 474),
        (CX + 50, 458),
        (CX - 10, 436),
        (CX - 66, 422),
        (CX - 110, 452),
        (CX - 132, 500),
        (CX - 134, 540),
        (CX - 143, 582),
    ]
    hm = cv.path(outer, line)
    cv.fill(hm, hair)
    # parting and a few soft strands sweeping to the right
    cv.fill(cv.stroke([(CX - 66, 356), (CX - 70, 392), (CX - 66, 418)], 5), "#50505a", clip=hm)
    for pts in (
        [(CX - 44, 376), (CX + 40, 380), (CX + 112, 410), (CX + 152, 458)],
        [(CX - 36, 410), (CX + 40, 428), (CX + 104, 456)],
    ):
        cv.fill(cv.stroke(pts, 6), hair_lt, clip=hm)
    cv.fill(cv.stroke([(CX - 92, 380), (CX - 128, 420), (CX - 142, 480)], 6), hair_lt, clip=hm)
    draw_eyes(cv, hair, brow_w=11)
    draw_nose(cv, skin, 0.12)
    draw_mouth(cv, "open", colour="#9a4a40", width=34)
    draw_blush(cv, "#e8877c", 0.2)


def bram(cv: Canvas):
    skin = "#efc3a3"
    hair = "#8a7664"
    sweater = "#2c3f66"
    shirt = "#dbe8f4"
    draw_background(cv, "#eef0f2")
    face = face_points(jaw=0.7, half=150, top=388, chin=752)

    cv.fill(cv.ellipse(CX, 846, 98, 40), shirt)
    draw_neck(cv, skin, width=68)
    body = cv.poly(body_points(1.02))
    opening = cv.ellipse(CX, 846, 96, 38)
    cv.fill(minus(body, opening), sweater)
    draw_arm_lines(cv, shade(sweater, 0.3), 1.02, clip=body)
    ring = inter(minus(cv.ellipse(CX, 854, 132, 58), opening), body)
    cv.fill(ring, shade(sweater, -0.06))
    neck_ribbing(cv, 846, 96, 38, 854, 132, 58, shade(sweater, 0.12), ring, n=12, step=0.13)
    # shirt collar points resting on the crew neck
    for side in (-1, 1):
        wing = [(CX + side * 70, 806), (CX + side * 2, 874), (CX + side * 42, 922), (CX + side * 108, 876)]
        cv.fill(cv.poly(wing), shirt)
        cv.fill(cv.stroke([(CX + side * 4, 876), (CX + side * 42, 920)], 4, smooth=False), shade(shirt, 0.12))

    fm = draw_face(cv, skin, face)
    # short brown-grey hair around the sides and back of the head
    for side in (-1, 1):
        outer = [
            (CX + side * 128, 440),
            (CX + side * 156, 472),
            (CX + side * 168, 540),
            (CX + side * 164, 596),
            (CX + side * 150, 622),
        ]
        inner = [
            (CX + side * 150, 622),
            (CX + side * 146, 590),
            (CX + side * 142, 540),
            (CX + side * 138, 486),
            (CX + side * 128, 440),
        ]
        cv.fill(cv.path(outer, inner), hair)
    draw_ears(cv, skin, half=150, behind=fm)
    cv.fill(cv.stroke([(CX - 60, 420), (CX - 10, 408), (CX + 30, 412)], 10), "#ffffff", alpha=0.28, clip=fm)
    draw_eyes(cv, "#7c6a5b", brow_w=12)
    cv.fill(cv.stroke([(CX - 45, 462), (CX, 458), (CX + 45, 462)], 4), shade(skin, 0.08))
    # rectangular glasses
    frame = "#22262e"
    for side in (-1, 1):
        x = CX + side * 62
        ring_m = minus(
            cv.rect(x - 50, EYE_Y - 34, x + 50, EYE_Y + 34, 18), cv.rect(x - 43, EYE_Y - 27, x + 43, EYE_Y + 27, 12)
        )
        cv.fill(ring_m, frame)
        cv.fill(cv.stroke([(CX + side * 112, EYE_Y - 16), (CX + side * 148, EYE_Y - 20)], 6, smooth=False), frame)
    cv.fill(cv.stroke([(CX - 14, EYE_Y - 8), (CX, EYE_Y - 14), (CX + 14, EYE_Y - 8)], 6), frame)
    draw_nose(cv, skin, 0.14)
    draw_mouth(cv, "closed", colour="#8f4638", width=40)
    draw_blush(cv, "#e07a6c", 0.25)


PEOPLE = {
    "fatima-el-amrani": fatima,
    "henk-bosman": henk,
    "lotte-van-dijk": lotte,
    "joyce-martina": joyce,
    "anel-hodzic": anel,
    "wei-chen": wei,
    "bram-hoekstra": bram,
}

BACKGROUNDS = {
    "fatima-el-amrani": "#d3e6f3",  # sky blue
    "henk-bosman": "#efe3c9",  # sand
    "lotte-van-dijk": "#d4e3cf",  # sage
    "joyce-martina": "#e2d8ee",  # lilac
    "anel-hodzic": "#cfe8e3",  # teal
    "wei-chen": "#f8dcc9",  # peach
    "bram-hoekstra": "#e3e5e8",  # light grey
}


def make_portraits(only: set[str] | None = None):
    for slug, fn in PEOPLE.items():
        if only and slug not in only:
            continue
        cv = Canvas(W, H, SS, BACKGROUNDS[slug])
        fn(cv)
        path = STORIES_DIR / f"{slug}.jpg"
        save_jpeg(cv.result(), path)
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size} bytes")


# --------------------------------------------------------------------------
# Logo: the geometry is defined once as SVG path data and rendered both to
# SVG and (with a tiny path flattener) to PNG, so both always match.
# --------------------------------------------------------------------------

TEAL = "#0B5563"
YELLOW = "#F2A900"

# linden leaf: heart-shaped with an acuminate tip, stem notch at the bottom
LEAF = (
    "M32 4 C33.5 9 38 11.5 43 15 C49 19.5 52 25 51 31 C50 37 44 40.5 38 39.5 "
    "C35.5 39 33.5 38 32 36.5 C30.5 38 28.5 39 26 39.5 C20 40.5 14 37 13 31 "
    "C12 25 15 19.5 21 15 C26 11.5 30.5 9 32 4 Z"
)
# veins are cut out of the leaf (mask)
VEINS = [
    "M32 33.5 C31.6 27 31.6 18 32 10",
    "M31.8 30.5 C28 28 23.5 25.5 19.5 23",
    "M31.8 30.5 C35.6 28 40.1 25.5 44.1 23",
    "M31.8 22.5 C29.5 20.5 27 18.5 24.5 17",
    "M31.8 22.5 C34.1 20.5 36.6 18.5 39.1 17",
]
VEIN_WIDTH = 2.0
STEM = "M32 36 C32 40 31.2 42.5 29.5 44.5"
STEM_WIDTH = 3.0
WAVES = [
    (
        "M9 49 C12.83 44.8 16.67 44.8 20.5 49 C24.33 53.2 28.17 53.2 32 49 "
        "C35.83 44.8 39.67 44.8 43.5 49 C47.33 53.2 51.17 53.2 55 49",
        YELLOW,
    ),
    (
        "M9 56.5 C12.83 52.3 16.67 52.3 20.5 56.5 C24.33 60.7 28.17 60.7 32 56.5 "
        "C35.83 52.3 39.67 52.3 43.5 56.5 C47.33 60.7 51.17 60.7 55 56.5",
        TEAL,
    ),
]
WAVE_WIDTH = 3.6


def parse_path(d: str) -> list[list[Point]]:
    """Flatten absolute M/L/C/Z path data into polylines (one per subpath)."""
    tokens = re.findall(r"[MLCZ]|-?\d*\.?\d+", d)
    subpaths: list[list[Point]] = []
    cur: list[Point] = []
    cmd = ""
    pos = 0

    def take(k: int) -> list[float]:
        nonlocal pos
        vals = [float(x) for x in tokens[pos : pos + k]]
        pos += k
        return vals

    while pos < len(tokens):
        if tokens[pos] in ("M", "L", "C", "Z"):
            cmd = tokens[pos]
            pos += 1
            if cmd == "Z":
                if cur:
                    cur.append(cur[0])
                continue
        if cmd == "M":
            if cur:
                subpaths.append(cur)
            x, y = take(2)
            cur = [(x, y)]
            cmd = "L"  # further coordinate pairs are implicit line-tos
        elif cmd == "L":
            x, y = take(2)
            cur.append((x, y))
        elif cmd == "C":
            a = take(6)
            cur.extend(cubic(cur[-1], (a[0], a[1]), (a[2], a[3]), (a[4], a[5]), 48))
        else:
            raise ValueError(f"unsupported path data near {tokens[pos]!r}")
    if cur:
        subpaths.append(cur)
    return subpaths


def logo_svg() -> str:
    veins = "".join(f'\n        <path d="{v}"/>' for v in VEINS)
    waves = "\n  ".join(
        f'<path d="{d}" fill="none" stroke="{c}" stroke-width="{WAVE_WIDTH:g}" stroke-linecap="round"/>'
        for d, c in WAVES
    )
    svg_open = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64"'
        ' role="img" aria-label="Gemeente Lindewaard">'
    )
    return f"""{svg_open}
  <title>Gemeente Lindewaard</title>
  <defs>
    <mask id="lindewaard-leaf-veins" maskUnits="userSpaceOnUse" x="0" y="0" width="64" height="64">
      <rect width="64" height="64" fill="#fff"/>
      <g fill="none" stroke="#000" stroke-width="{VEIN_WIDTH:g}" stroke-linecap="round">{veins}
      </g>
    </mask>
  </defs>
  <path d="{LEAF}" fill="{TEAL}" mask="url(#lindewaard-leaf-veins)"/>
  <path d="{STEM}" fill="none" stroke="{TEAL}" stroke-width="{STEM_WIDTH:g}" stroke-linecap="round"/>
  {waves}
</svg>
"""


def render_logo(px: int) -> Image.Image:
    cv = Canvas(64, 64, 64, None, mode="RGBA")  # drawn at 4096 x 4096

    def stroke_path(d: str, width: float) -> Image.Image:
        m = cv.blank()
        for poly in parse_path(d):
            m = union(m, cv.stroke(poly, width, smooth=False))
        return m

    leaf = cv.poly(parse_path(LEAF)[0])
    veins = cv.blank()
    for v in VEINS:
        veins = union(veins, stroke_path(v, VEIN_WIDTH))
    cv.fill(minus(leaf, veins), TEAL)
    cv.fill(stroke_path(STEM, STEM_WIDTH), TEAL)
    for d, colour in WAVES:
        cv.fill(stroke_path(d, WAVE_WIDTH), colour)
    return cv.img.resize((px, px), Image.LANCZOS)


def make_logo():
    ASSETS_DIR.mkdir(parents=True, exist_ok=True)
    svg = ASSETS_DIR / "logo.svg"
    svg.write_text(logo_svg(), encoding="utf-8")
    for name, px in (("logo.png", 512), ("favicon.png", 64)):
        path = ASSETS_DIR / name
        render_logo(px).save(path, "PNG", optimize=True)
    for name in ("logo.svg", "logo.png", "favicon.png"):
        path = ASSETS_DIR / name
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size} bytes")


if __name__ == "__main__":
    # optional arguments: "logo" and/or portrait slugs to (re)build only those
    wanted = set(sys.argv[1:])
    if not wanted or "logo" in wanted:
        make_logo()
    if not wanted or wanted - {"logo"}:
        make_portraits(wanted - {"logo"} or None)
