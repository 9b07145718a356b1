"""The counting rules of the reach report (README: Reach per channel), followed exactly.

A page view is a GET answered 200 or 304 for an HTML page the current build made (its path without
the query string; every page but the web editor and the pages that only send readers on), by a
person, not a crawler. Its channel is the `utm_source` when that names one of the site's channels,
else the referrer's host: a social network, a search engine, the site itself (`internal`), another
host (`other`), or none at all (`direct`). Its date is the request's date in the site's time zone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

from careersite.report.logs import Hit

_SLASHES = re.compile(r"/{2,}")

# Referrer hosts of the social networks the feeds post to (and their link shorteners and apps).
SOCIAL_HOSTS = {
    "linkedin": ("linkedin.com", "lnkd.in"),
    "facebook": ("facebook.com", "fb.me", "fb.com", "messenger.com"),
    "instagram": ("instagram.com",),
    "x": ("t.co", "x.com", "twitter.com"),
}
# Job boards that carry the site's vacancies through feeds/indeed.xml, whose links say
# utm_source=indeed: a channel of their own, also when only the referrer tells.
JOB_BOARD_HOSTS = {"indeed": ("indeed.com",)}
# Search engines, by their registrable name in any country's domain (google.nl, google.co.uk), on
# the engine's own host or its www., m. or search. host (not mail.google.com or docs.google.com).
SEARCH_NAMES = frozenset(
    {"google", "bing", "duckduckgo", "ecosia", "yahoo", "yandex", "startpage", "qwant", "baidu", "kagi", "seznam"}
)
SEARCH_HOSTS = frozenset({"search.brave.com", "kvasir.no"})
SEARCH_PREFIXES = ("www.", "m.", "search.", "html.", "lite.")
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov"})  # google.co.uk, google.com.au
DEFAULT_CHANNELS = ("ambassador", "direct", "search", "internal", "other", "unknown")


def _within(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def _is_search(host: str) -> bool:
    if host in SEARCH_HOSTS:
        return True
    for prefix in SEARCH_PREFIXES:
        host = host.removeprefix(prefix)
    labels = host.split(".")
    if len(labels) == 2:
        return labels[0] in SEARCH_NAMES
    return len(labels) == 3 and labels[1] in _SECOND_LEVEL and labels[0] in SEARCH_NAMES


# Referrers of the networks' Android apps (`android-app://com.linkedin.android/`).
SOCIAL_APPS = {
    "com.linkedin.android": "linkedin",
    "com.facebook.katana": "facebook",
    "com.facebook.orca": "facebook",
    "com.facebook.lite": "facebook",
    "com.instagram.android": "instagram",
    "com.twitter.android": "x",
}


def host_channel(host: str, site_host: str) -> str:
    """The channel of a referrer's host ("" for none): a network, `search`, `internal` (the site
    itself), `other` or `direct`."""
    host = host.lower()
    if not host:
        return "direct"
    if site_host and host.removeprefix("www.") == site_host.removeprefix("www."):
        return "internal"
    for name, domains in SOCIAL_HOSTS.items():
        if any(_within(host, d) for d in domains):
            return name
    if host in SOCIAL_APPS:
        return SOCIAL_APPS[host]
    for name, domains in JOB_BOARD_HOSTS.items():
        if any(_within(host, d) for d in domains):
            return name
    if _is_search(host):
        return "search"
    return "other"


def referrer_host(referrer: str) -> str | None:
    """The host of a referrer ("" for none), or None for one that no browser sends."""
    if not referrer:
        return ""
    try:
        return (urlsplit(referrer).hostname or "").lower()
    except ValueError:  # "http://[::1/"
        return None


def tagged(query: dict[str, list[str]], sources: dict[str, str]) -> str | None:
    """The channel a link's own tags name, or None: a colleague's share (`utm_medium=ambassador`,
    issue 28, whatever network it went through), or the `utm_source` of one of the site's channels."""
    if (query.get("utm_medium") or [""])[0].strip().lower() == "ambassador":
        return "ambassador"
    source = (query.get("utm_source") or [""])[0].strip().lower()
    return sources.get(source)


def channel_of(hit: Hit, site_host: str, sources: dict[str, str]) -> str:
    """The channel that brought a page view (see the module's rules); `sources` maps the
    `utm_source` each of the site's channels puts on its links to the channel's key."""
    channel = tagged(parse_qs(hit.target.partition("?")[2]), sources)
    if channel is not None:
        return channel
    host = referrer_host(hit.referrer)
    return "other" if host is None else host_channel(host, site_host)


def click_channel(hit: Hit, site_host: str, sources: dict[str, str]) -> str:
    """The channel of a click on an apply button, from what the vacancy page's script put on the
    forwarding page's link: the tags the vacancy was reached with, and `from`, the host that
    referred to the vacancy ("" for none). Without the script (`from` missing) it is not known."""
    query = parse_qs(hit.target.partition("?")[2], keep_blank_values=True)
    channel = tagged(query, sources)
    if channel is not None:
        return channel
    if "from" not in query:
        return "unknown"
    return host_channel(query["from"][0].strip(), site_host)


def site_pages(site_dir: Path) -> frozenset[str]:
    """The addresses of the HTML pages the build made (`/vacatures/ciso/`, `/`), without the web
    editor, the error page and the pages that only send readers on to a new address."""
    pages = set()
    for path in site_dir.rglob("*.html"):
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith("admin/") or relative == "404.html":
            continue
        with path.open("rb") as f:
            if b'http-equiv="refresh"' in f.read(4096):
                continue
        if relative == "index.html":
            pages.add("/")
        elif relative.endswith("/index.html"):
            pages.add("/" + relative.removesuffix("index.html"))
        else:
            pages.add("/" + relative)
    return frozenset(pages)


def site_path(target: str, base: str = "/") -> str | None:
    """The path a request asked for, relative to the site's root: without query and fragment,
    decoded, repeated slashes as one (as web servers serve them, nginx's merge_slashes), and
    `index.html` as its folder. None for a target that is no path (the absolute form
    `http://other.example/`, junk) or lies outside `base`, the path of the site's address
    (`/werkenbij/` for https://www.lindewaard.example/werkenbij/)."""
    path = target.partition("?")[0].partition("#")[0]
    if not path.startswith("/"):
        return None
    path = _SLASHES.sub("/", unquote(path))
    if base != "/":
        if not path.startswith(base):
            return None
        path = "/" + path[len(base) :]
    return path.removesuffix("index.html") if path.endswith("/index.html") else path


def page_of(target: str, pages: frozenset[str], base: str = "/") -> str | None:
    """The page a request asked for, as the site names it, or None when it is no page of the site
    (an asset, a feed, an address the site does not have, a target that is no path)."""
    path = site_path(target, base)
    return path if path in pages else None


class Counts:
    """Page views and apply clicks by (date, page, channel), and what was left out. `applies` maps
    each apply button's forwarding page (`/vacatures/ciso/apply/`) to its vacancy's page."""

    def __init__(
        self,
        pages: frozenset[str],
        zone: ZoneInfo,
        site_host: str,
        sources: dict[str, str],
        base: str = "/",
        applies: dict[str, str] | None = None,
    ) -> None:
        self.pages = pages
        self.base = base if base.endswith("/") else base + "/"
        self.zone = zone
        self.site_host = site_host.lower()
        self.sources = {source.lower(): key for source, key in sources.items()}
        self.applies = applies or {}
        self.views: Counter[tuple[dt.date, str, str]] = Counter()
        self.clicks: Counter[tuple[dt.date, str, str]] = Counter()
        self.bots = 0
        self.other_requests = 0  # assets, feeds, errors, redirects, other methods, unknown addresses

    def add(self, hit: Hit) -> None:
        """A request from a web server's log."""
        if hit.method != "GET" or hit.status not in (200, 304):
            self.other_requests += 1
            return
        path = site_path(hit.target, self.base)
        if path in self.pages:
            if hit.bot:
                self.bots += 1
            else:
                self.view(hit.moment, path, channel_of(hit, self.site_host, self.sources))
        elif path in self.applies:
            if hit.bot:
                self.bots += 1
            else:
                self.click(hit.moment, self.applies[path], click_channel(hit, self.site_host, self.sources))
        else:
            self.other_requests += 1

    def view(self, moment: dt.datetime, page: str, channel: str) -> None:
        self.views[(moment.astimezone(self.zone).date(), page, channel)] += 1

    def click(self, moment: dt.datetime, page: str, channel: str) -> None:
        self.clicks[(moment.astimezone(self.zone).date(), page, channel)] += 1

    @property
    def total(self) -> int:
        return sum(self.views.values())

    @property
    def total_clicks(self) -> int:
        return sum(self.clicks.values())
