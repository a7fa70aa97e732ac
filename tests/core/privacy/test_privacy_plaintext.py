"""A plaintext SQLite copy of a Confidant database becomes a new encrypted vault."""

import json
import sqlite3
import uuid

from app.core.vault import migrations
from tests.support.vault_helpers import files_containing


def _plaintext_db(path, canary):
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(conn)
    t = "2026-01-01T00:00:00+00:00"
    conn.execute("INSERT INTO accounts(id, name, name_key, created_at, updated_at) VALUES (1, 'Fjordlys AS', 'fjordlys as', ?, ?)", (t, t))
    conn.execute("INSERT INTO contacts(id, account_id, full_name, email, email_key, created_at, updated_at) "
                 "VALUES (1, 1, 'Kari Nordmann', 'kari@fjordlys.example.com', 'kari@fjordlys.example.com', ?, ?)", (t, t))
    for i in range(3):
        conn.execute("INSERT INTO notes(contact_id, account_id, body, source, content_key, created_at) VALUES (1, 1, ?, 'generic', ?, ?)",
                     (f"{canary} lagermodulen pilot {i}", f"k{i}", t))
    conn.close()


def test_plaintext_database_becomes_an_encrypted_vault(cli, home, tmp_path):
    canary = f"CANARY{uuid.uuid4().hex}"
    src = tmp_path / "old-plain.db"
    _plaintext_db(src, canary)
    before = src.read_bytes()
    code, out, err = cli("encrypt-plaintext", str(src), "--json")
    assert code == 0, err
    r = json.loads(out)
    assert r["contacts"] == 1 and r["notes"] == 3 and r["mode"] == "keyring"
    assert "delete it securely" in r["warning"]
    assert src.read_bytes() == before  # the source is left as it is
    vault = home / "data" / "vault.db"
    assert not vault.read_bytes().startswith(b"SQLite format 3")
    assert files_containing([home], [canary.encode()]) == []
    code, out, _ = cli("notes", "kari@fjordlys.example.com", "--json")
    assert code == 0 and len(json.loads(out)) == 3
    # Full-text search works on the brought-in notes.
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from app.core.vault import records

    ctx = open_context(passphrase_provider)
    try:
        assert len(records.search_notes(ctx.vault.conn, "lagermodulen")) == 3
    finally:
        ctx.close()


def test_refused_when_a_vault_exists_or_the_file_is_not_plaintext(cli, home, tmp_path, ctx):
    ctx.close()
    src = tmp_path / "old-plain.db"
    _plaintext_db(src, "x")
    before = (home / "data" / "vault.db").read_bytes()
    code, _, err = cli("encrypt-plaintext", str(src))
    assert code == 1 and "already exists" in err and "Nothing was changed" in err
    assert (home / "data" / "vault.db").read_bytes() == before
    code, _, err = cli("encrypt-plaintext", str(home / "data" / "vault.db"))
    assert code == 1 and "not a plaintext SQLite database" in err


def test_a_non_confidant_database_leaves_no_vault_or_key(cli, home, tmp_path):
    src = tmp_path / "other.db"
    c = sqlite3.connect(src)
    c.execute("CREATE TABLE t (x)")
    c.commit()
    c.close()
    code, _, err = cli("encrypt-plaintext", str(src))
    assert code == 1 and "not a Confidant database" in err
    assert not (home / "data" / "vault.db").exists() and not (home / "data" / "vault.key").exists()


def _crafted(path, canary):
    """A plaintext copy with a hidden table that keeps every note, and a trigger that drops
    the audit rows of erasures and exports."""
    _plaintext_db(path, canary)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript("""
        CREATE TABLE note_archive(body TEXT);
        INSERT INTO note_archive SELECT body FROM notes;
        CREATE TRIGGER keep_notes AFTER DELETE ON notes BEGIN INSERT INTO note_archive VALUES (OLD.body); END;
        CREATE TRIGGER quiet_audit BEFORE INSERT ON audit_log
          WHEN NEW.event IN ('contact.forgotten', 'data.exported') BEGIN SELECT RAISE(IGNORE); END;
        CREATE VIEW everything AS SELECT body FROM notes;
    """)
    conn.close()


def test_a_crafted_plaintext_copy_brings_rows_never_its_tables_or_triggers(cli, home, tmp_path):
    """N7: forget reported success while a hidden table kept the notes, and a trigger dropped
    the erasure's audit row; verify and doctor passed."""
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from tests.support.privacy_seed import dump_all

    canary = f"CANARY{uuid.uuid4().hex}"
    src = tmp_path / "crafted.db"
    _crafted(src, canary)
    code, out, err = cli("encrypt-plaintext", str(src), "--json")
    assert code == 0, err
    assert json.loads(out)["notes"] == 3
    code, out, err = cli("forget", "kari@fjordlys.example.com", "--yes", "--json")
    assert code == 0, err
    ctx = open_context(passphrase_provider)
    try:
        names = {r[0] for r in ctx.vault.conn.execute("SELECT name FROM sqlite_master")}
        assert not names & {"note_archive", "keep_notes", "quiet_audit", "everything"}
        assert canary not in dump_all(ctx.vault.conn)
        assert "contact.forgotten" in [r[0] for r in ctx.vault.conn.execute("SELECT event FROM audit_log")]
    finally:
        ctx.close()
    code, out, err = cli("audit", "--verify")
    assert code == 0, err


def test_verify_and_doctor_name_a_trigger_the_app_did_not_create(cli, home, tmp_path, ctx):
    ctx.vault.conn.execute("CREATE TRIGGER quiet_audit BEFORE INSERT ON audit_log "
                           "WHEN NEW.event = 'contact.forgotten' BEGIN SELECT RAISE(IGNORE); END")
    ctx.close()
    code, out, err = cli("audit", "--verify")
    assert code != 0 and "trigger quiet_audit" in (out + err)
    code, out, err = cli("doctor", "--json")
    assert code != 0 and "trigger quiet_audit" in json.loads(out)["vault"]["foreign_objects"]


def test_an_unmodified_support_copy_verifies_after_encrypt_plaintext(cli, home, tmp_path, ctx, monkeypatch):
    """N7: a plaintext copy of a real vault failed `audit --verify` forever ("anchor missing")."""
    plain = tmp_path / "support-copy.db"
    ctx.vault.conn.execute("ATTACH DATABASE ? AS p KEY ''", (str(plain),))
    ctx.vault.conn.execute("SELECT sqlcipher_export('p')").fetchall()
    ctx.vault.conn.execute("DETACH DATABASE p")
    ctx.close()
    monkeypatch.setenv("CONFIDANT_HOME", str(tmp_path / "new-home"))
    code, out, err = cli("encrypt-plaintext", str(plain))
    assert code == 0, err
    code, out, err = cli("audit", "--verify")
    assert code == 0, out + err
