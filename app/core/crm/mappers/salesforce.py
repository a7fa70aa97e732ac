"""Salesforce Data Export / Data Loader CSVs (API field names as headers).

- ``Account.csv``: Id, Name, Website, ...
- ``Contact.csv``: Id, AccountId, FirstName, LastName, Email, Phone, MobilePhone, Title;
  consent: HasOptedOutOfEmail, DoNotCall, IndividualId (-> ``Individual.csv``: Id,
  HasOptedOutProcessing, HasOptedOutSolicit, ShouldForget)
- ``Note.csv`` (classic notes): Id, ParentId, Title, Body, CreatedDate, IsDeleted
- ``Task.csv`` / ``Event.csv``, ``Opportunity.csv``, ``OpportunityContactRole.csv``,
  ``EmailMessage.csv``: the pipeline (deals and activities), see :mod:`.pipeline_salesforce`
- ``Attachment.csv``: Id, ParentId, Name, ContentType, BodyLength, Description (the file
  itself is not imported; the record becomes a note "Attachment: NAME (TYPE, SIZE)")
- ``ContentNote.csv`` (enhanced notes): Id (the ContentDocument id), Title, Content
  (HTML, sometimes base64 from Data Loader), TextPreview, CreatedDate, FileType=SNOTE;
  attached to records through ``ContentDocumentLink.csv``: ContentDocumentId, LinkedEntityId.

Ids are normalised to their 18-character form (:mod:`app.core.crm.sfid`), so 15- and
18-character ids of one record match. Deleted rows (IsDeleted = true) are skipped.
"""

from __future__ import annotations

import base64
import binascii
import re

from app.core.crm.mappers import pipeline_salesforce
from app.core.crm.mappers.base import (
    STAGE_ACCOUNTS, STAGE_CONTACTS, STAGE_DEALS, STAGE_LATE, STAGE_LINKS, STAGE_NOTES, Cols, TableFormat, attachment_line, cell,
    join_name, norm_date,
)
from app.core.crm import consent
from app.core.crm.model import AccountRec, ContactRec, IndividualRec, LinkRec, NoteRec, Ref
from app.core.crm.sfid import is_placeholder, sf18, sf18_ref

SRC = "salesforce"
_B64 = re.compile(r"^[A-Za-z0-9+/=\s]+$")


def _id(v: str | None) -> str | None:
    return None if is_placeholder(v) else sf18(v)


def _ref(v: str | None) -> str | None:
    return None if is_placeholder(v) else sf18_ref(v)


def _kind(cols: Cols) -> str | None:
    if not cols.has("Id"):
        return None
    pipeline = pipeline_salesforce.kind(cols)
    if pipeline:
        return pipeline
    if cols.has("ContentDocumentId", "LinkedEntityId"):
        return "link"
    if cols.has("ParentId", "Name") and (cols.has("ContentType") or cols.has("BodyLength")):
        return "attachment"  # Attachment.csv: its Body is the file's path in the export, not text
    if cols.has("ParentId", "Body"):
        return "note"
    if cols.has("Content", "Title") and (cols.has("FileType") or cols.has("TextPreview") or cols.has("ContentSize")):
        return "contentnote"
    if cols.has("ShouldForget") or cols.has("HasOptedOutProcessing") or cols.has("HasOptedOutSolicit"):
        return "individual"  # Individual.csv: data privacy records (it has FirstName/LastName too)
    if cols.has("LastName") and (cols.has("AccountId") or cols.has("FirstName")) and cols.exact.get("LastName") is not None:
        return "contact"
    if cols.has("Name") and cols.exact.get("Name") is not None and any(
        cols.has(c) for c in ("BillingCity", "Website", "Industry", "AccountNumber", "Type", "BillingCountry")
    ):
        return "account"
    return None


def _deleted(row, i) -> bool:
    v = cell(row, i)
    return bool(v) and v.lower() in ("true", "1")


def decode_content(raw: str) -> str:
    """ContentNote.Content: HTML text, or base64 of it (Data Loader writes the blob)."""
    s = raw.strip()
    if len(s) >= 8 and "<" not in s and _B64.match(s) and len(re.sub(r"\s", "", s)) % 4 == 0:
        try:
            return base64.b64decode(s, validate=False).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            pass
    return raw


class SalesforceFormat(TableFormat):
    name = "salesforce"
    label = "Salesforce Data Export / Data Loader"

    def score(self, cols: Cols) -> int:
        return 100 if _kind(cols) else 0

    def stage(self, cols: Cols) -> int:
        return {"account": STAGE_ACCOUNTS, "contact": STAGE_CONTACTS, "link": STAGE_LINKS, "individual": STAGE_LINKS,
                "opportunity": STAGE_DEALS, "emailmessage": STAGE_LATE}.get(_kind(cols) or "", STAGE_NOTES)

    def map_rows(self, table, cols, mapping):
        kind = _kind(cols)
        if kind in pipeline_salesforce.KINDS:
            yield from pipeline_salesforce.map_rows(kind, table, cols)
            return
        ix = cols.idx
        i_id, i_del = ix("Id"), ix("IsDeleted")
        if kind == "account":
            i_name, i_web = ix("Name"), ix("Website")
            for line, row in table.rows:
                if _deleted(row, i_del):
                    continue
                yield AccountRec(line, cell(row, i_name) or "", SRC, _id(cell(row, i_id)), cell(row, i_web))
        elif kind == "contact":
            i_f, i_l, i_n, i_e = ix("FirstName"), ix("LastName"), ix("Name"), ix("Email")
            i_p, i_m, i_t, i_a = ix("Phone"), ix("MobilePhone"), ix("Title"), ix("AccountId")
            i_desc = ix("Description")
            i_ind, flags = ix("IndividualId"), consent.specs(cols, consent.SALESFORCE_CONTACT)
            for line, row in table.rows:
                if _deleted(row, i_del):
                    continue
                first, last = cell(row, i_f), cell(row, i_l)
                acc = _ref(cell(row, i_a))
                rec = ContactRec(
                    line, join_name(first, last, cell(row, i_n)), first, last, cell(row, i_e),
                    cell(row, i_p) or cell(row, i_m), cell(row, i_t), None,
                    Ref(SRC, acc, "account") if acc else None, SRC, _id(cell(row, i_id)),
                )
                desc = cell(row, i_desc)
                if desc:
                    rec.notes.append((None, desc))
                rec.consent = consent.read(row, flags)
                ind = _ref(cell(row, i_ind))
                rec.individual = Ref(SRC, ind, "individual") if ind else None
                yield rec
        elif kind == "note":
            i_p, i_t, i_b, i_d = ix("ParentId"), ix("Title"), ix("Body"), ix("CreatedDate")
            refs: dict[str, tuple] = {}  # parent id -> its (Ref,): parents repeat, one tuple each
            for line, row in table.rows:  # the hot loop of a large export: cells read inline
                if i_del is not None and row[i_del][:1] in ("t", "T", "1"):
                    continue
                p = row[i_p].strip() if i_p is not None else ""
                parents = refs.get(p)
                if parents is None:
                    parent = _ref(p or None)
                    parents = (Ref(SRC, parent),) if parent else ()
                    if len(refs) < 100_000:
                        refs[p] = parents
                title = row[i_t].strip() or None if i_t is not None else None
                yield NoteRec(line, row[i_b], SRC, title, norm_date(cell(row, i_d)), _id(cell(row, i_id)),
                              parents, link_column="ParentId")
        elif kind == "attachment":
            i_p, i_n, i_ct, i_len = ix("ParentId"), ix("Name"), ix("ContentType"), ix("BodyLength")
            i_desc, i_d = ix("Description"), ix("CreatedDate")
            for line, row in table.rows:
                if _deleted(row, i_del):
                    continue
                parent = _ref(cell(row, i_p))
                yield NoteRec(line, cell(row, i_desc) or "", SRC, cell(row, i_n), norm_date(cell(row, i_d)), _id(cell(row, i_id)),
                              (Ref(SRC, parent),) if parent else (), link_column="ParentId",
                              attachment=attachment_line(cell(row, i_n), cell(row, i_ct), cell(row, i_len)))
        elif kind == "contentnote":
            i_t, i_c, i_prev, i_d = ix("Title"), ix("Content"), ix("TextPreview"), ix("CreatedDate")
            for line, row in table.rows:
                if _deleted(row, i_del):
                    continue
                body = decode_content(row[i_c]) if row[i_c].strip() else (cell(row, i_prev) or "")
                doc = _id(cell(row, i_id))
                # The parent comes from ContentDocumentLink; the writer looks it up by document id.
                yield NoteRec(line, body, SRC, cell(row, i_t), norm_date(cell(row, i_d)), doc,
                              (Ref(SRC, doc, "document"),) if doc else (), html=True,
                              link_column="ContentDocumentLink.LinkedEntityId")
        elif kind == "individual":
            flags = consent.specs(cols, consent.SALESFORCE_INDIVIDUAL)
            for line, row in table.rows:
                iid = _id(cell(row, i_id))
                if iid and not _deleted(row, i_del):
                    yield IndividualRec(line, SRC, iid, consent.read(row, flags))
        elif kind == "link":
            i_doc, i_ent = ix("ContentDocumentId"), ix("LinkedEntityId")
            for line, row in table.rows:
                doc, ent = _id(cell(row, i_doc)), _ref(cell(row, i_ent))
                if doc and ent and not ent.startswith("005"):  # 005 = a User (the owner's share): not a customer record
                    yield LinkRec(line, Ref(SRC, doc, "document"), Ref(SRC, ent))
