"""What changed in each vacancy after it was published, from the Git history of the vacancy files:
the changes a candidate must know of (closing date, pay, hours, the procedure's dates, status) and
the author's own sentence about one (`change_note:`), each with its day. Typo fixes and other
changes to the text do not show.

One pass over the log, however many vacancies: `git log --raw` names each commit's changed
vacancy files with the ids of their old and new versions, and one `git cat-file --batch` reads
those versions; each version's front matter is read once and kept in the cache by its id (a
version never changes). Without Git, outside a repository or in one without history (a
downloaded zip), there is no history and the page says what the front matter knows.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from careersite.publish import kept

# The front matter's fields that matter to a candidate, as the page groups them.
TOPICS = {
    "closes": "closes",
    "scale": "pay",
    "salary": "pay",
    "hours": "hours",
    "process": "procedure",
    "process_dates": "procedure",
    "status": "status",
}
READ = ("published", "change_note", *TOPICS)
CACHE = "history.pickle"
_EMPTY = "0" * 40
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Change:
    """One change that matters, on the day it was committed (in the site's time zone)."""

    day: dt.date
    topic: str  # "closes", "pay", "hours", "procedure", "status" or "note"
    before: str
    after: str


@dataclass(frozen=True)
class Versions:
    """A vacancy file's history: its changes after publication, oldest first."""

    changes: tuple[Change, ...] = ()

    @property
    def last_changed(self) -> dt.date | None:
        return self.changes[-1].day if self.changes else None


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    """A git command's output, or None when there is no git, no repository or it fails."""
    env = dict(os.environ, GIT_OPTIONAL_LOCKS="0", LC_ALL="C")
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", "-C", str(root), *args],
            input=stdin,
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _commits(log: bytes) -> Iterator[tuple[int, list[tuple[str, str, str]]]]:
    """(commit time, [(old id, new id, path)]) of `git log --format=%x00%ct --raw`, oldest first."""
    for chunk in log.split(b"\x00")[1:]:
        lines = chunk.decode("utf-8", errors="replace").splitlines()
        if not lines or not lines[0].strip().isdigit():
            continue
        files = []
        for line in lines[1:]:
            if not line.startswith(":"):
                continue
            meta, _, path = line.partition("\t")
            parts = meta.split()
            if len(parts) >= 5:
                files.append((parts[2], parts[3], path))
        yield int(lines[0].strip()), files


def _front_matter(text: str) -> dict[str, str]:
    """The fields that matter of a version, as text to compare and show ({} when unreadable)."""
    if not text.startswith("---"):
        return {}
    head, sep, _ = text[3:].partition("\n---")
    if not sep:
        return {}
    try:
        data = yaml.load(head, Loader=_Loader)
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: _shown(data[key]) for key in READ if key in data and data[key] is not None}


def _shown(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_shown(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    return str(value).strip()


def _blobs(root: Path, ids: list[str]) -> dict[str, str]:
    """The text of each version, read by one `git cat-file --batch`."""
    if not ids:
        return {}
    out = _git(root, "cat-file", "--batch", stdin="".join(f"{i}\n" for i in ids).encode())
    found: dict[str, str] = {}
    if out is None:
        return found
    at = 0
    while at < len(out):
        end = out.find(b"\n", at)
        if end < 0:
            break
        header = out[at:end].split()
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue  # "<id> missing"
        size = int(header[2])
        found[header[0].decode()] = out[at : at + size].decode("utf-8", errors="replace")
        at += size + 1
    return found


def read(root: Path, folder: Path, zone: ZoneInfo, cache_dir: Path) -> dict[str, Versions]:
    """Each vacancy file's history by its path relative to `root` (`vacancies/ciso.md`); {} without
    Git history."""
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None:
        return {}
    toplevel = Path(top.decode().strip())
    try:
        inside = folder.resolve().relative_to(root.resolve()).as_posix()  # a path as git reads one: from `root`
        base = root.resolve().relative_to(toplevel.resolve())  # and as it names one: from the top
    except ValueError:
        return {}
    log = _git(root, "log", "--format=%x00%ct", "--raw", "--no-abbrev", "--no-renames", "--reverse", "--", inside)
    if not log:
        return {}
    commits = list(_commits(log))
    keeper_path = cache_dir / CACHE
    stored = kept.load(keeper_path, "history")
    known: dict[str, dict[str, str]] = stored if isinstance(stored, dict) else {}
    wanted = sorted({i for _, files in commits for ids in files for i in ids[:2] if i != _EMPTY} - set(known))
    for blob, text in _blobs(root, wanted).items():
        known[blob] = _front_matter(text)
    used: dict[str, dict[str, str]] = {}
    histories: dict[str, list[Change]] = {}
    for moment, files in commits:
        day = dt.datetime.fromtimestamp(moment, zone).date()
        for old, new, path in files:
            if not path.endswith(".md"):
                continue
            try:
                shown = Path(path).relative_to(base).as_posix() if base.parts else path
            except ValueError:
                continue
            if new == _EMPTY:  # deleted: a later file at this path starts anew
                histories.pop(shown, None)
                continue
            after = known.get(new, {})
            used[new] = after
            if old == _EMPTY:
                histories[shown] = []
                continue
            before = known.get(old, {})
            used[old] = before
            published = after.get("published", "")
            if not published or day.isoformat() <= published:
                continue  # before the vacancy was public: a draft being written
            changes = histories.setdefault(shown, [])
            for field, topic in TOPICS.items():
                if before.get(field, "") != after.get(field, ""):
                    changes.append(Change(day, topic, before.get(field, ""), after.get(field, "")))
            note = after.get("change_note", "")
            if note and note != before.get("change_note", ""):
                changes.append(Change(day, "note", "", note))
    if used != stored:
        kept.save(keeper_path, "history", used)
    return {path: Versions(_merged(changes)) for path, changes in histories.items() if changes}


def _merged(changes: list[Change]) -> tuple[Change, ...]:
    """One change per topic and day (several commits on a day: from the first before to the last after)."""
    merged: dict[tuple[dt.date, str], Change] = {}
    for change in changes:
        key = (change.day, change.topic)
        if key in merged and change.topic != "note":
            first = merged[key]
            merged[key] = Change(change.day, change.topic, first.before, change.after)
        else:
            merged[key] = change
    return tuple(c for c in merged.values() if c.topic == "note" or c.before != c.after)
