"""Writes imported accounts, contacts and notes: upserts, dedupe, batched note inserts.

Runs on the thread that owns the vault connection, inside a transaction the caller
opens per file (:meth:`Vault.transaction`), so a failure rolls that file back whole.
After a rollback the caller must call :meth:`ImportWriter.forget_cache`, because the
in-memory id caches may name rows that no longer exist.

Dedupe rules: an account is the same when its (source, CRM id) matches, else when its
case-folded name matches an account without a CRM id. A contact is the same when its
(source, CRM id) matches, else when its e-mail matches in any case. Notes are keyed by
``content_key`` (SHA-256 of source, CRM id, parents, date, title and body), and
inserted with ``INSERT OR IGNORE``: importing the same file twice adds nothing.

Links: a note has one main contact (``notes.contact_id``); further contacts named by the
same CRM record (a HubSpot note associated with two contacts) are rows of
``note_contacts``, so the note is stored once and shows on each contact. A note whose
contact is not in the vault yet keeps what it asked for (CRM ids, or a person and
organisation name) in ``note_pending_links``; a later import that brings the parent moves
the note there (:meth:`ImportWriter.pending`, :meth:`relink_note`).
"""

from __future__ import annotations

import hashlib
import json
import operator
import re
from typing import Iterator
from datetime import datetime, timezone

from app.core.model import NewNote
from app.core.errors import Message, N_

HOLDER_NAME = "Unlinked notes"
HOLDER_SOURCE, HOLDER_ID = "confidant", "unlinked"

# The columns follow NewNote's fields (its ``date`` is the ``occurred_at`` column), then the stamp.
_NOTE_COLUMNS = [{"date": "occurred_at"}.get(f, f) for f in NewNote._fields] + ["created_at"]
_NOTE_SQL = (f"INSERT OR IGNORE INTO notes({', '.join(_NOTE_COLUMNS)}) "
             f"VALUES ({', '.join('?' for _ in _NOTE_COLUMNS)})")


BULK_CACHE_KIB = 16 * 1024  # page cache while a file is imported (a fixed bound)
_KEY = operator.itemgetter(NewNote._fields.index("content_key"))


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def content_key(source: str, crm_id: str | None, parent: str, date: str | None, title: str | None, body: str) -> str:
    h = hashlib.sha256()
    h.update("\x1f".join((source, crm_id or "", parent, date or "", title or "", body)).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


_LEGAL = re.compile(r"\b(as|asa|ab|a/s|aps|gmbh|ag|oy|oyj|ltd|limited|inc|llc|bv|nv|sa|sarl|srl|plc|corp|co|kg|se)\b\.?")


def company_key(name: str) -> str:
    """A company name as two CRMs would agree on it: case, punctuation and legal form
    ("AS", "GmbH", "Ltd") ignored. "Havbris Logistikk AS" and "HAVBRIS LOGISTIKK A/S" match."""
    n = _LEGAL.sub(" ", name.casefold())
    return " ".join(re.sub(r"[^\w]+", " ", n).split())


def web_domain(website: str | None) -> str | None:
    """The host of a web address without "www." ("https://www.havbris.example.com/x" -> "havbris.example.com")."""
    if not website or not website.strip():
        return None
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", website.strip().casefold()).split("/")[0].split(":")[0]
    return host.removeprefix("www.") or None


def flags_json(flags: list[str]) -> str:
    return json.dumps(flags) if flags else "[]"


class ImportWriter:
    def __init__(self, conn):
        self.conn = conn
        self._cache_before = None
        self.stamp = now()
        self.forget_cache()

    def forget_cache(self) -> None:
        self.deal_ids: dict[tuple[str, str], tuple[int, int | None] | None] = {}  # the pipeline's deals by CRM id
        self._acc_crm: dict[tuple[str, str], int] = {}
        self._acc_name: dict[str, int] = {}
        self._con_crm: dict[tuple[str, str], tuple[int, int | None]] = {}
        self._con_email: dict[str, tuple[int, int | None]] = {}
        self._con_name: dict[str, list[tuple[int, int | None]]] | None = None  # loaded on first use
        self._holder: int | None = None
        self._companies: dict[str, list[tuple[int, str | None, str | None]]] | None = None  # company key -> (id, domain, source)
        self.merges: list[str] = []  # what upsert_account merged or kept apart, for the file's report
        # When the vault had no contacts when this writer started, every contact is in the caches:
        # a cache miss is a vault miss, and the per-row lookups are skipped (a first import's common case).
        self._contacts_cached = self.conn.execute("SELECT NOT EXISTS (SELECT 1 FROM contacts)").fetchone()[0] == 1

    # ---- accounts --------------------------------------------------------------------------

    def upsert_account(self, name: str, source: str | None, crm_id: str | None, website: str | None) -> tuple[int, str]:
        """Returns (account id, "added" | "updated" | "same")."""
        c = self.conn
        row = None
        if crm_id and source:
            row = c.execute("SELECT id, name, website, crm_id FROM accounts WHERE crm_source=? AND crm_id=?", (source, crm_id)).fetchone()
        key = name.casefold().strip()
        if row is None and crm_id and source:
            alias = c.execute("SELECT account_id FROM account_aliases WHERE crm_source=? AND crm_id=?", (source, crm_id)).fetchone()
            if alias:
                self._acc_crm[(source, crm_id)] = alias[0]
                return alias[0], "same"
        if row is None and key:
            row = c.execute(
                "SELECT id, name, website, crm_id FROM accounts WHERE name_key=? AND crm_id IS NULL ORDER BY id LIMIT 1", (key,)
            ).fetchone()
        if row is None and crm_id and source:
            other = self._same_company(name, website, source)
            if other is not None:  # the same company from another CRM: one account, this CRM's id as an alias
                c.execute("INSERT OR IGNORE INTO account_aliases(crm_source, crm_id, account_id) VALUES (?, ?, ?)",
                          (source, crm_id, other))
                if website:
                    c.execute("UPDATE accounts SET website=coalesce(website, ?) WHERE id=?", (website, other))
                self._acc_crm[(source, crm_id)] = other
                return other, "updated"
        if row is None:
            cur = c.execute(
                "INSERT INTO accounts(name, name_key, website, crm_source, crm_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?)",
                (name, key, website, source if crm_id else None, crm_id, self.stamp, self.stamp),
            )
            aid, status = cur.lastrowid, "added"
        else:
            aid, old_name, old_web, old_crm = row
            changes = {}
            if name and name != old_name:
                changes.update(name=name, name_key=key)
            if website and website != old_web:
                changes["website"] = website
            if crm_id and not old_crm:
                changes.update(crm_source=source, crm_id=crm_id)
            if changes:
                sets = ", ".join(f"{k}=?" for k in changes)
                c.execute(f"UPDATE accounts SET {sets}, updated_at=? WHERE id=?", (*changes.values(), self.stamp, aid))
            status = "updated" if changes else "same"
        if crm_id and source:
            self._acc_crm[(source, crm_id)] = aid
        if key:
            self._acc_name[key] = aid
        if self._companies is not None and status == "added":
            self._companies.setdefault(company_key(name), []).append((aid, web_domain(website), source if crm_id else None))
        return aid, status

    def _same_company(self, name: str, website: str | None, source: str) -> int | None:
        """An account from ANOTHER CRM that is this company: the same normalised name with the same
        web domain (or a domain on one side only), or the same web domain. Two same-named companies
        whose web domains differ are kept apart, and the report says so."""
        if self._companies is None:
            self._companies = {}
            for aid, n, web, src in self.conn.execute("SELECT id, name, website, crm_source FROM accounts WHERE crm_id IS NOT NULL"):
                self._companies.setdefault(company_key(n), []).append((aid, web_domain(web), src))
        domain = web_domain(website)
        for aid, dom, src in self._companies.get(company_key(name), ()):
            if src == source or src == HOLDER_SOURCE:
                continue
            if domain and dom and domain != dom:
                self.merges.append(Message(N_("'{name}' from {source} has the same name as a company from {other} but another web "
                                              "site ({domain}, {other_domain}); kept apart (the source is shown next to each)"),
                                           name=name, source=source, other=src, domain=domain, other_domain=dom))
                continue
            self.merges.append(Message(N_("'{name}' from {source} is the same company as the one from {other} (same name, same web "
                                          "site): merged"), name=name, source=source, other=src) if domain and dom
                               else Message(N_("'{name}' from {source} is the same company as the one from {other} (same name): merged"),
                                            name=name, source=source, other=src))
            return aid
        return None

    def account_by_name(self, name: str) -> int:
        key = name.casefold().strip()
        if key in self._acc_name:
            return self._acc_name[key]
        row = self.conn.execute("SELECT id FROM accounts WHERE name_key=? ORDER BY crm_id IS NOT NULL, id LIMIT 1", (key,)).fetchone()
        if row:
            self._acc_name[key] = row[0]
            return row[0]
        return self.upsert_account(name, None, None, None)[0]

    def find_account_by_name(self, name: str) -> int | None:
        """The account called ``name`` (any case), or None; creates nothing."""
        key = name.casefold().strip()
        if key in self._acc_name:
            return self._acc_name[key]
        row = self.conn.execute("SELECT id FROM accounts WHERE name_key=? AND NOT (crm_source IS ? AND crm_id IS ?) "
                                "ORDER BY crm_id IS NOT NULL, id LIMIT 1", (key, HOLDER_SOURCE, HOLDER_ID)).fetchone()
        if row:
            self._acc_name[key] = row[0]
            return row[0]
        return None

    def account_by_crm(self, source: str, crm_id: str) -> int | None:
        k = (source, crm_id)
        if k in self._acc_crm:
            return self._acc_crm[k]
        row = self.conn.execute("SELECT id FROM accounts WHERE crm_source=? AND crm_id=? "
                                "UNION ALL SELECT account_id FROM account_aliases WHERE crm_source=? AND crm_id=?", k + k).fetchone()
        if row:
            self._acc_crm[k] = row[0]
            return row[0]
        return None

    def existing_holder(self) -> int | None:
        """The "Unlinked notes" account when the vault has one; creates nothing."""
        return self.account_by_crm(HOLDER_SOURCE, HOLDER_ID)

    def holder_account(self) -> int:
        if self._holder is None:
            self._holder = self.account_by_crm(HOLDER_SOURCE, HOLDER_ID) or self.upsert_account(HOLDER_NAME, HOLDER_SOURCE, HOLDER_ID, None)[0]
        return self._holder

    # ---- contacts --------------------------------------------------------------------------

    def cached_contact(self, source: str, crm_id: str) -> int | None:
        """The contact's id when this writer has already seen it; None says nothing."""
        hit = self._con_crm.get((source, crm_id))
        return hit[0] if hit else None

    def contact_by_crm(self, source: str, crm_id: str) -> tuple[int, int | None] | None:
        k = (source, crm_id)
        if k in self._con_crm:
            return self._con_crm[k]
        row = self.conn.execute("SELECT id, account_id FROM contacts WHERE crm_source=? AND crm_id=?", k).fetchone()
        if row:
            self._con_crm[k] = (row[0], row[1])
            return self._con_crm[k]
        return None

    def contacts_by_name(self, name: str) -> list[tuple[int, int | None]]:
        """Contacts whose full name is ``name`` (case-folded, spaces collapsed): (id, account id).
        The name index is built once from the vault and kept current by :meth:`upsert_contact`."""
        if self._con_name is None:
            self._con_name = {}
            for cid, full, acc in self.conn.execute("SELECT id, full_name, account_id FROM contacts ORDER BY id"):
                self._con_name.setdefault(_name_key(full), []).append((cid, acc))
        return self._con_name.get(_name_key(name), [])

    def _remember_name(self, cid: int, full_name: str | None, acc: int | None) -> None:
        if self._con_name is None or not full_name:
            return
        for lst in self._con_name.values():  # a renamed contact leaves its old name (rare: only on update)
            for i, (c, _) in enumerate(lst):
                if c == cid:
                    del lst[i]
                    break
        self._con_name.setdefault(_name_key(full_name), []).append((cid, acc))

    def upsert_contact(self, *, full_name, first_name, last_name, email, phone, title, account_id, source, crm_id
                       ) -> tuple[int, int | None, str]:
        """Returns (contact id, its account id, "added" | "updated" | "same")."""
        c = self.conn
        email_key = email.strip().lower() if email else None
        row = None
        cols = "id, full_name, first_name, last_name, email, email_key, phone, title, account_id, crm_source, crm_id"
        known = not self._contacts_cached or (crm_id and source and (source, crm_id) in self._con_crm) or (
            email_key in self._con_email)
        if known and crm_id and source:
            row = c.execute(f"SELECT {cols} FROM contacts WHERE crm_source=? AND crm_id=?", (source, crm_id)).fetchone()
        if known and row is None and email_key:
            row = c.execute(f"SELECT {cols} FROM contacts WHERE email_key=?", (email_key,)).fetchone()
        if row is None:
            cur = c.execute(
                "INSERT INTO contacts(account_id, full_name, first_name, last_name, email, email_key, phone, title, crm_source, crm_id,"
                " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (account_id, full_name or email or "(no name)", first_name, last_name, email, email_key, phone, title,
                 source if crm_id else None, crm_id, self.stamp, self.stamp),
            )
            cid, acc, status = cur.lastrowid, account_id, "added"
            old_name = "(no name)"
        else:
            cid, old_name = row[0], row[1]
            old = dict(zip(cols.split(", "), row))
            new = {"full_name": full_name, "first_name": first_name, "last_name": last_name, "phone": phone, "title": title,
                   "account_id": account_id}
            changes = {k: v for k, v in new.items() if v not in (None, "") and v != old[k]}
            if email_key and email_key != old["email_key"]:
                taken = c.execute("SELECT 1 FROM contacts WHERE email_key=? AND id<>?", (email_key, cid)).fetchone()
                if not taken:
                    changes.update(email=email, email_key=email_key)
            if crm_id and source and not old["crm_id"]:
                changes.update(crm_source=source, crm_id=crm_id)
            if changes:
                sets = ", ".join(f"{k}=?" for k in changes)
                c.execute(f"UPDATE contacts SET {sets}, updated_at=? WHERE id=?", (*changes.values(), self.stamp, cid))
            acc = changes.get("account_id", old["account_id"])
            status = "updated" if changes else "same"
        if crm_id and source:
            self._con_crm[(source, crm_id)] = (cid, acc)
        if email_key:
            self._con_email[email_key] = (cid, acc)
        if self._con_name is not None and status != "same":
            self._remember_name(cid, full_name or (None if status == "updated" else email) or old_name, acc)
        return cid, acc, status

    def apply_consent(self, contact_id: int, readings, individual: tuple[str, str] | None) -> dict | None:
        """A contact row's consent readings; see :mod:`app.core.vault.consent`."""
        from app.core.vault import consent

        return consent.apply_contact(self.conn, contact_id, readings, individual, self.stamp)

    def apply_individual(self, source: str, crm_id: str, readings) -> list[int]:
        from app.core.vault import consent

        return consent.apply_individual(self.conn, source, crm_id, readings, self.stamp)

    def set_contact_account(self, contact_id: int, account_id: int) -> None:
        self.conn.execute("UPDATE contacts SET account_id=?, updated_at=? WHERE id=?", (account_id, self.stamp, contact_id))

    # ---- notes -----------------------------------------------------------------------------

    def begin_bulk(self) -> None:
        """Inside the file's transaction: index this file's notes in one pass at the end
        instead of row by row (the per-row FTS trigger costs more than the insert itself).

        The insert trigger is dropped and re-created with its exact stored SQL by
        :meth:`end_bulk`, in the same transaction; a rollback restores it untouched, and
        other connections never see the vault without it (WAL readers see the last commit).
        The page cache is raised to :data:`BULK_CACHE_KIB` for the file (a fixed bound, not
        one that grows with the file): notes go to random places in the content-key and
        contact indexes, and past the default 2 MB cache each such insert re-reads and
        decrypts a page. :meth:`restore_cache` puts the previous size back.
        """
        if self._cache_before is None:
            self._cache_before = self.conn.execute("PRAGMA cache_size").fetchone()[0]
            self.conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        row = self.conn.execute("SELECT sql FROM sqlite_master WHERE type='trigger' AND name='notes_fts_ai'").fetchone()
        self._bulk = None
        if row:
            self._bulk = (row[0], self.conn.execute("SELECT coalesce(max(id), 0) FROM notes").fetchone()[0])
            self.conn.execute("DROP TRIGGER notes_fts_ai")

    def end_bulk(self) -> None:
        if getattr(self, "_bulk", None) is None:
            return
        sql, before = self._bulk
        # New rows get ids above the old maximum (INTEGER PRIMARY KEY without AUTOINCREMENT).
        from app.core.vault.m008_search_index import BULK_INDEX

        for index_sql in BULK_INDEX:  # both full-text indexes (words and trigrams)
            self.conn.execute(index_sql, (before,))
        self.conn.execute(sql)
        self._bulk = None

    def restore_cache(self) -> None:
        """After each file, committed or rolled back: the connection's usual page cache again."""
        if self._cache_before is not None:
            self.conn.execute(f"PRAGMA cache_size = {int(self._cache_before)}")
            self.conn.execute("PRAGMA shrink_memory")
            self._cache_before = None

    def max_note_id(self) -> int:
        return self.conn.execute("SELECT coalesce(max(id), 0) FROM notes").fetchone()[0]

    def add_notes(self, rows: list[NewNote]) -> int:
        """Insert a batch. Returns how many were new; the rest were already there (same content key)."""
        if not rows:
            return 0
        stamp = self.stamp
        # In content-key order: the unique index is then written page after page, not at random.
        cur = self.conn.executemany(_NOTE_SQL, sorted([r + (stamp,) for r in rows], key=_KEY))
        return cur.rowcount

    def add_note(self, row: NewNote) -> int | None:
        """Insert one note; returns its id, or None when it was already there."""
        cur = self.conn.execute(_NOTE_SQL, row + (self.stamp,))
        return cur.lastrowid if cur.rowcount == 1 else None

    def add_note_contacts(self, note_id: int, contact_ids) -> None:
        """Link a note to further contacts (beyond its main ``contact_id``)."""
        self.conn.executemany("INSERT OR IGNORE INTO note_contacts(note_id, contact_id) VALUES (?, ?)",
                              [(note_id, c) for c in contact_ids])

    def note_account(self, note_id: int) -> int | None:
        """The account a stored note is on (None: none, or no such note)."""
        row = self.conn.execute("SELECT account_id FROM notes WHERE id=?", (note_id,)).fetchone()
        return row[0] if row else None

    def relink_note(self, note_id: int, contact_id: int | None, account_id: int | None, more_contacts=()) -> None:
        self.conn.execute("UPDATE notes SET contact_id=?, account_id=? WHERE id=?", (contact_id, account_id, note_id))
        if more_contacts:
            self.add_note_contacts(note_id, more_contacts)

    # ---- notes waiting for their parent ----------------------------------------------------

    def add_pending(self, note_id: int, wants: dict) -> None:
        """Remember what a note's parent is (CRM refs, names) until an import brings it."""
        self.conn.execute("INSERT OR REPLACE INTO note_pending_links(note_id, wants) VALUES (?, ?)",
                          (note_id, json.dumps(wants, ensure_ascii=False, separators=(",", ":"))))

    def pending(self) -> Iterator[tuple[int, dict]]:
        """Every note still waiting for its parent, from this import or earlier ones."""
        rows = self.conn.execute("SELECT note_id, wants FROM note_pending_links ORDER BY note_id").fetchall()
        for nid, wants in rows:
            yield nid, json.loads(wants)

    def drop_pending(self, note_id: int) -> None:
        self.conn.execute("DELETE FROM note_pending_links WHERE note_id=?", (note_id,))

    def drop_empty_holder(self) -> None:
        hid = self.account_by_crm(HOLDER_SOURCE, HOLDER_ID)
        if hid and not self.conn.execute("SELECT 1 FROM notes WHERE account_id=? LIMIT 1", (hid,)).fetchone():
            self.conn.execute("DELETE FROM accounts WHERE id=?", (hid,))
            self._acc_crm.pop((HOLDER_SOURCE, HOLDER_ID), None)
            self._holder = None
