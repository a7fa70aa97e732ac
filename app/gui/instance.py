"""One window per data folder: the vault has one writer.

:func:`acquire` takes a ``QLockFile`` on ``vault.lock`` in the data folder. Qt writes the
holder's pid, host and app name into it and treats the lock as stale when that process is
gone (a crash does not lock the user out). A second instance gets None and tells the user
that another window is open, then exits cleanly.
"""

from __future__ import annotations

from PySide6.QtCore import QLockFile

from app.core.paths import Paths


def acquire(paths: Paths) -> QLockFile | None:
    lock = QLockFile(str(paths.lockfile))
    lock.setStaleLockTime(0)  # stale only when the holder process is gone, never by age
    if lock.tryLock(200):
        return lock
    return None
