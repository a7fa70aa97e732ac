"""Where the GUI finds the core functions it calls, found once and by name.

The core is built by several people; a function that is not there (an older or partial
build) is reported as missing so the window can disable that control with a tooltip,
instead of pretending. Qt-free; the lookups import modules lazily so that the window can
show before the heavy ones (llama_cpp) load.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

# name -> candidate "module:attribute" locations, first found wins.
_WHERE: dict[str, tuple[str, ...]] = {
    "detect": ("app.core.crm.importer:detect",),
    "import_files": ("app.core.crm.importer:import_files",),
    "list_contacts": ("app.core.vault.records:list_contacts",),
    "list_accounts": ("app.core.vault.records:list_accounts",),
    "notes_for": ("app.core.vault.records:notes_for",),
    "search_notes": ("app.core.vault.records:search_notes",),
    "resolve_target": ("app.core.vault.records:resolve_target",),
    "Engine": ("app.core.llm.engine:Engine",),
    "choose_model": ("app.core.llm.models:choose_model",),
    "verify_model": ("app.core.llm.models:verify",),
    "draft_follow_up": ("app.core.assistant:draft_follow_up", "app.core.assistant.tasks:draft_follow_up"),
    "summarize": ("app.core.assistant:summarize", "app.core.assistant.tasks:summarize"),
    "ask": ("app.core.assistant:ask", "app.core.assistant.tasks:ask"),
    "continue_conversation": (
        "app.core.assistant:continue_conversation",
        "app.core.assistant.tasks:continue_conversation",
    ),
    "write_eml": ("app.core.assistant.drafts:write_eml",),
    "list_conversations": ("app.core.vault.conversations:list_all",),
    "get_conversation": ("app.core.vault.conversations:get",),
    "delete_conversation": ("app.core.vault.conversations:delete",),
    "export": ("app.core.privacy.export:export",),
    "forget": ("app.core.privacy.forget:forget",),
    "describe_forget": ("app.core.privacy.forget:describe",),
    "audit_entries": ("app.core.vault.audit:entries",),
    "audit_verify": ("app.core.vault.audit:verify",),
}

_cache: dict[str, Any] = {}


def get(name: str) -> Callable | None:
    """The core function called ``name``, or None when this build does not have it."""
    if name in _cache:
        return _cache[name]
    found = None
    for spec in _WHERE[name]:
        module, attr = spec.split(":")
        # An ImportError here is a bug in the core, not a missing feature: let it surface.
        found = getattr(importlib.import_module(module), attr, None)
        if found is not None:
            break
    _cache[name] = found
    return found


def has(name: str) -> bool:
    return get(name) is not None


def require(name: str) -> Callable:
    fn = get(name)
    if fn is None:
        from app.core.errors import AppError

        raise AppError(f"This build of Confidant lacks '{name}'; the feature is not available.")
    return fn
