"""The import wizard: drop or pick files, check what was detected, import, read the report.

1. Files: dropped on the dialog or picked. Each is detected on the background executor
   (``importer.detect`` reads only the file): its format, encoding and a preview of the
   first rows. A file that is not a CRM export shows the importer's one-line reason and is
   left out; nothing else changes. The encoding chooser overrides the guess for text files
   (the files are detected again with it); a guess that looks wrong ("Bj›rn") is shown with
   the code page that reads better.
2. Mapping: for the generic CSV format each column has a field chooser (pre-filled from
   the recognised headers); it becomes the importer's ``mapping`` spec.
3. Import: ``importer.import_files`` runs on the store thread with a progress callback
   (queued to the progress bar) and a cancel event (Cancel, or closing the dialog: the
   current file is rolled back whole, files already committed stay).
4. The report: added, updated, skipped, where the notes went (on a contact, on a company
   only, unlinked), warnings and errors per file; a file with more than 10 % of its notes
   unlinked is named in a warning above everything else.

Runs on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.gui import core_api
from app.gui.errors import message_for, show_error
from app.gui.ops import Task
from app.gui.safe_text import SafeTextView
from app.gui.session import Session

GENERIC = "csv"
IGNORE = ""


def _fields() -> tuple[str, ...]:
    from app.core.crm.headers import FIELDS

    return FIELDS


def _auto(columns: list[str]) -> dict[int, str]:
    from app.core.crm.headers import auto_mapping

    return {i: f for f, i in auto_mapping(columns).items()}


def _encodings() -> tuple[str, ...]:
    from app.core.crm.tables import COMMON_ENCODINGS

    return COMMON_ENCODINGS


def _formats() -> list[tuple[str, str]]:
    from app.core.crm import formats

    return [(f.name, f.label) for f in formats.FORMATS]


def _detect(detect, path: str, encoding: str | None = None, format: str | None = None):
    """Detect ``path``; a readable table whose columns nobody recognised is offered as generic
    CSV, for the user to map. Anything else unreadable raises the importer's message."""
    from app.core.errors import AppError

    kw = {"encoding": encoding} if encoding else {}
    if format:
        return detect(path, format=format, **kw)
    try:
        return detect(path, **kw)
    except AppError as first:
        try:
            det = detect(path, format=GENERIC, **kw)
        except AppError:
            raise first from None
        if not det.columns:
            raise first from None
        return det


class ImportWizard(QDialog):
    finished_import = Signal(object)  # the ImportReport

    def __init__(self, session: Session, parent=None, files: list[str] | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Import CRM data"))
        self.setObjectName("importWizard")
        self.setAcceptDrops(True)
        self.resize(760, 520)
        self.detections: dict[str, object] = {}  # path -> Detection
        self.problems: dict[str, str] = {}  # path -> message
        self.task: Task | None = None
        self.report = None
        self.pending = 0

        self.pages = QStackedWidget()
        # ---- page 1: files + preview + mapping
        files_page = QWidget()
        self.drop_hint = QLabel(self.tr("Drop CRM export files here (CSV, Excel, vCard), or pick them."))
        self.drop_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_hint.setStyleSheet("border: 2px dashed #999; padding: 18px;")
        self.pick = QPushButton(self.tr("&Choose files…"))
        self.pick.setObjectName("chooseFiles")
        self.pick.clicked.connect(self._choose)
        self.file_list = QListWidget()
        self.file_list.setObjectName("importFiles")
        self.file_list.setAccessibleName(self.tr("Files to import"))
        self.file_list.currentItemChanged.connect(lambda *_: self._show_preview())
        self.preview = QTableWidget()
        self.preview.setObjectName("importPreview")
        self.preview.setAccessibleName(self.tr("Preview of the first rows"))
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.map_note = QLabel()
        self.map_note.setWordWrap(True)
        self.formats: dict[str, str] = {}  # path -> format the user chose instead of the detected one
        self.format_box = QComboBox()
        self.format_box.setObjectName("importFormat")
        self.format_box.setAccessibleName(self.tr("Format of this file"))
        for name, label in _formats():
            self.format_box.addItem(label, name)
        self.format_box.activated.connect(lambda *_: self._format_chosen())
        fmt_label = QLabel(self.tr("&Format:"))
        fmt_label.setBuddy(self.format_box)
        self.encoding = QComboBox()
        self.encoding.setObjectName("importEncoding")
        self.encoding.setAccessibleName(self.tr("Text encoding"))
        self.encoding.addItem(self.tr("Automatic (guess)"), "")
        for enc in _encodings():
            self.encoding.addItem(enc, enc)
        self.encoding.currentIndexChanged.connect(lambda *_: self._redetect())
        enc_label = QLabel(self.tr("&Encoding:"))
        enc_label.setBuddy(self.encoding)
        self.encoding_note = QLabel()
        self.encoding_note.setObjectName("importEncodingWarning")
        self.encoding_note.setWordWrap(True)
        self.encoding_note.setStyleSheet("color: #8a4b00;")
        lay = QVBoxLayout(files_page)
        row = QHBoxLayout()
        row.addWidget(self.drop_hint, 1)
        row.addWidget(self.pick)
        lay.addLayout(row)
        lay.addWidget(self.file_list)
        enc_row = QHBoxLayout()
        enc_row.addWidget(fmt_label)
        enc_row.addWidget(self.format_box)
        enc_row.addWidget(enc_label)
        enc_row.addWidget(self.encoding)
        enc_row.addStretch(1)
        lay.addLayout(enc_row)
        lay.addWidget(self.encoding_note)
        lay.addWidget(self.map_note)
        lay.addWidget(self.preview, 1)
        # ---- page 2: progress
        progress_page = QWidget()
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.progress_label = QLabel()
        pl = QVBoxLayout(progress_page)
        pl.addStretch(1)
        pl.addWidget(self.progress_label)
        pl.addWidget(self.progress)
        pl.addStretch(1)
        # ---- page 3: report
        report_page = QWidget()
        self.link_warning = QLabel()
        self.link_warning.setObjectName("importLinkWarning")
        self.link_warning.setWordWrap(True)
        self.link_warning.setStyleSheet("color: #a00000; font-weight: bold; border: 1px solid #a00000; padding: 6px;")
        self.link_warning.hide()
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.details = SafeTextView(accessible_name=self.tr("Import report"))
        self.details.setObjectName("importReport")
        rl = QVBoxLayout(report_page)
        rl.addWidget(self.link_warning)
        rl.addWidget(self.summary)
        rl.addWidget(self.details, 1)
        for p in (files_page, progress_page, report_page):
            self.pages.addWidget(p)

        self.buttons = QDialogButtonBox()
        self.import_btn = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_btn.setObjectName("importButton")
        self.cancel_btn = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_btn = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_btn.setObjectName("closeButton")
        self.import_btn.clicked.connect(self.start_import)
        self.cancel_btn.clicked.connect(self.reject)
        self.close_btn.clicked.connect(self.accept)
        main = QVBoxLayout(self)
        main.addWidget(self.pages, 1)
        main.addWidget(self.buttons)
        self._update_buttons()
        if files:
            self.add_files(files)

    # ---- files --------------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls() and self.pages.currentIndex() == 0:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        self.add_files(paths)
        event.acceptProposedAction()

    def _choose(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose export files"), "", self.tr("CRM exports (*.csv *.tsv *.txt *.xlsx *.vcf *.json);;All files (*)")
        )
        self.add_files(paths)

    def add_files(self, paths: list[str]) -> None:
        detect = core_api.detect
        for p in paths:
            p = str(Path(p))
            if p in self.detections or p in self.problems:
                continue
            item = QListWidgetItem(self.tr("%1 — detecting…").replace("%1", Path(p).name))
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.file_list.addItem(item)
            self.pending += 1
            enc = self.encoding_choice()
            self.session.executors.background.submit(
                lambda task, p=p, enc=enc, fmt=self.formats.get(p): _detect(detect, p, enc, fmt),
                success=lambda det, p=p, item=item: self._detected(p, item, det, None),
                failure=lambda exc, p=p, item=item: self._detected(p, item, None, exc),
            )
        self._update_buttons()

    def _format_chosen(self) -> None:
        """The user picked another format for the current file: detect it again as that format."""
        item = self.file_list.currentItem()
        path = item.data(Qt.ItemDataRole.UserRole) if item else None
        det = self.detections.get(path)
        name = self.format_box.currentData()
        if det is None or name == det.format:
            return
        self.formats[path] = name
        self.detections.pop(path, None)
        self.pending += 1
        self._update_buttons()
        detect = core_api.detect
        enc = self.encoding_choice()
        self.session.executors.background.submit(
            lambda task: _detect(detect, path, enc, name),
            success=lambda d: self._detected(path, item, d, None),
            failure=lambda exc: self._format_refused(path, item, det, exc),
        )

    def _format_refused(self, path: str, item: QListWidgetItem, old, exc) -> None:
        """The file cannot be read as the chosen format: keep the detected one, say why."""
        self.formats.pop(path, None)
        self._detected(path, item, old, None)
        self.map_note.setText(message_for(exc) or "")

    def encoding_choice(self) -> str | None:
        """The encoding chosen for text files, or None to let the importer guess."""
        return self.encoding.currentData() or None

    def _redetect(self) -> None:
        paths = [self.file_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.file_list.count())]
        if self.pending or not paths:
            return
        self.detections.clear()
        self.problems.clear()
        self.file_list.clear()
        self.add_files(paths)

    def _detected(self, path: str, item: QListWidgetItem, det, exc) -> None:
        self.pending -= 1
        name = Path(path).name
        if det is not None:
            self.detections[path] = det
            item.setText(self.tr("%1 — %2 (%3)").replace("%1", name).replace("%2", det.label).replace("%3", det.encoding))
        else:
            self.problems[path] = message_for(exc) or ""
            item.setText(self.tr("%1 — cannot be imported: %2").replace("%1", name).replace("%2", self.problems[path]))
            item.setForeground(Qt.GlobalColor.darkRed)
        if self.file_list.currentItem() is None:
            self.file_list.setCurrentItem(item)
        else:
            self._show_preview()
        self._update_buttons()

    def _show_preview(self) -> None:
        item = self.file_list.currentItem()
        det = self.detections.get(item.data(Qt.ItemDataRole.UserRole)) if item else None
        self.preview.clear()
        if det is None:
            self.preview.setRowCount(0)
            self.preview.setColumnCount(0)
            self.map_note.setText(self.problems.get(item.data(Qt.ItemDataRole.UserRole), "") if item else "")
            return
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(det.format)))
        warning = getattr(det, "encoding_warning", None)
        self.encoding_note.setText(self.tr("Encoding: %1").replace("%1", warning) if warning else "")
        cols = list(det.columns)
        editable = det.format == GENERIC and len(self.detections) == 1
        self.preview.setColumnCount(len(cols))
        self.preview.setHorizontalHeaderLabels(cols)
        self.preview.setRowCount(len(det.preview) + (1 if editable else 0))
        start = 0
        if editable:
            auto = _auto(cols)
            for i in range(len(cols)):
                combo = QComboBox()
                combo.addItem(self.tr("(ignore)"), IGNORE)
                for f in _fields():
                    combo.addItem(f, f)
                combo.setCurrentIndex(max(0, combo.findData(auto.get(i, IGNORE))))
                combo.setAccessibleName(self.tr("Field for column %1").replace("%1", cols[i]))
                self.preview.setCellWidget(0, i, combo)
            self.preview.setVerticalHeaderItem(0, QTableWidgetItem(self.tr("Field")))
            start = 1
            self.map_note.setText(self.tr("Generic CSV: choose which field each column holds."))
        else:
            self.map_note.setText(self.tr("Detected: %1. Columns are mapped automatically.").replace("%1", det.label))
        for r, row in enumerate(det.preview):
            for c, value in enumerate(row[: len(cols)]):
                self.preview.setItem(start + r, c, QTableWidgetItem(str(value)[:200]))

    def mapping_spec(self) -> str | None:
        """The ``--map`` spec from the field choosers, or None when they are not shown."""
        if not (self.preview.rowCount() and isinstance(self.preview.cellWidget(0, 0), QComboBox)):
            return None
        parts = []
        for i in range(self.preview.columnCount()):
            field = self.preview.cellWidget(0, i).currentData()
            if field:
                parts.append(f"{self.preview.horizontalHeaderItem(i).text()}={field}")
        return ",".join(parts) or None

    def set_field(self, column: str, field: str) -> None:
        """Choose ``field`` for ``column`` in the mapping row (keyboard users and tests)."""
        for i in range(self.preview.columnCount()):
            if self.preview.horizontalHeaderItem(i).text() == column:
                combo = self.preview.cellWidget(0, i)
                combo.setCurrentIndex(combo.findData(field))

    def _update_buttons(self) -> None:
        page = self.pages.currentIndex()
        self.import_btn.setVisible(page == 0)
        self.import_btn.setEnabled(page == 0 and bool(self.detections) and self.pending == 0)
        self.cancel_btn.setVisible(page in (0, 1))
        self.close_btn.setVisible(page == 2)

    # ---- import -------------------------------------------------------------------------

    def start_import(self) -> None:
        import_files = core_api.import_files
        paths = list(self.detections)
        mapping = self.mapping_spec()
        encoding = self.encoding_choice()
        formats = {p: f for p, f in self.formats.items() if p in paths}
        self.pages.setCurrentIndex(1)
        self.progress.setRange(0, 0)
        self.progress_label.setText(self.tr("Importing %n file(s)…", "", len(paths)))
        self._update_buttons()

        def work(ctx, task: Task):
            kw = {"encoding": encoding} if encoding else {}
            if formats:
                kw["formats"] = formats
            return import_files(ctx.vault, paths, mapping=mapping, progress=task.progress, cancel=task.cancel, **kw)

        self.task = self.session.run(work, success=self._imported, failure=self._import_failed, progress=self._progress)

    def _progress(self, p) -> None:
        if p.bytes_total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * p.bytes_done / max(p.bytes_total, 1)))
        self.progress_label.setText(
            self.tr("%1: %2 rows").replace("%1", Path(p.file).name).replace("%2", f"{p.rows_done:,}")
        )

    def _imported(self, report) -> None:
        self.task = None
        self.report = report
        t = report.totals()
        self.summary.setText(self.tr(
            "Contacts added: %1, updated: %2. Notes added: %3, skipped as duplicates or empty: %4."
        ).replace("%1", str(t.get("contacts_added", 0))).replace("%2", str(t.get("contacts_updated", 0)))
         .replace("%3", str(t.get("notes_added", 0))).replace("%4", str(t.get("notes_skipped", 0)))
         + "\n" + self._links_text(t))
        link_warnings = [f.link_warning for f in report.files if getattr(f, "link_warning", None)]
        self.link_warning.setText("\n".join(self.tr("Not linked: %1").replace("%1", w) for w in link_warnings))
        self.link_warning.setVisible(bool(link_warnings))
        lines = []
        for f in report.files:
            lines.append(f"{Path(f.path).name} ({f.format or '?'})")
            if f.error:
                lines.append("  " + self.tr("Error: %1").replace("%1", f.error))
            elif f.notes_added:
                lines.append("  " + self._links_text(f.as_json()))
            for w in f.as_json()["warnings"]:
                lines.append("  " + self.tr("Warning: %1").replace("%1", w))
        for p, msg in self.problems.items():
            lines.append(f"{Path(p).name}: {msg}")
        self.details.set_text("\n".join(lines))
        self.pages.setCurrentIndex(2)
        self._update_buttons()
        self.finished_import.emit(report)

    def _links_text(self, counts: dict) -> str:
        return (self.tr("Notes on a contact: %1, on a company only: %2, not linked: %3.")
                .replace("%1", str(counts.get("notes_linked_contact", 0)))
                .replace("%2", str(counts.get("notes_linked_account_only", 0)))
                .replace("%3", str(counts.get("notes_unlinked", 0))))

    def _import_failed(self, exc: BaseException) -> None:
        self.task = None
        self.pages.setCurrentIndex(0)
        self._update_buttons()
        show_error(self, exc)

    def reject(self) -> None:
        # Closing during an import stops it: the file in progress is rolled back whole.
        if self.task is not None:
            self.task.cancel.set()
        super().reject()
