"""Forgetting a contact leaves nothing of them: not in any table read with the key (FTS
shadow tables included), not in any file's raw bytes, not after a kill mid-way."""

import os
import subprocess
import sys

import pytest

from app.cli.common import passphrase_provider
from app.core.context import open_context
from tests.support.privacy_seed import canary, dump_all, seed
from tests.support.vault_helpers import files_containing


def _open():
    return open_context(passphrase_provider)


def _fts_text(conn) -> str:
    return "\n".join(r[0].decode("utf-8", "replace") for r in conn.execute("SELECT block FROM notes_fts_data") if r[0])


def _seeded(home):
    gone, kept = canary("forget"), canary("keep")
    ctx = _open()
    ids = seed(ctx.vault, gone, kept)
    # The test can fail: before forgetting, the canary is in the notes AND in the index segments.
    assert gone in dump_all(ctx.vault.conn)
    assert gone in _fts_text(ctx.vault.conn)
    ctx.close()
    return gone, kept, ids


def test_forget_erases_everything_about_the_contact(home, cli):
    gone, kept, ids = _seeded(home)
    code, out, err = cli("forget", "kari.nordmann@example.com", "--yes", "--json")
    assert code == 0, err
    assert '"notes": 3' in out and '"conversations": 1' in out and '"drafts": 2' in out
    assert "Kari" not in out  # the id, not the name

    ctx = _open()
    try:
        conn = ctx.vault.conn
        everything = dump_all(conn)
        assert gone not in everything
        assert "Kari" not in everything and "kari.nordmann" not in everything
        assert gone not in _fts_text(conn)
        # Jürgen and the conversation that used only his notes are untouched, and still searchable.
        assert kept in everything
        assert len(conn.execute("SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?", (kept,)).fetchall()) == 3
        assert conn.execute("SELECT id FROM conversations").fetchall() == [(ids["only_jurgen"],)]
        assert conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 2
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
        row = conn.execute("SELECT event, details FROM audit_log WHERE event = 'contact.forgotten'").fetchone()
        assert row[1] == (f'{{"activities":0,"conversations":1,"deal_roles":0,"drafts":2,"notes":3,'
                          f'"subject":"contact#{ids["kari"]}"}}')
    finally:
        ctx.close()
    assert files_containing([home], [gone.encode(), b"Kari Nordmann"]) == []


def test_unknown_or_ambiguous_contact_deletes_nothing(home, cli):
    gone, kept, ids = _seeded(home)
    ctx = _open()
    with ctx.vault.transaction() as c:
        c.execute("INSERT INTO contacts(full_name, email, email_key, created_at, updated_at) VALUES "
                  "('Jürgen Weiß', 'j.weiss@example.com', 'j.weiss@example.com', 'x', 'x')")
    counts = "SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM notes), (SELECT count(*) FROM drafts)"
    before = ctx.vault.conn.execute(counts).fetchone()
    ctx.close()

    code, _, err = cli("forget", "Nobody Known", "--yes")
    assert code == 3 and "No contact matches 'Nobody Known'. Nothing was deleted." in err
    code, _, err = cli("forget", "jürgen weiß", "--yes")
    assert code == 4 and "2 contacts match" in err and "j.weiss@example.com" in err
    code, _, err = cli("forget", "kari.nordmann@example.com")  # no --yes and no terminal
    assert code == 2 and "--yes" in err

    ctx = _open()
    after = ctx.vault.conn.execute(counts).fetchone()
    events = [r[0] for r in ctx.vault.conn.execute("SELECT event FROM audit_log")]
    ctx.close()
    assert after == before == (3, 6, 2)
    assert "contact.forgotten" not in events


@pytest.mark.parametrize(
    "point,erased",
    [
        ("forget.conversations_deleted", False),
        ("forget.rows_deleted", False),
        ("forget.committed", True),
        ("forget.checkpointed", True),
        ("forget.vacuumed", True),
    ],
)
def test_kill_during_forget_leaves_a_consistent_vault(home, point, erased):
    gone, kept, ids = _seeded(home)
    env = dict(os.environ, CONFIDANT_CRASH_AT=point)
    p = subprocess.run([sys.executable, "-m", "app", "forget", str(ids["kari"]), "--yes"], env=env,
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == -9, p.stderr

    ctx = _open()  # what the next start does: open, then the due maintenance
    try:
        from app.core.privacy.retention import run_due_maintenance

        run_due_maintenance(ctx)
        conn = ctx.vault.conn
        assert ctx.vault.integrity()["ok"]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO notes_fts(notes_fts, rank) VALUES ('integrity-check', 1)")
        everything = dump_all(conn)
        assert (gone not in everything) is erased
        assert kept in everything
        assert conn.execute("SELECT count(*) FROM contacts WHERE id = ?", (ids["kari"],)).fetchone()[0] == (0 if erased else 1)
        # all-or-nothing: never the contact without its notes, or the other way round
        n_notes = conn.execute("SELECT count(*) FROM notes WHERE body LIKE ?", (f"%{gone}%",)).fetchone()[0]
        assert n_notes == (0 if erased else 3)
        assert conn.execute("SELECT value FROM settings WHERE key = 'privacy.scrub_pending'").fetchone() is None
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0 or not erased
    finally:
        ctx.close()
