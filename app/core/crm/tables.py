"""Reading export files as tables, streaming: encodings, dialects, CSV and Excel.

Runs on whatever thread imports (the CLI's main thread, the GUI's store thread); no Qt.

Guarantees:

- a file is never read whole into memory: encoding is decided by one streaming pass
  over the bytes (incremental UTF-8 decoder, constant memory), then rows are parsed
  one at a time;
- encodings: UTF-8 with or without BOM, UTF-16LE/BE with BOM (Excel "Unicode text"),
  otherwise Windows-1252 (Latin-1 for the five bytes cp1252 leaves undefined);
- delimiters ``,`` ``;`` tab ``|`` sniffed from the header line outside quotes;
  quoted multi-line fields and CRLF handled by the csv module;
- spreadsheet cells are read as their literal text: openpyxl with ``data_only=False``
  returns a formula cell as the string ``=HYPERLINK(...)``; nothing is ever evaluated.

Bad input (each an :class:`ImportFileError` naming the file and line):

- empty file, random bytes, no header: the file is rejected (nothing usable);
- an unterminated quote: the file is REJECTED, because everything after the opening
  quote was swallowed into one field, so no later row can be trusted;
- a row with the wrong number of fields, or a malformed quote inside one row: that
  row is SKIPPED with a warning naming the line, because the rows around it are
  intact and dropping a whole export for one damaged line loses more than it saves.
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from app.core.errors import AppError, Message, N_

# A real note is far below this; a 5 MB field must still parse so we can truncate it.
csv.field_size_limit(min(sys.maxsize, 256 * 1024 * 1024))

SAMPLE_BYTES = 64 * 1024
_DELIMS = (",", ";", "\t", "|")


class ImportFileError(AppError):
    """A file that cannot be imported at all; the message names the file (and line)."""


@dataclass
class TextInfo:
    encoding: str
    bom: int  # bytes of BOM to skip
    size: int


def sniff_encoding(path: Path) -> TextInfo:
    """Decide the encoding with one streaming pass; reject empty and binary files."""
    size = path.stat().st_size
    if size == 0:
        raise ImportFileError(N_("{path}: the file is empty."), path=path)
    with open(path, "rb") as fh:
        head = fh.read(4)
        if head.startswith(codecs.BOM_UTF8):
            enc, bom = "utf-8", 3
        elif head.startswith(codecs.BOM_UTF16_LE):
            enc, bom = "utf-16-le", 2
        elif head.startswith(codecs.BOM_UTF16_BE):
            enc, bom = "utf-16-be", 2
        else:
            enc, bom = "", 0
        fh.seek(bom)
        if enc.startswith("utf-16"):
            if size - bom < 2:
                raise ImportFileError(N_("{path}: the file is empty."), path=path)
            return TextInfo(enc, bom, size)
        dec = codecs.getincrementaldecoder("utf-8")()
        ok = True
        controls = 0
        first = True
        while True:
            chunk = fh.read(1 << 20)
            if first:
                controls = sum(1 for b in chunk[:SAMPLE_BYTES] if b < 9 or 13 < b < 32 and b != 27)
                if b"\x00" in chunk[:SAMPLE_BYTES] or controls > len(chunk[:SAMPLE_BYTES]) // 100:
                    raise ImportFileError(N_("{path}: this is not a text export (it holds binary data)."), path=path)
                first = False
            if not chunk:
                break
            if ok:
                try:
                    dec.decode(chunk)
                except UnicodeDecodeError:
                    ok = False
                    break
        if ok:
            try:
                dec.decode(b"", final=True)
            except UnicodeDecodeError:
                ok = False
    if ok:
        return TextInfo(enc or "utf-8", bom, size)
    return TextInfo("cp1252", 0, size)


def _cp1252_errors(exc: UnicodeDecodeError):
    # cp1252 leaves 0x81 0x8D 0x8F 0x90 0x9D undefined; Latin-1 maps them to C1 controls.
    return exc.object[exc.start : exc.end].decode("latin-1"), exc.end


codecs.register_error("confidant-cp1252", _cp1252_errors)


def open_text(path: Path, info: TextInfo) -> io.TextIOWrapper:
    fh = open(path, "rb")
    fh.seek(info.bom)
    errors = "confidant-cp1252" if info.encoding == "cp1252" else "strict"
    return io.TextIOWrapper(fh, encoding=info.encoding, errors=errors, newline="")


def sniff_delimiter(header_line: str) -> str:
    counts = {d: 0 for d in _DELIMS}
    quoted = False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(_DELIMS, key=lambda d: counts[d])
    return best if counts[best] else ","


@dataclass
class Table:
    """Header plus a row iterator. ``rows`` yields ``(line, cells)``, where ``line`` is
    the 1-based line the row starts on (the spreadsheet row for Excel)."""

    path: Path
    kind: str  # "csv" | "xlsx"
    encoding: str
    delimiter: str
    columns: list[str]
    rows: Iterator[tuple[int, list[str]]]
    bytes_total: int
    bytes_done: Callable[[], int]
    warnings: list[tuple[int, str]] = field(default_factory=list)  # filled while iterating
    close: Callable[[], None] = lambda: None


def open_csv(path: Path, *, encoding: str | None = None) -> Table:
    info = sniff_encoding(path)
    if encoding:
        info.encoding = encoding
    fh = open_text(path, info)
    try:
        first = fh.readline()
        while first.strip() == "" and first:
            first = fh.readline()
        if not first.strip():
            raise ImportFileError(N_("{path}: the file has no header row."), path=path)
        delim = sniff_delimiter(first)
        fh.seek(0)  # back to byte 0: a BOM reads as U+FEFF, stripped from the header below
        reader = csv.reader(fh, delimiter=delim, strict=True)
        header_line = 1
        try:
            header = next(reader)
            while not any(c.strip() for c in header):
                header = next(reader)
                header_line = reader.line_num
        except StopIteration:
            raise ImportFileError(N_("{path}: the file has no header row."), path=path) from None
        except csv.Error as exc:
            raise ImportFileError(N_("{path}: line 1: the header cannot be read ({error})."), path=path, error=exc) from None
    except BaseException:
        fh.close()
        raise
    columns = [c.strip().lstrip("\ufeff") for c in header]
    table = Table(path, "csv", info.encoding, delim, columns, iter(()), info.size, lambda: fh.buffer.tell(), close=fh.close)
    table.rows = _csv_rows(path, reader, len(columns), table.warnings)
    return table


def _csv_rows(path: Path, reader, width: int, warnings: list) -> Iterator[tuple[int, list[str]]]:
    last = reader.line_num
    while True:
        start = last + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                raise ImportFileError(
                    N_("{path}: line {start}: a quoted field is never closed, so the rest of the file cannot be "
                    "read reliably; nothing from this file was imported."),
                    path=path, start=start
                ) from None
            warnings.append((start, Message(N_("{file}: line {line}: skipped, the row cannot be parsed ({error})."),
                                            file=path.name, line=start, error=exc)))
            last = reader.line_num
            continue
        last = reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if len(row) != width:
            if len(row) > width and not any(c.strip() for c in row[width:]):
                row = row[:width]  # trailing empty cells (a trailing delimiter) are harmless
            else:
                warnings.append(
                    (start, Message(N_("{file}: line {line}: skipped, it has {count} fields where the header has {width}."),
                                    file=path.name, line=start, count=len(row), width=width))
                )
                continue
        yield start, row


# Limits against workbooks that are small on disk and huge inside: a real CRM export
# stays far below them; a file above one is refused with a message naming the limit.
MAX_SHARED_STRINGS = 1_000_000
MAX_XLSX_PART_BYTES = 1 << 30  # one part of the zip, uncompressed
MAX_XLSX_RATIO = 500  # uncompressed : compressed, for parts over 32 MB (XML compresses ~10-30x)


def _check_xlsx(path: Path) -> None:
    """Refuse, before openpyxl reads anything, a workbook whose parts expand beyond the limits
    or whose shared-string table (loaded whole by any reader) has too many entries. Costs one
    streamed pass over the shared strings, stopped at the limit."""
    import re
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            sst = None
            for info in z.infolist():
                if info.file_size > MAX_XLSX_PART_BYTES or (
                        info.file_size > 32 << 20 and info.file_size > MAX_XLSX_RATIO * max(info.compress_size, 1)):
                    raise ImportFileError(
                        N_("{path}: the part {filename} expands to {file_size:,} bytes from {compress_size:,} "
                        "(limit: {max_xlsx_part_bytes:,} bytes, or {max_xlsx_ratio}:1 compression); save the sheet as CSV "
                        "and import that."),
                        path=path, filename=info.filename, file_size=info.file_size, compress_size=info.compress_size, max_xlsx_part_bytes=MAX_XLSX_PART_BYTES, max_xlsx_ratio=MAX_XLSX_RATIO)
                if info.filename.lower().endswith("sharedstrings.xml"):
                    sst = info
            if sst is None:
                return
            tag = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")
            count, tail = 0, b""
            with z.open(sst) as fh:
                while True:
                    chunk = fh.read(1 << 20)
                    if not chunk:
                        break
                    data = tail + chunk
                    count += len(tag.findall(data, 0, max(0, len(data) - 16)))
                    tail = data[max(0, len(data) - 16):]
                    if count > MAX_SHARED_STRINGS:
                        raise ImportFileError(
                            N_("{path}: the workbook's shared-string table has more than {max_shared_strings:,} entries, the "
                            "most Confidant reads from one .xlsx; save the sheet as CSV and import that."),
                            path=path, max_shared_strings=MAX_SHARED_STRINGS)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
        raise ImportFileError(N_("{path}: the workbook cannot be read ({kind})."),
                              path=path, kind=type(exc).__name__) from None


def open_xlsx(path: Path) -> Table:
    """First worksheet of an .xlsx, read-only and streaming; formulas kept as text.

    The sheet's declared dimension is ignored (a 1.6 KB file may declare A1:XFD1048576), and
    rows are read only as wide as the header; see :func:`_check_xlsx` for the other limits."""
    import zipfile

    import openpyxl

    size = path.stat().st_size
    if size == 0:
        raise ImportFileError(N_("{path}: the file is empty."), path=path)
    if not zipfile.is_zipfile(path):
        raise ImportFileError(N_("{path}: this is not an Excel .xlsx workbook."), path=path)
    _check_xlsx(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for damaged workbooks
        raise ImportFileError(N_("{path}: the workbook cannot be read ({kind})."),
                              path=path, kind=type(exc).__name__) from None
    ws = wb.worksheets[0]
    sheet = _sparse_rows(ws)
    header_row = None
    line = 0
    for line, cells in sheet:
        if any(v not in (None, "") for v in cells.values()):
            header_row = cells
            break
    if header_row is None:
        wb.close()
        raise ImportFileError(N_("{path}: the first worksheet is empty."), path=path)
    named = sorted(c for c, v in header_row.items() if _cell_text(v).strip())
    # Columns up to the last named one; a sheet whose header is spread over thousands of
    # columns (XFD1) keeps only its named columns, so work follows the cells that exist.
    positions = list(range(1, named[-1] + 1)) if named and named[-1] <= MAX_XLSX_COLUMNS else named
    columns = [_cell_text(header_row.get(c)).strip() for c in positions]
    index = {c: i for i, c in enumerate(positions)}
    done = [0]

    def rows():
        for n, cells in sheet:
            out = [""] * len(columns)
            for c, v in cells.items():
                i = index.get(c)
                if i is not None:
                    out[i] = _cell_text(v)
            if not any(x.strip() for x in out):
                continue  # an empty row: nothing to read
            done[0] = min(size, done[0] + 200)
            yield n, out

    return Table(path, "xlsx", "xlsx", "", columns, rows(), size, lambda: done[0], close=wb.close)


MAX_XLSX_COLUMNS = 1024


def _sparse_rows(ws) -> Iterator[tuple[int, dict[int, object]]]:
    """(row number, {column: value}) for the rows and cells the sheet's XML really holds.

    openpyxl's row iterator fills every missing row and column in (a cell at XFD1048576 made
    a 4.7 KB file cost ten minutes of CPU: a million rows, each 16,384 cells wide); its own
    sheet parser yields only what is written, with the same value conversion (shared
    strings, dates, formulas kept as text), so work is proportional to the file's content."""
    from openpyxl.worksheet._reader import WorkSheetParser

    wb = ws.parent
    with ws._get_source() as src:
        parser = WorkSheetParser(src, ws._shared_strings, data_only=wb.data_only, epoch=wb.epoch,
                                 date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        for n, cells in parser.parse():
            yield n, {c["column"]: c["value"] for c in cells if c.get("value") is not None}


def _cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return str(v)


def open_table(path: Path, *, encoding: str | None = None) -> Table:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return open_xlsx(path)
    return open_csv(path, encoding=encoding)


# ---- encodings a user chooses, and guesses that look wrong ------------------------------------

# Encodings the wizard offers; the CLI's --encoding takes any name Python knows.
COMMON_ENCODINGS = ("utf-8", "cp1252", "cp865", "mac_roman", "cp850", "iso-8859-1", "iso-8859-15", "utf-16")


def check_encoding(name: str) -> str:
    """The codec's canonical name, or a one-line error naming the option."""
    from app.core.errors import UsageError

    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        raise UsageError(N_("⟦--encoding: ⟧unknown encoding '{name}' (e.g. {common_encodings})."),
                         name=name, common_encodings=', '.join(COMMON_ENCODINGS)) from None


# A letter, then a character that a DOS (cp865/cp850/cp437) or Mac Roman byte for a Nordic or
# German letter becomes when read as Windows-1252, then a letter: "Bj›rn", "Bj¿rn", "K†re".
_MOJIBAKE_CHARS = "›‹†‡¿¾Œœ‘“”•˜™šž¯¸ˆ‰Š„…‚ƒ¦¨¬°±²³´µ¶·¹º¼½\x81\x8d\x8f\x90\x9d"
_MOJIBAKE = None
_GOOD = set("æøåÆØÅäöüÄÖÜéèÉßñç")


def _mojibake_count(text: str) -> int:
    global _MOJIBAKE
    if _MOJIBAKE is None:
        import re

        _MOJIBAKE = re.compile(r"(?<=[A-Za-z])[" + re.escape(_MOJIBAKE_CHARS) + r"](?=[a-z])")
    return len(_MOJIBAKE.findall(text))


def mojibake_hint(path: Path, text: str, encoding: str) -> Message | None:
    """A warning when text decoded as ``encoding`` looks like another code page read wrongly,
    naming the likeliest one; None when it looks right. Only legacy single-byte guesses are
    questioned (a file that decodes as UTF-8 is taken as UTF-8)."""
    if encoding != "cp1252":
        return None
    bad = _mojibake_count(text)
    if not bad:
        return None
    raw = text.encode("cp1252", "replace")
    best, best_score = None, 0
    for enc in ("cp865", "mac_roman", "cp850", "iso-8859-1"):
        alt = raw.decode(enc, "replace")
        score = sum(1 for ch in alt if ch in _GOOD) - 3 * _mojibake_count(alt)
        if score > best_score:
            best, best_score = enc, score
    import re

    m = _MOJIBAKE.search(text)
    sample = re.search(r"[^\s;,\t|\"]*$", text[: m.start()]).group() + re.match(r"[^\s;,\t|\"]*", text[m.start():]).group()
    suggestion = Message(N_(" It reads better as {encoding}: ⟦use --encoding {encoding}, or ⟧choose it in the import preview."),
                         encoding=best) if best else ""
    return Message(N_("{file}: the encoding was guessed as Windows-1252, but {count} words look garbled "
                      "(e.g. \"{sample}\").{suggestion}"), file=path.name, count=bad, sample=sample.strip(), suggestion=suggestion)
