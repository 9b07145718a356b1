"""The content calendar as an iCalendar feed (`calendar.ics`), for the team's calendar apps.

Every event is an all-day event on the site's calendar day (a DATE value, with the site's time
zone named for apps that ask), with a UID that stays the same while its date moves, so an app that
subscribes updates an event instead of adding a second one. The output depends only on the content
and "today": two builds of the same day are byte-identical.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from icalendar import Calendar
from icalendar import Event as IcsEvent

from careersite.content.calendar import Event
from careersite.content.settings import Settings
from careersite.i18n import Translator

PRODUCT = "-//careersite//content calendar//EN"


def title(event: Event, t: Translator) -> str:
    """What a calendar app shows: "Vacature sluit: Beleidsadviseur Wonen", "Bericht op LinkedIn: …"."""
    return t(f"calendar.kind.{event.kind}", subject=event.subject, detail=event.detail)


def render(events: list[Event], settings: Settings, t: Translator, today: dt.date) -> bytes:
    host = urlsplit(settings.site_url).hostname or "careersite"
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", t("calendar.name", organisation=settings.organisation))
    calendar.add("x-wr-caldesc", t("calendar.description"))
    calendar.add("x-wr-timezone", str(settings.timezone))
    calendar.add("refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)  # when this version was made: the build's day
    for event in events:
        entry = IcsEvent()
        entry.add("uid", f"{event.uid}@{host}")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.day)
        entry.add("dtend", event.day + dt.timedelta(days=1))
        entry.add("summary", title(event, t))
        entry.add("categories", [t(f"calendar.label.{event.kind}")])
        entry.add("transp", "TRANSPARENT")  # an all-day reminder, not time that is taken
        lines = [event.source] + ([t("calendar.planned")] if event.planned else [])
        if event.url:
            link = settings.site_url + event.url
            entry.add("url", link)
            lines.insert(0, link)
        entry.add("description", "\n".join(lines))
        calendar.add_component(entry)
    return calendar.to_ical()
