"""The brief before a call (issue 23): facts from the vault, risks from rules, and the model's
short part (a summary of what changed, next steps) added by :mod:`app.core.assistant.brief_model`.

Facts are never generated: each is copied from a record and names it. ``as_of`` is "today"
(a fixed date for tests and reproducible checks): nothing dated after it is a last contact
or a change, a task due before it is overdue, an open deal whose close date is before it is
overdue. :func:`build_facts` runs on the vault's thread and reads only; recording that a
brief was shown is :func:`mark_shown` (a write, one transaction).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone

from app.core.assistant import risks as risk_rules
from app.core.errors import N_, UsageError
from app.core.vault import brief_store, pipeline

CONTACT_KINDS = ("call", "meeting", "email", "note")  # what counts as "we talked" (a task does not)
FIRST_LOOK_DAYS = 14  # never shown before: what changed is the last two weeks


@dataclass(frozen=True)
class Subject:
    kind: str  # "contact" | "account"
    id: int
    name: str
    account_id: int | None = None  # a contact's account

    def scope(self) -> dict:
        return {"contact_id": self.id} if self.kind == "contact" else {"account_id": self.id}

    def as_json(self) -> dict:
        return {"kind": self.kind, "id": self.id, "name": self.name}


@dataclass(frozen=True)
class LastContact:
    date: str
    kind: str
    id: int  # the note id ([n12])

    def as_json(self) -> dict:
        return {"date": self.date, "kind": self.kind, "id": self.id}


@dataclass(frozen=True)
class OpenTask:
    id: int  # the note id
    title: str
    due: str | None
    overdue: bool
    deal_id: int | None = None

    def as_json(self) -> dict:
        return {"id": self.id, "title": self.title, "due": self.due, "overdue": self.overdue}


@dataclass(frozen=True)
class Person:
    contact_id: int
    name: str
    email: str | None
    role: str | None

    def as_json(self) -> dict:
        return {"name": self.name, "email": self.email, "role": self.role}


@dataclass(frozen=True)
class Change:
    """Something new since the brief was last shown: a note or activity (``id`` is the note
    id), or a deal added or changed (``id`` is the deal id)."""

    kind: str  # note | call | meeting | email | task | deal
    id: int
    date: str | None
    text: str

    def as_json(self) -> dict:
        return {"kind": self.kind, "id": self.id, "date": self.date, "text": self.text}


@dataclass(frozen=True)
class NextStep:
    text: str
    due: str | None  # YYYY-MM-DD, parsed in code from the note's words (app.core.assistant.duedates)
    citation: int | None  # the note id it comes from

    def as_json(self) -> dict:
        return {"text": self.text, "due": self.due, "citation": self.citation}


@dataclass
class Brief:
    subject: Subject
    as_of: date
    last_contact: LastContact | None
    deals: list[pipeline.Deal]
    open_tasks: list[OpenTask]
    people: list[Person]
    changes: list[Change]
    risks: list[risk_rules.Risk]
    changes_since: str | None = None  # when the brief was last shown (None: never)
    summary_text: str | None = None
    summary_citations: list[dict] = field(default_factory=list)
    next_steps: list[NextStep] = field(default_factory=list)
    generated_at: str = ""
    stale: bool = False
    items: dict = field(default_factory=dict, repr=False)  # note id -> TimelineItem, for the model part and questions
    sources_with_roles: frozenset = frozenset()  # CRM sources whose exports carried deal contacts at all

    @property
    def open_deals(self) -> list[pipeline.Deal]:
        return [d for d in self.deals if d.is_open]

    def as_json(self) -> dict:
        """The ``confidant brief --json`` contract (issue 23)."""
        return {
            "subject": self.subject.as_json(),
            "as_of": self.as_of.isoformat(),
            "last_contact": self.last_contact.as_json() if self.last_contact else None,
            "deals": [d.as_json() for d in self.deals],
            "open_tasks": [t.as_json() for t in self.open_tasks],
            "people": [p.as_json() for p in self.people],
            "changes": [c.as_json() for c in self.changes],
            "risks": [r.as_json() for r in self.risks],
            "summary": {"text": self.summary_text, "citations": list(self.summary_citations)},
            "next_steps": [s.as_json() for s in self.next_steps],
            "generated_at": self.generated_at,
            "stale": self.stale,
        }


def parse_as_of(text: str | None) -> date:
    """``--as-of YYYY-MM-DD``; today (local) when not given."""
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(N_("--as-of must be a date like 2026-05-24, not '{value}'."), value=text) from None


def subject_of(conn, ref) -> Subject:
    """A contact or an account from what the user typed (id, e-mail, name, a123)."""
    from app.core.vault import records

    t = records.resolve_target(conn, ref)
    if t.get("kind") == "account":
        return Subject("account", int(t["account_id"]), t.get("name") or "")
    return Subject("contact", int(t["id"]), t.get("name") or "", t.get("account_id"))


def _day(value: str | None) -> str | None:
    return value[:10] if value else None


def _closed_recently(d: pipeline.Deal, as_of: date, days: int) -> bool:
    if d.is_open or not d.close_date:
        return False
    return (as_of - timedelta(days=days)).isoformat() <= d.close_date[:10] <= as_of.isoformat()


def build_facts(conn, subject: Subject, as_of: date, *, thresholds: risk_rules.Thresholds | None = None,
                since: str | None = None, use_last_shown: bool = True) -> Brief:
    """The brief's facts and risks (no model). Reads only; runs on the vault's thread.

    ``since``: the baseline for "what changed" (default: when this subject's brief was last
    shown; never shown: the :data:`FIRST_LOOK_DAYS` before ``as_of``)."""
    th = thresholds or risk_rules.Thresholds()
    day = as_of.isoformat()
    scope = subject.scope()
    items = pipeline.timeline(conn, **scope)
    by_id = {i.id: i for i in items}

    last = next((i for i in items if i.kind in CONTACT_KINDS and i.date and i.date[:10] <= day), None)
    last_contact = LastContact(last.date[:10], last.kind, last.id) if last else None

    all_deals = pipeline.list_deals(conn, **scope)
    deals = [d for d in all_deals if d.is_open or _closed_recently(d, as_of, th.closed_days)]

    tasks = [i for i in items if i.kind == "task" and not i.done]
    tasks.sort(key=lambda i: (i.due is None, i.due or "", i.id))
    open_tasks = [OpenTask(i.id, (i.title or i.body or "").strip()[:200], _day(i.due), i.overdue(as_of),
                           i.activity.deal_id if i.activity else None) for i in tasks]

    people = [Person(p.contact_id, p.name, p.email, ", ".join(p.roles) if p.roles else (p.title or None))
              for p in brief_store.people(conn, **scope)]

    if since is None and use_last_shown:
        since = brief_store.last_shown(conn, subject.kind, subject.id)
    changes = _changes(conn, subject, items, all_deals, as_of, since)

    brief = Brief(subject, as_of, last_contact, deals, open_tasks, people, changes, [], changes_since=since,
                  generated_at=datetime.now(timezone.utc).isoformat(timespec="seconds"), items=by_id,
                  sources_with_roles=brief_store.sources_with_roles(conn))
    brief.risks = risk_rules.evaluate(brief, thresholds=th)
    return brief


def _changes(conn, subject: Subject, items, deals, as_of: date, since: str | None) -> list[Change]:
    day = as_of.isoformat()
    out: list[Change] = []
    if since is None:
        start = (as_of - timedelta(days=FIRST_LOOK_DAYS)).isoformat()
        fresh = [i for i in items if i.date and start < i.date[:10] <= day]
        changed_deals: dict[int, str] = {}
    else:
        added = brief_store.notes_added_since(conn, since, **subject.scope())
        fresh = [i for i in items if i.id in added and (not i.date or i.date[:10] <= day)]
        changed_deals = brief_store.deals_changed_since(conn, [d.id for d in deals], since)
    for i in fresh:
        out.append(Change(i.kind, i.id, _day(i.date), (i.title or i.body or "").strip().splitlines()[0][:160]
                          if (i.title or i.body or "").strip() else ""))
    for d in deals:
        if d.id in changed_deals:
            out.append(Change("deal", d.id, _day(changed_deals[d.id]), _deal_line(d)))
    return out


def _deal_line(d: pipeline.Deal) -> str:
    parts = [d.name]
    if d.stage:
        parts.append(d.stage)
    if d.amount is not None:
        parts.append(f"{d.amount_text()} {d.currency or ''}".strip())
    if d.close_date:
        parts.append(f"close {d.close_date}")
    return " · ".join(parts)


def mark_shown(vault, subject: Subject, at: str | None = None) -> None:
    """Record that the user saw this subject's brief now (the next brief's "what changed" starts here)."""
    with vault.transaction() as conn:
        brief_store.mark_shown(conn, subject.kind, subject.id, at)


def with_model_part(brief: Brief, *, text: str | None, citations: list[dict], next_steps: list[NextStep]) -> Brief:
    return replace(brief, summary_text=text, summary_citations=list(citations), next_steps=list(next_steps))
