"""Putting generated files into the site: cache files are linked in, not copied."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def link_or_copy(source: str, target: str) -> None:
    """A hard link where the file system allows it (instant, no copy), else a copy."""
    try:
        os.link(source, target)
    except FileExistsError:
        os.unlink(target)
        link_or_copy(source, target)
    except OSError:
        shutil.copyfile(source, target)


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that no reader, and no later build after a crash, sees half of it."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_bytes(data)
    partial.replace(path)
