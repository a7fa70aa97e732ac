"""The one prompt-injection detector: flag text that tries to instruct an AI model.

Used at import time (the note's stored ``instruction_like`` flag, shown in the timeline) and
by the assistant (a flag beside an answer), so a note is flagged the same way in both.

The text is the customer's data and is stored unchanged; the flag tells the assistant (which
fences notes as quoted data anyway) and the user that a note holds instruction-like text.
:func:`instruction_like` looks at the text as written and at the forms an obfuscated
instruction takes once decoded: Unicode compatibility forms (full-width letters), look-alike
Cyrillic and Greek letters, invisible characters (zero-width, soft hyphen, other format
characters), combining marks stacked on letters, Unicode tag characters (invisible "ASCII
smuggling": each tag maps to an ASCII character), leetspeak digits, spaced-out letters and
base64. Patterns cover English, Norwegian, Swedish, Danish and German phrasings plus
chat-template control tokens. False positives only add a flag; they never change the text.
Pure functions, run anywhere.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from typing import Iterator

FLAG = "instruction_like"

# (hints, pattern): the pattern runs only on text (lower-cased) holding one of its hints, so
# an ordinary note costs a few substring scans, not a regex per pattern.
_TABLE = [
    # English
    (("ignor", "disregard", "forget", "overrid"),
     r"\b(ignore|disregard|forget|override)\b.{0,40}\b(previous|prior|above|earlier|all|your|the)\b.{0,30}\b(instructions?|prompts?|rules?|directions|guidelines|messages?)\b"),
    (("disregard", "forget"), r"\b(disregard|forget)\b.{0,40}\b(instructions?|rules?|prompts?|everything)"),
    (("you are",), r"\byou are now\b|\byou are (an? )?(ai|assistant|language model|chatbot|gpt)\b"),
    (("as an", "dear", "attention"), r"\b(as an|dear|attention,?) (ai|assistant|language model|chatbot)\b"),
    (("instruction",), r"\b(new|updated) (system )?instructions?\s*:"),
    (("system prompt",), r"\bsystem prompt\b"),
    (("act as", "behave as"), r"\b(act|behave) as (an?|the) (ai|assistant|model|language model|chatbot)\b"),
    (("prompt", "instruction"),
     r"\b(reveal|print|show|output|repeat)\b.{0,30}\b(system prompt|your instructions|hidden instructions|your prompt|the prompt|the instructions)\b"),
    (("anything now", "jailbreak"), r"\bdo anything now\b|\bjailbreak\b"),
    (("as an ai", "to the ai", "ai assistant", "language model"),
     r"\b(as an ai|to the ai|ai assistant|language model)\b.{0,60}\b(must|should|will|now)\b"),
    ((" all", "every"),
     r"\b(send|forward|email|e-mail|export)\b.{0,40}\b(all|every)\b.{0,30}\b(notes?|contacts?|data|customers?)\b"),
    # Norwegian / Danish
    (("ignorer", "glem", "se bort"),
     r"\b(ignorer|glem|se bort fra)\b.{0,40}\b(tidligere|forrige|alle|ovenstående)\b.{0,30}\b(instruksjoner|instruksjonene|instruktioner|instruktionerne|beskjeder)\b"),
    (("ignorer",), r"\bignorer\b.{0,40}\b(instruksjon|instruks)"),
    (("du er ",), r"\bdu er nå\b|\bdu er nu\b|\bdu er (nå )?en (ki|ai|assistent)\b"),
    # Swedish
    (("ignorera", "glöm", "bortse"),
     r"\b(ignorera|glöm|bortse från)\b.{0,40}\b(tidigare|föregående|alla|ovanstående)\b.{0,30}\b(instruktioner|instruktionerna|anvisningar)\b"),
    (("du är nu",), r"\bdu är nu\b"),
    # German
    (("ignorier", "vergiss", "vergessen", "missachte"),
     r"\b(ignoriere|ignorieren sie|vergiss|vergessen sie|missachte)\b.{0,40}\b(vorherigen|bisherigen|alle|obigen|vorigen)\b.{0,30}\b(anweisungen|instruktionen|regeln|befehle)\b"),
    (("du bist",), r"\bdu bist (jetzt|nun)\b"),
    # Chat-template and role markers a note has no reason to contain
    (("<", "[/inst]", "[inst]", "system", "assistant"), r"<\s*[|｜]|\[/?INST\]|<</?SYS>>|^\s*(system|assistant)\s*:"),
    (("think>",), r"</?think>"),
]
_RULES = [re.compile(p, re.IGNORECASE | re.MULTILINE | re.DOTALL) for _, p in _TABLE]
_HINTS: dict[str, list[int]] = {}
for _i, (_hints, _) in enumerate(_TABLE):
    for _h in _hints:
        _HINTS.setdefault(_h, []).append(_i)
_HINT_LIST = list(_HINTS.items())
_PATTERNS = [p for _, p in _TABLE]

# Look-alike letters (Cyrillic, Greek) mapped to the Latin letters the patterns are written in.
_CONFUSABLES = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
    "ԁ": "d", "ɡ": "g", "һ": "h", "ո": "n", "ս": "u", "ν": "v", "ο": "o", "α": "a", "ε": "e", "ι": "i",
    "κ": "k", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ѡ": "w", "ʏ": "y", "ⅰ": "i",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "У": "Y", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "Α": "A", "Β": "B", "Ε": "E", "Ι": "I", "Κ": "K",
    "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "Ζ": "Z",
})
_LEET_PAIRS = (("0", "o"), ("1", "i"), ("3", "e"), ("4", "a"), ("5", "s"), ("7", "t"), ("@", "a"), ("$", "s"), ("|", "l"),
               ("!", "i"))
_SPACED = re.compile(r"\b(?:\w[ ._\-*]){3,}\w\b")  # "i g n o r e", "i.g.n.o.r.e"
_BASE64 = re.compile(r"(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{16,}={0,2}(?![A-Za-z0-9+/=])")
# Cheap pre-checks (no word boundaries, no backtracking) before the costlier scans.
_MAYBE_SPACED = re.compile(r"[ ._*-][^ ._*-][ ._*-][^ ._*-][ ._*-]")
_MAYBE_LEET = re.compile(r"[013457@$|!]")
_MAYBE_BASE64 = re.compile(r"[A-Za-z0-9+/]{16}")
_TAG_FIRST, _TAG_LAST = 0xE0000, 0xE007F
_TAGS = re.compile("[\U000e0000-\U000e007f]")


_HIDDEN = ("Mn", "Me", "Cf")  # combining marks, enclosing marks, format characters


def _visible(text: str) -> str:
    """Compatibility forms folded, combining marks and invisible format characters (zero-width,
    soft hyphen, tags) removed, look-alike letters mapped to Latin."""
    d = unicodedata.normalize("NFKD", text)
    for ch in {ch for ch in d if ch > "\x7f"}:  # str.replace per distinct character: fast in C
        if unicodedata.category(ch) in _HIDDEN:
            d = d.replace(ch, "")
        elif ord(ch) in _CONFUSABLES:
            d = d.replace(ch, _CONFUSABLES[ord(ch)])
    return d


def _untagged(text: str) -> str:
    """Unicode tag characters read as the ASCII they stand for (invisible on screen, read by
    a model); nothing else changed."""
    return "".join(chr(ord(ch) - _TAG_FIRST) if _TAG_FIRST < ord(ch) <= _TAG_LAST else ch for ch in text)


def variants(text: str) -> Iterator[str]:
    """The text, then the forms an obfuscated instruction would take once decoded."""
    yield text
    if not text.isascii():
        if _TAGS.search(text):
            yield _visible(_untagged(text))
        text = _visible(text)
        yield text
    if _MAYBE_SPACED.search(text) and _SPACED.search(text):
        text = _SPACED.sub(lambda m: re.sub(r"[ ._\-*]", "", m.group(0)), text)
        yield text
    if _MAYBE_LEET.search(text):
        leet = text
        for digit, letter in _LEET_PAIRS:  # str.replace: far cheaper than translate here
            if digit in leet:
                leet = leet.replace(digit, letter)
        yield leet
    if not _MAYBE_BASE64.search(text):
        return
    for m in _BASE64.finditer(text):
        chunk = m.group(0)
        try:
            decoded = base64.b64decode(chunk + "=" * (-len(chunk) % 4), validate=True).decode("utf-8")
        except (binascii.Error, ValueError, UnicodeDecodeError):
            continue
        if sum(ch.isprintable() or ch.isspace() for ch in decoded) >= 0.9 * len(decoded):
            yield decoded


def instruction_like(text: str | None) -> bool:
    """True when ``text`` (as written or de-obfuscated) reads like an instruction aimed at an
    AI model."""
    if not text:
        return False
    forms = list(dict.fromkeys(variants(text)))
    low = "\x00".join(forms).lower()
    rules = {i for hint, idx in _HINT_LIST if hint in low for i in idx}  # plain substring scans
    return any(_RULES[i].search(v) for i in sorted(rules) for v in forms)
