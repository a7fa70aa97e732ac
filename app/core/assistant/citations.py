"""Citations in answers: ``[n123]`` marks that a statement rests on note 123.

:func:`validate` guarantees that every citation left in the text names a note that was
given to the model; any other is removed from the text and reported as a flag. Forms a
model tends to write (``[n1, n2]``, ``[n1][n2]``, ``[N 12]``, ``[note 12]``) are
normalised first. Pure functions, run anywhere.
"""

from __future__ import annotations

import re

# A bracket holding one or more note references: [n1], [n1, n2], [note 3; n4], [N 5].
_GROUP = re.compile(r"\[\s*((?:(?:n|note)\s*#?\s*\d+\s*[,;]?\s*)+)\]", re.IGNORECASE)
_ID = re.compile(r"\d+")
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+([.,;:!?)])")
_DOUBLE_SPACE = re.compile(r"[ \t]{2,}")


def parse(text: str) -> list[int]:
    """Note ids cited in ``text``, in order of first appearance."""
    seen: dict[int, None] = {}
    for m in _GROUP.finditer(text or ""):
        for d in _ID.findall(m.group(1)):
            seen.setdefault(int(d), None)
    return list(seen)


def validate(text: str, given: dict[int, dict]) -> tuple[str, list[dict], list[dict]]:
    """Check citations against the notes ``given`` (id -> note).

    Returns ``(text, citations, flags)``: the text with each citation normalised to
    ``[n1][n2]`` form and invalid ones removed; ``citations`` as ``[{"note_id", "date"}]``
    in order of first appearance; one ``invalid_citation`` flag per removed id.
    """
    cited: dict[int, None] = {}
    invalid: dict[int, None] = {}

    def fix(m: re.Match) -> str:
        keep = []
        for d in _ID.findall(m.group(1)):
            nid = int(d)
            if nid in given:
                keep.append(nid)
                cited.setdefault(nid, None)
            else:
                invalid.setdefault(nid, None)
        return "".join(f"[n{n}]" for n in dict.fromkeys(keep))

    out = _GROUP.sub(fix, text or "")
    if invalid:
        out = _SPACE_BEFORE_PUNCT.sub(r"\1", out)
        out = _DOUBLE_SPACE.sub(" ", out)
    citations = [{"note_id": n, "date": _date(given[n])} for n in cited]
    flags = [{"kind": "invalid_citation", "note_id": n} for n in invalid]
    return out, citations, flags


def strip(text: str) -> str:
    """Remove every citation (a draft to a customer carries none)."""
    out = _GROUP.sub("", text or "")
    out = _SPACE_BEFORE_PUNCT.sub(r"\1", out)
    return _DOUBLE_SPACE.sub(" ", out)


def _date(note: dict) -> str | None:
    d = note.get("date") or note.get("occurred_at")
    return str(d)[:10] if d else None
