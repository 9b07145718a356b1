"""What a rebuild reuses from `.cache/` (compiled templates, feeds, per-input values) must never
show stale content: each test changes one input and checks the page or file a user would see."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Build, edit, run_build


def test_a_changed_template_is_used_on_the_next_build(site_copy: Path) -> None:
    first = run_build(site_copy)
    assert first.returncode == 0, first.output
    assert any((site_copy / ".cache" / "templates").iterdir()), "compiled templates are kept"
    edit(
        site_copy / "overrides" / "vacancy.html",
        '<article class="cs-vacancy"',
        '<article data-edited="yes" class="cs-vacancy"',
    )
    second = run_build(site_copy)
    assert second.returncode == 0, second.output
    page = second.html("vacatures/ciso/index.html")
    assert page.select_one("article.cs-vacancy")["data-edited"] == "yes"


def test_vacancies_sharing_a_closing_date_keep_their_own_interview_dates(site_copy: Path) -> None:
    # Both use the assessment procedure; give them the same closing date, while only the ICT
    # architect has fixed dates. Timelines are computed once per procedure, date and fixed dates.
    edit(site_copy / "vacancies" / "ciso.md", "closes: 2026-12-11", "closes: 2026-12-16")
    build = run_build(site_copy)
    assert build.returncode == 0, build.output

    def when(slug: str) -> list[str]:
        page = build.html(f"vacatures/{slug}/index.html")
        return [p.get_text(" ", strip=True) for p in page.select(".cs-timeline__when")]

    architect, ciso = when("ict-architect"), when("ciso")
    assert architect[0] == ciso[0]  # the application step: the same closing date
    assert "5 januari 2027" in architect[2] and not architect[2].startswith("rond")
    assert ciso[2].startswith("rond")


def test_jobs_json_has_one_vacancy_per_line(example: Build) -> None:
    text = (example.site / "jobs.json").read_text(encoding="utf-8")
    data = json.loads(text)
    lines = [line.strip().rstrip(",") for line in text.splitlines() if line.startswith("    {")]
    assert [json.loads(line) for line in lines] == data["vacancies"]
    assert data["count"] == len(lines) > 0
