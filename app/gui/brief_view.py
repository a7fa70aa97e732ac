"""The brief a subject opens on (issue 23): facts, risks, what changed, the summary and next steps.

Guarantees (GUI thread; the work runs through :class:`Session`):

- the facts and risks show as soon as the store thread has read them (no model); a brief
  built in the background shows with them, marked when data arrived since;
- otherwise the model's part (summary, next steps) is generated on the generation thread
  when a model is loaded, and a later subject's brief discards a stale result;
- a risk's evidence, a change, an open task or a cited next step is clickable: it opens the
  record in the timeline (``note_requested``);
- "Add as task" saves the checked next steps as open tasks; "Export tasks…" writes the
  subject's open tasks to .ics or a CRM's CSV (IT's ``allow_export`` is obeyed by the core).

Risk texts are core templates marked with ``N_``; this view translates the template and
fills in its fields (never matching English text).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import Cancelled
from app.gui import operations
from app.gui.answer_view import CitationChips, display_text
from app.gui.errors import show_error
from app.gui.highlight import elide
from app.gui.pipeline_view import money
from app.gui.safe_text import SafeTextView
from app.gui.session import Session
from app.gui.workers import Task

NOTE_ROLE = Qt.ItemDataRole.UserRole + 7
STEP_ROLE = Qt.ItemDataRole.UserRole + 8


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - Qt's name, for lupdate
    return text


# The risk rules' templates (app/core/assistant/risks.py), for lupdate and the translator.
RISK_TEMPLATES = (
    QT_TRANSLATE_NOOP("BriefView", "{deal}: no call, meeting, e-mail or note in {days} days (last {date})."),
    QT_TRANSLATE_NOOP("BriefView", "{deal}: the close date {date} has passed."),
    QT_TRANSLATE_NOOP("BriefView", "{deal}: single-threaded, only {name} is involved."),
    QT_TRANSLATE_NOOP("BriefView", "{deal}: no contact is linked to the deal."),
    QT_TRANSLATE_NOOP("BriefView", "Task overdue since {date}: {title}"),
    QT_TRANSLATE_NOOP("BriefView", "{deal}: no next step and no task ahead."),
)
KIND_WORDS = {
    "note": QT_TRANSLATE_NOOP("BriefView", "note"), "call": QT_TRANSLATE_NOOP("BriefView", "call"),
    "meeting": QT_TRANSLATE_NOOP("BriefView", "meeting"), "email": QT_TRANSLATE_NOOP("BriefView", "e-mail"),
    "task": QT_TRANSLATE_NOOP("BriefView", "task"), "deal": QT_TRANSLATE_NOOP("BriefView", "deal"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("BriefView", text)


def risk_text(risk) -> str:
    """A risk in the window's language: its template translated, its fields filled in."""
    return _t(risk.template).format(**dict(risk.fields))


def kind_word(kind: str) -> str:
    """A record's kind (note, call, meeting, …) in the window's language."""
    return _t(KIND_WORDS.get(kind, kind))


def _note_of(evidence) -> int | None:
    for e in evidence:
        if str(e).startswith("n") and str(e)[1:].isdigit():
            return int(str(e)[1:])
    return None


class BriefView(QWidget):
    """The selected subject's brief. ``show_subject`` loads it; ``clear`` empties it."""

    note_requested = Signal(int)  # open this note or activity in the timeline
    shown = Signal(object)  # the Brief on screen (facts, or with the model part)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.brief = None
        self.task: Task | None = None
        self.gen_task: Task | None = None
        self.opened: list[tuple[str, int]] = []  # recently opened subjects, for the idle builder
        self.heading = QLabel()
        self.heading.setObjectName("briefHeading")
        self.heading.setWordWrap(True)
        self.facts = QListWidget()
        self.facts.setObjectName("briefFacts")
        self.facts.setAccessibleName(self.tr("Brief: facts and risks"))
        elide(self.facts)
        self.summary = SafeTextView(accessible_name=self.tr("Summary of what changed"))
        self.summary.setObjectName("briefSummary")
        self.summary.setMaximumHeight(78)
        # The summary's note references ([n12]) become "Sources:" chips that open the note,
        # as under an answer; the text itself shows none.
        self.sources = CitationChips()
        self.sources.setObjectName("briefSources")
        self.steps = QListWidget()
        self.steps.setObjectName("briefNextSteps")
        self.steps.setAccessibleName(self.tr("Next steps"))
        self.steps.setMaximumHeight(84)
        self.add_button = QPushButton(self.tr("Add as task"))
        self.add_button.setObjectName("briefAddTask")
        self.add_button.setToolTip(self.tr("Save the checked next steps as open tasks"))
        self.export_button = QPushButton(self.tr("Export tasks…"))
        self.export_button.setObjectName("briefExport")
        self.export_button.setToolTip(self.tr("Write this subject's open tasks to a calendar file or a CRM import file"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.heading)
        lay.addWidget(self.facts, 1)
        lay.addWidget(QLabel(self.tr("What changed, in short")))
        lay.addWidget(self.summary)
        lay.addWidget(self.sources)
        lay.addWidget(QLabel(self.tr("Next steps")))
        lay.addWidget(self.steps)
        lay.addLayout(buttons)
        self.facts.itemActivated.connect(self._open_item)
        self.facts.itemClicked.connect(self._open_item)
        self.steps.itemActivated.connect(self._open_item)
        self.add_button.clicked.connect(self.add_tasks)
        self.sources.activated.connect(self.note_requested.emit)
        self.export_button.clicked.connect(self.export)
        self.clear()

    # ---- loading --------------------------------------------------------------------------

    def show_subject(self, subject: dict) -> None:
        kind, sid = subject["kind"], int(subject["id"])
        if (kind, sid) in self.opened:
            self.opened.remove((kind, sid))
        self.opened.insert(0, (kind, sid))
        del self.opened[8:]
        self._discard()
        self.heading.setText(self.tr("Loading the brief…"))
        open_brief = operations.open_brief

        def work(ctx, task: Task):
            return open_brief(ctx, kind, sid)

        self.task = self.session.run(work, success=self._opened, failure=lambda exc: show_error(self, exc))

    def _opened(self, opened) -> None:
        self.show_brief(opened.brief)
        if not opened.has_model_part:
            self._generate(opened.brief)

    def _generate(self, facts) -> None:
        """The model's part on the generation thread: load (store), run (generation), save (store)."""
        engine, ctx = self.session.engine, self.session.ctx
        if engine is None or ctx is None:
            self.summary.setPlaceholderText(self.tr("The summary and next steps come when the model is ready."))
            return
        self.summary.setPlaceholderText(self.tr("Writing the summary…"))
        store = self.session.executors.store
        brief_job, save_part = operations.brief_job, operations.save_brief_part

        def work(task: Task):
            if task.cancel.is_set():
                raise Cancelled()
            job = store.call(lambda: brief_job(ctx, facts))
            if task.cancel.is_set():
                raise Cancelled()
            part = job.run(engine, cancel=task.cancel)
            if task.cancel.is_set():
                raise Cancelled()
            return store.call(lambda: save_part(ctx, job, part))

        self.gen_task = self.session.run_background(
            work, success=self.show_brief, failure=lambda exc: None if isinstance(exc, Cancelled) else show_error(self, exc))

    def _discard(self) -> None:
        for t in (self.task, self.gen_task):
            if t is not None:
                t.discard()
        self.task = self.gen_task = None

    # ---- showing --------------------------------------------------------------------------

    def _section(self, text: str) -> None:
        item = QListWidgetItem(text)
        f = item.font()
        f.setBold(True)
        item.setFont(f)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.facts.addItem(item)

    def _line(self, text: str, note_id: int | None = None, warn: bool = False) -> None:
        item = QListWidgetItem("   " + text)
        item.setToolTip(text)
        if note_id is not None:
            item.setData(NOTE_ROLE, int(note_id))
            item.setToolTip(text + "\n" + self.tr("Click to open it in the timeline"))
        if warn:
            item.setForeground(Qt.GlobalColor.darkRed)
        self.facts.addItem(item)

    def show_brief(self, b) -> None:
        self.brief = b
        self.facts.clear()
        self.steps.clear()
        self.summary.clear()
        self.sources.clear()
        heading = self.tr("Brief for %1 — %2").replace("%1", b.subject.name).replace("%2", b.as_of.isoformat())
        if b.stale:
            heading += "  " + self.tr("(new data since this was written)")
        self.heading.setText(heading)
        self._section(self.tr("Last contact"))
        lc = b.last_contact
        if lc is None:
            self._line(self.tr("None on record"))
        else:
            self._line(f"{lc.date}  {kind_word(lc.kind)}", lc.id)
        self._section(self.tr("Deals"))
        if not b.deals:
            self._line(self.tr("No deals"))
        for d in b.deals:
            bits = [d.stage or self.tr("no stage")]
            if d.amount is not None:
                bits.append(money(d.amount_text(), d.currency))  # grouped as on the card: 1 250 000.50 NOK
            if d.close_date:
                bits.append(self.tr("closes %1").replace("%1", d.close_date))
            if d.status == "won":
                bits.insert(0, self.tr("won"))
            elif d.status == "lost":
                bits.insert(0, self.tr("lost"))
            if d.next_step:
                bits.append(self.tr("next: %1").replace("%1", d.next_step))
            self._line(f"{d.name}: " + " · ".join(bits))
        self._section(self.tr("Open tasks (%1)").replace("%1", str(len(b.open_tasks))))
        for t in b.open_tasks:
            due = self.tr("due %1")
            text = t.title + ("  — " + due.replace("%1", t.due) if t.due else "")
            if t.overdue:
                text += "  — " + self.tr("overdue")
            self._line(text, t.id, warn=t.overdue)
        self._section(self.tr("People"))
        if not b.people:
            self._line(self.tr("No people on record"))
        for p in b.people:
            self._line(p.name + (f" ({p.role})" if p.role else "") + (f" <{p.email}>" if p.email else ""))
        self._section(self.tr("What changed since you last looked") if b.changes_since else
                      self.tr("What happened in the last two weeks"))
        if not b.changes:
            self._line(self.tr("Nothing new"))
        for c in b.changes:
            self._line(f"{c.date or ''}  {kind_word(c.kind)}: {c.text}",
                       None if c.kind == "deal" else c.id)
        self._section(self.tr("Risks"))
        if not b.risks:
            self._line(self.tr("No risks found"))
        for r in b.risks:
            self._line("⚠ " + risk_text(r), _note_of(r.evidence), warn=True)
        if b.summary_text:
            self.summary.set_text(display_text(b.summary_text))
        self.sources.set_citations(b.summary_citations)
        for s in b.next_steps:
            due = self.tr("due %1")
            text = s.text + ("  — " + due.replace("%1", s.due) if s.due else "")
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(STEP_ROLE, s)
            if s.citation is not None:
                item.setData(NOTE_ROLE, int(s.citation))
            item.setToolTip(text)
            self.steps.addItem(item)
        self.add_button.setEnabled(bool(b.next_steps))
        self.export_button.setEnabled(True)
        self.shown.emit(b)

    def _open_item(self, item: QListWidgetItem) -> None:
        nid = item.data(NOTE_ROLE)
        if nid is not None:
            self.note_requested.emit(int(nid))

    # ---- actions ----------------------------------------------------------------------------

    def checked_steps(self) -> list:
        return [self.steps.item(i).data(STEP_ROLE) for i in range(self.steps.count())
                if self.steps.item(i).checkState() == Qt.CheckState.Checked]

    def add_tasks(self) -> None:
        b, steps = self.brief, self.checked_steps()
        if b is None or not steps:
            return
        def done(n: int) -> None:
            self.heading.setText(self.heading.text().split("  ✓")[0] + "  ✓ " +
                                 self.tr("%1 tasks added").replace("%1", str(n)))

        self.session.run(lambda ctx, task: operations.add_tasks(ctx, b, steps), success=done,
                         failure=lambda exc: show_error(self, exc))

    def export(self, path: str | None = None, fmt: str | None = None) -> None:
        """Ask where (unless ``path`` is given); .ics, or a CRM's CSV by the filter chosen."""
        b = self.brief
        if b is None:
            return
        if path is None:
            filters = {self.tr("Calendar (*.ics)"): None, self.tr("Salesforce tasks (*.csv)"): "salesforce",
                       self.tr("HubSpot tasks (*.csv)"): "hubspot", self.tr("Pipedrive activities (*.csv)"): "pipedrive"}
            path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export tasks"), "tasks.ics", ";;".join(filters))
            if not path:
                return
            fmt = filters.get(chosen)
        export_tasks = operations.export_tasks
        kind, sid = b.subject.kind, b.subject.id

        def work(ctx, task: Task) -> int:
            return export_tasks(ctx, path, fmt if str(path).lower().endswith(".csv") else None, kind=kind, sid=sid)

        def done(n: int) -> None:
            self.heading.setText(self.heading.text().split("  ✓")[0] + "  ✓ " +
                                 self.tr("%1 tasks exported").replace("%1", str(n)))

        self.session.run(work, success=done, failure=lambda exc: show_error(self, exc))

    def clear(self) -> None:
        self._discard()
        self.brief = None
        self.facts.clear()
        self.steps.clear()
        self.summary.clear()
        self.sources.clear()
        self.heading.setText(self.tr("Choose a person or an account to see their brief."))
        self.add_button.setEnabled(False)
        self.export_button.setEnabled(False)
