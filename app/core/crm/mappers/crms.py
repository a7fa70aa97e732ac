"""HubSpot, Microsoft Dynamics 365, Pipedrive and Zoho CRM exports.

Column layouts (English export headers; other languages go through the generic mapper):

- HubSpot contacts: Record ID, First Name, Last Name, Email, Phone Number, Company Name,
  Job Title. Companies: Record ID, Company name, Company Domain Name / Website URL.
  Notes: Record ID, Note body (HTML), Activity date (or Create Date), Associated Contact
  IDs / Associated Company IDs (";"-separated lists of record ids).
- Dynamics 365 (Dataverse logical names, as Advanced Find / Power Query exports give
  them): contact: contactid, firstname, lastname, fullname, emailaddress1, telephone1,
  jobtitle, parentcustomerid. annotation: annotationid, subject, notetext, objectid,
  objecttypecode, createdon. The Excel export's "(Do Not Modify) Contact" /
  "(Do Not Modify) Note" id columns are accepted too.
- Pipedrive: "Person - ID", "Person - Name", "Person - Email", "Person - Phone",
  "Person - Organization", "Person - Job title"; notes: "Note - ID", "Note - Content"
  (HTML), "Note - Add time", "Note - Person ID"/"Note - Person", "Note - Organization".
- Zoho CRM: contacts: Record Id, First Name, Last Name, Email, Account Name, Title, Phone,
  Description; notes: Record Id, Note Title, Note Content, Parent ID, Created Time. Ids
  may carry the "zcrm_" prefix of Zoho's export; it is dropped.
"""

from __future__ import annotations

import re

from app.core.crm.mappers.base import Cols, KindedFormat, cell, join_name, norm_date
from app.core.crm.model import AccountRec, ContactRec, NoteRec, Ref


def _ids(v: str | None) -> list[str]:
    return [p.strip() for p in re.split(r"[;,]", v or "") if p.strip()]


class HubSpotFormat(KindedFormat):
    name = "hubspot"
    label = "HubSpot export"

    def _kind(self, c: Cols):
        if c.has("Note body") or (c.has("Record ID") and c.has("Body") and c.has("Associated Contact IDs")):
            return "note"
        if c.has("Record ID") and c.has("Email") and (c.has("First Name") or c.has("Last Name")):
            return "contact"
        if c.has("Record ID", "Company name") and not c.has("Email"):
            return "account"
        return None

    def map_rows(self, table, c, mapping):
        kind, ix = self._kind(c), c.idx
        i_id = ix("Record ID")
        if kind == "account":
            i_n, i_w = ix("Company name"), ix("Company Domain Name", "Website URL")
            for line, row in table.rows:
                yield AccountRec(line, cell(row, i_n) or "", "hubspot", "co:" + cell(row, i_id) if cell(row, i_id) else None, cell(row, i_w))
        elif kind == "contact":
            i_f, i_l, i_e, i_p = ix("First Name"), ix("Last Name"), ix("Email"), ix("Phone Number", "Mobile Phone Number")
            i_co, i_t, i_aco = ix("Company Name", "Associated Company"), ix("Job Title"), ix("Associated Company IDs", "Associated Company ID")
            for line, row in table.rows:
                f, l_ = cell(row, i_f), cell(row, i_l)
                acc = _ids(cell(row, i_aco))
                rid = cell(row, i_id)
                yield ContactRec(line, join_name(f, l_), f, l_, cell(row, i_e), cell(row, i_p), cell(row, i_t), cell(row, i_co),
                                 Ref("hubspot", "co:" + acc[0], "account") if acc else None, "hubspot", "c:" + rid if rid else None)
        else:
            i_b, i_d = ix("Note body", "Body"), ix("Activity date", "Create Date", "Created at")
            i_c, i_co = ix("Associated Contact IDs", "Associated Contact ID"), ix("Associated Company IDs", "Associated Company ID")
            for line, row in table.rows:
                parents = tuple(Ref("hubspot", "c:" + x, "contact") for x in _ids(cell(row, i_c))[:1])
                parents += tuple(Ref("hubspot", "co:" + x, "account") for x in _ids(cell(row, i_co))[:1])
                rid = cell(row, i_id)
                yield NoteRec(line, row[i_b], "hubspot", None, norm_date(cell(row, i_d)), rid, parents, html=True)


def _guid(v: str | None) -> str | None:
    return v.strip().strip("{}").lower() if v and v.strip() else None


class DynamicsFormat(KindedFormat):
    name = "dynamics"
    label = "Microsoft Dynamics 365"

    def _kind(self, c: Cols):
        if c.has("notetext") or c.has("annotationid") or c.has("(Do Not Modify) Note"):
            return "note"
        if c.has("contactid") or c.has("emailaddress1") or c.has("(Do Not Modify) Contact"):
            return "contact"
        if c.has("accountid") or c.has("(Do Not Modify) Account"):
            return "account"
        return None

    def map_rows(self, table, c, mapping):
        kind, ix = self._kind(c), c.idx
        if kind == "account":
            i_id, i_n, i_w = ix("accountid", "(Do Not Modify) Account"), ix("name", "Account Name"), ix("websiteurl", "Website")
            for line, row in table.rows:
                yield AccountRec(line, cell(row, i_n) or "", "dynamics", _guid(cell(row, i_id)), cell(row, i_w))
        elif kind == "contact":
            i_id = ix("contactid", "(Do Not Modify) Contact")
            i_f, i_l, i_n = ix("firstname", "First Name"), ix("lastname", "Last Name"), ix("fullname", "Full Name")
            i_e, i_p, i_t = ix("emailaddress1", "Email"), ix("telephone1", "mobilephone", "Business Phone"), ix("jobtitle", "Job Title")
            i_acc, i_co = ix("parentcustomerid", "_parentcustomerid_value"), ix("parentcustomeridname", "Company Name")
            i_desc = ix("description")
            for line, row in table.rows:
                f, l_ = cell(row, i_f), cell(row, i_l)
                acc = _guid(cell(row, i_acc))
                rec = ContactRec(line, join_name(f, l_, cell(row, i_n)), f, l_, cell(row, i_e), cell(row, i_p), cell(row, i_t),
                                 cell(row, i_co), Ref("dynamics", acc, "account") if acc else None, "dynamics", _guid(cell(row, i_id)))
                if cell(row, i_desc):
                    rec.notes.append((None, cell(row, i_desc)))
                yield rec
        else:
            i_id = ix("annotationid", "(Do Not Modify) Note")
            i_s, i_b = ix("subject", "Title"), ix("notetext", "Description")
            i_o, i_d = ix("objectid", "_objectid_value", "Regarding"), ix("createdon", "Created On")
            i_type = ix("objecttypecode")
            for line, row in table.rows:
                obj = _guid(cell(row, i_o))
                t = (cell(row, i_type) or "").lower()
                kind_ = "contact" if t in ("contact", "2") else "account" if t in ("account", "1") else "any"
                body = row[i_b] if i_b is not None else ""
                yield NoteRec(line, body, "dynamics", cell(row, i_s), norm_date(cell(row, i_d)), _guid(cell(row, i_id)),
                              (Ref("dynamics", obj, kind_),) if obj else (), html=True)


class PipedriveFormat(KindedFormat):
    name = "pipedrive"
    label = "Pipedrive export"

    def _kind(self, c: Cols):
        if c.has("Note - Content"):
            return "note"
        if c.has("Person - Name") or c.has("Person - Email"):
            return "contact"
        if c.has("Organization - Name") and not c.has("Person - Name"):
            return "account"
        return None

    def map_rows(self, table, c, mapping):
        kind, ix = self._kind(c), c.idx
        if kind == "account":
            i_id, i_n = ix("Organization - ID"), ix("Organization - Name")
            for line, row in table.rows:
                oid = cell(row, i_id)
                yield AccountRec(line, cell(row, i_n) or "", "pipedrive", "o:" + oid if oid else None)
        elif kind == "contact":
            i_id, i_n, i_f, i_l = ix("Person - ID"), ix("Person - Name"), ix("Person - First name"), ix("Person - Last name")
            i_e, i_p, i_o, i_t = ix("Person - Email"), ix("Person - Phone"), ix("Person - Organization"), ix("Person - Job title")
            for line, row in table.rows:
                pid = cell(row, i_id)
                f, l_ = cell(row, i_f), cell(row, i_l)
                # Pipedrive lists several e-mails as "a@x, b@y": the first is the person's work address.
                email = (cell(row, i_e) or "").split(",")[0].strip() or None
                yield ContactRec(line, join_name(f, l_, cell(row, i_n)), f, l_, email, cell(row, i_p), cell(row, i_t), cell(row, i_o),
                                 None, "pipedrive", "p:" + pid if pid else None)
        else:
            i_id, i_b, i_d = ix("Note - ID"), ix("Note - Content"), ix("Note - Add time", "Note - Update time")
            i_pid, i_on = ix("Note - Person ID", "Person - ID"), ix("Note - Organization ID", "Organization - ID")
            for line, row in table.rows:
                parents = ()
                if cell(row, i_pid):
                    parents += (Ref("pipedrive", "p:" + cell(row, i_pid), "contact"),)
                if cell(row, i_on):
                    parents += (Ref("pipedrive", "o:" + cell(row, i_on), "account"),)
                yield NoteRec(line, row[i_b], "pipedrive", None, norm_date(cell(row, i_d)), cell(row, i_id), parents, html=True)


def _zid(v: str | None) -> str | None:
    return v.strip().removeprefix("zcrm_") if v and v.strip() else None


class ZohoFormat(KindedFormat):
    name = "zoho"
    label = "Zoho CRM export"

    def _kind(self, c: Cols):
        if c.has("Note Content") and (c.has("Parent ID") or c.has("Note Title")):
            return "note"
        if c.has("Record Id") and c.has("Contact Owner"):
            return "contact"
        if c.has("Record Id", "Account Name") and c.has("Account Owner"):
            return "account"
        return None

    confidence = 95  # above HubSpot: both say "Record ID"/"Record Id"

    def map_rows(self, table, c, mapping):
        kind, ix = self._kind(c), c.idx
        i_id = ix("Record Id")
        if kind == "account":
            i_n, i_w = ix("Account Name"), ix("Website")
            for line, row in table.rows:
                yield AccountRec(line, cell(row, i_n) or "", "zoho", _zid(cell(row, i_id)), cell(row, i_w))
        elif kind == "contact":
            i_f, i_l, i_e, i_p = ix("First Name"), ix("Last Name"), ix("Email"), ix("Phone", "Mobile")
            i_a, i_t, i_desc, i_aid = ix("Account Name"), ix("Title"), ix("Description"), ix("Account Name.id", "Account ID")
            for line, row in table.rows:
                f, l_ = cell(row, i_f), cell(row, i_l)
                aid = _zid(cell(row, i_aid))
                rec = ContactRec(line, join_name(f, l_), f, l_, cell(row, i_e), cell(row, i_p), cell(row, i_t), cell(row, i_a),
                                 Ref("zoho", aid, "account") if aid else None, "zoho", _zid(cell(row, i_id)))
                if cell(row, i_desc):
                    rec.notes.append((None, cell(row, i_desc)))
                yield rec
        else:
            i_t, i_b, i_p, i_d = ix("Note Title"), ix("Note Content"), ix("Parent ID", "Parent Id"), ix("Created Time", "Modified Time")
            for line, row in table.rows:
                pid = _zid(cell(row, i_p))
                yield NoteRec(line, row[i_b], "zoho", cell(row, i_t), norm_date(cell(row, i_d)), _zid(cell(row, i_id)),
                              (Ref("zoho", pid),) if pid else (), html=True)
