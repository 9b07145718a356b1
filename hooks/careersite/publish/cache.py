"""Folders of generated files kept between builds, which a build may trust only after checking.

Each file is named by a hash of everything it was made from, so a file of the right name has the
right content, as long as nothing damaged it. A manifest beside the folder records the size and
modification time of every file when it was written; a file that no longer matches (truncated,
edited, half-written by a killed build) counts as missing and is made again, never published.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from careersite.publish import kept
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
            # A file's size and time as one number (`_stamp`): a folder holds tens of thousands of
            # files, and a stat result, or a pair of numbers, is large (11 MB at 10,000 vacancies).
            self.present = {
                entry.name: _stamp(entry.stat()) for entry in entries if entry.is_file(follow_symlinks=False)
            }
        self.changed = False

    def _load(self) -> dict[str, int]:
        data = kept.load_json(self.manifest, f"manifest {self.path.name}")
        if not isinstance(data, dict):
            return {}  # no manifest, or one that is not a mapping: every file is checked by its content
        try:
            return {str(name): _pack(int(size), int(mtime)) for name, (size, mtime) in data.items()}
        except Exception:
            return {}  # no manifest, or a damaged one: every file is checked by its content

    def size(self, name: str) -> int | None:
        """The size of a trustworthy cached file `name`, or None when it must be made again."""
        found = self.present.get(name)
        if found is None:
            return None
        if self.recorded.get(name) == found:
            return found & _SIZE
        if name not in self.recorded and found & _SIZE and self.looks_whole(self.path / name):
            self.recorded[name] = found
            self.changed = True
            return found & _SIZE
        return None

    def written(self, name: str) -> int:
        """Record a file just written into the folder; returns its size."""
        found = _stamp(os.stat(self.path / name))
        self.present[name] = found
        self.recorded[name] = found
        self.changed = True
        return found & _SIZE

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
            manifest = {name: [entry & _SIZE, entry >> _SIZE_BITS] for name, entry in sorted(self.recorded.items())}
            write_atomic(self.manifest, kept.framed_json(f"manifest {self.path.name}", manifest))


# A file's size and modification time (ns) packed in one number: the size in the low 40 bits
# (a cached file is far below 1 TiB), the time above them. Equal numbers: equal size and time.
_SIZE_BITS = 40
_SIZE = (1 << _SIZE_BITS) - 1


def _pack(size: int, mtime_ns: int) -> int:
    return mtime_ns << _SIZE_BITS | size & _SIZE


def _stamp(stat: os.stat_result) -> int:
    return _pack(stat.st_size, stat.st_mtime_ns)


def ends_with(marker: bytes, start: bytes = b"") -> Callable[[Path], bool]:
    """A content check: the file starts with `start` and ends with `marker` (a JPEG's end-of-image
    marker, a feed's closing tag), so a truncated file fails it."""

    def check(path: Path) -> bool:
        if not kept.is_regular(path):
            return False
        try:
            with open(path, "rb") as handle:
                if start and handle.read(len(start)) != start:
                    return False
                handle.seek(-len(marker), os.SEEK_END)
                return handle.read() == marker
        except OSError:
            return False

    return check


def riff_whole(path: Path) -> bool:
    """A content check for a WebP file, which has no end marker: as long as its RIFF header says."""
    if not kept.is_regular(path):
        return False
    try:
        with open(path, "rb") as handle:
            header = handle.read(12)
            size = os.fstat(handle.fileno()).st_size
    except OSError:
        return False
    return header[:4] == b"RIFF" and header[8:12] == b"WEBP" and int.from_bytes(header[4:8], "little") + 8 == size
