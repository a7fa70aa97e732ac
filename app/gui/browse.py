"""The left and middle of the window: accounts and contacts with search, and the notes.

:class:`Navigator` searches as you type (150 ms after the last key) on the store thread:
accounts and contacts by name, and full-text over the notes (FTS5). Each new search
discards the previous one, so a slow old answer never overwrites a newer one.

:class:`Timeline` shows the selected account's people and its notes, newest first, with
their flags; a note's text is shown as inert plain text. Runs on the GUI thread.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.gui import core_api
from app.gui.errors import show_error
from app.gui.ops import Task
from app.gui.safe_text import SafeTextView
from app.gui.session import Session

ROLE = Qt.ItemDataRole.UserRole
SEARCH_DELAY_MS = 150
NOTES_SHOWN = 500


def _flags(note: dict) -> list[str]:
    f = note.get("flags") or []
    if isinstance(f, str):
        try:
            f = json.loads(f)
        except ValueError:
            f = []
    return [str(x) for x in f]


class Navigator(QWidget):
    selected = Signal(dict)  # {"kind": "account"|"contact"|"note", ...the record}
    searched = Signal()  # results are on screen

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.task: Task | None = None
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(self.tr("Search people, companies and notes"))
        self.search.setAccessibleName(self.tr("Search"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("navigatorList")
        self.list.setAccessibleName(self.tr("Accounts and contacts"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.search)
        lay.addWidget(self.list)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _: self.timer.start())
        self.list.currentItemChanged.connect(self._current)

    def refresh(self) -> None:
        """Run the search for the current text (store thread) and show the results."""
        if not self.session.is_open:
            return
        query = self.search.text().strip() or None
        list_accounts, list_contacts = core_api.get("list_accounts"), core_api.get("list_contacts")
        search_notes = core_api.get("search_notes")

        def work(ctx, task: Task) -> dict:
            conn = ctx.vault.conn
            return {
                "accounts": list_accounts(conn, query) if list_accounts else [],
                "contacts": list_contacts(conn, query, limit=200) if list_contacts else [],
                "notes": search_notes(conn, query, limit=20) if (query and search_notes) else [],
            }

        if self.task is not None:
            self.task.discard()
        self.task = self.session.run(work, success=self._show, failure=lambda exc: show_error(self, exc))

    def _header(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = QFont()
        font.setBold(True)
        item.setFont(font)
        self.list.addItem(item)

    def _show(self, found: dict) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        if found["accounts"]:
            self._header(self.tr("Accounts"))
            for a in found["accounts"]:
                item = QListWidgetItem(str(a.get("name", "")))
                item.setData(ROLE, account_target(a))
                self.list.addItem(item)
        if found["contacts"]:
            self._header(self.tr("People"))
            for c in found["contacts"]:
                company = f" · {c['company']}" if c.get("company") else ""
                item = QListWidgetItem(str(c.get("name", "")) + company)
                item.setData(ROLE, contact_target(c))
                self.list.addItem(item)
        if found["notes"]:
            self._header(self.tr("Notes"))
            for n in found["notes"]:
                title = n.get("title") or (n.get("body") or "")[:60]
                item = QListWidgetItem(f"{(n.get('date') or '')[:10]}  {title}".strip())
                item.setData(ROLE, {"kind": "note", **n})
                self.list.addItem(item)
        if self.list.count() == 0:
            self._header(self.tr("Nothing found") if self.search.text() else self.tr("No data yet: import a CRM export (Ctrl+I)"))
        self.list.blockSignals(False)
        self.searched.emit()

    def _current(self, item: QListWidgetItem | None, _prev=None) -> None:
        if item is not None and item.data(ROLE):
            self.selected.emit(item.data(ROLE))

    def clear(self) -> None:
        if self.task is not None:
            self.task.discard()
        self.task = None
        self.timer.stop()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.list.clear()


class Timeline(QWidget):
    """People of the selected account and its notes, newest first."""

    loaded = Signal()

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.task: Task | None = None
        self.subject: dict | None = None
        self.title = QLabel()
        self.title.setObjectName("timelineTitle")
        self.title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.title.setWordWrap(True)
        self.people = QListWidget()
        self.people.setObjectName("peopleList")
        self.people.setAccessibleName(self.tr("People at this account"))
        self.people.setMaximumHeight(110)
        self.notes = QListWidget()
        self.notes.setObjectName("notesTimeline")
        self.notes.setAccessibleName(self.tr("Notes timeline"))
        self.body = SafeTextView(accessible_name=self.tr("Note text"))
        self.body.setObjectName("noteBody")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.notes)
        split.addWidget(self.body)
        split.setSizes([300, 200])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.people)
        lay.addWidget(split, 1)
        self.notes.currentItemChanged.connect(self._show_note)

    def show_subject(self, subject: dict) -> None:
        """Load the notes (and people) of an account or a contact on the store thread."""
        self.subject = subject
        kind, sid = subject["kind"], subject["id"]
        self.title.setText(str(subject.get("name") or subject.get("label") or ""))
        notes_for, list_contacts = core_api.get("notes_for"), core_api.get("list_contacts")

        def work(ctx, task: Task) -> dict:
            conn = ctx.vault.conn
            key = {"account_id": sid} if kind == "account" else {"contact_id": sid}
            notes = notes_for(conn, limit=NOTES_SHOWN, **key) if notes_for else []
            people = []
            if kind == "account" and list_contacts:
                people = [c for c in list_contacts(conn, None) if _belongs(c, subject)]
            return {"notes": notes, "people": people}

        if self.task is not None:
            self.task.discard()
        self.task = self.session.run(work, success=self._loaded, failure=lambda exc: show_error(self, exc))

    def _loaded(self, data: dict) -> None:
        self.people.clear()
        for c in data["people"]:
            item = QListWidgetItem(f"{c.get('name', '')}  <{c.get('email') or '—'}>")
            item.setData(ROLE, contact_target(c))
            self.people.addItem(item)
        self.people.setVisible(bool(data["people"]))
        self.notes.blockSignals(True)
        self.notes.clear()
        self.body.clear()
        for n in data["notes"]:
            flags = _flags(n)
            title = n.get("title") or (n.get("body") or "").split("\n", 1)[0][:80]
            text = f"{(n.get('date') or '')[:10]}  {title}"
            if flags:
                text += "  ⚑ " + ", ".join(flags)
            item = QListWidgetItem(text)
            item.setData(ROLE, n)
            if flags:
                item.setForeground(QBrush(QColor("#8a4b00")))
                item.setToolTip(self.tr("Flagged: %1").replace("%1", ", ".join(flags)))
            self.notes.addItem(item)
        self.notes.blockSignals(False)
        self.loaded.emit()

    def _show_note(self, item: QListWidgetItem | None, _prev=None) -> None:
        note = item.data(ROLE) if item is not None else None
        self.body.set_text((note or {}).get("body") or "")

    def select_note(self, note_id: int) -> bool:
        """Select the note ``note_id`` in the timeline; False when it is not shown."""
        for i in range(self.notes.count()):
            item = self.notes.item(i)
            if int(item.data(ROLE).get("id", -1)) == int(note_id):
                self.notes.setCurrentItem(item)
                self.notes.scrollToItem(item)
                return True
        return False

    def selected_note_id(self) -> int | None:
        item = self.notes.currentItem()
        return int(item.data(ROLE)["id"]) if item is not None else None

    def clear(self) -> None:
        if self.task is not None:
            self.task.discard()
        self.task = None
        self.subject = None
        self.title.clear()
        self.people.clear()
        self.notes.clear()
        self.body.clear()


def _belongs(contact: dict, account: dict) -> bool:
    return contact.get("account_id") is not None and int(contact["account_id"]) == int(account["id"])


def account_target(a: dict) -> dict:
    """A navigator entry for an account row of ``records.list_accounts`` (id "a12", account_id 12)."""
    return {**a, "kind": "account", "id": int(a["account_id"]), "ref": str(a["id"]), "label": a.get("name") or ""}


def contact_target(c: dict) -> dict:
    label = c.get("name") or ""
    if c.get("company"):
        label += f" · {c['company']}"
    return {**c, "kind": "contact", "id": int(c["id"]), "ref": str(c["id"]), "label": label}
