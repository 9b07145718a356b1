"""MkDocs adapter for the career-site engine: MkDocs events in, `Build` calls out, no domain rules.

The build's order is the engine's (`careersite/build.py`): load and check, plan feeds and draw
cards (on_config) → add a page per vacancy and story (on_files) → hand each item page's rendered
text to the build (on_page_context) → the build's outputs (on_post_build) → publish the finished
folder in one atomic step and release the lock (on_shutdown).

What stays here is MkDocs' own: the item pages as MkDocs files (rendered, or copied from the page
cache), the search index with every page's entries spliced in, the preview's folders and file
watcher, the compiled-template cache, and the staging folder swapped in for `site/`. Whatever goes
wrong, the previous site stays in place, and a problem of the file system (a full disk, a
read-only folder) is one line, not a traceback.
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careersite.build import Build, ItemPageKeys, Stop, item_ref
from careersite.cards.sources import file_state
from careersite.config import read_config
from careersite.content.errors import ContentError
from careersite.content.pages import template_names
from careersite.content.text import terminal
from careersite.i18n import Translator
from careersite.outputs import cms
from careersite.pages import theme, views
from careersite.publish import kept
from careersite.publish.files import Placer, clear_path, ensure_folder, write_atomic
from careersite.publish.lock import BuildLock, LockRefused, LockTimeout
from careersite.publish.memo import Remembered
from careersite.publish.pages import PageCache, digest, tree_digest
from careersite.publish.preview import PreviewFolders
from careersite.publish.swap import publish, remove_later
from careersite.site import load_site
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
FULL_COLLECTION_EVERY = 20


@dataclass
class _Session:
    """What lives as long as the MkDocs process: one build, or every rebuild of `make serve`."""

    command: str | None = None
    dirty: bool = False  # `mkdocs serve --dirty`
    preview: PreviewFolders | None = None  # `serve`: the served folder and the rebuilds behind it
    # `serve`: what a rebuild worked out per item, taken again by the next for an unchanged item
    remembered: Remembered | None = None
    lock: BuildLock | None = None
    rebuilds: int = 0  # `serve`: rebuilds so far
    last_t: Translator | None = None  # `serve`: the interface strings of the previous rebuild's site
    last_brand: str | None = None  # `serve`: the brand stylesheet of the last rebuild without mistakes
    editor: cms.EditorFiles = field(default_factory=cms.EditorFiles)  # `serve` keeps the last good editor


@dataclass
class _Run:
    """MkDocs' side of one build: the item pages as MkDocs files, the page cache, the search index."""

    pages: dict[str, tuple[str, Any]] = field(default_factory=dict)  # src_uri -> ("vacancy", Listed) | ("story", Story)
    page_cache: PageCache | None = None
    placer: Placer | None = None  # puts cards, photos and cached pages into the site
    rendered_pages: list[tuple[str, str]] = field(default_factory=list)  # (path in the site, cache file) kept
    keys: ItemPageKeys | None = None  # the page cache's keys of this build's item pages
    generated: dict[str, str] = field(default_factory=dict)  # page URL -> src_uri of each item page, in order
    # page URL -> its search entries as JSON text (`_entries_text`), for every item page, rendered or cached
    cached_search: dict[str, str] = field(default_factory=dict)
    search_start: dict[str, int] = field(default_factory=dict)  # src_uri -> entries before the page
    sitemap_items: list[str] = field(default_factory=list)  # URLs of the item pages a sitemap lists
    body_keys: dict[str, str] = field(default_factory=dict)  # src_uri -> its body rendering's key
    search: Any = None  # the search plugin's index of this build, if the site has search
    # The search index's text up to its entries, and every page's entries as JSON text: written after
    # the search plugin has written its index without them (`_write_search_index`)
    pending_index: tuple[str, list[str]] | None = None
    publish: tuple[Path, Path] | None = None  # (staging folder, final site folder) for a one-step swap
    folders: subprocess.Popen[bytes] | None = None  # making the item pages' folders (`_start_page_folders`)
    failed: bool = False
    complete: bool = False  # set when every output is written: only a complete build is published
    outputs_written: bool = False  # set when all but the search index is written (`_finish_build`)
    # `serve` only: the author's mistakes, shown on every page of the preview instead of stopping the
    # server (a stopped rebuild leaves the browser waiting, with the messages only in the terminal).
    problems: tuple[str, str, list[str]] | None = None  # heading, what to do, messages


# The module's state: what changes during a build is in these two names and the session's fields.
_session = _Session()
_build: Build | None = None
_run = _Run()
_idle = threading.Event()  # `serve`: set while no rebuild runs
_idle.set()
IDLE_WAIT_SECONDS = 60  # a poll waits at most this long for a rebuild


def on_startup(command: str, dirty: bool) -> None:
    _session.command = command
    _session.dirty = dirty
    if command == "serve" and _session.remembered is None:
        _session.remembered = Remembered()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Take the lock and load and check all content, before anything in the site folder is touched."""
    global _build, _run
    config_file = Path(config.config_file_path)
    root = config_file.parent
    command = _session.command
    if command == "serve":
        _forget_previous_build()
    _run = _Run()
    if command == "serve" and not _session.dirty:
        # Each rebuild of the preview goes into a folder of its own, shown when it is written
        # (`serve --dirty` writes only changed pages over the previous ones: it keeps its folder).
        if _session.preview is None:
            _session.preview = PreviewFolders(Path(config.site_dir))
        config.site_dir = str(_session.preview.next())
    try:
        if _session.lock is None:
            _session.lock = BuildLock(root / LOCK_FILE)
        _session.lock.acquire(LOCK_WAIT_SECONDS, _waiting)
        if command == "serve":
            _idle.clear()
        _, lines = read_config(config_file)
        site = load_site(
            config.extra,
            root=root,
            site_url=config.site_url or "",
            config_path=config_file.name,
            docs_dir=Path(config.docs_dir),
            lines=lines,
            markdown=[{name: config.mdx_configs.get(name)} for name in config.markdown_extensions],
            defer_bodies=command == "build",  # the preview checks every text before it shows any
            templates=template_names(Path(folder) for folder in config.theme.dirs),
            rebuilds=command == "serve",
            # The preview writes into a folder of MkDocs' own, outside the project.
            site_dir=Path(config.site_dir) if command == "build" else None,
            theme_dir=Path(config.theme.custom_dir) if config.theme.custom_dir else None,
            directory_urls=config.use_directory_urls,
        )
        for warning in site.warnings:
            log.warning(str(warning))
        for folder in (site.settings.cache_dir, *(site.settings.cache_dir / n for n in ("cards", "feeds"))):
            if ensure_folder(folder):
                log.warning(site.t("build.cache_replaced", path=folder))
        scope = _scope(config)
        remembered = _session.remembered
        if remembered is not None:
            # The files behind the settings may lie outside the folders of the scope (a salary
            # table in data/, a logo, a parent of mkdocs.yml): what was read from them counts too.
            logo = file_state(site.settings.logo) if site.settings.logo else None
            remembered.start(
                (scope, site.today, logo, repr(site.settings), repr(site.salary_table), repr(site.processes))
            )
        _build = Build.start(site, _session.editor, os.environ, preview=command == "serve", remembered=remembered)
        _start_page_cache(config, scope)
    except ContentError as error:
        _release()
        if command == "serve":
            log.error(f"{error.summary}\n{error.report()}")
            _build = None
            t = Translator(error.language)
            _run.problems = (
                t("ui.preview_problems", n=len(error.problems)),
                t("ui.preview_fix"),
                [str(problem) for problem in error.problems],
            )
            if _session.last_brand is not None and BRAND_CSS not in config.extra_css:
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
    config.theme["language"] = site.settings.language
    if BRAND_CSS not in config.extra_css:
        config.extra_css.insert(0, BRAND_CSS)
    # MkDocs dates the sitemap with SOURCE_DATE_EPOCH; tie it to "today" so rebuilds are identical.
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(site.today.timetuple()))
    # What is loaded now lives until the build ends: keep it out of the garbage collector's full
    # passes (about 5 % of a large build). `serve` unfreezes it when the next rebuild starts.
    gc.freeze()
    if command == "build":
        final = Path(config.site_dir)
        staging = final.with_name(final.name + ".partial")
        clear_path(staging)  # a link in its place is removed, never followed and emptied
        config.site_dir = str(staging)
        _run.publish = (staging, final)
    # Cards render in worker processes while MkDocs renders the pages. A build's workers also write
    # each new card beside the staging folder, moved into it at the end; a preview links the cache's.
    try:
        _build.draw_cards(_card_copies() if _run.publish else None)
    except OSError as error:
        _release()
        raise Abort(_file_system_message(error)) from None
    # A link in the site's place is not a live site to take files from: it is replaced at the end.
    final_site = _run.publish[1] if _run.publish is not None else None
    live = final_site if final_site is not None and final_site.is_dir() and not final_site.is_symlink() else None
    manifest = site.settings.cache_dir / "published.json"
    _run.placer = Placer(manifest, live, Path(config.site_dir), preview=command == "serve")
    return config


def _forget_previous_build() -> None:
    """`serve`: let the previous rebuild's site, pages and cards go before this one loads its own,
    so that the two are never in memory together (at 10,000 vacancies each is some 200 MB, and the
    garbage collector's passes over both made a rebuild's loading twice as slow)."""
    global _build, _run
    if _build is not None:
        _session.last_t = _build.site.t  # messages while this rebuild loads are in the site's language
    if _run.page_cache is not None:
        _run.page_cache.index.close()
    _build = None
    _run = _Run()
    # What the previous rebuild loaded was frozen (`gc.freeze()`): most of it is freed when let go
    # above, and the rest is what the next rebuilds take again (`remembered`, the documents). A
    # full pass over it took 0.75 s of every rebuild at 10,000 vacancies; it runs every
    # FULL_COLLECTION_EVERY rebuilds, for the few hundred objects a rebuild leaves in cycles.
    _session.rebuilds += 1
    if _session.rebuilds % FULL_COLLECTION_EVERY == 0:
        gc.unfreeze()
    gc.collect()


def _card_copies() -> Path:
    """Where this build's card workers write the site's copies of new cards: a folder of its own
    beside the staging folder. Earlier builds' folders go (a killed build's, never published; its
    orphaned workers, if still finishing a card, fail on the missing folder and end)."""
    assert _run.publish is not None
    staging = _run.publish[0]
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
    files = len(_build.site.content.texts) + len(_build.site.content.pages) if _build is not None else 0
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
    return _build.site.t if _build is not None else _session.last_t or Translator("nl")


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
    return digest(files, versions, _session.command, config.site_url, config.use_directory_urls)


def _start_page_cache(config: MkDocsConfig, scope: str) -> None:
    """The cache of rendered item pages, scoped to everything every page is made of."""
    assert _build is not None
    # The preview's pages (which show what is planned) apart from the site's: each keeps only its
    # own, so one folder would lose the site's pages to every `make serve` and the other way round.
    folder = "pages" if _session.command == "build" else f"pages-{_session.command}"
    _run.page_cache = PageCache(_build.site.settings.cache_dir / folder, scope, _session.remembered)
    _run.keys = _build.page_keys(_run.page_cache)
    _run.search = _search_index(config)


def _add_item_page(
    files: Files, config: MkDocsConfig, kind: str, item: Any, slug: str, body: str, uris: list[str]
) -> None:
    """A vacancy's or story's page: copied from the cache when nothing it shows has changed, else
    rendered by MkDocs (and kept in the cache for the next build)."""
    assert _run.page_cache is not None and _run.keys is not None and _build is not None
    addresses = _build.site.addresses
    uri = addresses.item_source(kind, slug)
    url = addresses.vacancy(slug) if kind == "vacancy" else addresses.story(slug)
    _run.generated[url] = uri
    if kind != "vacancy" or not views.robots(item):
        _run.sitemap_items.append(url)
    body_key = _run.keys.body(slug, body, uris)
    rendered = _run.page_cache.body(body_key)
    if rendered is not None:
        key = _run.keys.page(item, rendered)
        stored = _run.page_cache.page(key)
        if stored is not None:
            cached = _CachedPage.generated(config, uri, abs_src_path=str(stored.html_path))
            cached.dest_uri = f"{url}index.html" if config.use_directory_urls else url  # as the rendered page
            cached.key = stored.html_path.name
            files.append(cached)
            _build.bodies[item_ref(item)] = stored.body
            _run.cached_search[url] = stored.search
            return
    files.append(File.generated(config, uri, content=EMPTY_META + body, inclusion=InclusionLevel.NOT_IN_NAV))
    _run.pages[uri] = (kind, item)
    _run.body_keys[uri] = body_key


class _CachedPage(File):
    """A vacancy or story page copied from the page cache. It keeps the page's Markdown name, so
    that links to it from other pages (`../vacancies/ciso.md`) resolve as on a rendered build, but
    MkDocs does not render it: it is put in place like an image, linked from the live site when
    unchanged there."""

    key = ""

    def is_documentation_page(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        assert self.abs_src_path is not None and _run.placer is not None
        try:
            _run.placer.put(self.abs_src_path, self.dest_uri, self.key)
        except FileNotFoundError:  # its folder is not there yet (made in another process, or kept)
            os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
            _run.placer.put(self.abs_src_path, self.dest_uri, self.key)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the brand stylesheet, a page for every public vacancy and story, and the story videos."""
    if _run.problems is not None:
        # The preview of content with mistakes: no page at all, so that every address shows the
        # page for a missing one (404.html), which lists the mistakes, in the colours of the last
        # rebuild without mistakes.
        kept_files = Files([f for f in files if not f.is_documentation_page()])
        if _session.last_brand is not None:
            kept_files.append(File.generated(config, BRAND_CSS, content=_session.last_brand))
        return kept_files
    assert _build is not None
    site, addresses = _build.site, _build.site.addresses
    uris = [addresses.item_source("vacancy", i.vacancy.slug) for i in site.vacancies]
    uris += [addresses.item_source("story", s.slug) for s in site.stories]
    names = [uri.removesuffix(".md") for uri in uris]
    if _session.preview is None:
        _start_page_folders(config, names)
    # The theme's source maps (1.4 MB) serve only a developer reading Material's own code.
    for file in [f for f in files if f.src_uri.startswith("assets/") and f.src_uri.endswith(".map")]:
        files.remove(file)
    brand = views.brand_stylesheet(site)
    files.append(File.generated(config, BRAND_CSS, content=brand))
    if _session.command == "serve":
        _session.last_brand = brand
    for item in site.vacancies:
        _add_item_page(files, config, "vacancy", item, item.vacancy.slug, item.vacancy.body, uris)
    stories_dir = site.settings.stories_dir
    for story in site.stories:
        _add_item_page(files, config, "story", story, story.slug, story.body, uris)
        # The photo is published as resized copies (drawn with the cards), never as the author's file.
        video = f"{addresses.story_folder}/{story.video}"
        if story.video and (path := stories_dir / story.video).is_file() and files.get_file_from_path(video) is None:
            files.append(File.generated(config, video, abs_src_path=str(path)))
    if _session.preview is not None:
        _link_item_folders(files, config, names)
    return files


def _link_item_folders(files: Files, config: MkDocsConfig, names: list[str]) -> None:
    """`serve`: the rebuild's item page folders are those of the previous rebuild, brought up to
    date (`PreviewFolders.link_items`); the folders of new items are made in another process."""
    assert _session.preview is not None
    assert _build is not None
    expected = _build.kept_in_preview()
    rewritten = []
    for file in files:
        top, _, rest = file.dest_uri.partition("/")
        if top in expected and rest:
            expected[top].add(rest.split("/", 1)[0])
            if not isinstance(file, _CachedPage):
                rewritten.append(file.dest_uri)  # MkDocs writes it anew
    try:
        present = _session.preview.link_items(Path(config.site_dir), expected, rewritten)
    except OSError:
        _start_page_folders(config, names)  # no links here: the rebuild makes its own folders
        return
    missing = [name for name in names if name.partition("/")[2] not in present.get(name.partition("/")[0], ())]
    _start_page_folders(config, missing, _session.preview.items)


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
    if not config.use_directory_urls or not names:
        return
    site_dir = site_dir or Path(config.site_dir)
    try:
        site_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile() as listing:  # a file, not a pipe: writing never waits for the disk
            listing.write(b"\0".join(os.fsencode(name) for name in names))
            listing.seek(0)
            command = ["xargs", "-0", "mkdir", "-p", "--"]
            _run.folders = subprocess.Popen(
                command, stdin=listing, cwd=site_dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
    except OSError:
        _run.folders = None  # no xargs or mkdir here (Windows): MkDocs makes the folders


def _wait_for_page_folders() -> None:
    if _run.folders is None:
        return
    try:
        _run.folders.wait(timeout=120)
    except subprocess.TimeoutExpired:
        _run.folders.kill()
        _run.folders.wait()
    _run.folders = None


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Keep compiled templates between builds: Jinja checks each template's source before reusing it.
    The last event before MkDocs places files: the item pages' folders are made by then."""
    _wait_for_page_folders()
    if _build is None:
        return env
    folder = _build.site.settings.cache_dir / "templates"
    if ensure_folder(folder):
        log.warning(_build.site.t("build.cache_replaced", path=folder))
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
    kind, item = _run.pages.get(page.file.src_uri, (None, None))
    page.meta.update(views.staff_meta(page.meta.get("template")))
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
    assert _build is not None
    if page.file.src_uri in _run.pages and _run.search is not None:
        _run.search_start[page.file.src_uri] = len(_run.search.entries)
    _template_values(context)
    kind, item = _run.pages.get(page.file.src_uri, (None, None))
    body = page.content or ""
    if kind is not None:
        _build.take_body(item_ref(item), body)
        context["og"] = _build.open_graph(item)
    if kind == "vacancy":
        context["vacancy"] = _build.view.vacancy_page(item, body)
        context["job_posting"] = _build.job_posting(item, body)
    elif kind == "story":
        context["story"] = _build.view.story_page(item)
    elif kind is None:
        # The title and description are escaped for Material by now (`on_page_markdown`); the share
        # tags' template escapes what it is given, so it gets text (og:title said "A &amp;amp; B").
        title = _as_text(page.meta.get("title") or page.title or config.site_name)
        description = _as_text(page.meta.get("description") or config.site_description or "")
        context["og"] = _build.page_graph(title, description, page.url)
    return context


def _template_values(context: dict[str, Any]) -> None:
    """What every template draws on: the site's views, its feeds and job alerts."""
    if _build is not None:
        context["cs"] = _build.view
        context["feeds"] = _build.feeds
        context["alerts"] = _build.alerts


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
    if _run.search is None:
        return
    own = [entry for entry in _run.search.entries if entry["location"].split("#")[0] not in _run.generated]
    items = [_run.cached_search.get(url, "[]") for url in _run.generated]
    _run.cached_search.clear()
    generate = getattr(_run.search, "generate_search_index", None)
    if _session.dirty or generate is None:
        # `serve --dirty` merges the index with the previous one: it needs every entry as a value.
        _run.search.entries[:] = own + _read_entries(items)
        return
    _run.search.generate_search_index = lambda prev: _spliced_index(generate, own, items)


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
    assert _run.search is not None
    _run.search.entries[:] = []
    empty = generate(None)
    if not empty.endswith('"docs":[]}'):  # a plugin that writes its index otherwise: every entry as a value
        _run.search.entries[:] = own + _read_entries(items)
        return generate(None)
    _run.pending_index = (empty[:-2], [_entries_text(own), *items])
    return empty


def _write_search_index(config: MkDocsConfig) -> None:
    """Write the search index with every page's entries (see `_spliced_index`), in place of the one
    the search plugin wrote without them (the plugin's file is there unless it failed to write it)."""
    if _run.pending_index is None:
        return
    start, texts = _run.pending_index
    _run.pending_index = None
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
    output = theme.finished(output)
    uri = page.file.src_uri
    kind, item = _run.pages.get(uri, (None, None))
    if kind is None or _run.page_cache is None or _run.keys is None or uri not in _run.body_keys or _build is None:
        return output
    which = item_ref(item)
    if which in _build.bad:
        return output  # a text with mistakes is never kept
    body = page.content or ""
    search = _run.search
    start = _run.search_start.get(uri)
    entries = search.entries[start:] if search is not None and start is not None else []
    _run.cached_search[page.url] = text = _entries_text(entries)
    with contextlib.suppress(OSError):  # a cache that cannot be written only slows the next build
        _run.page_cache.put_body(_run.body_keys[uri], body)
        key = _run.keys.page(item, body)
        _run.page_cache.put_page(key, output, _build.bodies.get(which, body), text)
        _run.rendered_pages.append((page.file.dest_uri, f"{key}.html"))
    return output


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Pages made from a template alone (404.html) as valid as the others; other files as made."""
    return theme.finished(output) if template_name.endswith(".html") else output


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """Templates that are not pages (404.html, the sitemap) draw on the same values as pages."""
    context["cs_problems"] = _run.problems
    context["cs_item_pages"] = _run.sitemap_items
    _template_values(context)
    return context


@event_priority(100)  # before the search plugin writes its index
def _finish_build(config: MkDocsConfig) -> None:
    """The build's outputs (`Build.finish`: cards, feeds, jobs.json, …), then the page cache's
    record of what was placed, and the search index's entries of the cached pages."""
    if _run.problems is not None:
        _session.editor.write_with_problems(Path(config.site_dir), _run.problems)
        _show_preview(config)
        _release()
        return
    assert _run.page_cache is not None and _build is not None and _run.placer is not None
    with contextlib.suppress(OSError):
        _run.page_cache.finish()
    log.info(f"Pages: {len(_run.pages)} rendered, {len(_run.generated) - len(_run.pages)} from the cache")
    try:
        _build.finish(Path(config.site_dir), _run.placer, _log)
    except Stop as stop:
        raise Abort(str(stop)) from None
    # The item pages MkDocs wrote after on_post_page: each identical to its cache file. The preview's
    # kept tree gets links to those (`serve --dirty` keeps its pages where MkDocs writes them over).
    cached = _run.page_cache.folder.path if _session.preview is not None else None
    _build.record_placed(_run.placer, _run.rendered_pages, cached, _log)
    _complete_search_index()
    _run.outputs_written = True


def _log(line: str) -> None:
    """A line of the build's log: a warning when it says so."""
    if line.startswith("warning: "):
        log.warning(line.removeprefix("warning: "))
    else:
        log.info(line)


# After the search plugin (0), before anything that reads its index (Material's offline plugin: -100).
@event_priority(-50)
def _finish_after_search(config: MkDocsConfig) -> None:
    """Complete the search index (`_write_search_index`); the build is then complete, and a
    rebuild of `make serve` is shown."""
    if not _run.outputs_written:
        return  # the preview of content with mistakes: shown already
    _run.outputs_written = False
    _write_search_index(config)
    _run.complete = True
    if _session.command != "build":
        _show_preview(config)
        _release()  # `serve` rebuilds: each rebuild takes the lock anew


on_post_build = CombinedEvent(_finish_build, _finish_after_search)


def _show_preview(config: MkDocsConfig) -> None:
    """In `make serve`, serve the rebuild just written (the search index follows into the same folder)."""
    if _session.preview is not None:
        try:
            _session.preview.show(Path(config.site_dir))
        except OSError as error:
            raise Abort(_file_system_message(error)) from None


def on_build_error(error: Exception) -> None:
    """Stop the card workers; say what the file system refused in one line, not a traceback."""
    _run.failed = True
    _run.pending_index = None
    try:
        _wait_for_page_folders()  # before the failed build's folder goes
        if _build is not None:
            _build.cancel()
        if _run.page_cache is not None:
            _run.page_cache.index.close()
    finally:
        if _session.command != "build":
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
    _wait_for_page_folders()  # a build stopped by Ctrl-C: before its folder goes
    if _session.preview is not None:
        _session.preview.close()
    try:
        if _run.publish is None:
            return
        staging, final = _run.publish
        if _build is not None:
            _build.renderer.discard_copies()
        _run.publish = None
        if _run.failed or not _run.complete or not staging.is_dir():
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
    if _session.lock is not None:
        _session.lock.release()
    _idle.set()
