"""`confidant brief TARGET` and `confidant tasks export OUT`: the brief before a call (issue 23).

``brief`` prints the facts and risks at once (no model), then the model's part: a stored
brief built in the background when it is fresh, else the summary of what changed and the
next steps, generated now. ``--facts-only`` skips the model; ``--as-of`` sets "today".
Showing a brief records that it was shown (the next brief's "what changed" starts there).

``tasks export`` writes open tasks to ``.ics`` (RFC 5545) or to a CRM's task-import CSV; it is
an export to an unencrypted file, so IT's ``allow_export = false`` refuses it, and it is
audited (counts only).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import add_json_flag, print_json, vault_context


def register(sub) -> None:
    p = sub.add_parser("brief", help="the brief before a call: last contact, deals, open tasks, people, changes, risks")
    p.add_argument("target", metavar="TARGET", help="contact (id, e-mail, name) or account (a123 or name)")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="the day to brief for (default: today)")
    p.add_argument("--facts-only", action="store_true", help="facts and risks only; do not run the model")
    p.add_argument("--max-tokens", type=int, help="most tokens of the model's answer (default 420)")
    p.add_argument("--ctx", type=int, help="model context size in tokens (default: automatic)")
    p.add_argument("--seed", type=int, help=argparse.SUPPRESS)
    add_json_flag(p)
    p.set_defaults(func=run_brief)

    t = sub.add_parser("tasks", help="tasks: export open tasks to a calendar (.ics) or a CRM's import CSV")
    tsub = t.add_subparsers(dest="tasks_command", metavar="ACTION", required=True)
    e = tsub.add_parser("export", help="write open tasks to OUT.ics or OUT.csv")
    e.add_argument("out", metavar="OUT", help="OUT.ics (iCalendar) or OUT.csv (a CRM's task import)")
    e.add_argument("--format", choices=["salesforce", "hubspot", "pipedrive"], default=None,
                   help="CSV shape: Salesforce Task (Data Loader), HubSpot tasks, Pipedrive activities (default: salesforce)")
    e.add_argument("--target", metavar="TARGET", help="only this contact's or account's tasks")
    e.add_argument("--include-done", action="store_true", help="also tasks already done")
    add_json_flag(e)
    e.set_defaults(func=run_tasks_export)


def run_brief(args) -> int:
    from app.core.assistant import brief as briefs
    from app.core.assistant import risks

    as_of = briefs.parse_as_of(args.as_of)
    with vault_context() as ctx:
        subject = briefs.subject_of(ctx.vault.conn, args.target)
        facts = briefs.build_facts(ctx.vault.conn, subject, as_of, thresholds=risks.Thresholds.from_settings(ctx.settings))
        if not args.facts_only:
            if not args.json:
                print(render_text(facts), flush=True)
            facts = _model_part(ctx, facts, args)
        if not ctx.vault.read_only:
            briefs.mark_shown(ctx.vault, subject)
    if args.json:
        print_json(facts.as_json())
    elif args.facts_only:
        print(render_text(facts))
    else:
        print(render_model_part(facts))
    return 0


def _model_part(ctx, facts, args):
    from app.core.assistant import brief_model

    stored = brief_model.fresh_stored(ctx.vault.conn, facts)
    if stored is not None:
        return stored
    from app.cli.cmd_assistant import _progress, load_engine

    engine = load_engine(ctx, args.ctx)
    job = brief_model.load(ctx, facts)
    result = job.run(engine, seed=args.seed, on_progress=_progress, answer_tokens=args.max_tokens)
    return brief_model.save(ctx, job, result)


def _line(label: str, value: str) -> str:
    return f"{label:<14}{value}"


def render_text(b) -> str:
    """The facts and risks as a person reads them in a terminal."""
    out = [f"{b.subject.name} ({b.subject.kind}) — brief for {b.as_of.isoformat()}"]
    lc = b.last_contact
    out.append(_line("Last contact", f"{lc.date} {lc.kind} [n{lc.id}]" if lc else "none on record"))
    if b.deals:
        out.append("Deals")
        for d in b.deals:
            money = f"{d.amount_text()} {d.currency or ''}".strip() if d.amount is not None else "no amount"
            bits = [d.stage or "no stage", money, f"close {d.close_date}" if d.close_date else "no close date"]
            if d.status != "open":
                bits.insert(0, d.status)
            if d.next_step:
                bits.append(f"next: {d.next_step}")
            out.append(f"  d{d.id}  {d.name}: " + " · ".join(bits))
    else:
        out.append(_line("Deals", "none"))
    if b.open_tasks:
        out.append(f"Open tasks ({len(b.open_tasks)})")
        for t in b.open_tasks:
            out.append(f"  [n{t.id}] {t.title}" + (f" — due {t.due}" if t.due else "") + (" — OVERDUE" if t.overdue else ""))
    else:
        out.append(_line("Open tasks", "none"))
    if b.people:
        out.append("People")
        for p in b.people:
            out.append(f"  {p.name}" + (f" ({p.role})" if p.role else "") + (f" <{p.email}>" if p.email else ""))
    since = f"since {b.changes_since[:16].replace('T', ' ')}" if b.changes_since else "last two weeks"
    if b.changes:
        out.append(f"What changed ({since})")
        for c in b.changes:
            ref = f"d{c.id}" if c.kind == "deal" else f"n{c.id}"
            out.append(f"  {c.date or '':<10}  {c.kind:<7} [{ref}] {c.text}")
    else:
        out.append(_line("What changed", f"nothing new ({since})"))
    if b.risks:
        out.append("Risks")
        for r in b.risks:
            out.append(f"  ! {r.text}  ({', '.join(r.evidence)})")
    return "\n".join(out)


def render_model_part(b) -> str:
    out = []
    if b.summary_text:
        out += ["Summary", b.summary_text]
    if b.next_steps:
        out.append("Next steps")
        for s in b.next_steps:
            out.append(f"  - {s.text}" + (f" — due {s.due}" if s.due else "") + (f" [n{s.citation}]" if s.citation else ""))
    if b.stale:
        out.append("(built before the latest data came in)")
    return "\n".join(out)


def run_tasks_export(args) -> int:
    from app.core.assistant import brief_service
    from app.core.vault import records

    out = Path(args.out)
    with vault_context(create=False) as ctx:
        kind = sid = None
        if args.target:
            t = records.resolve_target(ctx.vault.conn, args.target)
            kind, sid = ("account", int(t["account_id"])) if t.get("kind") == "account" else ("contact", int(t["id"]))
        n = brief_service.export_tasks(ctx, out, args.format, kind=kind, sid=sid, include_done=args.include_done)
    fmt = "ics" if out.suffix.lower() == ".ics" else (args.format or "salesforce")
    if args.json:
        print_json({"path": str(out), "tasks": n, "format": fmt})
    else:
        print(f"confidant: wrote {n} tasks to {out} (a local file; nothing was sent)", file=sys.stderr)
    return 0
