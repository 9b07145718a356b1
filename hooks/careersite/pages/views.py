"""What the templates show: every value a page needs, computed and formatted for the locale.

Templates only place these values; the rules that produce them live here and in the domain modules.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, cached_property, partial
from typing import Any, TypeVar
from urllib.parse import parse_qs, quote, urlparse

import phonenumbers

from careersite.addresses import NETWORK_NAMES, share_dialogs
from careersite.cards import colours
from careersite.cards.photos import PhotoSpec, Picture, picture
from careersite.cards.sources import file_state
from careersite.content import calendar
from careersite.content.errors import Problem, by_file
from careersite.content.model import Story, Vacancy
from careersite.history import Change
from careersite.i18n import Translator
from careersite.offers import (
    ExtraView,
    Fact,
    Offer,
    Offers,
    Pay,
    closing_moment,
    scale_label,
)
from careersite.pages.statement import StatementPage, statement_page
from careersite.publish.memo import Remembered
from careersite.rules import education
from careersite.rules.process import timeline, typical_days, working_days
from careersite.rules.salary import Range, in_period
from careersite.rules.status import MANUAL_STATUSES, Status
from careersite.site import APPLY_PAGE, Listed, Site

HOUR_BUCKETS = ((0, 16), (16, 24), (24, 32), (32, 40))
T = TypeVar("T")


def story_picture(story: Story) -> Picture:
    """The story's photo as resized copies; the author's file itself is never published."""
    return picture(story.slug, story.photo_path)


@dataclass(frozen=True)
class StepView:
    name: str
    description: str
    when: str
    kind: str | None
    day: str = ""  # the date as YYYY-MM-DD, for <time datetime>; empty on the hiring page


@dataclass(frozen=True)
class TimelineView:
    apply_until: str
    steps: tuple[StepView, ...]
    total: str
    reply: str
    reply_day: str
    announced: tuple[str, ...]
    retention: str
    process_name: str
    internet_search: str = ""  # whether the organisation looks candidates up on the internet


def _named_after_kind(t: Translator, kind: str, name: str) -> bool:
    """A step simply called "Assessment" (or "Screening"): its name already says its kind."""
    return name.strip().casefold() == t(f"timeline.kind.{kind}").casefold()


def _announcement(t: Translator, kind: str, name: str) -> str:
    """'This procedure includes an assessment: Assessment day.', without repeating a step that is
    simply called after its kind."""
    if _named_after_kind(t, kind, name):
        return t(f"timeline.announce_plain.{kind}")
    return t(f"timeline.announce.{kind}", name=name)


def _badge(t: Translator, kind: str | None, name: str) -> str | None:
    """The kind of an announced step beside its name, unless the name already says it."""
    if not kind or _named_after_kind(t, kind, name):
        return None
    return t(f"timeline.kind.{kind}")


def timeline_view(site: Site, vacancy: Vacancy) -> TimelineView:
    t = site.t
    process = site.processes[vacancy.process]
    placed = timeline(
        process, vacancy.closes, vacancy.process_dates, working_days(site.settings.holiday_area, site.settings.language)
    )
    entries = placed.entries
    steps = tuple(
        StepView(
            e.step.name,
            e.step.description,
            t("timeline.fixed" if e.fixed else "timeline.expected", date=t.date(e.date)),
            _badge(t, e.step.kind, e.step.name),
            e.date.isoformat(),
        )
        for e in entries
    )
    return TimelineView(
        apply_until=t("timeline.apply_until", date=t.date(vacancy.closes)),
        steps=steps,
        total=t("timeline.total", duration=t.duration(placed.days)),
        reply=t("timeline.reply", date=t.date(placed.reply)),
        reply_day=placed.reply.isoformat(),
        announced=tuple(_announcement(t, s.kind, s.name) for s in process.announced_steps if s.kind),
        internet_search=""
        if process.internet_search is None
        else t("timeline.internet_search." + ("searched" if process.internet_search else "not_searched")),
        retention=t(
            "timeline.retention",
            weeks=site.settings.delete_after_weeks,
            months=site.settings.keep_with_consent_months,
        ),
        process_name=process.name,
    )


@dataclass(frozen=True)
class ContactView:
    name: str
    role: str
    phone: str
    phone_href: str
    email: str


@dataclass(frozen=True)
class StoryCard:
    title: str
    name: str
    role: str
    department: str
    summary: str
    quote: str
    url: str
    photo: Picture
    photo_alt: str


def story_card(site: Site, story: Story) -> StoryCard:
    return StoryCard(
        story.title,
        story.name,
        story.role,
        story.department,
        story.summary,
        story.quote,
        site.addresses.story(story.slug),
        story_picture(story),
        story.photo_alt,
    )


@dataclass(frozen=True)
class VacancyCard:
    """A vacancy in a list: enough to choose, plus the values the filters match on."""

    id: str
    title: str
    summary: str
    url: str
    department: str
    location: str
    hours: str
    pay: str
    closes: str
    status: Status
    status_text: str
    filters: dict[str, str]
    closes_at: str = ""  # the closing moment (the next day's start in the site's zone): a page shown
    # after it hides the card, before any rebuild has taken it off (`careersite.js`, `expire_cards`)
    posted: str = ""  # "Geplaatst op 11 november 2026"
    number: str = ""  # "Vacaturenummer: 2026-0142"


def vacancy_card(site: Site, offer: Offer) -> VacancyCard:
    item = offer.listed
    v, t = item.vacancy, site.t
    return VacancyCard(
        id=v.id,
        title=v.title,
        summary=v.summary,
        url=offer.url,
        department=v.department,
        location=v.location,
        hours=offer.working_time,
        pay=offer.pay.summary,
        closes=offer.closes_on,
        status=item.status,
        status_text=t(f"status.{item.status.value}"),
        filters={
            "department": site.department_slug(v.department),
            "location": site.location_slug(v.location),
            "hours": " ".join(str(i) for i, bucket in enumerate(HOUR_BUCKETS) if _overlaps(v.hours, bucket)),
            "education": v.education or "",
            "scale": " ".join(v.scale or ()),
        },
        closes_at="" if site.pinned else offer.closes_at,
        posted=t("ui.posted", date=t.date(v.published)),
        number=t("ui.number", number=v.number),
    )


def _overlaps(hours: tuple[float, float], bucket: tuple[int, int]) -> bool:
    low, high = hours
    return low <= bucket[1] and high > bucket[0]


@dataclass(frozen=True)
class VideoView:
    kind: str  # youtube, vimeo, file or link
    url: str  # what the visitor's click loads or opens
    title: str


@dataclass(frozen=True)
class VacancyPage:
    card: VacancyCard
    facts: tuple[Fact, ...]
    pay: Pay
    timeline: TimelineView
    contact: ContactView
    apply_href: str  # the application's own address, as printed
    apply_link: str  # what the apply button opens: that address, or the site's forwarding page (`apply_forwarding`)
    apply_by_mail: bool
    stories: tuple[StoryCard, ...]
    notices: tuple[str, ...]
    is_open: bool
    closed_text: str | None
    similar: tuple[VacancyCard, ...] = ()  # open vacancies like this one, shown once it is closed
    # An open page's closing moment (the start of the day after `closes`, in the site's time zone)
    # and what the page says once past it, shown by the page's script if no build has closed it yet.
    closes_at: str = ""
    closed_later: str = ""
    # `make serve` only: the warnings on this vacancy's file (text check, slips), shown above the
    # page for the team, never on the published site
    warnings: tuple[str, ...] = ()
    # How to apply, beside the apply button: what to send, and who may apply
    send: str = ""
    applicants: str = ""
    history: HistoryView | None = None
    number: str = ""  # "Vacaturenummer: 2026-0142"
    posted: str = ""  # "Geplaatst op 6 november 2026"
    overview: Overview | None = None  # an open vacancy's answers at a glance


@dataclass(frozen=True)
class Overview:
    """What a candidate asks first, beside the text from 1024 px wide and right after the page's
    first screen on a phone: status, dates, number, how long the procedure takes, what to send,
    who may apply; and the actions on the page (share, print, the closing date in a calendar)."""

    status: str  # "Open voor sollicitaties"
    closes: str  # "16 december 2026"
    posted: str  # "11 november 2026"
    number: str  # "2026-0142"
    procedure: str  # "Van de sluitingsdatum tot een aanbod: ongeveer 6 weken."
    send: str  # "cv en motivatiebrief", or ""
    applicants: str  # "Iedereen kan solliciteren."
    calendar: str  # the closing date as a calendar file, relative to the site root
    # What sharing is made of: the page's absolute address, the vacancy's id, title and summary,
    # and the name of e-mail in the site's language. The links follow from them when a page is
    # rendered, not for every page's key in the page cache (22,000 links at 1,000 vacancies).
    page: str
    campaign: str
    title: str
    summary: str
    email_name: str

    def tagged(self, source: str) -> str:
        """The page with the tags of a reader's share through `source` (the reach report counts
        `utm_medium=share` per network)."""
        return f"{self.page}?utm_source={source}&utm_medium=share&utm_campaign={self.campaign}"

    @property
    def share_url(self) -> str:
        """For the device's own share sheet, which does not say where it went."""
        return self.tagged("share")

    @property
    def share_links(self) -> tuple[tuple[str, str, str], ...]:
        """(network, name, share dialog), for a device without a share sheet."""
        dialogs = share_dialogs(self.title, f"{self.title}: {self.summary}", self.tagged)
        return tuple((network, NETWORK_NAMES[network] or self.email_name, address) for network, address in dialogs)


@dataclass(frozen=True)
class HistoryView:
    """When a vacancy was published and last changed, and what changed that matters to a
    candidate, by day, newest first (`history.py`)."""

    published: str  # "Geplaatst op 2 november 2026."
    changed: str  # "Laatst gewijzigd op 20 november 2026.", or ""
    entries: tuple[tuple[str, tuple[str, ...]], ...]  # (day, what changed that day)


def history_view(site: Site, v: Vacancy) -> HistoryView:
    """What the page says of the vacancy's history: its Git history's changes up to the site's
    day, else only when it was published (no Git, or nothing that matters changed)."""
    t = site.t
    versions = site.history.get(v.source)
    changes = [c for c in (versions.changes if versions else ()) if c.day <= site.today]
    days: dict[dt.date, list[str]] = {}
    for change in changes:
        days.setdefault(change.day, []).append(_change_text(t, change))
    return HistoryView(
        t("history.published", date=t.date(v.published)),
        t("history.changed", date=t.date(changes[-1].day)) if changes else "",
        tuple((t.date(day), tuple(lines)) for day, lines in sorted(days.items(), reverse=True)),
    )


def _change_text(t: Translator, change: Change) -> str:
    if change.topic == "note":
        return change.after
    if change.topic == "closes":
        try:
            before, after = (t.date(dt.date.fromisoformat(d)) for d in (change.before, change.after))
        except ValueError:
            before, after = change.before, change.after
        return t("history.closes", before=before, after=after)
    if change.topic == "hours":
        return t("history.hours", before=change.before, after=change.after)
    if change.topic == "status":
        return t(f"history.status.{change.after if change.after in MANUAL_STATUSES else 'open'}")
    return t(f"history.{change.topic}")  # pay, procedure: the page shows what they are now


@cache  # a contact's number is on each of their vacancies' pages; parsing one takes 60 µs
def tel_href(number: str, country: str) -> str:
    """A `tel:` link in international form (tel:+31570751234), read as a number of the site's
    country unless it starts with + or 00; the digits as written when the number cannot be parsed."""
    if not number.strip():
        return ""
    try:
        parsed = phonenumbers.parse(number, country)
        return "tel:" + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        digits = re.sub(r"[^0-9+]", "", number)
        return f"tel:{digits}" if digits else ""


def robots(item: Listed) -> str | None:
    """A vacancy that is no longer open keeps its page, but search engines should drop it."""
    return None if item.status.is_open else "noindex"


def vacancy_page(
    site: Site,
    offer: Offer,
    card: VacancyCard,
    body_html: str,
    timeline: TimelineView | None = None,
    similar: tuple[VacancyCard, ...] = (),
) -> VacancyPage:
    """A vacancy's page; `body_html` is the author's text as rendered for the page, and `timeline`
    may come from a cache (vacancies with the same procedure and closing date share one)."""
    item, salary = offer.listed, offer.pay
    v, t = item.vacancy, site.t
    notices = []
    if site.settings.public_applicant_list:
        notices.append(t("notice.public_applicant_list"))
    closed_text = None
    if not item.status.is_open:
        closed_text = t(f"closed.{item.status.value}", date=v.closes, published=v.published)
    shown = timeline or timeline_view(site, v)
    return VacancyPage(
        card=card,
        facts=offer.facts,
        pay=salary,
        timeline=shown,
        contact=ContactView(
            v.contact.name,
            v.contact.role,
            v.contact.phone,
            tel_href(v.contact.phone, site.settings.country),
            v.contact.email,
        ),
        apply_href=v.apply,
        apply_link=APPLY_PAGE if site.apply_forwarding(item) else v.apply,
        apply_by_mail=v.apply.startswith("mailto:"),
        stories=tuple(story_card(site, s) for s in site.related_stories(v)),
        notices=tuple(notices),
        is_open=item.status.is_open,
        closed_text=closed_text,
        similar=similar,
        closes_at=offer.closes_at if item.status.is_open and not site.pinned else "",
        closed_later=t("closed.closed", date=v.closes) if item.status.is_open else "",
        send=t("ui.send", documents=t.items([t(f"send.{d}") for d in v.send])) if v.send else "",
        applicants=t(f"ui.applicants.{v.applicants}", organisation=site.settings.organisation),
        history=history_view(site, v),
        number=t("ui.number", number=v.number),
        posted=t("ui.posted", date=t.date(v.published)),
        overview=overview(site, item, shown.total) if item.status.is_open else None,
    )


def overview(site: Site, item: Listed, procedure: str) -> Overview:
    """An open vacancy at a glance."""
    v, t = item.vacancy, site.t
    status = "closing_soon" if item.status is Status.CLOSING_SOON else "open"
    return Overview(
        status=t(f"ui.overview.{status}"),
        closes=t.date(v.closes),
        posted=t.date(v.published),
        number=v.number,
        procedure=procedure,
        send=t.items([t(f"send.{d}") for d in v.send]) if v.send else "",
        applicants=t(f"ui.applicants.{v.applicants}", organisation=site.settings.organisation),
        calendar=site.addresses.closing_date(v.slug),
        page=site.addresses.absolute(site.addresses.vacancy(v.slug)),
        campaign=quote(v.id, safe=""),
        title=v.title,
        summary=v.summary,
        email_name=t("ui.overview.share_email"),
    )


def video_view(site: Site, story: Story) -> VideoView | None:
    if not story.video:
        return None
    title = site.t("story.video_title", name=story.name)
    parsed = urlparse(story.video)
    host = parsed.netloc.lower().removeprefix("www.").removeprefix("m.")
    if host in ("youtube.com", "youtu.be"):
        video_id = parsed.path.strip("/") if host == "youtu.be" else (parse_qs(parsed.query).get("v") or [""])[0]
        if video_id:
            return VideoView("youtube", f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1", title)
    if host == "vimeo.com" and parsed.path.strip("/").isdigit():
        return VideoView("vimeo", f"https://player.vimeo.com/video/{parsed.path.strip('/')}?autoplay=1&dnt=1", title)
    if parsed.scheme in ("http", "https"):
        return VideoView("link", story.video, title)
    return VideoView("file", site.addresses.story_file(story.video), title)


@dataclass(frozen=True)
class StoryPage:
    card: StoryCard
    video: VideoView | None
    vacancies: tuple[VacancyCard, ...]  # the newest few open vacancies of the story's department
    vacancy_count: int  # all open vacancies of the department
    department_url: str


STORY_VACANCIES = 6


def story_page(site: Site, story: Story, cards: list[VacancyCard], vacancy_count: int) -> StoryPage:
    """A story page; `cards` are the newest open vacancies of its department, of `vacancy_count`."""
    return StoryPage(
        card=story_card(site, story),
        video=video_view(site, story),
        vacancies=tuple(cards),
        vacancy_count=vacancy_count,
        department_url=site.addresses.department(site.department_slug(story.department)),
    )


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Filter:
    name: str
    label: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Group:
    department: str
    slug: str
    cards: tuple[VacancyCard, ...]


@dataclass(frozen=True)
class Listing:
    groups: tuple[Group, ...]
    filters: tuple[Filter, ...]
    count: int


def listing(site: Site, cards: list[VacancyCard]) -> Listing:
    """Open vacancies grouped by department, with the filter options that match at least one."""
    t = site.t
    by_department: dict[str, list[VacancyCard]] = {}
    for card in cards:
        by_department.setdefault(card.department, []).append(card)
    groups = tuple(
        Group(dep, site.department_slug(dep), tuple(by_department.get(dep, ()))) for dep in site.departments()
    )

    def options(name: str, label_of: dict[str, str], order: list[str]) -> tuple[Option, ...]:
        # A card counts once for its value and once for each word of it ("32 36" is in "32" and "36"):
        # one pass over the cards, not one per value (230,000 checks at 10,000 vacancies).
        values = [card.filters[name] for card in cards]
        counts = Counter(word for value in values for word in {value, *value.split()})
        return tuple(Option(value, label_of[value], counts[value]) for value in order if counts[value])

    departments = {site.department_slug(d): d for d in site.departments()}
    locations = {site.location_slug(c.location): c.location for c in cards}
    hours = {
        str(i): t("filter.hours_bucket", low=low + (1 if low else 0), high=high)
        for i, (low, high) in enumerate(HOUR_BUCKETS)
    }
    levels = {key: t(f"education.{key}") for key in education.levels(site.settings.country)}
    scales = {key: scale_label(site, (key,)) for key in site.salary_table.scales}
    filters = (
        Filter("department", t("filter.department"), options("department", departments, sorted(departments))),
        Filter(
            "location",
            t("filter.location"),
            options("location", locations, sorted(locations, key=lambda k: locations[k])),
        ),
        Filter("hours", t("filter.hours"), options("hours", hours, list(hours))),
        Filter("education", t("filter.education"), options("education", levels, list(levels))),
        Filter("scale", t("filter.scale"), options("scale", scales, list(scales))),
    )
    return Listing(groups, filters, len(cards))


@dataclass(frozen=True)
class ScaleRow:
    label: str
    minimum: str
    maximum: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class SalaryPage:
    title: str
    effective: str
    basis: str
    rows: tuple[ScaleRow, ...]
    extras: tuple[ExtraView, ...]
    max_steps: int
    step_headings: tuple[str, ...] = ()  # the column of each step: "Trede 3", or "4 år" by seniority


def step_headings(site: Site, count: int) -> tuple[str, ...]:
    """The heading of each step of the salary table: its number, or with pay by seniority (the
    Norwegian KS tables) the years of service it stands for."""
    table, t = site.salary_table, site.t
    if table.step_basis == "seniority" and len(table.step_years) >= count:
        return tuple(t("ui.step_years_column", n=years) for years in table.step_years[:count])
    return tuple(t("ui.step_column", n=n) for n in range(1, count + 1))


def salary_page(site: Site) -> SalaryPage:
    t, table = site.t, site.salary_table
    individual = table.step_basis == "individual"
    period = site.salary_period
    assert table.effective is not None  # a site is built only from a table without mistakes

    def money(amount: float) -> str:
        return t.money(
            in_period(Range(amount, amount, table.currency, table.period), period, table.fulltime_hours).minimum,
            table.currency,
        )

    rows = tuple(
        ScaleRow(scale_label(site, (s.key,)), money(s.minimum), money(s.maximum), tuple(money(a) for a in s.steps))
        for s in table.scales.values()
    )
    return SalaryPage(
        title=table.name,
        effective=t("salary.effective", date=t.date(table.effective)),
        basis=t("salary.basis", period=t(f"pay.period.{period}"), hours=t.number(table.fulltime_hours)),
        rows=rows,
        extras=tuple(
            ExtraView(e.name, e.description, t.percent(e.percent) if e.percent else None) for e in table.extras
        ),
        # Pay set individually within a range (Sweden) has no steps to show: only its lowest and highest.
        max_steps=0 if individual else max((len(r.steps) for r in rows), default=0),
        step_headings=() if individual else step_headings(site, max((len(r.steps) for r in rows), default=0)),
    )


@dataclass(frozen=True)
class ProcessView:
    key: str
    name: str
    summary: str
    steps: tuple[StepView, ...]
    total: str
    reply: str


def processes(site: Site) -> tuple[ProcessView, ...]:
    t = site.t
    calendar = working_days(site.settings.holiday_area, site.settings.language)
    return tuple(
        ProcessView(
            p.key,
            p.name,
            p.summary,
            tuple(
                StepView(
                    s.name,
                    s.description,
                    t("timeline.after", duration=t.duration(s.days)),
                    _badge(t, s.kind, s.name),
                )
                for s in p.steps
            ),
            t("timeline.total", duration=t.duration(typical_days(p, calendar, site.today))),
            t("timeline.reply_days", days=p.reply_within_days),
        )
        for p in site.processes.values()
    )


@dataclass(frozen=True)
class Theme:
    """Brand colours adjusted so that text on them, and links in them, meet WCAG AA."""

    primary: str
    on_primary: str
    accent: str
    on_accent: str
    link: str


def theme(site: Site) -> Theme:
    s = site.settings
    return Theme(
        primary=s.primary_colour,
        on_primary=colours.text_on(s.primary_colour),
        accent=s.accent_colour,
        on_accent=colours.text_on(s.accent_colour),
        link=colours.readable_against(s.primary_colour, "#FFFFFF"),
    )


BRAND_CSS = """/* Brand colours of this site, adjusted to meet WCAG AA; generated from the site settings. */
:root {{
  --md-primary-fg-color: {primary};
  --md-primary-fg-color--light: {primary};
  --md-primary-fg-color--dark: {primary};
  --md-primary-bg-color: {on_primary};
  --md-accent-fg-color: {link};
  --md-typeset-a-color: {link};
  --cs-primary: {primary};
  --cs-on-primary: {on_primary};
  --cs-accent: {accent};
  --cs-on-accent: {on_accent};
  --cs-link: {link};
}}
"""


def brand_stylesheet(site: Site) -> str:
    """The stylesheet that gives the theme the organisation's colours."""
    colours_ = theme(site)
    return BRAND_CSS.format(**{name: getattr(colours_, name) for name in Theme.__dataclass_fields__})


@dataclass(frozen=True)
class CalendarEntry:
    label: str  # "sluit", "bericht"
    kind: str
    text: str
    url: str  # relative to the site root; empty for an item not yet online
    planned: bool


@dataclass(frozen=True)
class CalendarDay:
    day: dt.date
    iso: str
    heading: str  # "dinsdag 1 december 2026"
    is_today: bool
    entries: tuple[CalendarEntry, ...]


@dataclass(frozen=True)
class CalendarView:
    days: tuple[CalendarDay, ...]
    events: tuple[calendar.Event, ...]
    team: bool  # the team's view: items not yet online, consent end dates and the planning warnings
    today: dt.date
    warnings: tuple[Problem, ...]  # what `make check` says of the planning

    @property
    def history_days(self) -> int:
        return calendar.HISTORY_DAYS

    @property
    def upcoming(self) -> tuple[CalendarDay, ...]:
        return tuple(d for d in self.days if d.day >= self.today)

    @property
    def past(self) -> tuple[CalendarDay, ...]:
        return tuple(d for d in self.days if d.day < self.today)


def calendar_view(site: Site, team: bool) -> CalendarView:
    """The content calendar, per day. Without `team` it holds only what is public today, and no
    planning warnings (they name what is planned)."""
    t = site.t
    found = calendar.events(site.content, site.settings, site.processes, site.today, team, site.addresses)
    by_day: dict[dt.date, list[CalendarEntry]] = {}
    for event in found:
        # The label says what happens; the text adds the step or channel, or the whole title.
        text = f"{event.detail}: {event.subject}" if event.detail else event.subject
        text = calendar.title(event, t) if event.kind == "consent_ends" else text
        entry = CalendarEntry(t(f"calendar.label.{event.kind}"), event.kind, text, event.url, event.planned)
        by_day.setdefault(event.day, []).append(entry)
    days = tuple(
        CalendarDay(day, day.isoformat(), f"{t.weekday(day)} {t.date(day)}", day == site.today, tuple(entries))
        for day, entries in by_day.items()
    )
    return CalendarView(days, tuple(found), team, site.today, site.planning if team else ())


class SiteView:
    """Everything the templates of one build draw on; each part is computed once, when first used.
    A `preview` (make serve) also shows the team what is planned but not yet online."""

    def __init__(self, site: Site, preview: bool = False, remembered: Remembered | None = None) -> None:
        self.site = site
        self.preview = preview
        # `make serve`: values of the previous rebuild, taken again for an item that is the same
        self.remembered = remembered
        self.t = site.t
        self.settings = site.settings
        self.addresses = site.addresses
        self.offers = Offers(site, remembered)  # what pages and outputs both state of a vacancy
        self.pay = self.offers.pay
        self.again = self.offers.again
        self.scale_steps = self.offers.scale_steps
        self._timelines: dict[tuple[Any, ...], TimelineView] = {}
        self._cards: dict[str, VacancyCard] = {}
        self._warnings: dict[str, tuple[str, ...]] | None = None
        self._page: tuple[tuple[str, str], VacancyPage] | None = None  # the last vacancy page asked for, by (id, body)

    def page_inputs(self, item: Listed | Story) -> tuple[Any, ...]:
        """All that a vacancy's or story's page shows of itself and of other items, beside the
        site's settings, data files and templates and today's date: pages with equal inputs are
        equal. The vacancies it lists and the stories it shows count with their department's and
        location's addresses, and a story with its photo file."""
        site = self.site
        if isinstance(item, Listed):
            is_open = item.status.is_open
            listed = (item,) if is_open else (item, *site.similar_open(item.vacancy))
            stories = site.related_stories(item.vacancy)
            count = None if is_open else self.listing.count  # "Alle vacatures (14)"
        else:
            shown = site.open_in_department(item.department)
            listed, stories, count = tuple(shown[:STORY_VACANCIES]), (item,), len(shown)
        return (
            tuple(
                (i, site.department_slug(i.vacancy.department), site.location_slug(i.vacancy.location)) for i in listed
            ),
            tuple((s, site.department_slug(s.department), file_state(s.photo_path)) for s in stories),
            count,
            self.warnings_for(item.vacancy.source) if self.preview and isinstance(item, Listed) else (),
        )

    def warnings_for(self, source: str) -> tuple[str, ...]:
        """The warnings on one file, as `line: field: message` (the preview shows them on its page)."""
        if self._warnings is None:
            self._warnings = by_file(self.site.warnings)
        return self._warnings.get(source, ())

    def card(self, item: Listed) -> VacancyCard:
        """A vacancy's card, computed once however many pages list it."""
        v = item.vacancy
        if v.id not in self._cards:
            inputs = (item, self.site.department_slug(v.department), self.site.location_slug(v.location))
            make = partial(vacancy_card, self.site, self.offers.of(item))
            self._cards[v.id] = self.again(("card", v.id), inputs, make)
        return self._cards[v.id]

    def vacancy_page(self, item: Listed, body_html: str) -> VacancyPage:
        """A vacancy's page values. The last one is kept, for the page's rendering and its key in
        the page cache, which ask for it one after the other; not all of them (the JobPosting alone
        is 22 MB at 10,000 vacancies)."""
        key = (item.vacancy.id, body_html)
        if self._page is None or self._page[0] != key:
            v = item.vacancy
            timeline_key = (v.process, v.closes, tuple(sorted(v.process_dates.items())))
            if timeline_key not in self._timelines:
                self._timelines[timeline_key] = timeline_view(self.site, v)
            similar = () if item.status.is_open else tuple(self.card(i) for i in self.site.similar_open(v))
            page = vacancy_page(
                self.site, self.offers.of(item), self.card(item), body_html, self._timelines[timeline_key], similar
            )
            if self.preview:
                page = dataclasses.replace(page, warnings=self.warnings_for(v.source))
            self._page = (key, page)
        return self._page[1]

    def story_page(self, story: Story) -> StoryPage:
        listed = self.site.open_in_department(story.department)
        return story_page(self.site, story, [self.card(i) for i in listed[:STORY_VACANCIES]], len(listed))

    @staticmethod
    def keep(text: str) -> str:
        """`text` with a number kept on the line of the word after it ("36 uur", "11 december"):
        a unit alone at the start of a line reads as a mistake."""
        return _NUMBER_AND_WORD.sub("\u00a0", text)

    @property
    def count_endpoint(self) -> str:
        """Where each page sends its page view and apply clicks (setting `analytics`): "" without a
        counting tool, and always in the preview of `make serve`, which is nobody's visit."""
        return "" if self.preview else self.settings.analytics.endpoint

    @cached_property
    def privacy_url(self) -> str:
        return self.addresses.page(self.settings.privacy_page)

    @cached_property
    def alerts_url(self) -> str | None:
        """The job alerts page (the page with template alerts.html), if the site has one."""
        page = self.site.page_templates.get("alerts.html")
        return self.addresses.page(page) if page else None

    @cached_property
    def salary_url(self) -> str | None:
        """The salary scales page (the page with template salary.html), if the site has one: its
        name follows the site's language (/salaris/, /lonn/, /pay/)."""
        page = self.site.page_templates.get("salary.html")
        return self.addresses.page(page) if page else None

    @property
    def step_basis(self) -> str:
        """How pay rises through the steps of a scale (`SalaryTable.step_basis`)."""
        return self.site.salary_table.step_basis

    @cached_property
    def footer(self) -> FooterView:
        pages = self.site.page_templates
        return footer(self.site, pages.get("alerts.html"))

    @cached_property
    def calendar(self) -> CalendarView:
        return calendar_view(self.site, self.preview or self.settings.calendar.show_planned)

    @cached_property
    def theme(self) -> Theme:
        return theme(self.site)

    @cached_property
    def listing(self) -> Listing:
        return listing(self.site, [self.card(item) for item in self.site.open_vacancies])

    @cached_property
    def salary(self) -> SalaryPage:
        return salary_page(self.site)

    @cached_property
    def processes(self) -> tuple[ProcessView, ...]:
        return processes(self.site)

    @cached_property
    def statement(self) -> StatementPage:
        """The accessibility statement's page (template accessibility.html): the model's parts."""
        return statement_page(self.site, tel_href)

    @cached_property
    def stories(self) -> tuple[StoryCard, ...]:
        return tuple(story_card(self.site, s) for s in self.site.stories)

    def photo_specs(self) -> list[PhotoSpec]:
        """Every copy of every published story's photo, to be drawn with the cards: a photo's copies
        side by side (so one worker decodes it once for all), the largest first."""
        return [spec for story in self.site.stories for spec in reversed(story_picture(story).specs)]

    @cached_property
    def earlier_items(self) -> str:
        """The earlier folders of the vacancies and stories with where they are now, as JSON for
        the page of a missing address to send an old item address on (`Site.earlier_item_folders`)."""
        moves = [[old, new] for old, new in self.site.earlier_item_folders()]
        return json.dumps(moves, separators=(",", ":")).replace("<", "\\u003c")

    @cached_property
    def closing_counts(self) -> str:
        """How many open vacancies close at each moment, per department, as JSON for the home
        page's counts to follow the clock between builds: `[[moment, department slug, n], …]`;
        none on a site whose day stands still (`demo_date`)."""
        if self.site.pinned:
            return ""
        counted = Counter(
            (closing_moment(self.site, item.vacancy.closes), self.site.department_slug(item.vacancy.department))
            for item in self.site.open_vacancies
        )
        return json.dumps([[moment, slug, n] for (moment, slug), n in sorted(counted.items())], separators=(",", ":"))

    def alert_cards(self, department: str | None) -> tuple[VacancyCard, ...]:
        """What a job alert holds now: every open vacancy, or a department's, as the listing has them."""
        return tuple(card for g in self.listing.groups if department in (None, g.department) for card in g.cards)

    @cached_property
    def latest_vacancies(self) -> tuple[VacancyCard, ...]:
        return tuple(self.card(item) for item in self.site.open_vacancies[:6])


@dataclass(frozen=True)
class Link:
    label: str
    href: str  # relative to the site root, or a web address


@dataclass(frozen=True)
class FooterView:
    organisation: str
    address: str
    phone: str
    phone_href: str
    email: str
    url: str
    url_shown: str  # the address without https:// and the last slash
    links: tuple[Link, ...]


_NUMBER_AND_WORD = re.compile(r"(?<=\d) (?=[^\W\d])")  # a space between a number and a word
STAFF_TEMPLATES = ("feeds.html", "calendar.html")  # the team's pages: linked from the staff page, not the footer


def staff_meta(template: str | None) -> dict[str, Any]:
    """What a page of the team (feeds for schedulers, the content calendar) adds to its front
    matter, whatever that says: never found by search engines or the site's search."""
    return {"robots": "noindex", "search": {"exclude": True}} if template in STAFF_TEMPLATES else {}


def footer(site: Site, alerts_page: str | None) -> FooterView:
    """What every page shows at its foot: who we are, how to reach us, and the pages a public body
    must link (accessibility statement, privacy), with job alerts for candidates. The team's pages
    (feeds, calendar) are not here: the staff page (`delen/`) and the web editor lead to them."""
    s, t = site.settings, site.t
    a = s.address
    address = ", ".join(part for part in (a.street, " ".join(p for p in (a.postal_code, a.locality) if p)) if part)
    links = [
        Link(t("ui.footer_alerts"), site.addresses.page(alerts_page)) if alerts_page else None,
        Link(t("ui.footer_accessibility"), site.addresses.page(s.accessibility_page)) if s.accessibility_page else None,
        Link(t("ui.footer_privacy"), site.addresses.page(s.privacy_page)),
    ]
    return FooterView(
        s.organisation,
        address,
        s.contact.phone,
        tel_href(s.contact.phone, s.country),
        s.contact.email,
        s.contact.url,
        s.contact.url.split("://", 1)[-1].rstrip("/"),
        tuple(link for link in links if link),
    )
