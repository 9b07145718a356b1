"""Every page of the built example is valid HTML, as the Nu HTML Checker (vnu) reads it.

vnu is the W3C's checker, run from the pinned `vnu-jar` npm package (tests/a11y) with Java; without
either, the test is skipped and says why. It reads the whole site at once: all pages and page types
(home, listing, open and closed vacancies, stories, the pages from Markdown, the staff pages, the
404 page, the web editor's page), in about two seconds.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import Build

VNU = Path(__file__).resolve().parent / "a11y" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")
pytestmark = pytest.mark.skipif(
    not (JAVA and VNU.is_file()),
    reason="the Nu HTML Checker needs Java (Debian: default-jre-headless) and `npm ci` in tests/a11y (make test)",
)


def vnu(folder: Path) -> list[dict]:
    """The checker's errors on every HTML file under `folder` (file, line, message)."""
    result = subprocess.run(
        [str(JAVA), "-Xss1024k", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]


def _page(url: str, site: Path) -> str:
    """A page of `site` as vnu names it (`file:/…/site/vacatures/…`), relative to the site."""
    return Path(unquote(urlsplit(url).path)).resolve().relative_to(site.resolve()).as_posix()


def test_every_page_of_the_example_is_valid_html(example: Build) -> None:
    pages = sorted(p.relative_to(example.site).as_posix() for p in example.site.rglob("*.html"))
    kinds = {
        "vacatures/index.html",
        "vacatures/ict-architect/index.html",
        "vacatures/jurist-omgevingsrecht/index.html",  # filled: closed
        "verhalen/index.html",
        "verhalen/henk-bosman/index.html",
        "index.html",
        "404.html",
        "vacaturemelding/index.html",
        "toegankelijkheid/index.html",
        "feeds/index.html",
        "kalender/index.html",
        "delen/index.html",
        "admin/index.html",
    }
    assert kinds <= set(pages) and len(pages) > 50
    errors = vnu(example.site)
    per_page = Counter(_page(m["url"], example.site) for m in errors)
    lines = [f"{_page(m['url'], example.site)}:{m.get('lastLine', '?')}: {m['message']}" for m in errors]
    assert lines == [], f"{len(errors)} errors on {len(per_page)} of {len(pages)} pages"


def test_the_checker_finds_what_it_should(tmp_path: Path) -> None:
    """The test above can fail: the checker, as run, reports Material's own mistakes where they are
    left in (a checkbox with autocomplete, a label for no control) and a skipped heading level."""
    page = tmp_path / "page.html"
    page.write_text(
        '<!doctype html><html lang="nl"><head><title>t</title></head><body>'
        '<input type="checkbox" id="__drawer" autocomplete="off"><label for="__toc">x</label>'
        "<h1>a</h1><h3>b</h3></body></html>",
        encoding="utf-8",
    )
    messages = [m["message"] for m in vnu(tmp_path)]
    assert any("autocomplete" in m for m in messages), messages
    assert any("label" in m and "for" in m for m in messages), messages
    assert any("skipping" in m for m in messages), messages
    errors = vnu(tmp_path)
    assert {_page(m["url"], tmp_path) for m in errors} == {"page.html"}  # named as the test above names them
