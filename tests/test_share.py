"""The ambassador kit (issue 28): a share page for colleagues per open vacancy and published story,
a staff page of this week's items and an RSS feed of them. Each page's texts, share links and QR
code carry utm_medium=ambassador; the pages are the team's: never indexed, in the sitemap, the
search or the public navigation; a page of the organisation's own at their address stops the build."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import feedparser
import pytest
import zxingcpp
from bs4 import BeautifulSoup
from conftest import TODAY, Build, browse, run_build
from PIL import Image

import content

SITE_URL = "https://werkenbij.lindewaard.example/"
DAY = dt.date.fromisoformat(TODAY)
VACANCIES = content.vacancies()
STORIES = content.stories()
OPEN = {s: fm for s, fm in VACANCIES.items() if content.is_open(fm, DAY)}
PUBLISHED = {s: fm for s, fm in STORIES.items() if fm["published"] <= DAY}
CHANNELS = {"LinkedIn": "linkedin", "Facebook": "facebook", "Instagram": "instagram", "X": "x"}


def tags(address: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(address).query)


def shared(address: str, source: str, item_id: str, page: str) -> bool:
    """Whether `address` is the item's public page with a colleague's tags for `source`."""
    parts = urlsplit(address)
    return f"{parts.scheme}://{parts.netloc}{parts.path}" == page and tags(address) == {
        "utm_source": [source],
        "utm_medium": ["ambassador"],
        "utm_campaign": [item_id],
    }


def share_page(example: Build, folder: str, slug: str) -> BeautifulSoup:
    return BeautifulSoup((example.site / "delen" / folder / f"{slug}.html").read_text(encoding="utf-8"), "html.parser")


def test_each_open_vacancy_and_published_story_has_a_share_page_and_no_other_item(example: Build) -> None:
    assert {p.stem for p in (example.site / "delen" / "vacatures").glob("*.html")} == set(OPEN)
    assert {p.stem for p in (example.site / "delen" / "verhalen").glob("*.html")} == set(PUBLISHED)
    # never on the public side: not indexed, not in the sitemap, the search or a public page's links
    sitemap = (example.site / "sitemap.xml").read_text(encoding="utf-8")
    search = (example.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "delen/" not in sitemap and "delen/" not in search
    for public in ("index.html", "vacatures/index.html", "vacatures/ciso/index.html", "verhalen/index.html"):
        assert not [a["href"] for a in example.html(public).find_all("a", href=True) if "delen/" in a["href"]]
    for staff in ("feeds/index.html", "kalender/index.html"):
        assert [a for a in example.html(staff).find_all("a", href=True) if a["href"].rstrip("/").endswith("delen")]
    editor = (example.site / "admin" / "index.html").read_text(encoding="utf-8")
    assert 'class="cs-share-link" href="../delen/"' in editor
    # The team's pages are apart from the public ones (issue 29): the feeds page and the calendar
    # are in no public footer, the sitemap or the search, and never indexed; the staff page links them.
    for staff_page in ("feeds/index.html", "kalender/index.html"):
        assert example.html(staff_page).find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert "/feeds/" not in sitemap and '"location":"feeds/' not in search.replace(" ", "")
    for public in ("index.html", "vacatures/index.html", "salaris/index.html"):
        footer = [a["href"] for a in example.html(public).select("footer a[href]")]
        assert not [href for href in footer if "feeds/" in href or "kalender/" in href], footer
    hub = BeautifulSoup((example.site / "delen" / "index.html").read_text(encoding="utf-8"), "html.parser")
    team = {a.get_text(): a["href"] for a in hub.find("h2", string="Voor het team").find_next("ul").find_all("a")}
    assert team == {
        "Feeds voor sociale media": "../feeds/",
        "Contentkalender": "../kalender/",
        "Webeditor": "../admin/",
    }


@pytest.mark.parametrize("slug", sorted(OPEN))
def test_a_vacancy_s_share_page_gives_tagged_texts_links_cards_and_a_qr_code(example: Build, slug: str) -> None:
    fm = OPEN[slug]
    item_id = fm.get("id", slug)
    page_address = f"{SITE_URL}vacatures/{slug}/"
    page = share_page(example, "vacatures", slug)
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    assert page.h1.get_text() == fm["title"] and page.find("html")["lang"] == "nl"
    # A text per channel: the item's own words for it (else its summary), then the tagged link.
    texts = {label.get_text(): page.find(id=label["for"]).get_text() for label in page.select(".card label")}
    assert list(texts) == list(CHANNELS)
    for name, text in texts.items():
        channel = CHANNELS[name]
        words, _, link = text.rpartition("\n\n")
        assert words == (fm.get("social") or {}).get(channel, fm["summary"]).strip()
        assert shared(link, channel, item_id, page_address), link
    # The networks' share dialogs, each with the page tagged for that network.
    links = {a["data-network"]: a["href"] for a in page.select("a[data-network]")}
    assert list(links) == ["linkedin", "facebook", "x", "whatsapp", "email"]
    assert shared(tags(links["linkedin"])["url"][0], "linkedin", item_id, page_address)
    assert shared(tags(links["facebook"])["u"][0], "facebook", item_id, page_address)
    assert shared(tags(links["x"])["url"][0], "x", item_id, page_address) and tags(links["x"])["text"] == [fm["title"]]
    assert shared(tags(links["whatsapp"])["text"][0].rsplit(" ", 1)[1], "whatsapp", item_id, page_address)
    mail = urlsplit(links["email"])
    assert mail.scheme == "mailto" and not mail.path  # the colleague picks the addressee
    assert shared(unquote(parse_qs(mail.query)["body"][0]).rsplit("\n", 1)[1], "email", item_id, page_address)
    device = json.loads(page.find("button", attrs={"data-share": True})["data-share"])
    assert shared(device["url"], "share-sheet", item_id, page_address)
    # The cards, to download: files of the site, named as the pages' share tags name them.
    vacancy_page = example.html(f"vacatures/{slug}/index.html")
    og = vacancy_page.find("meta", property="og:image")["content"].removeprefix(SITE_URL)
    cards = [img["src"] for img in page.select(".images img")]
    assert f"../../{og}" in cards
    for src in cards:
        assert (example.site / "delen" / "vacatures" / src).resolve().is_file()
    # No one's name or a code of the colleague who shares: the item's id is the only campaign.
    assert "team=" not in str(page) and "utm_content" not in str(page)


def test_the_qr_code_is_named_for_screen_readers(example: Build) -> None:
    """(What it encodes is read from the code as Chromium draws it: the browser test below.)"""
    page = share_page(example, "vacatures", "ciso")
    svg = page.select_one(".qr svg")
    assert svg["role"] == "img" and "CISO" in svg["aria-label"]


def test_the_staff_page_lists_this_week_s_items_and_the_feed_carries_them(example: Build) -> None:
    staff = BeautifulSoup((example.site / "delen" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert staff.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    week = staff.find("h2", string="Deze week delen").find_next("ul")
    listed = {a["href"] for a in week.find_all("a")}
    fresh = {
        f"vacatures/{s}.html"
        for s, fm in OPEN.items()
        if (DAY - fm["published"]).days < 7 or (fm["closes"] - DAY).days < 7
    } | {f"verhalen/{s}.html" for s, fm in PUBLISHED.items() if (DAY - fm["published"]).days < 7}
    assert listed == fresh and fresh, "the example has items of this week"
    everything = staff.find("h2", string="Alle open vacatures").find_next("ul")
    assert len(everything.find_all("li")) == len(OPEN)
    feed = feedparser.parse((example.site / "feeds" / "ambassadors.xml").read_bytes())
    assert not feed.bozo and feed.feed.title == "Om te delen: Gemeente Lindewaard"
    assert {e.link.removeprefix(f"{SITE_URL}delen/") for e in feed.entries} == fresh
    assert all(e.id.startswith("share:") for e in feed.entries)
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)


def test_a_page_of_the_organisation_at_the_share_address_stops_the_build(site_copy: Path) -> None:
    (site_copy / "content" / "delen.md").write_text("# Delen\n\nOnze eigen pagina.\n", encoding="utf-8")
    built = run_build(site_copy)
    assert built.returncode != 0
    assert "op delen/ staat een eigen pagina" in built.output and "geef die pagina" in built.output


@pytest.mark.parametrize("width", ["390", "1280"])
def test_a_colleague_copies_a_text_and_scans_the_code(served: str, width: str) -> None:
    found = browse(served, "share", "delen/vacatures/ciso.html", width)
    assert found["clipboard"] == found["text"] and "utm_medium=ambassador" in found["clipboard"]
    assert found["status"] == "Gekopieerd."
    # The device's share sheet only where the browser has one.
    assert found["device"]["hidden"] != found["device"]["supported"]
    assert [link["network"] for link in found["links"]] == ["linkedin", "facebook", "x", "whatsapp", "email"]
    for link in found["links"]:
        assert link["height"] >= 44 and link["right"] <= int(width), link  # a thumb's target, on the screen
    assert not found["overflow"] and found["fieldsShowAll"]
    assert found["images"] and all(img["loaded"] for img in found["images"])
    drawn = Image.open(io.BytesIO(base64.b64decode(found["qrPng"])))
    codes = zxingcpp.read_barcodes(drawn)
    assert [c.text for c in codes] == [
        f"{SITE_URL}vacatures/ciso/?utm_source=qr&utm_medium=ambassador&utm_campaign=ciso"
    ]
