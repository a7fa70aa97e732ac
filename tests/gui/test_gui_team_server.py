"""The company inference server from the window, end to end: the sample imported through the
wizard, a contact picked, Draft clicked, the answer streamed by llama-cpp-python's real
OpenAI-compatible server over TLS (tests/support/team_server.py), the conversation saved in
the vault and the request audited; the same against llama.cpp's multi-user llama-server
(tests/support/llama_server.py); and the local fallback when the server is down.

The window drafts on its generation thread and saves on the store thread, unlike the CLI,
which does both on one thread: only a window test catches an engine that writes to the vault
from the thread it generates on. The system policy file is the one faked edge."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.support import llama_server, team_server
from tests.support.gui import _import_sample_through_wizard, on_store, open_unlocked, open_window, ready_quick_draft

pytestmark = [pytest.mark.gui, pytest.mark.model, pytest.mark.secret_service, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(tmp_path_factory, smol_model):
    from app.core.privacy import netguard

    netguard.install()  # as every entry point does: this process reaches only the door from here on
    srv = team_server.start(smol_model, tmp_path_factory.mktemp("gui-team-server"), alias=team_server.MODEL_ALIAS)
    try:
        yield srv
    finally:
        netguard.set_door(None)
        srv.stop()


@pytest.fixture(scope="module")
def llama(tmp_path_factory, smol_model):
    from app.core.privacy import netguard

    srv = llama_server.start(smol_model, tmp_path_factory.mktemp("gui-llama-server"), parallel=2)
    netguard.install()
    try:
        yield srv
    finally:
        netguard.set_door(None)
        srv.stop()


def _draft_to_kari(qtbot, w):
    pane = ready_quick_draft(qtbot, w)
    failures = []
    w.session.failed.connect(failures.append)
    qtbot.mouseClick(pane.draft_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not pane.busy, timeout=180000)
    assert not failures, failures
    assert pane.result is not None and not getattr(pane.result, "partial", False), pane.state.text()
    return pane.result


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])  # localhost: a server named by host name (N1)
def test_a_draft_in_the_window_goes_through_the_company_server_is_saved_and_audited(server, host, qtbot, home,
                                                                                    monkeypatch, tmp_path):
    from app.core.vault import audit, conversations

    team_server.write_system_policy(monkeypatch, tmp_path, team_server.policy_values(
        server, inference_url=f"https://{host}:{server.port}"))
    monkeypatch.setenv("CONFIDANT_MODEL", str(tmp_path / "no-local-model.gguf"))  # no local model is needed
    before = server.text().count("POST /v1/chat/completions")
    w = open_unlocked(qtbot, sample=True)
    _import_sample_through_wizard(qtbot, w).accept()
    qtbot.waitUntil(lambda: w.session.engine is not None or w.session.model_error is not None, timeout=60000)
    assert w.session.model_error is None
    assert w.model_label.text() == f"Answers from {host} (company server)"

    res = _draft_to_kari(qtbot, w)
    assert res.task == "draft" and res.conversation_id and res.model == team_server.MODEL_ALIAS
    assert server.text().count("POST /v1/chat/completions") == before + 1
    saved = on_store(qtbot, w, lambda ctx: conversations.get(ctx.vault.conn, res.conversation_id))
    assert saved["task"] == "draft" and len(saved["messages"]) == 2
    rows = on_store(qtbot, w, lambda ctx: [r for r in audit.entries(ctx.vault.conn) if r["event"] == "inference.remote"])
    assert len(rows) == 1
    d = rows[0]["details"]
    assert d["task"] == "draft" and d["server"] == host and d["port"] == server.port and d["stop"] in ("stop", "length")
    assert 0 < d["answer_tokens"] <= 24 and "Kari" not in str(rows)  # counts, never content
    w.session.lock()


def test_with_the_server_down_the_window_falls_back_to_the_local_model_with_the_context_size_set(
        server, qtbot, home, smol_model, monkeypatch, tmp_path):
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from app.core.crm.importer import import_files
    from app.core.vault import audit, conversations
    from app.gui.sample import sample_files

    dead = team_server.free_port()  # nothing listens there
    team_server.write_system_policy(monkeypatch, tmp_path, team_server.policy_values(
        server, inference_url=f"https://127.0.0.1:{dead}", inference_fallback_local=True))
    monkeypatch.setenv("CONFIDANT_MODEL", str(smol_model))
    c = open_context(passphrase_provider)  # the sample imported, and a context size chosen in Settings
    try:
        assert import_files(c.vault, sample_files()).ok
        with c.vault.transaction():
            c.settings.set("context_size", 1536)
    finally:
        c.close()
    w = open_window(qtbot)
    qtbot.waitUntil(lambda: w.session.engine is not None or w.session.model_error is not None, timeout=120000)
    assert w.session.model_error is None
    assert w.session.engine.n_ctx == 1536  # the setting holds on the fallback path too
    assert w.session.engine.describe()["backend"] != "server"

    res = _draft_to_kari(qtbot, w)
    assert res.conversation_id and res.model != team_server.MODEL_ALIAS
    assert on_store(qtbot, w, lambda ctx: conversations.count(ctx.vault.conn)) == 1
    rows = on_store(qtbot, w, lambda ctx: [r for r in audit.entries(ctx.vault.conn) if r["event"] == "inference.remote"])
    assert rows == []  # the server was never reached: nothing to audit
    w.session.lock()


def test_a_draft_in_the_window_through_llama_server_named_by_host_name(llama, qtbot, home, monkeypatch, tmp_path):
    from app.core.vault import conversations

    team_server.write_system_policy(monkeypatch, tmp_path, team_server.policy_values(
        llama, inference_url=f"https://localhost:{llama.port}"))
    monkeypatch.setenv("CONFIDANT_MODEL", str(tmp_path / "no-local-model.gguf"))
    log_before = len(llama.text())
    w = open_unlocked(qtbot, sample=True)
    _import_sample_through_wizard(qtbot, w).accept()
    qtbot.waitUntil(lambda: w.session.engine is not None or w.session.model_error is not None, timeout=60000)
    assert w.session.model_error is None
    assert w.model_label.text() == "Answers from localhost (company server)"
    res = _draft_to_kari(qtbot, w)
    assert res.task == "draft" and res.model == team_server.MODEL_ALIAS and res.text.strip()
    assert llama.text()[log_before:].count("processing task") == 1  # one request, on the team server
    saved = on_store(qtbot, w, lambda ctx: conversations.get(ctx.vault.conn, res.conversation_id))
    assert len(saved["messages"]) == 2
    w.session.lock()
