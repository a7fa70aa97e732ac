"""A Salesforce-shaped pipeline export (tests/data/crm/brief/salesforce) in a real vault.

Accounts, contacts and notes go through Confidant's own importer. Opportunity.csv,
OpportunityContactRole.csv, Task.csv and Event.csv are read here, row by row as Salesforce
writes them, and written through the pipeline's typed vault API (app.core.vault.pipeline),
until the importer maps them itself (issue 22): open/won/lost from IsClosed/IsWon, the amount
exact, TaskSubtype Call/Email as calls and e-mails, tasks with their due date and done.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from app.core.crm.sfid import sf18
from app.core.vault import pipeline
from app.core.vault.import_writer import ImportWriter, content_key, now
from tests.support.paths import DATA

SF = DATA / "crm" / "brief" / "salesforce"
AS_OF = "2026-05-20"  # a Wednesday: the day the tests brief for


def _rows(name: str) -> list[dict]:
    with open(SF / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _true(v: str) -> bool:
    return (v or "").strip().lower() in ("true", "1")


def seed(ctx, folder: Path = SF) -> dict[str, int]:
    """Import the export into ``ctx``'s vault; returns Salesforce id -> vault id (contacts,
    accounts, deals, and task/event ids -> their note id)."""
    from app.core.crm.importer import import_files

    import_files(ctx.vault, [folder / "Account.csv", folder / "Contact.csv", folder / "Note.csv"], format="salesforce")
    conn = ctx.vault.conn
    ids: dict[str, int] = {}
    for cid, crm in conn.execute("SELECT id, crm_id FROM contacts WHERE crm_source = 'salesforce'"):
        ids[crm] = cid
    for aid, crm in conn.execute("SELECT id, crm_id FROM accounts WHERE crm_source = 'salesforce'"):
        ids[crm] = aid
    for nid, crm in conn.execute("SELECT id, crm_id FROM notes WHERE source = 'salesforce' AND crm_id IS NOT NULL"):
        ids[crm] = nid
    account_of = dict(conn.execute("SELECT id, account_id FROM contacts").fetchall())
    stamp = now()
    with ctx.vault.transaction():
        for r in _rows("Opportunity.csv"):
            status = "open" if not _true(r["IsClosed"]) else ("won" if _true(r["IsWon"]) else "lost")
            amount = format(Decimal(r["Amount"]), "f") if r["Amount"] else None  # "1.25E5" is 125000, exactly
            deal_id, _ = pipeline.upsert_deal(conn, pipeline.DealRow(
                r["Name"], "salesforce", sf18(r["Id"]), ids[sf18(r["AccountId"])], None, r["StageName"] or None, status,
                amount, r["CurrencyIsoCode"] or None, r["CloseDate"] or None, int(r["Probability"]) if r["Probability"] else None,
                r["NextStep"] or None), stamp)
            ids[sf18(r["Id"])] = deal_id
        for r in _rows("OpportunityContactRole.csv"):
            pipeline.set_deal_contact(conn, ids[sf18(r["OpportunityId"])], ids[sf18(r["ContactId"])], r["Role"] or None,
                                      _true(r["IsPrimary"]))
        w = ImportWriter(conn)
        acts = []
        for name, kind_of in (("Task.csv", None), ("Event.csv", "meeting")):
            for r in _rows(name):
                who = ids.get(sf18(r["WhoId"]))
                what = sf18(r["WhatId"])
                deal = ids.get(what) if what and what.startswith("006") else None
                account = account_of.get(who) if who else ids.get(what)
                when = r.get("StartDateTime") or r.get("ActivityDate")
                kind = kind_of or {"Call": "call", "Email": "email"}.get(r.get("TaskSubtype") or "", "task")
                body = r["Description"] or r["Subject"]
                key = content_key("salesforce", sf18(r["Id"]), f"{who}", when, r["Subject"], body)
                w.add_notes([(who, account, when, r["Subject"], body, "salesforce", sf18(r["Id"]), key, "[]")])
                done = _true(r.get("IsClosed", "")) or r.get("Status") == "Completed" if kind_of is None else None
                acts.append((key, pipeline.ActivityFields(
                    kind, ends_at=r.get("EndDateTime") or None, due_date=r["ActivityDate"] if kind == "task" else None,
                    done=done if kind == "task" else None, status=r.get("Status") or None, deal_id=deal)))
                ids[sf18(r["Id"])] = conn.execute("SELECT id FROM notes WHERE content_key = ?", (key,)).fetchone()[0]
        pipeline.add_activities(conn, acts)
    return ids
