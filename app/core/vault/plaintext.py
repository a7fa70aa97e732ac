"""Bring a plaintext SQLite copy of a Confidant database into a new encrypted vault.

A database that left the vault unencrypted (a support copy made with `sqlcipher_export`
to plaintext, a development build, a restore from an old tool) is turned back into a
vault: a fresh vault is created and migrated, the plaintext file is attached read-only, and
the rows of every table the migrations know are copied into it (never the file's own schema:
its extra tables, triggers and views stay behind), then the file is moved into place and
the audit log anchored anew. Guarantees:

- only when no vault exists yet (it never replaces or mixes into an existing vault);
- a failure at any step leaves no vault, no key file and no keyring entry behind;
- the plaintext source is never modified; the user is told to delete it themselves.
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlcipher3

from app.core.errors import AppError, DataFolderError, N_
from app.core.paths import Paths
from app.core.vault import audit, keys, schema_check
from app.core.vault.db import PLAINTEXT_HEADER, Vault

_REQUIRED_TABLES = {"contacts", "notes", "accounts"}


def _check_source(source: Path) -> None:
    try:
        with open(source, "rb") as fh:
            header = fh.read(16)
    except FileNotFoundError:
        raise AppError(N_("{source} does not exist."), source=source) from None
    except OSError as exc:
        raise AppError(N_("{source} cannot be read: {reason}."), source=source, reason=exc.strerror) from None
    if header != PLAINTEXT_HEADER:
        raise AppError(N_("{source} is not a plaintext SQLite database (it may already be encrypted)."), source=source)


def encrypt_plaintext(source: Path, paths: Paths, provider: keys.PassphraseProvider, *,
                      require_passphrase: bool = False) -> dict:
    """Create the vault from ``source``. Returns counts of what was brought in."""
    source = Path(source)
    _check_source(source)
    if paths.vault.exists() or paths.keyfile.exists():
        raise AppError(
            N_("A vault already exists in {data}; a plaintext database can only become a new vault. "
            "Nothing was changed."), data=paths.data
        )
    plain = sqlcipher3.connect(f"file:{source}?mode=ro", uri=True, isolation_level=None)
    try:
        tables = {r[0] for r in plain.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not _REQUIRED_TABLES <= tables:
            raise AppError(N_("{source} is not a Confidant database (it has no contacts, notes and accounts tables)."),
                           source=source)
        problems = [r[0] for r in plain.execute("PRAGMA quick_check") if r[0] != "ok"]
        if problems:
            raise AppError(N_("{source} is damaged ({problems}); nothing was changed."),
                           source=source, problems=problems[0])
        key, info = keys.create(paths, provider, require_passphrase=require_passphrase)
        partial = paths.vault.with_name(paths.vault.name + ".partial")
        try:
            if partial.exists():
                partial.unlink()
            vault = Vault.open(partial, key)  # a fresh vault: exactly the migrations' schema
            try:
                left_out = _copy_rows(vault.conn, source)
                with vault.transaction() as c:
                    # The full-text index is rebuilt from the notes rather than trusted as copied.
                    c.execute("INSERT INTO notes_fts(notes_fts) VALUES ('rebuild')")
                    c.execute("INSERT INTO notes_fts_trigram(notes_fts_trigram) VALUES ('rebuild')")
                    counts = {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("contacts", "notes")}
                    # The copy's anchor stayed with the old data folder: this vault anchors anew.
                    c.execute("DELETE FROM settings WHERE key = 'audit.anchored'")
                    audit.append(c, "vault.plaintext_imported", objects_left_out=len(left_out), **counts)
                vault.checkpoint()
                audit.write_anchor(vault.conn, paths.data)
            finally:
                vault.close()
            for suffix in ("-wal", "-shm"):
                Path(str(partial) + suffix).unlink(missing_ok=True)
            os.replace(partial, paths.vault)
        except BaseException:
            for p in (partial, Path(str(partial) + "-wal"), Path(str(partial) + "-shm")):
                p.unlink(missing_ok=True)
            audit.anchor_path(paths.data).unlink(missing_ok=True)
            if info.mode == "keyring":
                keys.delete_from_keyring(info)
            paths.keyfile.unlink(missing_ok=True)
            raise
    except sqlcipher3.OperationalError as exc:
        if "disk is full" in str(exc).lower():
            raise DataFolderError(N_("The disk holding {data} is full; no vault was created."),
                                  data=paths.data) from None
        raise AppError(N_("{source} could not be read as a database ({error}); no vault was created."),
                       source=source, error=exc) from None
    finally:
        plain.close()
    return {**counts, "mode": info.mode}


def _copy_rows(conn, source: Path) -> list:
    """N7: rows, never schema. The plaintext file is attached read-only and each table the
    migrations created is filled from the table of the same name (the columns both have);
    tables, triggers, views and indexes the migrations did not create are left behind (a
    hidden table that would keep notes after ``forget``, a trigger that drops audit rows).
    Returns what was left out."""
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", (f"file:{source}?mode=ro",))
    try:
        left_out = schema_check.foreign_objects(conn, "plain")
        have = {r[0] for r in conn.execute("SELECT name FROM plain.sqlite_master WHERE type = 'table'")}
        fts = {n for (t, n) in schema_check.expected() if t == "table" and n.startswith("notes_fts")}
        tables = [n for (t, n) in schema_check.expected() if t == "table" and n in have and n not in fts
                  and n != "schema_migrations"]
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN IMMEDIATE")
        try:
            for table in sorted(tables):
                mine = [r[1] for r in conn.execute(f'PRAGMA main.table_info("{table}")')]
                theirs = {r[1] for r in conn.execute(f'PRAGMA plain.table_info("{table}")')}
                cols = ", ".join(f'"{c}"' for c in mine if c in theirs)
                conn.execute(f'INSERT INTO main."{table}" ({cols}) SELECT {cols} FROM plain."{table}"')
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        finally:
            conn.execute("PRAGMA foreign_keys = ON")
    finally:
        conn.execute("DETACH DATABASE plain")
    return left_out
