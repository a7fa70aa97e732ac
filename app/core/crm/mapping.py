"""Which of Confidant's fields each column of a table feeds, and the user's changes to that.

The import wizard shows, per column, the field the chosen format reads it as, and lets
the user change it. Qt-free; runs on any thread (it reads no file).

- :func:`detected_fields`: the field per column. For the generic format it is the
  recognised-header mapping. For a CRM format it is found by
  running that format's own mapper on one probe row whose every cell carries a distinct
  marker, and reading back where each marker landed in the record (so what is shown is
  what the mapper does, not a second description of it). Besides :data:`FIELDS`, a column
  may be ``"link"`` (finds the note's or contact's parent: a CRM id or a name), or
  ``"attachment"`` (describes an attached file); these are fixed, not offered to change.
- :func:`open_stream`: a file's records with the user's :class:`~app.core.model.ColumnMapping`
  applied. The generic format reads only the mapping; for a CRM format (:func:`overridden`)
  a changed content field is read from the column the user chose, or left empty when its
  column is set to ``ignore``; links and ids stay the format's own.
- :func:`missing_required`: what a mapping lacks to be importable (a note text for a notes
  file, a name or e-mail for a contacts file, ...), or None.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from app.core.crm.headers import FIELDS, auto_mapping, mapping_entries
from app.core.crm.mappers.base import Cols, Stream, TableFormat, cell, join_name, norm_date
from app.core.crm.model import AccountRec, ActivityRec, ContactRec, LinkRec, NoteRec
from app.core.crm.tables import ImportFileError, Table, open_table
from app.core.model import IGNORE, ColumnMapping

GENERIC = "csv"
LINK, ATTACHMENT = "link", "attachment"

# The fields a user may choose for a column, by what the file's rows become.
EDITABLE = {
    "contact": ("first_name", "last_name", "full_name", "email", "phone", "job_title", "company", "note", "note_title", "date"),
    "note": ("note", "note_title", "date"),
    "account": ("company", "website"),
    "link": (),
    GENERIC: FIELDS,
}

_CONTACT_ATTRS = (("first_name", "first_name"), ("last_name", "last_name"), ("email", "email"), ("phone", "phone"),
                  ("title", "job_title"), ("company", "company"), ("crm_id", "id"), ("full_name", "full_name"))
_NOTE_ATTRS = (("body", "note"), ("title", "note_title"), ("date", "date"), ("crm_id", "id"), ("attachment", ATTACHMENT))
_ACCOUNT_ATTRS = (("name", "company"), ("website", "website"), ("crm_id", "id"))


def _marker(i: int, guid: bool = False) -> str:
    # First pass: looks like an 18-character Salesforce id (sf18 keeps the first 15
    # characters) and like nothing else: no date, no separator, not "true", not a
    # placeholder. Second pass: a GUID (Dynamics reads a lookup as an id only then).
    if guid:
        return f"{i:08x}-0bad-4e5e-8f00-00000000c0de"
    return f"q9Z{i:04d}PrObEzX" + "AAA"


def _key(i: int, guid: bool = False) -> str:
    return _marker(i, guid) if guid else _marker(i)[:15].casefold()


def _kind_of(rec) -> str | None:
    return {ContactRec: "contact", NoteRec: "note", ActivityRec: "note", AccountRec: "account", LinkRec: "link"}.get(type(rec))


def _probe(fmt, columns: list[str], guid: bool = False):
    """The first record ``fmt`` makes of a row of markers (None when it makes none)."""
    row = [_marker(i, guid) for i in range(len(columns))]
    table = Table(Path("probe.csv"), "csv", "utf-8", ",", list(columns), iter([(2, row)]), 0, lambda: 0)
    try:
        for rec in fmt.map_rows(table, Cols(list(columns)), None):
            if _kind_of(rec):
                return rec
    except (ImportFileError, IndexError, ValueError, KeyError):
        return None
    return None


def _texts(rec) -> list[tuple[str, str]]:
    """(field, text) for each place in ``rec`` a cell can land, most specific first."""
    out: list[tuple[str, str]] = []
    kind = _kind_of(rec)
    attrs = {"contact": _CONTACT_ATTRS, "note": _NOTE_ATTRS, "account": _ACCOUNT_ATTRS}.get(kind, ())
    for attr, field in attrs:
        v = getattr(rec, attr, None)
        if v:
            out.append((field, str(v)))
    if kind == "contact":
        if rec.account is not None:
            out.append((LINK, rec.account.id))
        for item in rec.notes:
            out += [(f, str(v)) for f, v in zip(("note_title", "note", "date"), item) if v]
    elif kind == "note":
        out += [(LINK, r.id) for r in rec.parents]
        if rec.by_name is not None:
            out += [(LINK, v) for v in (rec.by_name.person, rec.by_name.org) if v]
    elif kind == "link":
        out += [("id", rec.document.id), (LINK, rec.entity.id)]
    return out


def record_kind(fmt, columns: list[str]) -> str | None:
    """What ``fmt`` makes of this file's rows: "contact", "note", "account", "link", or
    "csv" for the generic format (contacts with notes, or notes)."""
    if fmt.name == GENERIC:
        return GENERIC
    rec = _probe(fmt, columns)
    return _kind_of(rec) if rec is not None else None


def detected_fields(fmt, columns: list[str]) -> list[str]:
    """The field each column feeds as ``fmt`` reads the file ("" = not used)."""
    if fmt.name == GENERIC:
        found = {i: f for f, i in auto_mapping(list(columns)).items()}
        return [found.get(i, "") for i in range(len(columns))]
    fields = [""] * len(columns)
    for guid in (False, True):
        rec = _probe(fmt, columns, guid)
        if rec is None:
            continue
        texts = [(f, t.casefold()) for f, t in _texts(rec)]
        for i in range(len(columns)):
            if fields[i]:
                continue
            key = _key(i, guid)
            fields[i] = next((f for f, t in texts if key in t), "")
    return fields


def column_choices(mapping: ColumnMapping, columns: list[str], path) -> dict[int, str]:
    """The user's mapping as column index -> field ("" for ``ignore``); a column named twice:
    the last wins. Unknown columns and fields fail as :func:`mapping_entries` says."""
    return {i: "" if fld == IGNORE else fld for i, fld in mapping_entries(mapping, columns, path)}


def missing_required(kind: str | None, fields: list[str]) -> str | None:
    """Which required field no column feeds: "note", "name_or_email", "company",
    "name_email_or_note" (generic), or None when the mapping is importable."""
    have = set(fields)
    if kind == "note":
        return None if have & {"note", ATTACHMENT} else "note"
    if kind == "contact":
        return None if have & {"full_name", "first_name", "last_name", "email"} else "name_or_email"
    if kind == "account":
        return None if "company" in have else "company"
    if kind == GENERIC:
        return None if have & {"full_name", "first_name", "last_name", "email", "note"} else "name_email_or_note"
    return None


# ---- the user's changes applied to a CRM format's records -----------------------------------

_SET = {
    "contact": {"first_name": "first_name", "last_name": "last_name", "full_name": "full_name", "email": "email",
                "phone": "phone", "job_title": "title", "company": "company"},
    "note": {"note_title": "title", "date": "date"},
    "account": {"company": "name", "website": "website"},
}


def open_stream(fmt, path: Path, mapping: ColumnMapping | None = None, encoding: str | None = None) -> Stream:
    """Open ``path`` as ``fmt`` with the user's ``mapping`` (None: the format's own)."""
    if not mapping or fmt.name == GENERIC or not isinstance(fmt, TableFormat):
        return fmt.open(path, mapping=mapping, encoding=encoding)
    table = open_table(path, encoding=encoding)
    records = overridden(fmt, table, Cols(table.columns), mapping)
    return Stream(records, table.bytes_total, table.bytes_done, table.close, table.warnings)


def overridden(fmt, table: Table, cols: Cols, mapping: ColumnMapping) -> Iterator:
    """``fmt``'s records for ``table`` with the content fields the ``mapping`` changes read
    from the columns it names (or emptied, for a column set to ``ignore``)."""
    columns = list(cols.columns)
    kind = record_kind(fmt, columns)
    detected = detected_fields(fmt, columns)
    final = list(detected)
    chosen = column_choices(mapping, columns, table.path)
    for i, f in chosen.items():
        if detected[i] in (LINK, ATTACHMENT, "id") and f != detected[i]:
            raise ImportFileError(f"{table.path}: --map: column '{columns[i]}' links or identifies records in "
                                  f"{fmt.label}; it cannot be changed.")
        if f and f not in EDITABLE.get(kind or "", ()):
            raise ImportFileError(f"{table.path}: --map: the field '{f}' does not apply to this file's rows.")
        final[i] = f

    def where(fields: list[str], first: dict[int, str]) -> dict[str, int]:
        out = {f: i for i, f in first.items() if f}  # the user's choice wins over a detected column
        for i, f in enumerate(fields):
            if f:
                out.setdefault(f, i)
        return out

    before, after = where(detected, {}), where(final, chosen)
    changed = {f: after.get(f) for f in set(before) | set(after) if before.get(f) != after.get(f)}
    if not changed:
        yield from fmt.map_rows(table, cols, None)
        return
    current: list = [None]
    inner = table.rows

    def rows():
        for line, row in inner:
            current[0] = row
            yield line, row

    table.rows = rows()
    for rec in fmt.map_rows(table, cols, None):
        row = current[0]
        k = _kind_of(rec)
        if row is not None and k in _SET:
            _apply(rec, k, row, changed)
        yield rec


def _apply(rec, kind: str, row: list[str], changed: dict[str, int | None]) -> None:
    def value(f):
        return cell(row, changed[f])

    for f, attr in _SET[kind].items():
        if f in changed:
            setattr(rec, attr, norm_date(value(f)) if f == "date" else value(f))
    if kind == "note":
        if "note" in changed:
            rec.body = row[changed["note"]] if changed["note"] is not None else ""
    elif kind == "account":
        rec.name = rec.name or ""
    elif kind == "contact":
        if "full_name" not in changed and changed.keys() & {"first_name", "last_name"}:
            rec.full_name = join_name(rec.first_name, rec.last_name)
        rec.full_name = rec.full_name or join_name(rec.first_name, rec.last_name)  # no name column: first + last
        if changed.keys() & {"note", "note_title", "date"}:
            old = rec.notes[0] if rec.notes else (None, "", None)
            title = value("note_title") if "note_title" in changed else old[0]
            body = (row[changed["note"]] if changed["note"] is not None else "") if "note" in changed else old[1]
            date = norm_date(value("date")) if "date" in changed else (old[2] if len(old) > 2 else None)
            rec.notes = [(title, body, date)] if (body or "").strip() else []
