"""Load the evaluation set's fictional accounts into a real test vault, the way an import
would (the import writer, with the importer's instruction-like flag)."""

from __future__ import annotations

import json
from pathlib import Path

from app.core.crm.flags import instruction_like
from app.core.model import NewNote
from app.core.vault.import_writer import ImportWriter, content_key, flags_json

CASES = Path(__file__).resolve().parent / "cases.json"


def seed(vault, *, accounts: list[str] | None = None) -> dict:
    """Returns {"accounts": {key: id}, "contacts": {key: id}, "notes": {account key: [note ids]}}."""
    data = json.loads(CASES.read_text(encoding="utf-8"))
    ids = {"accounts": {}, "contacts": {}, "notes": {}}
    with vault.transaction() as conn:
        w = ImportWriter(conn)
        for acc in data["accounts"]:
            if accounts and acc["key"] not in accounts:
                continue
            aid, _ = w.upsert_account(acc["name"], "evalset", acc["key"], None)
            ids["accounts"][acc["key"]] = aid
            for c in acc["contacts"]:
                cid, _, _ = w.upsert_contact(full_name=c["name"], first_name=c.get("first"), last_name=c.get("last"),
                                             email=c.get("email"), phone=None, title=c.get("title"), account_id=aid,
                                             source="evalset", crm_id=c["key"])
                ids["contacts"][c["key"]] = cid
            for i, n in enumerate(acc["notes"]):
                cid = ids["contacts"][n["contact"]]
                key = content_key("evalset", f"{acc['key']}-{i}", str(cid), n["date"], n.get("title"), n["body"])
                flags = ["instruction_like"] if instruction_like(n["body"]) else []
                nid = w.add_note(NewNote(contact_id=cid, account_id=aid, date=n["date"], title=n.get("title"), body=n["body"],
                                         source="evalset", crm_id=f"{acc['key']}-{i}", content_key=key, flags=flags_json(flags)))
                ids["notes"].setdefault(acc["key"], []).append(nid)
    return ids


def add_notes(vault, contact_id: int, account_id: int | None, bodies: list[str], *, start: int = 0) -> list[int]:
    out = []
    with vault.transaction() as conn:
        w = ImportWriter(conn)
        for i, body in enumerate(bodies, start):
            date = f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}"
            key = content_key("bulk", str(i), str(contact_id), date, None, body)
            out.append(w.add_note(NewNote(contact_id=contact_id, account_id=account_id, date=date, title=f"Note {i}", body=body,
                                          source="bulk", crm_id=str(i), content_key=key, flags="[]")))
    return out
