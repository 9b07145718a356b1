"""Pages at the addresses the site had before (the setting `earlier_addresses`), each sending the
reader on to where the page is now, so that links shared on social media, in e-mails and in
search results keep working after a folder or page is renamed.

A static site cannot answer with an HTTP redirect on every host, so each is a small page that
redirects three ways: a script that keeps the query and fragment (`?department=…`), a meta refresh
(which search engines treat as a permanent redirect), and a link for the reader. It names the new
address as canonical and asks not to be indexed. The items of an old folder of the vacancies or
stories (`vacancies/ciso/` → `vacatures/ciso/`) are sent on by the page of a missing address
(`Site.earlier_item_folders`, in 404.html).
"""

from __future__ import annotations

import json
import os
import posixpath
from pathlib import Path

from markupsafe import escape

from careersite.addresses import Addresses
from careersite.publish.files import write_atomic
from careersite.site import Site


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
    """Write every redirect page into `site_dir` (a new folder the build fills: nothing is there to
    replace, so each page is written in one go, no temporary file); how many were written."""
    moves = plan(site)
    made: set[Path] = set()
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for old, new in moves:
        path = site_dir / Addresses.file(old)
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        data = page(site, old, new)
        try:
            with os.fdopen(os.open(path, flags, 0o644), "wb") as handle:
                handle.write(data)
        except FileExistsError:  # a file of the pages folder at an earlier address: replaced
            write_atomic(path, data)
    return len(moves)
