"""The company inference server (issue 15), against the real thing: llama-cpp-python's own
OpenAI-compatible server on 127.0.0.1 with a self-signed certificate, serving SmolLM2.

The system policy file is the one edge faked: ``default_policy_path`` points at a file in the
test's folder (a test cannot write /etc). Everything else is real: the vault, the network
guard in this process, TLS, the server's streaming and its disconnect handling.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.support import team_server
from tests.eval.seed import seed
from tests.support.paths import ROOT

MODEL_ALIAS = team_server.MODEL_ALIAS
API_KEY = "sk-test-4f1d9c2e7b"  # the DeepSeek-shaped server wants one; it lives in the keyring only
SMALL = ["--max-tokens", "24", "--seed", "1", "--thinking-budget", "0"]


@pytest.fixture(scope="module")
def server(tmp_path_factory, smol_model):
    """llama-cpp-python's server with TLS on a free port; stopped on teardown."""
    from app.core.privacy import netguard

    netguard.install()  # as every entry point does: this process reaches only the door from here on
    srv = team_server.start(smol_model, tmp_path_factory.mktemp("team-server"), alias=MODEL_ALIAS)
    try:
        yield srv
    finally:
        netguard.set_door(None)
        srv.stop()


_policy_values = team_server.policy_values  # the keys IT writes for a server
_system_policy = team_server.write_system_policy  # the system policy file (the one faked edge)


def _policy(values: dict):
    from app.core.policy.reader import Policy, validate

    return Policy(values=validate(values, "system test policy"), source="system test policy")


@pytest.fixture
def seeded(cli, home):
    from app.cli.common import passphrase_provider
    from app.core.context import open_context

    c = open_context(passphrase_provider)
    try:
        ids = seed(c.vault, accounts=["fjord"])
        c.settings.set("user_name", "Ola Hansen")
        notes = [r[0] for r in c.vault.conn.execute("SELECT body FROM notes")]
    finally:
        c.close()
    return cli, ids, notes


def _audit_rows(event: str) -> list[dict]:
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from app.core.vault import audit

    c = open_context(passphrase_provider)
    try:
        return [r for r in audit.entries(c.vault.conn) if r["event"] == event]
    finally:
        c.close()


def test_draft_and_follow_up_stream_through_the_company_server_and_audit_no_content(server, seeded, monkeypatch, tmp_path):
    cli, ids, notes = seeded
    _system_policy(monkeypatch, tmp_path, _policy_values(server))
    monkeypatch.setenv("CONFIDANT_MODEL", str(tmp_path / "no-local-model.gguf"))  # no local model is needed
    before = server.text().count("POST /v1/chat/completions")
    contact = next(iter(ids["contacts"]))
    code, out, err = cli("draft", str(ids["contacts"][contact]), "--about", "the pilot", "--json", *SMALL)
    assert code == 0, err
    res = json.loads(out)
    assert res["model"] == MODEL_ALIAS and res["text"].strip() and res["answer_tokens"] > 0
    assert f"Answers from 127.0.0.1 (company server)" in err
    code, out, err = cli("reply", str(res["conversation_id"]), "make it shorter", "--json", *SMALL)
    assert code == 0, err
    assert json.loads(out)["conversation_id"] == res["conversation_id"]
    assert server.text().count("POST /v1/chat/completions") - before == 2

    rows = _audit_rows("inference.remote")
    assert [r["details"]["task"] for r in rows] == ["draft", "draft"]
    for r in rows:
        d = r["details"]
        assert set(d) == {"task", "server", "port", "requests", "prompt_tokens", "completion_tokens", "reasoning_tokens",
                          "answer_tokens", "tokenize_requests", "stop", "seconds"}
        assert d["server"] == "127.0.0.1" and d["port"] == server.port and d["prompt_tokens"] > 50
        assert 0 < d["completion_tokens"] <= 24 + 1 and d["stop"] in ("stop", "length")
        assert d["tokenize_requests"] > 0  # counting note text for prompt fitting asked the server too
        assert r["at"]
    dumped = json.dumps(rows)
    for text in notes + ["pilot", "make it shorter", "Ola Hansen", res["text"][:20]]:
        assert text not in dumped


def test_a_server_named_by_host_name_answers_a_draft(server, seeded, monkeypatch, tmp_path):
    # As docs/deploy.md tells IT to write it: the door looks the name up once, then connects to
    # the address it got without a second lookup, which the guard would refuse (issue 25, N1).
    cli, ids, _ = seeded
    _system_policy(monkeypatch, tmp_path, _policy_values(server, inference_url=f"https://localhost:{server.port}"))
    monkeypatch.setenv("CONFIDANT_MODEL", str(tmp_path / "no-local-model.gguf"))
    code, out, err = cli("draft", str(next(iter(ids["contacts"].values()))), "--json", *SMALL)
    assert code == 0, err
    assert "Answers from localhost (company server)" in err and json.loads(out)["model"] == MODEL_ALIAS
    assert [r["details"]["server"] for r in _audit_rows("inference.remote")] == ["localhost"]


def test_a_wrong_fingerprint_is_refused_before_any_prompt_is_sent(server, seeded, monkeypatch, tmp_path):
    from app.core.llm.remote import RemoteEngine
    from app.core.privacy.door import DoorRefused

    cli, ids, _ = seeded
    wrong = hashlib.sha256(b"another server").hexdigest()
    before = server.requests()
    with pytest.raises(DoorRefused, match="not the one IT pinned.*nothing was sent"):
        RemoteEngine.open(_policy(_policy_values(server, inference_tls_sha256=wrong)))
    _system_policy(monkeypatch, tmp_path, _policy_values(server, inference_tls_sha256=wrong))
    code, out, err = cli("draft", str(next(iter(ids["contacts"].values()))), "--json", *SMALL)
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1 and "not the one IT pinned" in err
    time.sleep(0.5)
    assert server.requests() == before  # not one HTTP request reached the server
    assert _audit_rows("inference.remote") == []


GUARD_PROBE = """
import json, socket, sys
from pathlib import Path
from app.core.policy import load_policy, reader
reader.default_policy_path = lambda *a, **k: Path(sys.argv[1])  # the system policy file (the faked edge)
from app.core.privacy import hardening, kernel_guard, netguard
hardening.startup()  # what `confidant` does first: the guard, and the kernel filter unless the door is open
from app.core.llm.remote import RemoteEngine
port = int(sys.argv[2])
eng = RemoteEngine.open(load_policy())
out = {"door": eng.count_tokens("Hello there") > 0, "kernel": kernel_guard.status()}
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
fd = libc.socket(2, 1, 0)  # native code's ordinary TCP socket
out["native socket"] = (fd, ctypes.get_errno())
fd = libc.socket(2, 0x80801, 6)  # native code copying the door's exact arguments gets a socket...
out["native listen"] = (fd >= 0, libc.listen(fd, 1), ctypes.get_errno())  # ... but cannot listen on it
attempts = {
    "python socket": lambda: socket.socket(),
    "python bind": lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM | socket.SOCK_NONBLOCK, 6).bind(("127.0.0.1", 0)),
    "other port": lambda: socket.create_connection(("127.0.0.1", port + 1), timeout=2),
    "other address": lambda: socket.socket().connect(("127.0.0.2", port)),
    "other name": lambda: socket.getaddrinfo("localhost", port),
    "internet name": lambda: socket.getaddrinfo("example.com", 443),
    "reverse lookup": lambda: socket.gethostbyaddr("127.0.0.1"),
    "udp to the door": lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("127.0.0.1", port)),
}
for what, attempt in attempts.items():
    try:
        attempt()
        out[what] = "allowed"
    except netguard.NetworkBlocked:
        out[what] = "blocked"
    except OSError as exc:
        out[what] = f"oserror {exc}"
eng.close()
netguard.set_door(None)
try:
    socket.create_connection(("127.0.0.1", port), timeout=2)
    out["door closed"] = "allowed"
except netguard.NetworkBlocked:
    out["door closed"] = "blocked"
out["blocked"] = netguard.status()["blocked_attempts"]
print(json.dumps(out))
"""


def test_the_guard_lets_through_exactly_the_door(server, home, monkeypatch, tmp_path):
    # In a child process that starts as `confidant` does: the guard's counts are per process.
    root = ROOT
    system = _system_policy(monkeypatch, tmp_path, _policy_values(server))
    p = subprocess.run([sys.executable, "-c", GUARD_PROBE, str(system), str(server.port)],
                       capture_output=True, text=True, cwd=root, env={**os.environ, "PYTHONPATH": str(root)}, timeout=120)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out.pop("door") is True  # the door itself works, under the kernel filter
    assert out.pop("kernel") == "seccomp"  # with the door open the kernel filter still stands (N3)
    assert out.pop("native socket") == [-1, 13]  # EACCES: only the door's kind of socket exists
    assert out.pop("native listen") == [True, -1, 13]  # and nothing listens, whatever made the socket
    blocked = out.pop("blocked")
    assert out == dict.fromkeys(["python socket", "python bind", "other port", "other address", "other name",
                                 "internet name", "reverse lookup", "udp to the door", "door closed"], "blocked")
    assert blocked == 9


def test_a_redirect_is_never_followed_and_errors_are_one_line(server):
    from app.core.llm.remote import RemoteEngine, RemoteError

    eng = RemoteEngine.open(_policy(_policy_values(server)))
    try:
        with pytest.raises(RemoteError) as info:
            eng.client.json("GET", "/no/such/endpoint")
        assert "HTTP 404" in info.value.message and "\n" not in info.value.message
        before = server.requests()
        with pytest.raises(RemoteError, match=r"with a redirect \(HTTP 30\d\); redirects are never followed"):
            eng.client.json("GET", "/v1/models/")  # the server's framework redirects to /v1/models
        assert server.requests() == before + 1  # the redirect's target was never asked for
    finally:
        eng.close()
    with pytest.raises(RemoteError, match="does not serve 'deepseek-r1-7b'"):
        RemoteEngine.open(_policy(_policy_values(server, inference_model="deepseek-r1-7b")))


def test_cancel_closes_the_stream_and_stops_the_server(server):
    from app.core.llm.events import AnswerChunk, Done
    from app.core.llm.remote import RemoteEngine

    audit_rows: list[dict] = []
    eng = RemoteEngine.open(_policy(_policy_values(server)), audit=audit_rows.append)
    cancel = threading.Event()
    seen = 0
    done = None
    marks = server.text().count("Disconnected from client")
    try:
        for ev in eng.stream([{"role": "user", "content": "Write a very long story about a lighthouse keeper."}],
                             cancel=cancel, max_tokens=1500, temperature=1.0, seed=3):
            if isinstance(ev, AnswerChunk):
                seen += 1
                if seen == 3:
                    cancel.set()
            elif isinstance(ev, Done):
                done = ev
        assert done is not None and done.stop_reason == "cancelled" and done.answer_tokens <= 4
        # The server noticed the closed connection and stopped generating.
        assert server.wait_count("Disconnected from client", marks + 1, 15), server.text()[-1500:]
        # ... and is free at once: a short request does not wait behind 1,500 tokens.
        started = time.monotonic()
        out = [ev for ev in eng.stream([{"role": "user", "content": "Say hi."}], max_tokens=4, seed=1)]
        assert isinstance(out[-1], Done) and out[-1].stop_reason in ("stop", "length")
        assert time.monotonic() - started < 30
        assert [r["stop"] for r in audit_rows] == ["cancelled", out[-1].stop_reason]
    finally:
        eng.close()


def test_the_policy_cannot_be_set_by_a_user(server, cli, home, monkeypatch, tmp_path):
    from app.core.errors import PolicyError
    from app.core.policy import load_policy

    values = _policy_values(server)
    user_file = tmp_path / "user-policy.toml"
    user_file.write_text("".join(f"{k} = {json.dumps(v)}\n" for k, v in values.items()))
    with pytest.raises(PolicyError, match="'inference_url' can be set only by the system policy"):
        load_policy({"CONFIDANT_POLICY": str(user_file)})
    monkeypatch.setenv("CONFIDANT_POLICY", str(user_file))
    code, out, err = cli("doctor", "--json")
    assert code != 0 and "can be set only by the system policy" in err
    monkeypatch.setenv("CONFIDANT_POLICY", str(tmp_path / "empty.toml"))
    (tmp_path / "empty.toml").write_text("")
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from app.core.errors import UsageError

    c = open_context(passphrase_provider)
    try:
        for key in values:  # no user setting exists for any of them
            with pytest.raises(UsageError, match=f"Unknown setting '{key}'"):
                c.settings.set(key, values[key])
    finally:
        c.close()
    for name in ("CONFIDANT_INFERENCE_URL", "INFERENCE_URL", "OPENAI_BASE_URL", "OPENAI_API_BASE"):
        monkeypatch.setenv(name, values["inference_url"])
    code, out, err = cli("doctor", "--json")
    assert json.loads(out)["inference"] == {"mode": "local", "url": None, "tls_sha256": None, "model": None}


def test_doctor_says_where_answers_come_from(server, cli, home, monkeypatch, tmp_path):
    _system_policy(monkeypatch, tmp_path, _policy_values(server))
    code, out, err = cli("doctor", "--json")
    inf = json.loads(out)["inference"]
    assert inf["mode"] == "server" and inf["url"] == f"https://127.0.0.1:{server.port}"
    assert inf["tls_sha256"] == server.fingerprint and inf["model"] == MODEL_ALIAS
    assert inf["set_by"] == "system policy" and inf["reachable"] is True and inf["n_ctx"] == 2048
    # IT's view of the server (issue 27): a one-token request's latency; llama-cpp-python's
    # server reports no slots.
    assert isinstance(inf["latency_ms"], int) and 0 < inf["latency_ms"] < 60000 and inf["slots"] is None
    code, out, err = cli("doctor")  # the same in words, for IT at a terminal
    assert f"Inference:      company server https://127.0.0.1:{server.port}, set by IT policy (reachable)" in out
    assert f"  certificate:  SHA-256 {server.fingerprint}" in out
    assert f"  model:        {MODEL_ALIAS}, 2048 tokens of context" in out
    assert re.search(r"\n  latency:      \d+ ms for a one-token request\n", out), out
    assert "\n  slots:        not reported by the server\n" in out


def test_with_fallback_local_a_dead_server_hands_over_to_the_local_model(server, seeded, smol_model, monkeypatch, tmp_path):
    cli, ids, _ = seeded
    dead = team_server.free_port()  # nothing listens there
    _system_policy(monkeypatch, tmp_path, _policy_values(server, inference_url=f"https://127.0.0.1:{dead}",
                                                         inference_fallback_local=True))
    monkeypatch.setenv("CONFIDANT_MODEL", str(smol_model))
    code, out, err = cli("draft", str(next(iter(ids["contacts"].values()))), "--json", "--quick", "--ctx", "1024", *SMALL)
    assert code == 0, err
    assert "cannot be reached" in err and "The local model answers instead" in err
    assert json.loads(out)["model"] != MODEL_ALIAS
    assert _audit_rows("inference.remote") == []
    # Without the fallback the same failure is one line and nothing else happens.
    _system_policy(monkeypatch, tmp_path, _policy_values(server, inference_url=f"https://127.0.0.1:{dead}"))
    code, out, err = cli("draft", str(next(iter(ids["contacts"].values()))), "--json", *SMALL)
    assert code != 0 and len(err.strip().splitlines()) == 1 and "cannot be reached" in err


@pytest.mark.gui
def test_the_window_says_answers_come_from_the_company_server(server, qtbot, home, monkeypatch, tmp_path):
    from PySide6.QtCore import Qt

    from app.gui.main_window import MainWindow

    _system_policy(monkeypatch, tmp_path, _policy_values(server))
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.unlock_view.state is not None and w.unlock_view.button.isEnabled(), timeout=15000)
    with qtbot.waitSignal(w.session.model_ready, timeout=30000):
        qtbot.mouseClick(w.unlock_view.button, Qt.MouseButton.LeftButton)
    assert w.model_label.text() == "Answers from 127.0.0.1 (company server)"
    assert f"https://127.0.0.1:{server.port}" in w.model_label.toolTip()
    dlg = w.open_privacy()
    assert dlg.answers.text().startswith(f"On the company server https://127.0.0.1:{server.port}, set by your IT policy")
    w.session.lock()


@pytest.fixture(scope="module")
def deepseek_server(tmp_path_factory, deepseek_header):
    """The same server with a tiny random-weight model carrying DeepSeek-R1's real tokenizer and
    chat template: its replies are noise, but they are all reasoning until the budget ends it."""
    from app.core.privacy import netguard
    from tests.support.llm_tiny import build_tiny_deepseek

    netguard.install()
    folder = tmp_path_factory.mktemp("team-server-deepseek")
    model = build_tiny_deepseek(deepseek_header, folder / "tiny-deepseek.gguf")
    srv = team_server.start(model, folder, alias="deepseek-r1-distill-tiny", n_ctx=1024, threads=1, api_key=API_KEY)
    try:
        yield srv
    finally:
        netguard.set_door(None)
        srv.stop()


def test_thinking_budget_and_quick_mode_through_the_server(deepseek_server):
    from app.core.llm.events import AnswerChunk, Done, ReasoningChunk, ThinkingProgress
    from app.core.llm.remote import RemoteEngine

    rows: list[dict] = []
    pol = _policy(_policy_values(deepseek_server, inference_model="deepseek-r1-distill-tiny", inference_n_ctx=1024,
                                 inference_api_key_ref="confidant-inference"))
    eng = RemoteEngine.open(pol, audit=rows.append, key_lookup={"confidant-inference": API_KEY}.get)
    msgs = [{"role": "user", "content": "Draft a short note to Kari about the pilot."}]
    try:
        assert eng.opens_think  # a DeepSeek-R1 distill: the reply starts inside <think>
        unbounded = list(eng.stream(msgs, max_tokens=40, seed=1, task="draft"))
        assert unbounded[-1].answer_tokens == 0 and unbounded[-1].reasoning_tokens == 40  # noise never closes it
        assert all(isinstance(e, (ReasoningChunk, ThinkingProgress)) for e in unbounded[:-1])

        events = list(eng.stream(msgs, max_tokens=40, thinking_budget=8, seed=1, task="draft"))
        done = events[-1]
        assert isinstance(done, Done) and done.budget_hit and done.reasoning_tokens == 8 and done.answer_tokens == 32
        kinds = [type(e) for e in events[:-1] if not isinstance(e, ThinkingProgress)]
        first_answer = kinds.index(AnswerChunk)
        assert set(kinds[:first_answer]) == {ReasoningChunk} and set(kinds[first_answer:]) == {AnswerChunk}
        assert rows[-1]["requests"] == 2  # the reasoning was closed and the answer continued in a second request

        quick = list(eng.stream(msgs, max_tokens=20, quick=True, seed=1, task="draft"))
        assert quick[-1].reasoning_tokens == 0 and quick[-1].answer_tokens == 20
        assert all(isinstance(e, AnswerChunk) for e in quick[:-1])
    finally:
        eng.close()


def test_cancel_while_the_server_reads_the_prompt_hangs_up_at_once(server):
    from app.core.llm.events import Done
    from app.core.llm.remote import RemoteEngine

    eng = RemoteEngine.open(_policy(_policy_values(server)))
    cancel = threading.Event()
    marks = server.text().count("Disconnected from client")
    long_prompt = " ".join(f"Note {i}: Fjord Logistikk asked about delivery week {i % 52}." for i in range(80))
    try:
        stream = eng.stream([{"role": "user", "content": long_prompt + "\nSummarise."}], cancel=cancel, max_tokens=200)
        threading.Timer(0.2, cancel.set).start()  # long before the server has read ~1,500 tokens
        events = list(stream)
        assert len(events) == 1 and isinstance(events[0], Done) and events[0].stop_reason == "cancelled"
        # llama-cpp-python notices the hang-up after its first token, i.e. once the prompt is read.
        assert server.wait_count("Disconnected from client", marks + 1, 180), server.text()[-1500:]
    finally:
        eng.close()


def test_the_api_key_comes_from_the_keyring_and_goes_nowhere_else(deepseek_server, home, tmp_path):
    import keyring

    from app.core.context import prepare
    from app.core.llm.events import Done
    from app.core.llm.remote import RemoteEngine, RemoteError

    prepare()  # logging into this test's CONFIDANT_HOME, as the app does
    base = _policy_values(deepseek_server, inference_model="deepseek-r1-distill-tiny", inference_n_ctx=1024,
                          inference_api_key_ref="confidant-inference")
    with pytest.raises(RemoteError, match="keyring has no entry 'confidant-inference'"):
        RemoteEngine.open(_policy(base))
    keyring.set_password("Confidant", "confidant-inference", "sk-wrong")
    with pytest.raises(RemoteError, match=r"refused /v1/models \(HTTP 401\)"):
        RemoteEngine.open(_policy(base))
    keyring.set_password("Confidant", "confidant-inference", API_KEY)
    try:
        eng = RemoteEngine.open(_policy(base))
        assert isinstance(list(eng.stream([{"role": "user", "content": "Hi"}], max_tokens=4, quick=True))[-1], Done)
        eng.close()
    finally:
        keyring.delete_password("Confidant", "confidant-inference")
    assert any(p.suffix == ".log" for p in home.rglob("*")), "the log was written to this home"
    written = b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())
    assert API_KEY.encode() not in written and b"sk-wrong" not in written


def test_without_a_tokenize_endpoint_the_local_vocabulary_counts_like_the_server(server, ctx, smol_model):
    from app.core.llm.models import verify
    from app.core.llm.remote import RemoteEngine

    texts = ["Kari Nordmann asked about pricing for 40 trucks.", "Møte i Tromsø uke 12 — levering før påske?",
             "<|im_start|>assistant looks like a marker but is note text"]
    eng = RemoteEngine.open(_policy(_policy_values(server)), local_vocab=lambda: verify(smol_model, ctx.vault.conn, ctx.policy))
    try:
        assert eng.client.tokenizer is not None and eng.client.tokenizer[0] == "/extras/tokenize"
        served = [eng.count_tokens(t) for t in texts[:2]]
        eng.client.tokenizer, eng._token_cache = None, type(eng._token_cache)()  # a server without one (vLLM-less, custom)
        assert [eng.count_tokens(t) for t in texts[:2]] == served
        assert eng._vocab is not None  # the vocabulary-only copy, not the estimate
        assert eng.count_tokens(texts[2]) > 5  # markers in note text stay plain text
    finally:
        eng.close()
    # No trusted local file: the cautious estimate (a third of the UTF-8 bytes, rounded up).
    eng = RemoteEngine.open(_policy(_policy_values(server)), local_vocab=lambda: None)
    eng.client.tokenizer = None
    assert eng.count_tokens(texts[0]) == -(-len(texts[0].encode()) // 3)
    eng.close()


def test_a_server_error_before_the_reply_hands_over_to_the_local_model(server, ctx, smol_model):
    """IT set inference_n_ctx larger than the server really has: the server fails on the long
    prompt before a token (llama-cpp-python drops the stream); with the fallback on, the local
    model answers it."""
    from app.core.llm.events import AnswerChunk, Done
    from app.core.llm.remote import RemoteEngine
    from app.core.llm.source import FallbackEngine, choose_engine, open_engine

    notices: list[str] = []
    audit_rows: list[dict] = []
    policy = _policy(_policy_values(server, inference_n_ctx=8192, inference_fallback_local=True))
    ctx.policy = policy  # as if the system policy named the server (the vault is this test's)
    plan = choose_engine(ctx, n_ctx=4096, env={"CONFIDANT_MODEL": str(smol_model)})
    assert plan.model is not None and plan.n_ctx == 4096
    eng = open_engine(plan, notify=notices.append,
                      open_remote=lambda: RemoteEngine.open(policy, audit=audit_rows.append))
    assert isinstance(eng, FallbackEngine) and notices == ["Answers from 127.0.0.1 (company server)"]
    notes = " ".join(f"Note {i}: Fjord Logistikk asked about delivery week {i % 52}." for i in range(110))
    try:
        events = list(eng.stream([{"role": "user", "content": notes + "\nSummarise in one line."}], max_tokens=8,
                                 seed=1, task="summarize"))
        assert isinstance(events[-1], Done) and any(isinstance(e, AnswerChunk) for e in events)
        assert len(notices) == 2 and "ended the reply without finishing it" in notices[1]
        assert "The local model answers instead" in notices[1]
        assert eng.local is not None and eng.describe()["backend"] != "server"
        assert eng.n_ctx == 4096  # the fallback keeps the context size asked for
        assert [r["stop"] for r in audit_rows] == ["error"]  # the failed request is audited too, without content
    finally:
        eng.close()
