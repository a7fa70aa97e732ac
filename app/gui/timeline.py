"""The middle of the window: the selected subject's card, an account's people and the notes.

:class:`Timeline` shows the card (:mod:`app.gui.card`), an account's people and the notes,
newest first, with their flags; a note's text is shown as inert plain text. Empty lists say
what to do; long entries are elided with the full text as a tooltip. Runs on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QSplitter, QVBoxLayout, QWidget

from app.core.model import Changes, Note, Subject, SubjectRef
from app.gui import operations
from app.gui.card import SubjectCard
from app.gui.errors import show_error
from app.gui.highlight import elide
from app.gui.navigator import ROLE, shown_account
from app.gui.safe_text import SafeTextView
from app.gui.session import Session
from app.gui.workers import Task

NOTES_SHOWN = 500


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

    def show_subject(self, subject: Subject | SubjectRef) -> None:
        """Load the card, the notes (and an account's people) of ``subject`` on the store thread."""
        if isinstance(subject, Subject):
            self.ref, self.subject = subject.subject_ref, subject
            self.card.show_subject(subject)
        else:
            self.ref = subject
        ref = self.ref
        if self.task is not None:
            self.task.discard()
        self.task = self.session.run(lambda ctx, task: operations.subject_view(ctx, ref, limit=NOTES_SHOWN),
                                     success=self._loaded, failure=lambda exc: show_error(self, exc))

    def _data_changed(self, changes: Changes) -> None:
        """Contacts, accounts or notes changed: show the subject again (or nothing, if it is gone)."""
        if changes.records and self.ref is not None:
            self.show_subject(self.ref)

    def _loaded(self, view) -> None:
        if view.subject is None:  # forgotten (or never there): nothing is shown
            self.clear()
            self.loaded.emit()
            return
        self.subject = shown_account(view.subject) if view.subject.kind == "account" else view.subject
        self.card.show_subject(self.subject)
        self.people.clear()
        for c in view.people:
            item = QListWidgetItem(f"{c.name}  <{c.email or '—'}>")
            item.setData(ROLE, c)
            item.setToolTip(item.text())
            self.people.addItem(item)
        self.people.setVisible(bool(view.people))
        shown = self.selected_note_id()
        self.notes.blockSignals(True)
        self.notes.clear()
        self.body.clear()
        for n in view.notes:
            title = n.title or n.body.split("\n", 1)[0][:80]
            text = f"{(n.date or '')[:10]}  {title}"
            if n.flags:
                text += "  ⚑ " + ", ".join(n.flags)
            item = QListWidgetItem(text)
            item.setData(ROLE, n)
            item.setToolTip(text)
            if n.flags:
                item.setForeground(QBrush(QColor("#8a4b00")))
                item.setToolTip(self.tr("Flagged: %1").replace("%1", ", ".join(n.flags)))
            self.notes.addItem(item)
        if not view.notes:
            self._empty(self.tr("No notes for this contact yet. Import a CRM export with notes (Ctrl+I).")
                        if view.subject.kind == "contact" else
                        self.tr("No notes for this account yet. Import a CRM export with notes (Ctrl+I)."))
        self.notes.blockSignals(False)
        if shown is not None:
            self.select_note(shown)  # a refresh keeps the note the user was reading
        self.loaded.emit()

    def _show_note(self, item: QListWidgetItem | None, _prev=None) -> None:
        note = item.data(ROLE) if item is not None else None
        self.body.set_text(note.body if isinstance(note, Note) else "")

    def select_note(self, note_id: int) -> bool:
        """Select the note ``note_id`` in the timeline; False when it is not shown."""
        for i in range(self.notes.count()):
            item = self.notes.item(i)
            note = item.data(ROLE)
            if isinstance(note, Note) and note.id == int(note_id):
                self.notes.setCurrentItem(item)
                self.notes.scrollToItem(item)
                return True
        return False

    def selected_note_id(self) -> int | None:
        note = self.notes.currentItem().data(ROLE) if self.notes.currentItem() is not None else None
        return note.id if isinstance(note, Note) else None

    def clear(self) -> None:
        if self.task is not None:
            self.task.discard()
        self.task = None
        self.ref = self.subject = None
        self.card.show_subject(None)
        self.people.clear()
        self.people.setVisible(False)
        self.body.clear()
        self._empty(self.tr("Choose a person or an account to see their notes."))
