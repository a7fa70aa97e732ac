"""SQL for retention: conversations older than a cutoff, and reasoning text kept by mistake."""

from __future__ import annotations


def purge_conversations_before(conn, cutoff_iso: str) -> int:
    """Delete conversations last updated before ``cutoff_iso`` (messages, note links and
    drafts of those conversations go by ON DELETE CASCADE). julianday() compares times
    whatever ISO form the writer used (``Z``, ``+00:00``, fractions)."""
    cur = conn.execute(
        "DELETE FROM conversations WHERE julianday(updated_at) < julianday(?)", (cutoff_iso,)
    )
    return cur.rowcount


def clear_reasoning(conn) -> int:
    """Remove stored reasoning text (used when the user has not chosen to keep it)."""
    return conn.execute("UPDATE messages SET reasoning = NULL WHERE reasoning IS NOT NULL").rowcount
