"""The audit log: append-only and MAC-chained, inside the encrypted vault, anchored outside it.

Each row holds a time, an event name and details made of counts and ids only, never
content; the one exception is ``reason``: the user's own one-line reason for overriding a
contact's e-mail opt-out, which the log exists to keep.
``hash = "h1:" + HMAC-SHA256(mac_key, prev_hash | at | event | details)``, so editing or
removing a row breaks the chain at that row (:func:`verify` names it). Triggers refuse
UPDATE and DELETE; the chain catches anyone who drops them. Rows written before the MAC
(plain SHA-256, no prefix) still verify, but only before the first MAC row.

The MAC key is 32 random bytes kept inside the encrypted vault (a ``settings`` row no setting
shows), so it is protected by the vault key and survives a key rotation. A chain alone cannot
show rows cut from its end, nor a chain rewritten by someone holding the key; so after every
command the row count and the head hash are written, MAC'd, to ``<data>/audit.anchor`` next to
the key file (:func:`write_anchor`). :func:`verify` names a cut tail (fewer rows than anchored),
a re-chain (the anchored row's hash differs), a forged or missing anchor. The anchor may lag
(rows appended after it, e.g. a crash before it was written) without a false alarm.

Limits: someone who holds the vault key *and* can write the data folder can rewrite both the
log and the anchor; the log is tamper-evident against edits of the database alone and against
restoring an older copy of it, not against that user.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from datetime import datetime, timezone
from pathlib import Path

from app.core.errors import AppError

GENESIS = "0" * 64
MAC_PREFIX = "h1:"
_MAC_SETTING = "audit.mac_key"
_ANCHORED_SETTING = "audit.anchored"
_ALLOWED = (int, float, bool, type(None))


def _digest(prev: str, at: str, event: str, details: str) -> str:
    """The legacy (pre-MAC) row hash."""
    return hashlib.sha256("\x1f".join((prev, at, event, details)).encode("utf-8")).hexdigest()


def _mac(key: bytes, prev: str, at: str, event: str, details: str) -> str:
    msg = "\x1f".join((prev, at, event, details)).encode("utf-8")
    return MAC_PREFIX + hmac.new(key, msg, hashlib.sha256).hexdigest()


def _setting(conn, key: str):
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else None


def _mac_key(conn, *, create: bool) -> bytes | None:
    value = _setting(conn, _MAC_SETTING)
    if value:
        return bytes.fromhex(value)
    if not create:
        return None
    key = secrets.token_bytes(32)
    conn.execute("INSERT INTO settings(key, value) VALUES (?, ?)", (_MAC_SETTING, json.dumps(key.hex())))
    conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", (_ANCHORED_SETTING, "true"))
    return key


REASON_KEY, REASON_MAX = "reason", 200


def _check_details(details: dict) -> str:
    for k, v in details.items():
        if k == REASON_KEY and isinstance(v, str):
            # The user's own words for an exception they made (writing to someone
            # who opted out); one printable line, never customer content.
            if len(v) > REASON_MAX or not v.isprintable():
                raise ValueError("audit detail 'reason' must be one printable line of at most 200 characters")
            continue
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
    key = _mac_key(conn, create=True)
    conn.execute(
        "INSERT INTO audit_log(at, event, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?)",
        (at, event, text, prev, _mac(key, prev, at, event, text)),
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


def last_row_id(conn) -> int | None:
    """The newest audit row's id (None for an empty log)."""
    return conn.execute("SELECT max(id) FROM audit_log").fetchone()[0]


def anchor_path(data_dir: Path) -> Path:
    return Path(data_dir) / "audit.anchor"


def _anchor_mac(key: bytes, rows: int, head: str) -> str:
    return hmac.new(key, f"anchor\x1f{rows}\x1f{head}".encode(), hashlib.sha256).hexdigest()


def _anchor_still_holds(conn, key: bytes, path: Path) -> bool:
    """Whether the stored anchor (if any) is genuine and the table still extends it. A new
    anchor is only written over one that holds, so tampering found once stays findable."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return not _setting(conn, _ANCHORED_SETTING) or conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] <= 1
    except (OSError, ValueError):
        return False
    return _doc_holds(conn, key, text)


def _doc_holds(conn, key: bytes, text: str | None) -> bool:
    """Whether an anchor document (None: none stored) is genuine and the table extends it."""
    if text is None:
        return True
    try:
        doc = json.loads(text)
        rows, head, mac = int(doc["rows"]), str(doc["head"]), str(doc["mac"])
    except (ValueError, KeyError, TypeError):
        return False
    if not hmac.compare_digest(_anchor_mac(key, rows, head), mac):
        return False
    if rows == 0:
        return True
    row = conn.execute("SELECT hash FROM audit_log ORDER BY id LIMIT 1 OFFSET ?", (rows - 1,)).fetchone()
    return row is not None and row[0] == head


def write_anchor(conn, data_dir: Path, key_info=None) -> None:
    """Record the row count and head hash outside the vault (after the rows committed): in
    ``<data>/audit.anchor`` and, when the data key is in the OS keyring (``key_info``), beside
    it in the keyring, where a copy of the data folder put back does not reach (F6).

    Nothing is written over an anchor that no longer holds (a cut or re-chained log, an older
    vault put back, a removed or forged anchor): ``audit --verify`` must still be able to say so."""
    from app.core.paths import write_private  # noqa: PLC0415
    from app.core.vault import keys  # noqa: PLC0415

    key = _mac_key(conn, create=False)
    if key is None:
        return
    rows = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    row = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    head = row[0] if row else GENESIS
    text = json.dumps({"rows": rows, "head": head, "mac": _anchor_mac(key, rows, head)})
    if _anchor_still_holds(conn, key, anchor_path(data_dir)):
        write_private(anchor_path(data_dir), text.encode("utf-8"))
    if key_info is not None and key_info.mode == "keyring":
        try:
            if _doc_holds(conn, key, keys.read_audit_anchor(key_info)):
                keys.write_audit_anchor(key_info, text)
        except AppError:
            pass  # a locked or missing keyring: this anchor lags, which verify tolerates


def verify(conn, data_dir: Path | None = None, key_info=None) -> dict:
    """Walk the chain, then compare it with the anchor in ``data_dir`` (when given).

    ``{"ok": True, "rows": n, ...}`` or ``{"ok": False, "first_bad_id": id, "problem": "...", ...}``.
    ``first_bad_id`` is the first row whose stored hash does not match its content or whose
    ``prev_hash`` does not match the row before (an edited, inserted or removed row), or the
    anchored row a re-chain changed. ``problem`` says what was found in one line.
    ``missing_triggers`` names dropped append-only triggers (reported; the chain decides ``ok``).
    """
    key = _mac_key(conn, create=False)
    prev = GENESIS
    n = 0
    seen_mac = False
    hashes: list[tuple[int, str]] = []
    from app.core.vault import schema_check  # noqa: PLC0415

    foreign = schema_check.foreign_objects(conn)
    result = {"ok": True, "rows": 0, "first_bad_id": None, "problem": None, "missing_triggers": missing_triggers(conn),
              "foreign_objects": [f"{o.type} {o.name}" for o in foreign]}
    for rid, at, event, details, prev_hash, h in conn.execute(
        "SELECT id, at, event, details, prev_hash, hash FROM audit_log ORDER BY id"
    ):
        n += 1
        if h.startswith(MAC_PREFIX):
            seen_mac = True
            good = key is not None and hmac.compare_digest(_mac(key, prev_hash, at, event, details), h)
        else:  # a legacy row: only before the first MAC row
            good = not seen_mac and _digest(prev_hash, at, event, details) == h
        if prev_hash != prev or not good:
            return {**result, "ok": False, "rows": n, "first_bad_id": rid,
                    "problem": f"row {rid} does not match its hash chain"}
        prev = h
        hashes.append((rid, h))
    result["rows"] = n
    if foreign:  # a trigger can drop audit rows as they are written, a table keep erased notes
        return {**result, "ok": False,
                "problem": f"the vault holds objects Confidant did not create: {schema_check.describe(foreign)}"}
    if data_dir is None:
        return result
    result = _check_anchor(conn, result, hashes, key, anchor_path(data_dir))
    if result["ok"] and key_info is not None and key_info.mode == "keyring":
        result = _check_keyring_anchor(result, hashes, key, key_info)
    return result


def _check_keyring_anchor(result: dict, hashes: list, key: bytes | None, key_info) -> dict:
    """The anchor kept in the OS keyring: the folder copy put back after an export has fewer
    rows, or other ones, than the keyring remembers."""
    from app.core.vault import keys  # noqa: PLC0415

    def bad(problem: str, rid=None) -> dict:
        return {**result, "ok": False, "first_bad_id": rid, "problem": problem}

    try:
        text = keys.read_audit_anchor(key_info)
    except AppError as exc:
        return bad(f"its anchor in the OS keyring cannot be read ({exc.message})")
    if text is None:
        return result  # not anchored there yet (a vault from before this check): it lags
    try:
        doc = json.loads(text)
        rows, head, mac = int(doc["rows"]), str(doc["head"]), str(doc["mac"])
    except (ValueError, KeyError, TypeError):
        return bad("its anchor in the OS keyring is damaged")
    if key is None or not hmac.compare_digest(_anchor_mac(key, rows, head), mac):
        return bad("its anchor in the OS keyring does not match the vault's key (forged, or from another vault)")
    n = len(hashes)
    if n < rows:
        return bad(f"an older copy of the vault was put back, or rows were cut: the OS keyring anchored {rows} rows, "
                   f"it has {n}")
    if rows and hashes[rows - 1][1] != head:
        rid = hashes[rows - 1][0]
        return bad(f"an older copy of the vault was put back, or the log was re-chained: row {rid} is not the row "
                   f"the OS keyring anchored as row {rows}", rid)
    return result


def _check_anchor(conn, result: dict, hashes: list, key: bytes | None, path: Path) -> dict:
    def bad(problem: str, rid=None) -> dict:
        return {**result, "ok": False, "first_bad_id": rid, "problem": problem}

    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        rows, head, mac = int(doc["rows"]), str(doc["head"]), str(doc["mac"])
    except FileNotFoundError:
        if _setting(conn, _ANCHORED_SETTING):
            return bad(f"its anchor {path} is missing (it was removed, or the vault was copied without it)")
        return result
    except (OSError, ValueError, KeyError, TypeError):
        return bad(f"its anchor {path} is damaged")
    if key is None or not hmac.compare_digest(_anchor_mac(key, rows, head), mac):
        return bad(f"its anchor {path} does not match the vault's key (forged, or from another vault)")
    n = len(hashes)
    if n < rows:
        return bad(f"rows were cut from its end: it had {rows} rows when last anchored, it has {n}")
    if rows and hashes[rows - 1][1] != head:
        rid = hashes[rows - 1][0]
        return bad(f"the log was re-chained (rows rewritten or removed): row {rid} is not the row anchored as row {rows}", rid)
    if rows == 0 and n and head != GENESIS:
        return bad("the log was re-chained")
    return result
