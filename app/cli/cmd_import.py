"""`confidant import FILE... [--json] [--format NAME] [--map SPEC] [--encoding NAME]`.

Exit code 0 when every file imported (warnings allowed), 1 when any file failed. On a
terminal, a progress line is rewritten in place on stderr; with --json only the report
is printed (on stdout). The text report says, per file, where the notes went (on a contact,
on a company only, unlinked) and repeats a file's linkage warning (more than 10 % of its
notes unlinked) at the end, where it cannot scroll away.
"""

from __future__ import annotations

import sys

from app.cli.common import add_json_flag, print_json, vault_context
from app.core.crm import formats


def register(sub) -> None:
    p = sub.add_parser("import", help="import CRM export files (CSV, Excel, vCard) into the vault")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=formats.names(), help="skip detection and read the files as this format")
    p.add_argument("--map", dest="mapping", metavar="SPEC",
                   help='column mapping for other tables, e.g. "Body=note,Email=email,Kunde=company"')
    p.add_argument("--encoding", metavar="NAME",
                   help="text encoding of CSV/vCard files instead of the guess, e.g. cp865 (DOS Nordic), mac_roman, cp1252")
    add_json_flag(p)
    p.set_defaults(func=run)


def _progress_printer():
    if not sys.stderr.isatty():
        return None

    def show(p) -> None:
        pct = f"{100 * p.bytes_done / p.bytes_total:5.1f}%" if p.bytes_total else ""
        sys.stderr.write(f"\rimporting {p.file_index + 1}/{p.files_total} {p.file}: {p.rows_done:,} rows {pct}\033[K")
        sys.stderr.flush()

    return show


def _pipeline(d: dict) -> str | None:
    """ "2 deals added, 1 updated; 5 activities (1 call, 2 tasks, ...): 4 on a contact, ..." or None."""
    deals, acts = d["deals"], d["activities"]
    parts = []
    if deals["added"] or deals["updated"]:
        parts.append(f"{deals['added']} deals added, {deals['updated']} updated")
    if acts["added"]:
        kinds = ", ".join(f"{acts[k]} {k}" for k in ("call", "meeting", "email", "task", "note") if acts[k])
        parts.append(f"{acts['added']} activities ({kinds}): {acts['linked_contact']} on a contact, "
                     f"{acts['linked_account_only']} on a company only, {acts['unlinked']} unlinked")
    return "; ".join(parts) or None


def _already(d: dict) -> str | None:
    """What a re-import found stored already (people, notes, deals, activities)."""
    bits = [(d.get("contacts_already_there", 0), "person", "people"), (d.get("notes_already_there", 0), "note", "notes"),
            (d["deals"]["already_there"], "deal", "deals"), (d["activities"]["already_there"], "activity", "activities")]
    said = [f"{n} {one if n == 1 else many}" for n, one, many in bits if n]
    return ("Already there (nothing added twice): " + ", ".join(said) + ".") if said else None


def _links(d: dict) -> str:
    return (f"{d['notes_linked_contact']} on a contact, {d['notes_linked_account_only']} on a company only, "
            f"{d['notes_unlinked']} unlinked")


def run(args) -> int:
    from app.core.crm.importer import import_files
    from app.core.crm.headers import parse_map

    mapping = parse_map(args.mapping) if args.mapping else None
    with vault_context() as ctx:
        report = import_files(ctx.vault, args.files, format=args.format, mapping=mapping, encoding=args.encoding,
                              progress=_progress_printer())
    if sys.stderr.isatty():
        sys.stderr.write("\r\033[K")
    data = report.as_json()
    if args.json:
        print_json(data)
    else:
        for f in data["files"]:
            if f["error"]:
                print(f"{f['path']}: FAILED: {f['error']}")
            else:
                print(f"{f['path']} ({f['format']}): {f['contacts_added']} contacts added, {f['contacts_updated']} updated, "
                      f"{f['notes_added']} notes added, {f['notes_skipped']} skipped")
                if f["notes_added"]:
                    print(f"  notes: {_links(f)}")
                if _pipeline(f):
                    print(f"  {_pipeline(f)}")
            if f.get("link_warning"):
                print(f"  WARNING: {f['link_warning']}")
            for w in f["warnings"]:
                print(f"  warning: {w}")
        t = data["totals"]
        print(f"Total: {t['contacts_added']} contacts added, {t['contacts_updated']} updated, "
              f"{t['notes_added']} notes added, {t['notes_skipped']} skipped")
        if t["notes_added"]:
            print(f"Notes: {_links(t)}")
        if _pipeline(t):
            print(f"Pipeline: {_pipeline(t)}")
        if _already(t):
            print(_already(t))
        if t.get("notes_relinked"):
            print(f"{t['notes_relinked']} notes from earlier imports moved to their contact.")
        if t.get("forget_requested"):
            print(f"{t['forget_requested']} people asked to be forgotten (their CRM says so); "
                  "erase them with: confidant forget --requested")
        for f in data["files"]:
            if f.get("link_warning"):
                print(f"WARNING: {f['link_warning']}")
    if not report.ok:
        failed = [f for f in data["files"] if f["error"]]
        print(f"confidant: {len(failed)} of {len(data['files'])} files were not imported; "
              f"first: {failed[0]['error']}", file=sys.stderr)
        return 1
    return 0
