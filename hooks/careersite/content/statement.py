"""The accessibility statement: its facts (setting `accessibility_statement`), the model it follows
in the site's country, and what is missing from it for `make check` to warn about.

The Netherlands publishes statements in the register of digitoegankelijk.nl, with a compliance
status A–E; Norway on uustatus.no, with the number of requirements breached. Elsewhere the page
follows the EU's model statement (Directive 2016/2102): fully, partially or not compliant.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from careersite.content.errors import Problem, display_path
from careersite.content.sources import LineDict
from careersite.i18n import Translator

if TYPE_CHECKING:
    from careersite.content.settings import Settings

TEMPLATE = "accessibility.html"  # the template of the statement's page
STATUSES = ("A", "B", "C", "D", "E")  # digitoegankelijk.nl's compliance statuses
MODELS = {"NL": "nl", "NO": "no"}  # the country's own model; elsewhere "eu"
# Where each model's statements are registered: the register's hosts, the first as named to authors.
REGISTERS = {"nl": ("toegankelijkheidsverklaring.nl", "digitoegankelijk.nl"), "no": ("uustatus.no",)}
# The requirements of a website on uustatus.no: WCAG 2.1 A and AA, less those the Norwegian
# regulation leaves out.
NO_REQUIREMENTS = 47
PARTS = (
    "status",
    "breaches",
    "requirements",
    "date",
    "method",
    "report",
    "report_date",
    "register",
    "email",
    "phone",
    "reply_days",
    "complaints",
)


@dataclass(frozen=True)
class AccessibilityStatement:
    """What the organisation states of its site's accessibility; the page adds the model's words."""

    status: str = ""  # A–E, as in the Dutch register
    breaches: int | None = None  # how many of the requirements the site breaches (uustatus.no)
    requirements: int = NO_REQUIREMENTS
    date: dt.date | None = None  # when the statement was last reviewed
    method: str = ""  # how the site was checked, and by whom
    report: str = ""  # the web address of the audit report
    report_date: dt.date | None = None  # when the audit was done
    register: str = ""  # the web address of the statement in the country's register
    email: str = ""  # where readers report a problem; else the site's contact
    phone: str = ""
    reply_days: int | None = None  # working days within which a reader gets an answer
    complaints: str = ""  # the web address of the complaint route; else the model's own

    @property
    def compliance(self) -> str:
        """How far the site complies ("full", "partial", "none") by its status or breaches; "" unknown."""
        if self.status:
            return {"A": "full", "B": "partial"}.get(self.status, "none")
        if self.breaches is not None:
            return "full" if self.breaches == 0 else "partial"
        return ""


def model_of(country: str) -> str:
    """The statement model of the site's country: "nl", "no", or the EU's ("eu")."""
    return MODELS.get(country, "eu")


def in_register(address: str, model: str) -> bool:
    """Whether `address` lies in the model's register (any address where it has none)."""
    if model not in REGISTERS:
        return True
    host = (urlsplit(address).hostname or "").lower()
    return any(host == name or host.endswith(f".{name}") for name in REGISTERS[model])


def a_year_before(day: dt.date) -> dt.date:
    return day.replace(year=day.year - 1) if (day.month, day.day) != (2, 29) else day.replace(year=day.year - 1, day=28)


def statement_warnings(
    settings: Settings,
    page: str | None,
    today: dt.date,
    t: Translator,
    config_path: str,
    block: LineDict | None,
) -> list[Problem]:
    """What the statement lacks while its page is one of the site's (`accessibility_page` names a
    Markdown page): the page's template, the status, a recent date, the register entry, a contact.
    `page` is the page with the statement's template, `block` the `extra.careersite` block of the
    configuration read with its lines."""
    statement_page = settings.accessibility_page or ""
    if not statement_page.endswith(".md"):
        return []
    own = block.get("accessibility_statement") if block is not None else None
    parts = own.lines if isinstance(own, LineDict) else {}
    setting_line = block.lines.get("accessibility_statement", 0) if block is not None else 0
    name = "extra.careersite.accessibility_statement"

    def at(part: str, key: str, **params: object) -> Problem:
        return Problem(config_path, parts.get(part, setting_line), f"{name}.{part}", t(key, **params))

    problems = []
    if page is None or posixpath.normpath(page) != posixpath.normpath(statement_page):
        shown = display_path(settings.docs_dir / statement_page, settings.root)
        problems.append(Problem(shown, 1, "template", t("statement.warning.template", template=TEMPLATE)))
    if not setting_line:
        line = block.lines.get("accessibility_page", 0) if block is not None else 0
        return [*problems, Problem(config_path, line, name, t("statement.warning.missing"))]
    s, model = settings.accessibility_statement, model_of(settings.country)
    if model == "no" and not s.compliance:
        problems.append(at("breaches", "statement.warning.breaches", total=s.requirements))
    elif not s.compliance:
        problems.append(at("status", "statement.warning.status"))
    if s.date is None:
        problems.append(at("date", "statement.warning.date"))
    elif s.date < a_year_before(today):
        problems.append(at("date", "statement.warning.old", date=s.date, today=today))
    elif s.date > today:
        problems.append(at("date", "statement.warning.future", date=s.date, today=today))
    if model in REGISTERS and not s.register:
        problems.append(at("register", "statement.warning.register", register=REGISTERS[model][0]))
    if not (s.email or s.phone or settings.contact.email or settings.contact.phone):
        problems.append(at("email", "statement.warning.contact"))
    return problems
