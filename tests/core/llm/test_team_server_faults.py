"""The company server misbehaving, from the command line: a reply sent with ``Connection:
close``, a stream cut in the middle of the answer, an error text with terminal escape
sequences (issue 25, N2 and N4); a server that accepts and never answers, one that never
answers a chat request, one that has no free slot, a refused connection (issue 27: one retry
before the answer starts, never after). The server is tests/support/sse_server.py (scripted,
in a child process, TLS); the vault, the network guard, the door and the CLI are real."""

from __future__ import annotations

import json
import re
import time

import pytest

from tests.support import sse_server, team_server
from tests.eval.seed import seed

SMALL = ["--max-tokens", "24", "--seed", "1", "--thinking-budget", "0", "--json"]


@pytest.fixture
def scripted(request, tmp_path, monkeypatch, cli, home):
    """A scripted server in the mode the test names, the system policy naming it, a seeded vault."""
    with sse_server.named_by_policy(request.param, tmp_path, monkeypatch) as folder:
        yield cli, _seed(), folder


def _seed() -> str:
    """A vault with the fictional Fjord account; the id of one of its contacts."""
    from app.cli.common import passphrase_provider
    from app.core.context import open_context

    c = open_context(passphrase_provider)
    try:
        ids = seed(c.vault, accounts=["fjord"])
    finally:
        c.close()
    return str(next(iter(ids["contacts"].values())))


def _audit_events() -> list[str]:
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from app.core.vault import audit

    c = open_context(passphrase_provider)
    try:
        return [r["event"] for r in audit.entries(c.vault.conn)]
    finally:
        c.close()


def _port() -> int:
    from app.core.policy import load_policy

    return int(load_policy().get("inference_url").rsplit(":", 1)[1])


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
    cli, contact, folder = scripted
    code, out, err = cli("draft", contact, *SMALL)
    assert code == 0, err
    res = json.loads(out)
    assert "Hei Kari, takk for møtet i dag." in res["text"] and res["conversation_id"]
    assert not [f for f in res["flags"] if f["kind"] == "interrupted"]
    assert _audit_stops() == ["stop"]


@pytest.mark.parametrize("scripted", ["cut"], indirect=True)
def test_a_stream_cut_mid_answer_keeps_the_text_saves_a_stopped_draft_and_exits_5(scripted):
    cli, contact, folder = scripted
    code, out, err = cli("draft", contact, *SMALL)
    assert code == 5, err  # docs/cli.md: the answer is incomplete
    res = json.loads(out)
    assert "Hei Kari, takk" in res["text"]  # what came is kept (and saved, flagged)
    [flag] = [f for f in res["flags"] if f["kind"] == "interrupted"]
    assert "ended the reply without finishing it" in flag["detail"] and "incomplete" in flag["detail"]
    assert "Traceback" not in err and "unexpected" not in err
    conv = res["conversation_id"]
    assert f"saved as a stopped draft in conversation {conv}" in err and f"confidant history {conv} --discard" in err
    assert sse_server.count(folder, "chat") == 1  # never asked again once text had come (no duplicate answer)
    assert _audit_stops() == ["interrupted"]

    # Without --json: the partial answer on stdout, then the line on stderr; the same exit code.
    code, out, err = cli("draft", contact, *SMALL[:-1])
    assert code == 5 and "Hei Kari, takk" in out
    assert "ended the reply without finishing it" in err and "--discard" in err and "Traceback" not in err

    # The user discards the stopped draft: it is gone from the vault; a finished one cannot be discarded so.
    code, _, err = cli("history", str(conv), "--discard")
    assert code == 0 and "discarded the stopped answer (the conversation)" in err
    code, _, err = cli("history", str(conv))
    assert code == 3
    assert _audit_events().count("conversation.deleted") == 1


@pytest.mark.parametrize("scripted", ["close"], indirect=True)
def test_a_finished_answer_is_not_discarded_as_stopped(scripted):
    cli, contact, folder = scripted
    code, out, err = cli("draft", contact, *SMALL)
    conv = json.loads(out)["conversation_id"]
    code, _, err = cli("history", str(conv), "--discard")
    assert code == 2 and "was not stopped by the server; nothing was discarded" in err
    assert cli("history", str(conv))[0] == 0


@pytest.mark.parametrize("scripted", ["hang"], indirect=True)
def test_a_server_that_accepts_and_never_answers_is_tried_once_more_then_one_line(scripted, monkeypatch):
    from app.core.llm import remote

    monkeypatch.setattr(remote, "CONNECT_TIMEOUT", 1.0)
    cli, contact, folder = scripted
    started = time.monotonic()
    code, out, err = cli("draft", contact, *SMALL)
    took = time.monotonic() - started
    assert code == 1 and out == ""
    assert err.strip().splitlines()[-1].startswith("confidant: The company inference server 127.0.0.1:")
    assert "cannot be reached (timed out)" in err and "Traceback" not in err
    assert sse_server.count(folder, "connect") == 2  # exactly one retry
    assert took >= 2.0 + 1.0  # two time-outs and the back-off between them


@pytest.mark.parametrize("scripted", ["silent"], indirect=True)
def test_a_chat_request_never_answered_waits_visibly_retries_once_then_one_line(scripted, monkeypatch):
    from app.core.llm import remote, remote_reply

    monkeypatch.setattr(remote, "REPLY_TIMEOUT", 3.0)
    monkeypatch.setattr(remote_reply, "BUSY_AFTER", 1.0)
    cli, contact, folder = scripted
    code, out, err = cli("draft", contact, *SMALL)
    assert code == 1 and out == ""
    assert re.search(r"confidant: The company server is busy — waiting \(\d s\)…", err)  # said while it lasts
    assert err.strip().splitlines()[-1] == (
        f"confidant: The company inference server 127.0.0.1:{_port()} did not answer in time.")
    assert sse_server.count(folder, "chat") == 2  # exactly one retry
    assert _audit_stops() == ["error"]


@pytest.mark.parametrize("scripted", ["busy503"], indirect=True)
def test_a_server_with_no_free_slot_is_waited_for(scripted, monkeypatch):
    from app.core.llm import remote_reply

    monkeypatch.setattr(remote_reply, "BUSY_AFTER", 0.5)
    cli, contact, folder = scripted
    code, out, err = cli("draft", contact, *SMALL)
    assert code == 0, err
    assert "Hei Kari, takk for møtet i dag." in json.loads(out)["text"]
    assert "The company server is busy — waiting (" in err
    assert sse_server.count(folder, "chat") == 3  # two 503s, then the answer


def test_a_refused_connection_is_tried_once_more_then_one_line(cli, home, tmp_path, monkeypatch):
    from app.core.privacy import netguard
    from app.core.privacy.door import Door

    netguard.install()
    tries = []
    real = Door.connect
    monkeypatch.setattr(Door, "connect", lambda self, timeout: (tries.append(1), real(self, timeout))[1])
    dead = team_server.free_port()  # nothing listens there
    team_server.write_system_policy(monkeypatch, tmp_path, {
        "inference_url": f"https://127.0.0.1:{dead}", "inference_tls_sha256": "ab" * 32,
        "inference_model": sse_server.ALIAS, "inference_n_ctx": 2048})
    monkeypatch.setenv("CONFIDANT_MODEL", str(tmp_path / "no-local-model.gguf"))
    contact = _seed()
    try:
        code, out, err = cli("draft", contact, *SMALL)
    finally:
        netguard.set_door(None)
    assert code == 1 and out == ""
    assert err.strip().splitlines()[-1] == (
        f"confidant: The company inference server 127.0.0.1:{dead} cannot be reached (Connection refused).")
    assert len(tries) == 2  # exactly one retry


@pytest.mark.parametrize("scripted", ["error"], indirect=True)
def test_a_servers_error_text_reaches_the_terminal_without_control_characters(scripted):
    cli, contact, folder = scripted
    code, out, err = cli("draft", contact, *SMALL)
    assert code == 1 and out == ""
    assert not any((ord(ch) < 32 and ch != "\n") or 0x7F <= ord(ch) <= 0x9F for ch in err), repr(err)
    line = err.strip().splitlines()[-1]  # after "Answers from 127.0.0.1 (company server)"
    assert "refused /v1/chat/completions (HTTP 500): model failed" in line
    assert "owned" not in line and "model failed red second line" in line  # a whole sequence goes, not its ESC alone
    assert _audit_stops() == ["error"]


@pytest.mark.parametrize("scripted", ["close"], indirect=True)
def test_doctor_shows_the_servers_latency_and_the_slots_it_reports(scripted):
    cli, contact, folder = scripted
    code, out, err = cli("doctor", "--json")
    inf = json.loads(out)["inference"]
    assert inf["reachable"] is True and isinstance(inf["latency_ms"], int) and inf["latency_ms"] >= 0
    assert inf["slots"] == {"total": 2, "busy": 1}
    code, out, err = cli("doctor")
    assert re.search(r"\n  latency:      \d+ ms for a one-token request\n", out), out
    assert "\n  slots:        2, 1 busy now\n" in out
    assert sse_server.count(folder, "chat") == 0  # the probe is not a user's request
