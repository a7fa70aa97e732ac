"""What the assistant needs of an engine, whichever answers: the local model
(:class:`app.core.llm.engine.LocalEngine`), the company server
(:class:`app.core.llm.remote.RemoteEngine`), or the server with the local model as its
fallback (:class:`app.core.llm.source.FallbackEngine`). :func:`app.core.llm.source.load_engine`
gives one; every ``stream`` runs the one loop of :mod:`app.core.llm.streaming`.
"""

from __future__ import annotations

from typing import Iterator, Protocol, runtime_checkable

from app.core.llm.events import Event


@runtime_checkable
class Engine(Protocol):
    n_ctx: int  # tokens of context: the prompt and the reply together
    model_name: str  # what the window and the result call the model

    def stream(self, messages: list[dict], *, cancel=None, max_tokens: int = 1024,
               thinking_budget: int | None = None, quick: bool = False, temperature: float = 0.6,
               top_p: float = 0.95, seed: int | None = None, wait: bool = False,
               answer_tokens: int | None = None, guard: bool = True, task: str | None = None,
               json_schema: dict | None = None) -> Iterator[Event]:
        """Events of one reply; the last is always Done. ``task`` names the task kind (the
        company server audits it); ``json_schema`` constrains the answer to JSON of that
        schema. Raises EngineBusy / ContextOverflowError at once."""

    def count_tokens(self, text: str) -> int:
        """Tokens of plain message text, as the prompt builder must budget them."""

    def describe(self) -> dict:
        """``doctor``'s ``model`` section: path, sha256, trusted, backend, gpu_layers, n_ctx, threads."""

    def close(self) -> None:
        """Free the model or the connection; the engine is not used again."""


@runtime_checkable
class Prefilling(Protocol):
    """An engine that can read a prompt prefix ahead of the user (the local model)."""

    def prefill(self, messages: list[dict], *, cancel=None, wait: bool = True, on_progress=None, disk=None,
                keep: bool = True) -> int: ...

    def has_prefix(self, messages: list[dict]) -> bool: ...
