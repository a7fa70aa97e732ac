"""Key changes: rotate the data key, change the passphrase, move between keyring and passphrase.

:func:`rotate` re-encrypts the whole vault under a new random 256-bit key, crash-safely:
the new key is stored as pending before the database changes, and replaces the old one
only after the database is proven to open with it (app.core.vault.keys explains the
steps). A kill at any step leaves a vault that opens with a stored key; the next open
finishes or undoes the rotation. Each change is audited (mode only, never key material).
Runs on the thread that owns the vault connection.
"""

from __future__ import annotations

import secrets

from app.core import logs
from app.core.errors import AppError, KeyAccessError, N_
from app.core.assistant import prompt_cache
from app.core.privacy import crashpoints
from app.core.vault import audit, keys


def rotate(ctx, passphrase: str | None = None) -> dict:
    """New data key for the open vault. ``passphrase`` (passphrase mode) wraps the new key."""
    if ctx.vault.read_only:
        raise AppError(N_("The vault is open read-only (found damaged); its key cannot be rotated now."))
    paths, info, vault = ctx.paths, ctx.key_info, ctx.vault
    if info.mode == "passphrase" and passphrase is None:
        raise KeyAccessError(N_("The passphrase is needed to rotate the key."))
    new_key = bytearray(secrets.token_bytes(keys.KEY_BYTES))
    # Start from a clean WAL: every page is in the main file under the old key.
    vault.checkpoint("TRUNCATE")
    keys.begin_rotation(paths, info, new_key, passphrase)
    crashpoints.hit("rekey.pending_saved")
    keys.apply_rekey(vault.conn, new_key)
    crashpoints.hit("rekey.database_rekeyed")
    vault.checkpoint("TRUNCATE")
    crashpoints.hit("rekey.checkpointed")
    if not keys.key_opens(paths.vault, new_key):
        raise KeyAccessError(N_("The vault did not open with the new key; the old key stays stored.⟦ Run `confidant doctor`.⟧"))
    crashpoints.hit("rekey.proven")
    keys.finish_rotation(paths, info, new_key)
    _swap_key(ctx, new_key)
    # The prompt cache was sealed under a key derived from the old one: it goes whole.
    prompt_cache.clear(ctx)
    with vault.transaction() as c:
        audit.append(c, "key.rotated", mode=info.mode)
    logs.event("privacy.rekey", mode=info.mode)
    return {"rotated": True, "mode": info.mode}


def _swap_key(ctx, new_key: bytearray) -> None:
    old = ctx._key
    for i in range(len(old)):
        old[i] = 0
    ctx._key = new_key


def change_passphrase(ctx, new_passphrase: str) -> dict:
    """Set a new passphrase (from keyring mode this also moves the key out of the keyring)."""
    before = ctx.key_info.mode
    keys.change_passphrase(ctx.paths, ctx.key_info, ctx._key, new_passphrase)
    with ctx.vault.transaction() as c:
        audit.append(c, "key.passphrase_set", mode="passphrase", previous=before)
    logs.event("privacy.passphrase_set", previous=before)
    return {"mode": "passphrase", "previous": before}


def move_to_keyring(ctx) -> dict:
    if ctx.policy.get("require_passphrase"):
        raise AppError(N_("Your IT policy requires a passphrase (require_passphrase = true); the key stays wrapped by it."))
    before = ctx.key_info.mode
    keys.move_to_keyring(ctx.paths, ctx.key_info, ctx._key)
    with ctx.vault.transaction() as c:
        audit.append(c, "key.moved_to_keyring", mode="keyring", previous=before)
    logs.event("privacy.keyring_set", previous=before)
    return {"mode": "keyring", "previous": before}
