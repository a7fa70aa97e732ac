"""Migration m006: the index of the encrypted prompt-state cache (issue 26).

The cache's files (app.core.llm.state_cache) hold evaluated prompt prefixes, sealed with a
key derived from the data key. Which file holds which subject, notes and people, its size,
when it was last used and for which model is kept here, in the vault, so that forgetting a
person, deleting or changing a note, or removing a contact or account drops the entries that
hold them (the triggers); the files of entries no longer listed are then removed
(app.core.assistant.prompt_cache.sweep).
"""

from __future__ import annotations


def m006_prompt_states(db) -> None:
    db.executescript(
        """
        CREATE TABLE prompt_states (
            name           TEXT PRIMARY KEY,        -- the file's name: an HMAC, says nothing by itself
            model_sha256   TEXT NOT NULL,
            prompt_version TEXT NOT NULL,
            subject_kind   TEXT NOT NULL CHECK (subject_kind IN ('contact', 'account')),
            subject_id     INTEGER NOT NULL,
            tokens         BLOB NOT NULL,           -- the prefix's token ids (int32, little-endian)
            size           INTEGER NOT NULL,        -- bytes on disk
            created_at     TEXT NOT NULL,           -- ISO 8601 UTC
            used_at        TEXT NOT NULL            -- ISO 8601 UTC; least recently used goes first
        ) WITHOUT ROWID;
        CREATE INDEX prompt_states_subject ON prompt_states(subject_kind, subject_id);
        CREATE INDEX prompt_states_used ON prompt_states(used_at);

        CREATE TABLE prompt_state_notes (
            name     TEXT NOT NULL REFERENCES prompt_states(name) ON DELETE CASCADE,
            note_id  INTEGER NOT NULL,
            PRIMARY KEY (name, note_id)
        ) WITHOUT ROWID;
        CREATE INDEX prompt_state_notes_note ON prompt_state_notes(note_id);

        CREATE TABLE prompt_state_people (
            name        TEXT NOT NULL REFERENCES prompt_states(name) ON DELETE CASCADE,
            contact_id  INTEGER NOT NULL,
            PRIMARY KEY (name, contact_id)
        ) WITHOUT ROWID;
        CREATE INDEX prompt_state_people_contact ON prompt_state_people(contact_id);

        CREATE TRIGGER prompt_states_note_deleted AFTER DELETE ON notes BEGIN
            DELETE FROM prompt_states WHERE name IN (SELECT name FROM prompt_state_notes WHERE note_id = old.id);
        END;
        CREATE TRIGGER prompt_states_note_changed AFTER UPDATE OF body, title, occurred_at ON notes BEGIN
            DELETE FROM prompt_states WHERE name IN (SELECT name FROM prompt_state_notes WHERE note_id = old.id);
        END;
        CREATE TRIGGER prompt_states_contact_deleted AFTER DELETE ON contacts BEGIN
            DELETE FROM prompt_states WHERE (subject_kind = 'contact' AND subject_id = old.id)
                OR name IN (SELECT name FROM prompt_state_people WHERE contact_id = old.id);
        END;
        CREATE TRIGGER prompt_states_account_deleted AFTER DELETE ON accounts BEGIN
            DELETE FROM prompt_states WHERE subject_kind = 'account' AND subject_id = old.id;
        END;
        """
    )
