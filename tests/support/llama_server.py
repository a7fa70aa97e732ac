"""llama.cpp's multi-user ``llama-server``, started for a test or a benchmark: the binary
scripts/build-llama-server.sh builds from the locked llama.cpp source (cached; scripts/test.sh
builds it before the tests that need it), on 127.0.0.1, a free port, TLS with the same
self-signed pair as :mod:`tests.support.team_server`, ``--parallel N`` slots with continuous
batching and the prompt cache, one model under an alias. The second, serial implementation is
llama-cpp-python's server (:func:`tests.support.team_server.start`).

The returned :class:`LlamaServer` is a :class:`tests.support.team_server.Server` (``port``,
``fingerprint``, ``text()``, ``wait_count()``, ``stop()``), so ``team_server.policy_values``
works for both; ``get()`` reads the server's own monitoring endpoints (``/slots``,
``/metrics``) from this process without the app's door (a plain TLS socket to loopback, made
before a test installs the network guard or from a child)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from tests.support import team_server
from tests.support.paths import ROOT

BUILD = ROOT / "scripts" / "build-llama-server.sh"


def binary() -> Path:
    """The cached llama-server; one clear line (how to build it) when it is not built yet."""
    env_path = os.environ.get("CONFIDANT_LLAMA_SERVER")
    if env_path and Path(env_path).is_file():
        return Path(env_path)
    p = subprocess.run(["bash", str(BUILD), "--cached"], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("llama-server is not built: run `bash scripts/build-llama-server.sh` "
                           "(scripts/test.sh does it before the tests that need it).")
    return Path(p.stdout.strip())


class LlamaServer(team_server.Server):
    def __init__(self, port: int, fingerprint: str, log: Path, proc: subprocess.Popen, parallel: int):
        super().__init__(port, fingerprint, log, proc)
        self.parallel = parallel

    def requests(self) -> int:
        """Completion requests the server has started (it logs no access lines)."""
        return self.text().count("processing task")

    def get(self, path: str) -> object:
        """GET ``path`` from the server over TLS (certificate pinned by its fingerprint), in a
        child process: this process's network guard lets only the app's door out."""
        code = ("import hashlib, http.client, json, ssl, sys\n"
                "ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE\n"
                "c = http.client.HTTPSConnection('127.0.0.1', int(sys.argv[1]), context=ctx, timeout=30); c.connect()\n"
                "assert hashlib.sha256(c.sock.getpeercert(True)).hexdigest() == sys.argv[2]\n"
                "c.request('GET', sys.argv[3]); r = c.getresponse(); sys.stdout.write(r.read().decode())\n")
        out = subprocess.check_output([sys.executable, "-c", code, str(self.port), self.fingerprint, path],
                                      text=True, timeout=60)
        try:
            return json.loads(out)
        except ValueError:
            return out


def start(model: Path, folder: Path, *, alias: str = team_server.MODEL_ALIAS, n_ctx: int = 2048,
          parallel: int = 2, threads: int = 2, api_key: str | None = None, extra: tuple[str, ...] = ()) -> LlamaServer:
    """llama-server on 127.0.0.1 with TLS and ``parallel`` slots; ``n_ctx`` is each slot's
    context (the server splits ``-c`` among the slots, so it gets ``n_ctx * parallel``)."""
    key, cert, fp = team_server.self_signed(folder)
    port = team_server.free_port()
    log = folder / "llama-server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(binary()), "--model", str(model), "--alias", alias, "--host", "127.0.0.1", "--port", str(port),
             "--ssl-key-file", str(key), "--ssl-cert-file", str(cert), "--ctx-size", str(n_ctx * parallel),
             "--parallel", str(parallel), "--threads", str(threads), "--threads-batch", str(threads),
             "--slots", "--metrics", "--no-ui", *(["--api-key", api_key] if api_key else []), *extra],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
    srv = LlamaServer(port, fp, log, proc, parallel)
    deadline = time.monotonic() + 120
    while "listening on" not in srv.text():  # logged once the model is loaded
        if proc.poll() is not None or time.monotonic() > deadline:
            srv.stop()
            raise RuntimeError("llama-server did not start:\n" + srv.text()[-2000:])
        time.sleep(0.1)
    return srv
