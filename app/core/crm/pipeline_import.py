"""Writing the pipeline during an import: deals, their contacts' roles, and activities.

Used by :mod:`app.core.crm.importer` for the records a mapper yields besides accounts,
contacts and notes (:class:`DealRec`, :class:`DealRoleRec`, :class:`ActivityRec`). Runs on the
vault's thread, inside the importer's per-file transaction. Guarantees:

- a deal is linked to its account by CRM id, else by the company's name (created when the
  vault does not have it, as for notes), and to its people by CRM id or by name (a second
  same-named person told apart by the deal's organisation); a person not found is a warning
  naming the file and line, the deal is still stored;
- an activity is a note (the importer places and writes it like one) plus its fields; its
  deal is found by CRM id or by name, and a deal-only activity goes on the deal's account;
- an activity with a CRM id is keyed by that id alone, so re-importing it (even edited, or
  done since) adds nothing and updates its state; an EmailMessage keyed by its Task's id is
  the same activity as the Task (Salesforce Enhanced Email: one activity, not two);
- counts per file: deals added/updated/already there, activities added/already there per
  kind and where they went (on a contact, on a company only, unlinked).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.core.crm.model import ActivityRec, DealRec, DealRoleRec, Ref
from app.core.crm.values import amount_text
from app.core.vault import pipeline
from app.core.vault.import_writer import content_key

LINK_ATTR = {"contact": "linked_contact", "account": "linked_account_only", "unlinked": "unlinked"}


@dataclass
class PendingActivity:
    """An activity on its way into the note batch: its key, fields and where it went."""

    key: str
    fields: pipeline.ActivityFields
    category: str = "contact"
    completes: tuple[str | None, str] | None = None  # (title, body) that replace its Task's text


class PipelineImport:
    """One file's pipeline records. ``fr`` is the file's report (its ``pipeline`` counts)."""

    def __init__(self, writer, fr, path: Path):
        self.w, self.conn, self.fr, self.name = writer, writer.conn, fr, path.name
        self._deals = writer.deal_ids  # shared by the files of one import; dropped with the writer's caches on a rollback

    # ---- deals -------------------------------------------------------------------------------

    def deal(self, rec: DealRec) -> None:
        if not rec.name:
            self.fr.warn(f"{self.name}: line {rec.line}: skipped a deal with no name.")
            return
        w = self.w
        account = w.account_by_crm(rec.account.source, rec.account.id) if rec.account is not None else None
        if account is None and rec.account_name:
            account = w.find_account_by_name(rec.account_name) or w.account_by_name(rec.account_name)
        elif account is None and rec.account is not None:
            self.fr.warn(f"{self.name}: line {rec.line}: the deal's account {rec.account.id} is not in this import.")
        row = pipeline.DealRow(rec.name, rec.source, rec.crm_id, account, rec.account_name, rec.stage, rec.status,
                               amount_text(rec.amount), rec.currency, rec.close_date, rec.probability, rec.next_step, rec.owner)
        deal_id, status = pipeline.upsert_deal(self.conn, row, w.stamp)
        self.fr.pipeline.count_deal(status, account is not None)
        if rec.crm_id:
            self._deals[(rec.source, rec.crm_id)] = (deal_id, account)
        for p in rec.people:
            cid = None
            if p.ref is not None:
                hit = w.contact_by_crm(p.ref.source, p.ref.id)
                cid = hit[0] if hit else None
            if cid is None and p.by_name is not None and p.by_name.person:
                found = w.contacts_by_name(p.by_name.person)
                if len(found) > 1:
                    org = w.find_account_by_name(p.by_name.org) if p.by_name.org else account
                    found = [c for c in found if c[1] == org] or found
                cid = found[0][0] if len(found) == 1 else None
            if cid is None:
                who = p.by_name.person if p.by_name is not None and p.by_name.person else (p.ref.id if p.ref else "?")
                self.fr.warn(f"{self.name}: line {rec.line}: the deal's contact '{who}' is not in the vault or this import.")
                continue
            pipeline.set_deal_contact(self.conn, deal_id, cid, p.role, p.primary)

    def role(self, rec: DealRoleRec) -> None:
        deal = self._deal(rec.deal)
        hit = self.w.contact_by_crm(rec.contact.source, rec.contact.id)
        if deal is None or hit is None:
            what = f"deal {rec.deal.id}" if deal is None else f"contact {rec.contact.id}"
            self.fr.warn(f"{self.name}: line {rec.line}: the {what} of this contact role is not in this import.")
            return
        pipeline.set_deal_contact(self.conn, deal[0], hit[0], rec.role, rec.primary)
        self.fr.pipeline.deal_roles += 1

    def _deal(self, ref: Ref) -> tuple[int, int | None] | None:
        k = (ref.source, ref.id)
        if k not in self._deals:
            self._deals[k] = pipeline.deal_by_crm(self.conn, ref.source, ref.id)
        return self._deals[k]

    # ---- activities --------------------------------------------------------------------------

    def activity(self, rec: ActivityRec, parent_key: str, body: str) -> tuple[PendingActivity, int | None]:
        """The activity's key and fields, and the account its deal gives (for a deal-only activity)."""
        deal = self._deal(rec.deal) if rec.deal is not None else None
        if deal is None and rec.deal_name:
            named = pipeline.deals_named(self.conn, rec.deal_name, rec.source)
            deal = named[0] if len(named) == 1 else None
            loose = bool(rec.parents) or (rec.by_name is not None and rec.by_name.kind == "any")
            if deal is None and not loose:  # a "Regarding"/"Related To" name may as well be a person or a company
                self.fr.warn(f"{self.name}: line {rec.line}: "
                             + (f"{len(named)} deals are named '{rec.deal_name}'" if named else f"no deal named '{rec.deal_name}'")
                             + "; the activity is kept without its deal.")
        if rec.crm_id:
            key = content_key(rec.source, "activity:" + rec.crm_id, "", None, None, "")
        else:
            key = content_key(rec.source, None, parent_key, rec.date, rec.title, f"{rec.kind}\x1f{body}")
        fields = pipeline.ActivityFields(rec.kind, rec.ends_at, rec.direction, rec.duration_min, rec.due_date, rec.done,
                                         rec.status, deal[0] if deal else None, rec.owner)
        pending = PendingActivity(key, fields, completes=(rec.title, body) if rec.completes and body else None)
        return pending, (deal[1] if deal else None)

    def written(self, acts: list[PendingActivity], existing: set[str], new_ids: dict[str, int] | None = None) -> None:
        """After their notes were inserted: attach the fields, count what was new. ``new_ids``:
        content key -> note id of the notes this batch inserted (the bulk path, no lookups)."""
        first: set[str] = set()  # a key twice in one batch (a duplicated row): the second updates the first
        fresh, again = [], []
        for a in acts:
            if new_ids is not None and a.key in new_ids and a.key not in first:
                first.add(a.key)
                fresh.append((new_ids[a.key], a.fields))
            else:
                again.append(a)
        pipeline.add_new_activities(self.conn, fresh)
        pipeline.add_activities(self.conn, [(a.key, a.fields) for a in again])
        seen: set[str] = set()
        for a in acts:
            if a.completes is not None:
                pipeline.set_note_text(self.conn, a.key, a.completes[0], a.completes[1])
            self.fr.pipeline.count_activity(a.fields.kind, a.category, new=a.key not in existing and a.key not in seen)
            seen.add(a.key)

    def written_one(self, act: PendingActivity, new: bool) -> None:
        self.written([act], set() if new else {act.key})

    def existing(self, acts: list[PendingActivity]) -> set[str]:
        return pipeline.existing_keys(self.conn, [a.key for a in acts])
