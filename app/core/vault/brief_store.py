"""What the brief (issue 23) reads and keeps in the vault beyond the pipeline's own queries.

Runs on the thread that owns the vault connection; every function takes the open
connection. The pipeline's records (deals, activities, the timeline) come from
:mod:`app.core.vault.pipeline`; this module adds the people of a subject with their deal
roles, "what is new since" (note and deal timestamps), when a brief was last shown, stored
briefs (migration ``m005_brief``), and tasks the user adds from a brief's next steps.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone

from app.core.vault import pipeline

SOURCE = "confidant"  # tasks the user adds in Confidant


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class PersonRow:
    contact_id: int
    name: str
    email: str | None
    title: str | None
    roles: tuple[str, ...]  # their roles on the subject's open deals, primary first


def people(conn, *, contact_id: int | None = None, account_id: int | None = None) -> list[PersonRow]:
    """An account's people (its contacts and anyone with a role on its deals), or a contact
    and the people who share an open deal with them; each with their open-deal roles."""
    if account_id is not None:
        ids_sql = ("SELECT id FROM contacts WHERE account_id = ? UNION SELECT dc.contact_id FROM deal_contacts dc "
                   "JOIN deals d ON d.id = dc.deal_id WHERE d.account_id = ? AND d.status = 'open'")
        params: list = [account_id, account_id]
        deal_scope = "d.account_id = ?"
        deal_params: list = [account_id]
    else:
        ids_sql = ("SELECT ? UNION SELECT dc2.contact_id FROM deal_contacts dc1 JOIN deals d ON d.id = dc1.deal_id "
                   "JOIN deal_contacts dc2 ON dc2.deal_id = d.id WHERE dc1.contact_id = ? AND d.status = 'open'")
        params = [contact_id, contact_id]
        deal_scope = "d.id IN (SELECT deal_id FROM deal_contacts WHERE contact_id = ?)"
        deal_params = [contact_id]
    rows = conn.execute(f"SELECT c.id, c.full_name, c.email, c.title FROM contacts c WHERE c.id IN ({ids_sql}) "
                        "ORDER BY c.full_name COLLATE NOCASE, c.id", params).fetchall()
    roles: dict[int, list[str]] = {}
    for cid, role in conn.execute(
            "SELECT dc.contact_id, dc.role FROM deal_contacts dc JOIN deals d ON d.id = dc.deal_id "
            f"WHERE d.status = 'open' AND {deal_scope} AND dc.role IS NOT NULL AND dc.role <> '' "
            "ORDER BY dc.is_primary DESC, d.close_date, d.id", deal_params):
        if role not in roles.setdefault(cid, []):
            roles[cid].append(role)
    return [PersonRow(r[0], r[1], r[2], r[3], tuple(roles.get(r[0], ()))) for r in rows]


def _note_scope(contact_id, account_id) -> tuple[str, list]:
    if contact_id is not None:
        return "(n.contact_id = ? OR n.id IN (SELECT note_id FROM note_contacts WHERE contact_id = ?))", [contact_id, contact_id]
    return "(n.account_id = ? OR n.contact_id IN (SELECT id FROM contacts WHERE account_id = ?))", [account_id, account_id]


def notes_added_since(conn, since: str, *, contact_id: int | None = None, account_id: int | None = None) -> set[int]:
    """Ids of the subject's notes and activities stored (imported or added) after ``since``."""
    where, params = _note_scope(contact_id, account_id)
    return {r[0] for r in conn.execute(f"SELECT n.id FROM notes n WHERE {where} AND n.created_at > ?", [*params, since])}


def deals_changed_since(conn, deal_ids: list[int], since: str) -> dict[int, str]:
    """deal id -> when it was added or last changed, for those changed after ``since``."""
    if not deal_ids:
        return {}
    return dict(conn.execute("SELECT id, updated_at FROM deals WHERE id IN (SELECT value FROM json_each(?)) AND updated_at > ?",
                             (json.dumps(deal_ids), since)).fetchall())


def latest_change(conn, *, contact_id: int | None = None, account_id: int | None = None) -> str:
    """When the subject's data last changed (a note, an activity or a deal stored): '' if never."""
    where, params = _note_scope(contact_id, account_id)
    notes = conn.execute(f"SELECT max(n.created_at) FROM notes n WHERE {where}", params).fetchone()[0] or ""
    deal_ids = [d.id for d in pipeline.list_deals(conn, contact_id=contact_id, account_id=account_id)]
    deals = conn.execute("SELECT max(updated_at) FROM deals WHERE id IN (SELECT value FROM json_each(?))",
                         (json.dumps(deal_ids),)).fetchone()[0] or ""
    return max(utc_stamp(notes), utc_stamp(deals))


def utc_stamp(stamp: str) -> str:
    """Stamps from different writers (seconds or microseconds) compared as one form."""
    if not stamp:
        return ""
    try:
        return datetime.fromisoformat(stamp).astimezone(timezone.utc).isoformat(timespec="microseconds")
    except ValueError:
        return stamp


def sources_with_roles(conn) -> frozenset:
    """The sources whose deals have contacts at all: a deal without contacts from such an
    export has none; from another, the export simply did not carry them."""
    return frozenset(r[0] for r in conn.execute(
        "SELECT DISTINCT d.source FROM deals d WHERE EXISTS (SELECT 1 FROM deal_contacts dc WHERE dc.deal_id = d.id)"))


# ---- when a brief was shown ---------------------------------------------------------------


def last_shown(conn, kind: str, subject_id: int) -> str | None:
    row = conn.execute("SELECT shown_at FROM brief_views WHERE subject_kind = ? AND subject_id = ?",
                       (kind, subject_id)).fetchone()
    return row[0] if row else None


def mark_shown(conn, kind: str, subject_id: int, at: str | None = None) -> None:
    conn.execute("INSERT INTO brief_views(subject_kind, subject_id, shown_at) VALUES (?, ?, ?) "
                 "ON CONFLICT(subject_kind, subject_id) DO UPDATE SET shown_at = excluded.shown_at",
                 (kind, subject_id, at or now()))


# ---- stored briefs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredBrief:
    kind: str
    subject_id: int
    as_of: str
    built_at: str
    payload: dict


def _col(kind: str) -> str:
    if kind not in ("contact", "account"):
        raise ValueError(kind)
    return "contact_id" if kind == "contact" else "account_id"


def save_brief(conn, kind: str, subject_id: int, as_of: str, payload: dict, built_at: str | None = None) -> None:
    col = _col(kind)
    conn.execute(f"DELETE FROM briefs WHERE {col} = ?", (subject_id,))
    conn.execute(f"INSERT INTO briefs({col}, as_of, built_at, payload) VALUES (?, ?, ?, ?)",
                 (subject_id, as_of, built_at or now(), json.dumps(payload, ensure_ascii=False)))


def load_brief(conn, kind: str, subject_id: int) -> StoredBrief | None:
    row = conn.execute(f"SELECT as_of, built_at, payload FROM briefs WHERE {_col(kind)} = ?", (subject_id,)).fetchone()
    return StoredBrief(kind, subject_id, row[0], row[1], json.loads(row[2])) if row else None


def recent_subjects(conn, limit: int = 10) -> list[tuple[str, int]]:
    """Subjects whose data changed most recently, accounts first: (kind, id)."""
    out: list[tuple[str, int]] = []
    for (aid,) in conn.execute(
            "SELECT account_id FROM (SELECT coalesce(n.account_id, c.account_id) AS account_id, max(n.created_at) AS at "
            "FROM notes n LEFT JOIN contacts c ON c.id = n.contact_id GROUP BY 1) WHERE account_id IS NOT NULL "
            "ORDER BY at DESC LIMIT ?", (limit,)):
        out.append(("account", aid))
    return out


# ---- tasks the user adds ------------------------------------------------------------------------


def add_task(conn, *, title: str, due: str | None, contact_id: int | None, account_id: int | None,
             deal_id: int | None = None, created: str | None = None) -> int:
    """A task the user added from a brief's next step: a note row with a task activity (so it
    is searchable, forgotten with its person and exported like an imported task). The same
    task (title, due, subject) added twice is stored once. Returns the note id."""
    stamp = created or now()
    parent = f"c{contact_id}" if contact_id is not None else f"a{account_id}"
    key = hashlib.sha256("\x1f".join((SOURCE, "task", parent, title, due or "")).encode("utf-8", "surrogatepass")).hexdigest()
    conn.execute("INSERT OR IGNORE INTO notes(contact_id, account_id, occurred_at, title, body, source, content_key, created_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (contact_id, account_id, stamp[:10], title, title, SOURCE, key, stamp))
    pipeline.add_activities(conn, [(key, pipeline.ActivityFields("task", due_date=due, done=False, deal_id=deal_id))])
    return conn.execute("SELECT id FROM notes WHERE content_key = ?", (key,)).fetchone()[0]


@dataclass(frozen=True)
class ExportTask:
    """An open task as a CRM re-imports it."""

    note_id: int
    title: str
    body: str
    due: str | None
    done: bool
    contact_name: str | None
    contact_email: str | None
    contact_source: str | None
    contact_crm_id: str | None
    account_name: str | None
    account_source: str | None
    account_crm_id: str | None
    deal_name: str | None
    deal_crm_id: str | None
    deal_source: str | None
    created: str | None


def tasks_for_export(conn, *, contact_id: int | None = None, account_id: int | None = None,
                     include_done: bool = False) -> list[ExportTask]:
    """Tasks (open ones unless ``include_done``), earliest due first, with what a CRM needs to link them."""
    where, params = ("1", [])
    if contact_id is not None or account_id is not None:
        where, params = _note_scope(contact_id, account_id)
    if not include_done:
        where += " AND coalesce(a.done, 0) = 0"
    sql = ("SELECT n.id, n.title, n.body, a.due_date, coalesce(a.done, 0), c.full_name, c.email, c.crm_source, c.crm_id, "
           "coalesce(ac.name, ca.name), coalesce(ac.crm_source, ca.crm_source), coalesce(ac.crm_id, ca.crm_id), d.name, "
           "d.crm_id, d.source, n.occurred_at FROM activities a JOIN notes n ON n.id = a.note_id "
           "LEFT JOIN contacts c ON c.id = n.contact_id LEFT JOIN accounts ac ON ac.id = n.account_id "
           "LEFT JOIN accounts ca ON ca.id = c.account_id LEFT JOIN deals d ON d.id = a.deal_id "
           f"WHERE a.kind = 'task' AND {where} ORDER BY a.due_date IS NULL, a.due_date, n.id")
    return [ExportTask(r[0], r[1] or r[2][:80], r[2], r[3], bool(r[4]), r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12],
                       r[13], r[14], r[15]) for r in conn.execute(sql, params)]
