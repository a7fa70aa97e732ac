"""The core operations the window calls, each a named function (Anki's ``operations``).

A view runs ``operations.search(ctx, …)`` through :meth:`Session.run` (the vault's thread) and
never imports a core module, holds the connection, runs SQL or opens a transaction itself.
Each function imports its core module on first use, so the window shows before the heavy
ones (llama_cpp) load. Qt-free.

An operation that changes the vault returns what it changed (a value with ``changes``, or a
:class:`~app.core.model.Done`); :meth:`Session.run` emits that once through
``Session.operation_did_execute`` and every view refreshes itself from it. Callers never list
changes by hand.
"""

from __future__ import annotations

from typing import Callable

from app.core.model import Changes, Done

# ---- files (any thread: they read only the file) --------------------------------------------


def detect(*a, **kw):
    from app.core.crm import detection
    return detection.detect(*a, **kw)


def describe_columns(*a, **kw):
    from app.core.crm import detection
    return detection.describe_columns(*a, **kw)


# ---- the vault (store thread) ---------------------------------------------------------------


def import_files(*a, **kw):
    """The :class:`~app.core.crm.report.ImportReport` says what changed (``changes``)."""
    from app.core.crm import importer
    return importer.import_files(*a, **kw)


def search(*a, **kw):
    from app.core import operations as core
    return core.search(*a, **kw)


def people_page(*a, **kw):
    from app.core import operations as core
    return core.people_page(*a, **kw)


def subject_view(*a, **kw):
    from app.core import operations as core
    return core.subject_view(*a, **kw)


def find_subject(*a, **kw):
    from app.core import operations as core
    return core.find_subject(*a, **kw)


def list_conversations(*a, **kw):
    from app.core import operations as core
    return core.list_conversations(*a, **kw)


def get_conversation(*a, **kw):
    from app.core import operations as core
    return core.get_conversation(*a, **kw)


def open_conversation(*a, **kw):
    from app.core import operations as core
    return core.open_conversation(*a, **kw)


def delete_conversation(*a, **kw):
    from app.core import operations as core
    return core.delete_conversation(*a, **kw)


def audit_entries(*a, **kw):
    from app.core import operations as core
    return core.audit_entries(*a, **kw)


def last_integrity(*a, **kw):
    from app.core import operations as core
    return core.last_integrity(*a, **kw)


def check_integrity(*a, **kw):
    from app.core import operations as core
    return core.check_integrity(*a, **kw)


def save_settings(*a, **kw):
    from app.core import operations as core
    return core.save_settings(*a, **kw)


def maintain(*a, **kw):
    from app.core import operations as core
    return core.maintain(*a, **kw)


def export(*a, **kw):
    from app.core.privacy import export as mod
    return mod.export(*a, **kw)


def describe_forget(*a, **kw):
    from app.core.privacy import forget as mod
    return mod.describe(*a, **kw)


def forget(*a, **kw):
    from app.core import operations as core
    return core.forget(*a, **kw)


def consent_counts(*a, **kw):
    from app.core import operations as core
    return core.consent_counts(*a, **kw)


def describe_requested(*a, **kw):
    from app.core.privacy import forget as mod
    return mod.describe_requested(*a, **kw)


def forget_requested(*a, **kw):
    from app.core import operations as core
    return core.forget_requested(*a, **kw)


# ---- the model ----------------------------------------------------------------------------


def engine_class():
    from app.core.llm.engine import Engine
    return Engine


def choose_model(*a, **kw):
    from app.core import operations as core
    return core.choose_model(*a, **kw)


def preview_model_file(*a, **kw):
    from app.core import operations as core
    return core.preview_model_file(*a, **kw)


def check_model_file(*a, **kw):
    from app.core import operations as core
    return core.check_model_file(*a, **kw)


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


def load_subject(ctx, ref: str, **kw):
    from app.core.assistant import service
    return service.load_subject(ctx, ref, **kw)


def prompt_cache_for(ctx, engine, job):
    """The encrypted prompt-state cache for ``job``'s subject (None when off); store thread."""
    from app.core.assistant import prompt_cache
    return prompt_cache.for_job(ctx, engine, job)


def prompt_cache_record(ctx, disk) -> None:
    """List what the prefill wrote in the vault's index; store thread."""
    from app.core.assistant import prompt_cache
    prompt_cache.record(ctx, disk)


def save_task(ctx, job, outcome, engine) -> Done:
    """Store a finished task: a new conversation (and draft)."""
    from app.core.assistant import service
    return Done(service.save(ctx, job, outcome, engine), Changes(conversations=True))


def save_edit(*a, **kw):
    from app.core import operations as core
    return core.save_edit(*a, **kw)


def list_templates(*a, **kw):
    from app.core import operations as core
    return core.list_templates(*a, **kw)


def save_template(*a, **kw):
    from app.core import operations as core
    return core.save_template(*a, **kw)


def delete_template(*a, **kw):
    from app.core import operations as core
    return core.delete_template(*a, **kw)


def write_eml(*a, **kw):
    from app.core.assistant import drafts
    return drafts.write_eml(*a, **kw)


# ---- the brief -----------------------------------------------------------------------------

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


def add_tasks(*a, **kw):
    from app.core import operations as core
    return core.add_tasks(*a, **kw)


def answer_from_vault(*a, **kw):
    from app.core.assistant import brief_service
    return brief_service.answer_question(*a, **kw)


def export_tasks(*a, **kw):
    from app.core.assistant import brief_service
    return brief_service.export_tasks(*a, **kw)


# The operations above, for the presence test (tests/gui/test_gui_operations.py).
OPERATIONS: dict[str, Callable] = {
    f.__name__: f for f in (
        detect, describe_columns, import_files, search, people_page, subject_view, find_subject, list_conversations,
        open_conversation, delete_conversation, audit_entries, last_integrity, check_integrity, save_settings, maintain,
        export, describe_forget, forget, choose_model, preview_model_file, check_model_file, load_draft, load_summary,
        load_ask, load_follow_up, follow_up_prefix, load_subject, save_task, write_eml, consent_counts,
        describe_requested, forget_requested, get_conversation, save_edit, list_templates, save_template, delete_template,
        open_brief, brief_job, save_brief_part, briefs_to_build, brief_facts, add_tasks, answer_from_vault, export_tasks,
    )
}
