"""Moved to :mod:`app.gui.operations`; this name stays only while branches still import it."""

from app.gui.operations import *  # noqa: F401,F403
