"""HTTP for the company inference server: an OpenAI-compatible API (llama.cpp's
``llama-server``, vLLM, llama-cpp-python's server) over the door, standard library only
(``http.client`` + ``ssl``). What the engine makes of the answers is :mod:`app.core.llm.remote`.

Guarantees:

- every connection goes through the door (:mod:`app.core.privacy.door`): the server's
  certificate is checked against the pin before a request byte is sent; redirects are
  never followed (a 3xx is an error);
- plain requests share one kept-alive connection (retried at once when the server had closed
  it); a connection that is refused or times out is tried exactly once more, after
  :data:`BACKOFF` seconds (:data:`RETRYABLE`); a streamed reply gets a connection of its
  own, which :meth:`Stream.hang_up` closes from any thread (that stops the server's
  generation);
- a server's own words (error text, model names) reach a message only through
  :func:`server_text`: one line, control characters and escape sequences removed;
- time-outs, refusals and broken streams are one-line :class:`RemoteError`.

Runs on whatever thread calls it.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import sys
import threading
import time
from typing import Iterator

from app.core.errors import N_
from app.core.llm.errors import RemoteError, StreamInterrupted
from app.core import logs
from app.core.privacy.door import Door, DoorRefused, DoorUnreachable

# Tokenize endpoints, tried in order: llama-server, vLLM, llama-cpp-python's server.
TOKENIZERS = (("/tokenize", lambda m, t: {"content": t}, lambda r: len(r["tokens"])),
              ("/tokenize", lambda m, t: {"model": m, "prompt": t}, lambda r: int(r["count"])),
              ("/extras/tokenize", lambda m, t: {"model": m, "input": t}, lambda r: len(r["tokens"])))
# ANSI/VT escape sequences (CSI, OSC, and two-character ones), then any other control character.
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])|\x9b[0-?]*[ -/]*[@-~]")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


BACKOFF = 1.0  # seconds before the one retry of a refused or timed-out connection


class Unreachable(RemoteError):
    """The connection failed (not an answer from the server): a kept-alive one may be retried."""


class TimedOut(RemoteError):
    """The server did not answer in time (before its answer started)."""


class NoFreeSlot(RemoteError):
    """The server said it has no free slot now (HTTP 503): the request may be sent again."""


# Failures before the server has answered anything: tried once more, after BACKOFF.
RETRYABLE = (Unreachable, TimedOut, DoorUnreachable)


def server_text(text: object, limit: int = 160) -> str:
    """Text the server chose, made fit for one line of a message: escape sequences and
    control characters (bidi overrides included) removed, whitespace folded, length capped."""
    text = _CONTROLS.sub(" ", _ESCAPES.sub("", str(text)))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def server_message(raw: bytes) -> str:
    """The error text in a server's answer body (OpenAI, llama-server and FastAPI shapes)."""
    try:
        obj = json.loads(raw)
    except ValueError:
        return server_text(raw.decode("utf-8", "replace"))
    err = obj.get("error", obj.get("detail", obj)) if isinstance(obj, dict) else obj
    if isinstance(err, dict):
        err = err.get("message", err)
    return server_text(err if isinstance(err, str) else json.dumps(err))


class _Connection(http.client.HTTPSConnection):
    """An HTTPS connection whose socket comes from the door (pinned, checked before sending)."""

    def __init__(self, door: Door, timeout: float):
        super().__init__(door.host, door.port, timeout=timeout)
        self._door = door

    def connect(self) -> None:
        self.sock = self._door.connect(self.timeout)


class Stream:
    """One streamed reply: its server-sent events, and a hang-up that works from any thread
    (the socket is kept here: http.client drops ``conn.sock`` when the server answers with
    ``Connection: close``, while the response still reads from it)."""

    def __init__(self, conn: _Connection, sock, resp: http.client.HTTPResponse, where: str):
        self._conn, self._sock, self._resp, self._where = conn, sock, resp, where
        self._lock = threading.Lock()

    def events(self) -> Iterator[dict]:
        """Each ``data:`` payload as JSON until ``[DONE]`` or the end of the stream. A broken
        connection raises StreamInterrupted; an error event RemoteError."""
        data: list[bytes] = []
        started = False
        while True:
            try:
                line = self._resp.readline()
            except (socket.timeout, TimeoutError):
                if started:
                    raise StreamInterrupted(N_("The company inference server {where} stopped answering in the middle "
                                               "of a reply."), where=self._where) from None
                raise TimedOut(N_("The company inference server {where} did not answer in time."),
                               where=self._where) from None
            except (OSError, ValueError, http.client.HTTPException):
                # ValueError: the response was closed under us (a hang-up from another thread).
                raise StreamInterrupted(N_("The company inference server {where} stopped answering in the middle "
                                           "of a reply."), where=self._where) from None
            if not line:
                return
            line = line.rstrip(b"\r\n")
            if line.startswith(b"data:"):
                started = True
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
                raise RemoteError(N_("The company inference server failed: {reason}"), reason=server_message(payload))
            yield obj

    def hang_up(self) -> None:
        """Shut the connection down (idempotent, any thread): the server stops generating, and
        a read waiting on this thread's other side ends. Only the socket is touched, never the
        response object another thread may be reading."""
        sock = self._sock
        if sock is None:
            return
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def close(self) -> None:
        """Hang up and free the connection (the thread that reads the stream)."""
        self.hang_up()
        with self._lock:
            sock, self._sock = self._sock, None
        self._conn.close()
        if sock is not None:
            try:
                sock.close()
            except OSError:
                pass


class ServerClient:
    """Requests to the server behind ``door`` (resolved), with an optional bearer key."""

    def __init__(self, door: Door, *, api_key: str | None = None, timeout: float = 300.0,
                 connect_timeout: float = 10.0):
        self.door = door
        self._key = api_key
        self.timeout, self.connect_timeout = timeout, connect_timeout
        self._lock = threading.Lock()
        self._conn: _Connection | None = None
        self.tokenizer = None  # one of TOKENIZERS, once the server is known to offer it

    @property
    def where(self) -> str:
        return f"{self.door.host}:{self.door.port}"

    def _headers(self) -> dict:
        h = {"Content-Type": "application/json", "Accept": "application/json"}
        if self._key:
            h["Authorization"] = f"Bearer {self._key}"
        return h

    def _send(self, conn, method: str, path: str, body) -> http.client.HTTPResponse:
        data = None if body is None else json.dumps(body).encode("utf-8")
        try:
            conn.request(method, self.door.base_path + path, body=data, headers=self._headers())
            resp = conn.getresponse()
        except DoorRefused:
            raise
        except (socket.timeout, TimeoutError):
            raise TimedOut(N_("The company inference server {where} did not answer in time."),
                              where=self.where) from None
        except (OSError, http.client.HTTPException) as exc:
            raise Unreachable(N_("The company inference server {where} cannot be reached ({reason})."),
                              where=self.where,
                              reason=server_text(getattr(exc, "strerror", None) or type(exc).__name__)) from None
        if 300 <= resp.status < 400:
            resp.close()
            raise RemoteError(N_("The company inference server answered {path} with a redirect (HTTP {status}); "
                                 "redirects are never followed."), path=path, status=resp.status)
        if resp.status >= 400:
            msg = server_message(resp.read(4096))
            resp.close()
            if resp.status == 503:
                raise NoFreeSlot(N_("The company inference server {where} is busy (HTTP 503): {reason}"),
                                 where=self.where, reason=msg)
            raise RemoteError(N_("The company inference server refused {path} (HTTP {status}): {reason}"),
                              path=path, status=resp.status, reason=msg)
        return resp

    def json(self, method: str, path: str, body=None, *, wait: float | None = None, retry: bool = True) -> dict:
        """One request on the kept-alive connection; the answer as JSON. ``wait``: the longest
        wait for the answer (default ``timeout``: a serial server answers after the request it
        is busy with); ``retry=False``: a time-out is raised at once, not tried again."""
        with self._lock:
            retried = False
            while True:
                reused = self._conn is not None
                if not reused:
                    self._conn = _Connection(self.door, self.connect_timeout)
                try:
                    if self._conn.sock is None:
                        self._conn.connect()  # within connect_timeout
                    self._conn.sock.settimeout(self.timeout if wait is None else wait)
                    resp = self._send(self._conn, method, path, body)
                    raw = resp.read()
                    if resp.will_close:
                        self._drop()
                    break
                except RETRYABLE:
                    self._drop()
                    if reused and isinstance(sys.exc_info()[1], Unreachable):
                        continue  # a kept-alive connection the server had closed: a fresh one at once
                    if retried or not retry:
                        raise
                    retried = True
                    logs.event("inference.retry", at="request")
                    time.sleep(BACKOFF)
                except BaseException:
                    self._drop()
                    raise
        try:
            return json.loads(raw)
        except ValueError:
            raise RemoteError(N_("The company inference server sent a malformed answer to {path}."), path=path) from None

    def stream(self, path: str, body: dict, on_connect=None) -> Stream:
        """POST ``body`` on a connection of its own and return the reply's event stream.
        ``on_connect(socket)`` is called once connected, before the answer starts: a caller
        may shut the socket down from another thread to give up while the server works."""
        conn = _Connection(self.door, self.connect_timeout)
        try:
            conn.connect()
            sock = conn.sock
            sock.settimeout(self.timeout)  # from here on: the wait for each token
            if on_connect is not None:
                on_connect(sock)
            resp = self._send(conn, "POST", path, body)
        except BaseException:
            conn.close()
            raise
        return Stream(conn, sock, resp, self.where)

    def served_models(self) -> dict[str, dict]:
        models = self.json("GET", "/v1/models")
        return {m.get("id"): m for m in (models.get("data") or []) if isinstance(m, dict)}

    def find_tokenizer(self, model: str) -> None:
        for tok in TOKENIZERS:
            try:
                tok[2](self.json("POST", tok[0], tok[1](model, "hello")))
            except (RemoteError, KeyError, TypeError, ValueError):
                continue
            self.tokenizer = tok
            return

    def count_tokens(self, model: str, text: str, *, wait: float | None = None) -> int:
        """Tokens of ``text``; :class:`TimedOut` after ``wait`` seconds (not tried again)."""
        path, body, read = self.tokenizer
        return read(self.json("POST", path, body(model, text), wait=wait, retry=wait is None))

    def _drop(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def close(self) -> None:
        with self._lock:
            self._drop()


def keyring_secret(name: str) -> str | None:
    import keyring

    return keyring.get_password("Confidant", name)
