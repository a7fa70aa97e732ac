"""The left of the window: accounts, people and notes, searched as you type.

:class:`Navigator` searches 150 ms after the last key, on the store thread: accounts and
contacts by name, and full-text over the notes (FTS5). Each new search discards the previous
one, so a slow old answer never overwrites a newer one. The people list is fetched a page at
a time (:data:`PEOPLE_PAGE`); a last row says how many are shown and loads the next page when
scrolled to or clicked. Runs on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.gui import operations
from app.gui.collation import sort_by_name
from app.gui.errors import show_error
from app.gui.highlight import HIGHLIGHT_ROLE, HighlightDelegate, elide, query_words, snippet
from app.gui.session import Session
from app.gui.workers import Task

ROLE = Qt.ItemDataRole.UserRole
SEARCH_DELAY_MS = 150
PEOPLE_PAGE = 200  # people fetched at a time; scrolling to the end fetches the next page


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
        self.search.installEventFilter(self)  # Down moves into the results
        self.more_task: Task | None = None
        self.more_item: QListWidgetItem | None = None  # "Showing 200 of 415 people…"
        self.query: str | None = None
        self.people_shown = self.people_total = 0
        self.list = QListWidget()
        self.list.setObjectName("navigatorList")
        self.list.setAccessibleName(self.tr("Accounts and contacts"))
        elide(self.list)
        self.list.setItemDelegate(HighlightDelegate(self.list))
        # The user scrolling to the end loads the next page. Only the user's own scrolling (wheel, drag,
        # the bar's arrows): the list also scrolls by itself, e.g. to keep the current row in view when
        # a page is appended, and that must not chain into loading every page.
        self.list.verticalScrollBar().actionTriggered.connect(self._scrolled)
        self.list.itemClicked.connect(lambda item: self._current(item) if item is self.more_item else None)
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

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if obj is self.search and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            for i in range(self.list.count()):
                if self.list.item(i).flags() & Qt.ItemFlag.ItemIsSelectable:
                    self.list.setFocus()
                    self.list.setCurrentRow(i)
                    return True
        return super().eventFilter(obj, event)

    def refresh(self) -> None:
        """Run the search for the current text (store thread) and show the results."""
        if not self.session.is_open:
            return
        query = self.search.text().strip() or None
        list_accounts, list_contacts = operations.list_accounts, operations.list_contacts
        search_notes = operations.search_notes

        def work(ctx, task: Task) -> dict:
            from app.core.vault.records import count_contacts

            conn = ctx.vault.conn
            contacts = list_contacts(conn, query, limit=PEOPLE_PAGE) if list_contacts else []
            notes = search_notes(conn, query, limit=20) if (query and search_notes) else []
            return {
                "accounts": list_accounts(conn, query) if list_accounts else [],
                "contacts": contacts,
                "contacts_total": count_contacts(conn, query) if len(contacts) >= PEOPLE_PAGE else len(contacts),
                "notes": [{**n, "owner": note_owner(conn, n)} for n in notes],
                "query": query,
            }

        if self.task is not None:
            self.task.discard()
        self.task = self.session.run(work, success=self._show, failure=lambda exc: show_error(self, exc))

    def _header(self, text: str, row: int | None = None) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = QFont()
        font.setBold(True)
        item.setFont(font)
        self._add(item, row)
        return item

    def _add(self, item: QListWidgetItem, row: int | None = None) -> None:
        item.setToolTip(item.text())  # the full text when the list elides it
        if row is None:
            self.list.addItem(item)
        else:
            self.list.insertItem(row, item)

    def _show(self, found: dict) -> None:
        self.more_item = None  # before clear(): clearing scrolls, and a scroll may ask for more
        if self.more_task is not None:
            self.more_task.discard()
            self.more_task = None
        self.list.blockSignals(True)
        self.list.clear()
        self.query = found.get("query")
        self.people_shown = 0
        self.people_total = int(found.get("contacts_total", len(found["contacts"])))
        if found["accounts"]:
            self._header(self.tr("Accounts"))
            for a in sort_by_name(found["accounts"]):
                target = account_target(a)
                item = QListWidgetItem(target["name"])
                item.setData(ROLE, target)
                self._add(item)
        if found["contacts"]:
            self._header(self.tr("People"))
            self._add_people(found["contacts"])
        if found["notes"]:
            self._header(self.tr("Notes"))
            words = query_words(found.get("query") or "")
            for n in found["notes"]:
                # Whose note it is, its title, and the words found in context.
                title = n.get("title") or ""
                parts = [(n.get("date") or "")[:10], n.get("owner") or "", title]
                text = "  ".join(p for p in parts if p)
                hit = snippet(n.get("body") or "", words)
                if hit:
                    text += " — " + hit
                item = QListWidgetItem(text)
                item.setData(ROLE, {"kind": "note", **n})
                item.setData(HIGHLIGHT_ROLE, words)
                self._add(item)
        if self.list.count() == 0:
            self._header(self.tr("Nothing found") if self.search.text() else self.tr("No data yet: import a CRM export (Ctrl+I)"))
        self.list.blockSignals(False)
        self.searched.emit()

    def _add_people(self, contacts: list[dict]) -> None:
        """Append a page of people (before the "more" row, if any) and update that row."""
        row = self.list.row(self.more_item) if self.more_item is not None else None
        if self.more_item is not None:
            self.list.takeItem(row)
            self.more_item = None
        if row is None:
            # After the last person: the end of the list, or just before the Notes header.
            row = self.list.count()
        for c in sort_by_name(contacts):
            company = f" · {c['company']}" if c.get("company") else ""
            item = QListWidgetItem(str(c.get("name", "")) + company)
            item.setData(ROLE, contact_target(c))
            self._add(item, row)
            row += 1
        self.people_shown += len(contacts)
        if self.people_shown < self.people_total:
            text = self.tr("Showing %1 of %2 people: scroll down or click here for more").replace(
                "%1", str(self.people_shown)).replace("%2", str(self.people_total))
            self.more_item = QListWidgetItem(text)
            self.more_item.setData(ROLE, {"kind": "more"})
            font = QFont()
            font.setItalic(True)
            self.more_item.setFont(font)
            self._add(self.more_item, row)

    def more(self) -> None:
        """Load the next page of people (store thread) and append it."""
        if self.more_item is None or self.more_task is not None or not self.session.is_open:
            return
        list_contacts = operations.list_contacts
        query, offset = self.query, self.people_shown

        def work(ctx, task: Task) -> list[dict]:
            return list_contacts(ctx.vault.conn, query, limit=PEOPLE_PAGE, offset=offset)

        def done(contacts: list[dict]) -> None:
            self.more_task = None
            self.list.blockSignals(True)
            self._add_people(contacts)
            self.list.blockSignals(False)
            self.searched.emit()

        def failed(exc) -> None:
            self.more_task = None
            show_error(self, exc)

        self.more_task = self.session.run(work, success=done, failure=failed)

    def _scrolled(self, _action: int) -> None:
        bar = self.list.verticalScrollBar()  # sliderPosition: where the action moves the bar to
        if self.more_item is not None and bar.maximum() > 0 and bar.sliderPosition() >= bar.maximum() - 2:
            self.more()

    def _current(self, item: QListWidgetItem | None, _prev=None) -> None:
        data = item.data(ROLE) if item is not None else None
        if data and data.get("kind") == "more":
            self.more()
        elif data:
            self.selected.emit(data)

    def clear(self) -> None:
        for t in (self.task, self.more_task):
            if t is not None:
                t.discard()
        self.task = self.more_task = None
        self.more_item = None
        self.timer.stop()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.list.clear()


def note_owner(conn, note: dict) -> str:
    """"Kari Nordmann (Fjord Logistikk AS)" or the account's name: whose note it is. Store thread."""
    if note.get("contact_id"):
        row = conn.execute("SELECT c.full_name, a.name FROM contacts c LEFT JOIN accounts a ON a.id = c.account_id "
                           "WHERE c.id = ?", (note["contact_id"],)).fetchone()
        if row:
            return f"{row[0]} ({row[1]})" if row[1] else str(row[0])
    if note.get("account_id"):
        row = conn.execute("SELECT name FROM accounts WHERE id = ?", (note["account_id"],)).fetchone()
        if row:
            return str(row[0])
    return ""


def account_target(a: dict) -> dict:
    """A navigator entry for an account row of ``records.list_accounts`` (id "a12", account_id 12)."""
    name = a.get("name") or ""
    if a.get("unlinked"):  # the importer's holder account, named in the window's language
        name = QCoreApplication.translate("Navigator", "Unlinked notes")
    return {**a, "kind": "account", "id": int(a["account_id"]), "ref": str(a["id"]), "name": name, "label": name}


def contact_target(c: dict) -> dict:
    label = c.get("name") or ""
    if c.get("company"):
        label += f" · {c['company']}"
    return {**c, "kind": "contact", "id": int(c["id"]), "ref": str(c["id"]), "label": label}
