"""The model's part of the brief (issue 23): a short summary of what changed and the next
steps, as one JSON answer constrained by a JSON schema (a llama.cpp grammar, through
:mod:`app.core.llm` only).

Guarantees:

- the model writes words only: facts (dates, amounts, stages) stay the vault's; a next step's
  due date is the note's own words ("innen fredag 24.05.") parsed in code
  (:mod:`app.core.assistant.duedates`) relative to the cited note's date, never a date the
  model computed;
- the summary is at most :data:`SUMMARY_WORDS` words, and every citation in it and every
  next step's citation names a note the model was given (others are removed and flagged, as
  for every task);
- three steps, so the vault's thread is never held while the model writes: :func:`load`
  (vault thread) gives a :class:`BriefJob`; :meth:`BriefJob.run` generates (any thread, no
  vault); :func:`save` stores the brief (vault thread).
"""

from __future__ import annotations

import inspect
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from app.core.assistant import citations, duedates, language
from app.core.assistant.brief import Brief, NextStep, with_model_part
from app.core.assistant.fencing import DATA_RULES, fence_note, note_is_flagged
from app.core.assistant.generation import Options, generate, stop_flags
from app.core.assistant.notes import Note
from app.core.vault import brief_store

SUMMARY_WORDS = 120
MAX_NOTES = 12  # the changed notes, newest first; else the newest notes
MAX_NOTE_CHARS = 1200
MAX_STEPS = 5

SCHEMA = {
    "type": "object",
    "properties": {
        # No maxLength: llama.cpp spells a bounded string out as that many optional characters,
        # a grammar so large that sampling slows to a crawl. Lengths are capped in code instead.
        "summary": {"type": "string"},
        "next_steps": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "text": {"type": "string"},
                    "due": {"type": ["string", "null"]},
                    "citation": {"type": "integer"},
                },
                "required": ["text", "due", "citation"],
            },
        },
    },
    "required": ["summary", "next_steps"],
}


def _notes_for(brief: Brief, withheld: set[int] = frozenset()) -> list[Note]:
    day = brief.as_of.isoformat()
    changed = [c.id for c in brief.changes if c.kind != "deal"]
    chosen = [brief.items[i] for i in changed if i in brief.items and i not in withheld]
    if not chosen:
        chosen = [i for i in brief.items.values() if i.date and i.date[:10] <= day and i.id not in withheld]
        chosen.sort(key=lambda i: (i.date or "", i.id), reverse=True)
    chosen = chosen[:MAX_NOTES]
    return [Note(i.id, i.date, i.title, i.body, i.source, i.contact_id, i.account_id, tuple(i.flags)) for i in chosen]


def _facts_block(brief: Brief) -> str:
    """The facts the model may refer to, copied from the vault (it must not restate numbers)."""
    lines = [f"Subject: {brief.subject.name} ({brief.subject.kind}); today is {brief.as_of.isoformat()}."]
    for d in brief.open_deals:
        lines.append(f"Open deal: {d.name}; stage {d.stage or '?'}; close date {d.close_date or '?'}")
    for r in brief.risks:
        lines.append(f"Risk: {r.text}")
    return "<<<FACTS>>>\n" + "\n".join(f"> {ln}" for ln in lines) + "\n<<<END FACTS>>>"


def prompt(brief: Brief, notes: list[Note], lang: str) -> str:
    parts = [
        "You are helping a salesperson prepare for a call, from their own customer notes.",
        DATA_RULES,
        _facts_block(brief),
        "\n\n".join(fence_note(n, max_chars=MAX_NOTE_CHARS) for n in notes) or "(No notes.)",
        "TASK: Answer with one JSON object with two keys.",
        f"\"summary\": what changed, in at most {SUMMARY_WORDS} words; end each statement with the ids of the notes it "
        "rests on, like [n12]. Do not restate amounts or dates; the salesperson sees them already.",
        f"\"next_steps\": at most {MAX_STEPS} things the salesperson or the customer promised or must do next, each "
        "{\"text\": what to do, \"due\": the exact words of the note that say when (for example \"by Friday 24.05.\" or "
        "\"next week\"), or null when the note gives no time, \"citation\": the number of the note it comes from}.",
        "Use only what the notes say; never invent a step, a name or a time.",
        language.instruction(lang),
    ]
    return "\n\n".join(parts)


@dataclass
class ModelPart:
    text: str
    citations: list[dict]
    next_steps: list[NextStep]
    flags: list[dict] = field(default_factory=list)


def cap_words(text: str, limit: int = SUMMARY_WORDS) -> str:
    """At most ``limit`` words (citations do not count), cut at a sentence end when one is near."""
    tokens = re.findall(r"\[n\d+\]|\S+|\s+", text)
    out, words = [], 0
    for t in tokens:
        if not t.isspace() and not re.fullmatch(r"\[n\d+\]", t):
            words += 1
            if words > limit:
                break
        out.append(t)
    cut = "".join(out).rstrip()
    if words > limit:
        end = max(cut.rfind(". "), cut.rfind(".["), cut.rfind(".\n"))
        if end > len(cut) // 2:
            cut = cut[: end + 1]
            m = re.match(r"(\[n\d+\])+", "".join(out)[end + 1:].lstrip())
            if m:
                cut += m.group(0)
        else:
            cut += "…"
    return cut


def parse_answer(text: str, given: dict[int, Note]) -> ModelPart:
    """The model's JSON as a checked :class:`ModelPart`; a broken answer gives an empty one, flagged."""
    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError
    except ValueError:
        m = re.search(r"\{.*\}", text or "", re.S)
        try:
            data = json.loads(m.group(0)) if m else None
        except ValueError:
            data = None
        if not isinstance(data, dict):
            return ModelPart("", [], [], [{"kind": "malformed_json", "detail": "the model's answer was not the JSON asked for"}])
    summary, cites, flags = citations.validate(cap_words(str(data.get("summary") or "").strip()), given)
    steps: list[NextStep] = []
    for s in data.get("next_steps") or []:
        if not isinstance(s, dict) or not str(s.get("text") or "").strip():
            continue
        raw = s.get("citation")
        try:
            nid = None if raw is None else int(str(raw).strip().strip("[]").lstrip("nN"))
        except ValueError:
            nid = None
        if nid is not None and nid not in given:
            flags.append({"kind": "invalid_citation", "note_id": nid})
            nid = None
        words = str(s.get("due") or "")
        step_text = " ".join(str(s["text"]).split())[:200]
        steps.append(NextStep(step_text, due_of(words, step_text, given.get(nid)), nid))
    return ModelPart(summary, cites, steps[:MAX_STEPS], flags)


def due_of(words: str, step_text: str, note: Note | None) -> str | None:
    """A step's due date from the note's words, relative to the note's date (never the model's date)."""
    if note is None or not note.date:
        return None
    try:
        ref = date.fromisoformat(note.date[:10])
    except ValueError:
        return None
    for text in (words, step_text):
        d = duedates.parse_due(text, ref)
        if d is not None:
            return d.isoformat()
    return None


@dataclass
class BriefJob:
    facts: Brief
    notes: list[Note]
    lang: str
    left_out: list[dict] = field(default_factory=list)  # consent_left_out flags (notes no prompt may hold)

    def messages(self) -> list[dict]:
        return [{"role": "user", "content": prompt(self.facts, self.notes, self.lang)}]

    def run(self, engine, *, quick: bool = True, cancel=None, on_event=None, seed=None, on_progress=None,
            answer_tokens: int | None = None) -> ModelPart:
        """Generate (no vault access). JSON needs no reasoning block, so the model answers at once."""
        given = {n.id: n for n in self.notes}
        structured = "json_schema" in inspect.signature(engine.stream).parameters
        opts = Options(quick=True, cancel=cancel, on_event=on_event, seed=seed, temperature=0.2, answer_tokens=answer_tokens,
                       json_schema=SCHEMA if structured else None)
        gen = generate(engine, self.messages(), task="brief", opts=opts)
        part = parse_answer(gen.text, given)
        part.flags += stop_flags(gen.done)
        part.flags += [{"kind": "instruction_like", "note_id": n.id} for n in self.notes if note_is_flagged(n)]
        part.flags += self.left_out
        return part


def load(ctx, facts: Brief, *, lang: str | None = None) -> BriefJob:
    """Runs on the vault's thread (the facts are already read). A person who objected to
    processing or asked to be forgotten never has a note in the prompt (issue 28)."""
    from app.core.privacy import consent as consent_rules
    from app.core.vault import consent

    withheld = consent.withheld_notes(ctx.vault.conn, list(facts.items))
    notes = _notes_for(facts, set(withheld))
    code = language.normalise(lang) or language.detect([f"{n.title or ''} {n.body}" for n in notes], default="en")
    return BriefJob(facts, notes, code, consent_rules.left_out_flags(withheld, facts.subject.kind))


def save(ctx, job: BriefJob, part: ModelPart) -> Brief:
    """The brief with its model part, stored for the next opening (vault thread)."""
    full = with_model_part(job.facts, text=part.text, citations=part.citations, next_steps=part.next_steps)
    full.generated_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    if not ctx.vault.read_only:
        with ctx.vault.transaction() as conn:
            brief_store.save_brief(conn, full.subject.kind, full.subject.id, full.as_of.isoformat(), full.as_json())
    return full


def stored(conn, facts: Brief) -> Brief | None:
    """Today's facts with the stored brief's model part, or None when none is stored. ``stale``
    says it was built for another day or before the subject's latest data arrived."""
    kept = brief_store.load_brief(conn, facts.subject.kind, facts.subject.id)
    if kept is None:
        return None
    b = apply_stored(facts, kept)
    b.stale = (kept.as_of != facts.as_of.isoformat()
               or brief_store.latest_change(conn, **facts.subject.scope()) > brief_store.utc_stamp(kept.built_at))
    return b


def fresh_stored(conn, facts: Brief) -> Brief | None:
    """The stored brief when it is not stale; else None (the model part is generated again)."""
    b = stored(conn, facts)
    return b if b is not None and not b.stale else None


def apply_stored(facts: Brief, kept) -> Brief:
    p = kept.payload
    steps = [NextStep(s.get("text") or "", s.get("due"), s.get("citation")) for s in p.get("next_steps") or []]
    b = with_model_part(facts, text=(p.get("summary") or {}).get("text"), citations=(p.get("summary") or {}).get("citations") or [],
                        next_steps=steps)
    b.generated_at = p.get("generated_at") or kept.built_at
    return b
