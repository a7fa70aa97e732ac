"""Retention: conversations older than N days are purged at start and daily.

N is the ``retention_days`` setting (default 180; IT policy can fix it). :func:`run_due_maintenance`
is called by every entry point right after the vault opens (the CLI in
``app.cli.common.vault_context``; the desktop app at start and from a daily timer). It:

1. finishes an erasure whose scrub (checkpoint + VACUUM) was cut short by a crash;
2. deletes conversations last updated before now - N days, with their messages, note
   links and drafts, writes an audit row with the count, and checkpoints the WAL (TRUNCATE)
   so the deleted pages leave the WAL;
3. clears stored reasoning text when ``store_reasoning`` is off (it may have been on before);
4. deletes the kept parts of long summaries that no summary used since the same cutoff;
5. drops encrypted prompt-cache entries unused for N days, and cache files no entry lists.

The clock is injectable (tests pass a fixed one). Does nothing on a read-only vault.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from app.core import logs
from app.core.assistant import prompt_cache
from app.core.vault import audit, erasure, retention_queries, summary_parts

DEFAULT_DAYS = 180


def _now(clock) -> datetime:
    return clock() if clock else datetime.now(timezone.utc)


def purge(ctx, clock=None) -> dict:
    """Purge now; returns ``{"days", "cutoff", "conversations", "reasoning_cleared", "summary_parts"}``."""
    days = int(ctx.settings.get("retention_days") or DEFAULT_DAYS)
    cutoff = (_now(clock) - timedelta(days=days)).isoformat(timespec="seconds")
    keep_reasoning = bool(ctx.settings.get("store_reasoning"))
    with ctx.vault.transaction() as c:
        n = retention_queries.purge_conversations_before(c, cutoff)
        cleared = 0 if keep_reasoning else retention_queries.clear_reasoning(c)
        parts = summary_parts.purge_unused_before(c, cutoff)
        if n or cleared:
            audit.append(c, "retention.purged", clock=clock, conversations=n, days=days, reasoning_cleared=cleared)
    if n or cleared:
        ctx.vault.checkpoint("TRUNCATE")
        logs.event("privacy.retention", conversations=n, days=days, reasoning_cleared=cleared)
    elif parts:
        ctx.vault.checkpoint("TRUNCATE")
    return {"days": days, "cutoff": cutoff, "conversations": n, "reasoning_cleared": cleared, "summary_parts": parts}


def run_due_maintenance(ctx, clock=None) -> dict | None:
    """Finish an interrupted erasure scrub, then apply retention. None on a read-only vault."""
    if ctx.vault.read_only:
        return None
    scrubbed = False
    if erasure.scrub_pending(ctx.vault.conn):
        erasure.scrub(ctx.vault)
        scrubbed = True
        logs.event("privacy.scrub_resumed")
    result = purge(ctx, clock)
    result["scrub_resumed"] = scrubbed
    # Prompt-cache entries unused for the retention period go, and files no entry lists
    # (a kill mid-write, an interrupted forget or rekey).
    result["prompt_states_expired"] = prompt_cache.expire(ctx, days=result["days"], clock=clock)
    return result
