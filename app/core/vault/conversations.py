"""Conversations, their messages, the notes each was given, and saved drafts.

Runs on the thread that owns the vault connection. Writers are meant to be called inside
one ``vault.transaction()`` so that a task's conversation, messages, note links and draft
commit together or not at all (a cancelled task leaves nothing behind).

Reasoning text is written only when the caller passes it, which the assistant does only
when the ``store_reasoning`` setting is on.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

from app.core.model import Note
from app.core.errors import N_, NotFoundError


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def create(conn, task: str, *, contact_id: int | None = None, account_id: int | None = None,
           title: str | None = None, model_sha256: str | None = None) -> int:
    now = _now()
    cur = conn.execute(
        "INSERT INTO conversations(task, account_id, contact_id, title, model_sha256, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (task, account_id, contact_id, title, model_sha256, now, now),
    )
    return int(cur.lastrowid)


def add_message(conn, conversation_id: int, role: str, content: str, *, reasoning: str | None = None,
                meta: dict | None = None) -> int:
    now = _now()
    cur = conn.execute(
        "INSERT INTO messages(conversation_id, role, content, reasoning, meta, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (conversation_id, role, content, reasoning, json.dumps(meta or {}, ensure_ascii=False), now),
    )
    conn.execute("UPDATE conversations SET updated_at = ? WHERE id = ?", (now, conversation_id))
    return int(cur.lastrowid)


def link_notes(conn, conversation_id: int, note_ids) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO conversation_notes(conversation_id, note_id) VALUES (?, ?)",
        [(conversation_id, int(n)) for n in note_ids],
    )


def save_draft(conn, conversation_id: int, contact_id: int | None, subject: str, body: str, language: str | None) -> int:
    cur = conn.execute(
        "INSERT INTO drafts(conversation_id, contact_id, subject, body, language, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (conversation_id, contact_id, subject, body, language, _now()),
    )
    return int(cur.lastrowid)


def get(conn, conversation_id: int) -> dict:
    """The conversation with its messages (oldest first) and the ids of its notes."""
    row = conn.execute(
        "SELECT id, task, account_id, contact_id, title, model_sha256, created_at, updated_at FROM conversations WHERE id = ?",
        (int(conversation_id),),
    ).fetchone()
    if row is None:
        raise NotFoundError(N_("There is no conversation {conversation_id}⟦; `confidant history` lists them⟧."),
                            conversation_id=conversation_id)
    conv = dict(zip(("id", "task", "account_id", "contact_id", "title", "model_sha256", "created_at", "updated_at"), row))
    conv["messages"] = [
        {"id": r[0], "role": r[1], "content": r[2], "reasoning": r[3], "meta": json.loads(r[4] or "{}"), "created_at": r[5]}
        for r in conn.execute(
            "SELECT id, role, content, reasoning, meta, created_at FROM messages WHERE conversation_id = ? ORDER BY id",
            (conv["id"],),
        )
    ]
    conv["note_ids"] = [r[0] for r in conn.execute(
        "SELECT note_id FROM conversation_notes WHERE conversation_id = ? ORDER BY note_id", (conv["id"],))]
    return conv


def notes(conn, conversation_id: int) -> list[Note]:
    """The notes a conversation was given (for checking the citations of a follow-up turn):
    their ids, dates, titles and parents; not their text."""
    return [
        Note(r[0], r[1], r[2], "", contact_id=r[3], account_id=r[4])
        for r in conn.execute(
            "SELECT n.id, n.occurred_at, n.title, n.contact_id, n.account_id FROM conversation_notes cn "
            "JOIN notes n ON n.id = cn.note_id WHERE cn.conversation_id = ? ORDER BY n.id",
            (int(conversation_id),),
        )
    ]


def drafts(conn, conversation_id: int) -> list[dict]:
    return [
        {"id": r[0], "subject": r[1], "body": r[2], "language": r[3], "created_at": r[4], "contact_id": r[5]}
        for r in conn.execute(
            "SELECT id, subject, body, language, created_at, contact_id FROM drafts WHERE conversation_id = ? ORDER BY id",
            (int(conversation_id),),
        )
    ]


def list_all(conn, *, limit: int | None = 50, contact_id: int | None = None, account_id: int | None = None) -> list[dict]:
    """Newest first, with who they are about and how many turns they hold."""
    where, params = [], []
    if contact_id is not None:
        where.append("c.contact_id = ?")
        params.append(int(contact_id))
    if account_id is not None:
        where.append("c.account_id = ?")
        params.append(int(account_id))
    sql = (
        "SELECT c.id, c.task, c.title, c.contact_id, ct.full_name, c.account_id, a.name, c.created_at, c.updated_at, "
        "(SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.role = 'assistant'), "
        "(SELECT m.meta FROM messages m WHERE m.conversation_id = c.id AND m.role = 'user' ORDER BY m.id LIMIT 1), "
        "(SELECT m.meta FROM messages m WHERE m.conversation_id = c.id AND m.role = 'user' ORDER BY m.id DESC LIMIT 1) "
        "FROM conversations c LEFT JOIN contacts ct ON ct.id = c.contact_id LEFT JOIN accounts a ON a.id = c.account_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY c.updated_at DESC, c.id DESC"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    keys = ("id", "task", "title", "contact_id", "contact", "account_id", "account", "created_at", "updated_at", "turns")
    out = []
    for r in conn.execute(sql, params):
        row = dict(zip(keys, r[:10]))
        first, last = json.loads(r[10] or "{}"), json.loads(r[11] or "{}")
        # What the user asked for, for a title: the first turn's settings, the latest request.
        row["about"] = first.get("about") or None
        row["template"] = first.get("template") or None
        row["template_title"] = first.get("template_title") or None
        row["question"] = first.get("display") if row["task"] == "ask" else None
        row["latest_request"] = (last.get("display") or None) if r[11] != r[10] and not last.get("edited") else None
        row["edited"] = bool(last.get("edited"))
        out.append(row)
    return out


def count(conn) -> int:
    return conn.execute("SELECT count(*) FROM conversations").fetchone()[0]


def delete(conn, conversation_id: int) -> bool:
    """Delete one conversation with its messages, drafts and note links (call inside a
    transaction). The vault runs with ``secure_delete``, so the freed pages are zeroed.
    Returns False when there was no such conversation."""
    from app.core.vault import audit

    cur = conn.execute("DELETE FROM conversations WHERE id = ?", (int(conversation_id),))
    if cur.rowcount:
        audit.append(conn, "conversation.deleted", conversation=int(conversation_id))
    return bool(cur.rowcount)


def drop_last_turn(conn, conversation_id: int) -> bool:
    """Delete a conversation's latest turn (its request, its answer and, for a draft, the
    draft row that turn saved), or the whole conversation when that was its only turn. For
    an answer the user discards (a reply the company server stopped in the middle). Call
    inside a transaction. Returns True when the whole conversation went."""
    from app.core.vault import audit

    ids = [r[0] for r in conn.execute(
        "SELECT id FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT 3", (int(conversation_id),))]
    if len(ids) <= 2:
        return delete(conn, conversation_id)
    conn.executemany("DELETE FROM messages WHERE id = ?", [(i,) for i in ids[:2]])
    conn.execute("DELETE FROM drafts WHERE id = (SELECT max(id) FROM drafts WHERE conversation_id = ?) "
                 "AND created_at >= (SELECT created_at FROM messages WHERE id = ?)", (int(conversation_id), ids[2]))
    audit.append(conn, "conversation.turn_discarded", conversation=int(conversation_id))
    return False
