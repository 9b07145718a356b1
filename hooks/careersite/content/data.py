"""The site's data files (salary table, hiring processes, departments, text check), declared the
way front matter is: each key a `Field` with its parser, its default written once and its meaning.

Every problem names the file, the line and the key, as for content files; a file that is empty,
unreadable or of the wrong shape is a problem too, never a silent empty table. The parsers are the
same family as the front matter's and the settings' (`parse(value, ctx)`, `fields`); here `ctx` is
the block being read (`Block`): the values read before in the same block, and the file, for parsers
of nested blocks that report several problems at their own lines.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careersite.content.errors import Problem, source_problem
from careersite.content.fields import (
    PLAUSIBLE_PAY,
    Field,
    Invalid,
    boolean,
    choice,
    currency,
    date,
    is_empty,
    number,
    optional_text,
    plain,
    suggest,
    text,
    whole,
)
from careersite.content.sources import LineDict, SourceProblem, read_yaml_file
from careersite.content.wording import CATEGORIES, CHECKS, SiteWording
from careersite.i18n import Translator
from careersite.rules.process import STEP_KINDS, HiringProcess, Step
from careersite.rules.salary import PERIODS, STEP_BASES, Extra, SalaryTable, Scale

_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


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
        """A problem at `key` of `mapping`, or at the block's first line when the key is missing."""
        line = 1
        if isinstance(mapping, LineDict):
            line = mapping.lines.get(key) or min(mapping.lines.values(), default=1)
        self.problems.append(Problem(self.shown, line, field, message))

    def invalid(self, mapping: Any, key: Any, field: str, error: Invalid) -> None:
        self.problem(
            mapping, key, f"{field}.{error.field}" if error.field else field, self.t(error.key, **error.params)
        )

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

    def block(self, mapping: LineDict, fields: tuple[Field, ...], prefix: str = "") -> Block:
        """The declared `fields` of `mapping`, in their order (a parser may read the values before
        it): each missing one its default, each wrong one its default and a problem."""
        self.keys(mapping, tuple(f.name for f in fields), prefix)
        read = Block(self, mapping, prefix)
        for spec in fields:
            where = f"{prefix}{spec.name}"
            if spec.name not in mapping or (is_empty(mapping[spec.name]) and not spec.required):
                if spec.required:
                    self.problem(
                        mapping, spec.name, where, self.t("error.missing", field=spec.name, example=spec.example)
                    )
                read.values[spec.name] = spec.default
                continue
            try:
                read.values[spec.name] = spec.parse(mapping[spec.name], read)
            except Invalid as error:
                self.invalid(mapping, spec.name, where, error)
                read.values[spec.name] = spec.default
        return read


@dataclass
class Block:
    """A block of a data file being read: what its parsers get as `ctx`."""

    file: _DataFile
    mapping: LineDict
    prefix: str
    values: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


def _list_of_blocks(
    value: Any, ctx: Block, key: str, fields: tuple[Field, ...], shape: str, name: str = "name"
) -> list[tuple[str, Block]]:
    """The blocks of a list under `key` (`extras`, `steps`), each read by its `fields`; an item that
    is no block or has no `name` is a problem at the list's line (`shape`) and left out."""
    f = ctx.file
    if not isinstance(value, list):
        raise Invalid(shape)
    blocks = []
    for index, item in enumerate(value, start=1):
        where = f"{ctx.prefix}{key}[{index}]"
        if not isinstance(item, LineDict) or is_empty(item.get(name)):
            f.problem(ctx.mapping, key, where, f.t(shape))
            continue
        blocks.append((where, f.block(item, fields, f"{where}.")))
    return blocks


# The salary table (setting `salary_table`).


def _scale_steps(value: Any, ctx: Block) -> dict[str, Scale]:
    """`scales`: each scale's full-time amounts, lowest first, plausible for the table's period."""
    f = ctx.file
    if not isinstance(value, LineDict) or not value:
        raise Invalid("error.salary_scales_missing")
    low, high = PLAUSIBLE_PAY[ctx["period"]]
    f.keys(value, tuple(str(k) for k in value), f"{ctx.prefix}scales.")
    scales: dict[str, Scale] = {}
    for key, steps in value.items():
        where = f"{ctx.prefix}scales.{key}"
        numbers = steps if isinstance(steps, list) else None
        if not numbers or not all(
            isinstance(n, int | float) and not isinstance(n, bool) and math.isfinite(n) and low <= n <= high
            for n in numbers
        ):
            f.problem(value, key, where, f.t("error.salary_steps_numbers"))
        elif list(numbers) != sorted(numbers):
            f.problem(value, key, where, f.t("error.salary_steps_order"))
        else:
            scales[str(key)] = Scale(str(key), tuple(float(n) for n in numbers))
    return scales


EXTRA = (
    Field("name", optional_text, required=True, doc="what comes on top of the salary", example="IKB"),
    Field("percent", number(0.01, 100, "error.extra_percent"), doc="its share of the salary, in percent"),
    Field("description", optional_text, default="", doc="one sentence on what it is"),
)


def _extras(value: Any, ctx: Block) -> tuple[Extra, ...]:
    return tuple(
        Extra(read["name"], read["description"], read["percent"])
        for _, read in _list_of_blocks(value, ctx, "extras", EXTRA, "error.extra_shape")
    )


def _step_years(value: Any, ctx: Block) -> tuple[int, ...]:
    """With `step_basis: seniority`, the years of service of each step: rising, one per step."""
    if ctx["step_basis"] != "seniority":
        return ()
    longest = max((len(scale.steps) for scale in (ctx["scales"] or {}).values()), default=0)
    if (
        not isinstance(value, list)
        or not all(isinstance(y, int) and not isinstance(y, bool) and 0 <= y <= 60 for y in value)
        or list(value) != sorted(set(value))
        or len(value) < longest
    ):
        raise Invalid("error.step_years", n=longest)
    return tuple(value)


SALARY_TABLE = (
    Field("name", optional_text, default="", doc="the table's name, shown on the pay page", example="Cao Gemeenten"),
    Field("effective", date, required=True, doc="the day its amounts apply from", example="2026-01-01"),
    Field("currency", currency, default="EUR", doc="ISO 4217 code of its amounts"),
    Field("period", choice(*PERIODS), default="month", doc="the amounts per `month`, `year` or `hour`"),
    Field("fulltime_hours", number(1, 60, "error.fulltime_hours"), default=36.0, doc="hours of a full-time week"),
    Field(
        "extras", _extras, default=(), doc="what comes on top of the salary: blocks of `name`, `percent`, `description`"
    ),
    Field(
        "scales",
        _scale_steps,
        required=True,
        doc="each scale's full-time amounts per step",
        example='{"10": [3496, 3681]}',
    ),
    Field("step_basis", choice(*STEP_BASES), default="yearly", doc="how pay rises through the steps"),
    Field("step_years", _step_years, default=(), doc="with `step_basis: seniority`, the years of service of each step"),
)


def load_salary_table(path: Path, shown: str, t: Translator) -> tuple[SalaryTable | None, list[Problem]]:
    f = _DataFile(path, shown, t)
    d = f.data
    if d is None:
        return None, f.problems
    if not isinstance(d, LineDict):
        f.problem(None, "", "", t("error.salary_table_shape"))
        return None, f.problems
    read = f.block(d, SALARY_TABLE)
    read.values["scales"] = read["scales"] or {}
    if read["step_basis"] == "seniority" and "step_years" not in d:
        longest = max((len(scale.steps) for scale in read["scales"].values()), default=0)
        f.problem(d, "step_basis", "step_years", t("error.step_years", n=longest))
    return SalaryTable(**read.values), f.problems


# The hiring processes (setting `processes`): a block per process, named by its key.


def _steps(value: Any, ctx: Block) -> tuple[Step, ...]:
    f = ctx.file
    if not isinstance(value, list) or not value:
        raise Invalid("error.process_steps_missing")
    steps: list[Step] = []
    seen: set[str] = set()
    for where, read in _list_of_blocks(value, ctx, "steps", STEP, "error.process_step_shape", name="key"):
        key = read["key"]
        if key is None:
            continue  # missing or malformed: said once, by the step's block
        if key in seen:
            f.problem(read.mapping, "key", f"{where}.key", f.t("error.process_step_key", value=key))
            continue
        if read["name"] is None or read["days"] is None or ("kind" in read.mapping and read["kind"] is None):
            continue
        seen.add(key)
        steps.append(Step(key, read["name"], read["description"], read["days"], read["kind"]))
    return tuple(steps)


def _key(value: Any, ctx: Any) -> str:
    word = str(value)
    if not _KEY.match(word):
        raise Invalid("error.process_step_key", value=word)
    return word


STEP = (
    Field(
        "key",
        _key,
        required=True,
        doc="the step's own short name, used in a vacancy's `process_dates`",
        example="gesprek1",
    ),
    Field("name", text(), required=True, doc="the step as candidates read it", example="Eerste gesprek"),
    Field("description", optional_text, default="", doc="what happens in it"),
    Field(
        "days",
        whole(0, 365, "error.process_step_days"),
        required=True,
        doc="typical days after the step before (the first: after closing), moved to a working day",
        example="7",
    ),
    Field("kind", choice(*STEP_KINDS), doc="`assessment` or `screening`: a step the recruitment code says to announce"),
)
PROCESS = (
    Field("name", optional_text, default="", doc="the procedure's name (its key when left empty)"),
    Field("summary", optional_text, default="", doc="one or two sentences for the vacancy page"),
    Field(
        "reply_within_days",
        whole(0, 365, "error.process_step_days"),
        default=14,
        doc="days after closing by which every applicant hears whether they are invited",
    ),
    Field(
        "internet_search",
        boolean,
        doc="`true` or `false`: whether you look candidates up on the internet, said on each vacancy page "
        "(the NVP Sollicitatiecode asks it; a warning when left out)",
    ),
    Field(
        "steps",
        _steps,
        required=True,
        doc="the steps after closing, in order: blocks of `key`, `name`, `description`, `days`, `kind`",
        example="[{key: gesprek1, name: Eerste gesprek, days: 7}]",
    ),
)


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
        read = f.block(spec, PROCESS, f"{key}.")
        processes[key] = HiringProcess(
            key,
            read["name"] or key,
            read["summary"],
            read["reply_within_days"],
            read["steps"] or (),
            read["internet_search"],
            d.lines.get(key, 0),
        )
    return processes, f.problems


# The departments the web editor offers (setting `departments`), and the site's choices for the text
# check (setting `wording`): both optional files.


def _departments(value: Any, ctx: Block) -> tuple[str, ...]:
    f = ctx.file
    if not isinstance(value, list):
        raise Invalid("error.departments_shape")
    names: list[str] = []
    seen: set[str] = set()
    for index, raw in enumerate(value, start=1):
        where = f"{ctx.prefix}departments[{index}]"
        try:
            name = optional_text(raw, ctx)
        except Invalid as error:
            f.invalid(ctx.mapping, "departments", where, error)
            continue
        if not name:
            continue
        if name.casefold() in seen:
            f.problem(ctx.mapping, "departments", where, f.t("error.department_twice", value=name))
            continue
        seen.add(name.casefold())
        names.append(name)
    return tuple(names)


DEPARTMENTS = (Field("departments", _departments, default=(), doc="the departments, one name each"),)


def load_departments(path: Path, shown: str, t: Translator) -> tuple[tuple[str, ...] | None, list[Problem]]:
    """The departments the web editor offers; None without the file (the list is optional: each
    file then names its department as it likes)."""
    if not path.is_file():
        return None, []
    f = _DataFile(path, shown, t)
    d = f.data
    if d is None:
        return (), f.problems
    if not isinstance(d, LineDict):
        f.problem(d, "departments", "departments", t("error.departments_shape"))
        return (), f.problems
    return f.block(d, DEPARTMENTS)["departments"] or (), f.problems


def _skip(value: Any, ctx: Block) -> frozenset[str]:
    f = ctx.file
    off: list[str] = []
    for index, name in enumerate(value if isinstance(value, list) else [value], start=1):
        key = str(name) if isinstance(name, str) else repr(name)
        if key not in CHECKS:
            f.problem(ctx.mapping, "skip", f"skip[{index}]", f.t("error.choice", value=key, options=", ".join(CHECKS)))
        else:
            off.append(key)
    return frozenset(off)


def _words(value: Any, ctx: Block) -> dict[str, tuple[str, ...]]:
    f = ctx.file
    if not isinstance(value, LineDict):
        raise Invalid("error.wording_words", options=", ".join(CATEGORIES))
    words: dict[str, tuple[str, ...]] = {}
    for rule, phrases in value.items():
        where = f"words.{rule}"
        if str(rule) not in CATEGORIES:
            f.problem(value, rule, where, f.t("error.choice", value=rule, options=", ".join(CATEGORIES)))
            continue
        listed = phrases if isinstance(phrases, list) else None
        if not listed or not all(isinstance(p, str) and p.strip() for p in listed):
            f.problem(value, rule, where, f.t("error.wording_words", options=", ".join(CATEGORIES)))
            continue
        try:
            words[str(rule)] = tuple(plain(p) for p in listed)
        except Invalid as error:
            f.invalid(value, rule, where, error)
    return words


WORDING = (
    Field("skip", _skip, default=frozenset(), doc="rules and checks of the text check this site leaves out"),
    Field("words", _words, default={}, doc="phrases added to a rule, per rule: a list each"),
    Field(
        "sentence_words",
        whole(10, 80, "error.wording_sentence_words"),
        doc="the longest sentence, in words, before a warning (default: the setting `sentence_words`)",
    ),
)


def load_wording(path: Path, shown: str, t: Translator) -> tuple[SiteWording, list[Problem]]:
    """The site's own choices for the text check; the engine's rules alone without the file."""
    if not path.is_file():
        return SiteWording(), []
    f = _DataFile(path, shown, t)
    d = f.data
    if d is None:
        return SiteWording(), f.problems
    if not isinstance(d, LineDict):
        f.problem(None, "", "", t("error.wording_shape"))
        return SiteWording(), f.problems
    read = f.block(d, WORDING)
    return SiteWording(read["skip"], read["words"], read["sentence_words"]), f.problems


# The places of work (setting `locations`): an optional file. A vacancy is at the place whose `name`
# its `location` begins with ("Gemeentewerf" for "Gemeentewerf, Industrieweg 14, Lindewaard"); its
# structured data, job-board feed and NAV ad then carry that address instead of the organisation's.


@dataclass(frozen=True)
class Place:
    """A place where the organisation's people work."""

    key: str
    name: str
    street: str
    postal_code: str
    locality: str
    region: str = ""
    country: str = ""  # two letters; "" for the site's own
    latitude: float | None = None
    longitude: float | None = None


LOCATION = (
    Field(
        "name",
        text(),
        required=True,
        doc="the place as vacancies name it, the start of their `location`",
        example="Gemeentewerf",
    ),
    Field("street", text(), required=True, doc="street and number", example="Industrieweg 14"),
    Field("postal_code", text(), required=True, doc="postal code", example="7418 BE"),
    Field("locality", text(), required=True, doc="town or city", example="Lindewaard"),
    Field("region", optional_text, default="", doc="province, county or state"),
    Field("country", optional_text, default="", doc="two-letter country code (default: the site's `country`)"),
    Field("latitude", number(-90, 90, "error.location_geo"), doc="optional, for maps"),
    Field("longitude", number(-180, 180, "error.location_geo"), doc="optional, for maps"),
)


def load_locations(path: Path, shown: str, t: Translator) -> tuple[tuple[Place, ...], list[Problem]]:
    """The places of work; none without the file (it is optional)."""
    if not path.is_file():
        return (), []
    f = _DataFile(path, shown, t)
    d = f.data
    if d is None:
        return (), f.problems
    if not isinstance(d, LineDict) or not d:
        f.problem(d, "", "", t("error.locations_shape"))
        return (), f.problems
    for key, line in d.duplicates:
        f.problems.append(Problem(shown, line, str(key), t("error.duplicate")))
    places: list[Place] = []
    names: set[str] = set()
    for key, spec in d.items():
        if not isinstance(key, str) or not _KEY.match(key):
            f.problem(d, key, str(key), t("error.location_key", value=key))
            continue
        if not isinstance(spec, LineDict):
            f.problem(d, key, key, t("error.locations_shape"))
            continue
        read = f.block(spec, LOCATION, f"{key}.")
        if None in (read["name"], read["street"], read["postal_code"], read["locality"]):
            continue  # said at its line
        if read["name"].casefold() in names:
            f.problem(spec, "name", f"{key}.name", t("error.location_twice", value=read["name"]))
            continue
        names.add(read["name"].casefold())
        country = (read["country"] or "").upper()
        if country and not re.fullmatch(r"[A-Z]{2}", country):
            f.problem(spec, "country", f"{key}.country", t("setting.country", value=country))
            country = ""
        places.append(
            Place(
                key,
                read["name"],
                read["street"],
                read["postal_code"],
                read["locality"],
                read["region"],
                country,
                read["latitude"],
                read["longitude"],
            )
        )
    return tuple(places), f.problems


def place_of(location: str, places: tuple[Place, ...]) -> Place | None:
    """The place a vacancy's `location` names: the longest `name` it begins with, whatever the capitals."""
    text_ = location.casefold()
    found = [p for p in places if text_.startswith(p.name.casefold())]
    return max(found, key=lambda p: len(p.name)) if found else None


# Each data file's declaration, for the README's table (`python -m careersite data-files`).
DATA_FILES: tuple[tuple[str, str, tuple[tuple[str, tuple[Field, ...]], ...]], ...] = (
    ("salary_table", "content/data/salary.yml", (("", SALARY_TABLE), ("extras[]", EXTRA))),
    ("processes", "content/data/processes.yml", (("<process>", PROCESS), ("<process>.steps[]", STEP))),
    ("departments", "content/data/departments.yml", (("", DEPARTMENTS),)),
    ("wording", "content/data/wording.yml", (("", WORDING),)),
    ("locations", "content/data/locations.yml", (("<place>", LOCATION),)),
)
