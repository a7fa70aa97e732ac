"""The company inference server as an engine: the same assistant, answered remotely.

Turned on only by the system policy (``inference_url`` and a pinned certificate, see
:mod:`app.core.privacy.door`). Everything else stays local: note selection, prompt building,
citation checking, history. :class:`RemoteEngine` is an :class:`app.core.llm.protocol.Engine`
over the HTTP client of :mod:`app.core.llm.server_client`.

Guarantees:

- :meth:`RemoteEngine.stream` runs the one generation loop (:mod:`app.core.llm.streaming`):
  the ``<think>`` split, the thinking budget, quick mode, the loop guards and the events are
  those of the local engine; :mod:`app.core.llm.remote_reply` only turns the server's stream
  into token text (and reports a queued request, retries once before the answer starts).
  The budget and a looping reasoning continue a prefilled assistant turn (llama-server and
  vLLM support it); setting ``cancel`` or closing the generator hangs up, which stops the
  server's generation, even while the server still reads the prompt;
- a reply the server ends early, after answer text came, keeps that text
  (``stop_reason="interrupted"``, ``Done.problem`` says why); before any, it is a RemoteError;
- prompt fitting counts tokens with the server's tokenize endpoint, else with the vocabulary of
  the local model file (trusted by hash), else a cautious estimate;
- each chat request hands one content-free audit record (time, task kind, token counts, host)
  to ``audit``, a sink the caller writes on the vault's thread (never this thread);
- time-outs and server errors are one-line :class:`RemoteError` (the connection's time-out is
  :data:`CONNECT_TIMEOUT`, the wait for the server's next byte :data:`REPLY_TIMEOUT`).

Runs on whatever thread calls it.
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from typing import Callable, Iterator

from app.core import logs
from app.core.errors import AppError, Message, N_
from app.core.llm import streaming
from app.core.llm.chat_format import QUICK_OPENING
from app.core.llm.errors import ContextOverflowError, EngineBusy, RemoteError
from app.core.llm.events import Event
from app.core.llm.remote_reply import _prefilled, _RemoteReply
from app.core.llm.server_client import ServerClient, TimedOut, keyring_secret
from app.core.privacy.door import Door

__all__ = ["RemoteEngine", "RemoteError"]

PER_MESSAGE_TOKENS = 8
DEFAULT_N_CTX = 4096
CONNECT_TIMEOUT = 10.0
REPLY_TIMEOUT = 300.0  # the longest wait for the server's next byte (queued requests included)
TOKENIZE_WAIT = 3.0  # a tokenize request answered later than this is counted here instead
_THINKING_MODEL = re.compile(r"deepseek[-_ ]?r1|r1[-_ ]distill", re.I)


class RemoteEngine:
    """Use :meth:`open`. ``audit`` gets one content-free dict per chat request."""

    backend = "server"

    def __init__(self, client: ServerClient, *, audit: Callable[[dict], None] | None = None,
                 local_vocab: Callable[[], object] | None = None):
        self.client = client
        self.door = client.door
        self.model_name = self.door.model
        self.opens_think = bool(_THINKING_MODEL.search(self.door.model))
        self.n_ctx = self.door.n_ctx or DEFAULT_N_CTX
        self.audit = audit
        self._lock = threading.Lock()
        self._local_vocab = local_vocab  # -> a verified ModelFile (or None), used when the server cannot tokenize
        self._vocab = None
        self._token_cache: OrderedDict[str, int] = OrderedDict()
        self._tokenize_requests = 0
        self._tokenize_busy_until = 0.0  # monotonic time until which tokens are counted here (server busy)

    # ---- opening --------------------------------------------------------------------------

    @classmethod
    def open(cls, policy, *, audit=None, timeout: float | None = None, connect_timeout: float | None = None,
             key_lookup: Callable[[str], str | None] | None = None, local_vocab=None) -> "RemoteEngine":
        """Resolve the door, check the server's identity and that it serves the pinned model."""
        connect_timeout = CONNECT_TIMEOUT if connect_timeout is None else connect_timeout
        timeout = REPLY_TIMEOUT if timeout is None else timeout
        door = Door.from_policy(policy)
        if door is None:
            raise RemoteError(N_("No company inference server is set by the system policy."))
        door = door.resolve(connect_timeout)
        key = None
        if door.api_key_ref:
            key = (key_lookup or keyring_secret)(door.api_key_ref)
            if not key:
                raise RemoteError(N_("The keyring has no entry '{name}' (policy inference_api_key_ref)."),
                                  name=door.api_key_ref)
        client = ServerClient(door, api_key=key, timeout=timeout, connect_timeout=connect_timeout)
        eng = cls(client, audit=audit, local_vocab=local_vocab)
        eng._check_server()
        logs.event("inference.server", host=door.host, port=door.port, n_ctx=eng.n_ctx,
                   tokenizer=client.tokenizer[0] if client.tokenizer else "estimate")
        return eng

    def _check_server(self) -> None:
        from app.core.llm.server_client import server_text

        served = self.client.served_models()
        if self.door.model not in served:
            names = server_text(", ".join(sorted(str(n) for n in served)), 120) or Message(N_("none"))
            raise RemoteError(N_("The company inference server does not serve '{model}' (policy inference_model); "
                                 "it serves: {names}."), model=self.door.model, names=names)
        if not self.door.n_ctx:
            self.n_ctx = self._server_n_ctx(served[self.door.model])
        self.client.find_tokenizer(self.door.model)

    def _server_n_ctx(self, info: dict) -> int:
        if isinstance(info.get("max_model_len"), int):  # vLLM
            return info["max_model_len"]
        meta = info.get("meta") or {}
        try:
            props = self.client.json("GET", "/props")  # llama-server
            n = (props.get("default_generation_settings") or {}).get("n_ctx")
            if isinstance(n, int) and n > 0:
                return n
        except RemoteError:
            pass
        return int(meta.get("n_ctx_train") or DEFAULT_N_CTX) if isinstance(meta, dict) else DEFAULT_N_CTX

    def close(self) -> None:
        self.client.close()
        if self._vocab is not None:
            self._vocab.close()
            self._vocab = None

    def describe(self) -> dict:
        return {"path": self.door.url, "sha256": None, "trusted": True, "backend": "server",
                "gpu_layers": None, "n_ctx": self.n_ctx, "threads": None, "model": self.door.model}

    # ---- tokens ---------------------------------------------------------------------------

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` as the server's model counts them (cached); without a tokenize
        endpoint, the local model's vocabulary, else a cautious estimate (UTF-8 bytes / 3)."""
        if not text:
            return 0
        hit = self._token_cache.get(text)
        if hit is not None:
            self._token_cache.move_to_end(text)
            return hit
        if self.client.tokenizer is None or time.monotonic() < self._tokenize_busy_until:
            return self._count_here(text)
        else:
            self._tokenize_requests += 1
            try:
                n = self.client.count_tokens(self.door.model, text, wait=TOKENIZE_WAIT)
            except TimedOut:
                # A serial server (llama-cpp-python's) tokenizes only after the answer it is busy
                # with: count here, cautiously, rather than wait; the chat request then says "busy".
                logs.event("inference.tokenize_busy")
                self._tokenize_busy_until = time.monotonic() + TOKENIZE_WAIT * 10
                return self._count_here(text)
        self._token_cache[text] = n
        if len(self._token_cache) > 8192:
            self._token_cache.popitem(last=False)
        return n

    def _count_here(self, text: str) -> int:
        vocab = self._vocabulary()
        if vocab is not None:
            return len(vocab.tokenize(text.encode("utf-8"), add_bos=False, special=False))
        return -(-len(text.encode("utf-8")) // 3)

    def _vocabulary(self):
        """The local model's vocabulary only (no weights), from a file trusted by its SHA-256
        (the same check as the local model: the trust record and ``allowed_model_sha256``).
        The DeepSeek-R1 distills share a tokenizer per family (Qwen 1.5B-32B, Llama 8B/70B),
        so the laptop's small model counts tokens for the server's large one."""
        if self._vocab is None and self._local_vocab is not None:
            loader, self._local_vocab = self._local_vocab, None
            try:
                model = loader()
            except AppError:
                model = None
            if model is not None and model.trusted is True and not model.problem:
                import llama_cpp  # noqa: PLC0415  (only app.core.llm imports it)

                try:
                    self._vocab = llama_cpp.Llama(model_path=str(model.path), vocab_only=True, verbose=False)
                except (ValueError, RuntimeError, OSError):
                    self._vocab = None
                logs.event("inference.vocabulary", local=self._vocab is not None)
        return self._vocab

    def prompt_size(self, messages: list[dict]) -> int:
        return sum(self.count_tokens(m["content"]) + PER_MESSAGE_TOKENS for m in messages) + 16

    # ---- generation -----------------------------------------------------------------------

    def stream(self, messages: list[dict], *, cancel=None, max_tokens: int = 1024, thinking_budget: int | None = None,
               quick: bool = False, temperature: float = 0.6, top_p: float = 0.95, seed: int | None = None,
               wait: bool = False, task: str | None = None, answer_tokens: int | None = None,
               guard: bool = True, json_schema: dict | None = None) -> Iterator[Event]:
        """Like the local engine's ``stream``; ``task`` names the task kind for the audit row;
        ``json_schema`` asks the server for JSON of that schema (``response_format``, which
        llama-server and llama-cpp-python's server both turn into a grammar)."""
        if not wait and self._lock.locked():
            raise EngineBusy()
        size = self.prompt_size(messages)
        if size >= self.n_ctx - 8:
            raise ContextOverflowError(
                N_("The prompt takes about {tokens} tokens but the server's context holds {n_ctx}; use fewer notes."),
                tokens=size, n_ctx=self.n_ctx)
        body = {"model": self.door.model, "messages": [{"role": m["role"], "content": m["content"]} for m in messages],
                "stream": True, "max_tokens": max_tokens, "temperature": temperature, "top_p": top_p,
                "stream_options": {"include_usage": True}}
        if seed is not None:
            body["seed"] = seed
        if json_schema is not None:
            body["response_format"] = {"type": "json_object", "schema": json_schema}
        if quick and self.opens_think:
            body = _prefilled(body, QUICK_OPENING)
        req = streaming.Request(max_tokens=max_tokens, thinking_budget=thinking_budget, quick=quick,
                                answer_tokens=answer_tokens, guard=guard, temperature=temperature, top_p=top_p,
                                seed=seed, task=task)
        return streaming.run(_RemoteReply(self, body, size, req, cancel), req, lock=self._lock, cancel=cancel,
                             wait=wait)

    def _audit(self, details: dict) -> None:
        self._tokenize_requests = 0  # counted from one chat request to the next
        logs.event("inference.remote", **details)
        if self.audit is not None:
            self.audit(details)
