"""What mappers produce: plain records, independent of any CRM's column names.

A mapper turns rows into a stream of these; the importer links and writes them. A
reference to another record (a note's parent, a contact's account) is a :class:`Ref`,
resolved by the writer against what is already in the vault or arrives later in the
same batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Ref:
    """A CRM id in one source. ``kind``: "contact", "account" or "any" (either)."""

    source: str
    id: str
    kind: str = "any"


@dataclass
class AccountRec:
    line: int
    name: str
    source: str | None = None
    crm_id: str | None = None
    website: str | None = None


@dataclass
class ContactRec:
    line: int
    full_name: str
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None
    title: str | None = None
    company: str | None = None  # account by name when no account ref
    account: Ref | None = None
    source: str | None = None
    crm_id: str | None = None
    notes: list[tuple] = field(default_factory=list)  # (title, body[, date]) from a Notes column
    consent: tuple = ()  # FlagReading per consent column of the row (app.core.crm.consent)
    individual: Ref | None = None  # Salesforce Contact.IndividualId: the Individual with more flags


@dataclass
class IndividualRec:
    """A Salesforce Individual (data privacy record): consent flags for the contacts whose
    ``IndividualId`` names it, in this import or a later one."""

    line: int
    source: str
    crm_id: str
    consent: tuple = ()


@dataclass(frozen=True)
class NameRef:
    """A parent given by name (Pipedrive's "Note - Person" / "Note - Organization").

    ``person`` and ``org`` are display names; ``org`` alone means a company-only note, and
    together they tell same-named people apart."""

    person: str | None = None
    org: str | None = None
    kind: str = "contact"  # "any": ``person`` may name a contact or an account (Dynamics "Regarding")


@dataclass
class NoteRec:
    line: int
    body: str
    source: str
    title: str | None = None
    date: str | None = None
    crm_id: str | None = None
    # Every ref that resolves to a contact links the note to that contact (the first is the
    # note's main contact); the first that resolves to an account fills account_id.
    parents: tuple[Ref, ...] = ()
    html: bool = False  # body is HTML (or may be): cleaned before storing
    by_name: NameRef | None = None  # parent by name when the export gives no ids
    link_column: str | None = None  # the column(s) the parent came from, named in warnings
    attachment: str | None = None  # "Attachment: NAME (TYPE, SIZE)" when the record describes a file


@dataclass
class ActivityRec(NoteRec):
    """A call, meeting, e-mail or task: a note (text, date, parents) with structure.

    ``crm_id`` identifies it: a Salesforce EmailMessage gives its Task's id (ActivityId), so
    the Enhanced Email and its Task are one activity. ``deal``/``deal_name``: the deal it is
    about, by CRM id or by name (Pipedrive)."""

    kind: str = "note"  # call | meeting | email | task | note
    ends_at: str | None = None
    direction: str | None = None  # inbound | outbound
    duration_min: int | None = None
    due_date: str | None = None
    done: bool | None = None
    status: str | None = None
    owner: str | None = None
    deal: Ref | None = None
    deal_name: str | None = None
    completes: bool = False  # its text completes an activity another file brought (EmailMessage -> Task)


@dataclass(frozen=True)
class DealPerson:
    """A contact on a deal: by CRM id (``ref``) or by name (``by_name``), with their role."""

    ref: Ref | None = None
    by_name: NameRef | None = None
    role: str | None = None
    primary: bool = False


@dataclass
class DealRec:
    """A deal (opportunity). ``amount`` is exact (Decimal); ``status`` open/won/lost as the CRM said."""

    line: int
    name: str
    source: str
    crm_id: str | None = None
    account: Ref | None = None
    account_name: str | None = None  # the company by name (Pipedrive, Dynamics Excel, Zoho)
    stage: str | None = None
    status: str = "open"
    amount: Decimal | None = None
    currency: str | None = None
    close_date: str | None = None
    probability: int | None = None
    next_step: str | None = None
    owner: str | None = None
    people: tuple[DealPerson, ...] = ()


@dataclass
class DealRoleRec:
    """Salesforce OpportunityContactRole: a contact's role on a deal."""

    line: int
    deal: Ref
    contact: Ref
    role: str | None = None
    primary: bool = False


@dataclass
class LinkRec:
    """Salesforce ContentDocumentLink: a ContentNote (document) attached to a record."""

    line: int
    document: Ref
    entity: Ref


@dataclass
class Warning:
    line: int
    message: str
