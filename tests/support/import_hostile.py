"""Builders for hostile import files (issue 16, item 8), shared by the tests and the benchmark.

Each writes a small file that costs a naive reader a lot: an .xlsx that declares the whole
sheet (A1:XFD1048576) and puts a cell in its last row, an .xlsx whose shared-string table
expands to millions of entries, and a vCard 2.1 note of megabytes in quoted-printable soft
line breaks. All content is fictional.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
       '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
       '%s</Types>')
_SST_CT = ('<Override PartName="/xl/sharedStrings.xml" '
           'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="xl/workbook.xml"/></Relationships>')
_WB = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
       '<sheets><sheet name="Contacts" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/>%s</Relationships>')
_SST_REL = ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
            'Target="sharedStrings.xml"/>')
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _zip(path: Path, sheet: str, sst_writer=None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CT % (_SST_CT if sst_writer else ""))
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WB)
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS % (_SST_REL if sst_writer else ""))
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        if sst_writer:
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
                sst_writer(fh)
    return path


def xlsx_whole_sheet(path: Path) -> Path:
    """~1.6 KB: declares A1:XFD1048576 and has a cell in the very last row and column."""
    rows = ('<row r="1">' + _inline("A1", "First Name") + _inline("B1", "Last Name") + _inline("C1", "Email") + "</row>"
            '<row r="2">' + _inline("A2", "Kari") + _inline("B2", "Nordmann") + _inline("C2", "kari@example.com") + "</row>"
            '<row r="1048576">' + _inline("XFD1048576", "x") + "</row>")
    sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {_NS}>'
             f'<dimension ref="A1:XFD1048576"/><sheetData>{rows}</sheetData></worksheet>')
    return _zip(path, sheet)


def xlsx_many_shared_strings(path: Path, count: int) -> Path:
    """A few rows, and a shared-string table of ``count`` entries (10 M compress to ~2.5 MB)."""
    rows = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
            '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>')
    sheet = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {_NS}><sheetData>{rows}</sheetData></worksheet>'

    def sst(fh):
        fh.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst {_NS} count="{count}" uniqueCount="{count}">'
                 .encode())
        fh.write(b"<si><t>Name</t></si><si><t>Email</t></si><si><t>Kari</t></si><si><t>kari@example.com</t></si>")
        chunk = b"<si><t>a</t></si>" * 10_000
        left = count - 4
        while left > 0:
            n = min(left, 10_000)
            fh.write(chunk if n == 10_000 else b"<si><t>a</t></si>" * n)
            left -= n
        fh.write(b"</sst>")

    return _zip(path, sheet, sst)


def vcard_qp_note(path: Path, megabytes: float) -> Path:
    """One vCard 2.1 whose NOTE is ``megabytes`` of quoted-printable text in 76-char soft-broken lines."""
    line = "=C3=98stlandet har mange fine fjorder og vi vil ha tilbud p=C3=A5 40 biler. ="
    n = int(megabytes * 1024 * 1024 / (len(line) + 2))
    with open(path, "w", encoding="ascii", newline="") as fh:
        fh.write("BEGIN:VCARD\r\nVERSION:2.1\r\nN:Nordmann;Kari\r\nFN:Kari Nordmann\r\nEMAIL:kari@example.com\r\n")
        fh.write("NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:")
        for _ in range(n):
            fh.write(line + "\r\n")
        fh.write("slutt\r\nEND:VCARD\r\n")
    return path


def xlsx_gaps(path: Path) -> Path:
    """~4-5 KB: a header reaching column XFD and real rows with a gap of a million rows
    before the last (a reader that fills gaps in builds a million rows 16,384 cells wide)."""
    rows = ('<row r="1">' + _inline("A1", "First Name") + _inline("B1", "Last Name") + _inline("C1", "Email")
            + _inline("XFD1", "Note") + "</row>")
    for i in range(2, 40):
        rows += f'<row r="{i}">' + _inline(f"A{i}", f"Kari{i}") + _inline(f"B{i}", "Nordmann") \
            + _inline(f"C{i}", f"kari{i}@example.com") + "</row>"
    rows += '<row r="1048576">' + _inline("A1048576", "Ola") + _inline("C1048576", "ola@example.com") \
        + _inline("XFD1048576", "x") + "</row>"
    sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {_NS}>'
             f'<dimension ref="A1:XFD1048576"/><sheetData>{rows}</sheetData></worksheet>')
    return _zip(path, sheet)
