"""The one generation loop, shared by the local model and the company server.

A backend only yields the raw text of each generated token (simonw/llm's
``Response.__iter__`` pattern); :func:`run` owns everything a reply needs beyond that, once
for every backend:

- the ``<think>`` split (:mod:`app.core.llm.reasoning`), token counting per section and
  :class:`~app.core.llm.events.ThinkingProgress`;
- the thinking budget and the reasoning-loop guard, which close the reasoning block and let
  the answer start (the backend continues after ``</think>``); quick mode (no reasoning);
- the answer cap and the answer-loop guard (:mod:`app.core.llm.loops`);
- cancel (checked between tokens; closing the generator counts as cancel);
- one generation at a time per engine (the engine's lock) and timing; the last event is
  always :class:`~app.core.llm.events.Done`;
- a reply that a backend cannot finish (:class:`~app.core.llm.errors.StreamInterrupted`)
  after answer text has been delivered ends with ``stop_reason="interrupted"`` and the
  reason in ``Done.problem``: the text so far is kept. Before any answer text it is an error.

Pure Python and Qt-free; runs on whatever thread iterates it.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Iterator, Protocol

from app.core.errors import AppError
from app.core.llm.errors import EngineBusy, StreamInterrupted
from app.core.llm.events import AnswerChunk, Done, Event, PromptProgress, ReasoningChunk, ServerBusy, ThinkingProgress
from app.core.llm.loops import RepetitionGuard
from app.core.llm.reasoning import ReasoningSplitter

BUDGET_CLOSE = "\n</think>\n\n"
THINKING_EVERY = 16  # reasoning tokens between ThinkingProgress events


@dataclass(frozen=True)
class Request:
    """What the caller asked of one reply (see ``Engine.stream``)."""

    max_tokens: int = 1024
    thinking_budget: int | None = None
    quick: bool = False
    answer_tokens: int | None = None
    guard: bool = True
    temperature: float = 0.6
    top_p: float = 0.95
    seed: int | None = None
    task: str | None = None


@dataclass(frozen=True)
class Outcome:
    """How a reply ended, handed to :meth:`Backend.end` (logging, the company server's audit)."""

    stop: str
    reasoning_tokens: int
    answer_tokens: int
    seconds: float
    budget_hit: bool


class Backend(Protocol):
    """One reply's worth of a model. Created per :func:`run` call by the engine."""

    opens_think: bool  # the prompt already opened <think>: the reply starts inside the reasoning
    prompt_tokens: int  # tokens of the prompt (known once read)
    reused_tokens: int  # of which came from an earlier evaluation

    def limit(self, max_tokens: int) -> int:
        """Most tokens this reply may generate (reasoning and answer together)."""

    def read_prompt(self, cancel) -> Iterator[PromptProgress]:
        """Make the prompt ready; may yield progress. Returns False when cancelled meanwhile."""

    def tokens(self) -> Iterator[str | ReasoningChunk | ServerBusy]:
        """The text of each generated token, until the model ends its turn (set ``finish``
        to "stop" or "length" then). A ReasoningChunk is reasoning a server already split off;
        a ServerBusy (before the first token) is passed on as it is."""

    finish: str | None

    def close_reasoning(self, reasoning: str) -> Iterator[str | ReasoningChunk]:
        """Continue the reply with the reasoning closed (``BUDGET_CLOSE`` after ``reasoning``,
        the text so far); returns the new token iterator."""

    def flush(self) -> str:
        """Text held back at the end (an incomplete UTF-8 sequence)."""

    def release(self) -> None:
        """Stop generating now (free the model's state, hang up); idempotent."""

    def end(self, outcome: Outcome) -> None:
        """The reply is over (log, audit). Never raises."""


def acquire(lock: threading.Lock, wait: bool) -> None:
    if not lock.acquire(blocking=wait):
        raise EngineBusy()


def run(backend: Backend, req: Request, *, lock: threading.Lock, cancel=None, wait: bool = False) -> Iterator[Event]:
    """Generate one reply through ``backend`` (see the module docstring)."""
    acquire(lock, wait)
    started = time.perf_counter()
    first_token_at = first_answer_at = None
    n_reason = n_answer = 0
    stop = "length"
    budget_hit = reasoning_loop = False
    problem: str | None = None
    budget = None if req.quick else req.thinking_budget
    split = ReasoningSplitter(opened=backend.opens_think and not req.quick)
    answer_guard = RepetitionGuard() if req.guard else None
    reason_guard = RepetitionGuard() if req.guard else None
    reasoning: list[str] = []
    limit = answer_cap = 0

    def emit(parts):
        nonlocal first_answer_at
        for kind, text in parts:
            if kind == "answer":
                if first_answer_at is None:
                    first_answer_at = time.perf_counter()
                yield AnswerChunk(text)
            else:
                reasoning.append(text)
                yield ReasoningChunk(text)

    try:
        limit = max(0, backend.limit(req.max_tokens))
        answer_cap = limit if req.answer_tokens is None else req.answer_tokens
        ready = yield from backend.read_prompt(cancel)
        if not ready:
            stop, limit = "cancelled", 0
        tokens = backend.tokens() if limit else iter(())
        while n_reason + n_answer < limit:
            if cancel is not None and cancel.is_set():
                stop = "cancelled"
                break
            if n_answer >= answer_cap:
                break
            try:
                piece = next(tokens)
            except StopIteration:
                if first_token_at is None:
                    first_token_at = time.perf_counter()
                stop = "cancelled" if cancel is not None and cancel.is_set() else (backend.finish or "stop")
                break
            if isinstance(piece, ServerBusy):  # the server has not started yet: say so, keep waiting
                yield piece
                continue
            if first_token_at is None:
                first_token_at = time.perf_counter()
            if isinstance(piece, ReasoningChunk):  # a server that splits the reasoning off itself
                n_reason += 1
                parts = [("reasoning", piece.text)]
            else:
                before = split.state
                parts = split.feed(piece)
                if before != "reasoning" and split.state == "answer":
                    n_answer += 1
                else:
                    n_reason += 1
            loop = False
            if req.guard:
                for kind, text in parts:
                    loop = (answer_guard if kind == "answer" else reason_guard).feed(text) or loop
            if loop and answer_guard.looping and split.state == "answer":
                yield from emit(parts)
                stop = "repetition"
                break
            if split.state == "reasoning" and n_reason % THINKING_EVERY == 0:
                yield ThinkingProgress(n_reason, budget)
            reason_looped = loop and reason_guard.looping
            if split.state == "reasoning" and ((budget is not None and n_reason >= budget) or reason_looped):
                # Close the block ourselves and let the answer start; the backend continues after it.
                said = "".join(reasoning) + "".join(t for k, t in parts if k == "reasoning")
                if reason_looped:
                    said = said[: reason_guard.cut]  # the model need not read its own loop again
                    reasoning_loop = True
                else:
                    budget_hit = True
                parts += split.feed(BUDGET_CLOSE)
                tokens = backend.close_reasoning(said)
            yield from emit(parts)
        if stop not in ("cancelled", "repetition"):
            yield from emit(split.feed(backend.flush()) + split.finish())
    except StreamInterrupted as exc:
        if n_answer == 0 or (cancel is not None and cancel.is_set()):
            stop = "cancelled" if cancel is not None and cancel.is_set() else "error"
            if stop == "error":
                raise
        else:
            stop, problem = "interrupted", exc.message  # the answer so far is kept; Done says why it ends here
    except GeneratorExit:
        stop = "cancelled"
        raise
    except AppError:
        stop = "error"
        raise
    finally:
        backend.release()
        lock.release()
        end = time.perf_counter()
        backend.end(Outcome(stop, n_reason, n_answer, round(end - started, 3), budget_hit))
    yield Done(
        stop_reason=stop, prompt_tokens=backend.prompt_tokens, reasoning_tokens=n_reason, answer_tokens=n_answer,
        prompt_seconds=((first_token_at or end) - started),
        first_answer_seconds=None if first_answer_at is None else first_answer_at - started,
        total_seconds=end - started, malformed=split.malformed, reused_tokens=backend.reused_tokens,
        budget_hit=budget_hit, repeat_cut=answer_guard.cut if stop == "repetition" else None,
        reasoning_loop=reasoning_loop, problem=problem,
    )
