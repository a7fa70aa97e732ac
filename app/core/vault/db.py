"""The encrypted store: one SQLCipher database opened with a raw 256-bit key.

Opening guarantees, checked on every open:

- the key reaches SQL only as 64 validated hex digits (``PRAGMA key = "x'…'"``);
- a first read proves the key before anything is written, so a wrong key or a damaged
  file leaves the bytes untouched;
- WAL journal (encrypted by SQLCipher like the main file), ``synchronous=FULL``,
  ``temp_store=MEMORY`` (read back: temp tables and sort spills never touch disk),
  ``foreign_keys=ON``.

``cipher_memory_security`` stays OFF, measured: with it ON, SQLCipher switches the whole
process to a locking, wiping allocator and a bulk insert with FTS ran 17x slower (3.1 s
against 0.18 s for 5,000 notes; benchmarks/bench_vault.py keeps measuring it). It only
wipes SQLCipher's own buffers while the same plaintext sits in Python strings anyway, and
malware reading our memory while unlocked is out of scope (docs/privacy.md).

A connection belongs to one thread (the GUI runs all vault work on one store thread).
"""

from __future__ import annotations

import re
import time
from contextlib import contextmanager
from pathlib import Path

import sqlcipher3

from app.core.errors import DataFolderError, N_, VaultDamagedError, VaultError, WrongKeyError
from app.core.vault import migrations

_HEX_KEY = re.compile(r"^[0-9a-f]{64}$")
PLAINTEXT_HEADER = b"SQLite format 3\x00"
DatabaseError = sqlcipher3.DatabaseError


def fold(text) -> str:
    """The case-folded form name search compares (``None`` folds to "")."""
    return "" if text is None else str(text).casefold()


def header_is_plaintext(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == PLAINTEXT_HEADER
    except FileNotFoundError:
        return False


def _key_pragma(key: bytes | bytearray) -> str:
    hexkey = bytes(key).hex()
    if not _HEX_KEY.match(hexkey):  # 32 bytes, hex: nothing else ever reaches SQL
        raise VaultError(N_("The data key has the wrong length."))
    return f"PRAGMA key = \"x'{hexkey}'\""


def is_damage_error(exc: BaseException) -> bool:
    """True for SQLite/SQLCipher errors that mean the file is damaged, not a bug."""
    if not isinstance(exc, DatabaseError):
        return False
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text or "hmac" in text


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, sqlcipher3.OperationalError) and "disk is full" in str(exc).lower()


class Vault:
    """An open vault. Use :func:`Vault.open`; close with :meth:`close`."""

    def __init__(self, conn, path: Path, read_only: bool):
        self.conn = conn
        self.path = path
        self.read_only = read_only
        self.opened_in_s = 0.0

    # ---- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, key: bytes | bytearray, *, read_only: bool = False, migrate: bool = True) -> "Vault":
        started = time.perf_counter()
        new = not path.exists()
        try:
            conn = sqlcipher3.connect(str(path), isolation_level=None, timeout=10.0)
        except sqlcipher3.OperationalError as exc:
            raise DataFolderError(N_("Cannot open the vault file {path}: {error}."), path=path, error=exc) from None
        try:
            # SQLCipher logs decryption failures to stderr by default; our messages say it better.
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(_key_pragma(key))
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except DatabaseError:
                raise WrongKeyError(
                    N_("The vault {path} could not be decrypted: the key does not match or the file is damaged. "
                    "Nothing was changed."), path=path
                ) from None
            vault = cls(conn, path, read_only)
            vault._configure(new)
            if migrate and not read_only:
                migrations.migrate(conn)
            vault.opened_in_s = time.perf_counter() - started
            return vault
        except BaseException:
            conn.close()
            raise

    def _configure(self, new: bool) -> None:
        c = self.conn
        if self.read_only:
            c.execute("PRAGMA query_only = ON")
        else:
            mode = c.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                raise VaultError(N_("The vault could not switch to WAL journaling (got {mode})."), mode=mode)
        c.execute("PRAGMA synchronous = FULL")
        c.execute("PRAGMA temp_store = MEMORY")
        c.execute("PRAGMA foreign_keys = ON")
        # Deleted rows (a forgotten contact, a purged conversation) are overwritten with
        # zeros in their pages instead of lingering as free space until the next VACUUM.
        c.execute("PRAGMA secure_delete = ON")
        # fold(text): Python's casefold, for name search that folds Ø/Å/Æ/Ä/Ö/Ü as well as A-Z
        # (records.list_contacts); SQLite's own NOCASE folds ASCII only.
        c.create_function("fold", 1, fold, deterministic=True)
        # search_fold(text): the full-text indexes' folding rule (vault/search.py), used by
        # their view and triggers.
        from app.core.vault.m008_search_index import register

        register(c)
        got = c.execute("PRAGMA temp_store").fetchone()[0]
        if got != 2:
            raise VaultError(N_("The vault refused temp_store=MEMORY; temporary data could reach the disk."))

    def make_read_only(self) -> None:
        """From now on nothing is written (a vault found damaged after it was opened)."""
        self.read_only = True
        self.conn.execute("PRAGMA query_only = ON")

    # ---- transactions -------------------------------------------------------------------

    @contextmanager
    def transaction(self):
        """``BEGIN IMMEDIATE`` … ``COMMIT``; rolls back on any error, including Ctrl-C."""
        if self.read_only:
            raise VaultDamagedError(
                N_("The vault {path} is open read-only because it was found damaged; "
                "nothing will be written.⟦ Run `confidant doctor`, and `confidant export` to save what is readable.⟧"),
                path=self.path
            )
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if is_disk_full(exc):
                raise DataFolderError(
                    N_("The disk holding {parent} is full: nothing from this change was saved, "
                    "and everything saved before is intact. Free some space and try again."),
                    parent=self.path.parent
                ) from None
            raise

    def execute(self, sql: str, params=()):
        return self.conn.execute(sql, params)

    # ---- checks -------------------------------------------------------------------------

    def pragmas(self) -> dict:
        c = self.conn
        return {
            "cipher_version": c.execute("PRAGMA cipher_version").fetchone()[0],
            "sqlite_version": c.execute("SELECT sqlite_version()").fetchone()[0],
            "journal_mode": c.execute("PRAGMA journal_mode").fetchone()[0],
            "temp_store": {0: "default", 1: "file", 2: "memory"}[c.execute("PRAGMA temp_store").fetchone()[0]],
            "synchronous": {0: "off", 1: "normal", 2: "full", 3: "extra"}[c.execute("PRAGMA synchronous").fetchone()[0]],
            "foreign_keys": bool(c.execute("PRAGMA foreign_keys").fetchone()[0]),
        }

    def integrity(self) -> dict:
        """Run ``cipher_integrity_check`` (every page's HMAC) and ``quick_check``.

        Returns ``{"ok": bool, "problems": [str, ...]}``; problems are page numbers and
        SQLite's own wording, never row content.
        """
        problems: list[str] = []
        try:
            problems += [r[0] for r in self.conn.execute("PRAGMA cipher_integrity_check")]
        except DatabaseError as exc:
            problems.append(f"cipher_integrity_check failed: {exc}")
        try:
            rows = [r[0] for r in self.conn.execute("PRAGMA quick_check")]
            problems += [r for r in rows if r != "ok"]
        except DatabaseError as exc:
            problems.append(f"quick_check failed: {exc}")
        return {"ok": not problems, "problems": problems[:20]}

    def checkpoint(self, mode: str = "TRUNCATE") -> None:
        if mode not in ("PASSIVE", "FULL", "RESTART", "TRUNCATE"):
            raise ValueError(mode)
        self.conn.execute(f"PRAGMA wal_checkpoint({mode})").fetchall()

    def schema_version(self) -> list[str]:
        return migrations.applied(self.conn)

    def close(self) -> None:
        if self.conn is not None:
            try:
                if not self.read_only:
                    self.conn.execute("PRAGMA optimize")
            except DatabaseError:
                pass
            self.conn.close()
            self.conn = None
