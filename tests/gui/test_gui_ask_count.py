"""The window says how many notes an answer read, in the user's language."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from app.core.assistant.generation import TaskResult
from app.gui import i18n
from app.gui.assistant_pane import AssistantPane
from app.gui.session import Session

pytestmark = pytest.mark.gui

READ = {"kind": "notes_read", "read": 18, "total": 300, "matching": 12}


def test_the_answer_says_how_many_notes_it_read(qtbot, home, tmp_path):
    app = QApplication.instance()
    pane = AssistantPane(Session())
    qtbot.addWidget(pane)
    pane._finished(TaskResult(conversation_id=1, task="ask", text="Svar [n3]", flags=[READ]))
    assert pane.flags.text() == "Read 18 of 300 notes (12 of them match the question)"
    try:
        assert i18n.install(app, "nb", tmp_path) == "nb"
        pane = AssistantPane(Session())
        qtbot.addWidget(pane)
        pane._finished(TaskResult(conversation_id=1, task="ask", text="Svar [n3]",
                                  flags=[READ, {"kind": "instruction_like", "note_id": 3}]))
        lines = pane.flags.text().splitlines()
        assert lines[0] == "Leste 18 av 300 notater (12 av dem passer med spørsmålet)"
        assert lines[1].startswith("⚑ ")  # warnings follow, marked as such
    finally:
        i18n.install(app, "en", tmp_path)
