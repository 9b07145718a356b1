"""Every address the site hands out leads to a page it built: links in pages, feeds, jobs.json, the
sitemap, share tags and calendar.ics, with MkDocs' `use_directory_urls` on (`vacatures/ciso/`)
and off (`vacatures/ciso.html`). And the addresses the example had before (`/vacancies/ciso/`)
send the reader on (`earlier_addresses`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import Build, QuietHandler, copy_example, edit, run_build, serving
from test_candidate import browse

SITE_URL = "https://werkenbij.lindewaard.example/"
HOST = urlsplit(SITE_URL).netloc
# Attributes that hold an address, per element.
ADDRESSES = {
    "a": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "form": "action",
    "source": "src",
    "video": "src",
    "iframe": "src",
}


@pytest.fixture(scope="module")
def files_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The example with `use_directory_urls: false`: pages at `salaris.html`, `vacatures/ciso.html`."""
    folder = copy_example(tmp_path_factory.mktemp("files"))
    edit(folder / "mkdocs.yml", "site_name:", "use_directory_urls: false\nsite_name:")
    build = run_build(folder)
    assert build.returncode == 0, build.output
    return build


def page_address(site: Path, path: Path) -> str:
    """The address a page of the site is asked for at: `x/index.html` is `x/`."""
    relative = path.relative_to(site).as_posix()
    return relative.removesuffix("index.html") if relative.endswith("index.html") else relative


def found_in_html(site: Path) -> Iterator[tuple[str, str]]:
    """(page, address relative to the site root) of every address in every page."""
    for path in sorted(site.rglob("*.html")):
        if path.relative_to(site).parts[0] == "admin":
            continue  # the web editor's page, whose addresses are Decap's
        here = page_address(site, path)
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        values = [element.get(attribute) for name, attribute in ADDRESSES.items() for element in soup.find_all(name)]
        for img in soup.find_all(["img", "source"]):
            values += [part.split()[0] for part in (img.get("srcset") or "").split(",") if part.strip()]
        values += [meta.get("content") for meta in soup.select('meta[property="og:url"], meta[property="og:image"]')]
        refresh = soup.select_one('meta[http-equiv="refresh"]')
        if refresh is not None:
            values.append(refresh["content"].split("url=", 1)[1])
        for value in values:
            if value:
                yield str(path.relative_to(site)), urljoin(f"https://{HOST}/{here}", value)


def found_in_outputs(site: Path) -> Iterator[tuple[str, str]]:
    """(file, absolute address) of every address in the feeds, jobs.json, the sitemap and calendar.ics."""
    for feed in sorted((site / "feeds").rglob("*.xml")):
        text = feed.read_text(encoding="utf-8")
        for address in re.findall(r"<link>([^<]+)</link>|url=\"([^\"]+)\"|href=\"([^\"]+)\"", text):
            yield str(feed.relative_to(site)), next(a for a in address if a).replace("&amp;", "&")
    jobs = json.loads((site / "jobs.json").read_text(encoding="utf-8"))
    for job in jobs["vacancies"]:
        yield "jobs.json", job["url"]
        yield "jobs.json", job["image"]
    for location in re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")):
        yield "sitemap.xml", location
    calendar = (site / "calendar.ics").read_bytes().decode().replace("\r\n ", "")
    for address in re.findall(r"^URL[^:]*:(.+?)\r?$", calendar, flags=re.M):
        yield "calendar.ics", address.strip()


def missing(site: Path, found: Iterator[tuple[str, str]]) -> list[str]:
    """The addresses on the site's own host that no file answers."""
    wrong, checked = [], 0
    for where, address in found:
        parts = urlsplit(address)
        if parts.scheme not in ("http", "https") or parts.netloc != HOST:
            continue
        path = parts.path.lstrip("/")
        file = site / (path + "index.html" if path == "" or path.endswith("/") else path)
        checked += 1
        if not file.is_file():
            wrong.append(f"{where}: {address}")
    assert checked > 200, checked  # the pages were read: a broken reader finds nothing to check
    return wrong


@pytest.mark.parametrize("kind", ["folders", "files"])
def test_every_address_leads_to_a_built_file(example: Build, files_build: Build, kind: str) -> None:
    """Was: with `use_directory_urls: false`, feeds, jobs.json, share tags and the calendar linked
    `vacancies/ciso/`, a folder the build never made (only the MkDocs adapter knew the setting)."""
    build = example if kind == "folders" else files_build
    site = build.site
    assert missing(site, found_in_html(site)) == []
    assert missing(site, found_in_outputs(site)) == []


def test_addresses_follow_use_directory_urls(example: Build, files_build: Build) -> None:
    jobs = json.loads((files_build.site / "jobs.json").read_text(encoding="utf-8"))
    assert {job["url"] for job in jobs["vacancies"]} >= {f"{SITE_URL}vacatures/ciso.html"}
    page = files_build.html("vacatures/ciso.html")
    assert page.select_one('meta[property="og:url"]')["content"] == f"{SITE_URL}vacatures/ciso.html"
    posting = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert posting["url"] == f"{SITE_URL}vacatures/ciso.html"
    folders = json.loads((example.site / "jobs.json").read_text(encoding="utf-8"))
    assert {job["url"] for job in folders["vacancies"]} >= {f"{SITE_URL}vacatures/ciso/"}


def test_item_folders_follow_the_listing_page(example: Build) -> None:
    """The Dutch example's items live in the folders of its Dutch listings, /vacatures/ and /verhalen/."""
    listing = example.html("vacatures/index.html")
    links = {a["href"] for a in listing.select(".cs-vcard a")}
    assert "ciso/" in links
    assert example.html("verhalen/wei-chen/index.html").select_one("h1")
    home = example.html("index.html")
    assert home.select_one("a.md-button--primary")["href"] == "vacatures/"


@pytest.mark.parametrize("kind", ["folders", "files"])
def test_earlier_addresses_send_the_reader_on(example: Build, files_build: Build, kind: str) -> None:
    """Links shared before the example's folders followed its language keep working: the old
    listings are pages that send the reader on; an old item address is sent on by the page of a
    missing address (404.html), which every host the site is published on shows for it."""
    build = example if kind == "folders" else files_build
    for old, new in (("vacancies", "vacatures"), ("stories", "verhalen")):
        page = build.html(f"{old}/index.html")
        new_file = f"{new}/index.html"
        canonical = page.select_one('link[rel="canonical"]')["href"]
        expected = f"{new}/" if kind == "folders" else new_file
        assert canonical == SITE_URL + expected, old
        assert page.select_one('meta[name="robots"]')["content"] == "noindex"
        target = urljoin(f"{SITE_URL}{old}/", page.select_one("a")["href"])
        assert target == canonical
        assert (build.site / new_file).is_file()
        assert page.select_one("html")["lang"] == "nl" and "verhuisd" in page.select_one("h1").get_text()
    missing = build.html("404.html")
    script = next(s.string for s in missing.select("script") if s.string and "location.replace" in s.string)
    assert '["/vacancies/","/vacatures/"]' in script and '["/stories/","/verhalen/"]' in script
    # No file per item: 2,400 files and folders at 1,000 vacancies cost a build some 2 s.
    assert not (build.site / "vacancies" / "ciso").exists()
    # Not in the sitemap: the new address is what search engines should keep.
    assert "/vacancies/" not in (build.site / "sitemap.xml").read_text(encoding="utf-8")


class _PagesHandler(QuietHandler):
    """Serves a site as GitHub and GitLab Pages do: a missing address gets 404.html, status 404."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def pages_host(example: Build) -> Iterator[str]:
    with serving(example.site, _PagesHandler) as address:
        yield address


@pytest.mark.parametrize(
    ("old", "new", "heading"),
    [
        ("vacancies/ciso/?utm_source=linkedin#procedure", "vacatures/ciso/?utm_source=linkedin#procedure", "CISO"),
        ("vacancies/?department=ict", "vacatures/?department=ict", "Vacatures"),
        ("stories/wei-chen/", "verhalen/wei-chen/", "hele wereld"),
    ],
)
def test_a_browser_lands_on_the_new_address_with_its_query(pages_host: str, old: str, new: str, heading: str) -> None:
    """A link shared before the move, with tracking tags or a filter, opened in Chromium on a host
    that answers a missing address with 404.html, ends on the page's address now, query and
    fragment kept."""
    found = browse(pages_host, "follow", old)
    assert found["url"] == pages_host + new
    assert heading in found["h1"], found
