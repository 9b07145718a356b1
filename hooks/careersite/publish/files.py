"""Putting generated files into the site: copied from the cache, so that nothing in the published
site shares storage with the cache (a damaged cache must never damage a live site)."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from careersite.publish import kept

try:
    import fcntl

    _FICLONE = 0x40049409  # Linux: share the blocks copy-on-write (btrfs, XFS), as `cp --reflink`
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


_no_clones: set[tuple[int, int]] = set()  # (source device, target device) pairs that cannot clone


def copy_file(source: str, target: str) -> None:
    """A copy of `source` at `target`: a copy-on-write clone where the file system offers one (no
    data is copied, and a later change to either file leaves the other as it was), else a copy.
    A pair of file systems that cannot clone is tried once, not once per file."""
    if fcntl is not None:
        with open(source, "rb") as src, open(target, "wb") as dst:
            devices = (os.fstat(src.fileno()).st_dev, os.fstat(dst.fileno()).st_dev)
            if devices not in _no_clones:
                try:
                    fcntl.ioctl(dst.fileno(), _FICLONE, src.fileno())
                    return
                except OSError as error:
                    if error.errno not in (errno.EOPNOTSUPP, errno.ENOTTY, errno.EXDEV, errno.EINVAL, errno.ENOSYS):
                        raise
                    _no_clones.add(devices)
            _copy_open(src, dst)
        return
    shutil.copyfile(source, target)


def _copy_open(src: BinaryIO, dst: BinaryIO) -> None:
    """Copy between two open files in the kernel where possible (sendfile), else through a buffer."""
    size, offset = os.fstat(src.fileno()).st_size, 0
    try:
        while offset < size:
            sent = os.sendfile(dst.fileno(), src.fileno(), offset, size - offset)
            if not sent:
                break
            offset += sent
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSOCK):
            raise
    if offset < size:  # sendfile stopped early or is not offered here: copy the rest by hand
        src.seek(offset)
        dst.seek(offset)
        shutil.copyfileobj(src, dst, 1 << 20)


def write_atomic(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write a file so that no reader, and no later build after a crash, sees half of it. `data`
    may come in parts, written as they are made (a large file is never whole in memory)."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(partial)  # a leftover, or a link planted in its place: removed, never written through
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(partial, flags, 0o644), "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                handle.writelines(data)
        partial.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise


def write_new(path: Path, data: bytes) -> None:
    """Write a file into a folder the build has just made (the new site): nothing is there to
    replace, so it is written in one go, without `write_atomic`'s temporary file and rename (a
    third of the time of a small file, at a thousand files a build). A file that is there after
    all (a page of the organisation's own at that address, a preview's folder) is replaced whole."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        with os.fdopen(os.open(path, flags, 0o644), "wb") as handle:
            handle.write(data)
    except FileExistsError:
        write_atomic(path, data)


def write_checked(path: Path, data: bytes) -> None:
    """Write a file of a cache folder in one go, without the temporary file and rename of
    `write_atomic`, which take two thirds of the time of writing a small file. Only for folders
    whose reader checks each file before use (`CacheFolder`: its recorded size and time, or its end
    marker), so that a file cut short by a killed build is made again, never used. A file already
    there is replaced, not written over: a preview may share it (a hard link)."""
    for attempt in range(3):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        try:
            with open(path, "xb") as handle:
                handle.write(data)
            return
        except FileExistsError:
            if attempt == 2:  # another writer of the same name keeps winning the race (an orphaned worker)
                raise
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(path)
            raise


def write_if_possible(path: Path, data: bytes) -> None:
    """Write a cache file atomically; a cache that cannot be written (a full disk, a read-only or
    damaged folder) only makes the next build slower, so that is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except OSError:
        pass


def clear_path(path: Path) -> None:
    """Remove whatever is at `path` without following a link: a link or a file is unlinked (never
    what it points to), a folder removed with everything in it."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(info.st_mode):
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


def ensure_folder(path: Path) -> bool:
    """Make `path` a folder. Something else in its place (a file where the cache should be, a
    dangling link) is removed first; returns True when that happened."""
    if path.is_dir() and not path.is_symlink():
        return False
    replaced = os.path.lexists(path)
    if replaced:
        path.unlink()  # a file, or a link (also to a folder: the cache must not write elsewhere)
    path.mkdir(parents=True, exist_ok=True)
    return replaced


class Placer:
    """Puts cached files into the site being built: a file the live site already has, unchanged
    since this project published it, is hard-linked from the live site; any other is copied from
    the cache.

    Linking never makes the site share storage with the cache: only the live site and the next one
    share files, and neither is ever written in place (each build writes a new folder and swaps
    it in). The manifest records each published file's inode, size and modification time next to
    the name of the cache file it came from; a file changed, replaced or removed since (by hand,
    or by a build that failed halfway) no longer matches its record and is copied anew.
    """

    def __init__(self, manifest: Path | None, live: Path | None, site: Path, preview: bool = False) -> None:
        self.manifest = manifest  # None: nothing is linked from the live site, nothing recorded
        # A preview (`make serve`) is never published: its folder may share the cache's files.
        self.preview = preview
        self.live = live
        self.site = site
        # path -> its record (`_record`): one string a file, not a list of four values (13 MB at
        # 10,000 vacancies). A manifest of another form (damaged, or of an earlier version) holds
        # no records: everything is copied.
        self.records: dict[str, str] = {}
        if live is not None and manifest is not None:
            data = kept.load_json(manifest, "published")
            if isinstance(data, dict):
                self.records = {str(k): v for k, v in data.items() if isinstance(v, str)}
        self.placed: dict[str, str] = {}
        self.linked = 0
        self.kept = 0  # a preview's files left in place: the same file as before

    def put(self, source: str, path: str, key: str) -> None:
        """Put the cache file `source`, named `key` in the cache, at `path` in the site."""
        target = f"{self.site}{os.sep}{path}"
        if self.preview:
            # The preview's item pages are kept from rebuild to rebuild (`PreviewFolders.link_items`)
            if _same_file(source, target):
                self.kept += 1
                return
            # Another file there is never written into: it may be a link to another cache file.
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
            try:
                os.link(source, target)
                self.linked += 1
                return
            except OSError:
                pass  # another file system, or links not possible: copy
        if self._link_live(path, key, target):
            return
        copy_file(source, target)
        self.placed[path] = _record(key, os.stat(target))

    def put_made(self, path: str, key: str, data: bytes) -> None:
        """Put a file the build made, `data` named `key` (a digest of it), at `path` in the new site:
        hard-linked from the live site when that has it unchanged since published (no cache file
        needed: the key says the content is the same), else written."""
        target = f"{self.site}{os.sep}{path}"
        if self.preview:
            # The preview keeps its tree from rebuild to rebuild: a file that is the same stays.
            try:
                if os.stat(target).st_size == len(data):
                    with open(target, "rb") as handle:
                        if handle.read() == data:
                            self.kept += 1
                            return
            except OSError:
                pass
        elif self._link_live(path, key, target):
            return
        write_new(Path(target), data)
        if not self.preview:
            with contextlib.suppress(OSError):
                self.placed[path] = _record(key, os.stat(target))

    def _link_live(self, path: str, key: str, target: str) -> bool:
        """Hard-link `path` from the live site when it holds `key`'s content unchanged since this
        project published it; False when it does not (gone, changed, or links not possible here)."""
        record = self.records.get(path)
        if self.live is None or record is None or not record.startswith(f"{key} "):
            return False
        live = f"{self.live}{os.sep}{path}"
        try:
            if _record(key, os.stat(live)) != record:
                return False
            os.link(live, target)
        except OSError:
            return False
        self.placed[path] = record
        self.linked += 1
        return True

    def record(self, path: str, key: str, source: str | None = None) -> None:
        """Record a file the build wrote itself at `path` (a page it rendered), whose content is
        the cache file `key`, so that the next build can link it. A preview instead puts a link to
        `source` (that cache file) in its place, so that the next rebuild finds it in place."""
        target = f"{self.site}{os.sep}{path}"
        if self.preview:
            if source is not None:
                try:
                    os.link(source, f"{target}.link")
                    os.replace(f"{target}.link", target)
                except OSError:
                    with contextlib.suppress(OSError):
                        os.unlink(f"{target}.link")
            return
        with contextlib.suppress(OSError):
            self.placed[path] = _record(key, os.stat(target))

    def save(self) -> None:
        """Record what this build put in the site, for the next one (a preview records nothing)."""
        if self.preview or self.manifest is None:
            return
        kept.save_json(self.manifest, "published", self.placed)


def _same_file(one: str, other: str) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def _record(key: str, stat: os.stat_result) -> str:
    """What identifies a published file: the cache file it came from, its inode, size and time."""
    return f"{key} {stat.st_ino} {stat.st_size} {stat.st_mtime_ns}"
