"""The middle of the window: the selected subject's card, an account's people and the notes.

:class:`Timeline` shows the card (:mod:`app.gui.card`), an account's people and the notes,
newest first, with their flags; a note's text is shown as inert plain text. Empty lists say
what to do; long entries are elided with the full text as a tooltip. Runs on the GUI thread.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QSplitter, QTabWidget,
                               QVBoxLayout, QWidget)

from app.core.model import Changes, Subject, SubjectRef
from app.gui import operations
from app.gui.brief_view import BriefView
from app.gui.card import SubjectCard
from app.gui.collation import sort_by_name
from app.gui.errors import show_error
from app.gui.flags import note_flag
from app.gui.highlight import elide
from app.gui.navigator import ROLE, shown_account
from app.gui.pipeline_view import filter_choices, kind_icon, kind_name, task_state
from app.gui.safe_text import SafeTextView
from app.gui.session import Session
from app.gui.workers import Task

NOTES_SHOWN = 500


def _flags(note: dict) -> list[str]:
    f = note.get("flags") or []
    if isinstance(f, str):
        try:
            f = json.loads(f)
        except ValueError:
            f = []
    return [str(x) for x in f]


class Timeline(QWidget):
    """The selected subject's card, its people (an account's) and its notes, newest first."""

    loaded = Signal()
    forgotten = Signal(int)  # a contact was forgotten from its card

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.task: Task | None = None
        self.ref: SubjectRef | None = None  # what is shown (its card may still be loading)
        self.subject: Subject | None = None
        self._brief_ref: SubjectRef | None = None  # whose brief is shown
        self._refreshing = False  # the next load follows a change in the vault
        session.data_changed.connect(self._data_changed)
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
        # Each item shows its kind (note, call, meeting, e-mail, task) with an icon; this filter keeps one kind.
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("kindFilter")
        self.kind_filter.setAccessibleName(self.tr("Show only this kind"))
        for label, kind in filter_choices():
            self.kind_filter.addItem(label, kind)
        self.kind_filter.currentIndexChanged.connect(self._apply_filter)
        self.items: list[dict] = []
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
        bar = QHBoxLayout()
        shown = QLabel(self.tr("Show:"))
        shown.setBuddy(self.kind_filter)
        bar.addWidget(shown)
        bar.addWidget(self.kind_filter)
        bar.addStretch(1)
        # A subject opens on its brief (issue 23); the timeline (with its kind filter) is one click away.
        page = QWidget()
        page_lay = QVBoxLayout(page)
        page_lay.setContentsMargins(0, 0, 0, 0)
        page_lay.addLayout(bar)
        page_lay.addWidget(split, 1)
        self.brief = BriefView(session)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("subjectTabs")
        self.tabs.addTab(self.brief, self.tr("Brief"))
        self.tabs.addTab(page, self.tr("Timeline"))
        self.brief.note_requested.connect(self.select_note)
        lay.addWidget(self.tabs, 1)
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

    def show_subject(self, subject: Subject | SubjectRef) -> None:
        """Load the card, the brief, the notes and activities (and an account's people) of
        ``subject`` on the store thread."""
        if isinstance(subject, Subject):
            self.ref, self.subject = subject.subject_ref, subject
            self.card.show_subject(subject)
            self._show_brief(subject)
        else:
            self.ref = subject
        ref = self.ref
        if self.task is not None:
            self.task.discard()
        self.task = self.session.run(lambda ctx, task: operations.subject_view(ctx, ref, limit=NOTES_SHOWN),
                                     success=self._loaded, failure=lambda exc: show_error(self, exc))

    def _show_brief(self, subject: Subject, *, refresh: bool = False) -> None:
        """A newly shown subject opens on its brief; a refresh rebuilds it where it is."""
        if self._brief_ref != subject.subject_ref:
            self._brief_ref = subject.subject_ref
            self.brief.show_subject(subject)
            self.tabs.setCurrentWidget(self.brief)
        elif refresh:
            self.brief.show_subject(subject)

    def _data_changed(self, changes: Changes) -> None:
        """Contacts, accounts or notes changed: show the subject again (or nothing, if it is gone)."""
        if changes.records and self.ref is not None:
            self._refreshing = True
            self.show_subject(self.ref)

    def _loaded(self, view) -> None:
        if view.subject is None:  # forgotten (or never there): nothing is shown
            self.clear()
            self.loaded.emit()
            return
        self.subject = shown_account(view.subject) if view.subject.kind == "account" else view.subject
        self.card.show_subject(self.subject)
        self._show_brief(self.subject, refresh=self._refreshing)
        self._refreshing = False
        self.card.deals.show_deals([d.as_json() for d in view.deals],
                                   self.subject.id if self.subject.kind == "contact" else None)
        self.people.clear()
        for c in sort_by_name(view.people):
            item = QListWidgetItem(f"{c.name}  <{c.email or '—'}>")
            item.setData(ROLE, c)
            item.setToolTip(item.text())
            self.people.addItem(item)
        self.people.setVisible(bool(view.people))
        shown = self.selected_note_id()
        # Notes and activities (calls, meetings, e-mails, tasks) with their kind, due and done.
        self.items = [{**i.as_json(), "kind": i.kind, "contact_id": i.contact_id, "account_id": i.account_id}
                      for i in view.items]
        self._fill()
        if shown is not None:
            self.select_note(shown, show=False)  # a refresh keeps the note the user was reading
        self.loaded.emit()

    def _apply_filter(self, _index: int = 0) -> None:
        if self.subject is not None:
            self._fill()

    def _fill(self) -> None:
        """The loaded items of the chosen kind: an icon per kind, tasks with due/done/overdue."""
        want = self.kind_filter.currentData()
        shown = [n for n in self.items if want is None or n.get("kind", "note") == want]
        self.notes.blockSignals(True)
        self.notes.clear()
        self.body.clear()
        for n in shown:
            flags = [note_flag(f) for f in _flags(n)]  # in words, never the flag's kind
            kind = n.get("kind", "note")
            title = n.get("title") or (n.get("body") or "").split("\n", 1)[0][:80]
            text = f"{(n.get('date') or '')[:10]}  {title}"
            state = task_state(n)
            if state:
                text += f"  [{state}]"
            if flags:
                text += "  ⚑ " + ", ".join(flags)
            item = QListWidgetItem(kind_icon(kind, bool(n.get("done"))), text)
            item.setData(ROLE, n)
            item.setToolTip(f"{kind_name(kind)}: {text}")
            if flags:
                item.setForeground(QBrush(QColor("#8a4b00")))
                item.setToolTip(self.tr("Flagged: %1").replace("%1", ", ".join(flags)))
            elif "—" in state:  # overdue
                item.setForeground(QBrush(QColor("#a00000")))
            self.notes.addItem(item)
        if self.items and not shown:
            self._empty(self.tr("Nothing of this kind here. Choose “All kinds” to see everything."))
        elif not self.items:
            self._empty(self.tr("No notes for this contact yet. Import a CRM export with notes (Ctrl+I).")
                        if self.subject is not None and self.subject.kind == "contact" else
                        self.tr("No notes for this account yet. Import a CRM export with notes (Ctrl+I)."))
        self.notes.blockSignals(False)

    def _show_note(self, item: QListWidgetItem | None, _prev=None) -> None:
        note = item.data(ROLE) if item is not None else None
        self.body.set_text((note or {}).get("body") or "")

    def select_note(self, note_id: int, *, show: bool = True) -> bool:
        """Select the note ``note_id`` in the timeline (``show``: bring the timeline tab
        forward); False when it is not shown."""
        for i in range(self.notes.count()):
            item = self.notes.item(i)
            if item.data(ROLE) and int(item.data(ROLE).get("id", -1)) == int(note_id):
                if show:
                    self.tabs.setCurrentIndex(1)
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
        self.ref = self.subject = self._brief_ref = None
        self.items = []
        self.card.show_subject(None)
        self.brief.clear()
        self.people.clear()
        self.people.setVisible(False)
        self.body.clear()
        self._empty(self.tr("Choose a person or an account to see their notes."))
