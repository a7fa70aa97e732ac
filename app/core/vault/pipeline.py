"""Deals and activities (the pipeline) as the rest of the app reads and the importer writes them.

Runs on the thread that owns the vault connection; every function takes the open
connection. Read functions return frozen, typed records (:class:`Deal`, :class:`Activity`,
:class:`TimelineItem`); write functions take them (:class:`DealRow`, :class:`ActivityFields`).

The model (migration ``m003_pipeline``):

- a deal belongs to an account (or names one the vault does not have: ``account_name``);
  its contacts and their roles are ``deal_contacts`` rows; ``status`` is open/won/lost as
  the CRM decided it (never guessed from a stage's name when the CRM says it); ``amount``
  is an exact decimal (:class:`decimal.Decimal` here, TEXT in the vault), never a float;
- an activity is a note with structure: the note row holds its text, date, links and
  dedupe key (so search, linking, forgetting and exports treat it as any note), the
  ``activities`` row its kind, end, e-mail direction, duration, task due date and done,
  and deal. A note without an activity row is of kind "note".
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from app.core.vault.records import note_scope

KINDS = ("note", "call", "meeting", "email", "task")
ACTIVITY_KINDS = ("call", "meeting", "email", "task", "note")
STATUSES = ("open", "won", "lost")


# ---- write side --------------------------------------------------------------------------


@dataclass(frozen=True)
class DealRow:
    """A deal as an import writes it. ``amount`` is an exact decimal text ("12500000.00")."""

    name: str
    source: str
    crm_id: str | None = None
    account_id: int | None = None
    account_name: str | None = None
    stage: str | None = None
    status: str = "open"
    amount: str | None = None
    currency: str | None = None
    close_date: str | None = None
    probability: int | None = None
    next_step: str | None = None
    owner: str | None = None

    def key(self) -> str:
        """The dedupe key: (source, CRM id) when the CRM gives one, else the deal's own fields."""
        if self.crm_id:
            parts = (self.source, "deal", self.crm_id)
        else:
            parts = (self.source, "deal", self.name, self.account_name or "", str(self.account_id or ""), self.close_date or "")
        return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class ActivityFields:
    """What an activity adds to its note row."""

    kind: str
    ends_at: str | None = None
    direction: str | None = None  # "inbound" | "outbound" (e-mails, calls)
    duration_min: int | None = None
    due_date: str | None = None  # tasks: YYYY-MM-DD
    done: bool | None = None  # tasks: completed
    status: str | None = None  # the CRM's own status label
    deal_id: int | None = None
    owner: str | None = None

    def params(self) -> tuple:
        done = None if self.done is None else int(bool(self.done))
        return (self.kind, self.ends_at, self.direction, self.duration_min, self.due_date, done, self.status,
                self.deal_id, self.owner)


_DEAL_COLS = ("name", "account_id", "account_name", "stage", "status", "amount", "currency", "close_date", "probability",
              "next_step", "owner")


def upsert_deal(conn, row: DealRow, stamp: str) -> tuple[int, str]:
    """Insert or update a deal by its key; returns (deal id, "added" | "updated" | "same").
    An update never blanks a field the new row leaves empty."""
    key = row.key()
    old = conn.execute(f"SELECT id, {', '.join(_DEAL_COLS)} FROM deals WHERE content_key = ?", (key,)).fetchone()
    values = {c: getattr(row, c) for c in _DEAL_COLS}
    if old is None:
        cur = conn.execute(
            f"INSERT INTO deals({', '.join(_DEAL_COLS)}, source, crm_id, content_key, created_at, updated_at) "
            f"VALUES ({', '.join('?' * (len(_DEAL_COLS) + 5))})",
            (*values.values(), row.source, row.crm_id, key, stamp, stamp))
        return cur.lastrowid, "added"
    deal_id = old[0]
    current = dict(zip(_DEAL_COLS, old[1:]))
    changes = {c: v for c, v in values.items() if v not in (None, "") and v != current[c]}
    if "status" in changes and row.status == "open" and current["status"] != "open" and row.stage is None:
        changes.pop("status")  # a row that does not say its status keeps the known one
    if not changes:
        return deal_id, "same"
    sets = ", ".join(f"{c} = ?" for c in changes)
    conn.execute(f"UPDATE deals SET {sets}, updated_at = ? WHERE id = ?", (*changes.values(), stamp, deal_id))
    return deal_id, "updated"


def set_deal_contact(conn, deal_id: int, contact_id: int, role: str | None = None, primary: bool = False) -> None:
    """Link a contact to a deal (with their role); a later role or primary flag wins."""
    conn.execute(
        "INSERT INTO deal_contacts(deal_id, contact_id, role, is_primary) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(deal_id, contact_id) DO UPDATE SET role = coalesce(excluded.role, role), "
        "is_primary = max(is_primary, excluded.is_primary)",
        (deal_id, contact_id, role, int(bool(primary))))


def deal_by_crm(conn, source: str, crm_id: str) -> tuple[int, int | None] | None:
    """(deal id, its account id) for a CRM id, or None."""
    row = conn.execute("SELECT id, account_id FROM deals WHERE source = ? AND crm_id = ?", (source, crm_id)).fetchone()
    return (row[0], row[1]) if row else None


def deals_named(conn, name: str, source: str | None = None) -> list[tuple[int, int | None]]:
    """Deals called ``name`` (any case; of ``source`` when given): (deal id, account id)."""
    sql = "SELECT id, account_id, name FROM deals" + (" WHERE source = ?" if source else "")
    folded = " ".join(name.casefold().split())
    return [(i, a) for i, a, n in conn.execute(sql, (source,) if source else ()) if " ".join(n.casefold().split()) == folded]


_ACTIVITY_SQL = (
    "INSERT INTO activities(note_id, kind, ends_at, direction, duration_min, due_date, done, status, deal_id, owner) "
    "SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM notes WHERE content_key = ? "
    "ON CONFLICT(note_id) DO UPDATE SET kind = CASE WHEN excluded.kind = 'email' THEN 'email' ELSE kind END, "
    "ends_at = coalesce(excluded.ends_at, ends_at), direction = coalesce(excluded.direction, direction), "
    "duration_min = coalesce(excluded.duration_min, duration_min), due_date = coalesce(excluded.due_date, due_date), "
    "done = coalesce(excluded.done, done), status = coalesce(excluded.status, status), "
    "deal_id = coalesce(excluded.deal_id, deal_id), owner = coalesce(excluded.owner, owner)"
)


def add_activities(conn, rows: list[tuple[str, ActivityFields]]) -> None:
    """Attach activity fields to the notes with these content keys (inserted just before).
    Re-importing updates what a CRM changes (a task done since, its due date, the e-mail
    direction an EmailMessage adds to its Task) and adds nothing twice."""
    if rows:
        conn.executemany(_ACTIVITY_SQL, [(*f.params(), key) for key, f in rows])


_NEW_ACTIVITY_SQL = ("INSERT INTO activities(kind, ends_at, direction, duration_min, due_date, done, status, deal_id, owner, note_id) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def add_new_activities(conn, rows: list[tuple[int, ActivityFields]]) -> None:
    """Attach activity fields to notes just inserted, by their note ids (the bulk path: no lookup)."""
    if rows:
        conn.executemany(_NEW_ACTIVITY_SQL, [(*f.params(), note_id) for note_id, f in rows])


def existing_keys(conn, keys: list[str]) -> set[str]:
    """Which of these note content keys are already in the vault."""
    if not keys:
        return set()

    return {r[0] for r in conn.execute(
        "SELECT content_key FROM notes WHERE content_key IN (SELECT value FROM json_each(?))", (json.dumps(keys),))}


def set_note_text(conn, content_key: str, title: str | None, body: str) -> None:
    """Replace an activity's text (an EmailMessage's body completes its Task's subject line)."""
    conn.execute("UPDATE notes SET title = coalesce(?, title), body = ? WHERE content_key = ? AND body <> ?",
                 (title, body, content_key, body))


# ---- read side ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DealContact:
    contact_id: int
    name: str
    email: str | None
    role: str | None
    primary: bool


@dataclass(frozen=True)
class Deal:
    id: int
    name: str
    account_id: int | None
    account: str | None
    stage: str | None
    status: str
    amount: Decimal | None
    currency: str | None
    close_date: str | None
    probability: int | None
    next_step: str | None
    owner: str | None
    source: str
    crm_id: str | None
    contacts: tuple[DealContact, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def amount_text(self) -> str | None:
        """The amount exactly as stored ("12500000.00"), or None."""
        return None if self.amount is None else format(self.amount, "f")

    def as_json(self) -> dict:
        """The ``confidant deals --json`` contract (DESIGN.md)."""
        return {"id": self.id, "name": self.name, "account": self.account, "stage": self.stage, "status": self.status,
                "amount": self.amount_text(), "currency": self.currency, "close_date": self.close_date,
                "probability": self.probability, "next_step": self.next_step, "owner": self.owner, "source": self.source,
                "contacts": [{"email": c.email, "name": c.name, "role": c.role, "primary": c.primary, "contact_id": c.contact_id}
                             for c in self.contacts]}


@dataclass(frozen=True)
class Activity:
    """An activity with its note's text and links."""

    id: int
    note_id: int
    kind: str
    occurred_at: str | None
    ends_at: str | None
    title: str | None
    body: str
    direction: str | None
    duration_min: int | None
    due_date: str | None
    done: bool | None
    status: str | None
    deal_id: int | None
    deal: str | None
    contact_id: int | None
    account_id: int | None
    source: str
    owner: str | None

    def overdue(self, today: date | None = None) -> bool:
        """An open task whose due date has passed."""
        if self.kind != "task" or self.done or not self.due_date:
            return False
        return self.due_date[:10] < (today or date.today()).isoformat()


@dataclass(frozen=True)
class TimelineItem:
    """One line of a contact's or account's timeline: a note, or an activity (its note)."""

    id: int  # the note id (what [n12] citations and conversation links name)
    kind: str  # note | call | meeting | email | task
    date: str | None
    title: str | None
    body: str
    source: str
    flags: tuple = ()
    contact_id: int | None = None
    account_id: int | None = None
    activity: Activity | None = field(default=None, repr=False)

    @property
    def due(self) -> str | None:
        return self.activity.due_date if self.activity else None

    @property
    def done(self) -> bool:
        return bool(self.activity and self.activity.done)

    def overdue(self, today: date | None = None) -> bool:
        return bool(self.activity and self.activity.overdue(today))

    def as_json(self) -> dict:
        """An item of ``confidant notes CONTACT --json``: tasks also carry ``due`` and ``done``."""
        d = {"id": self.id, "kind": self.kind, "date": self.date, "title": self.title, "body": self.body,
             "source": self.source, "flags": list(self.flags)}
        a = self.activity
        if a is not None:
            if a.direction:
                d["direction"] = a.direction
            if a.duration_min is not None:
                d["duration_min"] = a.duration_min
            if a.deal:
                d["deal"] = a.deal
        if self.kind == "task":
            d["due"] = self.due[:10] if self.due else None
            d["done"] = self.done
        return d


def _amount(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


_DEAL_SQL = ("SELECT d.id, d.name, d.account_id, coalesce(a.name, d.account_name), d.stage, d.status, d.amount, d.currency, "
             "d.close_date, d.probability, d.next_step, d.owner, d.source, d.crm_id FROM deals d "
             "LEFT JOIN accounts a ON a.id = d.account_id")


def _deal_contacts(conn, ids: list[int]) -> dict[int, list[DealContact]]:

    out: dict[int, list[DealContact]] = {}
    if not ids:
        return out
    for deal_id, cid, name, email, role, primary in conn.execute(
            "SELECT dc.deal_id, c.id, c.full_name, c.email, dc.role, dc.is_primary FROM deal_contacts dc "
            "JOIN contacts c ON c.id = dc.contact_id WHERE dc.deal_id IN (SELECT value FROM json_each(?)) "
            "ORDER BY dc.deal_id, dc.is_primary DESC, c.full_name COLLATE NOCASE, c.id", (json.dumps(ids),)):
        out.setdefault(deal_id, []).append(DealContact(cid, name, email, role, bool(primary)))
    return out


def list_deals(conn, *, account_id: int | None = None, contact_id: int | None = None, status: str | None = None,
               deal_id: int | None = None) -> list[Deal]:
    """Deals, open ones first, then by close date: all, an account's, or those a contact has a role in."""
    where, params = [], []
    if account_id is not None:
        where.append("(d.account_id = ? OR d.id IN (SELECT deal_id FROM deal_contacts WHERE contact_id IN "
                     "(SELECT id FROM contacts WHERE account_id = ?)))")
        params += [account_id, account_id]
    if contact_id is not None:
        where.append("d.id IN (SELECT deal_id FROM deal_contacts WHERE contact_id = ?)")
        params.append(contact_id)
    if status is not None:
        where.append("d.status = ?")
        params.append(status)
    if deal_id is not None:
        where.append("d.id = ?")
        params.append(deal_id)
    sql = _DEAL_SQL + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY d.status <> 'open', d.close_date IS NULL, d.close_date, d.name COLLATE NOCASE, d.id"
    rows = conn.execute(sql, params).fetchall()
    people = _deal_contacts(conn, [r[0] for r in rows])
    return [Deal(r[0], r[1], r[2], r[3], r[4], r[5], _amount(r[6]), r[7], r[8], r[9], r[10], r[11], r[12], r[13],
                 tuple(people.get(r[0], ()))) for r in rows]


def get_deal(conn, deal_id: int) -> Deal | None:
    rows = list_deals(conn, deal_id=deal_id)
    return rows[0] if rows else None


_ITEM_SQL = (
    "SELECT n.id, n.occurred_at, n.title, n.body, n.source, n.flags, n.contact_id, n.account_id, "
    "a.id, a.kind, a.ends_at, a.direction, a.duration_min, a.due_date, a.done, a.status, a.deal_id, d.name, a.owner "
    "FROM notes n LEFT JOIN activities a ON a.note_id = n.id LEFT JOIN deals d ON d.id = a.deal_id"
)


def _item(r) -> TimelineItem:

    act = None
    if r[8] is not None:
        act = Activity(r[8], r[0], r[9], r[1], r[10], r[2], r[3], r[11], r[12], r[13], None if r[14] is None else bool(r[14]),
                       r[15], r[16], r[17], r[6], r[7], r[4], r[18])
    return TimelineItem(r[0], act.kind if act else "note", r[1], r[2], r[3], r[4], tuple(json.loads(r[5] or "[]")), r[6], r[7],
                        act)


def timeline(conn, *, contact_id: int | None = None, account_id: int | None = None, kinds: tuple[str, ...] | None = None,
             limit: int | None = None, newest_first: bool = True) -> list[TimelineItem]:
    """A contact's or an account's notes and activities by date (undated last); ``kinds``
    keeps only those kinds ("note" is a note without an activity row)."""
    where, params = note_scope(contact_id, account_id)
    if kinds:
        where += " AND coalesce(a.kind, 'note') IN (" + ", ".join("?" * len(kinds)) + ")"
        params += list(kinds)
    order = "DESC" if newest_first else "ASC"
    sql = f"{_ITEM_SQL} WHERE {where} ORDER BY n.occurred_at IS NULL, n.occurred_at {order}, n.id {order}"
    if limit:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [_item(r) for r in conn.execute(sql, params)]


def activities_for(conn, *, contact_id: int | None = None, account_id: int | None = None,
                   kinds: tuple[str, ...] = ("call", "meeting", "email", "task"), limit: int | None = None) -> list[Activity]:
    """A contact's or an account's activities, newest first."""
    return [i.activity for i in timeline(conn, contact_id=contact_id, account_id=account_id, kinds=kinds, limit=limit)
            if i.activity is not None]


def open_tasks(conn, *, contact_id: int | None = None, account_id: int | None = None) -> list[Activity]:
    """Tasks not done, the earliest due first (undated last)."""
    tasks = [a for a in activities_for(conn, contact_id=contact_id, account_id=account_id, kinds=("task",)) if not a.done]
    return sorted(tasks, key=lambda a: (a.due_date is None, a.due_date or "", a.id))


def kinds_of(conn, note_ids: list[int]) -> dict[int, str]:
    """note id -> kind, for notes that are activities."""

    if not note_ids:
        return {}
    return dict(conn.execute("SELECT note_id, kind FROM activities WHERE note_id IN (SELECT value FROM json_each(?))",
                             (json.dumps(note_ids),)).fetchall())


def counts(conn) -> dict[str, int]:
    """How many deals and activities (by kind) the vault holds."""
    out = {"deals": conn.execute("SELECT count(*) FROM deals").fetchone()[0]}
    for kind, n in conn.execute("SELECT kind, count(*) FROM activities GROUP BY kind"):
        out[kind] = n
    return out
