"""The published site is never broken, whatever the file system or the operating system does:
two builds at once, a build killed at any moment, a damaged cache, a full disk, a read-only folder."""

from __future__ import annotations

import hashlib
import os
import pickle
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from conftest import TODAY, Build, copy_example, edit, run_build
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
OTHER_DAY = "2027-01-04"  # a build on another day gives another site (statuses, dates, sitemap)


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def start_build(folder: Path, today: str = TODAY) -> subprocess.Popen[str]:
    environment = dict(os.environ, CAREERSITE_TODAY=today, NO_MKDOCS_2_WARNING="1")
    environment.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(folder / "mkdocs.yml")],
        cwd=folder,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # the build, its card workers and helpers share this session
        # Ctrl-C as in a terminal: a test run started in the background inherits SIGINT ignored,
        # and Python then never raises KeyboardInterrupt (the build went on and published).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def session_processes(session: int) -> list[int]:
    """Live (not zombie) processes of a session."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        state, sid = fields[0], int(fields[3])
        if sid == session and state != "Z":
            found.append(int(entry))
    return found


@pytest.fixture(scope="module")
def references(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """What a complete site looks like on each of the two days."""
    result = {}
    for day in (TODAY, OTHER_DAY):
        build = run_build(copy_example(tmp_path_factory.mktemp(f"ref-{day}")), today=day)
        assert build.returncode == 0, build.output
        result[day] = digest(build.site)
    assert result[TODAY] != result[OTHER_DAY]
    return result


def test_two_builds_at_once_publish_one_complete_site(site_copy: Path, references: dict[str, dict[str, str]]) -> None:
    first, second = start_build(site_copy), start_build(site_copy)
    outputs = [process.communicate(timeout=300)[0] for process in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, outputs
    assert any("Er draait al een build in deze map" in output for output in outputs), outputs
    assert digest(site_copy / "site") == references[TODAY]
    assert not (site_copy / "site.partial").exists()
    assert not any(site_copy.glob("site.partial-cards*"))


def test_a_killed_build_leaves_the_old_site_and_no_processes(
    site_copy: Path, references: dict[str, dict[str, str]]
) -> None:
    good = run_build(site_copy)
    assert good.returncode == 0, good.output
    shutil.rmtree(site_copy / ".cache")  # a cold cache: the card workers have work to do
    process = start_build(site_copy, today=OTHER_DAY)
    cards = site_copy / ".cache" / "cards"
    deadline = time.monotonic() + 60
    while not (cards.is_dir() and any(cards.iterdir())) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(session_processes(process.pid)) > 1, "the card workers did not start"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while session_processes(process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert session_processes(process.pid) == []
    assert digest(site_copy / "site") == references[TODAY]
    # The workers write the site's copies of new cards beside the staging folder: whatever a killed
    # build left there (and anything else found there) never reaches the next site.
    leftover = site_copy / "site.partial-cards-999999" / "cards"  # a killed build (its process id)
    leftover.mkdir(parents=True, exist_ok=True)
    (leftover / "left-behind.jpg").write_bytes(b"\xff\xd8 not a card")
    again = run_build(site_copy, today=OTHER_DAY)
    assert again.returncode == 0, again.output
    assert digest(site_copy / "site") == references[OTHER_DAY]
    assert not any(site_copy.glob("site.partial-cards*"))


def test_ctrl_c_publishes_nothing(site_copy: Path, references: dict[str, dict[str, str]]) -> None:
    assert run_build(site_copy).returncode == 0
    shutil.rmtree(site_copy / ".cache")
    process = start_build(site_copy, today=OTHER_DAY)
    # Pressed while the build works (its card workers drawing), not while Python is still starting:
    # there a KeyboardInterrupt can land inside multiprocessing's start-up, an interpreter matter.
    cards = site_copy / ".cache" / "cards"
    deadline = time.monotonic() + 60
    while not (cards.is_dir() and any(cards.iterdir())) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal sends it: to the build and its workers
    process.communicate(timeout=60)
    assert digest(site_copy / "site") == references[TODAY]
    time.sleep(1)
    assert session_processes(process.pid) == []


def test_builds_killed_at_any_moment_leave_a_complete_site(
    site_copy: Path, references: dict[str, dict[str, str]]
) -> None:
    assert run_build(site_copy).returncode == 0
    complete = [references[TODAY], references[OTHER_DAY]]
    randomness = random.Random(20261201)
    # A warm build of the example takes about 1.5 s here: kill moments spread over all of it.
    for attempt in range(10):
        day = (TODAY, OTHER_DAY)[attempt % 2]
        process = start_build(site_copy, today=day)
        time.sleep(randomness.uniform(0.2, 1.8))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        site = digest(site_copy / "site")
        assert site in complete, f"attempt {attempt}: {len(site)} files, not a complete site"
    final = run_build(site_copy, today=OTHER_DAY)
    assert final.returncode == 0, final.output
    assert digest(site_copy / "site") == references[OTHER_DAY]


def test_the_swap_never_leaves_a_moment_without_a_site(tmp_path: Path) -> None:
    from careersite.publish.swap import exchange, publish

    final = tmp_path / "site"
    final.mkdir()
    (final / "index.html").write_text("0")
    if not exchange(final, final):
        pytest.skip("this file system cannot exchange two folders atomically")
    missing = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            if not (final / "index.html").exists():
                missing.append(time.monotonic())

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for number in range(1, 301):
            staging = tmp_path / "site.partial"
            staging.mkdir()
            (staging / "index.html").write_text(str(number))
            retired = publish(staging, final)
            assert retired is not None
            shutil.rmtree(retired)
    finally:
        stop.set()
        thread.join()
    assert missing == []
    assert (final / "index.html").read_text() == "300"


@pytest.fixture
def fresh_built(site_copy: Path) -> tuple[Build, dict[str, str]]:
    """A site built in its own folder and its files' digests: for what depends on the files
    themselves (their storage, the live site's records of them), which a copy does not keep."""
    build = run_build(site_copy)
    assert build.returncode == 0, build.output
    return build, digest(build.site)


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Build]:
    """The example built once for this module at a place the damage tests build at again (the
    page cache's keys hold the site's folder), and a copy of it to start each test from."""
    place = tmp_path_factory.mktemp("damage") / "site"
    build = run_build(copy_example(place))
    assert build.returncode == 0, build.output
    kept = place.parent / "as-built"
    shutil.copytree(place, kept, symlinks=True)
    return place, kept, build


@pytest.fixture
def built(built_once: tuple[Path, Path, Build]) -> tuple[Build, dict[str, str]]:
    """A built site, with its cache as the build left it, and its files' digests, taken before
    any damage: the damage tests rebuild it and compare. A copy of the module's build, in the
    same folder, so that the rebuild reads the cache it damaged."""
    place, kept, build = built_once
    shutil.rmtree(place, ignore_errors=True)
    shutil.copytree(kept, place, symlinks=True)
    return Build(place, build.returncode, build.output), digest(place / "site")


def test_site_files_do_not_share_storage_with_the_cache(fresh_built: tuple[Build, dict[str, str]]) -> None:
    built, _ = fresh_built
    cache = built.folder / ".cache"
    for published in [*(built.site / "cards").iterdir(), *(built.site / "feeds").glob("*.xml")]:
        cached = [p for p in cache.rglob(published.name)] if published.parent.name == "cards" else []
        for source in cached:
            assert os.stat(source).st_ino != os.stat(published).st_ino
    card = next((cache / "cards").glob("vacancy-*.png"))
    published = built.site / "cards" / card.name
    before = published.read_bytes()
    with open(card, "r+b") as handle:
        handle.truncate(100)
    assert published.read_bytes() == before


def rebuild_matches(built: tuple[Build, dict[str, str]]) -> Build:
    """Rebuild after damage to the cache: the site is exactly what it was before the damage."""
    built, before = built
    again = run_build(built.folder)
    assert again.returncode == 0, again.output
    assert "Traceback" not in again.output
    assert digest(built.site) == before
    return again


@pytest.mark.parametrize(
    "xargs",
    [
        pytest.param(None, id="no-xargs"),
        pytest.param("#!/bin/sh\nexit 1\n", id="xargs-fails"),
        # Slow, and telling what it was given and when it is done.
        pytest.param(
            '#!/bin/sh\nsleep 1\ncat > "$LOG.in"\n/usr/bin/xargs "$@" < "$LOG.in"\n'
            'tr "\\0" "\\n" < "$LOG.in" > "$LOG"\necho >> "$LOG"\necho done >> "$LOG"\n',
            id="xargs-slow",
        ),
    ],
)
def test_the_page_folders_made_beside_the_build_change_nothing(
    built: tuple[Build, dict[str, str]], tmp_path: Path, xargs: str | None
) -> None:
    """The item pages' folders are made by another process (`xargs mkdir`) while the build works
    out the pages, and the build waits for it. Without it, or when it fails or is slow, the site is
    the same."""
    tools = tmp_path / "bin"
    tools.mkdir()
    log = tmp_path / "xargs.log"
    if xargs is not None:
        (tools / "xargs").write_text(xargs)
        (tools / "xargs").chmod(0o755)
    slow = xargs is not None and "LOG" in xargs
    again = run_build(built[0].folder, PATH=f"{tools}:/usr/bin:/bin" if slow else str(tools), LOG=str(log))
    assert again.returncode == 0, again.output
    assert "Traceback" not in again.output
    assert digest(built[0].site) == built[1]
    if slow:  # it was given every item page's folder, and the build waited for it to finish
        *folders, end = log.read_text().splitlines()  # the list ends without a line end: `echo` adds one
        assert end == "done"
        site = built[0].site
        pages = {
            str(p.parent.relative_to(site))
            for kind in ("vacatures", "verhalen")
            for p in site.glob(f"{kind}/*/index.html")
        }
        assert sorted(folders) == sorted(pages) and len(pages) > 20


def test_the_feed_elements_of_an_earlier_version_are_removed(built: tuple[Build, dict[str, str]]) -> None:
    """Earlier versions kept every feed element in one pickle; the first build that makes a feed
    removes it and keeps the elements in SQLite instead."""
    cache = built[0].folder / ".cache"
    (cache / "feeds-items.pickle").write_bytes(pickle.dumps({"version": "1.0.0", "items": {"k": b"text"}}))
    shutil.rmtree(cache / "feeds")
    rebuild_matches(built)
    assert not (cache / "feeds-items.pickle").exists()
    assert (cache / "feeds-items.sqlite3").is_file()


def test_a_truncated_cached_card_is_drawn_again(built: tuple[Build, dict[str, str]]) -> None:
    folder = built[0].folder
    card = next((folder / ".cache/cards").glob("vacancy-ciso-*.png"))
    card.write_bytes(card.read_bytes()[:2000])
    again = rebuild_matches(built)
    assert "Cards: 1 rendered, 31 from the cache" in again.output
    with Image.open(folder / "site/cards" / card.name) as image:
        image.load()


def test_a_truncated_cached_photo_copy_is_made_again(built: tuple[Build, dict[str, str]]) -> None:
    """A WebP file has no end marker: its RIFF header's length tells a copy cut short."""
    folder = built[0].folder
    (folder / ".cache/cards.manifest.json").unlink()  # the files themselves are checked
    copy = next((folder / ".cache/cards").glob("wei-chen-400w-*.webp"))
    copy.write_bytes(copy.read_bytes()[:-10])
    again = rebuild_matches(built)
    assert re.search(r"photos: 1 resized, \d+ from the cache", again.output), again.output
    with Image.open(folder / "site/photos" / copy.name) as image:
        image.load()


def test_a_card_changed_in_place_is_drawn_again(built: tuple[Build, dict[str, str]]) -> None:
    folder = built[0].folder
    card = next((folder / ".cache/cards").glob("story-wei-chen-*.jpg"))
    data = bytearray(card.read_bytes())
    data[500:600] = bytes(100)
    card.write_bytes(bytes(data))
    rebuild_matches(built)


def test_cards_from_a_cache_without_manifest_are_checked(built: tuple[Build, dict[str, str]]) -> None:
    folder = built[0].folder
    (folder / ".cache/cards.manifest.json").unlink()
    card = next((folder / ".cache/cards").glob("home-*.png"))
    card.write_bytes(card.read_bytes()[:-100])
    again = rebuild_matches(built)
    assert "Cards: 1 rendered" in again.output


def test_a_truncated_cached_feed_is_made_again(built: tuple[Build, dict[str, str]]) -> None:
    folder = built[0].folder
    for feed in (folder / ".cache/feeds").glob("*.xml"):
        feed.write_bytes(feed.read_bytes()[:300])
    rebuild_matches(built)
    parsed = feedparser.parse((folder / "site/feeds/vacancies.xml").read_bytes())
    assert not parsed.bozo and parsed.entries


def test_the_preview_reads_its_documents_once_and_sees_every_edit(site_copy: Path) -> None:
    """`make serve` keeps the parsed documents in memory from one rebuild to the next (reading and
    writing all of them took 0.7 s of each rebuild at 10,000 vacancies); every edit still shows."""
    from careersite.config import load

    environ = {"CAREERSITE_TODAY": TODAY}
    config, cache = site_copy / "mkdocs.yml", site_copy / ".cache/documents.pickle"

    def titles(site) -> dict[str, str]:
        return {item.vacancy.slug: item.vacancy.title for item in site.vacancies}

    first = load(config, environ, rebuilds=True)
    written = cache.read_bytes()
    assert titles(first)["ciso"] == "Chief Information Security Officer (CISO)"
    edit(site_copy / "vacancies/ciso.md", "title: Chief Information Security Officer (CISO)", "title: CISO gezocht")
    (site_copy / "vacancies/stage-communicatie.md").unlink()
    second = load(config, environ, rebuilds=True)
    assert titles(second)["ciso"] == "CISO gezocht"
    assert titles(second).keys() == titles(first).keys() - {"stage-communicatie"}
    assert cache.read_bytes() == written, "a later rebuild of the preview does not write the file"
    # The next build reads the file, which lacks the edit: the file's size and time tell it apart.
    build = load(config, environ)
    assert titles(build) == titles(second)
    assert cache.read_bytes() != written


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda c: (c / "documents.pickle").write_bytes(b"\x80\x04garbage"), id="pickle-garbage"),
        pytest.param(
            lambda c: (c / "documents.pickle").write_bytes(pickle.dumps((3, {"x": "not an entry"}))),
            id="pickle-wrong-shape",
        ),
        pytest.param(lambda c: (c / "documents.pickle").write_bytes(pickle.dumps([1, 2, 3])), id="pickle-list"),
        pytest.param(lambda c: retype_front_matter(c / "documents.pickle"), id="pickle-front-matter-text"),
        pytest.param(lambda c: (c / "bodies.pickle").write_bytes(b"nonsense"), id="verdicts-garbage"),
        pytest.param(lambda c: (c / "cards.manifest.json").write_text("{not json"), id="manifest-garbage"),
        pytest.param(lambda c: (c / "cards.manifest.json").write_text('{"a": 1}'), id="manifest-shape"),
        pytest.param(
            lambda c: [p.write_bytes(b"garbage") for p in (c / "templates").iterdir()], id="templates-garbage"
        ),
        pytest.param(lambda c: [p.write_bytes(b"") for p in (c / "templates").iterdir()], id="templates-empty"),
        pytest.param(lambda c: (shutil.rmtree(c / "cards"), (c / "cards").write_text("x")), id="cards-a-file"),
        pytest.param(lambda c: (shutil.rmtree(c), c.write_text("x")), id="cache-a-file"),
        pytest.param(lambda c: (shutil.rmtree(c / "feeds"), (c / "feeds").symlink_to("/tmp")), id="feeds-a-link"),
        pytest.param(
            lambda c: (shutil.rmtree(c / "feeds"), (c / "feeds-items.sqlite3").write_bytes(b"SQLite format 3\0" * 90)),
            id="feed-items-garbage",
        ),
        pytest.param(
            lambda c: (shutil.rmtree(c / "feeds"), damage_rows(c / "feeds-items.sqlite3")), id="feed-items-rows"
        ),
        pytest.param(lambda c: (shutil.rmtree(c / "pages"), (c / "pages").write_text("x")), id="pages-a-file"),
        pytest.param(lambda c: [p.write_bytes(b"") for p in (c / "pages").iterdir()], id="pages-empty"),
        pytest.param(
            lambda c: (c / "pages.sqlite3").write_bytes(b"SQLite format 3\0" + b"garbage" * 500), id="index-garbage"
        ),
        pytest.param(lambda c: (c / "pages.sqlite3").write_bytes(b""), id="index-empty"),
        pytest.param(lambda c: (c / "holidays.pickle").write_bytes(b"\x80\x04garbage"), id="holidays-garbage"),
        pytest.param(
            lambda c: (c / "holidays.pickle").write_bytes(pickle.dumps({"key": "other", "years": {2027: {}}})),
            id="holidays-other-key",
        ),
        pytest.param(lambda c: ((c / "pages.sqlite3").unlink(), (c / "pages.sqlite3").mkdir()), id="index-a-folder"),
        pytest.param(lambda c: (c / "published.json").write_text("[1, 2"), id="published-garbage"),
    ],
)
def test_a_damaged_cache_is_detected_and_rebuilt(built: tuple[Build, dict[str, str]], damage) -> None:
    damage(built[0].folder / ".cache")
    rebuild_matches(built)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda record: [record.split()[0], *map(int, record.split()[1:])], id="earlier-shape"),
        pytest.param(lambda record: f"{record.split()[0]} 1 2 3", id="matching-no-file"),
    ],
)
def test_live_files_are_linked_only_on_a_record_that_matches(fresh_built: tuple[Build, dict[str, str]], change) -> None:
    """The next build links each unchanged file from the live site; a record that is not of this
    version's shape, or that matches no file, makes it copy the file instead, with the same site."""
    manifest = fresh_built[0].folder / ".cache/published.json"
    saved = manifest.read_bytes()
    linked = re.search(r"Files linked from the live site: (\d+)", run_build(fresh_built[0].folder).output)
    assert linked and int(linked[1]) > 30  # cards, photos, pages
    manifest.write_bytes(saved)
    rewrite_records(manifest, change)
    again = rebuild_matches(fresh_built)
    assert "Files linked from the live site: 0" in again.output


def damage_rows(path: Path) -> None:
    """Every kept feed element cut short, as a damaged disk might leave them: the feeds made
    next must not take them."""
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM entries").fetchone()[0] > 30
        db.execute("UPDATE entries SET data = substr(data, 1, 40)")
    db.close()


def rewrite_records(path: Path, change) -> None:
    """The live site's manifest with every record changed: to the list of an earlier version
    ([cache file, inode, size, time], true to the file), or to a record that matches no file."""
    from careersite.publish import kept

    records = kept.load_json(path, "published")  # rewritten with a right checksum: only the records are wrong
    assert records and all(isinstance(record, str) for record in records.values())
    kept.save_json(path, "published", {name: change(record) for name, record in records.items()})


def retype_front_matter(path: Path) -> None:
    """The document cache with every entry's front matter turned into text: the shape is right,
    the sizes and times match the files, but the values would crash a build that trusted them."""
    from careersite.content.sources import DocumentCache, LineDict, Stray
    from careersite.publish import kept

    purpose = f"documents {DocumentCache.VERSION}"  # written with a right checksum: only its values are wrong
    entries = kept.load(path, purpose, kept.allowing(LineDict, Stray))
    assert entries
    damaged = {key: (*entry[:2], "title: not a mapping", *entry[3:]) for key, entry in entries.items()}
    kept.save(path, purpose, damaged)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on a file system of its own (tmpfs), for a full disk and a read-only folder."""
    mount = tmp_path / "disk"
    mount.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", str(mount)], capture_output=True, text=True
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small file system here (needs root): {result.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_one_line_and_keeps_the_old_site(small_disk: Path) -> None:
    project = copy_example(small_disk / "project")
    assert run_build(project).returncode == 0
    before = digest(project / "site")
    free = shutil.disk_usage(small_disk).free
    (small_disk / "filler").write_bytes(bytes(free - 2_000_000))
    build = run_build(project, today=OTHER_DAY)
    assert build.returncode == 1
    assert "De schijf is vol" in build.output and "De vorige site is ongewijzigd" in build.output
    assert "Traceback" not in build.output
    assert digest(project / "site") == before
    assert not (project / "site.partial").exists()
    assert not any(project.glob("site.partial-cards*"))


def test_a_read_only_folder_is_one_line_and_keeps_the_old_site(small_disk: Path) -> None:
    project = copy_example(small_disk / "project")
    assert run_build(project).returncode == 0
    before = digest(project / "site")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    build = run_build(project, today=OTHER_DAY)
    assert build.returncode == 1
    assert "Er mag niet worden geschreven in" in build.output and "Traceback" not in build.output
    assert digest(project / "site") == before


@pytest.mark.parametrize("size", [0, 1, 65_537, 3 * 1024 * 1024 + 7])
def test_copy_file_copies_every_byte_into_a_file_of_its_own(tmp_path: Path, size: int) -> None:
    from careersite.publish.files import copy_file

    data = os.urandom(size)
    source, target = tmp_path / "card.jpg", tmp_path / "site-card.jpg"
    source.write_bytes(data)
    target.write_bytes(b"an older, longer file in the way" * 100)
    for _ in range(2):  # the second copy takes the path for a file system already known not to clone
        copy_file(str(source), str(target))
        assert target.read_bytes() == data
        assert os.stat(source).st_ino != os.stat(target).st_ino


def test_files_of_the_live_site_are_linked_only_while_they_are_unchanged(site_copy: Path) -> None:
    """A rebuild links unchanged cards, photos and pages from the live site instead of copying
    them; a file changed in place there (by hand) is copied anew from the cache, never passed on."""
    first = run_build(site_copy)
    reference = digest(first.site)
    second = run_build(site_copy)
    linked = int(re.search(r"Files linked from the live site: (\d+)", second.output)[1])
    cards = len(list((second.site / "cards").iterdir())) + len(list((second.site / "photos").iterdir()))
    pages = len(list((second.site / "vacatures").glob("*/index.html"))) + len(
        list((second.site / "verhalen").glob("*/index.html"))
    )
    shares = len(list((second.site / "delen").glob("*/*.html")))  # the share pages for colleagues
    closing = len(list((second.site / "ics").glob("*.ics")))  # the closing dates for candidates' calendars
    assert closing and linked == cards + pages + shares + closing, second.output
    card = next((second.site / "cards").glob("vacancy-ciso-*.png"))
    page = second.site / "vacatures/ciso/index.html"
    share_page = second.site / "delen/vacatures/ciso.html"
    for path in (card, page, share_page):
        with open(path, "r+b") as handle:  # in place: the same inode, as an editor or a script might
            handle.seek(0, os.SEEK_END)
            handle.write(b"<!-- changed by hand -->")
    third = run_build(site_copy)
    assert int(re.search(r"Files linked from the live site: (\d+)", third.output)[1]) == linked - 3
    assert digest(third.site) == reference
    cache = site_copy / ".cache"
    for published in [*(third.site / "cards").iterdir(), page]:
        assert all(os.stat(p).st_ino != os.stat(published).st_ino for p in cache.rglob("*") if p.is_file())
