"""Answers the company server stopped in the middle (``stop_reason="interrupted"``).

Such an answer is saved like any other, marked stopped (its ``interrupted`` flag and stop
reason in the turn's meta), so that the text the user saw is not lost; the user then keeps
it as it is or discards it (:func:`discard`), in the window (Keep / Discard) or with
``confidant history N --discard``. Vault thread only.
"""

from __future__ import annotations

from app.core.errors import N_, UsageError
from app.core.model import Changes, Done
from app.core.vault import conversations


def is_stopped(conv: dict) -> bool:
    """The conversation's latest answer was cut off by the server."""
    answers = [m for m in conv["messages"] if m["role"] == "assistant"]
    return bool(answers) and answers[-1]["meta"].get("stop_reason") == "interrupted"


def discard(ctx, conversation_id: int) -> Done:
    """Delete the stopped answer (its turn, or the conversation when it was the first).
    ``Done.value`` is True when the whole conversation went. A finished answer is refused."""
    with ctx.vault.transaction() as conn:
        conv = conversations.get(conn, conversation_id)
        if not is_stopped(conv):
            raise UsageError(N_("The latest answer in conversation {conversation_id} was not stopped by the server; "
                                "nothing was discarded."), conversation_id=conversation_id)
        whole = conversations.drop_last_turn(conn, conversation_id)
    return Done(whole, Changes(conversations=True))
