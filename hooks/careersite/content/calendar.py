"""The content calendar: what goes live, closes, happens and is posted on which day, and the
warnings that keep posting regular (a channel that hears nothing for weeks, or gets three items
on one day).

A planned post is an item's first day in a channel's feed: schedulers post each new feed item
once, on the day it appears, which is the item's `published` date.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass

from careersite.addresses import Addresses
from careersite.content.errors import Problem
from careersite.content.model import Content, Story, Vacancy, channels_of, subject
from careersite.content.settings import Settings
from careersite.i18n import Translator
from careersite.rules.process import HiringProcess

CONSENT_NOTICE_DAYS = 60  # a story's consent that ends this soon is on the calendar, to renew in time
HISTORY_DAYS = 30  # the calendar also shows this many days back
PLANNING_HORIZON_DAYS = 90  # a post planned further ahead does not end a channel's current silence

KINDS = ("vacancy_live", "vacancy_closes", "process_date", "story_live", "consent_ends", "post")


@dataclass(frozen=True, order=True)
class Event:
    """One thing on one day. `subject` is the item it is about; `detail` the step or channel."""

    day: dt.date
    kind: str
    subject: str  # the vacancy's title or the employee's name
    detail: str = ""  # the step's name for a process date, the channel's name for a post
    uid: str = ""  # stable between builds: the same event keeps its identity when its date moves
    url: str = ""  # the item's page, relative to the site root; empty for an item not yet public
    source: str = ""  # the file it comes from
    planned: bool = False  # about an item that is not yet public


def title(event: Event, t: Translator) -> str:
    """What a calendar app shows: "Vacature sluit: Beleidsadviseur Wonen", "Bericht op LinkedIn: …"."""
    return t(f"calendar.kind.{event.kind}", subject=event.subject, detail=event.detail)


def _posted(item: Vacancy | Story, today: dt.date) -> bool:
    """Whether the item enters the feeds on its `published` day. A vacancy that is online was
    posted, whatever happened to it since; one still to come is not posted once it is filled or
    cancelled, nor one that closes before it opens, nor a story whose consent ends first."""
    if isinstance(item, Vacancy):
        if item.published > item.closes:
            return False
        return item.published <= today or item.status not in ("filled", "cancelled")
    return item.published <= item.consent_until


@dataclass(frozen=True)
class _Common:
    """What every event about one item shares."""

    subject: str
    url: str
    source: str
    planned: bool

    def event(self, day: dt.date, kind: str, uid: str, detail: str = "") -> Event:
        return Event(
            day, kind, self.subject, detail=detail, uid=uid, url=self.url, source=self.source, planned=self.planned
        )


def _common(item: Vacancy | Story, public: bool, addresses: Addresses) -> _Common:
    if not public:
        url = ""
    elif isinstance(item, Vacancy):
        url = addresses.vacancy(item.slug)
    else:
        url = addresses.story(item.slug)
    return _Common(subject=subject(item), url=url, source=item.source, planned=not public)


def _vacancy_events(vacancy: Vacancy, process: HiringProcess | None, public: bool, addresses: Addresses) -> list[Event]:
    common = _common(vacancy, public, addresses)
    uid = f"vacancy-{vacancy.id}"
    events = [common.event(vacancy.published, "vacancy_live", uid=f"{uid}-live")]
    if vacancy.status in ("filled", "cancelled"):
        return events  # it closed when the status was set: no closing day or interviews to come
    events.append(common.event(vacancy.closes, "vacancy_closes", uid=f"{uid}-closes"))
    for key, day in sorted(vacancy.process_dates.items()):
        step = process.step(key) if process else None
        events.append(common.event(day, "process_date", detail=step.name if step else key, uid=f"{uid}-step-{key}"))
    return events


def _story_events(story: Story, today: dt.date, public: bool, team: bool, addresses: Addresses) -> list[Event]:
    common = _common(story, public, addresses)
    events = [common.event(story.published, "story_live", uid=f"story-{story.id}-live")]
    # When an employee's consent ends is the team's business, not the public's.
    if team and today <= story.consent_until <= today + dt.timedelta(days=CONSENT_NOTICE_DAYS):
        events.append(common.event(story.consent_until, "consent_ends", uid=f"story-{story.id}-consent"))
    return events


def _post_events(
    item: Vacancy | Story, settings: Settings, today: dt.date, public: bool, addresses: Addresses
) -> list[Event]:
    if not _posted(item, today):
        return []
    kind = "vacancy" if isinstance(item, Vacancy) else "story"
    common = _common(item, public, addresses)
    return [
        common.event(item.published, "post", detail=settings.channels[key].name, uid=f"{kind}-{item.id}-post-{key}")
        for key in channels_of(item, settings)
        if key in settings.channels
    ]


def events(
    content: Content,
    settings: Settings,
    processes: dict[str, HiringProcess],
    today: dt.date,
    team: bool,
    addresses: Addresses,
) -> list[Event]:
    """Every event from `HISTORY_DAYS` ago on, in order of day, kind and subject. Without `team`,
    only what is public today (the published site): the title of a vacancy that is not yet online
    is no one's business until it is, nor is the day an employee's consent ends. The team's view
    (the preview, or `calendar.show_planned`) shows everything."""
    found: list[Event] = []
    for vacancy in content.vacancies:
        public = vacancy.published <= today
        if public or team:
            found += _vacancy_events(vacancy, processes.get(vacancy.process), public, addresses)
            found += _post_events(vacancy, settings, today, public, addresses)
    for story in content.stories:
        public = story.published <= today <= story.consent_until
        if (public or (team and story.published > today)) and _posted(story, today):
            found += _story_events(story, today, public, team, addresses)
            found += _post_events(story, settings, today, public, addresses)
    first = today - dt.timedelta(days=HISTORY_DAYS)
    return sorted((e for e in found if e.day >= first), key=lambda e: (e.day, KINDS.index(e.kind), e.subject, e.uid))


def posting_warnings(
    content: Content, settings: Settings, today: dt.date, t: Translator, config_path: str, line_of: dict[str, int]
) -> list[Problem]:
    """Channels that go without a post for more than `calendar.quiet_days` (or their own
    `quiet_days`) days: between their last post and the planned ones of the coming
    `PLANNING_HORIZON_DAYS`, or since their last post when none is planned; and channels that get
    more than `calendar.posts_per_day` items on one day from today on. The past cannot be planned
    anew. `line_of` gives the line of each channel's key in the configuration file ("" that of
    `channels:` itself, for the default channels)."""
    posts: dict[str, dict[dt.date, list[Vacancy | Story]]] = defaultdict(lambda: defaultdict(list))
    items: list[Vacancy | Story] = [*content.vacancies, *content.stories]
    for item in items:
        if _posted(item, today):
            for key in channels_of(item, settings):
                posts[key][item.published].append(item)
    per_day = settings.calendar.posts_per_day
    horizon = today + dt.timedelta(days=PLANNING_HORIZON_DAYS)
    problems: list[Problem] = []
    for key, channel in settings.channels.items():
        where = (config_path, line_of.get(key, line_of.get("", 0)), f"extra.careersite.channels.{key}")
        days = sorted(posts[key])
        quiet = channel.quiet_days or settings.calendar.quiet_days
        if not days:
            problems.append(Problem(*where, t("warning.channel_unused", channel=channel.name)))
            continue
        last = [d for d in days if d <= today][-1:]
        run = last + [d for d in days if today < d <= horizon]  # a plan further ahead is no plan yet
        for start, end in itertools.pairwise(run):
            empty = (end - start).days - 1  # the days between two posts
            if empty > quiet:
                gap = {"start": t.date(start), "end": t.date(end), "n": empty, "quiet": quiet}
                problems.append(Problem(*where, t("warning.channel_gap", channel=channel.name, **gap)))
        if run and run[-1] <= today and (today - run[-1]).days > quiet:
            silent = {"start": t.date(run[-1]), "n": (today - run[-1]).days, "quiet": quiet}
            problems.append(Problem(*where, t("warning.channel_silent", channel=channel.name, **silent)))
        for day in (d for d in days if d >= today):
            items = sorted(posts[key][day], key=lambda i: (i.source, i.id))
            for item in items[per_day:]:
                others = ", ".join(f"'{subject(i)}'" for i in items if i is not item)
                message = t("warning.channel_crowded", channel=channel.name, date=t.date(day), others=others)
                problems.append(Problem(item.source, item.line("published"), "published", message))
    return problems
