"""Split a streamed DeepSeek-R1 reply into reasoning (``<think>…</think>``) and answer.

Works on text pieces as they arrive, whatever the token boundaries: a tag split over
several pieces (``<th`` + ``ink>``) is recognised, and text that might be the start of a
tag is held back only until it can be decided. Handles a template that already opened
``<think>`` (``opened=True``) and a model that writes ``<think>`` again anyway. Pure
Python, no I/O; runs on the generation thread.
"""

from __future__ import annotations

OPEN = "<think>"
CLOSE = "</think>"


def _partial_suffix(text: str, tag: str) -> int:
    """Length of the longest suffix of ``text`` that is a proper prefix of ``tag``."""
    for n in range(min(len(tag) - 1, len(text)), 0, -1):
        if tag.startswith(text[-n:]):
            return n
    return 0


class ReasoningSplitter:
    """Feed text with :meth:`feed`, then call :meth:`finish`; both return [(kind, text)]
    with kind "reasoning" or "answer". ``state`` is "start", "reasoning" or "answer"."""

    def __init__(self, opened: bool = False):
        self.state = "reasoning" if opened else "start"
        self._buf = ""
        self._fresh = True  # at the very start of a section: leading whitespace / a repeated <think>
        self.malformed = False
        self.closed = False

    def feed(self, text: str) -> list[tuple[str, str]]:
        self._buf += text
        out: list[tuple[str, str]] = []
        while True:
            before = (self.state, len(self._buf))
            if self.state == "start":
                self._step_start()
            elif self.state == "reasoning":
                self._step_section(out, "reasoning", CLOSE)
            else:
                self._step_section(out, "answer", None)
            if (self.state, len(self._buf)) == before:
                return [p for p in out if p[1]]

    def _step_start(self) -> None:
        stripped = self._buf.lstrip()
        if not stripped:
            return
        if stripped.startswith(OPEN):
            self._buf = stripped[len(OPEN):]
            self.state, self._fresh = "reasoning", True
        elif OPEN.startswith(stripped):
            return  # could still become <think>
        else:
            self.state, self._fresh = "answer", True

    def _step_section(self, out: list, kind: str, end_tag: str | None) -> None:
        if self._fresh:
            stripped = self._buf.lstrip()
            if not stripped:
                return
            if kind == "reasoning" and stripped.startswith(OPEN):
                self._buf = stripped[len(OPEN):]  # the model repeated the opening the template gave
                return
            if kind == "reasoning" and OPEN.startswith(stripped):
                return
            if kind == "answer":
                self._buf = stripped  # the blank lines after </think> are not part of the answer
            self._fresh = False
        if end_tag is not None:
            i = self._buf.find(end_tag)
            if i >= 0:
                out.append((kind, self._buf[:i]))
                self._buf = self._buf[i + len(end_tag):]
                self.state, self._fresh, self.closed = "answer", True, True
                return
            keep = _partial_suffix(self._buf, end_tag)
        else:
            for tag in (OPEN, CLOSE):
                if tag in self._buf:
                    # A second think block or a stray close in the answer: pass it through as text.
                    self.malformed = True
            keep = max(_partial_suffix(self._buf, OPEN), _partial_suffix(self._buf, CLOSE))
        emit = self._buf[: len(self._buf) - keep]
        if emit:
            out.append((kind, emit))
            self._buf = self._buf[len(emit):]

    def finish(self) -> list[tuple[str, str]]:
        """Flush held-back text at the end of the stream."""
        rest, self._buf = self._buf, ""
        if self.state == "reasoning":
            self.malformed = self.malformed or bool(rest.strip()) or not self.closed
            return [("reasoning", rest)] if rest else []
        if self.state == "start":
            return [("answer", rest.lstrip())] if rest.strip() else []
        return [("answer", rest.lstrip() if self._fresh else rest)] if rest.strip() or not self._fresh and rest else []
