"""llama-cpp-python's own OpenAI-compatible server, started for a test or a benchmark:
127.0.0.1, a free port, TLS with a fresh self-signed certificate (its SHA-256 is what IT
would pin), one model under an alias. Used by tests/core/llm/test_team_server.py and
benchmarks/bench_team_server.py."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import os
import subprocess
import sys
import time
from pathlib import Path


def self_signed(folder: Path) -> tuple[Path, Path, str]:
    """(key file, certificate file, SHA-256 of the certificate's DER bytes)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "inference.example.com")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .sign(key, hashes.SHA256()))
    kpath, cpath = folder / "server.key", folder / "server.pem"
    kpath.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption()))
    cpath.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return kpath, cpath, hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def free_port() -> int:
    """A port nothing listens on, found by a child process: this one's network guard refuses
    to create an internet socket at all (outside the door)."""
    code = "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
    return int(subprocess.check_output([sys.executable, "-c", code], text=True).strip())


class Server:
    def __init__(self, port: int, fingerprint: str, log: Path, proc: subprocess.Popen):
        self.port, self.fingerprint, self.log, self.proc = port, fingerprint, log, proc

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def requests(self) -> int:
        """HTTP requests the server has answered (uvicorn's access log)."""
        return self.text().count('HTTP/1.1"')

    def wait_count(self, needle: str, count: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.text().count(needle) >= count:
                return True
            if self.proc.poll() is not None:
                raise RuntimeError("The inference server exited:\n" + self.text()[-2000:])
            time.sleep(0.1)
        return False

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def start(model: Path, folder: Path, *, alias: str, n_ctx: int = 2048, threads: int = 2,
          api_key: str | None = None, queue: bool = False) -> Server:
    """``queue``: a request that comes while another is answered waits for it (the server's
    default, ``interrupt_requests``, ends the first reply in favour of the newcomer)."""
    key, cert, fp = self_signed(folder)
    port = free_port()
    log = folder / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", alias,
             "--host", "127.0.0.1", "--port", str(port), "--ssl_keyfile", str(key), "--ssl_certfile", str(cert),
             "--n_ctx", str(n_ctx), "--n_threads", str(threads), "--n_threads_batch", str(threads),
             *(["--api_key", api_key] if api_key else []), *(["--interrupt_requests", "False"] if queue else [])],
            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    srv = Server(port, fp, log, proc)
    if not srv.wait_count("Uvicorn running", 1, 120):
        srv.stop()
        raise RuntimeError("The inference server did not start:\n" + srv.text()[-2000:])
    return srv


# ---- the system policy that names the server (the one faked edge: a test cannot write /etc) ----

MODEL_ALIAS = "smollm2"


def policy_values(server: Server, **over) -> dict:
    """The policy keys IT writes for ``server``; the fingerprint in openssl's form (upper case,
    colons), as IT copies it from ``openssl x509 -fingerprint -sha256``."""
    fp = ":".join(server.fingerprint[i:i + 2] for i in range(0, 64, 2)).upper()
    return {"inference_url": f"https://127.0.0.1:{server.port}", "inference_tls_sha256": fp,
            "inference_model": MODEL_ALIAS, "inference_n_ctx": 2048, **over}


def write_system_policy(monkeypatch, folder: Path, values: dict) -> Path:
    """Write ``values`` as the system policy file and point the policy reader at it."""
    import json

    from app.core.policy import reader

    lines = ["[policy]"] + [f"{k} = {json.dumps(v)}" for k, v in values.items()]
    p = folder / "system-policy.toml"
    p.write_text("\n".join(lines) + "\n")
    monkeypatch.setattr(reader, "default_policy_path", lambda *a, **k: p)
    return p
