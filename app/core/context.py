"""Open everything a command needs: folders, policy, logging, key, vault, settings.

:func:`open_context` is the one door to the vault for the CLI and the GUI. It never
creates a key over an existing database, never writes before the key is proved, and
opens a vault found damaged read-only (see :mod:`app.core.vault.db`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from app.core import logs
from app.core.errors import AppError, N_, VaultDamagedError, WrongKeyError
from app.core.llm.sink import AuditSink
from app.core.paths import Paths, resolve
from app.core.policy import Policy, load_policy
from app.core.settings import Settings
from app.core.vault import audit, keys
from app.core.vault.db import DatabaseError, Vault, is_damage_error


@dataclass
class Context:
    paths: Paths
    policy: Policy
    vault: Vault
    key_info: keys.KeyInfo
    settings: Settings
    created: bool = False
    _key: bytearray = field(default_factory=bytearray, repr=False)
    _anchored: int | None = field(default=None, repr=False)  # the last audit row anchored outside the vault
    # Audit records made on other threads (the company server's requests), written on this
    # context's thread, the vault's: see app.core.llm.sink.
    audit_sink: AuditSink = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.audit_sink = AuditSink(lambda: self.vault)

    def anchor_new_audit_rows(self) -> None:
        """Anchor the audit log now if rows were added since it was last anchored here. A
        long-running caller (the window) calls it after each piece of vault work, so a cut
        made to the log later, even after a crash, is found by ``audit --verify``."""
        if self.vault is None or self.vault.conn is None or self.vault.read_only:
            return
        self.audit_sink.flush()
        try:
            last = audit.last_row_id(self.vault.conn)
        except DatabaseError:
            return  # a damaged vault: the anchor lags, which verify tolerates
        if last is not None and last != self._anchored:
            anchor_audit(self.vault, self.paths, self.key_info)
            self._anchored = last

    def reopen(self, *, read_only: bool = False) -> None:
        """Open the vault again with the key already held (no keyring or KDF round trip);
        doctor uses it to become writable once the integrity check has passed."""
        self.vault.close()
        self.vault = Vault.open(self.paths.vault, self._key, read_only=read_only)
        self.settings = Settings(self.vault.conn, self.policy)

    def close(self) -> None:
        """Anchor the audit log, close the vault and wipe the key bytes we hold (best effort)."""
        if self.vault is not None:
            self.audit_sink.flush()
            anchor_audit(self.vault, self.paths, self.key_info)
            self.vault.close()
        for i in range(len(self._key)):
            self._key[i] = 0
        self._key = bytearray()


def prepare(env: dict | None = None) -> tuple[Paths, Policy]:
    """Folders (made and tightened), policy and logging; no key needed.

    Also sets the process umask to 077: every file this process creates from here on (the
    database, its -wal and -shm, exports, logs) is private to the user from the first byte.
    """
    os.umask(0o077)
    policy = load_policy(env)  # first: an unreadable IT policy stops everything (exit 78)
    paths = resolve(env).ensure()
    logs.configure(paths.logs)
    return paths, policy


def open_context(
    passphrase_provider: keys.PassphraseProvider,
    *,
    env: dict | None = None,
    create: bool = True,
    read_only: bool = False,
) -> Context:
    """Unlock and open the vault. ``read_only`` opens it for inspection (doctor): nothing,
    not even the audit row of the unlock, is written."""
    paths, policy = prepare(env)
    info = keys.read_keyfile(paths)
    created = False
    if info is None:
        if not create or paths.vault.exists():
            # keys.create refuses and explains when the database exists without its key.
            if paths.vault.exists():
                keys.create(paths, passphrase_provider)
            raise keys.KeyMissingError(N_("There is no vault in {data} yet."), data=paths.data)
        key, info = keys.create(paths, passphrase_provider, require_passphrase=bool(policy.get("require_passphrase")))
        created = True
    else:
        key = keys.unlock(paths, info, passphrase_provider)
    damaged = paths.damaged_marker.exists()
    try:
        vault = Vault.open(paths.vault, key, read_only=damaged or read_only)
    except WrongKeyError:
        # The key passed its check value, so the file itself is damaged.
        raise VaultDamagedError(
            N_("The vault {vault} is damaged: its first page cannot be decrypted with the right key. "
            "Nothing was changed; restore it from a backup."), vault=paths.vault
        ) from None
    if not vault.read_only:
        try:
            with vault.transaction() as conn:
                audit.append(conn, "vault.created" if created else "vault.unlocked", mode=info.mode)
        except DatabaseError as exc:
            if not is_damage_error(exc):
                raise
            # Found damaged on the first write: remember it and carry on read-only.
            vault.close()
            mark_damaged(paths)
            vault = Vault.open(paths.vault, key, read_only=True)
    anchor_audit(vault, paths, info)
    try:
        settings = Settings(vault.conn, policy)
    except DatabaseError as exc:
        if not is_damage_error(exc):
            raise
        mark_damaged(paths)
        vault.make_read_only()
        settings = Settings(None, policy)
    ctx = Context(paths=paths, policy=policy, vault=vault, key_info=info, settings=settings, created=created, _key=key)
    logs.event("vault.open", created=created, mode=info.mode, read_only=vault.read_only, ms=round(vault.opened_in_s * 1000, 1))
    return ctx


def anchor_audit(vault: Vault, paths: Paths, key_info: keys.KeyInfo | None = None) -> None:
    """Write the audit log's anchor (row count, head hash) next to the key file and, in
    keyring mode, beside the key in the keyring; see audit."""
    if vault.read_only or vault.conn is None:
        return
    try:
        if vault.conn.in_transaction:
            return  # only committed rows are anchored; the next close does it
        audit.write_anchor(vault.conn, paths.data, key_info)
    except (DatabaseError, AppError):
        pass  # a damaged vault or a full disk: the anchor lags, which verify tolerates


def mark_damaged(paths: Paths) -> None:
    """Remember that integrity failed, so later opens are read-only until doctor passes."""
    from app.core.paths import write_private

    write_private(paths.damaged_marker, b"integrity check failed; see `confidant doctor`\n")


def clear_damaged(paths: Paths) -> None:
    try:
        Path(paths.damaged_marker).unlink()
    except FileNotFoundError:
        pass
