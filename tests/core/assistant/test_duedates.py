"""Due dates of next steps read in code from the note's words, relative to the note's date
(issue 23), in English and Norwegian bokmål."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.assistant.duedates import parse_due

WED = date(2026, 5, 20)  # the note's date: a Wednesday


@pytest.mark.parametrize("text, due", [
    # Norwegian bokmål
    ("Vi sender revidert tilbud innen fredag 24.05.", "2026-05-24"),  # the written date wins over the weekday
    ("innen 5. mars", "2027-03-05"),  # March has passed this year: the coming one
    ("Svar i morgen", "2026-05-21"),
    ("ring henne i overmorgen", "2026-05-22"),
    ("Vi tar det neste uke", "2026-05-25"),  # the Monday of next week
    ("møte på fredag", "2026-05-22"),
    ("neste tirsdag", "2026-05-26"),
    ("neste fredag", "2026-05-29"),
    ("om to uker", "2026-06-03"),
    ("frist 24.5.2026", "2026-05-24"),
    ("før 1. juni", "2026-06-01"),
    ("innen slutten av måneden", "2026-05-31"),
    # English
    ("Send the quote by 5 March", "2027-03-05"),
    ("next Tuesday", "2026-05-26"),
    ("by Friday", "2026-05-22"),
    ("call back tomorrow", "2026-05-21"),
    ("revisit next week", "2026-05-25"),
    ("decision by June 3, 2026", "2026-06-03"),
    ("by the 29th of May", "2026-05-29"),
    ("due 2026-06-01", "2026-06-01"),
    ("in 3 days", "2026-05-23"),
    ("by end of the month", "2026-05-31"),
    ("we owe a revised quote by 29 May", "2026-05-29"),
    ("May 28th works", "2026-05-28"),
    # no date at all
    ("Send the contract", None),
    ("They run 1.5 shifts", None),
])
def test_due_dates_in_en_and_nb(text, due):
    got = parse_due(text, WED)
    assert (got.isoformat() if got else None) == due


def test_relative_to_the_note_date_not_today():
    assert parse_due("i morgen", date(2024, 2, 28)) == date(2024, 2, 29)
    assert parse_due("next week", date(2026, 5, 24)) == date(2026, 5, 25)  # a Sunday's next week starts the day after
    assert parse_due("innen 2. januar", date(2025, 12, 20)) == date(2026, 1, 2)  # across the new year
