"""`mkdocs build` for the tests, forked from a process that has already imported MkDocs, Material
and the libraries the engine uses (multiprocessing's fork server): a test process builds the
example some hundreds of times, and each new interpreter would import them again (0.2 s of a
0.6 s warm build).

Each build is still a process of its own, as `python -m mkdocs build` is: its environment, working
folder and exit code are its own, its output goes to files, and the engine (`hooks/`) is imported
fresh from the site's own copy, never kept in the server. Only third-party modules are preloaded.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
from pathlib import Path

# Imported once in the fork server, before any build: libraries only, never the engine.
PRELOAD = [
    "mkdocs.__main__",
    "mkdocs.commands.build",
    "mkdocs.config.defaults",
    "mkdocs.structure.files",
    "mkdocs.structure.pages",
    "material.plugins.search.plugin",
    "markdown",
    "pymdownx.superfences",
    "babel.dates",
    "babel.numbers",
    "babel.lists",
    "PIL.Image",
    "PIL.ImageDraw",
    "PIL.ImageFont",
    "phonenumbers",
    "yaml",
    "jinja2",
    "feedgen.feed",
    "pyphen",
    "markupsafe",
]

_context: multiprocessing.context.ForkServerContext | None = None


def _build(folder: str, environment: dict[str, str], out: str, err: str) -> None:
    """In the forked child: `mkdocs build -f <folder>/mkdocs.yml` in `folder`, as the command line
    runs it, with stdout and stderr in the two files; the exit code is the child's."""
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        os.dup2(stdout.fileno(), 1)
        os.dup2(stderr.fileno(), 2)
    os.environ.clear()
    os.environ.update(environment)
    os.chdir(folder)
    sys.argv = [os.path.join(os.path.dirname(sys.executable), "mkdocs"), "build", "-f", f"{folder}/mkdocs.yml"]
    from mkdocs.__main__ import cli

    code = 0
    try:
        cli.main(args=sys.argv[1:], prog_name="mkdocs", standalone_mode=True)
    except SystemExit as done:  # as the interpreter ends on it: a message is printed, exit code 1
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if not isinstance(done.code, int | None):
            print(done.code, file=sys.stderr)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


def build(folder: Path, environment: dict[str, str], timeout: float = 600) -> tuple[int, str]:
    """The exit code and the output (stdout, then stderr) of a build of `folder`."""
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload([*PRELOAD, "buildserver"])
    with tempfile.TemporaryDirectory(prefix="careersite-build-") as outputs:
        out, err = Path(outputs, "stdout"), Path(outputs, "stderr")
        child = _context.Process(target=_build, args=(str(folder), environment, str(out), str(err)))
        child.start()
        child.join(timeout)
        if child.exitcode is None:
            child.kill()
            child.join()
        output = out.read_text(encoding="utf-8", errors="replace") + err.read_text(encoding="utf-8", errors="replace")
    return (child.exitcode if child.exitcode is not None else -9), output
