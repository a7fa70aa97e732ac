"""The import report and progress values (plain data; the CLI prints them, the GUI shows them).

``ImportReport.as_json()`` is the shape of issue 3 with the linkage of issue 16:
``{"files": [{"path", "format", "contacts_added", "contacts_updated", "notes_added",
"notes_skipped", "notes_linked_contact", "notes_linked_account_only", "notes_unlinked",
"link_warning": null | "message", "warnings": [...], "error": null | "message"}],
"totals": {...the same counts..., "notes_relinked"}}``. The three linkage counts split
``notes_added`` by where each note went: to a contact, to a company only, or to the
"Unlinked notes" holder. ``link_warning`` is set when more than 10 % of a file's notes
could not be linked, and names the column the parent was looked up by.
Warnings are capped per file (:data:`MAX_WARNINGS`), the last one saying how many more.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.model import Changes

MAX_WARNINGS = 50
UNLINKED_WARN_SHARE = 0.10  # more than this share of a file's notes unlinked: a prominent warning
_LINKS = ("notes_linked_contact", "notes_linked_account_only", "notes_unlinked")
_COUNTS = ("contacts_added", "contacts_updated", "notes_added", "notes_skipped") + _LINKS


@dataclass
class ImportProgress:
    file: str
    rows_done: int
    bytes_done: int
    bytes_total: int
    file_index: int = 0
    files_total: int = 1


@dataclass
class Detection:
    path: str
    format: str
    label: str
    encoding: str
    delimiter: str
    columns: list[str]
    preview: list[list[str]]
    stage: int = 3
    encoding_warning: str | None = None  # the guessed encoding looks wrong (mojibake such as "Bj›rn")

    def as_json(self) -> dict:
        return {k: getattr(self, k) for k in ("path", "format", "label", "encoding", "delimiter", "columns", "preview",
                                              "encoding_warning")}


@dataclass
class FileReport:
    path: str
    format: str | None = None
    contacts_added: int = 0
    contacts_updated: int = 0
    notes_added: int = 0
    notes_skipped: int = 0
    notes_linked_contact: int = 0
    notes_linked_account_only: int = 0
    notes_unlinked: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    link_warning: str | None = None
    link_column: str | None = None  # the column the notes' parents were looked up by
    encoding_warning: str | None = None
    consent_updated: set = field(default_factory=set)  # contacts whose consent flags this file read
    _more: int = 0

    @property
    def warning_count(self) -> int:
        return len(self.warnings) + self._more + (self.link_warning is not None)

    def warn(self, message: str) -> None:
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(message)
        else:
            self._more += 1

    def reset_counts(self) -> None:
        for k in _COUNTS:
            setattr(self, k, 0)
        self.link_warning = None
        self.consent_updated = set()

    def as_json(self) -> dict:
        warnings = list(self.warnings)
        if self._more:
            warnings.append(f"... and {self._more} more warnings like these.")
        d = {"path": self.path, "format": self.format}
        d.update({k: getattr(self, k) for k in _COUNTS})
        d["consent_updated"] = len(self.consent_updated)
        d.update(link_warning=self.link_warning, warnings=warnings, error=self.error)
        return d


@dataclass
class ImportReport:
    files: list[FileReport] = field(default_factory=list)
    notes_relinked: int = 0  # notes from earlier imports moved to a parent that arrived now
    forget_requested: int = 0  # people in the vault who asked (in their CRM) to be forgotten, after this import

    @property
    def ok(self) -> bool:
        return all(f.error is None for f in self.files)

    @property
    def changes(self) -> Changes:
        """What the import changed in the vault (accounts are not counted: any committed file
        may have added some)."""
        t = self.totals()
        return Changes(contacts=bool(t["contacts_added"] or t["contacts_updated"]),
                       accounts=any(f.error is None for f in self.files),
                       notes=bool(t["notes_added"] or self.notes_relinked))

    def totals(self) -> dict:
        t = {k: sum(getattr(f, k) for f in self.files) for k in _COUNTS}
        t["notes_relinked"] = self.notes_relinked
        t["consent_updated"] = len(set().union(*(f.consent_updated for f in self.files)))
        t["forget_requested"] = self.forget_requested
        return t

    def as_json(self) -> dict:
        return {"files": [f.as_json() for f in self.files], "totals": self.totals()}
