"""Shared fixtures: copies of the example site, built with a pinned "today"."""

from __future__ import annotations

import atexit
import compileall
import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import buildserver
import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
# The example site the tests build: the repository's own content while it is the example, and the
# copy `make new-site` keeps in tests/example/ once the repository is an organisation's own site
# (its content is then guarded by `make check`, not by these tests).
EXAMPLE = ROOT / "tests" / "example" if (ROOT / "tests" / "example" / "mkdocs.yml").is_file() else ROOT
TODAY = "2026-12-01"  # pinned build date for the example site
# The browser's clock in tests that open the built example (tests/a11y/*.js): noon of that day in
# the example's zone, so that no page closes itself because the real date has moved on.
BROWSER_NOW = f"{TODAY}T12:00:00+01:00"


def browse(served: str, check: str, *args: str, timeout: int = 120) -> Any:
    """What `tests/a11y/browse.js` found for `check` on the site at `served`, with the browser's
    clock at the pinned day; a failed run fails the test with the script's own words."""
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "a11y" / "browse.js"), served, check, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=dict(os.environ, CAREERSITE_BROWSER_NOW=BROWSER_NOW),
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


CONTENT = ("mkdocs.yml", "content", "vacancies", "stories")  # from EXAMPLE
CODE = ("overrides", "hooks")  # from ROOT
COPIED = (*CONTENT, *CODE)


@dataclass
class Build:
    folder: Path
    returncode: int
    output: str

    @property
    def site(self) -> Path:
        return self.folder / "site"

    def html(self, path: str) -> BeautifulSoup:
        return BeautifulSoup((self.site / path).read_text(encoding="utf-8"), "html.parser")


# The engine's modules compiled once, and their bytecode copied with `hooks` into each site a test
# builds: each build is a new process, which would otherwise compile the 60 modules from source
# (0.08 s a build; more where PYTHONDONTWRITEBYTECODE is set, as on CI machines). py_compile writes
# whatever that variable says; the copies keep the sources' times, so the bytecode stays valid.
compileall.compile_dir(ROOT / "hooks", quiet=1)


def copy_example(target: Path, *extra: str) -> Path:
    """A copy of the example site that a test may change, with the `extra` files and folders of
    the repository (`.github`, `Makefile`) a test needs besides."""
    target.mkdir(parents=True, exist_ok=True)
    for name in (*COPIED, *extra):
        # The example's own deploy workflows too, when new-site kept them (the team's name its zone).
        kept = EXAMPLE / name
        source = kept if name in CONTENT or (EXAMPLE != ROOT and kept.exists()) else ROOT / name
        if source.is_dir():
            skipped = () if name == "hooks" else ("__pycache__",)
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns(*skipped))
        else:
            shutil.copy(source, target / name)
    return target


# The example's cards and photo copies, drawn once per test process and copied into the cache of
# each copy a test builds (`run_build`): drawing them takes most of a cold build (2.5 of 3.8 s),
# and the card cache takes a card only by its content's hash, so a test that changes an item still
# gets that item's card drawn anew. Tests of the card cache itself build with `cards=False`.
_seed: Build | None = None


def _seed_build() -> Build:
    """The example built once per test process (cold: its cards drawn), in a folder of its own:
    the `example` fixture, and the card cache every other build starts from."""
    global _seed
    if _seed is None:
        folder = copy_example(Path(tempfile.mkdtemp(prefix="careersite-example-")))
        atexit.register(shutil.rmtree, folder, True)
        _seed = run_build(folder, cards=False)
    return _seed


# What the seed build keeps that is keyed by content alone, like the cards: the text check's
# verdicts (by a hash of the texts and rules) and the public holidays (by country, language and
# library version). Copied too, they spare each build a check of every vacancy and the holidays
# library's import; the tests of those stores build with `cards=False`.
SEEDED = ("cards", "wording.pickle", "holidays.pickle", "qr.pickle")


def _seeded_cache() -> Path | None:
    seed = _seed_build()
    cache = seed.folder / ".cache"
    return cache if seed.returncode == 0 and (cache / "cards").is_dir() else None


def run_build(folder: Path, today: str = TODAY, cards: bool = True, **env: str) -> Build:
    """`mkdocs build` of `folder` on `today`. With `cards`, a folder without a cache gets the
    example's cards, verdicts and holidays (`SEEDED`): the build draws and checks only what its
    changes need."""
    if cards and not (folder / ".cache").exists() and (seed := _seeded_cache()) is not None:
        (folder / ".cache").mkdir(parents=True)
        for name in SEEDED:
            if (seed / name).is_dir():
                shutil.copytree(seed / name, folder / ".cache" / name)
            elif (seed / name).is_file():
                shutil.copy2(seed / name, folder / ".cache" / name)
    environment = dict(os.environ, CAREERSITE_TODAY=today, NO_MKDOCS_2_WARNING="1", **env)
    environment.pop("SOURCE_DATE_EPOCH", None)
    code, output = buildserver.build(folder, environment)
    return Build(folder, code, output)


def careersite(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The engine's command line (`python -m careersite …`) as the Makefile runs it, in `folder`,
    on the pinned day, without a terminal to ask in."""
    return subprocess.run(
        [sys.executable, "-m", "careersite", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={"PYTHONPATH": str(ROOT / "hooks"), "CAREERSITE_TODAY": TODAY, "PATH": "/usr/bin:/bin"},
    )


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture(scope="session")
def example() -> Build:
    """The example site, built once for the whole session (per test process): not to be changed."""
    build = _seed_build()
    assert build.returncode == 0, build.output
    return build


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "site-src")


@pytest.fixture
def builder() -> Callable[..., Build]:
    return run_build


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serving(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """`folder` on a local web server, as a browser reaches it; its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def served(example: Build) -> Iterator[str]:
    """The built example site on a local web server, as a browser reaches it; its address."""
    with serving(example.site) as address:
        yield address
