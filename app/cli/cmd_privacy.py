"""`confidant export | forget | audit | purge | rekey`: the data-protection commands."""

from __future__ import annotations

import sys
from pathlib import Path

from app.cli.common import add_json_flag, print_json, private_argument, vault_context
from app.core.errors import N_, UsageError
from app.core.privacy import export as export_mod
from app.core.privacy import forget as forget_mod
from app.core.privacy import retention
from app.core.vault import audit


def register(sub) -> None:
    p = sub.add_parser("export", help="export all data, or everything about one contact (NOT encrypted)")
    p.add_argument("out", metavar="OUT", help="file to create (refused if it exists, unless --force)")
    p.add_argument("--contact", metavar="CONTACT",
                   help="only this contact (id, e-mail or unique name; - reads it from stdin, out of ps)")
    p.add_argument("--format", choices=export_mod.FORMATS, default="json")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    add_json_flag(p)
    p.set_defaults(func=run_export)

    p = sub.add_parser("forget", help="erase a contact and everything derived from them")
    p.add_argument("contact", metavar="CONTACT", nargs="?",
                   help="id, e-mail or unique name; - reads it from stdin (out of ps)")
    p.add_argument("--requested", action="store_true",
                   help="erase exactly the people whose CRM says they asked to be forgotten")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.add_argument("--redact-mentions", action="store_true",
                   help="also replace their name, e-mail and phone in other people's notes with [removed]")
    add_json_flag(p)
    p.set_defaults(func=run_forget)

    p = sub.add_parser("audit", help="list the audit log; --verify checks its hash chain")
    p.add_argument("--verify", action="store_true", help="check the chain; exit 1 at the first bad row")
    p.add_argument("--limit", type=int, default=None, help="only the last N rows")
    add_json_flag(p)
    p.set_defaults(func=run_audit)

    p = sub.add_parser("purge", help="apply the retention limit now (it also runs at every start)")
    add_json_flag(p)
    p.set_defaults(func=run_purge)

    p = sub.add_parser("rekey", help="rotate the data key, change the passphrase, or move the key")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--change-passphrase", action="store_true", help="set a new passphrase (CONFIDANT_NEW_PASSPHRASE in scripts)")
    g.add_argument("--to-passphrase", action="store_true", help="move the key from the OS keyring to a passphrase")
    g.add_argument("--to-keyring", action="store_true", help="move the key from a passphrase to the OS keyring")
    add_json_flag(p)
    p.set_defaults(func=run_rekey)

    p = sub.add_parser("encrypt-plaintext", help="make a new vault from a plaintext SQLite copy of a Confidant database")
    p.add_argument("file", metavar="FILE", help="the plaintext database (left as it is)")
    add_json_flag(p)
    p.set_defaults(func=run_encrypt_plaintext)


NOT_ENCRYPTED = "This file is NOT encrypted: keep it safe and delete it when you no longer need it."


def run_export(args) -> int:
    args.contact = private_argument(args.contact, "Contact")
    with vault_context(create=False) as ctx:
        report = export_mod.export(ctx, Path(args.out), contact_ref=args.contact, fmt=args.format, force=args.force)
    if args.json:
        print_json({**report, "warning": NOT_ENCRYPTED})
    else:
        c = report["counts"]
        print(f"Exported {c['contacts']} contacts, {c['notes']} notes, {c['conversations']} conversations and "
              f"{c['drafts']} drafts to {report['path']} ({report['format']}).")
    print(f"confidant: {NOT_ENCRYPTED}", file=sys.stderr)
    return 0


def _confirm(desc: dict) -> bool:
    if not sys.stdin.isatty():
        raise UsageError("Forgetting cannot be undone: add --yes to confirm when there is no terminal. Nothing was deleted.")
    print(f"Forget {desc['name']} <{desc['email'] or 'no e-mail'}> (contact #{desc['id']}): {desc['notes']} notes, "
          f"{desc['conversations']} conversations, {desc['drafts']} drafts. This cannot be undone.")
    if desc["mentions"]:
        print(f"{len(desc['mentions'])} other notes mention them: " + ", ".join(f"#{n}" for n in desc["mentions"]))
    return input("Type 'yes' to delete: ").strip().lower() == "yes"


def _ask_redact(desc: dict) -> bool:
    if not desc["mentions"] or not sys.stdin.isatty():
        return False
    return input("Also replace their name, e-mail and phone in those notes with [removed]? Type 'yes': ").strip().lower() == "yes"


def run_forget(args) -> int:
    if args.requested == bool(args.contact):
        raise UsageError(N_("Name one contact, or give --requested (the people who asked to be forgotten), not both."))
    if args.requested:
        return _forget_requested(args)
    args.contact = private_argument(args.contact, "Contact to forget")
    with vault_context(create=False) as ctx:
        desc = forget_mod.describe(ctx, args.contact)
        if not args.yes and not _confirm(desc):
            print("Nothing was deleted.", file=sys.stderr)
            return 1
        redact = args.redact_mentions or (not args.yes and _ask_redact(desc))
        result = forget_mod.forget(ctx, desc["id"], redact_mentions=redact)
    if args.json:
        print_json(result)
    else:
        print(f"Forgot {result['subject']}: {result['notes']} notes, {result['conversations']} conversations and "
              f"{result['drafts']} drafts deleted; the freed space was scrubbed.")
        if result.get("mentions_redacted"):
            print(f"Their name, e-mail and phone were removed from {result['mentions_redacted']} other notes.")
        elif result.get("mentions"):
            print(f"{len(result['mentions'])} other notes still mention them: "
                  + ", ".join(f"#{n}" for n in result["mentions"])
                  + "; edit them to remove the name (the GUI or `forget --redact-mentions` can do it at forget time).")
    return 0


def _forget_requested(args) -> int:
    with vault_context(create=False) as ctx:
        people = forget_mod.describe_requested(ctx)
        if not people:
            result = {"forgotten": [], "notes": 0, "conversations": 0, "drafts": 0}
        else:
            if not args.yes:
                if not sys.stdin.isatty():
                    raise UsageError("Forgetting cannot be undone: add --yes to confirm when there is no terminal. "
                                     "Nothing was deleted.")
                print(f"{len(people)} people asked to be forgotten (their CRM says so):")
                for p in people:
                    print(f"  #{p['id']} {p['name']} <{p['email'] or 'no e-mail'}>")
                if input("Forget them and everything about them? This cannot be undone. Type 'yes': ").strip().lower() != "yes":
                    print("Nothing was deleted.", file=sys.stderr)
                    return 1
            result = forget_mod.forget_requested(ctx, only=[p["id"] for p in people])
    if args.json:
        print_json(result)
    elif not result["forgotten"]:
        print("Nobody in the vault asked to be forgotten.")
    else:
        print(f"Forgot {len(result['forgotten'])} people who asked to be forgotten ({', '.join(result['forgotten'])}): "
              f"{result['notes']} notes, {result['conversations']} conversations and {result['drafts']} drafts deleted; "
              "the freed space was scrubbed.")
    return 0


def run_audit(args) -> int:
    with vault_context(create=False) as ctx:
        rows = audit.entries(ctx.vault.conn, limit=args.limit)
        check = audit.verify(ctx.vault.conn, ctx.paths.data, ctx.key_info) if args.verify else None
    if args.json:
        print_json({"entries": rows, "verify": check} if args.verify else {"entries": rows})
    else:
        for r in rows:  # details are short ids and counts: printed whole, never cut
            print(f"{r['id']:>6}  {r['at']}  {r['event']:<20} " + " ".join(f"{k}={v}" for k, v in r["details"].items()))
    if check is None:
        return 0
    if check["missing_triggers"]:
        print(f"confidant: the audit log's append-only triggers were removed: {', '.join(check['missing_triggers'])}.",
              file=sys.stderr)
    if not check["ok"]:
        print(f"confidant: the audit log was altered: {check['problem']}.", file=sys.stderr)
        return 1
    if not args.json:
        print(f"Audit chain intact: {check['rows']} rows verified.")
    return 1 if check["missing_triggers"] else 0


def run_purge(args) -> int:
    with vault_context(create=False) as ctx:
        result = retention.purge(ctx)
    if args.json:
        print_json(result)
    else:
        print(f"Retention {result['days']} days: {result['conversations']} conversations purged.")
    return 0


def _new_passphrase() -> str:
    import getpass
    import os

    value = os.environ.get("CONFIDANT_NEW_PASSPHRASE")
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UsageError("A new passphrase is needed: run in a terminal, or set CONFIDANT_NEW_PASSPHRASE for scripts.")
    first = getpass.getpass("New passphrase: ")
    if getpass.getpass("Type it again: ") != first:
        raise UsageError("The two passphrases differ; nothing was changed.")
    return first


def run_rekey(args) -> int:
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from app.core.privacy import rekey

    given: dict = {}

    def remembering(**kw):
        given["passphrase"] = passphrase_provider(**kw)
        return given["passphrase"]

    ctx = open_context(remembering, create=False)
    try:
        if args.change_passphrase or args.to_passphrase:
            if args.to_passphrase and ctx.key_info.mode == "passphrase":
                raise UsageError("The key is already wrapped by a passphrase; use --change-passphrase to change it.")
            result = rekey.change_passphrase(ctx, _new_passphrase())
        elif args.to_keyring:
            if ctx.key_info.mode == "keyring":
                raise UsageError("The key is already in the OS keyring.")
            result = rekey.move_to_keyring(ctx)
        else:
            result = rekey.rotate(ctx, given.get("passphrase"))
    finally:
        ctx.close()
    if args.json:
        print_json(result)
    elif result.get("rotated"):
        print("The vault was re-encrypted with a new data key; the old key was removed.")
    else:
        print(f"The data key is now kept {'in the OS keyring' if result['mode'] == 'keyring' else 'under your passphrase'}.")
    return 0


def run_encrypt_plaintext(args) -> int:
    from app.cli.common import passphrase_provider
    from app.core.context import prepare
    from app.core.vault.plaintext import encrypt_plaintext

    paths, policy = prepare()
    result = encrypt_plaintext(Path(args.file), paths, passphrase_provider,
                               require_passphrase=bool(policy.get("require_passphrase")))
    advice = f"The plaintext file {args.file} was left as it is: delete it securely once you have checked the vault."
    if args.json:
        print_json({**result, "vault": str(paths.vault), "warning": advice})
    else:
        print(f"Encrypted {result['contacts']} contacts and {result['notes']} notes into {paths.vault} "
              f"(key in {'the OS keyring' if result['mode'] == 'keyring' else 'your passphrase'}).")
        print(advice, file=sys.stderr)
    return 0
