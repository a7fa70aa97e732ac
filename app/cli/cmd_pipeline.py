"""`confidant deals [TARGET] [--json]`: the pipeline as imported.

Without TARGET every deal; with a contact the deals they have a role in; with an account its
deals. ``--json`` prints the contract of DESIGN.md: ``[{id, name, account, stage, status
("open"|"won"|"lost"), amount (a string, exact to the cent, or null: never 0 for a missing
amount), currency (ISO 4217 or null), close_date ("YYYY-MM-DD" or null), probability (0-100
or null), next_step, contacts: [{email, name, role}]}]``. Like ``notes --json`` it is a
machine-readable dump: refused under ``allow_export = false`` and audited (counts only).
"""

from __future__ import annotations

from app.cli.common import add_json_flag, print_json, vault_context
from app.core.errors import N_, AppError
from app.core.vault import audit, pipeline, records


def register(sub) -> None:
    p = sub.add_parser("deals", help="list deals (of a contact or an account)")
    p.add_argument("target", nargs="?", help="contact (id, e-mail, name) or account (a12 or its name)")
    p.add_argument("--status", choices=pipeline.STATUSES, help="only open, won or lost deals")
    add_json_flag(p)
    p.set_defaults(func=run)


def _money(d: pipeline.Deal) -> str:
    if d.amount is None:
        return "no amount"
    whole, _, cents = d.amount_text().partition(".")
    grouped = f"{int(whole):,}".replace(",", " ") if whole.lstrip("-").isdigit() else whole
    return f"{grouped}.{cents} {d.currency or ''}".strip()


def run(args) -> int:
    with vault_context(create=False) as ctx:
        conn = ctx.vault.conn
        if args.json and not ctx.settings.get("allow_export"):
            if not ctx.vault.read_only:
                with ctx.vault.transaction() as c:
                    audit.append(c, "records.refused", kind="deals", format="json")
            raise AppError(N_("Your IT policy turns exports off (allow_export = false), and `deals --json` is one; "
                              "read deals with `confidant deals` or in the app."))
        subject = None
        if args.target:
            t = records.resolve_target(conn, args.target)
            if t["kind"] == "account":
                subject = f"account#{t['account_id']}"
                deals = pipeline.list_deals(conn, account_id=t["account_id"], status=args.status)
            else:
                subject = f"contact#{t['id']}"
                deals = pipeline.list_deals(conn, contact_id=t["id"], status=args.status)
        else:
            deals = pipeline.list_deals(conn, status=args.status)
        if not ctx.vault.read_only:
            details = {"kind": "deals", "count": len(deals), "format": "json" if args.json else "text"}
            if subject:
                details["subject"] = subject
            with ctx.vault.transaction() as c:
                audit.append(c, "records.read", **details)
    if args.json:
        print_json([d.as_json() for d in deals])
        return 0
    if not deals:
        print("No deals." if not args.target else f"No deals for '{args.target}'.")
        return 0
    for d in deals:
        bits = [d.status, d.stage or "no stage", _money(d), f"closes {d.close_date}" if d.close_date else "no close date"]
        if d.probability is not None:
            bits.append(f"{d.probability} %")
        print(f"#{d.id}  {d.name}  ({d.account or 'no account'}): " + ", ".join(bits))
        if d.next_step:
            print(f"    next step: {d.next_step}")
        for c in d.contacts:
            print(f"    {c.name} <{c.email or 'no e-mail'}>" + (f": {c.role}" if c.role else "") + (" (primary)" if c.primary else ""))
    return 0
