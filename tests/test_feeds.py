"""Feeds as social schedulers read them (parsed with feedparser), and jobs.json."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import feedparser
import pytest
from conftest import TODAY, Build, edit, run_build
from PIL import Image

import content

SITE_URL = "https://werkenbij.lindewaard.example/"
DAY = dt.date.fromisoformat(TODAY)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
VACANCIES = content.vacancies()
STORIES = content.stories()
OPEN = {s: fm for s, fm in VACANCIES.items() if content.is_open(fm, DAY)}
DEFAULT_CHANNELS = ["linkedin", "facebook"]


def parse(build: Build, path: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse((build.site / path).read_bytes())
    assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    return feed


def all_feeds(build: Build) -> list[str]:
    """The RSS feeds (not the job boards' feed, feeds/indeed.xml: test_indeed.py)."""
    return sorted(
        str(p.relative_to(build.site))
        for p in (build.site / "feeds").rglob("*.xml")
        if p.name not in ("indeed.xml", "sitemap.xml")
    )


def guid(kind: str, slug: str, fm: dict) -> str:
    return f"{kind}:{fm.get('id', slug)}"


def newest_first(items: dict[str, tuple[str, dict]]) -> list[str]:
    return [g for g, _ in sorted(items.items(), key=lambda kv: (kv[1][1]["published"], kv[0]), reverse=True)]


def midnight_utc(day: dt.date) -> tuple:
    local = dt.datetime.combine(day, dt.time(0), tzinfo=AMSTERDAM)
    return local.astimezone(dt.UTC).timetuple()[:6]


def test_every_feed_parses_and_has_the_channel_elements(example: Build) -> None:
    paths = all_feeds(example)
    expected = {
        "feeds/vacancies.xml",
        "feeds/stories.xml",
        "feeds/linkedin.xml",
        "feeds/facebook.xml",
        "feeds/instagram.xml",
        "feeds/x.xml",
    }
    assert expected <= set(paths)
    assert {p for p in paths if p.startswith("feeds/department/")} == {
        f"feeds/department/{fm['department'].lower().replace(' ', '-')}.xml" for fm in VACANCIES.values()
    }
    for path in paths:
        feed = parse(example, path)
        channel = feed.feed
        assert channel.title and channel.description and channel.language == "nl"
        assert channel.link.startswith(SITE_URL)
        assert [link.href for link in channel.links if link.rel == "self"] == [SITE_URL + path]
        assert channel.ttl == "60"
        if feed.entries:
            newest = max(e.published_parsed for e in feed.entries)
            assert channel.updated_parsed == newest, "lastBuildDate is the newest item's date"


def test_vacancy_feed_carries_open_vacancies_newest_first(example: Build) -> None:
    feed = parse(example, "feeds/vacancies.xml")
    expected = newest_first({guid("vacancy", s, fm): (s, fm) for s, fm in OPEN.items()})
    assert [e.id for e in feed.entries] == expected
    for entry in feed.entries:
        slug = next(s for s, fm in OPEN.items() if guid("vacancy", s, fm) == entry.id)
        fm = OPEN[slug]
        assert entry.guidislink is False
        assert entry.link == f"{SITE_URL}vacatures/{slug}/"
        assert entry.title == fm["title"]
        assert entry.published_parsed[:6] == midnight_utc(fm["published"])
        assert len(entry.summary) <= 200
        assert "bruto per maand" in entry.summary and "Reageer uiterlijk" in entry.summary
        body = entry.content[0].value
        assert " ".join(fm["summary"].split())[:40] in body.replace("&#x27;", "'") and "Wat ga je doen" in body
        terms = {t.term for t in entry.tags}
        assert fm["department"] in terms and set(fm.get("tags", [])) <= terms
        check_image(example, entry, (1200, 630))


def check_image(build: Build, entry, size: tuple[int, int]) -> None:
    [enclosure] = entry.enclosures
    assert enclosure.href.startswith(SITE_URL + "cards/")
    path = build.site / enclosure.href.removeprefix(SITE_URL)
    assert path.is_file() and int(enclosure.length) == path.stat().st_size
    with Image.open(path) as image:  # the type a scheduler is told is the file's own
        assert enclosure.type == Image.MIME[image.format]
        # Instagram's publishing API takes JPEG only
        assert image.format == "JPEG" or size != (1080, 1350)
    [media] = entry.media_content
    assert media["url"] == enclosure.href and media["medium"] == "image" and media["type"] == enclosure.type
    assert (int(media["width"]), int(media["height"])) == size
    assert entry.media_thumbnail[0]["url"] == enclosure.href


def test_story_feed_carries_published_stories(example: Build) -> None:
    feed = parse(example, "feeds/stories.xml")
    published = {guid("story", s, fm): (s, fm) for s, fm in STORIES.items() if fm["published"] <= DAY}
    assert [e.id for e in feed.entries] == newest_first(published)
    for entry in feed.entries:
        check_image(example, entry, (1200, 630))
        assert len(entry.summary) <= 200


@pytest.mark.parametrize("channel", ["linkedin", "facebook", "instagram", "x"])
def test_channel_feeds_carry_their_items_text_and_tags(example: Build, channel: str) -> None:
    feed = parse(example, f"feeds/{channel}.xml")
    expected = {
        guid("vacancy", s, fm): ("vacatures", s, fm)
        for s, fm in OPEN.items()
        if channel in fm.get("channels", DEFAULT_CHANNELS)
    }
    expected |= {
        guid("story", s, fm): ("verhalen", s, fm)
        for s, fm in STORIES.items()
        if fm["published"] <= DAY and channel in fm.get("channels", DEFAULT_CHANNELS)
    }
    assert {e.id for e in feed.entries} == set(expected)
    for entry in feed.entries:
        folder, slug, fm = expected[entry.id]
        url = urlsplit(entry.link)
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{SITE_URL}{folder}/{slug}/"
        assert parse_qs(url.query) == {
            "utm_source": [channel],
            "utm_medium": ["social"],
            "utm_campaign": [fm.get("id", slug)],
        }
        post = " ".join((fm.get("social") or {}).get(channel, "").split())
        if post:
            assert entry.summary == post
        check_image(example, entry, (1080, 1350) if channel == "instagram" else (1200, 630))


def test_department_feeds_hold_only_their_department(example: Build) -> None:
    for path in all_feeds(example):
        if not path.startswith("feeds/department/"):
            continue
        feed = parse(example, path)
        department = feed.feed.title.split(" – ")[0].removeprefix("Vacatures ")
        assert {e.id for e in feed.entries} == {
            guid("vacancy", s, fm) for s, fm in OPEN.items() if fm["department"] == department
        }


def test_pages_link_their_feeds(example: Build) -> None:
    for page in ("index.html", "vacatures/index.html", "verhalen/wei-chen/index.html"):
        links = {
            link["href"].split("/")[-1]
            for link in example.html(page).select('link[rel="alternate"][type="application/rss+xml"]')
        }
        assert {"vacancies.xml", "stories.xml"} <= links
    vacancy = example.html("vacatures/ciso/index.html")
    hrefs = [link["href"] for link in vacancy.select('link[type="application/rss+xml"]')]
    assert any(h.endswith("department/informatie-en-ict.xml") for h in hrefs)
    listing = example.html("feeds/index.html")
    assert "Zapier" in listing.get_text() and f"{SITE_URL}feeds/linkedin.xml" in listing.get_text()


def test_jobs_json_lists_open_vacancies(example: Build) -> None:
    data = json.loads((example.site / "jobs.json").read_text(encoding="utf-8"))
    assert data["organisation"] == "Gemeente Lindewaard" and data["count"] == len(OPEN)
    by_id = {job["id"]: job for job in data["vacancies"]}
    assert set(by_id) == {fm.get("id", s) for s, fm in OPEN.items()}
    for slug, fm in OPEN.items():
        job = by_id[fm.get("id", slug)]
        assert job["url"] == f"{SITE_URL}vacatures/{slug}/" and job["title"] == fm["title"]
        assert job["published"] == fm["published"].isoformat() and job["closes"] == fm["closes"].isoformat()
        assert job["salary"]["currency"] == "EUR" and job["salary"]["period"] == "month"
        assert job["salary"]["min"] <= job["salary"]["max"]
        low, high = content.hours(fm["hours"])
        assert (job["hours"]["min"], job["hours"]["max"]) == (low, high)
        assert (example.site / job["image"].removeprefix(SITE_URL)).is_file()


def feed_items(build: Build) -> dict[str, dict[str, tuple]]:
    """guid -> (pubDate, link) per feed."""
    return {path: {e.id: (e.published_parsed, e.link) for e in parse(build, path).entries} for path in all_feeds(build)}


def test_editing_a_vacancy_keeps_its_guid_and_date(site_copy: Path) -> None:
    before = feed_items(run_build(site_copy))
    edit(site_copy / "vacancies/ciso.md", "## Wat ga je doen", "## Wat ga je doen\n\nNieuw: een extra alinea.")
    edit(site_copy / "vacancies/ciso.md", "title: Chief Information Security Officer (CISO)", "title: CISO")
    build = run_build(site_copy)
    assert feed_items(build) == before
    entry = next(e for e in parse(build, "feeds/vacancies.xml").entries if e.id == "vacancy:ciso")
    assert entry.title == "CISO" and "Nieuw: een extra alinea." in entry.content[0].value


def test_a_closed_vacancy_leaves_every_feed(site_copy: Path) -> None:
    slug = "medewerker-buitendienst-groen"
    closes = VACANCIES[slug]["closes"]
    on_last_day = feed_items(run_build(site_copy, today=closes.isoformat()))
    assert any("vacancy:" + slug in items for items in on_last_day.values())
    after = feed_items(run_build(site_copy, today=(closes + dt.timedelta(days=1)).isoformat()))
    assert not any("vacancy:" + slug in items for items in after.values())


def test_a_future_vacancy_appears_only_from_its_date(site_copy: Path) -> None:
    slug, fm = next((s, f) for s, f in VACANCIES.items() if f["published"] > DAY)
    before = feed_items(run_build(site_copy, today=(fm["published"] - dt.timedelta(days=1)).isoformat()))
    assert not any("vacancy:" + slug in items for items in before.values())
    build = run_build(site_copy, today=fm["published"].isoformat())
    on_the_day = feed_items(build)
    holding = {path for path, items in on_the_day.items() if "vacancy:" + slug in items}
    channels = {f"feeds/{c}.xml" for c in fm.get("channels", DEFAULT_CHANNELS)}
    department = f"feeds/department/{fm['department'].lower().replace(' ', '-')}.xml"
    assert holding == {"feeds/vacancies.xml", department} | channels
    date = on_the_day["feeds/vacancies.xml"]["vacancy:" + slug][0]
    assert date[:6] == midnight_utc(fm["published"])
    build_day_end = dt.datetime.combine(fm["published"], dt.time(23, 59), tzinfo=AMSTERDAM)
    assert calendar.timegm(date) <= build_day_end.timestamp(), "pubDate is never in the future"


def test_portrait_cards_are_drawn_only_for_what_the_instagram_feed_posts(example: Build, site_copy: Path) -> None:
    """The 1080×1350 portraits serve the Instagram feed alone: drawing one for every item cost more
    than half of the card work and of the published cards (issue 10)."""
    feed = parse(example, "feeds/instagram.xml")
    posted = {entry.enclosures[0].href.rsplit("/", 1)[-1] for entry in feed.entries}
    portraits = {path.name for path in (example.site / "cards").glob("*-instagram-*.jpg")}
    assert posted and portraits == posted
    # When no item goes to Instagram, no portrait is drawn at all.
    for path in [*(site_copy / "vacancies").glob("*.md"), *(site_copy / "stories").glob("*.md")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("instagram, ", "").replace(", instagram", ""), encoding="utf-8")
    build = run_build(site_copy)
    assert build.returncode == 0, build.output
    assert not list((build.site / "cards").glob("*-instagram-*.jpg"))
    assert parse(build, "feeds/instagram.xml").entries == []


def test_an_edited_vacancy_renders_only_its_own_feed_elements(site_copy: Path) -> None:
    """One edit does not re-render every feed item: the feeds that carry the vacancy are put
    together from kept elements, and only the vacancy's own elements are made anew."""
    first = run_build(site_copy)
    assert first.returncode == 0, first.output
    assert re.search(r"Feeds: (\d+) of \1 made anew, with \d+ item elements rendered", first.output), first.output
    edit(site_copy / "vacancies/ciso.md", "## Wat ga je doen", "## Wat ga jij doen")
    second = run_build(site_copy)
    assert second.returncode == 0, second.output
    # CISO goes to LinkedIn and X: its plain element (vacancies, department feeds) and one per channel.
    found = re.search(r"Feeds: (\d+) of (\d+) made anew, with (\d+) item elements rendered", second.output)
    assert found and int(found[3]) == 3, second.output
    assert int(found[1]) == 4  # vacancies, Informatie en ICT, LinkedIn, X
    for path in ("feeds/vacancies.xml", "feeds/linkedin.xml", "feeds/x.xml"):
        entry = next(e for e in parse(second, path).entries if "ciso" in e.link)
        assert "Wat ga jij doen" in entry.content[0].value


def test_beside_every_linked_feed_is_the_sitemap_material_asks_for(example: Build) -> None:
    """Issue 29: Material's language switcher fetches a sitemap.xml beside every
    `<link rel="alternate">`, also a feed's: each page logged two or three 404s. Each feeds folder
    has an empty, valid one."""
    import xml.etree.ElementTree as ET
    from urllib.parse import urljoin

    for path in ("index.html", "vacatures/ciso/index.html"):
        page = f"https://werkenbij.lindewaard.example/{path}"
        links = example.html(path).select('link[rel="alternate"]')
        assert links
        for link in links:
            beside = urljoin(urljoin(page, link["href"]), "sitemap.xml").removeprefix(SITE_URL)
            root = ET.fromstring((example.site / beside).read_bytes())
            assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset" and len(root) == 0
