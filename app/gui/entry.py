"""Start the desktop app: unlock the vault, show the main window."""

# The guard first, as in the CLI: nothing below may open an internet socket.
from app.core.privacy import netguard

netguard.install()

import sys  # noqa: E402

from app.core.errors import AppError  # noqa: E402


def run_gui(argv: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

    from app.core.context import open_context
    from app.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Confidant")

    def ask(*, confirm: bool, reason: str) -> str | None:
        import os

        if os.environ.get("CONFIDANT_PASSPHRASE") is not None:
            return os.environ["CONFIDANT_PASSPHRASE"]
        text, ok = QInputDialog.getText(None, "Confidant", reason, QLineEdit.EchoMode.Password)
        if ok and confirm:
            again, ok = QInputDialog.getText(None, "Confidant", "Type it again", QLineEdit.EchoMode.Password)
            if ok and again != text:
                QMessageBox.warning(None, "Confidant", "The two passphrases differ.")
                return None
        return text if ok else None

    try:
        ctx = open_context(ask)
    except AppError as exc:
        QMessageBox.critical(None, "Confidant", exc.message)
        return 1
    window = MainWindow(ctx)
    window.show()
    try:
        return app.exec()
    finally:
        ctx.close()


def run() -> None:
    sys.exit(run_gui())
