"""SQL for the consent flags a contact carries from the CRM.

Runs on the thread that owns the vault connection. ``contact_consent`` keeps, per contact,
what each CRM column said (``readings``: ``{flag: {column: true|false}}``) and the flags
they add up to; a Salesforce contact's Individual adds the readings kept in
``consent_individuals``. A flag is True when any reading says so, False when readings exist
and none does, None when no export said anything. A column a file does not have, or a cell
that says nothing, leaves what an earlier import read; a column that now says "no" clears
what that same column said before.

:class:`Consent` is the typed record the rest of the app reads; :func:`withheld_notes` is
the one query the assistant asks before a note may enter a prompt.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

FLAGS = ("email_opt_out", "call_opt_out", "processing_objection", "forget_requested")
INDIVIDUAL = "Individual."  # how a reading from Salesforce's Individual.csv is named in sources


@dataclass(frozen=True)
class Consent:
    """A contact's consent flags. True: opted out / objected / asked to be forgotten;
    False: the CRM says not; None: no export said. ``sources``: flag -> the CRM column(s)."""

    email_opt_out: bool | None = None
    call_opt_out: bool | None = None
    processing_objection: bool | None = None
    forget_requested: bool | None = None
    sources: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        """``{email_opt_out, call_opt_out, processing_objection, forget_requested}``."""
        return {f: getattr(self, f) for f in FLAGS}

    @property
    def withholds_notes(self) -> bool:
        """Whether this person's notes are kept out of every prompt."""
        return bool(self.processing_objection or self.forget_requested)


NONE = Consent()


def _merge(old: dict, readings) -> dict:
    out = {f: dict(cols) for f, cols in old.items()}
    for r in readings:
        if r.value is not None:
            out.setdefault(r.flag, {})[r.column] = bool(r.value)
    return out


def _combine(own: dict, individual: dict) -> tuple[dict, dict]:
    """(flag -> 1/0/None, flag -> source columns) from the contact's and its Individual's readings."""
    values, sources = {}, {}
    for f in FLAGS:
        cols = {**own.get(f, {}), **{INDIVIDUAL + c: v for c, v in individual.get(f, {}).items()}}
        if not cols:
            values[f] = None
            continue
        yes = [c for c, v in cols.items() if v]
        values[f] = 1 if yes else 0
        sources[f] = ", ".join(yes or list(cols))
    return values, sources


def _individual(conn, source, crm_id) -> dict:
    if not source or not crm_id:
        return {}
    row = conn.execute("SELECT readings FROM consent_individuals WHERE source = ? AND crm_id = ?", (source, crm_id)).fetchone()
    return json.loads(row[0]) if row else {}


def _write(conn, contact_id: int, own: dict, ind_source, ind_id, stamp: str) -> dict:
    values, _ = _combine(own, _individual(conn, ind_source, ind_id))
    conn.execute(
        "INSERT OR REPLACE INTO contact_consent(contact_id, email_opt_out, call_opt_out, processing_objection, "
        "forget_requested, readings, individual_source, individual_id, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
        (contact_id, *(values[f] for f in FLAGS), json.dumps(own, sort_keys=True, separators=(",", ":")),
         ind_source, ind_id, stamp),
    )
    return values


def apply_contact(conn, contact_id: int, readings, individual: tuple[str, str] | None, stamp: str) -> dict | None:
    """Fold one contact row's readings (and its Individual link) in; returns the flags
    (flag -> 1/0/None), or None when the row carried nothing about consent."""
    if not readings and individual is None:
        return None
    row = conn.execute("SELECT readings, individual_source, individual_id FROM contact_consent WHERE contact_id = ?",
                       (contact_id,)).fetchone()
    own = json.loads(row[0]) if row else {}
    ind_source, ind_id = individual if individual is not None else ((row[1], row[2]) if row else (None, None))
    return _write(conn, contact_id, _merge(own, readings), ind_source, ind_id, stamp)


def apply_individual(conn, source: str, crm_id: str, readings, stamp: str) -> list[int]:
    """Fold a Salesforce Individual's readings in and recompute the contacts linked to it
    (now or by a later import); returns those contacts' ids."""
    old = _individual(conn, source, crm_id)
    conn.execute("INSERT OR REPLACE INTO consent_individuals(source, crm_id, readings, updated_at) VALUES (?,?,?,?)",
                 (source, crm_id, json.dumps(_merge(old, readings), sort_keys=True, separators=(",", ":")), stamp))
    ids = []
    for cid, own in conn.execute("SELECT contact_id, readings FROM contact_consent WHERE individual_source = ? "
                                 "AND individual_id = ?", (source, crm_id)).fetchall():
        _write(conn, cid, json.loads(own), source, crm_id, stamp)
        ids.append(cid)
    return ids


def _record(row) -> Consent:
    own, ind = json.loads(row[4] or "{}"), json.loads(row[5]) if row[5] else {}
    _, sources = _combine(own, ind)
    return Consent(*(None if v is None else bool(v) for v in row[:4]), sources=sources)


_SELECT = ("SELECT cc.email_opt_out, cc.call_opt_out, cc.processing_objection, cc.forget_requested, cc.readings, "
           "ci.readings, cc.contact_id FROM contact_consent cc LEFT JOIN consent_individuals ci "
           "ON ci.source = cc.individual_source AND ci.crm_id = cc.individual_id")


def get(conn, contact_id: int) -> Consent:
    row = conn.execute(_SELECT + " WHERE cc.contact_id = ?", (int(contact_id),)).fetchone()
    return _record(row) if row else NONE


def for_contacts(conn, contact_ids) -> dict[int, Consent]:
    """Each contact's flags (contacts without any: :data:`NONE`)."""
    ids = [int(i) for i in contact_ids]
    out = {i: NONE for i in ids}
    if ids:
        for row in conn.execute(_SELECT + " WHERE cc.contact_id IN (SELECT value FROM json_each(?))", (json.dumps(ids),)):
            out[row[6]] = _record(row)
    return out


def counts(conn) -> dict[str, int]:
    """How many contacts carry each flag (True only)."""
    row = conn.execute("SELECT " + ", ".join(f"coalesce(sum({f} = 1), 0)" for f in FLAGS) + " FROM contact_consent").fetchone()
    return dict(zip(FLAGS, (int(v) for v in row)))


def requested_forget(conn) -> list[int]:
    """The contacts who asked to be forgotten, by id."""
    return [r[0] for r in conn.execute("SELECT contact_id FROM contact_consent WHERE forget_requested = 1 ORDER BY contact_id")]


def withheld_notes(conn, note_ids) -> dict[int, str]:
    """Of ``note_ids``, those about a person whose notes must not enter a prompt, with why
    ("processing_objection" or "forget_requested"). A note on several people is withheld
    when any of them objected."""
    ids = [int(i) for i in note_ids]
    if not ids:
        return {}
    rows = conn.execute(
        """WITH wanted(id) AS (SELECT value FROM json_each(?)),
                people(note_id, contact_id) AS (
                    SELECT n.id, n.contact_id FROM notes n JOIN wanted w ON w.id = n.id WHERE n.contact_id IS NOT NULL
                    UNION SELECT nc.note_id, nc.contact_id FROM note_contacts nc JOIN wanted w ON w.id = nc.note_id)
           SELECT p.note_id, max(cc.processing_objection = 1), max(cc.forget_requested = 1)
           FROM people p JOIN contact_consent cc ON cc.contact_id = p.contact_id
           WHERE cc.processing_objection = 1 OR cc.forget_requested = 1 GROUP BY p.note_id""",
        (json.dumps(ids),),
    ).fetchall()
    return {nid: "processing_objection" if objects else "forget_requested" for nid, objects, _ in rows}
