"""What arrives with a pull request or a careless setting and attacks where the build writes: links
in place of the staging folder, the lock, the site and the cache; cache files that are pipes or
were changed. The build never writes through a link or outside the project, and never hangs."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from conftest import run_build
from test_author_errors import run_check


def _victim(folder: Path) -> Path:
    """A folder outside the project with a file that must survive."""
    folder.mkdir(parents=True)
    (folder / "keep.txt").write_text("not the build's\n")
    return folder


def test_links_where_the_build_writes_are_replaced_never_followed(site_copy: Path, tmp_path: Path) -> None:
    staging = _victim(tmp_path / "victim-staging")
    published = _victim(tmp_path / "victim-site")
    cards = _victim(tmp_path / "victim-cards")
    (site_copy / "site.partial").symlink_to(staging, target_is_directory=True)
    (site_copy / "site").symlink_to(published, target_is_directory=True)
    (site_copy / "site.partial-cards-1").symlink_to(cards, target_is_directory=True)
    build = run_build(site_copy)
    assert build.returncode == 0, build.output
    for victim in (staging, published, cards):
        assert [p.name for p in victim.iterdir()] == ["keep.txt"], victim
        assert (victim / "keep.txt").read_text() == "not the build's\n"
    site = site_copy / "site"
    assert site.is_dir() and not site.is_symlink()
    assert "Vacatures" in (site / "vacatures" / "index.html").read_text(encoding="utf-8")
    assert not os.path.lexists(site_copy / "site.partial")
    assert not any(site_copy.glob("site.partial-cards*"))


def test_a_link_in_place_of_the_lock_stops_the_build_and_truncates_nothing(site_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "authorized_keys"
    target.write_text("ssh-ed25519 AAAA… maintainer\n")
    (site_copy / ".careersite.lock").symlink_to(target)
    build = run_build(site_copy)
    assert build.returncode != 0
    assert ".careersite.lock is een link of geen gewoon bestand" in build.output
    assert "Traceback" not in build.output
    assert target.read_text() == "ssh-ed25519 AAAA… maintainer\n"
    assert not (site_copy / "site").exists()


def test_a_pipe_in_place_of_the_lock_is_refused_without_waiting(site_copy: Path) -> None:
    os.mkfifo(site_copy / ".careersite.lock")
    build = run_build(site_copy)  # run_build gives up after 10 minutes: waiting on the pipe fails the test
    assert build.returncode != 0 and ".careersite.lock is een link" in build.output


def test_control_characters_in_a_file_name_are_escaped_in_check_and_build_output(site_copy: Path) -> None:
    """A file name with terminal escapes reached `make check` and the build log raw: a fake green
    "OK" line in a CI log, or a line wiped with a carriage return."""
    source = (site_copy / "vacancies" / "ciso.md").read_text(encoding="utf-8")
    name = "\x1b[32mOK: 17 vacatures\x1b[0m\r\x1b[2K.md"
    (site_copy / "vacancies" / name).write_text(source, encoding="utf-8")
    check = run_check(site_copy)
    build = run_build(site_copy)
    for output in (check.stdout + check.stderr, build.output):
        assert "\x1b" not in output and "\r" not in output
        assert "vacancies/\\x1b[32mOK: 17 vacatures\\x1b[0m\\x0d\\x1b[2K.md:1:" in output
    assert check.returncode == 1 and build.returncode == 1


def _digest(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_pipes_and_links_in_place_of_cache_files_never_stop_or_change_it(site_copy: Path, tmp_path: Path) -> None:
    """A FIFO in place of a cache file made the build wait forever (7 of 11 cache files)."""
    first = run_build(site_copy)
    assert first.returncode == 0, first.output
    reference = _digest(site_copy / "site")
    cache = site_copy / ".cache"
    files = [p for p in cache.iterdir() if p.is_file()] + sorted((cache / "templates").glob("*"))[:3]
    assert len(files) >= 10, files
    outside = tmp_path / "outside"
    outside.write_bytes(b"not the cache's")
    for number, path in enumerate(files):
        path.unlink()
        if number % 2:
            path.symlink_to(outside)
        else:
            os.mkfifo(path)
    again = run_build(site_copy)  # gives up after 10 minutes: a wait on a pipe fails the test
    assert again.returncode == 0, again.output
    assert _digest(site_copy / "site") == reference
    assert outside.read_bytes() == b"not the cache's"


class _Runs:
    """A pickled value that runs a command when loaded, as a foreign cache file could."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (os.system, (f"touch {self.marker}",))


def test_a_kept_file_that_would_run_code_is_not_loaded(site_copy: Path, tmp_path: Path) -> None:
    """The caches were read with pickle.loads: a cache file from elsewhere (committed in a pull
    request, restored from a CI cache) could run any command. Now only plain values and the
    project's own types load; with a right checksum, the file is still ignored."""
    from careersite.content.sources import DocumentCache
    from careersite.publish import kept

    marker = tmp_path / "ran"
    first = run_build(site_copy)
    assert first.returncode == 0, first.output
    reference = _digest(site_copy / "site")
    path = site_copy / ".cache" / "documents.pickle"
    kept.save(path, f"documents {DocumentCache.VERSION}", {"x": _Runs(marker)})
    assert kept.load(path, f"documents {DocumentCache.VERSION}") is None and not marker.exists()
    again = run_build(site_copy)
    assert again.returncode == 0, again.output
    assert not marker.exists()
    assert _digest(site_copy / "site") == reference


def test_a_compiled_template_from_elsewhere_is_not_run(site_copy: Path, tmp_path: Path) -> None:
    """Jinja's cache of compiled templates is read with pickle and run: two files committed into
    .cache/templates/ ran a command in `make site`. Now each carries a keyed checksum."""
    from jinja2.bccache import bc_magic

    marker = tmp_path / "ran"
    first = run_build(site_copy)
    assert first.returncode == 0, first.output
    reference = _digest(site_copy / "site")
    templates = sorted((site_copy / ".cache" / "templates").iterdir())
    assert templates
    for path in templates:
        path.write_bytes(bc_magic + pickle.dumps(_Runs(marker)))  # Jinja's own layout, as an attacker writes it
    again = run_build(site_copy)
    assert again.returncode == 0, again.output
    assert not marker.exists()
    assert _digest(site_copy / "site") == reference


def test_a_kept_index_that_is_not_ours_never_hangs_the_build(site_copy: Path) -> None:
    """A 4 KB pages.sqlite3 with a recursive view named `entries` kept the build running forever."""
    import sqlite3

    first = run_build(site_copy)
    assert first.returncode == 0, first.output
    reference = _digest(site_copy / "site")
    for name in ("pages.sqlite3", "feeds-items.sqlite3"):
        path = site_copy / ".cache" / name
        path.unlink()
        with sqlite3.connect(path) as db:
            db.execute(
                "CREATE VIEW entries(name, data) AS WITH RECURSIVE c(x) AS "
                "(SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x, x FROM c"
            )
        db.close()
    again = run_build(site_copy)  # run_build gives up after 10 minutes
    assert again.returncode == 0, again.output
    assert _digest(site_copy / "site") == reference


def test_a_kept_file_nested_beyond_the_parser_is_missing_not_a_crash(site_copy: Path) -> None:
    """A kept JSON file of "[[[[…" stopped make check and the build with a RecursionError."""
    from careersite.publish import kept

    first = run_build(site_copy)
    assert first.returncode == 0, first.output
    path = site_copy / ".cache" / "photos.json"
    path.write_bytes(kept.framed("photo verdicts", b"[" * 100_000))  # even with a right checksum
    assert kept.load_json(path, "photo verdicts") is None
    check = run_check(site_copy)
    assert check.returncode == 0 and "Traceback" not in check.stderr, check.stderr
    assert run_build(site_copy).returncode == 0


def test_the_cache_s_temporary_files_are_never_written_through_a_link(tmp_path: Path) -> None:
    """write_atomic opened its temporary file `.name.<pid>` as it found it: links planted for the
    next process numbers had the cache's data written into another file."""
    from careersite.publish.files import write_atomic

    victim = tmp_path / "victim"
    victim.write_text("keep me")
    target = tmp_path / "published.json"
    (tmp_path / f".published.json.{os.getpid()}").symlink_to(victim)
    write_atomic(target, b"cache data")
    assert victim.read_text() == "keep me"
    assert target.read_bytes() == b"cache data" and not target.is_symlink()
