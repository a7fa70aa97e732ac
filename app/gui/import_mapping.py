"""The import wizard's mapping step: one row per column of a file, the Confidant field it
feeds (as the chosen format reads it), and a chooser to change it.

What a column feeds comes from the core (``operations.describe_columns``: the format's own
mapper, probed); the user's changes become a :class:`~app.core.model.ColumnMapping` per
file, which the core importer applies (the generic format reads only the mapping; a CRM format keeps its links
and ids and takes the changed content fields from the chosen columns). Columns that link
records (a CRM id, "Associated Contact IDs") are shown, not offered to change.

Strings are in the "ImportMapping" translation context. Runs on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QTableWidgetItem

from app.core.model import IGNORE as IGNORE_FIELD
from app.core.model import ColumnMapping

IGNORE = ""
CTX = "ImportMapping"


def t(text: str, n: int | None = None) -> str:
    """``text`` in the UI language; ``%n`` is replaced by ``n`` (callers pick the singular or
    plural source text: English and bokmål both have one form for 1 and one for the rest)."""
    out = QCoreApplication.translate(CTX, text)
    return out if n is None else out.replace("%n", str(n))


def field_label(field: str) -> str:
    """A field as the user reads it."""
    labels = {
        "": t("(not imported)"),
        "id": t("Record id"),
        "first_name": t("First name"),
        "last_name": t("Last name"),
        "full_name": t("Full name"),
        "email": t("E-mail address"),
        "phone": t("Phone"),
        "company": t("Company"),
        "job_title": t("Job title"),
        "note": t("Note text"),
        "note_title": t("Note title"),
        "date": t("Date"),
        "website": t("Website"),
        "link": t("Links to its person or company"),
        "attachment": t("Describes an attached file"),
    }
    return labels.get(field, field)


def missing_text(name: str, missing: str) -> str:
    """The one line that says what a file's mapping lacks."""
    what = {
        "note": t("%1: no column is mapped to the note text; choose one below."),
        "name_or_email": t("%1: no column is mapped to a name or an e-mail address; choose one below."),
        "company": t("%1: no column is mapped to the company name; choose one below."),
        "name_email_or_note": t("%1: no column is mapped to a name, an e-mail address or the note text; choose one below."),
    }.get(missing, t("%1: the mapping is incomplete."))
    return what.replace("%1", name)


class ImportMapping(QTableWidget):
    """Column | Example | Imported as. ``changed`` is emitted when the user picks a field."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(0, 3, parent)
        self.setObjectName("importMapping")
        self.setAccessibleName(t("How the file's columns are imported"))
        self.setHorizontalHeaderLabels([t("Column in the file"), t("Example"), t("Imported as")])
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        h = self.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.columns: list[str] = []
        self.detected: list[str] = []

    def show_file(self, columns: list[str], example: list[str], detected: list[str], editable: tuple[str, ...],
                  choices: dict[int, str]) -> None:
        """Fill the rows for one file: ``detected`` per column, ``choices`` the user's changes."""
        self.clear()
        self.setHorizontalHeaderLabels([t("Column in the file"), t("Example"), t("Imported as")])
        self.columns, self.detected = list(columns), list(detected)
        self.setRowCount(len(columns))
        for i, col in enumerate(columns):
            self.setItem(i, 0, QTableWidgetItem(col))
            value = example[i] if i < len(example) else ""
            ex = QTableWidgetItem(value.replace("\n", " ")[:80])
            ex.setToolTip(value[:500])
            self.setItem(i, 1, ex)
            field = choices.get(i, detected[i] if i < len(detected) else "")
            if field and field not in editable:  # a link or an id: shown, not changed
                item = QTableWidgetItem(field_label(field))
                item.setToolTip(t("The format uses this column to link or identify records; it cannot be changed here."))
                font = item.font()
                font.setItalic(True)
                item.setFont(font)
                self.setItem(i, 2, item)
                continue
            combo = QComboBox()
            combo.addItem(field_label(IGNORE), IGNORE)
            for f in editable:
                combo.addItem(field_label(f), f)
            combo.setCurrentIndex(max(0, combo.findData(field)))
            combo.setAccessibleName(t("Field for column %1").replace("%1", col))
            combo.activated.connect(lambda _i, row=i: self._picked(row))
            self.setCellWidget(i, 2, combo)
        self.resizeColumnToContents(0)

    def _picked(self, row: int) -> None:
        """One column per field: another column that had the field picked is no longer imported."""
        field = self.cellWidget(row, 2).currentData()
        for i in range(self.rowCount()):
            other = self.cellWidget(i, 2)
            if field and i != row and isinstance(other, QComboBox) and other.currentData() == field:
                other.setCurrentIndex(other.findData(IGNORE))
        self.changed.emit()

    def fields(self) -> list[str]:
        """The field per column as now chosen."""
        out = []
        for i in range(self.rowCount()):
            combo = self.cellWidget(i, 2)
            out.append(combo.currentData() if isinstance(combo, QComboBox) else self.detected[i])
        return out

    def choices(self) -> dict[int, str]:
        """The columns whose field differs from the detected one."""
        return {i: f for i, f in enumerate(self.fields()) if f != self.detected[i]}

    def combo_for(self, column: str) -> QComboBox | None:
        for i, c in enumerate(self.columns):
            if c == column:
                w = self.cellWidget(i, 2)
                return w if isinstance(w, QComboBox) else None
        return None


def column_mapping(columns: list[str], detected: list[str], choices: dict[int, str], generic: bool) -> ColumnMapping | None:
    """The user's mapping of one file for the importer: None when nothing was changed. The
    generic format reads only the mapping, so it lists every mapped column; a CRM format
    gets the changes (``ignore`` for a column set to not imported)."""
    if not choices:
        return None
    if generic:
        # A field the user chose for one column is read from that column, not from the detected one.
        taken = {f for f in choices.values() if f}
        pairs = [(columns[i], f) for i in range(len(columns))
                 if (f := choices.get(i, detected[i])) and (i in choices or f not in taken)]
    else:
        pairs = [(columns[i], f or IGNORE_FIELD) for i, f in sorted(choices.items())]
    return ColumnMapping.of(pairs) if pairs else None
