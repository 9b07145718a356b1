"""`make publish`: the deploy workflows' build, which never leaves the site stale.

A nightly build exists to close what closes today. When the content has a mistake (one an author
saved through the web editor at night, say), a plain build stops, nothing is deployed, and every
vacancy that closes stays open in the listings, feeds and jobs.json until someone notices.

So: check and build the content as it is. When that works, remember the commit as the last good
one (in `.cache/`, which the workflows keep between runs). When it does not, build the last good
commit's content and code instead, as of today (its vacancies close on time, nothing new appears),
into `site/`, and say so: the workflow then deploys that site and fails visibly, opening an issue
until a build of the current content works again. Without a last good commit (a first run, an
emptied cache) nothing is built and the live site stays as it was.

The outcome is one word, written to `--status` when given (the workflow's step output):
`built` (the current content), `fallback` (the last good content), or `failed` (nothing).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from careersite.publish.files import clear_path

LAST_GOOD = "last-good-commit"  # in the cache folder: the commit whose content last built
EXIT_FALLBACK = 3  # the last good content was built: deploy it, and say that the current content fails


def _run(command: list[str], cwd: Path) -> int:
    """A command whose output goes where this command's goes, as the workflow's log shows it."""
    return subprocess.run(command, cwd=cwd, env=dict(os.environ, NO_MKDOCS_2_WARNING="1")).returncode


def _git(root: Path, *args: str) -> str | None:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else None


def build(root: Path, config: Path) -> bool:
    """`make check`, then `make site`, of the content as it is."""
    python = sys.executable
    if _run([python, "-m", "careersite", "check", str(config)], root) != 0:
        return False
    return _run([python, "-m", "mkdocs", "build", "-f", str(config)], root) == 0


def publish(root: Path, config: Path, cache: Path, status: Path | None = None) -> int:
    """Build the site for deploying; the exit code (0, EXIT_FALLBACK or 1) and `status` say how."""
    kept = cache / LAST_GOOD
    head = _git(root, "rev-parse", "HEAD")
    if build(root, config):
        if head:
            cache.mkdir(parents=True, exist_ok=True)
            kept.write_text(head + "\n", encoding="ascii")
        return _done(status, "built", 0)
    good = kept.read_text(encoding="ascii").strip() if kept.is_file() and not kept.is_symlink() else ""
    if not good or good == head or _git(root, "cat-file", "-e", f"{good}^{{commit}}") is None:
        print(
            "The content has mistakes (above) and no earlier commit is known to build: nothing was built, "
            "the live site stays as it was.",
            file=sys.stderr,
        )
        return _done(status, "failed", 1)
    print(
        f"The content has mistakes (above). Building the last content that built, commit {good[:12]}, as of "
        "today, so that what closes today closes on the site. Fix the mistakes: the next build publishes "
        "the current content again.",
        file=sys.stderr,
    )
    with tempfile.TemporaryDirectory(prefix="last-good-") as temporary:
        worktree = Path(temporary) / "site"
        if _git(root, "worktree", "add", "--detach", str(worktree), good) is None:
            return _done(status, "failed", 1)
        try:
            if cache.is_dir():
                shutil.copytree(cache, worktree / cache.name, symlinks=True)  # cards and pages made already
            code = _run([sys.executable, "-m", "mkdocs", "build", "-f", str(worktree / config.name)], worktree)
            if code == 0:
                clear_path(root / "site")
                shutil.move(worktree / "site", root / "site")
        finally:
            _git(root, "worktree", "remove", "--force", str(worktree))
    if code != 0:
        return _done(status, "failed", 1)
    return _done(status, "fallback", EXIT_FALLBACK)


def _done(status: Path | None, word: str, code: int) -> int:
    if status is not None:
        with open(status, "a", encoding="utf-8") as out:
            out.write(f"status={word}\n")
    return code
