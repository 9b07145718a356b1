"""Files the build keeps for itself between builds (parsed documents, verdicts, holidays, manifests),
read so that a cache can never stop or falsify a build.

- A file is opened only when it is a plain file: a link, a pipe (which would make the build wait
  forever), a device or a folder in its place counts as no file.
- Every file starts with a checksum over its content and its purpose (which cache, which version),
  keyed with a secret of this computer's user that is kept outside the project (`key`): a file
  that was changed, cut off, written for another purpose or made elsewhere (committed in a pull
  request) counts as missing, and what it held is worked out again.
- Kept values are pickled, and read back with only the types a cache holds (a pickle from elsewhere
  could otherwise run code when it is loaded).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import io
import json
import os
import pickle
import secrets
import stat
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careersite.publish import files as _files  # a module: files.py reads its manifest with this one

_MAGIC = b"careersite kept 1\n"
_DIGEST = 32
# The types of the standard library that a kept value may hold; anything else (os.system,
# builtins.eval, subprocess.Popen, ...) stops the loading.
_STANDARD = frozenset(
    {
        ("builtins", name)
        for name in ("dict", "list", "tuple", "set", "frozenset", "str", "bytes", "bytearray", "int", "float", "bool")
    }
    | {("datetime", name) for name in ("date", "datetime", "time", "timedelta", "timezone")}
    | {("pathlib", "PosixPath"), ("pathlib", "WindowsPath"), ("pathlib", "PurePosixPath")}
)


class NotRegular(OSError):
    """A link, pipe, device or folder where a plain file was expected."""


def read_regular(path: Path | str, check: Callable[[os.stat_result], None] | None = None) -> bytes:
    """A plain file's bytes, without following a link and without waiting on a pipe: raises
    `NotRegular` for anything else in its place, FileNotFoundError when there is nothing. `check`
    sees the opened file's status before it is read (and may refuse it by raising)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        if os.path.lexists(path) and (os.path.islink(path) or not os.path.isfile(path)):
            raise NotRegular(error.errno, "not a plain file", str(path)) from None
        raise
    with os.fdopen(handle, "rb") as source:
        info = os.fstat(source.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(0, "not a plain file", str(path))
        if check is not None:
            check(info)
        return source.read()


def is_regular(path: Path | str) -> bool:
    """Whether `path` is a plain file itself (not a link to one)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


KEY_FILE_VARIABLE = "CAREERSITE_KEY_FILE"


@functools.cache
def key() -> bytes:
    """The secret that keys every checksum of the cache: read from `$CAREERSITE_KEY_FILE`, or
    `~/.cache/careersite/cache-key` (made on first use, readable by its owner only). Outside the
    project, so that a cache folder committed or copied from elsewhere is never trusted; the
    deploy workflows keep it with the cache. A key file that Git tracks (committed, so known to
    anyone), or none that can be read or made, gives a key of this process alone: the cache is then
    made anew, never trusted."""
    named = os.environ.get(KEY_FILE_VARIABLE)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(named) if named else Path(base) / "careersite" / "cache-key"
    try:
        data = read_regular(path)
    except FileNotFoundError:
        try:
            _make_key(path)
            data = read_regular(path)
        except OSError:
            return secrets.token_bytes(32)
    except OSError:
        return secrets.token_bytes(32)
    if len(data) < 32 or _tracked(path):
        return secrets.token_bytes(32)
    return data


def _make_key(path: Path) -> None:
    """A new key at `path`, whole or not at all: written beside it, then linked into place, so
    that two builds starting at once (or a test run's workers) never read half a key, and the
    one that comes second keeps the first one's."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(secrets.token_bytes(32))
        with contextlib.suppress(FileExistsError):  # another build made the key first: that one is kept
            os.link(partial, path)
    finally:
        os.unlink(partial)


def _tracked(path: Path) -> bool:
    """Whether Git tracks `path` (a key committed to a repository is no secret)."""
    try:
        done = subprocess.run(
            ["git", "ls-files", "--error-unmatch", "--", path.name],
            cwd=path.parent,
            capture_output=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def _checksum(purpose: str, payload: bytes) -> bytes:
    return hmac.new(key(), purpose.encode("utf-8", "surrogatepass") + b"\0" + payload, hashlib.sha256).digest()


def _payload(path: Path, purpose: str) -> bytes | None:
    """The content of a kept file written for `purpose`, or None: missing, not a plain file,
    changed, cut off, or written for another purpose."""
    try:
        data = read_regular(path)
    except OSError:
        return None
    return unframed(data, purpose)


class _Restricted(pickle.Unpickler):
    def __init__(self, data: bytes, allowed: frozenset[tuple[str, str]]) -> None:
        super().__init__(io.BytesIO(data))
        self.allowed = allowed

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _STANDARD or (module, name) in self.allowed:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is no type of a kept value")


def allowing(*types: type) -> frozenset[tuple[str, str]]:
    """The project's own types that a kept value may hold, besides plain values and dates."""
    return frozenset((kind.__module__, kind.__qualname__) for kind in types)


def load(path: Path, purpose: str, allowed: Iterable[tuple[str, str]] = ()) -> Any | None:
    """The value kept in `path` for `purpose`, or None when there is none to trust."""
    payload = _payload(path, purpose)
    if payload is None:
        return None
    try:
        return _Restricted(payload, frozenset(allowed)).load()
    except Exception:
        return None


def save(path: Path, purpose: str, value: Any) -> None:
    """Keep `value` in `path` for `purpose` (atomically; a cache that cannot be written only makes
    the next build slower)."""
    _files.write_if_possible(path, framed(purpose, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))


def framed(purpose: str, payload: bytes) -> bytes:
    """Bytes of a kept file written for `purpose` (`unframed` reads them back)."""
    return _MAGIC + _checksum(purpose, payload) + payload


def unframed(data: bytes, purpose: str) -> bytes | None:
    """The content of kept bytes when their keyed checksum matches, else None."""
    start = len(_MAGIC) + _DIGEST
    if not data.startswith(_MAGIC) or len(data) < start:
        return None
    payload = data[start:]
    return payload if hmac.compare_digest(data[len(_MAGIC) : start], _checksum(purpose, payload)) else None


def load_json(path: Path, purpose: str) -> Any | None:
    payload = _payload(path, purpose)
    if payload is None:
        return None
    try:
        return json.loads(payload)
    except Exception:  # ValueError, and RecursionError for "[[[[…": a cache never stops a build
        return None


def framed_json(purpose: str, value: Any) -> bytes:
    """`value` as a kept JSON file's bytes, with its checksum."""
    return framed(purpose, json.dumps(value, sort_keys=True, separators=(",", ":")).encode())


def save_json(path: Path, purpose: str, value: Any) -> None:
    _files.write_if_possible(path, framed_json(purpose, value))


def row(name: str, data: bytes) -> bytes:
    """A row of a kept index, with a keyed checksum over its name and data (`unrow`)."""
    return _checksum(name, data)[:16] + data


def unrow(name: str, stored: bytes) -> bytes | None:
    """A row's data when its checksum matches its name and data, else None (made again)."""
    data = stored[16:]
    if len(stored) < 16 or not hmac.compare_digest(stored[:16], _checksum(name, data)[:16]):
        return None
    return data


@dataclass(frozen=True)
class Keeper:
    """One kept file, for a part of the engine that must not write files itself (the rules): it
    loads and saves values through this, never knowing where they are kept."""

    path: Path

    def load(self, purpose: str) -> Any | None:
        return load(self.path, purpose)

    def save(self, purpose: str, value: Any) -> None:
        save(self.path, purpose, value)
