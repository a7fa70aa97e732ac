"""The pipeline in the vault (issue 22): deals with exact amounts and contact roles, activities
as notes with structure, and forget/export covering both."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.core.model import NewNote
from app.core.privacy import export as export_mod
from app.core.vault import erasure, export_queries, pipeline, records
from app.core.vault.import_writer import ImportWriter, content_key

T = "2026-01-01T00:00:00+00:00"


def _people(conn):
    w = ImportWriter(conn)
    acc, _ = w.upsert_account("Havbris AS", "hubspot", "co:1", None)
    kari, _, _ = w.upsert_contact(full_name="Kari Lunde", first_name="Kari", last_name="Lunde", email="kari@havbris.example.com",
                                  phone=None, title=None, account_id=acc, source="hubspot", crm_id="c:1")
    jon, _, _ = w.upsert_contact(full_name="Jon Berg", first_name="Jon", last_name="Berg", email="jon@havbris.example.com",
                                 phone=None, title=None, account_id=acc, source="hubspot", crm_id="c:2")
    return w, acc, kari, jon


def _activity(w, conn, contact, account, fields: pipeline.ActivityFields, title, body, when="2026-03-01T10:00:00"):
    key = content_key("hubspot", None, f"c:{contact}", when, title, body)
    w.add_notes([NewNote(contact_id=contact, account_id=account, date=when, title=title, body=body, source="hubspot",
                         crm_id=None, content_key=key, flags="[]")])
    pipeline.add_activities(conn, [(key, fields)])
    return key


def test_deal_amount_is_exact_and_roles_list_the_people(ctx):
    conn = ctx.vault.conn
    with ctx.vault.transaction():
        w, acc, kari, jon = _people(conn)
        deal_id, status = pipeline.upsert_deal(conn, pipeline.DealRow(
            "Pilot 2026", "hubspot", "d:9", acc, None, "Contract sent", "open", "12500000.10", "NOK", "2026-06-30", 60,
            "Send the contract"), T)
        pipeline.set_deal_contact(conn, deal_id, kari, "Decision Maker", True)
        pipeline.set_deal_contact(conn, deal_id, jon, "Influencer")
    assert status == "added"
    [deal] = pipeline.list_deals(conn, account_id=acc)
    assert deal.amount == Decimal("12500000.10") and deal.as_json()["amount"] == "12500000.10"
    assert conn.execute("SELECT typeof(amount) FROM deals").fetchone()[0] == "text"  # never a float
    j = deal.as_json()
    assert (j["account"], j["status"], j["currency"], j["close_date"], j["probability"]) == ("Havbris AS", "open", "NOK",
                                                                                          "2026-06-30", 60)
    assert j["contacts"][0] == {"email": "kari@havbris.example.com", "name": "Kari Lunde", "role": "Decision Maker",
                                "primary": True, "contact_id": kari}
    assert [d.name for d in pipeline.list_deals(conn, contact_id=jon)] == ["Pilot 2026"]
    # The same deal again (a re-import) adds nothing; a changed stage updates it.
    with ctx.vault.transaction():
        again = pipeline.upsert_deal(conn, pipeline.DealRow("Pilot 2026", "hubspot", "d:9", acc, stage="Closed won",
                                                            status="won"), T)
    assert again == (deal_id, "updated")
    assert conn.execute("SELECT count(*) FROM deals").fetchone()[0] == 1
    assert pipeline.get_deal(conn, deal_id).status == "won"
    assert pipeline.get_deal(conn, deal_id).amount == Decimal("12500000.10")  # not blanked by a row without it


def test_status_and_probability_are_checked_by_the_vault(ctx):
    conn = ctx.vault.conn
    import sqlcipher3

    with pytest.raises(sqlcipher3.IntegrityError):
        with ctx.vault.transaction():
            pipeline.upsert_deal(conn, pipeline.DealRow("X", "csv", status="maybe"), T)
    with pytest.raises(sqlcipher3.IntegrityError):
        with ctx.vault.transaction():
            pipeline.upsert_deal(conn, pipeline.DealRow("X", "csv", probability=140), T)


def test_activities_are_searchable_notes_with_kinds_due_and_done(ctx):
    conn = ctx.vault.conn
    with ctx.vault.transaction():
        w, acc, kari, jon = _people(conn)
        _activity(w, conn, kari, acc, pipeline.ActivityFields("call", duration_min=25, direction="outbound"),
                  "Pricing call", "Kari asked about volume rebates.")
        task_key = _activity(w, conn, kari, acc, pipeline.ActivityFields("task", due_date="2026-03-05", done=False),
                             "Send offer", "Send the revised offer.", when="2026-03-02")
        _activity(w, conn, jon, acc, pipeline.ActivityFields("meeting"), "Demo", "Demo of the warehouse module.")
    items = pipeline.timeline(conn, contact_id=kari)
    assert [i.kind for i in items] == ["task", "call"]  # newest first
    task = items[0]
    assert task.as_json()["due"] == "2026-03-05" and task.as_json()["done"] is False
    assert task.overdue(date(2026, 3, 6)) and not task.overdue(date(2026, 3, 4))
    assert "due" not in items[1].as_json()
    assert [i.kind for i in pipeline.timeline(conn, account_id=acc, kinds=("meeting",))] == ["meeting"]
    # Searchable like notes: the activity's text is in the notes index.
    assert [n["title"] for n in records.search_notes(conn, "rebates")] == ["Pricing call"]
    # Re-importing the task, now done, adds nothing and marks it done.
    with ctx.vault.transaction():
        assert w.add_notes([NewNote(contact_id=kari, account_id=acc, date="2026-03-02", title="Send offer",
                                    body="Send the revised offer.", source="hubspot", crm_id=None, content_key=task_key,
                                    flags="[]")]) == 0
        pipeline.add_activities(conn, [(task_key, pipeline.ActivityFields("task", done=True))])
    assert conn.execute("SELECT count(*) FROM activities").fetchone()[0] == 3
    assert pipeline.open_tasks(conn, contact_id=kari) == []


def test_forget_removes_the_persons_activities_and_roles_and_export_holds_only_theirs(ctx):
    conn = ctx.vault.conn
    with ctx.vault.transaction():
        w, acc, kari, jon = _people(conn)
        deal_id, _ = pipeline.upsert_deal(conn, pipeline.DealRow("Pilot", "hubspot", "d:1", acc, amount="100.00",
                                                                 currency="EUR"), T)
        pipeline.set_deal_contact(conn, deal_id, kari, "Buyer", True)
        pipeline.set_deal_contact(conn, deal_id, jon, "Economic Buyer")
        _activity(w, conn, kari, acc, pipeline.ActivityFields("call", deal_id=deal_id), "Call", "Kari confirmed the budget.")
        _activity(w, conn, jon, acc, pipeline.ActivityFields("email", direction="inbound"), "Re: offer", "Jon's reply.")
    mine = export_queries.collect(conn, kari)
    assert [a["kind"] for a in mine["activities"]] == ["call"]
    assert [(r["deal_name"], r["role"], r["is_primary"]) for r in mine["deal_contacts"]] == [("Pilot", "Buyer", True)]
    assert mine["deals"] == []  # the deal's amount is the company's, not the person's
    everything = export_queries.collect(conn)
    assert len(everything["activities"]) == 2 and everything["deals"][0]["amount"] == "100.00"
    assert b"Economic Buyer" in export_mod.render(everything, "csv")

    counts = erasure.forget_contact(ctx.vault, kari)
    assert counts["activities"] == 1 and counts["deal_roles"] == 1
    assert conn.execute("SELECT count(*) FROM activities").fetchone()[0] == 1
    assert [c.name for c in pipeline.get_deal(conn, deal_id).contacts] == ["Jon Berg"]
    assert records.search_notes(conn, "budget") == []
    row = conn.execute("SELECT details FROM audit_log WHERE event = 'contact.forgotten'").fetchone()[0]
    assert '"activities":1' in row and '"deal_roles":1' in row
