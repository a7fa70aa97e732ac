"""The assistant pane: Draft follow-up, Summarise, Ask; streamed answers; follow-up turns.

A task loads its notes on the store thread, generates on the generation thread and saves on
the store thread (:meth:`Session.assist`), so browsing and search stay responsive; engine
events come out through ``Task.progress``: queued signals to this pane, batched into the
views every 40 ms by :class:`~app.gui.safe_text.StreamBuffer`. Selecting a subject starts
reading its notes into the model at once (:meth:`Session.prefill`), shown by a quiet
"Reading notes… 40 %" / "Ready"; a task on it then starts from what was read. Stop sets the task's cancel event: the engine
stops within one token and the core saves nothing half-done. Starting a new task, locking
or closing discards the old one, so its late chunks are ignored.

The answer is shown in the safe Markdown subset of :class:`SafeTextView` (no links, no
images, no HTML, no resources) and copied as plain text, marked sensitive; the reasoning is
plain text in a collapsed "Show reasoning" section. The pane is a thread: each version of
the answer (and the follow-up that made it) stays listed, a draft's subject line has its own
field, and a stopped answer can still be copied or saved. Selecting another subject clears
the answer and the Ask box. Runs on the GUI thread.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.privacy.consent import OptOutRefused
from app.core.llm.events import AnswerChunk, Done, PromptProgress, ReasoningChunk, ThinkingProgress
from app.gui import operations
from app.gui.errors import show_error
from app.gui.workers import Cancelled, Task
from app.gui.safe_text import SafeTextView, StreamBuffer, copy_sensitive, markdown_plain
from app.gui.session import Session

# Flag kinds the core sets on a result; their texts are in AssistantPane.flag_text (self.tr,
# so that lupdate finds them and they are translated).
FLAG_KINDS = (
    "instruction_like", "invalid_citation", "stopped_at_length", "malformed_reasoning", "thinking_budget_hit",
    "personal_number", "payment_data", "no_notes", "notes_omitted", "no_matching_notes", "repetition",
    "prompt_echo",
)


class AssistantPane(QWidget):
    citation_activated = Signal(int)  # note id
    stats_changed = Signal(str)  # a status-bar line: model and tokens per second
    busy_changed = Signal(bool)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("assistantPane")
        self.target: dict | None = None  # {"kind", "id", "label", "email"}
        self.task: Task | None = None
        self.result = None  # the last TaskResult
        self.conversation_id: int | None = None
        self._last_call = None
        self.stopped = False
        self._label = ""
        self._instruction = ""  # the question or follow-up of the running task, for the thread
        self._kind = ""  # the running task: "draft", "summarize", "ask" or "revise"
        # Extra core Options for every task (e.g. answer_tokens); tests and benchmarks use it.
        self.extra_options: dict = {}
        self.chunks = 0  # answer chunks received for the current task
        self._label = ""  # the running task's state line
        self.pii_box: QMessageBox | None = None  # the open "personal numbers" question, if any

        self.draft_btn = self._button(self.tr("&Draft follow-up"), "draftButton", self.draft)
        self.summary_btn = self._button(self.tr("&Summarise"), "summariseButton", self.summarise)
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
        self.copy_btn = self._button(self.tr("&Copy"), "copyButton", self.copy)
        self.eml_btn = self._button(self.tr("Save as .&eml…"), "emlButton", self.save_eml)

        self.answer = SafeTextView(accessible_name=self.tr("Answer"), markdown=True)
        self.answer.setObjectName("answerView")
        self.subject_field = QLineEdit()
        self.subject_field.setObjectName("subjectField")
        self.subject_field.setAccessibleName(self.tr("Subject line"))
        self.subject_field.setPlaceholderText(self.tr("Subject line"))
        self.subject_field.setVisible(False)
        # The thread: each version of the answer, and the follow-up that made it, stay listed.
        self.thread = QListWidget()
        self.thread.setObjectName("threadList")
        self.thread.setAccessibleName(self.tr("Versions of this answer"))
        self.thread.setMaximumHeight(84)
        self.thread.setVisible(False)
        self.thread.currentItemChanged.connect(self._show_version)
        self.answer_buffer = StreamBuffer(self.answer)
        self.reasoning_toggle = QToolButton()
        self.reasoning_toggle.setObjectName("reasoningToggle")
        self.reasoning_toggle.setText(self.tr("Show reasoning"))
        self.reasoning_toggle.setCheckable(True)
        self.reasoning_toggle.setAccessibleName(self.tr("Show reasoning"))
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
        self.citations = QListWidget()
        self.citations.setObjectName("citationList")
        self.citations.setAccessibleName(self.tr("Cited notes"))
        self.citations.setMaximumHeight(90)
        self.citations.itemActivated.connect(self._citation)
        self.citations.itemClicked.connect(self._citation)

        self.follow = QLineEdit()
        self.follow.setObjectName("followUpBox")
        self.follow.setPlaceholderText(self.tr("Follow-up: “make it shorter”, “mention the pilot”…"))
        self.follow.setAccessibleName(self.tr("Follow-up instruction"))
        self.follow.returnPressed.connect(self.follow_up)
        self.follow_btn = self._button(self.tr("Send"), "followUpButton", self.follow_up)
        self.state = QLabel()
        self.state.setObjectName("assistantState")
        self.readiness = QLabel()
        self.readiness.setObjectName("prefillState")
        self.readiness.setStyleSheet("color: palette(mid);")
        self.session.prefill_progress.connect(self._prefill_progress)

        self.header = QLabel(self.tr("Select a contact or an account."))
        self.header.setObjectName("assistantHeader")
        self.header.setWordWrap(True)
        row1 = QHBoxLayout()
        for w in (self.draft_btn, self.summary_btn, self.quick):
            row1.addWidget(w)
        row2 = QHBoxLayout()
        row2.addWidget(self.question, 1)
        row2.addWidget(self.ask_btn)
        row3 = QHBoxLayout()
        for w in (self.stop_btn, self.regen_btn, self.copy_btn, self.eml_btn):
            row3.addWidget(w)
        row4 = QHBoxLayout()
        row4.addWidget(self.follow, 1)
        row4.addWidget(self.follow_btn)
        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(self.header, 1)
        head.addWidget(self.readiness)
        lay.addLayout(head)
        lay.addLayout(row1)
        lay.addLayout(row2)
        lay.addWidget(self.thread)
        lay.addWidget(self.subject_field)
        lay.addWidget(self.answer, 1)
        lay.addWidget(self.state)
        lay.addLayout(row3)
        lay.addWidget(self.flags)
        lay.addWidget(self.citations)
        lay.addWidget(self.reasoning_toggle)
        lay.addWidget(self.reasoning)
        lay.addLayout(row4)
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
            # (It stays in History.)
            if self.target is not None or self.result is not None:
                self._forget_answer()
            self.target = target
            self.header.setText(target["label"] if target else self.tr("Select a contact or an account."))
            self.readiness.clear()
            self.start_prefill()
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
        self._clear_thread()

    def start_prefill(self, *, follow_up: bool = False) -> None:
        """Read the selected subject's notes into the model ahead of a task (no-op while a
        task runs or before the model is loaded); with ``follow_up``, the start of a change
        to the answer on screen instead (when there is one)."""
        if self.target is None or self.session.engine is None or self.busy:
            return
        ref = self._ref()
        conv = self.conversation_id if follow_up else None
        if self.session.prefill(ref, follow_up=conv) is not None:
            self.readiness.setText(self.tr("Reading notes…"))

    def _prefill_progress(self, ref: str, done: int, total: int) -> None:
        if self.target is None or ref != self._ref():
            return
        if total and done >= total:
            self.readiness.setText(self.tr("Ready"))
        else:
            pct = int(100 * done / total) if total else 0
            self.readiness.setText(self.tr("Reading notes… %1 %").replace("%1", str(pct)))

    def clear(self) -> None:
        """Forget everything shown (lock)."""
        self._forget_answer()
        self.target = None
        self.header.setText(self.tr("Select a contact or an account."))
        self.readiness.clear()
        self._refresh()

    def _reset_output(self) -> None:
        self.answer_buffer.reset()
        self.reasoning_buffer.reset()
        self.flags.clear()
        self.citations.clear()
        self.citations.setVisible(False)
        self.state.clear()
        self.subject_field.clear()
        self.subject_field.setVisible(False)

    def _refresh(self) -> None:
        engine = self.session.engine
        busy = self.busy
        tip = ""
        if engine is None:
            tip = self.session.model_error or self.tr("The model is still loading.")
        have = dict.fromkeys(("draft_follow_up", "summarize", "ask", "continue_conversation"), True)
        contact = bool(self.target and self.target["kind"] == "contact")
        idle = engine is not None and not busy
        self.draft_btn.setEnabled(idle and contact and have["draft_follow_up"])
        self.summary_btn.setEnabled(idle and bool(self.target) and have["summarize"])
        self.ask_btn.setEnabled(idle and bool(self.target) and have["ask"])
        for b in (self.draft_btn, self.summary_btn, self.ask_btn):
            b.setToolTip(tip)
        if not contact:
            self.draft_btn.setToolTip(self.tr("Drafts are written to a contact: select one."))
        self.stop_btn.setEnabled(busy)
        self.regen_btn.setEnabled(idle and self._last_call is not None)
        self.follow_btn.setEnabled(idle and self.conversation_id is not None and have["continue_conversation"])
        done = self.result is not None and not busy
        self.copy_btn.setEnabled(done)
        eml_ok = done and getattr(self.result, "task", "") == "draft"
        self.eml_btn.setEnabled(eml_ok)
        self.busy_changed.emit(busy)

    # ---- actions ------------------------------------------------------------------------

    def _ref(self) -> str:
        return self._ref_of(self.target or {})

    @staticmethod
    def _ref_of(t: dict) -> str:
        return t.get("ref") or (str(t["id"]) if t.get("kind") == "contact" else f"a{t['id']}")

    def draft(self) -> None:
        ref = self._ref()
        self._kind = "draft"
        # A contact who opted out of e-mail: the refusal asks for a reason, then this runs with it.
        self._with_reason = lambda reason: (lambda ctx: operations.load_draft(ctx, ref, override_reason=reason))
        self._start(lambda ctx: operations.load_draft(ctx, ref), self.tr("Drafting…"))

    def summarise(self) -> None:
        ref = self._ref()
        self._kind = "summarize"
        self._start(lambda ctx: operations.load_summary(ctx, ref), self.tr("Summarising…"))

    def ask(self) -> None:
        question = self.question.text().strip()
        if not question or not self.ask_btn.isEnabled():
            return
        ref = self._ref()
        self._kind = "ask"
        self._instruction = question
        self._start(lambda ctx: operations.load_ask(ctx, ref, question), self.tr("Reading the notes…"))

    def follow_up(self) -> None:
        instruction = self.follow.text().strip()
        if not instruction or not self.follow_btn.isEnabled():
            return
        cid = self.conversation_id
        self.follow.clear()
        self._kind = getattr(self.result, "task", "") or "draft"
        self._instruction = instruction
        self._with_reason = lambda reason: (
            lambda ctx: operations.load_follow_up(ctx, cid, instruction, override_reason=reason))
        self._start(lambda ctx: operations.load_follow_up(ctx, cid, instruction), self.tr("Revising…"))

    def regenerate(self) -> None:
        if self._last_call is not None:
            call, label = self._last_call
            self._start(call, label)

    def stop(self) -> None:
        if self.task is not None:
            self.stopped = True
            self.task.cancel.set()
            self.state.setText(self.tr("Stopping…"))

    def copy(self) -> None:
        """Copy the answer as plain text (Markdown removed), marked sensitive for clipboard
        managers and cleared after a while (:func:`copy_sensitive`)."""
        text = self._plain_result()
        if self.confirm_personal_numbers(text, self.tr("Copy it anyway?")):
            copy_sensitive(text)
            self.state.setText(self.tr("Copied"))
            self.copy_btn.setText(self.tr("Copied"))
            QTimer.singleShot(2000, self.copy_btn, lambda: self.copy_btn.setText(self.tr("&Copy")))

    def pii_label(self, kind: str) -> str:
        labels = {
            "card_number": self.tr("a payment card number"),
            "iban": self.tr("a bank account number (IBAN)"),
            "no_fnr": self.tr("a Norwegian national identity number"),
            "se_personnummer": self.tr("a Swedish personal identity number"),
            "dk_cpr": self.tr("a Danish CPR number"),
        }
        return labels.get(kind, kind)

    def confirm_personal_numbers(self, text: str, question: str) -> bool:
        """True when ``text`` has no personal numbers, or the user confirms after being told
        which kinds were found (never the values: the box may be on a shared screen)."""
        from app.core.privacy import pii

        kinds = list(dict.fromkeys(f.kind for f in pii.scan(text)))
        if not kinds:
            return True
        found = "\n".join("• " + self.pii_label(k) for k in kinds)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Personal numbers in the draft"),
                          self.tr("The draft seems to contain:\n%1\n\n%2").replace("%1", found).replace("%2", question),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("personalNumbersBox")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.pii_box = box  # tests answer it
        try:
            return box.exec() == QMessageBox.StandardButton.Yes
        finally:
            self.pii_box = None
            box.deleteLater()

    def _plain_result(self) -> str:
        r = self.result
        if r is None:
            return ""
        text = markdown_plain(r.text or "")
        subject = self.subject_field.text().strip() if getattr(r, "task", "") == "draft" else ""
        return f"{subject}\n\n{text}" if subject else text

    def save_eml(self) -> None:
        r = self.result
        if r is None or not self.confirm_personal_numbers(self._plain_result(), self.tr("Save it anyway?")):
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save draft as"), self.suggested_eml_path(), self.tr("E-mail (*.eml)"))
        if path:
            self.write_eml(Path(path))

    def suggested_eml_path(self) -> str:
        """"Follow-up – Kari Nordmann.eml" in the user's documents folder."""
        name = str((self.target or {}).get("name") or (self.target or {}).get("label") or "").split(" · ")[0]
        name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "", name).strip() or self.tr("draft")
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        return str(Path(folder) / self.tr("Follow-up – %1.eml").replace("%1", name))

    def write_eml(self, path: Path) -> None:
        """Write the current draft to ``path`` off the GUI thread (the file is local, never sent).
        From: is the user's name and address (Settings › You) when set."""
        r, t = self.result, self.target or {}
        write = operations.write_eml
        subject = self.subject_field.text().strip() or (r.subject or "")
        to_name = str(t.get("name") or t.get("label") or "").split(" · ")[0] or None
        fields = dict(subject=subject, body=markdown_plain(r.text or ""), to_name=to_name, to_email=t.get("email"))
        settings = self.session.ctx.settings if self.session.ctx else None
        user = settings.get("user_name") if settings else ""
        if user:
            fields["from_name"] = user
        email = settings.get("user_email") if settings else ""
        if email:
            fields["from_email"] = email
        self.session.executors.background.submit(
            lambda task: write(path, **fields),
            success=lambda p: self.state.setText(self.tr("Saved %1").replace("%1", str(p))),
            failure=lambda exc: show_error(self, exc),
        )

    # ---- running a task -----------------------------------------------------------------

    def _start(self, load, label: str) -> None:
        engine = self.session.engine
        if engine is None:
            return
        if self.task is not None:
            self.task.discard()  # Orange: the old task's signals are ignored from now on
        self._last_call = (load, label)
        self._reset_output()
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
        if isinstance(ev, str):  # a map-reduce step: "Reading notes: part 3 of 40"
            self.state.setText(ev)
        elif isinstance(ev, PromptProgress):
            if ev.done < ev.total:
                self.state.setText(self.tr("Reading notes… %1 %").replace("%1", str(int(100 * ev.done / max(ev.total, 1)))))
        elif isinstance(ev, ThinkingProgress):
            if ev.budget:
                self.state.setText(self.tr("Thinking… %1 of %2 tokens").replace("%1", str(ev.tokens)).replace("%2", str(ev.budget)))
            else:
                self.state.setText(self.tr("Thinking… %1 tokens").replace("%1", str(ev.tokens)))
        elif isinstance(ev, AnswerChunk):
            if self.chunks == 0:
                self.state.setText(self._label)

            self.chunks += 1
            self.answer_buffer.add(ev.text)
        elif isinstance(ev, ReasoningChunk):
            self.reasoning_buffer.add(ev.text)
        elif isinstance(ev, Done):
            self._show_stats(ev)

    def _show_stats(self, done: Done) -> None:
        tokens = done.reasoning_tokens + done.answer_tokens
        gen_s = max(done.total_seconds - done.prompt_seconds, 1e-6)
        self.stats_changed.emit(self.tr("%1 tokens/s").replace("%1", f"{tokens / gen_s:.1f}"))

    def _finished(self, result) -> None:
        self.answer_buffer.flush()
        self.reasoning_buffer.flush()
        self.result = result
        self.conversation_id = result.conversation_id or self.conversation_id
        # The saved text is authoritative: citations were checked and fixed after streaming.
        # It replaces the streamed text where the reader is (no jump); the subject line has
        # its own field.
        self.answer.set_text(result.text, keep_scroll=True)
        self._show_subject_line(result)
        self._add_version(result)
        self.state.setText(self.tr("Done"))
        self._show_flags(result.flags)
        for c in result.citations:
            item = QListWidgetItem(self.tr("Note %1 (%2)").replace("%1", str(c["note_id"])).replace("%2", c.get("date") or "?"))
            item.setData(0x0100, int(c["note_id"]))
            self.citations.addItem(item)
        self.citations.setVisible(self.citations.count() > 0)
        self.task = None
        self._refresh()
        # While the user reads the answer, read the start of a change to it ahead (the
        # subject's own prefix stays kept in memory for a new task).
        self.start_prefill(follow_up=True)

    def flag_text(self, kind: str) -> str:
        """The user's words for a flag kind, in the UI language (unknown kinds: the kind)."""
        texts = {
            "instruction_like": self.tr("A note looks like instructions to an AI; it was treated as data"),
            "invalid_citation": self.tr("A citation to a note the model was not given was removed"),
            "stopped_at_length": self.tr("The answer stopped at its length limit and may be incomplete"),
            "malformed_reasoning": self.tr("The model broke the reasoning format; the answer is shown as given"),
            "thinking_budget_hit": self.tr("The reasoning was cut at the thinking budget"),
            "personal_number": self.tr("The text may contain a personal number (ID, card or account)"),
            "payment_data": self.tr("The text may contain payment data (a card or bank account number)"),
            "no_notes": self.tr("There are no notes about this subject; the answer has little to go on"),
            "notes_omitted": self.tr("Some older notes did not fit and were left out"),
            "no_matching_notes": self.tr("No note matched the question's words; recent notes were used"),
            "repetition": self.tr("The model began to repeat itself and was stopped; the repeats were removed"),
            "prompt_echo": self.tr("The answer repeats the assistant's own instructions; check it before use"),
        }
        return texts.get(kind, kind)

    def left_out_text(self, flag: dict) -> str:
        """A ``consent_left_out`` flag in words: how many notes, and why."""
        one = flag.get("subject") != "account"
        if flag.get("reason") == "forget_requested":
            text = (self.tr("%1 notes left out: this person asked to be forgotten") if one
                    else self.tr("%1 notes left out: people in this account asked to be forgotten"))
        else:
            text = (self.tr("%1 notes left out: this person objected to processing") if one
                    else self.tr("%1 notes left out: people in this account objected to processing"))
        return text.replace("%1", str(flag.get("count", 0)))

    def _show_flags(self, flags: list[dict]) -> None:
        lines = []
        for f in flags:
            if f.get("kind") == "map_reduce":
                continue  # how a long summary was made, not a warning
            if f.get("kind") == "consent_left_out":
                lines.append("⚑ " + self.left_out_text(f))
                continue
            text = self.flag_text(f.get("kind", ""))
            if f.get("note_id") is not None:
                text += f" (n{f['note_id']})"
            lines.append("⚑ " + text)
        self.flags.setText("\n".join(dict.fromkeys(lines)))

    def _failed(self, exc: BaseException) -> None:
        self.answer_buffer.flush()
        self.reasoning_buffer.flush()
        self.task = None
        cancelled = isinstance(exc, Cancelled) or self.stopped
        partial = self.answer.plain_text().strip()
        if cancelled and partial:
            # Not saved in the vault, but what was written can still be copied or saved.
            from types import SimpleNamespace

            self.result = SimpleNamespace(conversation_id=None, task=self._kind, text=self.answer.source(), subject=None,
                                          citations=[], flags=[], partial=True)
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
        retry, label = self._with_reason, self._label

        def chosen(reason: str) -> None:
            if reason.strip():
                self._start(retry(reason), label)

        dlg.textValueSelected.connect(chosen)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reason_dialog = dlg
        dlg.open()
        return dlg

    def _clear_thread(self) -> None:
        self.thread.blockSignals(True)  # clearing moves the current row: that is not a choice
        self.thread.clear()
        self.thread.blockSignals(False)
        self.thread.setVisible(False)

    def _show_subject_line(self, result) -> None:
        is_draft = getattr(result, "task", "") == "draft"
        self.subject_field.setText(str(getattr(result, "subject", "") or "") if is_draft else "")
        self.subject_field.setVisible(is_draft)

    def _add_version(self, result) -> None:
        """List this answer in the thread, under the instruction that made it."""
        n = self.thread.count() + 1
        instruction = getattr(self, "_instruction", "") if self._kind != "draft" or n > 1 else ""
        names = {"draft": self.tr("Draft"), "summarize": self.tr("Summary"), "ask": self.tr("Answer")}
        label = f"{n}. {names.get(getattr(result, 'task', ''), self.tr('Answer'))}"
        if instruction:
            label += f" — “{instruction}”"
        item = QListWidgetItem(label)
        item.setToolTip(label)
        item.setData(0x0100, result)
        self.thread.blockSignals(True)
        self.thread.addItem(item)
        self.thread.setCurrentItem(item)
        self.thread.blockSignals(False)
        self.thread.setVisible(True)
        self._instruction = ""

    def _show_version(self, item, _prev=None) -> None:
        """Show an earlier version of the answer (Copy and Save use the one shown)."""
        result = item.data(0x0100) if item is not None else None
        if result is None or self.busy:
            return
        self.result = result
        self.answer.set_text(result.text)
        self._show_subject_line(result)
        self._refresh()

    def _citation(self, item: QListWidgetItem) -> None:
        self.citation_activated.emit(int(item.data(0x0100)))

    def show_conversation(self, conv: dict) -> None:
        """Reopen a saved conversation: its last answer, ready for a follow-up turn."""
        from types import SimpleNamespace

        if self.task is not None:
            self.task.discard()
            self.task = None
        answers = [m for m in conv.get("messages", []) if m["role"] == "assistant"]
        draft = (conv.get("drafts") or [None])[-1]
        text = answers[-1]["content"] if answers else ""
        subject = draft["subject"] if draft and conv["task"] == "draft" else None
        if draft and conv["task"] == "draft":
            text = draft["body"]
        self.result = SimpleNamespace(conversation_id=conv["id"], task=conv["task"], text=text, subject=subject,
                                      citations=[], flags=[])
        self.conversation_id = conv["id"]
        self._last_call = None
        self._reset_output()
        self._clear_thread()
        self.answer.set_text(text)
        self._show_subject_line(self.result)
        self._kind = conv["task"]
        self._add_version(self.result)
        who = conv.get("contact") or conv.get("account") or ""
        if conv.get("contact_id") is not None:
            self.target = {"kind": "contact", "id": conv["contact_id"], "ref": str(conv["contact_id"]), "label": who}
        else:
            self.target = {"kind": "account", "id": conv["account_id"], "ref": f"a{conv['account_id']}", "label": who}
        self.header.setText(who)
        self.state.setText(self.tr("Reopened from History."))  # no internal ids in the window
        self._refresh()

    def engine_changed(self) -> None:
        self._refresh()
        self.start_prefill()

    def data_changed(self, changes) -> None:
        """Something changed in the vault: a subject that was forgotten is no longer shown."""
        from app.gui import operations as api

        if self.target is not None and changes.records:
            self.session.prefilled.pop(self._ref(), None)
            target = self.target

            def check(ctx, task):
                return api.find_subject(ctx, self._ref_of(target)) is not None  # None: the subject is gone

            def still_there(ok: bool) -> None:
                if not ok and self.target == target:
                    self.clear()
                elif ok and self.target == target:
                    self.start_prefill()  # its notes may have changed

            self.session.run(check, success=still_there, failure=None)
