"""WCAG 2.1 AA as axe-core measures it, on the built example, on a phone and a desktop."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

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


def test_pages_have_no_wcag_violations(served: str) -> None:
    result = subprocess.run(
        ["node", str(A11Y / "axe.js"), served, *(f"{p}:{w}" for p, w in PAGES)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(reports) == len(PAGES)
    problems = [
        f"{r['path'] or 'home'} at {r['width']}px: {v['id']} ({v['help']}) on {v['targets'][:3]}"
        for r in reports
        for v in r["violations"]
    ]
    assert problems == []
