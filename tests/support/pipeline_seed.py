"""A Salesforce-shaped pipeline export (tests/data/crm/brief/salesforce) in a real vault,
imported by Confidant's own importer: accounts, contacts, notes, opportunities with their
contact roles, tasks (calls and e-mails by TaskSubtype) and events."""

from __future__ import annotations

from pathlib import Path

from tests.support.paths import DATA

SF = DATA / "crm" / "brief" / "salesforce"
FILES = ("Account.csv", "Contact.csv", "Note.csv", "Opportunity.csv", "OpportunityContactRole.csv", "Task.csv", "Event.csv")
AS_OF = "2026-05-20"  # a Wednesday: the day the tests brief for


def seed(ctx, folder: Path = SF) -> dict[str, int]:
    """Import the export into ``ctx``'s vault; returns each record's 18-character Salesforce id
    -> its vault id (contacts, accounts, deals; notes, tasks and events -> their note id)."""
    from app.core.crm.importer import import_files

    report = import_files(ctx.vault, [folder / f for f in FILES], format="salesforce")
    assert report.ok, report.as_json()
    conn = ctx.vault.conn
    ids: dict[str, int] = {}
    for table in ("contacts", "accounts"):
        for rid, crm in conn.execute(f"SELECT id, crm_id FROM {table} WHERE crm_source = 'salesforce'"):
            ids[crm] = rid
    for rid, crm in conn.execute("SELECT id, crm_id FROM deals WHERE source = 'salesforce'"):
        ids[crm] = rid
    for rid, crm in conn.execute("SELECT id, crm_id FROM notes WHERE source = 'salesforce' AND crm_id IS NOT NULL"):
        ids[crm] = rid
    return ids
