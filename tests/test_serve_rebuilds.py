"""`make serve` takes again what the previous rebuild worked out for an item that did not change
(page keys, cards, pay, feed item digests, parsed vacancies, cache rows) and keeps the item pages'
folders from rebuild to rebuild (issue 10: an edit is live in about a second, at any size).

Each test runs the rebuilds of one server in one process, as MkDocs' live-reload server does
(`serve_rebuilds.py`), changing one thing a page depends on before each rebuild, and compares what
is served after each rebuild with the preview a new server makes of the same files: equal, file for
file, and the pages that show the change did change."""

from __future__ import annotations

import base64
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TODAY, copy_example, run_build
from PIL import Image

HELPER = Path(__file__).with_name("serve_rebuilds.py")


def _photo() -> str:
    """Another photo, as an author saves it under the name of the old one."""
    image = Image.new("RGB", (1200, 1500), "#2E6B8F")
    image.paste(Image.new("RGB", (600, 700), "#F2C14E"), (300, 300))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return base64.b64encode(buffer.getvalue()).decode()


# Each step: what changes, and pages of the preview that must change with it.
STEPS = [
    ("first rebuild", {}, []),
    ("nothing changed", {}, []),
    (
        "a vacancy's title, shown on a closed vacancy of its department",
        {"edits": [["vacancies/financieel-adviseur.md", "title: Financieel Adviseur", "title: Financieel Expert"]]},
        ["vacatures/financieel-adviseur/index.html", "vacatures/hr-adviseur/index.html", "vacatures/index.html"],
    ),
    (
        "a vacancy's title, listed on its department's story",
        {
            "edits": [
                [
                    "vacancies/ciso.md",
                    "title: Chief Information Security Officer (CISO)",
                    "title: CISO van Lindewaard",
                ]
            ]
        },
        ["vacatures/ciso/index.html", "verhalen/anel-hodzic/index.html"],
    ),
    (
        "a story's quote, shown on its department's vacancy",
        {"edits": [["stories/anel-hodzic.md", 'quote: "Als hier iets lekt,', 'quote: "Als hier ooit iets lekt,']]},
        ["verhalen/anel-hodzic/index.html", "vacatures/ciso/index.html"],
    ),
    (
        "a salary table",
        {"edits": [["content/data/salary.yml", '"12": [4352,', '"12": [4360,']]},
        ["vacatures/ciso/index.html"],
    ),
    (
        "a hiring procedure",
        {
            "edits": [
                ["content/data/processes.yml", "name: Selectie van de brieven", "name: Selectie van de sollicitaties"]
            ]
        },
        ["vacatures/beleidsadviseur-wonen/index.html"],
    ),
    (
        "the settings",
        {"edits": [["mkdocs.yml", "      phone: 0570 75 10 00", "      phone: 0570 75 10 99"]]},
        ["vacatures/ciso/index.html", "verhalen/anel-hodzic/index.html"],
    ),
    (
        "a template",
        {
            "edits": [
                [
                    "overrides/vacancy.html",
                    '<p class="cs-print-only cs-print-org">',
                    '<p class="cs-print-only cs-print-org" data-test="1">',
                ]
            ]
        },
        ["vacatures/ciso/index.html"],
    ),
    (
        "a story's photo saved again under its name",
        {"write": [["stories/img/anel-hodzic.jpg", _photo()]]},
        ["verhalen/anel-hodzic/index.html", "vacatures/ciso/index.html"],
    ),
    (
        "the salary table moved out of the pages folder",
        {
            "edits": [["mkdocs.yml", "salary_table: content/data/salary.yml", "salary_table: salary.yml"]],
            "copy": [["content/data/salary.yml", "salary.yml"]],
        },
        [],
    ),
    (
        "the salary table out of the pages folder",
        {"edits": [["salary.yml", '"12": [4360,', '"12": [4370,']]},
        ["vacatures/ciso/index.html"],
    ),
    (
        "a vacancy moved to another department",
        {"edits": [["vacancies/ict-architect.md", "department: Informatie en ICT", "department: Bedrijfsvoering"]]},
        ["vacatures/ict-architect/index.html", "verhalen/anel-hodzic/index.html"],
    ),
    (
        "a vacancy closed by its date",
        {"edits": [["vacancies/wijkconsulent-wmo.md", "closes: 2026-12-18", "closes: 2026-11-20"]]},
        ["vacatures/wijkconsulent-wmo/index.html", "vacatures/index.html"],
    ),
    (
        "a mistake in a vacancy",
        {"edits": [["vacancies/beleidsadviseur-wonen.md", "closes: 2026-12-09", "closes: 2026-13-09"]]},
        ["404.html"],
    ),
    (
        "the mistake put right",
        {"edits": [["vacancies/beleidsadviseur-wonen.md", "closes: 2026-13-09", "closes: 2026-12-09"]]},
        ["404.html"],
    ),
    ("a vacancy removed", {"remove": ["vacancies/stage-communicatie.md"]}, []),
    ("a vacancy added", {"copy": [["vacancies/ict-architect.md", "vacancies/ict-architect-2.md"]]}, []),
    (
        "the next day, when a vacancy has closed",
        {"today": "2026-12-03"},
        ["vacatures/klantcontactmedewerker-kcc/index.html", "vacatures/index.html"],
    ),
]


def _run(site: Path, steps: list[dict], out: Path) -> list[dict]:
    steps_file = out.with_suffix(".steps.json")
    steps_file.write_text(json.dumps(steps), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(HELPER), str(site), str(steps_file), str(out)],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "CAREERSITE_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rebuilds(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict], list[dict]]:
    """The served files after each step: by one server, and by a new server for each step."""
    root = tmp_path_factory.mktemp("serve")
    steps = [step for _, step, _ in STEPS]
    served = _run(copy_example(root / "one-server"), steps, root / "one.json")
    fresh_site = copy_example(root / "new-servers")
    fresh = []
    today = TODAY
    for number, step in enumerate(steps):
        today = step.get("today", today)
        fresh += _run(fresh_site, [{**step, "today": today}], root / f"new-{number}.json")
    return served, fresh


@pytest.mark.parametrize("number", range(len(STEPS)), ids=[name for name, _, _ in STEPS])
def test_each_rebuild_serves_what_a_new_server_serves(rebuilds: tuple[list[dict], list[dict]], number: int) -> None:
    served, fresh = rebuilds
    name, _, changed = STEPS[number]
    files, expected = served[number]["files"], fresh[number]["files"]
    differ = sorted(path for path in set(files) | set(expected) if files.get(path) != expected.get(path))
    if name == "a mistake in a vacancy":
        # The web editor still opens, as the last rebuild without mistakes made it (with the
        # mistakes beside it), and the page of mistakes keeps that rebuild's colours; a new server
        # started on the mistake has no such rebuild.
        kept = ["admin/config.yml", "admin/index.html", "assets/careersite/brand.css"]
        assert all(path in files for path in kept) and not any(path in expected for path in kept)
        differ = [path for path in differ if path not in [*kept, "404.html"]]
    assert not differ, f"after '{name}' the preview differs from a new server's in {differ[:10]}"
    if number:
        before = served[number - 1]["files"]
        for page in changed:
            assert files[page] != before[page], f"{page} did not change after '{name}'"


def test_an_unchanged_rebuild_renders_no_page_and_keeps_every_file(rebuilds: tuple[list[dict], list[dict]]) -> None:
    served, _ = rebuilds
    log = served[1]["log"]
    assert "Pages: 0 rendered" in log, log
    assert "Files linked from the cache: 0;" in log, log
    assert served[1]["files"] == served[0]["files"]


def test_a_removed_vacancy_is_gone_and_an_added_one_is_served(rebuilds: tuple[list[dict], list[dict]]) -> None:
    served, _ = rebuilds
    removed = next(n for n, (name, _, _) in enumerate(STEPS) if name == "a vacancy removed")
    assert "vacatures/stage-communicatie/index.html" in served[removed - 1]["files"]
    assert not any(path.startswith("vacatures/stage-communicatie/") for path in served[removed]["files"])
    assert "vacatures/ict-architect-2/index.html" in served[removed + 1]["files"]


def test_a_preview_leaves_the_site_s_cached_pages_and_the_other_way_round(tmp_path: Path) -> None:
    """`make serve` between two builds of the same content: the second build renders no page, and a
    new server after it renders none either (each keeps its own pages: a preview shows more)."""
    site = copy_example(tmp_path / "site")
    first = run_build(site)
    assert first.returncode == 0, first.output
    _run(site, [{}], tmp_path / "serve-1.json")
    second = run_build(site)
    assert second.returncode == 0, second.output
    assert re.search(r"Pages: 0 rendered, [1-9]\d* from the cache", second.output), second.output
    again = _run(site, [{}], tmp_path / "serve-2.json")
    assert re.search(r"Pages: 0 rendered, [1-9]\d* from the cache", again[0]["log"]), again[0]["log"]
