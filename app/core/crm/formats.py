"""The format registry: a small Protocol and a list, most specific first.

To add a format (e.g. the Confidant JSON export), write a class with ``name``,
``label``, ``sniff(head) -> int`` (0 = not mine, 100 = certainly mine),
``order(head) -> int`` (stage: accounts 0, contacts 1, links 2, notes 3) and
``open(path, *, mapping=None, encoding=None) -> Stream``, and append one line to :data:`FORMATS`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from app.core.crm.confidant_export import ConfidantExportFormat
from app.core.crm.mappers.addressbooks import GenericFormat, GoogleFormat, OutlookFormat
from app.core.crm.mappers.base import Head, Stream
from app.core.model import ColumnMapping
from app.core.crm.mappers.crms import DynamicsFormat, HubSpotFormat, PipedriveFormat, ZohoFormat
from app.core.crm.mappers.salesforce import SalesforceFormat
from app.core.crm.mappers.vcard import VCardFormat


class Format(Protocol):
    name: str
    label: str

    def sniff(self, head: Head) -> int: ...

    def order(self, head: Head) -> int: ...

    def open(self, path: Path, *, mapping: ColumnMapping | None = None, encoding: str | None = None) -> Stream: ...


FORMATS: list[Format] = [
    ConfidantExportFormat(),
    VCardFormat(),
    SalesforceFormat(),
    HubSpotFormat(),
    DynamicsFormat(),
    PipedriveFormat(),
    ZohoFormat(),
    OutlookFormat(),
    GoogleFormat(),
    GenericFormat(),
]


def by_name(name: str) -> Format | None:
    for f in FORMATS:
        if f.name == name:
            return f
    return None


def names() -> list[str]:
    return [f.name for f in FORMATS]
