"""Likely slips are warnings: the site builds, and `make check` and the build both name the file,
the line and the field, in the site's language."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import edit, run_build
from hostile import VACANCY, set_field
from test_author_errors import line_of, run_check


def add(folder: Path, name: str, **fields: str) -> Path:
    text = VACANCY.replace("{name}", name)
    fields.setdefault("summary", f"Een eigen samenvatting voor {name}.")
    for key, value in fields.items():
        text = set_field(text, key, value)
    path = folder / f"vacancies/{name}.md"
    path.write_text(text, encoding="utf-8")
    return path


def warned(output: str, path: str, line: int, field: str, words: str) -> bool:
    return any(f"{path}:{line}: {field}: " in entry and words in entry for entry in output.splitlines())


def test_the_example_has_no_warnings(site_copy: Path) -> None:
    result = run_check(site_copy)
    assert result.returncode == 0 and result.stderr == ""


def test_likely_slips_are_warned_about_by_check_and_build(site_copy: Path) -> None:
    typo = add(site_copy, "jurist-wonen", department="Ruimte & Wonen")
    late = add(site_copy, "jurist-laat", published="2026-11-20", closes="2026-11-27")
    dates = "\n  gesprek1: 2027-12-21\n  gesprek2: 2027-12-25"
    holiday = add(site_copy, "jurist-kerst", closes="2027-12-13", process_dates=dates)
    add(site_copy, "jurist-oud", published="2025-01-06", closes="2025-02-03")  # long closed: no warning
    shutil.copy(site_copy / "vacancies/ciso.md", site_copy / "vacancies/ciso-kopie.md")
    check = run_check(site_copy)
    build = run_build(site_copy)
    assert check.returncode == 0, check.stderr
    assert build.returncode == 0, build.output
    expected = [
        (
            "vacancies/jurist-wonen.md",
            line_of(typo, "department:"),
            "department",
            "lijkt op de afdeling 'Ruimte en Wonen'",
        ),
        ("vacancies/jurist-laat.md", line_of(late, "closes:"), "closes", "is al voorbij"),
        (
            "vacancies/jurist-kerst.md",
            line_of(holiday, "gesprek2:"),
            "process_dates.gesprek2",
            "25 december 2027 valt op Eerste kerstdag, geen werkdag",
        ),
        ("vacancies/ciso-kopie.md", line_of(site_copy / "vacancies/ciso.md", "apply:"), "apply", "vacancies/ciso.md"),
        ("vacancies/ciso.md", line_of(site_copy / "vacancies/ciso.md", "apply:"), "apply", "vacancies/ciso-kopie.md"),
        ("vacancies/ciso-kopie.md", line_of(site_copy / "vacancies/ciso.md", "summary:"), "summary", "samenvatting"),
    ]
    for path, line, field, words in expected:
        assert warned(check.stderr, path, line, field, words), (path, field, check.stderr)
        assert warned(build.output, path, line, field, words), (path, field, build.output)
    assert all(entry.startswith("waarschuwing: ") for entry in check.stderr.splitlines())
    assert "jurist-oud" not in check.stderr  # closed long ago: no new vacancy, no warning
    assert "'Ruimte & Wonen' lijkt op de afdeling 'Ruimte en Wonen'" in check.stderr


def test_terms_that_read_as_no_hurry_and_unsaid_facts_are_warned_about(site_copy: Path) -> None:
    """Issue 26: a vacancy open for months, a first interview weeks after closing, an application
    whose contents are not said, and a procedure that does not say whether candidates are looked
    up on the internet: each a warning at its file, line and field, with limits the site sets."""
    long = add(site_copy, "jurist-lang", published="2026-11-02", closes="2027-01-15")
    slow = add(site_copy, "jurist-traag", process_dates="\n  gesprek1: 2027-01-19")
    unsaid = add(site_copy, "jurist-zonder", send=None)
    add(site_copy, "jurist-gesloten", published="2026-01-05", closes="2026-06-30", send=None)  # closed: no warning
    processes = site_copy / "content/data/processes.yml"
    edit(processes, "  internet_search: false\n", "")
    check = run_check(site_copy)
    assert check.returncode == 0, check.stderr
    expected = [
        ("vacancies/jurist-lang.md", line_of(long, "closes:"), "closes", "staat 74 dagen open"),
        (
            "vacancies/jurist-traag.md",
            line_of(slow, "gesprek1:"),
            "process_dates.gesprek1",
            "het eerste gesprek (Eerste gesprek, 19 januari 2027) komt 29 dagen na de sluitingsdatum",
        ),
        ("vacancies/jurist-zonder.md", line_of(unsaid, "title:"), "send", "zeg wat sollicitanten meesturen"),
        (
            "content/data/processes.yml",
            line_of(processes, "standaard:"),
            "standaard.internet_search",
            "zeg of je sollicitanten op internet opzoekt",
        ),
    ]
    for path, line, field, words in expected:
        assert warned(check.stderr, path, line, field, words), (path, field, check.stderr)
    assert "jurist-gesloten" not in check.stderr
    assert "assessment.internet_search" not in check.stderr  # that process says it
    # The site sets the limits.
    edit(
        site_copy / "mkdocs.yml",
        "    closing_soon_days: 7",
        "    closing_soon_days: 7\n    open_weeks: 11\n    first_interview_weeks: 5",
    )
    again = run_check(site_copy)
    assert "jurist-lang" not in again.stderr and "jurist-traag" not in again.stderr
    assert "jurist-zonder" in again.stderr


def test_an_application_address_on_the_site_may_be_one_of_its_pages(site_copy: Path) -> None:
    """A page the build makes is a fine target (the hiring page, another vacancy); another host too."""
    for target in (
        "https://werkenbij.lindewaard.example/solliciteren/",
        "https://werkenbij.lindewaard.example/solliciteren",
        "https://werkenbij.lindewaard.example/vacatures/ciso/",
        "https://solliciteren.werkenbij-elders.example/lindewaard/ciso",
    ):
        edit(site_copy / "vacancies/ciso.md", "apply: https://", f"apply: {target}#")
        assert run_check(site_copy).returncode == 0, target
        edit(site_copy / "vacancies/ciso.md", f"apply: {target}#", "apply: https://")
