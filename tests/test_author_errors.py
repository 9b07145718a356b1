"""Author mistakes: every problem reported at once as file:line: field: message, nothing half-built."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import Build, careersite, edit, run_build

MISTAKES = [
    # (file, old text, new text, field, words the message must contain)
    (
        "vacancies/beleidsadviseur-wonen.md",
        "title: Beleidsadviseur Wonen",
        "title: Beleidsadviseur: Wonen",
        "YAML",
        "geen geldige YAML",
    ),
    ("vacancies/vergunningverlener-omgevingswet.md", "scale: [9, 10]", "scale: 25", "scale", "schaal '25'"),
    ("vacancies/ciso.md", "process: assessment", "process: snelprocedure", "process", "'snelprocedure'"),
    ("vacancies/wijkconsulent-wmo.md", "closes: 2026-12-18", "closes: 18-12-2026", "closes", "YYYY-MM-DD"),
    ("vacancies/financieel-adviseur.md", "closes: 2026-12-07", "closes: 2026-01-03", "closes", "2026-01-03"),
    ("vacancies/klantcontactmedewerker-kcc.md", "channels: [", "channels: [tiktok, ", "channels", "'tiktok'"),
    ("stories/wei-chen.md", "photo: img/wei-chen.jpg", "photo: img/wei.jpg", "photo", "img/wei.jpg"),
]
MISSING = ("vacancies/medewerker-burgerzaken.md", "apply")


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.fixture
def broken(site_copy: Path) -> tuple[Path, list[tuple[str, int, str, str]]]:
    """A copy of the example with one of each mistake; returns the expected (file, line, field, words)."""
    expected = []
    for name, old, new, field, words in MISTAKES:
        edit(site_copy / name, old, new)
        expected.append((name, line_of(site_copy / name, new.split(":")[0] + ":"), field, words))
    name, field = MISSING
    path = site_copy / name
    path.write_text(
        "".join(
            line
            for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith(f"{field}:")
        ),
        encoding="utf-8",
    )
    expected.append((name, 1, field, "apply:"))
    return site_copy, expected


def assert_reported(output: str, expected: list[tuple[str, int, str, str]]) -> None:
    for name, line, field, words in expected:
        prefix = f"{name}:{line}: {field}: "
        lines = [entry for entry in output.splitlines() if entry.startswith(prefix)]
        assert lines, f"no message starting with {prefix!r} in:\n{output}"
        assert words in lines[0], lines[0]


def test_build_reports_every_mistake_and_keeps_the_previous_site(broken) -> None:
    folder, expected = broken
    previous = folder / "site"
    previous.mkdir()
    (previous / "index.html").write_text("previous good site", encoding="utf-8")
    build = run_build(folder)
    assert build.returncode != 0
    assert_reported(build.output, expected)
    assert f"{len(expected)} fouten in de inhoud" in build.output
    assert (previous / "index.html").read_text(encoding="utf-8") == "previous good site"
    assert sorted(p.name for p in previous.iterdir()) == ["index.html"]
    assert not (folder / "site.partial").exists()
    assert not any(folder.glob("site.partial-cards*"))


def run_check(folder: Path) -> subprocess.CompletedProcess[str]:
    """`make check` as an author runs it, in `folder`."""
    return careersite(folder, "check", "mkdocs.yml")


def test_check_command_reports_the_same_without_building(broken) -> None:
    folder, expected = broken
    result = run_check(folder)
    assert result.returncode == 1
    assert_reported(result.stderr, expected)
    assert not (folder / "site").exists()


def test_check_command_passes_on_the_example(site_copy: Path) -> None:
    result = run_check(site_copy)
    assert result.returncode == 0, result.stderr
    # How each vacancy reads, then the summary.
    *scores, summary = result.stdout.splitlines()
    assert summary.startswith("OK: 17 vacatures (14 open op 1 december 2026)")
    assert len(scores) == 15 and all(": leesbaarheid " in line for line in scores)  # 14 open, 1 planned


def test_a_typo_in_a_field_name_suggests_the_right_one(site_copy: Path) -> None:
    edit(site_copy / "vacancies/ciso.md", "location:", "locatoin:")
    build = run_build(site_copy)
    line = line_of(site_copy / "vacancies/ciso.md", "locatoin:")
    assert f"vacancies/ciso.md:{line}: locatoin: dit veld is onbekend" in build.output
    assert "'location'" in build.output
    assert "vacancies/ciso.md:1: location: dit verplichte veld ontbreekt" in build.output


def test_a_failure_while_rendering_leaves_the_previous_site(site_copy: Path) -> None:
    good = run_build(site_copy)
    assert good.returncode == 0, good.output
    before = {p: p.read_bytes() for p in (site_copy / "site").rglob("*") if p.is_file()}
    edit(site_copy / "overrides/vacancy.html", "{{ v.card.title | e }}", "{{ v.card.title | no_such_filter }}")
    bad = run_build(site_copy)
    assert bad.returncode != 0
    after = {p: p.read_bytes() for p in (site_copy / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not (site_copy / "site.partial").exists()
    assert not any(site_copy.glob("site.partial-cards*"))


def test_expired_consent_leaves_the_story_out_with_a_warning(site_copy: Path) -> None:
    edit(site_copy / "stories/henk-bosman.md", "consent_until: ", "consent_until: 2026-11-30\nold_consent: ")
    edit(site_copy / "stories/henk-bosman.md", "old_consent: ", "# was: ")
    build = run_build(site_copy)
    assert build.returncode == 0, build.output
    line = line_of(site_copy / "stories/henk-bosman.md", "consent_until:")
    assert f"stories/henk-bosman.md:{line}: consent_until: " in build.output and "30 november 2026" in build.output
    assert not (site_copy / "site/verhalen/henk-bosman").exists()
    assert not (site_copy / "site/stories/img/henk-bosman.jpg").exists()
    overview = Build(site_copy, 0, "").html("verhalen/index.html")
    assert "henk-bosman" not in str(overview)


def test_missing_site_address_is_reported(site_copy: Path) -> None:
    edit(site_copy / "mkdocs.yml", "site_url: https://werkenbij.lindewaard.example/\n", "")
    build = run_build(site_copy)
    assert build.returncode != 0
    assert "mkdocs.yml: site_url: ontbreekt of is geen webadres; zet het openbare adres van de site" in build.output


def test_editor_lock_and_hidden_files_are_not_content(site_copy: Path) -> None:
    # Emacs leaves ".#name.md" next to a file being edited; it is not a story.
    (site_copy / "stories" / ".#wei-chen.md").write_text("user@host.1234:1700000000", encoding="utf-8")
    result = run_check(site_copy)
    assert result.returncode == 0, result.stderr


def test_a_photo_outside_the_stories_folder_is_refused(site_copy: Path) -> None:
    outside = site_copy / "portret.jpg"
    outside.write_bytes((site_copy / "stories" / "img" / "wei-chen.jpg").read_bytes())
    edit(site_copy / "stories" / "wei-chen.md", "photo: img/wei-chen.jpg", "photo: ../portret.jpg")
    result = run_check(site_copy)
    assert result.returncode == 1
    line = line_of(site_copy / "stories" / "wei-chen.md", "photo:")
    assert_reported(result.stderr, [("stories/wei-chen.md", line, "photo", "../portret.jpg")])
