"""The main window: the unlock screen, then accounts/contacts, notes and the assistant.

Guarantees (all on the GUI thread; the work itself runs through :class:`Session`):

- The window shows before the vault is opened and before the model loads; both happen on
  worker threads, and the model starts loading only once the workspace is on screen.
- Lock (Ctrl+L, or after ``auto_lock_minutes`` without keyboard or mouse input; policy can
  fix the minutes) discards running tasks, closes the vault on the store thread (the key
  bytes are wiped), drops the model's prompt cache with the engine, closes every dialog
  and clears every view before the unlock screen shows.
- Closing the window stops a running generation or import (cancel events) and waits for
  the store thread, so nothing committed is lost and nothing half-done is saved.
- Retention maintenance runs on the store thread at unlock and then daily while open.
- When no usable model is found, or a ``.gguf`` is dropped on the window, the model
  picker (:mod:`app.gui.model_picker`) opens.
- Forgetting a contact from its card removes it from every list and from the assistant.
- Help (:mod:`app.gui.help`): keyboard shortcuts (F1) and About; the window has the app's
  icon and desktop file name.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QSplitter, QStackedWidget, QWidget

from app.core import logs
from app.core.model import Note, SubjectRef
from app.core.privacy import netguard
from app.gui import help, operations
from app.gui.assistant_pane import AssistantPane
from app.gui.brief_builder import BriefBuilder
from app.gui.navigator import Navigator
from app.gui.timeline import Timeline
from app.gui.errors import for_window, show_error
from app.gui.safe_text import clear_copied
from app.gui.session import Session
from app.gui.unlock import UnlockView

_INPUT_EVENTS = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class ClickableLabel(QLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        self.clicked.emit()


class IdleWatcher(QObject):
    """Emits ``idle`` after ``minutes`` without user input anywhere in the app (0: never)."""

    idle = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.minutes = 0
        QApplication.instance().installEventFilter(self)

    def start(self, minutes: float) -> None:
        self.minutes = minutes
        self.poke()

    def stop(self) -> None:
        self.timer.stop()
        self.minutes = 0

    def poke(self) -> None:
        if self.minutes > 0:
            self.timer.start(int(self.minutes * 60_000))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if self.minutes > 0 and event.type() in _INPUT_EVENTS:
            self.poke()
        return False


# Retention and an interrupted erasure's scrub run at unlock and then once a day while open.
MAINTENANCE_INTERVAL_MS = 24 * 60 * 60 * 1000


class MainWindow(QMainWindow):
    workspace_shown = Signal()
    maintenance_done = Signal(object)  # run_due_maintenance's result dict (counts only)

    def __init__(self, session: Session | None = None):
        super().__init__()
        self.session = session or Session()
        self.setWindowTitle("Confidant")
        self.setObjectName("mainWindow")
        help.apply_identity(self)
        help.follow_color_scheme()
        help.watch_color_scheme()
        self.resize(1280, 780)
        self.dialogs: list[QWidget] = []

        self.unlock_view = UnlockView(self.session)
        self.navigator = Navigator(self.session)
        self.timeline = Timeline(self.session)
        self.assistant = AssistantPane(self.session)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("workspace")
        split.addWidget(self.navigator)
        split.addWidget(self.timeline)
        split.addWidget(self.assistant)
        split.setSizes([280, 460, 540])
        self.workspace = split
        self.stack = QStackedWidget()
        self.stack.addWidget(self.unlock_view)
        self.stack.addWidget(self.workspace)
        self.setCentralWidget(self.stack)

        self.guard_label = QLabel()
        self.guard_label.setObjectName("guardStatus")
        self.model_label = ClickableLabel()
        self.model_label.setObjectName("modelStatus")
        self.model_label.clicked.connect(lambda: self.open_settings() if self.session.is_open else None)
        # Unlocked with a passphrase taken from the environment (scripts): said, not hidden.
        self.key_label = QLabel()
        self.key_label.setObjectName("keyFromEnvironment")
        self.key_label.setStyleSheet("color: #8a4b00;")
        self.key_label.setVisible(False)
        for w in (self.key_label, self.model_label, self.guard_label):
            self.statusBar().addPermanentWidget(w)
        self.brief_builder = BriefBuilder(self.session, self.timeline.brief.opened, self)  # briefs built while idle
        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self.auto_lock)
        self.maintenance = QTimer(self)
        self.maintenance.setObjectName("maintenanceTimer")
        self.maintenance.setInterval(MAINTENANCE_INTERVAL_MS)
        self.maintenance.timeout.connect(self.run_maintenance)

        self._actions()
        self.unlock_view.opened.connect(self._unlocked)
        self.navigator.selected.connect(self._selected)
        # One click opens a person everywhere (card, timeline, assistant), as in the navigator.
        self.timeline.people.itemClicked.connect(lambda item: self._selected(item.data(Qt.ItemDataRole.UserRole)))
        self.timeline.people.itemActivated.connect(lambda item: self._selected(item.data(Qt.ItemDataRole.UserRole)))
        self.timeline.forgotten.connect(self._forgotten)
        self.assistant.citation_activated.connect(self.timeline.select_note)
        # The card of a reopened conversation (the pane names its subject by kind and id).
        self.assistant.subject_reopened.connect(lambda t: self.timeline.show_subject(SubjectRef(t["kind"], t["id"])))
        self.session.model_ready.connect(self._model_ready)
        self.session.model_failed.connect(self._model_failed)
        self.session.notice.connect(lambda line: self.statusBar().showMessage(for_window(line), 15000))
        self.session.model_missing.connect(self.open_model_picker)
        self.session.failed.connect(lambda exc: show_error(self, exc))  # the one default error display
        # Each view refreshes itself from what an operation changed (the navigator, the timeline,
        # History); the assistant pane is told here.
        self.session.data_changed.connect(self.assistant.data_changed)
        self.setAcceptDrops(True)  # a .gguf dropped on the window is offered as the model
        self._show_guard()
        self.stack.setCurrentWidget(self.unlock_view)

    def _actions(self) -> None:
        def act(text: str, shortcut: str | None, slot, name: str, *, locked_ok: bool = False) -> QAction:
            a = QAction(text, self)
            a.setObjectName(name)
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
            a.triggered.connect(slot)
            a.setProperty("needs_vault", not locked_ok)
            self.addAction(a)
            return a

        self.import_action = act(self.tr("&Import…"), "Ctrl+I", self.open_import, "importAction")
        self.lock_action = act(self.tr("&Lock"), "Ctrl+L", self.lock, "lockAction")
        # Ctrl+L locks from any Confidant window, dialogs included.
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_action = act(self.tr("&Quit"), "Ctrl+Q", self.close, "quitAction", locked_ok=True)
        self.history_action = act(self.tr("&History…"), "Ctrl+H", self.open_history, "historyAction")
        self.settings_action = act(self.tr("&Settings…"), "Ctrl+,", self.open_settings, "settingsAction")
        self.privacy_action = act(self.tr("&Privacy…"), "Ctrl+Shift+P", self.open_privacy, "privacyAction")
        self.search_action = act(self.tr("&Find"), "Ctrl+F", lambda: self.navigator.search.setFocus(), "findAction")
        self.shortcuts_action = act(self.tr("&Keyboard shortcuts"), "F1", self.open_shortcuts, "shortcutsAction", locked_ok=True)
        self.about_action = act(self.tr("&About Confidant"), None, self.open_about, "aboutAction", locked_ok=True)
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for a in (self.import_action, self.lock_action, self.quit_action):
            file_menu.addAction(a)
        view = self.menuBar().addMenu(self.tr("&View"))
        for a in (self.search_action, self.history_action, self.settings_action, self.privacy_action):
            view.addAction(a)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        for a in (self.shortcuts_action, self.about_action):
            help_menu.addAction(a)
        self._set_vault_actions(False)

    def _set_vault_actions(self, enabled: bool) -> None:
        for a in self.actions():
            if a.property("needs_vault"):
                a.setEnabled(enabled)

    # ---- showing ------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self.session.is_open and self.unlock_view.state is None:
            self.unlock_view.start(auto=True)

    def _show_guard(self) -> None:
        st = netguard.status()
        if st["active"]:
            self.guard_label.setText(self.tr("Offline: network guard on (%1 blocked)").replace("%1", str(st["blocked_attempts"])))
        else:
            self.guard_label.setText(self.tr("Network guard OFF"))

    def _unlocked(self, want_sample: bool) -> None:
        ctx = self.session.ctx
        self.stack.setCurrentWidget(self.workspace)
        self._set_vault_actions(True)
        self.navigator.refresh()
        self.navigator.search.setFocus()
        self.idle.start(float(ctx.settings.get("auto_lock_minutes") or 0))
        self.model_label.setText(self.tr("Loading the model…"))
        if getattr(self.session, "passphrase_from_environment", False):
            self.key_label.setText(self.tr("⚠ Unlocked with a passphrase from the environment"))
            self.key_label.setToolTip(self.tr("The passphrase was read from an environment variable set for scripts; "
                                              "anyone who can read this program's environment can read it too."))
            self.key_label.setVisible(True)
        self.workspace_shown.emit()
        self.run_maintenance()
        self.maintenance.start()
        # After this paint: the window is on screen before the model starts loading.
        QTimer.singleShot(0, self.session.load_model)
        if want_sample:
            self.import_sample()
        logs.event("gui.unlocked", created=ctx.created)

    def run_maintenance(self) -> None:
        """Apply retention (and finish an interrupted erasure) on the store thread."""
        if not self.session.is_open:
            return
        self.session.run(lambda ctx, task: operations.maintain(ctx), success=self.maintenance_done.emit,
                         failure=lambda exc: show_error(self, exc))

    def _model_ready(self, engine) -> None:
        from app.gui.model_picker import friendly_name, is_demo, size_text

        mf = self.session.model_file
        if mf is not None:
            text = f"{friendly_name(mf)} · {size_text(mf.size_bytes)}"
            if is_demo(mf):
                # Said on screen, not only in a tooltip; clicking it opens Settings.
                text = self.tr("Demo model (answers will be poor): %1 · choose the real one…").replace("%1", text)
        else:
            text = getattr(engine, "model_name", "") or self.tr("Model ready")
        self.model_label.setText(text)
        from app.gui.settings_view import gpu_line

        self.model_label.setToolTip(gpu_line(engine))
        door = getattr(getattr(engine, "remote", engine), "door", None)  # the company server
        if door is not None and (engine.describe() or {}).get("backend") == "server":
            self.model_label.setText(self.tr("Answers from %1 (company server)").replace("%1", door.host))
            self.model_label.setToolTip(self.tr("Set by your IT policy: %1, model %2").replace("%1", door.url).replace("%2", door.model))
        self.assistant.engine_changed()

    def _model_failed(self, message: str) -> None:
        self.model_label.setText(self.tr("No model"))
        self.model_label.setToolTip(message)
        self.statusBar().showMessage(message, 15000)
        self.assistant.engine_changed()

    def _selected(self, item) -> None:
        """A navigator entry was chosen: a Subject opens everywhere; a Note opens its subject's
        timeline at that note."""
        if item is None:
            return
        if isinstance(item, Note):
            ref = (SubjectRef("contact", item.contact_id) if item.contact_id is not None
                   else SubjectRef("account", item.account_id))
            note_id = item.id
            self.timeline.loaded.connect(lambda: self._select_after_load(note_id), Qt.ConnectionType.SingleShotConnection)
            self.timeline.show_subject(ref)
            self.assistant.set_target(None)
            return
        self.timeline.show_subject(item)
        self.assistant.set_target(item)

    def _forgotten(self, contact_id: int) -> None:
        """A contact was forgotten: the views refresh themselves from the operation's changes
        (it leaves every list); here it can no longer be drafted to, and the user is told."""
        self.timeline.clear()
        self.assistant.set_target(None)
        self.statusBar().showMessage(self.tr("The contact was forgotten."), 10000)

    def _select_after_load(self, note_id: int) -> None:
        self.timeline.select_note(note_id)

    # ---- dialogs ------------------------------------------------------------------------

    def _track(self, dialog: QWidget) -> QWidget:
        self.dialogs = [d for d in self.dialogs if d.isVisible()] + [dialog]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: self.dialogs.remove(dialog) if dialog in self.dialogs else None)
        dialog.show()
        return dialog

    def open_import(self, files: list[str] | None = None):
        from app.gui.import_wizard import ImportWizard

        # The import's report says what it changed; the session emits that for every view.
        return self._track(ImportWizard(self.session, self, files=files or None))

    def import_sample(self) -> None:
        from app.gui.sample import sample_files

        self.open_import([str(p) for p in sample_files()])

    def open_model_picker(self, reason: str = ""):
        """The first-run step for a missing model (also opened by dropping a .gguf)."""
        from app.gui.model_picker import ModelDialog

        for d in self.dialogs:
            if d.objectName() == "modelDialog" and d.isVisible():
                if reason:
                    d.reason.setText(reason)
                return d
        return self._track(ModelDialog(self.session, reason, self))

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        from app.gui.model_picker import gguf_paths

        if self.session.is_open and gguf_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        from app.gui.model_picker import gguf_paths

        paths = gguf_paths(event.mimeData())
        if self.session.is_open and paths:
            event.acceptProposedAction()
            self.open_model_picker().chooser.choose(paths[0])

    def open_history(self):
        from app.gui.history import HistoryDialog

        dlg = HistoryDialog(self.session, self)
        dlg.reopened.connect(self._reopen)
        return self._track(dlg)

    def _reopen(self, conv: dict) -> None:
        self.assistant.show_conversation(conv)

    def open_privacy(self):
        from app.gui.privacy_view import PrivacyDialog

        dlg = PrivacyDialog(self.session, self)
        dlg.settings_changed.connect(self._settings_changed)
        dlg.contact_forgotten.connect(self._forgotten)
        return self._track(dlg)

    def open_settings(self):
        from app.gui.settings_view import SettingsDialog

        for d in self.dialogs:
            if d.objectName() == "settingsDialog" and d.isVisible():
                d.raise_()
                return d
        dlg = SettingsDialog(self.session, self)
        dlg.saved.connect(lambda _changed: self._settings_changed())
        return self._track(dlg)

    def open_shortcuts(self):
        return self._track(help.ShortcutsDialog(self))

    def open_about(self):
        return self._track(help.AboutDialog(self.session, self))

    def _settings_changed(self) -> None:
        if self.session.ctx is not None:
            self.idle.start(float(self.session.ctx.settings.get("auto_lock_minutes") or 0))

    # ---- lock and close -----------------------------------------------------------------

    def lock(self) -> None:
        if not self.session.is_open:
            return
        for d in list(self.dialogs):
            d.close()
        self.dialogs = []
        self.idle.stop()
        self.maintenance.stop()
        self.navigator.clear()
        self.timeline.clear()
        self.assistant.clear()
        self.key_label.setVisible(False)
        self.model_label.clear()
        clear_copied()
        QApplication.clipboard().clear()  # a copied draft is customer data too
        self.session.lock()
        self._set_vault_actions(False)
        self.stack.setCurrentWidget(self.unlock_view)
        self.unlock_view.start()

    def auto_lock(self) -> None:
        if self.session.is_open:
            self.lock()
            self.statusBar().showMessage(self.tr("Locked after %n idle minute(s).", "", int(self.idle.minutes or 0)), 10000)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Dialogs first: the import wizard sets its task's cancel event when it closes.
        for d in list(self.dialogs):
            d.close()
        self.dialogs = []
        self.idle.stop()
        self.maintenance.stop()
        clear_copied()  # what Confidant copied does not outlive it
        try:
            # Discards every task (cancel events set), closes the vault after the running
            # one returns, and joins the store thread: nothing half-done is committed.
            self.session.shutdown()
        except Exception as exc:  # never keep a closing window open over a failure
            show_error(None, exc)
        super().closeEvent(event)
