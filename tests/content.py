"""The example content as the tests read it, independently of the engine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from conftest import EXAMPLE, ROOT  # noqa: F401 - ROOT: the repository, for tests that name its files


def front_matter(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])


def vacancies() -> dict[str, dict[str, Any]]:
    return {p.stem: front_matter(p) for p in sorted((EXAMPLE / "vacancies").glob("*.md"))}


def stories() -> dict[str, dict[str, Any]]:
    return {p.stem: front_matter(p) for p in sorted((EXAMPLE / "stories").glob("*.md"))}


def salary_table() -> dict[str, Any]:
    return yaml.safe_load((EXAMPLE / "content/data/salary.yml").read_text(encoding="utf-8"))


def processes() -> dict[str, Any]:
    return yaml.safe_load((EXAMPLE / "content/data/processes.yml").read_text(encoding="utf-8"))


def hours(value: Any) -> tuple[float, float]:
    parts = str(value).replace("–", "-").split("-")
    return float(parts[0]), float(parts[-1])


def is_open(fm: dict[str, Any], today: dt.date) -> bool:
    return fm["published"] <= today <= fm["closes"] and fm.get("status") not in ("filled", "cancelled")


def euro(amount: float) -> str:
    """Dutch notation of a whole euro amount, "€ 3.108", with white space as `text()` leaves it."""
    return "€ " + f"{round(amount):,}".replace(",", ".")


MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
