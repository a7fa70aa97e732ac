"""The import wizard's last page: what an import did, its warnings in plain words, and the
importer's own lines (line numbers, CRM ids, column names) only under Details.

Above everything, a file with more than 10 % of its notes unlinked (the core sets its
``link_warning``) is named in plain words; below the counts, one line per kind of warning
("91 notes could not be matched to a person or company — see Details.").

Strings kept from the wizard are in its "ImportWizard" translation context; the new ones
in "ImportMapping". Runs on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QToolButton, QVBoxLayout, QWidget

from app.gui.errors import for_window
from app.gui.import_mapping import t
from app.gui.safe_text import SafeTextView


def _w(text: str) -> str:
    return QCoreApplication.translate("ImportWizard", text)


def plain_warnings(report, problems: int = 0) -> list[str]:
    """The report's warnings as counts in plain words (``problems``: files left out before
    the import, as unreadable)."""
    tot = report.totals()
    out = []
    n = tot.get("notes_unlinked", 0)
    if n:
        out.append(t("%n note could not be matched to a person or company — see Details.", n) if n == 1 else
                   t("%n notes could not be matched to a person or company — see Details.", n))
    n = sum(1 for f in report.files if f.error) + problems
    if n:
        out.append(t("%n file could not be imported — see Details.", n) if n == 1 else
                   t("%n files could not be imported — see Details.", n))
    n = tot.get("forget_requested", 0)
    if n:  # the CRM's own flag; the window erases them on request
        out.append(_w("%1 people asked (in their CRM) to be forgotten: erase them under Privacy → Forget those who asked.")
                   .replace("%1", str(n)))
    n = sum(f.warning_count - (f.link_warning is not None) for f in report.files)
    if n:
        out.append(t("%n warning in all — see Details.", n) if n == 1 else t("%n warnings in all — see Details.", n))
    return out


def pipeline_text(counts: dict) -> str:
    """Deals and activities of an import (issue 22), and what a re-import found already there."""
    deals, acts = counts.get("deals") or {}, counts.get("activities") or {}
    lines = []
    if deals.get("added") or deals.get("updated") or acts.get("added"):
        lines.append(_w("Deals added: %1, updated: %2. Activities added: %3 (calls: %4, meetings: %5, e-mails: %6, tasks: %7).")
                     .replace("%1", str(deals.get("added", 0))).replace("%2", str(deals.get("updated", 0)))
                     .replace("%3", str(acts.get("added", 0))).replace("%4", str(acts.get("call", 0)))
                     .replace("%5", str(acts.get("meeting", 0))).replace("%6", str(acts.get("email", 0)))
                     .replace("%7", str(acts.get("task", 0))))
    already = (counts.get("contacts_already_there", 0), counts.get("notes_already_there", 0), deals.get("already_there", 0),
               acts.get("already_there", 0))
    if any(already):
        lines.append(_w("Already there, not added twice: %1 people, %2 notes, %3 deals, %4 activities.")
                     .replace("%1", str(already[0])).replace("%2", str(already[1])).replace("%3", str(already[2]))
                     .replace("%4", str(already[3])))
    return "\n".join(lines)


def links_text(counts: dict) -> str:
    return (_w("Notes on a contact: %1, on a company only: %2, not linked: %3.")
            .replace("%1", str(counts.get("notes_linked_contact", 0)))
            .replace("%2", str(counts.get("notes_linked_account_only", 0)))
            .replace("%3", str(counts.get("notes_unlinked", 0))))


class ImportReportPage(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.link_warning = QLabel()
        self.link_warning.setObjectName("importLinkWarning")
        self.link_warning.setWordWrap(True)
        self.link_warning.setStyleSheet("color: #a00000; font-weight: bold; border: 1px solid #a00000; padding: 6px;")
        self.link_warning.hide()
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.warning_summary = QLabel()
        self.warning_summary.setObjectName("importWarningSummary")
        self.warning_summary.setWordWrap(True)
        self.details_btn = QToolButton()
        self.details_btn.setObjectName("importDetailsButton")
        self.details_btn.setText(t("&Details"))
        self.details_btn.setCheckable(True)
        self.details_btn.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_btn.setArrowType(Qt.ArrowType.RightArrow)
        self.details_btn.toggled.connect(self._toggle_details)
        self.details = SafeTextView(accessible_name=_w("Import report"))
        self.details.setObjectName("importReport")
        self.details.hide()
        lay = QVBoxLayout(self)
        lay.addWidget(self.link_warning)
        lay.addWidget(self.summary)
        lay.addWidget(self.warning_summary)
        lay.addWidget(self.details_btn)
        lay.addWidget(self.details, 1)
        lay.addStretch(0)

    def show_report(self, report, problems: dict[str, str]) -> None:
        """Fill the page from an ImportReport and the files left out (path -> message)."""
        tot = report.totals()
        self.summary.setText(_w(
            "Contacts added: %1, updated: %2. Notes added: %3, skipped as duplicates or empty: %4."
        ).replace("%1", str(tot.get("contacts_added", 0))).replace("%2", str(tot.get("contacts_updated", 0)))
         .replace("%3", str(tot.get("notes_added", 0))).replace("%4", str(tot.get("notes_skipped", 0)))
         + "\n" + links_text(tot) + ("\n" + pipeline_text(tot) if pipeline_text(tot) else ""))
        heavy = []
        for f in report.files:
            if getattr(f, "link_warning", None):
                total = f.notes_linked_contact + f.notes_linked_account_only + f.notes_unlinked
                heavy.append(t("%1: %2 of %3 notes could not be matched to a person or company; they are kept under "
                               "“Unlinked notes”. Import the contacts file of the same export, now or later, and they "
                               "move to their people.").replace("%1", Path(f.path).name)
                             .replace("%2", str(f.notes_unlinked)).replace("%3", str(total)))
        self.link_warning.setText("\n".join(heavy))
        self.link_warning.setVisible(bool(heavy))
        self.warning_summary.setText("\n".join(plain_warnings(report, len(problems))))
        self.warning_summary.setVisible(bool(self.warning_summary.text()))
        lines = []
        for f in report.files:
            lines.append(f"{Path(f.path).name} ({f.format or '?'})")
            if f.error:
                lines.append("  " + _w("Error: %1").replace("%1", for_window(f.error)))
            elif f.notes_added:
                lines.append("  " + links_text(f.as_json()))
            if getattr(f, "link_warning", None):
                lines.append("  " + _w("Warning: %1").replace("%1", for_window(f.link_warning)))
            for w in f.as_json()["warnings"]:
                lines.append("  " + _w("Warning: %1").replace("%1", for_window(w)))
        for p, msg in problems.items():
            lines.append(f"{Path(p).name}: {msg}")
        self.details.set_text("\n".join(lines))
        self.details_btn.setChecked(False)

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_btn.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
