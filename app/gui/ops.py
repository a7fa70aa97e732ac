"""Moved to :mod:`app.gui.workers`; this name stays only while branches still import it."""

from app.gui.workers import Cancelled, Executor, Executors, Task  # noqa: F401
