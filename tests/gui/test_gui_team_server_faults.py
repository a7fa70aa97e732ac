"""The company server's pace and faults in the window (issue 27, point 4), against the
scripted server (tests/support/sse_server.py, TLS, in a child process): a request the server
keeps waiting shows "busy — waiting (N s)…" (in bokmål too) and Stop ends it, saving nothing;
an answer the server cuts off stays on screen, saved as a stopped draft, with a line and
Keep / Discard. The window, the vault, the door and the guard are real; the system policy
file is the one faked edge."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.support import sse_server
from tests.support.gui import _import_sample_through_wizard, on_store, open_unlocked, ready_quick_draft

pytestmark = [pytest.mark.gui, pytest.mark.secret_service, pytest.mark.slow]


@pytest.fixture
def window(request, qtbot, home, monkeypatch, tmp_path):
    """The window, unlocked, the sample imported, answers from a scripted server in the mode named."""
    with sse_server.named_by_policy(request.param, tmp_path, monkeypatch) as folder:
        w = open_unlocked(qtbot, sample=True)
        _import_sample_through_wizard(qtbot, w).accept()
        qtbot.waitUntil(lambda: w.session.engine is not None or w.session.model_error is not None, timeout=60000)
        assert w.session.model_error is None
        yield w, folder
        w.session.lock()


def _click_draft(qtbot, w):
    pane = ready_quick_draft(qtbot, w)
    qtbot.mouseClick(pane.draft_btn, Qt.MouseButton.LeftButton)
    return pane


@pytest.mark.parametrize("window", ["silent"], indirect=True)
def test_a_request_the_server_keeps_waiting_says_busy_in_bokmal_and_stop_saves_nothing(window, qtbot, tmp_path,
                                                                                      monkeypatch):
    from app.core.llm import remote_reply
    from app.core.vault import audit, conversations
    from app.gui import i18n

    monkeypatch.setattr(remote_reply, "BUSY_AFTER", 1.0)
    w, folder = window
    app = QApplication.instance()
    try:
        assert i18n.install(app, "nb", tmp_path) == "nb"
        pane = _click_draft(qtbot, w)
        qtbot.waitUntil(lambda: pane.state.text().startswith("Firmaserveren er opptatt — venter ("), timeout=20000)
        first = pane.state.text()
        qtbot.waitUntil(lambda: pane.state.text() != first and "venter (" in pane.state.text(), timeout=5000)  # N ticks
        assert pane.stop_btn.isEnabled()
        qtbot.mouseClick(pane.stop_btn, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not pane.busy, timeout=3000)  # Stop works while waiting
    finally:
        i18n.install(app, "en", tmp_path)
    assert pane.answer.plain_text().strip() == "" and not pane.stopped_bar.isVisible()
    assert on_store(qtbot, w, lambda ctx: conversations.count(ctx.vault.conn)) == 0  # nothing saved
    rows = on_store(qtbot, w, lambda ctx: [r["details"] for r in audit.entries(ctx.vault.conn)
                                            if r["event"] == "inference.remote" and r["details"]["task"] == "draft"])
    assert [(d["stop"], d["requests"]) for d in rows] == [("cancelled", 1)]  # abandoned, not sent again


@pytest.mark.parametrize("window", ["cut"], indirect=True)
def test_an_answer_the_server_cuts_off_stays_with_a_line_and_keep_or_discard(window, qtbot):
    from app.core.vault import audit, conversations

    w, folder = window
    pane = _click_draft(qtbot, w)
    qtbot.waitUntil(lambda: not pane.busy, timeout=60000)
    assert "Hei Kari, takk" in pane.answer.plain_text()  # the partial text stays visible
    assert pane.stopped_bar.isVisible() and "stopped answering in the middle" in pane.stopped_bar.line.text()
    assert "the answer is incomplete" in pane.flags.text()
    conv = pane.conversation_id
    saved = on_store(qtbot, w, lambda ctx: conversations.get(ctx.vault.conn, conv))
    assert saved["messages"][-1]["meta"]["stop_reason"] == "interrupted"  # saved, as a stopped draft
    rows = on_store(qtbot, w, lambda ctx: [r["details"] for r in audit.entries(ctx.vault.conn)
                                            if r["event"] == "inference.remote" and r["details"]["task"] == "draft"])
    assert [(d["stop"], d["requests"]) for d in rows] == [("interrupted", 1)]  # never asked again after text came

    qtbot.mouseClick(pane.stopped_bar.discard_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not pane.stopped_bar.isVisible(), timeout=10000)
    assert pane.state.text() == "Discarded." and pane.answer.plain_text().strip() == ""
    assert on_store(qtbot, w, lambda ctx: conversations.count(ctx.vault.conn)) == 0

    pane = _click_draft(qtbot, w)  # again, and this time Keep
    qtbot.waitUntil(lambda: not pane.busy, timeout=60000)
    assert pane.stopped_bar.isVisible()
    qtbot.mouseClick(pane.stopped_bar.keep_btn, Qt.MouseButton.LeftButton)
    assert not pane.stopped_bar.isVisible() and pane.state.text() == "Kept as it is."
    assert "Hei Kari, takk" in pane.answer.plain_text()
    assert on_store(qtbot, w, lambda ctx: conversations.count(ctx.vault.conn)) == 1
