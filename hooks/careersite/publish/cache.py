"""Folders of generated files kept between builds, which a build may trust only after checking.

Each file is named by a hash of everything it was made from, so a file of the right name has the
right content, as long as nothing damaged it. A manifest beside the folder records the size and
modification time of every file when it was written; a file that no longer matches (truncated,
edited, half-written by a killed build) counts as missing and is made again, never published.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from careersite.publish.files import ensure_folder, write_atomic


class CacheFolder:
    """One folder of generated files and its manifest."""

    def __init__(self, path: Path, looks_whole: Callable[[Path], bool]) -> None:
        self.path = path
        self.replaced = ensure_folder(path)
        self.looks_whole = looks_whole  # a cheap check of a file written before manifests existed
        self.manifest = path.with_name(f"{path.name}.manifest.json")
        self.recorded = self._load()
        with os.scandir(path) as entries:
            # (size, mtime) only: a folder holds tens of thousands of files, and a stat result is large.
            self.present = {
                entry.name: _size_and_time(entry.stat()) for entry in entries if entry.is_file(follow_symlinks=False)
            }
        self.changed = False

    def _load(self) -> dict[str, tuple[int, int]]:
        try:
            data = json.loads(self.manifest.read_bytes())
            return {str(name): (int(size), int(mtime)) for name, (size, mtime) in data.items()}
        except Exception:
            return {}  # no manifest, or a damaged one: every file is checked by its content

    def size(self, name: str) -> int | None:
        """The size of a trustworthy cached file `name`, or None when it must be made again."""
        found = self.present.get(name)
        if found is None:
            return None
        if self.recorded.get(name) == found:
            return found[0]
        if name not in self.recorded and found[0] and self.looks_whole(self.path / name):
            self.recorded[name] = found
            self.changed = True
            return found[0]
        return None

    def written(self, name: str) -> int:
        """Record a file just written into the folder; returns its size."""
        found = _size_and_time(os.stat(self.path / name))
        self.present[name] = found
        self.recorded[name] = found
        self.changed = True
        return found[0]

    def keep_only(self, names: Iterable[str]) -> None:
        """Delete every other file (stale ones, and leftovers of killed builds) and save the manifest."""
        keep = set(names)
        for name in list(self.present):
            if name not in keep:
                (self.path / name).unlink(missing_ok=True)
                del self.present[name]
        stale = set(self.recorded) - keep
        for name in stale:
            del self.recorded[name]
        if self.changed or stale:
            manifest = {name: list(entry) for name, entry in sorted(self.recorded.items())}
            write_atomic(self.manifest, json.dumps(manifest, separators=(",", ":")).encode())


def _size_and_time(stat: os.stat_result) -> tuple[int, int]:
    return stat.st_size, stat.st_mtime_ns


def ends_with(marker: bytes, start: bytes = b"") -> Callable[[Path], bool]:
    """A content check: the file starts with `start` and ends with `marker` (a JPEG's end-of-image
    marker, a feed's closing tag), so a truncated file fails it."""

    def check(path: Path) -> bool:
        try:
            with open(path, "rb") as handle:
                if start and handle.read(len(start)) != start:
                    return False
                handle.seek(-len(marker), os.SEEK_END)
                return handle.read() == marker
        except OSError:
            return False

    return check
