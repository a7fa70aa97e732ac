"""The import wizard: drop or pick files, check what was detected, import, read the report.

1. Files: dropped on the dialog or picked. Each is detected on the background executor
   (``detection.detect`` reads only the file): its format, encoding and a preview of the
   first rows. A file that is not a CRM export shows the importer's one-line reason and is
   left out; nothing else changes. The encoding chooser overrides the guess for text files
   (the files are detected again with it); a guess that looks wrong ("Bj›rn") is shown with
   the code page that reads better.
2. Mapping (:mod:`app.gui.import_mapping`): each column of the current file, the field the
   chosen format reads it as, and a chooser to change it; the changes become that file's
   :class:`~app.core.model.ColumnMapping` for the core importer. Changing the format shows that format's mapping.
   A mapping without a required field (the note text of a notes file, a name or e-mail of
   a contacts file) is named in one line and Import stays off until it is chosen.
3. Import: ``importer.import_files`` runs on the store thread with a progress callback
   (queued to the progress bar) and a cancel event (Cancel, or closing the dialog: the
   current file is rolled back whole, files already committed stay).
4. The report: added, updated, skipped, where the notes went (on a contact, on a company
   only, unlinked); warnings in plain words ("91 notes could not be matched to a person or
   company"), a file with more than 10 % of its notes unlinked above everything else; the
   importer's own lines (line numbers, CRM ids, column names) only under Details.

Runs on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QTabWidget,
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

from app.gui import operations
from app.gui.errors import message_for, show_error
from app.gui.import_mapping import ImportMapping, column_mapping, missing_text, t
from app.gui.import_report import ImportReportPage
from app.gui.workers import Task
from app.gui.session import Session

GENERIC = "csv"


def _encodings() -> tuple[str, ...]:
    from app.core.crm.tables import COMMON_ENCODINGS

    return COMMON_ENCODINGS


# The core's format labels (``label`` on each format), in the window's language. The source
# strings are the core's own; tests/gui/test_gui_i18n_errors.py fails when a format is added or
# its label changes without this table following.
FORMAT_LABELS = {
    "salesforce": QT_TRANSLATE_NOOP("ImportFormats", "Salesforce Data Export / Data Loader"),
    "hubspot": QT_TRANSLATE_NOOP("ImportFormats", "HubSpot export"),
    "dynamics": QT_TRANSLATE_NOOP("ImportFormats", "Microsoft Dynamics 365"),
    "pipedrive": QT_TRANSLATE_NOOP("ImportFormats", "Pipedrive export"),
    "zoho": QT_TRANSLATE_NOOP("ImportFormats", "Zoho CRM export"),
    "outlook": QT_TRANSLATE_NOOP("ImportFormats", "Outlook contacts CSV"),
    "google": QT_TRANSLATE_NOOP("ImportFormats", "Google Contacts CSV"),
    "csv": QT_TRANSLATE_NOOP("ImportFormats", "CSV or Excel with recognised columns"),
    "vcard": QT_TRANSLATE_NOOP("ImportFormats", "vCard (.vcf) 2.1 / 3.0 / 4.0"),
    "confidant": QT_TRANSLATE_NOOP("ImportFormats", "Confidant export (JSON)"),
}


def format_label(name: str, label: str) -> str:
    """The label of format ``name`` (the core's ``label`` when this table does not know it)."""
    return QCoreApplication.translate("ImportFormats", FORMAT_LABELS.get(name, label))


def _formats() -> list[tuple[str, str]]:
    from app.core.crm import formats

    return [(f.name, format_label(f.name, f.label)) for f in formats.FORMATS]


def _missing(kind, fields):
    from app.core.crm.mapping import missing_required

    return missing_required(kind, fields)


def _detect(detect, path: str, encoding: str | None = None, format: str | None = None):
    """Detect ``path``; a readable table whose columns nobody recognised is offered as generic
    CSV, for the user to map. Anything else unreadable raises the importer's message."""
    from app.core.errors import AppError

    kw = {"encoding": encoding} if encoding else {}
    if format:
        det = detect(path, format=format, **kw)
    else:
        try:
            det = detect(path, **kw)
        except AppError as first:
            try:
                det = detect(path, format=GENERIC, **kw)
            except AppError:
                raise first from None
            if not det.columns:
                raise first from None
    det.mapping = operations.describe_columns(det.format, det.columns)  # what each column feeds
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
        self.mapping = ImportMapping()
        self.mapping.changed.connect(self._mapping_changed)
        self.choices: dict[str, dict[int, str]] = {}  # path -> column index -> field the user chose
        self.choice_columns: dict[str, list[str]] = {}  # path -> the columns those choices were made for
        self.mapping_problem = QLabel()
        self.mapping_problem.setObjectName("importMappingProblem")
        self.mapping_problem.setStyleSheet("color: #a00000;")
        self.mapping_problem.hide()
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
        self.encoding_note.hide()
        lay = QVBoxLayout(files_page)
        row = QHBoxLayout()
        row.addWidget(self.drop_hint, 1)
        row.addWidget(self.pick)
        lay.addLayout(row)
        self.file_list.setMaximumHeight(110)  # the columns below need the room
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
        lay.addWidget(self.mapping_problem)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("importTabs")
        self.tabs.addTab(self.mapping, t("&Columns"))
        self.tabs.addTab(self.preview, t("&Preview"))
        lay.addWidget(self.tabs, 1)
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
        report_page = ImportReportPage()
        self.report_page = report_page
        # The report's parts, by name (tests and screenshots read them).
        self.link_warning, self.summary = report_page.link_warning, report_page.summary
        self.warning_summary, self.details_btn, self.details = (report_page.warning_summary, report_page.details_btn,
                                                                report_page.details)
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
        detect = operations.detect
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
        self.choices.pop(path, None)  # the new format's own mapping is shown
        self.detections.pop(path, None)
        self.pending += 1
        self._update_buttons()
        detect = operations.detect
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
            if self.choice_columns.get(path) != list(det.columns):  # another encoding read other headers
                self.choices.pop(path, None)
            self.detections[path] = det
            item.setText(self.tr("%1 — %2 (%3)").replace("%1", name).replace("%2", format_label(det.format, det.label)).replace("%3", det.encoding))
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
        path = item.data(Qt.ItemDataRole.UserRole) if item else None
        det = self.detections.get(path)
        self.preview.clear()
        if det is None:
            self.preview.setRowCount(0)
            self.preview.setColumnCount(0)
            self.mapping.show_file([], [], [], (), {})
            self.map_note.setText(self.problems.get(path, "") if item else "")
            self._update_buttons()
            return
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(det.format)))
        warning = getattr(det, "encoding_warning", None)
        self.encoding_note.setText(self.tr("Encoding: %1").replace("%1", warning) if warning else "")
        self.encoding_note.setVisible(bool(warning))
        cols = list(det.columns)
        m = self._described(det)
        example = list(det.preview[0]) if det.preview else []
        self.mapping.show_file(cols, example, m["detected"], tuple(m["editable"]), self.choices.get(path, {}))
        if not cols:
            self.map_note.setText(t("Detected: %1. This format has no columns to map.").replace("%1", format_label(det.format, det.label)))
        elif det.format == GENERIC:
            self.map_note.setText(t("A table without a known CRM format: choose which field each column holds."))
        else:
            self.map_note.setText(t("Detected: %1. Check how the columns are imported; change any that are wrong.")
                                  .replace("%1", format_label(det.format, det.label)))
        self.preview.setColumnCount(len(cols))
        self.preview.setHorizontalHeaderLabels(cols)
        self.preview.setRowCount(len(det.preview))
        for r, row in enumerate(det.preview):
            for c, value in enumerate(row[: len(cols)]):
                self.preview.setItem(r, c, QTableWidgetItem(str(value)[:200]))
        self._update_buttons()

    @staticmethod
    def _described(det) -> dict:
        return getattr(det, "mapping", None) or {"kind": None, "detected": [""] * len(det.columns), "editable": (),
                                                 "missing": None}

    def _current_path(self) -> str | None:
        item = self.file_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _mapping_changed(self) -> None:
        path = self._current_path()
        if path in self.detections:
            self.choices[path] = self.mapping.choices()
            self.choice_columns[path] = list(self.detections[path].columns)
        self._update_buttons()

    def fields_for(self, path: str) -> list[str]:
        """The field per column of ``path`` as now chosen (detected, then the user's changes)."""
        det = self.detections[path]
        fields = list(self._described(det)["detected"])
        for i, f in self.choices.get(path, {}).items():
            fields[i] = f
        return fields

    def missing_for(self, path: str) -> str | None:
        """What the chosen mapping of ``path`` lacks (see ``mapping.missing_required``), or None."""
        from_core = self._described(self.detections[path])
        if not self.choices.get(path):
            return from_core["missing"]
        return _missing(from_core["kind"], self.fields_for(path))

    def column_mapping(self, path: str | None = None):
        """The user's :class:`~app.core.model.ColumnMapping` of ``path`` (default: the file
        shown), or None when unchanged."""
        path = path or self._current_path()
        det = self.detections.get(path)
        if det is None:
            return None
        return column_mapping(list(det.columns), self._described(det)["detected"], self.choices.get(path, {}),
                              det.format == GENERIC)

    def set_field(self, column: str, field: str) -> None:
        """Choose ``field`` for ``column`` of the file shown, as picking it in the list does."""
        combo = self.mapping.combo_for(column)
        if combo is None:
            raise KeyError(column)
        combo.setCurrentIndex(combo.findData(field))
        combo.activated.emit(combo.currentIndex())

    def _update_buttons(self) -> None:
        page = self.pages.currentIndex()
        problems = [(p, m) for p in self.detections if (m := self.missing_for(p))]
        if problems:
            current = self._current_path()
            p, m = next(((p, m) for p, m in problems if p == current), problems[0])
            self.mapping_problem.setText(missing_text(Path(p).name, m))
        self.mapping_problem.setVisible(bool(problems) and page == 0)
        self.import_btn.setVisible(page == 0)
        self.import_btn.setEnabled(page == 0 and bool(self.detections) and self.pending == 0 and not problems)
        self.cancel_btn.setVisible(page in (0, 1))
        self.close_btn.setVisible(page == 2)

    # ---- import -------------------------------------------------------------------------

    def start_import(self) -> None:
        import_files = operations.import_files
        paths = list(self.detections)
        mappings = {p: m for p in paths if (m := self.column_mapping(p))}
        encoding = self.encoding_choice()
        formats = {p: f for p, f in self.formats.items() if p in paths}
        formats.update({p: self.detections[p].format for p in mappings})  # the mapping is of that format
        self.pages.setCurrentIndex(1)
        self.progress.setRange(0, 0)
        self.progress_label.setText(self.tr("Importing %n file(s)…", "", len(paths)))
        self._update_buttons()

        def work(ctx, task: Task):
            kw = {"encoding": encoding} if encoding else {}
            if formats:
                kw["formats"] = formats
            if mappings:
                kw["mappings"] = mappings
            return import_files(ctx.vault, paths, progress=task.progress, cancel=task.cancel, **kw)

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
        self.report_page.show_report(report, self.problems)
        self.pages.setCurrentIndex(2)
        self._update_buttons()
        self.finished_import.emit(report)

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
