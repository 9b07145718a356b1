"""The organisation's own pages (Markdown in the pages folder): their front matter is MkDocs'
page settings, which MkDocs reads without a word when they are wrong. Checked here like the rest,
so that `make check` finds a misspelled template before the build stops on it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from careersite.content.errors import Problem, display_path, source_problem
from careersite.content.fields import Invalid, plain
from careersite.content.sources import FrontMatterMissing, SourceProblem, read_document
from careersite.i18n import Translator

TEXT_SETTINGS = ("title", "description")


def check_pages(
    pages: Iterable[Path],
    root: Path,
    templates: frozenset[str] | None,
    t: Translator,
    docs_dir: Path | None = None,
    found: dict[str, str] | None = None,
) -> list[Problem]:
    """Problems in the front matter of each page: YAML, titles that are no text, a template that
    does not exist (when `templates`, the names the theme can render, is known). With `found`,
    notes which page uses which template (`alerts.html` → `vacaturemelding.md`, relative to
    `docs_dir`), so that the footer can link the job alerts and feeds pages."""
    problems = []
    for path in pages:
        shown = display_path(path, root)
        try:
            document = read_document(path)
        except FrontMatterMissing:
            continue  # a page without front matter is a page of plain Markdown
        except SourceProblem as error:
            problems.append(source_problem(shown, error, t))
            continue
        except OSError as error:
            problems.append(Problem(shown, 1, "", t("error.unreadable", problem=error.strerror or error)))
            continue
        data = document.front_matter
        for name in TEXT_SETTINGS:
            if name in data:
                problems += _text(data[name], shown, data.lines[name], name, t)
        template = data.get("template")
        if found is not None and docs_dir is not None and isinstance(template, str):
            found.setdefault(template, path.relative_to(docs_dir).as_posix())
        if template is not None and templates is not None and str(template) not in templates:
            options = ", ".join(sorted(n for n in templates if "/" not in n and n != "main.html"))
            problems.append(
                Problem(shown, data.lines["template"], "template", t("error.template", value=template, options=options))
            )
    return problems


def _text(value: Any, shown: str, line: int, name: str, t: Translator) -> list[Problem]:
    try:
        if not plain(value):
            raise Invalid("error.empty")
    except Invalid as error:
        return [Problem(shown, line, name, t(error.key, **error.params))]
    return []


def template_names(folders: Iterable[Path]) -> frozenset[str]:
    """Every template a theme can render, by the name a page gives in `template:`."""
    names = set()
    for folder in folders:
        if folder.is_dir():
            names |= {p.relative_to(folder).as_posix() for p in folder.rglob("*.html")}
    return frozenset(names)
