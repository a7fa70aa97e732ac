"""SQL for the ``model_files`` table: model files seen, trusted by SHA-256 on first use.

A row records the hash together with size, mtime_ns and inode, so a later start can skip
re-hashing a multi-gigabyte file whose identity is unchanged. Runs on the store thread.
"""

from __future__ import annotations

from datetime import datetime, timezone


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def get(conn, path: str) -> dict | None:
    row = conn.execute(
        "SELECT path, sha256, size_bytes, mtime_ns, inode, first_seen, last_seen FROM model_files WHERE path = ?",
        (path,),
    ).fetchone()
    if row is None:
        return None
    keys = ("path", "sha256", "size_bytes", "mtime_ns", "inode", "first_seen", "last_seen")
    return dict(zip(keys, row))


def record(conn, path: str, sha256: str, size_bytes: int, mtime_ns: int, inode: int) -> None:
    """Insert the first sighting of a file (trust on first use). Never overwrites a hash."""
    now = _now()
    conn.execute(
        "INSERT INTO model_files(path, sha256, size_bytes, mtime_ns, inode, first_seen, last_seen) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(path) DO NOTHING",
        (path, sha256, size_bytes, mtime_ns, inode, now, now),
    )


def touch(conn, path: str, size_bytes: int, mtime_ns: int, inode: int) -> None:
    """Refresh identity and last_seen for a file whose content hash was just re-checked equal."""
    conn.execute(
        "UPDATE model_files SET size_bytes = ?, mtime_ns = ?, inode = ?, last_seen = ? WHERE path = ?",
        (size_bytes, mtime_ns, inode, _now(), path),
    )


def all_files(conn) -> list[dict]:
    return [get(conn, r[0]) for r in conn.execute("SELECT path FROM model_files ORDER BY path")]


def forget(conn, path: str) -> None:
    """Remove a record, so the next sighting trusts the file again (an explicit user choice)."""
    conn.execute("DELETE FROM model_files WHERE path = ?", (path,))
