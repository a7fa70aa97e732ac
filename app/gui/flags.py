"""Flags in words: what the core marks on a note or an answer, said as a salesperson would.

The core sets flag kinds (``instruction_like``, ``invalid_citation``, …); the window never
shows a kind itself. :func:`note_flag` is the short form for a note in the timeline,
:func:`answer_flag` the sentence under an answer, :func:`pii_label` names a kind of personal
number (never its value). Runs on the GUI thread (the words follow the UI language).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "Flags"


def note_flag(kind: str) -> str:
    """A note's flag, short, for the timeline ("looks like an instruction to the assistant")."""
    words = {
        "instruction_like": QCoreApplication.translate("Flags", "looks like an instruction to the assistant"),
    }
    return words.get(kind) or QCoreApplication.translate("Flags", "marked for a check")


def answer_flag(kind: str) -> str | None:
    """The sentence under an answer for a flag kind; None for a kind that is not a warning."""
    texts = {
        "instruction_like": QCoreApplication.translate("Flags", "A note looks like an instruction to the assistant; it was read as data only"),
        "invalid_citation": QCoreApplication.translate("Flags", "A reference to a note the assistant was not given was removed"),
        "stopped_at_length": QCoreApplication.translate("Flags", "The answer stopped at its length limit and may be incomplete"),
        "malformed_reasoning": QCoreApplication.translate("Flags", "The model broke the reasoning format; the answer is shown as given"),
        "thinking_budget_hit": QCoreApplication.translate("Flags", "The reasoning was cut at the thinking budget"),
        "personal_number": QCoreApplication.translate("Flags", "The text may contain a personal number (ID, card or account)"),
        "payment_data": QCoreApplication.translate("Flags", "The text may contain payment data (a card or bank account number)"),
        "no_notes": QCoreApplication.translate("Flags", "There are no notes about this subject; the answer has little to go on"),
        "notes_omitted": QCoreApplication.translate("Flags", "Some older notes did not fit and were left out"),
        "no_matching_notes": QCoreApplication.translate("Flags", "No note matched the question's words; recent notes were used"),
        "repetition": QCoreApplication.translate("Flags", "The model began to repeat itself and was stopped; the repeats were removed"),
        "prompt_echo": QCoreApplication.translate("Flags", "The answer repeats the assistant's own instructions; check it before use"),
        "interrupted": QCoreApplication.translate("Flags", "The company server stopped answering mid-reply; the answer is incomplete"),
    }
    if kind == "map_reduce":
        return None  # how a long summary was made, not a warning
    return texts.get(kind) or QCoreApplication.translate("Flags", "Check this answer before you use it")


def left_out_text(flag: dict) -> str:
    """A ``consent_left_out`` flag in words: how many notes, and why."""
    one = flag.get("subject") != "account"
    if flag.get("reason") == "forget_requested":
        text = (QCoreApplication.translate("Flags", "%1 notes left out: this person asked to be forgotten") if one else
                QCoreApplication.translate("Flags", "%1 notes left out: people in this account asked to be forgotten"))
    else:
        text = (QCoreApplication.translate("Flags", "%1 notes left out: this person objected to processing") if one else
                QCoreApplication.translate("Flags", "%1 notes left out: people in this account objected to processing"))
    return text.replace("%1", str(flag.get("count", 0)))


def read_text(flag: dict) -> str:
    """A ``notes_read`` flag in words: how many notes an answer read, and why those."""
    text = QCoreApplication.translate("Flags", "Read %1 of %2 notes (%3 of them match the question)")
    return text.replace("%1", str(flag.get("read", 0))).replace("%2", str(flag.get("total", 0))).replace(
        "%3", str(flag.get("matching", 0)))


def _flag_line(f: dict) -> str | None:
    kind = f.get("kind")
    if kind == "consent_left_out":
        return left_out_text(f)
    if kind == "notes_read":
        return read_text(f)
    return answer_flag(str(kind or ""))


def answer_flags(flags: list[dict]) -> str:
    """Every warning of a result, one line each, each said once (how many notes an answer
    read first, as information rather than a warning)."""
    info = [read_text(f) for f in flags or [] if f.get("kind") == "notes_read"]
    lines = [_flag_line(f) for f in flags or [] if f.get("kind") != "notes_read"]
    return "\n".join(dict.fromkeys(info + ["⚑ " + line for line in lines if line]))


def pii_label(kind: str) -> str:
    labels = {
        "card_number": QCoreApplication.translate("Flags", "a payment card number"),
        "iban": QCoreApplication.translate("Flags", "a bank account number (IBAN)"),
        "no_fnr": QCoreApplication.translate("Flags", "a Norwegian national identity number"),
        "se_personnummer": QCoreApplication.translate("Flags", "a Swedish personal identity number"),
        "dk_cpr": QCoreApplication.translate("Flags", "a Danish CPR number"),
    }
    return labels.get(kind) or QCoreApplication.translate("Flags", "a personal number")
