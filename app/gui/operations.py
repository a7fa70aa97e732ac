"""The core operations the GUI calls, each a named function (Anki's ``operations``).

A view calls ``operations.list_contacts(conn, …)`` through :meth:`Session.run` (the vault's
thread) and never imports a core module itself. Each function imports its core module on
first use, so the window shows before the heavy ones (llama_cpp) load. Qt-free.

:data:`CHANGES` says what data each changing operation touches; :meth:`Session.run` with
``changes=`` emits ``Session.data_changed`` with it, and every view refreshes itself.
"""

from __future__ import annotations

from typing import Callable

CONTACTS, ACCOUNTS, NOTES, CONVERSATIONS = "contacts", "accounts", "notes", "conversations"
EVERYTHING = frozenset({CONTACTS, ACCOUNTS, NOTES, CONVERSATIONS})


# ---- records (store thread) -------------------------------------------------------------

def detect(*a, **kw):
    from app.core.crm import detection
    return detection.detect(*a, **kw)


def import_files(*a, **kw):
    from app.core.crm import importer
    return importer.import_files(*a, **kw)


def describe_columns(*a, **kw):
    from app.core.crm import detection
    return detection.describe_columns(*a, **kw)


def list_contacts(*a, **kw):
    from app.core.vault import records
    return records.list_contacts(*a, **kw)


def list_accounts(*a, **kw):
    from app.core.vault import records
    return records.list_accounts(*a, **kw)


def notes_for(*a, **kw):
    from app.core.vault import records
    return records.notes_for(*a, **kw)


def timeline(*a, **kw):
    """A contact's or account's notes and activities (typed items with their kind)."""
    from app.core.vault import pipeline
    return pipeline.timeline(*a, **kw)


def deals_for(*a, **kw):
    from app.core.vault import pipeline
    return pipeline.list_deals(*a, **kw)


def search_notes(*a, **kw):
    from app.core.vault import records
    return records.search_notes(*a, **kw)


def resolve_target(*a, **kw):
    from app.core.vault import records
    return records.resolve_target(*a, **kw)


# ---- the model ----------------------------------------------------------------------------

def choose_model(*a, **kw):
    from app.core.llm import models
    return models.choose_model(*a, **kw)


def verify_model(*a, **kw):
    from app.core.llm import models
    return models.verify(*a, **kw)


# ---- the assistant: load (store thread), run (generation thread), save (store thread) -------

def load_draft(ctx, ref: str, **kw):
    from app.core.assistant import service
    return service.load_draft(ctx, ref, **kw)


def load_summary(ctx, ref: str, **kw):
    from app.core.assistant import service
    return service.load_summary(ctx, ref, **kw)


def load_ask(ctx, ref: str, question: str, **kw):
    from app.core.assistant import service
    return service.load_ask(ctx, ref, question, **kw)


def load_follow_up(ctx, conversation_id: int, instruction: str, **kw):
    from app.core.assistant import service
    return service.load_follow_up(ctx, conversation_id, instruction, **kw)


def follow_up_prefix(ctx, conversation_id: int):
    from app.core.assistant import service
    return service.follow_up_prefix(ctx, conversation_id)


def load_subject(ctx, ref: str):
    from app.core.assistant import service
    return service.load_subject(ctx, ref)


def save_task(ctx, job, outcome, engine):
    from app.core.assistant import service
    return service.save(ctx, job, outcome, engine)


def save_edit(ctx, conversation_id: int, **kw):
    from app.core.assistant import service
    return service.save_edit(ctx, conversation_id, **kw)


def list_templates(ctx):
    from app.core.assistant import templates
    return templates.all_templates(ctx.vault.conn, ctx.policy)


def save_template(ctx, template):
    from app.core.assistant import templates
    return templates.save_user_template(ctx.vault.conn, ctx.policy, template)


def delete_template(ctx, name: str):
    from app.core.assistant import templates
    return templates.delete_user_template(ctx.vault.conn, name)


def write_eml(*a, **kw):
    from app.core.assistant import drafts
    return drafts.write_eml(*a, **kw)


# ---- conversations, privacy -------------------------------------------------------------

def list_conversations(*a, **kw):
    from app.core.vault import conversations
    return conversations.list_all(*a, **kw)


def get_conversation(*a, **kw):
    from app.core.vault import conversations
    return conversations.get(*a, **kw)


def delete_conversation(*a, **kw):
    from app.core.vault import conversations
    return conversations.delete(*a, **kw)


def export(*a, **kw):
    from app.core.privacy import export as mod
    return mod.export(*a, **kw)


def forget(*a, **kw):
    from app.core.privacy import forget as mod
    return mod.forget(*a, **kw)


def describe_forget(*a, **kw):
    from app.core.privacy import forget as mod
    return mod.describe(*a, **kw)


def audit_entries(*a, **kw):
    from app.core.vault import audit
    return audit.entries(*a, **kw)


def audit_verify(*a, **kw):
    from app.core.vault import audit
    return audit.verify(*a, **kw)


def consent_counts(ctx):
    """How many contacts carry each CRM consent flag (issue 28)."""
    from app.core.vault import consent
    return consent.counts(ctx.vault.conn)


def describe_requested(ctx):
    from app.core.privacy import forget as mod
    return mod.describe_requested(ctx)


def forget_requested(ctx, **kw):
    from app.core.privacy import forget as mod
    return mod.forget_requested(ctx, **kw)


# What each changing operation touches (for Session.run(changes=...)).
# ---- the brief (issue 23) -------------------------------------------------------------------

def open_brief(*a, **kw):
    from app.core.assistant import brief_service
    return brief_service.open_brief(*a, **kw)


def brief_job(*a, **kw):
    from app.core.assistant import brief_service
    return brief_service.load_job(*a, **kw)


def save_brief_part(*a, **kw):
    from app.core.assistant import brief_service
    return brief_service.save_part(*a, **kw)


def briefs_to_build(*a, **kw):
    from app.core.assistant import brief_service
    return brief_service.subjects_to_build(*a, **kw)


def brief_facts(*a, **kw):
    from app.core.assistant import brief_service
    return brief_service.facts(*a, **kw)


def add_task(*a, **kw):
    from app.core.assistant import brief_service
    return brief_service.add_task(*a, **kw)


def answer_from_vault(*a, **kw):
    from app.core.assistant import brief_service
    return brief_service.answer_question(*a, **kw)


def export_tasks(*a, **kw):
    from app.core.assistant import brief_service
    return brief_service.export_tasks(*a, **kw)


CHANGES: dict[Callable, frozenset] = {
    import_files: frozenset({CONTACTS, ACCOUNTS, NOTES}),
    save_task: frozenset({CONVERSATIONS}),
    save_edit: frozenset({CONVERSATIONS}),
    delete_conversation: frozenset({CONVERSATIONS}),
    forget: EVERYTHING,
    forget_requested: EVERYTHING,
    add_task: frozenset({NOTES}),
}

# The operations above, for the presence test (tests/gui/test_gui_operations.py).
OPERATIONS: dict[str, Callable] = {
    f.__name__: f for f in (
        detect, describe_columns, import_files, list_contacts, list_accounts, notes_for, timeline, deals_for, search_notes,
        resolve_target, choose_model,
        verify_model, load_draft, load_summary, load_ask, load_follow_up, follow_up_prefix, load_subject, save_task, write_eml,
        save_edit, list_templates, save_template, delete_template,
        list_conversations, get_conversation, delete_conversation, export, forget, describe_forget, audit_entries,
        audit_verify, consent_counts, describe_requested, forget_requested,
        open_brief, brief_job, save_brief_part, briefs_to_build, brief_facts, add_task, export_tasks, answer_from_vault,
    )
}

