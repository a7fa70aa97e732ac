"""History: past conversations, newest first; reopen (and continue) or delete one.

Listing, reopening and deleting run on the store thread; the list refreshes itself whenever
an operation changed the conversations (a deletion, a new draft, a retention purge). Runs
on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from app.core.model import Changes
from app.gui import operations
from app.gui.errors import show_error
from app.gui.session import Session

ROLE = Qt.ItemDataRole.UserRole


class HistoryDialog(QDialog):
    reopened = Signal(dict)  # the conversation with its messages and drafts
    loaded = Signal()

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("History"))
        self.setObjectName("historyDialog")
        self.resize(620, 420)
        self.list = QListWidget()
        self.list.setObjectName("historyList")
        self.list.setAccessibleName(self.tr("Past conversations"))
        self.list.itemActivated.connect(lambda _i: self.reopen())
        self.open_btn = QPushButton(self.tr("&Reopen"))
        self.open_btn.setObjectName("reopenButton")
        self.open_btn.clicked.connect(self.reopen)
        self.delete_btn = QPushButton(self.tr("&Delete"))
        self.delete_btn.setObjectName("deleteConversation")
        self.delete_btn.clicked.connect(self.delete)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_btn)
        row.addWidget(self.delete_btn)
        lay = QVBoxLayout(self)
        lay.addWidget(self.list, 1)
        lay.addLayout(row)
        session.data_changed.connect(self._data_changed)
        self.refresh()

    def refresh(self) -> None:
        self.session.run(lambda ctx, task: operations.list_conversations(ctx, limit=200), success=self._show,
                         failure=lambda exc: show_error(self, exc))

    def _data_changed(self, changes: Changes) -> None:
        if changes.conversations:
            self.refresh()

    def _show(self, rows: list[dict]) -> None:
        self.list.clear()
        names = {"draft": self.tr("Draft"), "summarize": self.tr("Summary"), "ask": self.tr("Question")}
        for r in rows:
            who = r.get("contact") or r.get("account") or ""
            text = f"{(r.get('updated_at') or '')[:16].replace('T', ' ')}  {names.get(r['task'], r['task'])} · {who}"
            if r.get("title"):
                text += f" — {r['title']}"
            item = QListWidgetItem(text)
            item.setData(ROLE, r)
            self.list.addItem(item)
        if rows:
            self.list.setCurrentRow(0)
        self.loaded.emit()

    def _current(self) -> dict | None:
        item = self.list.currentItem()
        return item.data(ROLE) if item is not None else None

    def reopen(self) -> None:
        row = self._current()
        if row is None:
            return
        def work(ctx, task):
            conv = operations.open_conversation(ctx, row["id"])
            conv["contact"], conv["account"] = row.get("contact"), row.get("account")
            return conv

        self.session.run(work, success=self._reopened, failure=lambda exc: show_error(self, exc))

    def _reopened(self, conv: dict) -> None:
        self.reopened.emit(conv)
        self.accept()

    def delete(self) -> None:
        row = self._current()
        if row is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete conversation"), self.tr("Delete this conversation for good?"))
        if answer != QMessageBox.StandardButton.Yes:
            return

        # The operation says it changed the conversations: this list refreshes from that.
        self.session.run(lambda ctx, task: operations.delete_conversation(ctx, row["id"]),
                         failure=lambda exc: show_error(self, exc))
