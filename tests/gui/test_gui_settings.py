"""Settings a newcomer needs (issue 13): who you are, how the model runs, honest models,
Help and About, the audit log as a table; the same keys from `confidant config get/set`.

Real vault in CONFIDANT_HOME with its key in the real Secret Service, the real small
model file (a demo model: 135M parameters), real Qt widgets offscreen.
"""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.gui import errors
from app.gui.main_window import MainWindow
from tests.support.gui import shot
from tests.support.gui import _setting

pytestmark = [pytest.mark.gui, pytest.mark.secret_service]


def open_window(qtbot) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1280, 780)
    w.show()  # a later run opens by itself (key in the keyring); a first run needs the button
    v = w.unlock_view
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.workspace
                    or (v.state is not None and v.state["first_run"] and v.button.isEnabled()), timeout=15000)
    if w.stack.currentWidget() is not w.workspace:
        with qtbot.waitSignal(w.workspace_shown, timeout=30000):
            v.button.click()
    return w


def test_you_and_performance_settings_are_saved_and_match_the_config_cli(qtbot, home, cli):
    w = open_window(qtbot)
    dlg = w.open_settings()
    assert dlg.user_name.text() == "" and dlg.threads.value() == 0
    dlg.user_name.setText("Ola Nordmann")
    dlg.user_email.setText("ola.nordmann@example.com")
    dlg.user_signature.setPlainText("Key account manager\n+47 400 00 000")
    dlg.threads.setValue(2)
    dlg.context.setCurrentIndex(dlg.context.findData(4096))
    dlg.gpu.setCurrentIndex(dlg.gpu.findData("off"))
    with qtbot.waitSignal(dlg.saved, timeout=10000) as saved:
        dlg.save_btn.click()
    assert set(saved.args[0]) == {"user_name", "user_email", "user_signature", "threads", "context_size", "gpu"}
    assert dlg.status.text() == "Saved."
    assert _setting(qtbot, w, "user_email") == "ola.nordmann@example.com"
    assert _setting(qtbot, w, "context_size") == 4096 and _setting(qtbot, w, "gpu") == "off"
    shot(dlg, "04-settings")
    dlg.user_email.setText("not an address")
    dlg.save_btn.click()
    assert "does not look right" in dlg.status.text()
    w.close()  # the CLI opens the same vault

    code, out, _ = cli("config", "get", "user_name")
    assert code == 0 and out.strip() == "Ola Nordmann"
    code, out, _ = cli("config", "get")
    assert code == 0 and "user_signature" in out and "context_size" in out and "4096" in out
    code, out, _ = cli("config", "set", "threads", "3")
    assert code == 0 and "threads = 3" in out
    code, out, _ = cli("config", "set", "store_reasoning", "yes")
    assert code == 0 and "store_reasoning = true" in out
    code, _, err = cli("config", "set", "threads", "many")
    assert code == 2 and "whole number" in err
    with pytest.raises(SystemExit) as exited:  # argparse: not a known key
        cli("config", "set", "colour", "red")
    assert exited.value.code == 2

    w2 = open_window(qtbot)
    assert w2.open_settings().threads.value() == 3


def test_a_managed_key_is_refused_with_the_policy_named_in_cli_and_window(qtbot, home, tmp_path, cli, monkeypatch):
    policy = tmp_path / "managed.toml"
    policy.write_text("retention_days = 30\nmodel_path = \"/opt/it/approved.gguf\"\n")
    monkeypatch.setenv("CONFIDANT_POLICY", str(policy))
    w = open_window(qtbot)
    dlg = w.open_settings()
    assert not dlg.model.button.isEnabled()
    about = w.open_about()
    assert "Managed by your organisation" in about.managed.text() and str(policy) in about.managed.text()
    assert "retention_days" in about.managed.text()
    assert about.managed.isVisible()  # on screen, not only a tooltip
    w.close()
    code, _, err = cli("config", "set", "retention_days", "400")
    assert code == 1 and "managed by your IT policy" in err and str(policy) in err
    code, out, _ = cli("config", "get", "retention_days")
    assert out.strip() == "30"


def test_help_shortcuts_about_and_the_audit_log_as_a_table(qtbot, home):
    w = open_window(qtbot)
    assert not w.windowIcon().isNull()
    from PySide6.QtGui import QGuiApplication

    from app.core.about import APP_ID, notices_path

    assert QGuiApplication.desktopFileName() == APP_ID == "com.example.confidant"  # resources/com.example.confidant.desktop
    menus = [a.text() for a in w.menuBar().actions()]
    assert "&Help" in menus
    table = w.open_shortcuts().table
    keys = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert keys["Lock"] == "Ctrl+L" and keys["Import"] == "Ctrl+I" and keys["Settings"] == "Ctrl+,"
    about = w.open_about()
    text = about.text()
    from app import __version__

    assert f"Confidant {__version__}" in text and "LGPL-3.0" in text and "MIT" in text and "Apache-2.0" in text
    assert str(notices_path()) in text
    assert str(w.session.ctx.paths.vault) in text and "Not managed by an organisation" in text

    privacy = w.open_privacy()
    privacy.show_audit()
    qtbot.waitUntil(lambda: getattr(privacy, "audit_table", None) is not None, timeout=10000)
    table = privacy.audit_table
    assert table.rowCount() >= 1 and table.columnCount() == 3
    cells = [table.item(r, c).text() for r in range(table.rowCount()) for c in range(3)]
    assert not any(c.startswith("{") or "': " in c for c in cells)  # no Python dicts
    assert any("Vault" in c or "Key" in c for c in cells)
    shot(privacy, "05-privacy")


def test_dark_palette_follows_the_scheme(qtbot):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from app.gui import help

    app = QApplication.instance()
    before_palette, before_style = app.palette(), app.style().name()
    try:
        assert help.follow_color_scheme(dark=True)
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
        assert app.palette().color(QPalette.ColorRole.WindowText).lightness() > 180
    finally:
        app.setStyle(before_style)
        app.setPalette(before_palette)


@pytest.mark.model
def test_honest_models_demo_labelled_refusal_never_replaces_the_one_in_use(qtbot, home, tmp_path, smol_model):
    models = home / "models"
    models.mkdir(parents=True, exist_ok=True)
    shutil.copy(smol_model, models / smol_model.name)
    w = open_window(qtbot)
    qtbot.waitUntil(lambda: w.session.engine is not None, timeout=60000)
    # The status bar says, on screen, that this is a demo model and how to get the real one.
    assert "Demo model" in w.model_label.text() and "SmolLM2 135M Instruct" in w.model_label.text()
    qtbot.mouseClick(w.model_label, Qt.MouseButton.LeftButton)  # the way to the real one
    dlg = next(d for d in w.dialogs if d.objectName() == "settingsDialog")
    assert w.open_settings() is dlg  # one Settings window, raised again
    chooser = dlg.model
    assert chooser.info.text().startswith("SmolLM2 135M Instruct · ")  # a friendly name and a size
    assert " MB" in chooser.info.text() and "Smollm2 135M 8k" not in chooser.info.text()
    assert chooser.demo.isVisible() and "for trying the app; answers will be poor" in chooser.demo.text()
    qtbot.waitUntil(lambda: chooser.found.count() == 1, timeout=10000)
    assert "SmolLM2 135M Instruct" in chooser.found.item(0).text() and "demo" in chooser.found.item(0).text()
    assert chooser.models_folder() == str(models)  # the file dialog opens here
    in_use = chooser.info.text()

    broken = tmp_path / "broken-model.gguf"
    broken.write_bytes(b"GGUF" + b"\x00" * 64)
    errors.last_message = None
    chooser.choose(str(broken))
    qtbot.waitUntil(lambda: errors.last_message is not None, timeout=10000)
    assert chooser.info.text() == in_use  # the working model is still what the page shows
    assert "broken-model.gguf" in chooser.problem.text() and chooser.problem.isVisible()
    assert w.session.engine is not None

    # A file never seen before is a question, and No changes nothing.
    other = tmp_path / "SmolLM2-135M-copy.Q4_1.gguf"
    shutil.copy(smol_model, other)
    chooser.choose(str(other))
    qtbot.waitUntil(lambda: chooser.question is not None and chooser.question.isVisible(), timeout=30000)
    box = chooser.question
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    assert "Only trust a model file from your IT department or its publisher" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    assert "not changed" in chooser.problem.text() and chooser.info.text() == in_use
    assert _setting(qtbot, w, "model_path") is None
    shot(dlg, "04-settings-model")

    # A new context size reloads the model with it.
    dlg.context.setCurrentIndex(dlg.context.findData(2048))
    with qtbot.waitSignal(dlg.saved, timeout=10000):
        dlg.save_btn.click()
    qtbot.waitUntil(lambda: w.session.engine is not None and w.session.engine.n_ctx == 2048, timeout=60000)


@pytest.mark.model
def test_a_draft_is_signed_as_you_and_saved_from_your_address(qtbot, home, tmp_path, smol_model, monkeypatch):
    """The "You" settings reach the draft and the .eml; the window's picture for the README."""
    from email import policy as email_policy
    from email.parser import BytesParser

    from tests.support.gui import pick, search, seed
    from tests.support.paths import ROOT

    monkeypatch.setenv("CONFIDANT_MODEL", str(smol_model))
    seed(ROOT / "resources" / "sample" / "sample-crm.csv")
    w = open_window(qtbot)
    dlg = w.open_settings()
    dlg.user_name.setText("Ola Hansen")
    dlg.user_email.setText("ola.hansen@example.com")
    dlg.user_signature.setPlainText("Key account manager, Nordlys Software AS")
    with qtbot.waitSignal(dlg.saved, timeout=10000):
        dlg.save_btn.click()
    dlg.close()
    qtbot.waitUntil(lambda: w.session.engine is not None, timeout=60000)
    search(qtbot, w, "kari")
    pick(qtbot, w, "Kari Nordmann")
    pane = w.assistant
    qtbot.waitUntil(lambda: pane.draft_btn.isEnabled(), timeout=10000)
    pane.quick.setChecked(True)
    pane.extra_options = {"answer_tokens": 250, "seed": 1}
    errors.last_message = None
    pane.draft_btn.click()
    qtbot.waitUntil(lambda: (pane.result is not None and not pane.busy) or bool(errors.last_message), timeout=300000)
    assert errors.last_message is None
    text = pane.result.text
    # Signed as you (drafts.sign adds the name unless the model already wrote it at the end).
    assert text.rstrip().endswith("Key account manager, Nordlys Software AS") and "Ola Hansen" in text
    shot(w, "06-draft-thread")

    eml = tmp_path / "draft.eml"
    pane.write_eml(eml)
    qtbot.waitUntil(lambda: eml.exists(), timeout=10000)
    msg = BytesParser(policy=email_policy.default).parsebytes(eml.read_bytes())
    assert msg["From"] == "Ola Hansen <ola.hansen@example.com>"
    assert msg["To"].addresses[0].addr_spec == "kari.nordmann@fjordlogistikk.example.com"
