"""Outlook and Google Contacts CSV exports, and generic CSV/Excel with a column mapping.

- Outlook (English): "First Name","Middle Name","Last Name","Company","Job Title",
  "E-mail Address","Business Phone","Mobile Phone","Notes", ...
- Google Contacts: the current export ("First Name","Middle Name","Last Name", ...,
  "Notes", "E-mail 1 - Value", "Phone 1 - Value", "Organization Name",
  "Organization Title") and the older one ("Name","Given Name","Family Name", ...,
  "Notes", "E-mail 1 - Value", "Organization 1 - Name", "Organization 1 - Title").
  A "Notes" cell becomes one undated note on that contact.
- Generic: any table whose headers we recognise in English, Norwegian, Swedish, Danish
  or German (:mod:`app.core.crm.headers`), or that the user maps with ``--map``. A row
  with an e-mail or a name becomes a contact; a note column becomes that contact's note.
"""

from __future__ import annotations

from app.core.crm.headers import auto_mapping, parse_mapping
from app.core.crm.mappers.base import STAGE_CONTACTS, Cols, TableFormat, cell, join_name, norm_date
from app.core.crm.model import ContactRec, NoteRec, Warning
from app.core.crm.tables import ImportFileError
from app.core.errors import Message, N_


class OutlookFormat(TableFormat):
    name = "outlook"
    label = "Outlook contacts CSV"

    def score(self, c):
        return 80 if c.has("E-mail Address") and c.has("First Name") and (c.has("Middle Name") or c.has("Job Title")) else 0

    def stage(self, c):
        return STAGE_CONTACTS

    def map_rows(self, table, c, mapping):
        ix = c.idx
        i_f, i_m, i_l, i_co = ix("First Name"), ix("Middle Name"), ix("Last Name"), ix("Company")
        i_t, i_e, i_p, i_n = ix("Job Title"), ix("E-mail Address"), ix("Business Phone", "Mobile Phone", "Primary Phone"), ix("Notes")
        for line, row in table.rows:
            f, m, l_ = cell(row, i_f), cell(row, i_m), cell(row, i_l)
            rec = ContactRec(line, " ".join(p for p in (f, m, l_) if p), f, l_, cell(row, i_e), cell(row, i_p), cell(row, i_t),
                             cell(row, i_co), None, None, None)
            if cell(row, i_n):
                rec.notes.append((None, row[i_n].strip()))
            yield rec


class GoogleFormat(TableFormat):
    name = "google"
    label = "Google Contacts CSV"

    def score(self, c):
        return 80 if c.has("E-mail 1 - Value") else 0

    def stage(self, c):
        return STAGE_CONTACTS

    def map_rows(self, table, c, mapping):
        ix = c.idx
        i_f, i_l, i_n = ix("First Name", "Given Name"), ix("Last Name", "Family Name"), ix("Name")
        i_e, i_p = ix("E-mail 1 - Value"), ix("Phone 1 - Value")
        i_co, i_t, i_notes = ix("Organization Name", "Organization 1 - Name"), ix("Organization Title", "Organization 1 - Title"), ix("Notes")
        for line, row in table.rows:
            f, l_ = cell(row, i_f), cell(row, i_l)
            # Google joins several addresses in one cell with " ::: ".
            email = (cell(row, i_e) or "").split(":::")[0].strip() or None
            rec = ContactRec(line, join_name(f, l_, cell(row, i_n)), f, l_, email, cell(row, i_p), cell(row, i_t),
                             cell(row, i_co), None, None, None)
            if cell(row, i_notes):
                rec.notes.append((None, row[i_notes].strip()))
            yield rec


class GenericFormat(TableFormat):
    """The fallback: recognised localised headers, or an explicit ``--map``."""

    name = "csv"
    label = "CSV or Excel with recognised columns"

    def score(self, c):
        m = auto_mapping(c.columns)
        return 10 if ("email" in m or "full_name" in m or "last_name" in m or "first_name" in m) else 0

    def stage(self, c):
        return STAGE_CONTACTS

    def map_rows(self, table, c, mapping):
        m = parse_mapping(mapping, c.columns, table.path) if mapping else auto_mapping(c.columns)
        g = m.get
        if not any(k in m for k in ("email", "full_name", "first_name", "last_name", "note")):
            raise ImportFileError(
                N_("{path}: no recognisable columns (need at least an e-mail, a name or a note column)⟦; "
                "use --map \"Column=field,...\"⟧."), path=table.path
            )
        src = "csv"
        for line, row in table.rows:
            f, l_ = cell(row, g("first_name")), cell(row, g("last_name"))
            name = join_name(f, l_, cell(row, g("full_name")))
            email = cell(row, g("email"))
            note = row[g("note")] if "note" in m else ""
            rid = cell(row, g("id"))
            if name or email:
                rec = ContactRec(line, name, f, l_, email, cell(row, g("phone")), cell(row, g("job_title")),
                                 cell(row, g("company")), None, None, None)
                if note.strip():
                    rec.notes.append((cell(row, g("note_title")), note, norm_date(cell(row, g("date")))))
                yield rec
            elif note.strip():
                yield NoteRec(line, note, src, cell(row, g("note_title")), norm_date(cell(row, g("date"))), rid, (), html=True)
            else:
                yield Warning(line, Message(N_("{file}: line {line}: skipped, no name, e-mail or note."),
                                    file=table.path.name, line=line))
