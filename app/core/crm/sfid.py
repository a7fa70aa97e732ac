"""Salesforce record ids: the 15-character case-sensitive form and the 18-character
case-insensitive form name the same record. :func:`sf18` turns either into the 18-char
form (computing the 3-character checksum suffix), so ids from Data Export (18) and
reports or older tools (15) match. Anything that is not a Salesforce id is returned
stripped and unchanged.
"""

from __future__ import annotations

import re

_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
_ID15 = re.compile(r"^[a-zA-Z0-9]{15}$")
_ID18 = re.compile(r"^[a-zA-Z0-9]{18}$")


def sf18(value: str | None) -> str | None:
    if value is None:
        return None
    v = value.strip()
    if not v:
        return None
    if _ID18.match(v):
        v = v[:15]  # the suffix is re-derived: an 18-char id with a lower-cased suffix still matches
    elif not _ID15.match(v):
        return v
    suffix = ""
    for i in range(3):
        bits = 0
        for j, ch in enumerate(v[i * 5 : i * 5 + 5]):
            if "A" <= ch <= "Z":
                bits |= 1 << j
        suffix += _ALPHABET[bits]
    return v + suffix


def is_placeholder(value: str | None) -> bool:
    """Salesforce writes the empty id as "" or fifteen zeros ("000000000000000AAA")."""
    return not value or value.strip("0A ") == ""
