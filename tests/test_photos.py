"""Photos as authors save them: any ordinary size and shape gives a story card; a photo that is cut
off or is no photo at all is a message at the `photo` line, before anything is drawn."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from careersite.cards.draw import SIZES, Brand, CardSpec, StoryText, render
from conftest import run_build
from PIL import Image
from test_author_errors import line_of, run_check

BRAND = Brand("Gemeente Lindewaard", "#0B5563", "#F2A900", None)
WIDTHS = (90, 600, 720, 800, 1080, 1600, 4000)
ASPECTS = (1 / 3, 1 / 2, 2 / 3, 3 / 4, 4 / 5, 1, 5 / 4, 4 / 3, 16 / 9, 2, 3)  # width : height, 1:3 to 3:1


def photo(path: Path, width: int, height: int) -> Path:
    """A photo of one strong colour, so the tests can find it on the card."""
    Image.new("RGB", (width, height), (200, 30, 40)).save(path, quality=95)
    return path


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("fmt", ["og", "instagram"])
def test_a_photo_of_any_shape_gives_a_card_with_the_photo_on_it(tmp_path: Path, width: int, fmt: str) -> None:
    for aspect in ASPECTS:
        height = max(1, round(width / aspect))
        path = photo(tmp_path / f"{width}x{height}.jpg", width, height)
        spec = CardSpec("story-test", fmt, "nl", BRAND, StoryText("“Mooi werk.”", "Noor", "Adviseur", str(path)))
        data, _ = render(spec)
        with Image.open(io.BytesIO(data)) as card:
            assert card.size == SIZES[fmt]
            pixels = card.convert("RGB").get_flattened_data()
            red = sum(1 for r, g, b in pixels if r > 170 and g < 70 and b < 80)
        # The photo fills its circle: at least a tenth of the card shows it, whatever its shape.
        assert red > 0.1 * SIZES[fmt][0] * SIZES[fmt][1] * (0.2 if fmt == "instagram" else 1), (width, height)


def test_the_portraits_that_crashed_the_build_now_build(site_copy: Path) -> None:
    sizes = {"wei-chen": (800, 1000), "anel-hodzic": (720, 900), "joyce-martina": (1600, 2000)}
    for name, (width, height) in sizes.items():
        photo(site_copy / f"stories/img/{name}.jpg", width, height)
    build = run_build(site_copy)
    assert build.returncode == 0, build.output
    for name in ("wei-chen", "anel-hodzic", "joyce-martina"):
        cards = list((build.site / "cards").glob(f"story-{name}-*.jpg"))
        assert len(cards) == 1 + (name != "anel-hodzic")  # a portrait for those on Instagram
        for card in cards:
            with Image.open(card) as image:
                image.load()


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        pytest.param(lambda data: data[: len(data) // 2], "afgebroken of beschadigd", id="cut-in-half"),
        pytest.param(lambda data: data[:300], "afgebroken of beschadigd", id="only-the-header"),
        pytest.param(lambda data: b"Dit is geen foto.", "geen afbeelding", id="text-file"),
        pytest.param(lambda data: b"", "geen afbeelding", id="empty-file"),
    ],
)
def test_a_damaged_photo_is_reported_at_its_line(site_copy: Path, damage, words: str) -> None:
    path = site_copy / "stories/img/wei-chen.jpg"
    path.write_bytes(damage(path.read_bytes()))
    line = line_of(site_copy / "stories/wei-chen.md", "photo:")
    expected = f"stories/wei-chen.md:{line}: photo: 'img/wei-chen.jpg' is geen foto die geopend kan worden"
    result = run_check(site_copy)
    assert result.returncode == 1
    assert expected in result.stderr and words in result.stderr
    build = run_build(site_copy)
    assert build.returncode == 1 and expected in build.output and "Traceback" not in build.output


def test_a_png_saved_with_a_jpg_name_is_fine(site_copy: Path) -> None:
    image = Image.new("RGB", (800, 1000), (30, 120, 60))
    image.save(site_copy / "stories/img/wei-chen.jpg", format="PNG")
    result = run_check(site_copy)
    assert result.returncode == 0, result.stderr


def test_a_photo_replaced_after_the_check_stops_the_build_with_a_message(site_copy: Path) -> None:
    """The card workers draw after the check: a photo damaged in between is a message too."""
    from careersite.cards.files import CardFailure, CardRenderer

    path = photo(site_copy / "stories/img/broken.jpg", 800, 1000)
    spec = CardSpec("story-broken", "og", "nl", BRAND, StoryText("“Q”", "N", "R", str(path)))
    path.write_bytes(path.read_bytes()[:200])
    renderer = CardRenderer(site_copy / ".cache/cards", workers=1)
    renderer.start([spec])
    with pytest.raises(CardFailure) as failure:
        renderer.finish(site_copy / "out")
    assert failure.value.name == spec.file_name


# Published photos: resized copies, never the author's file.


def camera_photo(path: Path, width: int, height: int, orientation: int = 1) -> Path:
    """A photo as a phone saves it: noise (which compresses badly, like a real scene), stored
    sideways with an EXIF orientation, and with the place it was taken in its metadata."""
    noise = Image.effect_noise((width, height), 80).convert("RGB")
    top = Image.new("RGB", (width, height // 4), (200, 30, 40))
    noise.paste(top, (0, 0))  # the photo's top is red: after turning it upright it must stay on top
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825)[2] = (52.0, 13.0, 0.0)  # GPS latitude
    noise.save(path, quality=95, exif=exif.tobytes())
    return path


def test_a_camera_photo_is_published_as_small_upright_copies_without_its_metadata(tmp_path: Path) -> None:
    from careersite.cards.photos import picture

    # Stored 4000×3000 and sideways (orientation 8: turn it a quarter to the left to view it).
    source = camera_photo(tmp_path / "camera.jpg", 4000, 3000, orientation=8)
    shown = picture("noor", source)
    assert [spec.size for spec in shown.specs] == [(400, 533), (800, 1067), (1200, 1600), (1600, 2133)]
    assert (shown.width, shown.height) == (1600, 2133)
    assert shown.src.startswith("photos/noor-800w-") and shown.src.endswith(".webp")
    assert [width for _, width in shown.candidates] == [400, 800, 1200, 1600]
    for spec in shown.specs:
        data, missing = spec.render()
        assert not missing
        with Image.open(io.BytesIO(data)) as copy:
            assert copy.format == "WEBP" and copy.size == spec.size
            assert not copy.getexif(), "no camera, place or orientation goes out with the photo"
            # Upright: the red that was the stored photo's top is now on the left edge... unless
            # turned; orientation 8 puts the stored top on the viewer's left.
            left = copy.crop((0, 0, copy.width // 8, copy.height)).resize((1, 1)).getpixel((0, 0))
            assert left[0] > 150 and left[1] < 80, left
        assert len(data) < spec.size[0] * spec.size[1] * 0.5, "a copy is re-encoded, not the original"


def _forget_decoded_photos() -> None:
    """As a new card worker starts: nothing decoded or scaled yet."""
    from careersite.cards import draw, photos, sources

    sources._decoded.cache_clear()
    photos._scaled.cache_clear()
    draw._card_photo.cache_clear()


@pytest.mark.parametrize("orientation", [1, 6])
def test_a_photos_copies_and_cards_are_the_same_whatever_is_drawn_first(tmp_path: Path, orientation: int) -> None:
    """One worker draws a story's copies and cards from one decode of the photo, a small copy from a
    larger one. What comes out must not depend on what that worker drew before, or two builds of
    the same content (a warm one that draws a single card, a cold one that draws all) would differ."""
    from careersite.cards.photos import picture

    # 6000×4500: a decode for the cards alone could use a smaller scale than one for the copies.
    source = camera_photo(tmp_path / "camera.jpg", 6000, 4500, orientation=orientation)
    shown = picture("noor", source)
    text = StoryText("“Mooi werk.”", "Noor", "Adviseur", str(source))
    cards = [CardSpec("story-noor", fmt, "nl", BRAND, text) for fmt in ("og", "instagram")]
    copies = list(reversed(shown.specs))  # as the build hands them out: the largest first
    _forget_decoded_photos()
    together = [spec.render()[0] for spec in [*copies, *cards]]
    alone = []
    for spec in [*copies, *cards]:
        _forget_decoded_photos()
        alone.append(spec.render()[0])
    _forget_decoded_photos()
    backwards = [spec.render()[0] for spec in reversed([*copies, *cards])][::-1]
    assert together == alone == backwards
    with Image.open(io.BytesIO(together[len(copies) - 1])) as smallest:
        # The smallest copy, made from the 800 px one, is its own size and upright: the stored
        # photo's red top is on top, or on the right once a sideways photo is turned (6).
        assert smallest.size == shown.specs[0].size
        side = (0, 0, smallest.width, smallest.height // 8)
        if orientation == 6:
            side = (smallest.width * 7 // 8, 0, smallest.width, smallest.height)
        red = smallest.convert("RGB").crop(side).resize((1, 1)).getpixel((0, 0))
        assert red[0] > 150 and red[1] < 80, red


def test_a_small_photo_is_never_enlarged_and_a_cut_out_gets_a_white_background(tmp_path: Path) -> None:
    from careersite.cards.photos import picture

    source = tmp_path / "cut-out.png"
    image = Image.new("RGBA", (300, 450), (0, 0, 0, 0))
    image.paste((20, 90, 160, 255), (100, 100, 200, 350))
    image.save(source)
    shown = picture("klein", source)
    assert [spec.size for spec in shown.specs] == [(300, 450)]
    data, _ = shown.specs[0].render()
    with Image.open(io.BytesIO(data)) as copy:
        corner = copy.convert("RGB").getpixel((5, 5))
        middle = copy.convert("RGB").getpixel((150, 225))
    assert min(corner) > 245, "transparency becomes white, not black"
    assert middle[2] > 120 and middle[0] < 60


def test_a_replaced_photo_gets_new_addresses(tmp_path: Path) -> None:
    """`make serve` keeps running while an author saves a new photo under the same name."""
    import os

    from careersite.cards.photos import picture
    from careersite.cards.sources import forget_file_versions

    source = photo(tmp_path / "p.jpg", 900, 1200)
    before = picture("p", source)
    Image.new("RGB", (900, 1200), (10, 10, 200)).save(source, quality=90)
    os.utime(source, ns=(1, 1))  # a different modification time, as any save gives
    assert picture("p", source) == before  # within one build, a file is looked at once
    forget_file_versions()  # what loading the site does at the start of each rebuild
    after = picture("p", source)
    assert {name for name, _ in before.candidates}.isdisjoint(name for name, _ in after.candidates)


def test_the_site_publishes_resized_copies_and_never_the_authors_photo(site_copy: Path) -> None:
    from bs4 import BeautifulSoup

    original = camera_photo(site_copy / "stories/img/wei-chen.jpg", 6000, 4500, orientation=6)
    assert original.stat().st_size > 8_000_000
    build = run_build(site_copy)
    assert build.returncode == 0, build.output
    assert not (build.site / "stories/img").exists(), "the author's files are not published"
    biggest = max((path.stat().st_size, path.name) for path in (build.site / "photos").iterdir())
    assert biggest[0] < 1_500_000, biggest
    for page_path in ("verhalen/wei-chen/index.html", "verhalen/index.html", "index.html"):
        page = BeautifulSoup((build.site / page_path).read_text(), "html.parser")
        images = [img for img in page.select("img[srcset]") if "wei-chen" in img["src"]]
        assert images, page_path
        for img in images:
            folder = (build.site / page_path).parent
            candidates = [entry.strip().split(" ") for entry in img["srcset"].split(",")]
            assert [int(w[:-1]) for _, w in candidates] == [400, 800, 1200, 1600]
            for address, width in candidates:
                with Image.open(folder / address) as copy:
                    # Stored sideways (orientation 6): published upright, 3:4 like the phone showed it.
                    assert copy.size == (int(width[:-1]), round(int(width[:-1]) * 4 / 3))
            assert (int(img["width"]), int(img["height"])) == (1600, 2133)
            assert img["sizes"] and (folder / img["src"]).is_file()
    assert "Traceback" not in build.output
