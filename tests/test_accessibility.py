"""WCAG 2.1 AA as axe-core measures it, on the built example, on a phone and a desktop."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import BROWSER_NOW

A11Y = Path(__file__).resolve().parent / "a11y"
CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and shutil.which("node") and (A11Y / "node_modules" / "axe-core").is_dir()),
    reason="needs Chromium, Node.js and `npm ci` in tests/a11y (make test and .ci/run set these up)",
)
PAGES = [
    ("", 1280),
    ("", 390),
    ("vacatures/", 390),
    ("vacatures/", 1280),
    ("vacatures/beleidsadviseur-wonen/", 390),
    ("vacatures/teamleider-openbare-ruimte/", 1280),
    ("vacatures/hr-adviseur/", 390),
    ("verhalen/", 1280),
    ("verhalen/henk-bosman/", 390),
    ("salaris/", 1280),
    ("solliciteren/", 390),
    ("werken-bij/", 1280),
    ("privacy/", 390),
    ("feeds/", 1280),
    ("404.html", 390),
    ("404.html", 1280),
    ("vacatures/jurist-omgevingsrecht/", 390),  # filled
    ("vacatures/jurist-omgevingsrecht/", 1280),
    ("solliciteren/", 1280),
    ("salaris/", 390),
    ("vacaturemelding/", 390),
    ("toegankelijkheid/", 1280),
    ("kalender/", 390),
    ("kalender/", 1280),
]


def axe(served: str, pages: list[tuple[str, int]]) -> list[dict]:
    """axe-core's report on each page (path, width) of the site served at `served`, with the
    browser's clock on the tests' day."""
    result = subprocess.run(
        ["node", str(A11Y / "axe.js"), served, *(f"{p}:{w}" for p, w in pages)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        env=dict(os.environ, CAREERSITE_BROWSER_NOW=BROWSER_NOW),
    )
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(reports) == len(pages)
    return reports


def test_pages_have_no_wcag_violations_nor_console_errors(served: str) -> None:
    """axe finds nothing, and no page asks for a file that is not there or fails in a script, as
    the browser's console shows it (Material's language switcher fetched a sitemap.xml beside every
    RSS link: 2-3 404s on every page)."""
    reports = axe(served, PAGES)
    problems = [
        f"{r['path'] or 'home'} at {r['width']}px: {v['id']} ({v['help']}) on {v['targets'][:3]}"
        for r in reports
        for v in r["violations"]
    ]
    assert problems == []
    errors = [f"{r['path'] or 'home'} at {r['width']}px: {e}" for r in reports for e in r["errors"]]
    assert errors == []


@pytest.mark.parametrize("language", ["sv", "da"])
def test_a_new_swedish_or_danish_site_has_no_wcag_violations(tmp_path: Path, language: str) -> None:
    """A language is one record and one catalogue: a new site in it, with its example vacancy made
    public, passes the same browser check as the Dutch example, on a phone and a desktop."""
    from conftest import TODAY, run_build, serving
    from test_new_site import SITES, fork, new_site

    spec = SITES[language]
    folder = fork(tmp_path / "fork")
    made = new_site(folder, *spec["args"], "--url", spec["url"])
    assert made.returncode == 0, made.stderr
    (vacancy,) = (folder / "vacancies").glob("*.md")
    text = vacancy.read_text(encoding="utf-8")
    vacancy.write_text(text.replace("published: 2099-01-01", "published: 2026-11-02"), encoding="utf-8")
    build = run_build(folder, today=TODAY)
    assert build.returncode == 0, build.output
    listing = spec["folders"][0]
    page = build.html(f"{listing}/{vacancy.stem}/index.html")
    assert page.select_one("html")["lang"] == language and page.select_one("[data-cs-apply] a, a[data-cs-apply]")
    assert spec["currency"] in page.get_text()
    pay = next(p.parent.name for p in build.site.glob("*/index.html") if p.parent.name.startswith(("lon", "løn")))
    pages = [("", 390), (f"{listing}/", 1280), (f"{listing}/{vacancy.stem}/", 390), (f"{pay}/", 1280)]
    with serving(build.site) as served:
        reports = axe(served, pages)
    assert [f"{r['path'] or 'home'} at {r['width']}px: {v['id']}" for r in reports for v in r["violations"]] == []


SKIP_PAGES = ["", "vacatures/", "vacatures/ciso/", "salaris/", "verhalen/fatima-el-amrani/"]


def test_every_page_type_has_a_skip_link_that_lands_before_its_title(served: str, tmp_path: Path) -> None:
    """Issue 29: the first Tab stop on every page type is a skip link in the site's language, and
    Enter on it takes the focus to the content before the title (it jumped past a vacancy's title,
    facts and apply button; home and listing had none)."""
    from conftest import browse

    specs = tmp_path / "checks.json"
    specs.write_text(json.dumps([["skip", path, width] for path in SKIP_PAGES for width in ("390", "1280")]))
    results = browse(served, "batch", str(specs), timeout=300)
    for (_, path, width), found in zip(json.loads(specs.read_text()), results, strict=True):
        assert "ok" in found, f"{path} at {width}: {found}"
        found = found["ok"]
        assert found["first"] == {"text": "Naar de inhoud", "href": "#cs-main", "visible": True}, (path, width)
        assert found["landed"] == {"focus": "cs-main", "titleInside": True, "titleBelow": True}, (path, width)
        assert found["next"]["inside"], (path, width, found["next"])
