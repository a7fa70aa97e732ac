"""Import a Confidant JSON export (``confidant-export`` version 1) into a vault.

A format module for the import registry (app.core.crm.formats): it recognises the file by
its ``format``/``version`` fields and streams accounts, then contacts, then notes, so an
export of everything imported into an empty vault gives the same accounts, contacts and
notes. Records keep their CRM source and id; records that had none get a stable
``confidant-export`` id (``a<id>``/``c<id>``) so the parent links survive. Conversations
and drafts are not imported: they were made by the model from these notes, and are easily
made again.
"""

from __future__ import annotations

import json
from pathlib import Path

from app.core.crm.consent import FLAGS, FlagReading
from app.core.crm.mappers.base import STAGE_ACCOUNTS, Head, Stream
from app.core.crm.model import AccountRec, ContactRec, NoteRec, Ref, Warning
from app.core.crm.tables import ImportFileError
from app.core.model import ColumnMapping
from app.core.errors import Message, N_

SOURCE = "confidant-export"


def _ref(rec: dict, prefix: str) -> tuple[str, str]:
    if rec.get("crm_source") and rec.get("crm_id"):
        return rec["crm_source"], rec["crm_id"]
    return SOURCE, f"{prefix}{rec['id']}"


def _consent(c: dict) -> tuple:
    """The person's consent flags as exported, read under the CRM column they came from."""
    flags, sources = c.get("consent") or {}, c.get("consent_sources") or {}
    return tuple(FlagReading(f, sources.get(f) or f"consent.{f}", bool(flags[f]))
                 for f in FLAGS if isinstance(flags.get(f), bool))


class ConfidantExportFormat:
    name = "confidant"
    label = "Confidant export (JSON)"

    def sniff(self, head: Head) -> int:
        text = head.text
        if not text:
            try:
                with open(head.path, "rb") as fh:
                    text = fh.read(512).decode("utf-8", "replace")
            except OSError:
                return 0
        compact = "".join(text.split())
        return 100 if compact.startswith("{") and '"format":"confidant-export"' in compact else 0

    def order(self, head: Head) -> int:
        return STAGE_ACCOUNTS

    def open(self, path: Path, *, mapping: ColumnMapping | None = None, encoding: str | None = None) -> Stream:
        size = Path(path).stat().st_size  # always UTF-8 JSON: ``encoding`` does not apply
        try:
            doc = json.loads(Path(path).read_text(encoding="utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise ImportFileError(N_("{path}: not a readable Confidant export ({kind})."),
                                  path=path, kind=type(exc).__name__) from None
        if doc.get("format") != "confidant-export" or doc.get("version") != 1:
            raise ImportFileError(N_("{path}: not a Confidant export of version 1 (field 'format'/'version')."), path=path)
        done = [0]

        def records():
            accounts = {a["id"]: a for a in doc.get("accounts", [])}
            contacts = {c["id"]: c for c in doc.get("contacts", [])}
            for a in accounts.values():
                src, cid = _ref(a, "a")
                yield AccountRec(line=0, name=a["name"], source=src, crm_id=cid, website=a.get("website"))
            for c in contacts.values():
                src, cid = _ref(c, "c")
                acc = accounts.get(c.get("account_id"))
                yield ContactRec(
                    line=0, full_name=c["full_name"], first_name=c.get("first_name"), last_name=c.get("last_name"),
                    email=c.get("email"), phone=c.get("phone"), title=c.get("title"),
                    account=Ref(*_ref(acc, "a"), "account") if acc else None, source=src, crm_id=cid,
                    consent=_consent(c),
                )
            for i, n in enumerate(doc.get("notes", []), 1):
                parents = []
                if n.get("contact_id") in contacts:
                    parents.append(Ref(*_ref(contacts[n["contact_id"]], "c"), "contact"))
                if n.get("account_id") in accounts:
                    parents.append(Ref(*_ref(accounts[n["account_id"]], "a"), "account"))
                if not parents:
                    yield Warning(line=0, message=Message(N_("note {i} names no contact or account in the export; skipped"),
                                                  i=i))
                    continue
                yield NoteRec(line=0, body=n["body"], source=n.get("source") or SOURCE, title=n.get("title"),
                              date=n.get("occurred_at"), crm_id=n.get("crm_id"), parents=tuple(parents))
            done[0] = size

        return Stream(records(), size, lambda: done[0], lambda: None)
