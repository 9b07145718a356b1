"""What one rebuild of `make serve` worked out, taken again by the next when it is made of the same.

A rebuild after an edit loads the whole site again, but of 10,000 vacancies one changed: the page
keys, card descriptions, pay, feed item digests and cached rows of the other 9,999 come out as
before. `Remembered` keeps each such value with the inputs it was made from, and gives it back when
the next rebuild's inputs are equal (compared with `==`, so a value is never taken for inputs that
merely look alike, and the comparison of unchanged inputs is quick).

Everything a value depends on must be in its inputs or in the rebuild's scope (`start`): the
engine's and templates' files, the settings and data files, and today's date. When the scope
changes, every value is made anew. A build (`mkdocs build`) never uses this: it works everything
out from the files, and the page cache checks every page by its whole key.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Remembered:
    """Values kept from one rebuild to the next, by name."""

    def __init__(self) -> None:
        self._scope: Any = None
        self._kept: dict[Hashable, tuple[Any, Any]] = {}
        self._used: set[Hashable] = set()
        self.rows: dict[str, Any] = {}  # rows of the caches on disk, by their content-addressed key
        self._rows_used: set[str] = set()

    def start(self, scope: Any) -> None:
        """A new rebuild within `scope`: values of another scope, and values the previous rebuild
        did not ask for (an item that went), are let go."""
        if scope != self._scope:
            self._kept.clear()
            self.rows.clear()
        else:
            self._kept = {name: self._kept[name] for name in self._used if name in self._kept}
            self.rows = {key: self.rows[key] for key in self._rows_used if key in self.rows}
        self._scope = scope
        self._used.clear()
        self._rows_used.clear()

    def get(self, name: Hashable, inputs: Any, make: Callable[[], T]) -> T:
        """The value of `name` made from `inputs`: the previous rebuild's when its inputs were equal."""
        self._used.add(name)
        found = self._kept.get(name)
        if found is not None and found[0] == inputs:
            return found[1]
        value = make()
        self._kept[name] = (inputs, value)
        return value

    def row(self, key: str) -> Any:
        """A row of a cache on disk read (or written) by this rebuild or the previous one, or None."""
        found = self.rows.get(key)
        if found is not None:
            self._rows_used.add(key)
        return found

    def keep_row(self, key: str, value: Any) -> None:
        self.rows[key] = value
        self._rows_used.add(key)
