"""Choosing the model file: one widget, used by the first-run flow and the privacy view.

:class:`ModelChooser` shows the current or chosen file's name, SHA-256 and trust state,
and offers "Choose model file…" (a file dialog) and dropping a ``.gguf`` on it. The file
is checked on the store thread by :func:`check_model_file` (GGUF header, SHA-256, trust
on first use, IT policy's allowed hashes); only a usable, trusted file becomes the
``model_path`` setting, and the model is then reloaded in the background. A broken or
refused file shows the core's one-line reason and changes no setting. When IT policy
manages ``model_path`` the chooser is shown locked.

:class:`ModelDialog` is the first-run step shown when no usable model was found.
Widgets run on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.errors import AppError
from app.gui.errors import show_error
from app.gui.session import Session


def check_model_file(ctx, path: str):
    """Inspect ``path`` and, when it is usable and trusted, make it the ``model_path`` setting.

    Runs on the store thread. Returns ``(ModelFile, applied)``; never raises for a bad
    file (its ``problem`` says why), and changes no setting unless ``applied``.
    """
    from app.core.llm.models import inspect

    mf = inspect(Path(path), ctx.vault.conn, ctx.policy, record=True)
    applied = False
    if mf.problem is None and mf.trusted and not ctx.settings.is_managed("model_path"):
        ctx.settings.set("model_path", str(mf.path))
        applied = True
    return mf, applied


def gguf_paths(mime) -> list[str]:
    """The local ``.gguf`` files in a drag's mime data."""
    if not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile().lower().endswith(".gguf")]


class ModelChooser(QWidget):
    """The model line: what is in use (or was just checked) and how to choose another."""

    chosen = Signal(object)  # the ModelFile that became the model
    refused = Signal(str)  # why a file was not used

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.last = None  # the last ModelFile checked here
        self.setObjectName("modelChooser")
        self.setAcceptDrops(True)
        self.info = QLabel()
        self.info.setObjectName("modelInfo")
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(self.info.textInteractionFlags() | self.info.textInteractionFlags().TextSelectableByMouse)
        self.button = QPushButton(self.tr("Choose model &file…"))
        self.button.setObjectName("chooseModel")
        self.button.setAccessibleName(self.tr("Choose model file"))
        self.button.clicked.connect(self.pick)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.info, 1)
        row.addWidget(self.button)
        ctx = session.ctx
        self.managed = bool(ctx and ctx.settings.is_managed("model_path"))
        if self.managed:
            self.button.setEnabled(False)
            self.button.setToolTip(self.tr("Managed by your IT policy (%1)").replace("%1", str(ctx.policy.source)))
        self.show_file(session.model_file)

    def show_file(self, mf) -> None:
        if mf is None:
            if self.managed:
                path = self.session.ctx.settings.get("model_path") if self.session.ctx else ""
                self.info.setText(self.tr("Set by your IT policy: %1").replace("%1", path or "?"))
            else:
                self.info.setText(self.tr("Not loaded"))
            return
        trust = self.tr("trusted") if mf.trusted else self.tr("not trusted")
        lines = [mf.name, f"SHA-256 {mf.sha256 or '?'} · {trust}"]
        if mf.problem:
            lines.append(mf.problem)
        self.info.setText("\n".join(lines))

    # ---- choosing -----------------------------------------------------------------------

    def pick(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a model file"), "", self.tr("GGUF models (*.gguf)"))
        if path:
            self.choose(path)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if gguf_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        paths = gguf_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.choose(paths[0])

    def choose(self, path: str) -> None:
        """Check ``path`` on the store thread; only a usable, trusted file becomes the model."""
        if self.managed:
            self._refuse(self.tr("The model is managed by your IT policy; it cannot be changed here."))
            return
        self.button.setEnabled(False)
        self.info.setText(self.tr("Checking %1 (its SHA-256 takes a moment for a large file)…").replace("%1", Path(path).name))
        self.session.run(lambda ctx, task: check_model_file(ctx, path), success=self._checked,
                         failure=lambda exc: (self.button.setEnabled(True), self.show_file(self.last), show_error(self, exc)))

    def _checked(self, result) -> None:
        mf, applied = result
        self.last = mf
        self.button.setEnabled(True)
        self.show_file(mf)
        if not applied:
            self._refuse(mf.problem or self.tr("%1 is not trusted; it was not chosen.").replace("%1", str(mf.path)))
            return
        self.chosen.emit(mf)
        self.session.reload_model()

    def _refuse(self, message: str) -> None:
        self.refused.emit(message)
        show_error(self, AppError(message))


class ModelDialog(QDialog):
    """First run, no usable model found: say so, and let the user pick or drop one."""

    def __init__(self, session: Session, reason: str, parent=None):
        super().__init__(parent)
        self.setObjectName("modelDialog")
        self.setWindowTitle(self.tr("Choose a model"))
        self.setAcceptDrops(True)
        intro = QLabel(self.tr(
            "Confidant needs a model file (GGUF) to write drafts and answer questions. Choose one, or drop "
            "it on this window. Its SHA-256 is recorded, so a changed file is refused later."))
        intro.setWordWrap(True)
        self.reason = QLabel(reason)
        self.reason.setObjectName("modelMissingReason")
        self.reason.setWordWrap(True)
        self.chooser = ModelChooser(session, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.chooser.chosen.connect(lambda _mf: self.reason.setText(self.tr("The model is loading in the background.")))
        lay = QVBoxLayout(self)
        for w in (intro, self.reason, self.chooser, buttons):
            lay.addWidget(w)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.chooser.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.chooser.dropEvent(event)
