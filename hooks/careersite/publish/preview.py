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
        self.items = self.builds / "items"  # the item pages' folders, shared by the rebuilds (`link_items`)
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

    def link_items(self, site: Path, expected: dict[str, set[str]], rewritten: list[str]) -> dict[str, set[str]]:
        """Put the item pages' folders ("vacancies", "stories": the keys of `expected`) into the
        rebuild in `site` as links to one tree kept from rebuild to rebuild; return the entries
        each already holds.

        At 10,000 vacancies a new folder per rebuild meant 12,000 new folders and as many page
        files, and as many removed with the previous rebuild: seconds of the system's time in
        every rebuild. Kept, an unchanged page stays as it is (`Placer.put` keeps a file that is
        already the right cache file). `expected` names every entry the rebuild has in each
        folder (item folders, and the pages and files MkDocs writes there); anything else (a
        removed vacancy's folder) goes. Each of `rewritten` (paths MkDocs writes: rendered pages,
        copied files) is removed first, so that MkDocs writes a new file, never into one that is
        linked from the cache. MkDocs serves no page while it rebuilds: no one sees the tree
        between two states. Raises OSError where links cannot be made (the rebuild then makes
        its own folders)."""
        present: dict[str, set[str]] = {}
        linked: list[Path] = []
        try:
            for folder in expected:  # a folder may be one inside the site's (`delen/vacatures`)
                (self.items / folder).mkdir(parents=True, exist_ok=True)
                (site / folder).parent.mkdir(parents=True, exist_ok=True)
                os.symlink(self.items / folder, site / folder, target_is_directory=True)
                linked.append(site / folder)
        except OSError:
            for link in linked:  # all or none: the rebuild makes its own folders
                link.unlink()
            raise
        for folder, wanted in expected.items():
            tree = self.items / folder
            with os.scandir(tree) as entries:
                found = {entry.name: entry.is_dir(follow_symlinks=False) for entry in entries}
            for name, is_dir in found.items():
                if name not in wanted:
                    if is_dir:
                        shutil.rmtree(tree / name, ignore_errors=True)
                    else:
                        (tree / name).unlink(missing_ok=True)
            present[folder] = {name for name in found if name in wanted}
        for path in rewritten:
            with contextlib.suppress(FileNotFoundError, NotADirectoryError):
                os.unlink(site / path)
        return present

    def close(self) -> None:
        """Remove the link and every build; MkDocs then finds no folder of its own to remove."""
        if self.served.is_symlink():
            self.served.unlink()
        shutil.rmtree(self.builds, ignore_errors=True)
