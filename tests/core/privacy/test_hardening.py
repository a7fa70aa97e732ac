"""Process hardening and the kernel network filter, checked on real running processes.

- F1: a running `confidant` (the CLI waiting at its passphrase prompt, as a normal user, and
  the desktop app offscreen) has a core-file limit of 0 and is not dumpable, read from outside
  through /proc/<pid>.
- Kernel filter (F7): inside the app, native code cannot open an internet socket: a ctypes
  socket()+connect(), a socket made in a thread that existed before the filter, a child
  process, a `socket.socket` subclass lying about its family and a QtNetwork socket all fail,
  and a listener outside never sees a connection; the D-Bus keyring still works. `doctor
  --json` says `network_guard.kernel == "seccomp"`, and blocked attempts survive the process.
"""

from __future__ import annotations

import json
import os
import pty
import resource
import select
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from tests.support.backends import SECRET_SERVICE_BACKEND
from tests.support.paths import ROOT

NOBODY = 65534

# The real CLI entry point, run as a normal user: imports as the test's user, then drops to
# nobody. setuid() clears the dumpable flag by itself, so it is set back to 1 first: from there
# on the process is what a normal user's `confidant` is, and only run() can clear it again.
CLI_AS_NOBODY = textwrap.dedent(
    """
    import ctypes, os, sys
    from app.cli.main import build_parser, run
    import app.core.privacy.hardening, app.core.privacy.kernel_guard, getpass, keyring  # noqa: F401
    build_parser()
    keyring.get_keyring()  # stdlib modules it loads live where nobody cannot read
    os.setgroups([]); os.setgid(%(uid)d); os.setuid(%(uid)d)
    ctypes.CDLL(None).prctl(4, 1, 0, 0, 0)  # PR_SET_DUMPABLE 1
    print("READY", flush=True)
    if sys.argv[1] == "wait":
        sys.stdin.readline()  # control: a plain process of the same user, no entry point
        sys.exit(0)
    sys.argv = ["confidant", *sys.argv[1:]]
    run()
    """
) % {"uid": NOBODY}


@pytest.fixture
def nobody_home():
    d = Path(tempfile.mkdtemp(prefix="confidant-home-"))
    os.chmod(d, 0o755)
    home = d / "home"
    home.mkdir(mode=0o700)
    os.chown(home, NOBODY, NOBODY)
    try:
        yield home
    finally:
        shutil.rmtree(d, ignore_errors=True)


def _ulimit_c_unlimited() -> None:
    # The attack's shell: `ulimit -c unlimited`.
    resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))


def _start_on_pty(args: list[str], env: dict):
    master, slave = pty.openpty()
    p = subprocess.Popen([sys.executable, "-c", CLI_AS_NOBODY, *args], stdin=slave, stdout=slave, stderr=slave,
                         cwd=ROOT, env=env, start_new_session=True, preexec_fn=_ulimit_c_unlimited)
    os.close(slave)
    return p, master


def _read_until(master: int, needle: bytes, timeout: float = 60) -> bytes:
    buf = b""
    deadline = time.monotonic() + timeout
    while needle not in buf:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"never saw {needle!r}; got {buf[-500:]!r}")
        r, _, _ = select.select([master], [], [], left)
        if r:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                raise AssertionError(f"process ended before {needle!r}; got {buf[-500:]!r}") from None
            if not chunk:
                raise AssertionError(f"process ended before {needle!r}; got {buf[-500:]!r}")
            buf += chunk
    return buf


def _core_limit(pid: int) -> tuple[str, str]:
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max core file size"):
            soft, hard = line.split()[4:6]
            return soft, hard
    raise AssertionError("no core limit line")


def _status(pid: int, field: str) -> str:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return line.split(":", 1)[1].strip()
    raise AssertionError(field)


def _stop(p: subprocess.Popen, master: int) -> None:
    p.kill()
    p.wait(timeout=30)
    os.close(master)


def test_running_cli_has_no_core_dumps_and_is_not_dumpable(nobody_home):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFIDANT_")}
    env.update(CONFIDANT_HOME=str(nobody_home), HOME=str(nobody_home), PYTHONPATH=str(ROOT),
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    # Control: the same user's plain process is dumpable (its /proc entry is its own) and
    # inherits the shell's core limit: the checks below can fail.
    ctl, ctl_master = _start_on_pty(["wait"], env)
    try:
        _read_until(ctl_master, b"READY")
        assert os.stat(f"/proc/{ctl.pid}/mem").st_uid == NOBODY
        assert _core_limit(ctl.pid) == ("unlimited", "unlimited")
        assert _status(ctl.pid, "Seccomp") == "0"
    finally:
        _stop(ctl, ctl_master)

    p, master = _start_on_pty(["models"], env)  # creates the vault: asks for a passphrase
    try:
        out = _read_until(master, b"assphrase")  # waiting at the prompt: the process is live
        assert b"Traceback" not in out
        assert _core_limit(p.pid) == ("0", "0")
        # Non-dumpable: the kernel hands /proc/<pid>/mem (environ, ...) to root, so the same user cannot
        # ptrace it or read its memory, and no core is written by systemd-coredump/apport.
        assert os.stat(f"/proc/{p.pid}/mem").st_uid == 0
        assert _status(p.pid, "Uid").split()[0] == str(NOBODY)
        assert _status(p.pid, "Seccomp") == "2" and _status(p.pid, "NoNewPrivs") == "1"
    finally:
        _stop(p, master)


def test_running_gui_has_no_core_dumps(home, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    p = subprocess.Popen([sys.executable, "-c", "from app.gui.entry import run; run()"], cwd=ROOT, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while _status(p.pid, "Seccomp") != "2":  # run() installs the filter after the core limit
            assert p.poll() is None, p.communicate()[1][-2000:]
            assert time.monotonic() < deadline, "the GUI never hardened itself"
            time.sleep(0.1)
        assert _core_limit(p.pid) == ("0", "0")
    finally:
        p.kill()
        p.communicate(timeout=30)


LISTENER = textwrap.dedent(
    """
    import select, socket, sys
    srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen(8)
    print(srv.getsockname()[1], flush=True)
    got = 0
    while True:  # count connections until the test closes our stdin
        r, _, _ = select.select([srv, sys.stdin], [], [])
        if srv in r:
            srv.accept(); got += 1
        if sys.stdin in r and not sys.stdin.readline():
            break
    print("CONNECTIONS", got, flush=True)
    """
)

PROBE = textwrap.dedent(
    """
    import ctypes, json, os, socket, subprocess, sys, threading
    port = int(sys.argv[1])
    before = threading.Event(); go = threading.Event(); result = {}

    def early_thread():  # exists before the filter goes in: TSYNC must cover it
        before.set(); go.wait()
        libc = ctypes.CDLL(None, use_errno=True)
        result["thread_fd"] = libc.socket(2, 1, 0); result["thread_errno"] = ctypes.get_errno()

    t = threading.Thread(target=early_thread); t.start(); before.wait()
    from app.core.privacy import hardening
    hardening.startup()  # what run() does first in every entry point
    go.set(); t.join()
    out = dict(result)
    libc = ctypes.CDLL(None, use_errno=True)

    class SockaddrIn(ctypes.Structure):
        _fields_ = [("family", ctypes.c_ushort), ("port", ctypes.c_ushort), ("addr", ctypes.c_uint32),
                    ("zero", ctypes.c_char * 8)]

    fd = libc.socket(2, 1, 0); out["ctypes_fd"] = fd; out["ctypes_errno"] = ctypes.get_errno()
    addr = SockaddrIn(2, socket.htons(port), int.from_bytes(bytes([127, 0, 0, 1]), "little"))
    out["ctypes_connect"] = libc.connect(fd, ctypes.byref(addr), ctypes.sizeof(addr))
    out["ctypes6_fd"] = libc.socket(10, 1, 0)

    class Liar(socket.socket):
        @property
        def family(self):
            return socket.AF_UNIX
    try:
        Liar(socket.AF_INET).connect(("127.0.0.1", port)); out["liar"] = "connected"
    except OSError as exc:
        out["liar"] = type(exc).__name__

    child = subprocess.run([sys.executable, "-c", f"import socket; socket.create_connection(('127.0.0.1', {port}), 2)"],
                           capture_output=True, text=True)
    out["child_rc"] = child.returncode; out["child_err"] = child.stderr.strip().splitlines()[-1]

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtNetwork import QAbstractSocket, QTcpSocket
    app = QCoreApplication([])
    s = QTcpSocket(); s.connectToHost("127.0.0.1", port)
    out["qt_connected"] = s.waitForConnected(3000)
    out["qt_error"] = s.error().name

    a, b = socket.socketpair(); a.sendall(b"ok"); out["unix"] = b.recv(2).decode()
    import keyring
    keyring.set_password("confidant-kernel-test", "probe", "s3cret")
    out["keyring"] = keyring.get_password("confidant-kernel-test", "probe")
    keyring.delete_password("confidant-kernel-test", "probe")
    from app.core.privacy import netguard
    out["status"] = netguard.status()
    print("PROBE " + json.dumps(out), flush=True)
    """
)


def test_kernel_filter_stops_native_sockets_but_not_dbus(home, secret_service):
    lst = subprocess.Popen([sys.executable, "-c", LISTENER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        port = int(lst.stdout.readline())
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
                   PYTHON_KEYRING_BACKEND=SECRET_SERVICE_BACKEND)
        p = subprocess.run([sys.executable, "-c", PROBE, str(port)], capture_output=True, text=True, cwd=ROOT,
                           env=env, timeout=120)
        assert p.returncode == 0, p.stderr[-3000:]
        out = json.loads(p.stdout.split("PROBE ", 1)[1])
    finally:
        tail = lst.communicate("", timeout=30)[0]
    assert (out["ctypes_fd"], out["ctypes_errno"]) == (-1, 13)  # EACCES from the kernel
    assert out["ctypes_connect"] == -1 and out["ctypes6_fd"] == -1
    assert (out["thread_fd"], out["thread_errno"]) == (-1, 13)
    assert out["liar"] in ("NetworkBlocked", "PermissionError")
    assert out["child_rc"] != 0 and "Permission denied" in out["child_err"]
    assert out["qt_connected"] is False and out["qt_error"] != "UnknownSocketError"
    assert out["unix"] == "ok" and out["keyring"] == "s3cret"  # AF_UNIX: D-Bus and the keyring work
    assert out["status"]["kernel"] == "seccomp"
    assert "CONNECTIONS 0" in tail  # nothing reached the listener


def test_doctor_reports_the_kernel_filter_and_remembers_blocked_attempts(home):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    doctor = [sys.executable, "-m", "app.cli.main", "doctor", "--json"]
    first = subprocess.run(doctor, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert json.loads(first.stdout)["network_guard"]["blocked_total"] == 0
    blocked = subprocess.run(
        [sys.executable, "-c",
         "import socket\nfrom app.core.privacy import hardening\nhardening.startup()\n"
         "for _ in range(3):\n    try: socket.getaddrinfo('example.com', 443)\n    except OSError: pass\n"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert blocked.returncode == 0, blocked.stderr
    p = subprocess.run(doctor, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    guard = json.loads(p.stdout)["network_guard"]
    assert guard["kernel"] == "seccomp"
    assert guard["blocked_attempts"] == 0 and guard["blocked_total"] == 3
    stored = json.loads((home / "data" / "netguard.json").read_text())
    assert stored == {"blocked_total": 3, "by_kind": {"socket.getaddrinfo": 3}}  # counts only, no names


def test_kernel_filter_decision_has_one_door():
    from app.core.policy import Policy
    from app.core.privacy import kernel_guard

    assert kernel_guard.kernel_filter_allows_internet(Policy()) is False
    assert kernel_guard.kernel_filter_allows_internet(Policy(values={"allow_export": True}, source="x")) is False
    # The company inference server named by the system policy (tests/core/llm/test_team_server.py).
    assert kernel_guard.kernel_filter_allows_internet(
        Policy(values={"inference_url": "https://inference.example.com:8443"}, source="/etc/confidant/policy.toml")) is True
    assert len(kernel_guard.build_program("x86_64")) % 8 == 0
