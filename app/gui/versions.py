"""The thread of an answer: the user's instruction, then the version it made, every version kept.

A :class:`Version` is what one turn produced (or what the user wrote by editing); the
:class:`ThreadView` lists the turns as a conversation reads ("You: make it shorter", then
"Draft 2"), and selecting a version shows it (Copy and Save use the one shown).
:func:`versions_of` rebuilds every version of a stored conversation, so reopening from
History restores them all. Runs on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QListWidget, QListWidgetItem

ROLE = Qt.ItemDataRole.UserRole


@dataclass
class Version:
    """One version of an answer. ``edited``: the user's own text (shown and copied as is)."""

    task: str
    text: str
    subject: str | None = None
    instruction: str = ""  # what the user asked for, as they would say it
    edited: bool = False
    partial: bool = False  # stopped before the end: not in the vault
    conversation_id: int | None = None
    citations: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    outcome: object = field(default=None, repr=False)  # the core's TaskResult, when a task made it

    def __getattr__(self, name: str):
        # Tokens, timings and the draft id are the core's: read them from its result.
        outcome = self.__dict__.get("outcome")
        if outcome is None or name.startswith("__"):
            raise AttributeError(name)
        return getattr(outcome, name)


def task_name(task: str) -> str:
    return {"draft": QCoreApplication.translate("Versions", "Draft"), "summarize": QCoreApplication.translate("Versions", "Summary"),
            "ask": QCoreApplication.translate("Versions", "Answer")}.get(task) or QCoreApplication.translate("Versions", "Answer")


def first_instruction(task: str, meta: dict) -> str:
    """The first turn in the user's words: the question, or the draft's purpose and about line."""
    if task == "ask":
        return str(meta.get("display") or "")
    if task == "summarize":
        return QCoreApplication.translate("Versions", "Summarise the notes")
    builtin = {"follow-up": QCoreApplication.translate("DraftOptions", "Follow up after a meeting"), "inquiry": QCoreApplication.translate("DraftOptions", "Reply to an inquiry"),
               "proposal": QCoreApplication.translate("DraftOptions", "Make a proposal"), "concern": QCoreApplication.translate("DraftOptions", "Address a concern")}
    title = builtin.get(str(meta.get("template") or "")) or meta.get("template_title")
    parts = [str(title)] if title else []
    if meta.get("about"):
        parts.append(str(meta["about"]))
    return " — ".join(parts) or QCoreApplication.translate("Versions", "Draft a follow-up")


def versions_of(conv: dict) -> list[Version]:
    """Every version of a stored conversation (its messages' checked texts), oldest first."""
    out: list[Version] = []
    instruction = ""
    msgs = conv.get("messages") or []
    for i, m in enumerate(msgs):
        meta = m.get("meta") or {}
        if m["role"] == "user":
            instruction = first_instruction(conv["task"], meta) if i == 0 else str(meta.get("display") or "")
            continue
        edited = bool(meta.get("edited"))
        out.append(Version(
            task=conv["task"], text=str(meta.get("text", m.get("content") or "")), subject=meta.get("subject"),
            instruction="" if edited else instruction, edited=edited, conversation_id=conv["id"],
            citations=list(meta.get("citations") or []), flags=list(meta.get("flags") or [])))
        instruction = ""
    return out


class ThreadView(QListWidget):
    """The turns: an instruction row (not selectable) before each version row."""

    chosen = Signal(object)  # the Version the user selected

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("threadList")
        self.setAccessibleName(self.tr("Your instructions and the versions they made"))
        self.setMaximumHeight(96)
        self.setVisible(False)
        self.versions: list[Version] = []
        self.currentItemChanged.connect(self._changed)

    def add(self, v: Version, *, select: bool = True) -> None:
        self.blockSignals(True)
        if v.instruction:
            you = QListWidgetItem(self.tr("You: “%1”").replace("%1", v.instruction))
            you.setFlags(Qt.ItemFlag.ItemIsEnabled)  # read, not chosen: only versions are
            font = QFont()
            font.setItalic(True)
            you.setFont(font)
            you.setToolTip(v.instruction)
            self.addItem(you)
        self.versions.append(v)
        n = len(self.versions)
        label = (self.tr("→ Your edit (version %1)") if v.edited else self.tr("→ %2 %1")).replace(
            "%1", str(n)).replace("%2", task_name(v.task))
        item = QListWidgetItem(label)
        item.setData(ROLE, n - 1)
        item.setToolTip(label)
        self.addItem(item)
        if select:
            self.setCurrentItem(item)
            self.scrollToItem(item)
        self.blockSignals(False)
        self.setVisible(True)

    def version_labels(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]

    def select_version(self, index: int) -> None:
        for i in range(self.count()):
            if self.item(i).data(ROLE) == index:
                self.setCurrentRow(i)
                return

    def current_version(self) -> Version | None:
        item = self.currentItem()
        idx = item.data(ROLE) if item is not None else None
        return self.versions[idx] if idx is not None else None

    def forget(self) -> None:
        self.blockSignals(True)  # clearing moves the current row: that is not a choice
        self.clear()
        self.blockSignals(False)
        self.versions = []
        self.setVisible(False)

    def _changed(self, item, _prev=None) -> None:
        idx = item.data(ROLE) if item is not None else None
        if idx is not None:
            self.chosen.emit(self.versions[idx])
