"""The import wizard's first page: the files, what each was detected as, its columns and rows.

Each file is detected on the background executor (``detection.detect`` reads only the file):
its format, encoding and a preview of the first rows. A file that is not a CRM export shows
the importer's one-line reason and is left out; nothing else changes. The encoding chooser
overrides the guess for text files (the files are detected again with it); a guess that looks
wrong ("Bj›rn") is shown with the code page that reads better. The mapping step
(:mod:`app.gui.import_mapping`) shows each column of the current file and the field it feeds;
the user's changes become that file's :class:`~app.core.model.ColumnMapping`.

Strings are in the wizard's translation context ("ImportWizard"). Runs on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.gui import operations
from app.gui.errors import message_for
from app.gui.import_mapping import ImportMapping, column_mapping, t
from app.gui.session import Session

GENERIC = "csv"


def _t(text: str) -> str:
    return QCoreApplication.translate("ImportWizard", text)


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



class ImportFilesPage(QWidget):
    """The files, their formats, encodings, columns and first rows. ``changed`` is emitted
    whenever what can be imported changes (a detection arrived, a field was chosen)."""

    changed = Signal()

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.detections: dict[str, object] = {}  # path -> Detection
        self.problems: dict[str, str] = {}  # path -> message
        self.pending = 0
        self.drop_hint = QLabel(_t("Drop CRM export files here (CSV, Excel, vCard), or pick them."))
        self.drop_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_hint.setStyleSheet("border: 2px dashed #999; padding: 18px;")
        self.pick = QPushButton(_t("&Choose files…"))
        self.pick.setObjectName("chooseFiles")
        self.pick.clicked.connect(self._choose)
        self.file_list = QListWidget()
        self.file_list.setObjectName("importFiles")
        self.file_list.setAccessibleName(_t("Files to import"))
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
        self.preview.setAccessibleName(_t("Preview of the first rows"))
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.map_note = QLabel()
        self.map_note.setWordWrap(True)
        self.formats: dict[str, str] = {}  # path -> format the user chose instead of the detected one
        self.format_box = QComboBox()
        self.format_box.setObjectName("importFormat")
        self.format_box.setAccessibleName(_t("Format of this file"))
        for name, label in _formats():
            self.format_box.addItem(label, name)
        self.format_box.activated.connect(lambda *_: self._format_chosen())
        fmt_label = QLabel(_t("&Format:"))
        fmt_label.setBuddy(self.format_box)
        self.encoding = QComboBox()
        self.encoding.setObjectName("importEncoding")
        self.encoding.setAccessibleName(_t("Text encoding"))
        self.encoding.addItem(_t("Automatic (guess)"), "")
        for enc in _encodings():
            self.encoding.addItem(enc, enc)
        self.encoding.currentIndexChanged.connect(lambda *_: self._redetect())
        enc_label = QLabel(_t("&Encoding:"))
        enc_label.setBuddy(self.encoding)
        self.encoding_note = QLabel()
        self.encoding_note.setObjectName("importEncodingWarning")
        self.encoding_note.setWordWrap(True)
        self.encoding_note.setStyleSheet("color: #8a4b00;")
        self.encoding_note.hide()
        lay = QVBoxLayout(self)
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

    def _choose(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, _t("Choose export files"), "", _t("CRM exports (*.csv *.tsv *.txt *.xlsx *.vcf *.json);;All files (*)")
        )
        self.add_files(paths)

    def add_files(self, paths: list[str]) -> None:
        detect = operations.detect
        for p in paths:
            p = str(Path(p))
            if p in self.detections or p in self.problems:
                continue
            item = QListWidgetItem(_t("%1 — detecting…").replace("%1", Path(p).name))
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.file_list.addItem(item)
            self.pending += 1
            enc = self.encoding_choice()
            self.session.executors.background.submit(
                lambda task, p=p, enc=enc, fmt=self.formats.get(p): _detect(detect, p, enc, fmt),
                success=lambda det, p=p, item=item: self._detected(p, item, det, None),
                failure=lambda exc, p=p, item=item: self._detected(p, item, None, exc),
            )
        self.changed.emit()

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
        self.changed.emit()
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
            item.setText(_t("%1 — %2 (%3)").replace("%1", name).replace("%2", format_label(det.format, det.label)).replace("%3", det.encoding))
        else:
            self.problems[path] = message_for(exc) or ""
            item.setText(_t("%1 — cannot be imported: %2").replace("%1", name).replace("%2", self.problems[path]))
            item.setForeground(Qt.GlobalColor.darkRed)
        if self.file_list.currentItem() is None:
            self.file_list.setCurrentItem(item)
        else:
            self._show_preview()
        self.changed.emit()

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
            self.changed.emit()
            return
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(det.format)))
        warning = getattr(det, "encoding_warning", None)
        self.encoding_note.setText(_t("Encoding: %1").replace("%1", warning) if warning else "")
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
        self.changed.emit()

    @staticmethod
    def _described(det) -> dict:
        return getattr(det, "mapping", None) or {"kind": None, "detected": [""] * len(det.columns), "editable": (),
                                                 "missing": None}

    def current_path(self) -> str | None:
        item = self.file_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _mapping_changed(self) -> None:
        path = self.current_path()
        if path in self.detections:
            self.choices[path] = self.mapping.choices()
            self.choice_columns[path] = list(self.detections[path].columns)
        self.changed.emit()

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
        path = path or self.current_path()
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
