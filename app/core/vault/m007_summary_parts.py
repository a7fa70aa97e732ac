"""Migration m007: the kept map parts of long summaries (issue 26, incremental summaries)."""

from __future__ import annotations


def m007_summary_parts(db) -> None:
    """Each map part's result of a long summary, keyed by the hash of its prompt (the notes'
    ids and text), the model's SHA-256, the prompt version and the language, so a new note
    re-runs only its own part. ``summary_part_notes`` lists the notes a part holds: deleting
    or changing a note (forget, redaction, a re-import that edits it) removes every part that
    held it, and so does a person's objection or request to be forgotten; deleting the
    subject removes its parts. Unused parts go with retention (``used_at``)."""
    db.executescript(
        """
        CREATE TABLE summary_parts (
            key             TEXT PRIMARY KEY,        -- SHA-256 hex (app.core.assistant.summary.part_key)
            subject_kind    TEXT NOT NULL CHECK (subject_kind IN ('contact', 'account')),
            subject_id      INTEGER NOT NULL,
            model_sha256    TEXT NOT NULL,
            prompt_version  TEXT NOT NULL,
            lang            TEXT NOT NULL,
            result          TEXT NOT NULL,           -- the part's cited bullet points
            created_at      TEXT NOT NULL,           -- ISO 8601 UTC
            used_at         TEXT NOT NULL            -- last summary that used it
        ) WITHOUT ROWID;
        CREATE INDEX summary_parts_subject ON summary_parts(subject_kind, subject_id);
        CREATE INDEX summary_parts_used ON summary_parts(used_at);

        CREATE TABLE summary_part_notes (
            -- a part whose note was deleted while the model wrote is never saved (the FK refuses it)
            note_id   INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
            part_key  TEXT NOT NULL REFERENCES summary_parts(key) ON DELETE CASCADE,
            PRIMARY KEY (note_id, part_key)
        ) WITHOUT ROWID;
        CREATE INDEX summary_part_notes_part ON summary_part_notes(part_key);

        CREATE TRIGGER summary_parts_note_deleted BEFORE DELETE ON notes BEGIN
            DELETE FROM summary_parts WHERE key IN (SELECT part_key FROM summary_part_notes WHERE note_id = old.id);
        END;
        CREATE TRIGGER summary_parts_note_changed
        AFTER UPDATE OF occurred_at, title, body, contact_id, account_id ON notes BEGIN
            DELETE FROM summary_parts WHERE key IN (SELECT part_key FROM summary_part_notes WHERE note_id = old.id);
        END;
        CREATE TRIGGER summary_parts_contact_deleted AFTER DELETE ON contacts BEGIN
            DELETE FROM summary_parts WHERE subject_kind = 'contact' AND subject_id = old.id;
        END;
        CREATE TRIGGER summary_parts_account_deleted AFTER DELETE ON accounts BEGIN
            DELETE FROM summary_parts WHERE subject_kind = 'account' AND subject_id = old.id;
        END;
        CREATE TRIGGER summary_parts_consent_set AFTER INSERT ON contact_consent
        WHEN new.processing_objection = 1 OR new.forget_requested = 1 BEGIN
            DELETE FROM summary_parts WHERE key IN (SELECT p.part_key FROM summary_part_notes p
                JOIN notes n ON n.id = p.note_id WHERE n.contact_id = new.contact_id);
        END;
        CREATE TRIGGER summary_parts_consent_changed AFTER UPDATE OF processing_objection, forget_requested ON contact_consent
        WHEN new.processing_objection = 1 OR new.forget_requested = 1 BEGIN
            DELETE FROM summary_parts WHERE key IN (SELECT p.part_key FROM summary_part_notes p
                JOIN notes n ON n.id = p.note_id WHERE n.contact_id = new.contact_id);
        END;
        """
    )
