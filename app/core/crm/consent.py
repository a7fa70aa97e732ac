"""Consent flags in a CRM's own columns, read per contact.

Four flags travel with a contact: ``email_opt_out``, ``call_opt_out``,
``processing_objection`` and ``forget_requested``. Each CRM records them in its own columns
(``docs/import-formats.md`` lists them, with sources); a mapper names the columns its export
has with :func:`specs` and reads a row with :func:`read`, which gives one
:class:`FlagReading` per column present. Pure functions, no I/O.

How a cell is read (one rule for every CRM):

- yes/no columns: ``true/false``, ``1/0``, ``yes/no``, ``y/n``, ``x``, and the words a
  spreadsheet writes when it re-saves a file in another language: ``SANN/USANN``, ``Ja/Nei``
  (Norwegian), ``SANT/FALSKT``, ``Ja/Nej`` (Swedish, Danish), ``SAND/FALSK`` (Danish),
  ``WAHR/FALSCH``, ``Ja/Nein`` (German), ``TOSI/EPÄTOSI`` (Finnish); Dynamics' own
  ``Do Not Allow/Allow``. An empty cell is the CRM's unticked box: ``False``;
- choice columns (Pipedrive's marketing status, HubSpot's legal basis) by their labels; a
  label that says nothing about the person's wish (``No consent``, ``Not applicable``) gives
  no reading (``None``): what an earlier import read from that column stays;
- a value the column cannot hold is **never read as consent**. For e-mail, call and
  processing flags it is read the stricter way (``True``: opted out, objected); for
  ``forget_requested`` it gives no reading, because that flag leads to erasure, which cannot
  be undone. Either way :attr:`FlagReading.bad` keeps the raw text and the importer warns,
  naming the file, line and column.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from app.core.errors import Message, N_

FLAGS = ("email_opt_out", "call_opt_out", "processing_objection", "forget_requested")

_TRUE = {"true", "1", "yes", "y", "x", "ja", "j", "sann", "sant", "sand", "wahr", "tosi", "on", "checked",
         "do not allow", "don't allow", "opted out", "opt out", "unsubscribed"}
_FALSE = {"false", "0", "no", "n", "nei", "nej", "nein", "usann", "falskt", "falsk", "falsch", "epätosi", "off",
          "unchecked", "allow", "opted in", "subscribed", ""}


@dataclass(frozen=True)
class FlagReading:
    """What one cell says about one flag. ``value``: True (opted out, objected, asked to be
    forgotten), False (not), None (the cell says nothing: an earlier reading stays).
    ``bad``: the raw text when the cell held a value the column cannot hold."""

    flag: str
    column: str
    value: bool | None
    bad: str | None = None


@dataclass(frozen=True)
class Spec:
    """A CRM column that carries a flag. ``kind``: "bool" (yes/no) or a choice table name."""

    flag: str
    column: str
    index: int
    kind: str = "bool"


# Choice columns: label (casefolded) -> value. Labels not listed are bad values.
_CHOICES: dict[str, dict[str, bool | None]] = {
    # Pipedrive "Marketing status" (API: marketing_status = no_consent | subscribed | unsubscribed | archived).
    "pipedrive_marketing": {"subscribed": False, "unsubscribed": True, "no consent": None, "no_consent": None,
                            "archived": None, "bounced": None, "": None},
    # HubSpot "Legal basis for processing contact's data": a basis on record is no objection;
    # nothing in it says "objects", so it can only clear, never set, processing_objection.
    "hubspot_legal_basis": {"legitimate interest - prospect/lead": False, "legitimate interest - existing customer": False,
                            "legitimate interest - other": False, "performance of a contract": False,
                            "freely given consent from contact": False, "not applicable": None, "": None,
                            "legitimate_interest_prospect": False, "legitimate_interest_client": False,
                            "legitimate_interest_other": False, "performance_of_contract": False,
                            "consent_with_notice": False, "non_gdpr": None},
}


def _fold(text: str) -> str:
    t = unicodedata.normalize("NFC", text).strip().casefold()
    return " ".join(t.replace("\u2013", "-").replace("\u2014", "-").split())


def specs(cols, table: list[tuple[str, tuple[str, ...], str]]) -> tuple[Spec, ...]:
    """The flag columns of ``table`` (flag, column names in preference order, kind) that the
    file has; ``cols`` is the mapper's :class:`~app.core.crm.mappers.base.Cols`."""
    out = []
    for flag, names, kind in table:
        i = cols.idx(*names)
        if i is not None:
            out.append(Spec(flag, cols.columns[i], i, kind))
    return tuple(out)


def parse(text: str | None, kind: str = "bool") -> tuple[bool | None, bool]:
    """``(value, ok)`` for one cell. ``ok`` is False for a value the column cannot hold."""
    t = _fold(text or "")
    if kind == "bool":
        if t in _TRUE:
            return True, True
        if t in _FALSE:
            return False, True
        return None, False
    table = _CHOICES[kind]
    if ";" in t:  # HubSpot writes several choices ";"-separated: the strictest one counts
        parts = [parse(p, kind) for p in t.split(";")]
        if not all(ok for _, ok in parts):
            return None, False
        values = [v for v, _ in parts if v is not None]
        return (True if True in values else False if values else None), True
    if t in table:
        return table[t], True
    return None, False


def read(row: list[str], found: tuple[Spec, ...]) -> tuple[FlagReading, ...]:
    """One reading per flag column of ``row``; bad values read as described in the module text."""
    out = []
    for s in found:
        raw = row[s.index] if s.index < len(row) else ""
        value, ok = parse(raw, s.kind)
        if not ok:
            strict = s.flag != "forget_requested" and s.kind == "bool"
            out.append(FlagReading(s.flag, s.column, True if strict else None, bad=raw.strip()))
        else:
            out.append(FlagReading(s.flag, s.column, value))
    return tuple(out)


def bad_value_warning(file: str, line: int, r: FlagReading) -> Message:
    """The import report's line for a bad value: file, line, column, what was done."""
    what = (Message(N_("read as opted out / objected, the stricter reading")) if r.value
            else Message(N_("left as it was (an erasure request is never guessed)")))
    return Message(N_("{file}: line {line}, column {column}: '{value}' is not a value this column holds; {what}."),
                   file=file, line=line, column=r.column, value=r.bad[:40], what=what)


# ---- each CRM's columns (docs/import-formats.md gives the sources) -------------------------

SALESFORCE_CONTACT = [
    ("email_opt_out", ("HasOptedOutOfEmail",), "bool"),
    ("call_opt_out", ("DoNotCall",), "bool"),
]
SALESFORCE_INDIVIDUAL = [
    ("processing_objection", ("HasOptedOutProcessing",), "bool"),
    ("email_opt_out", ("HasOptedOutSolicit",), "bool"),  # "Don't Market": no solicitation by any channel
    ("call_opt_out", ("HasOptedOutSolicit",), "bool"),
    ("forget_requested", ("ShouldForget",), "bool"),
]
HUBSPOT_CONTACT = [
    ("email_opt_out", ("Unsubscribed from all email", "Von allen E-Mails abgemeldet", "hs_email_optout"), "bool"),
    ("processing_objection", ("Legal basis for processing contact's data", "hs_legal_basis"), "hubspot_legal_basis"),
]
DYNAMICS_CONTACT = [
    ("email_opt_out", ("donotemail", "Do not allow Emails"), "bool"),
    ("email_opt_out", ("donotbulkemail", "Do not allow Bulk Emails"), "bool"),
    ("call_opt_out", ("donotphone", "Do not allow Phone Calls"), "bool"),
    ("processing_objection", ("msdyn_gdproptout", "GDPR Optout"), "bool"),
]
PIPEDRIVE_PERSON = [
    ("email_opt_out", ("Person - Marketing status", "Marketing status"), "pipedrive_marketing"),
]
ZOHO_CONTACT = [
    ("email_opt_out", ("Email Opt Out", "Email_Opt_Out"), "bool"),
]
