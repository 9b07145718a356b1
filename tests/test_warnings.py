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
