"""The desktop app on the real core: first run, the import wizard, lock, policy, one instance.

pytest-qt drives the real widgets offscreen; the vault is a real SQLCipher file in the
test's CONFIDANT_HOME with its key in the real Secret Service (or a passphrase). Waiting is
done with waitUntil/waitSignal on what the user would see, never with sleeps.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from app.gui.main_window import MainWindow
from tests.support.gui import _import_sample_through_wizard, _nav_texts, _wait_unlock_form, _window
from tests.support.paths import ROOT

pytestmark = [pytest.mark.gui, pytest.mark.secret_service]


def _timeline_texts(w: MainWindow) -> list[str]:
    return [w.timeline.notes.item(i).text() for i in range(w.timeline.notes.count())]


def test_first_run_with_keyring_imports_sample_through_wizard(qtbot, home):
    w = _window(qtbot)
    _wait_unlock_form(qtbot, w)
    v = w.unlock_view
    assert v.state["first_run"] and v.state["keyring_ok"]
    assert not v.passphrase.isVisible()  # the key goes to the keyring: nothing to type
    assert v.sample.isVisible()
    v.sample.setChecked(True)
    with qtbot.waitSignal(w.workspace_shown, timeout=20000):
        qtbot.mouseClick(v.button, Qt.MouseButton.LeftButton)
    assert (home / "data" / "vault.db").exists()
    assert w.session.ctx.key_info.mode == "keyring"

    wiz = _import_sample_through_wizard(qtbot, w)
    assert wiz.report.ok
    assert wiz.report.totals()["notes_added"] == 7
    assert "Notes added: 7" in wiz.summary.text()
    wiz.accept()

    qtbot.waitUntil(lambda: any("Fjord Logistikk" in t for t in _nav_texts(w)), timeout=10000)
    # Search as you type reaches the notes' text too (full-text), not just names.
    qtbot.keyClicks(w.navigator.search, "depots")
    qtbot.waitUntil(lambda: any("Demo of route planning" in t for t in _nav_texts(w)), timeout=10000)
    # Picking the note opens its contact's timeline with that note selected.
    for i in range(w.navigator.list.count()):
        if "Demo of route planning" in w.navigator.list.item(i).text():
            w.navigator.list.setCurrentRow(i)
    qtbot.waitUntil(lambda: w.timeline.selected_note_id() is not None, timeout=10000)
    assert "pilot with two depots" in w.timeline.body.text()

    # The injection-like note is imported as data and visibly flagged in the timeline.
    w.navigator.search.clear()
    qtbot.keyClicks(w.navigator.search, "Lindqvist")
    qtbot.waitUntil(lambda: any("Sofia Lindqvist" in t for t in _nav_texts(w)), timeout=10000)
    row = next(i for i, t in enumerate(_nav_texts(w)) if "Sofia Lindqvist" in t)
    w.navigator.list.setCurrentRow(row)
    qtbot.waitUntil(lambda: "Renewal" in " ".join(_timeline_texts(w)), timeout=10000)
    texts = _timeline_texts(w)
    assert any("⚑" in t and "looks like an instruction to the assistant" in t for t in texts)  # in words, not the kind

    # An account shows its people and the notes of all of them.
    w.navigator.search.clear()
    qtbot.waitUntil(lambda: any("Alpenmaschinen" in t for t in _nav_texts(w)), timeout=10000)
    row = next(i for i, t in enumerate(_nav_texts(w)) if t.startswith("Alpenmaschinen"))
    w.navigator.list.setCurrentRow(row)
    qtbot.waitUntil(lambda: "Trade fair meeting" in " ".join(_timeline_texts(w)), timeout=10000)
    assert "Jürgen Weiß" in w.timeline.people.item(0).text()


def test_passphrase_first_run_lock_and_unlock_clears_views(qtbot, home, no_keyring, monkeypatch):
    monkeypatch.delenv("CONFIDANT_PASSPHRASE")  # the user types it in the window
    w = _window(qtbot)
    _wait_unlock_form(qtbot, w)
    v = w.unlock_view
    assert v.state["first_run"] and not v.state["keyring_ok"]
    assert v.passphrase.isVisible() and v.confirm.isVisible()
    qtbot.keyClicks(v.passphrase, "short")
    assert v.hint.text() == "Too short"
    v.passphrase.clear()
    qtbot.keyClicks(v.passphrase, "fjord logistics pilot bergen")
    assert v.hint.text() == "Strong"
    qtbot.keyClicks(v.confirm, "fjord logistics pilot bergem")
    qtbot.mouseClick(v.button, Qt.MouseButton.LeftButton)
    assert "differ" in v.error.text()
    assert not (home / "data" / "vault.key").exists()

    v.passphrase.setText("fjord logistics pilot bergen")
    v.confirm.setText("fjord logistics pilot bergen")
    v.sample.setChecked(True)
    with qtbot.waitSignal(w.workspace_shown, timeout=30000):
        qtbot.mouseClick(v.button, Qt.MouseButton.LeftButton)
    assert w.session.ctx.key_info.mode == "passphrase"
    _import_sample_through_wizard(qtbot, w)
    qtbot.waitUntil(lambda: any("Kari Nordmann" in t for t in _nav_texts(w)), timeout=10000)
    row = next(i for i, t in enumerate(_nav_texts(w)) if "Kari Nordmann" in t)
    w.navigator.list.setCurrentRow(row)
    qtbot.waitUntil(lambda: w.timeline.notes.count() == 2, timeout=10000)
    w.timeline.notes.setCurrentRow(0)
    assert w.timeline.body.text()

    ctx = w.session.ctx
    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # Ctrl+L
    assert w.session.ctx is None and w.stack.currentWidget() is w.unlock_view
    assert w.navigator.list.count() == 0 and w.timeline.card.subject is None
    assert [w.timeline.notes.item(i).data(Qt.ItemDataRole.UserRole) for i in range(w.timeline.notes.count())] == [None]
    assert w.timeline.body.text() == "" and w.assistant.answer.text() == ""
    assert w.dialogs == []
    qtbot.waitUntil(lambda: len(ctx._key) == 0 and ctx.vault.conn is None or _closed(ctx), timeout=10000)

    # Unlock asks for the passphrase; a wrong one says so and changes nothing.
    _wait_unlock_form(qtbot, w)
    assert v.passphrase.isVisible() and not v.confirm.isVisible()
    qtbot.keyClicks(v.passphrase, "wrong passphrase here")
    qtbot.keyClick(v.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Wrong passphrase" in v.error.text(), timeout=30000)
    assert w.session.ctx is None
    qtbot.keyClicks(v.passphrase, "fjord logistics pilot bergen")
    with qtbot.waitSignal(w.workspace_shown, timeout=30000):
        qtbot.keyClick(v.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any("Kari Nordmann" in t for t in _nav_texts(w)), timeout=10000)


def _closed(ctx) -> bool:
    import sqlcipher3

    if len(ctx._key):
        return False
    try:
        ctx.vault.conn.execute("SELECT 1")
    except sqlcipher3.ProgrammingError:
        return True  # closed
    return False


def test_policy_managed_setting_is_shown_locked_and_applies(qtbot, home, tmp_path, monkeypatch):
    policy = tmp_path / "managed.toml"
    policy.write_text("auto_lock_minutes = 5\nallow_export = false\n")
    monkeypatch.setenv("CONFIDANT_POLICY", str(policy))
    w = _window(qtbot)
    _wait_unlock_form(qtbot, w)
    with qtbot.waitSignal(w.workspace_shown, timeout=20000):
        qtbot.mouseClick(w.unlock_view.button, Qt.MouseButton.LeftButton)
    assert w.idle.minutes == 5 and w.idle.timer.isActive()
    dlg = w.open_privacy()
    assert not dlg.auto_lock.isEnabled() and dlg.auto_lock.value() == 5
    assert "IT policy" in dlg.auto_lock.toolTip()
    assert not dlg.export_btn.isEnabled()
    assert dlg.retention.isEnabled()  # not managed: the user may change it
    dlg.retention.setValue(30)
    dlg.save()
    qtbot.waitUntil(lambda: dlg.saved.text() != "", timeout=10000)
    assert w.session.ctx.settings.get("retention_days") == 30
    assert w.session.ctx.settings.get("auto_lock_minutes") == 5
    assert dlg.guard.text().startswith("On · 0 ")  # the network guard is on, nothing was attempted

    # Idle time runs out: the vault locks itself.
    w.idle.timer.setInterval(1)
    with qtbot.waitSignal(w.session.locked, timeout=5000):
        w.idle.timer.start()
    assert w.stack.currentWidget() is w.unlock_view


def test_wizard_refuses_a_non_crm_file_and_maps_generic_csv(qtbot, home, tmp_path):
    w = _window(qtbot)
    _wait_unlock_form(qtbot, w)
    with qtbot.waitSignal(w.workspace_shown, timeout=20000):
        qtbot.mouseClick(w.unlock_view.button, Qt.MouseButton.LeftButton)
    junk = tmp_path / "holiday.png"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    odd = tmp_path / "leads.csv"
    odd.write_text("Kunde;Notat;Epost adresse x\nHeidi Ødegård;Ringte om tilbudet;heidi@example.com\n", encoding="utf-8")
    wiz = w.open_import([str(junk)])
    qtbot.waitUntil(lambda: "cannot be imported" in wiz.file_list.item(0).text(), timeout=10000)
    assert not wiz.import_btn.isEnabled()  # nothing importable: nothing happens
    wiz.add_files([str(odd)])
    qtbot.waitUntil(lambda: wiz.import_btn.isEnabled() and odd.name in wiz.file_list.item(1).text(), timeout=10000)
    wiz.file_list.setCurrentRow(1)
    wiz.set_field("Kunde", "full_name")
    wiz.set_field("Notat", "note")
    wiz.set_field("Epost adresse x", "email")
    assert wiz.column_mapping().spec() == "Kunde=full_name,Notat=note,Epost adresse x=email"
    qtbot.mouseClick(wiz.import_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wiz.report is not None, timeout=20000)
    assert wiz.report.totals()["notes_added"] == 1
    assert "holiday.png" in wiz.details.text()
    qtbot.waitUntil(lambda: any("Heidi Ødegård" in t for t in _nav_texts(w)), timeout=10000)


def test_second_instance_says_so_and_exits(qtbot, home):
    from app.core.context import prepare
    from app.gui import instance

    paths, _ = prepare()
    held = instance.acquire(paths)
    assert held is not None
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", "from app.gui.entry import run_gui; raise SystemExit(run_gui())"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert "already open in another window" in proc.stderr
    held.unlock()
    assert instance.acquire(paths) is not None  # free again once the first window is gone


def test_broken_model_file_is_refused_with_a_message_and_changes_nothing(qtbot, home, tmp_path):
    from app.gui import errors

    w = _window(qtbot)
    _wait_unlock_form(qtbot, w)
    with qtbot.waitSignal(w.workspace_shown, timeout=20000):
        qtbot.mouseClick(w.unlock_view.button, Qt.MouseButton.LeftButton)
    broken = tmp_path / "model.gguf"
    broken.write_bytes(b"GGUF" + b"\x00" * 64)
    dlg = w.open_privacy()
    errors.last_message = None
    dlg.choose_model(str(broken))
    qtbot.waitUntil(lambda: errors.last_message is not None, timeout=10000)
    assert "model.gguf" in errors.last_message
    assert w.session.ctx.settings.get("model_path") == ""  # nothing else changed
