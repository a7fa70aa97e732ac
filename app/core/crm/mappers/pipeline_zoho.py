"""Zoho CRM pipeline exports (module export / Data Backup CSV; field labels as headers).

- Deals: Record Id, Deal Owner, Deal Name, Amount, Currency (multi-currency orgs), Closing Date,
  Account Name (+ Account Name.id), Stage, Probability (%), Next Step, Contact Name
  (+ Contact Name.id). The export has no won/lost flag: the status comes from the stage
  ("Closed Won", "Closed Lost", "Closed Lost to Competition").
- Calls: Subject, Call Type (Outbound/Inbound/Missed), Call Start Time, Call Duration (mm:ss)
  or Call Duration (in seconds), Description, Contact Name(.id), Related To(.id).
- Tasks: Subject, Due Date, Status (Completed, Not Started, ...), Priority, Contact Name(.id),
  Related To(.id), Description.
- Meetings: Title, From, To, Venue, Host, Contact Name(.id), Related To(.id), Description.

"Related To" is an account or a deal: the id is tried as both, the name as a deal's name.
"""

from __future__ import annotations

from app.core.crm.mappers.base import cell, norm_date
from app.core.crm.mappers.pipeline_common import body_or_subject, decimal_comma, money
from app.core.crm.model import ActivityRec, DealPerson, DealRec, NameRef, Ref, Warning
from app.core.crm.values import date_only, parse_minutes, parse_probability, status_from_stage

SRC = "zoho"
KINDS = ("deal", "call", "meeting", "task")
DISTINCTIVE = frozenset({
    "Deal Owner", "Deal Name", "Closing Date", "Stage", "Probability (%)", "Next Step", "Contact Name.id", "Call Type",
    "Call Start Time", "Call Duration", "Call Duration (in seconds)", "Call Owner", "Related To", "Related To.id",
    "Task Owner", "Due Date", "Venue", "Host", "Meeting Owner", "Expected Revenue",
})


def _zid(v: str | None) -> str | None:
    return v.strip().removeprefix("zcrm_") if v and v.strip() else None


def kind(c) -> str | None:
    if c.has("Deal Name") and (c.has("Stage") or c.has("Closing Date")) and not c.has("Deal Stage"):
        return "deal"
    if c.has("Call Type") or c.has("Call Start Time") or c.has("Call Duration (in seconds)"):
        return "call"
    if c.has("Meeting Title") or c.has("Event Title") or (c.has("From") and c.has("To") and (c.has("Venue") or c.has("Host"))):
        return "meeting"
    if c.has("Task Owner") or (c.has("Subject") and c.has("Due Date") and c.has("Status") and c.has("Related To")):
        return "task"
    return None


def map_rows(k: str, table, c):
    ix = c.idx
    name = table.path.name
    i_id = ix("Record Id")
    i_con, i_conid = ix("Contact Name"), ix("Contact Name.id", "Contact Id")
    if k == "deal":
        i_n, i_am, i_cur, i_cd = ix("Deal Name"), ix("Amount"), ix("Currency"), ix("Closing Date")
        i_acc, i_accid, i_st = ix("Account Name"), ix("Account Name.id", "Account Id"), ix("Stage")
        i_pr, i_ns, i_own = ix("Probability (%)", "Probability"), ix("Next Step"), ix("Deal Owner")
        for line, row in table.rows:
            amount, currency, problem = money(row, i_am, i_cur, table)
            if problem:
                yield Warning(line, f"{name}: line {line}: {problem}.")
            stage, acc_id, company = cell(row, i_st), _zid(cell(row, i_accid)), cell(row, i_acc)
            cid, person = _zid(cell(row, i_conid)), cell(row, i_con)
            people = ()
            if cid or person:
                people = (DealPerson(Ref(SRC, cid, "contact") if cid else None, NameRef(person, company) if person else None,
                                     primary=True),)
            yield DealRec(line, cell(row, i_n) or "", SRC, _zid(cell(row, i_id)), Ref(SRC, acc_id, "account") if acc_id else None,
                          company, stage, status_from_stage(stage), amount, currency, date_only(norm_date(cell(row, i_cd))),
                          parse_probability(cell(row, i_pr), decimal_comma=decimal_comma(table)), cell(row, i_ns),
                          cell(row, i_own), people)
        return
    i_rel, i_relid = ix("Related To"), ix("Related To.id", "What Id")
    i_s = ix("Subject", "Title", "Meeting Title", "Event Title")
    i_b = ix("Description")
    if k == "call":
        i_d, i_dur, i_dur_s = ix("Call Start Time"), ix("Call Duration"), ix("Call Duration (in seconds)")
        i_type, i_own = ix("Call Type"), ix("Call Owner")
    elif k == "meeting":
        i_d, i_dur, i_dur_s, i_type, i_own = ix("From", "Start DateTime"), None, None, None, ix("Host", "Meeting Owner")
    else:
        i_d, i_dur, i_dur_s, i_type, i_own = ix("Closed Time", "Due Date"), None, None, None, ix("Task Owner")
    i_end, i_due, i_status = ix("To", "End DateTime"), ix("Due Date"), ix("Status")
    used = " / ".join(c.columns[i] for i in (i_conid, i_con, i_relid, i_rel) if i is not None) or "Contact Name"
    for line, row in table.rows:
        cid, rid = _zid(cell(row, i_conid)), _zid(cell(row, i_relid))
        person, related = cell(row, i_con), cell(row, i_rel)
        parents = ((Ref(SRC, cid, "contact"),) if cid else ()) + ((Ref(SRC, rid, "any"),) if rid else ())
        by_name = None
        if not parents and (person or related):
            by_name = NameRef(person, None, "contact") if person else NameRef(related, None, "any")
        kind_ = "call" if k == "call" else "meeting" if k == "meeting" else "task"
        minutes = None
        if i_dur_s is not None and cell(row, i_dur_s):
            secs = parse_minutes(cell(row, i_dur_s))
            minutes = None if secs is None else round(secs / 60)
        elif i_dur is not None and cell(row, i_dur):  # Zoho writes "mm:ss"
            mmss = parse_minutes(cell(row, i_dur))
            minutes = None if mmss is None else round(mmss / 60)
        ct = (cell(row, i_type) or "").casefold()
        status = cell(row, i_status)
        subject = cell(row, i_s)
        yield ActivityRec(line, body_or_subject(row[i_b] if i_b is not None else "", subject, kind_.capitalize()), SRC, subject,
                          norm_date(cell(row, i_d) or cell(row, i_due)), f"{k}:{_zid(cell(row, i_id))}" if cell(row, i_id) else None,
                          parents, html=True, by_name=by_name, link_column=used, kind=kind_,
                          ends_at=norm_date(cell(row, i_end)) if k == "meeting" else None,
                          direction="inbound" if ct in ("inbound", "missed") else "outbound" if ct == "outbound" else None,
                          duration_min=minutes, due_date=date_only(norm_date(cell(row, i_due))) if kind_ == "task" else None,
                          done=(status or "").casefold() == "completed" if kind_ == "task" else None, status=status,
                          owner=cell(row, i_own), deal=Ref(SRC, rid) if rid else None, deal_name=related)
