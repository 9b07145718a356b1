"""MkDocs adapter for the career-site engine: MkDocs events in, engine calls out, no domain rules.

load and check content, start drawing cards (on_config) → add pages (on_files) → keep compiled
templates in the cache (on_env) → give pages their data (on_page_markdown, on_page_context) → cards,
feeds and jobs.json (on_post_build) → publish the finished build in one step (on_shutdown).
"""

from __future__ import annotations

import calendar
import gc
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from careersite.cards.files import CardRenderer
from careersite.content.errors import ContentError
from careersite.outputs import feeds, jobs, social
from careersite.pages import views
from careersite.site import Site, load_site
from jinja2 import Environment, FileSystemBytecodeCache
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.careersite")
BRAND_CSS = "assets/careersite/brand.css"

_command: str | None = None
_site: Site | None = None
_view: views.SiteView | None = None
_cards: social.Cards | None = None
_renderer: CardRenderer | None = None
_feeds: list[feeds.FeedPlan] = []
_body_html: dict[str, str] = {}  # "vacancy:<id>" or "story:<id>" -> the page's text as rendered
_pages: dict[str, tuple[str, Any]] = {}  # src_uri -> ("vacancy", Listed) or ("story", Story)
_publish: tuple[Path, Path] | None = None  # (staging folder, final site folder) for a one-step swap
_failed = False
_REMOVE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check all content before anything in the site folder is touched."""
    global _site, _view, _cards, _renderer, _feeds, _publish, _failed
    root = Path(config.config_file_path).parent
    try:
        _site = load_site(
            config.extra, root=root, site_url=config.site_url or "", config_path=Path(config.config_file_path).name
        )
    except ContentError as error:
        raise Abort(f"{error.summary}\n{error.report()}") from None
    for warning in _site.warnings:
        log.warning(warning)
    _view = views.SiteView(_site)
    _pages.clear()
    _body_html.clear()
    _feeds = feeds.plan(_site)
    # Cards render in worker processes while MkDocs renders the pages.
    _cards = social.Cards(_view)
    _renderer = CardRenderer(_site.settings.cache_dir / "cards")
    _renderer.start(_cards.all_specs())
    config.theme["language"] = _site.settings.language
    if BRAND_CSS not in config.extra_css:
        config.extra_css.insert(0, BRAND_CSS)
    # MkDocs dates the sitemap with SOURCE_DATE_EPOCH; tie it to "today" so rebuilds are identical.
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(_site.today.timetuple()))
    _failed = False
    if _command == "build":
        # What is loaded now lives until the build ends: keep it out of the garbage collector's
        # full passes (about 5 % of a large build). Not in `serve`, where each rebuild loads anew.
        gc.freeze()
        final = Path(config.site_dir)
        staging = final.with_name(final.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        config.site_dir = str(staging)
        _publish = (staging, final)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the brand stylesheet, a page for every public vacancy and story, and the story photos and videos."""
    assert _site is not None
    files.append(File.generated(config, BRAND_CSS, content=views.brand_stylesheet(_site)))
    for item in _site.vacancies:
        uri = f"vacancies/{item.vacancy.slug}.md"
        files.append(File.generated(config, uri, content=item.vacancy.body, inclusion=InclusionLevel.NOT_IN_NAV))
        _pages[uri] = ("vacancy", item)
    stories_dir = _site.settings.stories_dir
    for story in _site.stories:
        uri = f"stories/{story.slug}.md"
        files.append(File.generated(config, uri, content=story.body, inclusion=InclusionLevel.NOT_IN_NAV))
        _pages[uri] = ("story", story)
        for asset in filter(None, (story.photo, story.video)):
            path = stories_dir / asset
            if path.is_file() and files.get_file_from_path(f"stories/{asset}") is None:
                files.append(File.generated(config, f"stories/{asset}", abs_src_path=str(path)))
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Keep compiled templates between builds: Jinja checks each template's source before reusing it."""
    assert _site is not None
    folder = _site.settings.cache_dir / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give generated pages their title, description and template; the tabs replace the side navigation."""
    page.meta.setdefault("hide", ["navigation", "toc"] if "template" in page.meta else ["navigation"])
    kind, item = _pages.get(page.file.src_uri, (None, None))
    if kind == "vacancy":
        page.meta.update(
            title=str(escape(item.vacancy.title)),
            description=str(escape(item.vacancy.summary)),
            template="vacancy.html",
            hide=["navigation", "toc"],
        )
        if robots := views.robots(item):
            page.meta["robots"] = robots
    elif kind == "story":
        page.meta.update(
            title=str(escape(item.title)),
            description=str(escape(item.summary)),
            template="story.html",
            hide=["navigation", "toc"],
        )
    return markdown


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    assert _site is not None and _view is not None
    assert _cards is not None
    context["cs"] = _view
    context["feeds"] = _feeds
    kind, item = _pages.get(page.file.src_uri, (None, None))
    if kind == "vacancy":
        _body_html[f"vacancy:{item.vacancy.id}"] = page.content or ""
        context["vacancy"] = _view.vacancy_page(item, page.content or "")
        context["og"] = social.vacancy_graph(_view, _cards.for_vacancy(item), item)
    elif kind == "story":
        _body_html[f"story:{item.id}"] = page.content or ""
        context["story"] = _view.story_page(item)
        context["og"] = social.story_graph(_view, _cards.for_story(item), item)
    else:
        title = page.meta.get("title") or page.title or config.site_name
        description = page.meta.get("description") or config.site_description or ""
        context["og"] = social.open_graph(_view, _cards.home.og, str(title), str(description), page.url)
    return context


def on_post_build(config: MkDocsConfig) -> None:
    """Wait for the cards and put them in the site; then write the feeds and jobs.json, which
    state each card's size."""
    assert _renderer is not None and _site is not None and _view is not None and _cards is not None
    site_dir = Path(config.site_dir)
    report = _renderer.finish(site_dir)
    timing = f" ({report.render_seconds:.2f} s)" if report.rendered else ""
    log.info(f"Cards: {report.rendered} rendered, {report.reused} from the cache{timing}")
    for name, characters in sorted(report.missing.items()):
        log.warning(f"cards/{name}: no shipped font can draw {characters!r}; left out of the card")

    items = feeds.items(_view, _cards, _body_html, _renderer.sizes.__getitem__)
    feeds.write_all(_site, _feeds, items, site_dir, _site.settings.cache_dir / "feeds")
    (site_dir / "jobs.json").write_bytes(jobs.render(_view, _cards))


def on_build_error(error: Exception) -> None:
    global _failed
    _failed = True
    if _renderer is not None:
        _renderer.cancel()


def on_shutdown() -> None:
    """Swap the finished build in for the previous site in one step, or drop a failed one."""
    global _publish
    if _publish is None:
        return
    staging, final = _publish
    _publish = None
    if _failed or not staging.is_dir():
        shutil.rmtree(staging, ignore_errors=True)
        return
    retired = final.with_name(f"{final.name}.old-{os.getpid()}")
    if final.exists():
        final.rename(retired)
    staging.rename(final)
    if retired.exists():
        # Deleting thousands of files takes a while; a detached process does it after the build.
        subprocess.Popen([sys.executable, "-c", _REMOVE, str(retired)], start_new_session=True)
