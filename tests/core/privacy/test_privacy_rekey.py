"""Key rotation survives a kill at every step; passphrase changes and moves between the
keyring and a passphrase keep the vault openable with exactly one stored key."""

import json
import os
import subprocess
import sys

import keyring
import pytest

from app.cli.common import passphrase_provider
from app.core.context import open_context
from app.core.errors import WrongPassphraseError
from app.core.vault import keys
from tests.support.backends import FAIL_BACKEND
from tests.support.privacy_seed import canary, seed

POINTS = ["rekey.pending_saved", "rekey.database_rekeyed", "rekey.checkpointed", "rekey.proven",
          "rekey.keyring_promoted", "rekey.keyfile_promoted"]


def _seed():
    ctx = open_context(passphrase_provider)
    seed(ctx.vault, canary("a"), canary("b"))
    info = ctx.key_info
    key = bytes(ctx._key)
    ctx.close()
    return info, key


def _notes_and_integrity():
    ctx = open_context(passphrase_provider)
    try:
        return ctx.vault.conn.execute("SELECT count(*) FROM notes").fetchone()[0], ctx.vault.integrity()["ok"], ctx
    finally:
        ctx.close()


def _keyfile(home):
    return json.loads((home / "data" / "vault.key").read_text())


def _kill_at(point):
    env = dict(os.environ, CONFIDANT_CRASH_AT=point)
    p = subprocess.run([sys.executable, "-m", "app", "rekey"], env=env, capture_output=True, text=True, timeout=120)
    return p


@pytest.mark.parametrize("point", POINTS)
def test_kill_at_each_rotation_step_keyring_mode(home, point):
    info, old_key = _seed()
    p = _kill_at(point)
    assert p.returncode == -9, p.stderr
    n, ok, ctx = _notes_and_integrity()
    assert (n, ok) == (6, True)
    kf = _keyfile(home)
    assert "pending" not in kf.get("extra", {})  # the open settled the rotation
    assert keyring.get_keyring().get_password(keys.SERVICE, f"vault-{info.vault_id}-next") is None
    db_key = bytes.fromhex(keyring.get_keyring().get_password(keys.SERVICE, f"vault-{info.vault_id}"))
    assert keys.key_opens(home / "data" / "vault.db", db_key)
    rotated = point in POINTS[1:]
    assert (db_key != old_key) is rotated
    assert keys.key_opens(home / "data" / "vault.db", old_key) is (not rotated)
    assert kf["key_check"] == keys.key_check(db_key)


@pytest.mark.parametrize("point", ["rekey.pending_saved", "rekey.database_rekeyed", "rekey.proven", "rekey.keyfile_promoted"])
def test_kill_at_rotation_steps_passphrase_mode(no_keyring, home, point):
    info, old_key = _seed()
    assert info.mode == "passphrase"
    p = _kill_at(point)
    assert p.returncode == -9, p.stderr
    n, ok, _ = _notes_and_integrity()
    assert (n, ok) == (6, True)
    kf = _keyfile(home)
    assert "pending" not in kf.get("extra", {})
    key = keys.unwrap(kf["wrapped"], no_keyring, kf["vault_id"])
    assert keys.key_opens(home / "data" / "vault.db", key)
    assert (bytes(key) != old_key) is (point != "rekey.pending_saved")


def test_rotation_replaces_the_key_and_is_audited(home, cli):
    info, old_key = _seed()
    code, out, err = cli("rekey")
    assert code == 0, err and "re-encrypted" in out
    new_key = keyring.get_keyring().get_password(keys.SERVICE, info.keyring_user)
    assert bytes.fromhex(new_key) != old_key
    assert not keys.key_opens(home / "data" / "vault.db", old_key)
    assert new_key not in out + err and new_key not in (home / "data" / "vault.key").read_text()
    n, ok, _ = _notes_and_integrity()
    assert (n, ok) == (6, True)
    code, out, _ = cli("audit", "--json", "--verify")
    doc = json.loads(out)
    assert doc["verify"]["ok"] and [e for e in doc["entries"] if e["event"] == "key.rotated"]


def test_move_between_keyring_and_passphrase(home, cli, monkeypatch):
    info, key = _seed()
    monkeypatch.setenv("CONFIDANT_NEW_PASSPHRASE", "blåbærsyltetøy 2026")
    code, out, err = cli("rekey", "--to-passphrase")
    assert code == 0, err
    assert keyring.get_keyring().get_password(keys.SERVICE, info.keyring_user) is None
    assert _keyfile(home)["mode"] == "passphrase"
    monkeypatch.setenv("CONFIDANT_PASSPHRASE", "wrong passphrase")
    with pytest.raises(WrongPassphraseError):
        open_context(passphrase_provider)
    monkeypatch.setenv("CONFIDANT_PASSPHRASE", "blåbærsyltetøy 2026")
    assert _notes_and_integrity()[:2] == (6, True)

    monkeypatch.setenv("CONFIDANT_NEW_PASSPHRASE", "Straße nach Göteborg")
    assert cli("rekey", "--change-passphrase")[0] == 0
    with pytest.raises(WrongPassphraseError):
        open_context(passphrase_provider)
    monkeypatch.setenv("CONFIDANT_PASSPHRASE", "Straße nach Göteborg")
    assert _notes_and_integrity()[:2] == (6, True)

    # No secure keyring: moving there is refused and nothing changes.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", FAIL_BACKEND)
    code, _, err = cli("rekey", "--to-keyring")
    assert code == 1 and "No secure OS keyring" in err
    assert _keyfile(home)["mode"] == "passphrase"
    monkeypatch.undo()  # back to the Secret Service of the `home` fixture
    monkeypatch.setenv("CONFIDANT_HOME", str(home))
    monkeypatch.setenv("CONFIDANT_PASSPHRASE", "Straße nach Göteborg")
    assert cli("rekey", "--to-keyring")[0] == 0
    monkeypatch.delenv("CONFIDANT_PASSPHRASE")
    assert _keyfile(home)["mode"] == "keyring" and _keyfile(home)["wrapped"] is None
    assert _notes_and_integrity()[:2] == (6, True)
