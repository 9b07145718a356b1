"""The accessibility statement's page: the fixed parts of its country's model (digitoegankelijk.nl,
uustatus.no or the EU's), from the setting `accessibility_statement`, around the findings that the
organisation writes in the page itself."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import pyphen

from careersite.content.statement import model_of
from careersite.i18n.languages import LANGUAGES_BY_CODE
from careersite.site import Site

# The complaint routes of the models: the Dutch model's default (an organisation may name its own
# ombudsman), and Norway's fixed pair: breaches go to the board, late or missing answers to the
# authority.
NATIONAL_OMBUDSMAN = "https://www.nationaleombudsman.nl/"
NO_COMPLAINTS = (
    ("statement.no.board", "https://www.diskrimineringsnemnda.no/"),
    ("statement.no.authority", "https://www.uutilsynet.no/"),
)
# A word this long does not fit a phone's line in a heading: it gets places to break, with a hyphen.
_LONG_WORD = re.compile(r"[^\W\d_]{13,}")


@dataclass(frozen=True)
class StatementFact:
    """One line of the statement's summary: the status, the date, the audit, the register entry."""

    label: str
    text: str
    href: str = ""  # the text links here
    day: str = ""  # the date the text gives, as YYYY-MM-DD for <time>
    letter: str = ""  # the Dutch compliance status, shown as its label


@dataclass(frozen=True)
class StatementLink:
    label: str  # what the link is: "E-mail", "Diskrimineringsnemnda"
    text: str  # the address as shown
    href: str


@dataclass(frozen=True)
class StatementPage:
    model: str  # "nl", "no" or "eu" (`content.statement.model_of`)
    intro: str
    facts: tuple[StatementFact, ...]
    status_heading: str
    status: tuple[str, ...]  # paragraphs; none while the status is unknown
    contact_heading: str
    contact_text: str
    contacts: tuple[StatementLink, ...]
    reply: str
    complaint_heading: str
    complaint_text: str
    complaints: tuple[StatementLink, ...]
    hyphenation: str  # the language's hyphenation dictionary (pyphen)

    def heading(self, title: str) -> str:
        """`title` (escaped HTML) with soft hyphens in its long words: "Toegankelijkheidsverklaring"
        breaks as "Toegankelijkheids-" "verklaring" on a phone, in every browser, where CSS
        `hyphens: auto` depends on the browser having the language's dictionary. A compound breaks
        after its linking s where it has one (not "Tilgjengelighetserklæ-ring"), else between
        syllables."""
        hyphenator = pyphen.Pyphen(lang=self.hyphenation)

        def breakable(match: re.Match[str]) -> str:
            word = match.group()
            points = hyphenator.positions(word)
            points = [p for p in points if word[p - 1] == "s"] or points
            return "\u00ad".join(word[a:b] for a, b in zip([0, *points], [*points, len(word)], strict=True))

        return _LONG_WORD.sub(breakable, title)


def statement_page(site: Site, phone_link: Callable[[str, str], str]) -> StatementPage:
    """What the statement's page says besides its findings, in the site's language; `phone_link`
    makes a number's `tel:` link (`views.tel_href`)."""
    s, t = site.settings, site.t
    statement = s.accessibility_statement
    model = model_of(s.country)
    host = urlsplit(s.site_url).hostname or s.site_url
    email = statement.email or s.contact.email
    phone = statement.phone or s.contact.phone
    contacts = (
        *((StatementLink(t("statement.email"), email, f"mailto:{email}"),) if email else ()),
        *((StatementLink(t("statement.phone"), phone, phone_link(phone, s.country)),) if phone else ()),
    )
    return StatementPage(
        model=model,
        intro=t(f"statement.{model}.intro", organisation=s.organisation, site=host),
        facts=_facts(site, model),
        status_heading=t(f"statement.{model}.status_heading"),
        status=_status(site, model, host),
        contact_heading=t(f"statement.{model}.contact_heading"),
        contact_text=t(f"statement.{model}.contact_text"),
        contacts=contacts,
        reply=t("statement.reply", n=statement.reply_days) if statement.reply_days else "",
        complaint_heading=t(f"statement.{model}.complaint_heading"),
        complaint_text=t(f"statement.{model}.complaint_text") if _complaints(site, model) else "",
        complaints=_complaints(site, model),
        hyphenation=LANGUAGES_BY_CODE[s.language].hyphenation,
    )


def _facts(site: Site, model: str) -> tuple[StatementFact, ...]:
    """The summary at the top: status, last review, how it was checked, the report, the register."""
    t, statement = site.t, site.settings.accessibility_statement
    facts = []
    if model == "nl" and statement.status:
        wording = t(f"statement.letter.{statement.status}")
        facts.append(StatementFact(t("statement.status"), wording, letter=statement.status))
    elif statement.compliance:
        facts.append(StatementFact(t("statement.status"), t(f"statement.level.{statement.compliance}")))
    if statement.date:
        facts.append(StatementFact(t("statement.reviewed"), t.date(statement.date), day=statement.date.isoformat()))
    when = t.date(statement.report_date) if statement.report_date else ""
    if statement.method or when:
        text = f"{statement.method} ({when})" if statement.method and when else statement.method or when
        facts.append(StatementFact(t("statement.checked"), text))
    if statement.report:
        facts.append(StatementFact(t("statement.report"), t("statement.report_text"), statement.report))
    if statement.register:
        label = t(f"statement.{model}.register_label")
        facts.append(StatementFact(label, t(f"statement.{model}.register_text"), statement.register))
    return tuple(facts)


def _status(site: Site, model: str, host: str) -> tuple[str, ...]:
    """The model's words for the status: the Dutch letter's meaning, or how far the site complies
    and how many requirements it breaches."""
    t, statement = site.t, site.settings.accessibility_statement
    organisation = site.settings.organisation
    if model == "nl":
        if not statement.status:
            return ()
        return (t(f"statement.nl.explain.{statement.status}", organisation=organisation, site=host),)
    if not statement.compliance:
        return ()
    said = [t(f"statement.{model}.compliance.{statement.compliance}", site=host)]
    if statement.breaches:
        said.append(t("statement.breaches", n=statement.breaches, total=statement.requirements))
    return tuple(said)


def _complaints(site: Site, model: str) -> tuple[StatementLink, ...]:
    """Where a reader may complain: the ombudsman in the Dutch model (or the organisation's own
    route), the board and the authority in Norway's; elsewhere the route the settings give."""
    t, given = site.t, site.settings.accessibility_statement.complaints
    if model == "no":
        return tuple(StatementLink(t(key), _shown(href), href) for key, href in NO_COMPLAINTS)
    href = given or (NATIONAL_OMBUDSMAN if model == "nl" else "")
    return (StatementLink(t(f"statement.{model}.complaint_label"), _shown(href), href),) if href else ()


def _shown(address: str) -> str:
    """A web address as people read it: host and path, without https:// and www."""
    parts = urlsplit(address)
    return ((parts.hostname or "").removeprefix("www.") + parts.path).rstrip("/")
