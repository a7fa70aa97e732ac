"""What the command line says about the company server while it answers: that it is busy
(the request waits in its queue), and an answer it stopped in the middle.

Exit code :data:`EXIT_INCOMPLETE` (5, docs/cli.md) means: the server stopped mid-answer; the
partial answer was printed and saved as a stopped draft, which the user keeps as it is or
discards with ``confidant history N --discard``.
"""

from __future__ import annotations

import sys

EXIT_INCOMPLETE = 5
EVERY = 10  # seconds between busy lines when stderr is not a terminal


class BusyLine:
    """"The company server is busy — waiting (N s)…" on stderr: one line rewritten each
    second on a terminal, else a line when the wait begins and every :data:`EVERY` seconds."""

    def __init__(self):
        self.last: int | None = None
        self.tty = sys.stderr.isatty()

    def __call__(self, seconds: int) -> None:
        text = f"confidant: The company server is busy — waiting ({seconds} s)…"
        if self.tty:
            sys.stderr.write("\r" + text)
            sys.stderr.flush()
        elif self.last is None or seconds - self.last >= EVERY:
            print(text, file=sys.stderr, flush=True)
        else:
            return
        self.last = seconds

    def end(self) -> None:
        """The answer began: end a rewritten line."""
        if self.tty and self.last is not None:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self.last = None


def stopped_lines(res) -> list[str]:
    """The lines after a stopped answer (the reason itself is the ``interrupted`` flag's)."""
    n = res.conversation_id
    what = "draft" if res.task == "draft" else "answer"
    return [f"the partial {what} is saved as a stopped {what} in conversation {n}; it stays as it is, "
            f"or discard it with: confidant history {n} --discard"]


def print_stopped(res) -> None:
    """After ``--json`` output: why the answer is incomplete, and where it was saved."""
    for f in res.flags:
        if f.get("kind") == "interrupted":
            print(f"confidant: {f['detail']}", file=sys.stderr)
    for line in stopped_lines(res):
        print(f"confidant: {line}", file=sys.stderr)
