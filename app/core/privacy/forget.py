"""The right to erasure, as one call for the CLI and the GUI.

:func:`describe` says what will go (for the confirmation prompt); :func:`forget` deletes
it and scrubs the freed pages (see app.core.vault.erasure for the exact guarantees). Runs
on the thread that owns the vault connection (the GUI's store thread).
"""

from __future__ import annotations

from app.core import logs
from app.core.vault import erasure


def describe(ctx, ref: str) -> dict:
    """``{"id", "name", "email", "notes", "conversations", "drafts", "mentions"}`` (mentions:
    ids of other people's notes that name the person); raises NotFoundError
    or AmbiguousError, deleting nothing, when ``ref`` is not exactly one contact."""
    contact = erasure.find_contact(ctx.vault.conn, ref)
    return {**contact, **erasure.plan(ctx.vault.conn, contact["id"])}


def forget(ctx, contact_id: int, clock=None, *, redact_mentions: bool = False) -> dict:
    """Delete the contact and everything derived from them; returns ids and counts only.
    ``redact_mentions`` also removes their name, e-mail and phone from other notes."""
    counts = erasure.forget_contact(ctx.vault, contact_id, clock=clock, redact_mentions=redact_mentions)
    logs.event("privacy.forget", contact_id=contact_id,
               **{k: (len(v) if isinstance(v, list) else v) for k, v in counts.items()})
    return {"subject": f"contact#{contact_id}", **counts}
