"""A full disk: a clear one-line message, and nothing already saved is lost.

Runs the CLI in a private mount namespace (``unshare -rm``) with a 4 MB tmpfs as the data
folder, so the disk really fills up.
"""

import os
import shutil
import subprocess
import sys
import textwrap

from tests.support.paths import ROOT as _ROOT

ROOT = str(_ROOT)

SCRIPT = textwrap.dedent(
    """
    import os, sys
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from app.core.errors import AppError
    ctx = open_context(passphrase_provider)
    now = "2026-11-01T10:00:00+00:00"
    saved = 0
    try:
        for batch in range(1000):
            with ctx.vault.transaction() as c:
                for i in range(20):
                    c.execute("INSERT INTO notes(body, source, content_key, created_at) VALUES (?, 'test', ?, ?)",
                              (os.urandom(4000).hex(), f"{batch}-{i}", now))
            saved += 20
    except AppError as exc:
        print("SAVED", saved)
        print("MESSAGE", exc.message)
    ctx.close()
    # Reopen after the failure: every committed row is there.
    ctx = open_context(passphrase_provider)
    print("COUNT", ctx.vault.execute("SELECT count(*) FROM notes").fetchone()[0])
    ctx.close()
    """
)


def test_full_disk_gives_a_clear_message_and_keeps_saved_notes(tmp_path, no_keyring, home):
    assert shutil.which("unshare"), "util-linux unshare is needed (scripts/setup-system.sh installs it)"
    home.mkdir(parents=True)
    cmd = f'mount -t tmpfs -o size=4m tmpfs "{home}" && exec "{sys.executable}" -c "$SCRIPT"'
    env = dict(os.environ, SCRIPT=SCRIPT, PYTHONPATH=ROOT)
    out = subprocess.run(["unshare", "-rm", "sh", "-c", cmd], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    lines = dict(l.split(" ", 1) for l in out.stdout.splitlines() if " " in l)
    assert "disk holding" in lines["MESSAGE"] and "is full" in lines["MESSAGE"], out.stdout
    assert int(lines["SAVED"]) > 0
    assert int(lines["COUNT"]) == int(lines["SAVED"])
    assert "Traceback" not in out.stderr
