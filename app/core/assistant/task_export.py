"""Tasks out of Confidant, back into a calendar or a CRM by a file (issue 23). No network.

- ``.ics``: an iCalendar object (RFC 5545) of VTODOs: CRLF line ends, content lines folded
  at 75 octets (never inside a UTF-8 character), TEXT values escaped (backslash, semicolon,
  comma, newline), DUE as a DATE, a stable UID per task so a re-import updates.
- CSV in each CRM's task-import shape:
  - ``salesforce``: a Data Loader insert file for the Task object (API names: WhoId, WhatId,
    Subject, ActivityDate, Status, Priority, Description, TaskSubtype; Id left empty);
  - ``hubspot``: tasks as HubSpot's own task export writes them (Record ID, Task title, Task
    notes, Due date, Task status, Task type, Priority) with its association columns
    (Associated Contact IDs, Associated Company IDs, Associated Deal IDs);
  - ``pipedrive``: activities as Pipedrive exports and imports them ("Activity - Subject",
    "- Type", "- Done" Done/To do, "- Due date", "- Note", "- Deal", "- Person",
    "- Organization": linked by names, as Pipedrive links).
  Ids a CRM knows (the record's own CRM id) are written only for records that came from that
  CRM. Cells that a spreadsheet would run as a formula are quoted with a leading apostrophe.

Pure functions over :class:`app.core.vault.brief_store.ExportTask`; run anywhere.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

from app.core.errors import N_, UsageError
from app.core.vault.brief_store import ExportTask

FORMATS = ("salesforce", "hubspot", "pipedrive")
PRODID = "-//Confidant//Confidant brief//EN"


# ---- iCalendar -------------------------------------------------------------------------------


def escape_text(value: str) -> str:
    """RFC 5545 3.3.11 TEXT: backslash, semicolon, comma escaped; a line break becomes \\n."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """RFC 5545 3.1: a content line longer than 75 octets is split, each continuation starting
    with one space; a UTF-8 character is never cut."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, cur, size, limit = [], [], 0, 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            parts.append("".join(cur))
            cur, size, limit = [], 0, 74  # continuation lines: one octet goes to the leading space
        cur.append(ch)
        size += n
    parts.append("".join(cur))
    return "\r\n ".join(parts)


def to_ics(tasks: list[ExportTask], *, now: datetime | None = None) -> bytes:
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    for t in tasks:
        lines += ["BEGIN:VTODO", f"UID:confidant-task-{t.note_id}@confidant.invalid", f"DTSTAMP:{stamp}",
                  f"SUMMARY:{escape_text(t.title)}"]
        about = [x for x in (t.contact_name and f"{t.contact_name}" + (f" <{t.contact_email}>" if t.contact_email else ""),
                             t.account_name, t.deal_name and f"Deal: {t.deal_name}") if x]
        body = t.body if t.body and t.body.strip() != t.title.strip() else ""
        desc = "\n".join([*about, *([body] if body else [])])
        if desc:
            lines.append(f"DESCRIPTION:{escape_text(desc)}")
        if t.due:
            lines.append(f"DUE;VALUE=DATE:{t.due[:10].replace('-', '')}")
        lines.append("STATUS:COMPLETED" if t.done else "STATUS:NEEDS-ACTION")
        lines.append("END:VTODO")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(x) for x in lines) + "\r\n").encode("utf-8")


# ---- CRM CSVs ----------------------------------------------------------------------------------


def _safe(v) -> str:
    """A cell a spreadsheet will not run as a formula (the CSV-injection guard)."""
    s = "" if v is None else str(v)
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s


def _own(source: str | None, crm_id: str | None, crm: str) -> str:
    return crm_id if source == crm and crm_id else ""


def _strip_prefix(crm_id: str, prefix: str) -> str:
    return crm_id[len(prefix):] if crm_id.startswith(prefix) else crm_id


SALESFORCE_COLUMNS = ["Id", "WhoId", "WhatId", "Subject", "ActivityDate", "Status", "Priority", "Description", "TaskSubtype"]
HUBSPOT_COLUMNS = ["Record ID", "Task title", "Task notes", "Due date", "Task status", "Task type", "Priority",
                   "Associated Contact IDs", "Associated Company IDs", "Associated Deal IDs"]
PIPEDRIVE_COLUMNS = ["Activity - Subject", "Activity - Type", "Activity - Done", "Activity - Due date", "Activity - Note",
                     "Activity - Deal", "Activity - Person", "Activity - Organization"]


def _rows(tasks: list[ExportTask], fmt: str):
    for t in tasks:
        note = t.body if t.body and t.body.strip() != t.title.strip() else ""
        if fmt == "salesforce":
            what = _own(t.deal_source, t.deal_crm_id, "salesforce") or _own(t.account_source, t.account_crm_id, "salesforce")
            yield ["", _own(t.contact_source, t.contact_crm_id, "salesforce"), what, t.title, t.due or "",
                   "Completed" if t.done else "Not Started", "Normal", note or t.title, "Task"]
        elif fmt == "hubspot":
            contact = _strip_prefix(_own(t.contact_source, t.contact_crm_id, "hubspot"), "c:")
            company = _strip_prefix(_own(t.account_source, t.account_crm_id, "hubspot"), "co:")
            deal = _strip_prefix(_own(t.deal_source, t.deal_crm_id, "hubspot"), "d:")
            yield ["", t.title, note, t.due or "", "Completed" if t.done else "Not started", "TODO", "Medium", contact, company,
                   deal]
        else:
            yield [t.title, "Task", "Done" if t.done else "To do", t.due or "", note, t.deal_name or "", t.contact_name or "",
                   t.account_name or ""]


def to_csv(tasks: list[ExportTask], fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise UsageError(N_("Unknown task format '{format}'; use salesforce, hubspot or pipedrive."), format=fmt)
    columns = {"salesforce": SALESFORCE_COLUMNS, "hubspot": HUBSPOT_COLUMNS, "pipedrive": PIPEDRIVE_COLUMNS}[fmt]
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(columns)
    for row in _rows(tasks, fmt):
        w.writerow([_safe(v) for v in row])
    # UTF-8 with a BOM: Excel (and Salesforce's Data Import Wizard) read the names right.
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
