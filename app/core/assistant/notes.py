"""A note, as the assistant holds it from the vault read to the prompt: the one
:class:`~app.core.model.Note` every layer uses (the vault's queries return it).

:func:`from_rows` takes notes from the vault as they are and builds one from a mapping with
the same keys (an evaluation set's note). Pure data, Qt-free.
"""

from __future__ import annotations

from app.core.model import Note

__all__ = ["Note", "from_rows"]


def from_rows(rows) -> list[Note]:
    return [Note.from_row(r) for r in rows]
