"""Where answers come from: the local model, or the company server the system policy names.

:func:`engine_for` is the one place the CLI and the GUI pick the engine. With no
``inference_url`` in the system policy it loads the local model, as always. With one, it
opens :class:`app.core.llm.remote.RemoteEngine` (each request audited in the vault, without
content); when ``inference_fallback_local`` is on, a server that fails (at start, or before a
reply has begun) hands over to the local model and the user is told once.

Runs on whatever thread loads the engine; the audit writer runs on the thread that drains
the stream, which is the vault's thread in the CLI and the GUI.
"""

from __future__ import annotations

from typing import Callable

from app.core import logs
from app.core.errors import AppError, Message, N_
from app.core.privacy.door import Door

FALLBACK_NOTICE = N_("{problem} The local model answers instead (your IT policy allows this fallback).")


def answers_from(door: Door) -> Message:
    """The line the status bar and the CLI show while the company server answers."""
    return Message(N_("Answers from {host} (company server)"), host=door.host)


def audit_writer(ctx) -> Callable[[dict], None]:
    """Append one ``inference.remote`` row per request (counts and ids only)."""
    from app.core.vault import audit

    def write(details: dict) -> None:
        try:
            with ctx.vault.transaction() as conn:
                audit.append(conn, "inference.remote", **details)
        except AppError:
            logs.event("inference.audit_failed")  # a read-only (damaged) vault: the log keeps the count

    return write


def engine_for(ctx, load_local: Callable[[], object], *, notify: Callable[[str], None] = lambda s: None,
               open_remote=None):
    """The engine the policy asks for (see the module docstring)."""
    door = Door.from_policy(ctx.policy)
    if door is None:
        return load_local()
    from app.core.llm.remote import RemoteEngine

    def vocab():  # the local model, verified by hash, for counting tokens when the server cannot
        from app.core.llm.models import choose_model

        return choose_model(ctx.paths, ctx.settings, ctx.policy, ctx.vault.conn)

    opener = open_remote or (lambda: RemoteEngine.open(ctx.policy, audit=audit_writer(ctx), local_vocab=vocab))
    try:
        remote = opener()
    except AppError as exc:
        if not door.fallback_local:
            raise
        notify(Message(FALLBACK_NOTICE, problem=exc.message))
        logs.event("inference.fallback", at="open")
        return load_local()
    notify(answers_from(door))
    if not door.fallback_local:
        return remote
    return FallbackEngine(remote, load_local, notify)


class FallbackEngine:
    """The server first; the local model once the server fails before a reply has begun."""

    wants_task = True

    def __init__(self, remote, load_local: Callable[[], object], notify: Callable[[str], None]):
        self.remote, self._load_local, self._notify = remote, load_local, notify
        self.local = None

    @property
    def active(self):
        return self.local if self.local is not None else self.remote

    @property
    def n_ctx(self) -> int:
        return self.active.n_ctx

    @property
    def model_name(self) -> str:
        return self.active.model_name

    def count_tokens(self, text: str) -> int:
        try:
            return self.active.count_tokens(text)
        except AppError as exc:
            if self.local is not None:
                raise
            self._switch(exc)
            return self.local.count_tokens(text)

    def describe(self) -> dict:
        return self.active.describe()

    def close(self) -> None:
        self.remote.close()
        if self.local is not None and hasattr(self.local, "close"):
            self.local.close()

    def _switch(self, exc: AppError) -> None:
        self._notify(Message(FALLBACK_NOTICE, problem=exc.message))
        logs.event("inference.fallback", at="request")
        self.local = self._load_local()

    def stream(self, messages, *, task=None, **kw):
        if self.local is not None:
            return self.local.stream(messages, **kw)
        first = self.remote.stream(messages, task=task, **kw)  # busy / too long: raised now, as locally
        return self._with_fallback(first, messages, kw)

    def _with_fallback(self, gen, messages, kw):
        try:
            ev = next(gen)
        except AppError as exc:
            gen.close()
            self._switch(exc)
            yield from self.local.stream(messages, **kw)
            return
        yield ev
        yield from gen


def doctor_section(policy) -> dict:
    """``inference`` for ``doctor --json``: where answers are generated, and who set it."""
    try:
        door = Door.from_policy(policy)
    except AppError as exc:
        return {"mode": "server", "url": policy.get("inference_url"), "tls_sha256": None, "model": None,
                "problem": exc.message}
    if door is None:
        return {"mode": "local", "url": None, "tls_sha256": None, "model": None}
    out = {**door.describe(), "reachable": False, "n_ctx": None}
    from app.core.llm.remote import RemoteEngine

    try:
        eng = RemoteEngine.open(policy, connect_timeout=5.0)
    except AppError as exc:
        out["problem"] = exc.message
        return out
    out.update(reachable=True, n_ctx=eng.n_ctx)
    eng.close()
    return out
