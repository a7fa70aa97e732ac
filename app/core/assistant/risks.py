"""Risk rules over the imported pipeline (issue 23; Gong's deal warnings are the anchor).

Each rule is a plain function of the brief's facts. A risk names its rule, its deal (None
for a task not tied to a deal) and its evidence: ids of the records it rests on, ``n12`` for
a note or activity (the timeline's id), ``d3`` for a deal, ``c7`` for a contact. A rule never
fires without its data: no close date, no overdue close date; no dated activity at all, no
"no recent activity"; no contact roles anywhere in the deal's source, no "single-threaded".

The thresholds are user settings that IT can fix by policy (``risk_quiet_days``,
``risk_max_contacts``, ``brief_closed_days``). Pure functions: run anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.core.errors import N_

RULES = ("no_recent_activity", "overdue_close_date", "single_threaded", "overdue_task", "no_next_step")


@dataclass(frozen=True)
class Thresholds:
    quiet_days: int = 30  # no_recent_activity: nothing in this many days
    max_contacts: int = 1  # single_threaded: an open deal with at most this many contacts
    closed_days: int = 90  # won/lost deals closed within this many days are shown as recent

    @classmethod
    def from_settings(cls, settings) -> "Thresholds":
        def get(key, default):
            try:
                v = settings.get(key)
            except Exception:  # an older settings registry without the key
                return default
            return default if v is None else int(v)

        return cls(get("risk_quiet_days", cls.quiet_days), get("risk_max_contacts", cls.max_contacts),
                   get("brief_closed_days", cls.closed_days))


@dataclass(frozen=True)
class Risk:
    rule: str
    deal_id: int | None
    template: str  # marked with N_; the window translates it and fills ``fields`` in
    fields: tuple[tuple[str, object], ...]
    evidence: tuple[str, ...]

    @property
    def text(self) -> str:
        return self.template.format(**dict(self.fields))

    def as_json(self) -> dict:
        return {"rule": self.rule, "deal_id": self.deal_id, "text": self.text, "evidence": list(self.evidence)}


def _risk(rule, deal_id, template, evidence, **fields) -> Risk:
    return Risk(rule, deal_id, template, tuple(fields.items()), tuple(evidence))


def evaluate(brief, *, thresholds: Thresholds) -> list[Risk]:
    """Every rule over ``brief``'s facts."""
    as_of: date = brief.as_of
    day = as_of.isoformat()
    out: list[Risk] = []
    open_deals = brief.open_deals
    last = brief.last_contact

    # no_recent_activity: per open deal, when the last contact is older than the threshold.
    if last is not None:
        quiet_since = (as_of - timedelta(days=thresholds.quiet_days)).isoformat()
        if last.date < quiet_since:
            days = (as_of - date.fromisoformat(last.date)).days
            for d in open_deals:
                out.append(_risk("no_recent_activity", d.id,
                                 N_("{deal}: no call, meeting, e-mail or note in {days} days (last {date})."),
                                 (f"d{d.id}", f"n{last.id}"), deal=d.name, days=days, date=last.date))

    for d in open_deals:
        if d.close_date and d.close_date[:10] < day:
            out.append(_risk("overdue_close_date", d.id, N_("{deal}: the close date {date} has passed."), (f"d{d.id}",),
                             deal=d.name, date=d.close_date[:10]))

    for d in open_deals:
        n = len(d.contacts)
        has_role_data = n > 0 or d.source in brief.sources_with_roles
        if has_role_data and n <= thresholds.max_contacts:
            if n:
                out.append(_risk("single_threaded", d.id, N_("{deal}: single-threaded, only {name} is involved."),
                                 (f"d{d.id}", *(f"c{c.contact_id}" for c in d.contacts)), deal=d.name,
                                 name=", ".join(c.name for c in d.contacts)))
            else:
                out.append(_risk("single_threaded", d.id, N_("{deal}: no contact is linked to the deal."), (f"d{d.id}",),
                                 deal=d.name))

    for t in brief.open_tasks:
        if t.overdue and t.due:
            out.append(_risk("overdue_task", t.deal_id, N_("Task overdue since {date}: {title}"), (f"n{t.id}",),
                             date=t.due, title=t.title))

    for d in open_deals:
        if (d.next_step or "").strip():
            continue
        ahead = [t for t in brief.open_tasks if t.due and t.due >= day and (t.deal_id == d.id or t.deal_id is None)]
        if not ahead:
            out.append(_risk("no_next_step", d.id, N_("{deal}: no next step and no task ahead."), (f"d{d.id}",), deal=d.name))
    return out
