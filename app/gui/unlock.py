"""The unlock screen, which is also the first-run screen.

First run: the vault is created with its key in the OS keyring when a secure one is there
(and policy allows), else with a passphrase chosen here (typed twice, with a strength hint;
at least 8 characters). Later runs: one button for the keyring, or the passphrase.

Everything slow (the keyring probe, Argon2, the SQLCipher open and migrations) runs on the
store thread through :class:`~app.gui.session.Session`; this widget only disables itself and
waits for the ``success``/``failure`` callback. A wrong passphrase shows the core's message
inline and leaves the vault untouched. Runs on the GUI thread.
"""

from __future__ import annotations

import os
import string

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.vault.keys import MIN_PASSPHRASE
from app.gui.errors import message_for
from app.gui.session import Session


BOX_WIDTH = 520  # the form's width at most, in pixels


def strength(passphrase: str) -> int:
    """0 (too short) .. 3 (strong): length and variety, a hint and not a guarantee."""
    if len(passphrase) < MIN_PASSPHRASE:
        return 0
    classes = sum(
        any(c in group for c in passphrase)
        for group in (string.ascii_lowercase, string.ascii_uppercase, string.digits)
    ) + any(not c.isascii() or c in string.punctuation or c == " " for c in passphrase)
    words = len(passphrase.split())
    score = 1
    if len(passphrase) >= 12 and classes >= 2:
        score = 2
    if (len(passphrase) >= 16 and classes >= 2) or words >= 4:
        score = 3
    return score


class UnlockView(QWidget):
    """Emits ``opened`` once the vault is open (``session.ctx`` is set)."""

    opened = Signal(bool)  # True when the user asked for the sample data (first run)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.state: dict | None = None
        self.auto = False
        self.setObjectName("unlockView")

        self.title = QLabel()
        self.title.setObjectName("unlockTitle")
        self.title.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.info = QLabel(self.tr("Checking how your vault is protected…"))
        self.info.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase.setObjectName("passphrase")
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName(self.tr("Passphrase again"))
        self.confirm.setObjectName("passphraseConfirm")
        self.hint = QLabel()
        self.hint.setObjectName("strengthHint")
        self.sample = QCheckBox(self.tr("Load the sample data (fictional accounts) to try Confidant"))
        self.sample.setObjectName("loadSample")
        self.button = QPushButton()
        self.button.setObjectName("unlockButton")
        self.button.setDefault(True)
        self.error = QLabel()
        self.error.setObjectName("unlockError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")

        form = QFormLayout()
        self._pass_label = QLabel(self.tr("&Passphrase"))
        self._pass_label.setBuddy(self.passphrase)
        self._confirm_label = QLabel(self.tr("&Again"))
        self._confirm_label.setBuddy(self.confirm)
        form.addRow(self._pass_label, self.passphrase)
        form.addRow(self._confirm_label, self.confirm)
        form.addRow("", self.hint)
        self.form = form

        self.title.setWordWrap(True)
        self.sample.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        box = QWidget()
        box.setObjectName("unlockBox")
        box.setMaximumWidth(BOX_WIDTH)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addWidget(self.info)
        inner.addLayout(form)
        inner.addWidget(self.sample)
        inner.addWidget(self.button)
        inner.addWidget(self.error)
        # Centred by stretches, not by an alignment flag: a layout item with an alignment
        # gets its size hint (the labels' height before wrapping), so wrapped text was cut
        # and the passphrase fields squashed. Stretches keep height-for-width working.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 100)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.box = box

        self.passphrase.textChanged.connect(self._update_hint)
        self.passphrase.returnPressed.connect(self._go)
        self.confirm.returnPressed.connect(self._go)
        self.button.clicked.connect(self._go)
        self._set_widgets_for(None)

    # ---- states -------------------------------------------------------------------------

    def start(self, *, auto: bool = False) -> None:
        """Probe the key storage (store thread) and show the right form.

        ``auto`` (app start only, never after a lock): open at once when no typing is
        needed: the key is in the keyring, or ``CONFIDANT_PASSPHRASE`` is set (scripts and
        benchmarks; less safe, as in the CLI).
        """
        self.auto = auto
        self.error.clear()
        self.passphrase.clear()
        self.confirm.clear()
        self._set_widgets_for(None)
        self.session.probe(success=self._probed, failure=self._failed)

    @property
    def needs_passphrase(self) -> bool:
        s = self.state or {}
        if s.get("first_run"):
            return not s.get("keyring_ok")
        return s.get("mode") == "passphrase"

    def _probed(self, state: dict) -> None:
        self.state = state
        self._set_widgets_for(state)
        if self.auto and not state["first_run"]:
            self.auto = False
            env = os.environ.get("CONFIDANT_PASSPHRASE")
            if state["mode"] == "keyring":
                self._go()
            elif env is not None:
                self.session.passphrase_from_environment = True  # the window says so once open
                self.passphrase.setText(env)
                self._go()

    def _set_widgets_for(self, state: dict | None) -> None:
        busy = state is None
        first = bool(state and state["first_run"])
        need = bool(state) and self.needs_passphrase
        self.title.setText(self.tr("Welcome to Confidant") if first else self.tr("Confidant is locked"))
        if state is None:
            self.info.setText(self.tr("Checking how your vault is protected…"))
        elif first and not need:
            self.info.setText(self.tr(
                "Your notes will be kept in an encrypted vault on this computer. Its key will be kept in "
                "your system keyring, so you will not need a passphrase."))
        elif first:
            self.info.setText(self.tr(
                "Your notes will be kept in an encrypted vault on this computer. No secure system keyring "
                "is available, so choose a passphrase (at least %n characters). If you forget it, "
                "the vault cannot be opened.", "", MIN_PASSPHRASE))
        elif need:
            self.info.setText(self.tr("Enter your passphrase to open the vault."))
        else:
            self.info.setText(self.tr("Your vault's key is in the system keyring."))
        # Whole rows, not just their widgets: a hidden row must not leave its gap.
        self.form.setRowVisible(0, need)
        self.form.setRowVisible(1, need and first)
        self.form.setRowVisible(2, need and first)
        self.sample.setVisible(first)
        self.button.setText(self.tr("Create vault") if first else self.tr("Unlock"))
        self.button.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)
        self.confirm.setEnabled(not busy)
        if need:
            self.passphrase.setFocus()
        self._update_hint(self.passphrase.text())

    def _update_hint(self, text: str) -> None:
        labels = [
            self.tr("Too short"),
            self.tr("Weak: longer is better"),
            self.tr("Fair"),
            self.tr("Strong"),
        ]
        self.hint.setText(labels[strength(text)] if text else "")

    # ---- actions ------------------------------------------------------------------------

    def _go(self) -> None:
        if self.state is None or not self.button.isEnabled():
            return
        self.error.clear()
        passphrase = None
        if self.needs_passphrase:
            passphrase = self.passphrase.text()
            if self.state["first_run"]:
                if len(passphrase) < MIN_PASSPHRASE:
                    self.error.setText(self.tr("The passphrase must be at least %n characters.", "", MIN_PASSPHRASE))
                    return
                if passphrase != self.confirm.text():
                    self.error.setText(self.tr("The two passphrases differ."))
                    return
        self.button.setEnabled(False)
        self.passphrase.setEnabled(False)
        self.confirm.setEnabled(False)
        self.info.setText(self.tr("Opening the vault…"))
        want_sample = self.sample.isChecked() and bool(self.state.get("first_run"))
        self.session.unlock(passphrase, success=lambda ctx: self._opened(want_sample), failure=self._failed)

    def _opened(self, want_sample: bool) -> None:
        self.passphrase.clear()
        self.confirm.clear()
        self.opened.emit(want_sample)

    def _failed(self, exc: BaseException) -> None:
        text = message_for(exc)
        self.error.setText(text or "")
        self.passphrase.clear()
        self.confirm.clear()
        # Probe again: the state may have changed (e.g. the keyring became available).
        if self.state is None:
            return
        self._set_widgets_for(self.state)
