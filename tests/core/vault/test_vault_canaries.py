"""Customer text never reaches the disk in the clear: not in the database, its WAL or
shared memory, the logs, or temp files; not even when the process is killed mid-write."""

import os
import signal
import subprocess
import sys
import textwrap
import uuid

from tests.support.vault_helpers import files_containing

CHILD = textwrap.dedent(
    """
    import os, sys, time
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from app.core.vault.db import Vault
    canary = os.environ["CANARY"]
    ctx = open_context(passphrase_provider)
    v = ctx.vault
    now = "2026-11-01T10:00:00+00:00"
    def add(i, conn):
        conn.execute(
            "INSERT INTO notes(body, title, source, content_key, created_at) VALUES (?, ?, 'test', ?, ?)",
            (f"{canary} committed note {i}", f"{canary} title", f"{canary}-{i}", now))
    with v.transaction() as c:
        for i in range(50):
            add(i, c)
        cid = c.execute("INSERT INTO conversations(task, created_at, updated_at) VALUES ('ask', ?, ?)", (now, now)).lastrowid
        c.execute("INSERT INTO messages(conversation_id, role, content, created_at) VALUES (?, 'assistant', ?, ?)",
                  (cid, f"{canary} message", now))
    mode = sys.argv[1]
    if mode == "checkpoint":
        v.checkpoint()
    if mode == "kill":
        c = v.conn
        c.execute("BEGIN IMMEDIATE")
        for i in range(50, 5000):
            add(i, c)
        print("IN-TRANSACTION", flush=True)
        time.sleep(60)
    print("DONE", flush=True)
    ctx.close() if mode != "open" else time.sleep(60)
    """
)


def _run_child(mode, home, canary, tmpdir):
    env = dict(os.environ, CANARY=canary, TMPDIR=str(tmpdir))
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, mode], env=env, stdout=subprocess.PIPE, text=True, cwd=os.getcwd()
    )


def _count_rows(canary):
    from app.cli.common import passphrase_provider
    from app.core.context import open_context

    ctx = open_context(passphrase_provider)
    try:
        return ctx.vault.execute("SELECT count(*) FROM notes WHERE body LIKE ?", (f"{canary}%",)).fetchone()[0]
    finally:
        ctx.close()


def _assert_no_canary(home, tmpdir, canary):
    hits = files_containing([home, tmpdir], [canary.encode()])
    assert hits == [], f"plaintext found in {hits}"


def test_no_plaintext_while_open_before_checkpoint(home, tmp_path):
    canary = f"CANARY-{uuid.uuid4().hex}"
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    p = _run_child("open", home, canary, tmpdir)
    try:
        assert p.stdout.readline().strip() == "DONE"
        # The process is alive with the WAL full of fresh pages: look now.
        assert (home / "data" / "vault.db-wal").stat().st_size > 0
        _assert_no_canary(home, tmpdir, canary)
    finally:
        p.kill()
        p.wait()


def test_no_plaintext_after_checkpoint(home, tmp_path):
    canary = f"CANARY-{uuid.uuid4().hex}"
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    p = _run_child("checkpoint", home, canary, tmpdir)
    assert p.stdout.readline().strip() == "DONE"
    assert p.wait(timeout=60) == 0
    _assert_no_canary(home, tmpdir, canary)
    assert _count_rows(canary) == 50


def test_sigkill_mid_transaction_keeps_committed_rows_and_leaks_nothing(home, tmp_path):
    canary = f"CANARY-{uuid.uuid4().hex}"
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    p = _run_child("kill", home, canary, tmpdir)
    assert p.stdout.readline().strip() == "IN-TRANSACTION"
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    _assert_no_canary(home, tmpdir, canary)
    # Every committed row is there; none of the killed transaction's rows are.
    assert _count_rows(canary) == 50
    _assert_no_canary(home, tmpdir, canary)
