"""SQL for the right to erasure: everything about one contact, then the freed pages.

:func:`forget_contact` deletes, in ONE transaction, the contact's drafts, every
conversation that used one of their notes (through ``conversation_notes``) or was about
them, their notes (the FTS rows go with them through the triggers) and the contact row,
then merges the full-text index (FTS5 ``optimize``) so the deleted terms leave the index
segments, and appends a content-free audit row (``contact#<id>`` and counts). A kill at
any point leaves either everything or nothing deleted.

:func:`scrub` then checkpoints the WAL (TRUNCATE) and VACUUMs, so no freed page still
holds the old rows. A kill before scrub finished leaves the ``privacy.scrub_pending``
setting, and the next start finishes the job (see app.core.privacy.retention).
"""

from __future__ import annotations

from app.core.errors import AmbiguousError, NotFoundError
from app.core.privacy import crashpoints
from app.core.vault import audit, records, settings_store

SCRUB_PENDING = "privacy.scrub_pending"


def find_contact(conn, ref: str) -> dict:
    """A contact by exact id (``123`` or ``contact#123``), e-mail, or full name (any case).

    Stricter than records.resolve_contact (no fuzzy match: a vague reference must never
    delete anyone). Raises NotFoundError or AmbiguousError listing the candidates.
    """
    ref = (ref or "").strip()
    rows = records.exact_contacts(conn, ref) if ref else []
    if not rows:
        raise NotFoundError(f"No contact matches '{ref}'. Nothing was deleted.")
    if len(rows) > 1:
        raise AmbiguousError(
            f"{len(rows)} contacts match '{ref}'; name one by id. Nothing was deleted.",
            [f"{r['id']}: {r['name']} <{r['email'] or 'no e-mail'}>" for r in rows],
        )
    r = rows[0]
    return {"id": r["id"], "name": r["name"], "email": r["email"]}


# A contact's notes: those on them, and those on several contacts including them (note_contacts).
_NOTES_OF = "SELECT id FROM notes WHERE contact_id = ? UNION SELECT note_id FROM note_contacts WHERE contact_id = ?"


def _ids(conn, sql: str, params) -> list[int]:
    return [r[0] for r in conn.execute(sql, params)]


def plan(conn, contact_id: int) -> dict:
    """What forgetting would delete, as counts (shown before the user confirms)."""
    notes = _ids(conn, _NOTES_OF, (contact_id, contact_id))
    convs = _conversation_ids(conn, contact_id)
    drafts = conn.execute(
        "SELECT count(*) FROM drafts WHERE contact_id = ? OR conversation_id IN "
        f"(SELECT value FROM json_each(?))", (contact_id, _json(convs))
    ).fetchone()[0]
    return {"notes": len(notes), "conversations": len(convs), "drafts": drafts}


def _json(ids: list[int]) -> str:
    return "[" + ",".join(str(int(i)) for i in ids) + "]"


def _conversation_ids(conn, contact_id: int) -> list[int]:
    return _ids(
        conn,
        """SELECT id FROM conversations WHERE contact_id = ?
           UNION SELECT cn.conversation_id FROM conversation_notes cn
                 JOIN notes n ON n.id = cn.note_id WHERE n.id IN (""" + _NOTES_OF + ")",
        (contact_id, contact_id, contact_id),
    )


def forget_contact(vault, contact_id: int, clock=None) -> dict:
    """Delete everything about one contact in one transaction; returns the counts."""
    conn = vault.conn
    # Overwrite freed cells with zeros as they are freed (VACUUM then drops the pages).
    conn.execute("PRAGMA secure_delete = ON")
    with vault.transaction() as c:
        if c.execute("SELECT 1 FROM contacts WHERE id = ?", (contact_id,)).fetchone() is None:
            raise NotFoundError(f"Contact {contact_id} no longer exists. Nothing was deleted.")
        counts = plan(c, contact_id)
        convs = _json(_conversation_ids(c, contact_id))
        c.execute(
            "DELETE FROM drafts WHERE contact_id = ? OR conversation_id IN (SELECT value FROM json_each(?))",
            (contact_id, convs),
        )
        # messages, conversation_notes and remaining drafts go by ON DELETE CASCADE
        c.execute("DELETE FROM conversations WHERE id IN (SELECT value FROM json_each(?))", (convs,))
        crashpoints.hit("forget.conversations_deleted")
        c.execute(f"DELETE FROM notes WHERE id IN ({_NOTES_OF})", (contact_id, contact_id))
        c.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))
        crashpoints.hit("forget.rows_deleted")
        # External-content FTS5 keeps deleted terms in its segments until they are merged.
        c.execute("INSERT INTO notes_fts(notes_fts) VALUES ('optimize')")
        settings_store.put(c, SCRUB_PENDING, True)
        audit.append(c, "contact.forgotten", clock=clock, subject=f"contact#{contact_id}", **counts)
    crashpoints.hit("forget.committed")
    scrub(vault)
    return counts


def scrub(vault) -> None:
    """Checkpoint the WAL into the main file, rebuild the file without free pages, and
    truncate the WAL again (VACUUM in WAL mode writes through the WAL)."""
    vault.checkpoint("TRUNCATE")
    crashpoints.hit("forget.checkpointed")
    vault.conn.execute("VACUUM")
    crashpoints.hit("forget.vacuumed")
    with vault.transaction() as c:
        settings_store.delete(c, SCRUB_PENDING)
    vault.checkpoint("TRUNCATE")


def scrub_pending(conn) -> bool:
    return bool(settings_store.get_all(conn).get(SCRUB_PENDING))
