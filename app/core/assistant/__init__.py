"""Assistant tasks: follow-up drafts, summaries and questions over a contact's or an
account's notes — grounded in the notes, cited, injection-safe, saved in the vault.

The model has no tools: it receives text and returns text. Modules:

- ``service``: the public API over the vault (load a task, run it, save it);
- ``turns``: the tasks on plain data (fit the notes, one model turn, check the answer);
- ``summary``: summaries, in one pass or by map-reduce;
- ``generation``: running one model turn (Options, TaskResult, the result flags);
- ``notes``: the typed note record; ``prompts``, ``selection``, ``fencing``, ``citations``.

Public API (see service.py):
``draft_follow_up``, ``summarize``, ``ask``, ``continue_conversation``, ``history``;
results are :class:`TaskResult` (``as_json()`` is the issue-5 JSON shape).
"""

from app.core.assistant.generation import Options, TaskCancelled, TaskResult  # noqa: F401
from app.core.assistant.service import ask, continue_conversation, draft_follow_up, history, summarize  # noqa: F401
