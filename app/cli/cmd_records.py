"""`confidant contacts [QUERY]` and `confidant notes CONTACT`: check what was imported."""

from __future__ import annotations

from app.cli.common import add_json_flag, print_json, print_table, vault_context
from app.core.vault import records


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
    add_json_flag(n)
    n.set_defaults(func=run_notes)


def run_contacts(args) -> int:
    with vault_context(create=False) as ctx:
        rows = records.list_contacts(ctx.vault.conn, args.query, args.limit)
    if args.json:
        print_json([{k: r[k] for k in ("id", "name", "email", "company", "notes")} for r in rows])
    elif rows:
        print_table(rows, ["id", "name", "email", "company", "notes"])
    else:
        print("No contacts." if not args.query else f"No contacts match '{args.query}'.")
    return 0


def run_notes(args) -> int:
    with vault_context(create=False) as ctx:
        contact = records.resolve_contact(ctx.vault.conn, args.contact)
        notes = records.notes_for(ctx.vault.conn, contact_id=contact["id"], limit=args.limit, newest_first=not args.oldest_first)
    if args.json:
        print_json([{k: n[k] for k in ("id", "date", "title", "body", "source", "flags")} for n in notes])
        return 0
    print(f"{contact['name']} <{contact['email'] or 'no e-mail'}>: {len(notes)} notes")
    for n in notes:
        flag = "  [flagged: instruction-like text]" if "instruction_like" in n["flags"] else ""
        print(f"\n#{n['id']}  {n['date'] or 'undated'}  {n['title'] or ''}  ({n['source']}){flag}")
        print(n["body"])
    return 0
