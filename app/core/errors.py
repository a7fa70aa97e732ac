"""Errors the user may see, and the messages they carry.

An :class:`AppError` carries a one-line message fit for the user; the CLI prints it
to stderr and the GUI shows it in a dialog. Anything that is not an AppError is a bug:
it is logged with a redacted trace (see app.core.logs) and reported as unexpected.

Messages are marked where they are written, so the window can say them in its language
without Qt in the core: ``raise NotFoundError(N_("No deal with id {id}."), id=deal_id)``.
A message that is not an error (an import report's line, a status-bar notice) is a
:class:`Message`: ``Message(N_("Answers from {host} (company server)"), host=door.host)``.
Both keep the template and its fields; the English text is the template filled in.

A part of a template only a command-line user can act on (`` `confidant …` ``, ``--options``,
``CONFIDANT_…`` variables) is written between ``⟦`` and ``⟧``: the English text keeps it (the
brackets dropped), the window cuts it before it translates (:func:`window_template`), so a
translator never sees it and no window shows it.
"""

from __future__ import annotations

import re
from string import Formatter

CLI_ONLY = re.compile(r"⟦[^⟦⟧]*⟧")  # a command-line-only span of a template


def N_(template: str) -> str:
    """Mark ``template`` as a message for a person, translated where it is shown.

    An identity function the Qt-free core can import: ``raise NotFoundError(N_("No deal with
    id {id}."), id=deal_id)``. The fields stay on the error (``.fields``); the window translates
    the template and fills the fields in, the CLI prints the English text (``.message``). A
    field is a plain value (a name, a count, a path) or, when it is itself words for a
    person, a :class:`Message` (the window translates it too)."""
    return template


def cli_template(template: str) -> str:
    """``template`` as the command line says it: its command-line spans kept, brackets dropped."""
    return template.replace("⟦", "").replace("⟧", "")


def window_template(template: str) -> str:
    """``template`` as the window says it (and the catalogue keys it): command-line spans cut."""
    return CLI_ONLY.sub("", template)


def template_fields(template: str) -> set[str]:
    """The names of the ``{fields}`` a template uses."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in Formatter().parse(template) if name}


def fill(template: str, fields: dict) -> str:
    """``template`` filled with ``fields`` (a template without fields is its own text, so it
    may hold literal braces)."""
    return template.format(**fields) if fields else template


class Message(str):
    """Words for a person, marked with :func:`N_`: the English text (it *is* that ``str``, so
    the CLI, JSON and logs use it as before), plus ``template`` and ``fields`` for the window.

    A ``str`` subclass so a message travels through every field typed ``str`` (an import
    report's warnings, a model's problem, a notice) without a second representation; the
    window translates one when it finds a Message (``app.gui.errors.for_window``), and a
    plain ``str`` is shown as it is."""

    template: str
    fields: dict

    def __new__(cls, template: str, /, **fields) -> "Message":
        self = super().__new__(cls, fill(cli_template(template), fields))
        self.template = template
        self.fields = fields
        return self

    def __reduce__(self):
        return (_message, (self.template, self.fields))

    def __repr__(self) -> str:
        return f"Message({self.template!r}, **{self.fields!r})"


def _message(template: str, fields: dict) -> Message:
    return Message(template, **fields)


class AppError(Exception):
    """An expected failure with a message for the user. ``exit_code`` is for the CLI.

    ``template`` is the message as marked with :func:`N_` (``{name}`` placeholders) and
    ``fields`` fill it; ``message`` is the English text, a :class:`Message` the window can
    translate. A :class:`Message` may be passed instead of a template and fields (an error
    raised from a message built elsewhere)."""

    exit_code = 1

    def __init__(self, message: str, /, **fields):
        if isinstance(message, Message) and not fields:
            message, fields = message.template, message.fields
        self.message = Message(message, **fields)
        super().__init__(str(self.message))
        self.template = message
        self.fields = fields

    def __str__(self) -> str:
        return str(self.message)


class Cancelled(AppError):
    """The user stopped the work (Stop, Ctrl-C, a closed window): nothing half-done was
    saved. The one cancel exception of the app: the GUI shows nothing for it, the CLI
    exits 130."""

    exit_code = 130

    def __init__(self, message: str = N_("Cancelled; nothing was saved."), /, **fields):
        super().__init__(message, **fields)


class UsageError(AppError):
    exit_code = 2


class NotFoundError(AppError):
    exit_code = 3


class AmbiguousError(AppError):
    """More than one record matches; ``matches`` lists short descriptions of each."""

    exit_code = 4

    def __init__(self, message: str, /, matches: list[str] | None = None, **fields):
        super().__init__(message, **fields)
        self.matches = matches or []


class DataFolderError(AppError):
    """The data folder cannot be created or written (permissions, full disk)."""


EXIT_POLICY = 78  # sysexits EX_CONFIG: the IT policy exists but cannot be read or is malformed


class PolicyError(AppError):
    """The IT policy exists but cannot be read or is malformed: the app does not start.

    Its own exit code (78, EX_CONFIG; documented in docs/deploy.md) lets a deployment script
    tell "IT's policy is broken" from any other failure."""

    exit_code = EXIT_POLICY


class KeyAccessError(AppError):
    """Base for key-management failures ."""


class WrongPassphraseError(KeyAccessError):
    pass


class KeyMissingError(KeyAccessError):
    pass


class KeyringUnavailableError(KeyAccessError):
    pass


class PassphraseRequiredError(KeyAccessError):
    pass


class VaultError(AppError):
    pass


class WrongKeyError(VaultError):
    pass


class VaultDamagedError(VaultError):
    pass


class VaultBusyError(VaultError):
    pass
