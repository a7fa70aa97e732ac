"""vCard 2.1 (RFC-less "versit" spec), 3.0 (RFC 2426) and 4.0 (RFC 6350), streaming.

Handles folded lines (a line starting with a space or tab continues the previous one),
QUOTED-PRINTABLE values with soft line breaks (2.1: "=" at the end of a line), CHARSET
parameters (2.1), backslash escapes (\\n \\, \\; \\\\ in 3.0/4.0), and the properties
FN, N, EMAIL, TEL, ORG, TITLE, NOTE, UID. A NOTE becomes an undated note on the contact.
One card is held in memory at a time. A card without FN, N or EMAIL is skipped with a
warning naming the line where it starts; a file with no BEGIN:VCARD is rejected.
"""

from __future__ import annotations

import quopri
import re
from pathlib import Path

from app.core.crm.mappers.base import STAGE_CONTACTS, Head, Stream
from app.core.crm.model import ContactRec, Warning
from app.core.crm.tables import ImportFileError, open_text, sniff_encoding
from app.core.model import ColumnMapping

_ESC = re.compile(r"\\([nN,;:\\])")


def _unescape(v: str) -> str:
    return _ESC.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), v)


def _split(v: str, sep: str = ";") -> list[str]:
    return [_unescape(p) for p in re.split(r"(?<!\\)" + re.escape(sep), v)]


MAX_LOGICAL_LINE = 16 * 1024 * 1024  # characters in one property after unfolding (a NOTE of megabytes)


def _logical_lines(fh, path=None):
    """Yield (line_no, logical_line) with folding and QP soft breaks undone.

    Unfolding follows the card's VERSION: 2.1 unfolds the RFC 822 way (the line break goes, the
    whitespace that starts the next line stays: "nær\\r\\n Sjøgata" is "nær Sjøgata"); 3.0 and
    4.0 (RFC 2425/6350) drop the line break and exactly one whitespace character.

    Continuations are collected in a list and joined once, so a property folded over many
    thousand lines costs time linear in its size (joining string by string was quadratic:
    97 s for a 3 MB quoted-printable note)."""
    parts: list[str] | None = None
    start = n = size = 0
    qp = v21 = False
    for raw in fh:
        n += 1
        line = raw.rstrip("\r\n")
        if parts is not None and qp and parts[-1].endswith("="):
            parts[-1] = parts[-1][:-1]
            parts.append(line if v21 else line.lstrip(" \t") if line[:1] in " \t" else line)
        elif parts is not None and line[:1] in (" ", "\t") and line.strip():
            parts.append(line if v21 else line[1:])
        else:
            if parts is not None:
                yield start, "".join(parts)
            parts, start, size = [line], n, 0
            head, _, value = line.partition(":")
            head = head.upper()
            qp = "QUOTED-PRINTABLE" in head
            if head == "BEGIN":
                v21 = False
            elif head == "VERSION":
                v21 = value.strip() == "2.1"
            continue
        size += len(line)
        if size > MAX_LOGICAL_LINE:
            raise ImportFileError(f"{path}: line {start}: one property runs over {MAX_LOGICAL_LINE:,} characters, the most "
                                  "Confidant reads from one vCard line; nothing from this file was imported.")
    if parts is not None:
        yield start, "".join(parts)


def _decode(name_params: str, value: str) -> tuple[str, dict, str]:
    parts = name_params.split(";")
    name = parts[0].split(".")[-1].upper()  # drop a group prefix ("item1.EMAIL")
    params: dict[str, str] = {}
    for p in parts[1:]:
        k, _, v = p.partition("=")
        if v:
            params[k.upper()] = v.strip('"')
        else:
            params.setdefault("TYPE", "")
            params[k.upper()] = k.upper()  # 2.1 bare parameters: QUOTED-PRINTABLE, PREF, WORK
    enc = params.get("ENCODING", "").upper()
    if enc == "QUOTED-PRINTABLE" or "QUOTED-PRINTABLE" in params:
        charset = params.get("CHARSET", "utf-8")
        data = quopri.decodestring(value.encode("latin-1", "replace"))
        try:
            value = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            value = data.decode("cp1252", "replace")
    return name, params, value


class VCardFormat:
    name = "vcard"
    label = "vCard (.vcf) 2.1 / 3.0 / 4.0"

    def sniff(self, head: Head) -> int:
        return 100 if "BEGIN:VCARD" in head.text.upper()[:4096] else 0

    def order(self, head: Head) -> int:
        return STAGE_CONTACTS

    def open(self, path: Path, *, mapping: ColumnMapping | None = None, encoding: str | None = None) -> Stream:
        info = sniff_encoding(path)
        if encoding:
            info.encoding = encoding
        fh = open_text(path, info)
        return Stream(self._cards(path, fh), info.size, lambda: fh.buffer.tell(), fh.close)

    def _cards(self, path: Path, fh):
        card: dict | None = None
        seen = False
        for line_no, line in _logical_lines(fh, path):
            if not line.strip():
                continue
            key, sep, value = line.partition(":")
            if not sep:
                continue
            up = key.upper()
            if up == "BEGIN" and value.strip().upper() == "VCARD":
                card, seen = {"line": line_no, "notes": []}, True
                continue
            if up == "END" and value.strip().upper() == "VCARD":
                if card is not None:
                    yield self._record(path, card)
                card = None
                continue
            if card is None:
                continue
            name, params, value = _decode(key, value)
            if name == "FN":
                card["fn"] = _unescape(value).strip()
            elif name == "N":
                n = _split(value) + [""] * 5
                card["last"], card["first"] = n[0].strip() or None, n[1].strip() or None
            elif name == "EMAIL":
                pref = "PREF" in params or "pref" in params.get("TYPE", "").lower() or params.get("PREF") == "1"
                if "email" not in card or (pref and not card.get("email_pref")):
                    card["email"], card["email_pref"] = value.strip(), pref
            elif name == "TEL" and "tel" not in card:
                card["tel"] = value.strip().removeprefix("tel:")
            elif name == "ORG":
                card["org"] = _split(value)[0].strip()
            elif name == "TITLE":
                card["title"] = _unescape(value).strip()
            elif name == "NOTE":
                card["notes"].append(_unescape(value).strip())
            elif name == "UID":
                card["uid"] = value.strip()
        if not seen:
            raise ImportFileError(f"{path}: no BEGIN:VCARD found; this is not a vCard file.")

    def _record(self, path: Path, c: dict):
        first, last = c.get("first"), c.get("last")
        name = c.get("fn") or " ".join(p for p in (first, last) if p)
        if not name and not c.get("email"):
            return Warning(c["line"], f"{path.name}: line {c['line']}: skipped a card with no name and no e-mail.")
        rec = ContactRec(c["line"], name or c["email"], first, last, c.get("email"), c.get("tel"), c.get("title"), c.get("org"),
                         None, "vcard" if c.get("uid") else None, c.get("uid"))
        rec.notes = [(None, n) for n in c["notes"] if n]
        return rec
