"""A strict check of an iCalendar file against RFC 5545, for the calendar the build writes: the
shape that calendar apps and validators (icalendar.org's, Google's import) insist on, which
lenient parsers (icalendar's own) let pass."""

from __future__ import annotations

import re

# RFC 5545 3.1: name *(";" param) ":" value; names are IANA tokens or X-names.
_NAME = r"(?:[A-Za-z0-9-]+)"
_PARAM_VALUE = r"(?:\"[^\"\x00-\x08\x0a-\x1f\x7f]*\"|[^\";:,\x00-\x08\x0a-\x1f\x7f]*)"
_PARAM = rf"{_NAME}={_PARAM_VALUE}(?:,{_PARAM_VALUE})*"
_LINE = re.compile(rf"^({_NAME})((?:;{_PARAM})*):(.*)$")
# Properties whose value is TEXT (3.3.11): a comma, semicolon or backslash in them must be escaped.
_TEXT = {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "X-WR-CALNAME", "X-WR-CALDESC", "TZNAME", "CONTACT"}
_REQUIRED = {
    "VCALENDAR": {"PRODID", "VERSION"},
    "VEVENT": {"UID", "DTSTAMP"},
    "VTIMEZONE": {"TZID"},
    "STANDARD": {"DTSTART", "TZOFFSETFROM", "TZOFFSETTO"},
    "DAYLIGHT": {"DTSTART", "TZOFFSETFROM", "TZOFFSETTO"},
}
_ONCE = {
    "VCALENDAR": {"PRODID", "VERSION", "CALSCALE", "METHOD"},
    "VEVENT": {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL", "TRANSP"},
}


def problems(data: bytes) -> list[str]:
    """Every way `data` breaks RFC 5545, as text; empty when it is a valid calendar."""
    found: list[str] = []
    if not data.endswith(b"\r\n"):
        found.append("the file does not end with CRLF")
    physical = data.split(b"\r\n")[:-1]
    for number, line in enumerate(physical, 1):
        if b"\n" in line or b"\r" in line:
            found.append(f"line {number}: a bare LF or CR")
        if len(line) > 75:
            found.append(f"line {number}: {len(line)} octets, over 75")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return [*found, "not UTF-8"]
    unfolded = re.sub(r"\r\n[ \t]", "", text).split("\r\n")[:-1]
    stack: list[tuple[str, dict[str, int]]] = []
    components: dict[str, int] = {}
    seen_calendar = False
    for line in unfolded:
        match = _LINE.match(line)
        if not match:
            found.append(f"not a content line: {line[:60]!r}")
            continue
        name, _, value = match.group(1).upper(), match.group(2), match.group(3)
        if any((ord(c) < 32 and c != "\t") or ord(c) == 127 for c in value):
            found.append(f"{name}: a control character in the value")
        if name == "BEGIN":
            if not stack and (value != "VCALENDAR" or seen_calendar):
                found.append(f"BEGIN:{value} outside the one VCALENDAR")
            if stack and stack[-1][0] == "VCALENDAR":
                components[value] = components.get(value, 0) + 1
            stack.append((value.upper(), {}))
            seen_calendar = seen_calendar or value == "VCALENDAR"
            continue
        if name == "END":
            if not stack or stack[-1][0] != value.upper():
                found.append(f"END:{value} without its BEGIN")
                continue
            component, properties = stack.pop()
            for required in _REQUIRED.get(component, ()):
                if properties.get(required, 0) < 1:
                    found.append(f"{component} without {required}")
            for once in _ONCE.get(component, ()):
                if properties.get(once, 0) > 1:
                    found.append(f"{component} with {once} more than once")
            continue
        if not stack:
            found.append(f"{name} outside any component")
            continue
        stack[-1][1][name] = stack[-1][1].get(name, 0) + 1
        if name in _TEXT:
            unescaped = re.sub(r"\\[\\;,nN]", "", value)
            if re.search(r"[;,\\]", unescaped):
                found.append(f"{name}: an unescaped comma, semicolon or backslash in {value[:60]!r}")
        if name == "VERSION" and value != "2.0":
            found.append("VERSION is not 2.0")
        if (
            name in ("DTSTART", "DTEND")
            and ";VALUE=DATE" in match.group(2).upper()
            and not re.fullmatch(r"\d{8}", value)
        ):
            found.append(f"{name}: {value!r} is no DATE")
    if stack:
        found.append(f"{stack[-1][0]} is never ended")
    if not seen_calendar:
        found.append("no VCALENDAR")
    if not components:
        found.append("VCALENDAR holds no component (RFC 5545 3.6 asks for at least one)")
    return found
