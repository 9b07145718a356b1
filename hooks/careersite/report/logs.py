"""Web-server access logs in the combined log format (nginx's and Apache's default `combined`),
read line by line from plain or gzip files, with what could not be read counted, never raised.

Nothing about a visitor is kept: a line gives its moment, method, path, status, referrer and
whether its user agent is a crawler (decided here, the agent itself is dropped).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import crawleruseragents

# host ident user [time] "request" status size "referrer" "user agent". Quoted fields hold no quote
# (nginx writes one as \x22); a line with an escaped quote (Apache's \") is skipped and counted.
_COMBINED = re.compile(r'^\S+ \S+ \S+ \[([^\]]+)\] "([^"]*)" (\d{3}) \S+ "([^"]*)" "([^"]*)"(?:\s|$)')
_MONTHS = {
    m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1)
}
LONGEST_LINE = 64 * 1024  # a request line longer than this is no visit (a 10 MB line is junk): skipped


@dataclass(frozen=True)
class Hit:
    """One request as the report needs it."""

    moment: dt.datetime  # with the server's UTC offset
    method: str
    target: str  # the path with its query string, as requested
    status: int
    referrer: str  # "" when the log says "-"
    bot: bool


@lru_cache(maxsize=65_536)  # a site's visitors use a few hundred user agents over and over
def is_bot(agent: str) -> bool:
    """A crawler or link-preview fetcher (Googlebot, facebookexternalhit, LinkedInBot, Slackbot…)
    by the crawler-user-agents list; a request without a user agent is no browser either."""
    return not agent.strip() or agent == "-" or crawleruseragents.is_crawler(agent)


@lru_cache(maxsize=4096)
def _offset(sign: str, hours: str, minutes: str) -> dt.timezone:
    delta = dt.timedelta(hours=int(hours), minutes=int(minutes))
    return dt.timezone(-delta if sign == "-" else delta)


@lru_cache(maxsize=8192)  # a busy log has many requests a second: each time is read once
def moment(text: str) -> dt.datetime | None:
    """`10/Oct/2026:13:55:36 +0200` as an aware datetime; None for anything else."""
    if len(text) != 26 or text[2] != "/" or text[6] != "/" or text[11] != ":" or text[20] != " ":
        return None
    day, month, year, hour, minute, second = text[0:2], text[3:6], text[7:11], text[12:14], text[15:17], text[18:20]
    sign, oh, om = text[21], text[22:24], text[24:26]
    digits = day + year + hour + minute + second + oh + om
    if month not in _MONTHS or sign not in "+-" or not (digits.isascii() and digits.isdigit()):
        return None
    if not 1971 <= int(year) <= 2099:  # a clock set wrong, or junk: no date of a visit to this site
        return None
    try:
        return dt.datetime(
            int(year), _MONTHS[month], int(day), int(hour), int(minute), int(second), tzinfo=_offset(sign, oh, om)
        )
    except ValueError:  # 31/Feb, 25:00, an offset of a day or more
        return None


def parse(line: str) -> Hit | None:
    """A line of the combined format, or None when it is not one."""
    m = _COMBINED.match(line)
    if not m:
        return None
    time, request, status, referrer, agent = m.groups()
    when = moment(time)
    if when is None:
        return None
    parts = request.split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/"):
        # A log line all the same (nginx's "" 400 for a connection that sent nothing, a TLS
        # handshake on the plain port): a request, but no page view.
        return Hit(when, "", "", int(status), "", True)
    return Hit(when, parts[0], parts[1], int(status), "" if referrer == "-" else referrer, is_bot(agent))


@dataclass
class Reading:
    """What reading the logs gave besides the hits: lines read, lines that were no log line (with
    the first few places), and files that ended early or could not be read."""

    lines: int = 0
    skipped: int = 0
    first_skipped: list[str] | None = None
    problems: list[tuple[str, str, int, str]] | None = None  # (message key, file, lines read, detail)

    def skip(self, where: str) -> None:
        self.skipped += 1
        if self.first_skipped is None:
            self.first_skipped = []
        if len(self.first_skipped) < 5:
            self.first_skipped.append(where)

    def problem(self, key: str, path: str, lines: int = 0, detail: str = "") -> None:
        """A file that could not be read to its end: the message `report.<key>` says what."""
        if self.problems is None:
            self.problems = []
        self.problems.append((key, path, lines, detail))


def open_log(path: Path) -> BinaryIO:
    raw = path.open("rb")
    if raw.read(2) == b"\x1f\x8b":
        raw.seek(0)
        return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
    raw.seek(0)
    return raw


@dataclass
class Opened:
    """A log or export being read: its stream, and how many of its lines (records) were read."""

    stream: BinaryIO
    lines: int = 0


@contextlib.contextmanager
def opened(path: Path, reading: Reading) -> Iterator[Opened | None]:
    """`path` opened for reading, plain or gzip; None when it cannot be opened. A file that cannot
    be read to its end (a gzip cut short or damaged, a read error) is a problem in `reading`, with
    the lines read before it, never an exception."""
    shown = str(path)
    try:
        stream = open_log(path)
    except OSError as error:
        reading.problem("unreadable", shown, 0, str(error.strerror or error))
        yield None
        return
    file = Opened(stream)
    with stream:
        try:
            yield file
        except EOFError:
            reading.problem("gz_cut", shown, file.lines)
        except (zlib.error, gzip.BadGzipFile):
            reading.problem("gz_damaged", shown, file.lines)
        except OSError as error:
            reading.problem("unreadable", shown, file.lines, str(error.strerror or error))


def read(paths: list[Path], reading: Reading, advance: Callable[[int], object] = lambda n: None) -> Iterator[Hit]:
    """The hits of every log file, in the order given; every line is counted in `reading`, and
    `advance` is told how many bytes of the files were read (for a progress bar)."""
    for path in paths:
        shown = str(path)
        raw_position = 0
        with opened(path, reading) as file:
            if file is None:
                continue
            for raw in lines_of(file.stream):
                file.lines += 1
                reading.lines += 1
                if raw is None:  # longer than LONGEST_LINE: read past, never held whole
                    reading.skip(f"{shown}:{file.lines}")
                    continue
                hit = parse(raw.decode("utf-8", errors="replace").rstrip("\r\n"))
                if hit is None:
                    reading.skip(f"{shown}:{file.lines}")
                else:
                    yield hit
                if file.lines % 4096 == 0:
                    now = _position(file.stream)
                    advance(now - raw_position)
                    raw_position = now
        advance(max(0, _size(path) - raw_position))


def lines_of(stream: BinaryIO) -> Iterator[bytes | None]:
    """The lines of `stream`; None for a line longer than LONGEST_LINE, whose rest is read in
    pieces and dropped (a file without line breaks, or a gzip that unpacks to one huge line, never
    fills the memory)."""
    while True:
        raw = stream.readline(LONGEST_LINE + 1)
        if not raw:
            return
        if len(raw) > LONGEST_LINE and not raw.endswith(b"\n"):
            while (rest := stream.readline(LONGEST_LINE)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield raw


def _position(stream: BinaryIO) -> int:
    """How far into the file on disk the reading is (for gzip: the compressed bytes)."""
    inner = getattr(stream, "fileobj", None)
    try:
        return int((inner or stream).tell())
    except (OSError, ValueError):
        return 0


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
