"""Flag note text that tries to instruct an AI model.

The text is the customer's data and is stored unchanged; the flag tells the assistant
(which fences notes as quoted data anyway) and the user that a note holds
instruction-like text. :func:`instruction_like` is pure and fast (one compiled regex),
and is shared with ``app.core.assistant``.

Patterns cover English, Norwegian, Swedish, Danish and German phrasings plus chat-
template control tokens. False positives only add a flag; they never change the text.
"""

from __future__ import annotations

import re

_PATTERNS = [
    # English
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(previous|prior|above|earlier|all|your|the)\b.{0,30}\b(instructions?|prompts?|rules|directions|guidelines)\b",
    r"\byou are now\b",
    r"\b(new|updated) (system )?instructions?\s*:",
    r"\bsystem prompt\b",
    r"\b(act|behave) as (an?|the) (ai|assistant|model|language model|chatbot)\b",
    r"\b(reveal|print|show|repeat)\b.{0,30}\b(system prompt|your instructions|hidden instructions)\b",
    r"\bdo anything now\b|\bjailbreak\b",
    r"\b(as an ai|to the ai|ai assistant|language model)\b.{0,60}\b(must|should|will|now)\b",
    # Norwegian / Danish
    r"\b(ignorer|glem|se bort fra)\b.{0,40}\b(tidligere|forrige|alle|ovenstående)\b.{0,30}\b(instruksjoner|instruksjonene|instruktioner|instruktionerne|beskjeder)\b",
    r"\bdu er nå\b|\bdu er nu\b",
    # Swedish
    r"\b(ignorera|glöm|bortse från)\b.{0,40}\b(tidigare|föregående|alla|ovanstående)\b.{0,30}\b(instruktioner|instruktionerna|anvisningar)\b",
    r"\bdu är nu\b",
    # German
    r"\b(ignoriere|ignorieren sie|vergiss|vergessen sie|missachte)\b.{0,40}\b(vorherigen|bisherigen|alle|obigen|vorigen)\b.{0,30}\b(anweisungen|instruktionen|regeln|befehle)\b",
    r"\bdu bist (jetzt|nun)\b",
    # Chat-template and role markers a note has no reason to contain
    r"<\|[a-z_]+\|>|<\｜[^>]{1,40}\｜>|\[/?INST\]|<</?SYS>>|^\s*(system|assistant)\s*:",
    r"</?think>",
]
_RX = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE | re.MULTILINE | re.DOTALL)
FLAG = "instruction_like"

# Every pattern above contains one of these roots or phrases, or one of the marker
# characters; a cheap substring scan rules out almost every real note before
# the full regex runs (the regex alone costs tens of microseconds per note).
_ROOTS = ("ignor", "disregard", "forget", "overrid", "instruc", "system", "assistant", "jailbreak", "anything",
          "language", "glem", "glöm", "bortse", "vergiss", "vergessen", "missachte")
_PHRASES = (" are now", "du er n", "du är nu", "du bist", "as an ai", "to the ai", "act as", "behave as", "se bort")
_HINTS = ("<", "[", "\uff5c") + _ROOTS + _PHRASES


def instruction_like(text: str | None) -> bool:
    """True when ``text`` reads like an instruction aimed at an AI model."""
    if not text:
        return False
    low = text.lower()
    for h in _HINTS:  # plain substring scans: about 10 us for a typical note
        if h in low:
            return _RX.search(text) is not None
    return False
