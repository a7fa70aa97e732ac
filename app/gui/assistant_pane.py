"""The assistant pane: the draft's options, Draft / Summarise / Ask, the thread of versions.

A task loads its notes on the store thread, generates on the generation thread and saves on
the store thread (:meth:`Session.assist`), so browsing and search stay responsive; engine
events come out through ``Task.progress``: queued signals to this pane, filtered of prompt
markup (:class:`~app.gui.answer_view.MarkupFilter`) and batched into the view every 40 ms.
Selecting a subject starts reading its notes into the model (:meth:`Session.prefill`),
shown by a quiet "Reading notes… 40 %" / "Ready". A long task says how far it is ("Reading
33 notes… 40 % · about 1 min left"). Stop sets the task's cancel event: the engine stops
within one token and the core saves nothing half-done. Starting a new task, locking or
closing discards the old one, so its late chunks are ignored.

Before an answer the pane shows three steps and the subject's earlier drafts and answers.
The answer is a thread (:mod:`app.gui.versions`): each instruction, then the version it
made; every version is kept, and one the user edits by hand is stored as a version of its
own (:mod:`app.gui.answer_actions`: Edit, Copy, Save as .eml take the version shown).
Selecting another subject clears the answer. Runs on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.assistant.generation import Step
from app.core.privacy.consent import OptOutRefused
from app.core.llm.events import AnswerChunk, Done, PromptProgress, ReasoningChunk, ServerBusy, ThinkingProgress
from app.gui import operations
from app.gui.answer_actions import AnswerActions
from app.gui.answer_view import CitationChips, MarkupFilter, ProgressLine, StartHint, display_text
from app.gui.draft_options import DraftOptions
from app.gui.errors import show_error
from app.gui.flags import answer_flags
from app.gui.workers import Cancelled, Task
from app.gui.pane_history import PaneHistory
from app.gui.safe_text import SafeTextView, StreamBuffer
from app.gui.session import Session
from app.gui.stopped_answer import StoppedBar, busy_text
from app.gui.versions import ThreadView, Version, first_instruction


class AssistantPane(PaneHistory, AnswerActions, QWidget):
    citation_activated = Signal(int)  # note id
    stats_changed = Signal(str)  # tokens per second, for a tooltip
    busy_changed = Signal(bool)
    subject_reopened = Signal(dict)  # a reopened conversation's subject: the card shows it

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("assistantPane")
        self.target: dict | None = None  # {"kind", "id", "label", "email"}
        self.task: Task | None = None
        self.result = None  # the Version shown
        self.conversation_id: int | None = None
        self._last_call = None
        self.stopped = False
        self._label = ""  # the running task's state line
        self._instruction = ""  # the question or follow-up of the running task, for the thread
        self._kind = ""  # the running task: "draft", "summarize", "ask" or "revise"
        self.extra_options: dict = {}  # extra core Options for every task (tests, benchmarks)
        self.chunks = 0  # answer chunks received for the current task
        self.pii_box = None  # the open "personal numbers" question, if any
        self.progress_line = ProgressLine()
        self.markup = MarkupFilter()

        self.options = DraftOptions(session)
        self.draft_btn = self._button(self.tr("&Draft follow-up"), "draftButton", self.draft)
        self.summary_btn = self._button(self.tr("&Summarise"), "summariseButton", self.summarise)
        self.scope = QComboBox()
        self.scope.setObjectName("summaryScope")
        self.scope.setAccessibleName(self.tr("Which notes to summarise"))
        self.scope.addItem(self.tr("latest 15 notes"), "recent")
        self.scope.addItem(self.tr("the whole history"), "all")
        self.quick = QCheckBox(self.tr("&Quick (no reasoning)"))
        self.quick.setObjectName("quickMode")
        self.quick.setToolTip(self.tr("Answer at once, without the model's reasoning step: faster, for simple drafts."))
        self.question = QLineEdit()
        self.question.setObjectName("questionBox")
        self.question.setPlaceholderText(self.tr("Ask about the notes…"))
        self.question.setAccessibleName(self.tr("Question about the notes"))
        self.question.returnPressed.connect(self.ask)
        self.ask_btn = self._button(self.tr("As&k"), "askButton", self.ask)
        self.stop_btn = self._button(self.tr("Stop"), "stopButton", self.stop)
        self.stop_btn.setShortcut(QKeySequence("Esc"))
        self.regen_btn = self._button(self.tr("&Regenerate"), "regenerateButton", self.regenerate)
        self.edit_btn = self._button(self.tr("&Edit"), "editButton", self.toggle_edit)
        self.copy_btn = self._button(self.tr("&Copy"), "copyButton", self.copy)
        self.eml_btn = self._button(self.tr("Save as .&eml…"), "emlButton", self.save_eml)

        self.hint = StartHint()
        self.hint.reopen.connect(self.reopen)
        self.answer = SafeTextView(accessible_name=self.tr("Answer"), markdown=True)
        self.answer.setObjectName("answerView")
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("answerEditor")
        self.editor.setAccessibleName(self.tr("Your edit of the answer"))
        self.pages = QStackedWidget()
        for w in (self.hint, self.answer, self.editor):
            self.pages.addWidget(w)
        self.subject_field = QLineEdit()
        self.subject_field.setObjectName("subjectField")
        self.subject_field.setAccessibleName(self.tr("Subject line"))
        self.subject_field.setPlaceholderText(self.tr("Subject line"))
        self.subject_field.setVisible(False)
        self.thread = ThreadView()
        self.thread.chosen.connect(self._show_version)
        self.answer_buffer = StreamBuffer(self.answer)
        self.reasoning_toggle = QToolButton()
        self.reasoning_toggle.setObjectName("reasoningToggle")
        self.reasoning_toggle.setText(self.tr("Show reasoning"))
        self.reasoning_toggle.setCheckable(True)
        self.reasoning_toggle.setAccessibleName(self.tr("Show reasoning"))
        self.reasoning_toggle.setVisible(False)  # only when there is reasoning to show
        self.reasoning = SafeTextView(accessible_name=self.tr("Reasoning"))
        self.reasoning.setObjectName("reasoningView")
        self.reasoning.setVisible(False)
        self.reasoning.setMaximumHeight(160)
        self.reasoning_buffer = StreamBuffer(self.reasoning)
        self.reasoning_toggle.toggled.connect(self.reasoning.setVisible)
        self.flags = QLabel()
        self.flags.setObjectName("flagsLabel")
        self.flags.setWordWrap(True)
        self.flags.setStyleSheet("color: #8a4b00;")
        self.citations = CitationChips()
        self.citations.activated.connect(self.citation_activated)
        self.follow = QLineEdit()
        self.follow.setObjectName("followUpBox")
        self.follow.setPlaceholderText(self.tr("Follow-up: “make it shorter”, “skriv den på norsk”…"))
        self.follow.setAccessibleName(self.tr("Follow-up instruction"))
        self.follow.returnPressed.connect(self.follow_up)
        self.follow_btn = self._button(self.tr("Send"), "followUpButton", self.follow_up)
        self.state = QLabel()
        self.state.setObjectName("assistantState")
        self.state.setWordWrap(True)
        self.stopped_bar = StoppedBar.under(self)
        self.readiness = QLabel()
        self.readiness.setObjectName("prefillState")
        self.readiness.setStyleSheet("color: palette(mid);")
        self.session.prefill_progress.connect(self._prefill_progress)
        self.header = QLabel(self.tr("Select a contact or an account."))
        self.header.setObjectName("assistantHeader")
        self.header.setWordWrap(True)

        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(self.header, 1)
        head.addWidget(self.readiness)
        lay.addLayout(head)
        lay.addWidget(self.options)
        for row in ((self.draft_btn, self.summary_btn, self.scope, self.quick), (self.question, self.ask_btn)):
            box = QHBoxLayout()
            for w in row:
                box.addWidget(w, 1 if w is self.question else 0)
            lay.addLayout(box)
        lay.addWidget(self.thread)
        lay.addWidget(self.subject_field)
        lay.addWidget(self.pages, 1)
        lay.addWidget(self.state)
        lay.addWidget(self.stopped_bar)
        box = QHBoxLayout()
        for w in (self.stop_btn, self.regen_btn, self.edit_btn, self.copy_btn, self.eml_btn):
            box.addWidget(w)
        lay.addLayout(box)
        for w in (self.flags, self.citations, self.reasoning_toggle, self.reasoning):
            lay.addWidget(w)
        box = QHBoxLayout()
        box.addWidget(self.follow, 1)
        box.addWidget(self.follow_btn)
        lay.addLayout(box)
        self.session.unlocked.connect(self.options.refresh)
        self._refresh()

    def _button(self, text: str, name: str, slot) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        b.setAccessibleName(text.replace("&", ""))
        b.clicked.connect(slot)
        return b

    # ---- state --------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.task is not None and not self.task.done and not self.task.stale

    def set_target(self, target: dict | None) -> None:
        """``{"kind": "contact"|"account", "id", "label", "email"?}`` or None."""
        if target != self.target:
            # An answer belongs to its subject: it does not follow the user to another
            # customer, and Regenerate / a follow-up cannot revise it under the new header.
            if self.target is not None or self.result is not None:
                self._forget_answer()
            self.target = target
            self.header.setText(target["label"] if target else self.tr("Select a contact or an account."))
            self.readiness.clear()
            self.start_prefill()
            self._load_past()
        self._refresh()

    def _forget_answer(self) -> None:
        if self.task is not None:
            self.task.discard()
        self.task = None
        self.result = None
        self.conversation_id = None
        self._last_call = None
        self._reset_output()
        self.question.clear()
        self.follow.clear()
        self.thread.forget()
        self.leave_edit()
        self.pages.setCurrentWidget(self.hint)

    def start_prefill(self, *, follow_up: bool = False) -> None:
        """Read the selected subject's notes into the model ahead of a task (no-op while a
        task runs or before the model is loaded); with ``follow_up``, the start of a change
        to the answer on screen instead (when there is one)."""
        if self.target is None or self.session.engine is None or self.busy:
            return
        conv = self.conversation_id if follow_up else None
        # The draft as the options on screen will ask for it: its task text is read ahead too.
        if self.session.prefill(self._ref(), follow_up=conv, draft=self.options.values()) is not None:
            self.readiness.setText(self.tr("Reading notes…"))

    def _prefill_progress(self, ref: str, done: int, total: int) -> None:
        if self.target is None or ref != self._ref():
            return
        if total and done >= total:
            self.readiness.setText(self.tr("Ready"))
        else:
            self.readiness.setText(self.tr("Reading notes… %1 %").replace("%1", str(int(100 * done / total) if total else 0)))

    def clear(self) -> None:
        """Forget everything shown (lock)."""
        self._forget_answer()
        self.target = None
        self.header.setText(self.tr("Select a contact or an account."))
        self.readiness.clear()
        self.hint.show_past("", [])
        self.options.fill([])  # the user's own templates are theirs: not shown while locked
        self.options.about.clear()
        self._refresh()

    def _reset_output(self) -> None:
        self.answer_buffer.reset()
        self.reasoning_buffer.reset()
        self.markup.reset()
        self.flags.clear()
        self.citations.clear()
        self.stopped_bar.hide_bar()
        self.state.clear()
        self.state.setToolTip("")
        self.subject_field.clear()
        self.subject_field.setVisible(False)
        self.reasoning_toggle.setVisible(False)
        self.reasoning_toggle.setChecked(False)
        self.progress_line.reset()

    def _refresh(self) -> None:
        engine, busy = self.session.engine, self.busy
        tip = (self.session.model_error or self.tr("The model is still loading.")) if engine is None else ""
        contact = bool(self.target and self.target["kind"] == "contact")
        mixed = bool(self.target and self.target.get("unlinked"))
        idle = engine is not None and not busy
        self.draft_btn.setEnabled(idle and contact)
        self.summary_btn.setEnabled(idle and bool(self.target) and not mixed)
        self.ask_btn.setEnabled(idle and bool(self.target))
        for b in (self.draft_btn, self.summary_btn, self.ask_btn):
            b.setToolTip(tip)
        if not contact:
            self.draft_btn.setToolTip(self.tr("Drafts are written to a contact: select one."))
        if mixed:
            self.summary_btn.setToolTip(self.tr("“Unlinked notes” mixes notes about different customers: "
                                                "summarise a person or an account instead."))
        self.options.setEnabled(not busy)
        self.stop_btn.setEnabled(busy)
        self.regen_btn.setEnabled(idle and self._last_call is not None)
        self.follow_btn.setEnabled(idle and self.conversation_id is not None)
        done = self.result is not None and not busy
        self.copy_btn.setEnabled(done)
        self.edit_btn.setEnabled(done)
        self.eml_btn.setEnabled(done and getattr(self.result, "task", "") == "draft")
        self.busy_changed.emit(busy)

    # ---- actions ------------------------------------------------------------------------

    def _ref(self) -> str:
        return self._ref_of(self.target or {})

    @staticmethod
    def _ref_of(t: dict) -> str:
        return t.get("ref") or (str(t["id"]) if t.get("kind") == "contact" else f"a{t['id']}")

    def draft(self) -> None:
        ref, kw = self._ref(), self.options.values()
        self._kind = "draft"
        t = self.options.template()
        self._instruction = first_instruction("draft", {"template": kw["template"], "about": kw["about"],
                                                        "template_title": t.title if t is not None else None})
        # A contact who opted out of e-mail: the refusal asks for a reason, then this runs with it.
        self._with_reason = lambda reason: (lambda ctx: operations.load_draft(ctx, ref, override_reason=reason, **kw))
        self._start(lambda ctx: operations.load_draft(ctx, ref, **kw), self.tr("Drafting…"))

    def summarise(self) -> None:
        ref, scope = self._ref(), self.scope.currentData()
        self._kind = "summarize"
        self._instruction = self.tr("Summarise: %1").replace("%1", self.scope.currentText())
        self._start(lambda ctx: operations.load_summary(ctx, ref, scope=scope), self.tr("Summarising…"))

    def ask(self) -> None:
        question = self.question.text().strip()
        if not question or not self.ask_btn.isEnabled():
            return
        ref = self._ref()
        self._kind, self._instruction = "ask", question
        answer_from_vault = operations.answer_from_vault

        def answered(result) -> None:  # "when did we last talk?" & co.: the records answer at once (issue 23)
            if result is None:
                self._instruction = question
                self._start(lambda ctx: operations.load_ask(ctx, ref, question), self.tr("Reading the notes…"))
                return
            self._reset_output()
            self.pages.setCurrentWidget(self.answer)
            self._finished(result)

        self.session.run(lambda ctx, task: answer_from_vault(ctx, ref, question), success=answered)

    def follow_up(self) -> None:
        instruction = self.follow.text().strip()
        if not instruction or not self.follow_btn.isEnabled():
            return
        self.commit_edit()  # a change the user typed is the version the request revises
        cid = self.conversation_id
        self.follow.clear()
        self._kind = getattr(self.result, "task", "") or "draft"
        self._instruction = instruction
        self._with_reason = lambda reason: (
            lambda ctx: operations.load_follow_up(ctx, cid, instruction, override_reason=reason))
        self._start(lambda ctx: operations.load_follow_up(ctx, cid, instruction), self.tr("Revising…"))

    def regenerate(self) -> None:
        if self._last_call is not None:
            call, label, instruction = self._last_call
            self._instruction = instruction
            self._start(call, label)

    def stop(self) -> None:
        if self.task is not None:
            self.stopped = True
            self.task.cancel.set()
            self.state.setText(self.tr("Stopping…"))

    # ---- running a task -----------------------------------------------------------------

    def _start(self, load, label: str) -> None:
        if self.session.engine is None:
            return
        if self.task is not None:
            self.task.discard()  # Orange: the old task's signals are ignored from now on
        self.leave_edit()
        self._last_call = (load, label, self._instruction)
        self._reset_output()
        self.pages.setCurrentWidget(self.answer)
        self.result = None
        self.stopped = False
        self.state.setText(label)
        self._label = label
        self.chunks = 0
        options = dict(self.extra_options, quick=self.quick.isChecked())
        self.readiness.clear()
        self.task = self.session.assist(load, options=options, success=self._finished, failure=self._failed,
                                        progress=self._event)
        self._refresh()

    def _event(self, ev) -> None:
        if isinstance(ev, (Step, PromptProgress)):
            line = self.progress_line.update(ev)
            if line:
                self.state.setText(line)
        elif isinstance(ev, ServerBusy):
            self.state.setText(busy_text(ev.seconds))
        elif isinstance(ev, ThinkingProgress):
            text = self.tr("Thinking… %1 of %2 tokens") if ev.budget else self.tr("Thinking… %1 tokens")
            self.state.setText(text.replace("%1", str(ev.tokens)).replace("%2", str(ev.budget)))
        elif isinstance(ev, AnswerChunk):
            if self.chunks == 0:
                self.state.setText(self._label)
                self.pages.setCurrentWidget(self.answer)
            self.chunks += 1
            self.answer_buffer.add(self.markup.feed(ev.text))
        elif isinstance(ev, ReasoningChunk):
            self.reasoning_toggle.setVisible(True)
            self.reasoning_buffer.add(ev.text)
        elif isinstance(ev, Done):
            tokens = ev.reasoning_tokens + ev.answer_tokens
            rate = self.tr("%1 tokens/s").replace("%1", f"{tokens / max(ev.total_seconds - ev.prompt_seconds, 1e-6):.1f}")
            self.state.setToolTip(rate)
            self.stats_changed.emit(rate)

    def _finished(self, result) -> None:
        self.answer_buffer.add(self.markup.flush())
        self.answer_buffer.flush()
        self.reasoning_buffer.flush()
        self.conversation_id = result.conversation_id or self.conversation_id
        v = Version(task=result.task, text=result.text, subject=getattr(result, "subject", None),
                    instruction=self._instruction, conversation_id=self.conversation_id,
                    citations=list(result.citations or []), flags=list(result.flags or []), outcome=result)
        self._instruction = ""
        self.thread.add(v)
        # The saved text is authoritative (citations checked after streaming); it replaces the
        # streamed text where the reader is (no jump).
        self._show_version(v, keep_scroll=True)
        self.state.setText(self.tr("Done"))
        self.stopped_bar.offer(v, self.conversation_id)
        self.task = None
        self._refresh()
        self._load_past()
        # While the user reads the answer, read the start of a change to it ahead.
        self.start_prefill(follow_up=True)

    def _failed(self, exc: BaseException) -> None:
        self.answer_buffer.add(self.markup.flush())
        self.answer_buffer.flush()
        self.reasoning_buffer.flush()
        self.task = None
        cancelled = isinstance(exc, Cancelled) or self.stopped
        if cancelled and self.answer.plain_text().strip():
            # Not saved in the vault, but what was written can still be copied or saved.
            self.result = Version(task=self._kind, text=self.answer.source(), partial=True)
            self.state.setText(self.tr("Stopped; the partial answer was not saved in the vault, but you can copy or save it."))
        elif cancelled:
            self.state.setText(self.tr("Stopped; nothing was saved."))
        elif isinstance(exc, OptOutRefused) and exc.fields.get("can_override") and getattr(self, "_with_reason", None):
            self.state.setText(self.tr("Not written: this person opted out of e-mail."))
            self.ask_override_reason(exc)
        else:
            self.state.setText("")
            show_error(self, exc)
        self._refresh()

    def ask_override_reason(self, exc: OptOutRefused) -> QInputDialog:
        """The refusal of a draft to someone who opted out of e-mail, asking for the user's
        reason (window-modal, opened with ``open()``). A reason starts the draft again; it is
        kept in the audit log, nothing else about the draft is."""
        dlg = QInputDialog(self)
        dlg.setObjectName("optOutReason")
        dlg.setWindowTitle(self.tr("Opted out of e-mail"))
        dlg.setLabelText(self.tr("%1 opted out of e-mail (%2). Write to them anyway only for a good reason. Your reason "
                                 "is kept in the audit log; nothing else about the draft is.\n\nYour reason:")
                         .replace("%1", str(exc.fields.get("name", ""))).replace("%2", str(exc.fields.get("source", ""))))
        dlg.setOkButtonText(self.tr("Write anyway"))
        retry, label, instruction = self._with_reason, self._label, self._last_call[2] if self._last_call else ""

        def chosen(reason: str) -> None:
            if reason.strip():
                self._instruction = instruction
                self._start(retry(reason), label)

        dlg.textValueSelected.connect(chosen)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reason_dialog = dlg
        dlg.open()
        return dlg

    def _show_version(self, v: Version, *, keep_scroll: bool = False) -> None:
        """Show a version (Copy, Save and Edit use the one shown)."""
        if v is None or self.busy:
            return
        self.leave_edit()
        self.result = v
        self.pages.setCurrentWidget(self.answer)
        self.answer.set_text(v.text if v.edited else display_text(v.text), keep_scroll=keep_scroll)
        is_draft = v.task == "draft"
        self.subject_field.setText(str(v.subject or "") if is_draft else "")
        self.subject_field.setVisible(is_draft)
        self.flags.setText(answer_flags(v.flags))
        self.citations.set_citations(v.citations)
        self._refresh()
