"""Where an imported note goes: its contacts, its account, or the "Unlinked notes" holder.

Runs on the thread that owns the vault connection, inside the importer's transactions. By
CRM id where the export gives ids (every contact a note names: one note on several
contacts), by name where it gives names (a person told apart from a same-named person by
the organisation). A note whose parent is not in the vault yet keeps what it asked for
(:func:`wants`), and :func:`finish` moves it once a later file or import brings the parent.
"""

from __future__ import annotations

from pathlib import Path

from app.core.crm.model import NameRef, Ref
from app.core.crm.report import FileReport, ImportReport
from app.core.vault.import_writer import ImportWriter


def wants_of(refs: tuple[Ref, ...], by_name: NameRef | None, column: str | None) -> dict:
    w: dict = {"refs": [[r.source, r.id, r.kind] for r in refs if r.kind != "document"]}
    if by_name is not None:
        w["name"] = [by_name.person, by_name.org, by_name.kind]
    if column:
        w["col"] = column
    return w


def from_wants(w: dict) -> tuple[tuple[Ref, ...], NameRef | None]:
    refs = tuple(Ref(s, i, k) for s, i, k in w.get("refs", ()))
    n = w.get("name")
    return refs, (NameRef(n[0], n[1], n[2]) if n else None)


class Placement:
    """Where one note goes: its contacts (the first is the main one), its account, and why
    not further (``problem``, for the report; ``waits``: worth retrying on a later import)."""

    __slots__ = ("contacts", "account", "problem", "waits")

    def __init__(self, contacts, account, problem=None, waits=False):
        self.contacts, self.account, self.problem, self.waits = contacts, account, problem, waits

    @property
    def category(self) -> str:
        return "contact" if self.contacts else "account" if self.account else "unlinked"


class Batch:
    """State shared by the files of one import call."""

    def __init__(self, writer: ImportWriter):
        self.w = writer
        self.links: dict[str, Ref] = {}  # ContentDocument id -> the record it is attached to
        # note id -> (file index, line, category, link column, wants): this call's notes that wait for a parent
        self.pending_notes: dict[int, tuple] = {}
        self.pending_contacts: list[tuple[int, Ref, int, int]] = []

    def place(self, refs: tuple[Ref, ...], by_name: NameRef | None, create_org: bool = True) -> Placement:
        w = self.w
        if by_name is None and len(refs) == 1 and refs[0].kind in ("contact", "any"):
            hit = w.cached_contact(refs[0].source, refs[0].id)  # the common case, once per note: no lookups
            if hit is not None:
                return Placement([hit], None)
        contacts: list[int] = []
        account = None
        wanted_contact = False
        for ref in refs:
            if ref.kind == "document":
                ref = self.links.get(ref.id)
                if ref is None:
                    continue
            if ref.kind in ("contact", "any"):
                wanted_contact = wanted_contact or ref.kind == "contact"
                hit = w.contact_by_crm(ref.source, ref.id)
                if hit:
                    if hit[0] not in contacts:
                        contacts.append(hit[0])
                    continue
            if ref.kind in ("account", "any") and account is None:
                account = w.account_by_crm(ref.source, ref.id)
        if refs and not contacts and account is None:
            wanted_contact = True  # an id that matched nothing yet: a later file or import may bring it
        problem = None
        if by_name is not None and not contacts:
            person, org = by_name.person, by_name.org
            org_id = w.find_account_by_name(org) if org else None
            if person and by_name.kind in ("contact", "any"):
                found = w.contacts_by_name(person)
                if len(found) > 1 and org_id is not None:
                    narrowed = [c for c in found if c[1] == org_id]
                    found = narrowed if narrowed else found
                if len(found) == 1:
                    contacts.append(found[0][0])
                elif len(found) > 1:
                    problem = (f"{len(found)} contacts are named '{person}'"
                               + (f" and the organization '{org}' does not tell them apart" if org else ""))
                elif by_name.kind == "contact":
                    problem = f"no contact named '{person}'"
                    wanted_contact = True
            if not contacts and person and by_name.kind in ("account", "any") and account is None:
                account = w.find_account_by_name(person)
                if account is not None:
                    problem = None
                elif by_name.kind != "contact":
                    problem = f"nothing named '{person}'"
                    wanted_contact = True
            if account is None and org:
                account = org_id if org_id is not None else (w.account_by_name(org) if create_org else None)
        return Placement(contacts, account, problem, waits=wanted_contact and not contacts and problem is None
                          or (problem is not None and problem.startswith(("no ", "nothing"))))


def move_count(fr: FileReport, old: str, new: str, activity: bool = False) -> None:
    if activity:  # an activity is counted with the pipeline, not with the notes
        return fr.pipeline.move(old, new)
    if old == new:
        return
    attr = {"contact": "notes_linked_contact", "account": "notes_linked_account_only", "unlinked": "notes_unlinked"}
    setattr(fr, attr[old], getattr(fr, attr[old]) - 1)
    setattr(fr, attr[new], getattr(fr, attr[new]) + 1)


def finish(vault, batch: Batch, report: ImportReport) -> None:
    """Re-link contacts whose account arrived in a later file, and notes (of this import or
    earlier ones) whose parent has arrived; warn about this import's notes that still wait."""
    w = batch.w
    with vault.transaction():
        for cid, ref, fi, line in batch.pending_contacts:
            aid = w.account_by_crm(ref.source, ref.id)
            if aid:
                w.set_contact_account(cid, aid)
            else:
                report.files[fi].warn(f"{Path(report.files[fi].path).name}: line {line}: the contact's account {ref.id} is not in this import.")
        holder = w.existing_holder()
        for note_id, wants in list(w.pending()):
            refs, by_name = from_wants(wants)
            p = batch.place(refs, by_name, create_org=False)
            current = w.note_account(note_id)
            on_holder = holder is not None and current == holder
            if p.contacts:
                account = p.account if p.account is not None else (None if on_holder else current)
                w.relink_note(note_id, p.contacts[0], account, p.contacts[1:])
                w.drop_pending(note_id)
                new = "contact"
            elif p.account is not None and on_holder:
                w.relink_note(note_id, None, p.account)
                if by_name is None or not by_name.person:
                    w.drop_pending(note_id)
                new = "account"
            else:
                continue
            mine = batch.pending_notes.get(note_id)
            if mine is not None:
                move_count(report.files[mine[0]], mine[2], new, mine[5])
                batch.pending_notes[note_id] = (mine[0], mine[1], new, mine[3], mine[4], mine[5])
            elif new == "contact":
                report.notes_relinked += 1
        for note_id, (fi, line, category, col, wants, _activity) in batch.pending_notes.items():
            if category == "contact":
                continue
            fr = report.files[fi]
            refs, by_name = from_wants(wants)
            name = Path(fr.path).name
            if by_name is not None and by_name.person and not refs:
                where = "kept under 'Unlinked notes'" if category == "unlinked" else "it is on the company only"
                fr.warn(f"{name}: line {line}: no contact named '{by_name.person}' (column {col}); {where}.")
            else:
                missing = ", ".join(r.id for r in refs) or "none given"
                where = "kept under 'Unlinked notes'" if category == "unlinked" else "it is on the company only"
                fr.warn(f"{name}: line {line}: the note's parent ({missing}) is not in this import; {where}.")
        w.drop_empty_holder()
