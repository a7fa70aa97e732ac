"""The company server misbehaving, from the command line: a reply sent with ``Connection:
close``, a stream cut in the middle of the answer, an error text with terminal escape
sequences (issue 25, N2 and N4). The server is tests/support/sse_server.py (scripted, in a
child process, TLS); the vault, the network guard, the door and the CLI are real."""

from __future__ import annotations

import json

import pytest

from tests.support import sse_server, team_server
from tests.eval.seed import seed

SMALL = ["--max-tokens", "24", "--seed", "1", "--thinking-budget", "0", "--json"]


@pytest.fixture
def scripted(request, tmp_path, monkeypatch, cli, home):
    """A scripted server in the mode the test names, the system policy naming it, a seeded vault."""
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from app.core.privacy import netguard

    netguard.install()
    proc, port, fp = sse_server.start(request.param, tmp_path)
    c = open_context(passphrase_provider)
    try:
        ids = seed(c.vault, accounts=["fjord"])
    finally:
        c.close()
    team_server.write_system_policy(monkeypatch, tmp_path, {
        "inference_url": f"https://127.0.0.1:{port}", "inference_tls_sha256": fp,
        "inference_model": sse_server.ALIAS, "inference_n_ctx": 2048})
    monkeypatch.setenv("CONFIDANT_MODEL", str(tmp_path / "no-local-model.gguf"))
    try:
        yield cli, str(next(iter(ids["contacts"].values())))
    finally:
        netguard.set_door(None)
        proc.terminate()
        proc.wait(10)


def _audit_stops() -> list[str]:
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from app.core.vault import audit

    c = open_context(passphrase_provider)
    try:
        return [r["details"]["stop"] for r in audit.entries(c.vault.conn) if r["event"] == "inference.remote"]
    finally:
        c.close()


@pytest.mark.parametrize("scripted", ["close"], indirect=True)
def test_a_reply_sent_with_connection_close_is_read_to_its_end(scripted):
    cli, contact = scripted
    code, out, err = cli("draft", contact, *SMALL)
    assert code == 0, err
    res = json.loads(out)
    assert "Hei Kari, takk for møtet i dag." in res["text"] and res["conversation_id"]
    assert not [f for f in res["flags"] if f["kind"] == "interrupted"]
    assert _audit_stops() == ["stop"]


@pytest.mark.parametrize("scripted", ["cut"], indirect=True)
def test_a_stream_cut_mid_answer_keeps_the_text_and_says_so_in_one_line(scripted):
    cli, contact = scripted
    code, out, err = cli("draft", contact, *SMALL)
    assert code == 0, err
    res = json.loads(out)
    assert "Hei Kari, takk" in res["text"]  # what came is kept (and saved, flagged)
    [flag] = [f for f in res["flags"] if f["kind"] == "interrupted"]
    assert "ended the reply without finishing it" in flag["detail"] and "incomplete" in flag["detail"]
    assert "Traceback" not in err and "unexpected" not in err
    assert _audit_stops() == ["interrupted"]


@pytest.mark.parametrize("scripted", ["error"], indirect=True)
def test_a_servers_error_text_reaches_the_terminal_without_control_characters(scripted):
    cli, contact = scripted
    code, out, err = cli("draft", contact, *SMALL)
    assert code == 1 and out == ""
    assert not any((ord(ch) < 32 and ch != "\n") or 0x7F <= ord(ch) <= 0x9F for ch in err), repr(err)
    line = err.strip().splitlines()[-1]  # after "Answers from 127.0.0.1 (company server)"
    assert "refused /v1/chat/completions (HTTP 500): model failed" in line
    assert "owned" not in line and "model failed red second line" in line  # a whole sequence goes, not its ESC alone
    assert _audit_stops() == ["error"]
