"""Pipedrive pipeline exports ("Entity - Field" headers, as its export writes them).

- Deals: Deal - ID, Deal - Title, Deal - Value, Deal - Currency, Deal - Status (open/won/lost),
  Deal - Stage, Deal - Organization, Deal - Contact person, Deal - Expected close date,
  Deal - Probability, Deal - Owner.
- Activities: Activity - ID, Activity - Subject, Activity - Type (call, meeting, task, deadline,
  email, lunch, or a company's own type), Activity - Done ("Done"/"To do"), Activity - Due date,
  Activity - Due time, Activity - Duration, Activity - Note, Activity - Deal, Activity - Person,
  Activity - Organization, Activity - Marked as done time.

Pipedrive exports links as NAMES: a person is found by name, and a second person of the same
name is told apart by the organisation named on the same row; a deal by its title.
"""

from __future__ import annotations

from app.core.crm.mappers.base import cell, norm_date
from app.core.crm.mappers.pipeline_common import body_or_subject, decimal_comma, kind_of, money
from app.core.crm.model import ActivityRec, DealPerson, DealRec, NameRef, Warning
from app.core.crm.values import date_only, parse_bool, parse_minutes, parse_probability, status_word

SRC = "pipedrive"
KINDS = ("deal", "activity")
DISTINCTIVE = frozenset({
    "Deal - ID", "Deal - Title", "Deal - Value", "Deal - Currency", "Deal - Status", "Deal - Stage", "Deal - Organization",
    "Deal - Contact person", "Deal - Expected close date", "Deal - Probability", "Activity - ID", "Activity - Subject",
    "Activity - Type", "Activity - Done", "Activity - Due date", "Activity - Deal", "Activity - Person",
    "Activity - Organization", "Activity - Note",
})


def kind(c) -> str | None:
    if c.has("Deal - Title") and (c.has("Deal - Value") or c.has("Deal - Status") or c.has("Deal - Stage")):
        return "deal"
    if c.has("Activity - Subject") or c.has("Activity - Type"):
        return "activity"
    return None


def map_rows(k: str, table, c):
    ix = c.idx
    name = table.path.name
    if k == "deal":
        i_id, i_t, i_v, i_cur = ix("Deal - ID"), ix("Deal - Title"), ix("Deal - Value"), ix("Deal - Currency")
        i_st, i_stage, i_org = ix("Deal - Status"), ix("Deal - Stage"), ix("Deal - Organization", "Organization - Name")
        i_person = ix("Deal - Contact person", "Person - Name")
        i_cd, i_pr = ix("Deal - Expected close date", "Deal - Close date"), ix("Deal - Probability")
        i_own, i_ns = ix("Deal - Owner"), ix("Deal - Next step")
        for line, row in table.rows:
            amount, currency, problem = money(row, i_v, i_cur, table)
            if problem:
                yield Warning(line, f"{name}: line {line}: {problem}.")
            status = status_word(cell(row, i_st)) or "open"
            org, person = cell(row, i_org), cell(row, i_person)
            did = cell(row, i_id)
            people = (DealPerson(by_name=NameRef(person, org), primary=True),) if person else ()
            yield DealRec(line, cell(row, i_t) or "", SRC, "d:" + did if did else None, None, org, cell(row, i_stage), status,
                          amount, currency, date_only(norm_date(cell(row, i_cd))),
                          parse_probability(cell(row, i_pr), decimal_comma=decimal_comma(table)), cell(row, i_ns),
                          cell(row, i_own), people)
        return
    i_id, i_s, i_type, i_done = ix("Activity - ID"), ix("Activity - Subject"), ix("Activity - Type"), ix("Activity - Done")
    i_due, i_time, i_dur = ix("Activity - Due date"), ix("Activity - Due time"), ix("Activity - Duration")
    i_note, i_deal = ix("Activity - Note", "Activity - Public description"), ix("Activity - Deal")
    i_p, i_o = ix("Activity - Person", "Activity - Contact person"), ix("Activity - Organization")
    i_done_at, i_add = ix("Activity - Marked as done time"), ix("Activity - Add time")
    i_own = ix("Activity - Assigned to user", "Activity - Owner")
    used = " / ".join(c.columns[i] for i in (i_p, i_o) if i is not None) or "Activity - Person"
    for line, row in table.rows:
        kind_ = kind_of(cell(row, i_type), default="task")
        done_text = cell(row, i_done)
        done = parse_bool(done_text)
        if done is None and done_text:
            done = done_text.casefold() in ("done", "ferdig", "erledigt")
        due = date_only(norm_date(cell(row, i_due)))
        when = cell(row, i_due)
        if when and cell(row, i_time):
            when = f"{when} {cell(row, i_time)}"
        date = norm_date(cell(row, i_done_at)) if done and cell(row, i_done_at) else norm_date(when or cell(row, i_add))
        person, org = cell(row, i_p), cell(row, i_o)
        subject = cell(row, i_s)
        aid = cell(row, i_id)
        yield ActivityRec(line, body_or_subject(row[i_note] if i_note is not None else "", subject, kind_.capitalize()), SRC,
                          subject, date, "a:" + aid if aid else None, (), html=True,
                          by_name=NameRef(person, org) if (person or org) else None, link_column=used, kind=kind_,
                          duration_min=parse_minutes(cell(row, i_dur)), due_date=due if kind_ == "task" else None,
                          done=bool(done) if kind_ == "task" else None, status=done_text, owner=cell(row, i_own),
                          deal_name=cell(row, i_deal))
