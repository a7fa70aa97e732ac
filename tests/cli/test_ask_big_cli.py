"""`confidant ask` on a 300-note account says how many notes it read (stderr; --json has the
same as the `notes_read` flag, tests/core/assistant/test_ask_big_account.py)."""

from __future__ import annotations

from tests.support import big_account

SMALL = ["--quick", "--max-tokens", "4", "--ctx", "1024", "--seed", "1"]


def test_ask_says_how_many_notes_it_read(cli, home, smol_model, monkeypatch):
    from app.cli.common import passphrase_provider
    from app.core.context import open_context

    c = open_context(passphrase_provider)
    try:
        ids = big_account.seed(c.vault)
    finally:
        c.close()
    monkeypatch.setenv("CONFIDANT_MODEL", str(smol_model))
    code, out, err = cli("ask", f"a{ids['account']}", "Hva skjer med fornyelsen av avtalen?", *SMALL)
    assert code == 0, err
    line = next(ln for ln in err.splitlines() if ln.startswith("confidant: read "))
    read, total, matching = line[len("confidant: read "):].replace(" of ", " ").replace(" notes (", " ").split()[:3]
    assert total == "300" and 1 <= int(matching) <= int(read) < 300
    assert line.endswith(" of them match the question)")
