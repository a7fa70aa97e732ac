"""Workers: work off the GUI thread, results back on it (the Anki ``QueryOp`` pattern).

Three executors, by purpose (the Picard habit):

- :data:`Executors.store` has exactly one thread for the life of the app. Every call that
  touches the vault runs there, because a SQLCipher connection belongs to the thread that
  opened it: unlocking (Argon2 and the open), queries, imports, loading and saving an
  assistant task, closing.
- :data:`Executors.generation` has one thread: the model writes there (and prefills a
  subject ahead of the user), so the store thread stays free for browsing and search.
- :data:`Executors.background` runs other work that needs no vault: loading the model.

``submit`` returns a :class:`Task`. Its ``success``/``failure``/``progress`` callbacks always
run on the GUI thread, through a queued signal. :meth:`Task.discard` makes a task stale: its
late result and progress are dropped (the Orange habit), and its ``cancel`` event is set so
cooperative work stops early.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot


from app.core.errors import Cancelled  # noqa: E402,F401 - the one cancel exception, shown to nobody


class _Relay(QObject):
    """Lives on the GUI thread; queued signals carry results and progress to it."""

    finished = Signal(object, object, object)  # task, result, error
    progressed = Signal(object, object)  # task, payload

    def __init__(self):
        super().__init__()
        self.finished.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self.progressed.connect(self._progress, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object, object)
    def _finish(self, task: "Task", result: Any, error: BaseException | None) -> None:
        task._deliver(result, error)

    @Slot(object, object)
    def _progress(self, task: "Task", payload: Any) -> None:
        if not task.stale and task.on_progress is not None:
            task.on_progress(payload)


class Task:
    """One submitted piece of work. Created and read on the GUI thread."""

    def __init__(self, relay: _Relay, success, failure, on_progress):
        self._relay = relay
        self.success = success
        self.failure = failure
        self.on_progress = on_progress
        self.cancel = threading.Event()
        self.stale = False
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None

    def progress(self, payload: Any) -> None:
        """Called from the worker thread: deliver ``payload`` to ``on_progress`` on the GUI thread."""
        if not self.stale:
            self._relay.progressed.emit(self, payload)

    def discard(self) -> None:
        """Forget this task: stop it if it checks ``cancel``, ignore whatever it sends later."""
        self.stale = True
        self.cancel.set()

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        self.done = True
        self.result, self.error = result, error
        if self.stale:
            return
        if error is None:
            if self.success is not None:
                self.success(result)
        elif self.failure is not None:
            self.failure(error)


class Executor:
    def __init__(self, name: str, workers: int):
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        self._relay: _Relay | None = None
        self.name = name

    def submit(
        self,
        fn: Callable[[Task], Any],
        *,
        success: Callable[[Any], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
        progress: Callable[[Any], None] | None = None,
    ) -> Task:
        """Run ``fn(task)`` on this executor's thread(s). Call from the GUI thread."""
        if self._relay is None:
            self._relay = _Relay()
        task = Task(self._relay, success, failure, progress)
        relay = self._relay

        def work() -> None:
            try:
                result = fn(task)
            except BaseException as exc:  # delivered to the GUI thread, shown there
                relay.finished.emit(task, None, exc)
            else:
                relay.finished.emit(task, result, None)

        self._pool.submit(work)
        return task

    def post(self, fn: Callable[[], Any]) -> None:
        """Run ``fn`` on this executor without waiting; from any thread. An error is logged, not shown."""
        def run() -> None:
            try:
                fn()
            except Exception as exc:  # noqa: BLE001 - housekeeping no user waits for
                from app.core import logs

                logs.log_unexpected(exc)

        try:
            self._pool.submit(run)
        except RuntimeError:  # shut down: the app is closing
            pass

    def call(self, fn: Callable[[], Any], timeout: float | None = None) -> Any:
        """Run ``fn`` on this executor and wait for it. Never from the GUI thread: for a
        worker that needs one step on the store thread, for shutdown and for tests."""
        return self._pool.submit(fn).result(timeout)

    def shutdown(self) -> None:
        """Drop queued work and wait for the running piece to return (it has been cancelled)."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def alive(self) -> bool:
        """Whether any of this executor's threads is still running (False once shut down)."""
        return any(t.is_alive() for t in getattr(self._pool, "_threads", ()))


class Executors:
    """The app's three executors (store, generation, background). One instance per app session."""

    def __init__(self):
        self.store = Executor("confidant-store", 1)
        self.generation = Executor("confidant-gen", 1)
        self.background = Executor("confidant-bg", 2)

    def shutdown(self) -> None:
        # Generation first: its running task was cancelled and may still wait on the store.
        self.generation.shutdown()
        self.background.shutdown()
        self.store.shutdown()
