"""The company inference server as an engine: the same assistant, answered remotely.

Turned on only by the system policy (``inference_url`` and a pinned certificate, see
:mod:`app.core.privacy.door`). Everything else stays local: note selection, prompt building,
citation checking, history. :class:`RemoteEngine` is an :class:`app.core.llm.protocol.Engine`
over the HTTP client of :mod:`app.core.llm.server_client`.

Guarantees:

- :meth:`RemoteEngine.stream` runs the one generation loop (:mod:`app.core.llm.streaming`):
  the ``<think>`` split, the thinking budget, quick mode, the loop guards and the events are
  those of the local engine; this module only turns the server's stream into token text.
  The budget and a looping reasoning continue a prefilled assistant turn (llama-server and
  vLLM support it); setting ``cancel`` or closing the generator hangs up, which stops the
  server's generation, even while the server still reads the prompt;
- a reply the server ends early, after answer text came, keeps that text
  (``stop_reason="interrupted"``, ``Done.problem`` says why); before any, it is a RemoteError;
- prompt fitting counts tokens with the server's tokenize endpoint, else with the vocabulary of
  the local model file (trusted by hash), else a cautious estimate;
- each chat request hands one content-free audit record (time, task kind, token counts, host)
  to ``audit``, a sink the caller writes on the vault's thread (never this thread);
- time-outs and server errors are one-line :class:`RemoteError`.

Runs on whatever thread calls it.
"""

from __future__ import annotations

import re
import socket
import threading
from collections import OrderedDict
from typing import Callable, Iterator

from app.core import logs
from app.core.errors import AppError, Message, N_
from app.core.llm import streaming
from app.core.llm.chat_format import QUICK_OPENING
from app.core.llm.errors import ContextOverflowError, EngineBusy, RemoteError, StreamInterrupted
from app.core.llm.events import Event, ReasoningChunk
from app.core.llm.server_client import ServerClient, keyring_secret
from app.core.privacy.door import Door

__all__ = ["RemoteEngine", "RemoteError"]

PER_MESSAGE_TOKENS = 8
DEFAULT_N_CTX = 4096
CHAT = "/v1/chat/completions"
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

    # ---- opening --------------------------------------------------------------------------

    @classmethod
    def open(cls, policy, *, audit=None, timeout: float = 300.0, connect_timeout: float = 10.0,
             key_lookup: Callable[[str], str | None] | None = None, local_vocab=None) -> "RemoteEngine":
        """Resolve the door, check the server's identity and that it serves the pinned model."""
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
        self.client.find_slots()

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
        if self.client.tokenizer is None:
            vocab = self._vocabulary()
            if vocab is not None:
                n = len(vocab.tokenize(text.encode("utf-8"), add_bos=False, special=False))
            else:
                n = -(-len(text.encode("utf-8")) // 3)
        else:
            self._tokenize_requests += 1
            n = self.client.count_tokens(self.door.model, text)
        self._token_cache[text] = n
        if len(self._token_cache) > 8192:
            self._token_cache.popitem(last=False)
        return n

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
                "stream_options": {"include_usage": True}, **self.client.reuse_fields()}
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


class _RemoteReply:
    """One reply from the server for :func:`app.core.llm.streaming.run`: each streamed delta
    is one token's text. A watcher hangs up as soon as ``cancel`` is set."""

    def __init__(self, engine: RemoteEngine, body: dict, size: int, req, cancel):
        self._engine, self._client = engine, engine.client
        self._body, self._req, self._cancel = body, req, cancel
        self.opens_think = engine.opens_think
        self.prompt_tokens = size
        self.reused_tokens = 0
        self.finish: str | None = None
        self._usage: dict = {}
        self._requests = 0
        self._used = 0  # tokens streamed, over every request of this reply
        self._stream = None
        self._sock = None  # the live connection's socket, for the cancel watcher
        self._watch_done = threading.Event()

    def limit(self, max_tokens: int) -> int:
        return max_tokens

    def read_prompt(self, cancel):
        if cancel is not None:
            threading.Thread(target=self._watch, name="remote-cancel", daemon=True).start()
        return True
        yield  # a generator: the server reads the prompt itself, no progress to report

    def _watch(self) -> None:
        # Hang up as soon as cancel is set, even while the server still reads the prompt.
        while not self._watch_done.is_set():
            if self._cancel.wait(0.05):
                _shut(self._sock)
                return

    def _connected(self, sock) -> None:
        self._sock = sock
        if self._cancel is not None and self._cancel.is_set():
            _shut(sock)

    def tokens(self):
        self._requests += 1
        self.finish = None
        try:
            self._stream = stream = self._client.stream(CHAT, self._body, on_connect=self._connected)
        except RemoteError:
            if self._cancel is not None and self._cancel.is_set():
                return  # we hung up ourselves while the server read the prompt
            raise
        if self._cancel is not None and self._cancel.is_set():
            stream.close()
            return
        try:
            for obj in stream.events():
                if obj.get("usage"):
                    self._usage = obj["usage"]
                elif obj.get("timings") and "timings" not in self._usage:  # llama-server (timings_per_token)
                    self._usage = {**self._usage, "timings": obj["timings"]}
                for choice in obj.get("choices") or []:
                    delta = choice.get("delta") or {}
                    if delta.get("reasoning_content"):
                        self._used += 1
                        yield ReasoningChunk(delta["reasoning_content"])
                    if delta.get("content"):
                        self._used += 1
                        yield delta["content"]
                    if choice.get("finish_reason"):
                        self.finish = "stop" if choice["finish_reason"] == "stop" else "length"
        except StreamInterrupted:
            if self._cancel is not None and self._cancel.is_set():
                return
            raise
        finally:
            stream.close()
        if self.finish is None and not (self._cancel is not None and self._cancel.is_set()):
            # The stream ended without a finish reason: the server failed while answering
            # (llama-cpp-python drops the stream on an exception), or closed the connection.
            raise StreamInterrupted(N_("The company inference server {where} ended the reply without finishing it; "
                                       "its log says why."), where=self._client.where)

    def close_reasoning(self, reasoning: str):
        # The reasoning closed early: hang up (the server stops) and continue the assistant
        # turn with the think block closed, so the answer starts at once.
        if self._stream is not None:
            self._stream.close()
        left = max(1, self._req.max_tokens - self._used)
        self._body = _prefilled({**self._body, "max_tokens": left},
                                "<think>\n" + reasoning.strip() + streaming.BUDGET_CLOSE)
        return self.tokens()

    def flush(self) -> str:
        return ""

    def release(self) -> None:
        self._watch_done.set()
        if self._stream is not None:
            self._stream.close()

    def end(self, outcome) -> None:
        u = self._usage
        if u.get("prompt_tokens"):
            self.prompt_tokens = int(u["prompt_tokens"])
        # The prompt tokens the server had kept (usage comes last: a reply cut at its limit has only timings).
        self.reused_tokens = int((u.get("prompt_tokens_details") or {}).get("cached_tokens")
                                 or (u.get("timings") or {}).get("cache_n") or 0)
        door = self._engine.door
        try:
            self._engine._audit({
                "task": self._req.task or "chat", "server": door.host, "port": door.port,
                "requests": self._requests, "prompt_tokens": self.prompt_tokens,
                "completion_tokens": int(u.get("completion_tokens") or outcome.reasoning_tokens + outcome.answer_tokens),
                "reasoning_tokens": outcome.reasoning_tokens, "answer_tokens": outcome.answer_tokens,
                "tokenize_requests": self._engine._tokenize_requests, "stop": outcome.stop,
                "seconds": outcome.seconds})
        except Exception:  # noqa: BLE001 - a record must never turn a reply into a crash
            logs.event("inference.audit_failed")


def _shut(sock) -> None:
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _prefilled(body: dict, opening: str) -> dict:
    """Continue an assistant turn that starts with ``opening`` (llama-server: a trailing
    assistant message is a prefill; vLLM: ``continue_final_message``)."""
    msgs = list(body["messages"])
    if msgs and msgs[-1]["role"] == "assistant" and body.get("continue_final_message"):
        msgs = msgs[:-1]  # a second continuation replaces the first prefill
    return {**body, "messages": msgs + [{"role": "assistant", "content": opening}],
            "continue_final_message": True, "add_generation_prompt": False}
