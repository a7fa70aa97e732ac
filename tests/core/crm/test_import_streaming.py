"""Streaming: memory does not grow with the number of notes; progress and cancel work."""

from __future__ import annotations

import csv
import threading
import tracemalloc

from app.core.crm.importer import import_files
from app.core.crm.report import ImportProgress


def write_export(folder, notes: int, contacts: int = 200):
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "Contact.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_ALL)
        w.writerow(["Id", "AccountId", "LastName", "FirstName", "Email"])
        for i in range(contacts):
            w.writerow([f"0035g{i:010d}", "", f"Nordmann{i}", "Kari", f"kari{i}@example.com"])
    with open(folder / "Note.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_ALL)
        w.writerow(["Id", "IsDeleted", "ParentId", "Title", "Body", "CreatedDate"])
        for i in range(notes):
            w.writerow([f"0025g{i:010d}", "false", f"0035g{i % contacts:010d}", f"Call {i}",
                        f"Talked about order {i}: 40 trucks, delivery to Bergen in week {i % 52 + 1}.\nFollow up.",
                        "2024-03-05T09:30:00.000Z"])
    return [folder / "Contact.csv", folder / "Note.csv"]


def _peak(ctx, files) -> int:
    tracemalloc.start()
    try:
        r = import_files(ctx.vault, files)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert r.ok
    return peak


def test_memory_does_not_grow_with_the_number_of_notes(ctx, tmp_path):
    small = _peak(ctx, write_export(tmp_path / "small", 5_000))
    big = _peak(ctx, write_export(tmp_path / "big", 40_000))
    notes = ctx.vault.conn.execute("SELECT count(*) FROM notes").fetchone()[0]
    assert notes == 40_000  # the big export repeats the small one's 5,000 notes (same content keys)
    # Eight times the notes, about the same peak (batches are fixed size).
    assert big < small * 1.5 + 2_000_000, (small, big)


def test_progress_reports_rows_and_bytes(ctx, tmp_path):
    files = write_export(tmp_path / "p", 12_000)
    seen: list[ImportProgress] = []
    r = import_files(ctx.vault, files, progress=seen.append)
    assert r.ok
    notes = [p for p in seen if p.file.endswith("Note.csv")]
    assert [p.rows_done for p in notes] == [5_000, 10_000, 12_000]
    assert notes[-1].bytes_done == notes[-1].bytes_total == files[1].stat().st_size
    assert 0 < notes[0].bytes_done < notes[1].bytes_done < notes[-1].bytes_total


def test_cancel_rolls_back_the_current_file_only(ctx, tmp_path):
    files = write_export(tmp_path / "c", 12_000)
    cancel = threading.Event()

    def progress(p):
        if p.file.endswith("Note.csv"):
            cancel.set()

    r = import_files(ctx.vault, files, progress=progress, cancel=cancel)
    f = r.as_json()["files"]
    assert f[0]["error"] is None and f[0]["contacts_added"] == 200
    assert f[1]["error"] == "cancelled; nothing from this file was stored."
    assert ctx.vault.conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 0
