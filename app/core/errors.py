"""Errors the user may see.

An :class:`AppError` carries a one-line message fit for the user; the CLI prints it
to stderr and the GUI shows it in a dialog. Anything that is not an AppError is a bug:
it is logged with a redacted trace (see app.core.logs) and reported as unexpected.
"""

from __future__ import annotations


def N_(template: str) -> str:
    """Mark ``template`` as a message for a person, translated where it is shown.

    An identity function the Qt-free core can import: ``raise NotFoundError(N_("No deal with
    id {id}."), id=deal_id)``. The fields stay on the error (``.fields``); the window translates
    the template and fills the fields in, the CLI prints the English text (``.message``). Fields
    are plain values (names, counts, paths), never text that itself needs translating."""
    return template


class AppError(Exception):
    """An expected failure with a message for the user. ``exit_code`` is for the CLI.

    ``template`` is the message as marked with :func:`N_` (``{name}`` placeholders) and
    ``fields`` fill it; ``message`` is the English text. An unmarked message (a plain string
    with no fields) is its own template."""

    exit_code = 1

    def __init__(self, message: str, /, **fields):
        text = message.format(**fields) if fields else message
        super().__init__(text)
        self.message = text
        self.template = message
        self.fields = fields

    def __str__(self) -> str:
        return self.message


class Cancelled(AppError):
    """The user stopped the work (Stop, Ctrl-C, a closed window): nothing half-done was
    saved. The one cancel exception of the app: the GUI shows nothing for it, the CLI
    exits 130."""

    exit_code = 130

    def __init__(self, message: str = "Cancelled; nothing was saved."):
        super().__init__(message)


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
