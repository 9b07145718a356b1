"""Nothing leaks, nothing injects: what is not public is nowhere in the built site, and no value an
author writes (file names included) can add markup or script to a page, a feed or the JSON-LD."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import TODAY, Build, copy_example, edit, run_build
from hostile import VACANCY, set_field

import content

DAY = dt.date.fromisoformat(TODAY)
SECRET_DEPARTMENT = "Geheime Projecten"
TITLE = "Jurist & \"co\" <3 ''x'' > 2"


def vacancy(name: str, **fields: str) -> str:
    text = VACANCY.replace("{name}", name)
    for key, value in fields.items():
        text = set_field(text, key, value)
    return text


def everything(site: Path) -> str:
    """Every text file of the built site, as one string."""
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.suffix in (".html", ".xml", ".json", ".js", ".txt", ".css")
    )


@pytest.fixture(scope="module")
def hidden(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The example with vacancies and a story that must not be found anywhere on the site."""
    root = copy_example(tmp_path_factory.mktemp("hidden"))
    (root / "vacancies/geheim-project.md").write_text(
        vacancy(
            "geheim",
            title="Projectleider Geheim",
            department=SECRET_DEPARTMENT,
            published="2027-06-01",
            closes="2027-07-09",
        ),
        encoding="utf-8",
    )
    (root / "vacancies/vervulde-baan.md").write_text(
        vacancy("vervuld", title="Adviseur Vervuld Zoekwoord", status="filled"), encoding="utf-8"
    )
    (root / "vacancies/ingetrokken-baan.md").write_text(
        vacancy("ingetrokken", title="Adviseur Ingetrokken Zoekwoord", status="cancelled"), encoding="utf-8"
    )
    edit(root / "stories/henk-bosman.md", "consent_until: ", "consent_until: 2026-11-30\n# was: ")
    build = run_build(root)
    assert build.returncode == 0, build.output
    return build


def search_index(build: Build) -> list[dict]:
    return json.loads((build.site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]


def test_unpublished_and_closed_items_are_not_in_the_search_index(hidden: Build) -> None:
    docs = search_index(hidden)
    locations = {doc["location"].split("#")[0] for doc in docs}
    assert "vacatures/beleidsadviseur-wonen/" in locations  # open vacancies are found
    closed = [slug for slug, fm in content.vacancies().items() if not content.is_open(fm, DAY)]
    assert closed
    for slug in ("geheim-project", "vervulde-baan", "ingetrokken-baan", *closed):
        assert f"vacatures/{slug}/" not in locations, slug
    assert "verhalen/henk-bosman/" not in locations
    text = json.dumps(docs, ensure_ascii=False)
    for words in ("Projectleider Geheim", "Vervuld Zoekwoord", "Ingetrokken Zoekwoord", "Henk Bosman"):
        assert words not in text, words


def test_closed_vacancies_keep_a_page_that_says_so(hidden: Build) -> None:
    page = hidden.html("vacatures/vervulde-baan/index.html")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert "vervuld" in page.select_one(".cs-notice--closed").get_text().lower()
    assert not page.select('script[type="application/ld+json"]')


def test_nothing_unpublished_is_listed_fed_or_mapped(hidden: Build) -> None:
    site = hidden.site
    assert not (site / "vacatures/geheim-project").exists()
    assert not (site / "verhalen/henk-bosman").exists()
    assert not (site / "stories/img/henk-bosman.jpg").exists()
    jobs = json.loads((site / "jobs.json").read_text(encoding="utf-8"))
    ids = {job["id"] for job in jobs["vacancies"]}
    assert ids.isdisjoint({"geheim-project", "vervulde-baan", "ingetrokken-baan"})
    sitemap = ElementTree.fromstring((site / "sitemap.xml").read_bytes())
    urls = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert urls and not any(
        ("geheim" in u or "vervulde" in u or "ingetrokken" in u or "henk-bosman" in u) for u in urls
    )
    for feed_path in site.glob("feeds/**/*.xml"):
        feed = feedparser.parse(feed_path.read_bytes())
        titles = " ".join(entry.title for entry in feed.entries)
        assert "Geheim" not in titles and "Zoekwoord" not in titles and "Henk" not in titles, feed_path
    listing = hidden.html("vacatures/index.html").get_text()
    assert "Zoekwoord" not in listing and "Geheim" not in listing


def test_a_department_only_a_scheduled_vacancy_names_appears_nowhere(hidden: Build) -> None:
    assert SECRET_DEPARTMENT not in everything(hidden.site)
    assert not any("geheime" in p.name for p in hidden.site.glob("feeds/department/*"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The example with values that try to inject markup: in a title, a file name, a body."""
    root = copy_example(tmp_path_factory.mktemp("inject"))
    # The text starts right below the front matter with a line that MkDocs would read as a setting.
    body = "---\nTip: lees eerst de wet.\n\nCode: `</script><script>alert(1)</script>`\n\n</script>\n\n## Wat"
    (root / "vacancies/jurist-html.md").write_text(
        vacancy("html", title=f"'{TITLE}'", summary="'Adviseer <3 & schrijf \"goed\"'").replace("---\n\n## Wat", body),
        encoding="utf-8",
    )
    photo = 'img/foto" onerror="alert(1).jpg'
    shutil.copy(root / "stories/img/wei-chen.jpg", root / "stories" / photo)
    edit(root / "stories/wei-chen.md", "photo: img/wei-chen.jpg", f"photo: '{photo}'")
    build = run_build(root)
    assert build.returncode == 0, build.output
    return build


def test_a_title_with_special_characters_is_shown_as_text_everywhere(hostile: Build) -> None:
    page = hostile.html("vacatures/jurist-html/index.html")
    title = TITLE.replace("''", "'")
    assert page.select_one("h1").get_text() == title
    assert page.select_one("title").get_text().startswith(title)
    assert page.select_one('meta[property="og:title"]')["content"] == title
    assert not [s for s in page.select("script:not([type])") if "alert" in (s.string or "")]
    # The JSON-LD, read as a browser does (up to the first "</script"), is the whole posting.
    raw = (hostile.site / "vacatures/jurist-html/index.html").read_text(encoding="utf-8")
    start = raw.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    posting = json.loads(raw[start : raw.index("</script", start)])
    assert posting["title"] == title
    assert "alert(1)" in posting["description"] and "</script>" in posting["description"]
    assert not [img for img in page.select("img") if img.get("onerror")]
    feed = feedparser.parse((hostile.site / "feeds/vacancies.xml").read_bytes())
    assert any(entry.title == title for entry in feed.entries)


def test_the_first_line_of_a_text_is_text_not_page_settings(hostile: Build) -> None:
    page = hostile.html("vacatures/jurist-html/index.html")
    assert "Tip: lees eerst de wet." in page.select_one(".cs-body").get_text()


def test_a_photo_name_with_a_quote_cannot_add_attributes(hostile: Build) -> None:
    for path in ("verhalen/index.html", "verhalen/wei-chen/index.html", "index.html"):
        page = hostile.html(path)
        for img in page.select("img"):
            assert "onerror" not in img.attrs, (path, img)
        sources = [img["src"] for img in page.select("img.cs-scard__photo, .cs-story img")]
        # The photo is published as copies named after the story, whatever the author called the file.
        mine = [src for src in sources if src.split("photos/")[-1].startswith("wei-chen-")]
        assert mine and all((hostile.site / path).parent.joinpath(src).is_file() for src in mine), sources
    assert not any("onerror" in p.name for p in hostile.site.rglob("*"))


def test_departments_with_the_same_slug_get_their_own_feeds(site_copy: Path) -> None:
    names = {"sd-upper": "Sociaal Domein", "sd-lower": "Sociaal domein", "hr-cn": "人力资源", "fin-cn": "财务部"}
    for name, department in names.items():
        (site_copy / f"vacancies/zz-{name}.md").write_text(
            vacancy(name, title=f"Functie {name}", department=department), encoding="utf-8"
        )
    build = run_build(site_copy)
    assert build.returncode == 0, build.output
    feeds = {}
    for path in (build.site / "feeds/department").glob("*.xml"):
        feed = feedparser.parse(path.read_bytes())
        feeds[path.name] = {entry.title for entry in feed.entries}
    for name in names:
        holding = [file for file, titles in feeds.items() if f"Functie {name}" in titles]
        assert len(holding) == 1, (name, holding)
        assert all(t.startswith("Functie") is False or t == f"Functie {name}" for t in feeds[holding[0]])
    listing = build.html("vacatures/index.html")
    values = [o["value"] for o in listing.select('select[name="department"] option') if o.get("value")]
    assert len(values) == len(set(values))
    assert "warning" in build.output.lower() and "Sociaal domein" in build.output


def test_a_vacancy_named_index_does_not_replace_the_listing(site_copy: Path) -> None:
    shutil.copy(site_copy / "vacancies/ciso.md", site_copy / "vacancies/index.md")
    build = run_build(site_copy)
    assert build.returncode == 1
    assert "vacancies/index.md:1: met deze bestandsnaam zou het bestand de pagina vacancies/index/" in build.output


def test_story_photos_and_videos_may_not_be_links(site_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "geheim.jpg"
    shutil.copy(site_copy / "stories/img/wei-chen.jpg", outside)
    (site_copy / "stories/img/link.jpg").symlink_to(outside)
    edit(site_copy / "stories/wei-chen.md", "photo: img/wei-chen.jpg", "photo: img/link.jpg")
    (site_copy / "stories/filmpje.mp4").symlink_to("/etc/hostname")
    edit(site_copy / "stories/anel-hodzic.md", "consent_until:", "video: filmpje.mp4\nconsent_until:")
    (site_copy / "vacancies/gekoppeld.md").symlink_to(site_copy / "vacancies/ciso.md")
    build = run_build(site_copy)
    assert build.returncode == 1
    assert re.search(r"stories/wei-chen.md:\d+: photo: 'img/link.jpg' is een snelkoppeling", build.output)
    assert re.search(r"stories/anel-hodzic.md:\d+: video: 'filmpje.mp4' is een snelkoppeling", build.output)
    assert "vacancies/gekoppeld.md:1: dit bestand is een snelkoppeling" in build.output


def test_a_photo_folder_that_leads_out_of_the_repository_is_refused(site_copy: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders"
    shutil.copytree(site_copy / "stories/img", elsewhere)
    shutil.rmtree(site_copy / "stories/img")
    (site_copy / "stories/img").symlink_to(elsewhere)
    build = run_build(site_copy)
    assert build.returncode == 1
    assert "buiten de map" in build.output and "Traceback" not in build.output


def test_feed_items_parse_as_xml_with_hostile_values(hostile: Build) -> None:
    for path in hostile.site.glob("feeds/**/*.xml"):
        ElementTree.fromstring(path.read_bytes())  # raises on broken XML
    soup = BeautifulSoup((hostile.site / "feeds/vacancies.xml").read_bytes(), "xml")
    item = next(i for i in soup.select("item") if "Jurist" in i.title.get_text())
    assert item.description.get_text().startswith('Adviseer <3 & schrijf "goed"')
