"""Dated notes for the incremental-summary tests: a long account history spread over years,
so a summary is cut into parts at stable date boundaries (fictional people, example.com)."""

from __future__ import annotations

from app.core.model import NewNote
from app.core.vault.import_writer import ImportWriter, content_key

BODY = ("Call with {who} about the route-planning pilot: {n} trucks, delivery to Tromsø in week {w}, "
        "questions on SAP integration, driver training and the weekly report. Next step: send the price list for tier {t}.")


def add_dated(vault, contact_id: int, account_id: int | None, dates: list[str], *, tag: str = "hist",
              who: str = "Kari Nordmann") -> list[int]:
    """One note per date (ISO ``YYYY-MM-DD``), through the import writer; returns their ids."""
    out = []
    with vault.transaction() as conn:
        w = ImportWriter(conn)
        for i, date in enumerate(dates):
            body = BODY.format(who=who, n=3 + i % 9, w=1 + i % 52, t=i % 4)
            key = content_key(tag, str(i), str(contact_id), date, None, body)
            out.append(w.add_note(NewNote(contact_id=contact_id, account_id=account_id, date=date, title=f"Call {tag} {i}",
                                          body=body, source=tag, crm_id=f"{tag}-{i}", content_key=key, flags="[]")))
    return out


def history(years=(2021, 2022, 2023, 2024), per_year: int = 4) -> list[str]:
    """``per_year`` dates in each year, spread over its months."""
    return [f"{y}-{1 + (12 // per_year) * k:02d}-{10 + k:02d}" for y in years for k in range(per_year)]
