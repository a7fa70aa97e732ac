"""The pane's view of the company server's own pace and faults (:mod:`app.core.llm.remote`):

- while the server queues the request, the state line says "The company server is busy —
  waiting (N s)…" (:func:`busy_text`), N ticking; Stop works meanwhile;
- an answer the server stopped in the middle stays on screen, saved as a stopped draft, with
  a line saying what happened and Keep / Discard (:class:`StoppedBar`). Keep leaves it saved
  as it is; Discard deletes that turn (or the conversation it began) on the store thread.

Runs on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.core.assistant import stopped


def busy_text(seconds: int) -> str:
    return QCoreApplication.translate("StoppedBar", "The company server is busy — waiting (%1 s)…").replace(
        "%1", str(seconds))


def is_stopped(version) -> bool:
    """A version the company server cut off (its saved stop reason)."""
    return getattr(getattr(version, "outcome", None), "stop_reason", None) == "interrupted"


class StoppedBar(QWidget):
    """A line and Keep / Discard under an answer the company server stopped in the middle."""

    discarded = Signal(bool)  # True: the whole conversation went (the answer was its first turn)
    kept = Signal()

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("stoppedBar")
        self.session = session
        self.conversation_id: int | None = None
        self.line = QLabel()
        self.line.setObjectName("stoppedLine")
        self.line.setWordWrap(True)
        self.keep_btn = QPushButton(self.tr("Kee&p"))
        self.keep_btn.setObjectName("keepStoppedButton")
        self.keep_btn.setToolTip(self.tr("Keep the incomplete answer as it is (it stays in History)."))
        self.discard_btn = QPushButton(self.tr("D&iscard"))
        self.discard_btn.setObjectName("discardStoppedButton")
        self.discard_btn.setToolTip(self.tr("Delete the incomplete answer from the vault."))
        self.keep_btn.clicked.connect(self.keep)
        self.discard_btn.clicked.connect(self.discard)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.line, 1)
        lay.addWidget(self.keep_btn)
        lay.addWidget(self.discard_btn)
        self.setVisible(False)

    @classmethod
    def under(cls, pane) -> "StoppedBar":
        """The bar for the assistant pane: Keep says so; Discard clears the answer (the
        conversation went) or shows the conversation without the discarded turn."""
        bar = cls(pane.session)
        bar.kept.connect(lambda: pane.state.setText(QCoreApplication.translate("StoppedBar", "Kept as it is.")))

        def discarded(whole: bool) -> None:
            if whole:
                pane._forget_answer()
                pane._load_past()
            else:
                pane.reopen(pane.conversation_id)
            pane.state.setText(QCoreApplication.translate("StoppedBar", "Discarded."))
            pane._refresh()

        bar.discarded.connect(discarded)
        return bar

    def offer(self, version, conversation_id: int | None) -> bool:
        """Show the bar for ``version`` when the server stopped it; hide it otherwise."""
        show = is_stopped(version) and conversation_id is not None
        self.conversation_id = conversation_id if show else None
        if show:
            self.line.setText(self.tr("The company server stopped answering in the middle of this answer. What came "
                                      "is shown and saved as a stopped draft: keep it, or discard it."))
        self.setVisible(show)
        return show

    def hide_bar(self) -> None:
        self.conversation_id = None
        self.setVisible(False)

    def keep(self) -> None:
        self.hide_bar()
        self.kept.emit()

    def discard(self) -> None:
        cid = self.conversation_id
        if cid is None:
            return
        self.discard_btn.setEnabled(False)

        def done(whole: bool) -> None:
            self.discard_btn.setEnabled(True)
            self.hide_bar()
            self.discarded.emit(bool(whole))

        def failed(exc) -> None:
            from app.gui.errors import show_error

            self.discard_btn.setEnabled(True)
            show_error(self, exc)

        self.session.run(lambda ctx, task: stopped.discard(ctx, cid), success=done, failure=failed)
