"""The content model: what authors write for a vacancy or a story, declared once and validated."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from careersite.content import fields as f
from careersite.content import images
from careersite.content.errors import Problem, display_path, source_problem
from careersite.content.fields import Contact, Field, Invalid
from careersite.content.settings import Settings
from careersite.content.sources import Document, DocumentCache, LineDict, SourceProblem
from careersite.content.text import slugify
from careersite.i18n import Translator
from careersite.rules import education
from careersite.rules.process import HiringProcess, Squeezed, timeline, working_days
from careersite.rules.salary import Range, SalaryTable
from careersite.rules.status import MANUAL_STATUSES

EMPLOYMENT = ("permanent", "temporary", "internship", "traineeship")
REMOTE = ("onsite", "hybrid", "remote")

VACANCY_FIELDS: tuple[Field, ...] = (
    Field("title", f.text(120), True, doc="job title", example="Beleidsadviseur Wonen"),
    Field("summary", f.text(300), True, doc="one or two plain sentences for listings, cards and feeds", form="text"),
    Field(
        "department",
        f.text(80),
        True,
        doc="organisational unit; drives filters, related stories and feeds",
        example="Ruimte en Wonen",
        form="department",
    ),
    Field("location", f.text(120), True, doc="place of work", example="Stadskantoor, Lindewaard"),
    Field("hours", f.hours, True, doc="hours per week: a number or a range", example="32-36", form="hours"),
    Field(
        "scale",
        f.scale,
        doc="salary scale from the salary table, or a list of scales",
        example="10 or [9, 10]",
        form="scale",
    ),
    Field(
        "salary",
        f.salary,
        doc="explicit pay instead of a scale; period month, year or hour",
        example="{min: 650, max: 650, period: month}",
        form="salary",
    ),
    Field("published", f.date, True, doc="first day the vacancy is public", example="2026-11-02", form="date"),
    Field("closes", f.date, True, doc="last day to apply, inclusive", example="2027-01-15", form="date"),
    Field(
        "apply",
        f.apply_target,
        True,
        doc="application web address or e-mail address",
        example="https://… or mailto:hr@example.org",
    ),
    Field(
        "contact",
        f.contact,
        True,
        doc="person for questions: name, role, and phone and/or email",
        example="{name: Sanne de Wit, role: teamleider, phone: 0570 75 12 34}",
        form="contact",
    ),
    Field(
        "process",
        f.process,
        True,
        doc="key of a hiring process in the processes file",
        example="standaard",
        form="process",
    ),
    Field(
        "process_dates",
        f.date_map,
        default={},
        doc="fixed dates for steps of the process, by step key",
        example="{gesprek1: 2027-01-20}",
        form="process_dates",
    ),
    Field(
        "send",
        f.documents,
        default=(),
        doc="what an application consists of: some of " + ", ".join(f.DOCUMENTS) + " (a warning when left out)",
        example="[cv, letter]",
        form="documents",
    ),
    Field(
        "applicants",
        f.choice(*f.APPLICANTS),
        default="everyone",
        doc="who may apply: everyone (default), internal_first (colleagues are considered first) or internal",
        example="internal_first",
        form="choice",
    ),
    Field(
        "employment",
        f.choice(*EMPLOYMENT),
        default="permanent",
        doc="contract: " + ", ".join(EMPLOYMENT) + " (default permanent)",
        example="temporary",
        form="choice",
    ),
    Field(
        "education",
        f.ByCountry(education.levels),
        doc="education level, as the site's country names them (" + education.describe() + ")",
        example="hbo",
        form="education",
    ),
    Field(
        "remote",
        f.choice(*REMOTE),
        doc="where the work is done: " + ", ".join(REMOTE),
        example="hybrid",
        form="choice",
    ),
    Field(
        "channels",
        f.channels,
        doc="social channels whose feeds carry it (default: the site's default channels)",
        example="[linkedin, facebook]",
        form="channels",
    ),
    Field("social", f.social, default={}, doc="post text per channel", example='{linkedin: "…"}', form="social"),
    Field(
        "accept",
        f.accept,
        default={},
        doc="warnings of the text check this vacancy accepts, each with its reason (" + ", ".join(f.ACCEPTABLE) + ")",
        example='{gender: "Positieve actie: …"}',
        form="accept",
    ),
    Field(
        "stories",
        f.story_slugs,
        doc="slugs of related stories (default: stories of the same department)",
        example="[fatima-el-amrani]",
        form="stories",
    ),
    Field("tags", f.word_list, default=(), doc="free tags", example="[wonen, beleid]", form="words"),
    Field(
        "change_note",
        f.text(300),
        doc="a sentence on what changed and why, in your own words; shown with the day it was saved, "
        "under the changes the page lists from the Git history",
        example="We zoeken nu ook kandidaten met een hbo-diploma.",
        form="text",
    ),
    Field(
        "status",
        f.choice(*MANUAL_STATUSES),
        doc="reviewing (shown after closing), filled or cancelled (close at once)",
        example="filled",
        form="choice",
    ),
    Field(
        "reference",
        f.text(40),
        doc="the organisation's own vacancy number, shown on the page, in print and in the structured data "
        "(default: the `id`)",
        example="2026-0142",
        form="text",
    ),
    Field(
        "id",
        f.identifier,
        doc="stable identifier for feeds and structured data (default: the file name)",
        form="identifier",
    ),
)

STORY_FIELDS: tuple[Field, ...] = (
    Field("title", f.text(120), True, doc="headline of the story"),
    Field("name", f.text(80), True, doc="the employee's name"),
    Field("role", f.text(100), True, doc="the employee's job"),
    Field(
        "department",
        f.text(80),
        True,
        doc="organisational unit; links the story to its open vacancies",
        form="department",
    ),
    Field("summary", f.text(300), True, doc="one or two sentences for listings, cards and feeds", form="text"),
    Field("quote", f.text(200), True, doc="one strong sentence from the employee", form="text"),
    Field(
        "photo",
        f.photo,
        True,
        doc="photo file, relative to stories/",
        example="img/fatima-el-amrani.jpg",
        form="photo",
    ),
    Field("photo_alt", f.text(250), True, doc="what the photo shows, for people who cannot see it", form="text"),
    Field("published", f.date, True, doc="first day the story is public", example="2026-10-05", form="date"),
    Field(
        "consent_until",
        f.date,
        True,
        doc="last day the employee agreed to publication; after it the story is left out",
        example="2028-10-05",
        form="date",
    ),
    Field(
        "video",
        f.video,
        doc="YouTube or Vimeo address, or a video file in stories/; loads only on a click",
        example="https://www.youtube.com/watch?v=…",
    ),
    Field("channels", f.channels, doc="social channels whose feeds carry it", form="channels"),
    Field("social", f.social, default={}, doc="post text per channel", form="social"),
    Field("tags", f.word_list, default=(), doc="free tags", form="words"),
    Field("id", f.identifier, doc="stable identifier (default: the file name)", form="identifier"),
)


@dataclass(frozen=True)
class Context:
    """What field parsers may look things up in."""

    settings: Settings
    salary_table: SalaryTable | None
    salary_table_path: str
    processes: dict[str, HiringProcess]
    processes_path: str
    folder: Path
    folder_shown: str
    story_slugs: frozenset[str] | None = None

    @property
    def default_currency(self) -> str:
        return self.salary_table.currency if self.salary_table else "EUR"

    @property
    def default_period(self) -> str:
        return self.salary_table.period if self.salary_table else "month"


@dataclass(frozen=True)
class Vacancy:
    slug: str
    source: str
    body: str
    title: str
    summary: str
    department: str
    location: str
    hours: tuple[float, float]
    published: dt.date
    closes: dt.date
    apply: str
    contact: Contact
    process: str
    id: str
    scale: tuple[str, ...] | None = None
    salary: Range | None = None
    process_dates: dict[str, dt.date] = field(default_factory=dict)
    send: tuple[str, ...] = ()
    applicants: str = "everyone"
    employment: str = "permanent"
    education: str | None = None
    remote: str | None = None
    channels: tuple[str, ...] = ()
    social: dict[str, str] = field(default_factory=dict)
    accept: dict[str, str] = field(default_factory=dict)
    stories: tuple[str, ...] | None = None
    tags: tuple[str, ...] = ()
    change_note: str | None = None
    reference: str | None = None
    status: str | None = None
    body_line: int = 1  # the line of the file where the body starts
    lines: str = field(default="{}", compare=False, repr=False)  # field -> line, as JSON (`_field_lines`)

    @property
    def number(self) -> str:
        """The vacancy's number as candidates see it: the organisation's `reference`, else the `id`."""
        return self.reference or self.id

    def line(self, name: str) -> int:
        return _line(self.lines, name)


@dataclass(frozen=True)
class Story:
    slug: str
    source: str
    body: str
    title: str
    name: str
    role: str
    department: str
    summary: str
    quote: str
    photo: str
    photo_alt: str
    published: dt.date
    consent_until: dt.date
    id: str
    photo_path: Path
    video: str | None = None
    channels: tuple[str, ...] = ()
    social: dict[str, str] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    body_line: int = 1
    lines: str = field(default="{}", compare=False, repr=False)

    def line(self, name: str) -> int:
        return _line(self.lines, name)


def _line(lines: str, name: str) -> int:
    """The line of field `name` in a file, from the JSON text of `_field_lines`; 1 when unknown."""
    found = json.loads(lines).get(name, 1)
    return found if isinstance(found, int) else 1


def channels_of(entry: Vacancy | Story, settings: Settings) -> tuple[str, ...]:
    """The channels an item is posted to: its own `channels:`, else the site's default ones."""
    return entry.channels or settings.default_channels


class ItemRef(NamedTuple):
    """Which vacancy or story: what a build keeps each item's rendered text and checks under, and
    what the feeds name it by (`guid`, never changed: schedulers know an item by it)."""

    kind: str  # "vacancy" or "story"
    id: str

    @property
    def guid(self) -> str:
        return f"{self.kind}:{self.id}"


def ref(entry: Vacancy | Story) -> ItemRef:
    return ItemRef("vacancy" if isinstance(entry, Vacancy) else "story", entry.id)


def subject(entry: Vacancy | Story) -> str:
    """What an item is called in lists and messages: the vacancy's title, the employee's name."""
    return entry.title if isinstance(entry, Vacancy) else entry.name


@dataclass
class Parsed:
    """The fields of one document that parsed, their lines, and the problems found."""

    document: Document
    shown: str
    values: dict[str, Any]
    problems: list[Problem]

    def line(self, name: str) -> int:
        """The line of a field, or of a key inside it (`contact.phone`), in the file."""
        data = self.document.front_matter
        head, _, rest = name.partition(".")
        inner = data.get(head)
        if rest and isinstance(inner, LineDict) and rest in inner.lines:
            return inner.lines[rest]
        return data.lines.get(head, 1)

    def field_at(self, line: int) -> str:
        """The field written on `line` (or above it, for a value over several lines), or `body`."""
        if line >= self.document.body_line:
            return "body"
        fields = [(n, str(key)) for key, n in self.document.front_matter.lines.items() if n <= line]
        return max(fields)[1] if fields else ""

    def problem(self, t: Translator, name: str, key: str, **params: Any) -> None:
        self.problems.append(Problem(self.shown, self.line(name), name, t(key, **params)))


def parse_document(document: Document, shown: str, declared: tuple[Field, ...], ctx: Context, t: Translator) -> Parsed:
    """Read every declared field of a document; unknown, missing and wrong values become problems."""
    data = document.front_matter
    parsed = Parsed(document, shown, {}, [])
    names = [d.name for d in declared]
    for stray in document.strays:
        field = parsed.field_at(stray.line)
        parsed.problems.append(
            Problem(shown, stray.line, field, t("error.stray_character", code=stray.code, name=stray.name))
        )
    if document.second_block:
        parsed.problems.append(Problem(shown, document.second_block, "body", t("error.second_front_matter")))
    for key, line in data.duplicates:
        parsed.problems.append(Problem(shown, line, str(key), t("error.duplicate")))
    for key in data:
        if key not in names:
            close = f.suggest(key, names)
            hint = t("error.did_you_mean", name=close) if close else t("error.known_fields", names=", ".join(names))
            parsed.problems.append(Problem(shown, data.lines[key], str(key), t("error.unknown_field", hint=hint)))
    for spec in declared:
        if spec.name not in data:
            if spec.required:
                parsed.problems.append(
                    Problem(shown, 1, spec.name, t("error.missing", field=spec.name, example=spec.example or "…"))
                )
            elif spec.default is not None:
                parsed.values[spec.name] = spec.default
            continue
        raw = data[spec.name]
        if f.is_empty(raw):
            key = "error.empty" if spec.required else "error.empty_optional"
            parsed.problems.append(Problem(shown, parsed.line(spec.name), spec.name, t(key)))
            continue
        if control := f.control_problem(raw):
            field = f"{spec.name}.{control.field}" if control.field else spec.name
            parsed.problems.append(Problem(shown, parsed.line(field), field, t(control.key, **control.params)))
            continue
        try:
            parsed.values[spec.name] = spec.parse(raw, ctx)
        except Invalid as error:
            field = error.field or spec.name
            parsed.problems.append(Problem(shown, parsed.line(field), field, t(error.key, **error.params)))
    return parsed


def _check_vacancy(p: Parsed, ctx: Context, t: Translator) -> None:
    """Rules that involve more than one field."""
    v = p.values
    if "scale" in v and "salary" in v:
        p.problem(t, "salary", "error.scale_and_salary")
    elif (
        "scale" not in v
        and "salary" not in v
        and "scale" not in p.document.front_matter
        and "salary" not in p.document.front_matter
    ):
        scales = list(ctx.salary_table.scales) if ctx.salary_table else []
        example = scales[len(scales) // 2] if scales else "…"  # a scale this site's table has
        p.problems.append(Problem(p.shown, 1, "scale", t("error.scale_or_salary", example=example)))
    if "published" in v and "closes" in v and v["closes"] < v["published"]:
        p.problem(
            t,
            "closes",
            "error.closes_before_published",
            closes=v["closes"].isoformat(),
            published=v["published"].isoformat(),
        )
    process = ctx.processes.get(v.get("process", ""))
    dates = v.get("process_dates") or {}
    if process and dates:
        previous = v.get("closes")
        for step in process.steps:
            if step.key not in dates:
                continue
            day = dates[step.key]
            if previous and day <= previous:
                p.problems.append(
                    Problem(
                        p.shown,
                        p.line(f"process_dates.{step.key}"),
                        f"process_dates.{step.key}",
                        t("error.process_date_order", value=day, step=step.name),
                    )
                )
            previous = day
        in_order = not any(pr.field.startswith("process_dates") for pr in p.problems) and "closes" in v
        if in_order and all(process.step(key) for key in dates):
            try:
                timeline(process, v["closes"], dates, working_days(ctx.settings.holiday_area, ctx.settings.language))
            except Squeezed as squeezed:
                p.problems.append(
                    Problem(
                        p.shown,
                        p.line(f"process_dates.{squeezed.by}"),
                        f"process_dates.{squeezed.by}",
                        t(
                            "error.process_date_squeezed",
                            value=dates[squeezed.by],
                            step=squeezed.step.name,
                            after=t.date(squeezed.after),
                        ),
                    )
                )
        for key in dates:
            if process.step(key) is None:
                p.problems.append(
                    Problem(
                        p.shown,
                        p.line(f"process_dates.{key}"),
                        f"process_dates.{key}",
                        t(
                            "error.unknown_step",
                            value=key,
                            process=process.key,
                            options=", ".join(s.key for s in process.steps),
                        ),
                    )
                )


def _documents(
    folder: Path, root: Path, t: Translator, cache: DocumentCache, reserved: frozenset[str]
) -> tuple[list[tuple[Document, str]], list[Problem]]:
    """Every Markdown file of a content folder, read; unreadable ones become problems. A name in
    `reserved` would replace a page of the site (`index` is the folder's listing)."""
    documents, problems = [], []
    try:
        with os.scandir(folder) as entries:
            found = sorted(
                (e.name, e.is_symlink()) for e in entries if e.name.endswith(".md") and not e.name.startswith(".")
            )
    except (FileNotFoundError, NotADirectoryError):
        found = []
    shown_folder = display_path(folder, root)
    for name, is_link in found:
        path = folder / name
        shown = f"{shown_folder}/{name}"
        stem = name[:-3]
        if not f.SLUG.match(stem):
            problems.append(Problem(shown, 1, "", t("error.file_name", suggestion=slugify(stem))))
            continue
        if stem in reserved:
            problems.append(Problem(shown, 1, "", t("error.reserved_name", page=f"{shown_folder}/{stem}/")))
            continue
        if is_link:
            problems.append(Problem(shown, 1, "", t("error.content_link")))
            continue
        try:
            documents.append((cache.read(path), shown))
        except SourceProblem as error:
            problems.append(source_problem(shown, error, t))
        except OSError as error:
            problems.append(Problem(shown, 1, "", t("error.unreadable", problem=error.strerror or error)))
    return documents, problems


@dataclass(frozen=True)
class Content:
    """Everything authors wrote, validated: all vacancies and stories, whatever their dates."""

    vacancies: tuple[Vacancy, ...]
    stories: tuple[Story, ...]
    # The text of every file that could be read: (body, file name as shown, line the body starts on).
    # Not the parsed documents: their front matter (half the memory of a large site) is done with.
    texts: tuple[tuple[str, str, int], ...] = ()
    pages: tuple[Path, ...] = ()  # the organisation's own pages (Markdown files in the pages folder)


def _field_lines(data: LineDict) -> str:
    """The line of every field, and of every key inside a field (`process_dates.gesprek1`), as
    JSON text: read only to point at a mistake, so kept as one string instead of a mapping of
    some twenty keys (7 MB at 10,000 vacancies)."""
    lines = {str(k): v for k, v in data.lines.items()}
    for head, inner in data.items():
        if isinstance(inner, LineDict):
            lines.update((f"{head}.{k}", v) for k, v in inner.lines.items())
    return json.dumps(lines, ensure_ascii=False, separators=(",", ":"))


def _placeholders(document: Document, shown: str, t: Translator) -> list[Problem]:
    """The lines of a body that still hold a "[[…]]" left by `make new-vacancy` or `make new-story`."""
    return [
        Problem(shown, document.body_line + number, "body", t("error.placeholder_body", value=gap.group()))
        for number, line in enumerate(document.body.splitlines())
        if (gap := f.PLACEHOLDER.search(line))
    ]


def _source_fields(document: Document, shown: str, values: dict[str, Any]) -> dict[str, Any]:
    """What every story and vacancy takes from its file; takes `id` out of the parsed `values`."""
    slug = document.path.stem
    return dict(
        slug=slug,
        source=shown,
        body=document.body,
        body_line=document.body_line,
        lines=_field_lines(document.front_matter),
        id=values.pop("id", slug),
    )


def load_content(
    settings: Settings,
    salary_table: SalaryTable | None,
    processes: dict[str, HiringProcess],
    t: Translator,
    rebuilds: bool = False,
    folders: tuple[str, str] = ("vacancies", "stories"),
    pages: tuple[Path, ...] | None = None,
) -> tuple[Content, list[Problem]]:
    """Read and validate every story and vacancy; return what parsed and every problem found.
    `rebuilds`: the process builds the site again on every save (the preview). `folders` are the
    folders of the vacancy and story pages on the site (`Addresses.item_folders`): a file may not
    be named as a page the organisation keeps there. `pages`: the pages folder's, when found already."""
    root = settings.root
    salary_table_path = display_path(settings.salary_table, root)
    processes_path = display_path(settings.processes, root)
    problems: list[Problem] = []

    cache = DocumentCache.open(settings.cache_dir / "documents.pickle", rebuilds)
    images.load_verdicts(settings.cache_dir / "photos.json")
    story_docs, found = _documents(settings.stories_dir, root, t, cache, reserved_names(settings.docs_dir / folders[1]))
    problems += found
    story_ctx = Context(
        settings=settings,
        salary_table=salary_table,
        salary_table_path=salary_table_path,
        processes=processes,
        processes_path=processes_path,
        folder=settings.stories_dir,
        folder_shown=display_path(settings.stories_dir, root),
    )
    stories = []
    for document, shown in story_docs:
        p = parse_document(document, shown, STORY_FIELDS, story_ctx, t)
        v = p.values
        if "published" in v and "consent_until" in v and v["consent_until"] < v["published"]:
            p.problem(t, "consent_until", "error.consent_before_published")
        gaps = _placeholders(document, shown, t)
        problems += p.problems + gaps
        if not p.problems and not gaps:
            photo_path = f.path_in(settings.stories_dir, v["photo"])
            assert photo_path is not None  # the photo's field found it inside the stories folder
            stories.append(Story(**_source_fields(document, shown, v), photo_path=photo_path, **v))

    vacancy_docs, found = _documents(
        settings.vacancies_dir, root, t, cache, reserved_names(settings.docs_dir / folders[0])
    )
    cache.save()
    images.save_verdicts(settings.cache_dir / "photos.json")
    problems += found
    slugs = frozenset(d.path.stem for d, _ in story_docs)
    vacancy_ctx = replace(
        story_ctx,
        folder=settings.vacancies_dir,
        folder_shown=display_path(settings.vacancies_dir, root),
        story_slugs=slugs,
    )
    vacancies = []
    # The preview: a vacancy whose file and context are as in the previous rebuild is the same
    # object (its checks found the same); what the context is made of is compared by its repr
    # (its channels compare by identity), once per rebuild.
    global _parsed_scope
    if rebuilds:
        scope = (repr(settings), repr(salary_table), repr(processes), slugs, t.language)
        if scope != _parsed_scope:
            _parsed.clear()
        _parsed_scope = scope
    for document, shown in vacancy_docs:
        vacancy, found = _vacancy(document, shown, vacancy_ctx, t, rebuilds)
        problems += found
        if vacancy is not None:
            vacancies.append(vacancy)
    if rebuilds:
        for gone in set(_parsed) - {str(d.path) for d, _ in vacancy_docs}:
            del _parsed[gone]

    problems += _duplicate_ids(vacancies, t) + _duplicate_ids(stories, t)
    texts = tuple((d.body, shown, d.body_line) for d, shown in story_docs + vacancy_docs)
    pages = find_pages(settings.docs_dir) if pages is None else pages
    return Content(tuple(vacancies), tuple(stories), texts, pages), problems


def find_pages(docs_dir: Path) -> tuple[Path, ...]:
    """The organisation's own pages: every Markdown file in the pages folder."""
    return tuple(sorted(docs_dir.rglob("*.md"))) if docs_dir.is_dir() else ()


# The preview's parsed vacancies: path -> (front matter, body, shown, vacancy, problems), all of
# one scope (what the context is made of): another scope starts afresh
_parsed: dict[str, tuple[Any, ...]] = {}
_parsed_scope: Any = None


def _vacancy(
    document: Document, shown: str, ctx: Context, t: Translator, remember: bool = False
) -> tuple[Vacancy | None, list[Problem]]:
    """A vacancy and the problems of its file. With `remember` (the preview), the previous
    rebuild's, when the file was not read again (the same front matter and body) in the same
    context (`_parsed_scope`)."""
    key = str(document.path)
    found = _parsed.get(key) if remember else None
    if found and found[0] is document.front_matter and found[1] is document.body and found[2] == shown:
        return found[3], list(found[4])
    p = parse_document(document, shown, VACANCY_FIELDS, ctx, t)
    _check_vacancy(p, ctx, t)
    problems = p.problems + _placeholders(document, shown, t)
    vacancy = None if problems else Vacancy(**_source_fields(document, shown, p.values), **p.values)
    if remember:
        _parsed[key] = (document.front_matter, document.body, shown, vacancy, tuple(problems))
    return vacancy, problems


def reserved_names(folder: Path) -> frozenset[str]:
    """File names that would take the address of one of the site's own pages: `index` (the listing)
    and every page or folder the organisation keeps in that folder of its pages."""
    names = {"index"}
    try:
        with os.scandir(folder) as entries:
            names |= {e.name[:-3] if e.name.endswith(".md") else e.name for e in entries}
    except (FileNotFoundError, NotADirectoryError):
        pass
    return frozenset(names)


def _duplicate_ids(items: list[Vacancy] | list[Story], t: Translator) -> list[Problem]:
    seen: dict[str, str] = {}
    problems = []
    for item in items:
        if item.id in seen:
            problems.append(
                Problem(item.source, item.line("id"), "id", t("error.duplicate_id", value=item.id, other=seen[item.id]))
            )
        seen.setdefault(item.id, item.source)
    return problems
