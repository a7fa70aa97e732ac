"""Running one model turn for a task, and the result a task hands back.

:func:`generate` drains the engine's stream (passing each event to ``on_event`` as it
comes, for the terminal or the GUI), and guarantees:

- cancel (the ``cancel`` event, or Ctrl-C in the CLI, which sets it) raises
  :class:`TaskCancelled` or KeyboardInterrupt *before* anything is saved, and the stream is
  closed so the engine stops within one token and stays usable;
- a model that stops at the length limit or breaks the think-tag format still gives a
  result, with a flag that says so;
- a model that loops is stopped, its repeats are cut from the saved text, and the result
  is flagged ``repetition``; the answer alone never exceeds its answer budget (a model
  that skips its reasoning cannot spend the thinking budget on the answer).

Runs on whatever thread calls it (the CLI's main thread, a GUI worker), never the GUI thread.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Callable

from app.core.errors import AppError, Cancelled, N_
from app.core.llm.events import AnswerChunk, Done, ReasoningChunk
from app.core.llm.loops import trim

SAFETY_TOKENS = 48  # chat-template tokens around the turns, plus rounding
PER_MESSAGE_TOKENS = 8

ANSWER_TOKENS = {"draft": 450, "summarize": 800, "ask": 400, "map": 450, "brief": 420}
# The answer fits the amount of notes: a summary of 3 notes needs a few lines, not 800 tokens.
BASE_TOKENS = {"draft": 450, "summarize": 160, "ask": 140, "map": 120, "brief": 420}
PER_NOTE_TOKENS = {"draft": 0, "summarize": 60, "ask": 40, "map": 40, "brief": 0}


def answer_budget(task: str, notes: int) -> int:
    """Default answer tokens for ``task`` over ``notes`` notes (at most ANSWER_TOKENS[task])."""
    return min(ANSWER_TOKENS[task], BASE_TOKENS[task] + PER_NOTE_TOKENS[task] * max(int(notes), 1))


TaskCancelled = Cancelled  # the old name; one cancel exception for the whole app


@dataclass(frozen=True)
class Step:
    """Where a task is, for a progress line (the window words it; ``str()`` is the CLI's line).

    ``read``: the model is reading ``notes`` notes (in one prompt); ``part``: part ``part`` of
    ``parts`` of a long summary; ``combine``: combining partial summaries; ``write``: writing
    the final summary; ``reuse``: ``part`` of ``parts`` map parts were kept from an earlier
    summary and are not read again."""

    stage: str
    notes: int = 0
    part: int = 0
    parts: int = 0

    def __str__(self) -> str:
        if self.stage == "part":
            return f"Reading notes: part {self.part} of {self.parts}"
        if self.stage == "combine":
            return f"Combining: part {self.part} of {self.parts}"
        if self.stage == "write":
            return "Writing the summary"
        if self.stage == "reuse":
            return f"Reused {self.part} of {self.parts} parts from an earlier summary"
        return f"Reading {self.notes} notes"


@dataclass
class Options:
    """How to run a task. ``answer_tokens``/``thinking_budget`` default per task / from settings."""

    quick: bool = False
    answer_tokens: int | None = None
    thinking_budget: int | None = None
    temperature: float = 0.6
    seed: int | None = None
    cancel: threading.Event | None = None
    on_event: Callable | None = None
    on_progress: Callable[[Step], None] | None = None  # where a long task is
    notes: int | None = None  # notes the task reads: sets the default answer budget
    json_schema: dict | None = None  # the answer is JSON of this schema (a grammar; use with quick)

    def answer_limit(self, task: str) -> int:
        if self.answer_tokens:
            return int(self.answer_tokens)
        return ANSWER_TOKENS[task] if self.notes is None else answer_budget(task, self.notes)

    def max_tokens(self, task: str) -> int:
        return self.answer_limit(task) + (0 if self.quick else int(self.thinking_budget or 0))


@dataclass
class Generation:
    text: str
    reasoning: str
    done: Done


@dataclass
class Totals:
    reasoning_tokens: int = 0
    answer_tokens: int = 0
    seconds: float = 0.0
    first_answer_seconds: float | None = None
    reused_tokens: int = 0
    prompt_tokens: int = 0
    calls: int = 0

    def add(self, d: Done) -> None:
        self.reasoning_tokens += d.reasoning_tokens
        self.answer_tokens += d.answer_tokens
        if self.first_answer_seconds is None and d.first_answer_seconds is not None:
            self.first_answer_seconds = self.seconds + d.first_answer_seconds
        self.seconds += d.total_seconds
        self.reused_tokens += getattr(d, "reused_tokens", 0) or 0
        self.prompt_tokens += d.prompt_tokens
        self.calls += 1


@dataclass
class TaskResult:
    conversation_id: int | None
    task: str
    text: str
    subject: str | None = None
    citations: list[dict] = field(default_factory=list)
    flags: list[dict] = field(default_factory=list)
    model: str = ""
    reasoning_tokens: int = 0
    answer_tokens: int = 0
    seconds: float = 0.0
    # Not part of the JSON result:
    language: str | None = None
    stop_reason: str = "stop"
    first_answer_seconds: float | None = None
    reused_tokens: int = 0
    prompt_tokens: int = 0
    cache_tokens: int = 0  # of the reused tokens, those restored from the encrypted disk cache
    draft_id: int | None = None
    notes_given: int = 0
    reasoning: str = field(default="", repr=False)

    def as_json(self) -> dict:
        """The issue-5 result shape; ``subject`` only for drafts. Never holds the reasoning."""
        out = {"conversation_id": self.conversation_id, "task": self.task, "text": self.text}
        if self.task == "draft":
            out["subject"] = self.subject
        out.update(
            citations=self.citations,
            flags=self.flags,
            model=self.model,
            reasoning_tokens=self.reasoning_tokens,
            answer_tokens=self.answer_tokens,
            seconds=round(self.seconds, 3),
        )
        return out


def message_tokens(engine, messages: list[dict]) -> int:
    return sum(engine.count_tokens(m["content"]) + PER_MESSAGE_TOKENS for m in messages) + SAFETY_TOKENS


def prompt_budget(engine, max_tokens: int) -> int:
    """Tokens the prompt may use so that the answer always fits in the context."""
    budget = int(engine.n_ctx) - max_tokens - SAFETY_TOKENS
    if budget < 128:
        raise AppError(
            N_("The model's context ({n_ctx} tokens) is too small for an answer of {max_tokens} tokens; "
            "use a larger context⟦ or --quick⟧."), n_ctx=engine.n_ctx, max_tokens=max_tokens
        )
    return budget


def generate(engine, messages: list[dict], *, task: str, opts: Options) -> Generation:
    cancel = opts.cancel if opts.cancel is not None else threading.Event()
    stream = engine.stream(
        messages,
        cancel=cancel,
        max_tokens=opts.max_tokens(task),
        answer_tokens=opts.answer_limit(task),
        thinking_budget=None if opts.quick else opts.thinking_budget,
        quick=opts.quick,
        temperature=opts.temperature,
        seed=opts.seed,
        task=task,  # the company server audits the kind
        **({"json_schema": opts.json_schema} if opts.json_schema is not None else {}),
    )
    answer: list[str] = []
    reasoning: list[str] = []
    done: Done | None = None
    try:
        for ev in stream:
            if isinstance(ev, AnswerChunk):
                answer.append(ev.text)
            elif isinstance(ev, ReasoningChunk):
                reasoning.append(ev.text)
            elif isinstance(ev, Done):
                done = ev
            if opts.on_event is not None:
                opts.on_event(ev)
    except KeyboardInterrupt:
        cancel.set()
        raise
    finally:
        stream.close()
    if done is None or done.stop_reason == "cancelled" or cancel.is_set():
        raise TaskCancelled()
    return Generation(trim("".join(answer), done.repeat_cut).strip(), "".join(reasoning), done)


def stop_flags(done: Done) -> list[dict]:
    flags = []
    if done.stop_reason == "length":
        flags.append({"kind": "stopped_at_length", "detail": "the model stopped at its length limit; the text may be incomplete"})
    if done.malformed:
        flags.append({"kind": "malformed_reasoning", "detail": "the model broke the think-tag format; the answer was kept as given"})
    if done.stop_reason == "repetition" or done.reasoning_loop:
        where = "answer" if done.stop_reason == "repetition" else "reasoning"
        flags.append({"kind": "repetition", "detail": f"the model's {where} began to repeat itself and was stopped"})
    if done.stop_reason == "interrupted":
        flags.append({"kind": "interrupted", "detail": f"{done.problem or 'The reply ended early.'} The answer is incomplete."})
    if getattr(done, "budget_hit", False):
        flags.append({"kind": "thinking_budget_hit", "detail": "reasoning was cut at the thinking budget"})
    return flags
