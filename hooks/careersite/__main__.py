"""Command line.

`python -m careersite check mkdocs.yml` checks all content without building;
`python -m careersite fields` prints the reference of the front-matter fields;
`python -m careersite settings` prints the reference of the site settings;
`python -m careersite new vacancy "Title"` / `new story "Name"` create a file to fill in.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from careersite.config import load
from careersite.content import scaffold
from careersite.content.errors import ContentError
from careersite.content.fields import Field
from careersite.content.model import STORY_FIELDS, VACANCY_FIELDS
from careersite.content.settings import settings_table
from careersite.rules import clock


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="careersite", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="check content and data files without building")
    check_parser.add_argument("config", nargs="?", default="mkdocs.yml", type=Path)
    commands.add_parser("fields", help="print the reference of all front-matter fields as Markdown")
    commands.add_parser("settings", help="print the reference of all site settings as Markdown")
    new_parser = commands.add_parser("new", help="create a vacancy or story file to fill in")
    new_parser.add_argument("kind", choices=("vacancy", "story"))
    new_parser.add_argument("title", nargs="?", default="", help="the vacancy's title, or the employee's name")
    new_parser.add_argument("--config", default="mkdocs.yml", type=Path)
    args = parser.parse_args(argv)
    if args.command == "new":
        return new(args.config, args.kind, args.title)
    if args.command == "fields":
        print(fields_reference(), end="")
        return 0
    if args.command == "settings":
        print(settings_table())
        return 0
    return check(args.config)


if __name__ == "__main__":
    sys.exit(main())
