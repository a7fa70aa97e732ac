"""The local engine: one llama.cpp model, loaded once, streaming typed events.

:class:`LocalEngine` is an :class:`app.core.llm.protocol.Engine`; its :meth:`~LocalEngine.stream`
reads the prompt and yields each sampled token's text into the one generation loop
(:mod:`app.core.llm.streaming`), which owns the reasoning split, the thinking budget, the loop
guards, timing and the Done event for this engine and the company server's alike.

Guarantees:

- :meth:`LocalEngine.stream` is a Qt-free generator of :mod:`app.core.llm.events`. Setting
  ``cancel`` or closing the generator stops within one token (or one prompt batch while
  the prompt is read), and the engine stays usable.
- One generation at a time: a concurrent call raises :class:`EngineBusy` unless ``wait=True``.
- Evaluated prefixes are reused: the live context serves a follow-up turn, and
  :meth:`LocalEngine.prefill` keeps states of recent prompt prefixes in a bounded in-memory LRU
  (evicted oldest first, :mod:`app.core.llm.prefix_states`). Given a ``disk``
  (:class:`app.core.llm.state_cache.DiskStates`), prefixes are also restored from and saved to
  the encrypted disk cache; a state is never written in the clear.
- llama.cpp's own log lines never reach the terminal; they are counted, not logged, as
  they may quote model metadata.
- (from the loop) A generation that loops is stopped with ``stop_reason="repetition"``;
  looping reasoning is closed early and the answer follows; with ``answer_tokens`` the answer
  proper never exceeds it, whether or not the model reasoned first.
- Every private llama-cpp-python access is in :mod:`app.core.llm.llama_internals`.

Runs on whatever thread calls it (the GUI uses one worker thread).
"""

from __future__ import annotations

import codecs
import ctypes
import random
import threading
import time
from typing import Iterator

import llama_cpp

from app.core import logs
from app.core.errors import Message, N_
from app.core.llm import hardware
from app.core.llm.chat_format import formatter_for
from app.core.llm.errors import ContextOverflowError, EngineBusy, ModelError
from app.core.llm import llama_internals as internals
from app.core.llm import lookup
from app.core.llm import streaming
from app.core.llm.prefix_states import PrefixStates, common_prefix as _common_prefix, from_disk
from app.core.llm.events import Event, PromptProgress
from app.core.llm.gguf_header import check_architecture
from app.core.llm.checked_file import checked_file as _checked_file
from app.core.llm.models import ModelFile, header

STEP_TOKENS = 128  # prompt tokens read between checks of cancel (and progress reports)
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


class LocalEngine:
    """Use :meth:`load`. ``n_ctx``, ``model_name`` and :meth:`describe` tell what was chosen."""

    def __init__(self, llama, model: ModelFile, formatter, plan: hardware.Plan, *, max_states: int, max_state_bytes: int,
                 draft: lookup.Lookup | None = None, lookup_mode: str = "off"):
        self._llama = llama
        self._draft, self._lookup_mode = draft, lookup.mode_of(lookup_mode)  # prompt lookup (app.core.llm.lookup)
        self.model = model
        self._fmt = formatter
        self._plan = plan
        self.n_ctx = llama.n_ctx()
        self.model_name = model.name
        self._lock = threading.Lock()
        self._states = PrefixStates(max_states, max_state_bytes)
        internals.check(llama)
        self._is_eog = internals.eog_test(llama)
        self._bos = llama.token_bos()
        self._add_bos = str(llama.metadata.get("tokenizer.ggml.add_bos_token", "false")).lower() == "true"
        self._budget_tokens = self._tok(streaming.BUDGET_CLOSE, special=True)

    # ---- loading ------------------------------------------------------------------------

    @classmethod
    def load(cls, model: ModelFile, *, n_ctx: int | None = None, threads: int | None = None,
             gpu_layers: int | None = None, n_batch: int = 512, max_states: int = 4,
             max_state_bytes: int = 1 << 30, prompt_lookup: str = "auto") -> "LocalEngine":
        """Load a verified model (see :func:`app.core.llm.models.verify`). Raises ModelError
        with one line for an untrusted, broken, unsupported or too large file.
        ``prompt_lookup``: the setting of that name (auto/on/off, :mod:`app.core.llm.lookup`)."""
        if model.trusted is not True or model.problem:
            raise ModelError(model.problem or Message(N_("{path} has not been verified; it is not loaded."), path=model.path))
        info = model.info or header(model.path)
        check_architecture(info)
        formatter = formatter_for(info)  # a hostile template is refused before llama.cpp sees the file
        with _checked_file(model) as (load_path, size):
            return cls._load(model, load_path, size, info, formatter, n_ctx=n_ctx, threads=threads,
                             gpu_layers=gpu_layers, n_batch=n_batch, max_states=max_states,
                             max_state_bytes=max_state_bytes, prompt_lookup=prompt_lookup)

    @classmethod
    def _load(cls, model: ModelFile, load_path: str, size: int, info, formatter, *, n_ctx, threads, gpu_layers,
              n_batch, max_states, max_state_bytes, prompt_lookup) -> "LocalEngine":
        p = hardware.plan(info, size, n_ctx=n_ctx, threads=threads, gpu_layers=gpu_layers)
        hardware.check_memory(info, size, p)
        started = time.perf_counter()
        draft = lookup.draft_model(prompt_lookup, size)  # switched per reply (_LocalReply._start)

        def open_llama(plan: hardware.Plan):
            llama = llama_cpp.Llama(
                model_path=load_path, n_ctx=plan.n_ctx, n_batch=min(n_batch, plan.n_ctx), n_threads=plan.threads,
                n_threads_batch=plan.threads, n_gpu_layers=plan.gpu_layers, verbose=False, use_mmap=True,
                draft_model=draft,
            )
            if draft is not None:
                internals.allow_drafts(llama)
            return llama

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
            raise ModelError(N_("llama.cpp could not load {path} ({kind}); the file may be damaged."),
                             path=model.path, kind=type(exc).__name__) from None
        logs.event("engine.loaded", arch=info.architecture, n_ctx=p.n_ctx, threads=p.threads,
                   gpu_layers=p.gpu_layers, prompt_lookup=lookup.mode_of(prompt_lookup),
                   seconds=round(time.perf_counter() - started, 2))
        return cls(llama, model, formatter, p, max_states=max_states, max_state_bytes=max_state_bytes, draft=draft,
                   lookup_mode=prompt_lookup)

    def close(self) -> None:
        with self._lock:
            self._states.clear()
            self._llama.close()

    def describe(self) -> dict:
        return {
            "path": str(self.model.path), "sha256": self.model.sha256, "trusted": self.model.trusted,
            "backend": self._plan.backend, "gpu_layers": self._plan.gpu_layers,
            "n_ctx": self.n_ctx, "threads": self._plan.threads,
            "device": self._plan.device or None, "gpu": self._plan.gpu_reason, "prompt_lookup": self._lookup_mode,
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

    # ---- prefix states (memory, and the encrypted disk cache when given) ---------------

    def _restore_best(self, tokens: list[int], disk=None) -> int:
        """Make the context hold the longest known prefix of ``tokens`` (live, in memory or
        on ``disk``); returns its length."""
        live = _common_prefix(internals.live_tokens(self._llama), tokens)
        from_disk(self._states, tokens, disk, live)
        best_key, best = self._states.best(tokens, live)
        if best_key is not None:
            st = self._states[best_key]
            self._states.move_to_end(best_key)
            if not internals.restore_state(self._llama, st.tokens, st.data):
                del self._states[best_key]
                return 0
        return best

    def _save(self, tokens: list[int]):
        return self._states.add(tokens, internals.save_state(self._llama))

    @property
    def cached_prefixes(self) -> int:
        return len(self._states)

    def _eval_steps(self, tokens: list[int], cancel, out: dict, disk=None) -> Iterator[PromptProgress]:
        """Evaluate ``tokens`` after the longest reusable prefix, STEP_TOKENS at a time so a
        cancel is seen (and progress reported) between steps. Sets out["reused"] and
        out["done"]. Tokens read before a cancel stay in the context for the next call."""
        llama = self._llama
        out["reused"] = self._restore_best(tokens, disk)
        keep = internals.truncate(llama, _common_prefix(internals.live_tokens(self._llama), tokens))
        out["done"] = False
        yield PromptProgress(keep, len(tokens))
        for i in range(keep, len(tokens), STEP_TOKENS):
            if cancel is not None and cancel.is_set():
                return
            llama.eval(tokens[i: i + STEP_TOKENS])
            yield PromptProgress(min(i + STEP_TOKENS, len(tokens)), len(tokens))
        out["done"] = True

    def _eval(self, tokens: list[int], cancel, on_progress=None, disk=None) -> tuple[int, bool]:
        out: dict = {}
        for p in self._eval_steps(tokens, cancel, out, disk):
            if on_progress is not None:
                on_progress(p.done, p.total)
        return out["reused"], out["done"]

    def _acquire(self, wait: bool) -> None:
        if not self._lock.acquire(blocking=wait):
            raise EngineBusy()

    def prefill(self, messages: list[dict], *, cancel=None, wait: bool = True, on_progress=None, disk=None,
                keep: bool = True) -> int:
        """Evaluate the prompt prefix up to the end of the last message's text and keep the
        state in memory, so a later :meth:`stream` starting with it begins almost at once.
        ``on_progress(done, total)`` is called between steps. ``disk``: restore from it first,
        write the state to it after (on its writer's thread). ``keep=False``: read it into the
        live context only (a short extension of a kept prefix, not worth a state of its own).
        Returns the prefix length in tokens (0 when cancelled; what was read stays in the live
        context)."""
        tokens = self.prompt_tokens(messages, open_last=True)
        if len(tokens) >= self.n_ctx - 1:
            raise ContextOverflowError(N_("The notes take {n_tokens} tokens; the model's context holds {n_ctx}."),
                                       n_tokens=len(tokens), n_ctx=self.n_ctx)
        self._acquire(wait)
        try:
            started = time.perf_counter()
            if (st := self._states.get(tuple(tokens))) is not None:
                self._states.move_to_end(tuple(tokens))
                if on_progress is not None:
                    on_progress(len(tokens), len(tokens))
            else:
                reused, done = self._eval(tokens, cancel, on_progress, disk)
                if not done:
                    return 0
                st = self._save(tokens) if keep else None
                logs.event("engine.prefill", tokens=len(tokens), reused=reused, states=len(self._states), kept=keep,
                           from_disk=disk.restored_tokens if disk is not None else 0,
                           seconds=round(time.perf_counter() - started, 3))
            if disk is not None and st is not None:
                disk.write_later(st.tokens, st.data)
            return len(tokens)
        finally:
            self._lock.release()

    def preload(self, messages: list[dict], disk) -> int:
        """Bring the longest prefix of ``messages`` stored on ``disk`` into memory; returns its length."""
        tokens = self.prompt_tokens(messages, open_last=True)
        with self._lock:
            return from_disk(self._states, tokens, disk, _common_prefix(internals.live_tokens(self._llama), tokens))

    def keep_prefix(self, messages: list[dict], disk) -> int:
        """After a one-shot task: write to ``disk`` the part of ``messages``' prefix the context
        has read, cutting the live context back to it. Returns its length (0: nothing kept)."""
        tokens = self.prompt_tokens(messages, open_last=True)
        with self._lock:
            n = _common_prefix(internals.live_tokens(self._llama), tokens)
            if n < 32 or disk.holds(tokens[:n]):
                return 0
            n = internals.truncate(self._llama, n)
            if n:
                disk.write_later(tokens[:n], internals.save_state(self._llama))
            return n

    # ---- generation ---------------------------------------------------------------------

    def has_prefix(self, messages: list[dict]) -> bool:
        """Whether :meth:`prefill` of ``messages`` is kept (a task on them starts at once)."""
        return tuple(self.prompt_tokens(messages, open_last=True)) in self._states

    def stream(self, messages: list[dict], *, cancel=None, max_tokens: int = 1024, thinking_budget: int | None = None,
               quick: bool = False, temperature: float = 0.6, top_p: float = 0.95, seed: int | None = None,
               wait: bool = False, answer_tokens: int | None = None, guard: bool = True,
               task: str | None = None, json_schema: dict | None = None) -> Iterator[Event]:
        """Generate a reply to ``messages`` (roles user/assistant; no system turn).

        ``max_tokens`` bounds reasoning and answer together; ``answer_tokens`` (if given) the
        answer alone. ``guard`` stops a looping generation (see :mod:`app.core.llm.loops`).
        Yields PromptProgress while the prompt is read and ThinkingProgress while reasoning.
        Raises EngineBusy at once when another generation runs and ``wait`` is False, and
        ContextOverflowError when the prompt does not fit. The last event is always Done.
        The loop itself is :func:`app.core.llm.streaming.run`, shared with the company server.
        ``json_schema``: the answer is constrained to JSON of that schema (a llama.cpp grammar);
        use it with ``quick`` so no reasoning block comes first.
        """
        if not wait and self._lock.locked():
            raise EngineBusy()
        tokens = self.prompt_tokens(messages, quick=quick)
        if len(tokens) >= self.n_ctx - 8:
            raise ContextOverflowError(
                N_("The prompt takes {tokens} tokens but the model's context holds {n_ctx}; use fewer notes."),
                tokens=len(tokens), n_ctx=self.n_ctx)
        req = streaming.Request(max_tokens=max_tokens, thinking_budget=thinking_budget, quick=quick,
                                answer_tokens=answer_tokens, guard=guard, temperature=temperature, top_p=top_p,
                                seed=seed, task=task)
        return streaming.run(_LocalReply(self, tokens, req, _grammar(json_schema)), req, lock=self._lock, cancel=cancel, wait=wait)


class _LocalReply:
    """One reply from llama.cpp for :func:`app.core.llm.streaming.run`: reads the prompt
    (reusing the longest known prefix), then yields each sampled token's text."""

    def __init__(self, engine: LocalEngine, tokens: list[int], req, grammar=None):
        self._engine, self._req = engine, req
        self._grammar = grammar  # a JSON-schema grammar constrains every sampled token
        self._llama = engine._llama
        self._prompt = tokens
        self._context = list(tokens)
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._gen = None
        self.opens_think = engine._fmt.opens_think
        self.prompt_tokens = len(tokens)
        self.reused_tokens = 0
        self.finish: str | None = None
        self._drafted = lookup.counts(engine._draft)  # prompt lookup's counts before this reply

    def limit(self, max_tokens: int) -> int:
        return min(max_tokens, self._engine.n_ctx - len(self._prompt) - len(self._engine._budget_tokens) - 1)

    def read_prompt(self, cancel):
        out: dict = {}
        yield from self._engine._eval_steps(self._prompt, cancel, out)
        self.reused_tokens = out["reused"]
        if out["done"]:
            seed = self._req.seed
            self._llama.set_seed(seed if seed is not None else random.getrandbits(31))
        return out["done"]

    def _start(self):
        if self._gen is not None:
            self._gen.close()
        draft = lookup.for_reply(self._engine._draft, self._engine._lookup_mode, self._req.task, self._grammar,
                                 self._req.temperature)
        self._llama.draft_model = draft  # generate() checks the prompt's guesses when it has one
        internals.batch_logits(self._llama, draft is not None)
        # generate() samples only at the last position: a continuation restarts it on the
        # longer context, and the evaluated prefix is reused (only the new tokens are read).
        self._gen = self._llama.generate(self._context, temp=self._req.temperature, top_p=self._req.top_p,
                                         repeat_penalty=1.0, grammar=self._grammar)
        return self._gen

    def tokens(self):
        gen = self._start()
        is_eog, detokenize, decode = self._engine._is_eog, self._llama.detokenize, self._decoder.decode
        context = self._context
        for tok in gen:
            context.append(tok)
            if is_eog(tok):
                self.finish = "stop"
                return
            yield decode(detokenize([tok]))

    def close_reasoning(self, reasoning: str):
        self._context += self._engine._budget_tokens
        return self.tokens()

    def flush(self) -> str:
        return self._decoder.decode(b"", final=True)

    def release(self) -> None:
        if self._gen is not None:
            self._gen.close()
            self._gen = None
        internals.batch_logits(self._llama, False)  # a prompt is read without every position's logits

    def end(self, outcome) -> None:
        logs.event("engine.generate", stop=outcome.stop, prompt_tokens=self.prompt_tokens,
                   reasoning_tokens=outcome.reasoning_tokens, answer_tokens=outcome.answer_tokens,
                   budget_hit=outcome.budget_hit, seconds=outcome.seconds, **lookup.since(self._engine._draft, self._drafted))


Engine = LocalEngine  # the name callers used before the Engine protocol (app.core.llm.protocol)
