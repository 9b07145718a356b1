"""Loading the site's data files (salary table, hiring processes) with a problem for each mistake."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from careersite.content.errors import Problem
from careersite.content.sources import LineDict, YamlSyntaxError, load_yaml
from careersite.i18n import Translator
from careersite.rules.process import STEP_KINDS, HiringProcess, Step
from careersite.rules.salary import PERIODS, Extra, SalaryTable, Scale

_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class _DataFile:
    """One YAML data file being read: its problems carry the file and line."""

    def __init__(self, path: Path, shown: str, t: Translator) -> None:
        self.shown = shown
        self.t = t
        self.problems: list[Problem] = []
        try:
            self.data: Any = load_yaml(path.read_text(encoding="utf-8"))
        except YamlSyntaxError as error:
            self.problems.append(Problem(shown, error.line, "YAML", t("error.yaml", problem=error.problem)))
            self.data = None
        except OSError:
            self.problems.append(Problem(shown, 0, "", t("error.data_unreadable")))
            self.data = None

    def problem(self, mapping: Any, key: str, field: str, message: str) -> None:
        line = mapping.lines.get(key, 0) if isinstance(mapping, LineDict) else 0
        self.problems.append(Problem(self.shown, line, field, message))


def load_salary_table(path: Path, shown: str, t: Translator) -> tuple[SalaryTable | None, list[Problem]]:
    f = _DataFile(path, shown, t)
    d = f.data
    if d is None:
        return None, f.problems
    if not isinstance(d, dict):
        f.problem(None, "", "scales", t("error.salary_table_shape"))
        return None, f.problems
    scales: dict[str, Scale] = {}
    raw_scales = d.get("scales")
    if not isinstance(raw_scales, dict) or not raw_scales:
        f.problem(d, "scales", "scales", t("error.salary_scales_missing"))
    else:
        for key, steps in raw_scales.items():
            numbers = steps if isinstance(steps, list) else None
            if not numbers or not all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers):
                f.problem(raw_scales, key, f"scales.{key}", t("error.salary_steps_numbers"))
            elif list(numbers) != sorted(numbers):
                f.problem(raw_scales, key, f"scales.{key}", t("error.salary_steps_order"))
            else:
                scales[str(key)] = Scale(str(key), tuple(float(n) for n in numbers))
    period = str(d.get("period", "month"))
    if period not in PERIODS:
        f.problem(d, "period", "period", t("error.salary_period", value=period))
    hours = d.get("fulltime_hours", 36)
    if not isinstance(hours, int | float) or not 0 < hours <= 60:
        f.problem(d, "fulltime_hours", "fulltime_hours", t("error.fulltime_hours"))
        hours = 36
    effective = d.get("effective")
    if not isinstance(effective, dt.date):
        f.problem(d, "effective", "effective", t("error.not_a_date", value=effective))
    extras = []
    for index, extra in enumerate(d.get("extras") or []):
        if not isinstance(extra, dict) or not extra.get("name"):
            f.problem(d, "extras", f"extras[{index + 1}]", t("error.extra_shape"))
            continue
        percent = extra.get("percent")
        extras.append(Extra(str(extra["name"]), str(extra.get("description", "")).strip(), percent))
    table = SalaryTable(
        name=str(d.get("name", "")),
        effective=effective,
        currency=str(d.get("currency", "EUR")).upper(),
        period=period,
        fulltime_hours=float(hours),
        scales=scales,
        extras=tuple(extras),
    )
    return table, f.problems


def load_processes(path: Path, shown: str, t: Translator) -> tuple[dict[str, HiringProcess], list[Problem]]:
    f = _DataFile(path, shown, t)
    d = f.data
    processes: dict[str, HiringProcess] = {}
    if not isinstance(d, dict):
        if d is not None:
            f.problem(None, "", "", t("error.processes_shape"))
        return processes, f.problems
    for key, spec in d.items():
        if not isinstance(spec, dict):
            f.problem(d, key, str(key), t("error.processes_shape"))
            continue
        steps: list[Step] = []
        raw_steps = spec.get("steps")
        if not isinstance(raw_steps, list) or not raw_steps:
            f.problem(spec, "steps", f"{key}.steps", t("error.process_steps_missing"))
            raw_steps = []
        seen: set[str] = set()
        for index, raw in enumerate(raw_steps, start=1):
            where = f"{key}.steps[{index}]"
            if not isinstance(raw, dict):
                f.problem(spec, "steps", where, t("error.process_step_shape"))
                continue
            step_key = str(raw.get("key", ""))
            days = raw.get("days")
            kind = raw.get("kind")
            if not _KEY.match(step_key) or step_key in seen:
                f.problem(raw, "key", f"{where}.key", t("error.process_step_key", value=step_key))
            elif not raw.get("name"):
                f.problem(raw, "key", f"{where}.name", t("error.required"))
            elif isinstance(days, bool) or not isinstance(days, int) or days < 0:
                f.problem(raw, "days", f"{where}.days", t("error.process_step_days"))
            elif kind is not None and kind not in STEP_KINDS:
                f.problem(raw, "kind", f"{where}.kind", t("error.choice", value=kind, options=", ".join(STEP_KINDS)))
            else:
                seen.add(step_key)
                steps.append(Step(step_key, str(raw["name"]), str(raw.get("description", "")).strip(), days, kind))
        reply = spec.get("reply_within_days", 14)
        if isinstance(reply, bool) or not isinstance(reply, int) or reply < 0:
            f.problem(spec, "reply_within_days", f"{key}.reply_within_days", t("error.process_step_days"))
            reply = 14
        processes[str(key)] = HiringProcess(
            str(key), str(spec.get("name", key)), str(spec.get("summary", "")).strip(), reply, tuple(steps)
        )
    return processes, f.problems
