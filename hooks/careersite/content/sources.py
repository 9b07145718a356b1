"""Reading authors' YAML and front matter so that every value still knows its line."""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class LineDict(dict):
    """A YAML mapping that remembers the line of each key (1-based, in the file)."""

    lines: dict[Any, int]
    duplicates: list[tuple[Any, int]]


class YamlSyntaxError(Exception):
    """The text is not valid YAML; `line` is 1-based in the file."""

    def __init__(self, line: int, problem: str) -> None:
        self.line = line
        self.problem = problem
        super().__init__(f"line {line}: {problem}")


# libyaml's parser when PyYAML has it: front matter of a thousand files is read on every build.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _loader(line_offset: int) -> type[yaml.SafeLoader]:
    class Loader(_BASE_LOADER):  # type: ignore[valid-type,misc]
        pass

    def construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
        loader.flatten_mapping(node)
        mapping = LineDict()
        mapping.lines = {}
        mapping.duplicates = []
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1 + line_offset
            if key in mapping.lines:
                mapping.duplicates.append((key, line))
            mapping[key] = loader.construct_object(value_node, deep=True)
            mapping.lines[key] = line
        return mapping

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return Loader


def load_yaml(text: str, line_offset: int = 0) -> Any:
    """Parse YAML into plain values whose mappings are `LineDict`s."""
    try:
        return yaml.load(text, Loader=_loader(line_offset))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + line_offset) if mark else line_offset + 1
        raise YamlSyntaxError(line, str(error.problem or error.context)) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(line_offset + 1, str(error)) from None


@dataclass(frozen=True)
class Document:
    """A Markdown file split into its front matter and its body."""

    path: Path
    front_matter: LineDict
    body: str


class FrontMatterMissing(Exception):
    """The file does not start with a `---` line, or the front matter is never closed."""


def read_document(path: Path) -> Document:
    """Split a Markdown file with YAML front matter between `---` lines into its parts."""
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise FrontMatterMissing("start")
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            break
    else:
        raise FrontMatterMissing("end")
    data = load_yaml("".join(lines[1:index]), line_offset=1)
    if data is None:
        data = LineDict()
        data.lines, data.duplicates = {}, []
    if not isinstance(data, LineDict):
        raise YamlSyntaxError(2, "the front matter must be a list of `field: value` lines")
    return Document(path, data, "".join(lines[index + 1 :]))


class DocumentCache:
    """Parsed documents kept between builds, keyed by path, size and modification time, so that a
    rebuild parses only the files that changed. A damaged or foreign cache file is ignored."""

    VERSION = 2

    def __init__(self, path: Path | None) -> None:
        self.path = path
        # path -> (size, modification time, front matter, body); plain values, quick to unpickle
        self.entries: dict[str, tuple[int, int, LineDict, str]] = {}
        self.used: set[str] = set()
        self.changed = False
        if path and path.is_file():
            try:
                version, entries = pickle.loads(path.read_bytes())
                if version == self.VERSION:
                    self.entries = entries
            except Exception:
                self.entries = {}

    def read(self, path: Path) -> Document:
        key = str(path)
        stat = os.stat(key)
        self.used.add(key)
        cached = self.entries.get(key)
        if cached and cached[0] == stat.st_size and cached[1] == stat.st_mtime_ns:
            return Document(path, cached[2], cached[3])
        document = read_document(path)
        self.entries[key] = (stat.st_size, stat.st_mtime_ns, document.front_matter, document.body)
        self.changed = True
        return document

    def save(self) -> None:
        """Write the cache when a file was parsed anew or one is gone."""
        if not self.path or not (self.changed or set(self.entries) - self.used):
            return
        kept = {key: entry for key, entry in self.entries.items() if key in self.used}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".partial")
        partial.write_bytes(pickle.dumps((self.VERSION, kept), protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(self.path)
