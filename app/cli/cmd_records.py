"""`confidant contacts [QUERY]` and `confidant notes CONTACT`: check what was imported.

``notes`` lists the contact's notes and activities (calls, meetings, e-mails, tasks) by date;
every ``--json`` item carries ``kind``, and a task also ``due`` and ``done``.

Every listing is audited (counts and ids only): a loop of ``notes --json`` over every contact
is a bulk read a data-protection officer must be able to see. Under ``allow_export = false``
machine-readable note dumps (``notes --json``) are refused: they are an export by other means.
"""

from __future__ import annotations

from app.cli.common import add_json_flag, print_json, print_table, vault_context
from app.core.errors import AppError
from app.core.privacy.consent import labels
from app.core.vault import audit, pipeline, records


def _audit_read(ctx, what: str, count: int, fmt: str, subject: str | None = None) -> None:
    if ctx.vault.read_only:
        return
    details = {"kind": what, "count": count, "format": fmt}
    if subject:
        details["subject"] = subject
    with ctx.vault.transaction() as c:
        audit.append(c, "records.read", **details)


def register(sub) -> None:
    p = sub.add_parser("contacts", help="list contacts (optionally matching QUERY)")
    p.add_argument("query", nargs="?", help="part of a name, e-mail or company")
    p.add_argument("--limit", type=int)
    add_json_flag(p)
    p.set_defaults(func=run_contacts)
    n = sub.add_parser("notes", help="list a contact's notes by date")
    n.add_argument("contact", help="contact id, e-mail or unique name")
    n.add_argument("--limit", type=int)
    n.add_argument("--oldest-first", action="store_true")
    n.add_argument("--kind", action="append", choices=pipeline.KINDS, help="only this kind (note, call, meeting, email, task); repeatable")
    add_json_flag(n)
    n.set_defaults(func=run_notes)


def run_contacts(args) -> int:
    with vault_context(create=False) as ctx:
        rows = records.list_contacts(ctx.vault.conn, args.query, args.limit)
        _audit_read(ctx, "contacts", len(rows), "json" if args.json else "text")
    items = [{k: v for k, v in r.as_json().items() if k in ("id", "name", "email", "company", "notes", "consent")}
             for r in rows]
    if args.json:
        print_json(items)
    elif rows:
        print_table([{**i, "consent": ", ".join(labels(i["consent"]))} for i in items],
                    ["id", "name", "email", "company", "notes", "consent"])
    else:
        print("No contacts." if not args.query else f"No contacts match '{args.query}'.")
    return 0


def run_notes(args) -> int:
    with vault_context(create=False) as ctx:
        if args.json and not ctx.settings.get("allow_export"):
            if not ctx.vault.read_only:
                with ctx.vault.transaction() as c:
                    audit.append(c, "records.refused", kind="notes", format="json")
            raise AppError(
                "Your IT policy turns exports off (allow_export = false), and `notes --json` is one; "
                "read notes with `confidant notes CONTACT` or in the app."
            )
        contact = records.resolve_contact(ctx.vault.conn, args.contact)
        kinds = tuple(args.kind) if args.kind else None
        notes = pipeline.timeline(ctx.vault.conn, contact_id=contact["id"], kinds=kinds, limit=args.limit,
                                  newest_first=not args.oldest_first)
        _audit_read(ctx, "notes", len(notes), "json" if args.json else "text", f"contact#{contact['id']}")
    if args.json:
        # Every item has its kind (tasks also due and done) and its person's consent flags.
        print_json([{**n.as_json(), "consent": contact["consent"]} for n in notes])
        return 0
    print(f"{contact['name']} <{contact['email'] or 'no e-mail'}>: {len(notes)} notes and activities")
    if labels(contact["consent"]):
        print(f"Consent (from the CRM): {', '.join(labels(contact['consent']))}")
    if contact["consent"].get("processing_objection") or contact["consent"].get("forget_requested"):
        print("These notes never go to the assistant.")
    for n in notes:
        flag = "  [flagged: instruction-like text]" if "instruction_like" in n.flags else ""
        task = ""
        if n.kind == "task":
            task = "  [done]" if n.done else f"  [due {n.due[:10]}{', overdue' if n.overdue() else ''}]" if n.due else "  [open]"
        print(f"\n#{n.id}  {n.kind}  {n.date or 'undated'}  {n.title or ''}  ({n.source}){task}{flag}")
        print(n.body)
    return 0
