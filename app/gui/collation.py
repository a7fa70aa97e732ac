"""Sorting names as a Nordic reader expects, through Qt's collator (ICU): … Z Æ Ø Å.

SQL sorts by code point (Å before Æ before Ø; Ä and Ö elsewhere), so the window sorts what
it shows with :func:`sort_by_name`. Runs on the GUI thread.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QCollator, QLocale, Qt


def name_collator() -> QCollator:
    """Names in the order a reader expects: Norwegian (… Z Æ Ø Å, Ä with Æ, Ö with Ø), or the
    system's own order where it has its own for these letters (Swedish, Danish, German,
    Finnish, nynorsk); case and accents otherwise ignored, numbers by value."""
    system = QLocale.system()
    own = (QLocale.Language.Swedish, QLocale.Language.Danish, QLocale.Language.German, QLocale.Language.Finnish,
           QLocale.Language.NorwegianNynorsk)
    c = QCollator(system if system.language() in own else QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway))
    c.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    c.setNumericMode(True)
    return c


def sort_by_name(rows: list[dict], key: str = "name") -> list[dict]:
    compare = name_collator().compare
    return sorted(rows, key=functools.cmp_to_key(lambda a, b: compare(str(a.get(key) or ""), str(b.get(key) or ""))))
