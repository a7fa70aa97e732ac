"""A strict reader of iCalendar (RFC 5545) for tests: it refuses what the grammar refuses.

Written because the ``icalendar`` package is not installed here (it forgives much of what
this checks). It holds a file to: valid UTF-8; CRLF line ends only; physical lines of at most
75 octets; unfolding by CRLF + one space/tab; ``contentline = name *(";" param) ":" value``
with iana-token/x-name names and SAFE-CHAR/quoted param values; no control characters in
values; TEXT values (SUMMARY, DESCRIPTION, …) with ``;``, ``,`` and ``\\`` escaped and only the
escapes RFC 5545 3.3.11 allows; BEGIN/END nesting; VCALENDAR with exactly one VERSION:2.0 and
one PRODID; VTODO with exactly one UID and one DTSTAMP (UTC date-time), DUE as DATE or
DATE-TIME, STATUS from the VTODO list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime


class ICalError(ValueError):
    pass


_NAME = re.compile(r"^(?:[A-Za-z0-9-]+)$")
_PARAM = re.compile(r'^([A-Za-z0-9-]+)=((?:"[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x08\x0a-\x1f\x7f]*)'
                    r'(?:,(?:"[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x08\x0a-\x1f\x7f]*))*)$')
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
TEXT_PROPS = {"SUMMARY", "DESCRIPTION", "COMMENT", "LOCATION", "CONTACT", "PRODID"}
TODO_STATUS = {"NEEDS-ACTION", "COMPLETED", "IN-PROCESS", "CANCELLED"}


@dataclass
class Component:
    name: str
    props: list[tuple[str, dict, str]] = field(default_factory=list)
    children: list["Component"] = field(default_factory=list)

    def all(self, name: str) -> list[tuple[dict, str]]:
        return [(p, v) for n, p, v in self.props if n == name]

    def one(self, name: str) -> str:
        got = self.all(name)
        if len(got) != 1:
            raise ICalError(f"{self.name}: {name} must occur exactly once, not {len(got)} times")
        return got[0][1]

    def text(self, name: str) -> str:
        return unescape(self.one(name))


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        c = value[i]
        if c == "\\":
            if i + 1 >= len(value) or value[i + 1] not in "\\;,nN":
                raise ICalError(f"bad escape in TEXT: {value[i:i + 2]!r}")
            out.append("\n" if value[i + 1] in "nN" else value[i + 1])
            i += 2
            continue
        if c in ";,":
            raise ICalError(f"unescaped {c!r} in TEXT value {value!r}")
        out.append(c)
        i += 1
    return "".join(out)


def _split_line(line: str) -> tuple[str, dict, str]:
    # The name and params end at the first ':' outside a quoted param value.
    i, quoted = 0, False
    while i < len(line):
        if line[i] == '"':
            quoted = not quoted
        elif line[i] == ":" and not quoted:
            break
        i += 1
    else:
        raise ICalError(f"no ':' in content line {line!r}")
    head, value = line[:i], line[i + 1:]
    parts = head.split(";")
    name = parts[0]
    if not _NAME.match(name):
        raise ICalError(f"bad property name {name!r}")
    params = {}
    for p in parts[1:]:
        m = _PARAM.match(p)
        if not m:
            raise ICalError(f"bad parameter {p!r}")
        params[m.group(1).upper()] = m.group(2)
    if _CONTROL.search(value.replace("\t", " ")):
        raise ICalError(f"control character in the value of {name}")
    return name.upper(), params, value


def parse(data: bytes) -> Component:
    """The VCALENDAR in ``data``; ICalError for anything RFC 5545 does not allow."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ICalError(f"not UTF-8: {e}") from None
    if not text.endswith("\r\n"):
        raise ICalError("the last line does not end with CRLF")
    physical = text[:-2].split("\r\n")
    for n, line in enumerate(physical, 1):
        if "\n" in line or "\r" in line:
            raise ICalError(f"line {n}: a bare LF or CR")
        if len(line.encode("utf-8")) > 75:
            raise ICalError(f"line {n}: {len(line.encode('utf-8'))} octets, more than 75")
    logical: list[str] = []
    for line in physical:
        if line[:1] in (" ", "\t"):
            if not logical:
                raise ICalError("a continuation line first")
            logical[-1] += line[1:]
        else:
            if line == "":
                raise ICalError("an empty line")
            logical.append(line)
    stack: list[Component] = []
    root = None
    for line in logical:
        name, params, value = _split_line(line)
        if name == "BEGIN":
            comp = Component(value.upper())
            if stack:
                stack[-1].children.append(comp)
            elif root is not None:
                raise ICalError("more than one top-level component")
            else:
                root = comp
            stack.append(comp)
        elif name == "END":
            if not stack or stack[-1].name != value.upper():
                raise ICalError(f"END:{value} does not close {stack[-1].name if stack else 'anything'}")
            stack.pop()
        else:
            if not stack:
                raise ICalError(f"{name} outside any component")
            if name in TEXT_PROPS:
                unescape(value)
            stack[-1].props.append((name, params, value))
    if stack or root is None or root.name != "VCALENDAR":
        raise ICalError("not one complete VCALENDAR")
    if root.one("VERSION") != "2.0":
        raise ICalError("VERSION must be 2.0")
    root.one("PRODID")
    for c in root.children:
        if c.name == "VTODO":
            _check_todo(c)
    return root


def _check_todo(c: Component) -> None:
    c.one("UID")
    stamp = c.one("DTSTAMP")
    datetime.strptime(stamp, "%Y%m%dT%H%M%SZ")
    for params, v in c.all("DUE"):
        if params.get("VALUE", "DATE-TIME").upper() == "DATE":
            if not re.fullmatch(r"\d{8}", v):
                raise ICalError(f"DUE;VALUE=DATE:{v} is not a date")
            date(int(v[:4]), int(v[4:6]), int(v[6:]))
        else:
            datetime.strptime(v.rstrip("Z"), "%Y%m%dT%H%M%S")
    for _, v in c.all("STATUS"):
        if v not in TODO_STATUS:
            raise ICalError(f"STATUS:{v} is not a VTODO status")
    for name in ("SUMMARY", "DESCRIPTION"):
        if len(c.all(name)) > 1:
            raise ICalError(f"VTODO: {name} more than once")
