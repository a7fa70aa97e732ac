"""The one place errors become messages in the window (Anki's ``show_exception``).

- :class:`AppError`: its one-line message, as written for the user.
- :class:`Cancelled` (the user pressed Stop, or closed the window): nothing at all.
- Anything else is a bug: logged without content (:func:`app.core.logs.log_unexpected`)
  and reported as unexpected, never with a traceback in the window.

The box is window-modal but opened with ``open()``, so the event loop keeps running.
Runs on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core import logs
from app.core.errors import AppError
from app.gui.ops import Cancelled

# The last message shown, for the status bar and for tests.
last_message: str | None = None


def message_for(exc: BaseException) -> str | None:
    """The text the user sees for ``exc``, or None when nothing should be shown."""
    if isinstance(exc, Cancelled):
        return None
    if isinstance(exc, AppError):
        return exc.message
    logs.log_unexpected(exc)
    return QCoreApplication.translate(
        "errors", "Something unexpected went wrong. Nothing you saved was lost; the log has details (without your data)."
    )


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox | None:
    global last_message
    text = message_for(exc)
    if text is None:
        return None
    last_message = text
    box = QMessageBox(QMessageBox.Icon.Warning, "Confidant", text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.setAccessibleName(QCoreApplication.translate("errors", "Error message"))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
