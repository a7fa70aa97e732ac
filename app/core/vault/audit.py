"""The audit log: append-only and hash-chained, inside the encrypted vault.

Each row holds a time, an event name and details made of counts and ids only, never
content. ``hash = SHA-256(prev_hash | at | event | details)``, so editing or removing a
row breaks the chain at that row (:func:`verify` names it). Triggers refuse UPDATE and
DELETE; the chain catches anyone who drops them.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

GENESIS = "0" * 64
_ALLOWED = (int, float, bool, type(None))


def _digest(prev: str, at: str, event: str, details: str) -> str:
    return hashlib.sha256("\x1f".join((prev, at, event, details)).encode("utf-8")).hexdigest()


def _check_details(details: dict) -> str:
    for k, v in details.items():
        if isinstance(v, (list, tuple)):
            if not all(isinstance(x, _ALLOWED) for x in v):
                raise ValueError(f"audit detail {k!r} must hold numbers only")
        elif isinstance(v, str):
            # Short machine tokens only (a format name, a pseudonymous id, a mode).
            if len(v) > 80 or not all(ch.isalnum() or ch in "-_.:#" for ch in v):
                raise ValueError(f"audit detail {k!r} must be a short identifier")
        elif not isinstance(v, _ALLOWED):
            raise ValueError(f"audit detail {k!r} has an unsupported type")
    return json.dumps(details, sort_keys=True, separators=(",", ":"))


def append(conn, event: str, clock=None, **details) -> None:
    """Append one event. Call inside the caller's transaction so it commits with the change."""
    at = (clock() if clock else datetime.now(timezone.utc)).isoformat(timespec="seconds")
    text = _check_details(details)
    row = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    prev = row[0] if row else GENESIS
    conn.execute(
        "INSERT INTO audit_log(at, event, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?)",
        (at, event, text, prev, _digest(prev, at, event, text)),
    )


def entries(conn, limit: int | None = None) -> list[dict]:
    sql = "SELECT id, at, event, details FROM audit_log ORDER BY id"
    if limit:
        sql = f"SELECT * FROM ({sql} DESC LIMIT {int(limit)}) ORDER BY id"
    return [{"id": r[0], "at": r[1], "event": r[2], "details": json.loads(r[3])} for r in conn.execute(sql)]


TRIGGERS = ("audit_log_no_update", "audit_log_no_delete")


def missing_triggers(conn) -> list[str]:
    """The append-only triggers that are gone (someone with the key dropped them)."""
    have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")}
    return [t for t in TRIGGERS if t not in have]


def verify(conn) -> dict:
    """Walk the chain. ``{"ok": True, "rows": n, ...}`` or ``{"ok": False, "first_bad_id": id, ...}``.

    ``first_bad_id`` is the first row whose stored hash does not match its content or whose
    ``prev_hash`` does not match the row before (an edited, inserted or removed row).
    ``missing_triggers`` names dropped append-only triggers (reported; the chain decides ``ok``).
    """
    prev = GENESIS
    n = 0
    result = {"ok": True, "rows": 0, "first_bad_id": None, "missing_triggers": missing_triggers(conn)}
    for rid, at, event, details, prev_hash, h in conn.execute(
        "SELECT id, at, event, details, prev_hash, hash FROM audit_log ORDER BY id"
    ):
        n += 1
        if prev_hash != prev or _digest(prev_hash, at, event, details) != h:
            return {**result, "ok": False, "rows": n, "first_bad_id": rid}
        prev = h
    return {**result, "rows": n}
