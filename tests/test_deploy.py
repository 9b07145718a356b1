"""The deploy workflows (.github/workflows/site.yml for GitHub Pages, .gitlab-ci.yml for GitLab Pages):
valid against the official schemas, checked before built before deployed, deployed from main only,
with the build cache kept, and rebuilt every night just after midnight in the site's time zone, so
that a vacancy that closes today is gone from the listings, feeds and jobs.json tomorrow morning."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from careersite.publish import schedule
from conftest import TODAY, careersite, copy_example, edit

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github/workflows/site.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
# The site's time zone as the committed workflow names it (the example's, or a team's own after new-site).
ZONE = re.search(r"^\s+timezone: (\S+)$", GITHUB.read_text(encoding="utf-8"), re.MULTILINE).group(1)
SITE_ZONE = ZoneInfo("Europe/Amsterdam")  # extra.careersite.timezone of the example
# A winter and a summer day, and the days the clocks go forward and back (2027-03-28, 2027-10-31).
DAYS = (dt.date(2027, 1, 15), dt.date(2027, 3, 28), dt.date(2027, 7, 15), dt.date(2027, 10, 31))
CRON = re.compile(r"^(\d{1,2}) (\d{1,2}) \* \* \*$")
# Any schema download goes to a port where nothing listens: the check must work offline.
OFFLINE = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}


def github() -> dict[str, Any]:
    return yaml.safe_load(GITHUB.read_text(encoding="utf-8"))


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    """`on:`, which YAML 1.1 (PyYAML) reads as the key True."""
    return workflow.get("on", workflow.get(True))


def gitlab_pages() -> dict[str, Any]:
    return yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["pages"]


def validate(path: Path, schema: str) -> subprocess.CompletedProcess[str]:
    """check-jsonschema with the schema it ships (SchemaStore's), without network."""
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, **OFFLINE},
        timeout=120,
    )


# --- the official schemas -------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "schema"), [(GITHUB, "vendor.github-workflows"), (GITLAB, "vendor.gitlab-ci")])
def test_workflows_are_valid_against_the_official_schemas_offline(path: Path, schema: str) -> None:
    result = validate(path, schema)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


# Each mistake is one a person editing the file could make, with where the check must point; the
# check must refuse each, or the test above proves nothing.
BROKEN = [
    (GITHUB, "vendor.github-workflows", 'cron: "5 0 * * *"', 'crontab: "5 0 * * *"', "$.on"),
    (GITHUB, "vendor.github-workflows", f"timezone: {ZONE}", f"time_zone: {ZONE}", "$.on"),
    (GITHUB, "vendor.github-workflows", "  workflow_dispatch:\n", "  workflow_dispatched:\n", "$.on"),
    (GITHUB, "vendor.github-workflows", "id-token: write", "id-token: always", "$.jobs.deploy"),
    (GITHUB, "vendor.github-workflows", "    runs-on: ubuntu-latest\n    timeout-minutes: 30\n", "", "$.jobs.build"),
    (GITLAB, "vendor.gitlab-ci", "    paths:\n      - public\n", "    paths: public\n", "$.pages.artifacts.paths"),
    (GITLAB, "vendor.gitlab-ci", "  script:\n", "  scripts:\n", "$.pages"),
    (GITLAB, "vendor.gitlab-ci", "  resource_group: pages\n", "  resource_group: [pages]\n", "$.pages.resource_group"),
]


@pytest.mark.parametrize(("path", "schema", "old", "new", "where"), BROKEN)
def test_the_schema_check_refuses_a_broken_file(
    path: Path, schema: str, old: str, new: str, where: str, tmp_path: Path
) -> None:
    broken = tmp_path / path.name
    shutil.copy(path, broken)
    edit(broken, old, new)
    result = validate(broken, schema)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{broken}::{where}: " in result.stdout, result.stdout


# --- the nightly rebuild --------------------------------------------------------------------------


def firings(entry: dict[str, str], day: dt.date, zone: ZoneInfo) -> list[dt.datetime]:
    """When a daily `on.schedule` entry fires around `day`, as wall-clock times in `zone`."""
    match = CRON.match(entry["cron"])
    assert match, f"not a daily cron line: {entry}"
    minute, hour = int(match[1]), int(match[2])
    own = ZoneInfo(entry.get("timezone", "UTC"))  # GitHub reads cron in UTC unless a timezone is given
    return [
        dt.datetime.combine(day + dt.timedelta(days=shift), dt.time(hour, minute), tzinfo=own).astimezone(zone)
        for shift in (-1, 0, 1)
    ]


def runs_just_after_midnight(entries: list[dict[str, str]], day: dt.date, zone: ZoneInfo) -> bool:
    """Whether one of the entries fires within half an hour after the start of `day` in `zone`."""
    midnight = dt.datetime.combine(day, dt.time(0), tzinfo=zone)
    soon = midnight + dt.timedelta(minutes=30)
    return any(midnight <= moment < soon for entry in entries for moment in firings(entry, day, zone))


def test_github_rebuilds_just_after_midnight_in_the_sites_zone_in_winter_and_summer() -> None:
    nightly = triggers(github())["schedule"]
    for day in DAYS:  # the committed workflow's own zone: Amsterdam for the example, a team's own after new-site
        assert runs_just_after_midnight(nightly, day, ZoneInfo(ZONE)), (day, nightly)


def test_a_schedule_in_utc_alone_is_an_hour_off_for_half_the_year() -> None:
    """The check above can fail: the winter line by itself misses midnight all summer."""
    winter_only = [{"cron": "5 23 * * *"}]
    assert runs_just_after_midnight(winter_only, dt.date(2027, 1, 15), SITE_ZONE)
    assert not runs_just_after_midnight(winter_only, dt.date(2027, 7, 15), SITE_ZONE)
    assert not runs_just_after_midnight([{"cron": "5 0 * * *"}], dt.date(2027, 1, 15), SITE_ZONE)


def deploy_schedule(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`make deploy-schedule`: the schedule lines for the site's time zone."""
    return careersite(folder, "deploy-schedule", "mkdocs.yml", *args)


def github_block(printed: str) -> str:
    """The part of the printed schedule that goes under `on: schedule:` in the GitHub workflow."""
    return printed.split("\n\n")[0] + "\n"


def test_the_committed_schedule_is_the_one_printed_for_the_sites_zone() -> None:
    printed = deploy_schedule(ROOT)
    assert printed.returncode == 0, printed.stderr
    zone = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["careersite"]["timezone"]
    assert f"timezone: {zone}" in printed.stdout and zone == ZONE
    assert github_block(printed.stdout) in GITHUB.read_text(encoding="utf-8")
    assert f'interval pattern "5 0 * * *", cron timezone {zone}' in printed.stdout


def test_another_zone_prints_another_schedule_that_the_committed_workflow_lacks(site_copy: Path) -> None:
    edit(site_copy / "mkdocs.yml", "timezone: Europe/Amsterdam", "timezone: America/New_York")
    printed = deploy_schedule(site_copy)
    assert printed.returncode == 0, printed.stderr
    assert "timezone: America/New_York" in printed.stdout
    assert github_block(printed.stdout) not in GITHUB.read_text(encoding="utf-8")
    entries = yaml.safe_load(github_block(printed.stdout))
    assert runs_just_after_midnight(entries, dt.date(2027, 7, 15), ZoneInfo("America/New_York"))


def test_utc_lines_for_a_scheduler_without_time_zones(site_copy: Path) -> None:
    printed = deploy_schedule(site_copy, "--utc")
    assert printed.returncode == 0, printed.stderr
    block = github_block(printed.stdout)
    assert '- cron: "5 22 * * *"  # 00:05 in Europe/Amsterdam at UTC+02:00' in block
    assert '- cron: "5 23 * * *"  # 00:05 in Europe/Amsterdam at UTC+01:00' in block
    assert "timezone" not in block
    entries = yaml.safe_load(block)
    for day in DAYS:
        assert runs_just_after_midnight(entries, day, SITE_ZONE), day


def test_a_zone_that_does_not_exist_is_named_not_replaced(site_copy: Path) -> None:
    edit(site_copy / "mkdocs.yml", "timezone: Europe/Amsterdam", "timezone: Europe/Amsterdm")
    printed = deploy_schedule(site_copy)
    assert printed.returncode == 1 and not printed.stdout
    assert "mkdocs.yml:" in printed.stderr and "extra.careersite.timezone" in printed.stderr
    assert "Europe/Amsterdm" in printed.stderr


@pytest.mark.parametrize(
    "name",
    ["Europe/Amsterdam", "Europe/Oslo", "America/Sao_Paulo", "America/St_Johns", "Asia/Kolkata",
     "Australia/Lord_Howe", "Pacific/Auckland", "Pacific/Chatham", "UTC"],
)  # fmt: skip
def test_utc_lines_cover_every_night_of_the_year(name: str) -> None:
    zone = ZoneInfo(name)
    for year in (2026, 2027):
        entries = [{"cron": line.cron} for line in schedule.in_utc(zone, year).values()]
        day = dt.date(year, 1, 1)
        while day.year == year:
            assert runs_just_after_midnight(entries, day, zone), (name, day, entries)
            day += dt.timedelta(days=1)
        native = [{"cron": schedule.local(zone).cron, "timezone": name}]
        assert all(runs_just_after_midnight(native, day, zone) for day in DAYS)


def test_utc_lines_by_offset() -> None:
    assert {schedule.offset_label(k): v.cron for k, v in schedule.in_utc(SITE_ZONE, 2027).items()} == {
        "UTC+02:00": "5 22 * * *",
        "UTC+01:00": "5 23 * * *",
    }
    assert [line.cron for line in schedule.in_utc(ZoneInfo("Asia/Kolkata"), 2027).values()] == ["35 18 * * *"]
    assert [line.cron for line in schedule.in_utc(ZoneInfo("America/St_Johns"), 2027).values()] == [
        "35 2 * * *",
        "35 3 * * *",
    ]
    assert schedule.offset_label(dt.timedelta(hours=-3, minutes=-30)) == "UTC-03:30"


# --- GitHub Pages ---------------------------------------------------------------------------------


def step_names(steps: list[dict[str, Any]]) -> list[str]:
    """`make check` for a run step, `actions/cache` for a used action."""
    return [step["run"].strip() if "run" in step else step["uses"].split("@")[0] for step in steps]


def test_github_checks_before_it_builds_and_builds_before_it_deploys() -> None:
    jobs = github()["jobs"]
    build = step_names(jobs["build"]["steps"])
    assert build == [
        "actions/checkout",
        "actions/setup-python",
        "actions/cache",
        "make check",
        "make site",
        'make publish STATUS="$GITHUB_OUTPUT" || true',
        "actions/upload-pages-artifact",
    ]
    steps = jobs["build"]["steps"]
    # A pull request is checked and built as it is; main is built for publishing (make publish).
    assert [s.get("if") for s in steps[3:6]] == [
        "github.event_name == 'pull_request'",
        "github.event_name == 'pull_request'",
        "github.event_name != 'pull_request'",
    ]
    assert steps[0]["with"]["fetch-depth"] == 0  # the last commit that built may be far back
    assert jobs["build"]["outputs"]["status"] == "${{ steps.publish.outputs.status }}"
    upload = steps[-1]
    assert upload["with"]["path"] == "site"
    assert "steps.publish.outputs.status == 'built' || steps.publish.outputs.status == 'fallback'" in upload["if"]
    # The deploy job starts only when a site was built, from the current content or the last that built.
    assert jobs["deploy"]["needs"] == "build"
    assert "(needs.build.outputs.status == 'built' || needs.build.outputs.status == 'fallback')" in jobs["deploy"]["if"]
    assert step_names(jobs["deploy"]["steps"]) == ["actions/deploy-pages"]
    assert jobs["deploy"]["environment"]["name"] == "github-pages"


def test_github_tells_the_team_when_the_current_content_was_not_published() -> None:
    alert = github()["jobs"]["alert"]
    assert alert["needs"] == ["build", "deploy"] and alert["if"].startswith("always() && ")
    assert "github.event_name != 'pull_request'" in alert["if"]
    assert alert["permissions"] == {"issues": "write"}
    script = alert["steps"][0]["run"]
    assert "gh issue create" in script and "gh issue comment" in script and "gh issue close" in script
    assert 'if [ "$STATUS" = built ] && [ "$DEPLOYED" = success ]' in script and script.rstrip().endswith("exit 1")


def test_github_keeps_the_cache_between_runs() -> None:
    steps = github()["jobs"]["build"]["steps"]
    python = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["cache"] == "pip" and python["with"]["python-version"] == "3.11"
    assert "requirements.txt" in python["with"]["cache-dependency-path"]
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"].split() == [".cache", "~/.cache/careersite"]  # the cache and its key
    # A cache entry cannot be overwritten: each run saves under its own key and restores the newest
    # entry under the common prefix.
    key, prefix = cache["with"]["key"], cache["with"]["restore-keys"].strip()
    assert "${{ github.run_id }}" in key and key.startswith(prefix) and key != prefix


def test_github_deploys_from_main_only_and_never_two_runs_at_once() -> None:
    workflow = github()
    on = triggers(workflow)
    assert set(on) == {"push", "pull_request", "workflow_dispatch", "schedule"}
    assert on["push"] == {"branches": ["main"]} and on["pull_request"] == {"branches": ["main"]}
    deploy = workflow["jobs"]["deploy"]
    # a manual run on a branch, or a pull request, is checked and built but deploys nothing
    assert deploy["if"].startswith("github.ref == 'refs/heads/main' && github.event_name != 'pull_request' && ")
    upload = next(s for s in workflow["jobs"]["build"]["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["if"].startswith("github.event_name != 'pull_request' && ")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["permissions"] == {"contents": "read"}
    assert "permissions" not in workflow["jobs"]["build"]
    assert workflow["jobs"]["alert"]["permissions"] == {"issues": "write"}
    # Runs on main share one group and a running deploy is never cut off; a pull request's check
    # has a group of its own, where a newer push cancels the older run.
    concurrency = workflow["concurrency"]
    group, cancel = concurrency["group"], concurrency["cancel-in-progress"]
    assert group == "${{ github.event_name == 'pull_request' && format('check-{0}', github.ref) || 'pages' }}"
    assert cancel == "${{ github.event_name == 'pull_request' }}"


def test_github_uses_versioned_actions_no_secrets_and_no_network_steps() -> None:
    text = GITHUB.read_text(encoding="utf-8")
    # One secret, the team calendar's token, given to the publishing build alone; NAV's two are in
    # the commented step a Norwegian team turns on (README: NAV).
    live = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert re.findall(r"\$\{\{ secrets\.\w+ \}\}", live) == ["${{ secrets.CAREERSITE_CALENDAR_TOKEN }}"]
    assert "#     NAV_TOKEN: ${{ secrets.NAV_TOKEN }}" in text and "#   run: make nav SEND=yes" in text
    publish = next(s for s in github()["jobs"]["build"]["steps"] if s.get("id") == "publish")
    assert publish["env"] == {"CAREERSITE_CALENDAR_TOKEN": "${{ secrets.CAREERSITE_CALENDAR_TOKEN }}"}
    assert "${{ env." not in text
    for name, job in github()["jobs"].items():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})", step["uses"]), step
            elif name == "alert":  # GitHub's own gh, with the run's token, on this repository's issues
                assert step["env"]["GH_TOKEN"] == "${{ github.token }}", step
            else:
                assert step["run"].strip() in {
                    "make check",
                    "make site",
                    'make publish STATUS="$GITHUB_OUTPUT" || true',
                }


# --- GitLab Pages ---------------------------------------------------------------------------------


def test_gitlab_checks_builds_and_publishes_in_that_order() -> None:
    pages = gitlab_pages()
    assert pages["image"] == "python:3.11"
    assert pages["script"] == [
        "make publish STATUS=publish.env || true",
        "grep -qE '^status=(built|fallback)$' publish.env",
        "rm -rf public && mv site public",
    ]
    assert pages["artifacts"]["paths"] == ["public"]  # what GitLab Pages publishes
    assert pages["artifacts"]["reports"]["dotenv"] == "publish.env"
    assert pages["variables"]["GIT_DEPTH"] == 0
    alert = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["alert"]
    assert alert["stage"] == ".post" and alert["needs"] == ["pages"] and alert["rules"] == pages["rules"]
    assert '"$status" != built' in alert["script"][0] and "exit 1" in alert["script"][0]
    assert pages["resource_group"] == "pages"  # one publishing job at a time


def test_gitlab_keeps_the_cache_and_pip_downloads() -> None:
    pages = gitlab_pages()
    assert pages["cache"]["paths"] == [".cache/", ".pip-cache/", ".careersite-key"]
    assert pages["variables"]["CAREERSITE_KEY_FILE"] == "$CI_PROJECT_DIR/.careersite-key"
    assert pages["variables"]["PIP_CACHE_DIR"] == "$CI_PROJECT_DIR/.pip-cache"
    assert "$CI_PIPELINE_ID" not in str(pages["cache"]["key"])  # one cache, kept from run to run


def test_gitlab_publishes_from_the_default_branch_on_push_schedule_and_by_hand_only() -> None:
    rules = gitlab_pages()["rules"]
    assert rules == [
        {"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE =~ /^(push|schedule|web)$/"}
    ]
    # a merge request is checked and built, never published
    check = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["check"]
    assert check["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert check["script"] == ["make check", "make site"] and "artifacts" not in check
    text = GITLAB.read_text(encoding="utf-8")
    assert "CI_JOB_TOKEN" not in text and "curl" not in text and "wget" not in text


def test_readme_explains_deploying_and_the_nightly_schedule() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    deploy = readme.split("\n## Deploy\n", 1)[1].split("\n## ", 1)[0]
    for needed in (
        "Settings → Pages",
        "GitHub Actions",
        "Pipeline schedules",
        "`5 0 * * *`",
        "make deploy-schedule",
        "`make site`",
        "`site`",
        "build hook",
    ):
        assert needed in deploy, needed


# --- the build job's steps, run here in order -----------------------------------------------------


def run_steps(folder: Path) -> list[tuple[str, int, str]]:
    """The GitHub build job's `run:` steps in order, as the runner does: stop at the first failure.
    Make uses the test's own environment, never (re)installing it."""
    venv = ROOT / ".venv"
    ran = []
    pull_request = "github.event_name == 'pull_request'"
    steps = github()["jobs"]["build"]["steps"]
    for command in (step["run"].strip() for step in steps if "run" in step and step.get("if") == pull_request):
        make, target = command.split()
        result = subprocess.run(
            [make, target, f"VENV={venv}", "-o", str(venv / ".installed")],
            cwd=folder,
            capture_output=True,
            text=True,
            env=dict(os.environ, CAREERSITE_TODAY=TODAY),
            timeout=600,
        )
        ran.append((command, result.returncode, result.stdout + result.stderr))
        if result.returncode:
            break
    return ran


def checkout(folder: Path) -> Path:
    """What actions/checkout gives the build: the repository's files, without site/ or .cache/."""
    return copy_example(folder, "Makefile", "requirements.txt", "requirements-dev.txt")


@pytest.mark.build
@pytest.mark.skipif(not (ROOT / ".venv/.installed").exists() or not shutil.which("make"), reason="needs make and .venv")
def test_the_build_steps_run_in_order_and_a_restored_cache_makes_the_same_site(tmp_path: Path) -> None:
    commit = checkout(tmp_path / "commit")
    folder = shutil.copytree(commit, tmp_path / "repo")
    ran = run_steps(folder)
    assert [(command, code) for command, code, _ in ran] == [("make check", 0), ("make site", 0)], ran
    assert (folder / "site/index.html").is_file() and (folder / "site/jobs.json").is_file()
    first = folder.rename(tmp_path / "first")
    # The next night, as on a runner: a fresh checkout of the same commit at the same place (new file
    # times), no site/, and .cache/ restored by actions/cache.
    shutil.copytree(commit, folder, copy_function=shutil.copy)
    shutil.copytree(first / ".cache", folder / ".cache")
    ran = run_steps(folder)
    assert [code for _, code, _ in ran] == [0, 0], ran
    assert "Pages: 0 rendered" in ran[-1][2] and "Cards: 0 rendered" in ran[-1][2], ran[-1][2]
    built = sorted(p.relative_to(first / "site") for p in (first / "site").rglob("*") if p.is_file())
    assert built == sorted(p.relative_to(folder / "site") for p in (folder / "site").rglob("*") if p.is_file())
    for path in built:
        assert (first / "site" / path).read_bytes() == (folder / "site" / path).read_bytes(), path


@pytest.mark.skipif(not (ROOT / ".venv/.installed").exists() or not shutil.which("make"), reason="needs make and .venv")
def test_a_mistake_stops_the_run_at_make_check_and_nothing_is_built(tmp_path: Path) -> None:
    folder = checkout(tmp_path / "broken")
    edit(folder / "vacancies/ciso.md", "closes: ", "closes: 31-12-")
    ran = run_steps(folder)
    assert [command for command, _, _ in ran] == ["make check"] and ran[0][1] != 0, ran
    assert "vacancies/ciso.md:" in ran[0][2] and "closes" in ran[0][2]
    assert not (folder / "site").exists()  # nothing for upload-pages-artifact: the live site stays


def _publish(folder: Path, today: str) -> tuple[int, str, str]:
    """`make publish` as the workflows run it on main: exit code, status word, output."""
    venv = ROOT / ".venv"
    status = folder / "status.env"
    status.unlink(missing_ok=True)
    result = subprocess.run(
        ["make", "publish", f"VENV={venv}", "-o", str(venv / ".installed"), f"STATUS={status}"],
        cwd=folder,
        capture_output=True,
        text=True,
        env=dict(os.environ, CAREERSITE_TODAY=today),
        timeout=900,
    )
    word = status.read_text().strip().removeprefix("status=") if status.exists() else ""
    return result.returncode, word, result.stdout + result.stderr


@pytest.mark.build
@pytest.mark.skipif(not (ROOT / ".venv/.installed").exists() or not shutil.which("make"), reason="needs make and .venv")
def test_a_mistake_at_night_still_closes_what_closes_today(tmp_path: Path) -> None:
    """One content mistake stopped every nightly rebuild: nothing closed in the listings, feeds or
    jobs.json until someone noticed. `make publish` builds the last content that built, as of today."""
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main"]
    folder = checkout(tmp_path / "repo")
    for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "good"]):
        subprocess.run([*git, *command], cwd=folder, check=True, capture_output=True)
    # Without a build that worked before, a mistake publishes nothing.
    edit(folder / "vacancies/ciso.md", "closes: ", "closes: 31-12-")
    code, word, output = _publish(folder, TODAY)
    assert (code, word) == (2, "failed") and "vacancies/ciso.md:" in output and not (folder / "site").exists()
    subprocess.run([*git, "checkout", "--", "."], cwd=folder, check=True)
    code, word, _ = _publish(folder, TODAY)
    assert (code, word) == (0, "built")
    good = subprocess.run([*git, "rev-parse", "HEAD"], cwd=folder, capture_output=True, text=True).stdout.strip()
    assert (folder / ".cache/last-good-commit").read_text().strip() == good
    # A night later, a new vacancy with a mistake was committed through the editor.
    shutil.copy(folder / "vacancies/ciso.md", folder / "vacancies/nieuwe-vacature.md")
    edit(folder / "vacancies/nieuwe-vacature.md", "title: Chief Information Security Officer (CISO)", "title: Nieuw")
    edit(folder / "vacancies/ciso.md", "closes: ", "closes: 31-12-")
    subprocess.run([*git, "commit", "-qam", "broken"], cwd=folder, check=True)
    shutil.rmtree(folder / "site")
    code, word, output = _publish(folder, "2026-12-03")  # Klantcontactmedewerker closed on 2 December
    assert (code, word) == (2, "fallback"), output
    assert "vacancies/ciso.md:" in output and good[:12] in output
    listing = (folder / "site/vacatures/index.html").read_text(encoding="utf-8")
    assert "Klantcontactmedewerker" not in listing and "Nieuw" not in listing and "Chief Information" in listing
    jobs = json.loads((folder / "site/jobs.json").read_text(encoding="utf-8"))
    assert "klantcontactmedewerker-kcc" not in json.dumps(jobs)
    assert not subprocess.run([*git, "worktree", "list"], cwd=folder, capture_output=True, text=True).stdout.count(
        "last-good"
    )


@pytest.mark.parametrize(
    ("status", "deployed", "open_issue", "code", "called"),
    [
        ("fallback", "success", "", 1, "issue create"),
        ("failed", "skipped", "7", 1, "issue comment 7"),
        ("built", "success", "7", 0, "issue close 7"),
        ("built", "success", "", 0, None),
    ],
)
def test_the_alert_step_opens_updates_and_closes_one_issue(
    tmp_path: Path, status: str, deployed: str, open_issue: str, code: int, called: str | None
) -> None:
    """The alert job's script, run here with a stand-in for GitHub's gh that records its calls."""
    script = next(step["run"] for step in github()["jobs"]["alert"]["steps"])
    fake = tmp_path / "gh"
    fake.write_text(f'#!/bin/sh\necho "$*" >> "$GH_CALLS"\ncase "$1 $2" in "issue list") echo "{open_issue}";; esac\n')
    fake.chmod(0o755)
    calls = tmp_path / "calls"
    env = {
        "PATH": f"{tmp_path}:/usr/bin:/bin",
        "GH_CALLS": str(calls),
        "STATUS": status,
        "DEPLOYED": deployed,
        "RUN": "https://github.com/x/y/actions/runs/1",
    }
    done = subprocess.run(["bash", "-e", "-c", script], env=env, capture_output=True, text=True)
    assert done.returncode == code, done.stderr
    made = calls.read_text().splitlines() if calls.exists() else []
    assert made[0].startswith("issue list --state open --search")
    if called is None:
        assert made[1:] == []
    else:
        assert made[1].startswith(called), made
        if "create" in called or "comment" in called:
            assert "make check" in made[1] and ("last content that built" in made[1]) == (status == "fallback")
