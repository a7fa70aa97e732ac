"""The vault file is encrypted, and a wrong key changes nothing."""

import hashlib
import sqlite3

import pytest

from app.core.errors import WrongKeyError
from app.core.vault.db import Vault


def _sha(p):
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_database_file_is_not_plain_sqlite(ctx):
    with ctx.vault.transaction() as c:
        c.execute("INSERT INTO settings(key, value) VALUES ('probe', '1')")
    ctx.vault.checkpoint()
    path = ctx.paths.vault
    assert not path.read_bytes().startswith(b"SQLite format 3")
    plain = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    plain.close()


def test_wrong_key_is_refused_and_file_unchanged(ctx):
    path = ctx.paths.vault
    ctx.close()
    before = {p.name: _sha(p) for p in path.parent.iterdir() if p.is_file()}
    with pytest.raises(WrongKeyError) as info:
        Vault.open(path, bytes(32))
    assert "could not be decrypted" in str(info.value)
    after = {p.name: _sha(p) for p in path.parent.iterdir() if p.is_file()}
    assert after == before


def test_vault_pragmas_hold(ctx):
    pr = ctx.vault.pragmas()
    assert pr["journal_mode"] == "wal"
    assert pr["temp_store"] == "memory"
    assert pr["synchronous"] == "full"
    assert pr["foreign_keys"] is True


def test_folders_and_files_are_private(ctx, home):
    import os
    import stat

    for d, dirs, files in os.walk(home):
        assert stat.S_IMODE(os.stat(d).st_mode) == 0o700, d
        for f in files:
            assert stat.S_IMODE(os.stat(os.path.join(d, f)).st_mode) == 0o600, f


def test_permissions_are_reapplied_on_start(ctx, home, cli):
    import os
    import stat

    ctx.close()
    os.chmod(ctx.paths.keyfile, 0o644)
    os.chmod(ctx.paths.data, 0o755)
    code, _, err = cli("doctor", "--json")
    assert code == 0, err
    assert stat.S_IMODE(os.stat(ctx.paths.keyfile).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(ctx.paths.data).st_mode) == 0o700
