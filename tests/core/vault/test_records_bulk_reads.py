"""F11: listings are audited (counts only), and with allow_export = false a machine-readable
note dump is refused while reading notes normally still works."""

from __future__ import annotations

import json

from app.cli.common import passphrase_provider
from app.core.context import open_context
from tests.support.privacy_seed import canary, seed


def _seed(home) -> dict:
    ctx = open_context(passphrase_provider)
    try:
        a = canary("a")
        return {**seed(ctx.vault, a, canary("b")), "canary": a}
    finally:
        ctx.close()


def _reads(cli) -> list[dict]:
    code, out, err = cli("audit", "--json")
    return [e for e in json.loads(out)["entries"] if e["event"].startswith("records.")]


def test_listings_are_audited_without_content(home, cli):
    ids = _seed(home)
    assert cli("contacts", "--json")[0] == 0
    assert cli("notes", str(ids["kari"]), "--json")[0] == 0
    assert cli("notes", str(ids["jurgen"]))[0] == 0
    reads = _reads(cli)
    assert [r["details"] for r in reads] == [
        {"kind": "contacts", "count": 2, "format": "json"},
        {"kind": "notes", "count": 3, "format": "json", "subject": f"contact#{ids['kari']}"},
        {"kind": "notes", "count": 3, "format": "text", "subject": f"contact#{ids['jurgen']}"},
    ]


def test_no_json_note_dump_when_exports_are_off(home, cli):
    ids = _seed(home)
    (home.parent / "policy.toml").write_text("allow_export = false\n")
    code, out, err = cli("notes", str(ids["kari"]), "--json")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "allow_export = false" in err and "notes --json" in err
    assert ids["canary"] not in out + err
    code, out, err = cli("notes", str(ids["kari"]))  # reading stays possible
    assert code == 0 and ids["canary"] in out
    assert any(r["event"] == "records.refused" for r in _reads(cli))
