"""Command line.

`python -m careersite check mkdocs.yml` checks all content without building;
`python -m careersite fields` prints the reference of the front-matter fields;
`python -m careersite settings` prints the reference of the site settings;
`python -m careersite new vacancy "Title"` / `new story "Name"` create a file to fill in;
`python -m careersite new site --organisation … --language … --url …` turns the example into an empty site;
`python -m careersite deploy-schedule [--utc]` prints the nightly rebuild's schedule for the site's time zone;
`python -m careersite cms [mkdocs.yml]` runs the web editor's local server (`make cms`);
`python -m careersite publish [--status FILE]` builds for deploying, never leaving the site stale (`make publish`).
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
from pathlib import Path

from careersite.config import load, read_config
from careersite.content import wording
from careersite.content.data import DATA_FILES
from careersite.content.errors import ContentError, Problem, source_problem
from careersite.content.fields import Field
from careersite.content.model import STORY_FIELDS, VACANCY_FIELDS
from careersite.content.settings import CONFIG_KEY, Settings, load_settings, settings_table
from careersite.content.sources import SourceProblem
from careersite.i18n import LANGUAGES, Translator
from careersite.publish import schedule
from careersite.rules import clock
from careersite.scaffolding import newsite, scaffold


def check(config_path: Path) -> int:
    try:
        site = load(config_path)
    except ContentError as error:
        print(f"{error.summary}\n{error.report()}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{config_path}: {error.strerror or error}", file=sys.stderr)
        return 1
    t = site.t
    for warning in site.warnings:
        print(t("check.warning", problem=warning), file=sys.stderr)
    # How each vacancy not yet closed reads, by the language's formula (`content/wording.py`).
    formula = wording.site_rules(site.settings.language, wording.SiteWording()).formula
    for source, score in sorted(site.readability.items()):
        if score is not None:
            verdict = t("wording.plain") if score.plain else t("wording.hard")
            name = t(f"wording.formula.{formula}")
            print(t("check.readability", path=source, score=t.number(score.score), formula=name, verdict=verdict))
    print(
        t(
            "check.ok",
            vacancies=len(site.content.vacancies),
            open=len(site.open_vacancies),
            date=t.date(site.today),
            stories=len(site.content.stories),
            published=len(site.stories),
        )
    )
    return 0


def fields_table(declared: tuple[Field, ...]) -> str:
    """The Markdown table of a content type's fields, generated from their declaration."""
    rows = ["| field | required | meaning | example |", "|---|---|---|---|"]
    for spec in declared:
        example = f"`{spec.example}`" if spec.example else ""
        rows.append(f"| `{spec.name}` | {'yes' if spec.required else 'no'} | {spec.doc} | {example} |")
    return "\n".join(rows)


def fields_reference() -> str:
    return (
        "### Vacancy fields (`vacancies/*.md`)\n\n"
        + fields_table(VACANCY_FIELDS)
        + "\n\n### Story fields (`stories/*.md`)\n\n"
        + fields_table(STORY_FIELDS)
        + "\n"
    )


def data_reference() -> str:
    """The keys of each data file, generated from their declaration (`content.data.DATA_FILES`)."""
    parts = []
    for setting, default_path, blocks in DATA_FILES:
        rows = ["| key | default | meaning |", "|---|---|---|"]
        for where, declared in blocks:
            for spec in declared:
                name = f"{where}.{spec.name}" if where else spec.name
                if spec.required:
                    default = "required"
                elif isinstance(spec.default, str | int | float) and spec.default != "":
                    default = f"`{spec.default:g}`" if isinstance(spec.default, float) else f"`{spec.default}`"
                else:
                    default = ""
                rows.append(f"| `{name}` | {default} | {spec.doc} |")
        parts.append(f"#### `{default_path}` (setting `{setting}`)\n\n" + "\n".join(rows) + "\n")
    return "\n".join(parts)


def new(config: Path, kind: str, title: str) -> int:
    """Create a file with every required field, today's dates and "[[…]]" where the author writes."""
    t = scaffold.translator(config)
    title = " ".join(title.split())
    if not title:
        print(t("scaffold.missing_title" if kind == "vacancy" else "scaffold.missing_name"), file=sys.stderr)
        return 2
    try:
        today = clock.today(scaffold.timezone(config))
    except ValueError as error:  # CAREERSITE_TODAY set to something that is no date
        print(error, file=sys.stderr)
        return 2
    try:
        _, message = (scaffold.new_vacancy if kind == "vacancy" else scaffold.new_story)(config, title, today)
    except scaffold.Exists as error:
        print(error, file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{error.filename or config}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(message)
    return 0


class _Unreadable(Exception):
    """The configuration file cannot be read: what to print."""


def _settings(config_path: Path) -> tuple[dict, Settings, list[Problem]]:
    """The configuration file's values and the site settings in it, with their problems."""
    try:
        config, lines = read_config(config_path)
    except SourceProblem as error:
        raise _Unreadable(str(source_problem(config_path.name, error, Translator("nl"), data=True))) from None
    except OSError as error:
        raise _Unreadable(f"{config_path}: {error.strerror or error}") from None
    settings, problems = load_settings(
        config.get("extra") or {},
        root=config_path.parent.resolve(),
        site_url=config.get("site_url") or "",
        config_path=config_path.name,
        lines=lines,
    )
    return config, settings, problems


def deploy_schedule(config_path: Path, utc: bool) -> int:
    """Print the schedule lines of the nightly rebuild, just after midnight in the site's time zone."""
    try:
        _, settings, problems = _settings(config_path)
    except _Unreadable as error:
        print(error, file=sys.stderr)
        return 1
    wrong_zone = [str(problem) for problem in problems if problem.field == f"{CONFIG_KEY}.timezone"]
    if wrong_zone:
        print("\n".join(wrong_zone), file=sys.stderr)
        return 1
    try:
        year = clock.today(settings.timezone).year
    except ValueError as error:  # CAREERSITE_TODAY set to something that is no date
        print(error, file=sys.stderr)
        return 2
    print(schedule.snippet(settings.timezone, year, utc=utc), end="")
    return 0


def editor_server(config_path: Path, port: int, origins: tuple[str, ...] = ()) -> int:
    """Let the editor at /admin/ of `make serve` save into this checkout's content folders."""
    from careersite.editor import server

    try:
        config, settings, problems = _settings(config_path)
    except _Unreadable as error:
        print(error, file=sys.stderr)
        return 1
    root = config_path.parent.resolve()
    folders = [problem for problem in problems if problem.field.endswith(("vacancies_dir", "stories_dir"))]
    if folders:
        print("\n".join(str(problem) for problem in folders), file=sys.stderr)
        return 1
    t = settings_translator(settings.language)
    scope = server.scope_of(
        root, settings.vacancies_dir, settings.stories_dir, settings.stories_dir / "img", settings.departments
    )
    origins = origins or server.preview_origins(str(config.get("dev_addr") or ""))

    def ready(running: server.EditorServer) -> None:
        print(
            t(
                "editor_server.ready",
                address=f"http://127.0.0.1:{running.port}/api/v1",
                folders=", ".join([*(f"{folder.name}/" for folder in scope.folders), *scope.files]),
                editor=f"{origins[0]}/admin/",
            ),
            flush=True,
        )

    try:
        server.serve(scope, port, origins, ready)
    except OSError as error:
        print(t("editor_server.port", port=port, problem=error.strerror or error), file=sys.stderr)
        return 1
    return 0


def settings_translator(language: str) -> Translator:
    return Translator(language if language in LANGUAGES else "nl")


def report(config: Path, patterns: list[str], out: Path, goatcounter: bool = False) -> int:
    """`make report`: the reach report from the logs and exports matching `patterns`, and with
    `goatcounter` a new export of the site's GoatCounter (setting analytics), as of today."""
    from careersite.report import ReportError, run
    from careersite.report.goatcounter_api import ExportFailed, fetch

    try:
        site = load(config)
        settings_file, _ = read_config(config)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{error.filename or config}: {error.strerror or error}", file=sys.stderr)
        return 1
    paths: list[Path] = []
    for pattern in patterns:
        found = sorted(glob.glob(os.path.expanduser(pattern)))
        paths += [Path(p) for p in found] if found else [Path(pattern)]
    site_dir = config.resolve().parent / str(settings_file.get("site_dir") or "site")
    fetched: Path | None = None
    try:
        if goatcounter:
            analytics = site.settings.analytics
            if analytics.tool != "goatcounter":
                raise ReportError(site.t("report.goatcounter.not_set"))
            if not (site_dir / "index.html").is_file():  # before the export: GoatCounter makes one an hour
                raise ReportError(site.t("report.no_site", path=site_dir))
            fetched = fetch(analytics.address, os.environ, site.t)
            paths.append(fetched)
        print(run(site, site_dir, paths, out))
    except (ReportError, ExportFailed) as error:
        print(error, file=sys.stderr)
        return 2
    finally:
        if fetched is not None:
            fetched.unlink(missing_ok=True)  # sessions and places: never kept
    return 0


def nav(config: Path, sending: bool) -> int:
    """`make nav`: the open vacancies as NAV's ads, checked offline; with `sending`, the new and
    changed ones sent and the filled and cancelled ones stopped (`outputs/nav.py`)."""
    from careersite.offers import Offers
    from careersite.outputs import nav as navimport

    try:
        site = load(config)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    t = site.t
    cache_dir = site.settings.cache_dir
    plan = navimport.plan(site, Offers(site), config.name, navimport.sent_before(cache_dir))
    if plan.problems:
        found = ContentError(plan.problems, t("nav.summary_problems", n=len(plan.problems)), t.language)
        print(f"{found.summary}\n{found.report()}", file=sys.stderr)
        return 1
    print(t("nav.plan", ads=len(plan.ads), new=len(plan.new), unchanged=len(plan.unchanged), stop=len(plan.stop)))
    for value in plan.ads:
        mark = t("nav.mark_new") if value["reference"] in plan.new else t("nav.mark_same")
        print(f"  {mark}  {value['reference']}: {value['title']}")
    for reference in plan.stop:
        print(f"  {t('nav.mark_stop')}  {reference}")
    if not sending:
        print(t("nav.dry_run"))
        return 0
    try:
        outcome = navimport.send(plan, os.environ, t, cache_dir)
    except navimport.SendFailed as error:
        print(error, file=sys.stderr)
        return 2
    print(
        t(
            "nav.sent",
            received=len(outcome.received),
            skipped=len(outcome.skipped),
            stopped=len(outcome.stopped),
            errors=len(outcome.errors),
        )
    )
    for reference, message in outcome.errors:
        print(t("nav.rejected", reference=reference, message=message), file=sys.stderr)
    return 1 if outcome.errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="careersite", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="check content and data files without building")
    check_parser.add_argument("config", nargs="?", default="mkdocs.yml", type=Path)
    commands.add_parser("fields", help="print the reference of all front-matter fields as Markdown")
    commands.add_parser("settings", help="print the reference of all site settings as Markdown")
    commands.add_parser("data", help="print the reference of the data files' keys as Markdown")
    new_parser = commands.add_parser("new", help="create a vacancy or story file to fill in")
    new_parser.add_argument("kind", choices=("vacancy", "story", "site"))
    new_parser.add_argument("title", nargs="?", default="", help="the vacancy's title, or the employee's name")
    new_parser.add_argument("--config", default="mkdocs.yml", type=Path)
    for name in newsite.OPTIONS:  # new site: each value not given is asked in a terminal, else defaulted
        new_parser.add_argument(f"--{name}", help=f"new site: make new-site {newsite.OPTIONS[name]}=…")
    new_parser.add_argument("--force", action="store_true", help="new site: also when the content has changes")
    new_parser.add_argument(
        "--from-environment",
        action="store_true",
        help="new site: take each value not given as an option from CAREERSITE_NEW_<NAME> (what make new-site passes)",
    )
    schedule_parser = commands.add_parser(
        "deploy-schedule", help="print the nightly rebuild's schedule lines for the site's time zone"
    )
    schedule_parser.add_argument("config", nargs="?", default="mkdocs.yml", type=Path)
    schedule_parser.add_argument(
        "--utc", action="store_true", help="UTC lines only, for a scheduler without time zones (one per UTC offset)"
    )
    publish_parser = commands.add_parser(
        "publish", help="check and build for deploying; on a mistake, build the last content that built (make publish)"
    )
    publish_parser.add_argument("config", nargs="?", default="mkdocs.yml", type=Path)
    publish_parser.add_argument("--status", type=Path, help="append status=built|fallback|failed to this file")
    cms_parser = commands.add_parser("cms", help="run the web editor's local server for make serve (make cms)")
    cms_parser.add_argument("config", nargs="?", default="mkdocs.yml", type=Path)
    cms_parser.add_argument("--port", type=int, default=8081)
    cms_parser.add_argument(
        "--origin", action="append", help="the preview's address, when it is not mkdocs.yml's dev_addr (repeatable)"
    )
    nav_parser = commands.add_parser(
        "nav", help="the open vacancies as NAV stillingsimport ads, checked (make nav; --send to send)"
    )
    nav_parser.add_argument("--config", default=Path("mkdocs.yml"), type=Path)
    nav_parser.add_argument("--send", action="store_true", help="send to NAV (NAV_PROVIDER_ID, NAV_TOKEN)")
    report_parser = commands.add_parser(
        "report", help="page views per channel from web-server logs, into report/ (make report LOGS=...)"
    )
    report_parser.add_argument("logs", nargs="*", help="access logs (combined format; plain or .gz; patterns allowed)")
    report_parser.add_argument("--config", default=Path("mkdocs.yml"), type=Path)
    report_parser.add_argument("--out", default=Path("report"), type=Path)
    report_parser.add_argument(
        "--goatcounter", action="store_true", help="also a new export of the site's GoatCounter (GOATCOUNTER_TOKEN)"
    )
    args = parser.parse_args(argv)
    if args.command == "nav":
        return nav(args.config, args.send)
    if args.command == "report":
        return report(args.config, args.logs, args.out, args.goatcounter)
    if args.command == "publish":
        from careersite.publish import deploy

        root = args.config.resolve().parent
        try:
            _, settings, _ = _settings(args.config)
            cache = settings.cache_dir
        except _Unreadable:
            cache = root / ".cache"
        return deploy.publish(root, args.config, cache, args.status)
    if args.command == "cms":
        return editor_server(args.config, args.port, tuple(args.origin or ()))
    if args.command == "deploy-schedule":
        return deploy_schedule(args.config, args.utc)
    if args.command == "new" and args.kind == "site":
        given = {name: getattr(args, name) for name in newsite.OPTIONS if getattr(args, name) is not None}
        if args.from_environment:
            for name, variable in newsite.OPTIONS.items():
                if name not in given and os.environ.get(f"CAREERSITE_NEW_{variable}"):
                    given[name] = os.environ[f"CAREERSITE_NEW_{variable}"]
        code, message = newsite.run(args.config, given, force=args.force, interactive=sys.stdin.isatty())
        print(message, file=sys.stderr if code else sys.stdout)
        return code
    if args.command == "new":
        return new(args.config, args.kind, args.title)
    if args.command == "fields":
        print(fields_reference(), end="")
        return 0
    if args.command == "data":
        print(data_reference(), end="")
        return 0
    if args.command == "settings":
        print(settings_table())
        return 0
    return check(args.config)


if __name__ == "__main__":
    sys.exit(main())
