"""One build at a time per project: two builds writing the same cache and site folder would
publish a mix of both."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no flock; builds there are not guarded
    fcntl = None  # type: ignore[assignment]


class LockTimeout(Exception):
    """Another build held the lock for longer than we were willing to wait."""

    def __init__(self, holder: str) -> None:
        self.holder = holder
        super().__init__(holder)


class LockRefused(Exception):
    """The lock's place holds a link, folder, pipe or device: the build does not write through it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(str(path))


class BuildLock:
    """An exclusive lock on a file, held by the running build. The operating system releases it
    when the process ends, however it ends, so a killed build never leaves the project locked."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: int | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self, wait: float, waiting: Callable[[str], None]) -> None:
        """Take the lock; when another build has it, call `waiting` with its process number once,
        then wait up to `wait` seconds for it, or raise `LockTimeout`."""
        if fcntl is None or self.held:
            return
        # Never through a link (a committed `.careersite.lock` pointing at a file elsewhere would
        # have that file truncated), never waiting on a pipe.
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            handle = os.open(self.path, flags, 0o644)
        except OSError:
            if os.path.islink(self.path) or (os.path.lexists(self.path) and not os.path.isfile(self.path)):
                raise LockRefused(self.path) from None  # a link (ELOOP), a folder, a socket
            raise
        try:
            if not stat.S_ISREG(os.fstat(handle).st_mode):
                raise LockRefused(self.path)
            if not self._try(handle):
                holder = os.pread(handle, 32, 0).decode("ascii", "replace").strip() or "?"
                waiting(holder)
                deadline = time.monotonic() + wait
                while not self._try(handle):
                    if time.monotonic() > deadline:
                        raise LockTimeout(holder)
                    time.sleep(0.2)
            os.ftruncate(handle, 0)
            os.pwrite(handle, f"{os.getpid()}\n".encode(), 0)
        except BaseException:
            os.close(handle)
            raise
        self._handle = handle

    @staticmethod
    def _try(handle: int) -> bool:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def release(self) -> None:
        if self._handle is not None:
            os.close(self._handle)  # closing the descriptor releases the lock
            self._handle = None
