"""The engine's floors (README: Project layout): which folder of `hooks/careersite/` may import
which. A change that makes an import run back up fails here, naming the file and the import."""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parent.parent / "hooks" / "careersite"

# What each part may not import. content: what authors write, read and checked; rules: plain
# functions of it (no files written: they are given a store); pages: the values a page shows;
# cards: images. None of them knows the build, the site's configuration file or the scaffolding.
FORBIDDEN = {
    "content": {"config", "cards", "build", "site", "pages", "outputs", "scaffolding", "editor"},
    "rules": {"config", "cards", "build", "site", "pages", "outputs", "scaffolding", "editor", "publish", "content"},
    "i18n": {"config", "cards", "build", "site", "pages", "outputs", "scaffolding", "editor", "content", "rules"},
    "addresses": {"config", "cards", "build", "site", "pages", "outputs", "scaffolding", "editor", "content"},
    "cards": {"config", "build", "site", "pages", "outputs", "scaffolding", "editor"},
    "publish": {"config", "build", "site", "pages", "outputs", "scaffolding", "editor", "cards"},
    "pages": {"config", "build", "outputs", "scaffolding", "editor"},
    "outputs": {"config", "build", "scaffolding", "editor", "pages"},
    "offers": {"config", "build", "scaffolding", "editor", "pages", "outputs"},
    "site": {"config", "build", "pages", "outputs", "scaffolding", "editor"},
    "report": {"config", "build", "pages", "outputs", "scaffolding", "editor", "cards"},
    "history": {"config", "build", "site", "pages", "outputs", "scaffolding", "editor", "cards", "content"},
}


def imports(path: Path) -> set[str]:
    """The parts of the engine a module imports (`careersite.<part>…`), at any depth in the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "careersite" and len(parts) > 1:
                found.add(parts[1])
    return found


def test_no_import_runs_back_up() -> None:
    wrong = []
    for path in sorted(ENGINE.rglob("*.py")):
        relative = path.relative_to(ENGINE)
        part = relative.parts[0] if len(relative.parts) > 1 else relative.stem
        for name in sorted(imports(path) & FORBIDDEN.get(part, set())):
            wrong.append(f"{relative}: imports careersite.{name}")
    assert wrong == []


def test_the_check_sees_imports() -> None:
    """The check reads the imports it should: `build.py` imports the outputs and the pages."""
    assert {"outputs", "pages", "site"} <= imports(ENGINE / "build.py")
    assert "publish" in imports(ENGINE / "content" / "body.py")
