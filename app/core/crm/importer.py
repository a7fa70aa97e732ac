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
  stays there with a warning naming its file and line;
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
from app.core.crm.mappers.base import Head
from app.core.crm.model import AccountRec, ContactRec, LinkRec, NoteRec, Ref, Warning
from app.core.crm.report import Detection, FileReport, ImportProgress, ImportReport
from app.core.crm.tables import ImportFileError, open_csv, open_xlsx, sniff_encoding, open_text
from app.core.errors import AppError, UsageError
from app.core.vault import audit
from app.core.vault.import_writer import ImportWriter, content_key, flags_json

BATCH = 2000
PROGRESS_EVERY = 5000
MAX_NOTE_CHARS = 100_000
_FLAGS_ON = flags_json([FLAG])


class ImportCancelled(AppError):
    exit_code = 130


# ---- detection ---------------------------------------------------------------------------


def _head(path: Path) -> Head:
    if not path.exists():
        raise ImportFileError(f"{path}: no such file.")
    if path.is_dir():
        raise ImportFileError(f"{path}: is a folder, not an export file.")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        t = open_xlsx(path)
        kind = "xlsx"
    else:
        info = sniff_encoding(path)
        with open_text(path, info) as fh:
            text = fh.read(8192)
        if "BEGIN:VCARD" in text.upper():
            return Head(path, None, text, "vcard", info.encoding, "")
        t = open_csv(path)
        kind = "csv"
    try:
        preview = []
        for _, row in t.rows:
            preview.append(row)
            if len(preview) >= 5:
                break
    except ImportFileError:
        preview = []
    finally:
        t.close()
    return Head(path, t.columns, "", kind, t.encoding, t.delimiter, preview)


def _choose(head: Head, format: str | None, mapping: str | None):
    if format:
        f = registry.by_name(format)
        if f is None:
            raise UsageError(f"Unknown format '{format}'; known: {', '.join(registry.names())}.")
        return f
    if mapping:
        return registry.by_name("csv")
    scored = [(f.sniff(head), i, f) for i, f in enumerate(registry.FORMATS)]
    best = max(scored, key=lambda s: (s[0], -s[1]))
    if best[0] <= 0:
        cols = ", ".join(head.columns[:6]) if head.columns else ""
        raise ImportFileError(
            f"{head.path}: no recognisable columns (found: {cols}); name the format with --format or map columns with --map."
        )
    return best[2]


def detect(path, format: str | None = None, mapping: str | None = None) -> Detection:
    """What the file is: format, encoding, delimiter, columns and the first rows (a preview)."""
    path = Path(path)
    head = _head(path)
    f = _choose(head, format, mapping)
    return Detection(str(path), f.name, f.label, head.encoding, head.delimiter, head.columns or [], head.preview, f.order(head))


# ---- import ------------------------------------------------------------------------------


class _Batch:
    """State shared by the files of one import call."""

    def __init__(self, writer: ImportWriter):
        self.w = writer
        self.links: dict[str, Ref] = {}  # ContentDocument id -> the record it is attached to
        self.pending_notes: list[tuple[int, tuple[Ref, ...], int, int]] = []  # note id, refs, file index, line
        self.pending_contacts: list[tuple[int, Ref, int, int]] = []

    def resolve(self, refs: tuple[Ref, ...]) -> tuple[int | None, int | None] | None:
        contact = account = None
        for ref in refs:
            if ref.kind == "document":
                ref = self.links.get(ref.id)
                if ref is None:
                    continue
            if ref.kind in ("contact", "any") and contact is None:
                hit = self.w.contact_by_crm(ref.source, ref.id)
                if hit:
                    contact = hit[0]
                    continue
            if ref.kind in ("account", "any") and account is None:
                account = self.w.account_by_crm(ref.source, ref.id)
        if contact is None and account is None:
            return None
        return contact, account


def import_files(vault, paths, *, format: str | None = None, mapping: str | None = None,
                 progress: Callable[[ImportProgress], None] | None = None,
                 cancel: threading.Event | None = None) -> ImportReport:
    report = ImportReport()
    planned = []
    for p in paths:
        fr = FileReport(str(p))
        report.files.append(fr)
        try:
            det = detect(p, format, mapping)
            fr.format = det.format
            planned.append((det.stage, len(planned), Path(p), fr, registry.by_name(det.format) if not format and not mapping
                            else _choose(Head(Path(p), det.columns), format, mapping)))
        except AppError as exc:
            if isinstance(exc, UsageError):
                raise
            fr.error = exc.message
    planned.sort(key=lambda x: (x[0], x[1]))
    writer = ImportWriter(vault.conn)
    batch = _Batch(writer)
    cancelled = False
    for n, (_, _, path, fr, fmt) in enumerate(planned):
        if cancelled:
            fr.error = "cancelled before this file was imported; nothing from it was stored."
            continue
        try:
            pend_n, pend_c, links = [], [], {}
            with vault.transaction() as conn:
                writer.begin_bulk()
                _import_one(batch, fmt, path, fr, report.files.index(fr), mapping, pend_n, pend_c, links,
                            progress, cancel, n, len(planned))
                writer.end_bulk()
                audit.append(conn, "import.file", format=fmt.name, contacts_added=fr.contacts_added,
                             contacts_updated=fr.contacts_updated, notes_added=fr.notes_added, notes_skipped=fr.notes_skipped)
            batch.pending_notes += pend_n
            batch.pending_contacts += pend_c
            batch.links.update(links)
        except ImportCancelled:
            cancelled = True
            _rolled_back(writer, fr, "cancelled; nothing from this file was stored.")
        except AppError as exc:
            _rolled_back(writer, fr, exc.message)
        except Exception as exc:  # a bug or a damaged vault: this file is rolled back, the rest go on
            if getattr(exc, "sqlite_errorname", "").startswith("SQLITE_CORRUPT"):
                raise
            logs.log_unexpected(exc)
            _rolled_back(writer, fr, f"{path}: unexpected error ({type(exc).__name__}); nothing from this file was stored.")
        logs.event("import.file", format=fmt.name, ok=fr.error is None, notes_added=fr.notes_added,
                   notes_skipped=fr.notes_skipped, contacts_added=fr.contacts_added, warnings=len(fr.warnings))
    _finish(vault, batch, report)
    return report


def _rolled_back(writer: ImportWriter, fr: FileReport, message: str) -> None:
    writer.forget_cache()
    fr.reset_counts()
    fr.error = message


def _finish(vault, batch: _Batch, report: ImportReport) -> None:
    """Re-link notes and contacts whose parents arrived in a later file of the batch."""
    if not batch.pending_notes and not batch.pending_contacts:
        return
    w = batch.w
    with vault.transaction():
        for cid, ref, fi, line in batch.pending_contacts:
            aid = w.account_by_crm(ref.source, ref.id)
            if aid:
                w.set_contact_account(cid, aid)
            else:
                report.files[fi].warn(f"{Path(report.files[fi].path).name}: line {line}: the contact's account {ref.id} is not in this import.")
        for note_id, refs, fi, line in batch.pending_notes:
            hit = batch.resolve(refs)
            if hit:
                w.relink_note(note_id, *hit)
            else:
                missing = ", ".join(r.id for r in refs) or "none given"
                report.files[fi].warn(
                    f"{Path(report.files[fi].path).name}: line {line}: the note's parent ({missing}) is not in this import; "
                    "kept under 'Unlinked notes'."
                )
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


def _import_one(batch: _Batch, fmt, path: Path, fr: FileReport, fi: int, mapping, pend_n, pend_c, links,
                progress, cancel, n, total) -> None:
    w = batch.w
    name = path.name
    stream = fmt.open(path, mapping=mapping)
    rows: list[tuple] = []
    done = 0
    holder = None

    def flush():
        added = w.add_notes(rows)
        fr.notes_added += added
        fr.notes_skipped += len(rows) - added
        rows.clear()

    def note(body, title, date, source, crm_id, parent_key, contact_id, account_id, line, refs=None):
        nonlocal holder
        if not body:
            fr.notes_skipped += 1
            return
        flags = _FLAGS_ON if instruction_like(body) or instruction_like(title) else "[]"
        key = content_key(source, crm_id, parent_key, date, title, body)
        if contact_id is None and account_id is None:
            holder = holder or w.holder_account()
            nid = w.add_note((None, holder, date, title, body, source, crm_id, key, flags))
            if nid is None:
                fr.notes_skipped += 1
            else:
                fr.notes_added += 1
                pend_n.append((nid, refs or (), fi, line))
            return
        rows.append((contact_id, account_id, date, title, body, source, crm_id, key, flags))
        if len(rows) >= BATCH:
            flush()

    try:
        for rec in stream.records:
            done += 1
            if done % PROGRESS_EVERY == 0:
                if cancel is not None and cancel.is_set():
                    raise ImportCancelled(f"{path}: cancelled.")
                if progress:
                    progress(ImportProgress(str(path), done, stream.bytes_done(), stream.bytes_total, n, total))
            while stream.table_warnings:
                fr.warn(stream.table_warnings.pop(0)[1])
            t = type(rec)
            if t is NoteRec:
                body = _prepare_body(rec.body, rec.html, fr, name, rec.line)
                refs = rec.parents
                for r in refs:  # ContentNote: its parent is known once its links are
                    if r.kind == "document" and r.id in links:
                        refs = (links[r.id],) + refs
                hit = batch.resolve(refs) if refs else None
                pk = "|".join(f"{r.source}:{r.id}" for r in rec.parents)
                note(body, rec.title, rec.date, rec.source, rec.crm_id, pk, *(hit or (None, None)), rec.line, refs)
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
                if rec.account is not None and aid is None:
                    pend_c.append((cid, rec.account, fi, rec.line))
                who = rec.crm_id or (rec.email or "").lower() or rec.full_name
                for item in rec.notes:
                    title, body = item[0], item[1]
                    date = item[2] if len(item) > 2 else None
                    note(_prepare_body(body, looks_like_html(body), fr, name, rec.line), title, date, fmt.name, None,
                         f"contact:{who}", cid, None, rec.line)
            elif t is AccountRec:
                if not rec.name:
                    fr.warn(f"{name}: line {rec.line}: skipped an account with no name.")
                    continue
                w.upsert_account(rec.name, rec.source, rec.crm_id, rec.website)
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
    finally:
        stream.close()
