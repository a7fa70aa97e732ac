"""The company inference server as an engine: the same assistant, answered remotely.

Turned on only by the system policy (``inference_url`` and a pinned certificate, see
:mod:`app.core.privacy.door`). Everything else stays local: note selection, prompt building,
citation checking, history. :class:`RemoteEngine` offers what the assistant uses of
:class:`app.core.llm.engine.Engine` (``stream``, ``count_tokens``, ``n_ctx``, ``model_name``,
``describe``, ``close``) over an OpenAI-compatible API (llama.cpp's ``llama-server``, vLLM,
llama-cpp-python's server), with the standard library only (``http.client`` + ``ssl``).

Guarantees:

- every connection goes through the door: the server's certificate is checked against the
  pin before a request byte is sent; redirects are never followed (a 3xx is an error);
- :meth:`RemoteEngine.stream` yields the same events as the local engine; setting
  ``cancel`` or closing the generator closes the connection, which stops the server's
  generation (llama-server, vLLM and llama-cpp-python all stop on disconnect); a watcher
  closes it even while the server is still reading the prompt;
- the ``<think>`` split, the thinking budget and quick mode work as locally (the budget and
  quick mode continue a prefilled assistant turn, which llama-server and vLLM support);
- prompt fitting counts tokens with the server's tokenize endpoint, else with the vocabulary of
  the local model file (trusted by hash), else a cautious estimate;
- each chat request writes one audit row (time, task kind, token counts, host): never text;
- time-outs and server errors are one-line :class:`RemoteError`; with
  ``inference_fallback_local`` the local model takes over and the user is told.

Runs on whatever thread calls it (the CLI's main thread, the GUI's store thread).
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import threading
import time
from collections import OrderedDict
from typing import Callable, Iterator

from app.core import logs
from app.core.errors import AppError, N_
from app.core.llm.chat_format import QUICK_OPENING
from app.core.llm.errors import ContextOverflowError, EngineBusy
from app.core.llm.events import AnswerChunk, Done, Event, ReasoningChunk
from app.core.llm.loops import RepetitionGuard
from app.core.llm.reasoning import ReasoningSplitter
from app.core.privacy.door import Door, DoorRefused

BUDGET_CLOSE = "\n</think>\n\n"
PER_MESSAGE_TOKENS = 8
DEFAULT_N_CTX = 4096
_THINKING_MODEL = re.compile(r"deepseek[-_ ]?r1|r1[-_ ]distill", re.I)
# Tokenize endpoints, tried in order: llama-server, vLLM, llama-cpp-python's server.
_TOKENIZERS = (("/tokenize", lambda m, t: {"content": t}, lambda r: len(r["tokens"])),
               ("/tokenize", lambda m, t: {"model": m, "prompt": t}, lambda r: int(r["count"])),
               ("/extras/tokenize", lambda m, t: {"model": m, "input": t}, lambda r: len(r["tokens"])))


class RemoteError(AppError):
    """The company inference server failed: unreachable, timed out, or answered with an error."""


class _Unreachable(RemoteError):
    """The connection failed (not an answer from the server): a kept-alive one may be retried."""


class _Connection(http.client.HTTPSConnection):
    """An HTTPS connection whose socket comes from the door (pinned, checked before sending)."""

    def __init__(self, door: Door, timeout: float):
        super().__init__(door.host, door.port, timeout=timeout)
        self._door = door

    def connect(self) -> None:
        self.sock = self._door.connect(self.timeout)


def _one_line(text: str, limit: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _server_message(raw: bytes) -> str:
    try:
        obj = json.loads(raw)
    except ValueError:
        return _one_line(raw.decode("utf-8", "replace"))
    err = obj.get("error", obj.get("detail", obj)) if isinstance(obj, dict) else obj
    if isinstance(err, dict):
        err = err.get("message", err)
    return _one_line(err if isinstance(err, str) else json.dumps(err))


def _sse(resp) -> Iterator[dict]:
    """Server-sent events: each ``data:`` payload as JSON, until ``[DONE]`` or the end."""
    data: list[bytes] = []
    while True:
        line = resp.readline()
        if not line:
            return
        line = line.rstrip(b"\r\n")
        if line.startswith(b"data:"):
            data.append(line[5:].lstrip(b" "))
            continue
        if line or not data:
            continue  # a comment (keep-alive ping), an event or id field, or a stray blank line
        payload, data = b"\n".join(data), []
        if payload.strip() == b"[DONE]":
            return
        try:
            obj = json.loads(payload)
        except ValueError:
            raise RemoteError(N_("The company inference server sent a malformed stream event.")) from None
        if isinstance(obj, dict) and "error" in obj:
            raise RemoteError(N_("The company inference server failed: {reason}"),
                              reason=_server_message(payload))
        yield obj


class RemoteEngine:
    """Use :meth:`open`. ``audit`` is called once per chat request with content-free details."""

    wants_task = True  # runner.generate passes the task kind, for the audit row
    backend = "server"

    def __init__(self, door: Door, *, api_key: str | None = None, timeout: float = 300.0,
                 connect_timeout: float = 10.0, audit: Callable[[dict], None] | None = None,
                 local_vocab: Callable[[], object] | None = None):
        self.door = door
        self.model_name = door.model
        self.opens_think = bool(_THINKING_MODEL.search(door.model))
        self.n_ctx = door.n_ctx or DEFAULT_N_CTX
        self.audit = audit
        self._key = api_key
        self._timeout, self._connect_timeout = timeout, connect_timeout
        self._lock = threading.Lock()
        self._http_lock = threading.Lock()
        self._conn: _Connection | None = None
        self._tokenizer = None
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
            key = (key_lookup or _keyring_secret)(door.api_key_ref)
            if not key:
                raise RemoteError(N_("The keyring has no entry '{api_key_ref}' (policy inference_api_key_ref)."),
                                  api_key_ref=door.api_key_ref)
        eng = cls(door, api_key=key, timeout=timeout, connect_timeout=connect_timeout, audit=audit,
                  local_vocab=local_vocab)
        eng._check_server()
        logs.event("inference.server", host=door.host, port=door.port, n_ctx=eng.n_ctx,
                   tokenizer=eng._tokenizer[0] if eng._tokenizer else "estimate")
        return eng

    def _check_server(self) -> None:
        models = self._json("GET", "/v1/models")
        served = {m.get("id"): m for m in (models.get("data") or []) if isinstance(m, dict)}
        if self.door.model not in served:
            names = ", ".join(sorted(str(n) for n in served))[:120] or "none"
            raise RemoteError(N_("The company inference server does not serve '{model}' "
                              "(policy inference_model); it serves: {names}."), model=self.door.model, names=names)
        if not self.door.n_ctx:
            self.n_ctx = self._server_n_ctx(served[self.door.model])
        for tok in _TOKENIZERS:
            try:
                tok[2](self._json("POST", tok[0], tok[1](self.door.model, "hello")))
            except (RemoteError, KeyError, TypeError, ValueError):
                continue
            self._tokenizer = tok
            break

    def _server_n_ctx(self, info: dict) -> int:
        if isinstance(info.get("max_model_len"), int):  # vLLM
            return info["max_model_len"]
        meta = info.get("meta") or {}
        try:
            props = self._json("GET", "/props")  # llama-server
            n = (props.get("default_generation_settings") or {}).get("n_ctx")
            if isinstance(n, int) and n > 0:
                return n
        except RemoteError:
            pass
        return int(meta.get("n_ctx_train") or DEFAULT_N_CTX) if isinstance(meta, dict) else DEFAULT_N_CTX

    # ---- plain requests (one kept-alive connection) ------------------------------------------

    def _headers(self) -> dict:
        h = {"Content-Type": "application/json", "Accept": "application/json"}
        if self._key:
            h["Authorization"] = f"Bearer {self._key}"
        return h

    def _where(self) -> str:
        return f"{self.door.host}:{self.door.port}"

    def _send(self, conn, method: str, path: str, body) -> http.client.HTTPResponse:
        data = None if body is None else json.dumps(body).encode("utf-8")
        try:
            conn.request(method, self.door.base_path + path, body=data, headers=self._headers())
            resp = conn.getresponse()
        except DoorRefused:
            raise
        except (socket.timeout, TimeoutError):
            raise RemoteError(N_("The company inference server {where} did not answer in time."),
                              where=self._where()) from None
        except (OSError, http.client.HTTPException) as exc:
            raise _Unreachable(N_("The company inference server {where} cannot be reached "
                              "({reason})."),
                               where=self._where(), reason=getattr(exc, 'strerror', None) or type(exc).__name__) from None
        if 300 <= resp.status < 400:
            resp.close()
            raise RemoteError(N_("The company inference server answered {path} with a redirect (HTTP {status}); "
                              "redirects are never followed."), path=path, status=resp.status)
        if resp.status >= 400:
            msg = _server_message(resp.read(4096))
            resp.close()
            raise RemoteError(N_("The company inference server refused {path} (HTTP {status}): {msg}"),
                              path=path, status=resp.status, msg=msg)
        return resp

    def _json(self, method: str, path: str, body=None) -> dict:
        with self._http_lock:
            for attempt in (1, 2):
                if self._conn is None:
                    self._conn = _Connection(self.door, self._connect_timeout)
                try:
                    raw = self._send(self._conn, method, path, body).read()
                    break
                except _Unreachable:
                    self._drop_conn()  # a kept-alive connection the server closed: try once more
                    if attempt == 2:
                        raise
                except BaseException:
                    self._drop_conn()
                    raise
        try:
            return json.loads(raw)
        except ValueError:
            raise RemoteError(N_("The company inference server sent a malformed answer to {path}."), path=path) from None

    def _drop_conn(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def close(self) -> None:
        with self._http_lock:
            self._drop_conn()
        if self._vocab is not None:
            self._vocab.close()
            self._vocab = None

    def describe(self) -> dict:
        return {"path": self.door.url, "sha256": None, "trusted": True, "backend": "server",
                "gpu_layers": None, "n_ctx": self.n_ctx, "threads": None, "model": self.door.model}

    # ---- tokens ---------------------------------------------------------------------------

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` as the server's model counts them (cached); without a tokenize
        endpoint, a cautious estimate (UTF-8 bytes / 3, rounded up)."""
        if not text:
            return 0
        hit = self._token_cache.get(text)
        if hit is not None:
            self._token_cache.move_to_end(text)
            return hit
        if self._tokenizer is None:
            vocab = self._vocabulary()
            if vocab is not None:
                n = len(vocab.tokenize(text.encode("utf-8"), add_bos=False, special=False))
            else:
                n = -(-len(text.encode("utf-8")) // 3)
        else:
            path, body, read = self._tokenizer
            self._tokenize_requests += 1
            n = read(self._json("POST", path, body(self.door.model, text)))
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
               guard: bool = True) -> Iterator[Event]:
        """Like :meth:`Engine.stream` (the answer cap and the loop guard included); ``task``
        names the task kind for the audit row."""
        if not wait and self._lock.locked():
            raise EngineBusy(N_("The model is busy with another request; wait for it to finish or stop it."))
        size = self.prompt_size(messages)
        if size >= self.n_ctx - 8:
            raise ContextOverflowError(
                N_("The prompt takes about {size} tokens but the server's context holds {n_ctx}; use fewer notes."),
                size=size, n_ctx=self.n_ctx)
        body = {"model": self.door.model, "messages": [{"role": m["role"], "content": m["content"]} for m in messages],
                "stream": True, "max_tokens": max_tokens, "temperature": temperature, "top_p": top_p,
                "stream_options": {"include_usage": True}}
        if seed is not None:
            body["seed"] = seed
        if quick and self.opens_think:
            body = _prefilled(body, QUICK_OPENING)
        return self._generate(body, size, cancel, max_tokens, thinking_budget if not quick else None, quick, task, wait,
                              answer_tokens, guard)

    def _open_stream(self, body: dict):
        conn = _Connection(self.door, self._connect_timeout)
        try:
            resp = self._send(conn, "POST", "/v1/chat/completions", body)
        except BaseException:
            conn.close()
            raise
        conn.sock.settimeout(self._timeout)
        return conn, resp

    def _generate(self, body, size, cancel, max_tokens, budget, quick, task, wait, answer_cap=None,
                  guard=True) -> Iterator[Event]:
        if not self._lock.acquire(blocking=wait):
            raise EngineBusy(N_("The model is busy with another request; wait for it to finish or stop it."))
        started = time.perf_counter()
        first_token_at = first_answer_at = None
        n_reason = n_answer = 0
        usage: dict = {}
        stop, budget_hit, requests = "length", False, 0
        split = ReasoningSplitter(opened=self.opens_think and not quick)
        answer_guard = RepetitionGuard() if guard else None
        reasoning: list[str] = []
        conn = None
        watch_done = threading.Event()
        holder: dict = {}

        def watch() -> None:
            # Close the connection as soon as cancel is set, even while the server reads the prompt.
            while not watch_done.is_set():
                if cancel.wait(0.05):
                    c = holder.get("conn")
                    if c is not None and c.sock is not None:
                        try:
                            c.sock.shutdown(socket.SHUT_RDWR)
                        except OSError:
                            pass
                    return

        if cancel is not None:
            threading.Thread(target=watch, name="remote-cancel", daemon=True).start()
        try:
            while True:
                requests += 1
                conn, resp = self._open_stream(body)
                holder["conn"] = conn
                restart, finished, capped = None, False, False
                try:
                    for obj in _sse(resp):
                        if cancel is not None and cancel.is_set():
                            stop = "cancelled"
                            break
                        if obj.get("usage"):
                            usage = obj["usage"]
                        for choice in obj.get("choices") or []:
                            delta = choice.get("delta") or {}
                            if choice.get("finish_reason"):
                                stop = "stop" if choice["finish_reason"] == "stop" else "length"
                                finished = True
                            parts: list[tuple[str, str]] = []
                            if delta.get("reasoning_content"):
                                parts.append(("reasoning", delta["reasoning_content"]))
                                n_reason += 1
                            if delta.get("content"):
                                before = split.state
                                parts += split.feed(delta["content"])
                                if before != "reasoning" and split.state == "answer":
                                    n_answer += 1
                                else:
                                    n_reason += 1
                            if parts and first_token_at is None:
                                first_token_at = time.perf_counter()
                            if budget is not None and split.state == "reasoning" and n_reason >= budget and not budget_hit:
                                parts += split.feed(BUDGET_CLOSE)
                                budget_hit = True
                                restart = "".join(reasoning) + "".join(t for k, t in parts if k == "reasoning")
                            for kind, text in parts:
                                if kind == "answer" and first_answer_at is None:
                                    first_answer_at = time.perf_counter()
                                if kind == "reasoning":
                                    reasoning.append(text)
                                elif answer_guard is not None:
                                    answer_guard.feed(text)
                                yield AnswerChunk(text) if kind == "answer" else ReasoningChunk(text)
                            if answer_guard is not None and answer_guard.looping:
                                stop = "repetition"  # hanging up stops the server's generation
                            elif answer_cap is not None and n_answer >= answer_cap:
                                stop, capped = "length", True
                        if restart is not None or stop == "repetition" or capped:
                            finished = True
                            break
                    else:
                        if cancel is not None and cancel.is_set():
                            stop = "cancelled"
                        elif not finished:
                            # The connection ended without a finish reason: the server failed while
                            # answering (llama-cpp-python drops the stream on an exception).
                            raise RemoteError(N_("The company inference server {where} ended the reply "
                                              "without finishing it; its log says why."), where=self._where())
                except (OSError, http.client.HTTPException):
                    if cancel is not None and cancel.is_set():
                        stop = "cancelled"
                    else:
                        raise RemoteError(N_("The company inference server {where} stopped answering "
                                          "in the middle of a reply."), where=self._where()) from None
                finally:
                    holder.pop("conn", None)
                    _hang_up(conn)
                    conn = None
                if restart is None or stop in ("cancelled", "repetition"):
                    break
                # Out of thinking budget: the server stopped with the connection; continue the
                # assistant turn with the reasoning closed, so the answer starts at once.
                left = max_tokens - n_reason - n_answer
                if left <= 0:
                    stop = "length"
                    break
                body = _prefilled({**body, "max_tokens": left}, "<think>\n" + restart.strip() + BUDGET_CLOSE)
                stop = "length"
            if stop not in ("cancelled", "repetition"):
                for kind, text in split.finish():
                    if kind == "answer" and first_answer_at is None:
                        first_answer_at = time.perf_counter()
                    yield AnswerChunk(text) if kind == "answer" else ReasoningChunk(text)
        except GeneratorExit:
            stop = "cancelled"
            raise
        except AppError:
            stop = "error"
            raise
        finally:
            watch_done.set()
            _hang_up(conn)
            self._lock.release()
            end = time.perf_counter()
            prompt_tokens = int(usage.get("prompt_tokens") or size)
            details = {"task": task or "chat", "server": self.door.host, "port": self.door.port, "requests": requests,
                       "prompt_tokens": prompt_tokens, "completion_tokens": int(usage.get("completion_tokens") or n_reason + n_answer),
                       "reasoning_tokens": n_reason, "answer_tokens": n_answer,
                       "tokenize_requests": self._tokenize_requests, "stop": stop,
                       "seconds": round(end - started, 3)}
            self._tokenize_requests = 0  # counted from one chat request to the next
            logs.event("inference.remote", **details)
            if self.audit is not None:
                self.audit(details)
        yield Done(
            stop_reason=stop, prompt_tokens=int(usage.get("prompt_tokens") or size), reasoning_tokens=n_reason,
            answer_tokens=n_answer, prompt_seconds=((first_token_at or end) - started),
            first_answer_seconds=None if first_answer_at is None else first_answer_at - started,
            total_seconds=end - started, malformed=split.malformed, reused_tokens=0, budget_hit=budget_hit,
            repeat_cut=answer_guard.cut if stop == "repetition" else None,
        )


def _prefilled(body: dict, opening: str) -> dict:
    """Continue an assistant turn that starts with ``opening`` (llama-server: a trailing
    assistant message is a prefill; vLLM: ``continue_final_message``)."""
    msgs = [m for m in body["messages"]]
    return {**body, "messages": msgs + [{"role": "assistant", "content": opening}],
            "continue_final_message": True, "add_generation_prompt": False}


def _hang_up(conn) -> None:
    if conn is None:
        return
    try:
        if conn.sock is not None:
            conn.sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    conn.close()


def _keyring_secret(name: str) -> str | None:
    import keyring

    return keyring.get_password("Confidant", name)
