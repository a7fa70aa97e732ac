"""Output views that render model and note text inertly, and stream it without freezing.

:class:`SafeTextView` shows text as plain text only. Model output is hostile input (a
note can carry an injection that makes the model print ``<img src="http://...">`` or a
``file://`` link), so the view:

- inserts text with ``QTextCursor.insertText`` (never ``setHtml``/Markdown): tags stay text;
- opens no links (``setOpenLinks(False)``, ``setOpenExternalLinks(False)``);
- loads no resource: ``loadResource`` answers every request with a blank (and records it),
  so neither a remote URL nor a local file is ever read; a test proves it.

:class:`StreamBuffer` collects chunks that arrive through queued signals and flushes them
every 40 ms with one cursor insert at the end, scrolling only when the user was already at
the bottom (the STYLE.md streaming pattern). Both run on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QImage, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser

FLUSH_MS = 40


class _InertDocument(QTextDocument):
    """A document that never loads a resource (images, style sheets), whatever the text asks."""

    def __init__(self, owner: "SafeTextView"):
        super().__init__(owner)
        self._owner = owner

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 - Qt override
        return _refuse(self._owner, kind, url)


def _refuse(owner: "SafeTextView", kind, url: QUrl):
    """Record the request and answer with nothing usable.

    An image request gets a blank 1x1 image, not None: given no data, Qt's image handler
    falls back to reading a local path itself (a ``file://`` image would load).
    """
    owner.blocked_resources.append(url.toString())
    if int(getattr(kind, "value", kind)) == int(QTextDocument.ResourceType.ImageResource.value):
        return _blank()
    return QByteArray()


def _blank() -> QImage:
    img = QImage(1, 1, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    return img


class SafeTextView(QTextBrowser):
    def __init__(self, parent=None, *, accessible_name: str = ""):
        super().__init__(parent)
        self.blocked_resources: list[str] = []
        self.setDocument(_InertDocument(self))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        if accessible_name:
            self.setAccessibleName(accessible_name)

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 - Qt override
        return _refuse(self, kind, url)

    def set_text(self, text: str) -> None:
        """Replace the content with ``text`` as plain text."""
        self.clear()
        self.append_text(text)

    def append_text(self, text: str) -> None:
        if not text:
            return
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text)

    def text(self) -> str:
        return self.toPlainText()

    def canInsertFromMimeData(self, source) -> bool:  # noqa: N802 - read-only view, no rich paste
        return False


class StreamBuffer(QObject):
    """Batches streamed chunks into a :class:`SafeTextView` every ``FLUSH_MS`` milliseconds."""

    def __init__(self, view: SafeTextView):
        super().__init__(view)
        self._view = view
        self._pending: list[str] = []
        self._timer = QTimer(self)
        self._timer.setInterval(FLUSH_MS)
        self._timer.timeout.connect(self.flush)
        self.flushes = 0

    def add(self, text: str) -> None:
        self._pending.append(text)
        if not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        if not self._pending:
            self._timer.stop()
            return
        text = "".join(self._pending)
        self._pending.clear()
        bar = self._view.verticalScrollBar()
        at_bottom = bar.value() >= bar.maximum() - 4
        self._view.append_text(text)
        if at_bottom:
            bar.setValue(bar.maximum())
        self.flushes += 1

    def reset(self) -> None:
        self._pending.clear()
        self._timer.stop()
        self._view.clear()
