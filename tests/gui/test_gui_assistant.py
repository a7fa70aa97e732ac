"""The assistant pane on the real small model: streaming, Stop, the event loop, results.

The model is the real SmolLM2-135M GGUF (CONFIDANT_MODEL), loaded by the app in the
background after the window shows; the vault is real and the notes come in through the
import wizard. The screenshot for people and the README is taken here, with an answer.
"""

from __future__ import annotations

import os
import shutil

import pytest
from PySide6.QtCore import Qt, QTimer

from app.gui.main_window import MainWindow
from tests.support.gui import _import_sample_through_wizard, _nav_texts, open_unlocked
from tests.support.paths import ROOT

pytestmark = [pytest.mark.gui, pytest.mark.model, pytest.mark.secret_service, pytest.mark.slow]

OUT = ROOT / "test-output"


def _conversation_count(qtbot, w: MainWindow) -> int:
    from app.core.vault import conversations

    box = {}
    w.session.run(lambda ctx, task: conversations.count(ctx.vault.conn), success=lambda n: box.setdefault("n", n))
    qtbot.waitUntil(lambda: "n" in box, timeout=10000)
    return box["n"]


def test_draft_streams_keeps_ui_alive_stops_and_completes(qtbot, home, smol_model, monkeypatch):
    monkeypatch.setenv("CONFIDANT_MODEL", str(smol_model))
    w = open_unlocked(qtbot, sample=True)
    # The workspace is on screen before the model is ready: it loads in the background.
    assert w.session.engine is None
    wiz = _import_sample_through_wizard(qtbot, w)
    wiz.accept()
    qtbot.waitUntil(lambda: w.session.engine is not None, timeout=60000)
    assert "SmolLM2" in w.model_label.text()  # the model's name (the demo model says so)
    qtbot.waitUntil(lambda: any("Kari Nordmann" in t for t in _nav_texts(w)), timeout=10000)
    w.navigator.list.setCurrentRow(next(i for i, t in enumerate(_nav_texts(w)) if "Kari Nordmann" in t))
    pane = w.assistant
    qtbot.waitUntil(lambda: pane.draft_btn.isEnabled(), timeout=10000)

    # A timer on the GUI thread keeps ticking while tokens stream in.
    ticks = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    pane.quick.setChecked(True)
    qtbot.mouseClick(pane.draft_btn, Qt.MouseButton.LeftButton)
    assert pane.stop_btn.isEnabled() and not pane.draft_btn.isEnabled()
    qtbot.waitUntil(lambda: pane.answer.text() != "", timeout=60000)
    seen_ticks, seen_chunks = len(ticks), pane.chunks
    qtbot.waitUntil(lambda: pane.chunks >= seen_chunks + 5 and len(ticks) >= seen_ticks + 5, timeout=60000)
    assert pane.busy  # still generating: the loop ran during the stream, not after it
    assert pane.answer_buffer.flushes >= 2  # batched appends, not one at the end

    qtbot.mouseClick(pane.stop_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not pane.busy, timeout=30000)
    timer.stop()
    assert "Stopped" in pane.state.text()
    assert pane.answer.text() != ""  # what streamed stays visible
    # Nothing half-done was saved (the pane keeps the partial text only for copying).
    assert (pane.result is None or pane.result.partial) and _conversation_count(qtbot, w) == 0
    assert pane.regen_btn.isEnabled()

    # Regenerate, short this time, runs to the end: saved, shown, with stats in the status bar.
    pane.extra_options = {"answer_tokens": 40}
    qtbot.mouseClick(pane.regen_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.result is not None and not getattr(pane.result, "partial", False), timeout=120000)
    assert pane.result.task == "draft" and pane.result.conversation_id
    assert _conversation_count(qtbot, w) == 1
    assert "tokens/s" in pane.state.toolTip() and "SmolLM2" in w.model_label.text()  # speed in a tooltip, not the bar
    assert pane.copy_btn.isEnabled() and pane.eml_btn.isEnabled() and pane.follow_btn.isEnabled()
    qtbot.mouseClick(pane.copy_btn, Qt.MouseButton.LeftButton)
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == pane._plain_result() != ""
    eml = home / "draft.eml"
    pane.write_eml(eml)
    qtbot.waitUntil(eml.exists, timeout=10000)
    assert b"kari.nordmann@fjordlogistikk.example.com" in eml.read_bytes()

    # A citation selects its note in the timeline (the model may cite none: then check the wiring).
    qtbot.waitUntil(lambda: w.timeline.notes.count() == 2, timeout=10000)
    first_note = w.timeline.notes.item(1).data(Qt.ItemDataRole.UserRole)["id"]
    pane.citation_activated.emit(first_note)
    assert w.timeline.selected_note_id() == first_note

    OUT.mkdir(exist_ok=True)
    shot = OUT / "main-window.png"
    assert w.grab().save(str(shot))
    if os.environ.get("CONFIDANT_UPDATE_SCREENSHOT") == "1":  # refresh the README's picture on purpose only
        shutil.copyfile(shot, ROOT / "docs" / "screenshot.png")

    # History reopens the saved conversation for a follow-up turn.
    pane.clear()
    dlg = w.open_history()
    qtbot.waitUntil(lambda: dlg.list.count() == 1, timeout=10000)
    with qtbot.waitSignal(dlg.reopened, timeout=10000):
        qtbot.mouseClick(dlg.open_btn, Qt.MouseButton.LeftButton)
    assert pane.conversation_id is not None and pane.answer.text() != ""
    assert pane.follow_btn.isEnabled()
