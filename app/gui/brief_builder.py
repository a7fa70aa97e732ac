"""Briefs ready before they are asked for (issue 23, point 5).

When nobody has touched the app for :data:`IDLE_SECONDS` and a model is loaded, the builder
prepares the briefs of recently opened and recently changed subjects, one at a time: the
facts and notes are read on the store thread, the model writes on the generation thread as
background work (any assistant task the user starts cancels it within a token, so it never
delays them), and the brief is stored in the vault. A stored brief is shown at once when its
subject opens, marked stale when data arrived after it was written (and then rebuilt the
next time the app is idle). Lives on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from app.core.errors import Cancelled
from app.gui import operations
from app.gui.session import Session
from app.gui.workers import Task

IDLE_SECONDS = 20
MAX_PER_IDLE = 5
_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel, QEvent.Type.TouchBegin}


class BriefBuilder(QObject):
    built = Signal(str, int)  # subject kind, id: its brief is stored
    finished = Signal(int)  # how many were built in this idle spell

    def __init__(self, session: Session, opened: list[tuple[str, int]], parent=None, idle_seconds: float = IDLE_SECONDS):
        super().__init__(parent)
        self.session = session
        self.opened = opened  # the brief view's recently opened subjects, newest first (shared list)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(int(idle_seconds * 1000))
        self.timer.timeout.connect(self.build_now)
        self.task: Task | None = None
        self.queue: list[tuple[str, int]] = []
        self.count = 0
        session.unlocked.connect(self.poke)
        session.model_ready.connect(lambda _e: self.poke())
        session.locked.connect(self.stop)
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() in _INPUT:
            self.poke()
        return False

    def poke(self) -> None:
        """The user did something: wait for the next idle spell (a build in progress goes on
        until the user starts an assistant task, which cancels it)."""
        if self.session.is_open:
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.queue = []
        if self.task is not None:
            self.task.discard()
        self.task = None

    def build_now(self) -> None:
        """Choose what to build (store thread), then build one at a time."""
        if self.session.engine is None or not self.session.is_open or (self.task is not None and not self.task.done):
            return
        opened = list(self.opened)
        pick = operations.briefs_to_build

        def work(ctx, task: Task):
            return pick(ctx, opened, MAX_PER_IDLE)

        def chosen(subjects) -> None:
            self.queue = list(subjects)
            self.count = 0
            self._next()

        self.task = self.session.run(work, success=chosen, failure=None)

    def _next(self) -> None:
        if not self.queue or self.session.engine is None or not self.session.is_open:
            self.task = None
            self.finished.emit(self.count)
            return
        kind, sid = self.queue.pop(0)
        ctx, engine, store = self.session.ctx, self.session.engine, self.session.executors.store
        facts_of, brief_job, save_part = operations.brief_facts, operations.brief_job, operations.save_brief_part

        def work(task: Task):
            if task.cancel.is_set():
                raise Cancelled()
            job = store.call(lambda: brief_job(ctx, facts_of(ctx, kind, sid, use_last_shown=True)))
            if task.cancel.is_set():
                raise Cancelled()
            part = job.run(engine, cancel=task.cancel)
            if task.cancel.is_set():
                raise Cancelled()
            store.call(lambda: save_part(ctx, job, part))
            return kind, sid

        def done(result) -> None:
            self.count += 1
            self.built.emit(*result)
            self._next()

        def failed(exc) -> None:  # cancelled by the user's own task, or a model error: try again when idle
            self.task = None
            self.queue = []

        self.task = self.session.run_background(work, success=done, failure=failed)
