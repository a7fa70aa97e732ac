"""HubSpot, Microsoft Dynamics 365, Pipedrive and Zoho CRM exports.

The files, headers and association columns each export has are written down, with their
sources, in ``docs/import-formats.md``; this module follows that page. In short:

- HubSpot (record export, any object): "Record ID" plus properties by label; contacts
  carry "Associated Company IDs", notes carry "Note body" and "Associated Contact IDs" /
  "Associated Company IDs" (";"-separated: one note may name several contacts).
- Dynamics 365: Dataverse logical names (contactid, annotationid, notetext, objectid,
  objecttypecode, isdocument, filename, mimetype, filesize), or the Excel export's display
  names ("(Do Not Modify) Note", "Title", "Description", "Regarding", "File Name").
- Pipedrive: "Person - …", "Organization - …" and "Note - …" columns; a note names its
  person and organization ("Note - Person", "Note - Organization"), it does not give ids.
- Zoho CRM: "Record Id", "<Module> Owner", notes "Note Title", "Note Content", "Parent ID";
  ids may carry the "zcrm_" prefix, which is dropped.
"""

from __future__ import annotations

import re

from app.core.crm import consent
from app.core.crm.headers import norm
from app.core.crm.mappers import pipeline_dynamics, pipeline_hubspot, pipeline_pipedrive, pipeline_zoho
from app.core.crm.mappers.base import Cols, KindedFormat, attachment_line, cell, join_name, norm_date
from app.core.crm.model import AccountRec, ContactRec, NameRef, NoteRec, Ref


def _ids(v: str | None) -> list[str]:
    return [p.strip() for p in re.split(r"[;,]", v or "") if p.strip()]


def _find(c: Cols, pattern: str) -> int | None:
    """First column whose normalised header matches ``pattern`` (localised association columns)."""
    rx = re.compile(pattern)
    for i, col in enumerate(c.columns):
        if rx.fullmatch(norm(col)):
            return i
    return None


# HubSpot writes headers in the export language (EN, DE, ES, FI, FR, IT, JA, NL, PL, PT, SV).
_HS_RECORD_ID = ("Record ID", "Datensatz-ID", "Post-ID", "ID de registro", "ID de l'enregistrement", "ID record")
# Newer exports write "Associated Company IDs (Primary)": the "(Primary)" suffix is allowed.
_HS_ASSOC_CONTACT = r"(associated|zugeordnete?|associerade?|associé(e)?s?|asociad[oa]s?)(contact|kontakt|contacto)[a-z]*ids?(primary)?"
_HS_ASSOC_COMPANY = r"(associated|zugeordnete?|associerade?|associé(e)?s?|asociad[oa]s?)(company|unternehmens?|företag|entreprise|empresa)[a-z]*ids?(primary)?"


class HubSpotFormat(KindedFormat):
    name = "hubspot"
    label = "HubSpot export"
    distinctive = frozenset({
        "Record ID", "Datensatz-ID", "Associated Company IDs", "Associated Contact IDs", "Associated Deal IDs",
        "Associated Company", "Associated Contact", "Contact owner", "Company owner", "Lifecycle Stage", "Lead Status",
        "Last Activity Date", "Create Date", "Phone Number", "Mobile Phone Number", "Note body", "Activity date",
        "Company Domain Name", "Activity assigned to", "Number of Associated Contacts",
    }) | pipeline_hubspot.DISTINCTIVE

    def _kind(self, c: Cols):
        if pipeline_hubspot.kind(c):
            return pipeline_hubspot.kind(c)
        rid = c.idx(*_HS_RECORD_ID) is not None
        if c.has("Note body") or (rid and c.has("Body") and _find(c, _HS_ASSOC_CONTACT) is not None):
            return "note"
        if rid and (c.has("Email") or c.has("E-Mail")) and (c.has("First Name") or c.has("Last Name") or c.has("Vorname")):
            return "contact"
        if rid and (c.has("Company name") or c.has("Name des Unternehmens")) and not c.has("Email"):
            return "account"
        return None

    def map_rows(self, table, c, mapping):
        kind, ix = self._kind(c), c.idx
        if kind in pipeline_hubspot.KINDS:
            yield from pipeline_hubspot.map_rows(kind, table, c)
            return
        i_id = ix(*_HS_RECORD_ID)
        if kind == "account":
            i_n, i_w = ix("Company name", "Name des Unternehmens"), ix("Company Domain Name", "Website URL")
            for line, row in table.rows:
                rid = cell(row, i_id)
                yield AccountRec(line, cell(row, i_n) or "", "hubspot", "co:" + rid if rid else None, cell(row, i_w))
        elif kind == "contact":
            i_f, i_l, i_e = ix("First Name", "Vorname"), ix("Last Name", "Nachname"), ix("Email", "E-Mail")
            i_p = ix("Phone Number", "Mobile Phone Number", "Telefonnummer")
            i_co, i_t = ix("Company Name", "Associated Company", "Name des Unternehmens"), ix("Job Title", "Berufsbezeichnung")
            i_aco = _find(c, _HS_ASSOC_COMPANY)
            flags = consent.specs(c, consent.HUBSPOT_CONTACT)
            for line, row in table.rows:
                f, l_ = cell(row, i_f), cell(row, i_l)
                acc = _ids(cell(row, i_aco))
                rid = cell(row, i_id)
                yield ContactRec(line, join_name(f, l_), f, l_, cell(row, i_e), cell(row, i_p), cell(row, i_t), cell(row, i_co),
                                 Ref("hubspot", "co:" + acc[0], "account") if acc else None, "hubspot", "c:" + rid if rid else None,
                                 consent=consent.read(row, flags))
        else:
            i_b, i_d = ix("Note body", "Body"), ix("Activity date", "Create Date", "Created at")
            i_c, i_co = _find(c, _HS_ASSOC_CONTACT), _find(c, _HS_ASSOC_COMPANY)
            used = " / ".join(c.columns[i] for i in (i_c, i_co) if i is not None) or "Associated Contact IDs"
            for line, row in table.rows:
                parents = tuple(Ref("hubspot", "c:" + x, "contact") for x in _ids(cell(row, i_c)))
                parents += tuple(Ref("hubspot", "co:" + x, "account") for x in _ids(cell(row, i_co))[:1])
                yield NoteRec(line, row[i_b], "hubspot", None, norm_date(cell(row, i_d)), cell(row, i_id), parents, html=True,
                              link_column=used)


_GUID = re.compile(r"^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$")


def _guid(v: str | None) -> str | None:
    return v.strip().strip("{}").lower() if v and v.strip() else None


def _truthy(v: str | None) -> bool:
    return (v or "").strip().lower() in ("true", "1", "yes", "ja", "sí", "oui")


class DynamicsFormat(KindedFormat):
    name = "dynamics"
    label = "Microsoft Dynamics 365"
    distinctive = frozenset({
        "annotationid", "notetext", "objectid", "objecttypecode", "isdocument", "mimetype", "filesize", "contactid",
        "accountid", "emailaddress1", "telephone1", "parentcustomerid", "parentcustomeridname", "(Do Not Modify) Note",
        "(Do Not Modify) Contact", "(Do Not Modify) Account", "(Do Not Modify) Row Checksum", "(Do Not Modify) Modified On",
        "_objectid_value", "_parentcustomerid_value", "createdon", "fullname",
    }) | pipeline_dynamics.DISTINCTIVE

    def _kind(self, c: Cols):
        if pipeline_dynamics.kind(c):
            return pipeline_dynamics.kind(c)
        if c.has("notetext") or c.has("annotationid") or c.has("(Do Not Modify) Note"):
            return "note"
        if c.has("contactid") or c.has("emailaddress1") or c.has("(Do Not Modify) Contact"):
            return "contact"
        if c.has("accountid") or c.has("(Do Not Modify) Account"):
            return "account"
        return None

    def map_rows(self, table, c, mapping):
        kind, ix = self._kind(c), c.idx
        if kind in pipeline_dynamics.KINDS:
            yield from pipeline_dynamics.map_rows(kind, table, c)
            return
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
            flags = consent.specs(c, consent.DYNAMICS_CONTACT)
            for line, row in table.rows:
                f, l_ = cell(row, i_f), cell(row, i_l)
                acc = cell(row, i_acc)
                company = cell(row, i_co)
                ref = None
                if acc and _GUID.match(acc):
                    ref = Ref("dynamics", _guid(acc), "account")
                elif acc and not company:
                    company = acc  # the Excel export shows the lookup's name, not its id
                rec = ContactRec(line, join_name(f, l_, cell(row, i_n)), f, l_, cell(row, i_e), cell(row, i_p), cell(row, i_t),
                                 company, ref, "dynamics", _guid(cell(row, i_id)), consent=consent.read(row, flags))
                if cell(row, i_desc):
                    rec.notes.append((None, cell(row, i_desc)))
                yield rec
        else:
            i_id = ix("annotationid", "(Do Not Modify) Note")
            i_s, i_b = ix("subject", "Title"), ix("notetext", "Description")
            i_o, i_d = ix("objectid", "_objectid_value", "Regarding"), ix("createdon", "Created On")
            i_type = ix("objecttypecode", "Regarding (Type)")
            i_doc, i_fn = ix("isdocument", "Is Document"), ix("filename", "File Name")
            i_mt, i_fs = ix("mimetype", "Mime Type", "MIME Type"), ix("filesize", "File Size (Bytes)", "File Size")
            col = c.columns[i_o] if i_o is not None else "objectid"
            for line, row in table.rows:
                obj = cell(row, i_o)
                t = (cell(row, i_type) or "").lower()
                kind_ = "contact" if t in ("contact", "2") else "account" if t in ("account", "1") else "any"
                parents, by_name = (), None
                if obj and _GUID.match(obj):
                    parents = (Ref("dynamics", _guid(obj), kind_),)
                elif obj:
                    by_name = NameRef(obj, None, "account" if kind_ == "account" else kind_)
                body = row[i_b] if i_b is not None else ""
                att = None
                if _truthy(cell(row, i_doc)) or cell(row, i_fn):
                    att = attachment_line(cell(row, i_fn), cell(row, i_mt), cell(row, i_fs))
                yield NoteRec(line, body, "dynamics", cell(row, i_s), norm_date(cell(row, i_d)), _guid(cell(row, i_id)),
                              parents, html=True, by_name=by_name, link_column=col, attachment=att)


class PipedriveFormat(KindedFormat):
    name = "pipedrive"
    label = "Pipedrive export"
    distinctive = frozenset({
        "Note - ID", "Note - Content", "Note - Person", "Note - Organization", "Note - Deal", "Note - User", "Note - Add time",
        "Person - ID", "Person - Name", "Person - Email", "Person - Organization", "Organization - ID", "Organization - Name",
    }) | pipeline_pipedrive.DISTINCTIVE

    def _kind(self, c: Cols):
        if pipeline_pipedrive.kind(c):
            return pipeline_pipedrive.kind(c)
        if c.has("Note - Content"):
            return "note"
        if c.has("Person - Name") or c.has("Person - Email"):
            return "contact"
        if c.has("Organization - Name") and not c.has("Person - Name"):
            return "account"
        return None

    def map_rows(self, table, c, mapping):
        kind, ix = self._kind(c), c.idx
        if kind in pipeline_pipedrive.KINDS:
            yield from pipeline_pipedrive.map_rows(kind, table, c)
            return
        if kind == "account":
            i_id, i_n = ix("Organization - ID"), ix("Organization - Name")
            for line, row in table.rows:
                oid = cell(row, i_id)
                yield AccountRec(line, cell(row, i_n) or "", "pipedrive", "o:" + oid if oid else None)
        elif kind == "contact":
            i_id, i_n, i_f, i_l = ix("Person - ID"), ix("Person - Name"), ix("Person - First name"), ix("Person - Last name")
            i_e, i_p, i_o, i_t = ix("Person - Email"), ix("Person - Phone"), ix("Person - Organization"), ix("Person - Job title")
            # Newer exports split e-mail and phone into labelled columns ("Person - Email - Work", ...): first non-empty wins.
            i_es = [i for i in (i_e, ix("Person - Email - Work"), ix("Person - Email - Home"), ix("Person - Email - Other")) if i is not None]
            i_ps = [i for i in (i_p, ix("Person - Phone - Work"), ix("Person - Phone - Mobile"), ix("Person - Phone - Home"),
                                ix("Person - Phone - Other")) if i is not None]
            i_oid = ix("Person - Organization ID", "Organization - ID")
            flags = consent.specs(c, consent.PIPEDRIVE_PERSON)
            for line, row in table.rows:
                pid = cell(row, i_id)
                f, l_ = cell(row, i_f), cell(row, i_l)
                # Pipedrive lists several e-mails as "a@x, b@y": the first is the person's work address.
                email = (next((cell(row, i) for i in i_es if cell(row, i)), None) or "").split(",")[0].strip() or None
                oid = cell(row, i_oid)
                phone = next((cell(row, i) for i in i_ps if cell(row, i)), None)
                yield ContactRec(line, join_name(f, l_, cell(row, i_n)), f, l_, email, phone, cell(row, i_t), cell(row, i_o),
                                 Ref("pipedrive", "o:" + oid, "account") if oid else None, "pipedrive", "p:" + pid if pid else None,
                                 consent=consent.read(row, flags))
        else:
            i_id, i_b, i_d = ix("Note - ID"), ix("Note - Content"), ix("Note - Add time", "Note - Update time")
            i_pid, i_oid = ix("Note - Person ID"), ix("Note - Organization ID")
            i_pn, i_on = ix("Note - Person"), ix("Note - Organization")
            used = " / ".join(c.columns[i] for i in (i_pid, i_pn, i_oid, i_on) if i is not None) or "Note - Person"
            for line, row in table.rows:
                parents = ()
                if cell(row, i_pid):
                    parents += (Ref("pipedrive", "p:" + cell(row, i_pid), "contact"),)
                if cell(row, i_oid):
                    parents += (Ref("pipedrive", "o:" + cell(row, i_oid), "account"),)
                pn, on = cell(row, i_pn), cell(row, i_on)
                by_name = NameRef(pn, on) if (pn or on) else None
                yield NoteRec(line, row[i_b], "pipedrive", None, norm_date(cell(row, i_d)), cell(row, i_id), parents, html=True,
                              by_name=by_name, link_column=used)


def _zid(v: str | None) -> str | None:
    return v.strip().removeprefix("zcrm_") if v and v.strip() else None


class ZohoFormat(KindedFormat):
    name = "zoho"
    label = "Zoho CRM export"
    distinctive = frozenset({
        "Record Id", "Contact Owner", "Account Owner", "Note Owner", "Parent ID", "Parent Id", "Note Title", "Note Content",
        "Created Time", "Modified Time", "Account Name.id", "Lead Source", "Mailing Street", "Mailing City", "Contact Name",
        "Parent Module", "Created By", "Modified By",
    }) | pipeline_zoho.DISTINCTIVE

    def _kind(self, c: Cols):
        if pipeline_zoho.kind(c):
            return pipeline_zoho.kind(c)
        if c.has("Note Content") and (c.has("Parent ID") or c.has("Note Title")):
            return "note"
        if c.has("Record Id") and c.has("Contact Owner"):
            return "contact"
        if c.has("Record Id", "Account Name") and c.has("Account Owner"):
            return "account"
        return None

    def map_rows(self, table, c, mapping):
        kind, ix = self._kind(c), c.idx
        if kind in pipeline_zoho.KINDS:
            yield from pipeline_zoho.map_rows(kind, table, c)
            return
        i_id = ix("Record Id")
        if kind == "account":
            i_n, i_w = ix("Account Name"), ix("Website")
            for line, row in table.rows:
                yield AccountRec(line, cell(row, i_n) or "", "zoho", _zid(cell(row, i_id)), cell(row, i_w))
        elif kind == "contact":
            i_f, i_l, i_e, i_p = ix("First Name"), ix("Last Name"), ix("Email"), ix("Phone", "Mobile")
            i_a, i_t, i_desc, i_aid = ix("Account Name"), ix("Title"), ix("Description"), ix("Account Name.id", "Account ID")
            flags = consent.specs(c, consent.ZOHO_CONTACT)
            for line, row in table.rows:
                f, l_ = cell(row, i_f), cell(row, i_l)
                aid = _zid(cell(row, i_aid))
                rec = ContactRec(line, join_name(f, l_), f, l_, cell(row, i_e), cell(row, i_p), cell(row, i_t), cell(row, i_a),
                                 Ref("zoho", aid, "account") if aid else None, "zoho", _zid(cell(row, i_id)),
                                 consent=consent.read(row, flags))
                if cell(row, i_desc):
                    rec.notes.append((None, cell(row, i_desc)))
                yield rec
        else:
            i_t, i_b, i_p, i_d = ix("Note Title"), ix("Note Content"), ix("Parent ID", "Parent Id"), ix("Created Time", "Modified Time")
            i_pn = ix("Parent Name")
            col = c.columns[i_p] if i_p is not None else "Parent ID"
            for line, row in table.rows:
                pid = _zid(cell(row, i_p))
                pn = cell(row, i_pn)
                yield NoteRec(line, row[i_b], "zoho", cell(row, i_t), norm_date(cell(row, i_d)), _zid(cell(row, i_id)),
                              (Ref("zoho", pid),) if pid else (), html=True,
                              by_name=NameRef(pn, None, "any") if pn and not pid else None, link_column=col)
