"""The inference engine: one llama.cpp model, loaded once, streaming typed events.

Guarantees:

- :meth:`Engine.stream` is a Qt-free generator of :mod:`app.core.llm.events`. Setting
  ``cancel`` or closing the generator stops within one token (or one prompt batch while
  the prompt is read), and the engine stays usable.
- One generation at a time: a concurrent call raises :class:`EngineBusy` unless ``wait=True``.
- Evaluated prefixes are reused: the live context serves a follow-up turn, and
  :meth:`Engine.prefill` keeps states of recent prompt prefixes in a bounded in-memory LRU
  (evicted oldest first). Nothing is ever written to disk: llama.cpp state holds customer
  text in the clear.
- llama.cpp's own log lines never reach the terminal; they are counted, not logged, as
  they may quote model metadata.
- A generation that loops (the same line again, a run of repeated text) is stopped with
  ``stop_reason="repetition"``; looping reasoning is closed early and the answer follows.
- With ``answer_tokens``, the answer proper never exceeds it, whether or not the model
  reasoned first: a model that skips its reasoning cannot spend the thinking budget on text.
- Every private llama-cpp-python access is in :mod:`app.core.llm.llama_internals`.

Runs on whatever thread calls it (the GUI uses one worker thread).
"""

from __future__ import annotations

import codecs
import contextlib
import ctypes
import os
import random
import sys
import threading
import time
from collections import OrderedDict
from pathlib import Path
from typing import Iterator

import llama_cpp
import numpy as np

from app.core import logs
from app.core.llm import hardware
from app.core.llm.chat_format import formatter_for
from app.core.llm.errors import ContextOverflowError, EngineBusy, ModelError
from app.core.llm import llama_internals as internals
from app.core.llm.events import AnswerChunk, Done, Event, PromptProgress, ReasoningChunk, ThinkingProgress
from app.core.llm.gguf_header import check_architecture, identity_of
from app.core.llm.models import ModelFile, header
from app.core.llm.loops import RepetitionGuard
from app.core.llm.reasoning import ReasoningSplitter

BUDGET_CLOSE = "\n</think>\n\n"
STEP_TOKENS = 128  # prompt tokens read between checks of cancel (and progress reports)
THINKING_EVERY = 16  # reasoning tokens between ThinkingProgress events
_log_counts = {"lines": 0}


@llama_cpp.llama_log_callback
def _quiet_log(level, text, user_data):  # noqa: ARG001 - ctypes signature
    # Keep llama.cpp's chatter off the user's terminal without touching sys.stderr.
    _log_counts["lines"] += 1


llama_cpp.llama_log_set(_quiet_log, ctypes.c_void_p(0))


def _grammar(schema: dict | None):
    """A llama.cpp grammar for JSON of ``schema`` (structured output, e.g. the brief's next steps)."""
    if schema is None:
        return None
    import json

    return llama_cpp.LlamaGrammar.from_json_schema(json.dumps(schema), verbose=False)


def _common_prefix(a, b) -> int:
    n = min(len(a), len(b))
    if n == 0:
        return 0
    a = np.asarray(a[:n], dtype=np.int64)
    b = np.asarray(b[:n], dtype=np.int64)
    diff = np.flatnonzero(a != b)
    return int(diff[0]) if diff.size else n


class _State:
    """A saved context: tokens plus llama.cpp's state bytes, in memory only."""

    __slots__ = ("tokens", "data")

    def __init__(self, tokens: list[int], data: bytes):
        self.tokens, self.data = tokens, data



@contextlib.contextmanager
def _checked_file(model: ModelFile):
    """The path llama.cpp opens, and the file's size: the very file that was hashed.

    The file is opened here and its identity (inode, device, ctime, size, mtime) compared with
    the one recorded when its bytes were hashed, so a file swapped or edited after the check is
    refused, not loaded. On Linux llama.cpp then opens this open file (``/proc/self/fd/N``), not
    the name, so nothing can be swapped in between. On Windows the open file cannot be renamed
    or deleted while it is held (the C runtime opens without FILE_SHARE_DELETE); on macOS the
    name is opened just after the check.
    """
    path = Path(model.path)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        if model.identity is not None and identity_of(st) != model.identity:
            raise ModelError(f"{path} changed after it was checked; it is not loaded. Choose it again to check it anew.")
        proc = f"/proc/self/fd/{fd}"
        yield (proc if sys.platform.startswith("linux") and os.path.exists(proc) else str(path)), st.st_size
    finally:
        os.close(fd)


class Engine:
    """Use :meth:`load`. ``n_ctx``, ``model_name`` and :meth:`describe` tell what was chosen."""

    def __init__(self, llama, model: ModelFile, formatter, plan: hardware.Plan, *, max_states: int, max_state_bytes: int):
        self._llama = llama
        self.model = model
        self._fmt = formatter
        self._plan = plan
        self.n_ctx = llama.n_ctx()
        self.model_name = model.name
        self._lock = threading.Lock()
        self._states: OrderedDict[tuple, _State] = OrderedDict()
        self._max_states, self._max_state_bytes = max_states, max_state_bytes
        internals.check(llama)
        self._is_eog = internals.eog_test(llama)
        self._bos = llama.token_bos()
        self._add_bos = str(llama.metadata.get("tokenizer.ggml.add_bos_token", "false")).lower() == "true"
        self._budget_tokens = self._tok(BUDGET_CLOSE, special=True)

    # ---- loading ------------------------------------------------------------------------

    @classmethod
    def load(cls, model: ModelFile, *, n_ctx: int | None = None, threads: int | None = None,
             gpu_layers: int | None = None, n_batch: int = 512, max_states: int = 4,
             max_state_bytes: int = 1 << 30) -> "Engine":
        """Load a verified model (see :func:`app.core.llm.models.verify`). Raises ModelError
        with one line for an untrusted, broken, unsupported or too large file."""
        if model.trusted is not True or model.problem:
            raise ModelError(model.problem or f"{model.path} has not been verified; it is not loaded.")
        info = model.info or header(model.path)
        check_architecture(info)
        formatter = formatter_for(info)  # a hostile template is refused before llama.cpp sees the file
        with _checked_file(model) as (load_path, size):
            return cls._load(model, load_path, size, info, formatter, n_ctx=n_ctx, threads=threads,
                             gpu_layers=gpu_layers, n_batch=n_batch, max_states=max_states,
                             max_state_bytes=max_state_bytes)

    @classmethod
    def _load(cls, model: ModelFile, load_path: str, size: int, info, formatter, *, n_ctx, threads, gpu_layers,
              n_batch, max_states, max_state_bytes) -> "Engine":
        p = hardware.plan(info, size, n_ctx=n_ctx, threads=threads, gpu_layers=gpu_layers)
        hardware.check_memory(info, size, p)
        started = time.perf_counter()

        def open_llama(plan: hardware.Plan):
            return llama_cpp.Llama(
                model_path=load_path, n_ctx=plan.n_ctx, n_batch=min(n_batch, plan.n_ctx), n_threads=plan.threads,
                n_threads_batch=plan.threads, n_gpu_layers=plan.gpu_layers, verbose=False, use_mmap=True,
            )

        try:
            try:
                llama = open_llama(p)
            except (ValueError, RuntimeError, OSError) as exc:
                if p.gpu_layers == 0:
                    raise
                # A GPU that fails (driver, memory) must not cost the user the assistant: run on the CPU, say so once.
                p = hardware.cpu_fallback(p, f"{p.backend} failed ({type(exc).__name__}); running on the CPU instead.")
                llama = open_llama(p)
        except (ValueError, RuntimeError, OSError) as exc:
            raise ModelError(f"llama.cpp could not load {model.path} ({type(exc).__name__}); the file may be damaged.") from None
        logs.event("engine.loaded", arch=info.architecture, n_ctx=p.n_ctx, threads=p.threads,
                   gpu_layers=p.gpu_layers, seconds=round(time.perf_counter() - started, 2))
        return cls(llama, model, formatter, p, max_states=max_states, max_state_bytes=max_state_bytes)

    def close(self) -> None:
        with self._lock:
            self._states.clear()
            self._llama.close()

    def describe(self) -> dict:
        return {
            "path": str(self.model.path), "sha256": self.model.sha256, "trusted": self.model.trusted,
            "backend": self._plan.backend, "gpu_layers": self._plan.gpu_layers,
            "n_ctx": self.n_ctx, "threads": self._plan.threads,
            "device": self._plan.device or None, "gpu": self._plan.gpu_reason,
        }

    # ---- tokens -------------------------------------------------------------------------

    def _tok(self, text: str, *, special: bool) -> list[int]:
        return self._llama.tokenize(text.encode("utf-8"), add_bos=False, special=special) if text else []

    def count_tokens(self, text: str) -> int:
        """Tokens of plain text (message content), as the prompt builder must budget them."""
        return len(self._tok(text, special=False))

    def prompt_tokens(self, messages: list[dict], *, quick: bool = False, open_last: bool = False) -> list[int]:
        tokens: list[int] = []
        for text, special in self._fmt.segments(messages, quick=quick, open_last=open_last):
            tokens += self._tok(text, special=special)
        if self._add_bos and (not tokens or tokens[0] != self._bos):
            tokens.insert(0, self._bos)
        return tokens

    # ---- prefix states (memory only) ----------------------------------------------------

    def _live_tokens(self) -> np.ndarray:
        return internals.live_tokens(self._llama)

    def _restore_best(self, tokens: list[int]) -> int:
        """Make the context hold the longest known prefix of ``tokens``; returns its length."""
        live = _common_prefix(self._live_tokens(), tokens)
        best_key, best = None, live
        for key, st in self._states.items():
            n = _common_prefix(st.tokens, tokens)
            if n > best:
                best_key, best = key, n
        if best_key is not None:
            st = self._states[best_key]
            self._states.move_to_end(best_key)
            if not internals.restore_state(self._llama, st.tokens, st.data):
                return 0
        return best

    def _save(self, tokens: list[int]) -> None:
        self._states[tuple(tokens)] = _State(list(tokens), internals.save_state(self._llama))
        self._states.move_to_end(tuple(tokens))
        while len(self._states) > self._max_states or (
            len(self._states) > 1 and sum(len(s.data) for s in self._states.values()) > self._max_state_bytes
        ):
            self._states.popitem(last=False)

    @property
    def cached_prefixes(self) -> int:
        return len(self._states)

    def _eval_steps(self, tokens: list[int], cancel, out: dict) -> Iterator[PromptProgress]:
        """Evaluate ``tokens`` after the longest reusable prefix, STEP_TOKENS at a time so a
        cancel is seen (and progress reported) between steps. Sets out["reused"] and
        out["done"]. Tokens read before a cancel stay in the context for the next call."""
        llama = self._llama
        out["reused"] = self._restore_best(tokens)
        keep = internals.truncate(llama, _common_prefix(self._live_tokens(), tokens))
        out["done"] = False
        yield PromptProgress(keep, len(tokens))
        for i in range(keep, len(tokens), STEP_TOKENS):
            if cancel is not None and cancel.is_set():
                return
            llama.eval(tokens[i: i + STEP_TOKENS])
            yield PromptProgress(min(i + STEP_TOKENS, len(tokens)), len(tokens))
        out["done"] = True

    def _eval(self, tokens: list[int], cancel, on_progress=None) -> tuple[int, bool]:
        out: dict = {}
        for p in self._eval_steps(tokens, cancel, out):
            if on_progress is not None:
                on_progress(p.done, p.total)
        return out["reused"], out["done"]

    def _acquire(self, wait: bool) -> None:
        if not self._lock.acquire(blocking=wait):
            raise EngineBusy("The model is busy with another request; wait for it to finish or stop it.")

    def prefill(self, messages: list[dict], *, cancel=None, wait: bool = True, on_progress=None) -> int:
        """Evaluate the prompt prefix up to the end of the last message's text and keep the
        state in memory, so a later :meth:`stream` starting with it begins almost at once.
        ``on_progress(done, total)`` is called between steps. Returns the prefix length in
        tokens (0 when cancelled; what was read stays in the live context)."""
        tokens = self.prompt_tokens(messages, open_last=True)
        if len(tokens) >= self.n_ctx - 1:
            raise ContextOverflowError(f"The notes take {len(tokens)} tokens; the model's context holds {self.n_ctx}.")
        self._acquire(wait)
        try:
            started = time.perf_counter()
            if tuple(tokens) in self._states:
                self._states.move_to_end(tuple(tokens))
                if on_progress is not None:
                    on_progress(len(tokens), len(tokens))
                return len(tokens)
            reused, done = self._eval(tokens, cancel, on_progress)
            if not done:
                return 0
            self._save(tokens)
            logs.event("engine.prefill", tokens=len(tokens), reused=reused, states=len(self._states),
                       seconds=round(time.perf_counter() - started, 3))
            return len(tokens)
        finally:
            self._lock.release()

    # ---- generation ---------------------------------------------------------------------

    def has_prefix(self, messages: list[dict]) -> bool:
        """Whether :meth:`prefill` of ``messages`` is kept (a task on them starts at once)."""
        return tuple(self.prompt_tokens(messages, open_last=True)) in self._states

    def stream(self, messages: list[dict], *, cancel=None, max_tokens: int = 1024, thinking_budget: int | None = None,
               quick: bool = False, temperature: float = 0.6, top_p: float = 0.95, seed: int | None = None,
               wait: bool = False, answer_tokens: int | None = None, guard: bool = True,
               json_schema: dict | None = None) -> Iterator[Event]:
        """Generate a reply to ``messages`` (roles user/assistant; no system turn).

        ``max_tokens`` bounds reasoning and answer together; ``answer_tokens`` (if given) the
        answer alone. ``guard`` stops a looping generation (see :mod:`app.core.llm.loops`).
        Yields PromptProgress while the prompt is read and ThinkingProgress while reasoning.
        Raises EngineBusy at once when another generation runs and ``wait`` is False, and
        ContextOverflowError when the prompt does not fit. The last event is always Done.
        ``json_schema``: the answer is constrained to JSON of that schema (a llama.cpp grammar);
        use it with ``quick`` so no reasoning block comes first.
        """
        if not wait and self._lock.locked():
            raise EngineBusy("The model is busy with another request; wait for it to finish or stop it.")
        tokens = self.prompt_tokens(messages, quick=quick)
        if len(tokens) >= self.n_ctx - 8:
            raise ContextOverflowError(
                f"The prompt takes {len(tokens)} tokens but the model's context holds {self.n_ctx}; use fewer notes."
            )
        return self._generate(tokens, cancel, max_tokens, thinking_budget, quick, temperature, top_p, seed, wait,
                              answer_tokens, guard, _grammar(json_schema))

    def _generate(self, tokens, cancel, max_tokens, budget, quick, temperature, top_p, seed, wait,
                  answer_cap=None, guard=True, grammar=None) -> Iterator[Event]:
        self._acquire(wait)
        llama = self._llama
        started = time.perf_counter()
        first_token_at = first_answer_at = None
        n_reason = n_answer = 0
        stop = "length"
        budget_hit = False
        split = ReasoningSplitter(opened=self._fmt.opens_think and not quick)
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        limit = max(0, min(max_tokens, self.n_ctx - len(tokens) - len(self._budget_tokens) - 1))
        if answer_cap is None:
            answer_cap = limit
        answer_guard = RepetitionGuard() if guard else None
        reason_guard = RepetitionGuard() if guard else None
        reasoning_loop = False
        gen = None
        reused = 0
        try:
            out: dict = {}
            yield from self._eval_steps(tokens, cancel, out)
            reused = out["reused"]
            if not out["done"]:
                stop = "cancelled"
                limit = 0
            llama.set_seed(seed if seed is not None else random.getrandbits(31))
            context = list(tokens)
            gen = llama.generate(context, temp=temperature, top_p=top_p, repeat_penalty=1.0, grammar=grammar)
            while n_reason + n_answer < limit:
                if cancel is not None and cancel.is_set():
                    stop = "cancelled"
                    break
                if n_answer >= answer_cap:
                    break
                tok = next(gen)
                context.append(tok)
                if first_token_at is None:
                    first_token_at = time.perf_counter()
                if self._is_eog(tok):
                    stop = "stop"
                    break
                before = split.state
                parts = split.feed(decoder.decode(llama.detokenize([tok])))
                if before != "reasoning" and split.state == "answer":
                    n_answer += 1
                else:
                    n_reason += 1
                loop = False
                if guard:
                    for kind, text in parts:
                        g = answer_guard if kind == "answer" else reason_guard
                        loop = g.feed(text) or loop
                if loop and split.state == "answer" and answer_guard.looping:
                    for kind, text in parts:
                        if kind == "answer" and first_answer_at is None:
                            first_answer_at = time.perf_counter()
                        yield AnswerChunk(text) if kind == "answer" else ReasoningChunk(text)
                    stop = "repetition"
                    break
                if split.state == "reasoning" and n_reason % THINKING_EVERY == 0:
                    yield ThinkingProgress(n_reason, budget)
                if split.state == "reasoning" and (
                    (budget is not None and n_reason >= budget) or (loop and reason_guard.looping)
                ):
                    # Out of thinking budget: close the block ourselves and let the answer start.
                    # generate() samples only at the last position, so restart it on the longer
                    # context; the evaluated prefix is reused and only the closing tag is read.
                    gen.close()
                    context += self._budget_tokens
                    gen = llama.generate(context, temp=temperature, top_p=top_p, repeat_penalty=1.0, grammar=grammar)
                    parts += split.feed(BUDGET_CLOSE)
                    if loop and reason_guard.looping:
                        reasoning_loop = True
                    else:
                        budget_hit = True
                for kind, text in parts:
                    if kind == "answer" and first_answer_at is None:
                        first_answer_at = time.perf_counter()
                    yield AnswerChunk(text) if kind == "answer" else ReasoningChunk(text)
            if stop not in ("cancelled", "repetition"):
                for kind, text in split.feed(decoder.decode(b"", final=True)) + split.finish():
                    if kind == "answer" and first_answer_at is None:
                        first_answer_at = time.perf_counter()
                    yield AnswerChunk(text) if kind == "answer" else ReasoningChunk(text)
        except GeneratorExit:
            stop = "cancelled"
            raise
        finally:
            if gen is not None:
                gen.close()
            self._lock.release()
            end = time.perf_counter()
            logs.event("engine.generate", stop=stop, prompt_tokens=len(tokens), reasoning_tokens=n_reason,
                       answer_tokens=n_answer, budget_hit=budget_hit, seconds=round(end - started, 3))
        yield Done(
            stop_reason=stop, prompt_tokens=len(tokens), reasoning_tokens=n_reason, answer_tokens=n_answer,
            prompt_seconds=((first_token_at or end) - started),
            first_answer_seconds=None if first_answer_at is None else first_answer_at - started,
            total_seconds=end - started, malformed=split.malformed, reused_tokens=reused, budget_hit=budget_hit,
            repeat_cut=answer_guard.cut if stop == "repetition" else None, reasoning_loop=reasoning_loop,
        )
