"""Card files: rendered once into a cache outside the site, in parallel, then linked into the site.

A card's file name carries the hash of what it shows, so a cached file is valid for as long as it
exists: a rebuild renders only cards whose content changed.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from careersite.cards.draw import CardSpec, render
from careersite.publish.files import link_or_copy, write_atomic

CHUNK = 24  # cards per task: big enough to amortise the hand-over, small enough to balance the cores


def _render_into(cache_dir: str, specs: list[CardSpec]) -> list[tuple[str, int, str]]:
    """Render cards into the cache (atomically); return (file name, bytes, left-out characters) per card."""
    results = []
    for spec in specs:
        data, missing = render(spec)
        write_atomic(Path(cache_dir) / spec.file_name, data)
        results.append((spec.file_name, len(data), "".join(sorted(missing))))
    return results


@dataclass
class CardReport:
    rendered: int = 0
    reused: int = 0
    render_seconds: float = 0.0
    missing: dict[str, str] = field(default_factory=dict)  # file name -> characters left out


class CardRenderer:
    """Starts rendering the cards a build needs as early as possible, and publishes them at the end."""

    def __init__(self, cache_dir: Path, workers: int | None = None) -> None:
        self.cache_dir = cache_dir
        self.workers = workers or os.cpu_count() or 1
        self.specs: dict[str, CardSpec] = {}
        self._futures: list[Future[list[tuple[str, int, str]]]] = []
        self.sizes: dict[str, int] = {}  # file name -> bytes, for the feeds' enclosures
        self._pool: ProcessPoolExecutor | None = None
        self._started = 0.0
        self.report = CardReport()

    def start(self, specs: list[CardSpec]) -> None:
        """Hand every card missing from the cache to the worker processes; return at once."""
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        self._started = time.perf_counter()
        self.specs = {spec.file_name: spec for spec in specs}
        with os.scandir(self.cache_dir) as entries:
            cached = {entry.name: entry for entry in entries}
        todo = []
        for name, spec in self.specs.items():
            entry = cached.get(name)
            if entry is None:
                todo.append(spec)
            else:
                self.sizes[name] = entry.stat().st_size
        self.report.reused = len(self.specs) - len(todo)
        self.report.rendered = len(todo)
        if not todo:
            return
        if self.workers == 1 or len(todo) <= CHUNK:
            self._collect(_render_into(str(self.cache_dir), todo))
            return
        # Fresh worker processes (not forks of a build that holds all content): small and quick.
        # They import this package by name, so its folder must be on the path they start with.
        package_parent = str(Path(__file__).resolve().parents[2])
        if package_parent not in sys.path:
            sys.path.append(package_parent)
        self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("forkserver"))
        for index in range(0, len(todo), CHUNK):
            self._futures.append(self._pool.submit(_render_into, str(self.cache_dir), todo[index : index + CHUNK]))

    def _collect(self, results: list[tuple[str, int, str]]) -> None:
        for name, size, missing in results:
            self.sizes[name] = size
            if missing:
                self.report.missing[name] = missing

    def finish(self, site_dir: Path) -> CardReport:
        """Wait for the workers, link every card into `site_dir/cards/`, and drop stale cache files."""
        try:
            for future in self._futures:
                self._collect(future.result())
        finally:
            if self._pool is not None:
                self._pool.shutdown()
        self.report.render_seconds = time.perf_counter() - self._started
        target_dir = site_dir / "cards"
        target_dir.mkdir(parents=True, exist_ok=True)
        source, target = f"{self.cache_dir}{os.sep}", f"{target_dir}{os.sep}"
        for name in self.specs:
            link_or_copy(source + name, target + name)
        for stale in os.listdir(self.cache_dir):
            if stale not in self.specs:
                Path(source + stale).unlink(missing_ok=True)
        return self.report

    def cancel(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
