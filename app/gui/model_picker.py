"""Choosing the model file: one widget, used by the first-run flow and the privacy view.

:class:`ModelChooser` shows the model in use by a friendly name and size (a demo model
says so: "for trying the app; answers will be poor"), its SHA-256 and trust state, the
models found in the models folders, and offers "Choose model file…" (a file dialog that
opens in the models folder) and dropping a ``.gguf`` on it. The file is checked on the
store thread (GGUF header, SHA-256, IT policy's allowed hashes); a file the vault has
never seen is a question that says what trusting it means, and only a usable, trusted
file becomes the ``model_path`` setting, the model then reloading in the background. A
broken or refused file shows the core's one-line reason beside the model in use, which
it never replaces, and changes no setting. When IT policy manages ``model_path`` the
chooser is shown locked.

:class:`ModelDialog` is the first-run step shown when no usable model was found.
Widgets run on the GUI thread.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import AppError
from app.gui import operations
from app.gui.errors import for_window, show_error
from app.gui.session import Session


def found_models(ctx) -> list:
    """The model files in the models folders (headers only, no hashing). Store thread."""
    from app.core.llm.models import discover

    return discover(ctx.paths, ctx.policy)


_QUANT = re.compile(r"[.\-_](?:i?q\d[\w]*|f16|f32|bf16)$", re.IGNORECASE)


def friendly_name(mf) -> str:
    """A person's name for a model file: "SmolLM2 135M Instruct", "DeepSeek R1 Distill Qwen 7B".

    From the file name (which people choose to be readable), without the quantisation
    suffix; the GGUF's own ``general.name`` is often a training run's id."""
    stem = Path(str(mf.path)).name
    stem = stem[:-5] if stem.lower().endswith(".gguf") else stem
    stem = _QUANT.sub("", stem)
    words = [w for w in re.split(r"[-_ ]+|(?<!\d)\.|\.(?!\d)", stem) if w]
    return " ".join(words) or str(getattr(mf, "name", "") or "?")


def size_text(size_bytes: int | None) -> str:
    if not size_bytes:
        return "?"
    gb = size_bytes / 1e9
    return f"{gb:.1f} GB" if gb >= 0.95 else f"{max(1, round(size_bytes / 1e6))} MB"


def is_demo(mf) -> bool:
    """A model too small to write useful drafts (under a billion parameters): for trying the app."""
    params = getattr(mf, "parameters", None)
    if params:
        return params < 1_000_000_000
    return bool(getattr(mf, "size_bytes", 0)) and mf.size_bytes < 500_000_000


def gguf_paths(mime) -> list[str]:
    """The local ``.gguf`` files in a drag's mime data."""
    if not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile().lower().endswith(".gguf")]


class ModelChooser(QWidget):
    """The model line: what is in use, the models found, and how to choose another.

    ``info`` always describes the model in use (or the configured one): a refused file
    never replaces it there; the refusal is shown in ``problem`` instead."""

    chosen = Signal(object)  # the ModelFile that became the model
    refused = Signal(str)  # why a file was not used
    listed = Signal()  # the found models are on screen

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.last = None  # the last ModelFile checked here
        self.question: QMessageBox | None = None
        self.setObjectName("modelChooser")
        self.setAcceptDrops(True)
        self.info = QLabel()
        self.info.setObjectName("modelInfo")
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.demo = QLabel()
        self.demo.setObjectName("modelDemo")
        self.demo.setWordWrap(True)
        self.demo.setStyleSheet("color: #8a4b00;")
        self.problem = QLabel()
        self.problem.setObjectName("modelProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.button = QPushButton(self.tr("Choose model &file…"))
        self.button.setObjectName("chooseModel")
        self.button.setAccessibleName(self.tr("Choose model file"))
        self.button.clicked.connect(self.pick)
        self.found = QListWidget()
        self.found.setObjectName("foundModels")
        self.found.setAccessibleName(self.tr("Models found on this computer"))
        self.found.setMaximumHeight(96)
        # Long names and folders end in "…" with the full text as tooltip, never a scrollbar.
        self.found.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.found.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.found.setWordWrap(False)
        self.found.itemActivated.connect(self._use_found)
        self.use_btn = QPushButton(self.tr("&Use the selected model"))
        self.use_btn.setObjectName("useFoundModel")
        self.use_btn.clicked.connect(lambda: self._use_found(self.found.currentItem()))
        top = QHBoxLayout()
        top.addWidget(self.info, 1)
        top.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.demo)
        lay.addWidget(self.problem)
        lay.addWidget(QLabel(self.tr("Models found in the models folders:")))
        lay.addWidget(self.found)
        lay.addWidget(self.use_btn, 0, Qt.AlignmentFlag.AlignRight)
        self.problem.hide()
        ctx = session.ctx
        self.managed = bool(ctx and ctx.settings.is_managed("model_path"))
        if self.managed:
            tip = self.tr("Managed by your IT policy (%1)").replace("%1", str(ctx.policy.source))
            for b in (self.button, self.use_btn, self.found):
                b.setEnabled(False)
                b.setToolTip(tip)
        self.show_file(session.model_file)
        session.model_ready.connect(self._engine_ready)
        self.refresh_found()

    def _engine_ready(self, _engine) -> None:
        self.show_file(self.session.model_file)

    def describe(self, mf) -> str:
        """Two lines a salesperson can read: friendly name, size and trust; the fingerprint
        shortened (the full SHA-256 is the tooltip, and selectable in the CLI's `models`)."""
        trust = self.tr("trusted") if mf.trusted else self.tr("not trusted")
        sha = f"{mf.sha256[:16]}…" if mf.sha256 else "?"
        return f"{friendly_name(mf)} · {size_text(mf.size_bytes)} · {trust}\nSHA-256 {sha}"

    def show_file(self, mf) -> None:
        """Show the model in use (``mf``; None: nothing loaded yet)."""
        if mf is None:
            if self.managed:
                path = self.session.ctx.settings.get("model_path") if self.session.ctx else ""
                self.info.setText(self.tr("Set by your IT policy: %1").replace("%1", path or "?"))
            else:
                self.info.setText(self.tr("No model in use yet"))
            self.info.setToolTip("")
            self.demo.hide()
            return
        self.info.setText(self.describe(mf))
        self.info.setToolTip(f"{mf.path}\nSHA-256 {mf.sha256 or '?'}")
        demo = is_demo(mf)
        self.demo.setVisible(demo)
        if demo:
            self.demo.setText(self.tr(
                "This is a demo model: for trying the app; answers will be poor. Choose a DeepSeek-R1 "
                "distill (see the models folder's README) for real drafts."))

    def show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    # ---- the models found ---------------------------------------------------------------

    def refresh_found(self) -> None:
        if self.session.ctx is None:
            return
        self.session.run(lambda ctx, task: found_models(ctx), success=self._show_found,
                         failure=lambda exc: show_error(self, exc))

    def _show_found(self, models: list) -> None:
        from shiboken6 import isValid

        if not isValid(self.found):  # the dialog was closed before the list came back
            return
        self.found.clear()
        for mf in models:
            text = f"{friendly_name(mf)} · {size_text(mf.size_bytes)}"
            if is_demo(mf):
                text += " · " + self.tr("demo")
            if mf.problem:
                text += " · " + self.tr("cannot be used")
            item = QListWidgetItem(text)
            item.setToolTip(for_window(mf.problem) if mf.problem else str(mf.path))
            item.setData(Qt.ItemDataRole.UserRole, str(mf.path))
            self.found.addItem(item)
        if not models:
            folder = str(self.session.ctx.paths.models) if self.session.ctx else ""
            item = QListWidgetItem(self.tr("None yet: put a .gguf file in %1, or choose one.").replace("%1", folder))
            item.setToolTip(item.text())
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.found.addItem(item)
        self.use_btn.setEnabled(bool(models) and not self.managed)
        self.listed.emit()

    def _use_found(self, item) -> None:
        path = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if path:
            self.choose(path)

    # ---- choosing -----------------------------------------------------------------------

    def models_folder(self) -> str:
        ctx = self.session.ctx
        if ctx is None:
            return ""
        folder = Path(ctx.paths.models)
        try:
            folder.mkdir(parents=True, exist_ok=True)  # where the README says to put models
        except OSError:
            return str(folder.parent)
        return str(folder)

    def pick(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a model file"), self.models_folder(),
                                              self.tr("GGUF models (*.gguf)"))
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
        """Check ``path`` on the store thread; ask before trusting a new file; only a usable,
        trusted file becomes the model. A refusal leaves the model in use as it was."""
        if self.managed:
            self._refuse(self.tr("The model is managed by your IT policy; it cannot be changed here."))
            return
        self.button.setEnabled(False)
        self.show_problem(self.tr("Checking %1 (its fingerprint takes a moment for a large file)…").replace("%1", Path(path).name))
        self.session.run(lambda ctx, task: operations.preview_model_file(ctx, path), success=lambda r: self._previewed(path, r),
                         failure=self._check_failed)

    def _check_failed(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self.show_problem("")
        show_error(self, exc)

    def _previewed(self, path: str, result) -> None:
        mf, new = result
        self.last = mf
        if mf.problem or not mf.trusted:
            self.button.setEnabled(True)
            self._refuse(mf.problem or self.tr("%1 is not trusted; it was not chosen.").replace("%1", Path(path).name))
            return
        if not new:
            self._apply(path)
            return
        box = self.question = QMessageBox(QMessageBox.Icon.Question, self.tr("Trust this model file?"), self.trust_text(mf),
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("trustQuestion")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Trust and use it"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Do not use it"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: self._trust_answered(path, box.standardButton(box.clickedButton())))
        box.open()

    def trust_text(self, mf) -> str:
        return self.tr(
            "%1 (%2) is new to Confidant.\n\nTrusting it means: Confidant records its fingerprint "
            "(SHA-256 %3) in your vault, runs it on this computer with your notes, and refuses the file "
            "if it ever changes. Only trust a model file from your IT department or its publisher.\n\n"
            "Trust this file and use it?"
        ).replace("%1", friendly_name(mf)).replace("%2", size_text(mf.size_bytes)).replace("%3", (mf.sha256 or "?")[:16] + "…")

    def _trust_answered(self, path: str, answer) -> None:
        self.question = None
        if answer != QMessageBox.StandardButton.Yes:
            self.button.setEnabled(True)
            self.show_problem(self.tr("Not trusted; the model in use was not changed."))
            return
        self._apply(path)

    def _apply(self, path: str) -> None:
        self.session.run(lambda ctx, task: operations.check_model_file(ctx, path), success=self._checked,
                         failure=self._check_failed)

    def _checked(self, result) -> None:
        mf, applied = result
        self.last = mf
        self.button.setEnabled(not self.managed)
        if not applied:
            self._refuse(mf.problem or self.tr("%1 is not trusted; it was not chosen.").replace("%1", Path(str(mf.path)).name))
            return
        self.show_problem("")
        self.show_file(mf)
        self.chosen.emit(mf)
        self.session.reload_model()
        self.refresh_found()

    def _refuse(self, message: str) -> None:
        message = for_window(message)  # the core's reason in the window's words and language
        self.show_problem(message)
        self.show_file(self.session.model_file)  # the model in use, unchanged
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
        self.reason = QLabel(self.reason_text(session, reason))
        self.reason.setObjectName("modelMissingReason")
        self.reason.setWordWrap(True)
        self.chooser = ModelChooser(session, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.chooser.chosen.connect(lambda _mf: self.reason.setText(self.tr("The model is loading in the background.")))
        lay = QVBoxLayout(self)
        for w in (intro, self.reason, self.chooser, buttons):
            lay.addWidget(w)

    def reason_text(self, session: Session, reason: str) -> str:
        """The core's reason in the window's words: no environment variables or commands."""
        if reason.startswith("No usable model file"):
            folder = str(session.ctx.paths.models) if session.ctx else ""
            return self.tr("No usable model file was found in the models folder (%1). Choose one below, "
                           "or drop it on this window.").replace("%1", folder)
        return reason

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.chooser.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.chooser.dropEvent(event)
