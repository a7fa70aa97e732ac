"""Schema migrations: named functions applied in order, each in one transaction with its
bookkeeping row. Append-only: a released migration is never edited; change the schema by
adding the next one. tests/core/vault/test_migrations.py compares a fresh database with the exact
expected schema and upgrades a frozen older one with rows in it.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable

from app.core.vault.m006_prompt_states import m006_prompt_states
from app.core.vault.m007_summary_parts import m007_summary_parts
from app.core.vault.m008_search_index import m008_search_index


def m001_initial(db) -> None:
    db.executescript(
        """
        CREATE TABLE accounts (
            id          INTEGER PRIMARY KEY,
            name        TEXT NOT NULL,
            name_key    TEXT NOT NULL,            -- casefolded name, for matching
            website     TEXT,
            crm_source  TEXT,                     -- e.g. 'salesforce', 'hubspot'
            crm_id      TEXT,                     -- canonical id in that CRM
            created_at  TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        );
        CREATE UNIQUE INDEX accounts_crm ON accounts(crm_source, crm_id) WHERE crm_id IS NOT NULL;
        CREATE INDEX accounts_name_key ON accounts(name_key);

        CREATE TABLE contacts (
            id          INTEGER PRIMARY KEY,
            account_id  INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
            full_name   TEXT NOT NULL,
            first_name  TEXT,
            last_name   TEXT,
            email       TEXT,
            email_key   TEXT,                     -- lower-cased e-mail, for dedupe
            phone       TEXT,
            title       TEXT,
            crm_source  TEXT,
            crm_id      TEXT,
            created_at  TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        );
        CREATE UNIQUE INDEX contacts_email ON contacts(email_key) WHERE email_key IS NOT NULL;
        CREATE UNIQUE INDEX contacts_crm ON contacts(crm_source, crm_id) WHERE crm_id IS NOT NULL;
        CREATE INDEX contacts_account ON contacts(account_id);

        CREATE TABLE notes (
            id           INTEGER PRIMARY KEY,
            contact_id   INTEGER REFERENCES contacts(id) ON DELETE CASCADE,
            account_id   INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
            occurred_at  TEXT,                    -- ISO 8601 date or date-time, as known
            title        TEXT,
            body         TEXT NOT NULL,
            source       TEXT NOT NULL,           -- format it came from
            crm_id       TEXT,
            content_key  TEXT NOT NULL UNIQUE,    -- makes re-import idempotent
            flags        TEXT NOT NULL DEFAULT '[]',  -- JSON list, e.g. ["instruction_like"]
            created_at   TEXT NOT NULL
        );
        CREATE INDEX notes_contact ON notes(contact_id, occurred_at);
        CREATE INDEX notes_account ON notes(account_id, occurred_at);

        CREATE VIRTUAL TABLE notes_fts USING fts5(
            title, body, content='notes', content_rowid='id',
            tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER notes_fts_ai AFTER INSERT ON notes BEGIN
            INSERT INTO notes_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
        END;
        CREATE TRIGGER notes_fts_ad AFTER DELETE ON notes BEGIN
            INSERT INTO notes_fts(notes_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
        END;
        CREATE TRIGGER notes_fts_au AFTER UPDATE OF title, body ON notes BEGIN
            INSERT INTO notes_fts(notes_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
            INSERT INTO notes_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
        END;

        CREATE TABLE conversations (
            id          INTEGER PRIMARY KEY,
            task        TEXT NOT NULL,            -- 'draft', 'summarize', 'ask'
            account_id  INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
            contact_id  INTEGER REFERENCES contacts(id) ON DELETE CASCADE,
            title       TEXT,
            model_sha256 TEXT,
            created_at  TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        );
        CREATE INDEX conversations_updated ON conversations(updated_at);

        CREATE TABLE messages (
            id              INTEGER PRIMARY KEY,
            conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            role            TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
            content         TEXT NOT NULL,
            reasoning       TEXT,                 -- only when the user chose to keep it
            meta            TEXT NOT NULL DEFAULT '{}',
            created_at      TEXT NOT NULL
        );
        CREATE INDEX messages_conversation ON messages(conversation_id, id);

        -- Which notes a conversation was given: forgetting a contact removes these conversations.
        CREATE TABLE conversation_notes (
            conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            note_id         INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
            PRIMARY KEY (conversation_id, note_id)
        ) WITHOUT ROWID;
        CREATE INDEX conversation_notes_note ON conversation_notes(note_id);

        CREATE TABLE drafts (
            id              INTEGER PRIMARY KEY,
            conversation_id INTEGER REFERENCES conversations(id) ON DELETE CASCADE,
            contact_id      INTEGER REFERENCES contacts(id) ON DELETE CASCADE,
            subject         TEXT,
            body            TEXT NOT NULL,
            language        TEXT,
            created_at      TEXT NOT NULL
        );

        -- Append-only, hash-chained; counts and ids, never content.
        CREATE TABLE audit_log (
            id        INTEGER PRIMARY KEY,
            at        TEXT NOT NULL,
            event     TEXT NOT NULL,
            details   TEXT NOT NULL DEFAULT '{}',
            prev_hash TEXT NOT NULL,
            hash      TEXT NOT NULL
        );
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
            SELECT RAISE(ABORT, 'audit_log is append-only');
        END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
            SELECT RAISE(ABORT, 'audit_log is append-only');
        END;

        CREATE TABLE settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL                   -- JSON
        ) WITHOUT ROWID;

        -- Model files seen, trusted by hash on first use.
        CREATE TABLE model_files (
            path        TEXT PRIMARY KEY,
            sha256      TEXT NOT NULL,
            size_bytes  INTEGER NOT NULL,
            mtime_ns    INTEGER NOT NULL,
            inode       INTEGER NOT NULL,
            first_seen  TEXT NOT NULL,
            last_seen   TEXT NOT NULL
        ) WITHOUT ROWID;
        """
    )


def m002_note_links(db) -> None:
    """Import links: a note on several contacts, and notes waiting for a parent
    that a later import brings."""
    db.executescript(
        """
        CREATE TABLE note_contacts (
            note_id     INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
            contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            PRIMARY KEY (note_id, contact_id)
        ) WITHOUT ROWID;
        CREATE INDEX note_contacts_contact ON note_contacts(contact_id);

        CREATE TABLE note_pending_links (
            note_id     INTEGER PRIMARY KEY REFERENCES notes(id) ON DELETE CASCADE,
            wants       TEXT NOT NULL             -- JSON: the CRM ids / names its parent has
        );
        """
    )


def m003_pipeline(db) -> None:
    """The pipeline: deals with their contacts' roles, and activities (calls,
    meetings, e-mails, tasks).

    An activity is a note with structure: its text, date, contact/account links, dedupe key
    (``notes.content_key``) and full-text index are the note row it belongs to
    (``activities.note_id``), so search, linking, forgetting, the per-contact export and the
    conversations that used it work as for any note; ``activities`` adds what only an
    activity has (kind, end time, e-mail direction, duration, task due date and done, the
    deal). A note without an ``activities`` row is of kind "note".

    Amounts are exact decimals kept as TEXT ("12500000.00"), never REAL. ``account_aliases``:
    a company merged from a second CRM (same normalised name and web domain) keeps that CRM's id.
    """
    db.executescript(
        """
        CREATE TABLE deals (
            id           INTEGER PRIMARY KEY,
            account_id   INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
            account_name TEXT,                    -- the company as the export named it
            name         TEXT NOT NULL,
            stage        TEXT,                    -- the CRM's own stage label, as exported
            status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
            amount       TEXT,                    -- exact decimal, e.g. '12500000.00'; NULL when absent
            currency     TEXT CHECK (currency IS NULL OR length(currency) = 3),  -- ISO 4217
            close_date   TEXT,                    -- YYYY-MM-DD
            probability  INTEGER CHECK (probability IS NULL OR probability BETWEEN 0 AND 100),
            next_step    TEXT,
            owner        TEXT,
            source       TEXT NOT NULL,           -- format it came from
            crm_id       TEXT,
            content_key  TEXT NOT NULL UNIQUE,    -- (source, CRM id), or the deal's fields without one
            created_at   TEXT NOT NULL,
            updated_at   TEXT NOT NULL
        );
        CREATE UNIQUE INDEX deals_crm ON deals(source, crm_id) WHERE crm_id IS NOT NULL;
        CREATE INDEX deals_account ON deals(account_id, status);

        CREATE TABLE deal_contacts (
            deal_id     INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
            contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            role        TEXT,
            is_primary  INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
            PRIMARY KEY (deal_id, contact_id)
        ) WITHOUT ROWID;
        CREATE INDEX deal_contacts_contact ON deal_contacts(contact_id);

        CREATE TABLE activities (
            id           INTEGER PRIMARY KEY,
            note_id      INTEGER NOT NULL UNIQUE REFERENCES notes(id) ON DELETE CASCADE,
            kind         TEXT NOT NULL CHECK (kind IN ('call', 'meeting', 'email', 'task', 'note')),
            ends_at      TEXT,                    -- ISO 8601; the note's occurred_at is the start
            direction    TEXT CHECK (direction IS NULL OR direction IN ('inbound', 'outbound')),
            duration_min INTEGER CHECK (duration_min IS NULL OR duration_min >= 0),
            due_date     TEXT,                    -- tasks: YYYY-MM-DD
            done         INTEGER CHECK (done IS NULL OR done IN (0, 1)),
            status       TEXT,                    -- the CRM's own status label
            deal_id      INTEGER REFERENCES deals(id) ON DELETE SET NULL,
            owner        TEXT
        );
        CREATE INDEX activities_deal ON activities(deal_id);
        CREATE INDEX activities_open_tasks ON activities(kind, done, due_date);

        -- The same company imported from a second CRM is one account: the other CRM's id points here.
        CREATE TABLE account_aliases (
            crm_source  TEXT NOT NULL,
            crm_id      TEXT NOT NULL,
            account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            PRIMARY KEY (crm_source, crm_id)
        ) WITHOUT ROWID;
        CREATE INDEX account_aliases_account ON account_aliases(account_id);
        """
    )


def m004_consent(db) -> None:
    """Consent flags from the CRM. Per contact, each flag is 1 (opted out,
    objected, asked to be forgotten), 0 (not) or NULL (no export said); ``readings`` keeps
    what each CRM column said (JSON ``{flag: {column: true|false}}``), so a newer export that
    clears one column clears only what that column set. A Salesforce contact's Individual
    (``individual_id``) adds the readings kept in ``consent_individuals``, whichever file
    came first. ``email_opt_out`` & co. are those readings combined (any true wins)."""
    db.executescript(
        """
        CREATE TABLE contact_consent (
            contact_id            INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
            email_opt_out         INTEGER CHECK (email_opt_out IN (0, 1)),
            call_opt_out          INTEGER CHECK (call_opt_out IN (0, 1)),
            processing_objection  INTEGER CHECK (processing_objection IN (0, 1)),
            forget_requested      INTEGER CHECK (forget_requested IN (0, 1)),
            readings              TEXT NOT NULL DEFAULT '{}',  -- JSON: {flag: {CRM column: true|false}}
            individual_source     TEXT,                        -- Salesforce: Contact.IndividualId
            individual_id         TEXT,
            updated_at            TEXT NOT NULL
        );
        CREATE INDEX contact_consent_objection ON contact_consent(processing_objection) WHERE processing_objection = 1;
        CREATE INDEX contact_consent_forget ON contact_consent(forget_requested) WHERE forget_requested = 1;
        CREATE INDEX contact_consent_individual ON contact_consent(individual_source, individual_id);

        CREATE TABLE consent_individuals (
            source      TEXT NOT NULL,
            crm_id      TEXT NOT NULL,
            readings    TEXT NOT NULL DEFAULT '{}',            -- the same shape, from Individual.csv
            updated_at  TEXT NOT NULL,
            PRIMARY KEY (source, crm_id)
        ) WITHOUT ROWID;
        """
    )


def m005_brief(db) -> None:
    """The brief (issue 23): when a subject's brief was last shown (so "what changed" has a
    baseline), and briefs built ahead of time (facts, risks, the model's summary and next
    steps as JSON, encrypted like every other derived state).

    A stored brief is derived from the notes and people of its subject: forgetting a person or
    deleting a note removes the briefs that may hold them (the triggers), never leaving a
    copy of erased data behind.
    """
    db.executescript(
        """
        CREATE TABLE brief_views (
            subject_kind TEXT NOT NULL CHECK (subject_kind IN ('contact', 'account')),
            subject_id   INTEGER NOT NULL,
            shown_at     TEXT NOT NULL,           -- ISO 8601 UTC
            PRIMARY KEY (subject_kind, subject_id)
        ) WITHOUT ROWID;

        CREATE TABLE briefs (
            id           INTEGER PRIMARY KEY,
            contact_id   INTEGER REFERENCES contacts(id) ON DELETE CASCADE,
            account_id   INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
            as_of        TEXT NOT NULL,           -- YYYY-MM-DD the brief was built for
            built_at     TEXT NOT NULL,           -- ISO 8601 UTC
            payload      TEXT NOT NULL,           -- JSON: the brief as `confidant brief --json` prints it
            CHECK ((contact_id IS NULL) <> (account_id IS NULL))
        );
        CREATE UNIQUE INDEX briefs_contact ON briefs(contact_id) WHERE contact_id IS NOT NULL;
        CREATE UNIQUE INDEX briefs_account ON briefs(account_id) WHERE account_id IS NOT NULL;

        CREATE TRIGGER briefs_forget_note AFTER DELETE ON notes BEGIN
            DELETE FROM briefs WHERE contact_id = old.contact_id OR account_id = old.account_id
                OR account_id IN (SELECT account_id FROM contacts WHERE id = old.contact_id);
        END;
        CREATE TRIGGER briefs_forget_contact AFTER DELETE ON contacts BEGIN
            DELETE FROM briefs WHERE contact_id = old.id OR account_id = old.account_id;
            DELETE FROM brief_views WHERE subject_kind = 'contact' AND subject_id = old.id;
        END;
        """
    )


MIGRATIONS: list[Callable] = [m001_initial, m002_note_links, m003_pipeline, m004_consent, m005_brief, m006_prompt_states,
                              m007_summary_parts, m008_search_index]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def applied(conn) -> list[str]:
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'").fetchone()
    if not exists:
        return []
    return [r[0] for r in conn.execute("SELECT name FROM schema_migrations ORDER BY name")]


def pending(conn, migrations: list[Callable] | None = None) -> list[Callable]:
    done = set(applied(conn))
    return [m for m in (MIGRATIONS if migrations is None else migrations) if m.__name__ not in done]


def migrate(conn, migrations: list[Callable] | None = None) -> list[str]:
    """Apply every pending migration; returns the names applied. ``conn`` is in autocommit
    mode; each migration and its bookkeeping row commit together or not at all."""
    names = []
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL) WITHOUT ROWID")
    for m in pending(conn, migrations):
        conn.execute("BEGIN IMMEDIATE")
        try:
            m(_Script(conn))
            conn.execute("INSERT INTO schema_migrations(name, applied_at) VALUES (?, ?)", (m.__name__, _now()))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        names.append(m.__name__)
    return names


class _Script:
    """Runs multi-statement SQL inside the caller's transaction (``executescript`` would
    commit first, breaking the one-transaction rule)."""

    def __init__(self, conn):
        self._conn = conn

    def execute(self, sql, params=()):
        return self._conn.execute(sql, params)

    def executescript(self, script: str) -> None:
        import sqlcipher3

        buf = ""
        for line in script.splitlines(keepends=True):
            buf += line
            if sqlcipher3.complete_statement(buf):
                stmt = buf.strip()
                if stmt:
                    self._conn.execute(stmt)
                buf = ""
        if buf.strip():
            raise ValueError("incomplete SQL statement at the end of a migration")
