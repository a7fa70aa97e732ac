"""Contacts, accounts and notes as the rest of the app reads them.

Runs on the thread that owns the vault connection. Every function takes the open
connection and returns plain dicts. Text the user types is never spliced into SQL: name
search compares case-folded text with ``instr`` (no patterns), and full-text queries are
built by :func:`fts_query`, which quotes every term so FTS5 syntax in user text is words.
"""

from __future__ import annotations

import json
import re

from app.core.errors import AmbiguousError, NotFoundError
from app.core.vault.db import fold
from app.core.vault.import_writer import HOLDER_ID, HOLDER_SOURCE

_CONTACT_SQL = """
SELECT c.id, c.full_name, c.email, a.name, c.phone, c.title, c.account_id,
       (SELECT count(*) FROM notes n WHERE n.contact_id = c.id
        OR n.id IN (SELECT note_id FROM note_contacts WHERE contact_id = c.id)) AS notes,
       cc.email_opt_out, cc.call_opt_out, cc.processing_objection, cc.forget_requested
FROM contacts c LEFT JOIN accounts a ON a.id = c.account_id LEFT JOIN contact_consent cc ON cc.contact_id = c.id
"""
_CONSENT = ("email_opt_out", "call_opt_out", "processing_objection", "forget_requested")


def _contact(row) -> dict:
    return {"id": row[0], "name": row[1], "email": row[2], "company": row[3], "phone": row[4], "title": row[5],
            "account_id": row[6], "notes": row[7],
            # the CRM's consent flags (issue 28): true, false, or null when no export said
            "consent": {k: None if v is None else bool(v) for k, v in zip(_CONSENT, row[8:12])}}


# Name search folds case with Python's casefold (the ``fold`` SQL function the vault
# registers on its connection): SQLite's NOCASE and LIKE fold ASCII only, so "ødegård"
# would not find "Ødegård". ``instr`` on folded text needs no LIKE escaping either.
_CONTACT_MATCH = " WHERE instr(fold(c.full_name), ?) OR instr(fold(c.email), ?) OR instr(fold(a.name), ?)"


def list_contacts(conn, query: str | None = None, limit: int | None = None, offset: int = 0) -> list[dict]:
    """Contacts by name; ``query`` matches name, e-mail or company (case-insensitive, any
    alphabet: Ø, Å, Æ, Ä, Ö, Ü fold like A-Z). ``offset`` skips that many, for paging."""
    sql, params = _CONTACT_SQL, []
    if query:
        sql += _CONTACT_MATCH
        params = [fold(query)] * 3
    sql += " ORDER BY c.full_name COLLATE NOCASE, c.id"
    if limit or offset:
        sql += " LIMIT ? OFFSET ?"
        params += [int(limit) if limit else -1, int(offset)]
    return [_contact(r) for r in conn.execute(sql, params)]


def count_contacts(conn, query: str | None = None) -> int:
    """How many contacts :func:`list_contacts` would return without a limit."""
    sql = "SELECT count(*) FROM contacts c LEFT JOIN accounts a ON a.id = c.account_id"
    params: list = []
    if query:
        sql += _CONTACT_MATCH
        params = [fold(query)] * 3
    return int(conn.execute(sql, params).fetchone()[0])


def get_contact(conn, contact_id: int) -> dict | None:
    """A contact; with ``consent_sources`` (flag -> the CRM column it came from)."""
    row = conn.execute(_CONTACT_SQL + " WHERE c.id = ?", (contact_id,)).fetchone()
    if not row:
        return None
    from app.core.vault import consent

    return {**_contact(row), "consent_sources": consent.get(conn, contact_id).sources}


def _describe(c: dict) -> str:
    return f"{c['id']}: {c['name']} <{c['email'] or 'no e-mail'}>{' at ' + c['company'] if c['company'] else ''}"


def resolve_contact(conn, ref) -> dict:
    """A contact by id, e-mail (any case) or unique name (any case); a unique partial
    match of name, e-mail or company is accepted too."""
    text = str(ref).strip()
    rows = exact_contacts(conn, text)
    if not rows:
        rows = list_contacts(conn, text, limit=21)
    if len(rows) == 1:
        return rows[0]
    if not rows:
        raise NotFoundError(f"No contact matches '{text}'; try `confidant contacts` to list them.")
    raise AmbiguousError(f"'{text}' matches {len(rows)} contacts; use an id or an e-mail.", [_describe(c) for c in rows[:20]])


def list_accounts(conn, query: str | None = None) -> list[dict]:
    sql = ("SELECT a.id, a.name, a.website, (SELECT count(*) FROM contacts c WHERE c.account_id = a.id), "
           "(SELECT count(*) FROM notes n WHERE n.account_id = a.id OR n.contact_id IN "
           "(SELECT id FROM contacts WHERE account_id = a.id)), a.crm_source = ? AND a.crm_id = ?, a.crm_source FROM accounts a")
    params: list = [HOLDER_SOURCE, HOLDER_ID]
    if query:
        sql += " WHERE instr(fold(a.name), ?)"
        params.append(fold(query))
    sql += " ORDER BY a.name COLLATE NOCASE, a.id"
    return [{"id": f"a{r[0]}", "account_id": r[0], "name": r[1], "website": r[2], "contacts": r[3], "notes": r[4],
             "unlinked": bool(r[5]),  # the importer's holder of notes it could not link yet
             "source": r[6]}  # the CRM it came from: tells apart same-named companies kept apart
            for r in conn.execute(sql, params)]


def resolve_target(conn, ref) -> dict:
    """A contact or an account: "a123" or an account's name picks an account; otherwise a contact.
    Returns the record with ``"kind": "contact" | "account"``."""
    text = str(ref).strip()
    m = re.fullmatch(r"[aA](\d+)", text)
    if m:
        rows = [a for a in list_accounts(conn) if a["account_id"] == int(m.group(1))]
        if rows:
            return {**rows[0], "kind": "account"}
        raise NotFoundError(f"No account with id {text}.")
    accounts = [a for a in list_accounts(conn) if a["name"].casefold() == text.casefold()]
    exact = exact_contacts(conn, text)
    if len(accounts) > 1 and not exact:
        raise AmbiguousError(f"'{text}' matches {len(accounts)} accounts; use an id like a{accounts[0]['account_id']}.",
                             [f"{a['id']}: {a['name']}" for a in accounts])
    if accounts and exact:
        raise AmbiguousError(f"'{text}' is both a contact and an account; use {exact[0]['id']} or a{accounts[0]['account_id']}.",
                             [_describe(exact[0]), f"a{accounts[0]['account_id']}: {accounts[0]['name']}"])
    if accounts:
        return {**accounts[0], "kind": "account"}
    try:
        return {**resolve_contact(conn, text), "kind": "contact"}
    except NotFoundError:
        fuzzy = list_accounts(conn, text)
        if len(fuzzy) == 1:
            return {**fuzzy[0], "kind": "account"}
        raise NotFoundError(f"No contact or account matches '{text}'.") from None


def exact_contacts(conn, text: str) -> list[dict]:
    """Contacts matched exactly by id (``123`` or ``contact#123``), e-mail or full name
    (any case); no fuzzy matching, so destructive commands can rely on it."""
    text = str(text).strip()
    if text.lower().startswith("contact#"):
        text = text[len("contact#"):]
    if text.isdigit():
        c = get_contact(conn, int(text))
        if c:
            return [c]
    if "@" in text:
        return [_contact(r) for r in conn.execute(_CONTACT_SQL + " WHERE c.email_key = ?", (text.lower(),))]
    rows = [_contact(r) for r in conn.execute(_CONTACT_SQL + " WHERE c.full_name = ? COLLATE NOCASE ORDER BY c.id", (text,))]
    if not rows and not text.isascii():
        # SQLite's NOCASE folds ASCII only: "ØYVIND BAKKE" must still find "Øyvind Bakke".
        folded = text.casefold()
        ids = [i for i, name in conn.execute("SELECT id, full_name FROM contacts ORDER BY id") if name.casefold() == folded]
        rows = [get_contact(conn, i) for i in ids]
    return rows


def _note(r) -> dict:
    return {"id": r[0], "date": r[1], "title": r[2], "body": r[3], "source": r[4], "flags": json.loads(r[5] or "[]"),
            "contact_id": r[6], "account_id": r[7]}


_NOTE_COLS = "n.id, n.occurred_at, n.title, n.body, n.source, n.flags, n.contact_id, n.account_id"


def _scope(contact_id, account_id) -> tuple[str, list]:
    if contact_id is not None:
        # a note on several contacts (note_contacts) shows on each of them
        return "(n.contact_id = ? OR n.id IN (SELECT note_id FROM note_contacts WHERE contact_id = ?))", [contact_id, contact_id]
    if account_id is not None:
        return "(n.account_id = ? OR n.contact_id IN (SELECT id FROM contacts WHERE account_id = ?))", [account_id, account_id]
    return "1", []


def notes_for(conn, *, contact_id=None, account_id=None, limit=None, newest_first=True) -> list[dict]:
    """A contact's notes, or an account's (its own and its contacts'), by date; undated last."""
    where, params = _scope(contact_id, account_id)
    order = "DESC" if newest_first else "ASC"
    sql = f"SELECT {_NOTE_COLS} FROM notes n WHERE {where} ORDER BY n.occurred_at IS NULL, n.occurred_at {order}, n.id {order}"
    if limit:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [_note(r) for r in conn.execute(sql, params)]


def fts_query(text: str) -> str:
    """User text as an FTS5 query of quoted terms (implicit AND); never FTS syntax."""
    terms = re.findall(r"\w+", text, flags=re.UNICODE)
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def search_notes(conn, query: str, *, contact_id=None, account_id=None, limit: int = 20) -> list[dict]:
    """Notes matching ``query``, best first (FTS5 bm25, title weighted above body)."""
    q = fts_query(query)
    if not q:
        return []
    where, params = _scope(contact_id, account_id)
    sql = (f"SELECT {_NOTE_COLS}, bm25(notes_fts, 2.0, 1.0) AS rank FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid "
           f"WHERE notes_fts MATCH ? AND {where} ORDER BY rank LIMIT ?")
    out = []
    for r in conn.execute(sql, [q, *params, int(limit)]):
        d = _note(r)
        d["rank"] = r[8]
        out.append(d)
    return out
