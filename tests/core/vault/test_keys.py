"""Key management on the real Secret Service and on the passphrase path."""

import hashlib
import json

import keyring
import pytest

from app.cli.common import passphrase_provider
from app.core.context import open_context
from app.core.errors import (
    KeyMissingError,
    KeyringUnavailableError,
    PassphraseRequiredError,
    WrongPassphraseError,
)
from app.core.vault import keys
from tests.support.backends import FAIL_BACKEND, SECRET_SERVICE_BACKEND


def _files(home):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (home / "data").iterdir() if p.is_file()}


@pytest.mark.secret_service
def test_key_round_trips_through_the_secret_service(home):
    ctx = open_context(passphrase_provider)
    info = ctx.key_info
    ctx.close()
    assert info.mode == "keyring"
    assert info.backend == SECRET_SERVICE_BACKEND
    stored = keyring.get_keyring().get_password(keys.SERVICE, info.keyring_user)
    assert stored is not None and len(bytes.fromhex(stored)) == 32
    # The key file beside the database never holds the key itself.
    assert stored not in (home / "data" / "vault.key").read_text()
    again = open_context(passphrase_provider)
    assert again.created is False
    again.close()


@pytest.mark.secret_service
def test_missing_keyring_entry_stops_without_touching_the_vault(home):
    ctx = open_context(passphrase_provider)
    info = ctx.key_info
    ctx.close()
    before = _files(home)
    keys.delete_from_keyring(info)
    with pytest.raises(KeyMissingError) as e:
        open_context(passphrase_provider)
    assert "missing from the OS keyring" in str(e.value)
    assert _files(home) == before
    # And no new key was made behind our back.
    assert json.loads((home / "data" / "vault.key").read_text())["key_check"] == info.key_check


@pytest.mark.secret_service
def test_backend_drift_stops_the_app_without_touching_the_vault(home, monkeypatch):
    open_context(passphrase_provider).close()
    before = _files(home)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", FAIL_BACKEND)
    with pytest.raises(KeyringUnavailableError) as e:
        open_context(passphrase_provider)
    assert "SecretService" in str(e.value) and "Nothing was changed" in str(e.value)
    assert _files(home) == before


def test_no_secure_keyring_uses_a_passphrase(no_keyring, home):
    ctx = open_context(passphrase_provider)
    assert ctx.key_info.mode == "passphrase"
    wrapped = ctx.key_info.wrapped
    assert wrapped["kdf"] == "argon2id" and wrapped["memory_cost_kib"] >= 64 * 1024
    ctx.close()
    text = (home / "data" / "vault.key").read_text()
    assert no_keyring not in text


def test_wrong_passphrase_is_refused_and_nothing_changes(no_keyring, home, monkeypatch):
    open_context(passphrase_provider).close()
    before = _files(home)
    monkeypatch.setenv("CONFIDANT_PASSPHRASE", "not the passphrase")
    with pytest.raises(WrongPassphraseError):
        open_context(passphrase_provider)
    assert _files(home) == before


def test_deleted_key_file_never_leads_to_a_new_key(no_keyring, home):
    open_context(passphrase_provider).close()
    (home / "data" / "vault.key").unlink()
    before = _files(home)
    with pytest.raises(KeyMissingError) as e:
        open_context(passphrase_provider)
    assert "key file" in str(e.value)
    assert _files(home) == before
    assert not (home / "data" / "vault.key").exists()


def test_no_terminal_and_no_passphrase_is_a_clear_error(home, monkeypatch, cli):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", FAIL_BACKEND)
    code, out, err = cli("doctor")
    # doctor with no vault just reports it; a command that needs the vault says why it can't.
    assert code == 0
    with pytest.raises(PassphraseRequiredError):
        open_context(passphrase_provider)
    assert not (home / "data" / "vault.db").exists()


def test_policy_can_require_a_passphrase_even_with_a_keyring(home, tmp_path, monkeypatch):
    policy = tmp_path / "policy.toml"
    policy.write_text("require_passphrase = true\n")
    monkeypatch.setenv("CONFIDANT_POLICY", str(policy))
    monkeypatch.setenv("CONFIDANT_PASSPHRASE", "a long enough passphrase")
    ctx = open_context(passphrase_provider)
    assert ctx.key_info.mode == "passphrase"
    ctx.close()


def test_short_passphrase_is_refused(no_keyring, monkeypatch, home):
    monkeypatch.setenv("CONFIDANT_PASSPHRASE", "short")
    with pytest.raises(PassphraseRequiredError):
        open_context(passphrase_provider)
    assert not (home / "data" / "vault.db").exists()
