"""SQL for the right to erasure: everything about one contact, then the freed pages.

:func:`forget_contact` deletes, in ONE transaction, the contact's drafts, every
conversation that used one of their notes (through ``conversation_notes``) or was about
them, their notes (the FTS rows go with them through the triggers; their activities, which
are notes, with them), their roles on deals and the contact row,
then merges the full-text index (FTS5 ``optimize``) so the deleted terms leave the index
segments, and appends a content-free audit row (``contact#<id>`` and counts). A kill at
any point leaves either everything or nothing deleted.

:func:`scrub` then checkpoints the WAL (TRUNCATE) and VACUUMs, so no freed page still
holds the old rows. A kill before scrub finished leaves the ``privacy.scrub_pending``
setting, and the next start finishes the job (see app.core.privacy.retention).

The person also lives on where nothing links them: an account-level ``ask``/``summarize``
stores a "Known contacts" line with every contact of the account, and other people's notes
may name them. So conversations (title, messages, reasoning) and drafts whose text holds the
person's full name, e-mail or phone number go too, and so does every conversation whose
stored prompt lists them as an entry of its subject block, even by a one-word name, and :func:`plan` lists the *other* notes
that mention them; ``redact_mentions=True`` replaces those mentions with ``[removed]`` in the
same transaction (the FTS rows follow through the update trigger).
"""

from __future__ import annotations

import re

from app.core.errors import AmbiguousError, N_, NotFoundError
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
        raise (NotFoundError(N_("No contact matches '{contact_id}'. Nothing was deleted."), contact_id=ref) if ref.isdigit()
               else NotFoundError(N_("No contact matches '{ref}'. Nothing was deleted."), ref=ref))
    if len(rows) > 1:
        raise AmbiguousError(
            N_("{n_rows} contacts match '{ref}'; name one by id. Nothing was deleted."),
            [f"{r['id']}: {r['name']} <{r['email'] or 'no e-mail'}>" for r in rows],
                    n_rows=len(rows), ref=ref)
    r = rows[0]
    return {"id": r["id"], "name": r["name"], "email": r["email"]}


# A contact's notes: those on them, and those on several contacts including them (note_contacts).
_NOTES_OF = "SELECT id FROM notes WHERE contact_id = ? UNION SELECT note_id FROM note_contacts WHERE contact_id = ?"


def _ids(conn, sql: str, params) -> list[int]:
    return [r[0] for r in conn.execute(sql, params)]


REDACTED = "[removed]"


def identity_patterns(conn, contact_id: int) -> list[re.Pattern]:
    """Patterns for the person's full name, e-mail and phone number (any case; a phone number
    with any spacing, with or without its country code)."""
    row = conn.execute("SELECT full_name, email, phone FROM contacts WHERE id = ?", (contact_id,)).fetchone()
    if row is None:
        return []
    name, email, phone = row
    pats = []
    if name and len(name.strip()) >= 4 and " " in name.strip():  # a full name, never a lone first name
        words = [re.escape(w) for w in name.split()]
        pats.append(re.compile(r"\b" + r"\s+".join(words) + r"\b", re.IGNORECASE))
    if email and "@" in email:
        pats.append(re.compile(re.escape(email.strip()), re.IGNORECASE))
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) >= 6:
        tail = digits[-8:]
        pats.append(re.compile(r"(?:\+\d{1,3}[\s.-]{0,2})?(?<!\d)" + r"[\s().-]{0,2}".join(tail) + r"(?!\d)"))
    return pats


def listing_patterns(conn, contact_id: int) -> list[re.Pattern]:
    """The person as an entry of a stored prompt's subject block ("Contact: NAME…" or an
    entry of "Known contacts: A; NAME, title…; B"), for conversations only. Unlike
    :func:`identity_patterns` this also matches a one-word name: in that block a name is an
    entry of its own, not a word that could be anyone's."""
    row = conn.execute("SELECT full_name FROM contacts WHERE id = ?", (contact_id,)).fetchone()
    name = " ".join((row[0] or "").split()) if row else ""
    if not name:
        return []
    words = r"\s+".join(re.escape(w) for w in name.split())
    return [re.compile(r"^> (?:Contact: |Known contacts: (?:[^\n]*?; )?)" + words + r"(?=[,;<\n]| at |$)",
                       re.IGNORECASE | re.MULTILINE)]


def _mentions(text: str | None, pats: list[re.Pattern]) -> bool:
    return bool(text) and any(p.search(text) for p in pats)


def _mentioning_conversations(conn, pats: list[re.Pattern]) -> list[int]:
    if not pats:
        return []
    hits: dict[int, None] = {}
    for cid, title in conn.execute("SELECT id, title FROM conversations"):
        if _mentions(title, pats):
            hits.setdefault(cid, None)
    for cid, content, reasoning in conn.execute("SELECT conversation_id, content, reasoning FROM messages"):
        if cid not in hits and (_mentions(content, pats) or _mentions(reasoning, pats)):
            hits.setdefault(cid, None)
    return list(hits)


def _mentioning_drafts(conn, pats: list[re.Pattern]) -> list[int]:
    if not pats:
        return []
    return [d for d, subj, body in conn.execute("SELECT id, subject, body FROM drafts")
            if _mentions(subj, pats) or _mentions(body, pats)]


def other_notes_mentioning(conn, contact_id: int, pats: list[re.Pattern] | None = None) -> list[int]:
    """Ids of notes *not* about this contact whose title or text names them."""
    pats = identity_patterns(conn, contact_id) if pats is None else pats
    if not pats:
        return []
    own = set(_ids(conn, _NOTES_OF, (contact_id, contact_id)))
    return [nid for nid, title, body in conn.execute("SELECT id, title, body FROM notes")
            if nid not in own and (_mentions(title, pats) or _mentions(body, pats))]


def _all_conversations(conn, contact_id: int, pats: list[re.Pattern]) -> list[int]:
    pats = pats + listing_patterns(conn, contact_id)
    return list(dict.fromkeys(_conversation_ids(conn, contact_id) + _mentioning_conversations(conn, pats)))


def plan(conn, contact_id: int) -> dict:
    """What forgetting would delete, as counts (shown before the user confirms), and the ids
    of other people's notes that mention the person (``mentions``)."""
    pats = identity_patterns(conn, contact_id)
    notes = _ids(conn, _NOTES_OF, (contact_id, contact_id))
    convs = _all_conversations(conn, contact_id, pats)
    drafts = conn.execute(
        "SELECT count(*) FROM drafts WHERE contact_id = ? OR conversation_id IN "
        "(SELECT value FROM json_each(?)) OR id IN (SELECT value FROM json_each(?))",
        (contact_id, _json(convs), _json(_mentioning_drafts(conn, pats))),
    ).fetchone()[0]
    # Their activities are among their notes (deleted with them); their deal roles go with the
    # contact row (ON DELETE CASCADE); the deals themselves are the company's and stay.
    sub = "(SELECT value FROM json_each(?))"
    activities = conn.execute(f"SELECT count(*) FROM activities WHERE note_id IN {sub}", (_json(notes),)).fetchone()[0]
    roles = conn.execute("SELECT count(*) FROM deal_contacts WHERE contact_id = ?", (contact_id,)).fetchone()[0]
    return {"notes": len(notes), "activities": activities, "deal_roles": roles, "conversations": len(convs), "drafts": drafts,
            "mentions": other_notes_mentioning(conn, contact_id, pats)}


def _redact(conn, note_ids: list[int], pats: list[re.Pattern]) -> int:
    n = 0
    for nid in note_ids:
        title, body = conn.execute("SELECT title, body FROM notes WHERE id = ?", (nid,)).fetchone()
        new_title, new_body = title, body
        for p in pats:
            new_title = p.sub(REDACTED, new_title) if new_title else new_title
            new_body = p.sub(REDACTED, new_body) if new_body else new_body
        if (new_title, new_body) != (title, body):
            conn.execute("UPDATE notes SET title = ?, body = ? WHERE id = ?", (new_title, new_body, nid))
            n += 1
    return n


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


def forget_contact(vault, contact_id: int, clock=None, *, redact_mentions: bool = False) -> dict:
    """Delete everything about one contact in one transaction; returns the counts.

    ``redact_mentions``: also replace the person's name, e-mail and phone in other people's
    notes with ``[removed]`` (``mentions_redacted``); otherwise their ids are returned as
    ``mentions`` so the user can see what still names the person."""
    conn = vault.conn
    # Overwrite freed cells with zeros as they are freed (VACUUM then drops the pages).
    conn.execute("PRAGMA secure_delete = ON")
    with vault.transaction() as c:
        if c.execute("SELECT 1 FROM contacts WHERE id = ?", (contact_id,)).fetchone() is None:
            raise NotFoundError(N_("Contact {contact_id} no longer exists. Nothing was deleted."), contact_id=contact_id)
        pats = identity_patterns(c, contact_id)
        counts = plan(c, contact_id)
        mentions = counts.pop("mentions")
        convs = _json(_all_conversations(c, contact_id, pats))
        c.execute(
            "DELETE FROM drafts WHERE contact_id = ? OR conversation_id IN (SELECT value FROM json_each(?))"
            " OR id IN (SELECT value FROM json_each(?))",
            (contact_id, convs, _json(_mentioning_drafts(c, pats))),
        )
        # messages, conversation_notes and remaining drafts go by ON DELETE CASCADE
        c.execute("DELETE FROM conversations WHERE id IN (SELECT value FROM json_each(?))", (convs,))
        crashpoints.hit("forget.conversations_deleted")
        c.execute(f"DELETE FROM notes WHERE id IN ({_NOTES_OF})", (contact_id, contact_id))
        redacted = _redact(c, mentions, pats) if redact_mentions else 0
        c.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))
        crashpoints.hit("forget.rows_deleted")
        # External-content FTS5 keeps deleted terms in its segments until they are merged.
        c.execute("INSERT INTO notes_fts(notes_fts) VALUES ('optimize')")
        c.execute("INSERT INTO notes_fts_trigram(notes_fts_trigram) VALUES ('optimize')")
        settings_store.put(c, SCRUB_PENDING, True)
        extra = {"mentions_redacted": redacted} if redact_mentions else {}
        audit.append(c, "contact.forgotten", clock=clock, subject=f"contact#{contact_id}", **extra, **counts)
    crashpoints.hit("forget.committed")
    scrub(vault)
    if redact_mentions:
        return {**counts, "mentions_redacted": redacted}
    return {**counts, "mentions": mentions}


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
