"""`confidant history`: the assistant's conversations, one of them, and discarding an answer
the company server stopped in the middle (``--discard``)."""

from __future__ import annotations

import sys

from app.cli.common import print_json, print_table, vault_context


def run_history(args) -> int:
    from app.core.assistant import service
    from app.core.vault import conversations

    with vault_context() as ctx:
        if args.discard:
            return _discard(ctx, args)
        if args.conversation is not None:
            conv = conversations.get(ctx.vault.conn, args.conversation)
            return _show(conv, args)
        rows = service.history(ctx, limit=args.limit)
        if args.json:
            print_json(rows)
        elif not rows:
            print("No conversations yet.", file=sys.stderr)
        else:
            for r in rows:
                r["about"] = r["contact"] or r["account"] or ""
                r["updated"] = (r["updated_at"] or "")[:16].replace("T", " ")
            print_table(rows, ["id", "task", "about", "turns", "updated"])
    return 0


def _show(conv: dict, args) -> int:
    """A conversation as the user saw it: their requests and the checked answers (no prompts)."""
    turns = []
    for m in conv["messages"]:
        meta = m["meta"]
        if m["role"] == "user":
            turns.append({"role": "user", "text": meta.get("display", ""), "at": m["created_at"]})
        else:
            text = meta.get("text", m["content"])
            if conv["task"] == "draft" and meta.get("subject"):
                text = f"Subject: {meta['subject']}\n\n{text}"
            turns.append({"role": "assistant", "text": text, "citations": meta.get("citations", []),
                          "flags": meta.get("flags", []), "at": m["created_at"],
                          **({"reasoning": m["reasoning"]} if m["reasoning"] else {})})
    if args.json:
        print_json({"id": conv["id"], "task": conv["task"], "contact_id": conv["contact_id"],
                    "account_id": conv["account_id"], "turns": turns, "note_ids": conv["note_ids"]})
        return 0
    for t in turns:
        print(f"[{t['role']} {t['at'][:16].replace('T', ' ')}]")
        print(t["text"])
        print()
    return 0




def _discard(ctx, args) -> int:
    from app.core.assistant import stopped
    from app.core.errors import UsageError

    if args.conversation is None:
        raise UsageError("--discard needs the conversation's id, e.g. confidant history 12 --discard")
    whole = stopped.discard(ctx, args.conversation).value
    what = "the conversation" if whole else "its latest turn"
    print(f"confidant: discarded the stopped answer ({what}) in conversation {args.conversation}", file=sys.stderr)
    return 0
