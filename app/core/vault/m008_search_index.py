"""m008_search_index: the word index refolded, and a trigram index beside it (issue 26).

Both full-text indexes read the notes through the view ``notes_search``, which gives title
and body as :func:`app.core.vault.search.search_fold` folds them (the folding rule is
documented there: "får" stays apart from "far", "café" meets "cafe", "e-post" meets
"epost"). ``notes_fts`` is rebuilt with ``unicode61 remove_diacritics 0`` (SQLite's own
accent folding would merge å into a); ``notes_fts_trigram`` is new (``tokenize='trigram'``)
so a part of a word finds Norwegian compounds and partial names.

One set of triggers keeps both indexes: ``notes_fts_ai`` (insert; the import's bulk path
drops it and indexes a file's notes in one pass, see import_writer), ``notes_fts_ad``
(delete: forget and retention), ``notes_fts_au`` (edit). The migration fills both indexes
for the notes already there. The names start with ``notes_fts`` so the plaintext import
rebuilds them rather than copying them.
"""

from __future__ import annotations

from app.core.vault.search import search_fold

TRIGGERS = """
CREATE TRIGGER notes_fts_ai AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts(rowid, title, body) VALUES (new.id, search_fold(new.title), search_fold(new.body));
    INSERT INTO notes_fts_trigram(rowid, title, body) VALUES (new.id, search_fold(new.title), search_fold(new.body));
END;
CREATE TRIGGER notes_fts_ad AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts(notes_fts, rowid, title, body)
        VALUES ('delete', old.id, search_fold(old.title), search_fold(old.body));
    INSERT INTO notes_fts_trigram(notes_fts_trigram, rowid, title, body)
        VALUES ('delete', old.id, search_fold(old.title), search_fold(old.body));
END;
CREATE TRIGGER notes_fts_au AFTER UPDATE OF title, body ON notes BEGIN
    INSERT INTO notes_fts(notes_fts, rowid, title, body)
        VALUES ('delete', old.id, search_fold(old.title), search_fold(old.body));
    INSERT INTO notes_fts_trigram(notes_fts_trigram, rowid, title, body)
        VALUES ('delete', old.id, search_fold(old.title), search_fold(old.body));
    INSERT INTO notes_fts(rowid, title, body) VALUES (new.id, search_fold(new.title), search_fold(new.body));
    INSERT INTO notes_fts_trigram(rowid, title, body) VALUES (new.id, search_fold(new.title), search_fold(new.body));
END;
"""

# Both indexes' rows for the notes with ids above ? (the import's bulk path; 0: all notes).
BULK_INDEX = (
    "INSERT INTO notes_fts(rowid, title, body) SELECT id, title, body FROM notes_search WHERE id > ?",
    "INSERT INTO notes_fts_trigram(rowid, title, body) SELECT id, title, body FROM notes_search WHERE id > ?",
)


def register(conn) -> None:
    """The SQL function the view and the triggers call; on every connection that writes notes."""
    conn.create_function("search_fold", 1, search_fold, deterministic=True)


def m008_search_index(db) -> None:
    register(getattr(db, "_conn", db))
    db.executescript(
        """
        DROP TRIGGER IF EXISTS notes_fts_ai;
        DROP TRIGGER IF EXISTS notes_fts_ad;
        DROP TRIGGER IF EXISTS notes_fts_au;
        DROP TABLE IF EXISTS notes_fts;

        CREATE VIEW notes_search AS
            SELECT id, search_fold(title) AS title, search_fold(body) AS body FROM notes;

        CREATE VIRTUAL TABLE notes_fts USING fts5(
            title, body, content='notes_search', content_rowid='id',
            tokenize = 'unicode61 remove_diacritics 0'
        );
        CREATE VIRTUAL TABLE notes_fts_trigram USING fts5(
            title, body, content='notes_search', content_rowid='id',
            tokenize = 'trigram'
        );
        """
        + TRIGGERS
    )
    for sql in BULK_INDEX:
        db.execute(sql, (0,))
