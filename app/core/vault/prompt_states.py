"""SQL for the prompt-state cache's index (migration m006): which file holds what.

An entry is a prefix's file name, model, prompt version, subject, tokens, size and last use,
with the notes and people whose data it holds. Forgetting, deleting or changing those
removes the row through the triggers of m006; the caller removes files no row lists.
Runs on the vault's thread.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import NamedTuple

import numpy as np


class Row(NamedTuple):
    name: str
    tokens: tuple[int, ...]
    size: int


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def for_subject(conn, *, model_sha256: str, prompt_version: str, kind: str, subject_id: int) -> list[Row]:
    rows = conn.execute(
        "SELECT name, tokens, size FROM prompt_states WHERE model_sha256 = ? AND prompt_version = ?"
        " AND subject_kind = ? AND subject_id = ? ORDER BY used_at DESC",
        (model_sha256, prompt_version, kind, int(subject_id)))
    return [Row(r[0], tuple(int(t) for t in np.frombuffer(r[1], dtype="<i4")), int(r[2])) for r in rows]


def add(conn, *, name: str, tokens, size: int, model_sha256: str, prompt_version: str, kind: str, subject_id: int,
        note_ids=(), contact_ids=()) -> None:
    now = _now()
    conn.execute(
        "INSERT INTO prompt_states(name, model_sha256, prompt_version, subject_kind, subject_id, tokens, size, created_at,"
        " used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET size = excluded.size,"
        " used_at = excluded.used_at",
        (name, model_sha256, prompt_version, kind, int(subject_id), np.asarray(tokens, dtype="<i4").tobytes(), int(size),
         now, now))
    conn.executemany("INSERT OR IGNORE INTO prompt_state_notes(name, note_id) VALUES (?, ?)",
                     [(name, int(i)) for i in note_ids])
    conn.executemany("INSERT OR IGNORE INTO prompt_state_people(name, contact_id) VALUES (?, ?)",
                     [(name, int(i)) for i in contact_ids])


def any_note_missing(conn, note_ids) -> bool:
    """Whether one of ``note_ids`` no longer exists (deleted or forgotten meanwhile)."""
    ids = [int(i) for i in note_ids]
    if not ids:
        return False
    found = conn.execute("SELECT count(*) FROM notes WHERE id IN (SELECT value FROM json_each(?))",
                         (json.dumps(ids),)).fetchone()[0]
    return int(found) < len(set(ids))


def touch(conn, names) -> None:
    now = _now()
    conn.executemany("UPDATE prompt_states SET used_at = ? WHERE name = ?", [(now, n) for n in names])


def remove(conn, names) -> None:
    conn.executemany("DELETE FROM prompt_states WHERE name = ?", [(n,) for n in names])


def beyond_newest(conn, *, kind: str, subject_id: int, keep: int) -> list[str]:
    """A subject's entries past its ``keep`` most recently used (older versions of its notes)."""
    return [r[0] for r in conn.execute(
        "SELECT name FROM prompt_states WHERE subject_kind = ? AND subject_id = ? ORDER BY used_at DESC LIMIT -1 OFFSET ?",
        (kind, int(subject_id), int(keep)))]


def over_budget(conn, budget_bytes: int) -> list[str]:
    """Names to drop, least recently used first, so the rest fit in ``budget_bytes``."""
    rows = conn.execute("SELECT name, size FROM prompt_states ORDER BY used_at DESC").fetchall()
    total, drop = 0, []
    for name, size in rows:
        total += int(size)
        if total > budget_bytes:
            drop.append(name)
    return drop


def stale(conn, *, model_sha256: str | None, used_before: str) -> list[str]:
    """Entries for another model, or not used since ``used_before`` (ISO 8601 UTC)."""
    return [r[0] for r in conn.execute(
        "SELECT name FROM prompt_states WHERE (? IS NOT NULL AND model_sha256 <> ?) OR julianday(used_at) < julianday(?)",
        (model_sha256, model_sha256, used_before))]


def names(conn) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM prompt_states")}


def clear(conn) -> int:
    return conn.execute("DELETE FROM prompt_states").rowcount


def totals(conn) -> tuple[int, int]:
    """(entries, bytes) the index lists."""
    n, size = conn.execute("SELECT count(*), coalesce(sum(size), 0) FROM prompt_states").fetchone()
    return int(n), int(size)
