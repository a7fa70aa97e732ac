"""Settings: who you are (name, e-mail, signature, used in drafts and as the .eml From:)
and how the model runs (the model file, CPU threads, context size, GPU use).

The same keys as ``confidant config get/set``. A key fixed by IT policy is shown disabled
with the policy's name written beside it (not only in a tooltip). Reads come from the open
context; saving runs on the store thread in one transaction, and a change of threads,
context size or GPU use reloads the model in the background. Runs on the GUI thread.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.gui import operations
from app.gui.errors import show_error
from app.gui.model_picker import ModelChooser
from app.gui.session import Session

CONTEXT_SIZES = (0, 2048, 4096, 8192, 16384, 32768)
RELOAD_KEYS = ("threads", "context_size", "gpu")


def gpu_line(engine) -> str:
    """Whether a GPU was found and how many of the model's layers run on it, in words."""
    if engine is None:
        return QCoreApplication.translate("SettingsDialog", "The model is not loaded yet.")
    d = engine.describe() or {}
    if d.get("backend") == "server":
        return QCoreApplication.translate("SettingsDialog", "Answers come from the company server; this computer's GPU is not used.")
    device, layers, threads = d.get("device"), d.get("gpu_layers"), d.get("threads") or "?"
    if not device:
        return QCoreApplication.translate("SettingsDialog", "No GPU found: the model runs on the CPU (%1 threads).").replace("%1", str(threads))
    if not layers:
        return QCoreApplication.translate("SettingsDialog", "GPU found (%1) but not used: the model runs on the CPU (%2 threads).").replace(
            "%1", str(device)).replace("%2", str(threads))
    if layers == -1:
        return QCoreApplication.translate("SettingsDialog", "GPU: %1, with every layer of the model on it.").replace("%1", str(device))
    return QCoreApplication.translate("SettingsDialog", "GPU: %1, with %2 layers of the model on it.").replace("%1", str(device)).replace(
        "%2", str(layers))


class SettingsDialog(QDialog):
    saved = Signal(dict)  # the keys that changed, with their new values

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        ctx = session.ctx
        settings = ctx.settings
        self.setWindowTitle(self.tr("Settings"))
        self.setObjectName("settingsDialog")
        self.resize(620, 560)

        # ---- you
        self.user_name = QLineEdit(str(settings.get("user_name") or ""))
        self.user_name.setObjectName("userName")
        self.user_name.setPlaceholderText(self.tr("e.g. Ola Nordmann"))
        self.user_email = QLineEdit(str(settings.get("user_email") or ""))
        self.user_email.setObjectName("userEmail")
        self.user_email.setPlaceholderText(self.tr("e.g. ola@example.com"))
        self.user_signature = QPlainTextEdit(str(settings.get("user_signature") or ""))
        self.user_signature.setObjectName("userSignature")
        self.user_signature.setPlaceholderText(self.tr("Lines under your name, e.g. your title and phone number"))
        self.user_signature.setMaximumHeight(90)
        you = QGroupBox(self.tr("You"))
        you_form = QFormLayout(you)
        you_form.addRow(self._label(self.tr("&Name"), self.user_name), self.user_name)
        you_form.addRow(self._label(self.tr("&E-mail address"), self.user_email), self.user_email)
        you_form.addRow(self._label(self.tr("Si&gnature"), self.user_signature), self.user_signature)
        note = QLabel(self.tr("Drafts are signed with your name and signature; saved drafts use your address as From."))
        note.setWordWrap(True)
        you_form.addRow(note)

        # ---- the model and how it runs
        self.model = ModelChooser(session, self)
        self.threads = QSpinBox()
        self.threads.setObjectName("threads")
        self.threads.setRange(0, max(64, os.cpu_count() or 1))
        self.threads.setSpecialValueText(self.tr("Automatic (one per CPU core)"))
        self.threads.setValue(int(settings.get("threads") or 0))
        self.context = QComboBox()
        self.context.setObjectName("contextSize")
        for n in CONTEXT_SIZES:
            self.context.addItem(self.tr("Automatic (fits memory)") if n == 0 else self.tr("%1 tokens").replace("%1", f"{n:,}"), n)
        current = int(settings.get("context_size") or 0)
        if self.context.findData(current) < 0:
            self.context.addItem(self.tr("%1 tokens").replace("%1", f"{current:,}"), current)
        self.context.setCurrentIndex(self.context.findData(current))
        self.gpu = QComboBox()
        self.gpu.setObjectName("gpuLayers")
        self.gpu.addItem(self.tr("Automatic (use a GPU when there is one)"), "auto")
        self.gpu.addItem(self.tr("All layers on the GPU"), "all")
        self.gpu.addItem(self.tr("None: CPU only"), "off")
        gpu = str(settings.get("gpu")).strip().lower()
        gpu = {"": "auto", "none": "off", "cpu": "off"}.get(gpu, gpu)
        if self.gpu.findData(gpu) < 0:
            self.gpu.addItem(self.tr("%1 layers on the GPU").replace("%1", gpu), gpu)
        self.gpu.setCurrentIndex(self.gpu.findData(gpu))
        self.gpu_state = QLabel(gpu_line(session.engine))
        self.gpu_state.setObjectName("gpuState")
        self.gpu_state.setWordWrap(True)
        self.language = QComboBox()
        self.language.setObjectName("languageChoice")
        self.language.addItem(self.tr("Follow the system"), "")
        self.language.addItem("English", "en")
        self.language.addItem("Norsk bokmål", "nb")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get("language") or "")))
        you_form.addRow(self._label(self.tr("&Language (after restart)"), self.language), self.language)
        engine = QGroupBox(self.tr("Model and performance"))
        engine_form = QFormLayout(engine)
        engine_form.addRow(self.tr("Model"), self.model)
        engine_form.addRow(self._label(self.tr("CPU &threads"), self.threads), self.threads)
        engine_form.addRow(self._label(self.tr("&Context size"), self.context), self.context)
        engine_form.addRow(self._label(self.tr("G&PU use"), self.gpu), self.gpu)
        engine_form.addRow(self.tr("In use now"), self.gpu_state)
        engine_form.addRow(QLabel(self.tr("Changes here reload the model in the background.")))

        self.controls: dict[str, QWidget] = {
            "user_name": self.user_name, "user_email": self.user_email, "user_signature": self.user_signature,
            "threads": self.threads, "context_size": self.context, "gpu": self.gpu, "language": self.language,
        }
        self.managed_notes: dict[str, QLabel] = {}
        for key, w in self.controls.items():
            w.setAccessibleName(key.replace("_", " "))
            if settings.is_managed(key):
                w.setEnabled(False)
                text = self.tr("Managed by your organisation (%1)").replace("%1", str(ctx.policy.source))
                w.setToolTip(text)
                self.managed_notes[key] = QLabel(text)

        self.save_btn = QPushButton(self.tr("&Save"))
        self.save_btn.setObjectName("saveSettings")
        self.save_btn.setDefault(True)
        self.save_btn.clicked.connect(self.save)
        close = QPushButton(self.tr("Close"))
        close.setObjectName("closeSettings")
        close.clicked.connect(self.reject)
        self.status = QLabel()
        self.status.setObjectName("settingsStatus")
        end = QHBoxLayout()
        end.addWidget(self.status, 1)
        end.addWidget(self.save_btn)
        end.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(you)
        lay.addWidget(engine)
        for label in self.managed_notes.values():
            lay.addWidget(label)
        lay.addStretch(1)
        lay.addLayout(end)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def values(self) -> dict:
        return {
            "user_name": self.user_name.text().strip(),
            "user_email": self.user_email.text().strip(),
            "user_signature": self.user_signature.toPlainText().rstrip(),
            "threads": self.threads.value(),
            "context_size": int(self.context.currentData()),
            "gpu": str(self.gpu.currentData()),
            "language": self.language.currentData(),
        }

    def save(self) -> None:
        wanted = {k: v for k, v in self.values().items() if self.controls[k].isEnabled()}
        email = wanted.get("user_email")
        if email and ("@" not in email or " " in email):
            self.status.setText(self.tr("That e-mail address does not look right."))
            self.user_email.setFocus()
            return

        def work(ctx, task):
            from app.gui import i18n

            done = operations.save_settings(ctx, wanted)
            if "language" in done.value:
                i18n.remember_language(ctx.paths, done.value["language"])
            return done

        self.save_btn.setEnabled(False)
        self.session.run(work, success=self._saved,
                         failure=lambda exc: (self.save_btn.setEnabled(True), show_error(self, exc)))

    def _saved(self, changed: dict) -> None:
        self.save_btn.setEnabled(True)
        self.status.setText(self.tr("Saved.") if changed else self.tr("Nothing changed."))
        if any(k in changed for k in RELOAD_KEYS) and self.session.engine is not None:
            self.session.reload_model()
        self.saved.emit(changed)
