"""The page cache (issue 10): a vacancy or story page whose inputs are unchanged is copied from the
cache instead of rendered, and a build with the cache is byte for byte the build without it.

Each test changes one thing a page depends on, builds with the warm cache, and compares the site
with a build of the same content from an empty cache: equal, and the page did change."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sqlite3
import zlib
from pathlib import Path

import pytest
from careersite.publish import kept
from conftest import TODAY, Build, edit, run_build


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def counts(build: Build) -> tuple[int, int]:
    found = re.search(r"Pages: (\d+) rendered, (\d+) from the cache", build.output)
    assert found, build.output
    return int(found[1]), int(found[2])


def cold(folder: Path, today: str = TODAY) -> dict[str, str]:
    """The same content built from an empty cache, in a copy (the original keeps its cache)."""
    copy = folder.parent / f"cold-{today}"

    def outputs(parent: str, names: list[str]) -> list[str]:
        return [n for n in names if n in (".cache", "site") or n.startswith("site.")] if parent == str(folder) else []

    shutil.copytree(folder, copy, ignore=outputs)
    build = run_build(copy, today=today)
    assert build.returncode == 0, build.output
    return digest(build.site)


def test_a_second_build_copies_every_item_page_and_is_the_same_site(site_copy: Path) -> None:
    first = run_build(site_copy)
    assert first.returncode == 0, first.output
    rendered, cached = counts(first)
    assert rendered > 20 and cached == 0
    before = digest(first.site)
    second = run_build(site_copy)
    assert counts(second) == (0, rendered)
    assert digest(second.site) == before
    # The search index still finds the copied pages.
    index = (second.site / "search/search_index.json").read_text(encoding="utf-8")
    assert "Chief Information Security Officer" in index and "Aan mijn balie komt de hele wereld langs" in index


EDITS = {
    # what changes: (file, old, new, pages that must change)
    "vacancy-body": (
        "vacancies/ciso.md",
        "## Wat ga je doen",
        "## Wat ga jij doen",
        ["vacatures/ciso/index.html"],
    ),
    "vacancy-title": (
        "vacancies/ciso.md",
        "title: Chief Information Security Officer (CISO)",
        "title: CISO van Lindewaard",
        ["vacatures/ciso/index.html", "verhalen/anel-hodzic/index.html"],  # the story lists its department's vacancies
    ),
    "story-quote": (
        "stories/anel-hodzic.md",
        'quote: "Als hier iets lekt,',
        'quote: "Als hier ooit iets lekt,',
        ["verhalen/anel-hodzic/index.html", "vacatures/ciso/index.html"],  # the vacancy shows the story
    ),
    "salary-table": (
        "content/data/salary.yml",
        '"12": [4352,',
        '"12": [4360,',
        ["vacatures/ciso/index.html"],
    ),
    "process-data": (
        "content/data/processes.yml",
        "name: Selectie van de brieven",
        "name: Selectie van de sollicitaties",
        ["vacatures/beleidsadviseur-wonen/index.html", "solliciteren/index.html"],  # the standard procedure
    ),
    "settings": (
        "mkdocs.yml",
        "      phone: 0570 75 10 00",
        "      phone: 0570 75 10 99",
        ["vacatures/ciso/index.html", "verhalen/anel-hodzic/index.html"],  # the footer
    ),
    "template": (
        "overrides/vacancy.html",
        '<p class="cs-print-only cs-print-org">',
        '<p class="cs-print-only cs-print-org" data-test="1">',
        ["vacatures/ciso/index.html"],
    ),
    "engine-strings": (
        "hooks/careersite/i18n/locales/nl.yml",
        'print_printed: "Afgedrukt van {url}"',
        'print_printed: "Afgedrukt vanaf {url}"',
        ["vacatures/ciso/index.html"],
    ),
}


@pytest.mark.parametrize("case", sorted(EDITS))
def test_a_change_to_what_a_page_shows_changes_the_page(site_copy: Path, case: str) -> None:
    path, old, new, pages = EDITS[case]
    first = run_build(site_copy)
    assert first.returncode == 0, first.output
    before = digest(first.site)
    edit(site_copy / path, old, new)
    warm = run_build(site_copy)
    assert warm.returncode == 0, warm.output
    after = digest(warm.site)
    for page in pages:
        assert after[page] != before[page], f"{page} did not change after the {case} edit"
    assert after == cold(site_copy), "the warm build differs from a build without the cache"


def test_a_vacancy_that_closes_overnight_changes_without_any_file_changing(site_copy: Path) -> None:
    first = run_build(site_copy)
    assert first.returncode == 0, first.output
    page = first.html("vacatures/klantcontactmedewerker-kcc/index.html")
    assert page.select_one(".cs-apply, a.md-button--primary[href*='solliciteren'], .cs-apply-box") is not None or (
        "Solliciteer" in page.get_text()
    )
    next_day = "2026-12-03"  # the vacancy closes on 2 December 2026
    warm = run_build(site_copy, today=next_day)
    assert warm.returncode == 0, warm.output
    closed = warm.html("vacatures/klantcontactmedewerker-kcc/index.html")
    assert "Solliciteer nu" not in closed.get_text()
    assert digest(warm.site) == cold(site_copy, next_day)


def test_a_damaged_cached_page_is_rendered_again(site_copy: Path) -> None:
    first = run_build(site_copy)
    before = digest(first.site)
    pages = sorted((site_copy / ".cache/pages").glob("*.html"))
    assert pages
    pages[0].write_bytes(pages[0].read_bytes()[:500])  # cut off, as by a full disk or a killed build
    with sqlite3.connect(site_copy / ".cache/pages.sqlite3") as index:
        names = [name for (name,) in index.execute("SELECT name FROM entries ORDER BY name")]
        page_rows = [name for name in names if not name.startswith("body-")]
        body_rows = [name for name in names if name.startswith("body-")]
        assert len(page_rows) == len(pages) and body_rows
        # A row that no longer decompresses, and one that is not the JSON it should be.
        index.execute("UPDATE entries SET data = ? WHERE name = ?", (b"garbage", page_rows[-1]))
        index.execute("UPDATE entries SET data = ? WHERE name = ?", (zlib.compress(b"{not json"), body_rows[0]))
        # Sound rows whose search entries (kept as JSON text, put into the index as they are) are not entries.
        # (Written with a right checksum: a row without one is not read at all, `test_a_changed_row…`.)
        for name, search in zip(page_rows[1:4], ['{"location": "x"}', "[1, 2]", "[{]"], strict=True):
            stored = index.execute("SELECT data FROM entries WHERE name = ?", (name,)).fetchone()[0]
            row = json.loads(zlib.decompress(kept.unrow(name, stored)))
            row["search"] = search
            changed = kept.row(name, zlib.compress(json.dumps(row).encode()))
            index.execute("UPDATE entries SET data = ? WHERE name = ?", (changed, name))
    again = run_build(site_copy)
    assert again.returncode == 0, again.output
    assert counts(again)[0] >= 5
    assert digest(again.site) == before


def test_a_changed_row_or_feed_element_is_made_again_never_published(site_copy: Path) -> None:
    """A well-formed row changed in the cache (its text, or a feed element) was published and kept."""
    first = run_build(site_copy)
    assert first.returncode == 0, first.output
    before = digest(first.site)
    forged_rows = 0
    for file_name in ("pages.sqlite3", "feeds-items.sqlite3"):
        with sqlite3.connect(site_copy / ".cache" / file_name) as index:
            for name, data in index.execute("SELECT name, data FROM entries").fetchall():
                plain = zlib.decompress(data[16:])
                if b"Lindewaard" in plain:  # well-formed, with its old checksum
                    forged = data[:16] + zlib.compress(plain.replace(b"Lindewaard", b"Hackerdam"))
                    index.execute("UPDATE entries SET data = ? WHERE name = ?", (forged, name))
                    forged_rows += 1
    assert forged_rows > 20
    again = run_build(site_copy)
    assert again.returncode == 0, again.output
    assert digest(again.site) == before
    for feed in (again.site / "feeds").rglob("*.xml"):
        assert b"Hackerdam" not in feed.read_bytes()


def test_an_index_left_open_neither_blocks_nor_loses_the_next_build_s(tmp_path: Path) -> None:
    """`make serve`: a rebuild that failed halfway may leave its index open (and locked); the next
    rebuild goes on without the index within seconds and deletes nothing, and once the first is
    closed the index is used again."""
    import time

    from careersite.publish.pages import Index

    path = tmp_path / "pages.sqlite3"
    first = Index(path)
    first.put("a", {"body": "eerste"})
    first.save({"a"})  # the connection stays open, holding SQLite's lock
    started = time.monotonic()
    second = Index(path)
    assert time.monotonic() - started < 10
    assert second.get("a") is None  # without an index: pages are rendered, never wrong
    second.save({"b"})  # and nothing is deleted
    first.close()
    third = Index(path)
    assert third.get("a") == {"body": "eerste"}
    third.close()

    path.unlink()
    elsewhere = tmp_path / "elsewhere.sqlite3"
    path.symlink_to(elsewhere)  # a link in the cache: the index is made in its place, not written through it
    fourth = Index(path)
    fourth.put("x", {"body": "x"})
    fourth.save({"x"})
    fourth.close()
    assert not path.is_symlink() and not elsewhere.exists()


def test_offline_search_holds_every_page(site_copy: Path) -> None:
    """The item pages' search entries go into the index after the search plugin wrote it, and
    before Material's offline plugin copies it into `search_index.js`: offline search finds
    vacancies too, in a cold and in a warm build."""
    edit(site_copy / "mkdocs.yml", "  - search:\n      lang: nl\n", "  - search:\n      lang: nl\n  - offline\n")
    for _ in range(2):  # cold, then every page from the cache
        build = run_build(site_copy)
        assert build.returncode == 0, build.output
        index = json.loads((site_copy / "site/search/search_index.json").read_text())
        script = (site_copy / "site/search/search_index.js").read_text()
        offline = json.loads(script[script.index("{") : script.rindex("}") + 1])
        locations = {entry["location"].split("#")[0] for entry in offline["docs"]}
        # The offline plugin turns off directory URLs: vacatures/ciso.html.
        assert "vacatures/ciso.html" in locations and any(url.startswith("verhalen/") for url in locations)
        assert offline == index
