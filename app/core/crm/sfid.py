"""Salesforce record ids: the 15-character case-sensitive form and the 18-character
case-insensitive form name the same record. :func:`sf18` turns either into the 18-char
form (computing the 3-character checksum suffix), so ids from Data Export (18) and
reports or older tools (15) match. Anything that is not a Salesforce id is returned
stripped and unchanged.
"""

from __future__ import annotations

from functools import lru_cache

_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
_BITS = str.maketrans({**{c: "1" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}, **{c: "0" for c in "abcdefghijklmnopqrstuvwxyz0123456789"}})


def sf18(value: str | None) -> str | None:
    if value is None:
        return None
    v = value.strip()
    n = len(v)
    if n == 18 and v.isascii() and v.isalnum():
        v = v[:15]  # the suffix is re-derived: an 18-char id with a lower-cased suffix still matches
    elif not (n == 15 and v.isascii() and v.isalnum()):
        return v or None
    b = v.translate(_BITS)  # "1" where the character is an upper-case letter
    return v + _ALPHABET[int(b[4::-1], 2)] + _ALPHABET[int(b[9:4:-1], 2)] + _ALPHABET[int(b[14:9:-1], 2)]


def is_placeholder(value: str | None) -> bool:
    """Salesforce writes the empty id as "" or fifteen zeros ("000000000000000AAA")."""
    return not value or value.strip("0A ") == ""


@lru_cache(maxsize=8192)  # parent ids repeat across a file; a record's own id does not (use sf18)
def sf18_ref(value: str | None) -> str | None:
    return sf18(value)
