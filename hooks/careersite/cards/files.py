"""Card files: rendered once into a cache outside the site, in parallel, then copied into the site.

A card's file name carries the hash of what it shows, so a cached file is valid for as long as it
is whole: a rebuild renders only cards whose content changed, and cards the cache's manifest does
not vouch for.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from careersite.cards.draw import CardSpec
from careersite.cards.photos import PhotoSpec
from careersite.publish.cache import CacheFolder, ends_with
from careersite.publish.files import Placer, write_checked

Spec = CardSpec | PhotoSpec  # an image drawn into the cache, then copied into `spec.folder` of the site
CHUNK = 24  # cards per task: big enough to amortise the hand-over, small enough to balance the cores
JPEG_WHOLE = ends_with(b"\xff\xd9", start=b"\xff\xd8")


class CardFailure(Exception):
    """A card could not be drawn (a photo damaged after it was checked, a worker that died)."""

    def __init__(self, name: str, problem: str) -> None:
        self.name = name
        self.problem = problem
        super().__init__(f"{name}: {problem}")


def _render_into(cache_dir: str, specs: list[Spec]) -> list[tuple[str, str, str]]:
    """Render cards into the cache (atomically); return (file name, left-out characters, failure)
    per card: one card that cannot be drawn stops neither the worker nor the other cards."""
    results = []
    for spec in specs:
        try:
            data, missing = spec.render()
            write_checked(Path(cache_dir) / spec.file_name, data)
        except Exception as error:
            results.append((spec.file_name, "", str(error) or type(error).__name__))
            continue
        results.append((spec.file_name, "".join(sorted(missing)), ""))
    return results


def _watch_parent(parent: int) -> None:
    """In a worker: end when the build that started it is gone (killed), instead of drawing on."""

    def watch() -> None:
        while True:
            time.sleep(0.5)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:
                pass

    threading.Thread(target=watch, daemon=True).start()


@dataclass
class CardReport:
    rendered: int = 0  # cards
    reused: int = 0
    photos_rendered: int = 0  # copies of story photos
    photos_reused: int = 0
    render_seconds: float = 0.0
    missing: dict[str, str] = field(default_factory=dict)  # file name -> characters left out


class CardRenderer:
    """Starts rendering the cards a build needs as early as possible, and publishes them at the end."""

    def __init__(self, cache_dir: Path, workers: int | None = None) -> None:
        self.cache_dir = cache_dir
        self.workers = workers or os.cpu_count() or 1
        self.specs: dict[str, Spec] = {}
        self._futures: list[Future[list[tuple[str, str, str]]]] = []
        self.sizes: dict[str, int] = {}  # file name -> bytes, for the feeds' enclosures
        self._pool: ProcessPoolExecutor | None = None
        self._cache: CacheFolder | None = None
        self._failures: list[CardFailure] = []
        self._started = 0.0
        self.report = CardReport()

    def start(self, specs: list[Spec]) -> None:
        """Hand every card missing from the cache (or not whole) to the worker processes; return at once."""
        self._cache = CacheFolder(self.cache_dir, JPEG_WHOLE)
        self._started = time.perf_counter()
        self.specs = {spec.file_name: spec for spec in specs}
        todo = []
        for name, spec in self.specs.items():
            size = self._cache.size(name)
            if size is None:
                todo.append(spec)
            else:
                self.sizes[name] = size
        photos = sum(1 for spec in self.specs.values() if isinstance(spec, PhotoSpec))
        photos_todo = sum(1 for spec in todo if isinstance(spec, PhotoSpec))
        self.report.photos_rendered, self.report.photos_reused = photos_todo, photos - photos_todo
        self.report.rendered = len(todo) - photos_todo
        self.report.reused = len(self.specs) - photos - self.report.rendered
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
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("forkserver"),
            initializer=_watch_parent,
            initargs=(os.getpid(),),
        )
        for index in range(0, len(todo), CHUNK):
            self._futures.append(self._pool.submit(_render_into, str(self.cache_dir), todo[index : index + CHUNK]))

    def _collect(self, results: list[tuple[str, str, str]]) -> None:
        assert self._cache is not None
        for name, missing, failure in results:
            if failure:
                self._failures.append(CardFailure(name, failure))
                continue
            self.sizes[name] = self._cache.written(name)
            if missing:
                self.report.missing[name] = missing

    def finish(self, site_dir: Path, placer: Placer | None = None) -> CardReport:
        """Wait for the workers, put every card into `site_dir/cards/` (photos into `photos/`) with
        `placer` (copies, without one), and drop stale cache files."""
        assert self._cache is not None
        try:
            for future in self._futures:
                self._collect(future.result())
        except BrokenProcessPool as error:
            raise CardFailure("", str(error)) from None
        finally:
            if self._pool is not None:
                self._pool.shutdown(cancel_futures=True)
        if self._failures:
            raise self._failures[0]
        self.report.render_seconds = time.perf_counter() - self._started
        placer = placer or Placer(None, None, site_dir)
        for folder in {spec.folder for spec in self.specs.values()}:
            (site_dir / folder).mkdir(parents=True, exist_ok=True)
        source = f"{self.cache_dir}{os.sep}"
        for name, spec in self.specs.items():
            placer.put(source + name, f"{spec.folder}/{name}", name)
        self._cache.keep_only(self.specs)
        return self.report

    def cancel(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
