"""The card above the timeline: who (or which account) is selected, and what can be done.

A contact's card shows name, title, company, e-mail and phone, the consent flags their CRM
recorded (opted out of e-mail or calls, objected to processing, asked to be forgotten; the
source column as tooltip), and offers "Forget this contact…": the confirmation is pre-filled with what will be deleted (counted on the store
thread) and has No as its default button. An account's card shows its website and how
many people and notes it has. Text that does not fit is elided with the full text as a
tooltip (:class:`ElidedLabel`), never a horizontal scrollbar. Runs on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.model import Subject
from app.gui import operations
from app.gui.errors import show_error
from app.gui.pipeline_view import DealsPanel
from app.gui.session import Session


class ElidedLabel(QLabel):
    """One line of text; "…" at the end when it does not fit, the full text as tooltip."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        self._full = text or ""
        self._elide()

    def full_text(self) -> str:
        return self._full

    def is_elided(self) -> bool:
        return super().text() != self._full

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.width() - 2 * self.margin() - 2, 10)
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")


def forget_question(plan: dict) -> str:
    """The confirmation text for forgetting the contact described by ``plan``."""
    text = QCoreApplication.translate(
        "card", "Forget %1 <%2>? This deletes the contact, %3 notes, %4 conversations and %5 drafts, for good.")
    for i, k in enumerate(("name", "email", "notes", "conversations", "drafts"), start=1):
        text = text.replace(f"%{i}", str(plan.get(k) if plan.get(k) is not None else "—"))
    return text


def ask_forget(parent: QWidget, plan: dict) -> QMessageBox:
    """A window-modal Yes/No question, No the default; opened with ``open()``."""
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("card", "Forget this contact"),
                      forget_question(plan), QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setObjectName("forgetQuestion")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


class SubjectCard(QFrame):
    """The selected contact or account. ``forgotten`` carries the forgotten contact's id."""

    forgotten = Signal(int)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.subject: Subject | None = None
        self.question: QMessageBox | None = None
        self.setObjectName("subjectCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name = ElidedLabel()
        self.name.setObjectName("cardName")
        self.name.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.role = ElidedLabel()
        self.role.setObjectName("cardRole")
        self.email = ElidedLabel()
        self.email.setObjectName("cardEmail")
        self.phone = ElidedLabel()
        self.phone.setObjectName("cardPhone")
        self.consent = QLabel()  # the CRM's consent flags; wraps rather than elides: it matters
        self.consent.setObjectName("cardConsent")
        self.consent.setWordWrap(True)
        self.consent.setStyleSheet("color: #a33;")
        for w in (self.email, self.phone):
            w.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.forget_btn = QPushButton(self.tr("Forget this contact…"))
        self.forget_btn.setObjectName("forgetContact")
        self.forget_btn.setAccessibleName(self.tr("Forget this contact"))
        self.forget_btn.clicked.connect(self.forget)
        self.hint = QLabel()
        self.hint.setObjectName("cardHint")
        self.hint.setWordWrap(True)
        self.deals = DealsPanel()  # open deals, won/lost folded (issue 22); filled by the timeline's load
        lines = QVBoxLayout()
        lines.setSpacing(2)
        for w in (self.name, self.role, self.email, self.phone, self.consent, self.deals, self.hint):
            lines.addWidget(w)
        lay = QHBoxLayout(self)
        lay.addLayout(lines, 1)
        lay.addWidget(self.forget_btn, 0, Qt.AlignmentFlag.AlignTop)
        self.show_subject(None)

    def show_subject(self, subject: Subject | None) -> None:
        self.subject = subject
        kind = subject.kind if subject is not None else None
        for w in (self.role, self.email, self.phone):
            w.setText("")
        self.consent.clear()
        self.consent.setToolTip("")
        self.deals.show_deals([], None)  # the timeline fills them once loaded
        self.forget_btn.setVisible(kind == "contact")
        self.forget_btn.setEnabled(kind == "contact")
        if subject is None:
            self.name.setText(self.tr("Nothing selected"))
            self.hint.setText(self.tr(
                "Choose a person or an account on the left, or search for one (Ctrl+F). "
                "No data yet? Import a CRM export (Ctrl+I)."))
            self.hint.show()
        elif kind == "contact":
            self.hint.hide()
            self.name.setText(subject.name)
            self.role.setText(" · ".join(str(x) for x in (subject.title, subject.company) if x))
            self.email.setText(subject.email or self.tr("No e-mail address"))
            self.phone.setText(subject.phone or self.tr("No phone number"))
            self.show_consent(subject)
        else:
            self.hint.hide()
            self.name.setText(subject.name)
            self.role.setText(self.tr("Account"))
            self.email.setText(subject.website or "")
            if subject.contact_count is not None:
                self.phone.setText(self.tr("%1 people · %2 notes").replace("%1", str(subject.contact_count))
                                   .replace("%2", str(subject.note_count or 0)))
        for w in (self.role, self.email, self.phone):
            w.setVisible(bool(w.full_text()))
        self.consent.setVisible(bool(self.consent.text()))

    def consent_lines(self, subject: Subject) -> list[str]:
        """The contact's consent flags in words (only the ones that are set)."""
        flags = subject.consent or {}
        lines = []
        if flags.get("email_opt_out"):
            lines.append(self.tr("Opted out of e-mail"))
        if flags.get("call_opt_out"):
            lines.append(self.tr("No phone calls"))
        if flags.get("processing_objection"):
            lines.append(self.tr("%1 notes left out: this person objected to processing")
                         .replace("%1", str(subject.note_count or 0)))
        if flags.get("forget_requested"):
            lines.append(self.tr("Asked to be forgotten: Privacy → Forget those who asked"))
        return lines

    def show_consent(self, subject: Subject) -> None:
        lines = self.consent_lines(subject)
        self.consent.setText(" · ".join(lines))
        sources = subject.consent_sources or {}
        if lines and sources:
            self.consent.setToolTip(self.tr("From the CRM: %1").replace("%1", "; ".join(sorted(set(sources.values())))))

    # ---- forgetting ---------------------------------------------------------------------

    def forget(self) -> None:
        """Ask, pre-filled with what will be deleted (No is the default), then forget."""
        subject = self.subject
        if subject is None or subject.kind != "contact":
            return
        contact_id = subject.id
        self.forget_btn.setEnabled(False)
        self.session.run(lambda ctx, task: operations.describe_forget(ctx, str(contact_id)), success=self._ask,
                         failure=lambda exc: (self.forget_btn.setEnabled(True), show_error(self, exc)))

    def _ask(self, plan: dict) -> None:
        self.forget_btn.setEnabled(True)
        box = self.question = ask_forget(self, plan)
        box.finished.connect(lambda _r: self._answered(box.standardButton(box.clickedButton()), int(plan["id"])))
        box.open()

    def _answered(self, answer, contact_id: int) -> None:
        self.question = None
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.forget_btn.setEnabled(False)
        # The operation says what changed (every view refreshes); forgotten: the window clears the subject.
        self.session.run(lambda ctx, task: operations.forget(ctx, contact_id), success=lambda _r: self.forgotten.emit(contact_id),
                         failure=lambda exc: (self.forget_btn.setEnabled(True), show_error(self, exc)))
