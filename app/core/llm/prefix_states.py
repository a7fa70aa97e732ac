"""Evaluated prompt prefixes the engine keeps: a bounded in-memory LRU, fed from the disk cache.

:class:`PrefixStates` maps a prefix's tokens to llama.cpp's state bytes after reading them
(evicted oldest first past ``max_states`` or ``max_bytes``). :func:`from_disk` brings the
longest prefix stored on disk (:mod:`app.core.llm.state_cache`, encrypted) into it when it
is longer than what memory and the live context already hold. Runs on the engine's thread,
under the engine's lock.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np


def common_prefix(a, b) -> int:
    n = min(len(a), len(b))
    if n == 0:
        return 0
    a = np.asarray(a[:n], dtype=np.int64)
    b = np.asarray(b[:n], dtype=np.int64)
    diff = np.flatnonzero(a != b)
    return int(diff[0]) if diff.size else n


class State:
    """A saved context: tokens plus llama.cpp's state bytes, in memory."""

    __slots__ = ("tokens", "data")

    def __init__(self, tokens: list[int], data: bytes):
        self.tokens, self.data = tokens, data


class PrefixStates(OrderedDict):
    """tuple(tokens) -> :class:`State`, least recently used first."""

    def __init__(self, max_states: int, max_bytes: int):
        super().__init__()
        self.max_states, self.max_bytes = max_states, max_bytes

    def best(self, tokens, longer_than: int = 0) -> tuple[tuple | None, int]:
        """The key sharing the longest prefix with ``tokens`` (beyond ``longer_than``)."""
        best_key, best = None, longer_than
        for key, st in self.items():
            n = common_prefix(st.tokens, tokens)
            if n > best:
                best_key, best = key, n
        return best_key, best

    def add(self, tokens, data: bytes) -> State:
        key = tuple(tokens)
        st = self[key] = State(list(tokens), data)
        self.move_to_end(key)
        while len(self) > self.max_states or (len(self) > 1 and sum(len(s.data) for s in self.values()) > self.max_bytes):
            self.popitem(last=False)
        return st


def from_disk(states: PrefixStates, tokens, disk, longer_than: int = 0) -> int:
    """Put the longest disk-cached prefix of ``tokens`` into ``states`` when it beats what
    memory (and ``longer_than``, the live context) holds; returns its length (0: none)."""
    if disk is None:
        return 0
    _, held = states.best(tokens, longer_than)
    entry = disk.best(tokens, longer_than=held)
    if entry is None:
        return 0
    data = disk.read(entry)
    if data is None:
        return 0
    states.add(entry.tokens, data)
    return common_prefix(entry.tokens, tokens)
