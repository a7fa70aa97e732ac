"""Hostile files end quickly with a clear one-line error naming the limit, or import streamed;
nothing already stored is lost (issue 16, item 8). Time and memory bounds are asserted in
benchmarks/bench_import.py, not here."""

from __future__ import annotations

from app.core.crm.importer import import_files
from app.core.crm.tables import MAX_SHARED_STRINGS
from app.core.vault import records
from tests.support.import_hostile import vcard_qp_note, xlsx_many_shared_strings, xlsx_whole_sheet


def _contacts(ctx):
    return ctx.vault.conn.execute("SELECT count(*) FROM contacts").fetchone()[0]


def test_xlsx_declaring_the_whole_sheet_imports_its_real_rows(ctx, tmp_path):
    f = xlsx_whole_sheet(tmp_path / "whole.xlsx")
    assert f.stat().st_size < 2000
    r = import_files(ctx.vault, [f])
    assert r.ok, r.as_json()
    assert records.resolve_contact(ctx.vault.conn, "kari@example.com")["name"] == "Kari Nordmann"
    assert _contacts(ctx) == 1


def test_xlsx_with_too_many_shared_strings_is_refused_naming_the_limit_and_earlier_files_stay(ctx, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("Name,Email\nOla Nordmann,ola@example.com\n", encoding="utf-8")
    bomb = xlsx_many_shared_strings(tmp_path / "bomb.xlsx", MAX_SHARED_STRINGS + 10)
    r = import_files(ctx.vault, [good, bomb])
    files = r.as_json()["files"]
    assert files[0]["error"] is None and files[0]["contacts_added"] == 1
    assert files[1]["error"] == (
        f"{bomb}: the workbook's shared-string table has more than {MAX_SHARED_STRINGS:,} entries, the most Confidant "
        "reads from one .xlsx; save the sheet as CSV and import that.")
    assert "\n" not in files[1]["error"]
    assert records.resolve_contact(ctx.vault.conn, "ola@example.com")["name"] == "Ola Nordmann"


def test_a_small_shared_string_table_still_imports(ctx, tmp_path):
    f = xlsx_many_shared_strings(tmp_path / "ok.xlsx", 1000)
    r = import_files(ctx.vault, [f])
    assert r.ok, r.as_json()
    assert records.resolve_contact(ctx.vault.conn, "kari@example.com")["name"] == "Kari"


def test_megabytes_of_quoted_printable_vcard_note_import_decoded_and_capped(ctx, tmp_path):
    f = vcard_qp_note(tmp_path / "big.vcf", 1)
    r = import_files(ctx.vault, [f])
    assert r.ok, r.as_json()
    kari = records.resolve_contact(ctx.vault.conn, "kari@example.com")
    [note] = records.notes_for(ctx.vault.conn, contact_id=kari["id"])
    assert note["body"].startswith("Østlandet har mange fine fjorder og vi vil ha tilbud på 40 biler. Østlandet")
    # Decoded whole (876,023 characters: every soft break joined), then capped like any long note.
    assert note["body"].endswith("[... truncated by Confidant: the original note had 876,023 characters]")
    assert "=" not in note["body"]
    assert any("876,023 characters" in w for w in r.as_json()["files"][0]["warnings"])


_GAPS_CHILD = """
import sys, time
from pathlib import Path
from app.cli.main import main
t0 = time.monotonic()
code = main(["import", sys.argv[1], "--json"])
print("SECONDS", time.monotonic() - t0)
sys.exit(code)
"""


def test_xlsx_with_row_gaps_costs_work_in_proportion_to_its_content(home, tmp_path):
    """F9 (pass 2): a 4.7 KB workbook with a header out to XFD and a million-row gap took about
    ten minutes of CPU. Run in a child with a cap far below that."""
    import subprocess
    import sys

    from tests.support.import_hostile import xlsx_gaps
    from tests.support.paths import ROOT

    f = xlsx_gaps(tmp_path / "gaps.xlsx")
    assert f.stat().st_size < 6000
    run = subprocess.run([sys.executable, "-c", _GAPS_CHILD, str(f)], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    seconds = float(run.stdout.rsplit("SECONDS", 1)[1])
    assert seconds < 20
    assert '"contacts_added": 39' in run.stdout
