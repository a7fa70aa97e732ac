"""`confidant doctor`: the report IT and support rely on, and what it says when things break."""

import hashlib
import json
import os

import pytest

from app.cli.common import passphrase_provider
from app.core.context import open_context
from app.core.errors import VaultDamagedError


def _fill(ctx, n=400):
    now = "2026-11-01T10:00:00+00:00"
    with ctx.vault.transaction() as c:
        for i in range(n):
            c.execute(
                "INSERT INTO notes(body, source, content_key, created_at) VALUES (?, 'test', ?, ?)",
                (f"Oppfølging {i}: Fjordlys AS vurderer lagermodulen " * 5, f"k{i}", now),
            )
    ctx.vault.checkpoint()


def test_doctor_json_reports_the_contract_keys(cli, ctx):
    ctx.close()
    code, out, err = cli("doctor", "--json")
    assert code == 0, err
    r = json.loads(out)
    assert r["version"]
    assert r["home"].endswith("home")
    v = r["vault"]
    for k in ("path", "encrypted", "cipher_version", "integrity_ok", "journal_mode", "temp_store"):
        assert k in v
    assert v["encrypted"] is True and v["integrity_ok"] is True
    assert v["journal_mode"] == "wal" and v["temp_store"] == "memory"
    assert r["keyring"]["mode"] == "keyring" and "SecretService" in r["keyring"]["backend"]
    assert r["network_guard"]["active"] is True
    for k in ("app", "python", "sqlcipher", "sqlite", "llama_cpp_python"):
        assert r["versions"][k], k


def test_doctor_human_output_is_readable(cli, ctx):
    ctx.close()
    code, out, _ = cli("doctor")
    assert code == 0
    assert "encrypted:    yes" in out and "integrity:    ok" in out and "Network guard:  active" in out


def test_doctor_says_where_answers_come_from_and_the_model_in_words(cli, ctx, smol_model, monkeypatch):
    """IT reads `confidant doctor` without --json: sections in words, never a Python dict."""
    ctx.close()
    code, out, _ = cli("doctor")
    assert code == 0 and "Inference:      on this computer" in out
    assert "Model:          none (" in out
    monkeypatch.setenv("CONFIDANT_MODEL", str(smol_model))
    code, out, _ = cli("doctor")
    assert code == 0, out
    assert f"Model:          {smol_model} (SHA-256 b179c9523d0e…, trusted)" in out
    assert "  runs on:      the CPU, " in out and " threads" in out and "  context:      " in out
    assert "{" not in out and "None" not in out


def test_damaged_vault_is_named_made_read_only_and_kept(cli, ctx, home):
    _fill(ctx)
    path = ctx.paths.vault
    ctx.close()
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 12 * page
    for off in range(10 * page + 200, 10 * page + 216):
        data[off] ^= 0xFF
    path.write_bytes(bytes(data))
    damaged = hashlib.sha256(path.read_bytes()).hexdigest()

    code, out, err = cli("doctor", "--json")
    assert code == 1, err
    r = json.loads(out)
    assert r["vault"]["integrity_ok"] is False
    assert r["vault"]["problems"], "doctor must name the problem"
    assert any("10" in p or "11" in p for p in r["vault"]["problems"])

    # The app now refuses to write, and says what to do.
    c = open_context(passphrase_provider)
    try:
        assert c.vault.read_only
        with pytest.raises(VaultDamagedError) as e:
            with c.vault.transaction():
                pass
        assert "confidant export" in str(e.value)
        # What is readable can still be read.
        assert c.vault.execute("SELECT count(*) FROM accounts").fetchone()[0] == 0
    finally:
        c.close()
    # Nothing was deleted or recreated.
    assert path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() == damaged

    # What is readable can be saved: here the damage hit an index page, and every note is exported.
    out_file = home.parent / "rescued.json"
    code, _, err = cli("export", str(out_file))
    assert code == 0, err
    rescued = json.loads(out_file.read_text())
    assert len(rescued["notes"]) == 400
    assert hashlib.sha256(path.read_bytes()).hexdigest() == damaged


def test_unwritable_data_folder_is_a_clear_one_line_error(cli, home, tmp_path, monkeypatch):
    if os.geteuid() == 0:
        # root ignores permissions; a read-only bind is what stops root. Use a file where
        # the folder should be instead: just as unwritable, and true for every user.
        home.parent.mkdir(parents=True, exist_ok=True)
        home.write_text("not a folder")
    else:
        home.mkdir()
        os.chmod(home, 0o500)
    code, out, err = cli("doctor")
    assert code == 1
    lines = [l for l in err.splitlines() if l.strip()]
    assert len(lines) == 1 and str(home) in lines[0], err
    assert "Traceback" not in err


def test_doctor_records_a_model_seen_for_the_first_time(cli, ctx, smol_model, monkeypatch):
    from app.core.vault import model_files

    ctx.close()
    monkeypatch.setenv("CONFIDANT_MODEL", str(smol_model))
    code, out, err = cli("doctor", "--json")
    assert code == 0, err
    r = json.loads(out)
    assert r["model"]["trusted"] is True and len(r["model"]["sha256"]) == 64
    c = open_context(passphrase_provider)
    try:
        rows = c.vault.execute("SELECT sha256 FROM model_files").fetchall()
    finally:
        c.close()
    assert rows == [(r["model"]["sha256"],)]
