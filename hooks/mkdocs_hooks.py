"""MkDocs adapter for the career-site engine: MkDocs events in, engine calls out, no domain rules.

take the project's build lock, load and check all content, start drawing cards (on_config) → add
pages (on_files) → keep compiled templates in the cache (on_env) → give pages their data and check
the text of each (on_page_markdown, on_page_context) → cards, feeds and jobs.json, then the search
index with every page's entries after the search plugin wrote it (on_post_build) → publish the
finished build in one atomic step and release the lock (on_shutdown).

Whatever goes wrong, the previous site stays in place: the build writes into a staging folder,
and a problem of the file system (a full disk, a read-only folder) is one line, not a traceback.
"""

from __future__ import annotations

import calendar
import contextlib
import gc
import importlib.metadata
import json
import logging
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from careersite.cards.files import CardFailure, CardRenderer
from careersite.cards.sources import file_state
from careersite.config import read_config
from careersite.content.errors import ContentError, Problem
from careersite.content.pages import template_names
from careersite.content.text import terminal
from careersite.i18n import Translator
from careersite.outputs import cms, feeds, ical, jobs, redirects, social
from careersite.pages import views
from careersite.pages.whitespace import squeeze
from careersite.publish import kept
from careersite.publish.files import Placer, clear_path, ensure_folder, write_atomic
from careersite.publish.lock import BuildLock, LockRefused, LockTimeout
from careersite.publish.memo import Remembered
from careersite.publish.pages import PageCache, digest, tree_digest
from careersite.publish.preview import PreviewFolders
from careersite.publish.swap import publish, remove_later
from careersite.site import Site, load_site
from jinja2 import Environment, FileSystemBytecodeCache, TemplateNotFound
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.careersite")
BRAND_CSS = "assets/careersite/brand.css"
LOCK_FILE = ".careersite.lock"
LOCK_WAIT_SECONDS = 30 * 60
# Given to MkDocs before a generated page's text, so that the text can never set page metadata:
# MkDocs reads a YAML block, or `key: value` lines, at the top of a page as its settings.
EMPTY_META = "---\n{}\n---\n"

_command: str | None = None
_dirty = False  # `mkdocs serve --dirty`
_preview: PreviewFolders | None = None  # `serve`: the served folder and the rebuilds behind it
_last_t: Translator | None = None  # `serve`: the interface strings of the previous rebuild's site
_site: Site | None = None
_view: views.SiteView | None = None
_cards: social.Cards | None = None
_renderer: CardRenderer | None = None
_feeds: list[feeds.FeedPlan] = []
_alerts: tuple[feeds.JobAlert, ...] = ()
_body_html: dict[str, str] = {}  # "vacancy:<id>" or "story:<id>" -> the page's text as rendered
_pages: dict[str, tuple[str, Any]] = {}  # src_uri -> ("vacancy", Listed) or ("story", Story)
_body_problems: list[Problem] = []
_page_cache: PageCache | None = None
_placer: Placer | None = None  # puts cards, photos and cached pages into the site
_rendered_pages: list[tuple[str, str]] = []  # (path in the site, cache file) of pages rendered and kept
_shared = ""  # a digest of what every item page repeats of the rest of the site (feeds, footer, …)
_generated: dict[str, str] = {}  # page URL -> src_uri of each vacancy and story page, in build order
# page URL -> its search entries as JSON text (`_entries_text`), for every item page, rendered or cached
_cached_search: dict[str, str] = {}
_search_start: dict[str, int] = {}  # src_uri -> how many search entries existed before the page
_sitemap_items: list[str] = []  # URLs of the item pages a sitemap lists, in build order
_bad_bodies: set[str] = set()  # guids of texts that broke the policy
_body_keys: dict[str, str] = {}  # src_uri -> the key of its body's rendering, for pages being rendered
_search: Any = None  # the search plugin's index of this build, if the site has search
# The search index's text up to its entries, and every page's entries as JSON text: written after the
# search plugin has written its index without them (`_write_search_index`)
_pending_index: tuple[str, list[str]] | None = None
_publish: tuple[Path, Path] | None = None  # (staging folder, final site folder) for a one-step swap
_folders: subprocess.Popen[bytes] | None = None  # making the item pages' folders (`_start_page_folders`)
_rebuilds = 0  # `serve`: rebuilds so far
FULL_COLLECTION_EVERY = 20
_lock: BuildLock | None = None
_failed = False
_complete = False  # set when every output is written: only a complete build is published
_outputs_written = False  # set when all but the search index is written (`_finish_build`)
# `serve` only: the author's mistakes, shown on every page of the preview instead of stopping the
# server (a stopped rebuild leaves the browser waiting, with the messages only in the terminal).
_preview_problems: tuple[str, str, list[str]] | None = None  # heading, what to do, messages
# `serve` only: what a rebuild worked out per item, taken again by the next for an unchanged item
_remembered: Remembered | None = None
_editor = cms.EditorFiles()  # `serve` keeps the editor of the last rebuild without mistakes in it
_last_brand: str | None = None  # `serve` only: the brand stylesheet of the last rebuild without mistakes


def on_startup(command: str, dirty: bool) -> None:
    global _command, _dirty, _remembered
    _command = command
    _dirty = dirty
    if command == "serve" and _remembered is None:
        _remembered = Remembered()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Take the lock and load and check all content, before anything in the site folder is touched."""
    global _site, _view, _cards, _renderer, _feeds, _alerts, _publish, _failed, _lock, _complete, _preview_problems
    global _placer, _outputs_written
    config_file = Path(config.config_file_path)
    root = config_file.parent
    _failed = _complete = _outputs_written = False
    _preview_problems = None
    if _command == "serve" and not _dirty:
        # Each rebuild of the preview goes into a folder of its own, shown when it is written
        # (`serve --dirty` writes only changed pages over the previous ones: it keeps its folder).
        global _preview
        if _preview is None:
            _preview = PreviewFolders(Path(config.site_dir))
        config.site_dir = str(_preview.next())
    try:
        if _lock is None:
            _lock = BuildLock(root / LOCK_FILE)
        _lock.acquire(LOCK_WAIT_SECONDS, _waiting)
        if _command == "serve":
            _idle.clear()
        _, lines = read_config(config_file)
        if _command == "serve":
            _forget_previous_build()
        _site = load_site(
            config.extra,
            root=root,
            site_url=config.site_url or "",
            config_path=config_file.name,
            docs_dir=Path(config.docs_dir),
            lines=lines,
            markdown=[{name: config.mdx_configs.get(name)} for name in config.markdown_extensions],
            defer_bodies=_command == "build",  # the preview checks every text before it shows any
            templates=template_names(Path(folder) for folder in config.theme.dirs),
            rebuilds=_command == "serve",
            # The preview writes into a folder of MkDocs' own, outside the project.
            site_dir=Path(config.site_dir) if _command == "build" else None,
            theme_dir=Path(config.theme.custom_dir) if config.theme.custom_dir else None,
            directory_urls=config.use_directory_urls,
        )
        for warning in _site.warnings:
            log.warning(str(warning))
        for folder in (_site.settings.cache_dir, *(_site.settings.cache_dir / n for n in ("cards", "feeds"))):
            if ensure_folder(folder):
                log.warning(_site.t("build.cache_replaced", path=folder))
        scope = _scope(config)
        if _remembered is not None:
            # The files behind the settings may lie outside the folders of the scope (a salary
            # table in data/, a logo, a parent of mkdocs.yml): what was read from them counts too.
            s = _site
            logo = file_state(s.settings.logo) if s.settings.logo else None
            _remembered.start((scope, s.today, logo, repr(s.settings), repr(s.salary_table), repr(s.processes)))
        _view = views.SiteView(_site, preview=_command == "serve", remembered=_remembered)
        _pages.clear()
        _body_html.clear()
        _body_problems.clear()
        _feeds = feeds.plan(_site)
        _alerts = feeds.job_alerts(_site, _feeds)
        _cards = social.Cards(_view)
        _renderer = CardRenderer(_site.settings.cache_dir / "cards")
        _start_page_cache(config, scope)
    except ContentError as error:
        _release()
        if _command == "serve":
            log.error(f"{error.summary}\n{error.report()}")
            _site = _view = None
            t = Translator(error.language)
            _preview_problems = (
                t("ui.preview_problems", n=len(error.problems)),
                t("ui.preview_fix"),
                [str(problem) for problem in error.problems],
            )
            if _last_brand is not None and BRAND_CSS not in config.extra_css:
                config.extra_css.insert(0, BRAND_CSS)  # the page of mistakes in the site's colours
            return config
        raise Abort(f"{error.summary}\n{error.report()}") from None
    except LockTimeout as error:
        _release()
        raise Abort(_t()("build.lock_timeout", pid=error.holder, minutes=LOCK_WAIT_SECONDS // 60)) from None
    except LockRefused as error:
        raise Abort(_t()("build.lock_refused", path=error.path.name)) from None
    except OSError as error:
        _release()
        raise Abort(_file_system_message(error)) from None
    config.theme["language"] = _site.settings.language
    if BRAND_CSS not in config.extra_css:
        config.extra_css.insert(0, BRAND_CSS)
    # MkDocs dates the sitemap with SOURCE_DATE_EPOCH; tie it to "today" so rebuilds are identical.
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(_site.today.timetuple()))
    # What is loaded now lives until the build ends: keep it out of the garbage collector's full
    # passes (about 5 % of a large build). `serve` unfreezes it when the next rebuild starts.
    gc.freeze()
    if _command == "build":
        final = Path(config.site_dir)
        staging = final.with_name(final.name + ".partial")
        clear_path(staging)  # a link in its place is removed, never followed and emptied
        config.site_dir = str(staging)
        _publish = (staging, final)
    # Cards render in worker processes while MkDocs renders the pages. A build's workers also write
    # each new card beside the staging folder, moved into it at the end; a preview links the cache's.
    try:
        _renderer.start([*_cards.all_specs(), *_view.photo_specs()], _card_copies() if _publish else None)
    except OSError as error:
        _release()
        raise Abort(_file_system_message(error)) from None
    # A link in the site's place is not a live site to take files from: it is replaced at the end.
    live = _publish[1] if _publish is not None and _publish[1].is_dir() and not _publish[1].is_symlink() else None
    manifest = _site.settings.cache_dir / "published.json"
    _placer = Placer(manifest, live, Path(config.site_dir), preview=_command == "serve")
    return config


def _forget_previous_build() -> None:
    """`serve`: let the previous rebuild's site, pages and cards go before this one loads its own,
    so that the two are never in memory together (at 10,000 vacancies each is some 200 MB, and the
    garbage collector's passes over both made a rebuild's loading twice as slow)."""
    global _site, _view, _cards, _placer, _renderer, _page_cache, _feeds, _alerts, _search, _pending_index, _last_t
    if _site is not None:
        _last_t = _site.t  # messages while this rebuild loads are in the site's language
    if _page_cache is not None:
        _page_cache.index.close()
    _site = _view = _cards = _placer = _renderer = _page_cache = _search = _pending_index = None
    _feeds, _alerts = [], ()
    for memo in (
        _pages,
        _body_html,
        _generated,
        _cached_search,
        _search_start,
        _body_keys,
        _sitemap_items,
        _rendered_pages,
    ):
        memo.clear()
    # What the previous rebuild loaded was frozen (`gc.freeze()`): most of it is freed when let go
    # above, and the rest is what the next rebuilds take again (`_remembered`, the documents). A
    # full pass over it took 0.75 s of every rebuild at 10,000 vacancies; it runs every
    # FULL_COLLECTION_EVERY rebuilds, for the few hundred objects a rebuild leaves in cycles.
    global _rebuilds
    _rebuilds += 1
    if _rebuilds % FULL_COLLECTION_EVERY == 0:
        gc.unfreeze()
    gc.collect()


def _card_copies() -> Path:
    """Where this build's card workers write the site's copies of new cards: a folder of its own
    beside the staging folder. Earlier builds' folders go (a killed build's, never published; its
    orphaned workers, if still finishing a card, fail on the missing folder and end)."""
    assert _publish is not None
    staging = _publish[0]
    for old in staging.parent.glob(f"{staging.name}-cards-*"):
        clear_path(old)
    return staging.with_name(f"{staging.name}-cards-{os.getpid()}")


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Notice a saved file sooner. MkDocs' live-reload server polls the watched folders every 0.5 s
    (reliable in every editor and container, unlike file-system events), so a save waits 0.25 s
    on average before the rebuild starts. A poll reads every watched file's status, about 10 µs a
    file here, so the interval follows the number of content files: 0.2 s up to about 1,300 files
    (a poll then costs some 6 % of one core), up to MkDocs' 0.5 s from about 3,300. watchdog's
    emitters keep the interval in `_timeout` (pinned watchdog 7.1.0); a version without it keeps
    MkDocs' interval."""
    files = len(_site.content.texts) + len(_site.content.pages) if _site is not None else 0
    interval = min(0.5, max(0.2, files * 0.00015))
    observer = getattr(server, "observer", None)
    for watcher in [observer, *getattr(observer, "emitters", ())]:
        if watcher is not None and isinstance(getattr(watcher, "_timeout", None), int | float):
            watcher._timeout = interval
    # No poll while a rebuild runs: at 10,000 vacancies a poll holds the interpreter for some 65 ms
    # (12,000 files), every 0.5 s of a 5 s rebuild. The first poll after it sees any save made
    # meanwhile. The watchers made from now on read folders with `os.scandir` through `_when_idle`;
    # those made already take their snapshots through it (watchdog 7.1.0's PollingEmitter).
    if isinstance(getattr(observer, "_emitter_kwargs", None), dict):
        observer._emitter_kwargs["listdir"] = _when_idle(os.scandir)
    for emitter in getattr(observer, "emitters", ()):
        if callable(getattr(emitter, "_take_snapshot", None)):
            emitter._take_snapshot = _when_idle(emitter._take_snapshot)
    # What the first build left (every page rendered: 1 s of collecting at 10,000 vacancies) goes
    # now, before the server waits for a save, instead of in the first rebuild after it.
    gc.collect()
    return server


_idle = threading.Event()  # `serve`: set while no rebuild runs
_idle.set()
IDLE_WAIT_SECONDS = 60  # a poll waits at most this long for a rebuild


def _when_idle(call: Callable[..., Any]) -> Callable[..., Any]:
    """`call`, once no rebuild runs (or after IDLE_WAIT_SECONDS)."""

    def call_when_idle(*args: Any) -> Any:
        _idle.wait(IDLE_WAIT_SECONDS)
        return call(*args)

    return call_when_idle


def _waiting(holder: str) -> None:
    log.warning(_t()("build.waiting", pid=holder))


def _t() -> Translator:
    """The interface strings of the site, or of the last site loaded (`serve`), or Dutch before
    the site's language is known."""
    return _site.t if _site is not None else _last_t or Translator("nl")


def _scope(config: MkDocsConfig) -> str:
    """A digest of all that every page is made of, beside the items and today: the engine, the
    templates, the settings, the content pages and data files, and the libraries' versions."""
    # The libraries whose output is on the pages: the renderers, dates and amounts, holidays in timelines.
    packages = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "babel", "holidays", "phonenumbers")
    versions = [importlib.metadata.version(name) for name in packages]
    sources = [Path(__file__).parent, Path(config.config_file_path), Path(config.docs_dir)]
    # Neither the card fonts nor the web editor's bundle (overrides/admin/, 6 MB) show on pages.
    skip = [Path(__file__).parent / "careersite" / "cards" / "fonts"]
    if config.theme.custom_dir:
        sources.append(Path(config.theme.custom_dir))
        skip.append(Path(config.theme.custom_dir) / "admin")
    files = tree_digest(sources, skip)
    return digest(files, versions, _command, config.site_url, config.use_directory_urls)


def _start_page_cache(config: MkDocsConfig, scope: str) -> None:
    """The cache of rendered item pages, scoped to everything every page is made of."""
    global _page_cache, _shared, _search, _pending_index
    assert _site is not None and _view is not None
    # The preview's pages (which show what is planned) apart from the site's: each keeps only its
    # own, so one folder would lose the site's pages to every `make serve` and the other way round.
    folder = "pages" if _command == "build" else f"pages-{_command}"
    _page_cache = PageCache(_site.settings.cache_dir / folder, scope, _remembered)
    v = _view
    _shared = digest(repr(_feeds), repr(_alerts), repr(v.footer), v.privacy_url, v.alerts_url, v.salary.title)
    _generated.clear()
    _cached_search.clear()
    _search_start.clear()
    _body_keys.clear()
    _search = _search_index(config)
    _pending_index = None
    _bad_bodies.clear()
    _sitemap_items.clear()
    _rendered_pages.clear()


def _item_key(kind: str, item: Any, body: str) -> str:
    """The key of an item page: the item, its page's values on this day, and what it repeats of the
    site. `make serve` takes the previous rebuild's key of a page whose inputs are equal."""
    assert _view is not None
    if _remembered is None:
        return _whole_item_key(kind, item, body)
    inputs = (body, _shared, _view.page_inputs(item))
    return _remembered.get(("page key", _guid(kind, item)), inputs, lambda: _whole_item_key(kind, item, body))


def _whole_item_key(kind: str, item: Any, body: str) -> str:
    assert _page_cache is not None and _view is not None and _cards is not None
    if kind == "vacancy":
        page = _view.vacancy_page(item, body)
        graph = social.vacancy_graph(_view, _cards.for_vacancy(item), item)
        # Only a closed page shows how many vacancies are open ("Alle vacatures (14)").
        count = None if item.status.is_open else _view.listing.count
        return _page_cache.key(kind, repr(item.vacancy), repr(page), repr(graph), _shared, count)
    page = _view.story_page(item)
    graph = social.story_graph(_view, _cards.for_story(item), item)
    return _page_cache.key(kind, repr(item), repr(page), repr(graph), _shared)


def _body_key(slug: str, body: str, uris: list[str]) -> str:
    """The key of a body's rendering: its text and place (links in it are made relative to the
    page), and, when it links to other pages by file, which pages exist."""
    assert _page_cache is not None
    return _page_cache.key("body", slug, body, uris if ".md" in body else None)


def _add_item_page(
    files: Files, config: MkDocsConfig, kind: str, item: Any, slug: str, body: str, uris: list[str]
) -> None:
    """A vacancy's or story's page: copied from the cache when nothing it shows has changed, else
    rendered by MkDocs (and kept in the cache for the next build)."""
    assert _page_cache is not None
    assert _site is not None
    uri = _site.addresses.item_source(kind, slug)
    url = _site.addresses.vacancy(slug) if kind == "vacancy" else _site.addresses.story(slug)
    guid = _guid(kind, item)
    _generated[url] = uri
    if kind != "vacancy" or not views.robots(item):
        _sitemap_items.append(url)
    body_key = _body_key(slug, body, uris)
    rendered = _page_cache.body(body_key)
    if rendered is not None:
        key = _item_key(kind, item, rendered)
        stored = _page_cache.page(key)
        if stored is not None:
            cached = _CachedPage.generated(config, uri, abs_src_path=str(stored.html_path))
            cached.dest_uri = f"{url}index.html" if config.use_directory_urls else url  # as the rendered page
            cached.key = stored.html_path.name
            files.append(cached)
            _body_html[guid] = stored.body
            _cached_search[url] = stored.search
            return
    files.append(File.generated(config, uri, content=EMPTY_META + body, inclusion=InclusionLevel.NOT_IN_NAV))
    _pages[uri] = (kind, item)
    _body_keys[uri] = body_key


def _guid(kind: str, item: Any) -> str:
    """ "vacancy:<id>" or "story:<id>": how the feeds, the body checks and `_body_html` name an item."""
    return f"{kind}:{item.vacancy.id if kind == 'vacancy' else item.id}"


class _CachedPage(File):
    """A vacancy or story page copied from the page cache. It keeps the page's Markdown name, so
    that links to it from other pages (`../vacancies/ciso.md`) resolve as on a rendered build, but
    MkDocs does not render it: it is put in place like an image, linked from the live site when
    unchanged there."""

    key = ""

    def is_documentation_page(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        assert self.abs_src_path is not None and _placer is not None
        try:
            _placer.put(self.abs_src_path, self.dest_uri, self.key)
        except FileNotFoundError:  # its folder is not there yet (made in another process, or kept)
            os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
            _placer.put(self.abs_src_path, self.dest_uri, self.key)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the brand stylesheet, a page for every public vacancy and story, and the story videos."""
    global _last_brand
    if _preview_problems is not None:
        # The preview of content with mistakes: no page at all, so that every address shows the
        # page for a missing one (404.html), which lists the mistakes, in the colours of the last
        # rebuild without mistakes.
        kept = Files([f for f in files if not f.is_documentation_page()])
        if _last_brand is not None:
            kept.append(File.generated(config, BRAND_CSS, content=_last_brand))
        return kept
    assert _site is not None
    addresses = _site.addresses
    uris = [addresses.item_source("vacancy", i.vacancy.slug) for i in _site.vacancies]
    uris += [addresses.item_source("story", s.slug) for s in _site.stories]
    names = [uri.removesuffix(".md") for uri in uris]
    if _preview is None:
        _start_page_folders(config, names)
    # The theme's source maps (1.4 MB) serve only a developer reading Material's own code.
    for file in [f for f in files if f.src_uri.startswith("assets/") and f.src_uri.endswith(".map")]:
        files.remove(file)
    brand = views.brand_stylesheet(_site)
    files.append(File.generated(config, BRAND_CSS, content=brand))
    if _command == "serve":
        _last_brand = brand
    for item in _site.vacancies:
        _add_item_page(files, config, "vacancy", item, item.vacancy.slug, item.vacancy.body, uris)
    stories_dir = _site.settings.stories_dir
    for story in _site.stories:
        _add_item_page(files, config, "story", story, story.slug, story.body, uris)
        # The photo is published as resized copies (drawn with the cards), never as the author's file.
        video = f"{addresses.story_folder}/{story.video}"
        if story.video and (path := stories_dir / story.video).is_file() and files.get_file_from_path(video) is None:
            files.append(File.generated(config, video, abs_src_path=str(path)))
    if _preview is not None:
        _link_item_folders(files, config, names)
    return files


def _link_item_folders(files: Files, config: MkDocsConfig, names: list[str]) -> None:
    """`serve`: the rebuild's item page folders are those of the previous rebuild, brought up to
    date (`PreviewFolders.link_items`); the folders of new items are made in another process."""
    assert _preview is not None
    assert _site is not None
    expected: dict[str, set[str]] = {folder: set() for folder in _site.addresses.item_folders}
    rewritten = []
    for file in files:
        top, _, rest = file.dest_uri.partition("/")
        if top in expected and rest:
            expected[top].add(rest.split("/", 1)[0])
            if not isinstance(file, _CachedPage):
                rewritten.append(file.dest_uri)  # MkDocs writes it anew
    try:
        present = _preview.link_items(Path(config.site_dir), expected, rewritten)
    except OSError:
        _start_page_folders(config, names)  # no links here: the rebuild makes its own folders
        return
    missing = [name for name in names if name.partition("/")[2] not in present.get(name.partition("/")[0], ())]
    _start_page_folders(config, missing, _preview.items)


class _SafeBytecodeCache(FileSystemBytecodeCache):
    """Compiled templates from the cache. Jinja's own reads them with pickle and runs them: a file
    from elsewhere (committed in a pull request) would run its code in the build. So each file is
    kept with a keyed checksum (`kept.framed`), read only when it is a plain file whose checksum
    matches; anything else is compiled anew, never an error."""

    def load_bytecode(self, bucket: Any) -> None:
        try:
            data = kept.read_regular(self._get_cache_filename(bucket))
        except OSError:
            return  # missing, or a link or pipe in its place
        payload = kept.unframed(data, f"template {bucket.key}")
        if payload is None:
            return
        try:
            bucket.bytecode_from_string(payload)
        except Exception:
            bucket.reset()

    def dump_bytecode(self, bucket: Any) -> None:
        data = kept.framed(f"template {bucket.key}", bucket.bytecode_to_string())
        with contextlib.suppress(OSError):  # a cache that cannot be written only slows the next build
            write_atomic(Path(self._get_cache_filename(bucket)), data)


def _start_page_folders(config: MkDocsConfig, names: list[str], site_dir: Path | None = None) -> None:
    """Make the folders of the item pages (`names`: `vacancies/<slug>`, …) in another process while
    this one works out the pages. A new folder costs the disk a write (0.1 to 0.8 ms each on the
    busy disk this was measured on; 1,200 folders at 1,000 vacancies), which MkDocs would pay one
    folder at a time as it places the pages. Whatever goes wrong here, MkDocs makes the folder
    itself (and reports a real error then); the folders are in place before it places files
    (`_wait_for_page_folders`)."""
    global _folders
    if not config.use_directory_urls or not names:
        return
    site_dir = site_dir or Path(config.site_dir)
    try:
        site_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile() as listing:  # a file, not a pipe: writing never waits for the disk
            listing.write(b"\0".join(os.fsencode(name) for name in names))
            listing.seek(0)
            command = ["xargs", "-0", "mkdir", "-p", "--"]
            _folders = subprocess.Popen(
                command, stdin=listing, cwd=site_dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
    except OSError:
        _folders = None  # no xargs or mkdir here (Windows): MkDocs makes the folders


def _wait_for_page_folders() -> None:
    global _folders
    if _folders is None:
        return
    try:
        _folders.wait(timeout=120)
    except subprocess.TimeoutExpired:
        _folders.kill()
        _folders.wait()
    _folders = None


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Keep compiled templates between builds: Jinja checks each template's source before reusing it.
    The last event before MkDocs places files: the item pages' folders are made by then."""
    _wait_for_page_folders()
    if _site is None:
        return env
    folder = _site.settings.cache_dir / "templates"
    if ensure_folder(folder):
        log.warning(_site.t("build.cache_replaced", path=folder))
    env.bytecode_cache = _SafeBytecodeCache(str(folder))
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give generated pages their title, description and template. The side navigation stays in the
    page, because on phones and tablets it is the menu; on wide screens the tabs replace it (CSS)."""
    page.meta.setdefault("hide", ["toc"] if "template" in page.meta else [])
    # Material writes a page's title and description into the HTML as they are: escape them once.
    for name in ("title", "description"):
        if name in page.meta and not isinstance(page.meta[name], Markup):
            page.meta[name] = escape(str(page.meta[name]))
    kind, item = _pages.get(page.file.src_uri, (None, None))
    if kind == "vacancy":
        page.meta.update(
            title=escape(item.vacancy.title),
            description=escape(item.vacancy.summary),
            template="vacancy.html",
            hide=["toc"],
        )
        if robots := views.robots(item):
            page.meta["robots"] = robots
            # A closed vacancy keeps its page, but is no longer found by the site's search.
            page.meta["search"] = {"exclude": True}
    elif kind == "story":
        page.meta.update(
            title=escape(item.title),
            description=escape(item.summary),
            template="story.html",
            hide=["toc"],
        )
    return markdown


@event_priority(100)  # before the search plugin adds the page's entries, which are counted here
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    assert _site is not None and _view is not None
    if page.file.src_uri in _pages and _search is not None:
        _search_start[page.file.src_uri] = len(_search.entries)
    assert _cards is not None
    context["cs"] = _view
    context["feeds"] = _feeds
    context["alerts"] = _alerts
    kind, item = _pages.get(page.file.src_uri, (None, None))
    if kind == "vacancy":
        _check_body(f"vacancy:{item.vacancy.id}", page.content or "")
        _body_html[f"vacancy:{item.vacancy.id}"] = page.content or ""
        context["vacancy"] = _view.vacancy_page(item, page.content or "")
        context["og"] = social.vacancy_graph(_view, _cards.for_vacancy(item), item)
    elif kind == "story":
        _check_body(f"story:{item.id}", page.content or "")
        _body_html[f"story:{item.id}"] = page.content or ""
        context["story"] = _view.story_page(item)
        context["og"] = social.story_graph(_view, _cards.for_story(item), item)
    else:
        # The title and description are escaped for Material by now (`on_page_markdown`); the share
        # tags' template escapes what it is given, so it gets text (og:title said "A &amp;amp; B").
        title = _as_text(page.meta.get("title") or page.title or config.site_name)
        description = _as_text(page.meta.get("description") or config.site_description or "")
        context["og"] = social.open_graph(_view, _cards.home.og, title, description, page.url)
    return context


def _as_text(value: Any) -> str:
    """A page's title or description as text: unescaped where it is escaped HTML already."""
    return value.unescape() if isinstance(value, Markup) else str(value)


def _search_index(config: MkDocsConfig) -> Any:
    """The search plugin's index (Material's or MkDocs' own), if the site has one."""
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index") and hasattr(getattr(plugin, "search_index", None), "entries"):
            return plugin.search_index
    return None


def _complete_search_index() -> None:
    """Put the search entries of the pages copied from the cache into the index, and every item
    page's entries in build order, so that the index is the same whichever pages were cached.
    Done last, when the feeds and jobs.json are written. The cached entries stay the JSON text they
    were kept as: the index is written with that text put in place (`_spliced_index`), so they are
    never read into some 35 objects a page (35 MB at 10,000 vacancies)."""
    if _search is None:
        return
    own = [entry for entry in _search.entries if entry["location"].split("#")[0] not in _generated]
    items = [_cached_search.get(url, "[]") for url in _generated]
    _cached_search.clear()
    generate = getattr(_search, "generate_search_index", None)
    if _dirty or generate is None:
        # `serve --dirty` merges the index with the previous one: it needs every entry as a value.
        _search.entries[:] = own + _read_entries(items)
        return
    _search.generate_search_index = lambda prev: _spliced_index(generate, own, items)


def _entries_text(entries: list[dict[str, Any]]) -> str:
    """Search entries as JSON text in the form in which the search plugin writes its index
    (json.dumps with separators=(",", ":"), default=str), so that the text can go into it as it is."""
    return json.dumps(entries, separators=(",", ":"), default=str)


def _read_entries(items: list[str]) -> list[dict[str, Any]]:
    return [entry for entries in items for entry in json.loads(entries)]


def _spliced_index(generate: Any, own: list[dict[str, Any]], items: list[str]) -> str:
    """The search index as the search plugin writes it, without item pages when their entries can
    be added as text: the plugin then writes an index without entries, ending in `"docs":[]}`, and
    `_write_search_index` writes it again with every entry between those brackets, in the form in
    which the plugin writes them, a page at a time (the whole index is never one string in memory)."""
    global _pending_index
    assert _search is not None
    _search.entries[:] = []
    empty = generate(None)
    if not empty.endswith('"docs":[]}'):  # a plugin that writes its index otherwise: every entry as a value
        _search.entries[:] = own + _read_entries(items)
        return generate(None)
    _pending_index = (empty[:-2], [_entries_text(own), *items])
    return empty


def _write_search_index(config: MkDocsConfig) -> None:
    """Write the search index with every page's entries (see `_spliced_index`), in place of the one
    the search plugin wrote without them (the plugin's file is there unless it failed to write it)."""
    global _pending_index
    if _pending_index is None:
        return
    start, texts = _pending_index
    _pending_index = None
    path = Path(config.site_dir) / "search" / "search_index.json"
    if path.is_file():
        write_atomic(path, _index_parts(start, texts))


def _index_parts(start: str, texts: list[str]) -> Iterator[bytes]:
    """The search index's bytes: its start, each page's entries without their list's brackets,
    separated by commas, and the end of the entries' list and of the index."""
    yield start.encode()
    separator = b""
    for text in texts:
        if len(text) > 2:  # not "[]"
            yield separator + text[1:-1].encode()
            separator = b","
    yield b"]}"


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Every page without its templates' indentation; keep a rendered vacancy or story page, with
    its text and its search entries, for the next build."""
    output = squeeze(output)
    uri = page.file.src_uri
    kind, item = _pages.get(uri, (None, None))
    if kind is None or _page_cache is None or uri not in _body_keys:
        return output
    guid = _guid(kind, item)
    if guid in _bad_bodies:
        return output  # a text with mistakes is never kept
    body = page.content or ""
    entries = _search.entries[_search_start[uri] :] if _search is not None and uri in _search_start else []
    _cached_search[page.url] = search = _entries_text(entries)
    with contextlib.suppress(OSError):  # a cache that cannot be written only slows the next build
        _page_cache.put_body(_body_keys[uri], body)
        key = _item_key(kind, item, body)
        _page_cache.put_page(key, output, _body_html.get(guid, body), search)
        _rendered_pages.append((page.file.dest_uri, f"{key}.html"))
    return output


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """Templates that are not pages (404.html, the sitemap) draw on the same values as pages."""
    context["cs_problems"] = _preview_problems
    context["cs_item_pages"] = _sitemap_items
    if _view is not None:
        context["cs"] = _view
        context["feeds"] = _feeds
        context["alerts"] = _alerts
    return context


def _check_body(key: str, html: str) -> None:
    """Check a page's text on the HTML MkDocs rendered, when no earlier build or check has."""
    assert _site is not None and _site.bodies is not None
    if key in _site.deferred:
        text, shown, first = _site.deferred[key]
        found = _site.bodies.record(text, html)
        problems = _site.bodies.problems(found, text, shown, first, _site.t)
        _body_problems.extend(problems)
        if problems:
            _bad_bodies.add(key)


@event_priority(100)  # before the search plugin writes its index
def _finish_build(config: MkDocsConfig) -> None:
    """Stop on problems in the texts; else wait for the cards and put them in the site, then write
    the feeds and jobs.json, which state each card's size."""
    global _outputs_written
    if _preview_problems is not None:
        _editor.write_with_problems(Path(config.site_dir), _preview_problems)
        _show_preview(config)
        _release()
        return
    assert _page_cache is not None
    with contextlib.suppress(OSError):
        _page_cache.finish()
    log.info(f"Pages: {len(_pages)} rendered, {len(_generated) - len(_pages)} from the cache")
    assert _renderer is not None and _site is not None and _view is not None and _cards is not None
    if _site.bodies is not None:
        _site.bodies.cache.save()
    if _body_problems:
        error = ContentError(_body_problems, _site.t("error.summary", n=len(_body_problems)))
        raise Abort(f"{error.summary}\n{error.report()}")
    site_dir = Path(config.site_dir)
    assert _placer is not None
    try:
        report = _renderer.finish(site_dir, _placer)
    except CardFailure as error:
        raise Abort(_site.t("build.card_failed", card=error.name, problem=error.problem)) from None
    timing = f" ({report.render_seconds:.2f} s)" if report.rendered or report.photos_rendered else ""
    log.info(
        f"Cards: {report.rendered} rendered, {report.reused} from the cache; "
        f"photos: {report.photos_rendered} resized, {report.photos_reused} from the cache{timing}"
    )
    for name, characters in sorted(report.missing.items()):
        log.warning(f"cards/{name}: no shipped font can draw {characters!r}; left out of the card")

    items = feeds.items(_view, _cards, _body_html, _renderer.sizes.__getitem__)
    written, elements = feeds.write_all(_site, _feeds, items, site_dir, _site.settings.cache_dir / "feeds", _remembered)
    log.info(f"Feeds: {written} of {len(_feeds)} made anew, with {elements} item elements rendered")
    del items  # the feeds are written: make room for the rest (16 MB of items at 10,000 vacancies)
    _body_html.clear()
    write_atomic(site_dir / "jobs.json", jobs.render(_view, _cards))
    if moved := redirects.write(_site, site_dir):
        log.info(f"Earlier addresses: {moved} pages sending readers on")
    _editor.write(_site, site_dir, keep=_command == "serve")
    try:
        log.info(ical.write(_site, list(_view.calendar.events), site_dir, os.environ))
    except ical.BadToken:
        raise Abort(_site.t("build.calendar_token", variable=ical.TOKEN_VARIABLE)) from None
    for path, key in _rendered_pages:  # written by MkDocs after on_post_page: identical to the cache file
        # The preview's kept tree gets a link to the cache file in place of the written page
        # (`serve --dirty` keeps its pages where MkDocs writes them over: it gets none).
        _placer.record(path, key, str(_page_cache.folder.path / key) if _preview is not None else None)
    _placer.save()
    if _placer.preview:
        log.info(f"Files linked from the cache: {_placer.linked}; kept from the previous rebuild: {_placer.kept}")
    else:
        log.info(f"Files linked from the live site: {_placer.linked}")
    _complete_search_index()
    _outputs_written = True


# After the search plugin (0), before anything that reads its index (Material's offline plugin: -100).
@event_priority(-50)
def _finish_after_search(config: MkDocsConfig) -> None:
    """Complete the search index (`_write_search_index`); the build is then complete, and a
    rebuild of `make serve` is shown."""
    global _complete, _outputs_written
    if not _outputs_written:
        return  # the preview of content with mistakes: shown already
    _outputs_written = False
    _write_search_index(config)
    _complete = True
    if _command != "build":
        _show_preview(config)
        _release()  # `serve` rebuilds: each rebuild takes the lock anew


on_post_build = CombinedEvent(_finish_build, _finish_after_search)


def _show_preview(config: MkDocsConfig) -> None:
    """In `make serve`, serve the rebuild just written (the search index follows into the same folder)."""
    if _preview is not None:
        try:
            _preview.show(Path(config.site_dir))
        except OSError as error:
            raise Abort(_file_system_message(error)) from None


def on_build_error(error: Exception) -> None:
    """Stop the card workers; say what the file system refused in one line, not a traceback."""
    global _failed, _pending_index
    _failed = True
    _pending_index = None
    try:
        _wait_for_page_folders()  # before the failed build's folder goes
        if _renderer is not None:
            _renderer.cancel()
        if _page_cache is not None:
            _page_cache.index.close()
    finally:
        if _command != "build":
            _release()  # also lets the preview's file watcher look again
    if isinstance(error, TemplateNotFound):
        raise Abort(_t()("build.template_missing", name=error.name)) from None
    if isinstance(error, OSError):
        raise Abort(_file_system_message(error)) from None


def _file_system_message(error: OSError) -> str:
    """A refusal of the file system as an author reads it: what, where, and that nothing changed."""
    t = _t()
    where = terminal(str(error.filename or ""))
    if error.errno == 28:  # ENOSPC
        return t("build.disk_full", path=where)
    if error.errno in (13, 30, 1):  # EACCES, EROFS, EPERM
        return t("build.read_only", path=where)
    return t("build.file_system", path=where, problem=error.strerror or str(error))


def on_shutdown() -> None:
    """Swap the finished build in for the previous site in one step, or drop a failed one."""
    global _publish
    _wait_for_page_folders()  # a build stopped by Ctrl-C: before its folder goes
    if _preview is not None:
        _preview.close()
    try:
        if _publish is None:
            return
        staging, final = _publish
        if _renderer is not None:
            _renderer.discard_copies()
        _publish = None
        if _failed or not _complete or not staging.is_dir():
            # A failed build, or one interrupted (Ctrl-C) before it was complete: nothing changes.
            shutil.rmtree(staging, ignore_errors=True)
            return
        try:
            retired = publish(staging, final)
        except OSError as error:
            shutil.rmtree(staging, ignore_errors=True)
            raise Abort(_file_system_message(error)) from None
        if retired is not None:
            remove_later(retired)
    finally:
        _release()


def _release() -> None:
    if _lock is not None:
        _lock.release()
    _idle.set()
