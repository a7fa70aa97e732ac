"""One reply from the company server, for the one generation loop
(:func:`app.core.llm.streaming.run`): :class:`_RemoteReply` turns the server's event stream
into token text; :class:`_Pump` sends the request and reads the stream on a thread of its
own, so that the wait for the first token is reported and Stop works while the server
queues the request. The engine is :class:`app.core.llm.remote.RemoteEngine`.

Guarantees:

- before the first token, after :data:`BUSY_AFTER` seconds, a :class:`ServerBusy` event
  about once a second ("The company server is busy — waiting (N s)…");
- a failure before the answer starts (refused, timed out: ``RETRYABLE``) is tried exactly
  once more after ``BACKOFF``; HTTP 503 "no free slot" is tried again each second while the
  wait lasts; never once an event of the answer has come (no duplicate answers);
- ``cancel`` hangs up at once, waiting or streaming; the server then drops the request.

Runs on whatever thread calls it.
"""

from __future__ import annotations

import queue
import socket
import threading
import time

from app.core import logs
from app.core.errors import N_
from app.core.llm import streaming
from app.core.llm.errors import RemoteError, StreamInterrupted
from app.core.llm.events import ReasoningChunk, ServerBusy
from app.core.llm.server_client import BACKOFF, RETRYABLE, NoFreeSlot, ServerClient

CHAT = "/v1/chat/completions"
BUSY_AFTER = 2.0  # seconds without any answer before "The company server is busy — waiting (N s)…"
TICK = 1.0  # how often the wait is reported (and cancel checked while nothing comes)


class _RemoteReply:
    """One reply from the server for :func:`app.core.llm.streaming.run`: each streamed delta
    is one token's text. A watcher hangs up as soon as ``cancel`` is set."""

    def __init__(self, engine, body: dict, size: int, req, cancel):
        self._engine, self._client = engine, engine.client
        self._body, self._req, self._cancel = body, req, cancel
        self.opens_think = engine.opens_think
        self.prompt_tokens = size
        self.reused_tokens = 0
        self.finish: str | None = None
        self._usage: dict = {}
        self._requests = 0
        self._used = 0  # tokens streamed, over every request of this reply
        self._pump: _Pump | None = None
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

    def _cancelled(self) -> bool:
        return self._cancel is not None and self._cancel.is_set()

    def tokens(self):
        """The reply's token text, read from a :class:`_Pump` thread so that the wait for the
        first token can be reported (:class:`ServerBusy` once a second after
        :data:`BUSY_AFTER`) and Stop works while the server queues the request. A failure
        before any token came is tried once more (:data:`RETRYABLE`; a 503 "no free slot"
        again each second while the wait lasts); never once text has come."""
        began = time.monotonic()
        retried = False
        while True:
            self._requests += 1
            self.finish = None
            pump = self._pump = _Pump(self._client, self._body, self._connected)
            pump.start()
            try:
                yield from self._relay(pump, began)
                return
            except (*RETRYABLE, NoFreeSlot) as exc:
                if self._cancelled():
                    return  # we hung up ourselves while the server read the prompt or queued it
                if self._used or pump.events:
                    raise  # the answer had started: never asked twice (no duplicate answers)
                if isinstance(exc, NoFreeSlot):
                    if time.monotonic() - began > self._client.timeout:
                        raise
                elif retried:
                    raise
                else:
                    retried = True
                logs.event("inference.retry", at="reply", why=type(exc).__name__)
                if self._cancel is not None and self._cancel.wait(BACKOFF):
                    return
                if self._cancel is None:
                    time.sleep(BACKOFF)
                if time.monotonic() - began >= BUSY_AFTER:
                    yield ServerBusy(int(time.monotonic() - began))
            except RemoteError:
                if self._cancelled():
                    return  # our own hang-up, seen as a failure
                raise
            finally:
                pump.hang_up()

    def _relay(self, pump: "_Pump", began: float):
        while True:
            try:
                kind, value = pump.box.get(timeout=TICK)
            except queue.Empty:
                if self._cancelled():
                    return
                waited = time.monotonic() - began
                if not pump.events and waited >= BUSY_AFTER:
                    yield ServerBusy(int(waited))
                continue
            if kind == "end":
                break
            if kind == "error":
                if isinstance(value, StreamInterrupted) and self._cancelled():
                    return
                raise value
            obj = value
            if obj.get("usage"):
                self._usage = obj["usage"]
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
        if self.finish is None and not self._cancelled():
            # The stream ended without a finish reason: the server failed while answering
            # (llama-cpp-python drops the stream on an exception), or closed the connection.
            raise StreamInterrupted(N_("The company inference server {where} ended the reply without finishing it; "
                                       "its log says why."), where=self._client.where)

    def close_reasoning(self, reasoning: str):
        # The reasoning closed early: hang up (the server stops) and continue the assistant
        # turn with the think block closed, so the answer starts at once.
        if self._pump is not None:
            self._pump.hang_up()
        left = max(1, self._req.max_tokens - self._used)
        self._body = _prefilled({**self._body, "max_tokens": left},
                                "<think>\n" + reasoning.strip() + streaming.BUDGET_CLOSE)
        return self.tokens()

    def flush(self) -> str:
        return ""

    def release(self) -> None:
        self._watch_done.set()
        if self._pump is not None:
            self._pump.hang_up()
            self._pump.join(2.0)

    def end(self, outcome) -> None:
        u = self._usage
        if u.get("prompt_tokens"):
            self.prompt_tokens = int(u["prompt_tokens"])
        self.reused_tokens = int((u.get("prompt_tokens_details") or {}).get("cached_tokens") or 0)  # the server's prompt cache
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


class _Pump(threading.Thread):
    """Sends one chat request and reads its stream on a thread of its own, putting
    ("event", obj), then ("end", None), or ("error", exc) in ``box``. :meth:`hang_up` (any
    thread) shuts the socket: the server stops, the read ends."""

    def __init__(self, client: ServerClient, body: dict, on_connect):
        super().__init__(name="remote-stream", daemon=True)
        self._client, self._body, self._on_connect = client, body, on_connect
        self.box: queue.Queue = queue.Queue()
        self.events = 0  # events received (an answer has begun once one came)
        self._sock = None
        self._closed = False

    def _connected(self, sock) -> None:
        self._sock = sock
        self._on_connect(sock)
        if self._closed:
            _shut(sock)

    def run(self) -> None:
        stream = None
        try:
            stream = self._client.stream(CHAT, self._body, on_connect=self._connected)
            for obj in stream.events():
                self.events += 1
                self.box.put(("event", obj))
            self.box.put(("end", None))
        except BaseException as exc:  # noqa: BLE001 - handed to the reading thread, raised there
            self.box.put(("error", exc))
        finally:
            if stream is not None:
                stream.close()

    def hang_up(self) -> None:
        self._closed = True
        _shut(self._sock)


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
