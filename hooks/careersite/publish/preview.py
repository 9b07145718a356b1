"""`make serve` without emptying the previous preview first.

MkDocs serves one folder and, before each rebuild, deletes everything in it: with thousands of
pages that alone takes a good part of the time between saving a file and seeing it. Instead, each
rebuild is written into a new folder beside it, and the served folder becomes a link to the newest
build once that build is written; older builds are removed in the background. At the end of
`make serve` the link and the builds are removed, as MkDocs removes its own folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from careersite.publish.swap import remove_later


class PreviewFolders:
    def __init__(self, served: Path) -> None:
        self.served = served  # the folder MkDocs created and serves
        self.builds = served.with_name(f"{served.name}.builds")
        self.count = 0

    def next(self) -> Path:
        """A new, empty folder for the next rebuild."""
        self.count += 1
        folder = self.builds / str(self.count)
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        return folder

    def show(self, folder: Path) -> None:
        """Serve `folder` from now on: the served path is swapped for a link to it in one step
        (a rename), and the builds shown before are removed in the background."""
        link = self.served.with_name(f"{self.served.name}.link")
        with contextlib.suppress(FileNotFoundError):
            link.unlink()
        link.symlink_to(folder, target_is_directory=True)
        if self.served.is_dir() and not self.served.is_symlink():
            shutil.rmtree(self.served)  # MkDocs' own folder, before the first build is shown
        os.replace(link, self.served)
        for old in self.builds.iterdir():
            if old != folder and old.name.isdigit():
                retired = old.with_name(f"old-{old.name}")
                os.replace(old, retired)
                remove_later(retired)

    def close(self) -> None:
        """Remove the link and every build; MkDocs then finds no folder of its own to remove."""
        if self.served.is_symlink():
            self.served.unlink()
        shutil.rmtree(self.builds, ignore_errors=True)
