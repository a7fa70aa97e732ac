"""F5: a data folder prepared by someone else is refused, and planted symbolic links never
redirect a write (the key file's temp file, the log) outside the folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

NOBODY = 65534


def _plant(home: Path, outside: Path) -> dict[str, Path]:
    (home / "data").mkdir(parents=True)
    (home / "logs").mkdir()
    targets = {}
    for rel in ("data/.vault.key.tmp", "logs/confidant.log"):
        t = outside / rel.replace("/", "_")
        t.write_text("ORIGINAL\n")
        os.chmod(t, 0o644)
        (home / rel).symlink_to(t)
        targets[rel] = t
    return targets


def test_folder_owned_by_another_user_and_world_writable_is_refused(tmp_path, home, cli, monkeypatch):
    attacker_home = tmp_path / "shared"
    outside = tmp_path / "outside"
    outside.mkdir()
    targets = _plant(attacker_home, outside)
    for p in [attacker_home, attacker_home / "data", attacker_home / "logs"]:
        os.chmod(p, 0o777)
        os.chown(p, NOBODY, NOBODY)
    monkeypatch.setenv("CONFIDANT_HOME", str(attacker_home))
    monkeypatch.setenv("CONFIDANT_PASSPHRASE", "correct horse battery staple")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    code, out, err = cli("models")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"The data folder {attacker_home} belongs to another user (uid {NOBODY})" in err
    for t in targets.values():
        assert t.read_text() == "ORIGINAL\n" and (t.stat().st_mode & 0o777) == 0o644
    assert not (attacker_home / "data" / "vault.key").exists()


def test_planted_log_symlink_in_own_folder_is_never_written_through(tmp_path, home, cli, monkeypatch):
    outside = tmp_path / "outside"
    outside.mkdir()
    targets = _plant(home, outside)
    code, out, err = cli("doctor")
    assert code == 1, err
    assert err.strip() == (f"confidant: The log file {home / 'logs' / 'confidant.log'} is a symbolic link; "
                           "Confidant will not write through it. Remove it.")
    assert targets["logs/confidant.log"].read_text() == "ORIGINAL\n"


def test_planted_key_temp_symlink_is_not_followed(tmp_path, home, cli, monkeypatch):
    outside = tmp_path / "outside"
    outside.mkdir()
    targets = _plant(home, outside)
    (home / "logs" / "confidant.log").unlink()  # only the key-file trap stays
    monkeypatch.setenv("CONFIDANT_PASSPHRASE", "correct horse battery staple")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    code, out, err = cli("models")  # creates the vault and writes vault.key
    assert code == 0, err
    assert targets["data/.vault.key.tmp"].read_text() == "ORIGINAL\n"
    assert (targets["data/.vault.key.tmp"].stat().st_mode & 0o777) == 0o644
    kf = home / "data" / "vault.key"
    assert kf.is_file() and not kf.is_symlink() and (kf.stat().st_mode & 0o777) == 0o600
    assert '"wrapped"' in kf.read_text()


def test_write_private_uses_random_exclusive_temp_names(tmp_path, monkeypatch):
    from app.core import paths

    seen = []
    real_open = os.open

    def spy(path, flags, *a):
        seen.append((str(path), flags))
        return real_open(path, flags, *a)

    monkeypatch.setattr(paths.os, "open", spy)
    paths.write_private(tmp_path / "f", b"x")
    paths.write_private(tmp_path / "f", b"y")
    tmp_names = [p for p, f in seen if p.endswith(".tmp")]
    assert len(set(tmp_names)) == 2  # a fresh random name each time
    for p, f in seen:
        if p.endswith(".tmp"):
            assert f & os.O_EXCL and f & os.O_NOFOLLOW
    assert (tmp_path / "f").read_bytes() == b"y"


def test_own_group_writable_home_is_tightened_not_refused(tmp_path, home, cli, monkeypatch):
    mine = tmp_path / "mine"
    mine.mkdir()
    os.chmod(mine, 0o777)
    monkeypatch.setenv("CONFIDANT_HOME", str(mine))
    code, out, err = cli("doctor", "--json")
    assert code == 0, err
    assert (mine.stat().st_mode & 0o777) == 0o755


@pytest.fixture(autouse=True)
def _reset_log_handler():
    """The log handler is per-process; point it back at nothing after each test here."""
    yield
    from app.core import logs

    for h in list(logs.logger().handlers):
        logs.logger().removeHandler(h)
        h.close()
    logs._configured = None
