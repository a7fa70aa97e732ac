"""SQL for the right of access and portability: read everything, or everything about one
contact, as plain dicts in a stable order (by id).

Each contact carries ``consent`` (the CRM's flags: ``email_opt_out``, ``call_opt_out``,
``processing_objection``, ``forget_requested``, each true/false/null) and ``consent_sources``
(flag -> the CRM column it came from): a person's export includes their choices.

"About one contact" means: the contact row, the account they belong to, their notes, the
conversations about them or given one of their notes (with their messages and the ids of
the notes they used), their drafts, the activities that are their notes and their roles on
deals (not the deals' amounts, nor other people's roles or activities). The model's reasoning text and internal keys
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
DEAL_COLS = ["id", "account_id", "account_name", "name", "stage", "status", "amount", "currency", "close_date", "probability",
             "next_step", "owner", "source", "crm_id", "created_at", "updated_at"]
ACTIVITY_COLS = ["id", "note_id", "kind", "ends_at", "direction", "duration_min", "due_date", "done", "status", "deal_id", "owner"]
_ROLE_SQL = ("SELECT dc.deal_id, d.name, dc.contact_id, dc.role, dc.is_primary FROM deal_contacts dc "
             "JOIN deals d ON d.id = dc.deal_id")


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
    from app.core.vault import consent

    flags = consent.for_contacts(conn, [c["id"] for c in contacts])
    for c in contacts:
        c["consent"] = flags[c["id"]].as_json()
        c["consent_sources"] = dict(flags[c["id"]].sources)
    pipeline = _pipeline(conn, contact_id, [n["id"] for n in notes])
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
    return {"accounts": accounts, "contacts": contacts, "notes": notes, "conversations": convs, "drafts": drafts, **pipeline}


def _pipeline(conn, contact_id: int | None, note_ids: list[int]) -> dict:
    """Deals, deal roles and activities: all of them, or one person's own (the activities
    that are their notes, and their roles on deals; not the deals' other people)."""
    if contact_id is None:
        deals = _rows(conn, "deals", DEAL_COLS)
        activities = _rows(conn, "activities", ACTIVITY_COLS)
        roles = conn.execute(_ROLE_SQL + " ORDER BY dc.deal_id, dc.contact_id").fetchall()
    else:
        deals = []
        sub, p = _in(note_ids)
        activities = _rows(conn, "activities", ACTIVITY_COLS, f"WHERE note_id IN {sub}", p)
        roles = conn.execute(_ROLE_SQL + " WHERE dc.contact_id = ? ORDER BY dc.deal_id", (contact_id,)).fetchall()
    for a in activities:
        a["done"] = None if a["done"] is None else bool(a["done"])
    deal_contacts = [{"deal_id": r[0], "deal_name": r[1], "contact_id": r[2], "role": r[3], "is_primary": bool(r[4])}
                     for r in roles]
    return {"deals": deals, "deal_contacts": deal_contacts, "activities": activities}
