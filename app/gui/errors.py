"""The one place errors become messages in the window (Anki's ``show_exception``).

- :class:`AppError`: its one-line message in the window's words and the UI language. The
  core marks every message where it writes it (``N_("No deal with id {id}.")``, the fields on
  the error or on a :class:`~app.core.errors.Message`); :func:`for_window` translates the
  template (context ``core``; the command-line-only ``⟦…⟧`` parts cut first, see
  :func:`app.core.errors.window_template`) and fills the fields in, each field that is
  itself a Message translated the same way. :data:`WINDOW_WORDING` holds the few core
  templates the window says in its own words (context ``errors``): keyed by the template
  exactly, and a test holds every key to a template the core still writes.
- :class:`Cancelled` (the user pressed Stop, or closed the window): nothing at all.
- Anything else is a bug: logged without content (:func:`app.core.logs.log_unexpected`)
  and reported as unexpected, never with a traceback in the window.

No English text is matched here: a plain ``str`` (the window's own words, or a message the
core did not mark) is shown as it is. Field values are looked up, whole, in two small tables
(setting keys and the OS's error texts) that name what they hold.

The box is window-modal but opened with ``open()``, so the event loop keeps running.
Runs on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core import logs
from app.core.errors import AppError, Message, fill, window_template
from app.gui.workers import Cancelled

# The last message shown, for the status bar and for tests.
last_message: str | None = None


def _t(text: str) -> str:
    return QCoreApplication.translate("errors", text)


# Core templates the window says in its own words and language (context "errors"), keyed by
# the template exactly as the core marks it; the same {fields}. A key the core no longer
# writes fails a test (tests/gui/test_gui_i18n_catalogue.py).
WINDOW_WORDING: dict[str, str] = {
    "'{key}' is managed by your IT policy ({source}) and cannot be changed.":
        QT_TRANSLATE_NOOP("errors", "'{key}' is managed by your organisation's IT policy ({source}) and cannot be changed here."),
    "{path} changed since it was first trusted on {date} (SHA-256 was {old}…, now {new}…); refusing to load it"
    "⟦ (run `confidant models --trust {path}` if you replaced it on purpose)⟧.":
        QT_TRANSLATE_NOOP("errors", "{path} changed since it was first trusted on {date}, so it is not used. If it was "
                          "replaced on purpose, choose it again in Settings."),
    "{path} (SHA-256 {sha}…) is not allowed by your IT policy (allowed_model_sha256 in {source}).":
        QT_TRANSLATE_NOOP("errors", "{path} is not one of the models your organisation allows (policy {source})."),
    "No usable model file: put a DeepSeek-R1 distill GGUF in {models}⟦ or set CONFIDANT_MODEL (see models/README.md)⟧{more}.":
        QT_TRANSLATE_NOOP("errors", "No usable model file was found. Choose one in Settings (Ctrl+,)."),
    "Model file {path} does not exist.": QT_TRANSLATE_NOOP("errors", "The model file {path} does not exist."),
    "{path} is not a GGUF model file (wrong magic bytes).": QT_TRANSLATE_NOOP("errors", "{path} is not a model file (GGUF)."),
    "{path} has a damaged or truncated GGUF header ({kind}).":
        QT_TRANSLATE_NOOP("errors", "{path} is damaged or incomplete (its header cannot be read)."),
    "{path} is truncated: {size:,} bytes on disk, the header needs {data_end:,}.":
        QT_TRANSLATE_NOOP("errors", "{path} is incomplete (shorter than its header says): download or copy it again."),
    "{path} uses an unsupported GGUF version; versions 2 and 3 are supported.":
        QT_TRANSLATE_NOOP("errors", "{path} is in a model format this version of Confidant cannot read."),
    "llama.cpp could not load {path} ({kind}); the file may be damaged.":
        QT_TRANSLATE_NOOP("errors", "The model {path} could not be loaded; the file may be damaged."),
    "{path}: this is not a text export (it holds binary data).":
        QT_TRANSLATE_NOOP("errors", "{path}: this is not a CRM export (it holds binary data)."),
    # The window names contacts and conversations by what it shows, never by a bare id; the core
    # names the field contact_id when it was asked by id (the window asks by id for a contact it
    # shows, so it is gone), and text/ref when a person typed a name (said as the core says it).
    "No contact matches '{contact_id}'⟦; try `confidant contacts` to list them⟧.":
        QT_TRANSLATE_NOOP("errors", "That contact no longer exists (it may have been forgotten)."),
    "No contact matches '{contact_id}'. Nothing was deleted.":
        QT_TRANSLATE_NOOP("errors", "That contact no longer exists. Nothing was deleted."),
    "Contact {contact_id} no longer exists. Nothing was deleted.":
        QT_TRANSLATE_NOOP("errors", "That contact no longer exists. Nothing was deleted."),
    "There is no conversation {conversation_id}⟦; `confidant history` lists them⟧.":
        QT_TRANSLATE_NOOP("errors", "That conversation no longer exists."),
}


# Setting keys a message may name, in the window's words (a user never sees "retention_days").
SETTING_NAMES = {
    "user_name": QT_TRANSLATE_NOOP("errors", "Your name"),
    "user_email": QT_TRANSLATE_NOOP("errors", "Your e-mail address"),
    "user_signature": QT_TRANSLATE_NOOP("errors", "Your signature"),
    "language": QT_TRANSLATE_NOOP("errors", "Language"),
    "retention_days": QT_TRANSLATE_NOOP("errors", "Retention"),
    "auto_lock_minutes": QT_TRANSLATE_NOOP("errors", "Lock after"),
    "store_reasoning": QT_TRANSLATE_NOOP("errors", "Keep the model's reasoning"),
    "allow_export": QT_TRANSLATE_NOOP("errors", "Exports"),
    "allow_opt_out_override": QT_TRANSLATE_NOOP("errors", "Writing to people who opted out"),
    "model_path": QT_TRANSLATE_NOOP("errors", "Model"),
    "threads": QT_TRANSLATE_NOOP("errors", "CPU threads"),
    "gpu_layers": QT_TRANSLATE_NOOP("errors", "GPU layers"),
    "context_size": QT_TRANSLATE_NOOP("errors", "Context size"),
    "gpu": QT_TRANSLATE_NOOP("errors", "GPU"),
    "thinking_budget": QT_TRANSLATE_NOOP("errors", "Reasoning budget"),
}

# The operating system's own error texts (``strerror``) a core message may carry, for the
# errors a desktop user meets; matched without case (one core message lower-cases it).
OS_ERRORS = {
    "no such file or directory": QT_TRANSLATE_NOOP("errors", "no such file or folder"),
    "permission denied": QT_TRANSLATE_NOOP("errors", "permission denied"),
    "operation not permitted": QT_TRANSLATE_NOOP("errors", "operation not permitted"),
    "no space left on device": QT_TRANSLATE_NOOP("errors", "the disk is full"),
    "disk quota exceeded": QT_TRANSLATE_NOOP("errors", "the disk quota is used up"),
    "read-only file system": QT_TRANSLATE_NOOP("errors", "the disk is read-only"),
    "file exists": QT_TRANSLATE_NOOP("errors", "it already exists"),
    "is a directory": QT_TRANSLATE_NOOP("errors", "it is a folder"),
    "not a directory": QT_TRANSLATE_NOOP("errors", "a part of the path is not a folder"),
    "too many levels of symbolic links": QT_TRANSLATE_NOOP("errors", "too many levels of symbolic links"),
    "input/output error": QT_TRANSLATE_NOOP("errors", "the disk could not be read (input/output error)"),
    "name or service not known": QT_TRANSLATE_NOOP("errors", "the name is not known"),
    "temporary failure in name resolution": QT_TRANSLATE_NOOP("errors", "the name could not be looked up"),
    "connection refused": QT_TRANSLATE_NOOP("errors", "the connection was refused"),
}


def _value(v: str) -> str:
    if v in SETTING_NAMES:
        return _t(SETTING_NAMES[v])
    if v.casefold() in OS_ERRORS:
        return _t(OS_ERRORS[v.casefold()])
    return v


def for_window(message) -> str:
    """A message from the core as the window shows it: a :class:`Message` (or an AppError's)
    in the UI language, command-line parts cut; a plain ``str`` as it is."""
    if isinstance(message, AppError):
        message = message.message
    if not isinstance(message, Message):
        return message
    own = WINDOW_WORDING.get(message.template)
    if own is not None:
        text = QCoreApplication.translate("errors", own)
    else:
        text = QCoreApplication.translate("core", window_template(message.template))
    fields = {name: _field(v) for name, v in message.fields.items()}
    try:
        return fill(text, fields)
    except (KeyError, IndexError, ValueError):  # a translation whose fields do not fit (a test prevents it)
        logs.event("gui.message_fields_mismatch")
        return fill(window_template(message.template), fields)


def _field(value):
    if isinstance(value, (Message, AppError)):
        return for_window(value)
    if isinstance(value, str):
        return _value(value)
    return value


def message_for(exc: BaseException) -> str | None:
    """The text the user sees for ``exc``, or None when nothing should be shown."""
    if isinstance(exc, Cancelled):
        return None
    if isinstance(exc, AppError):
        return for_window(exc)
    logs.log_unexpected(exc)
    return _t("Something unexpected went wrong. Nothing you saved was lost; the log has details (without your data).")


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox | None:
    global last_message
    text = message_for(exc)
    if text is None:
        return None
    last_message = text
    box = QMessageBox(QMessageBox.Icon.Warning, "Confidant", text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.setAccessibleName(_t("Error message"))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
