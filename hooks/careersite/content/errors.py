"""Author-facing problems, collected as data and reported all at once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from careersite.content.sources import SourceProblem
from careersite.content.text import terminal

if TYPE_CHECKING:
    from careersite.i18n import Translator


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in an author's file: where it is, which field, what is wrong and what to do."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        """`file:line: field: message`, safe to print: a control character in a file name or a
        quoted value is shown as its escape, so that it cannot colour a line or fake an "OK"."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return terminal(text)


def by_file(problems: Iterable[Problem]) -> dict[str, tuple[str, ...]]:
    """The problems of each file, as `line: field: message` (the preview shows them on the file's
    page, the web editor beside its form)."""
    found: dict[str, list[str]] = {}
    for p in problems:
        found.setdefault(p.path, []).append(f"{p.line}: {p.field}: {p.message}" if p.field else p.message)
    return {path: tuple(lines) for path, lines in found.items()}


class ContentError(Exception):
    """Raised when the content has problems; carries every problem found, sorted by place."""

    def __init__(self, problems: list[Problem], summary: str = "", language: str = "nl") -> None:
        self.problems = sorted(problems)
        self.summary = summary or f"{len(self.problems)} problem(s) in the content:"
        self.language = language  # of the site, for messages shown elsewhere (the preview's page)
        super().__init__(self.report())

    def report(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def display_path(path: Path, root: Path) -> str:
    """The path as an author sees it in the repository: relative to the site root when possible."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def source_problem(shown: str, error: SourceProblem, t: Translator, data: bool = False) -> Problem:
    """A file, or its YAML, that cannot be read, as an author's message; `data` for a data file,
    which is YAML throughout, not a Markdown file with YAML at the top."""
    field = "YAML" if error.kind.startswith("yaml") or error.kind == "front_matter_shape" else ""
    if error.kind == "yaml":
        message = t("error.yaml_data" if data else "error.yaml", problem=yaml_hint(error.detail, t))
    elif error.kind == "too_large":
        message = t("error.too_large", size=t.number(round(int(error.detail) / 1_000_000, 1)))
    else:
        message = t(f"error.{error.kind}")
    return Problem(shown, error.line, field, message)


def yaml_hint(problem: str, t: Translator) -> str:
    """PyYAML's words for the most common slips, said in the site's language."""
    for words, key in (
        ("cannot start any token", "error.yaml_hint.tab"),
        ("mapping values are not allowed", "error.yaml_hint.colon"),
        ("could not find expected ':'", "error.yaml_hint.line"),
        ("could not determine a constructor", "error.yaml_hint.tag"),
        ("found undefined alias", "error.yaml_hint.alias"),
    ):
        if words in problem:
            return t(key)
    return problem
