"""Broken and hostile content files (the corpus in hostile.py): every one is a clear message at the
right line, `make check` and the build say the same, and nothing is built from them."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from conftest import copy_example, run_build
from hostile import CASES, Case, by_file
from test_author_errors import run_check


def case_text(case: Case) -> str:
    if case.bytes_ is not None:
        return case.bytes_.decode("utf-8", "replace")
    if case.encoding.startswith("utf-16"):
        return ""
    return case.text()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site with every broken file of the corpus beside its own good files."""
    root = copy_example(tmp_path_factory.mktemp("corpus"))
    for case in CASES:
        case.write(root)
    return root


@pytest.fixture(scope="module")
def checked(corpus: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.perf_counter()
    result = run_check(corpus)
    return result, time.perf_counter() - started  # the time is for a person reading the test log


def test_corpus_has_a_hundred_cases_with_distinct_names() -> None:
    names = [case.name for case in CASES]
    assert len(set(names)) == len(names)
    assert len(CASES) >= 100


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_check_reports_the_mistake_at_its_line(
    case: Case, checked: tuple[subprocess.CompletedProcess[str], float]
) -> None:
    result, _ = checked
    reported = by_file(result.stderr.splitlines()).get(case.path, [])
    text = case_text(case)
    for expect in case.expect:
        line = expect.line(text) if text else 1
        prefix = f"{case.path}:{line}: {expect.field}: " if expect.field else f"{case.path}:{line}: "
        matching = [entry for entry in reported if entry.startswith(prefix)]
        assert matching, f"no message starting with {prefix!r}; reported for this file:\n" + "\n".join(reported)
        assert any(expect.words.lower() in entry.lower() for entry in matching), "\n".join(matching)
    assert len(reported) == len(case.expect), "unexpected extra messages:\n" + "\n".join(reported)


def test_only_the_broken_files_are_reported(checked: tuple[subprocess.CompletedProcess[str], float]) -> None:
    result, _ = checked
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    reported = set(by_file(result.stderr.splitlines()))
    assert reported == {case.path for case in CASES}
    messages = sum(len(case.expect) for case in CASES)
    assert result.stderr.startswith(f"{messages} fouten in de inhoud")
    # Alias bombs and huge values give a message of a line, not gigabytes.
    assert max(len(line) for line in result.stderr.splitlines()) < 1000


def test_build_reports_the_same_and_keeps_the_previous_site(
    corpus: Path, checked: tuple[subprocess.CompletedProcess[str], float]
) -> None:
    previous = corpus / "site"
    previous.mkdir(exist_ok=True)
    (previous / "index.html").write_text("previous good site", encoding="utf-8")
    build = run_build(corpus)
    assert build.returncode != 0
    assert "Traceback" not in build.output
    problems = [line for line in checked[0].stderr.splitlines() if line.startswith(("vacancies/", "stories/"))]
    assert problems
    for line in problems:
        assert line in build.output
    assert sorted(os.listdir(previous)) == ["index.html"]
    assert not (corpus / "site.partial").exists()
    assert not any(corpus.glob("site.partial-cards*"))


PAGE_CASES = [
    # (page, old, new, field, words, text on the line)
    (
        "content/vacatures/index.md",
        "template: vacancies.html",
        "template: vacatures.html",
        "template",
        "vacatures.html",
    ),
    ("content/werken-bij.md", "title: Waarom Lindewaard", "title: [Waarom, Lindewaard]", "title", "geen lijst"),
    ("content/privacy.md", "title: Privacy", "title: Privacy: zo", "YAML", "geen geldige YAML"),
    ("content/werken-bij.md", "\n\n", '\n\n<script src="https://cdn.example/x.js"></script>\n\n', "body", "<script>"),
    (
        "content/salaris.md",
        "\n\n",
        '\n\n<iframe src="https://www.youtube.com/embed/x"></iframe>\n\n',
        "body",
        "<iframe>",
    ),
]


@pytest.mark.parametrize(("page", "old", "new", "field", "words"), PAGE_CASES, ids=lambda v: str(v)[:30])
def test_mistakes_in_the_organisations_pages_are_reported(
    site_copy: Path, page: str, old: str, new: str, field: str, words: str
) -> None:
    path = site_copy / page
    text = path.read_text(encoding="utf-8")
    position = text.index(old, text.index("---", 3) if field == "body" else 0)
    path.write_text(text[:position] + new + text[position + len(old) :], encoding="utf-8")
    marker = new.strip().split("\n")[0][:12]
    line = next(i for i, entry in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if marker in entry)
    result = run_check(site_copy)
    assert result.returncode == 1
    assert f"{page}:{line}: {field}: " in result.stderr and words in result.stderr, result.stderr
