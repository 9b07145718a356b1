"""Publishing a finished build in one step: the new site takes the place of the old one with an
atomic exchange of the two folders, so that at every moment one complete site is in place, even
when the build is killed halfway through the swap."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

_RENAME_EXCHANGE = 2  # renameat2() on Linux
_RENAME_SWAP = 2  # renamex_np() on macOS
_AT_FDCWD = -100
# At the lowest priority: the next build (or rebuild of the preview) comes first.
_REMOVE = "import os, shutil, sys; hasattr(os, 'nice') and os.nice(19); shutil.rmtree(sys.argv[1], ignore_errors=True)"


@cache
def _libc() -> ctypes.CDLL | None:
    """The C library's functions: those of the running program (which include libc on Linux and
    macOS), or libc found by name (ctypes.util, whose import alone takes 15 ms)."""
    if not (sys.platform.startswith("linux") or sys.platform == "darwin"):
        return None  # Windows: no exchange of folders (and CDLL(None) is refused there)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if hasattr(libc, "renameat2") or hasattr(libc, "renamex_np"):
            return libc
        from ctypes.util import find_library

        name = find_library("c")
        return ctypes.CDLL(name, use_errno=True) if name else None
    except (OSError, TypeError):
        return None


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically; False where the system or file system cannot."""
    libc = _libc()
    a, b = os.fsencode(first), os.fsencode(second)
    if libc is None:
        return False
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        result = libc.renameat2(_AT_FDCWD, a, _AT_FDCWD, b, _RENAME_EXCHANGE)
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        result = libc.renamex_np(a, b, _RENAME_SWAP)
    else:
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: this file system cannot exchange
        return False
    raise OSError(code, os.strerror(code), str(second))


def publish(staging: Path, final: Path) -> Path | None:
    """Put the finished site in `staging` in the place of `final`; return the folder that now holds
    the old site, to be deleted, or None."""
    retired = final.with_name(f"{final.name}.old-{os.getpid()}")
    if os.path.islink(final) or (os.path.lexists(final) and not os.path.isdir(final)):
        os.unlink(final)  # a link or a file in the site's place: replaced, never followed
    if not os.path.lexists(final):
        staging.rename(final)
        return None
    if exchange(staging, final):
        staging.rename(retired)  # the old site, no longer published
        return retired
    # No atomic exchange here: two renames, with a moment without a site in between.
    final.rename(retired)
    staging.rename(final)
    return retired


def remove_later(folder: Path) -> None:
    """Delete a folder in a detached process: thousands of files take a while, and the build is
    done."""
    subprocess.Popen(
        [sys.executable, "-c", _REMOVE, str(folder)],
        start_new_session=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
