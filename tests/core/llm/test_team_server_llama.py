"""The company inference server as a team runs it (issue 27): llama.cpp's multi-user
``llama-server`` (tests/support/llama_server.py: built from the locked llama.cpp source, TLS,
``--parallel 2``) on 127.0.0.1, serving SmolLM2, named by host name as docs/deploy.md tells
IT to write it. The system policy file is the one faked edge; the vault, the network guard,
the door, TLS and the server are real.

The server runs with ``--no-cache-prompt`` (prompt caching off unless a request asks for it):
the app's requests ask for it (``cache_prompt``), so a follow-up turn evaluates only its new
tokens whatever IT's server defaults to."""

from __future__ import annotations

import json
import re

import pytest

from tests.eval.seed import seed
from tests.support import llama_server, team_server

SMALL = ["--max-tokens", "24", "--seed", "1", "--thinking-budget", "0"]


@pytest.fixture(scope="module")
def llama(tmp_path_factory, smol_model):
    from app.core.privacy import netguard

    srv = llama_server.start(smol_model, tmp_path_factory.mktemp("llama-server"), parallel=2,
                             extra=("--no-cache-prompt",))
    netguard.install()  # as every entry point does: this process reaches only the door from here on
    try:
        yield srv
    finally:
        netguard.set_door(None)
        srv.stop()


def _policy(values: dict):
    from app.core.policy.reader import Policy, validate

    return Policy(values=validate(values, "system test policy"), source="system test policy")


def test_a_draft_and_its_follow_up_through_llama_server_named_by_host_name(llama, cli, home, monkeypatch, tmp_path):
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from app.core.vault import audit

    c = open_context(passphrase_provider)
    try:
        ids = seed(c.vault, accounts=["fjord"])
        c.settings.set("user_name", "Ola Hansen")
    finally:
        c.close()
    team_server.write_system_policy(monkeypatch, tmp_path, team_server.policy_values(
        llama, inference_url=f"https://localhost:{llama.port}"))
    monkeypatch.setenv("CONFIDANT_MODEL", str(tmp_path / "no-local-model.gguf"))  # no local model is needed
    log_before = len(llama.text())
    code, out, err = cli("draft", str(next(iter(ids["contacts"].values()))), "--about", "the pilot", "--json", *SMALL)
    assert code == 0, err
    assert "Answers from localhost (company server)" in err
    res = json.loads(out)
    assert res["model"] == team_server.MODEL_ALIAS and res["text"].strip() and res["answer_tokens"] > 0
    code, out, err = cli("reply", str(res["conversation_id"]), "make it shorter", "--json", *SMALL)
    assert code == 0, err

    c = open_context(passphrase_provider)
    try:
        rows = [r["details"] for r in audit.entries(c.vault.conn) if r["event"] == "inference.remote"]
    finally:
        c.close()
    assert [(r["server"], r["stop"] in ("stop", "length")) for r in rows] == [("localhost", True)] * 2
    # The follow-up did not read the first turn's prompt (the notes) again: the server kept it,
    # and read only the earlier answer and the new turn.
    assert rows[1]["prompt_tokens"] > rows[0]["prompt_tokens"] > 300
    assert max(s.get("n_prompt_tokens", 0) for s in llama.get("/slots")) >= rows[1]["prompt_tokens"]
    read = [int(n) for n in re.findall(r"\| task +\d+ \| prompt eval time = +[\d.]+ ms / +(\d+) tokens",
                                         llama.text()[log_before:])]
    assert len(read) == 2 and read[0] >= rows[0]["prompt_tokens"] - 40
    assert read[1] <= rows[1]["prompt_tokens"] - rows[0]["prompt_tokens"] + 4

def test_a_follow_up_turn_reuses_the_servers_copy_of_the_conversation(llama, home):
    """Counted in tokens the server evaluated (its usage report), not in seconds."""
    from app.core.llm.events import AnswerChunk, Done
    from app.core.llm.remote import RemoteEngine

    eng = RemoteEngine.open(_policy(team_server.policy_values(llama)))
    notes = "\n".join(f"[n{i}] Fjord Logistikk asked about delivery week {i} and the pilot's price." for i in range(30))
    first = [{"role": "user", "content": notes + "\n\nTASK: Write a short follow-up e-mail to Kari."}]
    try:
        assert eng.client.slots == 2  # llama-server reported its slots
        events = list(eng.stream(first, max_tokens=16, seed=1, temperature=0.0))
        done = events[-1]
        assert isinstance(done, Done) and done.prompt_tokens > 300
        assert done.reused_tokens < 40  # at most the chat template's opening, which every conversation shares
        answer = "".join(e.text for e in events if isinstance(e, AnswerChunk))
        follow = first + [{"role": "assistant", "content": answer}, {"role": "user", "content": "Make it shorter."}]
        again = list(eng.stream(follow, max_tokens=8, seed=1, temperature=0.0))[-1]
        assert again.prompt_tokens > done.prompt_tokens
        assert again.reused_tokens >= done.prompt_tokens - 4  # the first turn's prompt was not read again
        assert again.prompt_tokens - again.reused_tokens < 60  # only the answer and the new words were
    finally:
        eng.close()
