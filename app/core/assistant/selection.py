"""Choosing which notes go into a prompt, within a token budget, and planning map-reduce.

Guarantees (pure functions; ``count`` is the engine's tokenizer, so budgets are exact):

- :func:`select` never returns blocks whose tokens add up to more than ``budget``; a single
  note longer than the budget is cut (and marked cut) rather than dropped silently;
- notes are ranked by :func:`rank` (the best matches of the topic, the newest few, the
  other matches: the ids of ``relevant``, best first; then recency), and the chosen ones are given to the model
  oldest first, as a timeline;
- :func:`plan_chunks` splits *all* notes into chunks that each fit ``budget``, in date
  order, so a summary can cover an account of any size (map-reduce);
- :func:`plan_parts` does the same at stable date boundaries (year, then quarter, month,
  week, day, only as far as a period must be split to fit), so a note added later, or
  backdated, or edited, changes only the part its date falls in: the other parts' prompts
  are the same as before, and their results can be reused (incremental summaries).
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


def _year(d: str) -> str:
    return d[:4] if d != "undated" else d


def _quarter(d: str) -> str:
    return f"{d[:4]}Q{(int(d[5:7]) - 1) // 3 + 1}" if d != "undated" else d


def _month(d: str) -> str:
    return d[:7] if d != "undated" else d


def _week(d: str) -> str:
    if d == "undated":
        return d
    # Weeks inside a month (the level above): day 1-7, 8-14, … — never across a month's edge.
    return f"{d[:7]}w{max(int(d[8:10]) - 1, 0) // 7}"


def _day(d: str) -> str:
    return d


PERIODS: tuple[Callable[[str], str], ...] = (_year, _quarter, _month, _week, _day)


def plan_parts(notes: Iterable[dict], *, count: Count, budget: int) -> list[Selection]:
    """All notes (date order) in parts that each fit ``budget`` tokens, cut at stable dates.

    Every year is a part of its own if its notes fit; a year that does not fit is cut into
    quarters, a quarter into months, a month into weeks (days 1-7, 8-14, …), a week into
    days, and only a day that still does not fit is cut by size (:func:`plan_chunks`). How a
    period is cut depends on that period's notes alone, so adding, backdating, editing or
    removing one note changes the part(s) of its own period and no other. Undated notes
    form a period of their own."""
    blocks = []
    for note in sorted(notes, key=lambda n: (note_date(n), int(n["id"]))):
        block = make_block(note, count, budget)
        if block is not None:
            blocks.append(block)
    return _cut(blocks, 0, budget, count)


def _cut(blocks: list[Block], level: int, budget: int, count: Count) -> list[Selection]:
    if level >= len(PERIODS):
        return list(plan_chunks([b.note for b in blocks], count=count, budget=budget))
    out: list[Selection] = []
    groups: dict[str, list[Block]] = {}
    for b in blocks:  # date order is kept: a dict keeps insertion order
        groups.setdefault(PERIODS[level](note_date(b.note)), []).append(b)
    for group in groups.values():
        tokens = sum(b.tokens for b in group)
        if tokens <= budget:
            out.append(Selection(blocks=group, tokens=tokens))
        else:
            out += _cut(group, level + 1, budget, count)
    return out


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
