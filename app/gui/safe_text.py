"""Output views that render model and note text inertly, and stream it without freezing.

:class:`SafeTextView` shows text as plain text only. Model output is hostile input (a
note can carry an injection that makes the model print ``<img src="http://...">`` or a
``file://`` link), so the view:

- inserts text with ``QTextCursor.insertText`` (never ``setHtml``/Markdown): tags stay text;
- opens no links (``setOpenLinks(False)``, ``setOpenExternalLinks(False)``);
- loads no resource: ``loadResource`` answers every request with a blank (and records it),
  so neither a remote URL nor a local file is ever read; a test proves it;
- with ``markdown=True`` shows a safe Markdown subset (headings, emphasis, code, lists),
  built with character formats only: links, images and HTML stay literal text.

:func:`copy_sensitive` puts text on the clipboard marked as sensitive and clears it later.

:class:`StreamBuffer` collects chunks that arrive through queued signals and flushes them
every 40 ms with one cursor insert at the end, scrolling only when the user was already at
the bottom (the STYLE.md streaming pattern). Both run on the GUI thread.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QByteArray, QMimeData, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextListFormat,
)
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
    """``markdown=True``: the text is shown with the safe Markdown subset of
    :func:`render_markdown` (re-rendered as chunks arrive); :meth:`plain_text` is the text
    with the formatting removed, for copying."""

    def __init__(self, parent=None, *, accessible_name: str = "", markdown: bool = False):
        super().__init__(parent)
        self.markdown = markdown
        self._raw = ""
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

    def set_text(self, text: str, *, keep_scroll: bool = False) -> None:
        """Replace the content with ``text`` (plain, or the Markdown subset). ``keep_scroll``:
        stay where the reader was (the final text replacing the streamed one must not jump)."""
        bar = self.verticalScrollBar()
        at_bottom, value = bar.value() >= bar.maximum() - 4, bar.value()
        self.clear()
        self.append_text(text)
        if keep_scroll:
            bar.setValue(bar.maximum() if at_bottom else min(value, bar.maximum()))

    def clear(self) -> None:
        self._raw = ""
        super().clear()

    def append_text(self, text: str) -> None:
        if not text:
            return
        if self.markdown:
            self._raw += text
            bar = self.verticalScrollBar()
            keep = bar.value()
            render_markdown(self.document(), self._raw)
            bar.setValue(min(keep, bar.maximum()))
            return
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text)

    def text(self) -> str:
        """The text as shown (Markdown markers that were rendered are not in it)."""
        return self.toPlainText()

    def source(self) -> str:
        """The text as given (with its Markdown)."""
        return self._raw if self.markdown else self.toPlainText()

    def plain_text(self) -> str:
        """What Copy puts on the clipboard: the source with its formatting removed."""
        return markdown_plain(self._raw) if self.markdown else self.toPlainText()

    def canInsertFromMimeData(self, source) -> bool:  # noqa: N802 - read-only view, no rich paste
        return False

    def createMimeDataFromSelection(self):  # noqa: N802 - Qt override
        """Ctrl+C, the context menu's Copy and a drag all take the selection from here: plain
        text, marked sensitive, and cleared from the clipboard later (as the Copy button)."""
        text = self.textCursor().selection().toPlainText()
        _clear_later(text, None)
        return sensitive_mime(text)


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


# ---- a safe Markdown subset ------------------------------------------------------------
#
# DeepSeek writes Markdown. Shown: headings, bold, italic, inline code, code blocks, bullet
# and numbered lists. Never: links, images or HTML. The document is built with
# QTextCursor.insertText and character formats only (no setHtml/setMarkdown), so a link
# or image written by the model stays visible as the characters it is, and nothing can
# ask for a resource.

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
_RULE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
_INLINE = re.compile(
    r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"  # bold
    r"|(?<![*\w])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\3(?![*\w])"  # italic
    r"|`([^`\n]+)`"  # code
)
_HEADING_SCALE = {1: 1.5, 2: 1.3, 3: 1.15}


def _mono() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def _insert_inline(cursor: QTextCursor, text: str, base: QTextCharFormat) -> None:
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            cursor.insertText(text[pos:m.start()], base)
        fmt = QTextCharFormat(base)
        if m.group(1):
            fmt.setFontWeight(QFont.Weight.Bold)
            inner = m.group(2)
        elif m.group(3):
            fmt.setFontItalic(True)
            inner = m.group(4)
        else:
            fmt.setFontFamilies(_mono().families())
            inner = m.group(5)
        cursor.insertText(inner, fmt)
        pos = m.end()
    if pos < len(text):
        cursor.insertText(text[pos:], base)


def render_markdown(doc: QTextDocument, text: str) -> None:
    """Replace ``doc``'s content with ``text`` rendered in the safe subset."""
    doc.clear()
    cursor = QTextCursor(doc)
    plain = QTextCharFormat()
    in_code = False
    current = None  # (style, QTextList) of the list being filled
    for i, line in enumerate(text.split("\n")):
        if i:
            cursor.insertBlock(QTextBlockFormat(), plain)
        if line.strip().startswith("```"):
            in_code = not in_code
            current = None
            continue
        if in_code:
            code = QTextCharFormat()
            code.setFontFamilies(_mono().families())
            cursor.insertText(line, code)
            continue
        m = _HEADING.match(line)
        if m:
            current = None
            fmt = QTextCharFormat()
            fmt.setFontWeight(QFont.Weight.Bold)
            scale = _HEADING_SCALE.get(len(m.group(1)))
            if scale:
                fmt.setFontPointSize(QGuiApplication.font().pointSizeF() * scale)
            _insert_inline(cursor, m.group(2), fmt)
            continue
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        if (bullet or numbered) and not _RULE.match(line):
            style = QTextListFormat.Style.ListDisc if bullet else QTextListFormat.Style.ListDecimal
            if current is not None and current[0] == style:
                current[1].add(cursor.block())
            else:
                current = (style, cursor.createList(style))
            _insert_inline(cursor, (bullet or numbered).group(1), plain)
            continue
        current = None
        if _RULE.match(line):
            continue
        _insert_inline(cursor, line, plain)


def markdown_plain(text: str) -> str:
    """``text`` with the subset's formatting removed: for the clipboard and e-mail."""
    out, in_code = [], False
    for line in text.split("\n"):
        if line.strip().startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            out.append(line)
            continue
        m = _HEADING.match(line)
        if m:
            line = m.group(2)
        elif _RULE.match(line):
            line = ""
        else:
            b = _BULLET.match(line)
            if b:
                line = "- " + b.group(1)
        out.append(_INLINE.sub(lambda m: m.group(2) or m.group(4) or m.group(5) or "", line))
    return "\n".join(out)


# ---- the clipboard -----------------------------------------------------------------------

# Copied drafts are customer data: clipboard managers are asked not to keep them (KDE's
# Klipper, Windows' clipboard history and cloud sync, macOS's concealed type), and
# Confidant clears its own copy after CLIPBOARD_CLEAR_S seconds (and at lock).
CLIPBOARD_CLEAR_S = 120
SENSITIVE_MIME = {
    "x-kde-passwordManagerHint": b"secret",
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"': b"\x01\x00\x00\x00",
    'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"': b"\x00\x00\x00\x00",
    'application/x-qt-windows-mime;value="CanUploadToCloudClipboard"': b"\x00\x00\x00\x00",
    "org.nspasteboard.ConcealedType": b"",
}
_clear_timer: QTimer | None = None
_copied: str | None = None


def sensitive_mime(text: str) -> QMimeData:
    """Plain ``text`` (no HTML copy) marked for clipboard managers as not to be kept."""
    mime = QMimeData()
    mime.setText(text)
    for kind, value in SENSITIVE_MIME.items():
        mime.setData(kind, QByteArray(value))
    return mime


def _clear_later(text: str, clear_after_s: float | None) -> None:
    global _clear_timer, _copied
    _copied = text
    if _clear_timer is None:
        _clear_timer = QTimer()
        _clear_timer.setSingleShot(True)
        _clear_timer.timeout.connect(clear_copied)
    _clear_timer.start(int((CLIPBOARD_CLEAR_S if clear_after_s is None else clear_after_s) * 1000))


def copy_sensitive(text: str, clear_after_s: float | None = None) -> None:
    """Put ``text`` on the clipboard marked sensitive; clear it after ``clear_after_s``
    seconds (default ``CLIPBOARD_CLEAR_S``) unless the user has copied something else
    meanwhile. Every copy out of a :class:`SafeTextView` (the Copy button, Ctrl+C, the context
    menu's Copy) goes through here."""
    QGuiApplication.clipboard().setMimeData(sensitive_mime(text))
    _clear_later(text, clear_after_s)


def clear_copied() -> None:
    """Clear the clipboard if it still holds what Confidant copied (lock, timer)."""
    global _copied
    cb = QGuiApplication.clipboard()
    if _copied is not None and cb.text() == _copied:
        cb.clear()
    _copied = None
    if _clear_timer is not None:
        _clear_timer.stop()
