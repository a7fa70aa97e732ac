"""Norwegian bokmål through Qt's translator, built from the .ts source with pyside6-lrelease;
the language choice is remembered for the (still locked) first screen; controls are named
for screen readers."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit

from app.gui import i18n
from app.gui.main_window import MainWindow
from app.gui.session import Session
from app.gui.unlock import UnlockView

pytestmark = pytest.mark.gui


def test_norwegian_ui_from_the_ts_source(qtbot, home, tmp_path):
    app = QApplication.instance()
    try:
        assert i18n.install(app, "nb", tmp_path) == "nb"
        assert (tmp_path / "i18n" / "confidant_nb.qm").exists()  # built by pyside6-lrelease
        view = UnlockView(Session())
        qtbot.addWidget(view)
        view._probed({"first_run": True, "keyring_ok": False, "mode": None})
        assert view.button.text() == "Opprett hvelv"
        assert "passordfrase" in view.info.text() and "minst 8 tegn" in view.info.text()
        view.passphrase.setText("fjord logistics pilot bergen")
        assert view.hint.text() == "Sterk"
    finally:
        assert i18n.install(app, "en", tmp_path) == "en"
    view = UnlockView(Session())
    qtbot.addWidget(view)
    view._probed({"first_run": True, "keyring_ok": False, "mode": None})
    assert view.button.text() == "Create vault"


def test_language_choice_is_remembered_outside_the_vault(home):
    from app.core.context import prepare

    paths, _ = prepare()
    assert i18n.remembered_language(paths) == ""
    i18n.remember_language(paths, "nb")
    assert i18n.remembered_language(paths) == "nb"
    assert i18n.resolve_language("nb") == "nb" and i18n.resolve_language("en") == "en"
    i18n.remember_language(paths, "xx-not-a-language")
    assert i18n.remembered_language(paths) == ""


def test_controls_have_accessible_names_and_shortcuts(qtbot, home):
    w = MainWindow()
    qtbot.addWidget(w)
    unnamed = [b.objectName() for b in w.findChildren(QAbstractButton) + w.findChildren(QLineEdit)
               if not (b.accessibleName() or (isinstance(b, QAbstractButton) and b.text()))
               and b.objectName() and not b.objectName().startswith("qt_")]
    assert unnamed == []
    shortcuts = {a.objectName(): a.shortcut().toString() for a in w.actions()}
    assert shortcuts["lockAction"] == "Ctrl+L" and shortcuts["importAction"] == "Ctrl+I"
    assert shortcuts["findAction"] == "Ctrl+F"


def test_flag_texts_are_translated(qtbot, home, tmp_path):
    from app.gui import flags as words
    from app.gui.assistant_pane import AssistantPane

    kinds = ("instruction_like", "invalid_citation", "stopped_at_length", "malformed_reasoning", "thinking_budget_hit",
             "personal_number", "payment_data", "no_notes", "notes_omitted", "no_matching_notes", "repetition",
             "prompt_echo")
    app = QApplication.instance()
    english = AssistantPane(Session())
    qtbot.addWidget(english)
    flags = [{"kind": "instruction_like", "note_id": 3}, {"kind": "personal_number"}, {"kind": "invalid_citation", "note_id": 9}]
    text = words.answer_flags(flags)
    in_english = {k: words.answer_flag(k) for k in kinds}
    assert "looks like an instruction to the assistant" in text and "(n3)" not in text  # words, never ids or kinds
    assert words.note_flag("instruction_like") == "looks like an instruction to the assistant"
    try:
        assert i18n.install(app, "nb", tmp_path) == "nb"
        untranslated = [k for k in kinds if words.answer_flag(k) == in_english[k]]
        assert untranslated == []
        text = words.answer_flags(flags)
        assert "instruks til assistenten" in text and "personnummer" in text and "henvisning" in text
        assert words.note_flag("instruction_like") != "looks like an instruction to the assistant"
    finally:
        i18n.install(app, "en", tmp_path)
