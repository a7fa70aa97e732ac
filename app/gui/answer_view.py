"""The answer as a salesperson sees it: no prompt markup, sources as chips, a first-screen hint.

:class:`MarkupFilter` sits between the engine's chunks and the view: the prompt's fence
markers (``<<<NOTE n3 | …>>>``), a ``TASK:`` line the model echoes, a draft's ``Sources:``
line and note references (``[n12]``) never reach the screen, even split across chunks (a
possible start is held back until it can be decided, at most a few dozen characters).
:func:`display_text` does the same for a finished text. :class:`CitationChips` shows the
notes an answer rests on as buttons that select the note in the timeline.
:class:`StartHint` is what the pane shows before there is an answer: three steps, and the
subject's earlier drafts and answers to reopen. Runs on the GUI thread.
"""

from __future__ import annotations

import re
import time

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

ROLE = Qt.ItemDataRole.UserRole
_CITE = re.compile(r"[ \t]*\[\s*(?:(?:n|note)\s*#?\s*\d+\s*[,;]?\s*)+\]", re.IGNORECASE)
# A fence marker, closed or not ("<<<SUBJECT>>" from a small model): to its end or the line's.
_FENCE = re.compile(r"<<<[^<>\n]{0,200}(?:>{1,3}|(?=\n)|$)")
_LINE = re.compile(r"^[ \t*_#>]*(?:TASK|sources?|kilder|kjelder|källor|quellen|notes used)[ \t*_]*:.*(?:\n|$)",
                   re.IGNORECASE | re.MULTILINE)
_LINE_WORDS = ("task", "source", "sources", "kilder", "kjelder", "källor", "quellen", "notes used")
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+([.,;:!?)])")
HOLD_MAX = 60  # characters held back at most while deciding


def display_text(text: str) -> str:
    """``text`` without prompt markup: fence markers, TASK:/Sources: lines, note references."""
    out = _LINE.sub("", text or "")
    out = _FENCE.sub("", out)
    out = _CITE.sub("", out)
    out = _SPACE_BEFORE_PUNCT.sub(r"\1", out)
    return re.sub(r"[ \t]{2,}", " ", out).strip()


def _could_be_marker_line(line: str) -> bool:
    """True while ``line`` (the unfinished last line) may still become a TASK:/Sources: line."""
    s = line.lstrip(" \t*_#>").lower()
    if not s:
        return True
    head = s.split(":", 1)[0].rstrip(" *_") if ":" in s else s
    if ":" in s:
        return head in _LINE_WORDS
    return any(w.startswith(head) for w in _LINE_WORDS)


class MarkupFilter:
    """Feed chunks, get back text that is safe to show now (see the module docstring)."""

    def __init__(self):
        self.pending = ""

    def reset(self) -> None:
        self.pending = ""

    def feed(self, chunk: str) -> str:
        text = self.pending + (chunk or "")
        cut = self._safe_end(text)
        self.pending = text[cut:]
        return self._clean(text[:cut])

    def flush(self) -> str:
        text, self.pending = self.pending, ""
        return self._clean(text)

    @staticmethod
    def _clean(text: str) -> str:
        out = _LINE.sub("", text)
        out = _FENCE.sub("", out)
        out = _CITE.sub("", out)
        return _SPACE_BEFORE_PUNCT.sub(r"\1", out)

    @staticmethod
    def _safe_end(text: str) -> int:
        """How much of ``text`` can be decided now."""
        end = len(text)
        start_of_line = text.rfind("\n") + 1
        if _could_be_marker_line(text[start_of_line:]) and end - start_of_line <= 400:
            end = start_of_line
        i = text.rfind("[", 0, end)
        if i >= 0 and "]" not in text[i:end] and end - i <= HOLD_MAX:
            end = i  # maybe a note reference
        i = text.rfind("<<<", 0, end)
        if i >= 0 and "\n" not in text[i:end] and end - i <= 200:
            end = i  # a fence marker: decided at the end of its line
        for tail in ("<<", "<"):
            if text[:end].endswith(tail):
                end -= len(tail)  # maybe the start of one
                break
        # "…text " then "[n1]": keep the space with what follows, so a removed reference
        # does not leave it dangling before a full stop.
        while end > 0 and text[end - 1] in " \t":
            end -= 1
        return end


class CitationChips(QWidget):
    """"Sources:" and one button per cited note; a click selects the note (``activated``)."""

    activated = Signal(int)  # note id
    MAX = 8

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("citationChips")
        self.setAccessibleName(self.tr("Notes the answer rests on"))
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self.tr("Sources:"))
        self.row.addWidget(self.label)
        self.row.addStretch(1)
        self.chips: list[QToolButton] = []
        self.setVisible(False)

    def set_citations(self, citations: list[dict]) -> None:
        for chip in self.chips:
            chip.deleteLater()
        self.chips = []
        for c in (citations or [])[: self.MAX]:
            nid = int(c["note_id"])
            chip = QToolButton()
            chip.setObjectName("citationChip")
            date = (c.get("date") or "")[:10]
            chip.setText(self.tr("Note of %1").replace("%1", date) if date else self.tr("A note"))
            chip.setToolTip(self.tr("Show this note in the timeline"))
            chip.setStyleSheet("QToolButton { border: 1px solid palette(mid); border-radius: 9px; padding: 1px 8px; }")
            chip.clicked.connect(lambda _=False, n=nid: self.activated.emit(n))
            self.row.insertWidget(self.row.count() - 1, chip)
            self.chips.append(chip)
        extra = len(citations or []) - self.MAX
        self.label.setToolTip(self.tr("%n more not shown", "", extra) if extra > 0 else "")
        self.setVisible(bool(self.chips))

    def clear(self) -> None:
        self.set_citations([])


class StartHint(QWidget):
    """Before an answer: three steps, and the subject's earlier drafts and answers."""

    reopen = Signal(int)  # conversation id

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("startHint")
        self.steps = QLabel()
        self.steps.setObjectName("startSteps")
        self.steps.setWordWrap(True)
        self.steps.setTextFormat(Qt.TextFormat.PlainText)
        self.steps.setText("\n\n".join([
            self.tr("1. Pick a contact on the left (or search with Ctrl+F)."),
            self.tr("2. Choose what the e-mail is for, then click Draft follow-up."),
            self.tr("3. Edit the draft if you like, then Copy it or Save as .eml."),
        ]))
        self.past_label = QLabel()
        self.past_label.setObjectName("pastLabel")
        self.past = QListWidget()
        self.past.setObjectName("pastConversations")
        self.past.setAccessibleName(self.tr("Earlier drafts and answers"))
        self.past.itemActivated.connect(self._open)
        self.past.itemClicked.connect(self._open)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addWidget(self.steps)
        lay.addWidget(self.past_label)
        lay.addWidget(self.past, 3)
        lay.addStretch(1)
        self.show_past("", [])

    def show_past(self, who: str, rows: list[tuple[int, str]]) -> None:
        """``rows``: (conversation id, title) of the subject's earlier conversations, newest first."""
        self.past.clear()
        for cid, title in rows:
            item = QListWidgetItem(title)
            item.setToolTip(title)
            item.setData(ROLE, int(cid))
            self.past.addItem(item)
        self.past_label.setText(self.tr("Earlier for %1 (click to reopen):").replace("%1", who) if rows else "")
        self.past_label.setVisible(bool(rows))
        self.past.setVisible(bool(rows))

    def _open(self, item: QListWidgetItem) -> None:
        self.reopen.emit(int(item.data(ROLE)))


class ProgressLine:
    """The state line of a long task: "Reading 33 notes… 40 % · about 1 min left", over every
    part of a long summary; the estimate comes from the speed so far."""

    def __init__(self):
        self.reset()

    def reset(self) -> None:
        self.started: float | None = None
        self.notes = self.part = self.parts = 0

    def update(self, ev) -> str | None:
        """A :class:`~app.core.assistant.generation.Step` or a ``PromptProgress``: the new line."""
        if hasattr(ev, "stage"):
            if ev.stage == "write":
                return QCoreApplication.translate("ProgressLine", "Writing the summary…")
            if ev.stage == "combine":
                return QCoreApplication.translate("ProgressLine", "Combining the parts…")
            if ev.stage == "reuse":
                return (QCoreApplication.translate("ProgressLine", "Reused %1 of %2 parts from an earlier summary…")
                        .replace("%1", str(ev.part)).replace("%2", str(ev.parts)))
            if self.started is None or ev.stage == "read":
                self.started = time.monotonic()
            self.notes, self.part, self.parts = ev.notes, ev.part, ev.parts
            return self.line(0, 1)
        if ev.done >= ev.total:
            return None
        if self.started is None:
            self.started = time.monotonic()
        return self.line(ev.done, ev.total)

    def line(self, done: int, total: int) -> str:
        frac = done / max(total, 1)
        if self.parts:
            frac = (self.part - 1 + frac) / self.parts
            text = QCoreApplication.translate("ProgressLine", "Reading part %1 of %2… %3 %").replace("%1", str(self.part)).replace("%2", str(self.parts))
        elif self.notes:
            text = QCoreApplication.translate("ProgressLine", "Reading %1 notes… %3 %").replace("%1", str(self.notes))
        else:
            text = QCoreApplication.translate("ProgressLine", "Reading the notes… %3 %")
        text = text.replace("%3", str(int(100 * frac)))
        elapsed = time.monotonic() - (self.started or time.monotonic())
        if frac >= 0.03 and elapsed >= 1.0:
            left = elapsed * (1 - frac) / frac
            text += " · " + (QCoreApplication.translate("ProgressLine", "about %1 s left").replace("%1", str(max(int(left), 1))) if left < 90 else
                             QCoreApplication.translate("ProgressLine", "about %1 min left").replace("%1", str(round(left / 60))))
        return text
