"""Search words in the navigator's entries: where they are, a one-line snippet around the
first, and a delegate that draws them in bold on a highlight; list entries elided to fit.

The text is laid out with QTextLayout and format ranges, never parsed as HTML. Runs on the
GUI thread.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPalette, QTextLayout
from PySide6.QtWidgets import QApplication, QListWidget, QStyle, QStyledItemDelegate, QStyleOptionViewItem

HIGHLIGHT_ROLE = Qt.ItemDataRole.UserRole + 1  # the words to highlight in an entry


def elide(view: QListWidget) -> None:
    """Long entries end in "…" (their tooltip has the full text), never a horizontal scrollbar."""
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setWordWrap(False)
    view.setUniformItemSizes(True)


def query_words(query: str) -> list[str]:
    return [w for w in re.findall(r"\w+", query.casefold()) if len(w) > 1]


def highlight_ranges(text: str, words: list[str]) -> list[tuple[int, int]]:
    """(start, length) of every occurrence of ``words`` in ``text``, any case; merged, sorted."""
    folded = text.casefold()
    spans = []
    if len(folded) != len(text):  # casefold changed lengths (ß): fall back to lower()
        folded = text.lower()
    for w in words:
        start = folded.find(w)
        while start >= 0:
            spans.append((start, start + len(w)))
            start = folded.find(w, start + len(w))
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b - a) for a, b in merged]


def snippet(body: str, words: list[str], width: int = 70) -> str:
    """The part of ``body`` around the first word found, on one line."""
    flat = " ".join(body.split())
    spans = highlight_ranges(flat, words)
    if not spans:
        return flat[:width] + ("…" if len(flat) > width else "")
    start = max(0, spans[0][0] - width // 3)
    out = flat[start:start + width]
    return ("…" if start else "") + out + ("…" if start + width < len(flat) else "")


class HighlightDelegate(QStyledItemDelegate):
    """Draws an entry with the searched words in bold on a highlight, elided to fit.

    The text is laid out with QTextLayout and format ranges: it is never parsed as HTML."""

    def paint(self, painter, option, index) -> None:
        words = index.data(HIGHLIGHT_ROLE)
        if not words:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        shown = opt.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, max(rect.width() - 4, 10))
        layout = QTextLayout(shown, opt.font)
        formats = []
        for start, length in highlight_ranges(shown, words):
            fr = QTextLayout.FormatRange()
            fr.start, fr.length = start, length
            fr.format.setFontWeight(QFont.Weight.Bold)
            fr.format.setBackground(QColor(255, 221, 87, 160))
            formats.append(fr)
        layout.setFormats(formats)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(rect.width())
        layout.endLayout()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        layout.draw(painter, QPointF(rect.left() + 2, rect.top() + (rect.height() - line.height()) / 2))
        painter.restore()
