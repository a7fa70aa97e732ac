"""Honouring the consent flags a contact carries from the CRM. Qt-free.

- An e-mail draft to a contact who opted out of e-mail is refused (:class:`OptOutRefused`,
  one line saying why). The user may go on only by giving a reason; the reason (never any
  content) is written to the audit log with the draft's conversation. IT turns the exception
  off with the policy key ``allow_opt_out_override = false`` (then nothing overrides), or
  fixes it on with ``true``.
- A person who objected to processing, or asked to be forgotten, never has their notes or
  activities in a prompt: :func:`app.core.vault.consent.withheld_notes` is asked where the
  assistant loads notes (``app.core.assistant.service``), and the answer carries a
  ``consent_left_out`` flag that the window and the command line put in words
  (:func:`left_out_line`).
"""

from __future__ import annotations

import re

from app.core.errors import AppError, Message, N_, UsageError

OVERRIDE_SETTING = "allow_opt_out_override"
AUDIT_EVENT = "consent.opt_out_override"
MAX_REASON = 200


class OptOutRefused(AppError):
    """A draft to someone who opted out of e-mail. ``fields["can_override"]`` says whether a
    reason would let the user go on (False when IT's policy allows no exception)."""


def clean_reason(reason: str | None) -> str | None:
    """The user's reason as one short printable line (the audit log keeps it), or None."""
    if reason is None:
        return None
    text = re.sub(r"\s+", " ", "".join(ch if ch.isprintable() else " " for ch in reason)).strip()
    return text[:MAX_REASON] or None


def override_allowed(settings) -> bool:
    return bool(settings.get(OVERRIDE_SETTING))


def check_draft(settings, contact: dict, reason: str | None) -> str | None:
    """Whether an e-mail draft to ``contact`` may be written. Returns the reason to audit
    (None when the contact has not opted out); raises :class:`OptOutRefused` or
    :class:`~app.core.errors.UsageError` (a reason that is only spaces)."""
    flags = contact.get("consent") or {}
    if not flags.get("email_opt_out"):
        return None
    name = contact.get("name") or contact.get("full_name") or contact.get("email") or Message(N_("This contact"))
    source = (contact.get("consent_sources") or {}).get("email_opt_out") or Message(N_("the CRM"))
    if not override_allowed(settings):
        raise OptOutRefused(N_("{name} opted out of e-mail ({source}) and your IT policy allows no exception; "
                               "no draft was written."), name=name, source=source, can_override=False)
    if reason is None:
        raise OptOutRefused(N_("{name} opted out of e-mail ({source}); no draft was written. To write one anyway, "
                               "give your reason⟦ (--override-opt-out \"REASON\")⟧; it is kept in the audit log."),
                            name=name, source=source, can_override=True)
    cleaned = clean_reason(reason)
    if not cleaned:
        raise UsageError(N_("The reason for writing to {name} despite the e-mail opt-out is empty; say why in a few words."),
                         name=name)
    return cleaned


def left_out_flags(withheld: dict[int, str], subject_kind: str) -> list[dict]:
    """``consent_left_out`` flags for an answer: one per reason, with the count of notes."""
    out = []
    for why in ("processing_objection", "forget_requested"):
        n = sum(1 for r in withheld.values() if r == why)
        if n:
            out.append({"kind": "consent_left_out", "reason": why, "count": n, "subject": subject_kind})
    return out


def left_out_line(flag: dict) -> str:
    """The command line's words for a ``consent_left_out`` flag (the window has its own, translated)."""
    n, one = flag.get("count", 0), flag.get("subject") != "account"
    if flag.get("reason") == "forget_requested":
        who = "this person asked to be forgotten" if one else "people in this account asked to be forgotten"
    else:
        who = "this person objected to processing" if one else "people in this account objected to processing"
    return f"{n} notes left out: {who}"


def labels(flags: dict) -> list[str]:
    """Short English words for the flags that are set (the CLI's contact lines)."""
    words = {"email_opt_out": "no e-mail", "call_opt_out": "no calls", "processing_objection": "objects to processing",
             "forget_requested": "asked to be forgotten"}
    return [w for k, w in words.items() if (flags or {}).get(k)]
