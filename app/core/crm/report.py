"""The import report and progress values (plain data; the CLI prints them, the GUI shows them).

``ImportReport.as_json()`` is exactly the shape of issue 3:
``{"files": [{"path", "format", "contacts_added", "contacts_updated", "notes_added",
"notes_skipped", "warnings": [...], "error": null | "message"}], "totals": {...}}``.
Warnings are capped per file (:data:`MAX_WARNINGS`), the last one saying how many more.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_WARNINGS = 50
_COUNTS = ("contacts_added", "contacts_updated", "notes_added", "notes_skipped")


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

    def as_json(self) -> dict:
        return {k: getattr(self, k) for k in ("path", "format", "label", "encoding", "delimiter", "columns", "preview")}


@dataclass
class FileReport:
    path: str
    format: str | None = None
    contacts_added: int = 0
    contacts_updated: int = 0
    notes_added: int = 0
    notes_skipped: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    _more: int = 0

    def warn(self, message: str) -> None:
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(message)
        else:
            self._more += 1

    def reset_counts(self) -> None:
        for k in _COUNTS:
            setattr(self, k, 0)

    def as_json(self) -> dict:
        warnings = list(self.warnings)
        if self._more:
            warnings.append(f"... and {self._more} more warnings like these.")
        d = {"path": self.path, "format": self.format}
        d.update({k: getattr(self, k) for k in _COUNTS})
        d.update(warnings=warnings, error=self.error)
        return d


@dataclass
class ImportReport:
    files: list[FileReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(f.error is None for f in self.files)

    def totals(self) -> dict:
        return {k: sum(getattr(f, k) for f in self.files) for k in _COUNTS}

    def as_json(self) -> dict:
        return {"files": [f.as_json() for f in self.files], "totals": self.totals()}
