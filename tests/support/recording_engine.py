"""The real engine with a record of what it was given: the engine boundary, where a test can
check the prompt that was actually sent (consent, facts, language rules) without faking the model.

``streamed`` holds every message list handed to ``stream`` (copies), ``prefilled`` every one
handed to ``prefill``; :meth:`texts` joins each message list's contents, in the order sent."""

from __future__ import annotations


class RecordingEngine:
    def __init__(self, engine):
        self._engine = engine
        self.calls: list[tuple[str, list[dict]]] = []

    def __getattr__(self, name):
        return getattr(self._engine, name)

    def stream(self, messages, **kw):
        self.calls.append(("stream", [dict(m) for m in messages]))
        return self._engine.stream(messages, **kw)

    def prefill(self, messages, **kw):
        self.calls.append(("prefill", [dict(m) for m in messages]))
        return self._engine.prefill(messages, **kw)

    @property
    def streamed(self) -> list[list[dict]]:
        return [m for kind, m in self.calls if kind == "stream"]

    def texts(self, *, prefills: bool = False) -> list[str]:
        """Each prompt streamed (and, with ``prefills``, each one prefilled) as one text."""
        return ["\n".join(m["content"] for m in msgs) for kind, msgs in self.calls if prefills or kind == "stream"]
