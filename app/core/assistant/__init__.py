"""Assistant tasks: follow-up drafts, summaries and questions over a contact's or an
account's notes — grounded in the notes, cited, injection-safe, saved in the vault.

The model has no tools: it receives text and returns text. Public API (see tasks.py):
``draft_follow_up``, ``summarize``, ``ask``, ``continue_conversation``, ``history``;
results are :class:`TaskResult` (``as_json()`` is the issue-5 JSON shape).
"""

from app.core.assistant.runner import Options, TaskCancelled, TaskResult  # noqa: F401
from app.core.assistant.tasks import ask, continue_conversation, draft_follow_up, history, summarize  # noqa: F401
