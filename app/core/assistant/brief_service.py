"""The brief as named operations for the window and the command line (issue 23). Qt-free.

- :func:`open_brief` (vault thread): today's facts and risks at once, with the stored model
  part when one was built (``stale`` when data arrived since or it was built for another
  day); records that the brief was shown.
- :func:`load_job` / :func:`save_part`: the model part in three steps (load on the vault's
  thread, ``job.run(engine)`` anywhere, save on the vault's thread).
- :func:`subjects_to_build`: what the idle builder should prepare (recently changed and
  recently opened subjects without a fresh stored brief).
- :func:`add_task` and :func:`export_tasks`: next steps saved as tasks; open tasks written
  to ``.ics`` or a CRM's CSV (an export: refused under ``allow_export = false``, audited).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.core.assistant import brief as briefs
from app.core.assistant import brief_model, risks, task_export
from app.core.errors import N_, AppError, UsageError
from app.core.vault import audit, brief_store


@dataclass
class Opened:
    brief: briefs.Brief
    has_model_part: bool  # a stored summary/next steps came with it (maybe stale)


def _subject(conn, kind: str, sid: int) -> briefs.Subject:
    from app.core.vault import records

    if kind == "account":
        acc = next((a for a in records.list_accounts(conn) if a["account_id"] == int(sid)), None)
        if acc is None:
            raise AppError(N_("No account with id {id}."), id=sid)
        return briefs.Subject("account", int(sid), acc["name"])
    c = records.get_contact(conn, int(sid))
    if c is None:
        raise AppError(N_("No contact with id {id}."), id=sid)
    return briefs.Subject("contact", int(sid), c.get("name") or "", c.get("account_id"))


def facts(ctx, kind: str, sid: int, as_of: date | None = None, *, use_last_shown: bool = True) -> briefs.Brief:
    return briefs.build_facts(ctx.vault.conn, _subject(ctx.vault.conn, kind, sid), as_of or date.today(),
                              thresholds=risks.Thresholds.from_settings(ctx.settings), use_last_shown=use_last_shown)


def open_brief(ctx, kind: str, sid: int, as_of: date | None = None, *, mark: bool = True) -> Opened:
    """Facts at once, and the stored model part when there is one. Runs on the vault's thread."""
    b = facts(ctx, kind, sid, as_of)
    kept = brief_model.stored(ctx.vault.conn, b)
    if mark and not ctx.vault.read_only:
        briefs.mark_shown(ctx.vault, b.subject)
    return Opened(kept, True) if kept is not None else Opened(b, False)


def load_job(ctx, b: briefs.Brief) -> brief_model.BriefJob:
    return brief_model.load(ctx, b)


def save_part(ctx, job: brief_model.BriefJob, part: brief_model.ModelPart) -> briefs.Brief:
    return brief_model.save(ctx, job, part)


def subjects_to_build(ctx, opened: list[tuple[str, int]], limit: int = 5, as_of: date | None = None) -> list[tuple[str, int]]:
    """Recently opened, then recently changed subjects whose stored brief is missing or stale."""
    conn = ctx.vault.conn
    day = (as_of or date.today()).isoformat()
    out: list[tuple[str, int]] = []
    for kind, sid in [*opened, *brief_store.recent_subjects(conn, limit * 2)]:
        if (kind, sid) in out:
            continue
        kept = brief_store.load_brief(conn, kind, sid)
        scope = {"contact_id": sid} if kind == "contact" else {"account_id": sid}
        if kept is not None and kept.as_of == day and brief_store.latest_change(conn, **scope) <= brief_store.utc_stamp(
                kept.built_at):
            continue
        out.append((kind, sid))
        if len(out) >= limit:
            break
    return out


def add_task(ctx, b: briefs.Brief, step: briefs.NextStep) -> int:
    """Save a next step as an open task on the brief's subject (vault thread); returns its note id."""
    s = b.subject
    contact_id = s.id if s.kind == "contact" else None
    account_id = s.id if s.kind == "account" else s.account_id
    if step.citation is not None and step.citation in b.items and b.items[step.citation].contact_id is not None:
        contact_id = b.items[step.citation].contact_id  # the person the note is about
    with ctx.vault.transaction() as conn:
        nid = brief_store.add_task(conn, title=step.text, due=step.due, contact_id=contact_id, account_id=account_id)
        audit.append(conn, "tasks.add", note=nid)
    return nid


def export_tasks(ctx, out: Path, fmt: str | None = None, *, kind: str | None = None, sid: int | None = None,
                 include_done: bool = False) -> int:
    """Write the open tasks (of one subject, or all) to ``out`` (.ics, or .csv in ``fmt``)."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".ics", ".csv"):
        raise UsageError(N_("Write tasks to a .ics or a .csv file, not '{name}'."), name=out.name)
    if suffix == ".ics" and fmt:
        raise UsageError(N_("A CRM format is for CSV files; an .ics file is iCalendar."))
    if not ctx.settings.get("allow_export"):
        raise AppError(N_("Your IT policy turns exports off (allow_export = false); tasks were not written."))
    scope = {} if kind is None else ({"account_id": sid} if kind == "account" else {"contact_id": sid})
    tasks = brief_store.tasks_for_export(ctx.vault.conn, include_done=include_done, **scope)
    data = task_export.to_ics(tasks) if suffix == ".ics" else task_export.to_csv(tasks, fmt or "salesforce")
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise AppError(N_("Could not write {path}: {reason}."), path=str(out), reason=exc.strerror or type(exc).__name__) from None
    if not ctx.vault.read_only:
        with ctx.vault.transaction() as conn:
            audit.append(conn, "tasks.export", count=len(tasks), format="ics" if suffix == ".ics" else (fmt or "salesforce"))
    return len(tasks)


def answer_question(ctx, target_ref: str, question: str, as_of: date | None = None):
    """A structured question answered from the vault (vault thread) as a task result the
    window shows like a model's answer (``model`` "vault", not saved as a conversation); None
    when the question is for the model."""
    from app.core.assistant import questions
    from app.core.assistant.generation import TaskResult

    a = questions.answer_from_vault(ctx.vault.conn, target_ref, question, as_of=as_of,
                                    thresholds=risks.Thresholds.from_settings(ctx.settings))
    if a is None:
        return None
    return TaskResult(conversation_id=None, task="ask", text=a.text, citations=a.citations, flags=[], model="vault",
                      language=a.lang)
