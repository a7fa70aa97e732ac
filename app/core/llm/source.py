"""Where answers come from, and the one way to get an engine: :func:`load_engine`.

With no ``inference_url`` in the system policy it loads the local model, as always. With one,
it opens :class:`app.core.llm.remote.RemoteEngine` (each request audited without content,
through the context's :class:`~app.core.llm.sink.AuditSink`); when ``inference_fallback_local``
is on, a server that fails (at start, or before a reply has begun) hands over to the local
model and the user is told once.

Loading is two steps so that each runs on the right thread: :func:`choose_engine` reads the
settings and the policy and picks and hash-checks the local model file (the trust record is in
the vault: the vault's thread); :func:`open_engine` loads the model or connects to the server
(slow; any thread, no vault). The local fallback uses the file chosen in the first step, with
the same context size, threads and GPU offload, so it never touches the vault from the
generation thread. :func:`load_engine` does both in a row (the CLI).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from app.core import logs
from app.core.errors import AppError, Message, N_
from app.core.privacy.door import Door

FALLBACK_NOTICE = N_("{problem} The local model answers instead (your IT policy allows this fallback).")


def answers_from(door: Door) -> Message:
    """The line the status bar and the CLI show while the company server answers."""
    return Message(N_("Answers from {host} (company server)"), host=door.host)


@dataclass(frozen=True)
class EnginePlan:
    """What :func:`open_engine` loads, decided on the vault's thread."""

    policy: object
    door: Door | None  # the company server, when the system policy names one
    model: object | None  # the local ModelFile, verified; None when there is none usable
    local_error: AppError | None  # why there is no local model (only kept when a server is named)
    n_ctx: int | None  # None: automatic
    threads: int | None  # None: physical cores
    gpu_layers: int | None  # None: automatic; -1 all; 0 none; N layers
    audit: Callable[[dict], None] | None = None  # where the server's request records go
    prompt_lookup: str = "auto"  # the setting: auto/on/off (app.core.llm.lookup)


def choose_engine(ctx, *, n_ctx: int | None = None, path: str | None = None, env=None) -> EnginePlan:
    """Read the settings and pick the local model (runs on the vault's thread).

    ``n_ctx`` (``--ctx``) wins over the ``context_size`` setting (0: automatic); ``path``
    (``eval --model``) is a model file to use instead of the configured one, and always
    local. Without a server a missing or untrusted model is a one-line ModelError here."""
    from app.core.llm.errors import ModelError
    from app.core.llm.gpu import AUTO, requested_layers
    from app.core.llm.models import choose_model, verify

    door = None if path else Door.from_policy(ctx.policy)
    n_ctx = n_ctx or int(ctx.settings.get("context_size") or 0) or None
    threads = int(ctx.settings.get("threads") or 0) or None
    gpu = requested_layers(ctx.settings)
    model = local_error = None
    try:
        if path:
            model = verify(Path(path), ctx.vault.conn, ctx.policy)
        else:
            model = choose_model(ctx.paths, ctx.settings, ctx.policy, ctx.vault.conn, env=env)
    except ModelError as exc:
        if door is None:
            raise
        local_error = exc  # only needed if the server fails and the policy allows the fallback
    sink = getattr(ctx, "audit_sink", None)
    return EnginePlan(policy=ctx.policy, door=door, model=model, local_error=local_error, n_ctx=n_ctx, threads=threads,
                      gpu_layers=None if gpu == AUTO else gpu,
                      audit=sink.writer("inference.remote") if sink is not None else None,
                      prompt_lookup=str(ctx.settings.get("prompt_lookup") or "auto"))


def open_engine(plan: EnginePlan, *, notify: Callable[[str], None] = lambda s: None,
                progress: Callable[[str], None] = lambda s: None, open_remote=None):
    """Load what ``plan`` says (slow: any thread but the GUI's, no vault). ``notify`` gets the
    lines a user must see (where answers come from, a fallback); ``progress`` loading steps."""

    def load_local():
        from app.core.llm.engine import LocalEngine

        if plan.model is None:
            raise plan.local_error
        started = time.perf_counter()
        progress(f"loading the model ({Path(str(plan.model.path)).name})…")
        engine = LocalEngine.load(plan.model, n_ctx=plan.n_ctx, threads=plan.threads, gpu_layers=plan.gpu_layers,
                                  prompt_lookup=plan.prompt_lookup)
        progress(f"model loaded in {time.perf_counter() - started:.1f} s")
        return engine

    if plan.door is None:
        return load_local()
    from app.core.llm.remote import RemoteEngine

    opener = open_remote or (lambda: RemoteEngine.open(plan.policy, audit=plan.audit, local_vocab=lambda: plan.model))
    try:
        remote = opener()
    except AppError as exc:
        if not plan.door.fallback_local:
            raise
        notify(Message(FALLBACK_NOTICE, problem=exc.message))
        logs.event("inference.fallback", at="open")
        return load_local()
    notify(answers_from(plan.door))
    if not plan.door.fallback_local:
        return remote
    return FallbackEngine(remote, load_local, notify)


def load_engine(ctx, n_ctx: int | None = None, path: str | None = None, *,
                notify: Callable[[str], None] = lambda s: None, progress: Callable[[str], None] = lambda s: None,
                env=None):
    """:func:`choose_engine` then :func:`open_engine`, on the calling thread (the CLI's)."""
    return open_engine(choose_engine(ctx, n_ctx=n_ctx, path=path, env=env), notify=notify, progress=progress)


class FallbackEngine:
    """The server first; the local model once the server fails before a reply has begun."""

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

    def stream(self, messages, **kw):
        if self.local is not None:
            return self.local.stream(messages, **kw)
        first = self.remote.stream(messages, **kw)  # busy / too long: raised now, as locally
        return self._with_fallback(first, messages, kw)

    def _with_fallback(self, gen, messages, kw):
        from app.core.llm.events import ServerBusy

        while True:  # until the server's first event that is not "busy, waiting"
            try:
                ev = next(gen)
            except StopIteration:
                return
            except AppError as exc:
                gen.close()
                self._switch(exc)
                yield from self.local.stream(messages, **kw)
                return
            yield ev
            if not isinstance(ev, ServerBusy):
                break
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
    out = {**door.describe(), "reachable": False, "n_ctx": None, "latency_ms": None, "slots": None}
    from app.core.llm.remote import RemoteEngine

    try:
        eng = RemoteEngine.open(policy, connect_timeout=5.0, timeout=30.0)
    except AppError as exc:
        out["problem"] = exc.message
        return out
    from app.core.llm.server_health import probe

    out.update(reachable=True, n_ctx=eng.n_ctx)
    try:
        out.update(probe(eng))
    finally:
        eng.close()
    return out
