"""History: past conversations, newest first; reopen (and continue) or delete one.

Listing, reopening and deleting run on the store thread; the list refreshes itself whenever
an operation changed the conversations (a deletion, a new draft, a retention purge). Runs
on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
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
BUILTIN_TEMPLATES = ("follow-up", "inquiry", "proposal", "concern")


def conversation_title(r: dict) -> str:
    """What a conversation is, in the window's language: "Follow-up to Kari Nordmann — make it
    shorter", "Question: what did Kari ask about pricing?", "Summary of Fjord Logistikk"."""
    who = r.get("contact") or r.get("account") or QCoreApplication.translate("History", "someone forgotten")
    if r["task"] == "ask":
        return QCoreApplication.translate("History", "Question: %1").replace("%1", str(r.get("question") or who))
    if r["task"] == "summarize":
        return QCoreApplication.translate("History", "Summary of %1").replace("%1", who)
    builtin = {"follow-up": QCoreApplication.translate("History", "follow up after a meeting"), "inquiry": QCoreApplication.translate("History", "reply to an inquiry"),
               "proposal": QCoreApplication.translate("History", "make a proposal"), "concern": QCoreApplication.translate("History", "address a concern")}
    what = r.get("latest_request") or r.get("about") or builtin.get(r.get("template") or "") or r.get("template_title")
    if r.get("edited") and not r.get("latest_request"):
        what = QCoreApplication.translate("History", "your edit")
    title = QCoreApplication.translate("History", "Follow-up to %1").replace("%1", who)
    return f"{title} — {what}" if what else title


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
        self.close_btn = QPushButton(self.tr("Close"))
        self.close_btn.setObjectName("closeHistory")
        self.close_btn.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_btn)
        row.addWidget(self.delete_btn)
        row.addWidget(self.close_btn)
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
        for r in rows:
            text = f"{(r.get('updated_at') or '')[:16].replace('T', ' ')}  {conversation_title(r)}"
            item = QListWidgetItem(text)
            item.setToolTip(text)
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
