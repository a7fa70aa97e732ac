"""What the pipeline mappers share: reading a money cell with the file's locale, a kind from an
activity type, and the text an activity keeps when the export gives no description."""

from __future__ import annotations

from decimal import Decimal

from app.core.crm.mappers.base import cell
from app.core.crm.values import currency_code, parse_amount

KIND_WORDS = {
    "call": "call", "phone call": "call", "phonecall": "call", "telefonsamtale": "call", "anruf": "call", "samtal": "call",
    "meeting": "meeting", "event": "meeting", "appointment": "meeting", "lunch": "meeting", "møte": "meeting",
    "besprechung": "meeting", "termin": "meeting", "avtale": "meeting", "möte": "meeting",
    "email": "email", "e-mail": "email", "e-post": "email", "listemail": "email", "incoming_email": "email",
    "forwarded_email": "email",
    "task": "task", "todo": "task", "to-do": "task", "deadline": "task", "oppgave": "task", "aufgabe": "task",
    "uppgift": "task", "opgave": "task", "note": "note", "notat": "note", "notiz": "note",
}


def kind_of(text: str | None, default: str = "task") -> str:
    """call/meeting/email/task/note from a CRM's activity type label ("Call", "Deadline", "Lunch")."""
    t = (text or "").strip().casefold()
    return KIND_WORDS.get(t, KIND_WORDS.get(t.replace(" ", ""), default))


def decimal_comma(table) -> bool | None:
    """True for a ';'-separated file: a spreadsheet saved in a locale whose decimal mark is ','."""
    return True if getattr(table, "delimiter", "") == ";" else None


def money(row, i_amount, i_currency, table, *, kr: str | None = "NOK") -> tuple[Decimal | None, str | None, str | None]:
    """(amount, currency, problem) from an amount cell and an optional currency column. A bare
    "kr" with no currency column is taken as NOK (a guess: SEK and DKK write "kr" too; the
    currency column, when the export has one, always wins)."""
    raw = cell(row, i_amount)
    amount, found = parse_amount(raw, decimal_comma=decimal_comma(table), kr=kr)
    cur = currency_code(cell(row, i_currency)) or found
    problem = f"the amount '{raw}' is not a number; the deal is kept without it" if raw and amount is None else None
    return amount, cur, problem


def body_or_subject(body: str | None, subject: str | None, label: str) -> str:
    """An activity's text: its description, else its subject, else what it is ("Call")."""
    b = (body or "").strip()
    return b if b else (subject or label)
