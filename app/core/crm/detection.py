"""What an export file is: its format, encoding, delimiter, columns, first rows, and what
each column feeds.

Reads only the file (no vault): the wizard runs it on any worker thread, the importer before
each file. A file that cannot be read, or whose columns nobody recognises, raises
:class:`~app.core.crm.tables.ImportFileError` with one line naming the file; two CRM formats
that fit equally well are reported, never guessed.
"""

from __future__ import annotations

from pathlib import Path

from app.core.crm import formats as registry
from app.core.crm.mapping import EDITABLE, detected_fields, missing_required, record_kind
from app.core.crm.mappers.base import Head
from app.core.crm.report import Detection
from app.core.crm.tables import ImportFileError, check_encoding, mojibake_hint, open_csv, open_text, open_xlsx, sniff_encoding
from app.core.errors import UsageError
from app.core.model import ColumnMapping

SAMPLE_CHARS = 8192
GENERIC = "csv"


def _head(path: Path, encoding: str | None = None) -> Head:
    if not path.exists():
        raise ImportFileError(f"{path}: no such file.")
    if path.is_dir():
        raise ImportFileError(f"{path}: is a folder, not an export file.")
    hint = None
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        t = open_xlsx(path)
        kind = "xlsx"
    else:
        info = sniff_encoding(path)
        if encoding:
            info.encoding = encoding
        with open_text(path, info) as fh:
            try:
                text = fh.read(SAMPLE_CHARS)
            except UnicodeDecodeError as exc:
                raise ImportFileError(f"{path}: the file is not valid {info.encoding} ({exc.reason} at byte {exc.start}); "
                                      "choose another encoding.") from None
        if not encoding:
            hint = mojibake_hint(path, text, info.encoding)
        if "BEGIN:VCARD" in text.upper():
            h = Head(path, None, text, "vcard", info.encoding, "")
            h.encoding_warning = hint
            return h
        t = open_csv(path, encoding=encoding)
        kind = "csv"
    try:
        preview = []
        for _, row in t.rows:
            preview.append(row)
            if len(preview) >= 5:
                break
    except (ImportFileError, UnicodeDecodeError):
        preview = []
    finally:
        t.close()
    h = Head(path, t.columns, "", kind, t.encoding, t.delimiter, preview)
    h.encoding_warning = hint
    return h


def _choose(head: Head, format: str | None, mapping: ColumnMapping | None):
    if format:
        f = registry.by_name(format)
        if f is None:
            raise UsageError(f"Unknown format '{format}'; known: {', '.join(registry.names())}.")
        if f.name != GENERIC and f.sniff(head) <= 0:
            cols = ", ".join(head.columns[:6]) if head.columns else "none"
            raise ImportFileError(f"{head.path}: the file does not read as {f.label} (columns found: {cols}); "
                                  "choose another format.")
        return f
    if mapping:
        return registry.by_name("csv")
    scored = sorted(((f.sniff(head), i, f) for i, f in enumerate(registry.FORMATS)), key=lambda s: (-s[0], s[1]))
    specific = [s for s in scored if s[2].name != GENERIC and s[0] > 0]
    if specific:
        # A generic match never wins over a specific one; two specific ones at the same score
        # are reported, not guessed.
        if len(specific) > 1 and specific[1][0] == specific[0][0]:
            a, b = specific[0][2], specific[1][2]
            raise ImportFileError(
                f"{head.path}: the columns fit both {a.label} and {b.label} equally well; "
                f"name the format with --format {a.name} or --format {b.name}."
            )
        return specific[0][2]
    best = scored[0]
    if best[0] <= 0:
        cols = ", ".join(head.columns[:6]) if head.columns else ""
        raise ImportFileError(
            f"{head.path}: no recognisable columns (found: {cols}); name the format with --format or map columns with --map."
        )
    return best[2]


def detect(path, format: str | None = None, mapping: ColumnMapping | None = None, encoding: str | None = None) -> Detection:
    """What the file is: format, encoding, delimiter, columns and the first rows (a preview).
    ``encoding`` overrides the guess; a guess that looks wrong sets ``encoding_warning``."""
    path = Path(path)
    if encoding:
        encoding = check_encoding(encoding)
    head = _head(path, encoding)
    f = _choose(head, format, mapping)
    det = Detection(str(path), f.name, f.label, head.encoding, head.delimiter, head.columns or [], head.preview, f.order(head))
    det.encoding_warning = head.encoding_warning
    return det


def describe_columns(format_name: str, columns: list[str]) -> dict:
    """For the wizard: ``{"kind", "detected": [field per column], "editable": (fields the
    user may choose), "missing": what the detected mapping lacks or None}``."""
    fmt = registry.by_name(format_name)
    if fmt is None or not columns or not hasattr(fmt, "map_rows"):
        return {"kind": None, "detected": [""] * len(columns or []), "editable": (), "missing": None}
    kind = record_kind(fmt, list(columns))
    detected = detected_fields(fmt, list(columns))
    return {"kind": kind, "detected": detected, "editable": EDITABLE.get(kind or "", ()),
            "missing": missing_required(kind, detected)}
