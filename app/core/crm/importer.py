"""Import CRM export files into the vault: detect, map, link, dedupe, write, report.

Runs on the thread that owns the vault connection (the CLI's main thread; the GUI's
store thread). Guarantees:

- streaming: rows are parsed and written in batches of :data:`BATCH`; memory does not
  grow with the number of notes (it grows only with the number of accounts/contacts,
  whose ids are cached for linking, and with notes whose parent is not found yet);
- one transaction per file: any failure rolls that file back whole; files committed
  earlier stay; the report names the failure and the CLI exits non-zero;
- several files of one export are joined by CRM id in any order given: files are
  imported parents-first (accounts, contacts, ContentDocumentLinks, then notes); a note
  whose parent is still unknown is kept under the "Unlinked notes" holder account and
  re-linked at the end of the batch if its parent arrived in a later file; otherwise it
  stays there with a warning naming its file and line, and what it asked for is kept in
  the vault, so a later import that brings the parent moves it there;
- linking: by CRM id where the export gives ids (every contact a note names: one note
  on several contacts), by name where it gives names (person name, told apart from a
  same-named person by the organisation name); an ambiguous or missing name is a warning
  naming the line and the column. A company-only note goes on the company. Each file's
  report counts where its notes went, and warns when more than 10 % could not be linked;
- a note with a title and no text keeps the title as its text; an attachment record
  becomes a note "Attachment: NAME (TYPE, SIZE)" (the file itself is not in the export);
- a note longer than :data:`MAX_NOTE_CHARS` (real CRMs cap notes at 32-65k characters)
  is imported truncated, with a marker in the text and a warning naming the line;
- text that tries to instruct an AI is stored unchanged and flagged ``instruction_like``;
- cells are literal text; formulas (``=HYPERLINK(...)``, ``+cmd``, ``@SUM``) are never evaluated.

Bad rows vs bad files: see :mod:`app.core.crm.tables` (rows of the wrong length are
skipped with a warning; an unterminated quote, an empty/binary file or a file without
recognisable columns rejects the file).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from app.core import logs
from app.core.crm import formats as registry
from app.core.crm.flags import FLAG, instruction_like
from app.core.crm.htmltext import html_to_text, looks_like_html
from app.core.crm.detection import detect
from app.core.crm.model import AccountRec, ActivityRec, ContactRec, DealRec, DealRoleRec, LinkRec, NoteRec, Ref, Warning
from app.core.crm.model import NameRef
from app.core.crm.pipeline_import import PipelineImport
from app.core.crm.report import UNLINKED_WARN_SHARE, FileReport, ImportProgress, ImportReport
from app.core.crm.tables import ImportFileError, check_encoding
from app.core.errors import AppError, Cancelled, UsageError
from app.core.vault import audit
from app.core.vault.import_writer import ImportWriter, content_key, flags_json

BATCH = 5000  # notes per insert, sorted by content key so the unique index is written in order
PROGRESS_EVERY = 5000
MAX_NOTE_CHARS = 100_000
_FLAGS_ON = flags_json([FLAG])


# ---- linking -----------------------------------------------------------------------------


def _wants(refs: tuple[Ref, ...], by_name: NameRef | None, column: str | None) -> dict:
    w: dict = {"refs": [[r.source, r.id, r.kind] for r in refs if r.kind != "document"]}
    if by_name is not None:
        w["name"] = [by_name.person, by_name.org, by_name.kind]
    if column:
        w["col"] = column
    return w


def _from_wants(w: dict) -> tuple[tuple[Ref, ...], NameRef | None]:
    refs = tuple(Ref(s, i, k) for s, i, k in w.get("refs", ()))
    n = w.get("name")
    return refs, (NameRef(n[0], n[1], n[2]) if n else None)


class _Placement:
    """Where one note goes: its contacts (the first is the main one), its account, and why
    not further (``problem``, for the report; ``waits``: worth retrying on a later import)."""

    __slots__ = ("contacts", "account", "problem", "waits")

    def __init__(self, contacts, account, problem=None, waits=False):
        self.contacts, self.account, self.problem, self.waits = contacts, account, problem, waits

    @property
    def category(self) -> str:
        return "contact" if self.contacts else "account" if self.account else "unlinked"


class _Batch:
    """State shared by the files of one import call."""

    def __init__(self, writer: ImportWriter):
        self.w = writer
        self.links: dict[str, Ref] = {}  # ContentDocument id -> the record it is attached to
        # note id -> (file index, line, category, link column, wants): this call's notes that wait for a parent
        self.pending_notes: dict[int, tuple] = {}
        self.pending_contacts: list[tuple[int, Ref, int, int]] = []

    def place(self, refs: tuple[Ref, ...], by_name: NameRef | None, create_org: bool = True) -> _Placement:
        w = self.w
        if by_name is None and len(refs) == 1 and refs[0].kind in ("contact", "any"):
            hit = w.cached_contact(refs[0].source, refs[0].id)  # the common case, once per note: no lookups
            if hit is not None:
                return _Placement([hit], None)
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
        return _Placement(contacts, account, problem, waits=wanted_contact and not contacts and problem is None
                          or (problem is not None and problem.startswith(("no ", "nothing"))))


def import_files(vault, paths, *, format: str | None = None, mapping: str | None = None, encoding: str | None = None,
                 progress: Callable[[ImportProgress], None] | None = None,
                 cancel: threading.Event | None = None, formats: dict[str, str] | None = None,
                 mappings: dict[str, str] | None = None) -> ImportReport:
    """Import ``paths``; ``format`` names the format of every file, ``formats`` of some
    (path -> format name, as the wizard's format chooser sets it); ``mapping`` is the
    ``--map`` spec of every file, ``mappings`` of some (path -> spec, the wizard's mapping
    step; with a CRM format it changes that format's mapping, see :mod:`app.core.crm.mapping`)."""
    if encoding:
        encoding = check_encoding(encoding)
    report = ImportReport()
    planned = []
    for p in paths:
        fr = FileReport(str(p))
        report.files.append(fr)
        try:
            fmt_name = (formats or {}).get(str(p)) or format
            spec = (mappings or {}).get(str(p)) or mapping
            det = detect(p, fmt_name, spec, encoding)
            fr.format = det.format
            fr.encoding_warning = det.encoding_warning
            planned.append((det.stage, len(planned), Path(p), fr, registry.by_name(det.format), spec))
        except AppError as exc:
            if isinstance(exc, UsageError):
                raise
            fr.error = exc.message
    planned.sort(key=lambda x: (x[0], x[1]))
    writer = ImportWriter(vault.conn)
    batch = _Batch(writer)
    cancelled = False
    for n, (_, _, path, fr, fmt, spec) in enumerate(planned):
        if cancelled:
            fr.error = "cancelled before this file was imported; nothing from it was stored."
            continue
        try:
            pend_n, pend_c, links = {}, [], {}
            if fr.encoding_warning:
                fr.warn(fr.encoding_warning)
            with vault.transaction() as conn:
                writer.begin_bulk()
                _import_one(batch, fmt, path, fr, report.files.index(fr), spec, encoding, pend_n, pend_c, links,
                            progress, cancel, n, len(planned))
                writer.end_bulk()
                audit.append(conn, "import.file", format=fmt.name, contacts_added=fr.contacts_added,
                             contacts_updated=fr.contacts_updated, notes_added=fr.notes_added, notes_skipped=fr.notes_skipped,
                             deals_added=fr.pipeline.deals_added, activities_added=fr.pipeline.activities_added)
            writer.restore_cache()
            batch.pending_notes.update(pend_n)
            batch.pending_contacts += pend_c
            batch.links.update(links)
        except Cancelled:
            cancelled = True
            _rolled_back(writer, fr, "cancelled; nothing from this file was stored.")
        except AppError as exc:
            _rolled_back(writer, fr, exc.message)
        except Exception as exc:  # a bug or a damaged vault: this file is rolled back, the rest go on
            if getattr(exc, "sqlite_errorname", "").startswith("SQLITE_CORRUPT"):
                raise
            logs.log_unexpected(exc)
            _rolled_back(writer, fr, f"{path}: unexpected error ({type(exc).__name__}); nothing from this file was stored.")
    _finish(vault, batch, report)
    for _, _, path, fr, fmt, _spec in planned:
        _link_warning(fr)
        logs.event("import.file", format=fmt.name, ok=fr.error is None, notes_added=fr.notes_added,
                   notes_skipped=fr.notes_skipped, contacts_added=fr.contacts_added, warnings=fr.warning_count,
                   notes_linked_contact=fr.notes_linked_contact, notes_linked_account_only=fr.notes_linked_account_only,
                   notes_unlinked=fr.notes_unlinked)
    return report


def _link_warning(fr: FileReport) -> None:
    total = fr.notes_linked_contact + fr.notes_linked_account_only + fr.notes_unlinked
    if fr.error is None and total and fr.notes_unlinked > UNLINKED_WARN_SHARE * total:
        col = fr.link_column or "(no parent column)"
        fr.link_warning = (
            f"{Path(fr.path).name}: {fr.notes_unlinked} of {total} notes ({100 * fr.notes_unlinked / total:.0f} %) could not be "
            f"linked to a contact or company by the column {col}; they are under 'Unlinked notes'. Import the contacts "
            "file of the same export (now or later: the notes move to their contacts), or check the column."
        )


def _rolled_back(writer: ImportWriter, fr: FileReport, message: str) -> None:
    writer.restore_cache()
    writer.forget_cache()
    fr.reset_counts()
    fr.error = message


def _move(fr: FileReport, old: str, new: str, activity: bool = False) -> None:
    if activity:
        return fr.pipeline.move(old, new)
    if old == new:
        return
    attr = {"contact": "notes_linked_contact", "account": "notes_linked_account_only", "unlinked": "notes_unlinked"}
    setattr(fr, attr[old], getattr(fr, attr[old]) - 1)
    setattr(fr, attr[new], getattr(fr, attr[new]) + 1)


def _finish(vault, batch: _Batch, report: ImportReport) -> None:
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
        holder = w.holder_account() if w.account_by_crm("confidant", "unlinked") else None
        for note_id, wants in list(w.pending()):
            refs, by_name = _from_wants(wants)
            p = batch.place(refs, by_name, create_org=False)
            row = w.conn.execute("SELECT account_id FROM notes WHERE id=?", (note_id,)).fetchone()
            current = row[0] if row else None
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
                _move(report.files[mine[0]], mine[2], new, mine[5])
                batch.pending_notes[note_id] = (mine[0], mine[1], new, mine[3], mine[4], mine[5])
            elif new == "contact":
                report.notes_relinked += 1
        for note_id, (fi, line, category, col, wants, _activity) in batch.pending_notes.items():
            if category == "contact":
                continue
            fr = report.files[fi]
            refs, by_name = _from_wants(wants)
            name = Path(fr.path).name
            if by_name is not None and by_name.person and not refs:
                where = "kept under 'Unlinked notes'" if category == "unlinked" else "it is on the company only"
                fr.warn(f"{name}: line {line}: no contact named '{by_name.person}' (column {col}); {where}.")
            else:
                missing = ", ".join(r.id for r in refs) or "none given"
                where = "kept under 'Unlinked notes'" if category == "unlinked" else "it is on the company only"
                fr.warn(f"{name}: line {line}: the note's parent ({missing}) is not in this import; {where}.")
        w.drop_empty_holder()


def _prepare_body(rec_body: str, html: bool, fr: FileReport, name: str, line: int) -> str:
    body = rec_body
    if html and "<" in body and looks_like_html(body):
        body = html_to_text(body)
    if "\r" in body:  # CRLF inside quoted fields, QP =0D=0A: one newline convention in the vault
        body = body.replace("\r\n", "\n").replace("\r", "\n")
    body = body.strip()
    if len(body) > MAX_NOTE_CHARS:
        fr.warn(f"{name}: line {line}: the note has {len(body):,} characters; imported the first {MAX_NOTE_CHARS:,}.")
        body = body[:MAX_NOTE_CHARS] + f"\n[... truncated by Confidant: the original note had {len(body):,} characters]"
    return body


_COUNT_ATTR = {"contact": "notes_linked_contact", "account": "notes_linked_account_only", "unlinked": "notes_unlinked"}


def _import_one(batch: _Batch, fmt, path: Path, fr: FileReport, fi: int, mapping, encoding, pend_n, pend_c, links,
                progress, cancel, n, total) -> None:
    w = batch.w
    name = path.name
    stream = fmt.open(path, mapping=mapping, encoding=encoding)
    rows: list[tuple] = []
    acts: list = []  # the batch's activities (their notes are in ``rows``)
    pipe = PipelineImport(w, fr, path)
    done = 0
    holder = None
    linked = [0, 0]  # batched notes: (to a contact, to an account only) before the insert

    def flush():
        existing = pipe.existing(acts) if acts else set()
        added = w.add_notes(rows)
        if acts:
            pipe.written(acts, existing)
            added -= len(acts) - len(existing)
            rows_ = len(rows) - len(acts)
            acts.clear()
        else:
            rows_ = len(rows)
        fr.notes_added += added
        fr.notes_skipped += rows_ - added
        fr.notes_already += rows_ - added
        # Where the new ones went; when some were already there (a re-import), split in proportion.
        on_contact = linked[0] if added == rows_ else round(linked[0] * added / max(rows_, 1))
        fr.notes_linked_contact += on_contact
        fr.notes_linked_account_only += added - on_contact
        rows.clear()
        linked[0] = linked[1] = 0

    def note(body, title, date, source, crm_id, parent_key, contacts, account_id, line, wants=None, col=None, act=None):
        nonlocal holder
        if not body:
            fr.notes_skipped += 1
            return
        flags = _FLAGS_ON if instruction_like(f"{title}\n{body}" if title else body) else "[]"
        key = act.key if act is not None else content_key(source, crm_id, parent_key, date, title, body)
        contact_id = contacts[0] if contacts else None
        if contact_id is None and account_id is None or wants is not None or len(contacts) > 1:
            category = "contact" if contacts else "account" if account_id is not None else "unlinked"
            if category == "unlinked":
                holder = holder or w.holder_account()
                account_id = holder
            nid = w.add_note((contact_id, account_id, date, title, body, source, crm_id, key, flags))
            if act is not None:
                act.category = category
                pipe.written_one(act, nid is not None)
            if nid is None:
                if act is None:
                    fr.notes_skipped += 1
                    fr.notes_already += 1
                return
            if act is None:
                fr.notes_added += 1
                setattr(fr, _COUNT_ATTR[category], getattr(fr, _COUNT_ATTR[category]) + 1)
            if len(contacts) > 1:
                w.add_note_contacts(nid, contacts[1:])
            if wants is not None and category != "contact":
                if wants.get("refs") or wants.get("name"):
                    w.add_pending(nid, wants)
                pend_n[nid] = (fi, line, category, col, wants, act is not None)
            return
        rows.append((contact_id, account_id, date, title, body, source, crm_id, key, flags))
        if act is not None:
            act.category = "contact" if contact_id is not None else "account"
            acts.append(act)
        else:
            linked[0 if contact_id is not None else 1] += 1
        if len(rows) >= BATCH:
            flush()

    try:
        for rec in stream.records:
            done += 1
            if done % PROGRESS_EVERY == 0:
                if cancel is not None and cancel.is_set():
                    raise Cancelled(f"{path}: cancelled.")
                if progress:
                    progress(ImportProgress(str(path), done, stream.bytes_done(), stream.bytes_total, n, total))
            while stream.table_warnings:
                fr.warn(stream.table_warnings.pop(0)[1])
            t = type(rec)
            if t is NoteRec or t is ActivityRec:
                body = _prepare_body(rec.body, rec.html, fr, name, rec.line) if rec.body else ""
                if rec.attachment:
                    body = f"{body}\n\n{rec.attachment}" if body else rec.attachment
                if not body and rec.title:
                    body = rec.title.strip()  # a title-only note (Salesforce "Renewal (see e-mail)") is still a fact
                if fr.link_column is None and rec.link_column:
                    fr.link_column = rec.link_column
                refs = rec.parents
                for r in refs:  # ContentNote: its parent is known once its links are
                    if r.kind == "document" and r.id in links:
                        refs = (links[r.id],) + refs
                if refs or rec.by_name is not None:
                    p = batch.place(refs, rec.by_name)
                    contacts, account = p.contacts, p.account
                    if p.problem and not p.waits:
                        where = "on the company only" if account is not None else "kept under 'Unlinked notes'"
                        fr.warn(f"{name}: line {rec.line}: {p.problem} (column {rec.link_column}); {where}.")
                    wants = _wants(refs, rec.by_name, rec.link_column) if (p.waits and not contacts) else None
                else:
                    contacts, account, wants = (), None, {"refs": [], "col": rec.link_column}
                pk = "|".join(f"{r.source}:{r.id}" for r in rec.parents)
                if rec.by_name is not None and not rec.parents:
                    pk = f"name:{rec.by_name.person or ''}|{rec.by_name.org or ''}"
                act = None
                if t is ActivityRec:
                    act, deal_account = pipe.activity(rec, pk, body)
                    if not contacts and account is None and deal_account is not None:
                        account, wants = deal_account, None  # an activity on a deal only: on the deal's company
                note(body, rec.title, rec.date, rec.source, rec.crm_id, pk, contacts, account, rec.line, wants, rec.link_column, act)
            elif t is ContactRec:
                aid = None
                if rec.account is not None:
                    aid = w.account_by_crm(rec.account.source, rec.account.id)
                if aid is None and rec.company:
                    aid = w.account_by_name(rec.company)
                if not rec.full_name and not rec.email:
                    fr.warn(f"{name}: line {rec.line}: skipped a contact with no name and no e-mail.")
                    continue
                cid, acc, status = w.upsert_contact(
                    full_name=rec.full_name or None, first_name=rec.first_name, last_name=rec.last_name, email=rec.email,
                    phone=rec.phone, title=rec.title, account_id=aid, source=rec.source, crm_id=rec.crm_id)
                if status == "added":
                    fr.contacts_added += 1
                elif status == "updated":
                    fr.contacts_updated += 1
                else:
                    fr.contacts_already += 1
                if rec.account is not None and aid is None:
                    pend_c.append((cid, rec.account, fi, rec.line))
                who = rec.crm_id or (rec.email or "").lower() or rec.full_name
                for item in rec.notes:
                    title, body = item[0], item[1]
                    date = item[2] if len(item) > 2 else None
                    note(_prepare_body(body, looks_like_html(body), fr, name, rec.line), title, date, fmt.name, None,
                         f"contact:{who}", (cid,), None, rec.line)
            elif t is AccountRec:
                if not rec.name:
                    fr.warn(f"{name}: line {rec.line}: skipped an account with no name.")
                    continue
                w.upsert_account(rec.name, rec.source, rec.crm_id, rec.website)
                while w.merges:  # the same company from another CRM: merged, or kept apart and said so
                    fr.warn(f"{name}: line {rec.line}: {w.merges.pop(0)}.")
            elif t is DealRec:
                pipe.deal(rec)
            elif t is DealRoleRec:
                pipe.role(rec)
            elif t is LinkRec:
                links[rec.document.id] = rec.entity
                batch.links[rec.document.id] = rec.entity
            elif t is Warning:
                fr.warn(rec.message)
        flush()
        while stream.table_warnings:
            fr.warn(stream.table_warnings.pop(0)[1])
        if progress:
            progress(ImportProgress(str(path), done, stream.bytes_total, stream.bytes_total, n, total))
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{path}: the file is not valid {encoding or 'text in the guessed encoding'} "
                              f"({exc.reason} at byte {exc.start}); choose another encoding.") from None
    finally:
        stream.close()
