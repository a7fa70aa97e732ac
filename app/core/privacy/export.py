"""The right of access and portability: export all data, or everything about one contact.

Formats (documented in docs/export-format.md):

- ``json``: ``confidant-export`` version 1, validated by resources/schemas/export-v1.schema.json;
  it can be imported again (app.core.crm.confidant_export).
- ``csv``: one table, one row per record, a ``record`` column saying which kind; cells
  that a spreadsheet would run as a formula (starting ``= + - @``, tab or CR) get a
  leading apostrophe.

Guarantees: the file is created with mode 0600 and ``O_EXCL`` (an existing path is refused
unless ``force``; then it is removed first, never written through, so a symlink planted
there is not followed); a failed write removes the partial file; IT policy
``allow_export = false`` refuses before anything is read; the audit log records the scope,
format and counts. The file is NOT encrypted: callers must say so to the user.
"""

from __future__ import annotations

import re

import csv
import io
import json
import os
from datetime import datetime, timezone
from pathlib import Path

from app import __version__
from app.core import logs
from app.core.errors import AppError, N_, UsageError
from app.core.vault import audit, erasure, export_queries

FORMAT_NAME = "confidant-export"
FORMAT_VERSION = 1
FORMATS = ("json", "csv")

CSV_COLUMNS = [
    "record", "id", "account_id", "contact_id", "conversation_id", "name", "first_name", "last_name", "email",
    "phone", "title", "website", "crm_source", "crm_id", "occurred_at", "subject", "body", "source", "flags",
    "task", "role", "language", "model_sha256", "note_ids", "created_at", "updated_at", "consent",
    # the pipeline: deals, deal roles, activities
    "deal_id", "note_id", "kind", "stage", "status", "amount", "currency", "close_date", "probability", "next_step",
    "owner", "ends_at", "direction", "duration_min", "due_date", "done", "is_primary",
]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportRefused(AppError):
    pass


def build(conn, contact_id: int | None = None, clock=None) -> dict:
    """The JSON document for all data (``contact_id`` None) or one contact."""
    now = (clock() if clock else datetime.now(timezone.utc)).isoformat(timespec="seconds")
    scope = {"kind": "all"} if contact_id is None else {"kind": "contact", "contact_id": contact_id}
    records = export_queries.collect(conn, contact_id)
    if contact_id is not None:
        _keep_to_the_person(records)
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": now,
        "app_version": __version__,
        "scope": scope,
        **records,
    }


# A stored prompt quotes notes as fenced blocks (app.core.assistant.fencing; note text can
# never hold "<<<"), model-written partial summaries as PARTIAL blocks, and the subject as a
# block whose "Known contacts" line lists everyone at the account.
_NOTE_BLOCK = re.compile(r"^<<<NOTE n(\d+) \|[^\n]*>>>\n.*?^<<<END NOTE n\1>>>$", re.M | re.S)
_PARTIAL_BLOCK = re.compile(r"^<<<(PARTIAL \d+)>>>\n.*?^<<<END \1>>>$", re.M | re.S)
_KNOWN = re.compile(r"^> Known contacts: (.*)$", re.M)
LEFT_OUT_NOTE = "<<<NOTE n{id}: another person's note, left out of this export>>>"
LEFT_OUT_PARTIAL = "<<<{label}: a summary of several people's notes, left out of this export>>>"


def _keep_to_the_person(records: dict) -> None:
    """N6: a per-contact export (the person's access request) holds only the person's own
    data: in each conversation's stored prompts, other people's notes, partial summaries of
    everyone's notes and the other entries of the "Known contacts" line are left out, and
    ``note_ids`` names only the person's notes."""
    own = {n["id"] for n in records["notes"]}
    person = records["contacts"][0] if records["contacts"] else {}
    name = " ".join((person.get("full_name") or "").split()).lower()

    def known(m: re.Match) -> str:
        entries = [e for e in m.group(1).split("; ") if name and " ".join(e.split()).lower().startswith(name)]
        return "> Known contacts: " + ("; ".join(entries) if entries else "(others, left out of this export)")

    for conv in records["conversations"]:
        conv["note_ids"] = [n for n in conv["note_ids"] if n in own]
        for m in conv["messages"]:
            if m["role"] != "user" or not m["content"]:
                continue
            text = _NOTE_BLOCK.sub(lambda b: b.group(0) if int(b.group(1)) in own else LEFT_OUT_NOTE.format(id=b.group(1)),
                                   m["content"])
            text = _PARTIAL_BLOCK.sub(lambda b: LEFT_OUT_PARTIAL.format(label=b.group(1)), text)
            m["content"] = _KNOWN.sub(known, text)


def neutralise(value) -> str:
    """A CSV cell a spreadsheet shows as text, never evaluates."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value) if isinstance(value, (list, dict)) else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_rows(doc: dict):
    for a in doc["accounts"]:
        yield {"record": "account", **a}
    for c in doc["contacts"]:
        yield {"record": "contact", **{k: v for k, v in c.items() if k not in ("full_name", "consent_sources")},
               "name": c["full_name"]}
    for n in doc["notes"]:
        yield {"record": "note", **{k: v for k, v in n.items() if k != "title"}, "subject": n["title"]}
    for c in doc["conversations"]:
        base = {k: v for k, v in c.items() if k not in ("messages", "title")}
        yield {"record": "conversation", **base, "subject": c["title"]}
        for m in c["messages"]:
            yield {"record": "message", "conversation_id": c["id"], "id": m["id"], "role": m["role"],
                   "body": m["content"], "created_at": m["created_at"]}
    for d in doc["drafts"]:
        yield {"record": "draft", **d}
    for d in doc.get("deals", ()):
        yield {"record": "deal", **{k: v for k, v in d.items() if k != "account_name"}, "subject": d["account_name"]}
    for r in doc.get("deal_contacts", ()):
        yield {"record": "deal_contact", **{k: v for k, v in r.items() if k != "deal_name"}, "name": r["deal_name"]}
    for a in doc.get("activities", ()):
        yield {"record": "activity", **a}


def render(doc: dict, fmt: str) -> bytes:
    if fmt == "json":
        return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, extrasaction="raise", lineterminator="\r\n")
    w.writeheader()
    for row in csv_rows(doc):
        w.writerow({k: neutralise(row.get(k)) for k in CSV_COLUMNS})
    # A byte-order mark so spreadsheet programs read æ, ø, å and ß as UTF-8.
    return buf.getvalue().encode("utf-8-sig")


def open_private(path: Path, force: bool) -> int:
    """Create ``path`` 0600 with O_EXCL. ``force`` removes an existing file first."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    if path.is_dir():
        raise UsageError(N_("The export path {path} is a folder; name a file."), path=path)
    if force and (path.exists() or path.is_symlink()):
        path.unlink()
    try:
        return os.open(path, flags, 0o600)
    except FileExistsError:
        raise UsageError(N_("The export file {path} already exists; choose another name⟦ or use --force⟧."),
                         path=path) from None
    except OSError as exc:
        raise AppError(N_("Cannot create the export file {path}: {reason}."),
                       path=path, reason=exc.strerror) from None


def export(ctx, out: Path, *, contact_ref: str | None = None, fmt: str = "json", force: bool = False, clock=None) -> dict:
    """Write the export; returns ``{"path", "format", "scope", "counts"}``."""
    if fmt not in FORMATS:
        raise UsageError(N_("Unknown export format '{fmt}'; use json or csv."), fmt=fmt)
    if not ctx.settings.get("allow_export"):
        raise ExportRefused(N_("Exports are turned off by your IT policy (allow_export = false). Nothing was written."))
    conn = ctx.vault.conn
    contact_id = erasure.find_contact(conn, contact_ref)["id"] if contact_ref else None
    doc = build(conn, contact_id, clock=clock)
    data = render(doc, fmt)
    out = Path(out)
    fd = open_private(out, force)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except OSError as exc:
        os.close(fd)
        out.unlink(missing_ok=True)
        raise AppError(N_("Writing the export file {out} failed: {reason}. The partial file was removed."),
                       out=out, reason=exc.strerror) from None
    os.close(fd)
    counts = {k: len(doc[k]) for k in ("accounts", "contacts", "notes", "conversations", "drafts", "deals", "deal_contacts",
                                       "activities")}
    scope = "all" if contact_id is None else f"contact#{contact_id}"
    if not ctx.vault.read_only:
        with ctx.vault.transaction() as c:
            audit.append(c, "data.exported", clock=clock, scope=scope, format=fmt, **counts)
    logs.event("privacy.export", format=fmt, all=contact_id is None, **counts)
    return {"path": str(out), "format": fmt, "scope": scope, "counts": counts, "encrypted": False}
