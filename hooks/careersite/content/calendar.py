"""The content calendar: what goes live, closes, happens and is posted on which day, and the
warnings that keep posting regular (a channel that hears nothing for weeks, or gets three items
on one day).

A planned post is an item's first day in a channel's feed: schedulers post each new feed item
once, on the day it appears, which is the item's `published` date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from careersite.content.errors import Problem
from careersite.content.model import Content, Story, Vacancy
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


def _channels(item: Vacancy | Story, settings: Settings) -> tuple[str, ...]:
    return tuple(key for key in (item.channels or settings.default_channels) if key in settings.channels)


def _posted(item: Vacancy | Story) -> bool:
    """Whether the item ever enters the feeds: a vacancy filled or cancelled before it went
    live, or a story whose consent ends before it is published, never does."""
    if isinstance(item, Vacancy):
        return item.status not in ("filled", "cancelled") and item.published <= item.closes
    return item.published <= item.consent_until


def _vacancy_events(vacancy: Vacancy, process: HiringProcess | None, public: bool) -> list[Event]:
    url = f"vacancies/{vacancy.slug}/" if public else ""
    common = {"subject": vacancy.title, "url": url, "source": vacancy.source, "planned": not public}
    uid = f"vacancy-{vacancy.id}"
    events = [Event(vacancy.published, "vacancy_live", uid=f"{uid}-live", **common)]
    if vacancy.status in ("filled", "cancelled"):
        return events  # it closed when the status was set: no closing day or interviews to come
    events.append(Event(vacancy.closes, "vacancy_closes", uid=f"{uid}-closes", **common))
    for key, day in sorted(vacancy.process_dates.items()):
        step = process.step(key) if process else None
        events.append(Event(day, "process_date", detail=step.name if step else key, uid=f"{uid}-step-{key}", **common))
    return events


def _story_events(story: Story, today: dt.date, public: bool) -> list[Event]:
    url = f"stories/{story.slug}/" if public else ""
    common = {"subject": story.name, "url": url, "source": story.source, "planned": not public}
    events = [Event(story.published, "story_live", uid=f"story-{story.id}-live", **common)]
    if today <= story.consent_until <= today + dt.timedelta(days=CONSENT_NOTICE_DAYS):
        events.append(Event(story.consent_until, "consent_ends", uid=f"story-{story.id}-consent", **common))
    return events


def _post_events(item: Vacancy | Story, settings: Settings, public: bool) -> list[Event]:
    if not _posted(item):
        return []
    kind = "vacancy" if isinstance(item, Vacancy) else "story"
    subject = item.title if isinstance(item, Vacancy) else item.name
    url = f"{'vacancies' if kind == 'vacancy' else 'stories'}/{item.slug}/" if public else ""
    return [
        Event(
            item.published,
            "post",
            subject,
            detail=settings.channels[key].name,
            uid=f"{kind}-{item.id}-post-{key}",
            url=url,
            source=item.source,
            planned=not public,
        )
        for key in _channels(item, settings)
    ]


def events(
    content: Content, settings: Settings, processes: dict[str, HiringProcess], today: dt.date, planned: bool
) -> list[Event]:
    """Every event from `HISTORY_DAYS` ago on, in order of day, kind and subject. Without `planned`,
    only what is public today: the title of a vacancy that is not yet online is no one's business
    until it is (the published site); the team's preview shows everything."""
    found: list[Event] = []
    for vacancy in content.vacancies:
        public = vacancy.published <= today
        if public or planned:
            found += _vacancy_events(vacancy, processes.get(vacancy.process), public)
            found += _post_events(vacancy, settings, public)
    for story in content.stories:
        public = story.published <= today <= story.consent_until
        if (public or (planned and story.published > today)) and _posted(story):
            found += _story_events(story, today, public)
            found += _post_events(story, settings, public)
    first = today - dt.timedelta(days=HISTORY_DAYS)
    return sorted((e for e in found if e.day >= first), key=lambda e: (e.day, KINDS.index(e.kind), e.subject, e.uid))


def posting_warnings(
    content: Content, settings: Settings, today: dt.date, t: Translator, config_path: str, line_of: dict[str, int]
) -> list[Problem]:
    """Channels left quiet for more than `calendar.quiet_days` (or their own `quiet_days`) from their
    last post to the next planned one, or given more than `calendar.posts_per_day` items on one
    day from today on: the past cannot be planned anew.
    `line_of` gives the line of each channel's key in the configuration file."""
    posts: dict[str, dict[dt.date, list[Vacancy | Story]]] = defaultdict(lambda: defaultdict(list))
    for item in [*content.vacancies, *content.stories]:
        if _posted(item):
            for key in _channels(item, settings):
                posts[key][item.published].append(item)
    per_day = settings.calendar.posts_per_day
    problems: list[Problem] = []
    for key, channel in settings.channels.items():
        field = f"extra.careersite.channels.{key}"
        line = line_of.get(key, 0)
        days = sorted(posts[key])
        quiet = channel.quiet_days or settings.calendar.quiet_days
        if not days:
            problems.append(Problem(config_path, line, field, t("warning.channel_unused", channel=channel.name)))
            continue
        last = max((d for d in days if d <= today), default=None)
        following = min((d for d in days if d > today), default=None)
        if following is not None and (following - today).days > PLANNING_HORIZON_DAYS:
            following = None  # a plan that far ahead is not the next post yet
        if last is not None and following is not None and (following - last).days > quiet:
            gap = {"start": t.date(last), "end": t.date(following), "n": (following - last).days}
            problems.append(
                Problem(config_path, line, field, t("warning.channel_gap", channel=channel.name, quiet=quiet, **gap))
            )
        elif last is not None and following is None and (today - last).days > quiet:
            silent = {"channel": channel.name, "start": t.date(last), "quiet": quiet}
            problems.append(Problem(config_path, line, field, t("warning.channel_silent", **silent)))
        for day in (d for d in days if d >= today):
            items = sorted(posts[key][day], key=lambda i: (i.source, i.id))
            for item in items[per_day:]:
                others = ", ".join(f"'{_subject(i)}'" for i in items if i is not item)
                problems.append(
                    Problem(
                        item.source,
                        item.line("published"),
                        "published",
                        t("warning.channel_crowded", channel=channel.name, date=t.date(day), others=others),
                    )
                )
    return problems


def _subject(item: Vacancy | Story) -> str:
    return item.title if isinstance(item, Vacancy) else item.name
