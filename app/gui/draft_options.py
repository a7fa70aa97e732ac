"""The draft's options on screen: what it is for (a template), what about, language, tone, length.

:class:`DraftOptions` is the row above the Draft button; :meth:`DraftOptions.values` is what
the next draft is asked with, so what the screen shows is what is sent. Picking a template
sets tone and length to the template's own (the user can still change them). Templates come
from the core (built in, the company's from policy, the user's own from the vault);
:class:`TemplatesDialog` adds, edits and deletes the user's own, and shows the company's as
"from your company", read-only. Reads and writes run on the store thread; the widgets on
the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.gui import operations
from app.gui.errors import show_error

# Endonyms: a language is named in its own words, whatever the window's language.
LANGUAGES = (("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk"), ("en", "English"), ("de", "Deutsch"),
             ("sv", "Svenska"), ("da", "Dansk"))


def _tones() -> list[tuple[str, str]]:
    return [("friendly", QCoreApplication.translate("DraftOptions", "Friendly")), ("formal", QCoreApplication.translate("DraftOptions", "Formal")),
            ("brief", QCoreApplication.translate("DraftOptions", "Brief"))]


def _lengths() -> list[tuple[str, str]]:
    return [("short", QCoreApplication.translate("DraftOptions", "Short")), ("normal", QCoreApplication.translate("DraftOptions", "Normal")),
            ("long", QCoreApplication.translate("DraftOptions", "Long"))]


def template_title(tpl) -> str:
    """A template's title in the window's language (the built-in ones are translated)."""
    builtin = {"follow-up": QCoreApplication.translate("DraftOptions", "Follow up after a meeting"), "inquiry": QCoreApplication.translate("DraftOptions", "Reply to an inquiry"),
               "proposal": QCoreApplication.translate("DraftOptions", "Make a proposal"), "concern": QCoreApplication.translate("DraftOptions", "Address a concern")}
    if tpl.source == "builtin":
        return builtin.get(tpl.name, tpl.title)
    if tpl.source == "company":
        return QCoreApplication.translate("DraftOptions", "%1 (from your company)").replace("%1", tpl.title)
    return tpl.title


def template_instruction(tpl) -> str:
    """What a template asks for, in the window's language (the built-in ones are translated;
    the model is always given the English text)."""
    builtin = {
        "follow-up": QCoreApplication.translate("DraftOptions", "Follow up after the latest meeting or call: thank them, "
                                                "sum up what was agreed and propose the next step."),
        "inquiry": QCoreApplication.translate("DraftOptions", "Reply to the customer's latest question or request, "
                                              "answering only what the notes allow."),
        "proposal": QCoreApplication.translate("DraftOptions", "Make a concrete proposal that fits what the customer "
                                               "wants, as the notes describe it."),
        "concern": QCoreApplication.translate("DraftOptions", "Address the customer's latest concern or objection from "
                                              "the notes, calmly and concretely."),
    }
    return builtin.get(tpl.name, tpl.instruction) if tpl.source == "builtin" else tpl.instruction


class DraftOptions(QWidget):
    manage_requested = Signal()

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("draftOptions")
        self.templates: list = []
        self.purpose = QComboBox()
        self.purpose.setObjectName("purposeChoice")
        self.purpose.setAccessibleName(self.tr("What the e-mail is for"))
        self.purpose.currentIndexChanged.connect(self._purpose_changed)
        self.manage = QToolButton()
        self.manage.setObjectName("manageTemplates")
        self.manage.setText(self.tr("Templates…"))
        self.manage.setToolTip(self.tr("Add or edit your own templates"))
        self.manage.clicked.connect(self.open_templates)
        self.about = QLineEdit()
        self.about.setObjectName("aboutLine")
        self.about.setAccessibleName(self.tr("What the e-mail is about"))
        self.about.setPlaceholderText(self.tr("About (optional): e.g. the pilot in Bergen, prices per vehicle"))
        self.language = QComboBox()
        self.language.setObjectName("draftLanguage")
        self.language.setAccessibleName(self.tr("Language of the e-mail"))
        self.language.addItem(self.tr("Language: automatic"), None)
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.tone = QComboBox()
        self.tone.setObjectName("toneChoice")
        self.tone.setAccessibleName(self.tr("Tone"))
        for code, name in _tones():
            self.tone.addItem(name, code)
        self.length = QComboBox()
        self.length.setObjectName("lengthChoice")
        self.length.setAccessibleName(self.tr("Length"))
        for code, name in _lengths():
            self.length.addItem(name, code)
        self.length.setCurrentIndex(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.purpose, 1)
        top.addWidget(self.manage)
        grid.addLayout(top, 0, 0, 1, 3)
        grid.addWidget(self.about, 1, 0, 1, 3)
        grid.addWidget(self.language, 2, 0)
        grid.addWidget(self.tone, 2, 1)
        grid.addWidget(self.length, 2, 2)
        self.fill([])

    # ---- templates ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the templates (store thread) and list them."""
        if not self.session.is_open:
            return
        self.session.run(lambda ctx, task: operations.list_templates(ctx), success=self.fill,
                         failure=lambda exc: show_error(self, exc))

    def fill(self, templates: list) -> None:
        from app.core.assistant.templates import BUILTIN

        current = self.purpose.currentData()
        self.templates = list(templates) or list(BUILTIN)
        self.purpose.blockSignals(True)
        self.purpose.clear()
        for t in self.templates:
            self.purpose.addItem(template_title(t), t.name)
        self.purpose.addItem(self.tr("Custom: only the About line"), None)
        index = self.purpose.findData(current) if current else 0
        self.purpose.setCurrentIndex(max(index, 0))
        self.purpose.blockSignals(False)

    def _purpose_changed(self, _index: int) -> None:
        t = self.template()
        tone = (t.tone if t is not None else None) or "friendly"
        length = (t.length if t is not None else None) or "normal"
        self.tone.setCurrentIndex(max(self.tone.findData(tone), 0))
        self.length.setCurrentIndex(max(self.length.findData(length), 0))
        if t is None:
            self.about.setFocus()

    def template(self):
        name = self.purpose.currentData()
        return next((t for t in self.templates if t.name == name), None)

    def select(self, *, template: str | None = None, language: str | None = None, tone: str | None = None,
               length: str | None = None, about: str | None = None) -> None:
        """Set the options (tests, and reopening a conversation)."""
        if template is not None:
            self.purpose.setCurrentIndex(max(self.purpose.findData(template), 0))
        if language is not None:
            self.language.setCurrentIndex(max(self.language.findData(language), 0))
        if tone is not None:
            self.tone.setCurrentIndex(max(self.tone.findData(tone), 0))
        if length is not None:
            self.length.setCurrentIndex(max(self.length.findData(length), 0))
        if about is not None:
            self.about.setText(about)

    def values(self) -> dict:
        """The keyword arguments of the next draft (``operations.load_draft``)."""
        return {"template": self.purpose.currentData(), "about": self.about.text().strip() or None,
                "lang": self.language.currentData(), "tone": self.tone.currentData(),
                "length": self.length.currentData()}

    def open_templates(self) -> "TemplatesDialog":
        dlg = TemplatesDialog(self.session, self.templates, self)
        dlg.changed.connect(self.refresh)
        dlg.show()
        self.dialog = dlg
        return dlg


class TemplatesDialog(QDialog):
    """The templates: the user's own can be added, edited and deleted; the others are shown."""

    changed = Signal()

    def __init__(self, session, templates: list, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("templatesDialog")
        self.setWindowTitle(self.tr("Draft templates"))
        self.resize(560, 440)
        self.list = QListWidget()
        self.list.setObjectName("templateList")
        self.list.currentRowChanged.connect(self._show)
        self.title = QLineEdit()
        self.title.setObjectName("templateTitle")
        self.instruction = QPlainTextEdit()
        self.instruction.setObjectName("templateInstruction")
        self.instruction.setMaximumHeight(96)
        self.instruction.setPlaceholderText(self.tr("What the e-mail should do, e.g. “Remind them that the contract renews soon.”"))
        self.tone = QComboBox()
        for code, name in _tones():
            self.tone.addItem(name, code)
        self.length = QComboBox()
        for code, name in _lengths():
            self.length.addItem(name, code)
        self.source = QLabel()
        self.source.setObjectName("templateSource")
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Instruction"), self.instruction)
        form.addRow(self.tr("Tone"), self.tone)
        form.addRow(self.tr("Length"), self.length)
        form.addRow("", self.source)
        self.new_btn = QPushButton(self.tr("&New"))
        self.new_btn.setObjectName("newTemplate")
        self.new_btn.clicked.connect(self.new)
        self.save_btn = QPushButton(self.tr("&Save template"))
        self.save_btn.setObjectName("saveTemplate")
        self.save_btn.clicked.connect(self.save)
        self.delete_btn = QPushButton(self.tr("&Delete"))
        self.delete_btn.setObjectName("deleteTemplate")
        self.delete_btn.clicked.connect(self.delete)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        for b in (self.new_btn, self.save_btn, self.delete_btn):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.list, 1)
        lay.addLayout(form)
        lay.addLayout(row)
        self.fill(templates)

    def fill(self, templates: list, select: str | None = None) -> None:
        self.templates = list(templates)
        self.list.clear()
        for t in self.templates:
            self.list.addItem(QListWidgetItem(template_title(t)))
        names = [t.name for t in self.templates]
        self.list.setCurrentRow(names.index(select) if select in names else 0)

    def _current(self):
        row = self.list.currentRow()
        return self.templates[row] if 0 <= row < len(self.templates) else None

    def _show(self, _row: int) -> None:
        t = self._current()
        mine = t is None or t.editable
        self.title.setText(t.title if t is not None and t.source != "builtin" else (template_title(t) if t else ""))
        self.instruction.setPlainText(template_instruction(t) if t is not None else "")
        self.tone.setCurrentIndex(max(self.tone.findData((t.tone if t else None) or "friendly"), 0))
        self.length.setCurrentIndex(max(self.length.findData((t.length if t else None) or "normal"), 0))
        for w in (self.title, self.instruction, self.tone, self.length):
            w.setEnabled(mine)
        self.save_btn.setEnabled(mine)
        self.delete_btn.setEnabled(t is not None and t.editable)
        self.source.setText("" if mine else (self.tr("From your company: set by your IT department, read-only.")
                                             if t.source == "company" else self.tr("Built in, read-only.")))

    def new(self) -> None:
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        self._show(-1)
        self.title.setFocus()

    def save(self) -> None:
        from app.core.assistant.templates import Template, slug

        t = self._current()
        name = t.name if t is not None and t.editable else slug(self.title.text())
        record = Template(name, self.title.text().strip(), self.instruction.toPlainText().strip(), "user",
                          self.tone.currentData(), self.length.currentData())

        def work(ctx, task):
            saved = operations.save_template(ctx, record).value
            return operations.list_templates(ctx), saved.name

        self.session.run(work, success=lambda r: (self.fill(r[0], r[1]), self.changed.emit()),
                         failure=lambda exc: show_error(self, exc))

    def delete(self) -> None:
        t = self._current()
        if t is None or not t.editable:
            return
        if QMessageBox.question(self, self.tr("Delete template"), self.tr("Delete the template “%1”?").replace(
                "%1", t.title)) != QMessageBox.StandardButton.Yes:
            return

        def work(ctx, task):
            operations.delete_template(ctx, t.name)
            return operations.list_templates(ctx)

        self.session.run(work, success=lambda r: (self.fill(r), self.changed.emit()), failure=lambda exc: show_error(self, exc))
