"""Shared fixtures. Real parts, really started:

- every test gets its own ``CONFIDANT_HOME`` and an empty policy file;
- a private D-Bus session bus with an unlocked gnome-keyring (a real Secret Service) is
  started once per test run, and the keyring library talks to it;
- ``no_keyring`` switches a test to the keyring ``fail`` backend: the passphrase path;
- ``smol_model`` / ``deepseek_header`` are the real files fetched from PyPI by
  scripts/fetch-test-models.sh. A missing one fails the test loudly; nothing is skipped.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.support.backends import FAIL_BACKEND, SECRET_SERVICE_BACKEND
from tests.support.model_files import DEEPSEEK_HEADER, SMOL, models_dir
from tests.support.paths import DATA, ROOT  # noqa: F401 - the repository root and tests/data, kept here by name


@pytest.fixture(autouse=True)
def _restore_umask():
    """App code run in-process sets the process umask to 077 (context.prepare); restore it
    after each test so no later test inherits modes it did not ask for (a folder made with
    mode 0755 silently becoming 0700 broke the .deb test on a fresh machine)."""
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


@pytest.fixture(autouse=True)
def _no_system_policy(monkeypatch, tmp_path_factory):
    """App code run in the test process reads no machine-wide policy: a Confidant installed by
    IT on the developer's machine (or /etc/confidant/policy.toml written by the .deb test while
    another run is going) must not change what the suite sees. The reader is pointed at a path
    that does not exist; tests of the system layer point it elsewhere themselves, and the
    installed-package tests run the real binary, which reads the real path."""
    from app.core.policy import reader

    absent = tmp_path_factory.getbasetemp() / "no-system-policy" / "policy.toml"
    real = reader.default_policy_path

    def machine_free(platform=None, env=None, *, program_data=None):
        # A folder the test injected (the Windows ProgramData tests) is used as given.
        return real(platform, env, program_data=program_data) if program_data else absent

    monkeypatch.setattr(reader, "default_policy_path", machine_free)


@pytest.fixture(scope="session")
def secret_service(tmp_path_factory):
    """Start dbus-daemon + gnome-keyring-daemon (unlocked) for this test run.

    Yields the environment values that point a client at it.
    """
    for tool in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is not installed: run scripts/setup-system.sh (the test command does).")
    runtime = tmp_path_factory.mktemp("keyring-home")
    env = dict(os.environ, HOME=str(runtime), XDG_DATA_HOME=str(runtime / "data"), XDG_RUNTIME_DIR=str(runtime))
    out = subprocess.run(
        ["dbus-daemon", "--session", "--fork", "--nopidfile", "--print-address=1", "--print-pid=1"],
        capture_output=True, text=True, env=env, check=True,
    ).stdout.split()
    address, pid = out[0], int(out[1])
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    kr = subprocess.run(
        ["gnome-keyring-daemon", "--unlock", "--components=secrets", "--daemonize"],
        input="test-unlock", capture_output=True, text=True, env=env, check=True,
    )
    values = {"DBUS_SESSION_BUS_ADDRESS": address}
    for line in kr.stdout.splitlines():
        if "=" in line:
            k, v = line.split("=", 1)
            values[k] = v
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    _wait_for_secret_service()
    yield values
    for k, v in old.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
    kr_pid = values.get("GNOME_KEYRING_PID")
    for p in (kr_pid, pid):
        if p:
            try:
                os.kill(int(p), signal.SIGTERM)
            except ProcessLookupError:
                pass


def _wait_for_secret_service() -> None:
    import keyring.backends.SecretService as ss

    deadline = time.monotonic() + 10
    while True:
        try:
            if ss.Keyring.priority > 0:
                return
        except Exception:
            pass
        if time.monotonic() > deadline:
            pytest.fail("The Secret Service did not come up on the private D-Bus.")
        time.sleep(0.1)


@pytest.fixture
def home(tmp_path, monkeypatch, secret_service) -> Path:
    """A fresh CONFIDANT_HOME, an empty policy, and the real Secret Service as keyring."""
    h = tmp_path / "home"
    policy = tmp_path / "policy.toml"
    policy.write_text("# no managed keys\n")
    monkeypatch.setenv("CONFIDANT_HOME", str(h))
    monkeypatch.setenv("CONFIDANT_POLICY", str(policy))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", SECRET_SERVICE_BACKEND)
    monkeypatch.delenv("CONFIDANT_PASSPHRASE", raising=False)
    monkeypatch.delenv("CONFIDANT_MODEL", raising=False)
    return h


@pytest.fixture
def no_keyring(home, monkeypatch) -> str:
    """No secure keyring: the passphrase path. Returns the passphrase in use."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", FAIL_BACKEND)
    passphrase = "correct horse battery staple"
    monkeypatch.setenv("CONFIDANT_PASSPHRASE", passphrase)
    return passphrase


@pytest.fixture
def ctx(home):
    """An open vault context on the real Secret Service."""
    from app.cli.common import passphrase_provider
    from app.core.context import open_context

    c = open_context(passphrase_provider)
    yield c
    c.close()


def _model(name: str) -> Path:
    p = models_dir() / name
    if not p.exists():
        pytest.fail(f"Test model {p} is missing: run scripts/fetch-test-models.sh (the test command does).")
    return p


@pytest.fixture(scope="session")
def smol_model() -> Path:
    return _model(SMOL)


@pytest.fixture(scope="session")
def deepseek_header() -> Path:
    return _model(DEEPSEEK_HEADER)


@pytest.fixture
def cli(home, capsys):
    """Run `confidant ARGS...` in-process; returns (exit_code, stdout, stderr)."""
    from app.cli.main import main

    def run(*args: str):
        code = main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    return run
