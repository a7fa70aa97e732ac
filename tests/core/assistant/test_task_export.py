"""Tasks exported as iCalendar (checked by a strict RFC 5545 reader) and as each CRM's
task-import CSV, re-imported by Confidant's own importer (issue 23)."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

import pytest

from app.core.assistant import task_export
from app.core.crm.importer import import_files
from app.core.vault import brief_store, pipeline
from tests.support import ical_strict
from tests.support.paths import DATA
from tests.support.pipeline_seed import seed

LONG = ("Send Ingrid the revised quote; include fleet options, charger specs, and the DPA \\ legal notes — "
        "«innen fredag» for Nordlys Energi's styre")


def _contact(conn, email):
    return conn.execute("SELECT id, account_id FROM contacts WHERE email_key = ?", (email,)).fetchone()


def test_ics_is_rfc5545_with_folding_and_escaping(ctx):
    seed(ctx)
    conn = ctx.vault.conn
    cid, acc = _contact(conn, "ingrid.solberg@nordlys-energi.example.com")
    with ctx.vault.transaction():
        nid = brief_store.add_task(conn, title=LONG, due="2026-05-22", contact_id=cid, account_id=acc)
    tasks = brief_store.tasks_for_export(conn)
    data = task_export.to_ics(tasks, now=datetime(2026, 5, 20, 8, 0, tzinfo=timezone.utc))
    cal = ical_strict.parse(data)  # raises on any line over 75 octets, bare LF, bad escape, …
    todos = [c for c in cal.children if c.name == "VTODO"]
    assert len(todos) == 5  # the four open Salesforce tasks (three at Nordlys, one at Fjellheim) and ours
    ours = next(t for t in todos if t.one("UID") == f"confidant-task-{nid}@confidant.invalid")
    assert ours.text("SUMMARY") == LONG  # unfolded and unescaped: the very text
    assert ours.one("DUE") == "20260522" and ours.all("DUE")[0][0] == {"VALUE": "DATE"}
    assert ours.one("STATUS") == "NEEDS-ACTION" and ours.one("DTSTAMP") == "20260520T080000Z"
    assert "Ingrid Solberg <ingrid.solberg@nordlys-energi.example.com>" in ours.text("DESCRIPTION")
    assert b"\r\n " in data  # the long summary was folded


def test_ics_tasks_are_the_open_ones_with_their_due_dates(ctx):
    seed(ctx)
    cal = ical_strict.parse(task_export.to_ics(brief_store.tasks_for_export(ctx.vault.conn)))
    got = sorted((t.text("SUMMARY"), t.one("DUE")) for t in cal.children)
    assert got == [("Book technical workshop", "20260527"), ("Follow up invoice", "20260520"),
                   ("Prepare site visit", "20260522"), ("Send contract draft", "20260518")]


@pytest.mark.parametrize("bad, why", [
    (b"BEGIN:VCALENDAR\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "bare LF"),
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VTODO\r\nUID:1\r\nDTSTAMP:20260520T080000Z\r\n"
     b"SUMMARY:a, b\r\nEND:VTODO\r\nEND:VCALENDAR\r\n", "unescaped comma"),
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:" + b"x" * 80 + b"\r\nEND:VCALENDAR\r\n", "line over 75 octets"),
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VTODO\r\nDTSTAMP:20260520T080000Z\r\nEND:VTODO\r\n"
     b"END:VCALENDAR\r\n", "VTODO without UID"),
])
def test_the_strict_reader_refuses_what_rfc5545_refuses(bad, why):
    with pytest.raises(ical_strict.ICalError):
        ical_strict.parse(bad)


def test_folding_never_cuts_a_utf8_character():
    line = "SUMMARY:" + "ø" * 60
    folded = task_export.fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == line


def _reimport(ctx, tmp_path, fmt, **scope):
    data = task_export.to_csv(brief_store.tasks_for_export(ctx.vault.conn, **scope), fmt)
    path = tmp_path / f"tasks-{fmt}.csv"
    path.write_bytes(data)
    report = import_files(ctx.vault, [path])
    assert report.ok, report.as_json()
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")))), report


def test_salesforce_task_csv_round_trips_through_the_importer(ctx, tmp_path):
    seed(ctx)
    conn = ctx.vault.conn
    cid, acc = _contact(conn, "per.haugen@nordlys-energi.example.com")
    rows, report = _reimport(ctx, tmp_path, "salesforce", contact_id=cid)
    assert list(rows[0]) == task_export.SALESFORCE_COLUMNS
    assert [(r["Subject"], r["ActivityDate"], r["Status"]) for r in rows] == [("Book technical workshop", "2026-05-27",
                                                                               "Not Started")]
    assert rows[0]["WhoId"] == "0035g00000PeRhAAAV" and rows[0]["WhatId"] == "0065g00000OpP02AAF"
    assert report.files[0].format == "salesforce"
    # Re-imported: the row is a Salesforce activity on the same person, dated by its due date.
    back = [i for i in pipeline.timeline(conn, contact_id=cid) if i.title == "Book technical workshop"]
    assert len(back) == 2 and {i.date[:10] for i in back} == {"2026-05-27"} and {i.contact_id for i in back} == {cid}


def test_hubspot_task_csv_round_trips_through_the_importer(ctx, tmp_path):
    import_files(ctx.vault, [DATA / "crm" / "hubspot" / "contacts.csv"])
    conn = ctx.vault.conn
    cid, acc = _contact(conn, "asa.lindqvist@skargardsfrakt.example.com")
    with ctx.vault.transaction():
        brief_store.add_task(conn, title="Send the winter timetable, with prices", due="2026-05-22", contact_id=cid,
                             account_id=acc)
    rows, report = _reimport(ctx, tmp_path, "hubspot")
    assert list(rows[0]) == task_export.HUBSPOT_COLUMNS
    assert (rows[0]["Task title"], rows[0]["Due date"], rows[0]["Task status"], rows[0]["Associated Contact IDs"]) == (
        "Send the winter timetable, with prices", "2026-05-22", "Not started", "101")
    assert report.files[0].format == "hubspot"
    back = [i for i in pipeline.timeline(conn, contact_id=cid) if i.source == "hubspot"]
    assert [(i.kind, i.title, i.due, i.done) for i in back] == [("task", "Send the winter timetable, with prices",
                                                                  "2026-05-22", False)]


def test_pipedrive_activities_csv_round_trips_through_the_importer(ctx, tmp_path):
    folder = DATA / "crm" / "pipeline" / "pipedrive"
    import_files(ctx.vault, [folder / "organizations.csv", folder / "persons.csv", folder / "deals.csv"])
    conn = ctx.vault.conn
    cid, acc = _contact(conn, "ola.nordmann@nordlys.example.com")
    [deal] = [d for d in pipeline.list_deals(conn, contact_id=cid) if d.is_open][:1] or [None]
    with ctx.vault.transaction():
        brief_store.add_task(conn, title="Send the sensor quote", due="2026-05-22", contact_id=cid, account_id=acc,
                             deal_id=deal.id if deal else None)
    rows, report = _reimport(ctx, tmp_path, "pipedrive", contact_id=cid)
    assert list(rows[0]) == task_export.PIPEDRIVE_COLUMNS
    assert (rows[0]["Activity - Subject"], rows[0]["Activity - Type"], rows[0]["Activity - Done"],
            rows[0]["Activity - Due date"], rows[0]["Activity - Person"], rows[0]["Activity - Organization"]) == (
        "Send the sensor quote", "Task", "To do", "2026-05-22", "Ola Nordmann", "Nordlys Nett AS")
    assert report.files[0].format == "pipedrive"
    back = [i for i in pipeline.timeline(conn, contact_id=cid) if i.source == "pipedrive" and i.kind == "task"]
    assert [(i.title, i.due, i.done, i.activity.deal_id) for i in back] == [
        ("Send the sensor quote", "2026-05-22", False, deal.id if deal else None)]


def test_csv_cells_never_run_as_formulas(ctx):
    seed(ctx)
    conn = ctx.vault.conn
    cid, acc = _contact(conn, "lise.dahl@fjellheim-bygg.example.com")
    with ctx.vault.transaction():
        brief_store.add_task(conn, title="=HYPERLINK(\"http://x.example.com\")", due=None, contact_id=cid, account_id=acc)
    for fmt in task_export.FORMATS:
        text = task_export.to_csv(brief_store.tasks_for_export(conn, contact_id=cid), fmt).decode("utf-8-sig")
        assert "'=HYPERLINK" in text
