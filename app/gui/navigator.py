"""The left of the window: accounts, people and notes, searched as you type.

:class:`Navigator` searches 150 ms after the last key, on the store thread: accounts and
contacts by name, and full-text over the notes (FTS5). Each new search discards the previous
one, so a slow old answer never overwrites a newer one. The people list is fetched a page at
a time (:data:`PEOPLE_PAGE`); a last row says how many are shown and loads the next page when
scrolled to or clicked. Runs on the GUI thread.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.core.model import Changes, Subject
from app.gui import operations
from app.gui.collation import sort_by_name
from app.gui.errors import show_error
from app.gui.highlight import HIGHLIGHT_ROLE, HighlightDelegate, elide, query_words, snippet
from app.gui.session import Session
from app.gui.workers import Task

ROLE = Qt.ItemDataRole.UserRole
MORE = "more"  # the data of the last row, "Showing 200 of 415 people…"
SEARCH_DELAY_MS = 150
PEOPLE_PAGE = 200  # people fetched at a time; scrolling to the end fetches the next page


class Navigator(QWidget):
    selected = Signal(object)  # the Subject (a contact or an account) or the Note chosen
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
        session.data_changed.connect(self._data_changed)

    def _data_changed(self, changes: Changes) -> None:
        """Contacts, accounts or notes changed (an import, a forgotten contact): search again."""
        if changes.records:
            self.refresh()

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
        if self.task is not None:
            self.task.discard()
        self.task = self.session.run(lambda ctx, task: operations.search(ctx, query, people=PEOPLE_PAGE),
                                     success=self._show, failure=lambda exc: show_error(self, exc))

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

    def _show(self, found) -> None:
        """Show a :class:`~app.core.operations.Found`: each entry's data is its Subject or Note."""
        self.more_item = None  # before clear(): clearing scrolls, and a scroll may ask for more
        if self.more_task is not None:
            self.more_task.discard()
            self.more_task = None
        self.list.blockSignals(True)
        self.list.clear()
        self.query = found.query
        self.people_shown = 0
        self.people_total = found.contacts_total
        if found.accounts:
            self._header(self.tr("Accounts"))
            for a in sort_by_name(found.accounts):
                a = shown_account(a)
                item = QListWidgetItem(a.name)
                item.setData(ROLE, a)
                self._add(item)
        if found.contacts:
            self._header(self.tr("People"))
            self._add_people(found.contacts)
        if found.notes:
            self._header(self.tr("Notes"))
            words = query_words(found.query or "")
            for n in found.notes:
                # Whose note it is, its title, and the words found in context.
                parts = [(n.date or "")[:10], n.contact_name or "", n.title or ""]
                text = "  ".join(p for p in parts if p)
                hit = snippet(n.body, words)
                if hit:
                    text += " — " + hit
                item = QListWidgetItem(text)
                item.setData(ROLE, n)
                item.setData(HIGHLIGHT_ROLE, words)
                self._add(item)
        if self.list.count() == 0:
            self._header(self.tr("Nothing found") if self.search.text() else self.tr("No data yet: import a CRM export (Ctrl+I)"))
        self.list.blockSignals(False)
        self.searched.emit()

    def _add_people(self, contacts: list[Subject]) -> None:
        """Append a page of people (before the "more" row, if any) and update that row."""
        row = self.list.row(self.more_item) if self.more_item is not None else None
        if self.more_item is not None:
            self.list.takeItem(row)
            self.more_item = None
        if row is None:
            # After the last person: the end of the list, or just before the Notes header.
            row = self.list.count()
        for c in sort_by_name(contacts):
            item = QListWidgetItem(c.label)
            item.setData(ROLE, c)
            self._add(item, row)
            row += 1
        self.people_shown += len(contacts)
        if self.people_shown < self.people_total:
            text = self.tr("Showing %1 of %2 people: scroll down or click here for more").replace(
                "%1", str(self.people_shown)).replace("%2", str(self.people_total))
            self.more_item = QListWidgetItem(text)
            self.more_item.setData(ROLE, MORE)
            font = QFont()
            font.setItalic(True)
            self.more_item.setFont(font)
            self._add(self.more_item, row)

    def more(self) -> None:
        """Load the next page of people (store thread) and append it."""
        if self.more_item is None or self.more_task is not None or not self.session.is_open:
            return
        query, offset = self.query, self.people_shown

        def done(contacts: list[Subject]) -> None:
            self.more_task = None
            self.list.blockSignals(True)
            self._add_people(contacts)
            self.list.blockSignals(False)
            self.searched.emit()

        def failed(exc) -> None:
            self.more_task = None
            show_error(self, exc)

        self.more_task = self.session.run(lambda ctx, task: operations.people_page(ctx, query, offset, PEOPLE_PAGE),
                                          success=done, failure=failed)

    def _scrolled(self, _action: int) -> None:
        bar = self.list.verticalScrollBar()  # sliderPosition: where the action moves the bar to
        if self.more_item is not None and bar.maximum() > 0 and bar.sliderPosition() >= bar.maximum() - 2:
            self.more()

    def _current(self, item: QListWidgetItem | None, _prev=None) -> None:
        data = item.data(ROLE) if item is not None else None
        if data == MORE:
            self.more()
        elif data is not None:
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


def shown_account(a: Subject) -> Subject:
    """An account as the window names it: the importer's holder in the window's language."""
    if a.unlinked:
        return replace(a, name=QCoreApplication.translate("Navigator", "Unlinked notes"))
    return a
