"""A scripted OpenAI-compatible server for the faults a real one shows only now and then: a
streamed reply sent with ``Connection: close`` (read to the end of the connection), a stream
cut in the middle of the answer, and an error text carrying terminal escape sequences.

Runs in a child process (the test process's network guard refuses to listen), on 127.0.0.1,
TLS with the certificate of tests/support/team_server.self_signed. The mode is the first
argument: ``close`` (a whole reply, then the connection closes), ``cut`` (three words, then
the connection closes without a finish reason) or ``error`` (HTTP 500 whose text holds an
escape sequence). Prints the port on its first line."""

from __future__ import annotations

import json
import ssl
import subprocess
import sys
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


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    mode = "close"

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
        else:
            self._json(404, {"detail": "Not Found"})

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path != "/v1/chat/completions":
            self._json(404, {"detail": "Not Found"})
            return
        if self.mode == "error":
            self._json(500, {"error": {"message": EVIL}})
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")  # no length, no chunking: the reply ends with the connection
        self.end_headers()
        self.wfile.write(_chunk(role="assistant"))
        words = WORDS if self.mode == "close" else WORDS[:3]
        for w in words:
            self.wfile.write(_chunk(content=w))
            self.wfile.flush()
        if self.mode == "close":
            self.wfile.write(_chunk(finish="stop"))
            self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()
        self.close_connection = True


def main() -> None:
    mode, cert, key = sys.argv[1], sys.argv[2], sys.argv[3]
    Handler.mode = mode
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    print(srv.server_address[1], flush=True)
    srv.serve_forever()


def start(mode: str, folder: Path):
    """(process, port, fingerprint) of a scripted server in ``mode``; stop it with .terminate()."""
    from tests.support.team_server import self_signed

    key, cert, fp = self_signed(folder)
    proc = subprocess.Popen([sys.executable, "-m", "tests.support.sse_server", mode, str(cert), str(key)],
                            stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    port = int(proc.stdout.readline())
    return proc, port, fp


if __name__ == "__main__":
    main()
