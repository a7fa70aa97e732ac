"""What table-shaped formats share: column lookup, cleaning, dates, and the stream object.

A :class:`TableFormat` recognises a header (``score``) and turns rows into records
(``map_rows``). Cells are kept as literal text: a cell such as ``=HYPERLINK("…")`` or
``+cmd`` is data and is stored as written (never evaluated; anything that later writes
CSV neutralises it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

from app.core.crm.model import AccountRec, ContactRec, LinkRec, NoteRec, Warning
from app.core.crm.tables import Table, open_table
from app.core.model import ColumnMapping

Record = AccountRec | ContactRec | NoteRec | LinkRec | Warning

# Import order inside a batch: parents before the rows that point at them.
STAGE_ACCOUNTS, STAGE_CONTACTS, STAGE_LINKS, STAGE_NOTES = 0, 1, 2, 3
STAGE_DEALS = STAGE_LINKS  # deals need accounts and contacts; activities and contact roles need deals
STAGE_LATE = 4  # records that complete ones of an earlier file (Salesforce EmailMessage -> its Task)


@dataclass
class Head:
    """What sniffing sees: the file, its header (tabular files) or its first text."""

    path: Path
    columns: list[str] | None
    text: str = ""
    kind: str = "csv"
    encoding: str = ""
    delimiter: str = ""
    preview: list[list[str]] = field(default_factory=list)
    encoding_warning: str | None = None


@dataclass
class Stream:
    records: Iterator[Record]
    bytes_total: int
    bytes_done: Callable[[], int]
    close: Callable[[], None]
    table_warnings: list = field(default_factory=list)


class Cols:
    """Column lookup by exact header name, then case-insensitively."""

    def __init__(self, columns: list[str]):
        self.columns = columns
        self.exact = {c: i for i, c in enumerate(columns)}
        self.folded = {c.casefold(): i for i, c in enumerate(columns)}

    def idx(self, *names: str) -> int | None:
        for n in names:
            if n in self.exact:
                return self.exact[n]
        for n in names:
            i = self.folded.get(n.casefold())
            if i is not None:
                return i
        return None

    def has(self, *names: str) -> bool:
        return all(self.idx(n) is not None for n in names)


def cell(row: list[str], i: int | None) -> str | None:
    if i is None:
        return None
    v = row[i].strip()
    return v or None


_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y",
                 "%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M", "%m/%d/%Y", "%d/%m/%Y %H:%M", "%d-%m-%Y", "%Y/%m/%d",
                 "%b %d, %Y %I:%M %p", "%b %d, %Y")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")


def norm_date(value: str | None) -> str | None:
    """ISO 8601 (date, or date-time without fractions). Unrecognised text is kept as-is."""
    if not value:
        return None
    if len(value) == 24 and value[10] == "T" and value.endswith(".000Z"):  # Salesforce's own format
        return value[:19] + "Z" if not value.endswith("T00:00:00.000Z") else value[:10]
    return _norm_date(value)


@lru_cache(maxsize=4096)  # dates repeat a lot in an export; the cache is bounded
def _norm_date(value: str) -> str | None:
    v = value.strip()
    if _ISO.match(v):
        v = v.replace(" ", "T")
        v = re.sub(r"\.\d+", "", v)
        if re.fullmatch(r".{10}T\d\d:\d\d", v):
            v += ":00"
        if v.endswith("T00:00:00Z") or v.endswith("T00:00:00"):
            return v[:10]
        return v
    for fmt in _DATE_FORMATS:
        try:
            d = datetime.strptime(v, fmt)
        except ValueError:
            continue
        return d.date().isoformat() if len(fmt) <= 8 else d.isoformat(timespec="seconds")
    return v


def join_name(first: str | None, last: str | None, full: str | None = None) -> str:
    if full:
        return full
    return " ".join(p for p in (first, last) if p) or ""


class TableFormat:
    """Base for CSV/Excel formats. Subclasses set ``name`` and implement ``score``/``map_rows``."""

    name = "?"
    label = "?"

    def score(self, cols: Cols) -> int:
        raise NotImplementedError

    def stage(self, cols: Cols) -> int:
        return STAGE_NOTES

    def map_rows(self, table: Table, cols: Cols, mapping: ColumnMapping | None) -> Iterator[Record]:
        raise NotImplementedError

    # ---- the Format protocol -------------------------------------------------------------

    def sniff(self, head: Head) -> int:
        return 0 if head.columns is None else self.score(Cols(head.columns))

    def order(self, head: Head) -> int:
        return self.stage(Cols(head.columns or []))

    def open(self, path: Path, *, mapping: ColumnMapping | None = None, encoding: str | None = None) -> Stream:
        """The format's own reading of ``path``; only the generic format reads ``mapping``
        (the user's changes to a CRM format's mapping: :func:`app.core.crm.mapping.open_stream`)."""
        table = open_table(path, encoding=encoding)
        records = self.map_rows(table, Cols(table.columns), mapping)
        return Stream(records, table.bytes_total, table.bytes_done, table.close, table.warnings)


def human_size(v: str | None) -> str | None:
    """A byte count as people read it ("812 bytes", "48 KB", "2.4 MB"); text kept as given."""
    if not v:
        return None
    try:
        n = int(float(v))
    except ValueError:
        return v
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{round(n / 1024)} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def attachment_line(name: str | None, mime: str | None, size: str | None) -> str | None:
    """ "Attachment: NAME (TYPE, SIZE)": what an export says about a file it does not contain."""
    if not name and not mime:
        return None
    what = ", ".join(p for p in (mime, human_size(size)) if p)
    return f"Attachment: {name or '(no file name)'}" + (f" ({what})" if what else "")


class KindedFormat(TableFormat):
    """A CRM whose export has one file per record kind. Subclasses implement ``_kind(cols)``
    ("account", "contact", "note" or None) and list ``distinctive`` headers: names, spelled
    exactly (case included), that this CRM's exports carry and other CRMs' do not. The score
    is 50 for a recognised kind plus 10 per distinctive header present (at most 99), so two
    CRMs whose kind tests both pass on a file (HubSpot's "Record ID"/"Contact owner" versus
    Zoho's "Record Id"/"Contact Owner") are told apart by the headers only one of them writes;
    a tie is reported as ambiguous by the importer, never guessed."""

    distinctive: frozenset[str] = frozenset()

    def _kind(self, cols: Cols) -> str | None:
        raise NotImplementedError

    def score(self, cols: Cols) -> int:
        if not self._kind(cols):
            return 0
        hits = sum(1 for c in cols.columns if c in self.distinctive)
        return min(99, 50 + 10 * hits)

    def stage(self, cols: Cols) -> int:
        return {"account": STAGE_ACCOUNTS, "contact": STAGE_CONTACTS, "deal": STAGE_DEALS}.get(self._kind(cols) or "", STAGE_NOTES)
