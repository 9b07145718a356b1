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
        assert len(cards) == 2
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
