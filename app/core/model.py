"""The records that cross a seam: from the vault to the window, the command line and the prompt.

A note is one :class:`Note` from the vault's query to the prompt builder; an import writes a
:class:`NewNote`; a contact or an account is a :class:`Subject`, named by a
:class:`SubjectRef`; the wizard hands the importer a :class:`ColumnMapping`; an operation
that changes the vault says what it changed with a :class:`Changes`.

Plain, frozen data with nothing but the standard library and :mod:`app.core.errors` under
it, so every layer (vault, crm, assistant, cli, gui) imports it without a cycle and without
pulling SQLCipher, llama.cpp or Qt in. A record reads as a read-only mapping too
(``note["body"]``, ``subject.get("name")``): for code that was written against the row
dicts (JSON output, older views); new code reads attributes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import NamedTuple


CONTACT, ACCOUNT = "contact", "account"


class _MappingView(Mapping):
    """``record["name"]`` / ``record.get("name")`` / ``dict(record)`` over the dataclass fields."""

    _ALIASES: dict[str, str] = {}  # the row dicts' old key -> the attribute

    def __getitem__(self, key: str):
        if key in self._keys():
            return getattr(self, self._ALIASES.get(key, key))
        raise KeyError(key)

    def __iter__(self):
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self._keys())

    @classmethod
    def _keys(cls) -> tuple[str, ...]:
        keys = cls.__dict__.get("_KEYS")
        if keys is None:
            keys = tuple(f.name for f in fields(cls)) + tuple(getattr(cls, "_EXTRA_KEYS", ())) + tuple(cls._ALIASES)
            cls._KEYS = keys
        return keys


# ---- notes ---------------------------------------------------------------------------------


@dataclass(frozen=True, eq=True)
class Note(_MappingView):
    """A stored note as every reader gets it (timeline, search, CLI, prompt)."""

    id: int
    date: str | None
    title: str | None
    body: str
    source: str | None = None
    contact_id: int | None = None
    account_id: int | None = None
    flags: tuple[str, ...] = ()
    contact_name: str | None = None  # whose note it is, where the reader asked (an account's notes)
    rank: float | None = None  # a search hit's bm25 (lower is better); None outside search

    __hash__ = object.__hash__

    @classmethod
    def from_row(cls, row: Mapping) -> "Note":
        """From a mapping with the same keys (an evaluation set's note, an export's)."""
        if isinstance(row, Note):
            return row
        return cls(
            id=int(row["id"]), date=row.get("date"), title=row.get("title"), body=row.get("body") or "",
            source=row.get("source"), contact_id=row.get("contact_id"), account_id=row.get("account_id"),
            flags=tuple(row.get("flags") or ()), contact_name=row.get("contact_name"),
        )

    def with_person(self, name: str | None) -> "Note":
        return replace(self, contact_name=name) if name else self


class NewNote(NamedTuple):
    """A note the importer writes. A named tuple, not a dataclass: an import writes 200,000 of
    them and the vault hands them to ``executemany`` as they are; the SQL's column list is
    built from these field names (:mod:`app.core.vault.import_writer`), so no order is kept
    by hand in two places."""

    contact_id: int | None
    account_id: int | None
    date: str | None
    title: str | None
    body: str
    source: str
    crm_id: str | None
    content_key: str
    flags: str  # the JSON list the vault stores ("[]" when none); see crm.flags.flags_json


class SummaryPart(NamedTuple):
    """One map part of a long summary, kept in the vault to be reused (incremental summaries).

    ``key``: SHA-256 of the model's SHA-256, the prompt version, the language, the answer
    limit and the part's whole prompt (its notes' ids and text as they entered it), so a
    part whose notes, model or prompt changed never matches. ``note_ids``: the notes it
    holds (forget and note edits remove the part)."""

    key: str
    model_sha256: str
    prompt_version: str
    lang: str
    result: str
    note_ids: tuple[int, ...]


# ---- subjects: a contact or an account --------------------------------------------------------

_ACCOUNT_REF = re.compile(r"[aA](\d+)")


@dataclass(frozen=True)
class SubjectRef:
    """Which contact or account: ``str()`` is the reference the CLI takes ("12", "a12")."""

    kind: str  # CONTACT | ACCOUNT
    id: int

    def __post_init__(self):
        if self.kind not in (CONTACT, ACCOUNT):
            raise ValueError(self.kind)
        object.__setattr__(self, "id", int(self.id))

    def __str__(self) -> str:
        return f"a{self.id}" if self.kind == ACCOUNT else str(self.id)

    @classmethod
    def parse(cls, text) -> "SubjectRef | None":
        """"a12" is account 12; "12" or "contact#12" contact 12; anything else None (a name)."""
        s = str(text).strip()
        m = _ACCOUNT_REF.fullmatch(s)
        if m:
            return cls(ACCOUNT, int(m.group(1)))
        if s.lower().startswith("contact#"):
            s = s[len("contact#"):]
        return cls(CONTACT, int(s)) if s.isdigit() else None


@dataclass(frozen=True)
class Subject(_MappingView):
    """A contact or an account as the window, the CLI and the assistant show it.

    For a contact: ``company`` and ``account_id`` are its account's; ``note_count`` counts its
    notes. For an account: ``website``, ``contact_count`` and ``note_count`` (its own notes and
    its contacts'); ``unlinked`` marks the importer's holder of notes it could not link yet.
    ``label`` is the one line a list shows."""

    kind: str
    id: int
    name: str
    email: str | None = None
    phone: str | None = None
    title: str | None = None
    company: str | None = None
    account_id: int | None = None
    website: str | None = None
    contact_count: int | None = None
    note_count: int | None = None
    unlinked: bool = False
    first_name: str | None = None
    source: str | None = None  # an account's CRM ("salesforce"), where two same-named ones are kept apart
    # A contact's consent flags from the CRM (flag -> True/False/None) and the column each came
    # from (app.core.vault.consent); plain mappings, left out of equality and hashing.
    consent: Mapping | None = field(default=None, compare=False)
    consent_sources: Mapping | None = field(default=None, compare=False)

    _EXTRA_KEYS = ("ref", "label")
    _ALIASES = {"notes": "note_count", "contacts": "contact_count"}  # the counts, as the row dicts named them

    @property
    def subject_ref(self) -> SubjectRef:
        return SubjectRef(self.kind, self.id)

    @property
    def ref(self) -> str:
        return str(self.subject_ref)

    @property
    def label(self) -> str:
        return f"{self.name} · {self.company}" if self.kind == CONTACT and self.company else self.name

    def as_json(self) -> dict:
        """The CLI's ``contacts --json`` item (a contact) or account item."""
        if self.kind == CONTACT:
            return {"id": self.id, "name": self.name, "email": self.email, "company": self.company, "phone": self.phone,
                    "title": self.title, "account_id": self.account_id, "notes": self.note_count,
                    "consent": dict(self.consent or {})}
        return {"id": self.ref, "account_id": self.id, "name": self.name, "website": self.website,
                "contacts": self.contact_count, "notes": self.note_count, "unlinked": self.unlinked, "source": self.source}


# ---- the import wizard's column choices ---------------------------------------------------------

IGNORE = "ignore"


@dataclass(frozen=True)
class ColumnMapping:
    """The user's field per column of one file, in the order given: (column header, field);
    the field ``ignore`` means the column is not imported. The wizard builds one; the CLI
    parses ``--map "Body=note,Email=email"`` into one (:func:`app.core.crm.headers.parse_map`).
    Whether the columns exist and the fields apply is checked against each file."""

    entries: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    @classmethod
    def of(cls, pairs) -> "ColumnMapping":
        return cls(tuple((str(c), field_name(f)) for c, f in (pairs.items() if isinstance(pairs, Mapping) else pairs)))

    def spec(self) -> str:
        """Back to the ``--map`` text (newline-separated when a header holds a comma)."""
        sep = "\n" if any("," in c for c, _ in self.entries) else ","
        return sep.join(f"{c}={f}" for c, f in self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries)


def field_name(name: str) -> str:
    """A field as typed ("Note-Title", "body") in the name Confidant uses ("note_title", "note")."""
    f = str(name or IGNORE).strip().casefold().replace("-", "_")
    return "note" if f == "body" else f


# ---- what an operation changed -----------------------------------------------------------------


@dataclass(frozen=True)
class Changes:
    """What a core operation changed (Anki's ``OpChanges``). The window emits it once
    (``Session.operation_did_execute``) and each view decides whether to refresh."""

    contacts: bool = False
    accounts: bool = False
    notes: bool = False
    conversations: bool = False
    settings: bool = False

    def __or__(self, other: "Changes") -> "Changes":
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    @property
    def records(self) -> bool:
        """Contacts, accounts or notes: what the navigator and the timeline show."""
        return self.contacts or self.accounts or self.notes


NOTHING = Changes()
IMPORTED = Changes(contacts=True, accounts=True, notes=True)
EVERYTHING = Changes(contacts=True, accounts=True, notes=True, conversations=True, settings=True)


@dataclass(frozen=True)
class Done:
    """An operation's result and what it changed: ``Done(value, changes)``."""

    value: object
    changes: Changes = NOTHING
