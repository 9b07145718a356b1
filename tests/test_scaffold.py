"""`make new-vacancy` and `make new-story` (issue 11): a file with every required field and today's
dates, and "[[…]]" where only the author can write. A placeholder left in is an error at its line,
so a half-written file never goes online; once filled in, the file builds."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import TODAY, careersite, copy_example, run_build
from PIL import Image
from test_author_errors import run_check

ROOT = Path(__file__).resolve().parent.parent


def new(folder: Path, kind: str, title: str) -> subprocess.CompletedProcess[str]:
    """The command behind `make new-vacancy TITLE=…` / `make new-story NAME=…`."""
    return careersite(folder, "new", kind, title)


def fill_in(path: Path, answers: dict[str, str]) -> None:
    """Replace each placeholder as an author would; any placeholder not named is removed with its line."""
    text = path.read_text(encoding="utf-8")
    for placeholder, answer in answers.items():
        assert placeholder in text, placeholder
        text = text.replace(placeholder, answer)
    text = "\n".join(line for line in text.splitlines() if "[[" not in line) + "\n"
    path.write_text(text, encoding="utf-8")


def test_a_new_vacancy_names_every_gap_and_builds_once_filled_in(site_copy: Path) -> None:
    created = new(site_copy, "vacancy", "Adviseur Duurzaamheid")
    assert created.returncode == 0, created.stderr
    path = site_copy / "vacancies/adviseur-duurzaamheid.md"
    assert "vacancies/adviseur-duurzaamheid.md" in created.stdout and "[[ ]]" in created.stdout
    text = path.read_text(encoding="utf-8")
    assert f"published: {TODAY}\n" in text and "closes: 2026-12-29\n" in text  # four weeks to apply
    assert "process: standaard\n" in text
    # Left as it is, the file is no vacancy yet: every gap is named at its line, with the field.
    check = run_check(site_copy)
    assert check.returncode == 1
    for field in ("summary", "department", "location", "contact.name"):
        key = field.split(".")[-1]
        line = next(n for n, row in enumerate(text.splitlines(), 1) if row.strip().startswith(f"{key}:"))
        where = f"vacancies/adviseur-duurzaamheid.md:{line}: {field}: nog niet ingevuld"
        assert where in check.stderr, (where, check.stderr)
    assert "scale: bij een vacature hoort een salaris" in check.stderr
    body_line = text.splitlines().index("[[Beschrijf het werk in een paar zinnen.]]") + 1
    assert f"vacancies/adviseur-duurzaamheid.md:{body_line}: body: de tekst is nog niet ingevuld" in check.stderr
    build = run_build(site_copy)
    assert build.returncode == 1 and not (site_copy / "site/vacatures/adviseur-duurzaamheid").exists()
    # Filled in, it checks and builds, and its page is online from today.
    fill_in(
        path,
        {
            "'[[Eén of twee zinnen: wat ga je doen, en voor wie?]]'": "Je helpt de gemeente van het gas af.",
            "'[[Afdeling, zoals bij de andere vacatures]]'": "Ruimte en Wonen",
            "'[[Standplaats, bijvoorbeeld Stadskantoor]]'": "Stadskantoor, Lindewaard",
            "'[[Adres om te solliciteren: https://… of mailto:…]]'": "mailto:werkenbij@lindewaard.example",
            "'[[Naam contactpersoon]]'": "Sanne de Wit",
            "'[[Functie contactpersoon]]'": "teamleider",
            "[[Beschrijf het werk in een paar zinnen.]]": "Je maakt de warmtevisie concreet.",
        },
    )
    path.write_text(path.read_text(encoding="utf-8").replace("hours: 36\n", "hours: 36\nscale: 10\n"), "utf-8")
    check = run_check(site_copy)
    assert check.returncode == 0, check.stderr
    build = run_build(site_copy)
    assert build.returncode == 0, build.output
    page = build.html("vacatures/adviseur-duurzaamheid/index.html")
    assert page.select_one("h1").get_text(strip=True) == "Adviseur Duurzaamheid"
    assert page.select_one("a.cs-apply")["href"] == "mailto:werkenbij@lindewaard.example"


def test_a_new_story_asks_for_its_photo_and_builds_once_filled_in(site_copy: Path) -> None:
    created = new(site_copy, "story", "Noor de Vries")
    assert created.returncode == 0, created.stderr
    assert "stories/img/noor-de-vries.jpg" in created.stdout
    path = site_copy / "stories/noor-de-vries.md"
    check = run_check(site_copy)
    photo = "stories/noor-de-vries.md:8: photo: het bestand 'img/noor-de-vries.jpg' staat niet in stories"
    assert photo in check.stderr
    assert "stories/noor-de-vries.md:7: quote: nog niet ingevuld" in check.stderr
    Image.new("RGB", (800, 1000), (40, 90, 120)).save(site_copy / "stories/img/noor-de-vries.jpg")
    fill_in(
        path,
        {
            "'[[Kop van het verhaal, bijvoorbeeld een uitspraak]]'": "Ik zie mijn werk terug in de straat",
            "'[[Functie]]'": "Adviseur",
            "'[[Afdeling, zoals bij de andere vacatures]]'": "Ruimte en Wonen",
            "'[[Eén of twee zinnen over het verhaal.]]'": "Noor vertelt over haar werk.",
            "'[[Eén sterke zin van de medewerker.]]'": "Elke dag zie ik wat het oplevert.",
            "'[[Wat de foto laat zien.]]'": "Noor de Vries bij het stadskantoor.",
            "[[Het verhaal, in de woorden van de medewerker.]]": "Noor werkt sinds 2020 bij de gemeente.",
        },
    )
    check = run_check(site_copy)
    assert check.returncode == 0, check.stderr
    build = run_build(site_copy)
    assert build.returncode == 0, build.output
    assert build.html("verhalen/noor-de-vries/index.html").select_one("h1").get_text(strip=True) == (
        "Ik zie mijn werk terug in de straat"
    )


@pytest.mark.parametrize(
    ("kind", "title", "expected"),
    [
        ("vacancy", "数据分析师", re.compile(r"vacancies/[0-9a-f]{8}\.md")),  # no Latin letters: a short hash
        ("vacancy", "../../etc/passwd", re.compile(r"vacancies/etc-passwd\.md")),  # never outside the folder
        ("story", "Ærlig Ødegård", re.compile(r"stories/rlig-degard\.md|stories/aerlig-odegard\.md")),
    ],
)
def test_any_title_gives_a_file_inside_its_folder(site_copy: Path, kind: str, title: str, expected) -> None:
    created = new(site_copy, kind, title)
    assert created.returncode == 0, created.stderr
    found = expected.search(created.stdout)
    assert found, created.stdout
    assert (site_copy / found.group()).is_file()


def test_an_existing_file_is_never_overwritten_and_a_missing_title_is_asked_for(site_copy: Path) -> None:
    before = (site_copy / "vacancies/ciso.md").read_bytes()
    again = new(site_copy, "vacancy", "CISO")
    assert again.returncode == 1 and "vacancies/ciso.md bestaat al" in again.stderr
    assert (site_copy / "vacancies/ciso.md").read_bytes() == before
    missing = new(site_copy, "vacancy", "   ")
    assert missing.returncode == 2 and 'make new-vacancy TITLE="' in missing.stderr
    missing = new(site_copy, "story", "")
    assert missing.returncode == 2 and 'make new-story NAME="' in missing.stderr
    assert "Traceback" not in again.stderr + missing.stderr
    shutil.rmtree(site_copy / "vacancies")  # no vacancies folder yet (a new site): it is made
    assert new(site_copy, "vacancy", "Eerste vacature").returncode == 0
    assert (site_copy / "vacancies/eerste-vacature.md").is_file()


def _make(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`make …` in a copy of the project, with the project's own environment (never rebuilt)."""
    if not (folder / ".venv").exists():
        (folder / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    return subprocess.run(
        ["make", "-s", "-o", ".venv/.installed", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "CAREERSITE_TODAY": "2026-12-01"},
        timeout=120,
    )


def test_make_passes_a_title_as_written_and_runs_nothing_in_it(tmp_path: Path) -> None:
    """`"$(TITLE)"` in the Makefile let the shell run backticks and drop `$` and double quotes."""
    folder = copy_example(tmp_path / "site", "Makefile", "requirements.txt", "requirements-dev.txt")
    title = "Beleid `touch ran-1` $(touch ran-2) $(shell touch ran-4) $$HOME \"quoted\" 'single' $(HOME)"
    made = _make(folder, "new-vacancy", f"TITLE={title}")
    assert made.returncode == 0, made.stderr
    assert not list(folder.glob("ran-*")) and not list(Path("/tmp").glob("ran-[12]"))
    created = next(p for p in (folder / "vacancies").glob("beleid-*.md"))
    front = yaml.safe_load(created.read_text(encoding="utf-8").split("---\n")[1])
    assert front["title"] == " ".join(title.split())
    named = _make(folder, "new-story", "NAME=Noor `touch ran-3` de Wit")
    assert named.returncode == 0, named.stderr
    assert not list(folder.glob("ran-*"))
    story = yaml.safe_load(
        (folder / "stories" / "noor-touch-ran-3-de-wit.md").read_text(encoding="utf-8").split("---\n")[1]
    )
    assert story["name"] == "Noor `touch ran-3` de Wit"
