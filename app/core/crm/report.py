"""The import report and progress values (plain data; the CLI prints them, the GUI shows them).

``ImportReport.as_json()`` is the shape DESIGN.md documents for `import --json`:
``{"files": [{"path", "format", "contacts_added", "contacts_updated", "notes_added",
"notes_skipped", "notes_linked_contact", "notes_linked_account_only", "notes_unlinked",
"consent_updated", "link_warning": null | "message", "warnings": [...], "error": null | "message"}],
"totals": {...the same counts..., "notes_relinked", "forget_requested"}}``. ``consent_updated``
counts the contacts whose CRM consent flags the file read; ``forget_requested`` is
how many people in the vault asked (in their CRM) to be forgotten after the import. The three linkage counts split
``notes_added`` by where each note went: to a contact, to a company only, or to the
"Unlinked notes" holder. ``link_warning`` is set when more than 10 % of a file's notes
could not be linked, and names the column the parent was looked up by.
Warnings are capped per file (:data:`MAX_WARNINGS`), the last one saying how many more.

The pipeline (issue 22) adds, per file and in the totals: ``deals`` ``{added, updated,
already_there, roles, linked_account, no_account}`` and ``activities`` ``{added,
already_there, call, meeting, email, task, note, linked_contact, linked_account_only,
unlinked}`` (activities are not counted again as notes), the flat ``deals_added``,
``deals_updated``, ``activities_added``, and what a re-import found stored:
``contacts_already_there``, ``notes_already_there``.
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


KINDS = ("call", "meeting", "email", "task", "note")


@dataclass
class PipelineCounts:
    """A file's deals and activities. ``activities`` counts new ones per kind and
    where they went, as the notes counts do; ``*_already`` what a re-import found stored."""

    deals_added: int = 0
    deals_updated: int = 0
    deals_already: int = 0
    deal_roles: int = 0
    deals_on_account: int = 0  # new deals linked to a company
    deals_no_account: int = 0  # new deals whose company is not in the vault
    activities_added: int = 0
    activities_already: int = 0
    by_kind: dict = field(default_factory=lambda: {k: 0 for k in KINDS})
    linked_contact: int = 0
    linked_account_only: int = 0
    unlinked: int = 0

    def count_deal(self, status: str, on_account: bool = True) -> None:
        if status == "added":
            self.deals_added += 1
            if on_account:
                self.deals_on_account += 1
            else:
                self.deals_no_account += 1
        elif status == "updated":
            self.deals_updated += 1
        else:
            self.deals_already += 1

    def count_activity(self, kind: str, category: str, *, new: bool) -> None:
        if not new:
            self.activities_already += 1
            return
        self.activities_added += 1
        self.by_kind[kind] = self.by_kind.get(kind, 0) + 1
        attr = {"contact": "linked_contact", "account": "linked_account_only"}.get(category, "unlinked")
        setattr(self, attr, getattr(self, attr) + 1)

    def move(self, old: str, new: str) -> None:
        """An activity placed later (its parent arrived in a later file of the same import)."""
        attrs = {"contact": "linked_contact", "account": "linked_account_only", "unlinked": "unlinked"}
        if old != new:
            setattr(self, attrs[old], getattr(self, attrs[old]) - 1)
            setattr(self, attrs[new], getattr(self, attrs[new]) + 1)

    def add(self, other: "PipelineCounts") -> None:
        for k in ("deals_added", "deals_updated", "deals_already", "deal_roles", "deals_on_account", "deals_no_account",
                  "activities_added", "activities_already",
                  "linked_contact", "linked_account_only", "unlinked"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        for k, v in other.by_kind.items():
            self.by_kind[k] = self.by_kind.get(k, 0) + v

    def as_json(self) -> dict:
        return {
            "deals_added": self.deals_added, "deals_updated": self.deals_updated, "activities_added": self.activities_added,
            "deals": {"added": self.deals_added, "updated": self.deals_updated, "already_there": self.deals_already,
                      "roles": self.deal_roles, "linked_account": self.deals_on_account, "no_account": self.deals_no_account},
            "activities": {"added": self.activities_added, "already_there": self.activities_already, **self.by_kind,
                           "linked_contact": self.linked_contact, "linked_account_only": self.linked_account_only,
                           "unlinked": self.unlinked},
        }


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
    contacts_already: int = 0  # a re-import: people that were there, unchanged
    notes_already: int = 0  # a re-import: notes that were there (part of notes_skipped)
    pipeline: PipelineCounts = field(default_factory=PipelineCounts)
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
        self.contacts_already = self.notes_already = 0
        self.pipeline = PipelineCounts()
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
        d.update(contacts_already_there=self.contacts_already, notes_already_there=self.notes_already, **self.pipeline.as_json())
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
        t["contacts_already_there"] = sum(f.contacts_already for f in self.files)
        t["notes_already_there"] = sum(f.notes_already for f in self.files)
        p = PipelineCounts()
        for f in self.files:
            p.add(f.pipeline)
        t.update(p.as_json())
        t["notes_relinked"] = self.notes_relinked
        t["consent_updated"] = len(set().union(*(f.consent_updated for f in self.files)))
        t["forget_requested"] = self.forget_requested
        return t

    def as_json(self) -> dict:
        return {"files": [f.as_json() for f in self.files], "totals": self.totals()}
