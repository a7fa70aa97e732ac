"""The right to erasure, as one call for the CLI and the GUI.

:func:`describe` says what will go (for the confirmation prompt); :func:`forget` deletes
it and scrubs the freed pages (see app.core.vault.erasure for the exact guarantees). Runs
on the thread that owns the vault connection (the GUI's store thread).
"""

from __future__ import annotations

from app.core import logs
from app.core.assistant import prompt_cache
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
    # The vault's triggers dropped the prompt-cache entries holding them; their files go now.
    prompt_cache.sweep(ctx)
    logs.event("privacy.forget", contact_id=contact_id,
               **{k: (len(v) if isinstance(v, list) else v) for k, v in counts.items()})
    return {"subject": f"contact#{contact_id}", **counts}


def describe_requested(ctx) -> list[dict]:
    """The people whose CRM says they asked to be forgotten: ``[{"id", "name",
    "email"}]``, for the confirmation. Runs on the vault's thread."""
    from app.core.vault import consent, records

    out = []
    for cid in consent.requested_forget(ctx.vault.conn):
        c = records.get_contact(ctx.vault.conn, cid)
        if c:
            out.append({"id": cid, "name": c["name"], "email": c["email"]})
    return out


def forget_requested(ctx, clock=None, *, only: list[int] | None = None) -> dict:
    """Forget exactly the people who asked to be forgotten (``only``: those of them the user
    confirmed); each as :func:`forget` does. Returns ``{"forgotten": [subject, ...], "notes",
    "conversations", "drafts"}``."""
    from app.core.vault import consent

    ids = consent.requested_forget(ctx.vault.conn)
    if only is not None:
        ids = [i for i in ids if i in set(only)]
    total = {"forgotten": [], "notes": 0, "conversations": 0, "drafts": 0}
    for cid in ids:
        r = forget(ctx, cid, clock=clock)
        total["forgotten"].append(r["subject"])
        for k in ("notes", "conversations", "drafts"):
            total[k] += r[k]
    return total
