"""IT's policy exists but cannot be read: every command and the GUI stop with one line that
names the path, says the app will not start without it and what IT must fix; exit code 78.

The unreadable cases run the app as a normal user: the child process imports the app as the
test's user, then drops to uid/gid 65534 (nobody) with os.setuid before it reads anything, so
permissions are really enforced (root reads everything). The policy is given through
``CONFIDANT_POLICY``, which goes through the same reader as ``/etc/confidant/policy.toml``;
nothing is written under /etc. Every folder made here is removed, also on failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from app.core.errors import EXIT_POLICY, PolicyError
from app.core.policy import load_policy
from app.core.policy import reader
from tests.support.paths import ROOT

NOBODY = 65534

CLI_AS_NOBODY = textwrap.dedent(
    """
    import os, sys
    from app.cli.main import build_parser, main
    build_parser()  # every command module imported while still the test's user
    os.setgroups([]); os.setgid(%(uid)d); os.setuid(%(uid)d)
    sys.exit(main(sys.argv[1:]))
    """
) % {"uid": NOBODY}

GUI_AS_NOBODY = textwrap.dedent(
    """
    import os, sys
    import PySide6.QtWidgets, PySide6.QtGui  # noqa: F401
    from app.gui.entry import run_gui
    import app.gui.main_window, app.gui.i18n, app.gui.instance, app.core.context  # noqa: F401
    os.setgroups([]); os.setgid(%(uid)d); os.setuid(%(uid)d)
    sys.exit(run_gui())
    """
) % {"uid": NOBODY}


@pytest.fixture
def public_dir():
    """A folder under /tmp that a normal user can enter (tmp_path is 0700 root); removed after."""
    d = Path(tempfile.mkdtemp(prefix="confidant-policy-"))
    os.chmod(d, 0o755)
    try:
        yield d
    finally:
        for p in [d, *d.rglob("*")]:
            try:
                os.chmod(p, 0o755 if p.is_dir() else 0o644)
            except OSError:
                pass
        shutil.rmtree(d, ignore_errors=True)


def _env(policy: Path, home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFIDANT_")}
    env.update(CONFIDANT_POLICY=str(policy), CONFIDANT_HOME=str(home), PYTHONPATH=str(ROOT),
               QT_QPA_PLATFORM="offscreen", HOME=str(home), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    return env


def _run(script: str, args: list[str], env: dict):
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=120)


def _one_line(err: str) -> str:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err.strip()


@pytest.mark.parametrize("command", [["doctor", "--json"], ["contacts"], ["models"], ["audit", "--verify"]])
def test_policy_folder_not_searchable_stops_every_command_as_a_normal_user(public_dir, command):
    folder = public_dir / "etc-confidant"
    folder.mkdir()
    policy = folder / "policy.toml"
    policy.write_text("retention_days = 30\n")
    os.chmod(policy, 0o644)
    os.chmod(folder, 0o700)  # what the umask-077 mkdir did on the fresh machine
    p = _run(CLI_AS_NOBODY, command, _env(policy, public_dir / "home"))
    assert p.returncode == EXIT_POLICY == 78, (p.returncode, p.stderr)
    line = _one_line(p.stderr)
    assert str(policy) in line
    assert "will not start without reading IT's policy" in line
    assert f"chmod 755 {folder}" in line and f"chmod 644 {policy}" in line
    assert p.stdout == ""
    assert not (public_dir / "home").exists()  # stopped before touching the data folder


def test_policy_file_not_readable_stops_the_command_as_a_normal_user(public_dir):
    policy = public_dir / "policy.toml"
    policy.write_text("retention_days = 30\n")
    os.chmod(policy, 0o600)
    p = _run(CLI_AS_NOBODY, ["doctor"], _env(policy, public_dir / "home"))
    assert p.returncode == 78, p.stderr
    line = _one_line(p.stderr)
    assert f"Policy file {policy} cannot be read: permission denied" in line
    assert f"chmod 644 {policy}" in line and "IT must" in line


def test_gui_refuses_an_unreadable_policy_offscreen_as_a_normal_user(public_dir):
    folder = public_dir / "etc-confidant"
    folder.mkdir()
    policy = folder / "policy.toml"
    policy.write_text("retention_days = 30\n")
    os.chmod(folder, 0o700)
    p = _run(GUI_AS_NOBODY, [], _env(policy, public_dir / "home"))
    assert p.returncode == 78, (p.returncode, p.stderr[-2000:])
    lines = [ln for ln in p.stderr.splitlines() if ln.startswith("confidant:")]
    assert len(lines) == 1, p.stderr
    assert str(policy) in lines[0] and "will not start without reading IT's policy" in lines[0]
    assert f"chmod 755 {folder}" in lines[0]


@pytest.mark.parametrize(
    "make, needle, fix",
    [
        (lambda p: p.mkdir(), "it is a folder, not a file", "replace the folder"),
        (lambda p: p.write_bytes(b"retention_days = 30\n# caf\xe9\n"), "is not UTF-8 text (line 2)", "save it as UTF-8"),
        (lambda p: p.write_text("retention_days = [\n"), "is malformed", "correct it"),
        (lambda p: os.mkfifo(p), "it is not a regular file", "replace"),
    ],
    ids=["directory", "not-utf8", "not-toml", "fifo"],
)
def test_broken_policy_file_is_a_one_line_refusal_with_exit_78(tmp_path, home, cli, monkeypatch, make, needle, fix):
    policy = tmp_path / "system-policy.toml"
    make(policy)
    # The system path itself (the reader's /etc/confidant/policy.toml) pointed here in-process.
    monkeypatch.setattr(reader, "default_policy_path", lambda *a, **k: policy)
    with pytest.raises(PolicyError) as exc:
        load_policy({})
    assert exc.value.exit_code == 78
    code, out, err = cli("contacts")
    assert code == 78 and out == ""
    line = _one_line(err)
    assert str(policy) in line and needle in line and fix in line
    assert "will not start without reading IT's policy" in line


def test_a_file_where_the_policy_folder_should_be_is_refused(tmp_path, monkeypatch):
    blocker = tmp_path / "confidant"
    blocker.write_text("not a folder")
    monkeypatch.setattr(reader, "default_policy_path", lambda *a, **k: blocker / "policy.toml")
    with pytest.raises(PolicyError, match=f"{blocker} is not a folder") as exc:
        load_policy({})
    assert "will not start" in exc.value.message


def test_absent_policy_and_folder_mean_no_policy(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "default_policy_path", lambda *a, **k: tmp_path / "nope" / "policy.toml")
    assert load_policy({}).values == {}


def test_exit_code_78_is_documented():
    deploy = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    assert "78" in deploy and "will not start without reading IT's policy" in deploy


def test_unreadable_managed_preferences_are_a_refusal(tmp_path, monkeypatch):
    from app.core.policy import macos

    class Broken:
        def is_forced(self, key):
            return True

        def copy_value(self, key):
            raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    monkeypatch.setattr(reader, "default_policy_path", lambda *a, **k: tmp_path / "absent.toml")
    with pytest.raises(PolicyError) as exc:
        load_policy({}, platform="darwin", prefs=Broken())
    assert exc.value.exit_code == 78
    assert exc.value.message.startswith(f"Policy {macos.SOURCE} cannot be read (UnicodeDecodeError)")
    assert "will not start without reading IT's policy" in exc.value.message
