"""Events yielded by every engine's ``stream`` (:mod:`app.core.llm.streaming`). Plain data, Qt-free."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReasoningChunk:
    """Text from inside the ``<think>`` block. Shown only when the user asks; never exported."""

    text: str


@dataclass(frozen=True)
class AnswerChunk:
    """Text of the answer proper."""

    text: str


@dataclass(frozen=True)
class PromptProgress:
    """Reading the prompt: ``done`` of ``total`` tokens are in the context (reused ones
    count as done). Comes between prompt batches, so a long read shows "Reading notes… 40 %"."""

    done: int
    total: int


@dataclass(frozen=True)
class ThinkingProgress:
    """The model has written ``tokens`` reasoning tokens so far; ``budget`` is its limit (None: none)."""

    tokens: int
    budget: int | None


@dataclass(frozen=True)
class ServerBusy:
    """The company server has not started answering for ``seconds`` (it queues the request
    behind other users', or says it has no free slot): "The company server is busy — waiting
    (N s)…". Comes about once a second until the answer starts; Stop works meanwhile."""

    seconds: int


@dataclass(frozen=True)
class Done:
    """The last event of every stream.

    ``stop_reason``: "stop" (the model ended its turn), "length" (max_tokens or the context
    filled up) or "cancelled". ``first_answer_seconds`` is None when no answer text came.
    ``stop_reason`` may also be "repetition": the answer began to loop and was stopped;
    ``repeat_cut`` is then the offset in the answer text (the AnswerChunks joined) where the
    repeats start, so the caller keeps one occurrence. ``reasoning_loop`` is True when the
    reasoning looped and was closed early (the answer still came).
    ``stop_reason`` "interrupted": the company server stopped answering mid-reply; the answer
    so far is delivered and ``problem`` says what happened, in one line.
    ``malformed`` is True when the model's output broke the think-block format (e.g. a second
    ``<think>`` or a stray ``</think>`` in the answer); the text is still delivered.
    """

    stop_reason: str
    prompt_tokens: int
    reasoning_tokens: int
    answer_tokens: int
    prompt_seconds: float
    first_answer_seconds: float | None
    total_seconds: float
    malformed: bool = False
    reused_tokens: int = 0
    budget_hit: bool = False
    repeat_cut: int | None = None
    reasoning_loop: bool = False
    problem: str | None = None


Event = ReasoningChunk | AnswerChunk | PromptProgress | ThinkingProgress | ServerBusy | Done
