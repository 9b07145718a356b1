"""What the Markdown text of a page may contain, checked on the HTML it becomes.

Authors are trusted colleagues, but the site promises candidates no scripts of unknown origin, no
requests to other hosts (privacy, WCAG) and no forms that collect data. So the text of every page
may hold the HTML that Markdown writes and a small set of plain elements, and nothing that runs or
loads something: a `<script>`, an `on…=` attribute (also written with `{: … }`), a `javascript:`
link, an image, frame or script from another host, or a Mermaid diagram (Material fetches its
script from a CDN). Each is an error at its line, so the page is never published with it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from careersite.content.errors import Problem
from careersite.i18n import Translator
from careersite.publish import kept

# Elements that Markdown writes, and plain ones that authors may add by hand.
ALLOWED = frozenset(
    """a abbr address article aside b bdi blockquote br caption cite code col colgroup dd del details
    div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p picture pre q rp rt
    ruby s samp section small source span strong sub summary sup table tbody td tfoot th thead time tr
    u ul var wbr""".split()  # noqa: SIM905 - a list of words reads best as words
)
LINK_ATTRIBUTES = ("href", "cite")
RESOURCE_ATTRIBUTES = ("src", "srcset", "poster", "data", "background", "lowsrc", "xlink:href", "formaction")
LINK_SCHEMES = ("http", "https", "mailto", "tel")
POLICY_VERSION = "1"  # bump when the rules change, so that cached verdicts are checked again
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]+)", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
DEFAULT_EXTENSIONS = ("toc", "tables", "fenced_code")  # MkDocs always adds these


@dataclass(frozen=True)
class Finding:
    """Something in a page's HTML that the policy refuses: the message and what to look for in the
    Markdown source to find its line."""

    key: str  # error.body.<key>
    token: str  # text of the source that wrote it
    params: tuple[tuple[str, str], ...] = ()


def findings(html: str, own_host: str = "") -> list[Finding]:
    """Every element and attribute of `html` that the policy refuses, in document order."""
    import lxml.html  # imported here: a build whose verdicts are all cached never needs it

    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    found: list[Finding] = []
    skip: set[Any] = set()
    for element in root.iterdescendants():
        if not isinstance(element.tag, str) or element.getparent() in skip:
            if isinstance(element.tag, str):
                skip.add(element)
            continue
        name = element.tag.lower()
        if name not in ALLOWED:
            key = "script" if name == "script" else "element"
            found.append(Finding(key, f"<{name}", (("name", name),)))
            skip.add(element)
            continue
        found += _attributes(element, own_host)
    return found


def _attributes(element: Any, own_host: str) -> list[Finding]:
    found = []
    for attribute, value in element.attrib.items():
        attribute = attribute.lower()
        if attribute.startswith("on"):
            found.append(Finding("handler", attribute, (("name", attribute),)))
        elif attribute in LINK_ATTRIBUTES and not _safe_link(value):
            found.append(Finding("link", value.strip(), (("value", value.strip()),)))
        elif attribute in RESOURCE_ATTRIBUTES:
            urls = [part.split()[0] for part in value.split(",") if part.strip()] if attribute == "srcset" else [value]
            found += [_remote(url, own_host) for url in urls if _is_remote(url, own_host)]
        elif attribute == "style":
            found += [_remote(url, own_host) for url in _CSS_URL.findall(value) if _is_remote(url, own_host)]
        elif attribute == "class" and "mermaid" in value.lower().split():
            found.append(Finding("mermaid", "mermaid"))
    return found


def _scheme(url: str) -> str | None:
    match = _SCHEME.match(_INVISIBLE.sub("", url).lower())  # browsers ignore spaces and tabs in a scheme
    return match.group(1) if match else None


def _safe_link(url: str) -> bool:
    scheme = _scheme(url)
    return scheme is None or scheme in LINK_SCHEMES


def _is_remote(url: str, own_host: str) -> bool:
    """A resource that a browser would fetch from another host (or run: `javascript:`)."""
    scheme = _scheme(url)
    cleaned = _INVISIBLE.sub("", url)
    if scheme == "data":
        return not cleaned.lower().startswith("data:image/")
    if scheme is None and not cleaned.startswith("//"):
        return False
    host = urlsplit(cleaned).hostname or ""
    return scheme not in (None, "http", "https") or host != own_host


def _remote(url: str, own_host: str) -> Finding:
    host = urlsplit(_INVISIBLE.sub("", url)).hostname or _scheme(url) or url
    return Finding("remote", url.strip(), (("value", url.strip()), ("host", host)))


def locate(found: Iterable[Finding], source: str, first_line: int) -> list[tuple[int, Finding]]:
    """Each finding with the line of `source` (which starts at `first_line` of its file) that
    wrote it: the first line holding its token, or the first line of the text."""
    lines = source.split("\n")
    placed = []
    for finding in dict.fromkeys(found):
        token = finding.token.lower()
        index = next((i for i, line in enumerate(lines) if token in line.lower()), 0)
        placed.append((first_line + index, finding))
    return placed


class Renderer:
    """Markdown to HTML as the site renders it, for text that `make check` reads without a build
    and for items the build does not render (not yet published): the same extensions as MkDocs."""

    def __init__(self, extensions: list[Any] | None = None) -> None:
        self.names, self.configs = markdown_setup(extensions or [])
        self._markdown: Any = None

    @property
    def key(self) -> str:
        return repr((POLICY_VERSION, self.names, sorted(self.configs)))

    def html(self, text: str) -> str:
        import markdown

        if self._markdown is None:
            try:
                self._markdown = markdown.Markdown(extensions=self.names, extension_configs=self.configs)
            except Exception:
                # An extension configured with values only MkDocs can build (!!python/name): the
                # policy reads the HTML of the other extensions, which is what it is about.
                self._markdown = markdown.Markdown(extensions=list(DEFAULT_EXTENSIONS))
        self._markdown.reset()
        return self._markdown.convert(text)


def markdown_setup(extensions: list[Any]) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """Extension names and their settings from `markdown_extensions` as written in mkdocs.yml."""
    names, configs = list(DEFAULT_EXTENSIONS), {}
    for entry in extensions:
        if isinstance(entry, str):
            name, config = entry, None
        elif isinstance(entry, dict) and len(entry) == 1:
            name, config = next(iter(entry.items()))
        else:
            continue
        if name not in names:
            names.append(name)
        if isinstance(config, dict):
            configs[name] = dict(config)
    return names, configs


class VerdictCache:
    """The findings of each text already checked, by a hash of the text and of the rules, so a
    rebuild renders only the texts that changed. A damaged cache file is ignored."""

    def __init__(self, path: Path | None, key: str) -> None:
        self.path = path
        self.key = key
        self.verdicts: dict[str, tuple[Finding, ...]] = {}
        self.used: set[str] = set()
        self.changed = False
        verdicts = kept.load(path, self._purpose, kept.allowing(Finding)) if path else None
        if isinstance(verdicts, dict):
            self.verdicts = {
                k: v for k, v in verdicts.items() if isinstance(v, tuple) and all(isinstance(f, Finding) for f in v)
            }

    @staticmethod
    def digest(text: str, own_host: str) -> str:
        return hashlib.sha256(f"{own_host}\n{text}".encode()).hexdigest()

    def findings(self, text: str, renderer: Renderer, own_host: str) -> tuple[Finding, ...]:
        digest = self.digest(text, own_host)
        self.used.add(digest)
        if digest not in self.verdicts:
            self.verdicts[digest] = tuple(findings(renderer.html(text), own_host))
            self.changed = True
        return self.verdicts[digest]

    def save(self) -> None:
        if not self.path or not (self.changed or set(self.verdicts) - self.used):
            return
        kept.save(self.path, self._purpose, {k: v for k, v in self.verdicts.items() if k in self.used})

    @property
    def _purpose(self) -> str:
        return f"text verdicts {self.key}"


class BodyCheck:
    """Checks the text of every page against the policy, once per distinct text: a verdict is
    kept in the cache by whichever renders the text first, `make check` or the build."""

    def __init__(self, renderer: Renderer, cache: VerdictCache, own_host: str) -> None:
        self.renderer = renderer
        self.cache = cache
        self.own_host = own_host

    def known(self, text: str) -> tuple[Finding, ...] | None:
        """The verdict on `text` if it is in the cache, else None."""
        digest = self.cache.digest(text, self.own_host)
        self.cache.used.add(digest)
        return self.cache.verdicts.get(digest)

    def verdict(self, text: str) -> tuple[Finding, ...]:
        """The verdict on `text`, rendering it when it is not in the cache."""
        return self.cache.findings(text, self.renderer, self.own_host)

    def record(self, text: str, html: str) -> tuple[Finding, ...]:
        """The verdict on `text` from the HTML the build rendered for it, kept for next time."""
        digest = self.cache.digest(text, self.own_host)
        self.cache.used.add(digest)
        if digest not in self.cache.verdicts:
            self.cache.verdicts[digest] = tuple(findings(html, self.own_host))
            self.cache.changed = True
        return self.cache.verdicts[digest]

    def problems(
        self, found: Iterable[Finding], text: str, shown: str, first_line: int, t: Translator
    ) -> list[Problem]:
        """The findings on a text as authors' problems, each at the line that wrote it."""
        return [
            Problem(shown, line, "body", t(f"error.body.{finding.key}", **dict(finding.params)))
            for line, finding in locate(found, text, first_line)
        ]


def page_source(path: Path) -> tuple[str, int]:
    """The Markdown of one of the organisation's own pages without its front matter, and the
    line of the file on which that text starts."""
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is not None:
            return "\n".join(lines[end + 1 :]), end + 2
    return text, 1
