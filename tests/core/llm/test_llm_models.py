"""Model files: GGUF checks, trust on first use, tamper refusal, policy pins, CLI and doctor."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from app.core.llm import hardware, models
from app.core.llm.errors import ModelError, ModelNotTrustedError
from tests.support.llm_tiny import write_small_gguf

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


def test_in_place_change_with_mtime_restored_is_caught(ctx, smol_copy, cli):
    """F2: change bytes, put size, mtime and inode back: the ctime still moved, so the file is
    hashed again and refused by verify, `models` and `doctor`."""
    models.verify(smol_copy, ctx.vault.conn, ctx.policy)
    st = _flip_byte(smol_copy, smol_copy.stat().st_size - 1000)
    os.utime(smol_copy, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, mtime and inode
    assert (os.stat(smol_copy).st_size, os.stat(smol_copy).st_mtime_ns, os.stat(smol_copy).st_ino) == \
        (st.st_size, st.st_mtime_ns, st.st_ino)
    with pytest.raises(ModelNotTrustedError, match="changed since it was first trusted"):
        models.verify(smol_copy, ctx.vault.conn, ctx.policy)
    ctx.close()
    code, out, err = cli("models", "--json")
    assert code == 0, err
    row = [r for r in json.loads(out) if r["path"].endswith(smol_copy.name)][0]
    assert row["trusted"] is False and "changed since it was first trusted" in row["problem"]
    code, out, err = cli("doctor", "--json")
    assert json.loads(out)["model"].get("trusted") is not True


def test_unchanged_file_is_not_hashed_again(ctx, smol_copy, monkeypatch):
    models.verify(smol_copy, ctx.vault.conn, ctx.policy)
    calls = []
    monkeypatch.setattr(models, "hash_file", lambda p: calls.append(p) or (SMOL_SHA, None))
    assert models.verify(smol_copy, ctx.vault.conn, ctx.policy).sha256 == SMOL_SHA
    assert calls == []


@pytest.mark.model
def test_a_file_swapped_or_edited_after_the_check_is_not_loaded(ctx, smol_copy, tmp_path):
    """F2: the engine loads only the file whose bytes were hashed. Replaced under the same
    name, or changed in place, between the check and the load: refused, nothing loaded."""
    from app.core.llm.engine import Engine

    checked = models.verify(smol_copy, ctx.vault.conn, ctx.policy)
    other = tmp_path / "other.gguf"
    shutil.copyfile(smol_copy, other)
    _flip_byte(other, other.stat().st_size - 1000)
    os.replace(other, smol_copy)  # a rename over the checked name: another file
    with pytest.raises(ModelError, match="changed after it was checked; it is not loaded"):
        Engine.load(checked, threads=1, n_ctx=256)
    checked = models.retrust(smol_copy, ctx.vault.conn, ctx.policy)
    _flip_byte(smol_copy, smol_copy.stat().st_size - 2000)  # the same file, written in place
    with pytest.raises(ModelError, match="changed after it was checked"):
        Engine.load(checked, threads=1, n_ctx=256)


@pytest.mark.model
@pytest.mark.skipif(not os.path.exists("/proc/self/fd"), reason="Linux: llama.cpp opens the checked file itself")
def test_llama_cpp_reads_the_checked_file_even_if_the_name_is_swapped_while_it_opens(ctx, smol_copy, tmp_path, monkeypatch):
    """F2 on Linux: between the engine's check and llama.cpp's own open, a file swapped in
    under the name is never read: llama.cpp opens the checked open file, not the name."""
    import llama_cpp

    from app.core.llm import engine

    checked = models.verify(smol_copy, ctx.vault.conn, ctx.policy)
    junk = tmp_path / "junk.gguf"
    junk.write_bytes(b"GGUF" + os.urandom(4096))  # llama.cpp cannot load this
    real = llama_cpp.Llama

    def swap_then_load(*args, **kw):
        os.replace(junk, smol_copy)  # the attacker wins the race for the name
        return real(*args, **kw)

    monkeypatch.setattr(engine.llama_cpp, "Llama", swap_then_load)
    e = engine.Engine.load(checked, threads=1, n_ctx=256)
    try:
        assert e.describe()["path"] == str(smol_copy)  # reported by its name, not /proc/self/fd/N
        assert e._llama.metadata.get("general.architecture") == "llama"  # the checked bytes
    finally:
        e.close()


def test_symlink_at_a_trusted_name_is_not_trusted(ctx, smol_copy, tmp_path):
    """F2: a symbolic link placed at a trusted name reaches other bytes: refused."""
    models.verify(smol_copy, ctx.vault.conn, ctx.policy)
    evil = tmp_path / "evil.gguf"
    shutil.copyfile(smol_copy, evil)
    _flip_byte(evil, evil.stat().st_size - 1000)
    smol_copy.unlink()
    smol_copy.symlink_to(evil)
    mf = models.inspect(smol_copy, ctx.vault.conn, ctx.policy)
    assert mf.trusted is False and "changed since it was first trusted" in mf.problem


def test_configured_path_whose_target_changed_is_refused(ctx, smol_copy, tmp_path, monkeypatch):
    """F2: CONFIDANT_MODEL names a link; re-pointing it to other bytes is refused."""
    link = tmp_path / "current.gguf"
    link.symlink_to(smol_copy)
    monkeypatch.setenv("CONFIDANT_MODEL", str(link))
    assert models.choose_model(ctx.paths, ctx.settings, ctx.policy, ctx.vault.conn).trusted
    other = tmp_path / "other.gguf"
    shutil.copyfile(smol_copy, other)
    _flip_byte(other, other.stat().st_size - 1000)
    link.unlink()
    link.symlink_to(other)
    with pytest.raises(ModelNotTrustedError, match="changed since it was first trusted"):
        models.choose_model(ctx.paths, ctx.settings, ctx.policy, ctx.vault.conn)


def test_allowlist_never_trusts_an_unnamed_file_even_if_trusted_before(home, smol_copy):
    from app.cli.common import passphrase_provider
    from app.core.context import open_context

    c = open_context(passphrase_provider)
    try:
        assert models.verify(smol_copy, c.vault.conn, c.policy).trusted  # trusted on first use
    finally:
        c.close()
    (home.parent / "policy.toml").write_text(f'allowed_model_sha256 = ["{"a" * 64}"]\n')
    c = open_context(passphrase_provider)
    try:
        mf = models.inspect(smol_copy, c.vault.conn, c.policy)
        assert mf.trusted is False and "allowed_model_sha256" in mf.problem
    finally:
        c.close()


def test_managed_model_path_beats_confidant_model_and_model_flag(home, cli, smol_copy, tmp_path, monkeypatch):
    """F4: a managed model_path wins over CONFIDANT_MODEL and `--model`, with one line saying so."""
    other = tmp_path / "other.gguf"
    shutil.copyfile(smol_copy, other)
    policy = home.parent / "policy.toml"
    policy.write_text(f'model_path = "{smol_copy}"\n')
    assert cli("models")[0] == 0  # the vault exists
    monkeypatch.setenv("CONFIDANT_MODEL", str(other))
    code, out, err = cli("doctor", "--json")
    assert code == 0, err
    assert json.loads(out)["model"]["path"] == str(smol_copy)
    assert err == (f"confidant: CONFIDANT_MODEL is ignored: your IT policy sets model_path to {smol_copy} "
                   f"({policy}).\n")
    from app.cli.common import passphrase_provider
    from app.core.context import open_context

    c = open_context(passphrase_provider)
    try:  # what `eval --model OTHER` calls
        with pytest.raises(ModelError) as exc:
            models.verify(other, c.vault.conn, c.policy)
        assert "is not the model your IT policy sets" in exc.value.message and "\n" not in exc.value.message
        assert models.choose_model(c.paths, c.settings, c.policy, c.vault.conn).path == smol_copy
    finally:
        c.close()


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
    assert model["backend"] in ("cpu", "vulkan", "metal", "cuda") and model["threads"] >= 1 and 2048 <= model["n_ctx"] <= 8192
    assert set(model) >= {"path", "sha256", "trusted", "backend", "gpu_layers", "n_ctx", "threads"}


def test_symlink_dropped_in_models_folder_is_listed_never_trusted(ctx, home, smol_model, tmp_path, cli):
    """F2 (pass 2): a link placed in the models folder is not resolved to its target and
    trusted there as a new file: it is listed with its problem, nothing is recorded, and no
    command runs it."""
    folder = home / "models"
    folder.mkdir(parents=True, exist_ok=True)
    outside = tmp_path / "elsewhere" / "evil.gguf"
    outside.parent.mkdir()
    shutil.copyfile(smol_model, outside)
    link = folder / "assistant.gguf"
    link.symlink_to(outside)
    listed = models.discover(ctx.paths, ctx.policy, env={})
    assert [m.path for m in listed] == [link]
    assert listed[0].trusted is False and "symbolic link" in listed[0].problem
    with pytest.raises(ModelError, match="symbolic link"):
        models.choose_model(ctx.paths, None, ctx.policy, ctx.vault.conn, env={})
    rows = ctx.vault.conn.execute("SELECT path FROM model_files").fetchall()
    assert rows == []
