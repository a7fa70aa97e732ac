"""Noticing a generation that loops: the same line again and again, or a run of text that
repeats itself (small models do this readily, at any temperature).

:class:`RepetitionGuard` is fed the text as it streams and says when the tail has become a
loop; :attr:`RepetitionGuard.cut` is then where the repeats start (one occurrence is kept),
so the caller can stop the model and trim what it keeps. Pure Python, no I/O, cheap enough
to run on every token: the tail is checked only when a word or line ends.
"""

from __future__ import annotations

import re

LINE_REPEATS = 3  # the same non-trivial line this many times
RUN_REPEATS = 3  # a unit of text repeated back to back this many times
MIN_UNIT = 12  # shorter units ("ha ha ha", "----") need a long run to count
SHORT_RUN_CHARS = 120
MAX_UNIT = 400
_WS = re.compile(r"\s+")


class RepetitionGuard:
    def __init__(self) -> None:
        self.text = ""
        self.cut: int | None = None  # where the repeated part starts, once looping
        self._lines: dict[str, list[int]] = {}
        self._line_start = 0

    @property
    def looping(self) -> bool:
        return self.cut is not None

    def feed(self, piece: str) -> bool:
        """Add streamed text; True once the text loops (and from then on)."""
        if self.cut is not None or not piece:
            return self.cut is not None
        start = len(self.text)
        self.text += piece
        if "\n" in piece:
            self._check_lines(start)
        if self.cut is None and (piece[-1:].isspace() or piece[-1:] in ".,;:!?)]" or "\n" in piece):
            self._check_run()
        return self.cut is not None

    def _check_lines(self, start: int) -> None:
        while True:
            nl = self.text.find("\n", max(self._line_start, 0))
            if nl < 0:
                return
            line = _WS.sub(" ", self.text[self._line_start:nl]).strip(" *-#>•").casefold()
            if len(line) >= 8:
                seen = self._lines.setdefault(line, [])
                seen.append(self._line_start)
                if len(seen) >= LINE_REPEATS:
                    self.cut = seen[1]  # keep the first occurrence and what came between
                    return
            self._line_start = nl + 1

    def _check_run(self) -> None:
        t = self.text.rstrip()
        n = len(t)
        for unit in range(1, min(MAX_UNIT, n // RUN_REPEATS) + 1):
            last = t[n - unit:]
            if t[n - 2 * unit: n - unit] != last:
                continue
            reps = 2
            while reps * unit + unit <= n and t[n - (reps + 1) * unit: n - reps * unit] == last:
                reps += 1
            if reps < RUN_REPEATS:
                continue
            if unit < MIN_UNIT and reps * unit < SHORT_RUN_CHARS:
                continue
            if not last.strip():
                continue
            start = n - reps * unit
            while start > 0 and t[start - 1] == t[start - 1 + unit]:
                start -= 1  # the loop began before the first whole unit we matched
            self.cut = start + unit  # keep one occurrence
            return


def trim(text: str, cut: int | None) -> str:
    """``text`` without its repeats (from ``cut`` on), for the saved answer."""
    return text if cut is None else text[:cut].rstrip()
