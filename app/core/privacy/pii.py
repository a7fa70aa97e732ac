"""Personal-number detection: card numbers, IBANs and Nordic national identity numbers.

:func:`scan` returns :class:`Finding` objects (kind and character span) and never logs or
stores the value it found. Every kind is confirmed by its check digits or date rules, not
by shape alone, so an order number of the same length is rarely flagged:

- ``card_number``: 13-19 digits (spaces or hyphens allowed), Luhn;
- ``iban``: country code, two check digits, ISO 13616 mod-97 == 1, the country's length;
- ``no_fnr``: Norwegian fødselsnummer / D-number / H-number, both mod-11 check digits;
- ``se_personnummer``: Swedish personnummer / samordningsnummer, 10 or 12 digits with or
  without ``-``/``+``, Luhn over the last 10 digits, a real date;
- ``dk_cpr``: Danish CPR, ``DDMMYY-SSSS`` with a real date (mod-11 was dropped in 2007).

Runs anywhere (pure functions, no I/O). The assistant calls it before a draft is copied or
saved; the importer may call :func:`flags` to mark notes (``personal_number``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

KINDS = ("card_number", "iban", "no_fnr", "se_personnummer", "dk_cpr")
PERSONAL_NUMBER_KINDS = ("no_fnr", "se_personnummer", "dk_cpr")

LABELS = {
    "card_number": "a payment card number",
    "iban": "a bank account number (IBAN)",
    "no_fnr": "a Norwegian national identity number",
    "se_personnummer": "a Swedish personal identity number",
    "dk_cpr": "a Danish CPR number",
}


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int

    @property
    def label(self) -> str:
        return LABELS[self.kind]

    def as_json(self) -> dict:
        return {"kind": self.kind, "start": self.start, "end": self.end}


# ---- check-digit algorithms -------------------------------------------------------------

def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


# ISO 13616 lengths for the countries a Nordic/European sales team meets most.
IBAN_LENGTHS = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20,
    "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GL": 18, "GR": 27, "HR": 21, "HU": 28, "IE": 22,
    "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15,
    "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "UA": 29,
}


def iban_ok(iban: str) -> bool:
    iban = iban.replace(" ", "").upper()
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected is not None and len(iban) != expected:
        return False
    if not (15 <= len(iban) <= 34) or not iban[2:4].isdigit():
        return False
    rearranged = iban[4:] + iban[:4]
    try:
        number = int("".join(str(int(ch, 36)) for ch in rearranged))
    except ValueError:
        return False
    return number % 97 == 1


def _real_date(day: int, month: int, year: int) -> bool:
    try:
        date(year, month, day)
        return True
    except ValueError:
        return False


def _any_century(day: int, month: int, yy: int) -> bool:
    return any(_real_date(day, month, c + yy) for c in (1900, 2000, 1800))


_FNR_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_FNR_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _mod11(digits: str, weights: tuple[int, ...]) -> int | None:
    r = 11 - sum(int(d) * w for d, w in zip(digits, weights)) % 11
    if r == 11:
        return 0
    return None if r == 10 else r


def no_fnr_ok(digits: str) -> bool:
    if len(digits) != 11:
        return False
    k1 = _mod11(digits[:9], _FNR_W1)
    if k1 is None or k1 != int(digits[9]):
        return False
    k2 = _mod11(digits[:10], _FNR_W2)
    if k2 is None or k2 != int(digits[10]):
        return False
    day, month, yy = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    if day > 40:  # D-number
        day -= 40
    if month > 80:  # synthetic test numbers (Skatteetaten's test population)
        month -= 80
    elif month > 40:  # H-number
        month -= 40
    return _any_century(day, month, yy)


def se_personnummer_ok(ten: str, century: str | None = None) -> bool:
    if len(ten) != 10 or not luhn_ok(ten):
        return False
    yy, month, day = int(ten[0:2]), int(ten[2:4]), int(ten[4:6])
    if day > 60:  # samordningsnummer
        day -= 60
    if century is not None:
        return _real_date(day, month, int(century) * 100 + yy)
    return _any_century(day, month, yy)


def dk_cpr_ok(ten: str) -> bool:
    if len(ten) != 10:
        return False
    return _any_century(int(ten[0:2]), int(ten[2:4]), int(ten[4:6]))


# ---- scanning ---------------------------------------------------------------------------

_IBAN_RE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])")
_CARD_RE = re.compile(r"(?<![\d\-])\d(?:[ \-]?\d){12,18}(?![\d])")
_FNR_RE = re.compile(r"(?<![\d\-+])(\d{6}) ?(\d{5})(?!\d)")
_SE_RE = re.compile(r"(?<![\d\-+])(19|20)?(\d{6})([-+]?)(\d{4})(?!\d)")
_DK_RE = re.compile(r"(?<![\d\-+])(\d{6})-?(\d{4})(?!\d)")


def _candidates(text: str):
    for m in _IBAN_RE.finditer(text):
        if iban_ok(m.group(0)):
            yield Finding("iban", m.start(), m.end())
    for m in _CARD_RE.finditer(text):
        digits = re.sub(r"[ \-]", "", m.group(0))
        if luhn_ok(digits) and len(set(digits)) > 1:
            yield Finding("card_number", m.start(), m.end())
    for m in _FNR_RE.finditer(text):
        if no_fnr_ok(m.group(1) + m.group(2)):
            yield Finding("no_fnr", m.start(), m.end())
    for m in _SE_RE.finditer(text):
        century, ten = m.group(1), m.group(2) + m.group(4)
        if se_personnummer_ok(ten, century):
            yield Finding("se_personnummer", m.start(), m.end())
    for m in _DK_RE.finditer(text):
        if dk_cpr_ok(m.group(1) + m.group(2)):
            yield Finding("dk_cpr", m.start(), m.end())


def scan(text: str) -> list[Finding]:
    """Every personal number in ``text``, in order, without overlaps.

    Where two kinds claim the same characters, the one with the stronger check wins
    (IBAN, card, Norwegian, Swedish, then Danish, whose only check is the date).
    """
    if not text:
        return []
    taken: list[Finding] = []
    for f in _candidates(text):  # yielded strongest kind first
        if not any(f.start < t.end and t.start < f.end for t in taken):
            taken.append(f)
    return sorted(taken, key=lambda f: f.start)


def flags(text: str) -> set[str]:
    """Note flags for import: ``personal_number`` and/or ``payment_data``."""
    out: set[str] = set()
    for f in scan(text):
        out.add("personal_number" if f.kind in PERSONAL_NUMBER_KINDS else "payment_data")
    return out


def mask(text: str, findings: list[Finding] | None = None) -> str:
    """``text`` with each finding replaced by ``[kind]`` (for showing where, not what)."""
    findings = scan(text) if findings is None else findings
    out, pos = [], 0
    for f in findings:
        out.append(text[pos:f.start])
        out.append(f"[{f.kind}]")
        pos = f.end
    out.append(text[pos:])
    return "".join(out)
