"""Closing the window while work runs: a generation and an import.

The work must stop (its cancel event set), the store thread must be joined (the close
returns, nothing is left running), nothing committed before the close may be lost, and
the vault must reopen afterwards with exactly what was committed. Real vault, real model.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.gui.main_window import MainWindow
from app.gui.sample import sample_files
from tests.support.gui import _import_sample_through_wizard, _nav_texts, open_unlocked

pytestmark = [pytest.mark.gui, pytest.mark.secret_service]

HEADER = "First Name,Last Name,Email,Company,Job Title,Phone,Date,Note Title,Note\n"


def _reopened_counts() -> dict:
    """Open the vault again, as the next start of the app would, and count what is there."""
    from app.cli.common import passphrase_provider
    from app.core.context import open_context

    ctx = open_context(passphrase_provider)
    try:
        c = ctx.vault.conn
        return {
            "notes": c.execute("SELECT count(*) FROM notes").fetchone()[0],
            "conversations": c.execute("SELECT count(*) FROM conversations").fetchone()[0],
            "integrity": ctx.vault.integrity()["ok"],
        }
    finally:
        ctx.close()


def _assert_stopped(w: MainWindow, task) -> None:
    assert task.cancel.is_set()
    assert not w.session.executors.store.alive() and not w.session.executors.background.alive()
    assert w.session.ctx is None


@pytest.mark.model
def test_closing_during_a_generation_stops_it_and_keeps_the_vault(qtbot, home, smol_model, monkeypatch):
    monkeypatch.setenv("CONFIDANT_MODEL", str(smol_model))
    w = open_unlocked(qtbot, sample=True)
    _import_sample_through_wizard(qtbot, w).accept()
    qtbot.waitUntil(lambda: w.session.engine is not None, timeout=60000)
    qtbot.waitUntil(lambda: any("Kari Nordmann" in t for t in _nav_texts(w)), timeout=10000)
    w.navigator.list.setCurrentRow(next(i for i, t in enumerate(_nav_texts(w)) if "Kari Nordmann" in t))
    pane = w.assistant
    qtbot.waitUntil(lambda: pane.draft_btn.isEnabled(), timeout=10000)
    pane.quick.setChecked(True)
    qtbot.mouseClick(pane.draft_btn, Qt.MouseButton.LeftButton)
    task = pane.task
    qtbot.waitUntil(lambda: pane.chunks >= 3, timeout=60000)
    assert pane.busy

    w.close()  # returns only once the generation stopped and the store thread is joined
    _assert_stopped(w, task)
    after = _reopened_counts()
    assert after == {"notes": 7, "conversations": 0, "integrity": True}


def test_closing_during_an_import_rolls_back_that_file_and_keeps_the_committed_one(qtbot, home, tmp_path):
    big = tmp_path / "big-export.csv"
    rows = [
        f"Ola{i},Ødegård,ola{i}@havbruk.example.com,Havbruk {i % 40} AS,Daglig leder,,2025-01-{1 + i % 28:02d},"
        f"Call {i},\"Talked about feed contracts for site {i}; wants a follow-up in spring.\"\n"
        for i in range(60000)
    ]
    big.write_text(HEADER + "".join(rows), encoding="utf-8")
    w = open_unlocked(qtbot)
    # The sample first, so that it is imported (and committed) before the big file.
    wiz = w.open_import([str(sample_files()[0])])
    qtbot.waitUntil(lambda: len(wiz.detections) == 1, timeout=20000)
    wiz.add_files([str(big)])
    qtbot.waitUntil(lambda: wiz.import_btn.isEnabled() and len(wiz.detections) == 2, timeout=20000)
    qtbot.mouseClick(wiz.import_btn, Qt.MouseButton.LeftButton)
    task = wiz.task
    # Close in the middle of the big file, after the sample was committed.
    qtbot.waitUntil(lambda: wiz.progress_label.text().startswith(big.name), timeout=60000)
    w.close()
    _assert_stopped(w, task)
    assert wiz.report is None  # the report never arrived: the window was gone
    after = _reopened_counts()
    # The big file was rolled back whole; the sample, committed before, is all there.
    assert after == {"notes": 7, "conversations": 0, "integrity": True}
