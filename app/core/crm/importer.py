"""Import CRM export files into the vault: the file loop (detect, map, link, dedupe, write, report).

Detection is :mod:`app.core.crm.detection`; where a note goes, :mod:`app.core.crm.linking`.

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
from app.core.crm.detection import detect
from app.core.crm.flags import FLAG, instruction_like
from app.core.crm.htmltext import html_to_text, looks_like_html
from app.core.crm.consent import bad_value_warning
from app.core.crm.linking import Batch, finish, wants_of
from app.core.crm.mapping import open_stream
from app.core.crm.model import AccountRec, ActivityRec, ContactRec, DealRec, DealRoleRec, IndividualRec, LinkRec, NoteRec, Warning
from app.core.crm.pipeline_import import PipelineImport
from app.core.crm.report import UNLINKED_WARN_SHARE, FileReport, ImportProgress, ImportReport
from app.core.crm.tables import ImportFileError, check_encoding
from app.core.errors import AppError, Cancelled, Message, N_, UsageError
from app.core.model import ColumnMapping, NewNote
from app.core.vault import audit
from app.core.vault.import_writer import ImportWriter, content_key, flags_json

BATCH = 5000  # notes per insert, sorted by content key so the unique index is written in order
PROGRESS_EVERY = 5000
MAX_NOTE_CHARS = 100_000
_FLAGS_ON = flags_json([FLAG])


def import_files(vault, paths, *, format: str | None = None, mapping: ColumnMapping | None = None,
                 encoding: str | None = None, progress: Callable[[ImportProgress], None] | None = None,
                 cancel: threading.Event | None = None, formats: dict[str, str] | None = None,
                 mappings: dict[str, ColumnMapping] | None = None) -> ImportReport:
    """Import ``paths``; ``format`` names the format of every file, ``formats`` of some
    (path -> format name, as the wizard's format chooser sets it); ``mapping`` is the user's
    column mapping of every file (the CLI's ``--map``), ``mappings`` of some (path -> mapping,
    the wizard's mapping step; with a CRM format it changes that format's mapping, see
    :mod:`app.core.crm.mapping`). The report's ``changes`` says what the vault gained."""
    if encoding:
        encoding = check_encoding(encoding)
    report = ImportReport()
    planned = []
    for p in paths:
        fr = FileReport(str(p))
        report.files.append(fr)
        try:
            fmt_name = (formats or {}).get(str(p)) or format
            chosen = (mappings or {}).get(str(p)) or mapping
            det = detect(p, fmt_name, chosen, encoding)
            fr.format = det.format
            fr.encoding_warning = det.encoding_warning
            planned.append((det.stage, len(planned), Path(p), fr, registry.by_name(det.format), chosen))
        except AppError as exc:
            if isinstance(exc, UsageError):
                raise
            fr.error = exc.message
    planned.sort(key=lambda x: (x[0], x[1]))
    writer = ImportWriter(vault.conn)
    batch = Batch(writer)
    cancelled = False
    for n, (_, _, path, fr, fmt, chosen) in enumerate(planned):
        if cancelled:
            fr.error = Message(N_("cancelled before this file was imported; nothing from it was stored."))
            continue
        try:
            pend_n, pend_c, links = {}, [], {}
            if fr.encoding_warning:
                fr.warn(fr.encoding_warning)
            with vault.transaction() as conn:
                writer.begin_bulk()
                _import_one(batch, fmt, path, fr, report.files.index(fr), chosen, encoding, pend_n, pend_c, links,
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
            _rolled_back(writer, fr, Message(N_("cancelled; nothing from this file was stored.")))
        except AppError as exc:
            _rolled_back(writer, fr, exc.message)
        except Exception as exc:  # a bug or a damaged vault: this file is rolled back, the rest go on
            if getattr(exc, "sqlite_errorname", "").startswith("SQLITE_CORRUPT"):
                raise
            logs.log_unexpected(exc)
            _rolled_back(writer, fr, Message(N_("{path}: unexpected error ({kind}); nothing from this file was stored."),
                                             path=path, kind=type(exc).__name__))
    finish(vault, batch, report)
    from app.core.vault import consent as consent_q

    report.forget_requested = consent_q.counts(vault.conn)["forget_requested"]
    for _, _, path, fr, fmt, _chosen in planned:
        _link_warning(fr)
        logs.event("import.file", format=fmt.name, ok=fr.error is None, notes_added=fr.notes_added,
                   notes_skipped=fr.notes_skipped, contacts_added=fr.contacts_added, warnings=fr.warning_count,
                   notes_linked_contact=fr.notes_linked_contact, notes_linked_account_only=fr.notes_linked_account_only,
                   notes_unlinked=fr.notes_unlinked)
    return report


def _link_warning(fr: FileReport) -> None:
    total = fr.notes_linked_contact + fr.notes_linked_account_only + fr.notes_unlinked
    if fr.error is None and total and fr.notes_unlinked > UNLINKED_WARN_SHARE * total:
        col = fr.link_column or Message(N_("(no parent column)"))
        fr.link_warning = Message(
            N_("{file}: {unlinked} of {total} notes ({share:.0f} %) could not be "
               "linked to a contact or company by the column {column}; they are under 'Unlinked notes'. Import the contacts "
               "file of the same export (now or later: the notes move to their contacts), or check the column."),
            file=Path(fr.path).name, unlinked=fr.notes_unlinked, total=total, share=100 * fr.notes_unlinked / total, column=col
        )


def _rolled_back(writer: ImportWriter, fr: FileReport, message: str) -> None:
    writer.restore_cache()
    writer.forget_cache()
    fr.reset_counts()
    fr.error = message


def _prepare_body(rec_body: str, html: bool, fr: FileReport, name: str, line: int) -> str:
    body = rec_body
    if html and "<" in body and looks_like_html(body):
        body = html_to_text(body)
    if "\r" in body:  # CRLF inside quoted fields, QP =0D=0A: one newline convention in the vault
        body = body.replace("\r\n", "\n").replace("\r", "\n")
    body = body.strip()
    if len(body) > MAX_NOTE_CHARS:
        fr.warn(Message(N_("{name}: line {line}: the note has {n_body:,} characters; imported the first {max_note_chars:,}."),
                name=name, line=line, n_body=len(body), max_note_chars=MAX_NOTE_CHARS))
        body = body[:MAX_NOTE_CHARS] + f"\n[... truncated by Confidant: the original note had {len(body):,} characters]"
    return body


def _bad_flags(fr: FileReport, name: str, rec) -> None:
    for r in rec.consent:
        if r.bad is not None:  # never read as consent: the stricter reading, or left as it was
            fr.warn(bad_value_warning(name, rec.line, r))


def _consent(w: ImportWriter, fr: FileReport, name: str, rec: ContactRec, cid: int) -> None:
    _bad_flags(fr, name, rec)
    ind = (rec.individual.source, rec.individual.id) if rec.individual is not None else None
    if w.apply_consent(cid, rec.consent, ind) is not None:
        fr.consent_updated.add(cid)


def new_note_ids(rows: list[tuple], existing: set[str], before: int, added: int) -> dict[str, int] | None:
    """Content key -> id of the notes ``add_notes`` just inserted: it inserts in key order, and a
    new row's id is one above the largest (INTEGER PRIMARY KEY); None when the count disagrees."""
    seen, ids = set(existing), {}
    for key in sorted(r[7] for r in rows):
        if key not in seen:
            seen.add(key)
            ids[key] = before + len(ids) + 1
    return ids if len(ids) == added else None


_COUNT_ATTR = {"contact": "notes_linked_contact", "account": "notes_linked_account_only", "unlinked": "notes_unlinked"}


def _import_one(batch: Batch, fmt, path: Path, fr: FileReport, fi: int, mapping: ColumnMapping | None, encoding, pend_n, pend_c, links,
                progress, cancel, n, total) -> None:
    w = batch.w
    name = path.name
    stream = open_stream(fmt, path, mapping, encoding)
    rows: list[NewNote] = []
    acts: list = []  # the batch's activities (their notes are in ``rows``)
    pipe = PipelineImport(w, fr, path)
    done = 0
    holder = None
    linked = [0, 0]  # batched notes: (to a contact, to an account only) before the insert

    def flush():
        existing = pipe.existing(acts) if acts else set()
        before = w.max_note_id() if acts else 0
        added = w.add_notes(rows)
        plain = len(rows)
        if acts:  # activities are counted as activities (per kind), not as notes
            pipe.written(acts, existing, new_note_ids(rows, existing, before, added))
            added -= len({a.key for a in acts} - existing)
            plain -= len(acts)
            acts.clear()
        fr.notes_added += added
        fr.notes_skipped += plain - added
        fr.notes_already += plain - added
        # Where the new ones went; when some were already there (a re-import), split in proportion.
        on_contact = linked[0] if added == plain else round(linked[0] * added / max(plain, 1))
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
            nid = w.add_note(NewNote(contact_id=contact_id, account_id=account_id, date=date, title=title, body=body,
                                     source=source, crm_id=crm_id, content_key=key, flags=flags))
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
        rows.append(NewNote(contact_id=contact_id, account_id=account_id, date=date, title=title, body=body,
                            source=source, crm_id=crm_id, content_key=key, flags=flags))
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
                    raise Cancelled(N_("{path}: cancelled."), path=path)
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
                        where = Message(N_("on the company only")) if account is not None else Message(N_("kept under 'Unlinked notes'"))
                        fr.warn(Message(N_("{name}: line {line}: {problem} (column {link_column}); {where}."),
                                name=name, line=rec.line, problem=p.problem, link_column=rec.link_column, where=where))
                    wants = wants_of(refs, rec.by_name, rec.link_column) if (p.waits and not contacts) else None
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
                    fr.warn(Message(N_("{name}: line {line}: skipped a contact with no name and no e-mail."),
                            name=name, line=rec.line))
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
                if rec.consent or rec.individual is not None:
                    _consent(w, fr, name, rec, cid)
                who = rec.crm_id or (rec.email or "").lower() or rec.full_name
                for item in rec.notes:
                    title, body = item[0], item[1]
                    date = item[2] if len(item) > 2 else None
                    note(_prepare_body(body, looks_like_html(body), fr, name, rec.line), title, date, fmt.name, None,
                         f"contact:{who}", (cid,), None, rec.line)
            elif t is AccountRec:
                if not rec.name:
                    fr.warn(Message(N_("{name}: line {line}: skipped an account with no name."),
                            name=name, line=rec.line))
                    continue
                w.upsert_account(rec.name, rec.source, rec.crm_id, rec.website)
                while w.merges:  # the same company from another CRM: merged, or kept apart and said so
                    fr.warn(Message(N_("{name}: line {line}: {pop}."),
                            name=name, line=rec.line, pop=w.merges.pop(0)))
            elif t is IndividualRec:
                _bad_flags(fr, name, rec)
                for cid in w.apply_individual(rec.source, rec.crm_id, rec.consent):
                    fr.consent_updated.add(cid)
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
        raise ImportFileError(N_("{path}: the file is not valid {value} "
                              "({reason} at byte {start}); choose another encoding."),
                              path=path, value=encoding or Message(N_("text in the guessed encoding")), reason=exc.reason, start=exc.start) from None
    finally:
        stream.close()
