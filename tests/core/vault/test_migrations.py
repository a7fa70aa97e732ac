"""Schema migrations: a fresh vault has exactly the expected schema; older vaults upgrade
with their rows intact; a failing migration leaves the vault as it was."""

import json
import os
from pathlib import Path

import pytest

from app.core.vault import migrations
from app.core.vault.db import Vault
from tests.support.paths import SCHEMA
from tests.support.schema import schema_of

EXPECTED = SCHEMA / "expected.json"
FROZEN_M001 = SCHEMA / "m001.json"


def _open(tmp_path, name="v.db", key=b"\x01" * 32, **kw):
    return Vault.open(tmp_path / name, key, **kw)


def test_fresh_vault_has_exactly_the_expected_schema(tmp_path):
    v = _open(tmp_path)
    try:
        got = schema_of(v.conn)
        assert v.schema_version() == [m.__name__ for m in migrations.MIGRATIONS]
    finally:
        v.close()
    expected = json.loads(EXPECTED.read_text())
    assert got == expected, (
        "The schema changed. If a new migration was added on purpose, regenerate "
        "tests/data/schema/expected.json (see tests/data/schema/README.md)."
    )


def _make_frozen_m001(path: Path) -> None:
    """A vault exactly as m001 left it, with rows in every main table."""
    v = Vault.open(path, b"\x02" * 32, migrate=False)
    c = v.conn
    for stmt in json.loads(FROZEN_M001.read_text()):
        c.execute(stmt)
    c.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL) WITHOUT ROWID")
    c.execute("INSERT INTO schema_migrations VALUES ('m001_initial', '2026-01-01T00:00:00+00:00')")
    t = "2026-01-01T00:00:00+00:00"
    c.execute("INSERT INTO accounts(id, name, name_key, created_at, updated_at) VALUES (1, 'Fjordlys AS', 'fjordlys as', ?, ?)", (t, t))
    c.execute(
        "INSERT INTO contacts(id, account_id, full_name, email, email_key, created_at, updated_at) "
        "VALUES (1, 1, 'Kari Nordmann', 'kari@fjordlys.example.com', 'kari@fjordlys.example.com', ?, ?)", (t, t))
    c.execute(
        "INSERT INTO notes(id, contact_id, account_id, occurred_at, title, body, source, content_key, created_at) "
        "VALUES (1, 1, 1, '2026-01-01', 'Demo', 'Kari likte demoen av lagermodulen.', 'generic', 'k1', ?)", (t,))
    c.execute("INSERT INTO conversations(id, task, contact_id, created_at, updated_at) VALUES (1, 'draft', 1, ?, ?)", (t, t))
    c.execute("INSERT INTO messages(conversation_id, role, content, created_at) VALUES (1, 'assistant', 'Hei Kari', ?)", (t,))
    v.close()


def test_vault_at_m001_upgrades_with_rows_intact(tmp_path):
    path = tmp_path / "old.db"
    _make_frozen_m001(path)
    v = Vault.open(path, b"\x02" * 32)
    try:
        assert v.schema_version() == [m.__name__ for m in migrations.MIGRATIONS]
        assert schema_of(v.conn) == json.loads(EXPECTED.read_text())
        c = v.conn
        assert c.execute("SELECT full_name, email FROM contacts").fetchall() == [("Kari Nordmann", "kari@fjordlys.example.com")]
        assert c.execute("SELECT body FROM notes").fetchone()[0] == "Kari likte demoen av lagermodulen."
        # The search index still finds the old note.
        assert c.execute("SELECT rowid FROM notes_fts WHERE notes_fts MATCH 'lagermodulen'").fetchall() == [(1,)]
        assert c.execute("SELECT content FROM messages").fetchall() == [("Hei Kari",)]
    finally:
        v.close()


def test_migrations_apply_in_order_with_their_bookkeeping(tmp_path):
    def m002_add_tone(db):
        db.execute("ALTER TABLE drafts ADD COLUMN tone TEXT")

    v = _open(tmp_path, migrate=False)
    try:
        applied = migrations.migrate(v.conn, [migrations.m001_initial, m002_add_tone])
        assert applied == ["m001_initial", "m002_add_tone"]
        assert migrations.migrate(v.conn, [migrations.m001_initial, m002_add_tone]) == []
        cols = [r[1] for r in v.conn.execute("PRAGMA table_info(drafts)")]
        assert "tone" in cols
    finally:
        v.close()


def test_a_failing_migration_changes_nothing(tmp_path):
    def m002_half_done(db):
        db.execute("CREATE TABLE half (x)")
        raise RuntimeError("power cut")

    v = _open(tmp_path, migrate=False)
    try:
        migrations.migrate(v.conn, [migrations.m001_initial])
        before = schema_of(v.conn)
        with pytest.raises(RuntimeError):
            migrations.migrate(v.conn, [migrations.m001_initial, m002_half_done])
        assert schema_of(v.conn) == before
        assert migrations.applied(v.conn) == ["m001_initial"]
    finally:
        v.close()
