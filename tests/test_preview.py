"""`make serve` with a mistake in the content: the page being previewed shows the author's messages
(before, the rebuild stopped and the browser waited with the message only in the terminal), and
shows the page again once the mistake is fixed."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import TODAY, run_build
from PIL import Image
from test_candidate import A11Y, browse


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, BeautifulSoup]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, BeautifulSoup(response.read(), "html.parser")
    except urllib.error.HTTPError as error:
        return error.code, BeautifulSoup(error.read(), "html.parser")


def _poll(url: str, done, seconds: float = 60) -> tuple[int, BeautifulSoup]:
    deadline = time.monotonic() + seconds
    while True:
        try:
            status, page = _get(url)
            if done(status, page):
                return status, page
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            status, page = 0, BeautifulSoup("", "html.parser")
        if time.monotonic() > deadline:
            return status, page
        time.sleep(0.5)


@contextlib.contextmanager
def _make_serve(folder: Path) -> Iterator[int]:
    """`make serve` in `folder` on a free port, on the pinned day; its port."""
    port = _free_port()
    env = dict(os.environ, CAREERSITE_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=folder,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_preview_shows_the_mistakes_and_recovers_when_they_are_fixed(site_copy: Path) -> None:
    vacancy = site_copy / "vacancies/ciso.md"
    good = vacancy.read_text(encoding="utf-8")
    vacancy.write_text(good.replace("closes: ", "closes: 2027-02-30 #", 1), encoding="utf-8")
    with _make_serve(site_copy) as port:
        url = f"http://127.0.0.1:{port}/vacatures/ciso/"
        status, page = _poll(url, lambda s, p: p.select_one(".cs-preview-problems") is not None)
        problems = page.select_one(".cs-preview-problems")
        assert problems is not None, f"no messages in the preview (status {status})"
        assert problems.select_one("h1").get_text() == "1 fout in de inhoud"
        # Written for the preview: what to do, not the build's "the previous site is unchanged".
        advice = problems.select_one("p").get_text()
        assert "sla het op" in advice and "laadt vanzelf opnieuw" in advice
        assert "vorige site" not in problems.get_text()
        assert "vacancies/ciso.md:" in problems.get_text() and "30 februari 2027 bestaat niet" in problems.get_text()
        assert page.select_one('meta[http-equiv="refresh"]') is not None  # reloads itself until fixed
        vacancy.write_text(good, encoding="utf-8")
        status, page = _poll(url, lambda s, p: s == 200)
        assert status == 200 and page.select_one("h1.cs-hero__title") is not None
        assert page.select_one(".cs-preview-problems") is None
        # The preview's cards and photos (linked from the cache, never published) are served whole.
        card = page.select_one('meta[property="og:image"]')["content"].split("/", 3)[-1]
        photo = page.select_one("img.cs-scard__photo")["src"].split("photos/")[-1]
        for address in (card, f"photos/{photo}"):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{address}", timeout=10) as response:
                data = response.read()
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # a file cut short fails to decode
                assert image.format == {".png": "PNG", ".jpg": "JPEG", ".webp": "WEBP"}[Path(address).suffix], address
        # An author saves another photo under the same name: the next rebuild shows it, at new addresses.

        for source in (site_copy / "stories/img").glob("*.jpg"):
            with Image.open(source) as old:
                size = old.size
            Image.new("RGB", size, (200, 30, 30)).save(source, quality=85)
        src = page.select_one("img.cs-scard__photo")["src"]
        status, page = _poll(url, lambda s, p: s == 200 and p.select_one("img.cs-scard__photo")["src"] != src)
        assert page.select_one("img.cs-scard__photo")["src"] != src, "the preview kept the replaced photo"


def test_each_rebuild_of_the_preview_is_shown_whole_and_the_old_ones_go(tmp_path: Path) -> None:
    from careersite.publish.preview import PreviewFolders

    served = tmp_path / "mkdocs_x"
    served.mkdir()  # as MkDocs creates it
    preview = PreviewFolders(served)
    first = preview.next()
    (first / "index.html").write_text("one", encoding="utf-8")
    preview.show(first)
    assert served.is_symlink() and (served / "index.html").read_text(encoding="utf-8") == "one"
    second = preview.next()
    (second / "index.html").write_text("two", encoding="utf-8")
    assert (served / "index.html").read_text(encoding="utf-8") == "one"  # shown until the next is written
    preview.show(second)
    assert (served / "index.html").read_text(encoding="utf-8") == "two"
    deadline = time.monotonic() + 10
    while first.exists() or any(p.name.startswith("old-") for p in preview.builds.iterdir()):
        assert time.monotonic() < deadline, "the old build was not removed"
        time.sleep(0.1)
    preview.close()
    assert not served.exists() and not preview.builds.exists()


def test_the_web_editor_opens_in_the_preview_while_the_content_has_a_mistake(site_copy: Path) -> None:
    """While any saved file had a mistake, make serve put the error page in place of /admin/ itself:
    the editor could not open to fix what it had just saved."""
    import yaml

    with _make_serve(site_copy) as port:
        admin = f"http://127.0.0.1:{port}/admin/"
        status, page = _poll(admin, lambda s, p: s == 200 and "startEditor" in str(p))
        assert status == 200 and page.select_one(".cs-problems") is None
        vacancy = site_copy / "vacancies/ciso.md"
        good = vacancy.read_text(encoding="utf-8")
        vacancy.write_text(good.replace("closes: ", "closes: 2027-02-30 #", 1), encoding="utf-8")
        status, page = _poll(admin, lambda s, p: p.select_one(".cs-problems") is not None)
        panel = page.select_one(".cs-problems")
        assert status == 200 and panel is not None, status
        assert "vacancies/ciso.md:" in panel.get_text() and "30 februari 2027 bestaat niet" in panel.get_text()
        assert panel.get("role") == "alert" and "startEditor" in str(page)  # the editor itself loads
        with urllib.request.urlopen(admin + "config.yml", timeout=10) as response:
            config = yaml.safe_load(response.read())
        assert [c["name"] for c in config["collections"]][:2] == ["vacancies", "stories"]
        status, problems = _get(f"http://127.0.0.1:{port}/vacatures/ciso/")
        assert problems.select_one(".cs-preview-problems") is not None
        # In the site's colours (the page of mistakes lost the brand colour).
        brand = problems.select_one('link[href$="assets/careersite/brand.css"]')
        assert brand is not None, "no brand stylesheet on the page of mistakes"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/assets/careersite/brand.css", timeout=10) as response:
            assert "#0B5563".lower() in response.read().decode().lower()
        vacancy.write_text(good, encoding="utf-8")  # fixed (through the editor, or by hand)
        status, page = _poll(admin, lambda s, p: s == 200 and p.select_one(".cs-problems") is None)
        assert page.select_one(".cs-problems") is None and "startEditor" in str(page)


def test_the_preview_shows_a_vacancy_s_warnings_above_it_and_the_site_never(site_copy: Path) -> None:
    """The text check's warnings (issue 26) where the author looks: above the vacancy in `make
    serve`, with the page as it is below; a build publishes no such panel."""
    vacancy = site_copy / "vacancies/ciso.md"
    text = vacancy.read_text(encoding="utf-8")
    vacancy.write_text(
        text.replace("## Wat ga je doen\n", "## Wat ga je doen\n\nJe komt in een jong team.\n", 1), encoding="utf-8"
    )
    with _make_serve(site_copy) as port:
        url = f"http://127.0.0.1:{port}/vacatures/ciso/"
        status, page = _poll(url, lambda s, p: s == 200 and p.select_one(".cs-preview-warnings") is not None)
        panel = page.select_one(".cs-preview-warnings")
        assert panel is not None, f"no warnings in the preview (status {status})"
        assert "1 waarschuwing in dit bestand" in panel.get_text()
        assert '"jong team"' in panel.get_text() and "body:" in panel.get_text()
        assert page.select_one("h1.cs-hero__title") is not None  # the page itself is shown too
        # The web editor shows the same beside the file being edited (from admin/warnings.json,
        # which only the preview writes), and nothing beside a file without warnings.
        listed = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/warnings.json").read())
        assert any('"jong team"' in line for line in listed["vacancies/ciso.md"])
        if shutil.which("chromium") and (A11Y / "node_modules" / "playwright-core").is_dir():
            admin = f"http://127.0.0.1:{port}/admin/#/collections/vacancies/entries/"
            found = browse(admin, "editorwarnings", "ciso", "wijkconsulent-wmo")
            ciso, clean = found
            assert ciso["shown"] and "1 waarschuwing bij dit bestand" in ciso["summary"], ciso
            assert any(re.match(r'\d+: body: "jong team"', line) for line in ciso["lines"]), ciso["lines"]
            assert not clean["shown"], clean
    build = run_build(site_copy)
    assert build.returncode == 0, build.output
    assert build.html("vacatures/ciso/index.html").select_one(".cs-preview-warnings") is None
    assert not (build.site / "admin/warnings.json").exists()  # the team's warnings are not published
