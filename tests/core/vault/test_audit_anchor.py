"""F6: the audit log is MAC-chained and anchored outside the vault. Someone holding the key
who re-chains the log (edit a row, recompute every hash) or cuts its newest rows passes the
chain check, but `audit --verify` names what happened from the anchor."""

from __future__ import annotations

import hashlib
import hmac
import json

from app.core.vault import audit, keys
from app.core.vault.db import Vault


def _raw_vault(home, passphrase) -> Vault:
    """The attacker's view: the database opened with the key, no app code around it."""
    kf = json.loads((home / "data" / "vault.key").read_text())
    key = keys.unwrap(kf["wrapped"], passphrase, kf["vault_id"])
    return Vault.open(home / "data" / "vault.db", key)


def _make_history(cli) -> None:
    assert cli("models")[0] == 0  # creates the vault
    for _ in range(3):
        assert cli("contacts")[0] == 0  # each open appends vault.unlocked
    code, out, err = cli("audit", "--verify")
    assert code == 0 and "Audit chain intact" in out, err


def _rows(v: Vault) -> list[tuple]:
    return v.conn.execute("SELECT id, at, event, details, prev_hash, hash FROM audit_log ORDER BY id").fetchall()


def test_rows_are_mac_chained_with_a_key_inside_the_vault(home, cli, no_keyring):
    _make_history(cli)
    v = _raw_vault(home, no_keyring)
    try:
        rows = _rows(v)
        mac_key = bytes.fromhex(json.loads(v.conn.execute(
            "SELECT value FROM settings WHERE key = 'audit.mac_key'").fetchone()[0]))
    finally:
        v.close()
    assert all(r[5].startswith("h1:") for r in rows)
    rid, at, event, details, prev, h = rows[-1]
    msg = "\x1f".join((prev, at, event, details)).encode()
    assert h == "h1:" + hmac.new(mac_key, msg, hashlib.sha256).hexdigest()
    assert hashlib.sha256(msg).hexdigest() not in h  # not the old plain hash
    anchor = json.loads((home / "data" / "audit.anchor").read_text())
    assert anchor["rows"] == len(rows) and anchor["head"] == rows[-1][5] and set(anchor) == {"rows", "head", "mac"}


def test_rechained_log_is_caught_by_the_anchor(home, cli, no_keyring):
    _make_history(cli)
    n = json.loads((home / "data" / "audit.anchor").read_text())["rows"]
    v = _raw_vault(home, no_keyring)
    try:
        mac_key = bytes.fromhex(json.loads(v.conn.execute(
            "SELECT value FROM settings WHERE key = 'audit.mac_key'").fetchone()[0]))
        with v.transaction() as c:
            c.execute("DROP TRIGGER audit_log_no_update")
            rows = _rows(v)
            target = rows[1][0]
            prev = rows[0][5]
            for rid, at, event, details, _prev, _h in rows[1:]:
                if rid == target:
                    event = "vault.created"  # the edit
                new = "h1:" + hmac.new(mac_key, "\x1f".join((prev, at, event, details)).encode(), hashlib.sha256).hexdigest()
                c.execute("UPDATE audit_log SET event = ?, prev_hash = ?, hash = ? WHERE id = ?", (event, prev, new, rid))
                prev = new
            c.execute("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN "
                      "SELECT RAISE(ABORT, 'audit_log is append-only'); END")
        assert audit.verify(v.conn)["ok"] is True  # the chain alone is fooled
    finally:
        v.close()
    code, out, err = cli("audit", "--verify")
    assert code == 1
    assert f"the log was re-chained (rows rewritten or removed): row {n} is not the row anchored as row {n}" in err and err.count("\n") == 1


def test_cut_tail_is_caught_by_the_anchor(home, cli, no_keyring):
    _make_history(cli)
    n = json.loads((home / "data" / "audit.anchor").read_text())["rows"]
    v = _raw_vault(home, no_keyring)
    try:
        with v.transaction() as c:
            c.execute("DROP TRIGGER audit_log_no_delete")
            c.execute("DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log ORDER BY id DESC LIMIT 2)")
            c.execute("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN "
                      "SELECT RAISE(ABORT, 'audit_log is append-only'); END")
        assert audit.verify(v.conn)["ok"] is True
    finally:
        v.close()
    code, out, err = cli("audit", "--verify")
    assert code == 1
    # two rows cut, one added by this command's own unlock
    assert f"rows were cut from its end: it had {n} rows when last anchored, it has {n - 1}" in err


def test_removed_or_forged_anchor_is_named(home, cli, no_keyring):
    _make_history(cli)
    anchor = home / "data" / "audit.anchor"
    doc = json.loads(anchor.read_text())
    anchor.write_text(json.dumps({**doc, "rows": doc["rows"] - 1}))
    code, out, err = cli("audit", "--verify")
    assert code == 1 and "does not match the vault's key" in err
    anchor.unlink()
    code, out, err = cli("audit", "--verify")
    assert code == 1 and f"its anchor {anchor} is missing" in err


def test_a_lagging_anchor_is_not_an_alarm(home, cli, no_keyring):
    _make_history(cli)
    v = _raw_vault(home, no_keyring)
    try:
        with v.transaction() as c:  # rows committed, then a crash before the anchor was written
            audit.append(c, "vault.unlocked", mode="passphrase")
            audit.append(c, "vault.unlocked", mode="passphrase")
    finally:
        v.close()
    code, out, err = cli("audit", "--verify")
    assert code == 0, err


def test_the_window_anchors_new_audit_rows_at_once_not_only_when_it_closes(qtbot, home):
    """F6 in the GUI: the window can stay open for days (and may crash); each piece of vault
    work that adds audit rows (here an import) is anchored when it ends, like a CLI command."""
    from tests.support.gui import open_unlocked
    from tests.support.gui import V, _import, _query, _ready

    w = open_unlocked(qtbot)
    anchor = home / "data" / "audit.anchor"

    def anchored_rows() -> int:
        return json.loads(anchor.read_text())["rows"]

    before = _query(w, "SELECT count(*) FROM audit_log")[0][0]
    qtbot.waitUntil(lambda: anchor.exists() and anchored_rows() == before, timeout=10000)
    wiz = w.open_import([str(V / "hubspot" / "contacts.csv")])
    _ready(qtbot, wiz)
    _import(qtbot, wiz)
    after = _query(w, "SELECT count(*) FROM audit_log")[0][0]
    assert after > before  # the import wrote its rows (import.file …)
    assert anchored_rows() == after  # and they are anchored, the window still open
    wiz.accept()


def test_a_data_folder_copied_back_after_an_export_is_named(home, cli, tmp_path):
    """F6 (pass 2): copy the whole data folder, export, put the copy back: no key needed, and
    `audit --verify` passed. The anchor beside the key in the OS keyring (the real Secret
    Service here) is not in the folder, so the copy put back is named."""
    import shutil

    _make_history(cli)
    data = home / "data"
    saved = tmp_path / "saved-data"
    shutil.copytree(data, saved)
    code, _, err = cli("export", str(tmp_path / "everything.json"))
    assert code == 0, err
    shutil.rmtree(data)
    shutil.copytree(saved, data)
    code, out, err = cli("audit", "--verify")
    assert code == 1 and "older copy of the vault was put back" in err, out + err
    # The evidence stays: later commands do not re-anchor over it.
    assert cli("contacts")[0] == 0
    code, out, err = cli("audit", "--verify")
    assert code == 1 and "older copy of the vault was put back" in err
