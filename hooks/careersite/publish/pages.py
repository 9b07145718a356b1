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

Each entry is the file `<key>.html` (the page, copied into the site as it is) and a row of the
index `pages.sqlite3` beside the folder (its text as rendered, which the feeds and jobs.json need,
and its entries in the search index). The body's rendering alone is kept too (row `body-<key>`),
because a page's key needs its view and the view holds the rendered text (JobPosting's
description). One index instead of two small files per page: a cold build at 1,000 vacancies
wrote 2,400 files fewer. Rows are compressed and checked when read; a damaged index is replaced.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careersite.publish import kept
from careersite.publish.cache import CacheFolder, ends_with
from careersite.publish.files import write_checked
from careersite.publish.memo import Remembered

PAGES_VERSION = "4"  # bump when the format of the entries changes
_FILES = ("", "-journal", "-wal", "-shm")  # SQLite's file and the ones it keeps beside it
_TABLE = "CREATE TABLE entries (name TEXT PRIMARY KEY, data BLOB NOT NULL)"
_HTML_WHOLE = ends_with(b"</html>")


def digest(*parts: Any) -> str:
    """A key of `parts`: texts as they are, anything else by its repr, each with its length, so
    that no two lists of parts give the same bytes. A page's parts are some 30 KB of text:
    taking the repr of a text would copy it once more only to escape it."""
    hasher = hashlib.sha256()
    for part in parts:
        kind, text = ("s", part) if type(part) is str else ("r", repr(part))
        data = text.encode("utf-8", "surrogatepass")
        hasher.update(b"%s%d:" % (kind.encode(), len(data)))
        hasher.update(data)
    return hasher.hexdigest()[:32]


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
    search: str  # its entries in the search index, as JSON: read when the index is written


class Index:
    """Named values kept between builds in one SQLite file: JSON objects (`get`, `put`) or bytes
    (`get_bytes`, `put_bytes`). A value that cannot be read (a damaged file, a damaged row) is
    missing; a file SQLite cannot open is replaced by a new one, and one that cannot be replaced
    leaves the build without an index (slower, never wrong). Changes are kept when the build saves
    them (`save`), in one transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db: sqlite3.Connection | None = None
        self.written: dict[str, bytes] = {}
        if any(os.path.lexists(f"{path}{suffix}") and not kept.is_regular(f"{path}{suffix}") for suffix in _FILES):
            self._remove()  # a link, a pipe: the cache never writes elsewhere, and never waits on a pipe
        for attempt in range(2):
            try:
                self.db = self._open()
                return
            except (sqlite3.Error, OSError) as error:
                if _locked(error):
                    return  # held by a connection that was not closed: build without, delete nothing
                if attempt == 0:
                    self._remove()

    def _open(self) -> sqlite3.Connection:
        # One build at a time holds the index (the build lock), so waiting for it makes no sense.
        db = sqlite3.connect(self.path, timeout=2)
        try:
            # A cache: a killed build must not damage it (SQLite's journal sees to that), but a
            # power cut may lose the last build's additions, so there is no need to wait for the disk.
            db.execute("PRAGMA synchronous = OFF")
            # One build at a time uses the index (the build lock): hold SQLite's lock until closed
            # instead of taking and checking it for every read (2,400 reads: 12,000 system calls).
            db.execute("PRAGMA locking_mode = EXCLUSIVE")
            # A rowid table: rows of 1 to 3 KB fit its pages (a WITHOUT ROWID table puts each such
            # row's rest on a page of its own: 138 MB for 35 MB of feed elements).
            # Only the index's own table: a file from elsewhere could hold a view or trigger under
            # that name (a recursive view kept `count(*)` running forever).
            db.execute("PRAGMA trusted_schema = OFF")
            schema = set(db.execute("SELECT type, name, sql FROM sqlite_master").fetchall())
            if schema and schema != {("table", "entries", _TABLE), ("index", "sqlite_autoindex_entries_1", None)}:
                raise sqlite3.DatabaseError("not the index's schema")
            db.execute(_TABLE.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1))
            db.execute("SELECT count(*) FROM entries").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    def _remove(self) -> None:
        if self.path.is_dir() and not self.path.is_symlink():
            shutil.rmtree(self.path, ignore_errors=True)
        for suffix in _FILES:
            with contextlib.suppress(OSError):
                Path(f"{self.path}{suffix}").unlink()

    def get(self, name: str) -> dict[str, Any] | None:
        raw = self.get_bytes(name)
        try:
            data = json.loads(zlib.decompress(raw)) if raw is not None else None
        except Exception:  # damaged, or nested beyond what the parser takes: as if missing
            return None
        return data if isinstance(data, dict) else None

    def put(self, name: str, value: dict[str, Any]) -> None:
        self.put_bytes(name, zlib.compress(json.dumps(value).encode("utf-8"), 1))

    def get_bytes(self, name: str) -> bytes | None:
        """The bytes stored under `name`, by this build (not yet saved) or an earlier one."""
        if name in self.written:
            return self.written[name]
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT data FROM entries WHERE name = ?", (name,)).fetchone()
        except sqlite3.Error:
            return None
        # A row whose checksum does not match its name and data was changed: made again, never used.
        return kept.unrow(name, row[0]) if row is not None and isinstance(row[0], bytes) else None

    def put_bytes(self, name: str, data: bytes) -> None:
        self.written[name] = data

    def save(self, keep: set[str]) -> None:
        """Store what this build wrote and drop every row it did not use."""
        if self.db is None:
            return
        try:
            with self.db:
                stale = [(name,) for (name,) in self.db.execute("SELECT name FROM entries") if name not in keep]
                self.db.executemany("DELETE FROM entries WHERE name = ?", stale)
                self.db.executemany(
                    "INSERT OR REPLACE INTO entries VALUES (?, ?)",
                    ((name, kept.row(name, data)) for name, data in self.written.items()),
                )
        except sqlite3.Error as error:
            self.close()
            if not _locked(error):
                self._remove()  # damaged: the next build starts a new one
        self.written.clear()

    def close(self) -> None:
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
            self.db = None


def _json_list(value: Any) -> bool:
    """Whether `value` is JSON text of a list of search entries (read to check it, 2.5 µs a page,
    and dropped: it is kept as text)."""
    if not isinstance(value, str):
        return False
    try:
        entries = json.loads(value)
    except Exception:
        return False
    return isinstance(entries, list) and all(
        isinstance(e, dict) and isinstance(e.get("location"), str) for e in entries
    )


def _locked(error: Exception) -> bool:
    """SQLite's "database is locked": the index is busy, not damaged."""
    return isinstance(error, sqlite3.OperationalError) and "locked" in str(error)


class PageCache:
    """The page cache of one build."""

    def __init__(self, folder: Path, scope: str, remembered: Remembered | None = None) -> None:
        self.folder = CacheFolder(folder, _HTML_WHOLE)
        self.index = Index(folder.with_name(f"{folder.name}.sqlite3"))
        self.scope = digest(PAGES_VERSION, scope)
        self.used: set[str] = set()  # html files and index rows
        # `make serve`: the rows the previous rebuild read or wrote, kept in memory (a row never
        # changes under its key); the page's file is still looked for on every rebuild
        self.remembered = remembered

    def key(self, *parts: Any) -> str:
        return digest(self.scope, *parts)

    def body(self, key: str) -> str | None:
        """The rendered text of a body, if this build or an earlier one rendered it."""
        name = f"body-{key}"
        if (kept := self._kept(name)) is not None:
            return kept
        data = self.index.get(name)
        if data is None or not isinstance(data.get("body"), str):
            return None
        self.used.add(name)
        self._keep(name, data["body"])
        return data["body"]

    def put_body(self, key: str, body: str) -> None:
        name = f"body-{key}"
        if name not in self.used:
            self.index.put(name, {"body": body})
            self.used.add(name)
            self._keep(name, body)

    def page(self, key: str) -> Stored | None:
        if self.folder.size(f"{key}.html") is None:
            return None
        if (kept := self._kept(key)) is not None:
            self.used.add(f"{key}.html")
            return kept
        data = self.index.get(key)
        if data is None or not isinstance(data.get("body"), str) or not _json_list(data.get("search")):
            return None
        self.used.update((key, f"{key}.html"))
        stored = Stored(self.folder.path / f"{key}.html", data["body"], data["search"])
        self._keep(key, stored)
        return stored

    def _kept(self, name: str) -> Any:
        """A row as the previous rebuild of `make serve` read or wrote it, or None."""
        if self.remembered is None or (found := self.remembered.row(f"page {name}")) is None:
            return None
        self.used.add(name)
        return found

    def _keep(self, name: str, value: Any) -> None:
        if self.remembered is not None:
            self.remembered.keep_row(f"page {name}", value)

    def put_page(self, key: str, html: str, body: str, search: str) -> None:
        """Keep a rendered page, with its text and its search entries as JSON text (kept as text
        until the search index is written: one string per page instead of some thirty objects,
        40 MB at 10,000 vacancies, held through the whole build)."""
        name = f"{key}.html"
        write_checked(self.folder.path / name, html.encode("utf-8"))
        self.folder.written(name)
        self.index.put(key, {"body": body, "search": search})
        self.used.update((key, name))
        self._keep(key, Stored(self.folder.path / name, body, search))

    def finish(self) -> None:
        """Keep what this build rendered; drop the entries it did not use (pages that changed or went away)."""
        try:
            self.folder.keep_only(self.used)
        finally:
            self.index.save(self.used)
            self.index.close()
