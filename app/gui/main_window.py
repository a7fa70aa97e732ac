"""The main window. For now it shows that the vault is open and what it holds."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from app.core.context import Context
from app.core.vault import stats


class MainWindow(QMainWindow):
    def __init__(self, ctx: Context):
        super().__init__()
        self.setWindowTitle("Confidant")
        self.resize(900, 600)
        counts = stats.counts(ctx.vault.conn)
        mode = "the OS keyring" if ctx.key_info.mode == "keyring" else "your passphrase"
        label = QLabel(
            f"<h2>The vault is open</h2><p>Encrypted with SQLCipher; the key is held by {mode}.</p>"
            f"<p>{counts['contacts']} contacts, {counts['notes']} notes, {counts['conversations']} conversations.</p>"
        )
        label.setObjectName("vaultStatus")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setAccessibleName("Vault status")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(label)
        self.setCentralWidget(central)
        self.statusBar().showMessage("Offline: the network guard is on")
