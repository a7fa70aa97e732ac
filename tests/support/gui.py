"""Driving the real window in tests: open and unlock it, import through the wizard, search and
pick in the navigator, read settings back, render screenshots. Shared by the GUI tests (and the
audit-anchor test that drives the window); moved here from the test modules that defined them."""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.gui.main_window import MainWindow
from tests.support.paths import ROOT, VENDORS

V = VENDORS  # the name the wizard tests use


# ---- from test_gui_app: the window unlocked through its own form ----


def _window(qtbot) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    return w


def _wait_unlock_form(qtbot, w: MainWindow) -> None:
    qtbot.waitUntil(lambda: w.unlock_view.state is not None and w.unlock_view.button.isEnabled(), timeout=15000)


def open_unlocked(qtbot, *, sample: bool = False) -> MainWindow:
    """A shown window, unlocked through its own form (first run: vault created), with the
    bundled sample data chosen when ``sample``. Returns once the workspace is on screen."""
    w = _window(qtbot)
    _wait_unlock_form(qtbot, w)
    if sample:
        w.unlock_view.sample.setChecked(True)
    with qtbot.waitSignal(w.workspace_shown, timeout=20000):
        qtbot.mouseClick(w.unlock_view.button, Qt.MouseButton.LeftButton)
    return w


def _nav_texts(w: MainWindow) -> list[str]:
    return [w.navigator.list.item(i).text() for i in range(w.navigator.list.count())]


def _import_sample_through_wizard(qtbot, w: MainWindow):
    qtbot.waitUntil(lambda: any(d.objectName() == "importWizard" for d in w.dialogs), timeout=10000)
    wiz = next(d for d in w.dialogs if d.objectName() == "importWizard")
    qtbot.waitUntil(lambda: wiz.import_btn.isEnabled(), timeout=10000)
    assert "CSV" in wiz.file_list.item(0).text()
    assert wiz.preview.rowCount() >= 2  # the mapping row plus preview rows
    qtbot.mouseClick(wiz.import_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wiz.report is not None, timeout=30000)
    return wiz


# ---- from test_gui_first_hour: seeded vaults, a window that unlocks by itself, screenshots ----


SHOTS = ROOT / "docs" / "screenshots"


NORDIC = [  # fictional people; the surnames are the point
    ("Ingrid", "Ødegård"), ("Ola", "Ødegård"), ("Siri", "Ødegård"), ("Åse", "Ærø"), ("Ærlig", "Åsen"),
    ("Jürgen", "Müller"), ("Björn", "Ängström"), ("Özlem", "Öztürk"), ("Ünal", "Üstün"), ("Lars", "Østby"),
]


def shot(widget, name: str) -> Path:
    """Render ``widget`` to NAME.png: into docs/screenshots/ when CONFIDANT_UPDATE_SCREENSHOTS=1
    (refreshing the set on purpose), else into a scratch folder (the render is still checked)."""
    folder = SHOTS if os.environ.get("CONFIDANT_UPDATE_SCREENSHOTS") == "1" else Path(tempfile.gettempdir()) / "confidant-shots"
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)  # the app sets umask 077 in-process; these files are for people to read
    path = folder / f"{name}.png"
    QApplication.processEvents()  # pending layout requests first, as a person would see it
    image = widget.grab().toImage()
    assert image.width() > 100 and image.height() > 100
    assert image.save(str(path))
    path.chmod(0o644)
    assert path.stat().st_size > 1000
    return path


def write_export(path: Path, people: list[tuple[str, str]], notes_for: int = 3) -> Path:
    """A generic CRM contact export with notes for the first ``notes_for`` people."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["First Name", "Last Name", "Email", "Company", "Job Title", "Phone", "Date", "Note Title", "Note"])
        for i, (first, last) in enumerate(people):
            note = (f"2025-03-{(i % 27) + 1:02d}", f"Call {i}", f"Talked about the pilot with {first}; send prices.") \
                if i < notes_for else ("", "", "")
            w.writerow([first, last, f"p{i}@example.com", f"Firma {i % 40} AS", "Innkjøpssjef", f"+47 400 {i:05d}", *note])
    return path


def seed(path_csv: Path) -> None:
    """Create the vault (key in the keyring, as a first run would) and import ``path_csv``."""
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from app.core.crm.importer import import_files

    ctx = open_context(passphrase_provider)
    try:
        report = import_files(ctx.vault, [path_csv])
        assert report.ok, report.totals()
    finally:
        ctx.close()


def seed_files(paths: list[Path]) -> None:
    """Create the vault (key in the keyring) and import these export files, as the CLI would."""
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from app.core.crm.importer import import_files

    ctx = open_context(passphrase_provider)
    try:
        report = import_files(ctx.vault, [str(p) for p in paths])
        assert report.ok, report.totals()
    finally:
        ctx.close()


def open_window(qtbot, size=(1280, 780)) -> MainWindow:
    """A shown window that unlocks by itself (key in the keyring)."""
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(*size)
    with qtbot.waitSignal(w.workspace_shown, timeout=30000):
        w.show()
    return w


def nav_texts(w: MainWindow) -> list[str]:
    return [w.navigator.list.item(i).text() for i in range(w.navigator.list.count())]


def search(qtbot, w: MainWindow, text: str) -> None:
    """Type ``text`` and wait for its own results (not an earlier search's)."""
    nav = w.navigator
    nav.search.setText(text)
    qtbot.waitUntil(lambda: not nav.timer.isActive() and nav.query == (text.strip() or None)
                    and nav.task is not None and nav.task.done, timeout=10000)


def pick(qtbot, w: MainWindow, text: str) -> None:
    row = next(i for i, t in enumerate(nav_texts(w)) if text in t)
    with qtbot.waitSignal(w.timeline.loaded, timeout=10000):
        w.navigator.list.setCurrentRow(row)


# ---- from test_gui_model_pick: settings as stored, the model dialog ----


def _setting(qtbot, w: MainWindow, key: str):
    from app.core.vault import settings_store

    box = {}
    w.session.run(lambda ctx, task: settings_store.get_all(ctx.vault.conn), success=lambda v: box.setdefault("v", v))
    qtbot.waitUntil(lambda: "v" in box, timeout=10000)
    return box["v"].get(key)


@pytest.mark.model
def model_dialog(qtbot, w):
    """The model dialog a window opens by itself (no usable model, or one IT's policy refuses)."""
    qtbot.waitUntil(lambda: any(d.objectName() == "modelDialog" for d in w.dialogs), timeout=20000)
    return next(d for d in w.dialogs if d.objectName() == "modelDialog")


# ---- from test_import_wizard_mapping: the wizard's steps ----


def _ready(qtbot, wiz, name: str | None = None):
    qtbot.waitUntil(lambda: wiz.pending == 0 and bool(wiz.detections), timeout=10000)
    if name is not None:
        qtbot.waitUntil(lambda: any(Path(p).name == name for p in wiz.detections), timeout=10000)


def _import(qtbot, wiz):
    assert wiz.import_btn.isEnabled()
    qtbot.mouseClick(wiz.import_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wiz.report is not None, timeout=30000)


def _query(w, sql: str, *args):
    ctx = w.session.ctx
    return w.session.executors.store.call(lambda: ctx.vault.conn.execute(sql, args).fetchall(), timeout=10)



def on_store(qtbot, w: MainWindow, fn):
    """``fn(ctx)`` run on the window's store thread (the one that owns the vault), its value returned."""
    box = {}
    w.session.run(lambda ctx, task: fn(ctx), success=lambda v: box.setdefault("v", v))
    qtbot.waitUntil(lambda: "v" in box, timeout=10000)
    return box["v"]


def ready_quick_draft(qtbot, w: MainWindow, name: str = "Kari Nordmann", answer_tokens: int = 24):
    """Open contact ``name`` and set the pane for a short quick draft; returns the pane (click Draft next)."""
    qtbot.waitUntil(lambda: any(name in t for t in _nav_texts(w)), timeout=10000)
    w.navigator.list.setCurrentRow(next(i for i, t in enumerate(_nav_texts(w)) if name in t))
    pane = w.assistant
    qtbot.waitUntil(lambda: pane.draft_btn.isEnabled(), timeout=10000)
    pane.quick.setChecked(True)
    pane.extra_options = {"answer_tokens": answer_tokens}
    return pane
