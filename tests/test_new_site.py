"""`make new-site` (issue: start your own site): a fork of the example becomes an empty site for
another organisation, in its language, that passes `make check` and builds; wrong values and
uncommitted work change nothing."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import TODAY, careersite, copy_example, edit, run_build
from test_author_errors import run_check

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from careersite.scaffolding import newsite  # noqa: E402

GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "init.defaultBranch=main"]


def new_site(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command behind `make new-site ORG=… LANGUAGE=…`, without a terminal to ask in."""
    return careersite(folder, "new", "site", *args)


def fork(target: Path) -> Path:
    """A fresh fork of the example: a copy of it, with its deploy workflow, committed in its own Git repository."""
    folder = copy_example(target, ".github")
    for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "fork"]):
        subprocess.run([*GIT, *command], cwd=folder, check=True, capture_output=True)
    return folder


def tree(folder: Path) -> dict[str, str]:
    """Every file of the site (not Git's own) with a hash of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(folder).parts and "__pycache__" not in p.parts
    }


def mentions(folder: Path, word: str) -> list[str]:
    """The content files (pages, data, vacancies, stories, mkdocs.yml) that contain `word`."""
    files = [folder / "mkdocs.yml"] + [
        p for name in ("content", "vacancies", "stories") for p in (folder / name).rglob("*") if p.is_file()
    ]
    return [str(p.relative_to(folder)) for p in files if word.encode() in p.read_bytes()]


SITES = {
    "nl": dict(
        args=["--organisation", "Gemeente Noordveen", "--language", "nl", "--country", "NL"],
        url="https://werkenbij.noordveen.nl/",
        colours=("#1F4E79", "#E8A317"),
        site_name="Werken bij Gemeente Noordveen",
        timezone="Europe/Amsterdam",
        nav="Vacatures",
        currency="€",
        folders=("vacatures", "verhalen"),
    ),
    "en": dict(
        args=["--organisation", "St. Mary's Council", "--language", "en", "--country", "GB"],
        url="https://jobs.stmarys.example/",
        colours=("#5B2C6F", "#F4D03F"),
        site_name="Work at St. Mary's Council",
        timezone="Europe/London",
        nav="Vacancies",
        currency="£",
        folders=("vacancies", "stories"),
    ),
    "nb": dict(
        args=["--organisation", "Fjordvik kommune", "--language", "nb", "--country", "NO"],
        url="https://jobb.fjordvik.no/",
        colours=("#003B5C", "#C8102E"),
        site_name="Jobb i Fjordvik kommune",
        timezone="Europe/Oslo",
        nav="Stillinger",
        currency="kr",
        folders=("ledige-stillinger", "historier"),
    ),
    "sv": dict(
        args=["--organisation", "Sjöviks kommun", "--language", "sv", "--country", "SE"],
        url="https://jobb.sjoviks.example/",
        colours=("#005A9C", "#F2A900"),
        site_name="Jobba hos Sjöviks kommun",
        timezone="Europe/Stockholm",
        nav="Lediga jobb",
        currency="kr",
        folders=("lediga-jobb", "medarbetare"),
    ),
    "da": dict(
        args=["--organisation", "Hvidbjerg Kommune", "--language", "da", "--country", "DK"],
        url="https://job.hvidbjerg.example/",
        colours=("#1F4E79", "#E8A317"),
        site_name="Job i Hvidbjerg Kommune",
        timezone="Europe/Copenhagen",
        nav="Ledige stillinger",
        currency="kr.",
        folders=("ledige-stillinger", "medarbejdere"),
    ),
}


@pytest.mark.parametrize("language", SITES)
def test_a_fork_becomes_an_empty_site_that_checks_and_builds(tmp_path: Path, language: str) -> None:
    spec = SITES[language]
    folder = fork(tmp_path / "fork")
    primary, accent = spec["colours"]
    made = new_site(folder, *spec["args"], "--url", spec["url"], "--primary", primary, "--accent", accent)
    assert made.returncode == 0, made.stderr
    # It says what went and what to do next.
    assert "vacancies (17 " in made.stdout and "stories (14 " in made.stdout
    assert "make new-vacancy" in made.stdout and "make serve" in made.stdout
    assert "content/data/salary.yml" in made.stdout and "content/data/processes.yml" in made.stdout
    assert mentions(folder, "Lindewaard") == []
    # The team's calendar page is there, in the site's language.
    calendar = newsite.page_name("kalender.md", language)
    assert "template: calendar.html" in (folder / "content" / calendar).read_text(encoding="utf-8")
    assert mentions(folder, "Markt 1") == [] and mentions(folder, "0570") == []

    config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    settings = config["extra"]["careersite"]
    assert config["site_name"] == spec["site_name"] and config["site_url"] == spec["url"]
    assert config["theme"]["language"] == language
    assert settings["timezone"] == spec["timezone"] and settings["language"] == language
    assert settings["colors"] == {"primary": primary, "accent": accent}
    assert "address" not in settings and "contact" not in settings and "tagline" not in settings
    # The example's pinned day goes, with the comment that explains it.
    assert "demo_date" not in settings and "built as of this day" not in (folder / "mkdocs.yml").read_text()
    assert settings["default_channels"] == ["linkedin", "facebook"]  # what new-site does not own stays
    assert (folder / "mkdocs.yml").read_text(encoding="utf-8").startswith("# Site configuration")
    # The nightly deploy runs just after midnight in the new site's zone (London for the English one).
    workflow = yaml.safe_load((folder / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    assert workflow[True]["schedule"] == [{"cron": "5 0 * * *", "timezone": spec["timezone"]}]
    assert ".github/workflows/site.yml" in made.stdout or spec["timezone"] == "Europe/Amsterdam"

    # One example vacancy and one story to copy, valid but never public (published in 2099).
    vacancies, stories = sorted((folder / "vacancies").glob("*.md")), sorted((folder / "stories").glob("*.md"))
    assert len(vacancies) == 1 and len(stories) == 1
    assert "published: 2099-01-01" in vacancies[0].read_text(encoding="utf-8")
    assert "[[" not in vacancies[0].read_text(encoding="utf-8") + stories[0].read_text(encoding="utf-8")

    check = run_check(folder)
    assert check.returncode == 0, check.stderr
    # What the organisation must still write in its pages is named, page and line, as a warning.
    assert "content/index.md:6: " in check.stderr and "[[" in check.stderr

    build = run_build(folder, today=TODAY)
    assert build.returncode == 0, build.output
    home = build.html("index.html")
    assert home.select_one("html")["lang"] == language
    assert spec["site_name"] in home.select_one("h1").get_text()
    assert home.select_one("#cs-people") is None  # no stories yet: no heading above an empty list
    assert spec["nav"] in [a.get_text(strip=True) for a in home.select(".md-tabs a")]
    brand = (build.site / "assets/careersite/brand.css").read_text(encoding="utf-8")
    assert f"--cs-primary: {primary};" in brand and f"--cs-accent: {accent};" in brand
    # The listings and their items live in folders named in the site's language; no earlier
    # addresses of the example come along (its /vacancies/ was never this site's).
    listing, stories_folder = spec["folders"]
    assert build.html(f"{listing}/index.html").select_one("h1")
    assert build.html(f"{stories_folder}/index.html").select_one("h1")
    assert not (build.site / f"{listing}/{vacancies[0].stem}").exists()
    assert "earlier_addresses" not in settings
    assert "newsletter" not in settings  # the example's lists are not this site's: no signup forms
    alerts = build.html(newsite.page_name("vacaturemelding.md", language).removesuffix(".md") + "/index.html")
    assert alerts.select("li.cs-alerts__item") and not alerts.select("form.cs-alerts__signup")
    if language != "en":
        assert not (build.site / "vacancies").exists() and not (build.site / "stories").exists()
    assert json.loads((build.site / "jobs.json").read_text(encoding="utf-8"))["count"] == 0
    pay = newsite.page_name("salaris.md", language).removesuffix(".md")
    assert spec["currency"] in build.html(f"{pay}/index.html").select_one("table").get_text()
    # The organisation's pages have addresses in the site's language, and every menu and footer
    # link leads to a page that was built.
    assert (build.site / "salaris").exists() == (language == "nl")
    home = build.html("index.html")
    for link in home.select(".md-tabs a, .md-footer a, footer a"):
        href = link.get("href", "")
        if href.startswith(("http", "mailto:", "tel:", "#")) or href.endswith((".xml", ".ics")):
            continue
        target = build.site / href.split("#")[0].lstrip("./")
        assert target.exists() or (target / "index.html").exists(), (language, href)
    built = [p for p in build.site.rglob("*") if p.suffix in (".html", ".xml", ".json")]
    assert not [str(p) for p in built if b"Lindewaard" in p.read_bytes()]


def test_wrong_values_are_all_named_and_change_nothing(tmp_path: Path) -> None:
    folder = fork(tmp_path / "fork")
    before = tree(folder)
    made = new_site(
        folder,
        *("--organisation", "  ", "--language", "xx", "--url", "werkenbij.noordveen.nl"),
        *("--primary", "blue", "--accent", "#E8A317", "--country", "Nederland"),
    )
    assert made.returncode == 2 and "Traceback" not in made.stderr
    lines = made.stderr.splitlines()
    assert lines[0].startswith("Er is niets veranderd")  # the site's language, as the language is wrong
    assert any(line.startswith("ORG: ") for line in lines)
    assert any(line.startswith("LANGUAGE: 'xx'") and "nl, en, nb" in line for line in lines)
    assert any(line.startswith("URL: 'werkenbij.noordveen.nl'") and "https://" in line for line in lines)
    assert any(line.startswith("PRIMARY: 'blue'") and "#RRGGBB" in line for line in lines)
    assert any(line.startswith("COUNTRY: 'NEDERLAND'") for line in lines)
    assert not any(line.startswith(("ACCENT", "TIMEZONE")) for line in lines)  # right, or follows the country
    assert tree(folder) == before
    # A country with several time zones needs one to be given.
    made = new_site(folder, "--organisation", "City of Springfield", "--language", "en", "--country", "US")
    assert made.returncode == 2 and "TIMEZONE: " in made.stderr and "URL: " in made.stderr
    assert tree(folder) == before


def test_uncommitted_work_is_never_thrown_away(tmp_path: Path) -> None:
    folder = fork(tmp_path / "fork")
    vacancy = folder / "vacancies/ciso.md"
    vacancy.write_text(vacancy.read_text(encoding="utf-8") + "\nNog een zin.\n", encoding="utf-8")
    (folder / "stories/nieuw.md").write_text("---\ntitle: Nieuw\n---\n", encoding="utf-8")
    before = tree(folder)
    values = ["--organisation", "Gemeente Noordveen", "--url", "https://werkenbij.noordveen.nl/"]
    refused = new_site(folder, *values)
    assert refused.returncode == 2
    assert "vacancies/ciso.md" in refused.stderr and "stories/nieuw.md" in refused.stderr
    assert "FORCE=1" in refused.stderr
    assert tree(folder) == before
    forced = new_site(folder, *values, "--force")
    assert forced.returncode == 0, forced.stderr
    assert not vacancy.exists()


def test_outside_git_it_asks_for_force(tmp_path: Path) -> None:
    folder = copy_example(tmp_path / "copy")
    before = tree(folder)
    refused = new_site(folder, "--organisation", "Gemeente Noordveen", "--url", "https://werkenbij.noordveen.nl/")
    assert refused.returncode == 2 and "Git" in refused.stderr
    assert tree(folder) == before


def test_asked_in_the_terminal_with_defaults_from_language_and_country() -> None:
    asked: list[str] = []
    answers = iter(["nb", "Fjordvik kommune", "", "", "", "", ""])

    def prompt(question: str) -> str:
        asked.append(question)
        return next(answers)

    values = newsite.ask({}, newsite.Translator("nl"), prompt)
    assert values["country"] == "NO" and values["timezone"] == "Europe/Oslo"
    assert values["url"] == "https://jobb.fjordvik.no/"
    assert asked[1].startswith("Navnet på organisasjonen")  # asked in the language just chosen
    choices, problems = newsite.validate(values, "nl")
    assert problems == [] and choices is not None and choices.language == "nb"


def test_the_configuration_keeps_what_new_site_does_not_own() -> None:
    lines = newsite.ConfigLines(
        "# comment\nsite_name: Old\nextra:\n  careersite:\n    organisation: Old\n"
        "    address:\n      street: Markt 1\n    channels:\n      x: {name: X}  # kept\n"
    )
    lines.set(("extra", "careersite", "organisation"), newsite.quoted("Gemeente 's-Hertogenbosch: werk"))
    lines.remove(("extra", "careersite", "address"))
    lines.set(("extra", "careersite", "timezone"), "Europe/Amsterdam", after="organisation")
    text = lines.text()
    assert yaml.safe_load(text)["extra"]["careersite"] == {
        "organisation": "Gemeente 's-Hertogenbosch: werk",
        "timezone": "Europe/Amsterdam",
        "channels": {"x": {"name": "X"}},
    }
    assert text.startswith("# comment\n") and "# kept" in text


VALUES = ("--organisation", "Gemeente Noordveen", "--url", "https://werkenbij.noordveen.nl/")


def commit(folder: Path) -> None:
    for command in (["add", "."], ["commit", "-qm", "change"]):
        subprocess.run([*GIT, *command], cwd=folder, check=True, capture_output=True)


@pytest.mark.parametrize("setting", ["stories_dir: .", "vacancies_dir: content"])
def test_a_content_folder_that_is_the_site_or_the_pages_is_never_emptied(tmp_path: Path, setting: str) -> None:
    folder = fork(tmp_path / "fork")
    config = folder / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "    closing_soon_days: 7\n", f"    closing_soon_days: 7\n    {setting}\n"
    )
    config.write_text(text, encoding="utf-8")
    commit(folder)
    before = tree(folder)
    refused = new_site(folder, *VALUES, "--force")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert f"extra.careersite.{setting.split(':')[0]}" in refused.stderr and "Er is niets veranderd" in refused.stderr
    assert tree(folder) == before and (folder / ".git").is_dir()


def test_a_configuration_without_careersite_settings_is_refused(tmp_path: Path) -> None:
    folder = fork(tmp_path / "fork")
    config = folder / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("extra:")], encoding="utf-8")
    commit(folder)
    before = tree(folder)
    refused = new_site(folder, *VALUES)
    assert refused.returncode == 2 and "extra: careersite:" in refused.stderr
    assert tree(folder) == before


def test_utc_schedule_lines_are_all_replaced(tmp_path: Path) -> None:
    folder = fork(tmp_path / "fork")
    workflow = folder / ".github/workflows/site.yml"
    utc = careersite(folder, "deploy-schedule", "--utc").stdout.split("\n\n")[0]
    text = workflow.read_text(encoding="utf-8")
    start = text.index("    # Nightly rebuild")
    end = text.index("\n", text.index("timezone: Europe/Amsterdam")) + 1
    workflow.write_text(text[:start] + utc + "\n" + text[end:], encoding="utf-8")
    assert workflow.read_text(encoding="utf-8").count("- cron:") == 2
    commit(folder)
    made = new_site(folder, *VALUES, "--language", "en", "--country", "GB")
    assert made.returncode == 0, made.stderr
    schedule = yaml.safe_load(workflow.read_text(encoding="utf-8"))[True]["schedule"]
    assert schedule == [{"cron": "5 0 * * *", "timezone": "Europe/London"}]


def test_initials_of_the_plain_logo() -> None:
    assert newsite._initials("Gemeente 's-Hertogenbosch") == "S"  # was "?": the word starts with '
    assert newsite._initials("Fjordvik kommune") == "F"
    assert newsite._initials("‘t Zandt") == "TZ"
    assert newsite._initials("!!!") == "?"


def test_force_0_does_not_force() -> None:
    dry = ["make", "-n", "-s", "-C", str(ROOT), "new-site", "ORG=X"]
    for value, forced in (("0", False), ("", False), ("no", False), ("1", True)):
        printed = subprocess.run([*dry, f"FORCE={value}"], capture_output=True, text=True, check=True).stdout
        assert ("--force" in printed) == forced, value


def test_stopping_at_a_question_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = fork(tmp_path / "fork")
    before = tree(folder)

    def stop(prompt: str = "") -> str:
        raise EOFError

    ask = newsite.ask
    monkeypatch.setattr(newsite, "ask", lambda given, t: ask(given, t, stop))
    code, message = newsite.run(folder / "mkdocs.yml", {}, force=False, interactive=True)
    assert code == 2 and "niets veranderd" in message
    assert tree(folder) == before


def _git(folder: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=folder, check=True, capture_output=True, text=True).stdout


def test_new_site_never_writes_through_a_link(tmp_path: Path) -> None:
    """A committed `content/privacy.md` pointing at a file elsewhere got the starter page written
    into that file."""
    folder = fork(tmp_path / "fork")
    outside = tmp_path / "outside.md"
    outside.write_text("somebody else's file\n")
    (folder / "content/privacy.md").unlink()
    (folder / "content/privacy.md").symlink_to(outside)
    commit(folder)
    before = tree(folder)
    for force in ((), ("--force",)):
        made = new_site(folder, *VALUES, *force)
        assert made.returncode == 2 and "content/privacy.md" in made.stderr and "link" in made.stderr
        assert outside.read_text() == "somebody else's file\n"
        assert tree(folder) == before


def test_ignored_drafts_and_a_changed_data_file_elsewhere_stop_new_site(tmp_path: Path) -> None:
    """Git-ignored drafts in vacancies/ were deleted without FORCE, and a salary table outside
    content/ with uncommitted edits was overwritten."""
    folder = fork(tmp_path / "fork")
    (folder / "data").mkdir()
    shutil.move(folder / "content/data/salary.yml", folder / "data/salary.yml")
    edit(folder / "mkdocs.yml", "salary_table: content/data/salary.yml", "salary_table: data/salary.yml")
    commit(folder)
    (folder / ".git/info/exclude").write_text("vacancies/concept-*.md\n")
    draft = folder / "vacancies/concept-jurist.md"
    draft.write_text("half a vacancy\n")
    made = new_site(folder, *VALUES)
    assert made.returncode == 2 and "vacancies/concept-jurist.md" in made.stderr
    assert draft.read_text() == "half a vacancy\n"
    draft.unlink()
    edit(folder / "data/salary.yml", "fulltime_hours: 36", "fulltime_hours: 38")  # not committed
    made = new_site(folder, *VALUES)
    assert made.returncode == 2 and "data/salary.yml" in made.stderr
    assert "fulltime_hours: 38" in (folder / "data/salary.yml").read_text(encoding="utf-8")


def test_new_site_again_on_a_team_s_own_site_refuses_and_forced_keeps_a_way_back(tmp_path: Path) -> None:
    """Run again on a team's committed site, new-site deleted its vacancies, stories and photos
    without a question."""
    folder = fork(tmp_path / "fork")
    assert new_site(folder, *VALUES).returncode == 0
    own = folder / "vacancies/jurist-omgevingsrecht.md"
    shutil.copy(next((folder / "vacancies").glob("*.md")), own)
    commit(folder)
    written = own.read_text(encoding="utf-8")
    before = tree(folder)
    refused = new_site(folder, *VALUES)
    assert refused.returncode == 2
    assert "Gemeente Noordveen" in refused.stderr and "vacancies/jurist-omgevingsrecht.md" in refused.stderr
    assert "FORCE=1" in refused.stderr and tree(folder) == before
    # Told explicitly, it goes ahead after keeping everything in a branch it names, ignored files too.
    (folder / ".git/info/exclude").write_text("vacancies/concept-*.md\n")
    (folder / "vacancies/concept-ideeen.md").write_text("ignored notes\n")
    staged = _git(folder, "diff", "--cached", "--name-only")
    zuidveen = ("--organisation", "Gemeente Zuidveen", "--url", "https://werkenbij.zuidveen.nl/")
    forced = new_site(folder, *zuidveen, "--force")
    assert forced.returncode == 0, forced.stderr
    branch = re.search(r"new-site-backup-\d{8}-\d{6}", forced.stdout).group()
    assert f"git checkout {branch} -- " in forced.stdout
    assert not own.exists() and not (folder / "vacancies/concept-ideeen.md").exists()
    assert _git(folder, "show", f"{branch}:vacancies/jurist-omgevingsrecht.md") == written
    assert _git(folder, "show", f"{branch}:vacancies/concept-ideeen.md") == "ignored notes\n"
    assert _git(folder, "diff", "--cached", "--name-only") == staged  # the index was left alone
    _git(folder, "checkout", branch, "--", "vacancies/jurist-omgevingsrecht.md")
    assert own.read_text(encoding="utf-8") == written


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--country", "ZZ"), "geen landcode"),  # was accepted: "unknown region"
        (("--country", "EU"), "geen landcode"),
    ],
)
def test_values_that_are_no_country_are_refused(tmp_path: Path, args: tuple[str, ...], words: str) -> None:
    folder = fork(tmp_path / "fork")
    before = tree(folder)
    made = new_site(folder, *VALUES, *args)
    assert made.returncode == 2 and words in made.stderr
    assert tree(folder) == before


def test_a_flow_style_configuration_is_refused_not_half_converted(tmp_path: Path) -> None:
    folder = fork(tmp_path / "fork")
    config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    block = json.dumps(config["extra"]["careersite"], ensure_ascii=False, default=str)
    text = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    start = text.index("  careersite:\n")
    (folder / "mkdocs.yml").write_text(text[:start] + f"  careersite: {block}\n", encoding="utf-8")
    commit(folder)
    before = tree(folder)
    made = new_site(folder, *VALUES)
    assert made.returncode == 2 and "extra: careersite: als blok" in made.stderr, made.stderr
    assert tree(folder) == before


def test_an_organisation_with_markdown_in_its_name_stays_text(tmp_path: Path) -> None:
    folder = fork(tmp_path / "fork")
    name = "Gemeente *Ster* [en](javascript:alert(1)) `Co`"
    made = new_site(folder, "--organisation", name, "--url", "https://werkenbij.ster.nl/")
    assert made.returncode == 0, made.stderr
    assert run_check(folder).returncode == 0
    build = run_build(folder)
    assert build.returncode == 0, build.output
    page = build.html("index.html")
    assert name in page.get_text() and not page.select("article em, article code, article a[href^=javascript]")


def test_make_new_site_takes_values_as_written(tmp_path: Path) -> None:
    """ORG reached the shell inside quotes: backticks ran and a line break was a syntax error."""
    folder = fork(tmp_path / "fork")
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt"):
        shutil.copy(ROOT / name, folder / name)
    (folder / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    make = ["make", "-s", "-o", ".venv/.installed", "new-site", "LANGUAGE=nl", "COUNTRY=NL"]
    env = {"PATH": "/usr/bin:/bin", "CAREERSITE_TODAY": TODAY}
    refused = subprocess.run(
        [*make, "ORG=Gemeente Noord", "URL=https://werkenbij.noord.nl/", "TIMEZONE=$(shell touch ran4)"],
        cwd=folder,
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert refused.returncode == 2 and "'$(shell touch ran4)' is geen tijdzone" in refused.stderr
    run = subprocess.run(
        [
            *make,
            "ORG=Gemeente `touch ran` $(touch ran2) $HOME\nNoord",
            "URL=https://werkenbij.noord.nl/",
            "FORCE=$(shell touch ran3)",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert run.returncode == 0, run.stderr
    assert not [p.name for p in folder.glob("ran*")]
    config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["extra"]["careersite"]["organisation"] == "Gemeente `touch ran` $(touch ran2) $HOME Noord"


def test_an_english_council_with_odd_characters_gets_text_in_its_share_tags(tmp_path: Path) -> None:
    """og:title double-escaped & and " on the pages of the organisation; the default address
    dropped the "ø"; mkdocs.yml was changed but not listed; .gitlab-ci.yml kept "Amsterdam"."""
    folder = copy_example(tmp_path / "fork", ".github", ".gitlab-ci.yml")
    for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "fork"]):
        subprocess.run([*GIT, *command], cwd=folder, check=True, capture_output=True)
    name = 'Smith & Jones "Borough" Council'
    made = new_site(folder, "--organisation", name, "--language", "en", "--country", "GB", "--url", "https://j.sj.uk/")
    assert made.returncode == 0, made.stderr
    assert "  mkdocs.yml" in made.stdout and "  .gitlab-ci.yml" in made.stdout
    assert "cron timezone London (" in (folder / ".gitlab-ci.yml").read_text(encoding="utf-8")
    build = run_build(folder)
    assert build.returncode == 0, build.output
    for page in ("index.html", "working-here/index.html"):
        tags = build.html(page).select('meta[property="og:title"], meta[name="twitter:title"]')
        assert tags and all(name in tag["content"] and "&amp;" not in tag["content"] for tag in tags), page
    assert newsite.suggested_url("Bjørnfjorden kommune", "nb", "NO") == "https://jobb.bjornfjorden.no/"


def test_a_repository_inside_the_content_and_a_linked_tests_folder_stop_new_site(tmp_path: Path) -> None:
    """--force deleted a Git repository inside vacancies/ (its history beyond any backup), and the
    example was copied through a linked tests/ folder to outside the checkout."""
    folder = fork(tmp_path / "fork")
    nested = folder / "vacancies" / "archief"
    nested.mkdir()
    (nested / "oud.txt").write_text("history")
    for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "own"]):
        subprocess.run([*GIT, *command], cwd=nested, check=True, capture_output=True)
    made = new_site(folder, *VALUES, "--force")
    assert made.returncode == 2 and "vacancies_dir" in made.stderr
    assert (nested / ".git").is_dir() and (nested / "oud.txt").read_text() == "history"
    shutil.rmtree(nested)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "conftest.py").write_text("")
    (folder / "tests").symlink_to(outside, target_is_directory=True)
    commit(folder)
    made = new_site(folder, *VALUES)
    assert made.returncode == 2 and "tests" in made.stderr and "link" in made.stderr
    assert not (outside / "example").exists()


def test_new_site_prints_file_names_as_escapes(tmp_path: Path) -> None:
    folder = fork(tmp_path / "fork")
    page = folder / "content" / "\x1b[31mRED\x1b[0m.md"
    page.write_text("---\ntitle: Over Lindewaard\n---\n\nGemeente Lindewaard.\n", encoding="utf-8")
    commit(folder)
    made = new_site(folder, *VALUES)
    assert made.returncode == 0, made.stderr
    assert "\x1b" not in made.stdout and "\\x1b[31mRED\\x1b[0m.md" in made.stdout


def test_country_rules_for_pay_hours_and_the_scale_hint(tmp_path: Path) -> None:
    """GB pay defaulted to per month (UK councils advertise per year); the Norwegian template had
    `hours: 36` against a 37.5-hour week; the missing-scale hint suggested `scale: 10` on a site
    without that scale."""
    for country, language, period, hours in (("GB", "en", "year", 38), ("NO", "nb", "year", 37.5)):
        folder = fork(tmp_path / country)
        made = new_site(folder, *VALUES, "--language", language, "--country", country)
        assert made.returncode == 0, made.stderr
        table = yaml.safe_load((folder / "content/data/salary.yml").read_text(encoding="utf-8"))
        assert table["period"] == period and min(min(s) for s in table["scales"].values()) > 20_000
        from careersite.config import load

        site = load(folder / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})
        assert site.salary_period == "year"  # shown per year
        # Part-time work as a share of the post in Norway (stillingsprosent), as hours elsewhere.
        assert (
            site.working_time(30, 37.5)
            == {
                "NO": "80–100 % stilling (30–37,5 timer per uke)",
                "GB": "30–37.5 hours a week",
            }[country]
        )
        created = careersite(folder, "new", "vacancy", "Planner")
        assert created.returncode == 0, created.stderr
        path = next((folder / "vacancies").glob("planner*.md"))
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        assert front["hours"] == hours
        check = run_check(folder)
        scales = list(table["scales"])
        assert f"'scale: {scales[len(scales) // 2]}'" in check.stderr, check.stderr
        if "10" not in scales:
            assert "'scale: 10'" not in check.stderr


def test_education_levels_are_the_country_s(tmp_path: Path) -> None:
    """English pages said 'HBO (higher professional education)': the levels were Dutch everywhere."""
    from careersite.config import load
    from careersite.outputs import cms

    for country, language, levels, shown in (
        ("GB", "en", ["secondary", "vocational", "bachelor", "master"], "Bachelor's degree"),
        ("NO", "nb", ["vgs", "fagbrev", "fagskole", "bachelor", "master"], "Bachelorgrad"),
    ):
        folder = fork(tmp_path / country)
        assert new_site(folder, *VALUES, "--language", language, "--country", country).returncode == 0
        site = load(folder / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})
        form = {f["name"]: f for f in cms.config(site)["collections"][0]["fields"]}
        assert [o["value"] for o in form["education"]["options"]] == levels
        assert shown in [o["label"] for o in form["education"]["options"]]
        assert all("HBO" not in o["label"] for o in form["education"]["options"])
        example = next((folder / "vacancies").glob("*.md")).read_text(encoding="utf-8")
        assert "\neducation: bachelor\n" in example
        # A Dutch level on such a site is a mistake that names the country's levels.
        path = next((folder / "vacancies").glob("*.md"))
        path.write_text(example.replace("education: bachelor", "education: hbo"), encoding="utf-8")
        check = run_check(folder)
        assert check.returncode == 1 and ", ".join(levels) in check.stderr, check.stderr


def test_norwegian_pay_rises_with_seniority_not_a_yearly_step(tmp_path: Path) -> None:
    """The Norwegian salary page said pay rises 'one step a year for good work' (the Dutch
    periodiek) and headed the columns 'Trinn 1…7'; KS pay rises with seniority."""
    folder = fork(tmp_path / "no")
    assert new_site(folder, *VALUES, "--language", "nb", "--country", "NO").returncode == 0
    build = run_build(folder)
    assert build.returncode == 0, build.output
    table = build.html("lonn/index.html").select_one("table.cs-scales")
    headings = [th.get_text(strip=True) for th in table.select("thead th.cs-scales__step")]
    assert headings == ["0 år", "2 år", "4 år", "6 år", "8 år", "10 år", "16 år"]
    from careersite.config import load
    from careersite.pages.views import SiteView

    site = load(folder / "mkdocs.yml", {"CAREERSITE_TODAY": TODAY})
    intro = site.t(f"ui.salary_steps_intro.{SiteView(site).step_basis}")
    assert "ansiennitet" in intro and "i året" not in intro
    assert SiteView(site).salary_url == "lonn/"


def test_a_british_site_names_the_region_whose_holidays_count(tmp_path: Path) -> None:
    """The holiday calendar had no England/Scotland choice."""
    for region, expected in (("", "ENG"), ("sct", "SCT")):
        folder = fork(tmp_path / f"gb{region}")
        extra = ("--region", region) if region else ()
        made = new_site(folder, *VALUES, "--language", "en", "--country", "GB", *extra)
        assert made.returncode == 0, made.stderr
        config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
        assert config["extra"]["careersite"]["holiday_region"] == expected
        assert run_check(folder).returncode == 0
    folder = fork(tmp_path / "wrong")
    made = new_site(folder, *VALUES, "--language", "en", "--country", "GB", "--region", "XX")
    assert made.returncode == 2 and "REGION: 'XX'" in made.stderr and "ENG, NIR, SCT, WLS" in made.stderr
    folder = fork(tmp_path / "nl")
    assert new_site(folder, *VALUES).returncode == 0
    assert "holiday_region" not in (folder / "mkdocs.yml").read_text(encoding="utf-8")
