"""A note, as the assistant holds it from the vault read to the prompt: one small, frozen,
typed record (no positional tuples, no renamed keys, no mutation on the way).

It also reads as a read-only mapping (``note["id"]``, ``note.get("body")``) so code that
took the vault's row dicts (fencing, citations) works unchanged. Pure data, Qt-free.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Note(Mapping):
    id: int
    date: str | None
    title: str | None
    body: str
    source: str | None = None
    contact_id: int | None = None
    account_id: int | None = None
    flags: tuple = ()
    contact_name: str | None = None  # for an account's notes: whose note it is

    @classmethod
    def from_row(cls, row: Mapping) -> "Note":
        """From :func:`app.core.vault.records.notes_for`'s row (or an evaluation-set note)."""
        return cls(
            id=int(row["id"]), date=row.get("date"), title=row.get("title"), body=row.get("body") or "",
            source=row.get("source"), contact_id=row.get("contact_id"), account_id=row.get("account_id"),
            flags=tuple(row.get("flags") or ()), contact_name=row.get("contact_name"),
        )

    def with_person(self, name: str | None) -> "Note":
        return replace(self, contact_name=name) if name else self

    # Read-only mapping view, for code written against row dicts.
    def __getitem__(self, key: str):
        if key in _NAMES:
            return getattr(self, key)
        raise KeyError(key)

    def __iter__(self):
        return iter(_NAMES)

    def __len__(self) -> int:
        return len(_NAMES)


_NAMES = tuple(f.name for f in fields(Note))


def from_rows(rows) -> list[Note]:
    return [r if isinstance(r, Note) else Note.from_row(r) for r in rows]
