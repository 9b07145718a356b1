"""The vacancy filters as a candidate uses them: the real script, run by headless Chromium."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from conftest import TODAY, Build, copy_example, run_build

import content

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(not CHROMIUM, reason="Chromium is not installed (.ci/run installs it)")
OPEN = {s: fm for s, fm in content.vacancies().items() if content.is_open(fm, dt.date.fromisoformat(TODAY))}


@pytest.fixture(scope="module")
def standing(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The example built as of its `demo_date` (the tests' day), without CAREERSITE_TODAY: its
    pages never close themselves by the browser's clock, which a command-line Chromium cannot set."""
    build = run_build(copy_example(tmp_path_factory.mktemp("standing")), today="")
    assert build.returncode == 0, build.output
    assert not build.html("vacatures/index.html").select("[data-cs-closes-at]"), "the example has no demo_date"
    return build


def rendered(build: Build, query: dict[str, str]) -> BeautifulSoup:
    """The listing page's DOM after its script ran, opened with the filters in the address."""
    url = (build.site / "vacatures" / "index.html").as_uri() + ("?" + urlencode(query) if query else "")
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                "--virtual-time-budget=3000",
                "--dump-dom",
                url,
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 0, result.stderr
    return BeautifulSoup(result.stdout, "html.parser")


def visible(dom: BeautifulSoup) -> set[str]:
    return {
        card.select_one("a")["href"].strip("/").split("/")[-1]
        for card in dom.select(".cs-vcard")
        if not card.has_attr("hidden")
    }


def test_without_filters_everything_shows_and_the_form_appears(standing: Build) -> None:
    dom = rendered(standing, {})
    assert not dom.select_one("[data-cs-filters]").has_attr("hidden")
    assert visible(dom) == set(OPEN)
    assert dom.select_one("[data-cs-count]").get_text() == f"{len(OPEN)} vacatures"


@pytest.mark.parametrize(
    "query",
    [
        {"department": "informatie-en-ict"},
        {"education": "wo"},
        {"department": "sociaal-domein", "education": "hbo"},
        {"scale": "10"},
        {"hours": "1"},
    ],
)
def test_filters_show_exactly_the_matching_vacancies(standing: Build, query: dict[str, str]) -> None:
    def matches(fm: dict) -> bool:
        scales = fm.get("scale", [])
        scales = [str(s) for s in (scales if isinstance(scales, list) else [scales])]
        low, high = content.hours(fm["hours"])
        return all(
            [
                query.get("department", content_slug(fm["department"])) == content_slug(fm["department"]),
                query.get("education", fm.get("education")) == fm.get("education"),
                "scale" not in query or query["scale"] in scales,
                "hours" not in query or (low <= 24 and high > 16),
            ]
        )

    expected = {slug for slug, fm in OPEN.items() if matches(fm)}
    assert expected, f"the example has no vacancy for {query}"
    dom = rendered(standing, query)
    assert visible(dom) == expected
    count = dom.select_one("[data-cs-count]").get_text()
    assert count == (f"{len(expected)} vacature" if len(expected) == 1 else f"{len(expected)} vacatures")
    for group in dom.select("[data-cs-group]"):
        assert group.has_attr("hidden") == all(card.has_attr("hidden") for card in group.select(".cs-vcard"))


def content_slug(text: str) -> str:
    return text.lower().replace(" ", "-")
