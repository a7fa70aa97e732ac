"""Salesforce pipeline files of a Data Export (API field names as headers; see docs/import-formats.md).

- ``Opportunity.csv``: Id, AccountId, Name, StageName, Amount, CurrencyIsoCode (multi-currency
  orgs), CloseDate, Probability, NextStep, IsClosed, IsWon, OwnerId. Open/won/lost comes from
  IsClosed/IsWon, never from the stage's name (stages are org-specific); the name decides only
  when the export lacks both flags. Amounts may be written ``1.25E7``.
- ``OpportunityContactRole.csv``: OpportunityId, ContactId, Role, IsPrimary.
- ``Task.csv``: TaskSubtype (Call, Email, Task, ListEmail) or Type, Status, IsClosed, ActivityDate
  (a task's due date), CallDurationInSeconds, CallType (Inbound/Outbound), WhoId, WhatId.
- ``Event.csv``: StartDateTime/EndDateTime (or ActivityDateTime + DurationInMinutes).
- ``EmailMessage.csv`` (Enhanced Email): ActivityId (its Task), Subject, TextBody/HtmlBody,
  Incoming, MessageDate, RelatedToId. Keyed by ActivityId, it is the same activity as its Task.

A WhatId/RelatedToId that is an opportunity (key prefix 006) links the activity to the deal.
"""

from __future__ import annotations

from app.core.crm.mappers.base import cell, norm_date
from app.core.crm.mappers.pipeline_common import body_or_subject, decimal_comma, kind_of, money
from app.core.crm.model import ActivityRec, DealRec, DealRoleRec, Ref, Warning
from app.core.crm.sfid import is_placeholder, sf18, sf18_ref
from app.core.crm.values import date_only, parse_bool, parse_minutes, parse_probability, status_from_stage

SRC = "salesforce"
KINDS = ("opportunity", "contactrole", "task", "event", "emailmessage")


def _id(v):
    return None if is_placeholder(v) else sf18(v)


def _ref(v):
    return None if is_placeholder(v) else sf18_ref(v)


def kind(cols) -> str | None:
    """The pipeline file this is, or None (then the notes/contacts mapper decides)."""
    if not cols.has("Id"):
        return None
    if cols.has("OpportunityId", "ContactId") and (cols.has("Role") or cols.has("IsPrimary")):
        return "contactrole"
    if cols.has("StageName") and cols.has("Name"):
        return "opportunity"
    if cols.has("ActivityId") and (cols.has("TextBody") or cols.has("HtmlBody")):
        return "emailmessage"
    if cols.has("Subject") and (cols.has("WhoId") or cols.has("WhatId")):
        if cols.has("StartDateTime") or cols.has("EndDateTime") or cols.has("IsAllDayEvent") or cols.has("DurationInMinutes"):
            return "event"
        return "task"
    return None


def _deleted(row, i) -> bool:
    return bool(parse_bool(cell(row, i))) if i is not None else False


def _what(what: str | None) -> tuple[tuple[Ref, ...], Ref | None]:
    """A WhatId: an opportunity is the deal; anything else a parent (an account, usually)."""
    if not what:
        return (), None
    if what.startswith("006"):
        return (), Ref(SRC, what)
    return (Ref(SRC, what),), None


def map_rows(k: str, table, cols):
    ix = cols.idx
    i_id, i_del = ix("Id"), ix("IsDeleted")
    name = table.path.name
    if k == "opportunity":
        i_acc, i_n, i_st, i_am, i_cur = ix("AccountId"), ix("Name"), ix("StageName"), ix("Amount"), ix("CurrencyIsoCode")
        i_cd, i_pr, i_ns, i_cl, i_won, i_own = (ix("CloseDate"), ix("Probability"), ix("NextStep"), ix("IsClosed"), ix("IsWon"),
                                                ix("OwnerId"))
        for line, row in table.rows:
            if _deleted(row, i_del):
                continue
            stage = cell(row, i_st)
            closed, won = parse_bool(cell(row, i_cl)), parse_bool(cell(row, i_won))
            if closed is None and won is None:
                status = status_from_stage(stage)  # an export without the flags: the stage's words
            else:
                status = "won" if won else "lost" if closed else "open"
            amount, currency, problem = money(row, i_am, i_cur, table)
            if problem:
                yield Warning(line, f"{name}: line {line}: {problem}.")
            acc = _ref(cell(row, i_acc))
            yield DealRec(line, cell(row, i_n) or "", SRC, _id(cell(row, i_id)), Ref(SRC, acc, "account") if acc else None,
                          None, stage, status, amount, currency, date_only(norm_date(cell(row, i_cd))),
                          parse_probability(cell(row, i_pr), decimal_comma=decimal_comma(table)), cell(row, i_ns),
                          cell(row, i_own))
    elif k == "contactrole":
        i_o, i_c, i_r, i_p = ix("OpportunityId"), ix("ContactId"), ix("Role"), ix("IsPrimary")
        for line, row in table.rows:
            if _deleted(row, i_del):
                continue
            opp, con = _ref(cell(row, i_o)), _ref(cell(row, i_c))
            if opp and con:
                yield DealRoleRec(line, Ref(SRC, opp), Ref(SRC, con, "contact"), cell(row, i_r), bool(parse_bool(cell(row, i_p))))
    elif k in ("task", "event"):
        yield from _activities(k, table, cols)
    elif k == "emailmessage":
        i_act, i_s, i_t, i_h = ix("ActivityId"), ix("Subject"), ix("TextBody"), ix("HtmlBody")
        i_in, i_d, i_rel = ix("Incoming"), ix("MessageDate", "CreatedDate"), ix("RelatedToId")
        for line, row in table.rows:
            if _deleted(row, i_del):
                continue
            text, html = cell(row, i_t), False
            if not text:
                text, html = cell(row, i_h), True
            incoming = parse_bool(cell(row, i_in))
            parents, deal = _what(_ref(cell(row, i_rel)))
            subject = cell(row, i_s)
            yield ActivityRec(line, body_or_subject(text, subject, "E-mail"), SRC, subject, norm_date(cell(row, i_d)),
                              _id(cell(row, i_act)) or _id(cell(row, i_id)), parents, html=html, link_column="RelatedToId",
                              kind="email", direction=None if incoming is None else "inbound" if incoming else "outbound",
                              deal=deal, completes=True)


def _activities(k: str, table, cols):
    ix = cols.idx
    i_id, i_del = ix("Id"), ix("IsDeleted")
    i_who, i_what, i_s, i_desc = ix("WhoId"), ix("WhatId"), ix("Subject"), ix("Description")
    i_sub, i_type, i_status, i_closed = ix("TaskSubtype"), ix("Type"), ix("Status"), ix("IsClosed")
    i_ad, i_adt, i_start, i_end = ix("ActivityDate"), ix("ActivityDateTime"), ix("StartDateTime"), ix("EndDateTime")
    i_dur, i_cdur, i_ctype, i_created = ix("DurationInMinutes"), ix("CallDurationInSeconds"), ix("CallType"), ix("CreatedDate")
    i_done_at, i_owner = ix("CompletedDateTime"), ix("OwnerId")
    # WhoId and WhatId values repeat (a contact, an opportunity): each is read once. Keyed by the
    # id alone, so the caches grow with the contacts and deals, never with the activities.
    whos: dict[str, tuple] = {}
    whats: dict[str, tuple] = {}
    for line, row in table.rows:  # the hot loop of a large export
        if i_del is not None and row[i_del][:1] in ("t", "T", "1", "S", "s"):  # true, 1, SANN
            continue
        w_raw = row[i_who] if i_who is not None else ""
        who = whos.get(w_raw)
        if who is None:
            ref = _ref(w_raw.strip() or None)
            who = (Ref(SRC, ref),) if ref else ()
            if len(whos) < 100_000:
                whos[w_raw] = who
        t_raw = row[i_what] if i_what is not None else ""
        what = whats.get(t_raw)
        if what is None:
            what = _what(_ref(t_raw.strip() or None))
            if len(whats) < 100_000:
                whats[t_raw] = what
        parents, deal = (who + what[0] if what[0] else who), what[1]
        subject = cell(row, i_s)
        due = done = direction = minutes = ends = None
        if k == "event":
            kind_ = "meeting"
            date = norm_date(cell(row, i_start) or cell(row, i_adt) or cell(row, i_ad))
            ends = norm_date(cell(row, i_end))
            minutes = parse_minutes(cell(row, i_dur))
        else:
            kind_ = kind_of(cell(row, i_sub) or cell(row, i_type), default="")
            if not kind_:
                low = (subject or "").casefold()
                kind_ = "call" if low.startswith("call") else "email" if low.startswith(("email", "e-mail")) else "task"
            status = cell(row, i_status)
            closed = parse_bool(cell(row, i_closed))
            done = bool(closed) if closed is not None else (status or "").casefold() == "completed"
            due = date_only(norm_date(cell(row, i_ad)))
            date = norm_date(cell(row, i_done_at) or cell(row, i_ad) or cell(row, i_created))
            secs = parse_minutes(cell(row, i_cdur))
            minutes = None if secs is None else round(secs / 60)
            ct = (cell(row, i_ctype) or "").casefold()
            direction = "inbound" if ct == "inbound" else "outbound" if ct == "outbound" else None
        yield ActivityRec(line, body_or_subject(row[i_desc] if i_desc is not None else "", subject, kind_.capitalize()), SRC,
                          subject, date, _id(cell(row, i_id)), parents, link_column="WhoId / WhatId", kind=kind_, ends_at=ends,
                          direction=direction, duration_min=minutes, due_date=due if kind_ == "task" else None,
                          done=done if kind_ == "task" else None, status=cell(row, i_status), owner=cell(row, i_owner),
                          deal=deal)
