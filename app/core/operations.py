"""The operations a front end runs on the vault, by :class:`~app.core.context.Context`.

Each runs on the thread that owns the vault connection (the window's store thread) and
returns records (:mod:`app.core.model`). An operation that changes the vault returns a
:class:`~app.core.model.Done` that says what it changed, so the caller never lists changes
by hand (Anki's ``CollectionOp`` returning ``OpChanges``): the window emits the
:class:`~app.core.model.Changes` once and every view decides whether to refresh. The window
reaches these through :mod:`app.gui.operations` and never holds the connection, runs SQL or
opens a transaction itself. Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from app.core.errors import AppError
from app.core.model import ACCOUNT, Changes, Done, Note, Subject, SubjectRef
from app.core.vault import audit, conversations, records, settings_store

PEOPLE_PAGE = 200  # people fetched at a time by the navigator
NOTES_FOUND = 20

FORGOTTEN = Changes(contacts=True, accounts=True, notes=True, conversations=True)

# Where the last integrity check is kept, in the vault's settings table (not a user option).
INTEGRITY_KEY = "privacy.last_integrity_check"


# ---- browsing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """What a search shows: accounts and people by name, notes by their words (each note
    with ``contact_name`` set to whose it is: "Kari Nordmann (Fjord Logistikk AS)")."""

    query: str | None
    accounts: list[Subject] = field(default_factory=list)
    contacts: list[Subject] = field(default_factory=list)
    contacts_total: int = 0
    notes: list[Note] = field(default_factory=list)


def search(ctx, query: str | None, *, people: int = PEOPLE_PAGE, notes: int = NOTES_FOUND) -> Found:
    conn = ctx.vault.conn
    contacts = records.list_contacts(conn, query, limit=people)
    total = records.count_contacts(conn, query) if len(contacts) >= people else len(contacts)
    hits = records.search_notes(conn, query, limit=notes) if query else []
    return Found(query, records.list_accounts(conn, query), contacts, total,
                 [n.with_person(records.note_owner(conn, n)) for n in hits])


def people_page(ctx, query: str | None, offset: int, limit: int = PEOPLE_PAGE) -> list[Subject]:
    return records.list_contacts(ctx.vault.conn, query, limit=limit, offset=offset)


@dataclass(frozen=True)
class SubjectView:
    """One subject as the timeline shows it: its card (None: it is gone), an account's
    people, its notes and activities (newest first) and its deals."""

    subject: Subject | None
    items: list = field(default_factory=list)  # app.core.vault.pipeline.TimelineItem
    people: list[Subject] = field(default_factory=list)
    deals: list = field(default_factory=list)  # app.core.vault.pipeline.Deal


def subject_view(ctx, ref: SubjectRef, *, limit: int | None = None) -> SubjectView:
    from app.core.vault import pipeline

    conn = ctx.vault.conn
    subject = records.get_subject(conn, ref)
    if subject is None:
        return SubjectView(None)
    key = {"account_id": ref.id} if ref.kind == ACCOUNT else {"contact_id": ref.id}
    people = records.account_people(conn, ref.id) if ref.kind == ACCOUNT else []
    return SubjectView(subject, pipeline.timeline(conn, limit=limit, **key), people, pipeline.list_deals(conn, **key))


def find_subject(ctx, ref: SubjectRef | str) -> Subject | None:
    """The subject ``ref`` names, or None when it is not there (forgotten, or a typo)."""
    try:
        return records.resolve_target(ctx.vault.conn, ref)
    except AppError:
        return None


# ---- conversations -----------------------------------------------------------------------------


def list_conversations(ctx, *, limit: int | None = 200, **subject) -> list[dict]:
    """Past conversations, newest first; ``contact_id=``/``account_id=``: one subject's."""
    return conversations.list_all(ctx.vault.conn, limit=limit, **subject)


def get_conversation(ctx, conversation_id: int) -> dict:
    return conversations.get(ctx.vault.conn, conversation_id)


def open_conversation(ctx, conversation_id: int) -> dict:
    """A stored conversation with its messages and its drafts."""
    conv = conversations.get(ctx.vault.conn, conversation_id)
    conv["drafts"] = conversations.drafts(ctx.vault.conn, conversation_id)
    return conv


def delete_conversation(ctx, conversation_id: int) -> Done:
    with ctx.vault.transaction() as conn:
        deleted = conversations.delete(conn, conversation_id)
    return Done(deleted, Changes(conversations=True))


# ---- privacy: audit log, integrity, settings ---------------------------------------------------------


def audit_entries(ctx, *, limit: int | None = 500) -> list[dict]:
    return audit.entries(ctx.vault.conn, limit=limit)


def last_integrity(ctx) -> dict | None:
    """``{"at": iso, "ok": bool}`` of the last integrity check, or None."""
    value = settings_store.get_all(ctx.vault.conn).get(INTEGRITY_KEY)
    return value if isinstance(value, dict) and "at" in value else None


def check_integrity(ctx) -> Done:
    """Run the vault's integrity check and keep its time and result."""
    result = ctx.vault.integrity()
    record = {"at": datetime.now().astimezone().isoformat(timespec="seconds"), "ok": bool(result["ok"])}
    with ctx.vault.transaction() as conn:
        settings_store.put(conn, INTEGRITY_KEY, record)
    return Done(record, Changes(settings=True))


def save_settings(ctx, wanted: dict) -> Done:
    """Set the options in ``wanted`` that differ (one transaction); the value is what changed."""
    changed = {k: v for k, v in wanted.items() if ctx.settings.get(k) != v}
    if changed:
        with ctx.vault.transaction():
            for k, v in changed.items():
                ctx.settings.set(k, v)
    return Done(changed, Changes(settings=bool(changed)))


def maintain(ctx) -> Done:
    """Retention and an interrupted erasure's scrub (see :mod:`app.core.privacy.retention`)."""
    from app.core.privacy.retention import run_due_maintenance

    result = run_due_maintenance(ctx)
    purged = bool(result and (result.get("conversations") or result.get("reasoning_cleared")))
    return Done(result, Changes(conversations=purged))


def forget(ctx, contact_id: int) -> Done:
    """Forget a contact (:func:`app.core.privacy.forget.forget`): it leaves every list."""
    from app.core.privacy import forget as erasure

    return Done(erasure.forget(ctx, contact_id), FORGOTTEN)


def forget_requested(ctx, **kw) -> Done:
    """Forget every contact whose CRM says they asked to be (:func:`app.core.privacy.forget.forget_requested`)."""
    from app.core.privacy import forget as erasure

    return Done(erasure.forget_requested(ctx, **kw), FORGOTTEN)


def consent_counts(ctx) -> dict:
    """How many contacts carry each CRM consent flag."""
    from app.core.vault import consent

    return consent.counts(ctx.vault.conn)


# ---- drafts: templates, edits, tasks --------------------------------------------------------------


def list_templates(ctx):
    from app.core.assistant import templates

    return templates.all_templates(ctx.vault.conn, ctx.policy)


def save_template(ctx, template) -> Done:
    from app.core.assistant import templates

    with ctx.vault.transaction() as conn:
        saved = templates.save_user_template(conn, ctx.policy, template)
    return Done(saved, Changes(settings=True))


def delete_template(ctx, name: str) -> Done:
    from app.core.assistant import templates

    with ctx.vault.transaction() as conn:
        deleted = templates.delete_user_template(conn, name)
    return Done(deleted, Changes(settings=True))


def save_edit(ctx, conversation_id: int, **kw) -> Done:
    """The user's edit of an answer, kept as the conversation's next version."""
    from app.core.assistant import service

    return Done(service.save_edit(ctx, conversation_id, **kw), Changes(conversations=True))


def add_tasks(ctx, brief, steps) -> Done:
    """The next steps a brief suggested, added as open tasks (activities on the timeline); the
    value is how many."""
    from app.core.assistant import brief_service

    return Done(len([brief_service.add_task(ctx, brief, s) for s in steps]), Changes(notes=True))


# ---- the model file ---------------------------------------------------------------------------------


def preview_model_file(ctx, path: str):
    """Inspect ``path`` without recording anything. Returns ``(ModelFile, new)``: ``new`` is
    True when the vault has never trusted this file (the user is asked before its
    fingerprint is recorded)."""
    from app.core.llm.models import inspect
    from app.core.vault import model_files

    p = Path(path).expanduser()
    mf = inspect(p, ctx.vault.conn, ctx.policy, record=False)
    new = p.exists() and model_files.get(ctx.vault.conn, str(p.resolve())) is None
    return mf, new


def check_model_file(ctx, path: str) -> Done:
    """Inspect ``path`` and, when it is usable and trusted, make it the ``model_path`` setting.
    The value is ``(ModelFile, applied)``; never raises for a bad file (its ``problem`` says
    why), and changes no setting unless ``applied``. A file seen for the first time is
    recorded as trusted (its SHA-256 kept in the vault)."""
    from app.core.llm.models import inspect

    mf = inspect(Path(path), ctx.vault.conn, ctx.policy, record=True)
    applied = False
    if mf.problem is None and mf.trusted and not ctx.settings.is_managed("model_path"):
        ctx.settings.set("model_path", str(mf.path))
        applied = True
    return Done((mf, applied), Changes(settings=applied))


def choose_model(ctx, env=None):
    """The configured model, chosen and hash-checked (its trust record lives in the vault)."""
    from app.core.llm.models import choose_model as choose

    return choose(ctx.paths, ctx.settings, ctx.policy, ctx.vault.conn, env=env)
