"""SQL for the right of access and portability: read everything, or everything about one
contact, as plain dicts in a stable order (by id).

"About one contact" means: the contact row, the account they belong to, their notes, the
conversations about them or given one of their notes (with their messages and the ids of
the notes they used) and their drafts. The model's reasoning text and internal keys
(``content_key``, message ``meta``) are not part of an export: reasoning is never exported
with an answer (DESIGN.md), and the keys mean nothing outside this vault.
"""

from __future__ import annotations

import json

ACCOUNT_COLS = ["id", "name", "website", "crm_source", "crm_id", "created_at", "updated_at"]
CONTACT_COLS = ["id", "account_id", "full_name", "first_name", "last_name", "email", "phone", "title",
                "crm_source", "crm_id", "created_at", "updated_at"]
NOTE_COLS = ["id", "contact_id", "account_id", "occurred_at", "title", "body", "source", "crm_id", "flags", "created_at"]
CONV_COLS = ["id", "task", "account_id", "contact_id", "title", "model_sha256", "created_at", "updated_at"]
MESSAGE_COLS = ["id", "conversation_id", "role", "content", "created_at"]
DRAFT_COLS = ["id", "conversation_id", "contact_id", "subject", "body", "language", "created_at"]


def _rows(conn, table: str, cols: list[str], where: str = "", params=()) -> list[dict]:
    sql = f"SELECT {', '.join(cols)} FROM {table} {where} ORDER BY id"
    return [dict(zip(cols, r)) for r in conn.execute(sql, params)]


def _in(ids) -> tuple[str, tuple]:
    return "(SELECT value FROM json_each(?))", ("[" + ",".join(str(int(i)) for i in ids) + "]",)


def collect(conn, contact_id: int | None = None) -> dict:
    """All records (``contact_id`` None) or the records about one contact."""
    if contact_id is None:
        accounts = _rows(conn, "accounts", ACCOUNT_COLS)
        contacts = _rows(conn, "contacts", CONTACT_COLS)
        notes = _rows(conn, "notes", NOTE_COLS)
        convs = _rows(conn, "conversations", CONV_COLS)
        drafts = _rows(conn, "drafts", DRAFT_COLS)
    else:
        contacts = _rows(conn, "contacts", CONTACT_COLS, "WHERE id = ?", (contact_id,))
        acc_ids = [c["account_id"] for c in contacts if c["account_id"] is not None]
        sub, p = _in(acc_ids)
        accounts = _rows(conn, "accounts", ACCOUNT_COLS, f"WHERE id IN {sub}", p)
        notes = _rows(conn, "notes", NOTE_COLS, "WHERE contact_id = ? OR id IN "
                      "(SELECT note_id FROM note_contacts WHERE contact_id = ?)", (contact_id, contact_id))
        sub, p = _in([n["id"] for n in notes])
        convs = _rows(
            conn, "conversations", CONV_COLS,
            f"WHERE contact_id = ? OR id IN (SELECT conversation_id FROM conversation_notes WHERE note_id IN {sub})",
            (contact_id, *p),
        )
        sub, p = _in([c["id"] for c in convs])
        drafts = _rows(conn, "drafts", DRAFT_COLS,  # never a draft to someone else
                       f"WHERE contact_id = ? OR (contact_id IS NULL AND conversation_id IN {sub})", (contact_id, *p))
    for n in notes:
        n["flags"] = json.loads(n["flags"] or "[]")
    sub, p = _in([c["id"] for c in convs])
    messages: dict[int, list] = {}
    for m in _rows(conn, "messages", MESSAGE_COLS, f"WHERE conversation_id IN {sub}", p):
        messages.setdefault(m.pop("conversation_id"), []).append(m)
    used: dict[int, list] = {}
    for cid, nid in conn.execute(
        f"SELECT conversation_id, note_id FROM conversation_notes WHERE conversation_id IN {sub} ORDER BY 1, 2", p
    ):
        used.setdefault(cid, []).append(nid)
    for c in convs:
        c["note_ids"] = used.get(c["id"], [])
        c["messages"] = messages.get(c["id"], [])
    return {"accounts": accounts, "contacts": contacts, "notes": notes, "conversations": convs, "drafts": drafts}
