"""A scripted OpenAI-compatible server for the faults a real one shows only now and then: a
streamed reply sent with ``Connection: close`` (read to the end of the connection), a stream
cut in the middle of the answer, and an error text carrying terminal escape sequences.

Runs in a child process (the test process's network guard refuses to listen), on 127.0.0.1,
TLS with the certificate of tests/support/team_server.self_signed. The mode is the first
argument: ``close`` (a whole reply, then the connection closes), ``cut`` (three words, then
the connection closes without a finish reason), ``error`` (HTTP 500 whose text holds an
escape sequence), ``hang`` (accepts TCP connections and never says a word, not even TLS),
``silent`` (lists its model, then never answers a chat request) or ``busy503`` (the first two
chat requests get HTTP 503 "no slot available", then a whole reply). ``/slots`` reports two
slots, one busy, as llama-server does; a request with ``"stream": false`` gets a one-word
answer (``doctor``'s latency probe). Prints the port on its
first line; writes a line per accepted connection ("connect") and per chat request ("chat")
to the log file (:func:`count`), so a test counts the client's tries."""

from __future__ import annotations

import json
import socket
import ssl
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ALIAS = "smollm2"
WORDS = ["Hei ", "Kari, ", "takk ", "for ", "møtet ", "i ", "dag."]
EVIL = "model failed\x1b[2J\x1b]0;owned\x07\x1b[31m red\r\nsecond line\x00"


def _chunk(**delta_or_finish) -> bytes:
    finish = delta_or_finish.pop("finish", None)
    obj = {"id": "c1", "object": "chat.completion.chunk", "model": ALIAS,
           "choices": [{"index": 0, "delta": delta_or_finish, "finish_reason": finish}]}
    return b"data: " + json.dumps(obj).encode() + b"\n\n"


_log_lock = threading.Lock()
LOG: Path | None = None


def _note(what: str) -> None:
    with _log_lock, LOG.open("a") as f:
        f.write(what + "\n")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    mode = "close"
    chats = 0

    def log_message(self, *a):  # quiet
        pass

    def _json(self, status: int, obj) -> None:
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/v1/models":
            self._json(200, {"object": "list", "data": [{"id": ALIAS, "object": "model"}]})
        elif self.path == "/slots":  # llama-server's shape: one slot busy, one free
            self._json(200, [{"id": 0, "is_processing": True}, {"id": 1, "is_processing": False}])
        else:
            self._json(404, {"detail": "Not Found"})

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        if self.path != "/v1/chat/completions":
            self._json(404, {"detail": "Not Found"})
            return
        if body.get("stream") is False:  # a one-token probe (doctor)
            self._json(200, {"id": "c0", "object": "chat.completion", "model": ALIAS, "choices": [
                {"index": 0, "message": {"role": "assistant", "content": "ok"}, "finish_reason": "length"}]})
            return
        _note("chat")
        Handler.chats += 1
        if self.mode == "silent":
            time.sleep(3600)  # the request was read; no answer ever comes
            return
        if self.mode == "busy503" and Handler.chats <= 2:
            self._json(503, {"error": {"message": "no slot available", "code": 503}})
            return
        if self.mode == "error":
            self._json(500, {"error": {"message": EVIL}})
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")  # no length, no chunking: the reply ends with the connection
        self.end_headers()
        self.wfile.write(_chunk(role="assistant"))
        words = WORDS[:3] if self.mode == "cut" else WORDS
        for w in words:
            self.wfile.write(_chunk(content=w))
            self.wfile.flush()
        if self.mode != "cut":
            self.wfile.write(_chunk(finish="stop"))
            self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()
        self.close_connection = True


class _Counting(ThreadingHTTPServer):
    daemon_threads = True

    def verify_request(self, request, client_address) -> bool:
        _note("connect")
        return True


def _hang() -> None:
    """Accept connections and keep them open, silent."""
    lsn = socket.socket()
    lsn.bind(("127.0.0.1", 0))
    lsn.listen(16)
    print(lsn.getsockname()[1], flush=True)
    held = []
    while True:
        conn, _ = lsn.accept()
        _note("connect")
        held.append(conn)


def main() -> None:
    global LOG
    mode, cert, key, LOG = sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4])
    if mode == "hang":
        _hang()
        return
    Handler.mode = mode
    srv = _Counting(("127.0.0.1", 0), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    print(srv.server_address[1], flush=True)
    srv.serve_forever()


def start(mode: str, folder: Path):
    """(process, port, fingerprint) of a scripted server in ``mode``; stop it with .terminate()."""
    from tests.support.team_server import self_signed

    key, cert, fp = self_signed(folder)
    log = folder / "sse-server.log"
    log.write_text("")
    proc = subprocess.Popen([sys.executable, "-m", "tests.support.sse_server", mode, str(cert), str(key), str(log)],
                            stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    port = int(proc.stdout.readline())
    return proc, port, fp


@contextmanager
def named_by_policy(mode: str, tmp_path: Path, monkeypatch):
    """A scripted server in ``mode``, named by the system policy as the company server (no local
    model beside it), the network guard on; yields the server's folder (its log, for ``count``)."""
    from app.core.privacy import netguard
    from tests.support import team_server

    netguard.install()
    folder = tmp_path / "server"
    folder.mkdir()
    proc, port, fp = start(mode, folder)
    try:
        team_server.write_system_policy(monkeypatch, tmp_path, {
            "inference_url": f"https://127.0.0.1:{port}", "inference_tls_sha256": fp,
            "inference_model": ALIAS, "inference_n_ctx": 2048})
        monkeypatch.setenv("CONFIDANT_MODEL", str(tmp_path / "no-local-model.gguf"))
        yield folder
    finally:
        netguard.set_door(None)
        proc.terminate()
        proc.wait(10)


def count(folder: Path, what: str) -> int:
    """How many connections ("connect") or chat requests ("chat") the server in ``folder`` got."""
    return (folder / "sse-server.log").read_text().split().count(what)


if __name__ == "__main__":
    main()
