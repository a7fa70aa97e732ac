"""The network guard: a deliberate attempt is refused and counted, Unix sockets still
work, and the non-interactive flow (import, export, forget, doctor) needs no network:
zero attempts, and it succeeds inside a network namespace with no interfaces at all.
The same flow leaves neither canary text nor the key in the logs or the command output."""

import json
import os
import subprocess
import sys
import textwrap

from tests.support.paths import DATA, ROOT
from tests.support.vault_helpers import files_containing

PROBE = textwrap.dedent(
    """
    import json, os, socket, tempfile
    import app.cli.main  # installs the guard, as every entry point does
    from app.core.privacy import netguard
    out = {}
    for name, attempt in [
        ("connect", lambda: socket.create_connection(("127.0.0.1", 9), timeout=1)),
        ("connect6", lambda: socket.socket(socket.AF_INET6).connect(("::1", 9))),
        ("getaddrinfo", lambda: socket.getaddrinfo("example.com", 443)),
        ("gethostbyname", lambda: socket.gethostbyname("localhost")),
        ("sendto", lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("127.0.0.1", 9))),
    ]:
        try:
            attempt()
            out[name] = "allowed"
        except netguard.NetworkBlocked:
            out[name] = "blocked"
        except OSError as exc:
            out[name] = f"oserror {exc}"
    # Unix-domain sockets (D-Bus for the keyring) stay allowed.
    path = os.path.join(tempfile.mkdtemp(), "s")
    srv = socket.socket(socket.AF_UNIX); srv.bind(path); srv.listen(1)
    cli = socket.socket(socket.AF_UNIX); cli.connect(path)
    conn, _ = srv.accept(); cli.sendall(b"ping"); out["unix"] = conn.recv(4).decode()
    out["status"] = netguard.status()
    print(json.dumps(out))
    """
)


def test_deliberate_attempts_are_blocked_and_counted():
    p = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    for k in ("connect", "connect6", "getaddrinfo", "gethostbyname", "sendto"):
        assert out[k] == "blocked", (k, out[k])
    assert out["unix"] == "ping"
    assert out["status"]["active"] is True and out["status"]["blocked_attempts"] == 5


def test_doctor_reports_the_guard(home, cli):
    code, out, err = cli("doctor", "--json")
    guard = json.loads(out)["network_guard"]
    assert guard["active"] is True and guard["blocked_attempts"] == 0


FLOW = textwrap.dedent(
    """
    import json, sys
    from app.cli.main import main
    from app.core.privacy import netguard
    steps = [
        ["import", sys.argv[1], "--json"],
        ["export", sys.argv[2]],
        ["export", sys.argv[3], "--format", "csv", "--contact", "asa.lindqvist@example.com"],
        ["forget", "kari.nordmann@example.com", "--yes"],
        ["audit", "--verify"],
        ["rekey"],
        ["purge"],
        ["doctor", "--json"],
    ]
    for argv in steps:
        code = main(argv)
        if code != 0:
            print(f"STEP FAILED {argv[0]} {code}", file=sys.stderr)
            sys.exit(1)
    print("GUARD " + json.dumps(netguard.status()))
    """
)


def _run_flow(home, tmp_path, passphrase, *, namespace: bool):
    env = dict(os.environ, CONFIDANT_HOME=str(home), CONFIDANT_PASSPHRASE=passphrase,
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    cmd = [sys.executable, "-c", FLOW, str(DATA / "privacy_flow_contacts.csv"), str(tmp_path / "all.json"),
           str(tmp_path / "asa.csv")]
    if namespace:
        cmd = ["unshare", "-rn", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)


def test_flow_in_a_namespace_without_network_and_without_content_in_logs(no_keyring, home, tmp_path):
    # Sanity: inside the namespace there really is no network.
    probe = subprocess.run(["unshare", "-rn", sys.executable, "-c",
                            "import socket; socket.create_connection(('127.0.0.1', 9), timeout=1)"],
                           capture_output=True, text=True)
    assert probe.returncode != 0 and "unreachable" in probe.stderr.lower()

    p = _run_flow(home, tmp_path, no_keyring, namespace=True)
    assert p.returncode == 0, p.stderr
    guard = json.loads(p.stdout.split("GUARD ", 1)[1])
    assert guard["active"] is True and guard["blocked_attempts"] == 0
    assert '"blocked_attempts": 0' in p.stdout  # doctor --json said so too

    # The export the user asked for holds the canary (the test can fail) ...
    assert "CANARY_NOTE_7f3a" in (tmp_path / "all.json").read_text(encoding="utf-8")
    # ... but the logs and the command output never do, nor the key or the passphrase.
    from app.core.vault import keys

    kf = json.loads((home / "data" / "vault.key").read_text())
    key_hex = keys.unwrap(kf["wrapped"], no_keyring, kf["vault_id"]).hex()
    secrets = ["CANARY_NOTE_7f3a", "Kari sa", "kari.nordmann@example.com", "Nordmann", key_hex, no_keyring]
    output = p.stdout + p.stderr
    for s in secrets:
        assert s not in output, s
    log_dir = home / "logs"
    assert any(log_dir.iterdir()), "the flow wrote no log at all"
    assert files_containing([log_dir], [s.encode() for s in secrets]) == []
    # And nothing of the forgotten contact is left in any file under the data folder.
    assert files_containing([home], [b"CANARY_NOTE_7f3a", b"Nordmann", key_hex.encode()]) == []
    raw_key = bytes.fromhex(key_hex)
    assert [f for f in (home / "data").iterdir() if f.is_file() and raw_key in f.read_bytes()] == []
