"""Rebuilds of `make serve` in one process, as MkDocs' live-reload server runs them, for the tests
of what a rebuild takes again from the previous one (`careersite.publish.memo`).

    python serve_rebuilds.py SITE STEPS.json OUT.json

STEPS is a list of steps; each changes the site's files (`edits`: [path, old, new]; `remove`:
[path]; `copy`: [source, target]; `write`: [path, base64 bytes]) and today's date (`today`), then
rebuilds. OUT gets, per step, the preview as it is served after the rebuild: every file's path and
SHA-256 (links followed, as the server follows them) and the build's log.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path


def served_files(folder: Path) -> dict[str, str]:
    """Every file's SHA-256; a gzip file's of what it holds (its header has the time it was
    written: MkDocs dates the sitemap by the build's day, which a preview of mistakes lacks)."""
    found = {}
    for parent, _, names in os.walk(folder, followlinks=True):
        for name in names:
            path = Path(parent) / name
            data = path.read_bytes()
            found[str(path.relative_to(folder))] = hashlib.sha256(
                gzip.decompress(data) if name.endswith(".gz") else data
            ).hexdigest()
    return found


def apply(site: Path, step: dict) -> None:
    for path, old, new in step.get("edits", []):
        text = (site / path).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        (site / path).write_text(text.replace(old, new, 1), encoding="utf-8")
    for path in step.get("remove", []):
        (site / path).unlink()
    for source, target in step.get("copy", []):
        shutil.copyfile(site / source, site / target)
    for path, data in step.get("write", []):
        (site / path).write_bytes(base64.b64decode(data))
    if "today" in step:
        os.environ["CAREERSITE_TODAY"] = step["today"]


def main() -> None:
    site, steps, out = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text()), Path(sys.argv[3])
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.chdir(site)
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    served = Path(tempfile.mkdtemp(prefix="serve-")) / "site"  # as `mkdocs serve` makes it
    served.mkdir()
    results = []
    first = None
    for step in steps:
        apply(site, step)
        config = load_config("mkdocs.yml", site_dir=str(served), dev_addr="127.0.0.1:8000")
        if first is None:  # once per server, as `mkdocs serve` does
            first = config
            config.plugins.on_startup(command="serve", dirty=False)
        log.seek(0)
        log.truncate()
        build(config, serve_url="http://127.0.0.1:8000/", dirty=False)
        results.append({"files": served_files(served), "log": log.getvalue()})
    assert first is not None
    first.plugins.on_shutdown()
    out.write_text(json.dumps(results), encoding="utf-8")


if __name__ == "__main__":
    main()
