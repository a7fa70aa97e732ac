"""The encrypted prompt-state cache, as the window and the command line use it (issue 26).

A subject's evaluated prompt prefix (who, data rules, subject, notes oldest first, task) is
kept on disk so a new process or a restarted app starts where an earlier one stopped:

- :func:`for_job` (vault thread) gives the engine a :class:`~app.core.llm.state_cache.DiskStates`
  with this subject's stored entries for the loaded model and :data:`PROMPT_VERSION`; None
  when the cache is off (``prompt_cache_mb`` = 0, a setting and a policy key), the engine is
  not local, or the vault is read-only;
- :func:`record` (vault thread, after the task) lists what was written in the vault's index
  (m006) with the notes and people it holds, marks what was used, and drops the least
  recently used entries past the size limit, files first;
- :func:`sweep` removes the files no index row lists (after a forget, a kill mid-write, a
  rekey cut short); :func:`clear` empties it (rekey, cache turned off); :func:`expire` drops
  entries of another model or unused for the retention period (maintenance).

The key is derived from the vault's data key held by the open context (HKDF, its own
label) and lives only in memory. Qt-free.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from app.core import logs
from app.core.errors import AppError
from app.core.llm import state_cache
from app.core.vault import prompt_states

PROMPT_VERSION = "2026-12-07.1"  # change when prompts.py or a chat format changes what a prefix means
FOLDER = "prompt-states"
MB = 1 << 20
PER_SUBJECT = 2  # a subject's newest entries kept: after a new note, the one before it is of little use
_models_checked: set[tuple[str, str]] = set()


def folder(ctx) -> Path:
    return Path(ctx.paths.cache) / FOLDER


def budget_bytes(ctx) -> int:
    return max(0, int(ctx.settings.get("prompt_cache_mb") or 0)) * MB


def _model_sha(engine) -> str | None:
    model = getattr(engine, "model", None)
    return getattr(model, "sha256", None) if hasattr(engine, "preload") else None


def _files(ctx, sha: str) -> state_cache.StateFiles:
    return state_cache.StateFiles(folder(ctx), state_cache.derive_key(ctx._key), model_sha256=sha,
                                  prompt_version=PROMPT_VERSION)


def for_job(ctx, engine, job) -> state_cache.DiskStates | None:
    """The disk cache for ``job``'s subject (a :class:`~app.core.assistant.service.Job`)."""
    sha, budget = _model_sha(engine), budget_bytes(ctx)
    subject = job.subject
    if not sha or budget <= 0 or ctx.vault.read_only or subject.get("kind") not in ("contact", "account"):
        return None
    if (str(folder(ctx)), sha) not in _models_checked:
        _models_checked.add((str(folder(ctx)), sha))
        expire(ctx, model_sha256=sha)  # another model's states are of no use: they go, files too
    rows = prompt_states.for_subject(ctx.vault.conn, model_sha256=sha, prompt_version=PROMPT_VERSION,
                                     kind=subject["kind"], subject_id=subject["id"])
    disk = state_cache.DiskStates(_files(ctx, sha), [state_cache.Entry(*r) for r in rows], budget_bytes=budget)
    disk.subject = (subject["kind"], int(subject["id"]))
    disk.note_ids = [int(n.id if hasattr(n, "id") else n["id"]) for n in job.notes]
    disk.contact_ids = _people(subject, job.notes)
    return disk


def _people(subject: dict, notes) -> list[int]:
    ids = {int(subject["id"])} if subject.get("kind") == "contact" else set()
    ids |= {int(p["id"]) for p in subject.get("contacts") or () if p and p.get("id") is not None}
    for n in notes:
        cid = n.contact_id if hasattr(n, "contact_id") else n.get("contact_id")
        if cid is not None:
            ids.add(int(cid))
    return sorted(ids)


def record(ctx, disk: state_cache.DiskStates | None) -> None:
    """List the entries ``disk`` wrote, mark those it used, keep the cache within its limit."""
    if disk is None:
        return
    disk.wait()
    try:
        _record(ctx, disk)
    finally:
        disk.settle()


def _record(ctx, disk: state_cache.DiskStates) -> None:
    if not disk.written and not disk.used and not disk.dropped:
        return
    kind, sid = disk.subject
    with ctx.vault.transaction() as c:
        # A note changed or forgotten while the state was written: it holds what is gone, so it goes.
        gone = [e.name for e in disk.written] if prompt_states.any_note_missing(c, disk.note_ids) else []
        prompt_states.remove(c, disk.dropped)  # first: a good state may have been written under the same name
        for e in (e for e in disk.written if e.name not in gone):
            prompt_states.add(c, name=e.name, tokens=e.tokens, size=e.size, model_sha256=disk.files.model_sha256,
                              prompt_version=PROMPT_VERSION, kind=kind, subject_id=sid, note_ids=disk.note_ids,
                              contact_ids=disk.contact_ids)
        prompt_states.touch(c, disk.used)
        drop = prompt_states.beyond_newest(c, kind=kind, subject_id=sid, keep=PER_SUBJECT)
        prompt_states.remove(c, drop)
        over = prompt_states.over_budget(c, budget_bytes(ctx))
        prompt_states.remove(c, over)
        drop += over + gone
    _remove_files(ctx, drop)
    logs.event("prompt_cache.recorded", written=len(disk.written), used=len(disk.used), dropped=len(drop))


def _remove_files(ctx, names) -> None:
    d = folder(ctx)
    for n in names:
        try:
            (d / (n + state_cache.SUFFIX)).unlink()
        except FileNotFoundError:
            pass


def sweep(ctx) -> int:
    """Remove every file in the cache folder that the index does not list (but not a state
    this process is still sealing or listing)."""
    n = state_cache.sweep(folder(ctx), prompt_states.names(ctx.vault.conn))
    if n:
        logs.event("prompt_cache.swept", files=n)
    return n


def clear(ctx) -> int:
    """Empty the cache: every index row, then every file."""
    if not ctx.vault.read_only:
        with ctx.vault.transaction() as c:
            prompt_states.clear(c)
    return state_cache.sweep(folder(ctx), set())


def expire(ctx, *, model_sha256: str | None = None, days: int | None = None, clock=None) -> int:
    """Drop entries of a model other than ``model_sha256`` (when given) and entries unused
    for ``days`` (the retention period), files included; then sweep. Returns entries dropped."""
    if ctx.vault.read_only:
        return 0
    if budget_bytes(ctx) <= 0:
        clear(ctx)
        return 0
    now = clock() if clock else datetime.now(timezone.utc)
    cutoff = (now - timedelta(days=int(days or 36500))).isoformat(timespec="seconds")
    with ctx.vault.transaction() as c:
        drop = prompt_states.stale(c, model_sha256=model_sha256, used_before=cutoff)
        prompt_states.remove(c, drop)
    _remove_files(ctx, drop)
    sweep(ctx)
    return len(drop)


def usage(ctx) -> dict:
    """What ``doctor`` shows: entries and bytes listed, files and bytes on disk, the limit."""
    entries, size = prompt_states.totals(ctx.vault.conn)
    files, on_disk = state_cache.folder_usage(folder(ctx))
    return {"entries": entries, "bytes": size, "files": files, "bytes_on_disk": on_disk,
            "limit_mb": budget_bytes(ctx) // MB, "folder": str(folder(ctx))}


def cache_prefix(job, engine) -> list[dict]:
    """The messages whose evaluated state is worth keeping for ``job``: the first turn of a
    stored conversation (a follow-up), else the subject's prefix (:meth:`Job.prefix`)."""
    return list(getattr(job, "first_turn", None) or job.prefix(engine))


def run_job(ctx, job, engine, **kw):
    """``job.run(engine, **kw)`` for a one-shot command: restore the longest stored prefix
    first, keep the evaluated one after (all on the caller's thread, which owns the vault)."""
    disk = for_job(ctx, engine, job)
    if disk is None:
        return job.run(engine, **kw)
    started = time.perf_counter()
    try:
        prefix = cache_prefix(job, engine)
    except AppError:  # a context too small for the subject's prefix: nothing to restore or keep
        return job.run(engine, **kw)
    restored = engine.preload(prefix, disk)
    preload_s = time.perf_counter() - started
    outcome = job.run(engine, **kw)
    kept = engine.keep_prefix(prefix, disk)
    record(ctx, disk)
    res = outcome.result
    res.cache_tokens = restored
    first = None if res.first_answer_seconds is None else round(preload_s + res.first_answer_seconds, 3)
    logs.event("prompt_cache.task", task=job.task, restored=restored, reused=res.reused_tokens, kept=kept,
               preload_s=round(preload_s, 3), first_answer_s=first)
    return outcome
