"""The vault's data key: made once, kept in the OS keyring or wrapped by a passphrase.

Guarantees:

- The data key is 32 random bytes, used as a raw SQLCipher key. It is never written in
  the clear, never logged, and never regenerated when a vault already exists.
- Keyring mode: the key (hex) lives in the OS keyring under service ``Confidant``, user
  ``vault-<vault id>``. Only backends that really protect secrets count: the ``fail`` and
  ``null`` backends and every ``keyrings.alt`` backend (plaintext or weakly obscured
  files) do not.
- Passphrase mode: the key is wrapped with AES-256-GCM under a key derived from the
  passphrase by Argon2id (64 MiB, 3 passes), stored in ``vault.key`` beside the database.
- ``vault.key`` (JSON, 0600) always exists once a vault does. It records the mode, the
  keyring backend used, and a check value (SHA-256 of a label and the key, so it reveals
  nothing) that tells a wrong key from a damaged database.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Callable, Optional

from app.core.errors import (
    N_,
    KeyAccessError,
    KeyMissingError,
    KeyringUnavailableError,
    PassphraseRequiredError,
    WrongPassphraseError,
)
from app.core.paths import Paths, write_private

SERVICE = "Confidant"
KEY_BYTES = 32
KEYFILE_FORMAT = 1
MIN_PASSPHRASE = 8
ARGON2 = {"time_cost": 3, "memory_cost_kib": 64 * 1024, "parallelism": 2}

# Called with confirm=True when a new passphrase is being chosen. Returns None when the
# user cancels. May raise PassphraseRequiredError when nobody can be asked (no terminal).
PassphraseProvider = Callable[..., Optional[str]]


@dataclass
class KeyInfo:
    mode: str  # "keyring" or "passphrase"
    backend: str  # keyring backend the key was stored with (or checked against)
    vault_id: str
    key_check: str
    created: str
    wrapped: dict | None = None
    format: int = KEYFILE_FORMAT
    extra: dict = field(default_factory=dict)

    @property
    def keyring_user(self) -> str:
        return f"vault-{self.vault_id}"


# ---- keyring backends -------------------------------------------------------------------

def current_backend():
    """The keyring backend in force now (honours PYTHON_KEYRING_BACKEND each call)."""
    import keyring
    import keyring.core

    env_backend = keyring.core.load_env()
    return env_backend if env_backend is not None else keyring.get_keyring()


def backend_name(backend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def is_secure(backend) -> bool:
    """True when the backend keeps secrets in an OS-protected store."""
    subs = getattr(backend, "backends", None)
    if subs is not None:  # ChainerBackend: secure only if it has members and all are
        return bool(subs) and all(is_secure(b) for b in subs)
    name = backend_name(backend)
    if name.startswith("keyrings.alt") or name.startswith("keyring.backends.fail") or name.startswith(
        "keyring.backends.null"
    ):
        return False
    try:
        return float(getattr(backend, "priority", 0)) > 0
    except Exception:  # a backend whose priority probe fails is not usable
        return False


# ---- key file ---------------------------------------------------------------------------

def key_check(key: bytes | bytearray) -> str:
    return hashlib.sha256(b"confidant-key-check-v1\x00" + bytes(key)).hexdigest()[:32]


def read_keyfile(paths: Paths) -> KeyInfo | None:
    p = paths.keyfile
    if not p.exists():
        return None
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
        if raw.get("format") != KEYFILE_FORMAT:
            raise KeyAccessError(N_("Key file {path} has an unknown format; this version of Confidant cannot use it."), path=p)
        known = {f for f in KeyInfo.__dataclass_fields__}
        return KeyInfo(**{k: v for k, v in raw.items() if k in known})
    except (ValueError, TypeError):
        raise KeyAccessError(N_("Key file {path} is damaged; restore it from a backup. The vault was not touched."),
                             path=p) from None


def write_keyfile(paths: Paths, info: KeyInfo) -> None:
    write_private(paths.keyfile, json.dumps(asdict(info), indent=2).encode("utf-8"))


# ---- passphrase wrapping ----------------------------------------------------------------

def _kek(passphrase: str, salt: bytes, params: dict) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        secret=passphrase.encode("utf-8"),
        salt=salt,
        time_cost=params["time_cost"],
        memory_cost=params["memory_cost_kib"],
        parallelism=params["parallelism"],
        hash_len=32,
        type=Type.ID,
    )


def wrap(key: bytes | bytearray, passphrase: str, vault_id: str) -> dict:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    kek = _kek(passphrase, salt, ARGON2)
    ct = AESGCM(kek).encrypt(nonce, bytes(key), vault_id.encode())
    b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return {"kdf": "argon2id", **ARGON2, "salt": b64(salt), "cipher": "aes-256-gcm", "nonce": b64(nonce), "ciphertext": b64(ct)}


def unwrap(wrapped: dict, passphrase: str, vault_id: str) -> bytearray:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if wrapped.get("kdf") != "argon2id" or wrapped.get("cipher") != "aes-256-gcm":
        raise KeyAccessError(N_("The key file uses an unknown key-wrapping scheme."))
    salt = base64.b64decode(wrapped["salt"])
    kek = _kek(passphrase, salt, wrapped)
    try:
        return bytearray(AESGCM(kek).decrypt(base64.b64decode(wrapped["nonce"]), base64.b64decode(wrapped["ciphertext"]), vault_id.encode()))
    except InvalidTag:
        raise WrongPassphraseError(N_("Wrong passphrase. The vault was not touched.")) from None


# ---- create and unlock ------------------------------------------------------------------

def _ask_new_passphrase(provider: PassphraseProvider) -> str:
    passphrase = provider(confirm=True, reason="Choose a passphrase for the Confidant vault")
    if passphrase is None:
        raise PassphraseRequiredError(N_("No passphrase was given; the vault was not created."))
    if len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseRequiredError(N_("The passphrase must be at least {min_passphrase} characters."),
                                      min_passphrase=MIN_PASSPHRASE)
    return passphrase


def create(paths: Paths, provider: PassphraseProvider, *, require_passphrase: bool = False) -> tuple[bytearray, KeyInfo]:
    """Make a new data key and store it. Refuses when a vault file already exists."""
    if paths.vault.exists():
        raise KeyMissingError(
            N_("The vault {vault} exists but its key file {file} is missing. "
            "Restore the key file from a backup; no new key was made and the vault was not touched."),
            vault=paths.vault, file=paths.keyfile.name
        )
    key = bytearray(secrets.token_bytes(KEY_BYTES))
    vault_id = secrets.token_hex(16)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    backend = current_backend()
    name = backend_name(backend)
    if not require_passphrase and is_secure(backend):
        info = KeyInfo(mode="keyring", backend=name, vault_id=vault_id, key_check=key_check(key), created=now)
        try:
            backend.set_password(SERVICE, info.keyring_user, key.hex())
            stored = backend.get_password(SERVICE, info.keyring_user)
            if stored is None or not hmac.compare_digest(stored, key.hex()):
                raise KeyringUnavailableError(N_("The keyring did not keep the key."))
            write_keyfile(paths, info)
            return key, info
        except Exception as exc:  # a locked collection the user dismissed, a broken D-Bus
            _forget_quietly(backend, info.keyring_user)
            if isinstance(exc, KeyAccessError) and not isinstance(exc, KeyringUnavailableError):
                raise
            # Fall through to the passphrase: the keyring is not usable right now.
    passphrase = _ask_new_passphrase(provider)
    info = KeyInfo(mode="passphrase", backend=name, vault_id=vault_id, key_check=key_check(key), created=now)
    info.wrapped = wrap(key, passphrase, vault_id)
    write_keyfile(paths, info)
    return key, info


def _forget_quietly(backend, user: str) -> None:
    try:
        backend.delete_password(SERVICE, user)
    except Exception:
        pass


def unlock(paths: Paths, info: KeyInfo, provider: PassphraseProvider) -> bytearray:
    """Return the data key. Raises a KeyAccessError with a clear message otherwise.

    When a key rotation was interrupted (``info.extra["pending"]`` is set), the database is
    tried with the stored keys and the one that opens it is kept (see :func:`settle_rotation`).
    """
    pending = (info.extra or {}).get("pending")
    if info.mode == "passphrase":
        passphrase = provider(confirm=False, reason="Passphrase for the Confidant vault")
        if passphrase is None:
            raise PassphraseRequiredError(N_("The vault is locked: a passphrase is needed."))
        key = unwrap(info.wrapped or {}, passphrase, info.vault_id)
        if pending:
            return settle_rotation(paths, info, [key, unwrap(pending["wrapped"], passphrase, info.vault_id)])
    elif info.mode == "keyring":
        if pending:
            found = [k for k in (_from_keyring(info, missing_ok=True), _from_keyring(info, pending["keyring_user"], True)) if k]
            return settle_rotation(paths, info, found)
        key = _from_keyring(info)
    else:
        raise KeyAccessError(N_("Key file {keyfile} names an unknown key mode '{mode}'."),
                             keyfile=paths.keyfile, mode=info.mode)
    if not hmac.compare_digest(key_check(key), info.key_check):
        raise KeyAccessError(N_("The data key found does not belong to this vault. The vault was not touched."))
    drop_stale_copy(paths, info)
    return key


# ---- rotation (crash-safe) --------------------------------------------------------------
#
# 1. begin_rotation: the new key is stored as "pending" beside the old one (keyring entry
#    vault-<id>-next, or wrapped in the key file), then the key file records it.
# 2. the caller runs PRAGMA rekey (apply_rekey) and checkpoints.
# 3. finish_rotation, only once the database is proven to open with the new key: the new
#    key replaces the old one in its store, then the key file, then the pending copy goes.
# At every point in between both keys are stored, and unlock() keeps the one that opens
# the database.

def pending_user(info: KeyInfo) -> str:
    return f"{info.keyring_user}-next"


def key_opens(db_path, key: bytes | bytearray) -> bool:
    """True when ``key`` decrypts the database (a read of the schema; nothing is written)."""
    import sqlcipher3

    from app.core.vault.db import _key_pragma

    conn = sqlcipher3.connect(str(db_path), isolation_level=None)
    try:
        conn.execute(_key_pragma(key))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()


def settle_rotation(paths: Paths, info: KeyInfo, candidates: list) -> bytearray:
    """Finish or undo an interrupted rotation: keep the stored key that opens the database."""
    pending = info.extra["pending"]
    known = {info.key_check, pending["key_check"]}
    for key in candidates:
        if key_check(key) not in known or not key_opens(paths.vault, key):
            continue
        if hmac.compare_digest(key_check(key), pending["key_check"]):
            finish_rotation(paths, info, key)
        else:
            abandon_rotation(paths, info)
        return bytearray(key)
    raise KeyAccessError(
        N_("A key rotation was interrupted and none of the stored keys opens the vault. Nothing was changed; "
        "restore the vault and its key file from a backup.")
    )


def begin_rotation(paths: Paths, info: KeyInfo, new_key: bytes | bytearray, passphrase: str | None = None) -> None:
    pending = {"key_check": key_check(new_key)}
    if info.mode == "keyring":
        backend = current_backend()
        user = pending_user(info)
        backend.set_password(SERVICE, user, bytes(new_key).hex())
        stored = backend.get_password(SERVICE, user)
        if stored is None or not hmac.compare_digest(stored, bytes(new_key).hex()):
            raise KeyringUnavailableError(N_("The keyring did not keep the new key; the old key stays in use."))
        pending["keyring_user"] = user
    else:
        if passphrase is None:
            raise PassphraseRequiredError(N_("The passphrase is needed to store the new key."))
        pending["wrapped"] = wrap(new_key, passphrase, info.vault_id)
    info.extra = {**(info.extra or {}), "pending": pending}
    write_keyfile(paths, info)


def finish_rotation(paths: Paths, info: KeyInfo, new_key: bytes | bytearray) -> None:
    from app.core.privacy import crashpoints

    pending = info.extra["pending"]
    if info.mode == "keyring":
        current_backend().set_password(SERVICE, info.keyring_user, bytes(new_key).hex())
        crashpoints.hit("rekey.keyring_promoted")
    else:
        info.wrapped = pending["wrapped"]
    info.key_check = key_check(new_key)
    info.extra = {k: v for k, v in info.extra.items() if k != "pending"}
    if info.mode == "keyring":  # the copy under -next goes next; remembered in case of a crash
        info.extra["drop_next"] = True
    write_keyfile(paths, info)
    crashpoints.hit("rekey.keyfile_promoted")
    drop_stale_copy(paths, info)


def drop_stale_copy(paths: Paths, info: KeyInfo) -> None:
    """Remove the keyring's -next copy left by a finished rotation (also done at unlock)."""
    if not (info.extra or {}).get("drop_next"):
        return
    _forget_quietly(current_backend(), pending_user(info))
    info.extra = {k: v for k, v in info.extra.items() if k != "drop_next"}
    write_keyfile(paths, info)


def abandon_rotation(paths: Paths, info: KeyInfo) -> None:
    pending = info.extra.pop("pending", None) or {}
    write_keyfile(paths, info)
    if pending.get("keyring_user"):
        _forget_quietly(current_backend(), pending["keyring_user"])


def apply_rekey(conn, new_key: bytes | bytearray) -> None:
    """Re-encrypt every page with ``new_key`` in one transaction (SQLCipher PRAGMA rekey)."""
    from app.core.vault.db import _key_pragma

    conn.execute(_key_pragma(new_key).replace("PRAGMA key", "PRAGMA rekey", 1)).fetchall()


# ---- passphrase and mode changes (each one atomic key-file write) --------------------------

def change_passphrase(paths: Paths, info: KeyInfo, key: bytes | bytearray, new_passphrase: str) -> None:
    if len(new_passphrase) < MIN_PASSPHRASE:
        raise PassphraseRequiredError(N_("The passphrase must be at least {min_passphrase} characters."),
                                      min_passphrase=MIN_PASSPHRASE)
    was_keyring = info.mode == "keyring"
    info.wrapped = wrap(key, new_passphrase, info.vault_id)
    info.mode = "passphrase"
    write_keyfile(paths, info)
    if was_keyring:  # only after the key file no longer points at the keyring
        delete_from_keyring(info)


def move_to_keyring(paths: Paths, info: KeyInfo, key: bytes | bytearray) -> None:
    backend = current_backend()
    name = backend_name(backend)
    if not is_secure(backend):
        raise KeyringUnavailableError(N_("No secure OS keyring is available (backend {name}); the passphrase stays in use."),
                                      name=name)
    backend.set_password(SERVICE, info.keyring_user, bytes(key).hex())
    stored = backend.get_password(SERVICE, info.keyring_user)
    if stored is None or not hmac.compare_digest(stored, bytes(key).hex()):
        raise KeyringUnavailableError(N_("The keyring did not keep the key; the passphrase stays in use."))
    info.mode, info.backend, info.wrapped = "keyring", name, None
    write_keyfile(paths, info)


def _from_keyring(info: KeyInfo, user: str | None = None, missing_ok: bool = False) -> bytearray | None:
    import keyring.errors

    backend = current_backend()
    name = backend_name(backend)
    if name != info.backend:
        raise KeyringUnavailableError(
            N_("The vault's key is kept in the keyring backend {backend}, but the backend now is {name}. "
            "Start Confidant in the desktop session that holds that keyring. Nothing was changed."),
            backend=info.backend, name=name
        )
    try:
        stored = backend.get_password(SERVICE, user or info.keyring_user)
    except keyring.errors.KeyringLocked:
        raise KeyringUnavailableError(N_("The OS keyring is locked. Unlock it and try again. Nothing was changed.")) from None
    except Exception:
        raise KeyringUnavailableError(N_("The OS keyring ({name}) could not be read. Nothing was changed."),
                                      name=name) from None
    if stored is None and missing_ok:
        return None
    if stored is None:
        raise KeyMissingError(
            N_("The vault's data key is missing from the OS keyring. Restore the keyring or the key, "
            "or the vault cannot be opened. No new key was made and the vault was not touched.")
        )
    try:
        return bytearray(bytes.fromhex(stored))
    except ValueError:
        raise KeyAccessError(N_("The key stored in the OS keyring is damaged. Nothing was changed.")) from None


def _anchor_user(info: KeyInfo) -> str:
    return f"{info.keyring_user}-audit"


def read_audit_anchor(info: KeyInfo) -> str | None:
    """The audit log's anchor kept beside the key in the keyring (None when none is)."""
    import keyring.errors

    try:
        return current_backend().get_password(SERVICE, _anchor_user(info))
    except keyring.errors.KeyringLocked:
        raise KeyringUnavailableError(N_("The OS keyring is locked.")) from None
    except Exception:
        raise KeyringUnavailableError(N_("The OS keyring could not be read.")) from None


def write_audit_anchor(info: KeyInfo, text: str) -> None:
    try:
        current_backend().set_password(SERVICE, _anchor_user(info), text)
    except Exception:
        raise KeyringUnavailableError(N_("The OS keyring could not be written.")) from None


def delete_from_keyring(info: KeyInfo) -> None:
    """Remove this vault's key from the keyring (used by key rotation and tests)."""
    _forget_quietly(current_backend(), info.keyring_user)


def env_passphrase_provider(env: dict | None = None) -> PassphraseProvider:
    """A provider for scripts: ``CONFIDANT_PASSPHRASE`` (less safe than the keyring: it sits
    in the process environment, readable by the same user)."""
    env = os.environ if env is None else env

    def provide(*, confirm: bool, reason: str) -> str | None:
        value = env.get("CONFIDANT_PASSPHRASE")
        if value is None:
            raise PassphraseRequiredError(
                N_("The vault needs a passphrase: run in a terminal⟦, or set CONFIDANT_PASSPHRASE for scripts⟧.")
            )
        return value

    return provide
