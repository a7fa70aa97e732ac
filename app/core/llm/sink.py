"""Audit records an engine makes on its generation thread, written on the vault's thread.

A SQLite connection belongs to the thread that opened it, and a generation never holds the
vault's thread. So an engine that must record something (each request to the company
server) hands it to an :class:`AuditSink`: :meth:`AuditSink.put` only queues, from any
thread; :meth:`AuditSink.flush` writes what is queued, and does so only when called on the
thread that owns the vault (elsewhere it leaves the records queued). The CLI generates on
the vault's thread, so its records are written at once; the window's records are written
after the reply, by the store-thread work that saves it (:meth:`Context.anchor_new_audit_rows`),
or at the latest when the vault closes.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from typing import Callable

from app.core import logs


@dataclass(frozen=True)
class AuditRecord:
    """One audit row to be: an event name and content-free details (counts, ids, host)."""

    event: str
    details: dict


class AuditSink:
    """``vault`` returns the open vault (or None); the thread that creates the sink owns it."""

    def __init__(self, vault: Callable[[], object], *, owner: int | None = None):
        self._vault = vault
        self._owner = threading.get_ident() if owner is None else owner
        self._queue: deque[AuditRecord] = deque()

    def put(self, event: str, details: dict) -> None:
        """Queue a record (any thread, no I/O); written now when this is the vault's thread."""
        self._queue.append(AuditRecord(event, dict(details)))
        self.flush()

    def writer(self, event: str) -> Callable[[dict], None]:
        """``put`` for one event name, the shape an engine's ``audit`` callback has."""
        return lambda details: self.put(event, details)

    @property
    def pending(self) -> int:
        return len(self._queue)

    def flush(self) -> int:
        """Write the queued records in one transaction, on the vault's thread only; returns
        how many were written (0 elsewhere, or with nothing queued)."""
        if threading.get_ident() != self._owner or not self._queue:
            return 0
        vault = self._vault()
        if vault is None or getattr(vault, "conn", None) is None:
            return 0
        records = []
        while self._queue:
            records.append(self._queue.popleft())
        from app.core.errors import AppError
        from app.core.vault import audit
        from app.core.vault.db import DatabaseError

        try:
            if getattr(vault, "read_only", False):
                raise AppError("read-only vault")
            with vault.transaction() as conn:
                for r in records:
                    audit.append(conn, r.event, **r.details)
        except (AppError, DatabaseError):
            logs.event("audit.sink_failed", rows=len(records))  # a read-only (damaged) vault: the log keeps the count
            return 0
        return len(records)
