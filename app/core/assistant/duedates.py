"""Due dates written in a note, read in code (never by the model), relative to the note's date.

English and Norwegian bokmål: "by 5 March", "March 5th", "next Tuesday", "tomorrow",
"next week", "in 2 weeks", "end of the month", "2026-03-05"; "innen fredag 24.05.",
"5. mars", "i morgen", "neste uke", "om to uker", "på tirsdag", "i overmorgen", "24.05.2026".

The rules, so a reader can predict the answer:

- an explicit date wins over a weekday next to it ("fredag 24.05." is the 24th of May);
- a day and month without a year is the next such date on or after the note's date, allowing
  a month back (a note of 3 January saying "by 28 December" means the December before is odd,
  so it means the coming one only when it is more than 31 days back);
- a weekday alone ("Friday", "på fredag", "by Friday") is the first such day after the note's
  date; "next Friday" / "neste fredag" is that weekday in the week after the note's week;
- "next week" / "neste uke" / "til uka" is the Monday of the following week; "end of the
  week" the Friday of the note's week; "end of the month" its last day.

Pure functions: run anywhere.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_MONTHS = {
    # English
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5, "june": 6,
    "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
    # Norwegian bokmål
    "januar": 1, "februar": 2, "mars": 3, "mai": 5, "juni": 6, "juli": 7, "okt": 10, "oktober": 10, "desember": 12,
    "des": 12,
}
_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "thursday": 3, "thu": 3,
    "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
    "mandag": 0, "tirsdag": 1, "onsdag": 2, "torsdag": 3, "fredag": 4, "lørdag": 5, "lordag": 5, "søndag": 6,
    "sondag": 6,
}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a": 1, "an": 1,
            "en": 1, "ei": 1, "ett": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6}

_M = "|".join(sorted(_MONTHS, key=len, reverse=True))
_W = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_N = r"\d{1,2}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True))

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DMY = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(?:(\d{4}|\d{2})\b)?")  # 24.05. / 24.5.2026 / 24.05.26
_DMY_SLASH_NB = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])")  # 24/5 (day first, as in nb)
_D_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?:of\s+)?({_M})\b\.?(?:\s+(\d{{4}}))?", re.IGNORECASE)
_MONTH_D = re.compile(rf"\b({_M})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE)
_NEXT_WEEKDAY = re.compile(rf"\b(?:next|neste|kommende)\s+({_W})\b", re.IGNORECASE)
_WEEKDAY = re.compile(rf"\b({_W})\b", re.IGNORECASE)
_IN_N = re.compile(rf"\b(?:in|within|om|innen)\s+({_N})\s+(days?|weeks?|months?|dager?|dag|uker?|uke|måneder?|måned)\b",
                   re.IGNORECASE)
_FIXED = [
    (re.compile(r"\b(?:i\s+overmorgen|the\s+day\s+after\s+tomorrow)\b", re.IGNORECASE), lambda d: d + timedelta(days=2)),
    (re.compile(r"\b(?:tomorrow|i\s+morgen|imorgen)\b", re.IGNORECASE), lambda d: d + timedelta(days=1)),
    (re.compile(r"\b(?:today|i\s+dag|idag|eod|end\s+of\s+(?:the\s+)?day)\b", re.IGNORECASE), lambda d: d),
    (re.compile(r"\b(?:next\s+week|neste\s+uke|til\s+uka|neste\s+veke)\b", re.IGNORECASE),
     lambda d: d + timedelta(days=7 - d.weekday())),
    (re.compile(r"\b(?:end\s+of\s+(?:the\s+)?week|this\s+week|slutten\s+av\s+uka|slutten\s+av\s+uken|i\s+løpet\s+av\s+uka|"
                r"denne\s+uka|denne\s+uken)\b", re.IGNORECASE),
     lambda d: d + timedelta(days=max(0, 4 - d.weekday()))),
    (re.compile(r"\b(?:end\s+of\s+(?:the\s+)?month|this\s+month|slutten\s+av\s+måneden|i\s+løpet\s+av\s+måneden|"
                r"månedsslutt)\b", re.IGNORECASE),
     lambda d: d.replace(day=calendar.monthrange(d.year, d.month)[1])),
    (re.compile(r"\b(?:next\s+month|neste\s+måned)\b", re.IGNORECASE),
     lambda d: _add_months(d.replace(day=1), 1)),
]


def _add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return d.replace(year=y, month=m, day=min(d.day, calendar.monthrange(y, m)[1]))


def _year(two_or_four: str | None) -> int | None:
    if not two_or_four:
        return None
    y = int(two_or_four)
    return y + 2000 if y < 100 else y


def _make(day: int, month: int, year: int | None, ref: date) -> date | None:
    try:
        if year is not None:
            return date(year, month, day)
        d = date(ref.year, month, day)
    except ValueError:
        return None
    if d < ref - timedelta(days=31):
        try:
            d = date(ref.year + 1, month, day)
        except ValueError:
            return None
    return d


def _number(word: str) -> int | None:
    w = word.lower()
    return int(w) if w.isdigit() else _NUMBERS.get(w)


def parse_due(text: str, ref: date) -> date | None:
    """The first due date written in ``text``, relative to ``ref`` (the note's date); None when
    it names none."""
    if not text:
        return None
    found: list[tuple[int, date]] = []  # (position, date): the first expression in the text wins

    for m in _ISO.finditer(text):
        d = _make(int(m.group(3)), int(m.group(2)), int(m.group(1)), ref)
        if d:
            found.append((m.start(), d))
    for m in _DMY.finditer(text):
        d = _make(int(m.group(1)), int(m.group(2)), _year(m.group(3)), ref)
        if d:
            found.append((m.start(), d))
    for m in _D_MONTH.finditer(text):
        d = _make(int(m.group(1)), _MONTHS[m.group(2).lower()], _year(m.group(3)), ref)
        if d:
            found.append((m.start(), d))
    for m in _MONTH_D.finditer(text):
        d = _make(int(m.group(2)), _MONTHS[m.group(1).lower()], _year(m.group(3)), ref)
        if d:
            found.append((m.start(), d))
    if found:
        return min(found, key=lambda f: f[0])[1]
    for m in _DMY_SLASH_NB.finditer(text):
        d = _make(int(m.group(1)), int(m.group(2)), _year(m.group(3)), ref)
        if d:
            found.append((m.start(), d))
    if found:
        return min(found, key=lambda f: f[0])[1]

    for rx, fn in _FIXED:
        m = rx.search(text)
        if m:
            found.append((m.start(), fn(ref)))
    for m in _IN_N.finditer(text):
        n = _number(m.group(1))
        if n is None:
            continue
        unit = m.group(2).lower()
        if unit.startswith(("day", "dag")):
            d = ref + timedelta(days=n)
        elif unit.startswith(("week", "uke")):
            d = ref + timedelta(weeks=n)
        else:
            d = _add_months(ref, n)
        found.append((m.start(), d))
    nexts = set()
    for m in _NEXT_WEEKDAY.finditer(text):
        wd = _WEEKDAYS[m.group(1).lower()]
        monday_next = ref + timedelta(days=7 - ref.weekday())
        found.append((m.start(), monday_next + timedelta(days=wd)))
        nexts.add(m.start(1))
    for m in _WEEKDAY.finditer(text):
        if m.start(1) in nexts or (m.group(1).lower() in ("sun", "sat", "wed") and m.group(1).islower()):
            continue  # "next Friday" is above; a lower-case "sat"/"wed" is more likely a word than a day
        wd = _WEEKDAYS[m.group(1).lower()]
        ahead = (wd - ref.weekday()) % 7 or 7
        found.append((m.start(), ref + timedelta(days=ahead)))
    if found:
        return min(found, key=lambda f: f[0])[1]
    return None
