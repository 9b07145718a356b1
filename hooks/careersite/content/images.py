"""Checking that an author's image file can be used: opened and decoded, at a small size.

A photo cut off halfway passes Pillow's quick `verify()`, then fails when a card is drawn; so each
photo is decoded once (at an eighth of its size, which JPEG does cheaply), and the verdict is kept
by the file's size and modification time, in memory and in the cache between builds.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, UnidentifiedImageError

from careersite.i18n import Term
from careersite.publish import kept

_verdicts: dict[str, str | None] = {}  # "path|mtime|size" -> None (usable) or the reason it is not
_used: set[str] = set()
_changed = False


def unreadable(path: Path) -> Term | None:
    """None when `path` is an image that can be decoded, else why not (an interface word)."""
    global _changed
    stat = path.stat()
    key = f"{path}|{stat.st_mtime_ns}|{stat.st_size}"
    _used.add(key)
    if key not in _verdicts:
        _verdicts[key] = _problem(path)
        _changed = True
    reason = _verdicts[key]
    return Term(reason) if reason else None


def _problem(path: Path) -> str | None:
    try:
        with Image.open(path) as image:
            image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()
    except UnidentifiedImageError:
        return "term.image.unknown"
    except Image.DecompressionBombError:
        return "term.image.huge"
    except (OSError, SyntaxError, ValueError, EOFError):
        return "term.image.damaged"
    return None


def load_verdicts(path: Path) -> None:
    """Verdicts of earlier builds; a damaged file only means photos are checked again."""
    global _changed
    data = kept.load_json(path, "photo verdicts")
    if isinstance(data, dict):
        _verdicts.update({str(k): (str(v) if v else None) for k, v in data.items()})
    _changed = False


def save_verdicts(path: Path) -> None:
    """Keep the verdicts on the photos used in this build, when one was new."""
    if not _changed:
        return
    kept.save_json(path, "photo verdicts", {key: reason for key, reason in _verdicts.items() if key in _used})
