"""Change history (issue 28): each vacancy page says when it was published and last changed, and
lists the changes that matter to a candidate with their days, from the Git history of its file
and its `change_note:`; typo fixes, drafts before publication and commits after the site's day do
not show; without Git the page says only when it was published."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import Build, copy_example, edit, run_build

import content

VACANCIES = content.vacancies()


def commit(folder: Path, message: str, day: str) -> None:
    """Commit everything in `folder` as the team would, on `day` (noon, Amsterdam)."""
    moment = f"{day}T12:00:00+01:00"
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="Redactie",
        GIT_AUTHOR_EMAIL="redactie@lindewaard.example",
        GIT_COMMITTER_NAME="Redactie",
        GIT_COMMITTER_EMAIL="redactie@lindewaard.example",
        GIT_AUTHOR_DATE=moment,
        GIT_COMMITTER_DATE=moment,
    )
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=folder, check=True, env=env)


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The example as a repository with a month of edits: a moved closing date, a typo fix, new
    hours with the author's note, a filled vacancy, a draft edited before it went online, and an
    edit dated after the site's day."""
    folder = copy_example(tmp_path_factory.mktemp("history"))
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=folder, check=True)
    (folder / ".gitignore").write_text(".cache/\nsite/\n", encoding="utf-8")
    commit(folder, "Vacatures van november", "2026-10-30")
    ciso = folder / "vacancies" / "ciso.md"
    closes = VACANCIES["ciso"]["closes"].isoformat()
    edit(ciso, f"closes: {closes}", "closes: 2026-12-04")
    commit(folder, "CISO: eerder sluiten", "2026-11-12")  # the same day: one line
    edit(ciso, "closes: 2026-12-04", f"closes: {closes}")
    commit(folder, "CISO: toch de oude datum", "2026-11-12")
    edit(ciso, "closes: " + closes, f"closes: {closes}\nchange_note: We verlengen de termijn tot na de feestdagen.")
    edit(ciso, "closes: " + closes, "closes: 2027-01-08")
    commit(folder, "CISO verlengd", "2026-11-20")
    edit(ciso, "## Wat ga je doen", "## Wat ga je  doen")
    commit(folder, "Tikfout", "2026-11-21")
    hours = "hours: " + str(VACANCIES["ciso"]["hours"])
    edit(ciso, hours, "hours: 32-36")
    commit(folder, "CISO ook in deeltijd", "2026-11-25")
    edit(ciso, "hours: 32-36", "hours: 36")
    commit(folder, "Na de bouwdag", "2026-12-03")  # after the site's day (2026-12-01): not yet
    jurist = folder / "vacancies" / "jurist-omgevingsrecht.md"
    edit(jurist, "status: filled", "status: reviewing")
    commit(folder, "Jurist: nog in beoordeling", "2026-09-25")
    edit(jurist, "status: reviewing", "status: filled")
    commit(folder, "Jurist vervuld", "2026-10-31")
    built = run_build(folder)
    assert built.returncode == 0, built.output
    return built


def history(build: Build, slug: str) -> tuple[str, list[str]]:
    section = build.html(f"vacatures/{slug}/index.html").find("section", class_="cs-history")
    assert section is not None and section.h2.get_text() == "Wat er veranderde"
    return section.p.get_text(" ", strip=True), [li.get_text(" ", strip=True) for li in section.find_all("li")]


def test_the_changes_that_matter_are_listed_newest_first_with_the_author_s_note(changed: Build) -> None:
    said, changes = history(changed, "ciso")
    published = VACANCIES["ciso"]["published"]
    assert said.startswith("Geplaatst op ") and str(published.year) in said
    assert said.endswith("Laatst gewijzigd op 25 november 2026.")
    old = VACANCIES["ciso"]["hours"]
    assert changes == [
        f"25 november 2026 : Het aantal uren per week is nu 32-36 (was {old}).",
        "20 november 2026 : De sluitingsdatum is verschoven van 11 december 2026 naar 8 januari 2027. "
        "We verlengen de termijn tot na de feestdagen.",
    ]
    # the typo fix of 21 November, the date moved and moved back on 12 November, and the edit of
    # 3 December (after the site's day) do not show


def test_a_status_change_shows_on_the_closed_page(changed: Build) -> None:
    _, changes = history(changed, "jurist-omgevingsrecht")
    assert changes[0] == "31 oktober 2026 : De vacature is vervuld."


def test_a_vacancy_without_changes_says_when_it_was_published(changed: Build) -> None:
    said, changes = history(changed, "wijkconsulent-wmo")
    assert said.startswith("Geplaatst op ") and "gewijzigd" not in said and changes == []


def test_without_git_the_page_says_what_the_front_matter_knows(example: Build) -> None:
    said, changes = history(example, "ciso")
    assert said.startswith("Geplaatst op ") and changes == []
