"""Card files: rendered once into a cache outside the site, in parallel, then copied into the site.

A card's file name carries the hash of what it shows, so a cached file is valid for as long as it
is whole: a rebuild renders only cards whose content changed, and cards the cache's manifest does
not vouch for.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from careersite.cards.draw import CardSpec, StoryText
from careersite.cards.photos import PhotoSpec
from careersite.publish.cache import CacheFolder, ends_with, riff_whole
from careersite.publish.files import Placer, write_checked

Spec = CardSpec | PhotoSpec  # an image drawn into the cache, then copied into `spec.folder` of the site
CHUNK = 24  # cards per task: big enough to amortise the hand-over, small enough to balance the cores
JPEG_WHOLE = ends_with(b"\xff\xd9", start=b"\xff\xd8")
PNG_WHOLE = ends_with(b"IEND\xaeB`\x82", start=b"\x89PNG\r\n\x1a\n")
_WHOLE = {".png": PNG_WHOLE, ".webp": riff_whole}  # by file suffix; JPEG otherwise


def image_whole(path: Path) -> bool:
    """A cached card or photo copy runs from its format's first bytes to its last (not cut short)."""
    return _WHOLE.get(path.suffix, JPEG_WHOLE)(path)


class CardFailure(Exception):
    """A card could not be drawn (a photo damaged after it was checked, a worker that died)."""

    def __init__(self, name: str, problem: str) -> None:
        self.name = name
        self.problem = problem
        super().__init__(f"{name}: {problem}")


def _render_into(cache_dir: str, specs: list[Spec], copy_dir: str | None = None) -> list[tuple[str, str, str]]:
    """Render cards into the cache, and into `copy_dir/<folder>/` when given; return (file name,
    left-out characters, failure) per card: one card that cannot be drawn stops neither the worker
    nor the other cards."""
    results = []
    for spec in specs:
        try:
            data, missing = spec.render()
            write_checked(Path(cache_dir) / spec.file_name, data)
            if copy_dir is not None:
                with open(f"{copy_dir}{os.sep}{spec.folder}{os.sep}{spec.file_name}", "wb") as copy:
                    copy.write(data)
        except Exception as error:
            results.append((spec.file_name, "", str(error) or type(error).__name__))
            continue
        results.append((spec.file_name, "".join(sorted(missing)), ""))
    return results


def _photo_of(spec: Spec) -> str:
    """The photo a card or copy is drawn from ("" for one drawn from text and colours alone)."""
    if isinstance(spec, PhotoSpec):
        return spec.source
    return spec.text.photo if isinstance(spec.text, StoryText) else ""


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


def _link_folder(cache_dir: Path, target: Path) -> bool:
    """A preview's folder of cards or photos as a link to the cache, which holds every one of them
    (and a few a later rebuild no longer shows): one link instead of one per file, 21,500 at
    10,000 vacancies. False where that cannot be (a folder already there; no links on Windows)."""
    if os.path.lexists(target):
        return False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(cache_dir.resolve(), target, target_is_directory=True)
    except OSError:
        return False
    return True


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
        self._copy_dir: Path | None = None
        self._copied: set[str] = set()  # cards the workers also wrote into `_copy_dir`
        self.report = CardReport()

    def start(self, specs: list[Spec], copy_dir: Path | None = None) -> None:
        """Hand every card missing from the cache (or not whole) to the worker processes; return at once.

        With `copy_dir` (a new folder beside the site being built), the workers also write each
        card they draw into `copy_dir/<folder>/`, and `finish` moves those folders into the site:
        the build's own process then copies no new card (at 1,000 vacancies, 120 MB it copied
        while rendering pages). The site never shares a file with the cache."""
        self._cache = CacheFolder(self.cache_dir, image_whole)
        self._started = time.perf_counter()
        self.specs = {spec.file_name: spec for spec in specs}
        todo = []
        for name, spec in self.specs.items():
            size = self._cache.size(name)
            if size is None:
                todo.append(spec)
            else:
                self.sizes[name] = size
        # What is drawn from one photo (its copies, its story's cards) goes to one worker together,
        # which decodes the photo once for all of them.
        todo.sort(key=_photo_of)
        photos = sum(1 for spec in self.specs.values() if isinstance(spec, PhotoSpec))
        photos_todo = sum(1 for spec in todo if isinstance(spec, PhotoSpec))
        self.report.photos_rendered, self.report.photos_reused = photos_todo, photos - photos_todo
        self.report.rendered = len(todo) - photos_todo
        self.report.reused = len(self.specs) - photos - self.report.rendered
        copy = None
        if copy_dir is not None:
            self._copy_dir = copy_dir
            self.discard_copies()
            if todo:
                for folder in {spec.folder for spec in todo}:
                    (copy_dir / folder).mkdir(parents=True, exist_ok=True)
                copy = str(copy_dir)
        if not todo:
            return
        if self.workers == 1 or len(todo) <= CHUNK:
            self._collect(_render_into(str(self.cache_dir), todo, copy))
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
            chunk = todo[index : index + CHUNK]
            self._futures.append(self._pool.submit(_render_into, str(self.cache_dir), chunk, copy))

    def _collect(self, results: list[tuple[str, str, str]]) -> None:
        assert self._cache is not None
        for name, missing, failure in results:
            if failure:
                self._failures.append(CardFailure(name, failure))
                continue
            self.sizes[name] = self._cache.written(name)
            if self._copy_dir is not None:
                self._copied.add(name)
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
        linked = set()
        for folder in sorted({spec.folder for spec in self.specs.values()}):
            if placer.preview and _link_folder(self.cache_dir, site_dir / folder):
                linked.add(folder)
                continue
            self._move_copies(folder, site_dir / folder)
            (site_dir / folder).mkdir(parents=True, exist_ok=True)
        source = f"{self.cache_dir}{os.sep}"
        for name, spec in self.specs.items():
            if spec.folder in linked:
                continue
            if name in self._copied and os.path.isfile(f"{site_dir}{os.sep}{spec.folder}{os.sep}{name}"):
                placer.record(f"{spec.folder}/{name}", name)
            else:
                placer.put(source + name, f"{spec.folder}/{name}", name)
        self._cache.keep_only(self.specs)
        self.discard_copies()
        return self.report

    def _move_copies(self, folder: str, target: Path) -> None:
        """Put the workers' copies of one folder into the site: the folder itself (one rename)
        when the site has none yet, else file by file."""
        if self._copy_dir is None or not (self._copy_dir / folder).is_dir():
            return
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(self._copy_dir / folder, target)
            return
        for entry in os.scandir(self._copy_dir / folder):
            os.replace(entry.path, target / entry.name)

    def discard_copies(self) -> None:
        """Remove the folder of the workers' copies (all moved into the site, or a failed build's)."""
        if self._copy_dir is not None:
            shutil.rmtree(self._copy_dir, ignore_errors=True)

    def cancel(self) -> None:
        """Stop drawing: cards not yet handed out are dropped, and the workers finish the chunk in
        hand (a second or so) before the copies go, so that none of them writes after the build
        has ended and released its lock."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self.discard_copies()
