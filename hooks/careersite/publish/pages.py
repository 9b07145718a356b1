"""Rendered vacancy and story pages kept between builds, so that an unchanged page skips Markdown
and the templates.

A page is stored under a key that covers everything it is made of:
- the build's scope: the engine's own files, the templates, the site's settings file, the content
  pages and data files (navigation, salary tables, processes), the versions of MkDocs, Material and
  Python-Markdown, the command and the site address;
- the item itself: its front matter and body (its whole `repr`);
- what the page shows on this day: the values the templates receive (the vacancy's view with its
  status, timeline and similar vacancies, the story's view with its department's vacancies, the
  share tags) and the parts of other pages it repeats (feeds, job alerts, footer, counts).
Today's date enters through those values: a vacancy that closes overnight gets another view, so
another key, without any file changing.

Each entry is two files: `<key>.html` (the page, copied into the site as it is) and `<key>.json`
(its text as rendered, which the feeds and jobs.json need, and its entries in the search index).
The body's rendering alone is kept too (`body-<key>.json`), because a page's key needs its view
and the view holds the rendered text (JobPosting's description).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careersite.publish.cache import CacheFolder, ends_with
from careersite.publish.files import write_atomic

PAGES_VERSION = "1"  # bump when the format of the entries changes
_HTML_WHOLE = ends_with(b"</html>")
_JSON_WHOLE = ends_with(b"}")


def digest(*parts: Any) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:32]


def tree_digest(paths: Iterable[Path], skip: Iterable[Path] = ()) -> str:
    """A hash of the names and bytes of files, in a fixed order. Folders are walked, leaving out
    `__pycache__` and the folders in `skip`."""
    hasher = hashlib.sha256()
    left_out = tuple(skip)
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += [
                p
                for p in path.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and not any(p.is_relative_to(s) for s in left_out)
            ]
        elif path.is_file():
            files.append(path)
    for path in sorted(set(files)):
        hasher.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        hasher.update(path.read_bytes() + b"\0")
    return hasher.hexdigest()


@dataclass(frozen=True)
class Stored:
    """A page found in the cache."""

    html_path: Path
    body: str
    search: list[dict[str, Any]]


class PageCache:
    """The page cache of one build."""

    def __init__(self, folder: Path, scope: str) -> None:
        self.folder = CacheFolder(folder, self._looks_whole)
        self.scope = digest(PAGES_VERSION, scope)
        self.used: set[str] = set()

    @staticmethod
    def _looks_whole(path: Path) -> bool:
        return (_HTML_WHOLE if path.suffix == ".html" else _JSON_WHOLE)(path)

    def key(self, *parts: Any) -> str:
        return digest(self.scope, *parts)

    def _read(self, name: str) -> dict[str, Any] | None:
        if self.folder.size(name) is None:
            return None
        try:
            data = json.loads((self.folder.path / name).read_bytes())
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def body(self, key: str) -> str | None:
        """The rendered text of a body, if this build or an earlier one rendered it."""
        data = self._read(f"body-{key}.json")
        if data is None or not isinstance(data.get("body"), str):
            return None
        self.used.add(f"body-{key}.json")
        return data["body"]

    def put_body(self, key: str, body: str) -> None:
        name = f"body-{key}.json"
        if name not in self.used:
            self._write(name, json.dumps({"body": body}).encode("utf-8"))

    def page(self, key: str) -> Stored | None:
        data = self._read(f"{key}.json")
        if (
            data is None
            or self.folder.size(f"{key}.html") is None
            or not isinstance(data.get("body"), str)
            or not isinstance(data.get("search"), list)
        ):
            return None
        self.used.update((f"{key}.json", f"{key}.html"))
        return Stored(self.folder.path / f"{key}.html", data["body"], data["search"])

    def put_page(self, key: str, html: str, body: str, search: list[dict[str, Any]]) -> None:
        self._write(f"{key}.html", html.encode("utf-8"))
        self._write(f"{key}.json", json.dumps({"body": body, "search": search}).encode("utf-8"))

    def _write(self, name: str, data: bytes) -> None:
        write_atomic(self.folder.path / name, data)
        self.folder.written(name)
        self.used.add(name)

    def finish(self) -> None:
        """Drop the entries this build did not use (pages that changed or went away)."""
        self.folder.keep_only(self.used)
