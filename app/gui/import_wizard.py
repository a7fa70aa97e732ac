"""The import wizard: drop or pick files, check what was detected, import, read the report.

1. Files and mapping (:mod:`app.gui.import_files_page`): dropped or picked files, each
   detected off the GUI thread; its columns, the field each feeds and the user's changes
   (a :class:`~app.core.model.ColumnMapping` per file). A mapping without a required field
   (the note text of a notes file, a name or e-mail of a contacts file) is named in one line
   and Import stays off until it is chosen.
2. Import: ``importer.import_files`` runs on the store thread with a progress callback
   (queued to the progress bar) and a cancel event (Cancel, or closing the dialog: the
   current file is rolled back whole, files already committed stay).
3. The report: added, updated, skipped, where the notes went (on a contact, on a company
   only, unlinked); warnings in plain words ("91 notes could not be matched to a person or
   company"), a file with more than 10 % of its notes unlinked above everything else; the
   importer's own lines (line numbers, CRM ids, column names) only under Details.

Runs on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QStackedWidget, QVBoxLayout, QWidget

from app.gui import operations
from app.gui.errors import show_error
from app.gui.import_files_page import ImportFilesPage
from app.gui.import_mapping import missing_text
from app.gui.import_report import ImportReportPage
from app.gui.session import Session
from app.gui.workers import Task


class ImportWizard(QDialog):
    finished_import = Signal(object)  # the ImportReport

    def __init__(self, session: Session, parent=None, files: list[str] | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Import CRM data"))
        self.setObjectName("importWizard")
        self.setAcceptDrops(True)
        self.resize(760, 520)
        self.task: Task | None = None
        self.report = None

        self.pages = QStackedWidget()
        # ---- page 1: files + preview + mapping (its parts by name: tests and screenshots read them)
        self.files_page = files_page = ImportFilesPage(session)
        files_page.changed.connect(self._update_buttons)
        self.detections, self.problems = files_page.detections, files_page.problems
        self.file_list, self.format_box, self.encoding = files_page.file_list, files_page.format_box, files_page.encoding
        self.mapping, self.mapping_problem, self.preview = files_page.mapping, files_page.mapping_problem, files_page.preview
        self.map_note, self.encoding_note = files_page.map_note, files_page.encoding_note
        self.add_files, self.set_field, self.column_mapping = files_page.add_files, files_page.set_field, files_page.column_mapping
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

    @property
    def pending(self) -> int:
        """Files still being detected."""
        return self.files_page.pending

    # ---- files --------------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls() and self.pages.currentIndex() == 0:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        self.add_files(paths)
        event.acceptProposedAction()

    def _update_buttons(self) -> None:
        page = self.pages.currentIndex()
        problems = [(p, m) for p in self.detections if (m := self.files_page.missing_for(p))]
        if problems:
            current = self.files_page.current_path()
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
        encoding = self.files_page.encoding_choice()
        formats = {p: f for p, f in self.files_page.formats.items() if p in paths}
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
