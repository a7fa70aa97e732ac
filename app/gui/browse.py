"""The left and middle of the window: accounts and contacts with search, and the notes.

:class:`Navigator` searches as you type (150 ms after the last key) on the store thread:
accounts and contacts by name, and full-text over the notes (FTS5). Each new search
discards the previous one, so a slow old answer never overwrites a newer one.

:class:`Timeline` shows the selected subject's card (:mod:`app.gui.card`), an account's
people and the notes, newest first, with their flags; a note's text is shown as inert plain
text. The people list is fetched a page at a time (:data:`PEOPLE_PAGE`); a last row says how
many are shown and loads the next page when scrolled to or clicked. Empty lists say what to
do; long entries are elided with the full text as a tooltip. Runs on the GUI thread.
"""

from __future__ import annotations

import json
import re

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPalette, QTextLayout
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.gui import core_api
from app.gui.card import SubjectCard
from app.gui.errors import show_error
from app.gui.collation import sort_by_name
from app.gui.flags import note_flag
from app.gui.ops import Task
from app.gui.safe_text import SafeTextView
from app.gui.session import Session

ROLE = Qt.ItemDataRole.UserRole
HIGHLIGHT_ROLE = Qt.ItemDataRole.UserRole + 1  # the words to highlight in an entry
SEARCH_DELAY_MS = 150
NOTES_SHOWN = 500
PEOPLE_PAGE = 200  # people fetched at a time; scrolling to the end fetches the next page


def elide(view: QListWidget) -> None:
    """Long entries end in "…" (their tooltip has the full text), never a horizontal scrollbar."""
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setWordWrap(False)
    view.setUniformItemSizes(True)


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
        list_accounts, list_contacts = core_api.list_accounts, core_api.list_contacts
        search_notes = core_api.search_notes

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
        list_contacts = core_api.list_contacts
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


class Timeline(QWidget):
    """The selected subject's card, its people (an account's) and its notes, newest first."""

    loaded = Signal()
    forgotten = Signal(int)  # a contact was forgotten from its card

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.task: Task | None = None
        self.subject: dict | None = None
        self.card = SubjectCard(session)
        self.card.forgotten.connect(self.forgotten)
        self.title = self.card.name  # the subject's name, elided when long
        self.people = QListWidget()
        self.people.setObjectName("peopleList")
        self.people.setAccessibleName(self.tr("People at this account"))
        self.people.setMaximumHeight(110)
        elide(self.people)
        self.notes = QListWidget()
        self.notes.setObjectName("notesTimeline")
        self.notes.setAccessibleName(self.tr("Notes timeline"))
        elide(self.notes)
        self.body = SafeTextView(accessible_name=self.tr("Note text"))
        self.body.setObjectName("noteBody")
        self.body.setPlaceholderText(self.tr("Select a note above to read it here."))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.notes)
        split.addWidget(self.body)
        split.setSizes([300, 200])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.card)
        lay.addWidget(self.people)
        lay.addWidget(split, 1)
        self.notes.currentItemChanged.connect(self._show_note)
        self.people.setVisible(False)
        self._empty(self.tr("Choose a person or an account to see their notes."))

    def _empty(self, text: str) -> None:
        """An empty list says what to do instead of being an unlabelled white box."""
        self.notes.clear()
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setToolTip(text)
        self.notes.addItem(item)

    def show_subject(self, subject: dict) -> None:
        """Load the notes (and people) of an account or a contact on the store thread."""
        self.subject = subject
        kind, sid = subject["kind"], subject["id"]
        self.card.show_subject(subject)
        notes_for, list_contacts = core_api.notes_for, core_api.list_contacts

        def work(ctx, task: Task) -> dict:
            from app.core.vault.records import get_contact

            conn = ctx.vault.conn
            key = {"account_id": sid} if kind == "account" else {"contact_id": sid}
            notes = notes_for(conn, limit=NOTES_SHOWN, **key) if notes_for else []
            people = []
            if kind == "account" and list_contacts:
                people = [c for c in list_contacts(conn, None) if _belongs(c, subject)]
            contact = get_contact(conn, int(sid)) if kind == "contact" else None
            return {"notes": notes, "people": people, "contact": contact}

        if self.task is not None:
            self.task.discard()
        self.task = self.session.run(work, success=self._loaded, failure=lambda exc: show_error(self, exc))

    def _loaded(self, data: dict) -> None:
        if data.get("contact") is not None and self.subject is not None:
            # The navigator's entry may be partial (a note's contact): show the full card.
            self.subject = {**contact_target(data["contact"]), **{k: v for k, v in self.subject.items() if v}}
            self.card.show_subject(self.subject)
        self.people.clear()
        for c in sort_by_name(data["people"]):
            item = QListWidgetItem(f"{c.get('name', '')}  <{c.get('email') or '—'}>")
            item.setData(ROLE, contact_target(c))
            item.setToolTip(item.text())
            self.people.addItem(item)
        self.people.setVisible(bool(data["people"]))
        self.notes.blockSignals(True)
        self.notes.clear()
        self.body.clear()
        for n in data["notes"]:
            flags = [note_flag(f) for f in _flags(n)]  # in words, never the flag's kind
            title = n.get("title") or (n.get("body") or "").split("\n", 1)[0][:80]
            text = f"{(n.get('date') or '')[:10]}  {title}"
            if flags:
                text += "  ⚑ " + ", ".join(flags)
            item = QListWidgetItem(text)
            item.setData(ROLE, n)
            item.setToolTip(text)
            if flags:
                item.setForeground(QBrush(QColor("#8a4b00")))
                item.setToolTip(self.tr("Flagged: %1").replace("%1", ", ".join(flags)))
            self.notes.addItem(item)
        if not data["notes"]:
            self._empty(self.tr("No notes for this contact yet. Import a CRM export with notes (Ctrl+I).")
                        if (self.subject or {}).get("kind") == "contact" else
                        self.tr("No notes for this account yet. Import a CRM export with notes (Ctrl+I)."))
        self.notes.blockSignals(False)
        self.loaded.emit()

    def _show_note(self, item: QListWidgetItem | None, _prev=None) -> None:
        note = item.data(ROLE) if item is not None else None
        self.body.set_text((note or {}).get("body") or "")

    def select_note(self, note_id: int) -> bool:
        """Select the note ``note_id`` in the timeline; False when it is not shown."""
        for i in range(self.notes.count()):
            item = self.notes.item(i)
            if item.data(ROLE) and int(item.data(ROLE).get("id", -1)) == int(note_id):
                self.notes.setCurrentItem(item)
                self.notes.scrollToItem(item)
                return True
        return False

    def selected_note_id(self) -> int | None:
        item = self.notes.currentItem()
        return int(item.data(ROLE)["id"]) if item is not None and item.data(ROLE) else None

    def clear(self) -> None:
        if self.task is not None:
            self.task.discard()
        self.task = None
        self.subject = None
        self.card.show_subject(None)
        self.people.clear()
        self.people.setVisible(False)
        self.body.clear()
        self._empty(self.tr("Choose a person or an account to see their notes."))


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


def _belongs(contact: dict, account: dict) -> bool:
    return contact.get("account_id") is not None and int(contact["account_id"]) == int(account["id"])


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
