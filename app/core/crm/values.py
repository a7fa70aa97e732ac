"""Reading the typed cells of pipeline exports: amounts, currencies, booleans, percentages,
durations and deal statuses, as CRMs and spreadsheets re-saved in other locales write them.

Pure functions (no vault, no Qt). Every amount is a :class:`decimal.Decimal` parsed from the
text, never a float: "1.25E7" is 12500000, "1 234 567,00 kr" is 1234567.00 (NOK), "12,500.50"
is 12500.50, "12.500,50 €" is 12500.50 (EUR). A cell that is not a number gives None (the
mapper warns), never 0.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Currency symbols and names as exports and locales write them. "kr" alone is NOK, SEK, DKK
# or ISK: the caller's hint (the file's other columns, its locale) decides; else None.
_SYMBOLS = {"€": "EUR", "$": "USD", "us$": "USD", "£": "GBP", "¥": "JPY", "chf": "CHF", "fr.": "CHF", "zł": "PLN",
            "nkr": "NOK", "skr": "SEK", "dkr": "DKK"}
_NAMES = {
    "norwegian krone": "NOK", "norske kroner": "NOK", "norsk krone": "NOK", "swedish krona": "SEK", "svenska kronor": "SEK",
    "danish krone": "DKK", "danske kroner": "DKK", "euro": "EUR", "us dollar": "USD", "u.s. dollar": "USD",
    "pound sterling": "GBP", "british pound": "GBP", "swiss franc": "CHF", "icelandic krona": "ISK",
}
_ISO = re.compile(r"\b([A-Z]{3})\b")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")


def currency_code(text: str | None) -> str | None:
    """An ISO 4217 code from a code ("NOK", "nok"), a name ("Norwegian Krone") or a symbol ("€")."""
    if not text:
        return None
    t = text.strip()
    if re.fullmatch(r"[A-Za-z]{3}", t):
        return t.upper()
    low = t.casefold()
    if low in _NAMES:
        return _NAMES[low]
    if low in _SYMBOLS:
        return _SYMBOLS[low]
    m = re.match(r"^([A-Z]{3})\b", t)  # "NOK - Norwegian Krone", "EUR (Euro)"
    return m.group(1) if m else None


def parse_amount(text: str | None, *, decimal_comma: bool | None = None, kr: str | None = None
                 ) -> tuple[Decimal | None, str | None]:
    """(amount, ISO currency found in the cell) from a money cell; (None, None) when empty or
    not a number. ``decimal_comma``: the file was written in a locale whose decimal mark is
    the comma (a ``;``-separated re-save): "1,250" is then 1.25, not 1250. ``kr``: the ISO
    code a bare "kr" stands for in this file."""
    if text is None:
        return None, None
    t = text.strip()
    if not t:
        return None, None
    currency = None
    m = _ISO.search(t)
    if m:
        currency, t = m.group(1), (t[: m.start()] + t[m.end():]).strip()
    low = t.casefold()
    for sym, code in sorted(_SYMBOLS.items(), key=lambda kv: -len(kv[0])):
        if sym in low:
            currency = currency or code
            i = low.index(sym)
            t, low = t[:i] + t[i + len(sym):], low[:i] + low[i + len(sym):]
            break
    if re.search(r"(^|[\s\d.,])kr\.?($|[\s\d])", low):
        currency = currency or kr
        t = re.sub(r"(?i)kr\.?", "", t)
    t = _SPACES.sub("", t).rstrip(",-").rstrip(".")  # "1 234,-": whole kroner
    negative = t.startswith("(") and t.endswith(")")
    t = t.strip("()")
    if not t or not re.fullmatch(r"[+-]?[\d.,]*\d([eE][+-]?\d+)?", t.replace(",-", "")):
        return None, currency
    if "e" in t.casefold():
        mantissa, _, exp = t.casefold().partition("e")
        t = _separators(mantissa, decimal_comma) + "e" + exp
    else:
        t = _separators(t, decimal_comma)
    try:
        value = Decimal(t)
    except InvalidOperation:
        return None, currency
    if negative:
        value = -value
    return canonical(value), currency


def _separators(t: str, decimal_comma: bool | None) -> str:
    """Digits with one '.' as the decimal mark."""
    if "," in t and "." in t:
        dec = "," if t.rfind(",") > t.rfind(".") else "."
        grp = "." if dec == "," else ","
        return t.replace(grp, "").replace(dec, ".")
    if "," in t:
        parts = t.split(",")
        if len(parts) > 2:
            return t.replace(",", "")  # 1,234,567
        if decimal_comma is None:
            decimal_comma = len(parts[1]) != 3  # "12,50" decimal; "12,500" a thousands group
        return t.replace(",", ".") if decimal_comma else t.replace(",", "")
    if t.count(".") > 1:
        return t.replace(".", "")  # 1.234.567 (German/Norwegian grouping)
    if "." in t and decimal_comma and len(t.split(".")[1]) == 3:
        return t.replace(".", "")  # 12.500 in a decimal-comma file
    return t


def canonical(value: Decimal) -> Decimal:
    """At least two decimals (cents), more when the export had them; no exponent."""
    value = (value + Decimal(0)).normalize()  # drops a negative zero's sign and trailing zeros
    exp = value.as_tuple().exponent
    if isinstance(exp, int) and exp > -2:
        return value.quantize(Decimal("0.01"))
    return value


def amount_text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


_TRUE = {"true", "1", "yes", "y", "ja", "j", "sann", "sant", "wahr", "vrai", "sí", "si", "x", "done", "completed", "ferdig",
         "fullført", "utført", "erledigt", "abgeschlossen", "klar", "afsluttet", "won"}
_FALSE = {"false", "0", "no", "n", "nei", "usann", "falskt", "falsk", "falsch", "faux", "nej", "not done", "open", "åpen",
          "offen", "ikke fullført", "not started", "in progress", "pågår", ""}


def parse_bool(text: str | None) -> bool | None:
    """A boolean cell in English or a Nordic/German spreadsheet's words (SANN/USANN, WAHR/FALSCH)."""
    if text is None:
        return None
    t = text.strip().casefold()
    if t in _TRUE:
        return True
    if t in _FALSE:
        return False if t else None
    return None


def parse_probability(text: str | None, *, fraction: bool = False, decimal_comma: bool | None = None) -> int | None:
    """A probability 0-100 from "60", "60 %", "0.6" (``fraction``: HubSpot writes 0-1)."""
    if not text or not text.strip():
        return None
    t = text.strip().rstrip("%").strip()
    value, _ = parse_amount(t, decimal_comma=decimal_comma if decimal_comma is not None else ("," in t and "." not in t))
    if value is None:
        return None
    if fraction or ("%" not in text and Decimal(0) < value < 1):
        value = value * 100
    p = int(value.to_integral_value())
    return p if 0 <= p <= 100 else None


def parse_minutes(text: str | None) -> int | None:
    """A duration in minutes from "45", "00:45", "01:30:00", "1h 30m", "90 min"."""
    if not text or not text.strip():
        return None
    t = text.strip().casefold()
    m = re.fullmatch(r"(\d+):(\d{2})(?::(\d{2}))?", t)
    if m:
        return int(m.group(1)) * 60 + int(m.group(2))
    m = re.fullmatch(r"(?:(\d+)\s*h\w*)?\s*(?:(\d+)\s*m\w*)?", t)
    if m and (m.group(1) or m.group(2)):
        return int(m.group(1) or 0) * 60 + int(m.group(2) or 0)
    try:
        return int(Decimal(t.replace(",", ".")))
    except InvalidOperation:
        return None


_WON = re.compile(r"\b(closed[\s_-]*won|won|vunnet|gewonnen|vundet|vunnen|gagné|ganado)\b|^closedwon$", re.IGNORECASE)
_LOST = re.compile(r"\b(closed[\s_-]*lost|lost|tapt|verloren|tabt|förlorad|perdu|perdido|cancell?ed|out-sold|"
                   r"avbrutt|kansellert)\b|^closedlost$", re.IGNORECASE)


def status_from_stage(stage: str | None) -> str:
    """open/won/lost from a stage label, for CRMs whose export has no closed/won flag: "Closed Won",
    "Closed Lost to Competition", "closedwon", "Vunnet", "Tapt", "Gewonnen"."""
    s = (stage or "").strip()
    if _WON.search(s):
        return "won"
    if _LOST.search(s):
        return "lost"
    return "open"


def status_word(text: str | None) -> str | None:
    """open/won/lost from a status cell ("Won", "Lost", "Open", "Vunnet", "Åpen", "Active"), or None."""
    if not text or not text.strip():
        return None
    t = text.strip().casefold()
    if t in ("open", "åpen", "apen", "offen", "öppen", "aktiv", "active", "in progress", "pågår"):
        return "open"
    won = status_from_stage(t)
    return won if won != "open" else None


def date_only(value: str | None) -> str | None:
    """YYYY-MM-DD of an ISO date or date-time (as :func:`mappers.base.norm_date` writes it)."""
    if not value or len(value) < 10 or value[4] != "-" or value[7] != "-":
        return None
    return value[:10] if value[:4].isdigit() and value[5:7].isdigit() and value[8:10].isdigit() else None
