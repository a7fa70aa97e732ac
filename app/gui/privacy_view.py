"""Privacy and settings: what protects the data, and the user's rights.

Shows the network guard (on, attempts blocked), the encryption and where the key lives,
the model file's hash and trust, retention, the last integrity check, and the settings;
a setting fixed by IT policy is shown disabled with a "Managed by your IT policy" tooltip.
The consent flags contacts carry from their CRM are counted (opted out of e-mail, of calls,
objected to processing, asked to be forgotten), and "Forget those who asked…" erases exactly
the people whose CRM says they asked to be forgotten, after a confirmation listing them.
Buttons: export everything, forget a contact, audit log (export is disabled, with the
policy named in its tooltip, when IT policy forbids it). Reads and writes run on the store
thread. Runs on the GUI thread.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.core.privacy import netguard
from app.gui import operations
from app.gui.errors import show_error
from app.gui.highlight import elide
from app.gui.model_picker import ModelChooser
from app.gui.session import Session

class PrivacyDialog(QDialog):
    settings_changed = Signal()
    contact_forgotten = Signal(int)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        ctx = session.ctx
        settings = ctx.settings
        self.setWindowTitle(self.tr("Privacy"))
        self.setObjectName("privacyDialog")
        managed_tip = self.tr("Managed by your IT policy (%1)").replace("%1", str(ctx.policy.source))

        form = QFormLayout()
        st = netguard.status()
        self.guard = QLabel(
            (self.tr("On") if st["active"] else self.tr("OFF")) + " · "
            + self.tr("%1 connection attempts blocked").replace("%1", str(st["blocked_attempts"]))
        )
        self.guard.setObjectName("privacyGuard")
        form.addRow(self.tr("Network guard"), self.guard)
        door = ctx.policy.get("inference_url")  # where answers are generated
        self.answers = QLabel(
            self.tr("On the company server %1, set by your IT policy (the only address this app can reach)").replace("%1", door)
            if door else self.tr("On this computer")
        )
        self.answers.setObjectName("privacyAnswers")
        if door:
            self.answers.setToolTip(self.tr("Certificate SHA-256: %1").replace(
                "%1", str(ctx.policy.get("inference_tls_sha256") or ctx.policy.get("inference_ca_bundle"))))
        form.addRow(self.tr("Answers generated"), self.answers)
        form.addRow(self.tr("Database"), QLabel(self.tr("Encrypted with SQLCipher (AES-256) at %1").replace("%1", str(ctx.paths.vault))))
        if ctx.key_info.mode == "keyring":
            key = self.tr("In the system keyring (%1)").replace("%1", ctx.key_info.backend.rsplit(".", 2)[-2])
        else:
            key = self.tr("Wrapped with your passphrase (Argon2id) in %1").replace("%1", str(ctx.paths.keyfile))
        self.key = QLabel(key)
        self.key.setObjectName("privacyKey")
        form.addRow(self.tr("Data key"), self.key)
        # The same chooser as the first-run step: checks, records the hash, sets model_path.
        self.model = ModelChooser(session, self)
        form.addRow(self.tr("Model"), self.model)

        self.integrity = QLabel()
        self.integrity.setObjectName("privacyIntegrity")
        self.check_btn = QPushButton(self.tr("Check now"))
        self.check_btn.setObjectName("integrityButton")
        self.check_btn.clicked.connect(self.check_integrity)
        row = QHBoxLayout()
        row.addWidget(self.integrity, 1)
        row.addWidget(self.check_btn)
        form.addRow(self.tr("Last integrity check"), row)

        # ---- consent flags from the CRM
        self.consent = QLabel(self.tr("Reading…"))
        self.consent.setObjectName("privacyConsent")
        self.consent.setWordWrap(True)
        self.forget_requested_btn = QPushButton(self.tr("Forget those who asked…"))
        self.forget_requested_btn.setObjectName("forgetRequestedButton")
        self.forget_requested_btn.setEnabled(False)
        self.forget_requested_btn.clicked.connect(self.forget_requested)
        crow = QHBoxLayout()
        crow.addWidget(self.consent, 1)
        crow.addWidget(self.forget_requested_btn)
        form.addRow(self.tr("Consent (from the CRM)"), crow)
        self.refresh_consent()
        self.last_integrity: dict | None = None
        self.integrity.setText(self.tr("Reading…"))
        session.run(lambda ctx, task: operations.last_integrity(ctx), success=self._show_integrity,
                    failure=lambda exc: show_error(self, exc))

        # ---- settings (policy wins: managed ones are disabled)
        self.retention = QSpinBox()
        self.retention.setObjectName("retentionDays")
        self.retention.setRange(1, 36500)
        self.retention.setSuffix(self.tr(" days"))
        self.retention.setValue(int(settings.get("retention_days")))
        self.auto_lock = QSpinBox()
        self.auto_lock.setObjectName("autoLockMinutes")
        self.auto_lock.setRange(0, 1440)
        self.auto_lock.setSpecialValueText(self.tr("Never"))
        self.auto_lock.setSuffix(self.tr(" min"))
        self.auto_lock.setValue(int(settings.get("auto_lock_minutes")))
        self.reasoning = QCheckBox(self.tr("Keep the model's reasoning with answers"))
        self.reasoning.setObjectName("storeReasoning")
        self.reasoning.setChecked(bool(settings.get("store_reasoning")))
        self.controls = {
            "retention_days": self.retention,
            "auto_lock_minutes": self.auto_lock,
            "store_reasoning": self.reasoning,
        }
        for key, w in self.controls.items():
            w.setAccessibleName(key.replace("_", " "))
            if settings.is_managed(key):
                w.setEnabled(False)
                w.setToolTip(managed_tip)
        form.addRow(self.tr("Retention"), self.retention)
        form.addRow(self.tr("Auto-lock after"), self.auto_lock)
        form.addRow("", self.reasoning)

        # ---- rights
        self.export_btn = QPushButton(self.tr("&Export all data…"))
        self.export_btn.setObjectName("exportButton")
        self.export_btn.clicked.connect(self.export_all)
        self.forget_btn = QPushButton(self.tr("&Forget a contact…"))
        self.forget_btn.setObjectName("forgetButton")
        self.forget_btn.clicked.connect(self.forget_contact)
        self.audit_btn = QPushButton(self.tr("&Audit log…"))
        self.audit_btn.setObjectName("auditButton")
        self.audit_btn.clicked.connect(self.show_audit)
        if not settings.get("allow_export"):
            self.export_btn.setEnabled(False)
            self.export_btn.setToolTip(managed_tip)
        buttons = QHBoxLayout()
        for b in (self.export_btn, self.forget_btn, self.audit_btn):
            buttons.addWidget(b)
        self.save_btn = QPushButton(self.tr("&Save settings"))
        self.save_btn.setObjectName("saveSettings")
        self.save_btn.clicked.connect(self.save)
        self.saved = QLabel()
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addLayout(buttons)
        self.close_btn = QPushButton(self.tr("Close"))
        self.close_btn.setObjectName("closePrivacy")
        self.close_btn.clicked.connect(self.reject)
        end = QHBoxLayout()
        end.addWidget(self.saved, 1)
        end.addWidget(self.save_btn)
        end.addWidget(self.close_btn)
        lay.addLayout(end)

    # ---- settings -----------------------------------------------------------------------

    def values(self) -> dict:
        return {
            "retention_days": self.retention.value(),
            "auto_lock_minutes": self.auto_lock.value(),
            "store_reasoning": self.reasoning.isChecked(),
        }

    def save(self) -> None:
        wanted = {k: v for k, v in self.values().items() if self.controls[k].isEnabled()}

        self.session.run(lambda ctx, task: operations.save_settings(ctx, wanted), success=self._saved,
                         failure=lambda exc: show_error(self, exc))

    def _saved(self, _=None) -> None:
        self.saved.setText(self.tr("Saved."))
        self.settings_changed.emit()

    # ---- model --------------------------------------------------------------------------

    def choose_model(self, path: str) -> None:
        """Check ``path`` and use it when it is usable and trusted (see :class:`ModelChooser`)."""
        self.model.choose(path)

    # ---- integrity ----------------------------------------------------------------------

    def _show_integrity(self, record: dict | None) -> None:
        self.last_integrity = record
        if record is None:
            self.integrity.setText(self.tr("Never checked"))
            return
        try:
            at = datetime.fromisoformat(record["at"]).strftime("%Y-%m-%d %H:%M")
        except (TypeError, ValueError):
            at = str(record["at"])
        verdict = self.tr("OK") if record.get("ok") else self.tr("PROBLEMS FOUND: export your data and ask your IT department for help")
        self.integrity.setText(f"{verdict} · {at}")

    def check_integrity(self) -> None:
        self.check_btn.setEnabled(False)
        self.integrity.setText(self.tr("Checking…"))
        self.session.run(lambda ctx, task: operations.check_integrity(ctx), success=self._checked,
                         failure=lambda exc: (self.check_btn.setEnabled(True), show_error(self, exc)))

    def _checked(self, record: dict) -> None:
        self.check_btn.setEnabled(True)
        self._show_integrity(record)

    # ---- rights -------------------------------------------------------------------------

    def export_all(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export all data"), "confidant-export.json", "JSON (*.json)")
        if not path:
            return
        export = operations.export
        self.session.run(lambda ctx, task: export(ctx, path, fmt="json", force=True),
                         success=lambda r: self.saved.setText(self.tr("Exported to %1 (unencrypted: keep it safe).").replace("%1", str(r.get("path", path)))),
                         failure=lambda exc: show_error(self, exc))

    def forget_contact(self) -> "ChooseContactDialog":
        """Choose the person from a list (type to narrow it), then confirm what is deleted."""
        dlg = ChooseContactDialog(self.session, self)
        dlg.chosen.connect(self._forget_chosen)
        dlg.show()
        self.chooser = dlg
        return dlg

    def _forget_chosen(self, contact_id: int) -> None:
        describe = operations.describe_forget
        self.session.run(lambda ctx, task: describe(ctx, str(contact_id)), success=self._confirm_forget,
                         failure=lambda exc: show_error(self, exc))

    def _confirm_forget(self, plan: dict) -> None:
        from app.gui.card import ask_forget

        box = ask_forget(self, plan)
        box.finished.connect(lambda _r: self._forget_answered(box.standardButton(box.clickedButton()), int(plan["id"])))
        box.open()

    def _forget_answered(self, answer, contact_id: int) -> None:
        if answer != QMessageBox.StandardButton.Yes:
            return

        def done(_r) -> None:
            self.saved.setText(self.tr("Forgotten."))
            self.contact_forgotten.emit(contact_id)

        self.session.run(lambda ctx, task: operations.forget(ctx, contact_id), success=done,
                         failure=lambda exc: show_error(self, exc))

    # ---- consent ----------------------------------------------------------------

    def refresh_consent(self) -> None:
        self.session.run(lambda ctx, task: operations.consent_counts(ctx), success=self._show_consent,
                         failure=lambda exc: show_error(self, exc))

    def _show_consent(self, counts: dict) -> None:
        self.consent_counts = counts
        self.consent.setText(
            self.tr("%1 opted out of e-mail · %2 of phone calls · %3 objected to processing (their notes never go to "
                    "the assistant) · %4 asked to be forgotten")
            .replace("%1", str(counts["email_opt_out"])).replace("%2", str(counts["call_opt_out"]))
            .replace("%3", str(counts["processing_objection"])).replace("%4", str(counts["forget_requested"])))
        n = counts["forget_requested"]
        self.forget_requested_btn.setEnabled(n > 0)
        self.forget_requested_btn.setText(self.tr("Forget those who asked (%1)…").replace("%1", str(n)))

    def forget_requested(self) -> None:
        """List the people who asked to be forgotten; erase exactly them when the user says Yes."""
        self.session.run(lambda ctx, task: operations.describe_requested(ctx), success=self._confirm_requested,
                         failure=lambda exc: show_error(self, exc))

    def _confirm_requested(self, people: list[dict]) -> None:
        if not people:
            self.refresh_consent()
            return
        names = "\n".join(f"{p['name']} <{p['email'] or '—'}>" for p in people)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Forget those who asked"),
                          self.tr("These %1 people asked (in your CRM) to be forgotten:\n\n%2\n\nForget them and everything "
                                  "about them, for good?").replace("%1", str(len(people))).replace("%2", names),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("forgetRequestedQuestion")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setEscapeButton(QMessageBox.StandardButton.No)
        ids = [p["id"] for p in people]
        box.finished.connect(lambda _r: self._forget_requested_answered(box.standardButton(box.clickedButton()), ids))
        self.requested_question = box
        box.open()

    def _forget_requested_answered(self, answer, ids: list[int]) -> None:
        if answer != QMessageBox.StandardButton.Yes:
            return

        def done(result: dict) -> None:
            self.saved.setText(self.tr("Forgotten: %1 people who asked.").replace("%1", str(len(result["forgotten"]))))
            for cid in ids:
                self.contact_forgotten.emit(cid)
            self.refresh_consent()

        self.session.run(lambda ctx, task: operations.forget_requested(ctx, only=ids), success=done,
                         failure=lambda exc: show_error(self, exc))

    def show_audit(self) -> None:
        self.session.run(lambda ctx, task: operations.audit_entries(ctx, limit=500), success=self._show_audit,
                         failure=lambda exc: show_error(self, exc))

    def _show_audit(self, rows: list[dict]) -> None:
        dlg = QDialog(self)
        dlg.setObjectName("auditDialog")
        dlg.setWindowTitle(self.tr("Audit log"))
        dlg.resize(760, 440)
        table = QTableWidget(len(rows), 3)
        table.setObjectName("auditTable")
        table.setAccessibleName(self.tr("Audit log"))
        table.setHorizontalHeaderLabels([self.tr("When"), self.tr("What happened"), self.tr("Details")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for i, r in enumerate(reversed(rows)):  # newest first
            for j, text in enumerate((audit_time(r.get("at")), audit_event(r.get("event")), audit_details(r.get("details")))):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(i, j, item)
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        self.audit_table = table
        close = QPushButton(self.tr("Close"))
        close.setObjectName("closeAudit")
        close.clicked.connect(dlg.reject)
        lay = QVBoxLayout(dlg)
        lay.addWidget(table)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        lay.addLayout(row)
        self.audit_dialog = dlg
        dlg.show()


def audit_time(at) -> str:
    try:
        return datetime.fromisoformat(str(at)).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return str(at or "")


def audit_event(event) -> str:
    """``model.first_seen`` -> "Model: first seen"."""
    area, _, what = str(event or "").partition(".")
    area = area.replace("_", " ").capitalize()
    return f"{area}: {what.replace('_', ' ').replace('.', ' ')}" if what else area


def audit_details(details) -> str:
    """``{"notes": 3, "subject": "contact#12"}`` -> "notes 3 · subject contact#12"."""
    if not isinstance(details, dict):
        return "" if details is None else str(details)
    return " · ".join(f"{str(k).replace('_', ' ')} {v}" for k, v in details.items())


class ChooseContactDialog(QDialog):
    """Pick a person: a search line over a list of names and e-mail addresses (store thread)."""

    chosen = Signal(int)  # the contact's id

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("chooseContactDialog")
        self.setWindowTitle(self.tr("Forget a contact"))
        self.resize(460, 420)
        self.search = QLineEdit()
        self.search.setObjectName("chooseContactSearch")
        self.search.setPlaceholderText(self.tr("Type a name, company or e-mail to narrow the list"))
        self.search.textChanged.connect(self.refresh)
        self.list = QListWidget()
        self.list.setObjectName("chooseContactList")
        self.list.setAccessibleName(self.tr("People"))
        elide(self.list)  # long entries end in "…" with the full text as a tooltip
        self.list.itemActivated.connect(lambda _i: self.choose())
        self.ok = QPushButton(self.tr("&Forget…"))
        self.ok.setObjectName("chooseContactOk")
        self.ok.clicked.connect(self.choose)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.ok)
        row.addWidget(cancel)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Whom should Confidant forget?")))
        lay.addWidget(self.search)
        lay.addWidget(self.list, 1)
        lay.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        query = self.search.text().strip() or None
        self.session.run(lambda ctx, task: operations.people_page(ctx, query, 0, 200), success=self._show,
                         failure=lambda exc: show_error(self, exc))

    def _show(self, contacts: list[dict]) -> None:
        self.list.clear()
        for c in contacts:
            text = " · ".join(str(x) for x in (c.get("name"), c.get("company"), c.get("email")) if x)
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, int(c["id"]))
            self.list.addItem(item)
        if contacts:
            self.list.setCurrentRow(0)
        self.ok.setEnabled(bool(contacts))

    def choose(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))
        self.accept()
