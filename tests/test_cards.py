"""Card images: every card of the example checked from its pixels, hostile text, colours and photos."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cardcheck import check_canvas
from careersite.cards.draw import Brand, CardSpec, HomeText, StoryText, VacancyText, draw, render
from careersite.config import load
from careersite.offers import Offers
from careersite.outputs.social import Cards
from conftest import EXAMPLE, ROOT, TODAY, Build, edit, run_build
from PIL import Image, ImageChops
from test_author_errors import line_of

LOGO = str(EXAMPLE / "content/assets/logo.png")
PHOTO = str(EXAMPLE / "stories/img/wei-chen.jpg")


def example_cards(root: Path = ROOT) -> Cards:
    site = load(root / "mkdocs.yml", environ={"CAREERSITE_TODAY": TODAY})
    return Cards(Offers(site))


def test_every_card_of_the_example_is_the_right_size_and_readable(example: Build) -> None:
    specs = {spec.file_name: spec for spec in example_cards(example.folder).all_specs()}
    files = sorted((example.site / "cards").iterdir())
    assert {f.name for f in files} == set(specs)
    for path in files:
        spec = specs[path.name]
        with Image.open(path) as image:
            assert image.size == spec.size
            # flat colours and text: PNG with a palette (a third of a JPEG's bytes, no ringing at
            # text edges); photos and everything Instagram posts (its API takes JPEG only): JPEG
            flat = spec.format == "og" and not isinstance(spec.text, StoryText)
            assert (image.format, image.mode) == (("PNG", "P") if flat else ("JPEG", "RGB")), path.name
            assert path.suffix == {"PNG": ".png", "JPEG": ".jpg"}[image.format]
        assert path.read_bytes() == render(spec)[0], "the file is the card its content describes"
        assert check_canvas(draw(spec, keep_snapshots=True)) == [], path.name


def test_pages_point_to_their_cards(example: Build) -> None:
    site_url = "https://werkenbij.lindewaard.example/"
    # every page a candidate can share; the web editor at admin/ and the share pages at delen/ are
    # the team's and have no card, and an earlier address (vacancies/, stories/) only sends the
    # reader on to the page that has one
    pages = [
        p
        for p in example.site.rglob("index.html")
        if not {"search", "admin", "delen"} & set(p.parts)
        and p.relative_to(example.site).parts[0] not in ("vacancies", "stories")
    ]
    for path in pages:
        page = example.html(str(path.relative_to(example.site)))
        meta = {m.get("property") or m.get("name"): m.get("content") for m in page.select("meta[content]")}
        image = meta["og:image"]
        assert image.startswith(site_url + "cards/"), path
        with Image.open(example.site / image.removeprefix(site_url)) as card:
            assert card.size == (int(meta["og:image:width"]), int(meta["og:image:height"])) == (1200, 630)
            assert meta["og:image:type"] == Image.MIME[card.format]
        folder = path.parent.relative_to(example.site).as_posix()
        assert meta["og:url"] == site_url + ("" if folder == "." else folder + "/")
        assert meta["twitter:card"] == "summary_large_image" and meta["twitter:image:alt"]
        assert meta["og:locale"] == "nl_NL" and meta["og:site_name"] == "Gemeente Lindewaard"
        for key in ("og:title", "og:description", "og:image:alt", "twitter:title", "twitter:description"):
            assert meta[key], f"{path}: {key}"
        assert len(meta["og:title"]) <= 70 or "vacatures" not in str(path)
    vacancy = example.html("vacatures/ciso/index.html")
    image = vacancy.select_one('meta[property="og:image"]')["content"]
    assert "/cards/vacancy-ciso-" in image
    assert "Chief Information Security Officer" in vacancy.select_one('meta[property="og:image:alt"]')["content"]
    story = example.html("verhalen/wei-chen/index.html")
    assert "/cards/story-wei-chen-" in story.select_one('meta[property="og:image"]')["content"]


HOSTILE_TITLES = [
    "IT",
    "Beleidsmedewerker Ruimtelijke Ordening en Volkshuisvesting",
    "Volkshuisvestingsbeleidsmedewerkersopleidingscoördinatorenassistent",
    "Senior adviseur " * 14,
    "Rådgiver for økonomi og æresbevisninger på Ærø og Ålesund, Émile Brontë",
    "Специалист по работе с населением",
    "مستشار الشؤون الاجتماعية",
    "城市规划与住房政策高级顾问",
    "🎉 Zomerbaan in het groen 🌻 voor studenten",
]
HOSTILE_NAMES = [
    "Li",
    "Anastasia Kuznetsova-Ivanova-Petrovna",
    "Анастасия Кузнецова",
    "محمد العلي",
    "王秀英",
    "Jørgen Ødegård Æsøy",
    "Zoë 🌈 de Vries",
]


@pytest.mark.parametrize("fmt", ["og", "instagram"])
@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_hostile_titles_fit_without_clipping_or_missing_glyphs(fmt: str, title: str) -> None:
    brand = Brand("Gemeente Lindewaard", "#0B5563", "#F2A900", LOGO)
    text = VacancyText(
        title,
        "€ 3.496 – € 5.535 per maand",
        "32–36 uur per week · Stadskantoor, Lindewaard",
        "Reageer uiterlijk 15 januari",
    )
    canvas = draw(CardSpec("v", fmt, "nl", brand, text), keep_snapshots=True)
    assert check_canvas(canvas) == []
    title_text = next(t for t in canvas.texts if t.role == "title")
    assert title_text.truncated == title.startswith("Senior adviseur")


@pytest.mark.parametrize("fmt", ["og", "instagram"])
@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_on_story_cards(fmt: str, name: str) -> None:
    brand = Brand("Kommune", "#0B5563", "#F2A900", LOGO)
    text = StoryText(
        "“" + "Hier zie ik wat mijn werk oplevert voor de mensen in de wijk. " * 2 + "”",
        name,
        "Medewerker Burgerzaken en Publiekszaken",
        PHOTO,
    )
    assert check_canvas(draw(CardSpec("s", fmt, "nb", brand, text), keep_snapshots=True)) == []


def test_a_long_word_is_hyphenated_not_cut() -> None:
    brand = Brand("Gemeente Lindewaard", "#0B5563", "#F2A900", LOGO)
    text = VacancyText("Volkshuisvestingsbeleidsmedewerkersopleidingscoördinatorenassistent", "€ 1", "36 uur", "x")
    canvas = draw(CardSpec("v", "og", "nl", brand, text))
    setter = canvas.bold
    block = setter.fit(text.title, 1200 - 128, 3, 68, 40)
    assert len(block.lines) > 1 and all(line.endswith("-") for line in block.lines[:-1])
    assert "".join(line.rstrip("-") for line in block.lines) == text.title


BRAND_COLOURS = [
    ("#808080", "#777777"),  # mid greys: neither white nor dark grey text reaches 4.5 everywhere
    ("#FFFF00", "#00FF00"),
    ("#000000", "#FFFFFF"),
    ("#E4002B", "#0057B8"),
    ("#F2A900", "#0B5563"),
]


@pytest.mark.parametrize(("primary", "accent"), BRAND_COLOURS)
def test_any_brand_colours_give_readable_text(primary: str, accent: str) -> None:
    brand = Brand("Gemeente Lindewaard", primary, accent, LOGO)
    texts = [
        VacancyText("Beleidsadviseur Wonen", "€ 3.496 – € 5.535 per maand", "36 uur per week", "Reageer 6 december"),
        StoryText("“Hier zie ik wat mijn werk oplevert.”", "Fatima El Amrani", "Beleidsadviseur Wonen", PHOTO),
        HomeText("Werken bij Gemeente Lindewaard", "Werk dat je terugziet in je eigen straat."),
    ]
    for text in texts:
        for fmt in ("og", "instagram"):
            assert check_canvas(draw(CardSpec("c", fmt, "nl", brand, text), keep_snapshots=True)) == []


def rainbow_logo(path: Path) -> str:
    """A logo of a thousand colours and soft edges (a photo, a gradient), as an author may upload."""
    logo = Image.new("RGBA", (300, 300))
    logo.putdata(
        [
            (x * 255 // 299, y * 255 // 299, (x * y) % 256, min(255, 2 * (300 - abs(150 - x) - abs(150 - y))))
            for y in range(300)
            for x in range(300)
        ]
    )
    logo.save(path)
    return str(path)


@pytest.mark.parametrize(("primary", "accent"), BRAND_COLOURS)
def test_flat_cards_show_what_was_drawn(primary: str, accent: str, tmp_path: Path) -> None:
    """A vacancy's and the home page's card are a palette PNG of the brand's colours: after
    decoding, each pixel is within a shade of what was drawn, whatever the colours and the logo."""
    texts = [
        VacancyText("Beleidsadviseur Wonen", "€ 3.496 – € 5.535 per maand", "36 uur per week", "Reageer 6 december"),
        HomeText("Werken bij Gemeente Lindewaard", "Werk dat je terugziet in je eigen straat."),
    ]
    rainbow = rainbow_logo(tmp_path / "logo.png")
    for logo in (LOGO, None, rainbow):
        brand = Brand("Gemeente Lindewaard", primary, accent, logo)
        for text in texts:
            spec = CardSpec("c", "og", "nl", brand, text)
            data, _ = render(spec)
            with Image.open(io.BytesIO(data)) as image:
                assert (image.format, image.mode, image.size) == ("PNG", "P", (1200, 630))
                shown = image.convert("RGB")
            # per pixel, the largest difference in any of the three channels
            red, green, blue = ImageChops.difference(draw(spec).image, shown).split()
            histogram = ImageChops.lighter(ImageChops.lighter(red, green), blue).histogram()
            assert sum(level * n for level, n in enumerate(histogram)) / (1200 * 630) < 1.0, (logo, text)
            # text edges within about a 16th of the way between text and background; a logo of
            # a thousand colours shown in 160 of them, near each pixel's own colour
            assert sum(histogram[25 if logo != rainbow else 64 :]) == 0, (logo, text)
            assert len(data) < 24_000, "a third of a JPEG card"


def test_a_logo_saved_again_under_its_name_is_drawn_anew(tmp_path: Path) -> None:
    """`make serve` keeps the process between rebuilds: a new logo under the same file name shows
    on the next rebuild's cards, in colours of its own palette."""
    from careersite.cards.sources import forget_file_versions

    logo = tmp_path / "logo.png"
    text = VacancyText("Beleidsadviseur", "€ 3.496 – € 5.535 per maand", "36 uur per week", "Reageer 6 december")
    centre = (64 + 36, 48 + 36)  # of the logo's disc on a vacancy's card
    shown = []
    for colour, size in (("#D00000", 200), ("#0000D0", 300)):
        Image.new("RGBA", (size, size), colour).save(logo)
        forget_file_versions()  # as each rebuild does
        spec = CardSpec("c", "og", "nl", Brand("Gemeente", "#0B5563", "#F2A900", str(logo)), text)
        with Image.open(io.BytesIO(render(spec)[0])) as card:
            shown.append(card.convert("RGB").getpixel(centre))
    (red, _, blue), (red_after, _, blue_after) = shown
    assert red > 180 and blue < 40, shown
    assert red_after < 40 and blue_after > 180, shown


def test_huge_photo_renders_with_little_memory(tmp_path: Path) -> None:
    photo = tmp_path / "camera.jpg"
    Image.new("RGB", (8000, 6000), "#336699").save(photo, quality=80)
    script = f"""
import sys
sys.path.insert(0, {str(ROOT / "hooks")!r})
from careersite.cards.draw import Brand, CardSpec, StoryText, render
brand = Brand("Gemeente Lindewaard", "#0B5563", "#F2A900", None)
for fmt in ("og", "instagram"):
    data, _ = render(CardSpec("s", fmt, "nl", brand, StoryText("“Citaat”", "Naam", "Rol", {str(photo)!r})))
    assert data[:2] == b"\\xff\\xd8"
# VmHWM is this process's own peak (ru_maxrss would include the parent's, kept across exec).
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(int(peak.split()[1]) // 1024)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert int(result.stdout.strip()) < 200, f"peak memory {result.stdout.strip()} MB"


def test_rebuild_reuses_cards_and_a_change_renames_only_its_card(site_copy: Path) -> None:
    first = run_build(site_copy, cards=False)
    assert "Cards: 32 rendered, 0 from the cache; photos: 21 resized, 0 from the cache" in first.output, first.output
    before = set(os.listdir(first.site / "cards"))
    photos = set(os.listdir(first.site / "photos"))
    second = run_build(site_copy)
    assert "Cards: 0 rendered, 32 from the cache; photos: 0 resized, 21 from the cache" in second.output
    assert set(os.listdir(second.site / "cards")) == before
    assert set(os.listdir(second.site / "photos")) == photos
    edit(site_copy / "vacancies/ciso.md", "title: Chief Information Security Officer (CISO)", "title: CISO")
    third = run_build(site_copy)
    # The CISO vacancy goes to LinkedIn and X: one card (no Instagram portrait) is drawn anew.
    assert "Cards: 1 rendered, 31 from the cache" in third.output
    after = set(os.listdir(third.site / "cards"))
    changed = before ^ after
    assert len(changed) == 2 and all("vacancy-ciso" in name for name in changed)
    page = third.html("vacatures/ciso/index.html")
    assert page.select_one('meta[property="og:image"]')["content"].split("/")[-1] in after - before


def test_logo_that_is_not_an_image_is_reported(site_copy: Path) -> None:
    (site_copy / "content/assets/logo.png").write_text("not a picture", encoding="utf-8")
    build = run_build(site_copy)
    assert build.returncode != 0
    line = line_of(site_copy / "mkdocs.yml", "logo: content/assets/logo.png")
    message = f"mkdocs.yml:{line}: extra.careersite.logo: 'content/assets/logo.png' kan niet als logo op de kaarten"
    assert message in build.output
    assert "het is geen afbeelding" in build.output and str(site_copy) not in build.output


def test_unreadable_photo_and_bad_colour_are_reported_together(site_copy: Path) -> None:
    (site_copy / "stories/img/wei-chen.jpg").write_bytes(b"\xff\xd8 this is not really a jpeg")
    edit(site_copy / "mkdocs.yml", 'primary: "#0B5563"', 'primary: "teal-ish"')
    build = run_build(site_copy)
    assert build.returncode != 0
    assert "stories/wei-chen.md:11: photo: 'img/wei-chen.jpg' is geen foto die geopend kan worden" in build.output
    line = line_of(site_copy / "mkdocs.yml", "teal-ish")
    assert f"mkdocs.yml:{line}: extra.careersite.colors.primary: 'teal-ish' is geen kleur" in build.output


def test_fonts_cover_the_scripts_we_promise() -> None:
    from careersite.cards.typeset import CHAINS, has_glyph

    for sample in ("éëøæåÆØÅ", "Кузнецова", "العلي", "王秀英", "ひらがなカタカナ", "한국어", "🎉🌻🌈"):
        for char in sample:
            assert any(has_glyph(name, char) for name in CHAINS["bold"]), char
