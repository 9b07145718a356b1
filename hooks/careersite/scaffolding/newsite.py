"""`make new-site`: turn a fork of the example into an empty site for another organisation.

Every value is checked with the parsers of the site settings (`settings.py`), all at once, before
anything changes. Then the example's vacancies, stories, photos and logo are removed; the pages get
short starter texts in the site's language (`starter/<language>/pages/`) with "[[…]]" where only
the organisation can write, which `make check` lists as warnings; the salary table and hiring
processes get a default for the country and language; `mkdocs.yml` is rewritten line by line, so
that comments and settings it does not own stay as they were.

One example vacancy and one example story are made with `make new-vacancy` / `make new-story`'s
own functions (`scaffold.py`), their gaps filled with text marked as an example and their
`published` date in 2099: they pass `make check` but are never built, until an author copies them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from babel.core import get_global
from babel.numbers import get_territory_currencies
from PIL import Image, ImageDraw, ImageFont

from careersite.cards import colours
from careersite.config import read_config
from careersite.content.fields import PLACEHOLDER, WEB_ADDRESS, Invalid, choice
from careersite.content.model import STORY_FIELDS, VACANCY_FIELDS
from careersite.content.settings import (
    SETTINGS,
    YEARLY_PAY,
    Where,
    _colour,
    _country,
    _holiday_region,
    _text,
    _timezone,
)
from careersite.content.sources import SourceProblem
from careersite.content.text import terminal
from careersite.i18n import LANGUAGES, Translator
from careersite.i18n.languages import LANGUAGES_BY_CODE
from careersite.publish import schedule
from careersite.rules import clock
from careersite.scaffolding import scaffold

STARTER = Path(__file__).parent / "starter"
FONT = Path(__file__).parent.parent / "cards" / "fonts" / "NotoSans-Bold.ttf"
# The example vacancy and story are checked like any other file but never built: they are
# "published" on the first day the content model allows in 2099.
EXAMPLE_DAY = dt.date(2099, 1, 1)
EXAMPLE_LAST_DAY = dt.date(2099, 12, 31)
# Words that say what kind of body an organisation is, left out of its initials and short name.
GENERIC_WORDS = frozenset(
    {
        *("gemeente", "provincie", "waterschap", "ministerie", "van", "de", "het", "der"),
        *("kommune", "fylkeskommune", "city", "county", "council", "municipality", "of", "the"),
    }
)
# The make variables (and command-line options) of each value, in the order they are asked.
OPTIONS = {
    "language": "LANGUAGE",
    "organisation": "ORG",
    "country": "COUNTRY",
    "timezone": "TIMEZONE",
    "url": "URL",
    "primary": "PRIMARY",
    "accent": "ACCENT",
    "region": "REGION",
}
# Countries whose regions have public holidays of their own, asked for one (`holiday_region`).
REGIONS_ASKED = {"GB": "ENG"}
NAV_KEYS = {
    "index.md": "home",
    "vacatures/index.md": "vacancies",
    "verhalen/index.md": "stories",
    "werken-bij.md": "working",
    "solliciteren.md": "hiring",
    "salaris.md": "salary",
    "vacaturemelding.md": "alerts",
}
SEARCH_LANGUAGES = {code: language.search for code, language in LANGUAGES_BY_CODE.items()}
# The organisation's pages under names in the site's language, which become their addresses
# (/lonn/ on a Norwegian site, /pay/ on an English one). The starter pages are kept under the
# Dutch names of the example (the keys); each is written under its language's name.
PAGE_NAMES = {code: dict(language.page_names) for code, language in LANGUAGES_BY_CODE.items()}


def page_name(name: str, language: str) -> str:
    """The file name of a starter page (named as in the Dutch example) on a site in `language`."""
    return PAGE_NAMES.get(language, {}).get(name, name)


EXAMPLE_ORGANISATION = "Gemeente Lindewaard"  # the example a fork starts from


@dataclass(frozen=True)
class Choices:
    """The values of a new site, each checked."""

    organisation: str
    language: str
    country: str
    timezone: str
    url: str
    primary: str
    accent: str
    region: str = ""  # `holiday_region`, for a country whose regions differ


@dataclass
class Report:
    """What new-site changed, for the message at the end."""

    removed: dict[str, int] = field(default_factory=dict)  # folder -> files removed
    written: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)  # pages without a starter, old name replaced
    leftovers: list[str] = field(default_factory=list)  # files still naming the old organisation
    workflow_unchanged: bool = False  # the GitHub workflow's schedule was edited beyond recognition


def default_timezone(country: str) -> str:
    """The country's time zone when it has only one (NL: Europe/Amsterdam, NO: Europe/Oslo)."""
    zones = get_global("territory_zones").get(country.upper(), [])
    return zones[0] if len(zones) == 1 else ""


def default_country(language: str) -> str:
    spec = next(s for s in SETTINGS if s.name == "country")
    return spec.default(language)


def short_name(organisation: str) -> str:
    """'Gemeente Lindewaard' -> 'Lindewaard': the name without the words for its kind of body."""
    words = [w for w in organisation.split() if w.casefold() not in GENERIC_WORDS]
    return " ".join(words) or organisation


def suggested_url(organisation: str, language: str, country: str) -> str:
    slug = scaffold.file_name(short_name(organisation)) or "example"
    prefix = LANGUAGES_BY_CODE[language].url_prefix if language in LANGUAGES_BY_CODE else "jobs"
    domain = {"GB": "uk", "": "example"}.get(country, country.lower())
    return f"https://{prefix}.{slug}.{domain}/"


def validate(values: dict[str, str], fallback: str) -> tuple[Choices | None, list[str]]:
    """Every value checked by the settings' own parsers; a message per wrong value, in the chosen
    language (or `fallback` when the language itself is wrong)."""
    problems: dict[str, Invalid] = {}
    checked: dict[str, str] = {}
    where = Where(Path("."), Path("."), fallback)
    language = values.get("language", "").strip()
    parsers: dict[str, Callable[[str], str]] = {
        "organisation": lambda v: _text(v, where),
        "language": lambda v: choice(*LANGUAGES)(v, where),
        "country": lambda v: _country(v, where),
        "timezone": lambda v: str(_timezone(v, where)),
        "region": lambda v: _holiday_region(v, Where(Path("."), Path("."), fallback, checked.get("country", "NL"))),
        "url": _url,
        "primary": lambda v: _colour(v, where, "primary"),
        "accent": lambda v: _colour(v, where, "accent"),
    }
    for name, parse in parsers.items():
        value = values.get(name, "")
        if name == "timezone" and not value.strip():
            if "country" not in checked:
                continue  # the country's own message says enough
            value = default_timezone(checked["country"])
            if not value:
                problems[name] = Invalid("newsite.timezone_needed", value=checked["country"])
                continue
        if name == "region" and not value.strip():
            if checked.get("country") not in REGIONS_ASKED:
                continue  # the national holidays: no region to name
            value = REGIONS_ASKED[checked["country"]]
        try:
            checked[name] = parse(value)
        except Invalid as error:
            problems[name] = error
    t = Translator(language if language in LANGUAGES else fallback)
    messages = [f"{OPTIONS[name]}: {t(error.key, **error.params)}" for name, error in problems.items()]
    return (None if messages else Choices(**checked)), messages


def _url(value: str) -> str:
    url = value.strip()
    if not WEB_ADDRESS.match(url) or "?" in url or "#" in url:
        raise Invalid("setting.contact_url", value=url)
    return url.rstrip("/") + "/"


def uncommitted(root: Path, paths: list[str]) -> list[str] | None:
    """The files under `paths` that differ from the last commit, are not in it or are ignored by
    Git (drafts kept out of the repository), or None outside a Git repository."""
    try:
        result = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all", "--ignored=matching", "--", *paths],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    return [
        line[3:]
        for line in result.stdout.splitlines()
        if line.strip() and "__pycache__" not in line and not line.endswith((".pyc", ".DS_Store", "Thumbs.db"))
    ]


class ConfigLines:
    """The lines of `mkdocs.yml`, changed one setting at a time so that comments and settings
    that new-site does not own stay as they were."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    @staticmethod
    def _indent(line: str) -> int:
        return len(line) - len(line.lstrip(" "))

    def _end(self, index: int) -> int:
        """The index after the block that starts at `index` (its line and deeper-indented ones)."""
        indent, end = self._indent(self.lines[index]), index + 1
        while end < len(self.lines) and (not self.lines[end].strip() or self._indent(self.lines[end]) > indent):
            end += 1
        while end > index + 1 and not self.lines[end - 1].strip():
            end -= 1
        return end

    def _child_indent(self, start: int, end: int) -> int:
        for line in self.lines[start:end]:
            if line.strip() and not line.lstrip().startswith("#"):
                return self._indent(line)
        return 0

    def find(self, path: tuple[str, ...]) -> int | None:
        """The line of the key at `path` (`("extra", "careersite", "colors")`), if it is there."""
        start, end, found = 0, len(self.lines), None
        for key in path:
            indent = self._child_indent(start, end)
            pattern = re.compile(rf"^ {{{indent}}}{re.escape(key)}:(\s|$)")
            found = next((i for i in range(start, end) if pattern.match(self.lines[i])), None)
            if found is None:
                return None
            start, end = found + 1, self._end(found)
        return found

    def set(self, path: tuple[str, ...], value: str, after: str | None = None) -> None:
        """Give the key at `path` the YAML `value` (its sub-block, if any, goes); a missing key is
        added to its parent block, after the sibling `after` when that is there."""
        line = self.find(path)
        if line is not None:
            spaces = " " * self._indent(self.lines[line])
            self.lines[line : self._end(line)] = [f"{spaces}{path[-1]}:{' ' if value else ''}{value}"]
            return
        parent = self.find(path[:-1]) if len(path) > 1 else None
        if len(path) > 1 and parent is None:
            return
        sibling = self.find((*path[:-1], after)) if after else None
        if sibling is not None:
            at, indent = self._end(sibling), self._indent(self.lines[sibling])
        elif parent is not None:
            end = self._end(parent)
            at, indent = end, self._child_indent(parent + 1, end) or self._indent(self.lines[parent]) + 2
        else:
            at, indent = len(self.lines), 0
        self.lines.insert(at, f"{' ' * indent}{path[-1]}:{' ' if value else ''}{value}")

    def remove(self, path: tuple[str, ...]) -> None:
        """Remove the key at `path` with its value and the comment lines just above it, which are
        about it (the example's `demo_date` and `earlier_addresses` explain themselves)."""
        line = self.find(path)
        if line is not None:
            start, indent = line, self._indent(self.lines[line])
            while start and self.lines[start - 1].strip().startswith("#"):
                if self._indent(self.lines[start - 1]) != indent:
                    break
                start -= 1
            del self.lines[start : self._end(line)]

    def replace_within(self, path: tuple[str, ...], pattern: str, replace: Callable[[re.Match[str]], str]) -> None:
        """Apply a regular expression to each line of the block at `path`."""
        line = self.find(path)
        if line is None:
            return
        for index in range(line + 1, self._end(line)):
            self.lines[index] = re.sub(pattern, replace, self.lines[index])

    def get(self, path: tuple[str, ...]) -> str:
        line = self.find(path)
        if line is None:
            return ""
        value = self.lines[line].split(":", 1)[1].strip()
        try:
            loaded = yaml.safe_load(value)
        except yaml.YAMLError:
            return value
        return "" if loaded is None or isinstance(loaded, dict | list) else str(loaded)


def quoted(text: str) -> str:
    """`text` as a YAML value that means exactly it: plain where it can be, quoted where needed."""
    return yaml.safe_dump(text, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()


def _initials(organisation: str) -> str:
    """The first letter or digit of the first two words: "Gemeente 's-Hertogenbosch" gives "GH"."""
    firsts = [next((c for c in w if c.isalnum()), "") for w in short_name(organisation).split()]
    return "".join(c for c in firsts if c)[:2].upper() or "?"


def draw_logo(organisation: str, colour: str, size: int) -> Image.Image:
    """A plain disc in the brand colour with the organisation's initials, in the colour that reads
    best on it: a neutral logo until the organisation puts its own in place."""
    scale = 4
    image = Image.new("RGBA", (size * scale, size * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, size * scale - 1, size * scale - 1), fill=colour)
    letters = _initials(organisation)
    font = ImageFont.truetype(str(FONT), int(size * scale * (0.5 if len(letters) == 1 else 0.4)))
    centre = size * scale / 2
    draw.text((centre, centre), letters, font=font, fill=colours.text_on(colour), anchor="mm")
    return image.resize((size, size), Image.Resampling.LANCZOS)


def draw_photo(primary: str) -> Image.Image:
    """A drawn silhouette for the example story, portrait 4:5, in the brand colour."""
    width, height = 800, 1000
    image = Image.new("RGB", (width, height), colours.mix(primary, "#FFFFFF", 0.85))
    draw = ImageDraw.Draw(image)
    draw.ellipse((280, 230, 520, 470), fill=primary)
    draw.rounded_rectangle((170, 520, 630, 1100), radius=200, fill=primary)
    return image


# The characters Python-Markdown reads as markup in the middle of a line (emphasis, code, links and
# images, attribute lists), each escaped with a backslash where the organisation's name goes.
_MARKDOWN_MARKUP = re.compile(r"([\\`*_{}\[\]])")


def starter_text(path: Path, organisation: str, language: str = "nl") -> str:
    """A starter page with the organisation's name: quoted for YAML in the front matter, and as
    plain text in the Markdown (`Gemeente *Ster*` is not emphasis, `[x](…)` no link)."""
    text = path.read_text(encoding="utf-8")
    _, head, body = text.split("---\n", 2)
    head = head.replace("{organisation}", json.dumps(organisation, ensure_ascii=False)[1:-1])
    plain_text = _MARKDOWN_MARKUP.sub(lambda m: "\\" + m.group(1), organisation)
    body = body.replace("{organisation}", plain_text)
    for old, new in PAGE_NAMES.get(language, {}).items():  # links between the pages, to their new names
        body = body.replace(f"]({old})", f"]({new})")
    return f"---\n{head}---\n{body}"


def salary_table(country: str) -> tuple[str, str]:
    """The salary table for the country (NL: the municipal scales; NO, SE, DK: the country's shape
    with example amounts; elsewhere an example in the country's currency) and which one it is."""
    own = STARTER / "salary" / f"{country}.yml"  # a country's own shape: a data file, no list here
    if re.fullmatch(r"[A-Z]{2}", country) and own.is_file():
        return own.read_text(encoding="utf-8"), country
    currency = (get_territory_currencies(country) or ["EUR"])[0]
    text = (STARTER / "salary" / "example.yml").read_text(encoding="utf-8").replace("{currency}", currency)
    if country in YEARLY_PAY:  # councils there advertise a salary per year, not per month
        text = re.sub(r"(?m)^period: month$", "period: year", text)
        text = re.sub(r"(?m)^(\s+\S+: \[)(.*)\]$", lambda m: m.group(1) + _yearly(m.group(2)) + "]", text)
    return text, "example"


def _yearly(steps: str) -> str:
    """A scale's monthly example amounts as yearly ones (twelve months, rounded to hundreds)."""
    return ", ".join(str(round(int(step.strip()) * 12, -2)) for step in steps.split(",") if step.strip())


def _write(path: Path, content: str | bytes, root: Path, report: Report) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink():
        path.unlink()  # replaced, never written through (`Layout.links` refuses them before this)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    report.written.append(path.relative_to(root).as_posix())


def _empty(folder: Path, root: Path, report: Report) -> None:
    """Remove every file in `folder` and below it; the folder stays."""
    if not folder.is_dir():
        return
    count = 0
    for child in sorted(folder.iterdir()):
        if child.is_dir() and not child.is_symlink():
            count += sum(1 for p in child.rglob("*") if not p.is_dir())
            shutil.rmtree(child)
        else:
            child.unlink()
            count += 1
    report.removed[folder.relative_to(root).as_posix()] = count


def _mapping(value: object) -> dict[Any, Any]:
    """A block of the configuration when it is a mapping, else an empty one."""
    return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class Layout:
    """Where the fork keeps what new-site replaces, from its `mkdocs.yml`."""

    root: Path
    docs_dir: Path
    vacancies_dir: Path
    stories_dir: Path
    salary_table: Path
    processes: Path
    departments: Path
    locations: Path
    old_organisation: str
    logos: tuple[Path, ...]  # the header logo, the favicon and the logo on the cards

    @classmethod
    def of(cls, config: Path) -> Layout:
        root = config.parent.resolve()
        raw, _ = read_config(config)
        extra = _mapping(raw.get("extra"))
        settings = _mapping(extra.get("careersite"))
        theme = _mapping(raw.get("theme"))

        def inside(value: Any, default: str, base: Path = root) -> Path:
            # normpath, not resolve(): a link on the way is found and refused (`links`), not followed
            path = Path(os.path.normpath(base / str(value or default)))
            return path if path.is_relative_to(root) else root / default

        docs_dir = inside(raw.get("docs_dir"), "docs")
        logos = [inside(theme.get(name), "", docs_dir) for name in ("logo", "favicon") if theme.get(name)]
        if settings.get("logo"):
            logos.append(inside(settings["logo"], ""))
        return cls(
            root=root,
            docs_dir=docs_dir,
            vacancies_dir=inside(settings.get("vacancies_dir"), "vacancies"),
            stories_dir=inside(settings.get("stories_dir"), "stories"),
            salary_table=inside(settings.get("salary_table"), "content/data/salary.yml"),
            processes=inside(settings.get("processes"), "content/data/processes.yml"),
            departments=inside(settings.get("departments"), "content/data/departments.yml"),
            locations=inside(settings.get("locations"), "content/data/locations.yml"),
            old_organisation=str(settings.get("organisation") or ""),
            logos=tuple(dict.fromkeys(path for path in logos if path != root)),
        )

    def unsafe(self) -> list[str]:
        """The content folders that new-site must not empty: the site's own folder, the pages
        folder, or one that holds either of them or a Git repository."""
        found = []
        for name, folder in (("vacancies_dir", self.vacancies_dir), ("stories_dir", self.stories_dir)):
            if (
                folder == self.root
                or self.docs_dir.is_relative_to(folder)
                or self.root.is_relative_to(folder)
                or (folder / ".git").exists()
                # a Git repository of its own inside: its history would go, and no backup keeps it
                or (folder.is_dir() and any(p.name == ".git" for p in folder.rglob(".git")))
            ):
                found.append(name)
        return found

    def touched(self) -> list[Path]:
        """Everything new-site writes or removes: the configuration, the pages, content and data
        files, the logos and the deploy workflow."""
        paths = [
            self.root / "mkdocs.yml",
            self.docs_dir,
            self.vacancies_dir,
            self.stories_dir,
            self.salary_table,
            self.processes,
            self.departments,
            self.locations,
            *self.logos,
            self.root / WORKFLOW,
            self.root / GITLAB,
        ]
        kept: list[Path] = []
        for path in sorted(set(paths), key=lambda p: len(p.parts)):
            if not any(path.is_relative_to(folder) for folder in kept):
                kept.append(path)
        return kept

    def protected(self) -> list[str]:
        return [path.relative_to(self.root).as_posix() for path in self.touched()]

    def links(self) -> list[str]:
        """Links where new-site would write: a folder or file on the way to what it writes that is
        a link (`content/privacy.md` pointing at a file elsewhere), which it would write through."""
        targets = [*self.touched(), self.docs_dir / "assets", self.stories_dir / "img", self.root / EXAMPLE_COPY]
        if self.docs_dir.is_dir() and not self.docs_dir.is_symlink():
            targets += [p for p in self.docs_dir.rglob("*") if p.is_symlink()]
        found: list[str] = []
        for target in targets:
            current = self.root
            for part in target.relative_to(self.root).parts:
                current = current / part
                shown = current.relative_to(self.root).as_posix()
                if current.is_symlink() and shown not in found:
                    found.append(shown)
                    break
        return found

    def removed(self) -> dict[str, list[str]]:
        """The files in the vacancies and stories folders, which new-site removes, by folder."""
        found: dict[str, list[str]] = {}
        for folder in (self.vacancies_dir, self.stories_dir):
            if folder.is_dir():
                name = folder.relative_to(self.root).as_posix()
                found[name] = sorted(
                    p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() or p.is_symlink()
                )
        return found


def _rename(text: str, old: str, new: str) -> str:
    """The old organisation's name replaced by the new one: the full name, then the short one."""
    if not old:
        return text
    text = text.replace(old, new)
    if short_name(old) != old:
        text = _word(short_name(old)).sub(lambda _: short_name(new), text)
    return text


def _word(name: str) -> re.Pattern[str]:
    """`name` as a whole word, also when it starts or ends with a character that is none ('s-…)."""
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


def rewrite_pages(layout: Layout, choices: Choices, report: Report) -> None:
    """Starter pages in the site's language in place of the example's; a page the starter does not
    know (added by the fork) is kept, with the old organisation's name replaced."""
    starter = STARTER / choices.language / "pages"
    known = {page_name(p.relative_to(starter).as_posix(), choices.language): p for p in starter.rglob("*.md")}
    # The example's own pages that a starter page replaces under another name: they go.
    for name in PAGE_NAMES.get(choices.language, {}):
        old = layout.docs_dir / name
        if name not in known and old.is_file() and not old.is_symlink():
            old.unlink()
            report.removed[old.relative_to(layout.root).as_posix()] = 1
            with contextlib.suppress(OSError):  # a listing's folder, when nothing else is in it
                if old.parent != layout.docs_dir:
                    old.parent.rmdir()
    for page in sorted(layout.docs_dir.rglob("*.md")) if layout.docs_dir.is_dir() else []:
        if page.relative_to(layout.docs_dir).as_posix() not in known and not page.is_symlink():
            text = page.read_text(encoding="utf-8")
            renamed = _rename(text, layout.old_organisation, choices.organisation)
            if renamed != text:
                page.write_text(renamed, encoding="utf-8")
                report.renamed.append(page.relative_to(layout.root).as_posix())
    for name, source in sorted(known.items()):
        _write(
            layout.docs_dir / name, starter_text(source, choices.organisation, choices.language), layout.root, report
        )


def rewrite_config(config: Path, layout: Layout, choices: Choices, t: Translator, logo: str, favicon: str) -> None:
    """`mkdocs.yml` for the new organisation: names, address, language, time zone, colours, logo,
    navigation labels; the example's tagline, address, contact and statement facts go (the footer then
    shows no contact)."""
    lines = ConfigLines(config.read_text(encoding="utf-8"))
    org = choices.organisation
    lines.set(("site_name",), quoted(t("newsite.site_name", organisation=org)))
    lines.set(("site_url",), quoted(choices.url))
    lines.set(("site_description",), quoted(t("newsite.description", organisation=org)))
    lines.set(("copyright",), quoted(org))
    lines.set(("theme", "language"), quoted(choices.language))
    lines.set(("theme", "logo"), logo)
    lines.set(("theme", "favicon"), favicon)
    search = quoted(SEARCH_LANGUAGES[choices.language])  # unquoted, no is false
    lines.replace_within(("plugins",), r"^(\s+lang:\s*).*$", lambda m: m.group(1) + search)

    def label(match: re.Match[str]) -> str:
        key = NAV_KEYS.get(match.group(3))
        name = page_name(match.group(3), choices.language)
        return f"{match.group(1)}{quoted(t(f'newsite.nav.{key}')) if key else match.group(2)}: {name}"

    lines.replace_within(("nav",), r"^(\s*- )(.+?):\s+(\S+\.md)\s*$", label)
    # Pages linked from the footer, not the navigation, under their new names too.
    lines.replace_within(
        ("not_in_nav",), r"^(\s*/)(\S+\.md)\s*$", lambda m: m.group(1) + page_name(m.group(2), choices.language)
    )
    block = ("extra", "careersite")
    lines.set((*block, "organisation"), quoted(org))
    for setting in ("privacy_page", "accessibility_page"):
        if (value := lines.get((*block, setting))).endswith(".md"):
            lines.set((*block, setting), quoted(page_name(value, choices.language)))
    # A new site has no earlier addresses (the example's moved folders are not its own), no
    # accessibility statement yet (`make check` warns until it has one), and not the example's
    # newsletter lists.
    names = ("tagline", "address", "contact", "accessibility_statement", "newsletter", "earlier_addresses", "demo_date")
    for name in names:
        lines.remove((*block, name))
    lines.set((*block, "language"), quoted(choices.language), after="organisation")
    lines.set((*block, "timezone"), quoted(choices.timezone), after="language")
    lines.set((*block, "country"), quoted(choices.country), after="timezone")  # NO would be false
    if choices.region:
        lines.set((*block, "holiday_region"), quoted(choices.region), after="country")
    else:
        lines.remove((*block, "holiday_region"))
    lines.set((*block, "logo"), (layout.docs_dir / logo).relative_to(layout.root).as_posix(), after="country")
    lines.set((*block, "colors"), "", after="logo")
    lines.set((*block, "colors", "primary"), quoted(choices.primary))
    lines.set((*block, "colors", "accent"), quoted(choices.accent), after="primary")
    config.write_text(lines.text(), encoding="utf-8")


def _fill(path: Path, values: dict[str, Any], body: str, declared: tuple[Any, ...]) -> None:
    """Rewrite a scaffolded file with `values` over its front matter and `body` for its text."""
    _, head, _ = path.read_text(encoding="utf-8").split("---\n", 2)
    front = {**yaml.safe_load(head), **values}
    path.write_text(f"---\n{scaffold._front_matter(front, declared)}---\n\n{body}", encoding="utf-8")


def _example(text: str, t: Translator) -> str:
    """Every "[[…]]" in `text` turned into example text: '[[Naam contactpersoon]]' ->
    'Voorbeeld: naam contactpersoon'."""
    return PLACEHOLDER.sub(lambda m: t("newsite.example", text=m.group()[2:-2].strip()), text)


def write_examples(config: Path, choices: Choices, t: Translator, scale: str, report: Report) -> None:
    """One vacancy and one story to copy, made by `make new-vacancy` / `make new-story`'s functions,
    filled in as an example, and never public (published in 2099)."""
    root = config.parent.resolve()
    vacancy, _ = scaffold.new_vacancy(config, t("newsite.example_vacancy"), EXAMPLE_DAY)
    front = yaml.safe_load(vacancy.read_text(encoding="utf-8").split("---\n", 2)[1])
    values = {k: _example(v, t) if isinstance(v, str) else v for k, v in front.items()}
    values["contact"] = {**{k: _example(v, t) for k, v in front["contact"].items()}, "email": "jobs@example.org"}
    values["apply"] = "https://example.org/"
    values["scale"] = scale
    note = t("newsite.example_note", kind=t("newsite.vacancy"), day=t.date(EXAMPLE_DAY))
    _fill(vacancy, values, f"{note}\n\n{_example(t('scaffold.body'), t)}", VACANCY_FIELDS)
    report.written.append(vacancy.relative_to(root).as_posix())

    story, _ = scaffold.new_story(config, t("newsite.example_person"), EXAMPLE_DAY)
    front = yaml.safe_load(story.read_text(encoding="utf-8").split("---\n", 2)[1])
    values = {k: _example(v, t) if isinstance(v, str) else v for k, v in front.items()}
    published = EXAMPLE_DAY + dt.timedelta(days=1)  # not on the vacancy's day: one post a day
    values["published"] = published
    values["consent_until"] = EXAMPLE_LAST_DAY
    values["department"] = _example(t("scaffold.department"), t)
    note = t("newsite.example_note", kind=t("newsite.story"), day=t.date(published))
    _fill(story, values, f"{note}\n\n{_example(t('scaffold.story_body'), t)}", STORY_FIELDS)
    report.written.append(story.relative_to(root).as_posix())
    photo = story.parent / str(values["photo"])
    photo.parent.mkdir(parents=True, exist_ok=True)
    draw_photo(choices.primary).save(photo, "JPEG", quality=85)
    report.written.append(photo.relative_to(root).as_posix())


def leftovers(layout: Layout, config: Path) -> list[str]:
    """Files of the new site that still name the old organisation (its short name)."""
    if not layout.old_organisation:
        return []
    word = _word(short_name(layout.old_organisation))
    files = [config]
    for folder in (layout.docs_dir, layout.vacancies_dir, layout.stories_dir):
        files += sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".yml", ".yaml", ".svg", ".txt"))
    return [
        p.relative_to(layout.root).as_posix()
        for p in files
        if word.search(p.read_text(encoding="utf-8", errors="replace"))
    ]


WORKFLOW = Path(".github/workflows/site.yml")
# The nightly block of `on: schedule:` as make deploy-schedule writes it: its comment, then every
# cron line (one with a timezone, or one per UTC offset), so no line of another zone stays behind.
_SCHEDULE = re.compile(r"^ *# Nightly rebuild at .*\n(?: *- cron: .*\n(?: *timezone: .*\n)?)+", re.MULTILINE)


def rewrite_workflow(root: Path, zone: str, report: Report) -> None:
    """The GitHub workflow's nightly build just after midnight in the new site's time zone."""
    path = root / WORKFLOW
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    lines = schedule.snippet(ZoneInfo(zone), clock.today(ZoneInfo(zone)).year).split("\n\n", 1)[0] + "\n"
    new, found = _SCHEDULE.subn(lambda _: lines, text, count=1)
    if not found:
        report.workflow_unchanged = True
    elif new != text:
        path.write_text(new, encoding="utf-8")
        report.written.append(WORKFLOW.as_posix())


EXAMPLE_COPY = Path("tests/example")
EXAMPLE_PARTS = ("mkdocs.yml", "content", "vacancies", "stories", ".github", ".gitlab-ci.yml")


def keep_example(layout: Layout, report: Report) -> None:
    """The example, copied into tests/example/ before it goes: the generator's own tests (`make
    test`) build it, so they keep passing on the organisation's site, whose own content `make
    check` guards. Only from the untouched example, once, and only where those tests are."""
    target = layout.root / EXAMPLE_COPY
    if (
        layout.old_organisation != EXAMPLE_ORGANISATION
        or os.path.lexists(target)
        or not (layout.root / "tests" / "conftest.py").is_file()
    ):
        return
    target.mkdir(parents=True)
    for name in EXAMPLE_PARTS:
        source = layout.root / name
        if source.is_dir():
            shutil.copytree(source, target / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, target / name)
    report.written.append(f"{EXAMPLE_COPY.as_posix()}/")


GITLAB = Path(".gitlab-ci.yml")


def rewrite_gitlab(root: Path, zone: str, report: Report) -> None:
    """The GitLab pipeline's note on the nightly schedule names the new site's time zone as
    GitLab's schedule form lists it (its city: Europe/Oslo is "Oslo")."""
    path = root / GITLAB
    if not path.is_file() or path.is_symlink():
        return
    text = path.read_text(encoding="utf-8")
    city = zone.rsplit("/", 1)[-1].replace("_", " ")
    zone_words = re.compile(r"(cron timezone )[^\s(]+(?: [^\s(]+)*?( \()")
    new = zone_words.sub(lambda m: f"{m.group(1)}{city}{m.group(2)}", text, count=1)
    if new != text:
        path.write_text(new, encoding="utf-8")
        report.written.append(GITLAB.as_posix())


def create_site(config: Path, choices: Choices) -> Report:
    """Replace the example's content by an empty site for `choices`; what changed."""
    layout = Layout.of(config)
    root, report, t = layout.root, Report(), Translator(choices.language)
    keep_example(layout, report)
    _empty(layout.vacancies_dir, root, report)
    _empty(layout.stories_dir, root, report)
    assets = layout.docs_dir / "assets"
    for old in layout.logos:
        if old.is_file():
            old.unlink()
            report.removed[old.relative_to(root).as_posix()] = 1
    for path, size in ((assets / "logo.png", 512), (assets / "favicon.png", 64)):
        path.parent.mkdir(parents=True, exist_ok=True)
        draw_logo(choices.organisation, choices.accent, size).save(path, "PNG", optimize=True)
        report.written.append(path.relative_to(root).as_posix())
    rewrite_pages(layout, choices, report)
    table, _ = salary_table(choices.country)
    _write(layout.salary_table, table, root, report)
    processes = (STARTER / choices.language / "processes.yml").read_text(encoding="utf-8")
    _write(layout.processes, processes, root, report)
    rewrite_config(config, layout, choices, t, "assets/logo.png", "assets/favicon.png")
    report.written.append(config.relative_to(root).as_posix())
    scales = list(yaml.safe_load(table)["scales"])
    write_examples(config, choices, t, scales[len(scales) // 2], report)
    # The departments the web editor offers: the example's, until the team adds its own there.
    department = _example(t("scaffold.department"), t)
    listed = yaml.safe_dump({"departments": [department]}, allow_unicode=True, sort_keys=False)
    _write(layout.departments, f"# {t('newsite.departments')}\n{listed}", root, report)
    # The example's places of work are not the new organisation's: its vacancies carry its address
    # until the team lists its own places (README: Site settings and data).
    if layout.locations.is_file() and not layout.locations.is_symlink():
        layout.locations.unlink()
        report.removed[layout.locations.relative_to(root).as_posix()] = 1
    report.leftovers = leftovers(layout, config)
    rewrite_workflow(root, choices.timezone, report)
    rewrite_gitlab(root, choices.timezone, report)
    return report


def summary(report: Report, choices: Choices, layout: Layout, t: Translator) -> str:
    """What was removed and written, what to check, and the next commands."""
    kind = salary_table(choices.country)[1]
    lines = [t("newsite.done", organisation=choices.organisation)]
    lines += [t("newsite.removed", path=terminal(path), n=n) for path, n in sorted(report.removed.items())]
    lines.append(t("newsite.written", n=len(report.written)))
    lines += [f"  {terminal(path)}" for path in report.written]
    lines += [t("newsite.renamed", path=terminal(path)) for path in report.renamed]
    lines += [t("newsite.leftover", path=terminal(path)) for path in report.leftovers]
    if report.workflow_unchanged:
        lines.append(t("newsite.workflow", path=WORKFLOW.as_posix()))
    table = layout.salary_table.relative_to(layout.root).as_posix()
    processes = layout.processes.relative_to(layout.root).as_posix()
    lines.append(t(f"newsite.salary_{kind}", path=table))
    lines.append(t("newsite.processes", path=processes))
    lines.append(t("newsite.next"))
    return "\n".join(lines)


def ask(given: dict[str, str], t: Translator, prompt: Callable[[str], str] = input) -> dict[str, str]:
    """Ask each value that was not given, in the terminal, with a default in brackets; the language
    first, so that the other questions are asked in it."""
    values = dict(given)
    for name in OPTIONS:
        if values.get(name, "").strip():
            continue
        if name == "region" and (values.get("country") or "").upper() not in REGIONS_ASKED:
            continue
        default = _default(name, values)
        answer = prompt(t(f"newsite.ask.{name}") + (f" [{default}]" if default else "") + ": ").strip()
        values[name] = answer or default
        if name == "language" and values[name] in LANGUAGES:
            t = Translator(values[name])
    return values


def _default(name: str, values: dict[str, str]) -> str:
    language = values.get("language", "nl") if values.get("language") in LANGUAGES else "nl"
    country = (values.get("country") or default_country(language)).upper()
    if name == "language":
        return "nl"
    if name == "country":
        return default_country(language)
    if name == "timezone":
        return default_timezone(country)
    if name == "url" and values.get("organisation", "").strip():
        return suggested_url(values["organisation"], language, country)
    if name == "region":
        return REGIONS_ASKED.get(country, "")
    if name in ("primary", "accent"):
        return {"primary": "#0B5563", "accent": "#F2A900"}[name]
    return ""


def run(config: Path, given: dict[str, str], *, force: bool, interactive: bool) -> tuple[int, str]:
    """`make new-site`: the exit code and what to print (on standard error when the code is not 0).
    Nothing is changed when any value is wrong, when it would write through a link, when the result
    would not pass `make check`, or (unless `force`) when the content has work that is not
    committed or the site is no longer the untouched example. Forced, it first keeps a way back."""
    config = config.resolve()
    fallback = scaffold.translator(config).language
    try:
        values = ask(given, Translator(fallback)) if interactive else dict(given)
    except (EOFError, KeyboardInterrupt):
        return 2, "\n" + Translator(fallback)("newsite.cancelled")
    if not interactive:
        language = values.get("language") or "nl"
        values.setdefault("language", language)
        for name in ("country", "primary", "accent"):
            if not values.get(name, "").strip():
                values[name] = _default(name, values)
    choices, problems = validate(values, fallback)
    # One language for the whole answer: the one asked for when it is one (the messages are in it).
    asked = values.get("language", "").strip()
    t = Translator(choices.language if choices else asked if asked in LANGUAGES else fallback)
    if problems:
        return 2, "\n".join([t("newsite.invalid"), *problems])
    assert choices is not None
    try:
        layout = Layout.of(config)
        raw, _ = read_config(config)
    except (OSError, SourceProblem) as error:
        return 1, f"{config.name}: {getattr(error, 'strerror', None) or error}"
    extra = raw.get("extra")
    if not isinstance(extra, dict) or not isinstance(extra.get("careersite"), dict):
        return 2, t("newsite.no_block", config=config.name)
    if unsafe := layout.unsafe():
        return 2, "\n".join(t("newsite.unsafe_folder", config=config.name, name=name) for name in unsafe)
    if links := layout.links():
        return 2, t("newsite.links", paths=", ".join(terminal(p) for p in links[:10]), n=len(links))
    changed = uncommitted(layout.root, layout.protected())
    team = layout.old_organisation != EXAMPLE_ORGANISATION
    if not force:
        if changed is None:
            return 2, t("newsite.not_git")
        if changed:
            shown = ", ".join(terminal(p) for p in changed[:5]) + (" …" if len(changed) > 5 else "")
            return 2, t("newsite.dirty", paths=shown, n=len(changed))
        if team:
            removed = layout.removed()
            files = [f"{folder}/{name}" for folder, names in removed.items() for name in names]
            shown = ", ".join(terminal(p) for p in files[:5]) + (" …" if len(files) > 5 else "")
            return 2, t(
                "newsite.team_site",
                organisation=terminal(layout.old_organisation),
                n=len(files),
                paths=shown or "-",
            )
    if problems := rehearse(config, layout, choices, t):
        return 2, "\n".join([t("newsite.would_fail"), *problems])
    way_back = ""
    if force and (team or changed is None or changed):
        try:
            way_back = keep_a_way_back(layout, t)
        except (OSError, subprocess.SubprocessError) as error:
            return 1, t("newsite.no_way_back", problem=terminal(str(error)))
    try:
        report = create_site(config, choices)
    except OSError as error:
        return 1, f"{error.filename or config}: {error.strerror or error}"
    return 0, summary(report, choices, layout, t) + (f"\n{way_back}" if way_back else "")


_NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", ".cache", "site", "site.*", "node_modules", "__pycache__", "report", "new-site-backup-*"
)


def rehearse(config: Path, layout: Layout, choices: Choices, t: Translator) -> list[str]:
    """Make the new site in a copy first and check it as `make check` does: what would be wrong
    (an organisation name that the pages cannot carry, a `mkdocs.yml` written in a shape new-site
    cannot change, so that the old values would stay), each as a message; nothing when it is right."""
    from careersite.config import load
    from careersite.content.errors import ContentError

    with tempfile.TemporaryDirectory(prefix="new-site-") as temporary:
        copy = Path(temporary) / layout.root.name
        shutil.copytree(layout.root, copy, symlinks=True, ignore=_NOT_COPIED)
        copied = copy / config.relative_to(layout.root)
        try:
            create_site(copied, choices)
            site = load(copied, environ={})
        except ContentError as error:
            messages = [terminal(str(problem)) for problem in error.problems]
            if any(problem.path == copied.name for problem in error.problems):
                messages.insert(0, t("newsite.shape", config=config.name, names="extra.careersite"))
            return messages
        except (OSError, SourceProblem, ValueError) as error:
            return [terminal(str(error))]
        s = site.settings
        wanted = {
            "organisation": (s.organisation, choices.organisation),
            "language": (s.language, choices.language),
            "country": (s.country, choices.country),
            "timezone": (str(s.timezone), choices.timezone),
            "site_url": (s.site_url, choices.url),
            "colors.primary": (s.primary_colour, choices.primary),
            "colors.accent": (s.accent_colour, choices.accent),
        }
        stuck = [name for name, (got, want) in wanted.items() if got != want]
        if stuck:
            return [t("newsite.shape", config=config.name, names=", ".join(stuck))]
    return []


def keep_a_way_back(layout: Layout, t: Translator) -> str:
    """Keep everything new-site will change, as it is now (committed or not, ignored drafts too),
    before it changes anything: in a Git branch of its own (the working tree and the index are left
    alone), or outside Git in a zip file in the site's folder. What to tell the author."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    paths = [p.relative_to(layout.root).as_posix() for p in layout.touched() if os.path.lexists(p)]
    git = ["git", "-c", "user.name=make new-site", "-c", "user.email=new-site@localhost"]
    inside = subprocess.run([*git, "rev-parse", "--show-toplevel"], cwd=layout.root, capture_output=True, text=True)
    if inside.returncode == 0:
        branch = f"new-site-backup-{stamp}"
        with tempfile.TemporaryDirectory() as temporary:
            env = dict(os.environ, GIT_INDEX_FILE=str(Path(temporary) / "index"))

            def git_run(*args: str) -> str:
                done = subprocess.run(
                    [*git, *args], cwd=layout.root, env=env, capture_output=True, text=True, timeout=120, check=True
                )
                return done.stdout.strip()

            head = subprocess.run([*git, "rev-parse", "--verify", "-q", "HEAD"], cwd=layout.root, capture_output=True)
            parent = ["-p", "HEAD"] if head.returncode == 0 else []
            if parent:
                git_run("read-tree", "HEAD")
            if paths:
                git_run("add", "--all", "--force", "--", *paths)
            tree = git_run("write-tree")
            message = f"make new-site: everything it changed, as it was ({stamp})"
            commit = git_run("commit-tree", tree, *parent, "-m", message)
            git_run("branch", branch, commit)
        return t("newsite.way_back_git", branch=branch, path=paths[0] if paths else "vacancies")
    archive = layout.root / f"new-site-backup-{stamp}.zip"
    with zipfile.ZipFile(archive, "x", zipfile.ZIP_DEFLATED) as kept:
        for name in paths:
            path = layout.root / name
            files = [path] if not path.is_dir() else sorted(p for p in path.rglob("*") if p.is_file())
            for file in files:
                if not file.is_symlink():
                    kept.write(file, file.relative_to(layout.root).as_posix())
    return t("newsite.way_back_zip", path=archive.name)
