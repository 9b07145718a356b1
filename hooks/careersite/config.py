"""The site configuration file, read as MkDocs reads it but with the line of every setting."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from careersite.content.errors import ContentError, source_problem
from careersite.content.pages import template_names
from careersite.content.sources import LineDict, SourceProblem, read_yaml_file
from careersite.i18n import Translator
from careersite.site import Site, load_site


def read_config(path: Path) -> tuple[dict[str, Any], LineDict | None]:
    """The site configuration as values, and as read with its lines (None when it is not a mapping)."""
    data, _ = read_yaml_file(path, config=True)
    return (data, data) if isinstance(data, LineDict) else ({}, None)


def load(config_path: Path, environ: dict[str, str] | None = None, rebuilds: bool = False) -> Site:
    """The site as a build sees it, from the configuration file at `config_path` (`rebuilds`: as
    each rebuild of the preview sees it)."""
    try:
        config, lines = read_config(config_path)
    except SourceProblem as error:
        raise ContentError([source_problem(config_path.name, error, Translator("nl"), data=True)]) from None
    root = config_path.parent.resolve()
    return load_site(
        config.get("extra") or {},
        root=root,
        site_url=config.get("site_url") or "",
        config_path=config_path.name,
        docs_dir=root / str(config.get("docs_dir") or "docs"),
        lines=lines,
        environ=environ,
        markdown=config.get("markdown_extensions") or [],
        templates=template_names(_template_folders(config, root)),
        rebuilds=rebuilds,
        site_dir=root / str(config.get("site_dir") or "site"),
        theme_dir=_custom_dir(config, root),
        directory_urls=config.get("use_directory_urls", True) is not False,
    )


def _custom_dir(config: dict[str, Any], root: Path) -> Path | None:
    theme = config.get("theme") or {}
    return root / str(theme["custom_dir"]) if isinstance(theme, dict) and theme.get("custom_dir") else None


def _template_folders(config: dict[str, Any], root: Path) -> list[Path]:
    """Where the theme's templates are: the site's own overrides, then Material's."""
    theme = config.get("theme") or {}
    folders = []
    if isinstance(theme, dict) and theme.get("custom_dir"):
        folders.append(root / str(theme["custom_dir"]))
    spec = importlib.util.find_spec("material")
    if spec and spec.origin:
        folders.append(Path(spec.origin).parent / "templates")
    return folders
