"""Model files: GGUF checks, trust on first use, tamper refusal, policy pins, CLI and doctor."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from app.core.llm import hardware, models
from app.core.llm.errors import ModelError, ModelNotTrustedError
from tests.llm_tiny import write_small_gguf

SMOL_SHA = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"


@pytest.fixture
def smol_copy(home, smol_model):
    d = home / "models"
    d.mkdir(parents=True, exist_ok=True)
    p = d / "SmolLM2-135M-Instruct.Q4_1.gguf"
    shutil.copyfile(smol_model, p)
    return p


def _flip_byte(path, offset):
    st = os.stat(path)
    with open(path, "r+b") as fh:
        fh.seek(offset)
        b = fh.read(1)
        fh.seek(offset)
        fh.write(bytes([b[0] ^ 0xFF]))
    return st


def test_first_use_records_hash_and_tampered_file_is_refused(ctx, smol_copy):
    mf = models.verify(smol_copy, ctx.vault.conn, ctx.policy)
    assert mf.trusted and mf.sha256 == SMOL_SHA
    assert (mf.architecture, mf.quantization) == ("llama", "Q4_1")
    assert 100_000_000 < mf.parameters < 200_000_000 and mf.context_length == 8192
    _flip_byte(smol_copy, smol_copy.stat().st_size - 1000)  # a weight byte, header intact
    with pytest.raises(ModelNotTrustedError) as err:
        models.verify(smol_copy, ctx.vault.conn, ctx.policy)
    assert str(smol_copy) in err.value.message and "changed since it was first trusted" in err.value.message
    assert "\n" not in err.value.message
    assert models.inspect(smol_copy, ctx.vault.conn, ctx.policy).trusted is False
    # The user replaced it on purpose: --trust accepts the new content.
    assert models.retrust(smol_copy, ctx.vault.conn, ctx.policy).trusted


def test_hash_not_recomputed_when_size_mtime_inode_unchanged(ctx, smol_copy):
    models.verify(smol_copy, ctx.vault.conn, ctx.policy)
    st = _flip_byte(smol_copy, smol_copy.stat().st_size - 1000)
    os.utime(smol_copy, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, mtime and inode
    assert models.verify(smol_copy, ctx.vault.conn, ctx.policy).sha256 == SMOL_SHA  # recorded hash reused
    os.utime(smol_copy, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    with pytest.raises(ModelNotTrustedError):
        models.verify(smol_copy, ctx.vault.conn, ctx.policy)


def test_policy_allowed_hashes_enforced(home, smol_copy):
    from app.cli.common import passphrase_provider
    from app.core.context import open_context

    policy_file = home.parent / "policy.toml"
    policy_file.write_text(f'allowed_model_sha256 = ["{"0" * 64}"]\n')
    c = open_context(passphrase_provider)
    try:
        with pytest.raises(ModelNotTrustedError) as err:
            models.verify(smol_copy, c.vault.conn, c.policy)
        assert "allowed_model_sha256" in err.value.message and str(policy_file) in err.value.message
    finally:
        c.close()
    policy_file.write_text(f'allowed_model_sha256 = ["{SMOL_SHA.upper()}"]\n')
    c = open_context(passphrase_provider)
    try:
        assert models.verify(smol_copy, c.vault.conn, c.policy).trusted
    finally:
        c.close()


def test_bad_files_give_one_line_errors(ctx, tmp_path, smol_model):
    not_gguf = tmp_path / "notes.gguf"
    not_gguf.write_text("Kari Nordmann, Fjord Logistikk AS\n")
    truncated = tmp_path / "cut.gguf"
    with open(smol_model, "rb") as src:
        truncated.write_bytes(src.read(20_000_000))
    mamba = write_small_gguf(tmp_path / "mamba.gguf", arch="mamba")
    cases = {
        tmp_path / "missing.gguf": "does not exist",
        not_gguf: "not a GGUF model file",
        truncated: "is truncated",
        mamba: "'mamba' model, which Confidant does not support",
        tmp_path: "is a folder",
    }
    for path, words in cases.items():
        with pytest.raises(ModelError) as err:
            models.verify(path, ctx.vault.conn, ctx.policy)
        assert words in err.value.message and "\n" not in err.value.message, err.value.message


def test_model_too_large_for_memory_refused_before_loading(tmp_path):
    avail = hardware.available_memory()
    huge = write_small_gguf(tmp_path / "huge.gguf", claimed_tensor_bytes=avail + (2 << 30))
    info = models.header(huge)
    size = huge.stat().st_size
    plan = hardware.plan(info, size, n_ctx=None, threads=None, gpu_layers=0)
    with pytest.raises(ModelError) as err:
        hardware.check_memory(info, size, plan)
    assert "huge.gguf needs about" in err.value.message and "available" in err.value.message


def test_choose_model_order(ctx, smol_copy, tmp_path, monkeypatch):
    assert models.choose_model(ctx.paths, ctx.settings, ctx.policy, ctx.vault.conn).path == smol_copy
    monkeypatch.setenv("CONFIDANT_MODEL", str(tmp_path / "absent.gguf"))
    with pytest.raises(ModelError, match="does not exist"):
        models.choose_model(ctx.paths, ctx.settings, ctx.policy, ctx.vault.conn)


def test_no_model_is_a_clear_message(ctx):
    with pytest.raises(ModelError, match="No usable model file"):
        models.choose_model(ctx.paths, ctx.settings, ctx.policy, ctx.vault.conn)


def test_cli_models_json_lists_trust_state(cli, smol_copy, home):
    (home / "models" / "broken.gguf").write_bytes(b"not a model")
    code, out, err = cli("models", "--json")
    assert code == 0, err
    rows = {os.path.basename(r["path"]): r for r in json.loads(out)}
    smol = rows["SmolLM2-135M-Instruct.Q4_1.gguf"]
    assert smol["sha256"] == SMOL_SHA and smol["trusted"] is True
    assert smol["architecture"] == "llama" and smol["quantization"] == "Q4_1" and smol["size_bytes"] == 98362432
    assert rows["broken.gguf"]["trusted"] is False and "not a GGUF" in rows["broken.gguf"]["problem"]
    _flip_byte(smol_copy, smol_copy.stat().st_size - 10)
    code, out, _ = cli("models")
    assert code == 0 and "NO" in out and "changed since it was first trusted" in out


def test_doctor_model_section_without_and_with_model(cli, home, smol_model, monkeypatch):
    code, out, err = cli("doctor", "--json")  # creates nothing model-related, loads nothing
    code, out, err = cli("models")  # make the vault exist
    code, out, err = cli("doctor", "--json")
    model = json.loads(out)["model"]
    assert model["path"] is None and "No usable model file" in model["problem"]
    monkeypatch.setenv("CONFIDANT_MODEL", str(smol_model))
    code, out, err = cli("doctor", "--json")
    model = json.loads(out)["model"]
    assert model["path"] == str(smol_model) and model["sha256"] == SMOL_SHA and model["trusted"] is True
    assert model["backend"] in ("cpu", "gpu") and model["threads"] >= 1 and 2048 <= model["n_ctx"] <= 8192
    assert set(model) >= {"path", "sha256", "trusted", "backend", "gpu_layers", "n_ctx", "threads"}
