"""`confidant ask` on a 300-note account says how many notes it read, on stderr and in --json."""

from __future__ import annotations

import json

from tests.support import big_account

SMALL = ["--quick", "--max-tokens", "4", "--ctx", "2048", "--seed", "1"]


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
    code, out, err = cli("ask", f"a{ids['account']}", "Hva skjer med fornyelsen av avtalen?", *SMALL, "--json")
    assert code == 0, err
    read = [f for f in json.loads(out)["flags"] if f["kind"] == "notes_read"]
    assert len(read) == 1 and read[0]["total"] == 300 and 1 <= read[0]["matching"] <= read[0]["read"] < 300
    assert line == f"confidant: read {read[0]['read']} of 300 notes ({read[0]['matching']} of them match the question)"
