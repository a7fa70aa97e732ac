"""First run without a model: the window offers to pick or drop one, shows its SHA-256 and
trust state, and sets ``model_path``; a broken file changes nothing; IT policy locks it.

Real vault, the real small model file (its hash computed here independently)."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from app.gui import errors
from tests.support.gui import _setting, model_dialog, open_unlocked

pytestmark = [pytest.mark.gui, pytest.mark.secret_service]


def _drop(widget, path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    ev = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(ev)


def test_no_model_offers_picker_broken_file_changes_nothing_dropped_gguf_is_used(qtbot, home, tmp_path, smol_model):
    w = open_unlocked(qtbot)
    # No CONFIDANT_MODEL, no setting, nothing in the models folder: the picker appears.
    dlg = model_dialog(qtbot, w)
    assert "No usable model file" in dlg.reason.text()
    assert dlg.chooser.button.isEnabled()

    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + b"\x00" * 64)
    errors.last_message = None
    _drop(w, broken)  # dropped on the main window
    qtbot.waitUntil(lambda: errors.last_message is not None, timeout=10000)
    assert "broken.gguf" in errors.last_message
    assert "broken.gguf" in dlg.chooser.problem.text()  # beside the model in use, never in its place
    assert "broken.gguf" not in dlg.chooser.info.text()
    assert _setting(qtbot, w, "model_path") is None  # nothing changed
    assert w.session.engine is None

    expected = hashlib.sha256(smol_model.read_bytes()).hexdigest()
    _drop(dlg, smol_model)  # dropped on the dialog this time: a new file is a question first
    qtbot.waitUntil(lambda: dlg.chooser.question is not None and dlg.chooser.question.isVisible(), timeout=30000)
    assert "fingerprint" in dlg.chooser.question.text() and "refuses the file if it ever changes" in dlg.chooser.question.text()
    with qtbot.waitSignal(dlg.chooser.chosen, timeout=30000):
        dlg.chooser.question.button(dlg.chooser.question.StandardButton.Yes).click()
    assert f"SHA-256 {expected[:16]}…" in dlg.chooser.info.text() and "· trusted" in dlg.chooser.info.text()
    assert f"SHA-256 {expected}" in dlg.chooser.info.toolTip()
    assert _setting(qtbot, w, "model_path") == str(smol_model.resolve())
    qtbot.waitUntil(lambda: w.session.engine is not None, timeout=60000)
    assert w.session.model_file.sha256 == expected


def test_policy_managed_model_is_shown_locked(qtbot, home, tmp_path, monkeypatch):
    missing = tmp_path / "it-approved.gguf"
    policy = tmp_path / "managed.toml"
    policy.write_text(f'model_path = "{missing}"\n')
    monkeypatch.setenv("CONFIDANT_POLICY", str(policy))
    w = open_unlocked(qtbot)
    dlg = model_dialog(qtbot, w)
    assert "it-approved.gguf" in dlg.reason.text()  # the policy's file is the problem
    assert not dlg.chooser.button.isEnabled() and "IT policy" in dlg.chooser.button.toolTip()
    assert "it-approved.gguf" in dlg.chooser.info.text()
    errors.last_message = None
    dlg.chooser.choose(str(tmp_path / "other.gguf"))
    assert "managed by your IT policy" in errors.last_message
    privacy = w.open_privacy()
    assert not privacy.model.button.isEnabled()  # the privacy view shares the same chooser
