"""Pages at the addresses the site had before (the setting `earlier_addresses`), each sending the
reader on to where the page is now, so that links shared on social media, in e-mails and in
search results keep working after a folder or page is renamed.

A static site cannot answer with an HTTP redirect on every host, so each is a small page that
redirects three ways: a script that keeps the query and fragment (`?department=…`), a meta refresh
(which search engines treat as a permanent redirect), and a link for the reader. It names the new
address as canonical and asks not to be indexed. The items of an old folder of the vacancies or
stories (`vacancies/ciso/` → `vacatures/ciso/`) are sent on by the page of a missing address
(`Site.earlier_item_folders`, in 404.html).

With the setting `apply_forwarding`, each open vacancy whose apply button opens a web address also
gets such a page at `<vacancy>/apply/`, sending the candidate on to that address: the web server's
log then holds each click on the button (`make report` counts them per channel). The page's script
on the vacancy adds where the candidate came from to that link (`careersite.js`).
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from markupsafe import escape

from careersite.addresses import Addresses
from careersite.publish.files import write_new
from careersite.site import Listed, Site


def plan(site: Site) -> list[tuple[str, str]]:
    """(earlier address, address now) of every page to write, relative to the site root."""
    return list(site.earlier)


def relative(target: str, page: str) -> str:
    """`target` (an address relative to the site root) as a link on the page at address `page`."""
    base = page if page.endswith("/") else posixpath.dirname(page) + "/"
    path = posixpath.relpath(target or ".", base.rstrip("/") or ".")
    if target == "" or target.endswith("/"):
        path = path.rstrip("/") + "/" if path != "." else "./"
    return path


def page(site: Site, old: str, new: str) -> bytes:
    """The page at `old` that sends the reader to `new`, keeping the query and fragment."""
    link = relative(new, old)
    absolute = site.addresses.absolute(new)
    return _sending(site, link, absolute, absolute, "redirect", keep_query=True)


def apply_page(site: Site, item: Listed) -> bytes:
    """The page that sends a candidate from the apply button on to the application's address."""
    target = item.vacancy.apply
    canonical = site.addresses.absolute(site.addresses.vacancy(item.vacancy.slug))
    return _sending(site, target, canonical, target, "redirect.apply", keep_query=False)


def _sending(site: Site, link: str, canonical: str, shown: str, texts: str, keep_query: bool) -> bytes:
    """A page that sends the reader to `link` three ways (script, meta refresh, a link showing
    `shown`), names `canonical` and asks not to be indexed; `texts` is its messages' key."""
    t = site.t
    title = t(f"{texts}.title")
    script = json.dumps(link).replace("<", "\\u003c")  # an address can never end the script
    go = f"{script} + location.search + location.hash" if keep_query else script
    return (
        "<!doctype html>\n"
        f'<html lang="{escape(site.settings.language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{escape(canonical)}">\n'
        f'<meta http-equiv="refresh" content="0; url={escape(link)}">\n'
        f"<script>location.replace({go})</script>\n"
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        "</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n"
        f'<p>{escape(t(f"{texts}.text"))} <a href="{escape(link)}">{escape(shown)}</a></p>\n'
        "</body>\n</html>\n"
    ).encode()


def write(site: Site, site_dir: Path) -> int:
    """Write every redirect page and apply forwarding page into `site_dir` (a new folder the build
    fills: nothing is there to replace, so each page is written in one go, no temporary file); how
    many were written."""
    pages = [(old, page(site, old, new)) for old, new in plan(site)]
    for item in site.vacancies:
        if (address := site.apply_forwarding(item)) is not None:
            pages.append((address, apply_page(site, item)))
    made: set[Path] = set()
    for address, data in pages:
        path = site_dir / Addresses.file(address)
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        write_new(path, data)
    return len(pages)
