"""One build of the site, whichever engine renders its pages.

The order, owned here: the site is loaded and checked (`site.load_site`) → `Build.start` plans the
feeds and starts drawing the cards in worker processes → the engine renders the pages, handing
each vacancy's and story's rendered text to `Build.take_body` (checked, and kept for the feeds) →
`Build.finish` stops on mistakes in those texts, puts the cards in the site, then writes each
output in `OUTPUTS`, in order → the engine publishes the folder.

An output is a module with one entry point `write(build, site_dir) -> str | None` (what it did,
for the build's log) and one line in `OUTPUTS`. Everything an output needs is on the `Build`: the
site, its views, the cards and their file sizes, each item page's rendered text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from careersite.addresses import CLOSING_DATES
from careersite.cards.files import CardFailure, CardRenderer
from careersite.content.errors import ContentError, Problem
from careersite.content.model import ItemRef, Story, ref
from careersite.outputs import cms, feeds, ical, indeed, jobs, jsonld, redirects, share, social
from careersite.outputs.feeds import FeedPlan, JobAlert  # by name: the field `feeds` hides the module in `Build`
from careersite.pages import views
from careersite.publish.files import Placer, write_atomic
from careersite.publish.memo import Remembered
from careersite.publish.pages import PageCache, digest
from careersite.site import Listed, Site


class Stop(Exception):
    """The build cannot be completed; the message says why and what to do, in the site's language."""


Output = Callable[["Build", Path], "str | None"]


def _feeds(build: Build, site_dir: Path) -> str:
    items = feeds.items(build.view.offers, build.cards, build.bodies, build.renderer.sizes.__getitem__)
    cache = build.site.settings.cache_dir / "feeds"
    written, elements = feeds.write_all(build.site, build.feeds, items, site_dir, cache, build.remembered)
    build.bodies.clear()  # the feeds are written: make room for the rest (26 MB of texts at 10,000)
    # Material's language switcher asks every `<link rel="alternate">`, also a feed's, for a
    # sitemap.xml beside it: an empty one in each feeds folder, so no page logs a 404 for it.
    for folder in sorted({(site_dir / plan.path).parent for plan in build.feeds}):
        if not (folder / "sitemap.xml").exists():
            write_atomic(folder / "sitemap.xml", feeds.EMPTY_SITEMAP)
    return f"Feeds: {written} of {len(build.feeds)} made anew, with {elements} item elements rendered"


def _indeed(build: Build, site_dir: Path) -> None:
    # before the feeds, which let the texts go
    (site_dir / "feeds").mkdir(exist_ok=True)
    write_atomic(site_dir / "feeds" / "indeed.xml", indeed.render(build.view.offers, build.bodies))


def _jobs(build: Build, site_dir: Path) -> None:
    write_atomic(site_dir / "jobs.json", jobs.render(build.view.offers, build.cards))


def _share(build: Build, site_dir: Path) -> str:
    staff = site_dir / share.folder(build.view.offers) / "index.html"
    if staff.exists():  # a page of the organisation's own at that address: never overwritten
        raise Stop(build.site.t("build.share_taken", folder=share.folder(build.view.offers)))
    made = share.write(build.view.offers, build.cards, site_dir, build.site.settings.cache_dir, build.placer)
    return f"Share pages for colleagues: {made}"


def _redirects(build: Build, site_dir: Path) -> str | None:
    moved = redirects.write(build.site, site_dir)
    return f"Pages sending readers on: {moved} (earlier addresses, apply buttons)" if moved else None


def _editor(build: Build, site_dir: Path) -> None:
    build.editor.write(build.site, site_dir, keep=build.preview)


def _closing_dates(build: Build, site_dir: Path) -> None:
    ical.write_closing_dates(build.site, site_dir, build.placer)


def _calendar(build: Build, site_dir: Path) -> str:
    try:
        return ical.write(build.site, list(build.view.calendar.events), site_dir, build.environ)
    except ical.BadToken:
        raise Stop(build.site.t("build.calendar_token", variable=ical.TOKEN_VARIABLE)) from None


# What a build writes besides the pages, in this order (the feeds state each card's size: the cards
# are in the site before any of these).
OUTPUTS: tuple[Output, ...] = (_indeed, _feeds, _jobs, _share, _redirects, _editor, _calendar, _closing_dates)


@dataclass
class Build:
    """What one build knows, from loading the site until its outputs are written."""

    site: Site
    view: views.SiteView
    cards: social.Cards
    renderer: CardRenderer
    feeds: list[FeedPlan]
    alerts: tuple[JobAlert, ...]
    editor: cms.EditorFiles
    environ: Mapping[str, str]
    preview: bool = False  # `make serve`: planned items show, and the editor of this build is kept
    remembered: Remembered | None = None  # `make serve`: what the previous rebuild worked out
    bodies: dict[ItemRef, str] = field(default_factory=dict)  # each item page's text as rendered
    problems: list[Problem] = field(default_factory=list)  # mistakes found in rendered texts
    bad: set[ItemRef] = field(default_factory=set)  # the items whose text has mistakes
    placer: Placer | None = None  # how `finish` puts files in the site (outputs may link unchanged ones)

    @classmethod
    def start(
        cls,
        site: Site,
        editor: cms.EditorFiles,
        environ: Mapping[str, str],
        preview: bool = False,
        remembered: Remembered | None = None,
    ) -> Build:
        """Plan the feeds and the cards of `site`; the cards start drawing with `draw_cards`."""
        view = views.SiteView(site, preview=preview, remembered=remembered)
        plans = feeds.plan(site)
        return cls(
            site=site,
            view=view,
            cards=social.Cards(view.offers),
            renderer=CardRenderer(site.settings.cache_dir / "cards"),
            feeds=plans,
            alerts=feeds.job_alerts(site, plans),
            editor=editor,
            environ=environ,
            preview=preview,
            remembered=remembered,
        )

    def draw_cards(self, copies: Path | None) -> None:
        """Start drawing every card and photo copy in worker processes, while the pages render.
        `copies`: where a build's workers also write each new card, moved into the site at the end."""
        self.renderer.start([*self.cards.all_specs(), *self.view.photo_specs()], copies)

    # The item pages, as the engine renders them.

    def job_posting(self, item: Listed, body_html: str) -> str | None:
        """The vacancy's JobPosting (JSON-LD) while it is open, for its page."""
        if not item.status.is_open:
            return None
        v = item.vacancy
        return jsonld.render(jsonld.job_posting(self.site, v, self.view.offers.pay(v).range, body_html))

    def open_graph(self, item: Listed | Story) -> social.OpenGraph:
        if isinstance(item, Listed):
            return social.vacancy_graph(self.view.offers, self.cards.for_vacancy(item), item)
        return social.story_graph(self.view.offers, self.cards.for_story(item), item)

    def page_graph(self, title: str, description: str, address: str) -> social.OpenGraph:
        """The share tags of one of the organisation's own pages, with the site's card."""
        return social.open_graph(self.view.offers, self.cards.home.og, title, description, address)

    def take_body(self, ref: ItemRef, html: str) -> bool:
        """An item page's text as the engine rendered it: checked when no earlier build or check
        has (`Site.deferred`), and kept for the feeds. False when it has mistakes."""
        site = self.site
        if ref in site.deferred and site.bodies is not None:
            text, shown, first = site.deferred[ref]
            found = site.bodies.record(text, html)
            problems = site.bodies.problems(found, text, shown, first, site.t)
            if problems:
                self.problems.extend(problems)
                self.bad.add(ref)
        self.bodies[ref] = html
        return ref not in self.bad

    def record_placed(
        self,
        placer: Placer,
        rendered: Iterable[tuple[str, str]],
        cached: Path | None,
        log: Callable[[str], None],
    ) -> None:
        """Record what this build put in the site for the next one to link: besides what `finish`
        placed, the item pages the engine rendered, `(path, key)` of each page's cache file (with
        `cached`, the cache folder, each is also linked there: the preview's kept tree)."""
        for path, key in rendered:
            placer.record(path, key, str(cached / key) if cached is not None else None)
        placer.save()
        if placer.preview:
            log(f"Files linked from the cache: {placer.linked}; kept from the previous rebuild: {placer.kept}")
        else:
            log(f"Files linked from the live site: {placer.linked}")

    def kept_in_preview(self) -> dict[str, set[str]]:
        """`make serve`: the folders a rebuild takes over from the previous one (`PreviewFolders`),
        each with the files it holds now; the item folders' entries come from the pages. Besides
        the item pages: the closing dates' calendar files and the colleagues' share pages, some
        2,200 small files at 1,000 vacancies that took 0.1-1.3 s to write anew into each rebuild
        (more with each one); kept, an unchanged one stays and a closed vacancy's goes."""
        site, a = self.site, self.site.addresses
        kept: dict[str, set[str]] = {folder: set() for folder in a.item_folders}
        kept[CLOSING_DATES] = {a.closing_date(i.vacancy.slug).rpartition("/")[2] for i in site.open_vacancies}
        shares = share.folder(self.view.offers)
        kept[f"{shares}/{a.vacancy_folder}"] = {f"{i.vacancy.slug}.html" for i in site.open_vacancies}
        kept[f"{shares}/{a.story_folder}"] = {f"{story.slug}.html" for story in site.stories}
        return kept

    def page_keys(self, cache: PageCache) -> ItemPageKeys:
        """The keys under which `cache` keeps this build's item pages and their texts."""
        return ItemPageKeys(self, cache)

    # The end.

    def finish(self, site_dir: Path, placer: Placer, log: Callable[[str], None]) -> None:
        """Stop on mistakes in the rendered texts; else put the cards in the site and write every
        output. Raises `Stop` with the message for the author."""
        site = self.site
        if site.bodies is not None:
            site.bodies.cache.save()
        if self.problems:
            error = ContentError(self.problems, site.t("error.summary", n=len(self.problems)))
            raise Stop(f"{error.summary}\n{error.report()}")
        try:
            self.placer = placer
            report = self.renderer.finish(site_dir, placer)
        except CardFailure as error:
            raise Stop(site.t("build.card_failed", card=error.name, problem=error.problem)) from None
        timing = f" ({report.render_seconds:.2f} s)" if report.rendered or report.photos_rendered else ""
        log(
            f"Cards: {report.rendered} rendered, {report.reused} from the cache; "
            f"photos: {report.photos_rendered} resized, {report.photos_reused} from the cache{timing}"
        )
        for name, characters in sorted(report.missing.items()):
            log(f"warning: cards/{name}: no shipped font can draw {characters!r}; left out of the card")
        for output in OUTPUTS:
            said = output(self, site_dir)
            if said:
                log(said)

    def cancel(self) -> None:
        """A build that failed or was stopped: the card workers stop."""
        self.renderer.cancel()


def item_ref(item: Listed | Story) -> ItemRef:
    """Which item a page is of: its page is keyed and its text kept under it."""
    return ref(item.vacancy if isinstance(item, Listed) else item)


class ItemPageKeys:
    """The page cache's keys of a build's vacancy and story pages. A page's key covers all it shows:
    the item, its page's values on this day, its share tags and what it repeats of the rest of the
    site (feeds, footer, …); a body's key its text and place. `make serve` takes the previous
    rebuild's key of a page whose inputs are equal (`Build.remembered`)."""

    def __init__(self, build: Build, cache: PageCache) -> None:
        self.build, self.cache = build, cache
        v = build.view
        # what every item page repeats of the rest of the site
        self.shared = digest(
            repr(build.feeds), repr(build.alerts), repr(v.footer), v.privacy_url, v.alerts_url, v.salary.title
        )

    def body(self, slug: str, body: str, uris: list[str]) -> str:
        """A body's rendering: its text and place (links in it are made relative to the page), and,
        when it links to other pages by file, which pages exist."""
        return self.cache.key("body", slug, body, uris if ".md" in body else None)

    def page(self, item: Listed | Story, body: str) -> str:
        remembered = self.build.remembered
        if remembered is None:
            return self._whole(item, body)
        inputs = (body, self.shared, self.build.view.page_inputs(item))
        return remembered.get(("page key", item_ref(item).guid), inputs, lambda: self._whole(item, body))

    def _whole(self, item: Listed | Story, body: str) -> str:
        view, graph = self.build.view, self.build.open_graph(item)
        if isinstance(item, Listed):
            page = view.vacancy_page(item, body)
            # Only a closed page shows how many vacancies are open ("Alle vacatures (14)").
            count = None if item.status.is_open else view.listing.count
            return self.cache.key("vacancy", repr(item.vacancy), repr(page), repr(graph), self.shared, count)
        return self.cache.key("story", repr(item), repr(view.story_page(item)), repr(graph), self.shared)
