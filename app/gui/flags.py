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
    t = QCoreApplication.translate
    texts = {
        "instruction_like": t("Flags", "A note looks like an instruction to the assistant; it was read as data only"),
        "invalid_citation": t("Flags", "A reference to a note the assistant was not given was removed"),
        "stopped_at_length": t("Flags", "The answer stopped at its length limit and may be incomplete"),
        "malformed_reasoning": t("Flags", "The model broke the reasoning format; the answer is shown as given"),
        "thinking_budget_hit": t("Flags", "The reasoning was cut at the thinking budget"),
        "personal_number": t("Flags", "The text may contain a personal number (ID, card or account)"),
        "payment_data": t("Flags", "The text may contain payment data (a card or bank account number)"),
        "no_notes": t("Flags", "There are no notes about this subject; the answer has little to go on"),
        "notes_omitted": t("Flags", "Some older notes did not fit and were left out"),
        "no_matching_notes": t("Flags", "No note matched the question's words; recent notes were used"),
        "repetition": t("Flags", "The model began to repeat itself and was stopped; the repeats were removed"),
        "prompt_echo": t("Flags", "The answer repeats the assistant's own instructions; check it before use"),
    }
    if kind == "map_reduce":
        return None  # how a long summary was made, not a warning
    return texts.get(kind) or t("Flags", "Check this answer before you use it")


def answer_flags(flags: list[dict]) -> str:
    """Every warning of a result, one line each, each said once."""
    lines = [answer_flag(str(f.get("kind", ""))) for f in flags or []]
    return "\n".join(dict.fromkeys("⚑ " + line for line in lines if line))


def pii_label(kind: str) -> str:
    t = QCoreApplication.translate
    labels = {
        "card_number": t("Flags", "a payment card number"),
        "iban": t("Flags", "a bank account number (IBAN)"),
        "no_fnr": t("Flags", "a Norwegian national identity number"),
        "se_personnummer": t("Flags", "a Swedish personal identity number"),
        "dk_cpr": t("Flags", "a Danish CPR number"),
    }
    return labels.get(kind) or t("Flags", "a personal number")
