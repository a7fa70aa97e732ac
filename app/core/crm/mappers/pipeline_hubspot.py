"""HubSpot pipeline exports: deals, calls, meetings, e-mails and tasks (record exports, CSV/XLSX).

Headers are property labels in the export language (English here; see docs/import-formats.md
for what is confirmed and what is assumed). Association columns list ``;``-separated record
ids: "Associated Contact IDs" (several people per deal or activity), "Associated Company IDs",
"Associated Deal IDs". A deal's "Deal probability" is written 0-1 (0.6 = 60 %); "Amount" is in
the deal's own currency ("Currency"), "Amount in company currency" in the portal's: the deal's
own is kept, the company one only when the deal's is empty. Open/won/lost comes from "Is Closed
Won" / "Is closed lost" when the export has them, else from the stage label as exported
("Closed won", "Closed lost").
"""

from __future__ import annotations

import re

from app.core.crm.mappers.base import cell, norm_date
from app.core.crm.mappers.pipeline_common import body_or_subject, decimal_comma, kind_of, money
from app.core.crm.model import ActivityRec, DealPerson, DealRec, Ref, Warning
from app.core.crm.values import date_only, parse_bool, parse_minutes, parse_probability, status_from_stage
from app.core.errors import Message, N_

SRC = "hubspot"
KINDS = ("deal", "call", "meeting", "email", "task")
DISTINCTIVE = frozenset({
    "Deal Name", "Deal Stage", "Pipeline", "Close Date", "Deal owner", "Amount in company currency", "Deal probability",
    "Associated Deal IDs", "Call notes", "Call title", "Call direction", "Call duration", "Meeting name", "Meeting outcome",
    "Meeting start time", "Email subject", "Email direction", "Task title", "Task status", "Task type", "Is Closed Won",
})


def kind(c) -> str | None:
    if c.has("Deal Name") or (c.has("Deal Stage") and (c.has("Amount") or c.has("Close Date"))):
        return "deal"
    if c.has("Call notes") or c.has("Call title") or c.has("Call direction") or c.has("Call duration"):
        return "call"
    if c.has("Meeting name") or c.has("Meeting title") or c.has("Meeting start time"):
        return "meeting"
    if c.has("Email subject") or c.has("Email body") or c.has("Email direction"):
        return "email"
    if c.has("Task title") or c.has("Task status") or c.has("Task type"):
        return "task"
    return None


def _ids(v: str | None) -> list[str]:
    return [p.strip() for p in re.split(r"[;,]", v or "") if p.strip()]


def _assoc(c, *labels: str) -> int | None:
    return c.idx(*labels)


def map_rows(k: str, table, c):
    ix = c.idx
    i_id = ix("Record ID")
    i_con = _assoc(c, "Associated Contact IDs", "Associated Contact ID")
    i_co = _assoc(c, "Associated Company IDs", "Associated Company IDs (Primary)", "Associated Company ID")
    i_deal = _assoc(c, "Associated Deal IDs", "Associated Deal ID")
    name = table.path.name
    if k == "deal":
        i_n, i_st, i_am = ix("Deal Name"), ix("Deal Stage"), ix("Amount")
        i_cur, i_cd, i_pr = ix("Currency", "Deal currency code"), ix("Close Date"), ix("Deal probability", "Deal Stage Probability")
        i_ns, i_own = ix("Next step", "Next Step"), ix("Deal owner")
        i_won, i_lost = ix("Is Closed Won", "Is closed won"), ix("Is closed lost", "Is Closed Lost")
        i_con_n, i_co_n = ix("Associated Contact"), ix("Associated Company", "Associated Company (Primary)")
        for line, row in table.rows:
            # The deal's own amount and currency; "Amount in company currency" is a conversion into a
            # currency the export does not name, so it never stands in for a missing amount.
            amount, currency, problem = money(row, i_am, i_cur, table)
            if problem:
                yield Warning(line, Message(N_("{name}: line {line}: {problem}."), name=name, line=line, problem=problem))
            stage = cell(row, i_st)
            won, lost = parse_bool(cell(row, i_won)), parse_bool(cell(row, i_lost))
            status = "won" if won else "lost" if lost else ("open" if won is not None or lost is not None
                                                             else status_from_stage(stage))
            companies = _ids(cell(row, i_co))
            rid = cell(row, i_id)
            people = tuple(DealPerson(Ref(SRC, "c:" + x, "contact"), primary=(n == 0)) for n, x in enumerate(_ids(cell(row, i_con))))
            company_name = cell(row, i_co_n)
            yield DealRec(line, cell(row, i_n) or "", SRC, "d:" + rid if rid else None,
                          Ref(SRC, "co:" + companies[0], "account") if companies else None,
                          company_name.split(";")[0].strip() if company_name else None,  # by name when the id is not found
                          stage, status, amount, currency, date_only(norm_date(cell(row, i_cd))),
                          parse_probability(cell(row, i_pr), fraction=True, decimal_comma=decimal_comma(table)),
                          cell(row, i_ns), cell(row, i_own), people)
        return
    # activities
    labels = {
        "call": (("Call title", "Title"), ("Call notes", "Notes", "Call body")),
        "meeting": (("Meeting name", "Meeting title", "Title"), ("Meeting description", "Internal meeting notes", "Notes")),
        "email": (("Email subject", "Subject"), ("Email body", "Email text", "Body")),
        "task": (("Task title", "Subject", "Title"), ("Task notes", "Notes", "Task body")),
    }[k]
    i_t, i_b = ix(*labels[0]), ix(*labels[1])
    i_d = ix("Activity date", "Meeting start time", "Create Date", "Created at")
    i_end, i_dur = ix("Meeting end time"), ix("Call duration", "Call duration (HH:mm:ss)", "Call duration (ms)")
    i_dir = ix("Call direction", "Email direction")
    i_due, i_status, i_type = ix("Due date", "Task due date"), ix("Task status", "Status", "Call status"), ix("Task type")
    i_own = ix("Activity assigned to", "Assigned to", "Activity owner")
    used = " / ".join(c.columns[i] for i in (i_con, i_co) if i is not None) or "Associated Contact IDs"
    for line, row in table.rows:
        parents = tuple(Ref(SRC, "c:" + x, "contact") for x in _ids(cell(row, i_con)))
        parents += tuple(Ref(SRC, "co:" + x, "account") for x in _ids(cell(row, i_co))[:1])
        deals = _ids(cell(row, i_deal))
        title = cell(row, i_t)
        kind_ = k if k != "task" else kind_of(cell(row, i_type), default="task") if cell(row, i_type) in ("CALL", "EMAIL") else "task"
        direction = (cell(row, i_dir) or "").casefold()
        direction = ("inbound" if direction.startswith(("inbound", "incoming")) else
                     "outbound" if direction.startswith(("outbound", "email", "sent", "forwarded")) else None)
        minutes = parse_minutes(cell(row, i_dur))
        if i_dur is not None and "(ms)" in c.columns[i_dur] and minutes is not None:
            minutes = round(minutes / 60000)
        status = cell(row, i_status)
        due = date_only(norm_date(cell(row, i_due)))
        rid = cell(row, i_id)
        yield ActivityRec(line, body_or_subject(row[i_b] if i_b is not None else "", title, kind_.capitalize()), SRC, title,
                          norm_date(cell(row, i_d) or cell(row, i_due)), f"{k}:{rid}" if rid else None, parents, html=True,
                          link_column=used, kind=kind_, ends_at=norm_date(cell(row, i_end)), direction=direction,
                          duration_min=minutes, due_date=due if kind_ == "task" else None,
                          done=(status or "").casefold() in ("completed", "complete", "done") if kind_ == "task" else None,
                          status=status, owner=cell(row, i_own), deal=Ref(SRC, "d:" + deals[0]) if deals else None)
