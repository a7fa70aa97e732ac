"""The privacy view's last integrity check survives a restart; the daily retention run
keeps working while the app stays open. Real vault in the test's CONFIDANT_HOME."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from app.gui.main_window import MainWindow
from tests.support.gui import _wait_unlock_form

pytestmark = [pytest.mark.gui, pytest.mark.secret_service]


def _open(qtbot, *, before_show=None) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    if before_show:
        before_show(w)
    w.show()
    _wait_unlock_form(qtbot, w)
    if not w.session.is_open:
        with qtbot.waitSignal(w.workspace_shown, timeout=20000):
            qtbot.mouseClick(w.unlock_view.button, Qt.MouseButton.LeftButton)
    return w


def test_last_integrity_check_is_kept_in_the_vault_across_restarts(qtbot, home):
    w = _open(qtbot)
    dlg = w.open_privacy()
    qtbot.waitUntil(lambda: dlg.integrity.text() == "Never checked", timeout=10000)
    qtbot.mouseClick(dlg.check_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.integrity.text().startswith("OK · "), timeout=20000)
    shown = dlg.integrity.text()
    assert dlg.last_integrity["ok"] is True
    assert abs((datetime.fromisoformat(dlg.last_integrity["at"]) - datetime.now().astimezone()).total_seconds()) < 600
    w.close()

    # The next start of the app, with a new session: the view shows the same check on open.
    w2 = MainWindow()
    qtbot.addWidget(w2)
    w2.show()
    qtbot.waitUntil(lambda: w2.session.is_open, timeout=20000)  # keyring: opens by itself
    dlg2 = w2.open_privacy()
    qtbot.waitUntil(lambda: dlg2.integrity.text() == shown, timeout=10000)


def test_retention_runs_at_unlock_and_on_the_daily_timer_while_open(qtbot, home):
    from app.core.vault import conversations

    w = MainWindow()
    qtbot.addWidget(w)
    w.maintenance.setInterval(300)  # a day, shortened for the test
    w.show()
    _wait_unlock_form(qtbot, w)
    with qtbot.waitSignal(w.maintenance_done, timeout=20000) as at_unlock:
        qtbot.mouseClick(w.unlock_view.button, Qt.MouseButton.LeftButton)
    assert at_unlock.args[0]["conversations"] == 0 and w.maintenance.isActive()

    def seed(ctx, task):
        with ctx.vault.transaction() as c:
            old = conversations.create(c, "ask", title="Gamle spørsmål om Ålesund")
            c.execute("UPDATE conversations SET created_at = ?, updated_at = ? WHERE id = ?",
                      ("2020-01-01T00:00:00+00:00", "2020-01-01T00:00:00+00:00", old))
            conversations.create(c, "ask", title="Fresh one")  # recent: kept

    w.session.run(seed)
    # The app stays open: the timer's next run purges the conversation past retention.
    with qtbot.waitSignal(w.maintenance_done, timeout=20000, check_params_cb=lambda r: r["conversations"] == 1):
        pass
    box = {}
    w.session.run(lambda ctx, task: conversations.count(ctx.vault.conn), success=lambda n: box.setdefault("n", n))
    qtbot.waitUntil(lambda: "n" in box, timeout=10000)
    assert box["n"] == 1
    w.lock()
    assert not w.maintenance.isActive()  # nothing runs against a locked vault
