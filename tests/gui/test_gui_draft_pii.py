"""Copy and Save as .eml ask first when a draft holds personal numbers (core ``pii.scan``);
the question names the kinds found, never the values. Real widgets, a reopened draft."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from app.gui.assistant_pane import AssistantPane
from app.gui.session import Session

pytestmark = pytest.mark.gui

FNR = "15078545620"
CARD = "4111 1111 1111 1111"


def _pane(qtbot, body: str) -> AssistantPane:
    pane = AssistantPane(Session())
    qtbot.addWidget(pane)
    pane.show_conversation({
        "id": 4, "task": "draft", "contact_id": 1, "account_id": 1, "contact": "Kari Nordmann",
        "messages": [{"role": "user", "content": "(prompt)", "meta": {"lang": "nb"}},
                     {"role": "assistant", "content": body, "meta": {"text": body, "subject": "Oppfølging etter demoen"}}],
    })
    assert pane.copy_btn.isEnabled()
    return pane


def _answer(qtbot, pane: AssistantPane, button, seen: list) -> None:
    """Answer the question box once it is open (it runs its own event loop)."""
    def poll():
        box = pane.pii_box
        if box is None or not box.isVisible():
            QTimer.singleShot(10, poll)
            return
        seen.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, poll)


def test_copy_and_save_ask_before_a_draft_with_personal_numbers_leaves(qtbot):
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("before")
    pane = _pane(qtbot, f"Hei Kari,\nfødselsnummeret {FNR} og kortet {CARD} står i avtalen.\nHilsen Ola")
    seen: list[str] = []

    _answer(qtbot, pane, QMessageBox.StandardButton.No, seen)
    pane.copy()
    assert clipboard.text() == "before"  # declined: nothing copied
    assert "Norwegian national identity number" in seen[0] and "payment card number" in seen[0]
    assert FNR not in seen[0] and "4111" not in seen[0]  # kinds, never values

    _answer(qtbot, pane, QMessageBox.StandardButton.Yes, seen)
    pane.copy()
    assert FNR in clipboard.text()  # confirmed: copied as written

    _answer(qtbot, pane, QMessageBox.StandardButton.No, seen)
    pane.save_eml()  # declined before the file dialog would open: nothing to save
    assert len(seen) == 3 and "Save it anyway?" in seen[2]


def test_a_draft_without_personal_numbers_is_copied_without_a_question(qtbot):
    pane = _pane(qtbot, "Hei Kari,\ntakk for demoen i Bergen; ordre 20250304 er registrert.\nHilsen Ola")
    pane.copy()
    assert pane.pii_box is None
    assert "ordre 20250304" in QGuiApplication.clipboard().text()


def test_the_question_is_in_norwegian_under_bokmal(qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication

    from app.gui import i18n

    app = QApplication.instance()
    try:
        assert i18n.install(app, "nb", tmp_path) == "nb"
        pane = _pane(qtbot, f"Fødselsnummer {FNR}.")
        seen: list[str] = []
        _answer(qtbot, pane, QMessageBox.StandardButton.No, seen)
        pane.copy()
        assert "et norsk fødselsnummer" in seen[0] and "Kopiere det likevel?" in seen[0]
    finally:
        i18n.install(app, "en", tmp_path)
