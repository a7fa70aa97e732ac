"""What the user does with the version shown: edit it, copy it, save it as an .eml.

Edit turns the answer into a plain-text editor holding the version shown; the change is kept
as a version of its own (stored in the vault through ``operations.save_edit``, listed in the
thread as "Your edit") when the user clicks Keep edit, copies, saves or asks for a follow-up:
what is copied or saved is always the text on screen. Copy puts plain text on the clipboard
marked sensitive (:func:`copy_sensitive`); Save writes an .eml off the GUI thread. Both ask
first when the text holds a personal number (never showing the value).

A mixin of :class:`~app.gui.assistant_pane.AssistantPane` (it uses the pane's widgets).
Runs on the GUI thread.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.gui import operations
from app.gui.answer_view import display_text
from app.gui.errors import show_error
from app.gui.flags import pii_label
from app.gui.safe_text import copy_sensitive, markdown_plain
from app.gui.versions import Version


def cid_of(v: Version) -> int | None:
    return v.conversation_id if not v.partial else None


def _tr(text: str) -> str:
    return QCoreApplication.translate("AnswerActions", text)


class AnswerActions:
    # ---- editing --------------------------------------------------------------------------

    def editing(self) -> bool:
        return self.pages.currentWidget() is self.editor

    def toggle_edit(self) -> None:
        if self.editing():
            self.commit_edit()
            self.leave_edit()
            return
        v = self.result
        if v is None or self.busy:
            return
        self.editor.setPlainText(self._body_text(v))
        self.pages.setCurrentWidget(self.editor)
        self.edit_btn.setText(_tr("&Keep edit"))
        self.state.setText(_tr("Edit the text; Copy and Save take it as it is."))
        self.editor.setFocus()

    def leave_edit(self) -> None:
        if self.editing():
            self.pages.setCurrentWidget(self.answer)
        self.edit_btn.setText(_tr("&Edit"))

    def commit_edit(self) -> Version | None:
        """Keep the editor's text as a new version when it differs from the version shown
        (or the subject line changed); stored in the vault when the answer is."""
        v = self.result
        if v is None:
            return None
        body = self.editor.toPlainText().strip() if self.editing() else self._body_text(v)
        subject = self.subject_field.text().strip() or None if v.task == "draft" else None
        if body == self._body_text(v) and (subject or None) == (v.subject or None):
            return None
        if not body:
            return None
        new = Version(task=v.task, text=body, subject=subject, edited=True, conversation_id=v.conversation_id,
                      citations=list(v.citations), partial=v.partial)
        self.thread.add(new)
        self.result = new
        if self.editing():
            self.leave_edit()
        self.answer.set_text(new.text)
        self.flags.clear()
        kept = cid_of(v) is not None
        self.state.setText(_tr("Your edit is kept as a new version.") if kept else
                           _tr("Your edit is shown; it is not in the vault."))
        cid = v.conversation_id
        if cid is not None and not v.partial:
            self.session.run(lambda ctx, task: operations.save_edit(ctx, cid, text=body, subject=subject),
                             success=lambda _r: self.state.setText(_tr("Your edit is kept as a new version.")),
                             failure=lambda exc: show_error(self, exc))
        self._refresh()
        return new

    @staticmethod
    def _body_text(v: Version) -> str:
        """The version's body as plain text (what is edited, copied and saved)."""
        return v.text.strip() if v.edited else markdown_plain(display_text(v.text or "")).strip()

    # ---- copy and save ----------------------------------------------------------------------

    def _plain_result(self) -> str:
        v = self.result
        if v is None:
            return ""
        text = self.editor.toPlainText().strip() if self.editing() else self._body_text(v)
        subject = self.subject_field.text().strip() if v.task == "draft" else ""
        return f"{subject}\n\n{text}" if subject else text

    def copy(self) -> None:
        """Copy the text shown as plain text (Markdown removed), marked sensitive for clipboard
        managers and cleared after a while (:func:`copy_sensitive`); an edit is kept first."""
        self.commit_edit()
        text = self._plain_result()
        if self.confirm_personal_numbers(text, _tr("Copy it anyway?")):
            copy_sensitive(text)
            self.state.setText(_tr("Copied"))
            self.copy_btn.setText(_tr("Copied"))
            QTimer.singleShot(2000, self.copy_btn, lambda: self.copy_btn.setText(_tr("&Copy")))

    def confirm_personal_numbers(self, text: str, question: str) -> bool:
        """True when ``text`` has no personal numbers, or the user confirms after being told
        which kinds were found (never the values: the box may be on a shared screen)."""
        from app.core.privacy import pii

        kinds = list(dict.fromkeys(f.kind for f in pii.scan(text)))
        if not kinds:
            return True
        found = "\n".join("• " + pii_label(k) for k in kinds)
        box = QMessageBox(QMessageBox.Icon.Warning, _tr("Personal numbers in the draft"),
                          _tr("The draft seems to contain:\n%1\n\n%2").replace("%1", found).replace("%2", question),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("personalNumbersBox")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.pii_box = box  # tests answer it
        try:
            return box.exec() == QMessageBox.StandardButton.Yes
        finally:
            self.pii_box = None
            box.deleteLater()

    def save_eml(self) -> None:
        self.commit_edit()
        if self.result is None or not self.confirm_personal_numbers(self._plain_result(), _tr("Save it anyway?")):
            return
        path, _ = QFileDialog.getSaveFileName(self, _tr("Save draft as"), self.suggested_eml_path(), _tr("E-mail (*.eml)"))
        if path:
            self.write_eml(Path(path))

    def suggested_eml_path(self) -> str:
        """"Follow-up – Kari Nordmann.eml" in the user's documents folder."""
        t = self.target or {}
        name = str(t.get("name") or t.get("label") or "").split(" · ")[0]
        name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "", name).strip() or _tr("draft")
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        return str(Path(folder) / _tr("Follow-up – %1.eml").replace("%1", name))

    def write_eml(self, path: Path) -> None:
        """Write the version shown to ``path`` off the GUI thread (a local file, never sent).
        From: is the user's name and address (Settings › You) when set."""
        v, t = self.result, self.target or {}
        self.commit_edit()
        v = self.result or v
        write = operations.write_eml
        subject = self.subject_field.text().strip() or (v.subject or "")
        to_name = str(t.get("name") or t.get("label") or "").split(" · ")[0] or None
        body = self.editor.toPlainText().strip() if self.editing() else self._body_text(v)
        fields = dict(subject=subject, body=body, to_name=to_name, to_email=t.get("email"))
        settings = self.session.ctx.settings if self.session.ctx else None
        if settings and settings.get("user_name"):
            fields["from_name"] = settings.get("user_name")
        if settings and settings.get("user_email"):
            fields["from_email"] = settings.get("user_email")
        self.session.executors.background.submit(
            lambda task: write(path, **fields),
            success=lambda p: self.state.setText(_tr("Saved %1").replace("%1", str(p))),
            failure=lambda exc: show_error(self, exc),
        )
