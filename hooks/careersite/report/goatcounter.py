"""GoatCounter's CSV export (https://www.goatcounter.com/help/export), for sites that count with
the organisation's own GoatCounter (setting `analytics`) instead of web-server logs: Settings →
Export → CSV in GoatCounter, or its API (`POST /api/v0/export`, then `/api/v0/export/{id}/download`).
Read as the logs are: plain or gzip, row by row, every row that is no page view or event counted
as skipped, never raised.

The export has one row per page view or event (only when GoatCounter's "Individual pageviews" is
on): its path (GoatCounter trims a trailing slash: `/vacatures/ciso`), whether it is an event, a
bot flag, the referrer with its scheme, and the moment in UTC. Session, browser, system, screen
size and location are in the file and are not read.

What GoatCounter keeps of a referrer decides the channel: a campaign source (`c`, from
`utm_source`: the page's script sends `ambassador` for a colleague's share), a URL without its
scheme (`h`: `www.linkedin.com/feed/`), a name GoatCounter gave it (`g`: `Google`, `Email`), or
something else (`o`: an Android app such as `com.linkedin.android`, or nothing).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from careersite.report.count import Counts, host_channel, referrer_host, site_path
from careersite.report.logs import LONGEST_LINE, Reading, lines_of, opened

# The header's first field is the export format's version and the first column: `2Path`.
HEADER = re.compile(rb"^(?:\xef\xbb\xbf)?\"?([0-9]+),?Path\"?,")
VERSIONS = {1, 2}
NEEDED = ("Path", "Event", "Bot", "Referrer", "Referrer scheme", "Date")
SEARCH_NAMES = frozenset({"google", "yandex", "yahoo", "baidu", "bing", "duckduckgo", "ecosia"})
APPLY_EVENT = "apply:"  # the event the page's script sends for a click on an apply button: `apply:/vacatures/ciso/`


def is_export(head: bytes) -> bool:
    """Whether a file that starts with `head` (unpacked) is a GoatCounter CSV export."""
    return bool(HEADER.match(head))


@dataclass(frozen=True)
class Row:
    moment: dt.datetime
    path: str
    event: bool
    bot: bool
    referrer: str
    scheme: str


def channel(row: Row, site_host: str, sources: dict[str, str]) -> str:
    """The channel of a row, by the rules of the logs as far as GoatCounter kept the referrer."""
    ref = row.referrer.strip()
    if row.scheme == "c" or (row.scheme == "o" and row.event):
        # a campaign's source, or what the script sent as an event's referrer: a source or a URL
        word = ref.lower()
        if word == "ambassador":
            return "ambassador"
        if word in sources:
            return sources[word]
        if row.scheme == "c":
            return "other"  # a campaign of some other sender: where it came from is not kept
    if row.scheme == "g":
        word = ref.lower()
        if word in SEARCH_NAMES:
            return "search"
        if "." not in word or " " in word:
            return "other"  # "Email", "RSS", "Hacker News": grouped by GoatCounter, none of the networks
    if not ref:
        return "direct"
    if "://" not in ref:
        ref = "https://" + ref.removeprefix("//")
    host = referrer_host(ref)
    return "other" if host is None else host_channel(host, site_host)


def add(row: Row, counts: Counts) -> bool:
    """Count `row`; False when it is neither a page of the site nor an apply click on one."""
    if row.event and not row.path.startswith(APPLY_EVENT):
        return False
    page = _page(row.path.removeprefix(APPLY_EVENT) if row.event else row.path, counts)
    if page is None:
        return False
    if row.bot:
        counts.bots += 1
    else:
        count = counts.click if row.event else counts.view
        count(row.moment, page, channel(row, counts.site_host, counts.sources))
    return True


def _page(path: str, counts: Counts) -> str | None:
    """The site's page for a path as GoatCounter keeps it (without its trailing slash)."""
    found = site_path(path, counts.base)
    if found is None:
        return None
    for candidate in (found, found.rstrip("/") + "/"):
        if candidate in counts.pages:
            return candidate
    return None


def read(path: Path, reading: Reading, counts: Counts, advance: Callable[[int], object] = lambda n: None) -> None:
    """Count every row of the export at `path`; rows that are no page view or event of the site
    count as other requests, rows that cannot be read as skipped."""
    shown = str(path)
    with opened(path, reading) as file:
        if file is None:
            return
        lines = _text_lines(file.stream)
        header = next(csv.reader([next(lines, "")]), [])
        file.lines = 1
        reading.lines += 1
        columns = _columns(header)
        if columns is None:
            version = HEADER.match(",".join(header).encode())
            reading.problem("goatcounter_version", shown, 0, version.group(1).decode() if version else "?")
            return
        for file.lines, line in enumerate(lines, 2):
            reading.lines += 1
            row = _row(line, columns)
            if row is None:
                reading.skip(f"{shown}:{file.lines}")
            elif not add(row, counts):
                counts.other_requests += 1
    advance(max(0, _size(path)))


def _columns(header: list[str]) -> dict[str, int] | None:
    """Where each needed column is, or None for a header of a version this reader does not know."""
    if not header:
        return None
    first = header[0].lstrip("\ufeff")
    version = re.match(r"^([0-9]+),?Path$", first)
    if not version or int(version.group(1)) not in VERSIONS:
        return None
    names = ["Path", *header[1:]]
    if any(name not in names for name in NEEDED):
        return None
    return {name: names.index(name) for name in NEEDED}


def _row(line: str, columns: dict[str, int]) -> Row | None:
    try:
        fields = next(csv.reader([line]))
    except (csv.Error, StopIteration):
        return None
    if len(fields) <= max(columns.values()):
        return None
    event = fields[columns["Event"]].strip().lower()
    if event not in ("true", "false", "1", "0"):
        return None
    try:
        moment = dt.datetime.fromisoformat(fields[columns["Date"]].strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return Row(
        moment,
        fields[columns["Path"]].strip(),
        event in ("true", "1"),
        fields[columns["Bot"]].strip() not in ("", "0"),
        fields[columns["Referrer"]],
        fields[columns["Referrer scheme"]].strip().lower(),
    )


def _text_lines(stream: BinaryIO) -> Iterator[str]:
    """The records of the export as text, one per line; a quoted field with a line break in it
    (a title) is joined to its record. A record longer than LONGEST_LINE is read past and yields
    an empty, unreadable record."""
    decode = codecs.getincrementaldecoder("utf-8")(errors="replace")
    pending = ""
    for raw in lines_of(stream):
        if raw is None:
            pending = ""
            yield "\x00"
            continue
        pending += decode.decode(raw)
        if pending.count('"') % 2:  # inside a quoted field: the record goes on
            if len(pending) > LONGEST_LINE:
                pending = ""
                yield "\x00"
            continue
        yield pending.rstrip("\r\n")
        pending = ""
    if pending:
        yield pending.rstrip("\r\n")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
