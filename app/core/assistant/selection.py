"""Choosing which notes go into a prompt, within a token budget, and planning map-reduce.

Guarantees (pure functions; ``count`` is the engine's tokenizer, so budgets are exact):

- :func:`select` never returns blocks whose tokens add up to more than ``budget``; a single
  note longer than the budget is cut (and marked cut) rather than dropped silently;
- notes are ranked by :func:`rank` (the best matches of the topic, the newest few, the
  other matches: the ids of ``relevant``, best first; then recency), and the chosen ones are given to the model
  oldest first, as a timeline;
- :func:`plan_chunks` splits *all* notes into chunks that each fit ``budget``, in date
  order, so a summary can cover an account of any size (map-reduce).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from app.core.assistant.fencing import fence_note, note_date

Count = Callable[[str], int]


@dataclass
class Block:
    note: dict
    text: str
    tokens: int
    cut: bool = False

    @property
    def id(self) -> int:
        return int(self.note["id"])


@dataclass
class Selection:
    blocks: list[Block] = field(default_factory=list)
    omitted: int = 0  # notes that did not fit
    tokens: int = 0

    @property
    def notes(self) -> list[dict]:
        return [b.note for b in self.blocks]

    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)


def make_block(note: dict, count: Count, budget: int) -> Block | None:
    """The note fenced; cut to fit ``budget`` tokens if needed; None if not even a stub fits."""
    text = fence_note(note)
    tokens = count(text) + 2  # +2: the blank line that joins blocks
    if tokens <= budget:
        return Block(note, text, tokens)
    body_len = len(note.get("body") or "")
    chars = int(body_len * budget / max(tokens, 1) * 0.9)
    for _ in range(6):
        if chars < 40:
            return None
        text = fence_note(note, max_chars=chars)
        tokens = count(text) + 2
        if tokens <= budget:
            return Block(note, text, tokens, cut=True)
        chars = int(chars * 0.75)
    return None


RECENT_KEEP = 3  # the newest notes stay in every selection, whatever the question
BEST_FIRST = 2  # ... after the best matches, which come before everything else


def rank(notes: list[dict], relevant: Iterable[int] = ()) -> list[dict]:
    """Notes, most useful first: the :data:`BEST_FIRST` best matches of the topic
    (``relevant``, best first), the :data:`RECENT_KEEP` newest, the other matches, then the
    rest, newest first. Without a topic: newest first."""
    by_date = sorted(notes, key=lambda n: (note_date(n), int(n["id"])), reverse=True)
    order = {int(i): pos for pos, i in enumerate(dict.fromkeys(int(i) for i in relevant))}
    if not order:
        return by_date
    matching = sorted((n for n in by_date if int(n["id"]) in order), key=lambda n: order[int(n["id"])])
    first = matching[:BEST_FIRST]
    taken = {int(n["id"]) for n in first}
    newest = [n for n in by_date if int(n["id"]) not in taken][:RECENT_KEEP]
    taken |= {int(n["id"]) for n in newest}
    return first + newest + [n for n in matching + by_date if int(n["id"]) not in taken and not taken.add(int(n["id"]))]


def select(notes: list[dict], *, count: Count, budget: int, relevant: Iterable[int] = (), max_notes: int | None = None) -> Selection:
    sel = Selection()
    chosen: list[Block] = []
    remaining = budget
    for note in rank(notes, relevant):
        if max_notes is not None and len(chosen) >= max_notes:
            break
        if remaining < 24:
            break
        block = make_block(note, count, remaining)
        if block is None:
            continue
        # A cut note is acceptable only when it is the first (most useful) one; otherwise
        # whole notes that fit are worth more than fragments.
        if block.cut and chosen:
            continue
        chosen.append(block)
        remaining -= block.tokens
    chosen.sort(key=lambda b: (note_date(b.note), b.id))
    sel.blocks = chosen
    sel.tokens = budget - remaining
    sel.omitted = len(notes) - len(chosen)
    return sel


def plan_chunks(notes: Iterable[dict], *, count: Count, budget: int) -> Iterable[Selection]:
    """Yield chunks of notes (date order) each within ``budget`` tokens.

    A generator, so a caller working through 10,000 notes holds one chunk's blocks at a time.
    """
    ordered = sorted(notes, key=lambda n: (note_date(n), int(n["id"])))
    current = Selection()
    for note in ordered:
        block = make_block(note, count, budget)
        if block is None:
            continue
        if current.blocks and current.tokens + block.tokens > budget:
            yield current
            current = Selection()
        current.blocks.append(block)
        current.tokens += block.tokens
    if current.blocks:
        yield current


def group_texts(items: list[tuple[str, int]], budget: int) -> list[list[str]]:
    """Group (text, tokens) pairs into lists that each fit ``budget`` (for the reduce step)."""
    groups: list[list[str]] = []
    cur: list[str] = []
    used = 0
    for text, tokens in items:
        if cur and used + tokens > budget:
            groups.append(cur)
            cur, used = [], 0
        cur.append(text)
        used += tokens
    if cur:
        groups.append(cur)
    return groups
