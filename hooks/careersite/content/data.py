"""Loading the site's data files (salary table, hiring processes) with a problem for each mistake.

Every problem names the file, the line and the key, as for content files; a file that is empty,
unreadable or of the wrong shape is a problem too, never a silent empty table.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from careersite.content.errors import Problem, source_problem
from careersite.content.fields import PLAUSIBLE_PAY, Invalid, date, is_empty, plain, scalar, suggest
from careersite.content.sources import LineDict, SourceProblem, read_yaml_file
from careersite.content.wording import CATEGORIES, CHECKS, SiteWording
from careersite.i18n import Translator
from careersite.rules.process import STEP_KINDS, HiringProcess, Step
from careersite.rules.salary import PERIODS, STEP_BASES, Extra, SalaryTable, Scale

_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
TABLE_KEYS = (
    "name",
    "effective",
    "currency",
    "period",
    "fulltime_hours",
    "extras",
    "scales",
    "step_basis",
    "step_years",
)
EXTRA_KEYS = ("name", "percent", "description")
PROCESS_KEYS = ("name", "summary", "reply_within_days", "steps")
STEP_KEYS = ("key", "name", "description", "days", "kind")


class _DataFile:
    """One YAML data file being read: its problems carry the file, the line and the key."""

    def __init__(self, path: Path, shown: str, t: Translator) -> None:
        self.shown = shown
        self.t = t
        self.problems: list[Problem] = []
        self.data: Any = None
        try:
            self.data, strays = read_yaml_file(path)
        except SourceProblem as error:
            self.problems.append(source_problem(shown, error, t, data=True))
            return
        except OSError as error:
            self.problems.append(Problem(shown, 0, "", t("error.data_unreadable", problem=error.strerror or error)))
            return
        for stray in strays:
            self.problems.append(
                Problem(shown, stray.line, "", t("error.stray_character", code=stray.code, name=stray.name))
            )
        if self.data is None:
            self.problems.append(Problem(shown, 1, "", t("error.data_empty")))

    def problem(self, mapping: Any, key: Any, field: str, message: str) -> None:
        line = mapping.lines.get(key, 1) if isinstance(mapping, LineDict) else 1
        self.problems.append(Problem(self.shown, line, field, message))

    def keys(self, mapping: LineDict, known: tuple[str, ...], prefix: str) -> None:
        """Report keys a block does not have, and keys written twice."""
        for key, line in mapping.duplicates:
            self.problems.append(Problem(self.shown, line, f"{prefix}{key}", self.t("error.duplicate")))
        for key in mapping:
            if str(key) not in known:
                close = suggest(key, known)
                hint = (
                    self.t("error.did_you_mean", name=close)
                    if close
                    else self.t("error.known_fields", names=", ".join(known))
                )
                self.problem(mapping, key, f"{prefix}{key}", self.t("error.unknown_field", hint=hint))

    def value(self, mapping: LineDict, key: str, field: str, parse: Callable[[Any], Any], default: Any) -> Any:
        """`parse` of the value at `key`, or `default` (with a problem when the value is wrong)."""
        if key not in mapping:
            return default
        try:
            return parse(mapping[key])
        except Invalid as error:
            self.problem(mapping, key, field, self.t(error.key, **error.params))
            return default


def _number(low: float, high: float, key: str) -> Callable[[Any], float]:
    def parse(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise Invalid(key, value=value)
        if not low <= value <= high:
            raise Invalid(key, value=value)
        return float(value)

    return parse


def _whole(low: int, high: int, key: str = "error.process_step_days") -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise Invalid(key, value=value, low=low, high=high)
        return value

    return parse


def _choice(options: tuple[str, ...]) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        word = scalar(value)
        if word not in options:
            raise Invalid("error.choice", value=word, options=", ".join(options))
        return word

    return parse


def _text(value: Any) -> str:
    result = plain(value) if not is_empty(value) else ""
    return result


def _currency(value: Any) -> str:
    code = scalar(value).upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise Invalid("error.currency", value=code)
    return code


def load_salary_table(path: Path, shown: str, t: Translator) -> tuple[SalaryTable | None, list[Problem]]:
    f = _DataFile(path, shown, t)
    d = f.data
    if d is None:
        return None, f.problems
    if not isinstance(d, LineDict):
        f.problem(None, "", "", t("error.salary_table_shape"))
        return None, f.problems
    f.keys(d, TABLE_KEYS, "")
    period = f.value(d, "period", "period", _choice(PERIODS), "month")
    low, high = PLAUSIBLE_PAY[period]
    scales: dict[str, Scale] = {}
    raw_scales = d.get("scales")
    if not isinstance(raw_scales, LineDict) or not raw_scales:
        f.problem(d, "scales", "scales", t("error.salary_scales_missing"))
    else:
        f.keys(raw_scales, tuple(str(k) for k in raw_scales), "scales.")
        for key, steps in raw_scales.items():
            numbers = steps if isinstance(steps, list) else None
            if not numbers or not all(
                isinstance(n, int | float) and not isinstance(n, bool) and math.isfinite(n) and low <= n <= high
                for n in numbers
            ):
                f.problem(raw_scales, key, f"scales.{key}", t("error.salary_steps_numbers"))
            elif list(numbers) != sorted(numbers):
                f.problem(raw_scales, key, f"scales.{key}", t("error.salary_steps_order"))
            else:
                scales[str(key)] = Scale(str(key), tuple(float(n) for n in numbers))
    hours = f.value(d, "fulltime_hours", "fulltime_hours", _number(1, 60, "error.fulltime_hours"), 36.0)
    if "effective" not in d:
        f.problem(d, "effective", "effective", t("error.missing", field="effective", example="2026-01-01"))
    effective = f.value(d, "effective", "effective", lambda v: date(v, None), None)
    currency = f.value(d, "currency", "currency", _currency, "EUR")
    extras = []
    raw_extras = d.get("extras") or []
    if not isinstance(raw_extras, list):
        f.problem(d, "extras", "extras", t("error.extra_shape"))
        raw_extras = []
    for index, extra in enumerate(raw_extras, start=1):
        where = f"extras[{index}]"
        if not isinstance(extra, LineDict) or is_empty(extra.get("name")):
            f.problem(d, "extras", where, t("error.extra_shape"))
            continue
        f.keys(extra, EXTRA_KEYS, f"{where}.")
        name = f.value(extra, "name", f"{where}.name", _text, "")
        percent = f.value(extra, "percent", f"{where}.percent", _number(0.01, 100, "error.extra_percent"), None)
        description = f.value(extra, "description", f"{where}.description", _text, "")
        extras.append(Extra(name, description, percent))
    step_basis = f.value(d, "step_basis", "step_basis", _choice(STEP_BASES), "yearly")
    step_years: tuple[int, ...] = ()
    if step_basis == "seniority":
        raw_years = d.get("step_years")
        longest = max((len(scale.steps) for scale in scales.values()), default=0)
        if (
            not isinstance(raw_years, list)
            or not all(isinstance(y, int) and not isinstance(y, bool) and 0 <= y <= 60 for y in raw_years)
            or list(raw_years) != sorted(set(raw_years))
            or len(raw_years) < longest
        ):
            f.problem(
                d, "step_years" if "step_years" in d else "step_basis", "step_years", t("error.step_years", n=longest)
            )
        else:
            step_years = tuple(raw_years)
    table = SalaryTable(
        name=f.value(d, "name", "name", _text, ""),
        effective=effective,
        currency=currency,
        period=period,
        fulltime_hours=hours,
        scales=scales,
        extras=tuple(extras),
        step_basis=step_basis,
        step_years=step_years,
    )
    return table, f.problems


def load_processes(path: Path, shown: str, t: Translator) -> tuple[dict[str, HiringProcess], list[Problem]]:
    f = _DataFile(path, shown, t)
    d = f.data
    processes: dict[str, HiringProcess] = {}
    if d is None:
        return processes, f.problems
    if not isinstance(d, LineDict) or not d:
        f.problem(None, "", "", t("error.processes_shape"))
        return processes, f.problems
    for key, line in d.duplicates:
        f.problems.append(Problem(shown, line, str(key), t("error.duplicate_process")))
    for key, spec in d.items():
        if not isinstance(key, str) or not _KEY.match(key):
            f.problem(d, key, str(key), t("error.process_key", value=key))
            continue
        if not isinstance(spec, LineDict):
            f.problem(d, key, key, t("error.processes_shape"))
            continue
        f.keys(spec, PROCESS_KEYS, f"{key}.")
        processes[key] = HiringProcess(
            key,
            f.value(spec, "name", f"{key}.name", _text, "") or key,
            f.value(spec, "summary", f"{key}.summary", _text, ""),
            f.value(spec, "reply_within_days", f"{key}.reply_within_days", _whole(0, 365), 14),
            _steps(f, spec, key),
        )
    return processes, f.problems


def _steps(f: _DataFile, spec: LineDict, process: str) -> tuple[Step, ...]:
    t = f.t
    raw_steps = spec.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        f.problem(spec, "steps", f"{process}.steps", t("error.process_steps_missing"))
        return ()
    steps: list[Step] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_steps, start=1):
        where = f"{process}.steps[{index}]"
        if not isinstance(raw, LineDict):
            f.problem(spec, "steps", where, t("error.process_step_shape"))
            continue
        f.keys(raw, STEP_KEYS, f"{where}.")
        step_key = str(raw.get("key", ""))
        if not _KEY.match(step_key) or step_key in seen:
            f.problem(raw, "key", f"{where}.key", t("error.process_step_key", value=step_key))
            continue
        if is_empty(raw.get("name")):
            f.problem(raw, "key", f"{where}.name", t("error.required"))
            continue
        if "days" not in raw:
            f.problem(raw, "key", f"{where}.days", t("error.process_step_days"))
            continue
        days = f.value(raw, "days", f"{where}.days", _whole(0, 365), None)
        kind = f.value(raw, "kind", f"{where}.kind", _choice(STEP_KINDS), None)
        if days is None or ("kind" in raw and kind is None):
            continue
        seen.add(step_key)
        name = f.value(raw, "name", f"{where}.name", _text, step_key)
        description = f.value(raw, "description", f"{where}.description", _text, "")
        steps.append(Step(step_key, name, description, days, kind))
    return tuple(steps)


def load_departments(path: Path, shown: str, t: Translator) -> tuple[tuple[str, ...] | None, list[Problem]]:
    """The departments the web editor offers, from `departments: [name, …]`; None without the file
    (the list is optional: each file then names its department as it likes)."""
    if not path.is_file():
        return None, []
    f = _DataFile(path, shown, t)
    d = f.data
    if d is None:
        return (), f.problems
    if not isinstance(d, LineDict) or not isinstance(d.get("departments", []), list):
        f.problem(d, "departments", "departments", t("error.departments_shape"))
        return (), f.problems
    f.keys(d, ("departments",), "")
    names: list[str] = []
    seen: set[str] = set()
    for index, raw in enumerate(d.get("departments") or [], start=1):
        try:
            name = _text(raw)
        except Invalid as error:
            f.problem(d, "departments", f"departments[{index}]", t(error.key, **error.params))
            continue
        if not name:
            continue
        if name.casefold() in seen:
            f.problem(d, "departments", f"departments[{index}]", t("error.department_twice", value=name))
            continue
        seen.add(name.casefold())
        names.append(name)
    return tuple(names), f.problems


def load_wording(path: Path, shown: str, t: Translator) -> tuple[SiteWording, list[Problem]]:
    """The site's own choices for the text check (`skip`, `words`, `sentence_words`); the engine's
    rules alone without the file."""
    if not path.is_file():
        return SiteWording(), []
    f = _DataFile(path, shown, t)
    d = f.data
    if d is None:
        return SiteWording(), f.problems
    if not isinstance(d, LineDict):
        f.problem(None, "", "", t("error.wording_shape"))
        return SiteWording(), f.problems
    f.keys(d, ("skip", "words", "sentence_words"), "")
    off: list[str] = []
    raw_off = d.get("skip") or []
    for index, name in enumerate(raw_off if isinstance(raw_off, list) else [raw_off], start=1):
        key = str(name) if isinstance(name, str) else repr(name)
        if key not in CHECKS:
            f.problem(d, "skip", f"skip[{index}]", t("error.choice", value=key, options=", ".join(CHECKS)))
        else:
            off.append(key)
    words: dict[str, tuple[str, ...]] = {}
    raw_words = d.get("words") or {}
    if not isinstance(raw_words, LineDict):
        f.problem(d, "words", "words", t("error.wording_words", options=", ".join(CATEGORIES)))
    else:
        for rule, phrases in raw_words.items():
            where = f"words.{rule}"
            if str(rule) not in CATEGORIES:
                f.problem(raw_words, rule, where, t("error.choice", value=rule, options=", ".join(CATEGORIES)))
                continue
            listed = phrases if isinstance(phrases, list) else None
            if not listed or not all(isinstance(p, str) and p.strip() for p in listed):
                f.problem(raw_words, rule, where, t("error.wording_words", options=", ".join(CATEGORIES)))
                continue
            try:
                words[str(rule)] = tuple(plain(p) for p in listed)
            except Invalid as error:
                f.problem(raw_words, rule, where, t(error.key, **error.params))
    limit = f.value(d, "sentence_words", "sentence_words", _whole(10, 80, "error.wording_sentence_words"), None)
    return SiteWording(frozenset(off), words, limit), f.problems
