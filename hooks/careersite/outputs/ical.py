"""The content calendar as an iCalendar feed (`calendar.ics`), for the team's calendar apps.

Every event is an all-day event on the site's calendar day (a DATE value, with the site's time
zone named for apps that ask), with a UID that stays the same while its date moves, so an app that
subscribes updates an event instead of adding a second one. The output depends only on the content
and "today": two builds of the same day are byte-identical.

Each event's VEVENT is kept between builds (`EventCache`), as the feeds keep their items: a build
renders only the events that changed and splices them into the calendar's frame, which gives the
same bytes as rendering the whole calendar with icalendar. An event is kept without its DTSTAMP
(the build's day), which is put in when the calendar is written: the first build of a new day
renders nothing anew either (at 10,000 vacancies, some 14,000 events took about 8 s to render).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from careersite.addresses import CLOSING_DATES
from careersite.content import calendar as content_calendar
from careersite.content.calendar import Event, title
from careersite.content.settings import Settings
from careersite.i18n import Translator
from careersite.publish import kept
from careersite.publish.files import Placer, write_atomic

if TYPE_CHECKING:
    from icalendar import Calendar

    from careersite.site import Site

PRODUCT = "-//careersite//content calendar//EN"
# The kept events' and frame's key: icalendar's version, and LAYOUT, bumped when vevent() or frame() change.
LAYOUT = "4"
ICALENDAR_VERSION = f"{importlib.metadata.version('icalendar')}/{LAYOUT}"
_END = b"END:VCALENDAR\r\n"

# One event as it is written: uid, stamp, day, summary, category, link, description.
Fields = tuple[str, dt.datetime, dt.date, str, str, str, str]
# A kept event is rendered with this stamp, and its DTSTAMP line replaced by the build's.
_KEPT_STAMP = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def fields(event: Event, settings: Settings, t: Translator, stamp: dt.datetime) -> Fields:
    host = urlsplit(settings.site_url).hostname or "careersite"
    link = settings.site_url + event.url if event.url else ""
    lines = [link, event.source] if link else [event.source]
    if event.planned:
        lines.append(t("calendar.planned"))
    label = t(f"calendar.label.{event.kind}")
    return (f"{event.uid}@{host}", stamp, event.day, title(event, t), label, link, "\n".join(lines))


def vevent(written: Fields) -> bytes:
    uid, stamp, day, summary, label, link, description = written
    from icalendar import Event as IcsEvent  # here: a build whose events are all kept never needs it (20 ms)

    entry = IcsEvent()
    entry.add("uid", uid)
    entry.add("dtstamp", stamp)
    entry.add("dtstart", day)
    entry.add("dtend", day + dt.timedelta(days=1))
    entry.add("summary", summary)
    entry.add("categories", [label])
    entry.add("transp", "TRANSPARENT")  # an all-day reminder, not time that is taken
    if link:
        entry.add("url", link)
    entry.add("description", description)
    return entry.to_ical()


def _stamp_line(stamp: dt.datetime) -> bytes:
    """A VEVENT's DTSTAMP line as icalendar writes a UTC time, between the line ends around it."""
    return b"\r\nDTSTAMP:" + stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ").encode() + b"\r\n"


class EventCache:
    """Each event's VEVENT from earlier builds, by everything written in it but its stamp; a
    missing or damaged file only means the events are rendered again."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        # (uid, day, summary, category, link, description) -> VEVENT with the stamp _KEPT_STAMP
        self.known: dict[tuple[object, ...], bytes] = {}
        self.frame: tuple[tuple[str, ...], bytes] | None = None  # (what the frame says, its bytes)
        self.rendered = 0
        self.frame_rendered = False
        data = kept.load(path, f"calendar events {ICALENDAR_VERSION}") if path is not None else None
        if isinstance(data, dict):
            try:
                self.known = {tuple(k): bytes(v) for k, v in data["events"].items()}
                if data["frame"] is not None:  # the closing-date files have no frame of their own
                    key, text = data["frame"]
                    self.frame = (tuple(str(part) for part in key), bytes(text))
            except (KeyError, TypeError, ValueError, AttributeError):
                self.known, self.frame = {}, None

    def element(self, written: Fields) -> bytes:
        """The event's VEVENT with its stamp."""
        key = _without_stamp(written)
        kept = self.known.get(key)
        if kept is None:
            uid, _, *rest = written
            kept = self.known[key] = vevent((uid, _KEPT_STAMP, *rest))  # type: ignore[arg-type]
            self.rendered += 1
        stamped = kept.replace(_stamp_line(_KEPT_STAMP), _stamp_line(written[1]), 1)
        if stamped == kept and written[1] != _KEPT_STAMP:  # a layout without that line: render it whole
            return vevent(written)
        return stamped

    def head(self, settings: Settings, t: Translator, year: int, team: bool = False) -> bytes:
        """The calendar's frame as written (kept too: rendering it means importing icalendar)."""
        name = t("calendar.team_name" if team else "calendar.name", organisation=settings.organisation)
        key = (PRODUCT, name, t("calendar.description"), str(settings.timezone), str(year))
        if self.frame is None or self.frame[0] != key:
            self.frame = (key, frame(settings, t, year, team).to_ical())
            self.frame_rendered = True
        return self.frame[1]

    def save(self, current: list[Fields]) -> None:
        keys = {_without_stamp(written) for written in current}
        unchanged = not self.rendered and not self.frame_rendered and len(self.known) == len(keys)
        if self.path is None or unchanged:
            return
        known = {k: self.known[k] for k in keys}
        kept.save(self.path, f"calendar events {ICALENDAR_VERSION}", {"events": known, "frame": self.frame})


def _without_stamp(written: Fields) -> tuple[object, ...]:
    return (written[0], *written[2:])


def frame(settings: Settings, t: Translator, year: int, team: bool = False) -> Calendar:
    """The calendar's own properties and the site's time zone (this year and the next two), without
    events. The time zone is a component of its own, so that a calendar without events is still
    a valid one (RFC 5545 asks for at least one component)."""
    from icalendar import Calendar, Timezone, vText

    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # TEXT values: escaped (a comma, semicolon or backslash in the organisation's name), which
    # icalendar does for the properties it knows, not for X- properties given as plain text.
    name = t("calendar.team_name" if team else "calendar.name", organisation=settings.organisation)
    calendar.add("x-wr-calname", vText(name))
    calendar.add("x-wr-caldesc", vText(t("calendar.description")))
    calendar.add("x-wr-timezone", vText(str(settings.timezone)))
    calendar.add("refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    first, last = dt.date(year, 1, 1), dt.date(year + 2, 12, 31)
    zone = Timezone.from_tzid(str(settings.timezone), first_date=first, last_date=last)
    calendar.add_component(zone)
    return calendar


def render(
    events: list[Event],
    settings: Settings,
    t: Translator,
    today: dt.date,
    cache: EventCache | None = None,
    team: bool = False,
) -> bytes:
    cache = cache or EventCache()
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)  # when this version was made: the build's day
    written = [fields(event, settings, t, stamp) for event in events]
    head = cache.head(settings, t, today.year, team)
    body = b"".join(cache.element(item) for item in written)
    cache.save(written)
    return head[: -len(_END)] + body + _END


# A candidate's file holds one event in the calendar they choose: no name, refresh or time zone
# (the event is a DATE); the frame's lines are constants.
_CLOSING_HEAD = b"".join(
    line + b"\r\n"
    for line in (
        b"BEGIN:VCALENDAR",
        b"VERSION:2.0",
        b"PRODID:-//careersite//closing date//EN",
        b"CALSCALE:GREGORIAN",
        b"METHOD:PUBLISH",
    )
)


def write_closing_dates(site: Site, site_dir: Path, placer: Placer | None = None) -> int:
    """Beside each open vacancy's page, its closing date as a calendar file a candidate adds to
    their calendar app with one tap: one all-day event on the last day to apply, with the page's
    address. Same frame and kept events as the calendars above; a file unchanged since the live
    site is linked from it, not written. How many files there are."""
    settings, t, a = site.settings, site.t, site.addresses
    host = urlsplit(settings.site_url).hostname or "careersite"
    stamp = dt.datetime.combine(site.today, dt.time(), tzinfo=dt.UTC)
    cache = EventCache(settings.cache_dir / "closing-date-events.pickle")
    (site_dir / CLOSING_DATES).mkdir(parents=True, exist_ok=True)
    written = []
    for item in site.open_vacancies:
        v = item.vacancy
        link = a.absolute(a.vacancy(v.slug))
        event: Fields = (
            f"closes-{v.id}@{host}",
            stamp,
            v.closes,
            t("ui.overview.calendar_summary", title=v.title, organisation=settings.organisation),
            t("fact.closes"),
            link,
            t("ui.overview.calendar_description", url=link),
        )
        written.append(event)
        data = _CLOSING_HEAD + cache.element(event) + _END
        if placer is None:
            write_atomic(site_dir / a.closing_date(v.slug), data)
        else:
            placer.put_made(a.closing_date(v.slug), hashlib.sha256(data).hexdigest(), data)
    cache.save(written)
    return len(written)


TOKEN_VARIABLE = "CAREERSITE_CALENDAR_TOKEN"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{24,128}$")


class BadToken(ValueError):
    """The team calendar's token is too short or holds characters an address cannot."""


def team_file(environ: Mapping[str, str]) -> str | None:
    """The address of the team's planning calendar, `calendar-<token>.ics`, when the deploy gives a
    token (a CI secret in `CAREERSITE_CALENDAR_TOKEN`); None without one. It holds what is planned,
    so its address must not be guessable: at least 24 letters, digits, `-` or `_`."""
    token = (environ.get(TOKEN_VARIABLE) or "").strip()
    if not token:
        return None
    if not _TOKEN.match(token):
        raise BadToken(TOKEN_VARIABLE)
    return f"calendar-{token}.ics"


def write(site: Site, public: list[Event], site_dir: Path, environ: Mapping[str, str]) -> str:
    """calendar.ics with the `public` events, and the team's planning calendar (planned items,
    their posts, consent endings) at the address its token makes, when the deploy gives one:
    never linked, listed or indexed. Raises `BadToken` before writing anything when the token is
    guessable. What was written, for the build's log."""
    team_name = team_file(environ)
    settings, t = site.settings, site.t
    kept_public = EventCache(settings.cache_dir / "calendar-events.pickle")
    write_atomic(site_dir / "calendar.ics", render(public, settings, t, site.today, kept_public))
    said = f"Calendar: {len(public)} events, {kept_public.rendered} rendered anew"
    if team_name is not None:
        team = content_calendar.events(site.content, settings, site.processes, site.today, True, site.addresses)
        kept_team = EventCache(settings.cache_dir / "calendar-team-events.pickle")
        write_atomic(site_dir / team_name, render(team, settings, t, site.today, kept_team, team=True))
        said += f"; team calendar: {len(team)} events"
    return said
