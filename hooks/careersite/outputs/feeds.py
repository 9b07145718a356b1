"""RSS 2.0 feeds with Media RSS for social schedulers, and which feeds a site has.

What schedulers rely on (see README): a guid that never changes (from the item's id, never from
its address or tracking tags), a pubDate that is the first publication date (never the build
time, never in the future), newest first, one enclosure with its byte length plus media:content
for the image, and a lastBuildDate that is the newest item's date, so rebuilds are identical.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import cache, cached_property, partial
from pathlib import Path
from urllib.parse import urlencode

from markupsafe import escape

from careersite.content.fields import SOCIAL_LIMIT
from careersite.content.model import ItemRef, Story, Vacancy, ref
from careersite.content.settings import Channel, NewsletterSettings
from careersite.offers import Offers
from careersite.outputs.social import PORTRAIT_CHANNEL, Card, Cards, CardSet, channels_of
from careersite.publish.cache import CacheFolder, ends_with
from careersite.publish.files import copy_file, write_atomic
from careersite.publish.memo import Remembered
from careersite.publish.pages import Index
from careersite.rules.clock import start_of_day
from careersite.site import Listed, Site

DESCRIPTION_LIMIT = SOCIAL_LIMIT
TTL_MINUTES = 60
FEED_WHOLE = ends_with(b"</rss>\n", start=b"<?xml")


@dataclass(frozen=True)
class Image:
    url: str  # absolute
    length: int  # bytes
    width: int
    height: int
    type: str  # image/jpeg or image/png


@dataclass(frozen=True)
class Item:
    """A vacancy or story as every feed carries it, before a channel's tags and text."""

    kind: str  # "vacancy" or "story"
    id: str
    title: str
    link: str  # absolute, without tracking tags
    description: str  # plain text, at most DESCRIPTION_LIMIT characters
    social: dict[str, str]
    # The item's full text (HTML), made when asked for: for its digest, and for its element when a
    # feed is made. Not kept: every item's text is 26 MB at 10,000 vacancies.
    content: Callable[[], str] = field(repr=False, compare=False)
    published: dt.date
    department: str
    categories: tuple[str, ...]
    channels: tuple[str, ...]
    image: Image
    portrait: Image

    @property
    def guid(self) -> str:
        return f"{self.kind}:{self.id}"

    @property
    def content_html(self) -> str:
        return self.content()

    @cached_property
    def digest(self) -> str:
        """A hash of everything the item puts in a feed (it appears in several)."""
        values = [self.content() if f.name == "content" else getattr(self, f.name) for f in fields(self)]
        payload = json.dumps(values, ensure_ascii=False, default=_json_value)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


_COMPARED = tuple(f.name for f in fields(Item) if f.compare)  # all but `content`


def _json_value(value: object) -> object:
    """Dates and images as JSON, for the item digest (faster than hashing the item's repr)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Image):
        return [value.url, value.length, value.width, value.height, value.type]
    raise TypeError(f"cannot hash {type(value).__name__}")


@dataclass(frozen=True)
class FeedPlan:
    """One feed of the site: where it lives, what it is called and which items it takes."""

    path: str  # relative to the site root, e.g. "feeds/linkedin.xml"
    title: str
    description: str
    page: str  # the page the feed belongs to, relative to the site root
    kinds: tuple[str, ...]  # which kinds of item
    channel: Channel | None = None
    department: str | None = None

    def takes(self, item: Item) -> bool:
        if item.kind not in self.kinds:
            return False
        if self.department is not None and item.department != self.department:
            return False
        return self.channel is None or self.channel.key in item.channels


def plan(site: Site) -> list[FeedPlan]:
    """Every feed: all vacancies, all stories, one per channel, one per department."""
    t, s = site.t, site.settings
    organisation = s.organisation
    feeds = [
        FeedPlan(
            "feeds/vacancies.xml",
            t("feed.vacancies.title", organisation=organisation),
            t("feed.vacancies.description", organisation=organisation),
            site.addresses.vacancies,
            ("vacancy",),
        ),
        FeedPlan(
            "feeds/stories.xml",
            t("feed.stories.title", organisation=organisation),
            t("feed.stories.description", organisation=organisation),
            site.addresses.stories,
            ("story",),
        ),
    ]
    for channel in s.channels.values():
        feeds.append(
            FeedPlan(
                f"feeds/{channel.key}.xml",
                t("feed.channel.title", channel=channel.name, organisation=organisation),
                t("feed.channel.description", channel=channel.name, organisation=organisation),
                "",
                ("vacancy", "story"),
                channel=channel,
            )
        )
    # Departments of the vacancies on the site: a scheduled vacancy's department shows nowhere yet.
    for department in site.public_departments:
        slug = site.department_slug(department)
        feeds.append(
            FeedPlan(
                f"feeds/department/{slug}.xml",
                t("feed.department.title", department=department, organisation=organisation),
                t("feed.department.description", department=department, organisation=organisation),
                site.addresses.department(slug),
                ("vacancy",),
                department=department,
            )
        )
    return feeds


@dataclass(frozen=True)
class Signup:
    """An e-mail signup for an alert, with the organisation's newsletter tool (setting `newsletter`)."""

    tool: str
    address: str
    email_field: str
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class JobAlert:
    """A feed a candidate can follow for new vacancies, named in the candidate's words, with its
    e-mail signup where the site has a newsletter tool with a list for it."""

    label: str
    path: str
    department: str | None
    signup: Signup | None = None

    @property
    def anchor(self) -> str:
        """Its place on the job alerts page (`feed-vacancies`, `feed-sociaal-domein`), for links to it."""
        return "feed-" + self.path.rsplit("/", 1)[-1].removesuffix(".xml")


def job_alerts(site: Site, plans: list[FeedPlan]) -> tuple[JobAlert, ...]:
    """The vacancy feeds for candidates: all vacancies first, then one per department."""
    return tuple(
        JobAlert(
            site.t("ui.alerts_department", department=p.department)
            if p.department
            else site.t("ui.alerts_all_vacancies"),
            p.path,
            p.department,
            _signup(site.settings.newsletter, p.department),
        )
        for p in plans
        if p.kinds == ("vacancy",) and p.channel is None
    )


def _signup(newsletter: NewsletterSettings, department: str | None) -> Signup | None:
    form = newsletter.form(department)
    return Signup(newsletter.tool, form.address, newsletter.email_field, form.fields) if form else None


EMPTY_SITEMAP = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
)


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary so that, with an ellipsis, it has at most `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:–-")
    return cut + "…"


def describe(summary: str, facts: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """A post-ready text: the summary shortened as needed so that the facts (pay, closing date) fit."""
    room = limit - len(facts) - 1
    return f"{shorten(summary, room)} {facts}" if facts else shorten(summary, limit)


@cache
def _tags(channel: Channel) -> str:
    return urlencode(channel.utm)


def tagged(link: str, channel: Channel, campaign: str) -> str:
    """The link with the channel's tracking tags, so the employer's analytics can attribute visits."""
    query = f"{_tags(channel)}&{urlencode({'utm_campaign': campaign})}"
    return f"{link}{'&' if '?' in link else '?'}{query}"


def _generator(feed: FeedPlan, site: Site, newest: dt.date):  # -> feedgen.feed.FeedGenerator
    from feedgen.feed import FeedGenerator  # imported here: a build with every feed cached never needs it

    s = site.settings
    fg = FeedGenerator()
    fg.load_extension("media", rss=True, atom=False)
    fg.title(feed.title)
    fg.description(feed.description)
    fg.language(s.language)
    # feedgen makes the last link added the channel's <link>: the self link goes first.
    fg.link(href=s.site_url + feed.path, rel="self")
    fg.link(href=s.site_url + feed.page, rel="alternate")
    fg.ttl(TTL_MINUTES)
    fg.lastBuildDate(start_of_day(newest, s.timezone))
    return fg


def _add_entry(fg, item: Item, channel: Channel | None, site: Site) -> None:
    s = site.settings
    entry = fg.add_entry(order="append")
    entry.guid(item.guid, permalink=False)
    entry.title(item.title)
    if channel is not None:
        entry.link(href=tagged(item.link, channel, item.id))
        entry.description(item.social.get(channel.key) or item.description)
    else:
        entry.link(href=item.link)
        entry.description(item.description)
    entry.content(item.content_html, type="CDATA")
    entry.pubDate(start_of_day(item.published, s.timezone))
    entry.category([{"term": term} for term in item.categories])
    image = item.portrait if channel is not None and channel.key == PORTRAIT_CHANNEL else item.image
    entry.enclosure(image.url, str(image.length), image.type)
    entry.media.content(
        {
            "url": image.url,
            "medium": "image",
            "type": image.type,
            "width": str(image.width),
            "height": str(image.height),
        },
        group=None,
    )
    entry.media.thumbnail({"url": image.url, "width": str(image.width), "height": str(image.height)}, group=None)


_ITEM_START, _ITEM_END, _CHANNEL_END = b"    <item>", b"</item>\n", b"  </channel>"


class ItemXml:
    """Each item's `<item>` element as a feed prints it, made once per item and per variant (the
    plain one, and one per channel: tagged link, the channel's text, the portrait for Instagram)
    and kept between builds, in one SQLite file read an element at a time when a feed must be
    made: one edited vacancy re-renders its own elements and reads those of the feeds it is in,
    not every element of every feed (88 MB at 10,000 vacancies, read and written whole before)."""

    def __init__(self, path: Path | None = None, remembered: Remembered | None = None) -> None:
        self.path = path
        self.index: Index | None = None
        self.opened = False
        self.remembered = remembered  # `make serve`: the elements of the previous rebuild, in memory
        self.rendered = 0  # elements made in this build

    def _open(self) -> None:
        """The elements of earlier builds, opened when a feed must be made (not on builds without)."""
        self.opened = True
        if self.path is not None:
            self.path.with_suffix(".pickle").unlink(missing_ok=True)  # the whole-file form of earlier versions
            self.index = Index(self.path)

    @staticmethod
    def key(item: Item, variant: str) -> str:
        """The key of an item's element in one variant (`variant_inputs`)."""
        return f"{FEEDGEN_VERSION}|{item.digest}|{variant}"

    def element(self, item: Item, channel: Channel | None, site: Site, variant: str) -> bytes:
        """The item's element for `channel`, whose `variant_inputs` are `variant` (one per feed)."""
        key = self.key(item, variant)
        if self.remembered is not None and (remembered := self.remembered.row(f"feed {key}")) is not None:
            return remembered
        made = self._stored(key) or self._make(key, item, channel, site)
        if self.remembered is not None:
            self.remembered.keep_row(f"feed {key}", made)
        return made

    def _stored(self, key: str) -> bytes | None:
        """The element kept by an earlier build; None when missing or damaged (it is made again)."""
        if not self.opened:
            self._open()
        kept = self.index.get_bytes(key) if self.index is not None else None
        with contextlib.suppress(zlib.error):
            if kept is not None and (xml := zlib.decompress(kept)).startswith(_ITEM_START) and xml.endswith(_ITEM_END):
                return xml
        return None

    def _make(self, key: str, item: Item, channel: Channel | None, site: Site) -> bytes:
        fg = _generator(FeedPlan("x", "x", "x", "", ()), site, site.today)
        _add_entry(fg, item, channel, site)
        xml = fg.rss_str(pretty=True)
        made = xml[xml.index(_ITEM_START) : xml.index(_CHANNEL_END)]
        if self.index is not None:
            self.index.put_bytes(key, zlib.compress(made, 1))  # a fifth of the size: SQLite keeps small rows well
        self.rendered += 1
        return made

    def save(self, current: set[str]) -> None:
        """Keep the elements of the items of this build (`current`: their keys), when a feed was made."""
        if self.index is not None:
            self.index.save(current)
        self.close()

    def close(self) -> None:
        """Let go of the file (and SQLite's lock on it), also when a feed could not be written."""
        if self.index is not None:
            self.index.close()
            self.index = None


def variant_inputs(channel: Channel | None, site: Site) -> str:
    """What else an element depends on: the channel's name and tags, the site's time zone."""
    return repr((channel, str(site.settings.timezone)))


def render(feed: FeedPlan, items: list[Item], site: Site, elements: ItemXml | None = None) -> bytes:
    """One feed as RSS 2.0 with the Media RSS and content namespaces: the channel's own elements
    from feedgen, then each item's element (made once, see ItemXml)."""
    elements = elements or ItemXml()
    taken = sorted((i for i in items if feed.takes(i)), key=lambda i: (i.published, i.guid), reverse=True)
    newest = taken[0].published if taken else site.today
    frame = _generator(feed, site, newest).rss_str(pretty=True)
    cut = frame.index(_CHANNEL_END)
    variant = variant_inputs(feed.channel, site)
    body = b"".join(elements.element(item, feed.channel, site, variant) for item in taken)
    return frame[:cut] + body + frame[cut:]


FEEDGEN_VERSION = "1.0.0"  # part of the cache key: another feedgen may write other bytes


def write_all(
    site: Site,
    feeds: list[FeedPlan],
    items: list[Item],
    site_dir: Path,
    cache: Path,
    remembered: Remembered | None = None,
) -> tuple[int, int]:
    """Put every feed into `site_dir`. Feeds are generated into `cache` under a hash of their inputs
    and copied into the site, so a feed whose inputs are unchanged since an earlier build is not
    generated again (the same inputs always give the same bytes), unless the cached file is damaged.
    Returns how many feeds were made, and how many item elements were made for them."""
    settings = site.settings
    folder = CacheFolder(cache, FEED_WHOLE)
    elements = ItemXml(cache.with_name(f"{cache.name}-items.sqlite3"), remembered)
    current: set[str] = set()
    used = set()
    written = 0
    try:
        for feed in feeds:
            taken = [i for i in items if feed.takes(i)]
            variant = variant_inputs(feed.channel, site)
            current.update(ItemXml.key(item, variant) for item in taken)
            inputs = (
                FEEDGEN_VERSION,
                feed,
                [item.digest for item in taken],
                settings.site_url,
                settings.language,
                str(settings.timezone),
                None if taken else site.today,
            )
            name = hashlib.sha256(repr(inputs).encode("utf-8")).hexdigest() + ".xml"
            used.add(name)
            cached = cache / name
            if folder.size(name) is None:
                write_atomic(cached, render(feed, taken, site, elements))
                folder.written(name)
                written += 1
            target = site_dir / feed.path
            target.parent.mkdir(parents=True, exist_ok=True)
            copy_file(str(cached), str(target))
        folder.keep_only(used)
        elements.save(current)
    finally:
        elements.close()
    return written, elements.rendered


def items(view: Offers, cards: Cards, body_html: dict[ItemRef, str], length_of: Callable[[str], int]) -> list[Item]:
    """Every open vacancy and published story as a feed item; `body_html` holds each page's text as
    rendered for the site and `length_of` gives a card file's size in bytes."""
    site, t, s = view.site, view.t, view.settings

    def image(card: Card) -> Image:
        return Image(s.site_url + card.url, length_of(card.spec.file_name), card.width, card.height, card.type)

    def item(
        kind: str, entry: Vacancy | Story, link: str, description: str, content: Callable[[], str], cardset: CardSet
    ) -> Item:
        return Item(
            kind=kind,
            id=entry.id,
            title=entry.title,
            link=s.site_url + link,
            description=description,
            social=entry.social,
            content=content,
            published=entry.published,
            department=entry.department,
            categories=(entry.department, *entry.tags),
            channels=channels_of(entry, s),
            image=image(cardset.og),
            portrait=image(cardset.instagram or cardset.og),
        )

    def vacancy_content(listed: Listed) -> str:
        v = listed.vacancy
        facts = "".join(f"<li><strong>{escape(f.label)}:</strong> {escape(f.value)}</li>" for f in view.facts(listed))
        return f"<p>{escape(v.summary)}</p>\n<ul>{facts}</ul>\n{body_html.get(ref(v), '')}"

    def story_content(story: Story) -> str:
        return (
            f"<blockquote><p>{escape(story.quote)}</p></blockquote>\n"
            f"<p>{escape(t('ui.quote_by', name=story.name, role=story.role))}</p>\n" + body_html.get(ref(story), "")
        )

    def again(made: Item, entry: Listed | Story) -> Item:
        """`make serve`: an item's digest as the previous rebuild worked it out, when the item, what
        its text is made of and its page's text are as they were."""
        if view.remembered is not None:
            # Its compared fields, without its text's maker (which holds this rebuild's whole site)
            inputs = (
                tuple(getattr(made, name) for name in _COMPARED),
                entry,
                body_html.get(ItemRef(made.kind, made.id)),
            )
            made.__dict__["digest"] = view.remembered.get(("feed item", made.guid), inputs, lambda: made.digest)
        return made

    result = []
    for listed in site.open_vacancies:
        v = listed.vacancy
        offer = view.of(listed)
        description = describe(v.summary, f"{offer.pay.summary}. {offer.closes_on}.")
        content = partial(vacancy_content, listed)
        made = item("vacancy", v, offer.url, description, content, cards.for_vacancy(listed))
        result.append(again(made, listed))
    for story in site.stories:
        content = partial(story_content, story)
        link = view.site.addresses.story(story.slug)
        made = item("story", story, link, describe(story.summary, ""), content, cards.for_story(story))
        result.append(again(made, story))
    return result
