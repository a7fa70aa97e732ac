"""SQL for the kept map parts of long summaries (table ``summary_parts``, migration m007).

Runs on the vault's thread only: :func:`for_subject` when a summary is loaded, :func:`keep`
in the transaction that saves the summary. Part results are derived from notes and live in
the encrypted vault like every other derived text; the triggers of m007 remove a part when
one of its notes is deleted or changed, or its person objects or asks to be forgotten."""

from __future__ import annotations

from datetime import datetime, timezone

from app.core.model import SummaryPart


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def for_subject(conn, subject_kind: str, subject_id: int) -> dict[str, str]:
    """The kept part results of one contact or account, by key (every model; a key holds the
    model's SHA-256, so another model's rows never match)."""
    rows = conn.execute("SELECT key, result FROM summary_parts WHERE subject_kind = ? AND subject_id = ?",
                        (subject_kind, int(subject_id)))
    return {str(k): str(r) for k, r in rows}


def keep(conn, subject_kind: str, subject_id: int, parts: list[SummaryPart]) -> None:
    """Store new parts and mark reused ones as used now. A summary on another model or prompt
    version than a subject's rows were made with drops those rows (they never match again)."""
    if not parts:
        return
    now = _now()
    for p in parts:
        conn.execute(
            "INSERT INTO summary_parts(key, subject_kind, subject_id, model_sha256, prompt_version, lang, result, created_at,"
            " used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET used_at = excluded.used_at",
            (p.key, subject_kind, int(subject_id), p.model_sha256, p.prompt_version, p.lang, p.result, now, now))
        conn.executemany("INSERT OR IGNORE INTO summary_part_notes(note_id, part_key) VALUES (?, ?)",
                         [(int(n), p.key) for n in p.note_ids])
    models = sorted({p.model_sha256 for p in parts})
    versions = sorted({p.prompt_version for p in parts})
    conn.execute(
        f"DELETE FROM summary_parts WHERE subject_kind = ? AND subject_id = ? AND (model_sha256 NOT IN "
        f"({', '.join('?' for _ in models)}) OR prompt_version NOT IN ({', '.join('?' for _ in versions)}))",
        (subject_kind, int(subject_id), *models, *versions))


def purge_unused_before(conn, cutoff_iso: str) -> int:
    """Delete parts no summary has used since ``cutoff_iso`` (retention)."""
    return conn.execute("DELETE FROM summary_parts WHERE julianday(used_at) < julianday(?)", (cutoff_iso,)).rowcount


def holding(conn, note_ids: list[int]) -> list[str]:
    """Keys of the kept parts that hold any of ``note_ids``."""
    out: set[str] = set()
    for nid in note_ids:
        out.update(str(r[0]) for r in conn.execute("SELECT part_key FROM summary_part_notes WHERE note_id = ?", (int(nid),)))
    return sorted(out)


def count(conn) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM summary_parts").fetchone()[0])
