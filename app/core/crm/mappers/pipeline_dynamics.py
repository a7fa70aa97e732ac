"""Microsoft Dynamics 365 pipeline exports: opportunities, phone calls, appointments, tasks.

Two header styles (see docs/import-formats.md): Dataverse logical names (opportunityid,
estimatedvalue, estimatedclosedate, customerid, statecode, closeprobability, stepname,
transactioncurrencyid; activityid, subject, description, directioncode, scheduledstart,
scheduledend, actualend, actualdurationminutes, regardingobjectid, statecode) and the Excel
export's display names ("(Do Not Modify) Opportunity", Topic, Potential Customer, Est. Revenue,
Est. Close Date, Status, Probability; "(Do Not Modify) Phone Call", Subject, Direction,
Regarding, Due, Activity Status, Duration; Appointment: Start Time, End Time). An Excel file
re-saved in a Norwegian locale arrives ``;``-separated with "1 234 567,00 kr" and dd.mm.yyyy.

"Regarding" (or "Potential Customer") holding a name links by name: a contact, else an
account, else (activities) an opportunity of that name.
"""

from __future__ import annotations

import re

from app.core.crm.mappers.base import cell, norm_date
from app.core.crm.mappers.pipeline_common import body_or_subject, decimal_comma, kind_of, money
from app.core.crm.model import ActivityRec, DealPerson, DealRec, NameRef, Ref, Warning
from app.core.crm.values import date_only, parse_bool, parse_minutes, parse_probability, status_from_stage, status_word

SRC = "dynamics"
KINDS = ("deal", "phonecall", "appointment", "task", "activity")
DISTINCTIVE = frozenset({
    "opportunityid", "estimatedvalue", "estimatedclosedate", "closeprobability", "stepname", "(Do Not Modify) Opportunity",
    "Potential Customer", "Est. Revenue", "Est. Close Date", "Topic", "activityid", "regardingobjectid", "directioncode",
    "scheduledend", "scheduledstart", "(Do Not Modify) Phone Call", "(Do Not Modify) Appointment", "(Do Not Modify) Task",
    "Regarding", "Activity Status", "Activity Type", "(Do Not Modify) Row Checksum",
})
_GUID = re.compile(r"^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$")
_STATE = {"0": "open", "1": "won", "2": "lost"}


def _guid(v: str | None) -> str | None:
    return v.strip().strip("{}").lower() if v and _GUID.match(v.strip()) else None


def kind(c) -> str | None:
    if c.has("opportunityid") or c.has("(Do Not Modify) Opportunity") or c.has("estimatedvalue") or c.has("Est. Revenue"):
        return "deal"
    if c.has("(Do Not Modify) Phone Call") or (c.has("phonenumber") and c.has("directioncode")):
        return "phonecall"
    if c.has("(Do Not Modify) Appointment") or (c.has("activityid") and c.has("scheduledstart") and c.has("location")):
        return "appointment"
    if c.has("(Do Not Modify) Task"):
        return "task"
    if (c.has("Activity Type") or c.has("activitytypecode")) and (c.has("Regarding") or c.has("regardingobjectid")):
        return "activity"
    return None


def map_rows(k: str, table, c):
    ix = c.idx
    name = table.path.name
    if k == "deal":
        i_id, i_n = ix("opportunityid", "(Do Not Modify) Opportunity"), ix("name", "Topic", "Emne")
        i_am, i_cur = ix("estimatedvalue", "Est. Revenue", "Beregnet omsetning"), ix("transactioncurrencyidname",
                                                                                      "transactioncurrencyid", "Currency", "Valuta")
        i_cd = ix("estimatedclosedate", "Est. Close Date", "Beregnet avslutningsdato")
        i_cust = ix("customerid", "_customerid_value", "parentaccountid", "Potential Customer", "Potensiell kunde")
        i_custn = ix("customeridname", "parentaccountidname")
        i_con = ix("parentcontactidname", "Contact", "Kontakt")
        i_st, i_reason = ix("statecode", "Status"), ix("statuscode", "Status Reason", "Statusårsak")
        i_pr, i_step = ix("closeprobability", "Probability", "Sannsynlighet"), ix("stepname", "Pipeline Phase", "Process Stage")
        i_ns, i_own = ix("Next Step", "nextstep"), ix("owneridname", "Owner", "Eier")
        for line, row in table.rows:
            amount, currency, problem = money(row, i_am, i_cur, table)
            if problem:
                yield Warning(line, f"{name}: line {line}: {problem}.")
            state = cell(row, i_st)
            status = _STATE.get(state or "") or status_word(state) or status_from_stage(cell(row, i_reason))
            cust = cell(row, i_cust)
            ref = Ref(SRC, _guid(cust), "account") if _guid(cust) else None
            company = cell(row, i_custn) or (cust if cust and not ref else None)
            person = cell(row, i_con)
            yield DealRec(line, cell(row, i_n) or "", SRC, _guid(cell(row, i_id)), ref, company,
                          cell(row, i_step) or cell(row, i_reason), status, amount, currency, date_only(norm_date(cell(row, i_cd))),
                          parse_probability(cell(row, i_pr), decimal_comma=decimal_comma(table)), cell(row, i_ns),
                          cell(row, i_own), (DealPerson(by_name=NameRef(person, company)),) if person else ())
        return
    i_id = ix("activityid", "(Do Not Modify) Phone Call", "(Do Not Modify) Appointment", "(Do Not Modify) Task",
              "(Do Not Modify) Activity")
    i_s, i_b = ix("subject", "Subject", "Emne"), ix("description", "Description", "Beskrivelse")
    i_reg, i_regn = ix("regardingobjectid", "_regardingobjectid_value", "Regarding", "Angående"), ix("regardingobjectidname")
    i_regt = ix("regardingobjecttypecode", "Regarding (Type)")
    i_type = ix("activitytypecode", "Activity Type", "Aktivitetstype")
    i_dir = ix("directioncode", "Direction", "Retning")
    i_start, i_end = ix("scheduledstart", "Start Time", "Starttid"), ix("scheduledend", "End Time", "Due", "Forfaller", "Sluttid")
    i_actual, i_created = ix("actualend", "Actual End", "Faktisk slutt"), ix("createdon", "Created On", "Opprettet")
    i_dur = ix("actualdurationminutes", "scheduleddurationminutes", "Duration", "Varighet")
    i_state, i_own = ix("statecode", "Activity Status", "Aktivitetsstatus", "Status"), ix("owneridname", "Owner", "Eier")
    col = c.columns[i_reg] if i_reg is not None else "Regarding"
    for line, row in table.rows:
        kind_ = {"phonecall": "call", "appointment": "meeting", "task": "task"}.get(k) or kind_of(cell(row, i_type))
        reg = cell(row, i_reg)
        parents, by_name, deal, deal_name = (), None, None, None
        rtype = (cell(row, i_regt) or "").casefold()
        if _guid(reg):
            if rtype in ("opportunity", "3"):
                deal = Ref(SRC, _guid(reg))
            else:
                kind_ref = "contact" if rtype in ("contact", "2") else "account" if rtype in ("account", "1") else "any"
                parents = (Ref(SRC, _guid(reg), kind_ref),)
            deal_name = cell(row, i_regn)
        elif reg:
            by_name, deal_name = NameRef(reg, None, "any"), reg
        state = (cell(row, i_state) or "").casefold()
        done = state in ("completed", "1", "fullført", "utført", "abgeschlossen") or bool(parse_bool(state))
        d = cell(row, i_dir)
        direction = None
        if d is not None:
            out = parse_bool(d) if d.casefold() not in ("outgoing", "utgående", "ausgehend", "incoming", "innkommende",
                                                       "eingehend") else d.casefold() in ("outgoing", "utgående", "ausgehend")
            direction = None if out is None else "outbound" if out else "inbound"
        due = date_only(norm_date(cell(row, i_end))) if kind_ == "task" else None
        if kind_ == "meeting":
            date = norm_date(cell(row, i_start) or cell(row, i_actual) or cell(row, i_created))
        else:
            date = norm_date(cell(row, i_actual) or cell(row, i_end) or cell(row, i_start) or cell(row, i_created))
        subject = cell(row, i_s)
        yield ActivityRec(line, body_or_subject(row[i_b] if i_b is not None else "", subject, kind_.capitalize()), SRC, subject,
                          date, _guid(cell(row, i_id)), parents, html=True, by_name=by_name, link_column=col, kind=kind_,
                          ends_at=norm_date(cell(row, i_end)) if kind_ == "meeting" else None, direction=direction,
                          duration_min=parse_minutes(cell(row, i_dur)), due_date=due,
                          done=done if kind_ == "task" else None, status=cell(row, i_state), owner=cell(row, i_own),
                          deal=deal, deal_name=deal_name)
