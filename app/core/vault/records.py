"""Contacts, accounts and notes as the rest of the app reads them.

Runs on the thread that owns the vault connection. Every function takes the open
connection and returns the records of :mod:`app.core.model`: a contact or an account is a
:class:`~app.core.model.Subject`, a note a :class:`~app.core.model.Note`. Text the user types is never spliced into SQL: name
search compares case-folded text with ``instr`` (no patterns), and full-text queries are
built by :func:`fts_query`, which quotes every term so FTS5 syntax in user text is words.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

from app.core.errors import AmbiguousError, N_, NotFoundError
from app.core.model import ACCOUNT, CONTACT, Note, Subject, SubjectRef
from app.core.vault.db import fold
from app.core.vault.import_writer import HOLDER_ID, HOLDER_SOURCE

_CONTACT_SQL = """
SELECT c.id, c.full_name, c.email, a.name, c.phone, c.title, c.account_id,
       (SELECT count(*) FROM notes n WHERE n.contact_id = c.id
        OR n.id IN (SELECT note_id FROM note_contacts WHERE contact_id = c.id)) AS notes, c.first_name,
       cc.email_opt_out, cc.call_opt_out, cc.processing_objection, cc.forget_requested
FROM contacts c LEFT JOIN accounts a ON a.id = c.account_id LEFT JOIN contact_consent cc ON cc.contact_id = c.id
"""
_CONSENT = ("email_opt_out", "call_opt_out", "processing_objection", "forget_requested")


def _contact(row) -> Subject:
    # consent: the CRM's flags, true, false, or None when no export said
    return Subject(CONTACT, row[0], row[1], email=row[2], company=row[3], phone=row[4], title=row[5], account_id=row[6],
                   note_count=row[7], first_name=row[8],
                   consent={k: None if v is None else bool(v) for k, v in zip(_CONSENT, row[9:13])})


# Name search folds case with Python's casefold (the ``fold`` SQL function the vault
# registers on its connection): SQLite's NOCASE and LIKE fold ASCII only, so "ødegård"
# would not find "Ødegård". ``instr`` on folded text needs no LIKE escaping either.
_CONTACT_MATCH = " WHERE instr(fold(c.full_name), ?) OR instr(fold(c.email), ?) OR instr(fold(a.name), ?)"


def list_contacts(conn, query: str | None = None, limit: int | None = None, offset: int = 0) -> list[Subject]:
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


def get_contact(conn, contact_id: int) -> Subject | None:
    """A contact; with ``consent_sources`` (flag -> the CRM column it came from)."""
    row = conn.execute(_CONTACT_SQL + " WHERE c.id = ?", (contact_id,)).fetchone()
    if not row:
        return None
    from app.core.vault import consent

    return replace(_contact(row), consent_sources=consent.get(conn, contact_id).sources)


def _describe(c: Subject) -> str:
    return f"{c.id}: {c.name} <{c.email or 'no e-mail'}>{' at ' + c.company if c.company else ''}"


def resolve_contact(conn, ref) -> Subject:
    """A contact by id, e-mail (any case) or unique name (any case); a unique partial
    match of name, e-mail or company is accepted too."""
    text = str(ref).strip()
    rows = exact_contacts(conn, text)
    if not rows:
        rows = list_contacts(conn, text, limit=21)
    if len(rows) == 1:
        return rows[0]
    if not rows:
        raise (NotFoundError(N_("No contact matches '{contact_id}'⟦; try `confidant contacts` to list them⟧."), contact_id=text)
               if text.isdigit() else NotFoundError(N_("No contact matches '{text}'⟦; try `confidant contacts` to list them⟧."), text=text))
    raise AmbiguousError(N_("'{text}' matches {n_rows} contacts; use an id or an e-mail."), [_describe(c) for c in rows[:20]],
                         text=text, n_rows=len(rows))


_ACCOUNT_SQL = (
    "SELECT a.id, a.name, a.website, (SELECT count(*) FROM contacts c WHERE c.account_id = a.id), "
    "(SELECT count(*) FROM notes n WHERE n.account_id = a.id OR n.contact_id IN "
    "(SELECT id FROM contacts WHERE account_id = a.id)), a.crm_source = ? AND a.crm_id = ?, a.crm_source FROM accounts a"
)


def _account(r) -> Subject:
    # unlinked: the importer's holder of notes it could not link yet
    # source: the CRM it came from (tells apart same-named companies kept apart)
    return Subject(ACCOUNT, r[0], r[1], website=r[2], account_id=r[0], contact_count=r[3], note_count=r[4],
                   unlinked=bool(r[5]), source=r[6])


def list_accounts(conn, query: str | None = None) -> list[Subject]:
    """Accounts by name, with how many people and notes each has; ``query`` matches the name
    (case-insensitive, any alphabet)."""
    sql, params = _ACCOUNT_SQL, [HOLDER_SOURCE, HOLDER_ID]
    if query:
        sql += " WHERE instr(fold(a.name), ?)"
        params.append(fold(query))
    sql += " ORDER BY a.name COLLATE NOCASE, a.id"
    return [_account(r) for r in conn.execute(sql, params)]


def get_account(conn, account_id: int) -> Subject | None:
    """One account with its counts (no other account is read)."""
    row = conn.execute(_ACCOUNT_SQL + " WHERE a.id = ?", (HOLDER_SOURCE, HOLDER_ID, int(account_id))).fetchone()
    return _account(row) if row else None


def _accounts_named(conn, text: str) -> list[Subject]:
    """Accounts whose whole name is ``text`` (any case, any alphabet)."""
    sql = _ACCOUNT_SQL + " WHERE fold(a.name) = ? ORDER BY a.id"
    return [_account(r) for r in conn.execute(sql, (HOLDER_SOURCE, HOLDER_ID, fold(text)))]


def get_subject(conn, ref: SubjectRef) -> Subject | None:
    """The contact or account ``ref`` names, or None when it is not (or no longer) there."""
    return get_account(conn, ref.id) if ref.kind == ACCOUNT else get_contact(conn, ref.id)


def resolve_target(conn, ref) -> Subject:
    """A contact or an account: "a123" or an account's name picks an account; otherwise a contact."""
    if isinstance(ref, SubjectRef):
        found = get_subject(conn, ref)
        if found is None:
            raise (NotFoundError(N_("No contact with id {ref}."), ref=ref) if ref.kind == CONTACT
                   else NotFoundError(N_("No account with id {ref}."), ref=ref))
        return found
    text = str(ref).strip()
    m = re.fullmatch(r"[aA](\d+)", text)
    if m:
        account = get_account(conn, int(m.group(1)))
        if account is not None:
            return account
        raise NotFoundError(N_("No account with id {text}."), text=text)
    accounts = _accounts_named(conn, text)
    exact = exact_contacts(conn, text)
    if len(accounts) > 1 and not exact:
        raise AmbiguousError(N_("'{text}' matches {n_accounts} accounts; use an id like a{account_id}."),
                             [f"{a.ref}: {a.name}" for a in accounts],
                             text=text, n_accounts=len(accounts), account_id=accounts[0].id)
    if accounts and exact:
        raise AmbiguousError(N_("'{text}' is both a contact and an account; use {id} or a{account_id}."),
                             [_describe(exact[0]), f"a{accounts[0].id}: {accounts[0].name}"],
                             text=text, id=exact[0].id, account_id=accounts[0].id)
    if accounts:
        return accounts[0]
    try:
        return resolve_contact(conn, text)
    except NotFoundError:
        fuzzy = list_accounts(conn, text)
        if len(fuzzy) == 1:
            return fuzzy[0]
        raise NotFoundError(N_("No contact or account matches '{text}'."), text=text) from None


def exact_contacts(conn, text: str) -> list[Subject]:
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


def _note(r, rank: float | None = None) -> Note:
    return Note(r[0], r[1], r[2], r[3] or "", r[4], r[6], r[7], tuple(json.loads(r[5] or "[]")), rank=rank)


_NOTE_COLS = "n.id, n.occurred_at, n.title, n.body, n.source, n.flags, n.contact_id, n.account_id"


def note_scope(contact_id, account_id) -> tuple[str, list]:
    """The WHERE clause (on notes as ``n``) and its parameters for one contact's or account's notes."""
    if contact_id is not None:
        # a note on several contacts (note_contacts) shows on each of them
        return "(n.contact_id = ? OR n.id IN (SELECT note_id FROM note_contacts WHERE contact_id = ?))", [contact_id, contact_id]
    if account_id is not None:
        return "(n.account_id = ? OR n.contact_id IN (SELECT id FROM contacts WHERE account_id = ?))", [account_id, account_id]
    return "1", []


def notes_for(conn, *, contact_id=None, account_id=None, limit=None, newest_first=True) -> list[Note]:
    """A contact's notes, or an account's (its own and its contacts'), by date; undated last."""
    where, params = note_scope(contact_id, account_id)
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


def search_notes(conn, query: str, *, contact_id=None, account_id=None, limit: int = 20) -> list[Note]:
    """Notes matching ``query``, best first (FTS5 bm25, title weighted above body)."""
    from app.core.vault.search import search_fold

    q = fts_query(search_fold(query) or "")  # the indexes' folding rule (vault/search.py)
    if not q:
        return []
    where, params = note_scope(contact_id, account_id)
    sql = (f"SELECT {_NOTE_COLS}, bm25(notes_fts, 2.0, 1.0) AS rank FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid "
           f"WHERE notes_fts MATCH ? AND {where} ORDER BY rank LIMIT ?")
    return [_note(r, rank=r[8]) for r in conn.execute(sql, [q, *params, int(limit)])]


def note_owner(conn, note: Note) -> str:
    """Whose note it is, as a list shows it: "Kari Nordmann (Fjord Logistikk AS)", or the
    account's name for a note on an account only."""
    if note.contact_id:
        row = conn.execute("SELECT c.full_name, a.name FROM contacts c LEFT JOIN accounts a ON a.id = c.account_id "
                           "WHERE c.id = ?", (note.contact_id,)).fetchone()
        if row:
            return f"{row[0]} ({row[1]})" if row[1] else str(row[0])
    if note.account_id:
        row = conn.execute("SELECT name FROM accounts WHERE id = ?", (note.account_id,)).fetchone()
        if row:
            return str(row[0])
    return ""


def account_people(conn, account_id: int) -> list[Subject]:
    """The contacts of one account, by name (no other contact is read)."""
    sql = _CONTACT_SQL + " WHERE c.account_id = ? ORDER BY c.full_name COLLATE NOCASE, c.id"
    return [_contact(r) for r in conn.execute(sql, (int(account_id),))]
