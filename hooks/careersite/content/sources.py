"""Reading authors' files: text checked for pasted control characters, YAML read with limits, and
every value still knowing its line.

Everything an author can put in a file ends here as a value or as a `SourceProblem` with a line:
files in another encoding, characters pasted from Word, YAML that does not parse, YAML aliases
that would expand to gigabytes, nesting so deep that the parser would crash.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from careersite.publish import kept

MAX_FILE_BYTES = 1_000_000  # a vacancy, a story or a data file is a few kilobytes of text
MAX_NODES = 20_000  # values in one YAML document once its aliases are expanded
MAX_DEPTH = 32  # lists and blocks inside each other; front matter needs three or four
_FLOW_OPEN = re.compile(r"[\[{]")
_FLOW_CLOSE = re.compile(r"[\]}]")


class LineDict(dict):
    """A YAML mapping that remembers the line of each key (1-based, in the file)."""

    lines: dict[Any, int]
    duplicates: list[tuple[Any, int]]


def line_dict() -> LineDict:
    mapping = LineDict()
    mapping.lines, mapping.duplicates = {}, []
    return mapping


class BadDate(str):
    """A value written as a date that does not exist (2027-02-30): kept as the author's text."""


class SourceProblem(Exception):
    """A file, or part of it, cannot be read. `kind` names the message; `line` is 1-based in the file."""

    def __init__(self, kind: str, line: int = 1, detail: str = "") -> None:
        self.kind = kind
        self.line = line
        self.detail = detail
        super().__init__(f"line {line}: {kind} {detail}")


# Kept for callers that think of it as a syntax error: every YAML problem is a SourceProblem.
YamlSyntaxError = SourceProblem


@dataclass(frozen=True)
class Stray:
    """A character that must not be in an author's text (a control character pasted from Word)."""

    line: int
    char: str

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"

    @property
    def name(self) -> str:
        code = ord(self.char)
        if code < 0x20:
            return _CONTROL_NAMES[code]
        return unicodedata.name(self.char, "CONTROL CHARACTER")


_CONTROL_NAMES = (
    "NULL",
    "START OF HEADING",
    "START OF TEXT",
    "END OF TEXT",
    "END OF TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "BELL",
    "BACKSPACE",
    "CHARACTER TABULATION",
    "LINE FEED",
    "LINE TABULATION",
    "FORM FEED",
    "CARRIAGE RETURN",
    "SHIFT OUT",
    "SHIFT IN",
    "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO",
    "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK",
    "CANCEL",
    "END OF MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "FILE SEPARATOR",
    "GROUP SEPARATOR",
    "RECORD SEPARATOR",
    "UNIT SEPARATOR",
)


# Line and page breaks that YAML and Markdown do not know: Word's manual line break (\v), its page
# break (\f), and Unicode's line and paragraph separators.
_AS_SPACE = {"\x0b": " ", "\x0c": " ", "\x85": " ", "\u2028": " ", "\u2029": " "}
# Invisible characters that Word and web pages paste along and that mean nothing in running text.
# In fields they stay until the field is read, so that a value of only these is reported as such.
_DROP = {"\ufeff": "", "\u200b": "", "\u2060": "", "\u180e": ""}
_HARMLESS = str.maketrans({**_DROP, **_AS_SPACE})
_BREAKS = str.maketrans(_AS_SPACE)
# Characters reported wherever they are (control characters, direction overrides, the replacement
# character of a broken encoding): in a file as read, and in a value once its YAML escapes are read.
REPORTED_CHARACTERS = _REPORTED = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ufffd\ufffe\uffff]"
)


def decode(data: bytes) -> str:
    """The text of a file saved as UTF-8 (with or without a byte-order mark), with its line ends
    made "\\n"; another encoding is a `SourceProblem` that names the line of the first odd byte."""
    if len(data) > MAX_FILE_BYTES:
        raise SourceProblem("too_large", 1, str(len(data)))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceProblem("utf16")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SourceProblem("encoding", line) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean(text: str, first_line: int = 1, drop_invisible: bool = True) -> tuple[str, list[Stray]]:
    """`text` without the harmless invisible characters (dropped, or made spaces) and without the
    control characters that must be reported, which are returned with their lines, once per line."""
    text = text.translate(_HARMLESS if drop_invisible else _BREAKS)
    strays = []
    if _REPORTED.search(text):
        for number, line in enumerate(text.split("\n"), first_line):
            strays += [Stray(number, char) for char in dict.fromkeys(_REPORTED.findall(line))]
        text = _REPORTED.sub("", text)
    return text, strays


def _loader(line_offset: int, config: bool) -> type[yaml.SafeLoader]:
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: a thousand files are read per build

    class Loader(base):  # type: ignore[valid-type,misc]
        pass

    if config:
        # The site configuration as MkDocs reads it: !ENV from the environment; its other tags
        # (!relative, !!python/name:…) name things only MkDocs resolves, and no setting of ours.
        from yaml_env_tag import construct_env_tag

        Loader.add_constructor("!ENV", construct_env_tag)
        Loader.add_multi_constructor("", lambda loader, suffix, node: None)

    def construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
        loader.flatten_mapping(node)
        mapping = line_dict()
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1 + line_offset
            try:
                hash(key)
            except TypeError:
                raise SourceProblem("yaml_key", line) from None
            if key in mapping.lines:
                mapping.duplicates.append((key, line))
            mapping[key] = loader.construct_object(value_node, deep=True)
            mapping.lines[key] = line
        return mapping

    def construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
        try:
            return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
        except (ValueError, OverflowError):
            return BadDate(node.value)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", construct_timestamp)
    return Loader


_LOADERS: dict[tuple[int, bool], type[yaml.SafeLoader]] = {}


def _check_flow_depth(text: str, line_offset: int) -> None:
    """Refuse deeply nested [ and { before libyaml sees them: it recurses per level and can crash
    the whole process. Brackets inside text only make the count higher, never lower."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    depth = 0
    for number, line in enumerate(text.split("\n"), 1):
        for match in re.finditer(r"[\[{\]}]", line):
            depth += 1 if _FLOW_OPEN.match(match.group()) else -1 if depth else 0
            if depth > MAX_DEPTH:
                raise SourceProblem("yaml_depth", number + line_offset)


def _check_size(node: yaml.Node, line_offset: int) -> None:
    """Refuse a document whose aliases expand to more than MAX_NODES values (a "billion laughs"
    bomb is a few lines that expand to billions), or that refers to itself, or nests too deep."""
    sizes: dict[int, int] = {}
    depths: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    active: set[int] = set()
    while stack:
        current, done = stack.pop()
        key = id(current)
        children = _children(current)
        if done:
            active.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in children)
            depths[key] = 1 + max((depths[id(c)] for c in children), default=0)
            line = current.start_mark.line + 1 + line_offset
            if sizes[key] > MAX_NODES:
                raise SourceProblem("yaml_aliases", line)
            if depths[key] > MAX_DEPTH:
                raise SourceProblem("yaml_depth", line)
            continue
        if key in sizes:
            continue
        if key in active:
            raise SourceProblem("yaml_aliases", current.start_mark.line + 1 + line_offset)
        active.add(key)
        stack.append((current, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def load_yaml(text: str, line_offset: int = 0, config: bool = False) -> Any:
    """Parse YAML into plain values whose mappings are `LineDict`s; raise `SourceProblem`.
    `config` reads a site configuration, with MkDocs' tags."""
    _check_flow_depth(text, line_offset)
    if (line_offset, config) not in _LOADERS:
        _LOADERS[line_offset, config] = _loader(line_offset, config)
    loader = _LOADERS[line_offset, config](text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_size(node, line_offset)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + line_offset) if mark else line_offset + 1
        raise SourceProblem("yaml", line, str(error.problem or error.context)) from None
    except yaml.YAMLError as error:
        raise SourceProblem("yaml", line_offset + 1, str(error)) from None
    except RecursionError:
        raise SourceProblem("yaml_depth", line_offset + 1) from None
    finally:
        loader.dispose()


def read_yaml_file(path: Path, config: bool = False) -> tuple[Any, list[Stray]]:
    """A data file's values, and the stray characters found (already removed from the values)."""
    text, strays = clean(decode(path.read_bytes()))
    return load_yaml(text, config=config), strays


@dataclass(frozen=True)
class Document:
    """A Markdown file split into its front matter and its body."""

    path: Path
    front_matter: LineDict
    body: str
    body_line: int = 1  # the line of the file on which the body starts
    strays: tuple[Stray, ...] = ()
    second_block: int = 0  # the line of a second front-matter block at the top of the body, if any


class FrontMatterMissing(SourceProblem):
    """The file does not start with a `---` line, or the front matter is never closed."""

    def __init__(self, where: str) -> None:
        super().__init__(f"front_matter_{where}", 1)


def read_document(path: Path) -> Document:
    """Split a Markdown file with YAML front matter between `---` lines into its parts."""
    text = decode(path.read_bytes())
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise FrontMatterMissing("start")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise FrontMatterMissing("end")
    head, head_strays = clean("\n".join(lines[1:end]), first_line=2, drop_invisible=False)
    # A soft hyphen is invisible in a field but ends up on cards and in feeds: drop it there.
    head = head.replace("\u00ad", "")
    data = load_yaml(head, line_offset=1)
    if data is None:
        data = line_dict()
    if not isinstance(data, LineDict):
        raise SourceProblem("front_matter_shape", 2)
    body, body_strays = clean("\n".join(lines[end + 1 :]), first_line=end + 2)
    return Document(path, data, body, end + 2, tuple(head_strays + body_strays), _second_block(body, end + 2))


def _second_block(body: str, first_line: int) -> int:
    """The line of a block of `field: value` lines between `---` lines at the top of the body
    (two front matters, e.g. after pasting one file into another), or 0."""
    lines = body.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or lines[start].strip() != "---":
        return 0
    end = next((i for i in range(start + 1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return 0
    try:
        data = load_yaml("\n".join(lines[start + 1 : end]))
    except SourceProblem:
        return 0
    return first_line + start + 1 if isinstance(data, dict) else 0


class DocumentCache:
    """Parsed documents kept between builds, keyed by path, size and modification time, so that a
    rebuild parses only the files that changed. A damaged or foreign cache file is ignored."""

    VERSION = 3

    def __init__(self, path: Path | None) -> None:
        self.path = path
        # path -> (size, modification time, front matter, body, body line, strays, second block):
        # plain values, quick to unpickle
        self.entries: dict[str, tuple[Any, ...]] = {}
        self.used: set[str] = set()
        self.changed = False
        self.rebuilds = False  # kept in memory for the next rebuild of the same process
        self.saved = False  # by an earlier rebuild
        if path:
            self.entries = _valid_entries(path)

    @classmethod
    def open(cls, path: Path, rebuilds: bool = False) -> DocumentCache:
        """The cache in `path`. With `rebuilds` (the preview, which rebuilds on every save), the
        documents stay in memory from one rebuild to the next, and the file is read and written
        by the first rebuild only: at 10,000 vacancies that is 0.7 s of every later rebuild, for
        one document that changed. A document is trusted by its size and time either way, so a
        file edited after the file was written is parsed again by the next build."""
        cache = _open_caches.get(path) if rebuilds else None
        if cache is None:
            cache = cls(path)
            cache.rebuilds = rebuilds
            if rebuilds:
                _open_caches[path] = cache
        cache.used, cache.changed = set(), False
        return cache

    def read(self, path: Path) -> Document:
        key = str(path)
        stat = os.stat(key)
        self.used.add(key)
        cached = self.entries.get(key)
        if cached and cached[0] == stat.st_size and cached[1] == stat.st_mtime_ns:
            return Document(path, *cached[2:])
        document = read_document(path)
        self.entries[key] = (
            stat.st_size,
            stat.st_mtime_ns,
            document.front_matter,
            document.body,
            document.body_line,
            document.strays,
            document.second_block,
        )
        self.changed = True
        return document

    def save(self) -> None:
        """Write the cache when a file was parsed anew or one is gone; a cache that cannot be
        written (a full disk, a read-only folder) only makes the next build slower."""
        gone = set(self.entries) - self.used
        if self.saved:  # a later rebuild of the preview: in memory only
            for key in gone:
                del self.entries[key]
            return
        self.saved = self.rebuilds
        if not self.path or not (self.changed or gone):
            return
        entries = {key: entry for key, entry in self.entries.items() if key in self.used}
        kept.save(self.path, f"documents {self.VERSION}", entries)


_open_caches: dict[Path, DocumentCache] = {}  # the preview's, kept from one rebuild to the next


def _valid_entries(path: Path) -> dict[str, tuple[Any, ...]]:
    """The entries of a cache file, or none when the file is damaged, of another version, or of
    another shape: a cache must never decide what a build shows."""
    entries = kept.load(path, f"documents {DocumentCache.VERSION}", kept.allowing(LineDict, Stray))
    if not isinstance(entries, dict):
        return {}
    for key, entry in entries.items():
        if not (
            isinstance(key, str)
            and isinstance(entry, tuple)
            and len(entry) == 7
            and isinstance(entry[0], int)
            and isinstance(entry[1], int)
            and isinstance(entry[2], LineDict)
            and isinstance(entry[3], str)
            and isinstance(entry[4], int)
            and isinstance(entry[5], tuple)
            and all(isinstance(stray, Stray) for stray in entry[5])
            and isinstance(entry[6], int)
        ):
            return {}
    return entries
