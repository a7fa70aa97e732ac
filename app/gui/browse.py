"""Moved: :mod:`app.gui.navigator`, :mod:`app.gui.timeline`, :mod:`app.gui.highlight`.
This name stays only while other branches still import it."""

from app.gui.highlight import HIGHLIGHT_ROLE, elide, highlight_ranges, query_words, snippet  # noqa: F401
from app.gui.navigator import Navigator  # noqa: F401
from app.gui.timeline import Timeline  # noqa: F401
