"""Pages at the addresses the site had before (the setting `earlier_addresses`), each sending the
reader on to where the page is now, so that links shared on social media, in e-mails and in
search results keep working after a folder or page is renamed.

A static site cannot answer with an HTTP redirect on every host, so each is a small page that
redirects three ways: a script that keeps the query and fragment (`?department=…`), a meta refresh
(which search engines treat as a permanent redirect), and a link for the reader. It names the new
address as canonical and asks not to be indexed. An old folder of the vacancies or stories gets a
page for every item in it too (`vacancies/ciso/` → `vacatures/ciso/`).
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from markupsafe import escape

from careersite.addresses import Addresses
from careersite.publish.files import write_atomic
from careersite.site import Site


def plan(site: Site) -> list[tuple[str, str]]:
    """(earlier address, address now) of every page to write, relative to the site root."""
    a = site.addresses
    moves = []
    for old, new in site.earlier:
        moves.append((old, new))
        if new == a.vacancies:
            moves += [(_item(a, old, i.vacancy.slug), a.vacancy(i.vacancy.slug)) for i in site.vacancies]
        elif new == a.stories:
            moves += [(_item(a, old, s.slug), a.story(s.slug)) for s in site.stories]
    return moves


def _item(addresses: Addresses, folder: str, slug: str) -> str:
    """An item's address in an earlier folder, written as the site writes its addresses now."""
    folder = folder.removesuffix(".html").rstrip("/")
    return f"{folder}/{slug}/" if addresses.directory_urls else f"{folder}/{slug}.html"


def relative(target: str, page: str) -> str:
    """`target` (an address relative to the site root) as a link on the page at address `page`."""
    base = page if page.endswith("/") else posixpath.dirname(page) + "/"
    path = posixpath.relpath(target or ".", base.rstrip("/") or ".")
    if target == "" or target.endswith("/"):
        path = path.rstrip("/") + "/" if path != "." else "./"
    return path


def page(site: Site, old: str, new: str) -> bytes:
    """The page at `old` that sends the reader to `new`."""
    t = site.t
    link = relative(new, old)
    absolute = site.addresses.absolute(new)
    title = t("redirect.title")
    script = json.dumps(link).replace("<", "\\u003c")  # an address can never end the script
    return (
        "<!doctype html>\n"
        f'<html lang="{escape(site.settings.language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{escape(absolute)}">\n'
        f'<meta http-equiv="refresh" content="0; url={escape(link)}">\n'
        f"<script>location.replace({script}"
        " + location.search + location.hash)</script>\n"
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        "</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n"
        f'<p>{escape(t("redirect.text"))} <a href="{escape(link)}">{escape(absolute)}</a></p>\n'
        "</body>\n</html>\n"
    ).encode()


def write(site: Site, site_dir: Path) -> int:
    """Write every redirect page into `site_dir`; how many were written."""
    moves = plan(site)
    for old, new in moves:
        path = site_dir / Addresses.file(old)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, page(site, old, new))
    return len(moves)
