"""The unlocked session: the vault context, the model, and the executors they run on.

Guarantees:

- ``open_context`` (Argon2 and the SQLCipher open), every vault call and ``ctx.close()``
  run on the single store thread; the GUI thread never waits for them.
- :meth:`Session.lock` discards every running task (their late results are ignored and
  their cancel events set), closes the vault on the store thread (which wipes the key bytes
  the context held), drops the engine (its prompt cache holds note text), and emits
  ``locked`` so every view clears itself.
- The model is chosen and hash-checked on the store thread (the trust record lives in the
  vault), then loaded on the background executor, after the window is shown.
- An assistant task (:meth:`assist`) loads its notes on the store thread, generates on the
  generation thread and saves on the store thread: browsing and search stay responsive
  while the model writes.
- :meth:`prefill` reads a subject's notes into the model ahead of the user, at the lowest
  priority (any task cancels it; the part already read is kept); the engine keeps the last
  few subjects in memory only.
- One error path: an operation started without its own ``failure`` reports through
  ``failed``, which the window shows (silent for a cancel); an operation that changes data
  returns what it changed (:class:`~app.core.model.Changes`), the session emits it once
  through ``data_changed``, and every view refreshes itself from it.

Lives on the GUI thread.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from app.core import logs
from app.core.context import Context, open_context, prepare
from app.core.errors import AppError, N_
from app.core.errors import Cancelled
from app.core.model import Changes, Done
from app.core.vault import keys
from app.gui import operations
from app.gui.workers import Executors, Task

DEFAULT = object()  # "no failure callback given": report through Session.failed


class Session(QObject):
    unlocked = Signal()
    locked = Signal()
    model_ready = Signal(object)  # the Engine
    model_failed = Signal(str)
    model_missing = Signal(str)  # no usable model was found or configured: the user must pick one
    notice = Signal(object)  # a line (a core Message) for the status bar from any thread (e.g. the company server fell back)
    data_changed = Signal(object)  # the Changes an operation made (Anki's operation_did_execute)
    failed = Signal(object)  # an exception no caller handled: the window shows it
    prefill_progress = Signal(str, int, int)  # subject ref, tokens read, tokens in all (done == total: ready)

    def __init__(self, executors: Executors | None = None, env: dict | None = None):
        super().__init__()
        self.executors = executors or Executors()
        self.env = env
        self.ctx: Context | None = None
        self.engine = None
        self.model_file = None
        self.model_loading = False
        self.model_error: str | None = None
        self.model_ready_at: float | None = None
        self._tasks: list[Task] = []
        self._prefill: Task | None = None
        self._background: list[Task] = []  # generation no user waits for (briefs): any assistant task cancels it
        self.prefilled: dict[str, int] = {}  # subject ref -> prefix tokens kept by the engine
        self._shut = False
        self.passphrase_from_environment = False  # set by the unlock view; the window shows it

    # ---- unlocking ----------------------------------------------------------------------

    def probe(self, *, success: Callable[[dict], None], failure=None) -> Task:
        """Find out, off the GUI thread, whether this is a first run and how the key is kept."""

        def work(task: Task) -> dict:
            paths, policy = prepare(self.env)
            info = keys.read_keyfile(paths)
            keyring_ok = False
            if info is None or info.mode == "keyring":
                try:
                    keyring_ok = keys.is_secure(keys.current_backend())
                except Exception:  # a broken D-Bus means no keyring, not a crash
                    keyring_ok = False
            return {
                "first_run": info is None,
                "vault_exists": paths.vault.exists(),
                "mode": info.mode if info else None,
                "keyring_ok": keyring_ok and not policy.get("require_passphrase"),
                "data": str(paths.data),
                "paths": paths,
            }

        return self.executors.store.submit(work, success=success, failure=failure)

    def unlock(self, passphrase: str | None, *, success: Callable[[Context], None], failure) -> Task:
        """Open (or on first run create) the vault with ``passphrase`` (None: keyring only)."""

        def provide(*, confirm: bool, reason: str) -> str | None:
            return passphrase

        def work(task: Task) -> Context:
            return open_context(provide, env=self.env)

        def done(ctx: Context) -> None:
            self.ctx = ctx
            self.unlocked.emit()
            success(ctx)

        return self.executors.store.submit(work, success=done, failure=failure)

    @property
    def is_open(self) -> bool:
        return self.ctx is not None

    # ---- vault work ---------------------------------------------------------------------

    def run(self, fn: Callable[[Context, Task], Any], *, success=None, failure=DEFAULT, progress=None) -> Task:
        """Run ``fn(ctx, task)`` on the store thread; refuses when the vault is locked.
        Errors go to ``failure``, or (not given) to ``failed``; ``failure=None`` ignores them.
        What ``fn`` changed (its result's ``changes``, or a :class:`Done`'s) is emitted once
        through ``data_changed`` before ``success`` gets the value."""
        ctx = self.ctx

        def work(task: Task) -> Any:
            self._check(ctx)
            try:
                return fn(ctx, task)
            finally:
                self._anchor(ctx)

        task = self.executors.store.submit(work, success=self._then(success), failure=self._failure(failure),
                                           progress=progress)
        self._keep(task)
        return task

    def _check(self, ctx) -> None:
        if ctx is None or ctx.vault is None or ctx is not self.ctx:
            raise AppError(N_("The vault is locked."))

    def _keep(self, task: Task) -> None:
        self._tasks = [t for t in self._tasks if not t.done] + [task]

    def _then(self, success):
        def done(result) -> None:
            changes = getattr(result, "changes", None)
            if isinstance(result, Done):
                result = result.value
            if isinstance(changes, Changes) and changes:
                self.data_changed.emit(changes)
            if success is not None:
                success(result)

        return done

    def _failure(self, failure):
        return self.failed.emit if failure is DEFAULT else failure

    # ---- the assistant ------------------------------------------------------------------

    def _anchor(self, ctx: Context) -> None:
        """After vault work (store thread): anchor the audit log at once when the work added
        rows (as every CLI command does when it ends), not only when the window closes."""
        ctx.anchor_new_audit_rows()

    def assist(self, load: Callable[[Context], Any], *, options: dict | None = None, success=None, failure=DEFAULT,
               progress=None) -> Task:
        """Run an assistant task: ``load(ctx)`` -> Job on the store thread, ``Job.run`` on the
        generation thread (engine events and progress lines go to ``progress``), then save
        on the store thread. Stop (``task.cancel``) saves nothing."""
        ctx, engine = self.ctx, self.engine
        if engine is None:
            raise AppError(N_("The model is not loaded yet."))
        self._stop_prefill()
        self._stop_background()
        store = self.executors.store

        def work(task: Task) -> Any:
            def on_store(fn):
                self._check(ctx)
                try:
                    return fn(ctx)
                finally:
                    self._anchor(ctx)

            job = store.call(lambda: on_store(load))
            if task.cancel.is_set():
                raise Cancelled()
            try:
                outcome = job.run(engine, cancel=task.cancel, on_event=task.progress, on_progress=task.progress,
                                  **(options or {}))
            except BaseException:
                # Nothing is saved, but a request to the company server is still audited (its
                # record waits in ctx.audit_sink for the store thread: app.core.llm.sink).
                try:
                    store.call(ctx.anchor_new_audit_rows)
                except Exception:  # noqa: BLE001 - shutting down: the vault's close writes it
                    pass
                raise
            if task.cancel.is_set():
                raise Cancelled()
            return store.call(lambda: on_store(lambda c: operations.save_task(c, job, outcome, engine)))

        task = self.executors.generation.submit(work, success=self._then(success), failure=self._failure(failure),
                                                progress=progress)
        self._keep(task)
        return task

    def prefill(self, ref: str, *, follow_up: int | None = None, draft: dict | None = None) -> Task | None:
        """Read subject ``ref``'s prompt prefix into the model in the background, replacing
        the prefill of the subject before. Progress comes through ``prefill_progress``.
        With ``follow_up`` (a conversation id), read the start of a follow-up to that
        conversation instead: what the user's next change to the answer begins with."""
        ctx, engine = self.ctx, self.engine
        if ctx is None or engine is None or not hasattr(engine, "prefill"):
            return None
        self._stop_prefill()
        store = self.executors.store

        def work(task: Task) -> int:
            if task.cancel.is_set():
                raise Cancelled()

            def load():
                self._check(ctx)
                if follow_up is not None:
                    return operations.follow_up_prefix(ctx, follow_up), None, None
                job = operations.load_subject(ctx, ref, draft=draft)
                # The encrypted disk cache: a subject opened before (even before a restart) is restored, not read.
                return job.prefix(engine), operations.prompt_cache_for(ctx, engine, job), job.ask_prefix(engine)

            messages, disk, ask = store.call(load)
            if task.cancel.is_set():
                raise Cancelled()
            n = engine.prefill(messages, cancel=task.cancel, wait=True, disk=disk,
                               on_progress=lambda done, total: task.progress((done, total)))
            if disk is not None:
                self._record_cache(ctx, disk)
            if n == 0:
                raise Cancelled()
            if ask is not None and not task.cancel.is_set():
                # Then the ask rules (the same head, so only they are read): a question on this
                # subject reads only its matching notes and its own words. A draft clicked
                # meanwhile stops this (it shares the head, which stays read).
                engine.prefill(ask, cancel=task.cancel, wait=True, keep=False)
            return n

        def done(n: int) -> None:
            self.prefilled[ref] = n
            self.prefill_progress.emit(ref, n, n)

        task = self.executors.generation.submit(
            work, success=done, failure=None,
            progress=lambda p: p[0] < p[1] and self.prefill_progress.emit(ref, int(p[0]), int(p[1])))
        self._prefill = task
        self._keep(task)
        return task

    def _record_cache(self, ctx: Context, disk) -> None:
        """Once the cache's writer has sealed the state (its own thread), list it in the vault's
        index on the store thread; neither the generation thread nor the store thread waits."""
        store = self.executors.store

        def record():
            if self.ctx is ctx:
                operations.prompt_cache_record(ctx, disk)

        def wait_then_record():
            disk.wait()
            store.post(record)

        threading.Thread(target=wait_then_record, name="confidant-cache-record", daemon=True).start()

    def run_background(self, work: Callable[[Task], Any], *, success=None, failure=DEFAULT) -> Task:
        """Generation no user waits for (a brief's model part, briefs built while idle): queued on
        the generation thread, and cancelled (within a token) by any assistant task."""
        task = self.executors.generation.submit(work, success=success, failure=self._failure(failure))
        self._background = [t for t in self._background if not t.done] + [task]
        self._keep(task)
        return task

    def _stop_background(self) -> None:
        for t in self._background:
            if not t.done:
                t.discard()
        self._background = []

    def _stop_prefill(self) -> None:
        if self._prefill is not None and not self._prefill.done:
            self._prefill.discard()  # what it read stays in the model's context for the next task
        self._prefill = None

    def lock(self, on_done: Callable[[], None] | None = None) -> None:
        """Close the vault and forget everything unlocked. Safe to call twice."""
        if self.ctx is None and self.engine is None and self._shut and not self._tasks:
            return
        for t in self._tasks:
            t.discard()
        self._tasks = []
        self._prefill = None
        self.prefilled = {}
        ctx, self.ctx = self.ctx, None
        engine, self.engine = self.engine, None
        self.model_file = None
        if engine is not None:
            self._drop_engine(engine)

        def work(task: Task) -> None:
            if ctx is not None:
                ctx.close()

        def done(_=None) -> None:
            logs.event("gui.locked")
            if on_done:
                on_done()

        self.executors.store.submit(work, success=done, failure=lambda exc: done())
        self.locked.emit()

    def _drop_engine(self, engine) -> None:
        close = getattr(engine, "close", None)
        if close is not None:
            # Free the model off the GUI thread, on the generation thread: after the running
            # task (its cancel is set), never while it still tokenizes or reads (a freed model
            # under a running llama call is a crash, not an error).
            self.executors.generation.submit(lambda task: close())

    def shutdown(self) -> None:
        """Stop everything and wait for the store thread (called when the app quits). Idempotent."""
        if self._shut:
            return
        self._shut = True
        self.lock()
        self.executors.shutdown()

    # ---- the model ----------------------------------------------------------------------

    def load_model(self) -> None:
        """Choose and verify the model (store thread), then load it or connect to the company
        server (background): app.core.llm.source, as the CLI does."""
        if self.ctx is None or self.model_loading or self.engine is not None:
            return
        from app.core.llm import source

        self.model_loading = True
        self.model_error = None

        def choose(ctx: Context, task: Task):
            return source.choose_engine(ctx, env=self.env)

        def chosen(plan) -> None:
            self.model_file = plan.model if plan.door is None else None

            def load(task: Task):
                return source.open_engine(plan, notify=self.notice.emit)

            self.executors.background.submit(load, success=self._loaded, failure=self._load_failed)

        self.run(choose, success=chosen, failure=self._choose_failed)

    def reload_model(self) -> None:
        """Drop the current engine and load the configured model again (after a change)."""
        if self.engine is not None:
            engine, self.engine = self.engine, None
            self._drop_engine(engine)
        self._stop_prefill()
        self.prefilled = {}
        self.model_file = None
        self.load_model()

    def _loaded(self, engine) -> None:
        self.model_loading = False
        if self.ctx is None:  # locked while loading
            self._drop_engine(engine)
            return
        self.engine = engine
        self.model_ready_at = time.perf_counter()
        self.model_ready.emit(engine)

    def _choose_failed(self, exc: BaseException) -> None:
        from app.core.llm.errors import ModelError

        self._load_failed(exc)
        if isinstance(exc, ModelError):
            self.model_missing.emit(self.model_error or "")

    def _load_failed(self, exc: BaseException) -> None:
        from app.gui.errors import message_for

        self._model_failed(message_for(exc) or self.tr("The model was not loaded."))

    def _model_failed(self, message: str) -> None:
        self.model_loading = False
        self.model_error = message
        self.model_failed.emit(message)
