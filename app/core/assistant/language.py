"""Which language notes are written in, and how to ask the model for one.

Stop-word scoring over English, Norwegian bokmål, Swedish, Danish and German: each word
counts for the languages whose common words include it, weighted by how few languages
share it (so "og" helps nb and da; "af" only da). Pure functions, run anywhere.
"""

from __future__ import annotations

import re
from collections import Counter

from app.core.errors import UsageError

NAMES = {
    "en": "English",
    "nb": "Norwegian Bokmål",
    "nn": "Norwegian Nynorsk",
    "sv": "Swedish",
    "da": "Danish",
    "de": "German",
}
ALIASES = {"no": "nb", "nob": "nb", "norsk": "nb", "bokmål": "nb", "bokmal": "nb", "nno": "nn", "nynorsk": "nn",
           "eng": "en", "english": "en", "swe": "sv", "se": "sv", "svenska": "sv", "dan": "da", "dk": "da", "dansk": "da",
           "ger": "de", "deu": "de", "deutsch": "de"}

# Phrase the model must use when the notes do not answer a question, per language.
NOT_IN_NOTES = {
    "en": "The notes don't say.",
    "nb": "Notatene sier ikke noe om det.",
    "nn": "Notata seier ikkje noko om det.",
    "sv": "Anteckningarna säger inget om det.",
    "da": "Noterne siger ikke noget om det.",
    "de": "Die Notizen sagen dazu nichts.",
}

_STOP = {
    "en": "the and to of a in is that for it with as was on be at by this have from or are not we they you he she "
    "will would our their what when which about there been has had but can all were said also if then".split(),
    "nb": "og i det er som en på til med av for ikke har de var jeg han hun vi seg men et å om fra skal kan vil "
    "må etter også hva hvordan nå bare noe mye meg deg dere oss eller sier sa blir ble hadde får ønsker neste uke".split(),
    "da": "og i det er som en på til med af for ikke har de var jeg han hun vi sig men et at om fra skal kan vil "
    "må efter også hvad hvordan nu kun noget meget mig dig jer os eller siger sagde bliver blev havde får ønsker næste uge".split(),
    "sv": "och i det är som en på till med av för inte har de var jag han hon vi sig men ett att om från ska kan vill "
    "måste efter också vad hur nu bara något mycket mig dig er oss eller säger sa blir blev hade får önskar nästa vecka".split(),
    "de": "der die das und ist nicht ein eine zu mit von für auf den dem des im sich wir sie er es ich auch "
    "wird wurde hat haben aber oder wenn dass nach noch bei aus über nächste woche möchte soll kann".split(),
}
_SHARE = Counter(w for words in _STOP.values() for w in set(words))
_WEIGHTS = {lang: {w: 1.0 / _SHARE[w] for w in words} for lang, words in _STOP.items()}
_WORD = re.compile(r"[a-zæøåäöüß]+", re.IGNORECASE)
_EXTRA = {  # letters that only some of the five use
    "ß": {"de": 2.0}, "ü": {"de": 1.0}, "æ": {"nb": 0.5, "da": 0.5}, "ø": {"nb": 0.5, "da": 0.5},
    "ä": {"sv": 0.7, "de": 0.3}, "ö": {"sv": 0.7, "de": 0.3},
}


def normalise(code: str | None) -> str | None:
    """``None`` stays None; known codes and aliases map to a key of :data:`NAMES`."""
    if code is None or code == "":
        return None
    c = code.strip().lower().replace("_", "-").split("-")[0]
    c = ALIASES.get(c, c)
    if c not in NAMES:
        raise UsageError(f"Unknown language '{code}'. Known: {', '.join(NAMES)}.")
    return c


def scores(text: str) -> dict[str, float]:
    s = {lang: 0.0 for lang in NAMES}
    for word in _WORD.findall(text.lower()):
        for lang, weights in _WEIGHTS.items():
            s[lang] += weights.get(word, 0.0)
    for ch, bonus in _EXTRA.items():
        n = text.count(ch)
        if n:
            for lang, w in bonus.items():
                s[lang] += w * min(n, 20)
    return s


def detect(texts: list[str] | str, *, default: str | None = None) -> str | None:
    """The most likely language of ``texts``, or ``default`` when there is too little to tell."""
    if isinstance(texts, str):
        texts = [texts]
    s = scores("\n".join(t for t in texts if t)[:20000])
    best = max(s, key=s.get)
    if s[best] < 1.0:
        return default
    return best


def instruction(code: str) -> str:
    """The line that tells the model which language to write in."""
    name = NAMES[code]
    return f"Write your whole answer in {name} ({code}), whatever language the notes are in."


# A follow-up that asks for another language: "skriv den på norsk", "in English please",
# "auf Deutsch", "på svenska". Each pattern names one language; the words are the user's.
_REQUESTS = [
    ("nn", r"\bnynorsk\b"),
    ("nb", r"\b(?:bokmål|bokmal)\b|\bp[åa] norsk\b|\bnorwegian\b|\bnorsk\b|\bnorwegisch\b"),
    ("en", r"\b(?:in|into|to) english\b|\bp[åa] engelsk\b|\bauf englisch\b|\benglish(?: please)?\b|\bengelsk\b"),
    ("de", r"\b(?:in|into|to) german\b|\bauf deutsch\b|\bp[åa] tysk\b|\bdeutsch\b|\bgerman\b"),
    ("sv", r"\b(?:in|into|to) swedish\b|\bp[åa] svenska\b|\bp[åa] svensk\b|\bswedish\b|\bsvenska\b"),
    ("da", r"\b(?:in|into|to) danish\b|\bp[åa] dansk\b|\bdanish\b|\bdansk\b"),
]
_REQUEST_RES = [(code, re.compile(pat, re.IGNORECASE)) for code, pat in _REQUESTS]


def requested(text: str | None) -> str | None:
    """The language a follow-up instruction asks for ("skriv den på norsk" -> "nb",
    "in English please" -> "en"), or None when it names none (or names more than one)."""
    found = {code for code, rx in _REQUEST_RES if rx.search(text or "")}
    if "nn" in found:
        found.discard("nb")  # "på nynorsk" also matches "norsk"
    return found.pop() if len(found) == 1 else None
