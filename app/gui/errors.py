"""The one place errors become messages in the window (Anki's ``show_exception``).

- :class:`AppError`: its one-line message, as written for the user, in the window's words
  and the UI language. The core writes English f-strings and imports no Qt; every message
  it can raise is in :mod:`app.gui.core_messages` (generated from app/core's source by
  scripts/gen_core_messages.py): a regex on the English text and a source string Qt
  translates (context ``core``, fields as ``%1``…). :data:`KNOWN` holds the few wordings
  the window says better (context ``errors``) and is tried first. Command-line hints
  (`` `confidant …` ``, ``--options``, ``CONFIDANT_…`` variables) are cut, because a window
  user has no terminal; setting keys are named as the window names them.
- :class:`Cancelled` (the user pressed Stop, or closed the window): nothing at all.
- Anything else is a bug: logged without content (:func:`app.core.logs.log_unexpected`)
  and reported as unexpected, never with a traceback in the window.

The box is window-modal but opened with ``open()``, so the event loop keeps running.
Runs on the GUI thread.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core import logs
from app.core.errors import AppError
from app.gui.workers import Cancelled

# The last message shown, for the status bar and for tests.
last_message: str | None = None


def _t(text: str) -> str:
    return QCoreApplication.translate("errors", text)


# Core messages the window shows in its own words and language: a pattern on the core's
# English text, and the source string (``%1``… are the pattern's groups) Qt translates.
KNOWN: list[tuple[re.Pattern, str]] = [
    (re.compile(r"Wrong passphrase\..*"), QT_TRANSLATE_NOOP("errors", "Wrong passphrase. The vault was not touched.")),
    (re.compile(r"The vault is locked\."), QT_TRANSLATE_NOOP("errors", "The vault is locked.")),
    (re.compile(r"'(\w+)' is managed by your IT policy \((.+)\) and cannot be changed\."),
     QT_TRANSLATE_NOOP("errors", "'%1' is managed by your organisation's IT policy (%2) and cannot be changed here.")),
    (re.compile(r"(.+) changed since it was first trusted on ([\d-]+) .*"),
     QT_TRANSLATE_NOOP("errors", "%1 changed since it was first trusted on %2, so it is not used. If it was replaced on purpose, choose "
     "it again in Settings.")),
    (re.compile(r"(.+) \(SHA-256 (\w+)…\) is not allowed by your IT policy \(allowed_model_sha256 in (.+)\)\."),
     QT_TRANSLATE_NOOP("errors", "%1 is not one of the models your organisation allows (policy %3).")),
    (re.compile(r"No usable model file.*"), QT_TRANSLATE_NOOP("errors", "No usable model file was found. Choose one in Settings (Ctrl+,).")),
    (re.compile(r"Model file (.+) does not exist\."), QT_TRANSLATE_NOOP("errors", "The model file %1 does not exist.")),
    (re.compile(r"(.+) is not a GGUF model file \(wrong magic bytes\)\."), QT_TRANSLATE_NOOP("errors", "%1 is not a model file (GGUF).")),
    (re.compile(r"(.+) has a damaged or truncated GGUF header.*"), QT_TRANSLATE_NOOP("errors", "%1 is damaged or incomplete (its header cannot be read).")),
    (re.compile(r"(.+) is truncated: .*"), QT_TRANSLATE_NOOP("errors", "%1 is incomplete (shorter than its header says): download or copy it again.")),
    (re.compile(r"(.+) uses an unsupported GGUF version.*"), QT_TRANSLATE_NOOP("errors", "%1 is in a model format this version of Confidant cannot read.")),
    (re.compile(r"llama\.cpp could not load (.+) \(\w+\); the file may be damaged\."),
     QT_TRANSLATE_NOOP("errors", "The model %1 could not be loaded; the file may be damaged.")),
    (re.compile(r"(.+): the file is empty\."), QT_TRANSLATE_NOOP("errors", "%1: the file is empty.")),
    (re.compile(r"(.+): the file has no header row\."), QT_TRANSLATE_NOOP("errors", "%1: the file has no header row.")),
    (re.compile(r"(.+): this is not a text export \(it holds binary data\)\."),
     QT_TRANSLATE_NOOP("errors", "%1: this is not a CRM export (it holds binary data).")),
    (re.compile(r"(.+): no such file\."), QT_TRANSLATE_NOOP("errors", "%1: no such file.")),
    (re.compile(r"(.+) already exists; choose another file name\."), QT_TRANSLATE_NOOP("errors", "%1 already exists; choose another file name.")),
    (re.compile(r"No contact matches '\d+'.*"),  # the window asked by id: the contact is gone
     QT_TRANSLATE_NOOP("errors", "That contact no longer exists (it may have been forgotten).")),
    (re.compile(r"Contact \d+ no longer exists\. Nothing was deleted\."),
     QT_TRANSLATE_NOOP("errors", "That contact no longer exists. Nothing was deleted.")),
    (re.compile(r"There is no conversation \d+.*"), QT_TRANSLATE_NOOP("errors", "That conversation no longer exists.")),
]

# Status-bar notices from the inference layer (app/core/llm/source.py) that wrap another
# core message: the wrapped message (%1 of the fallback notice) is shown in words too.
NOTICES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"(.+) The local model answers instead \(your IT policy allows this fallback\)\.", re.DOTALL),
     QT_TRANSLATE_NOOP("errors", "%1 The local model answers instead (your IT policy allows this fallback).")),
    (re.compile(r"Answers from (\S+) \(company server\)"), QT_TRANSLATE_NOOP("errors", "Answers from %1 (company server)")),
]


def notice_for_window(line: str) -> str:
    """A status-bar notice from the core in the UI language (see :data:`NOTICES`)."""
    line = line.strip()
    for pattern, source in NOTICES:
        m = pattern.fullmatch(line)
        if m:
            inner = [for_window(g) if " " in g else g for g in m.groups()]
            return _fill(source, "errors", inner)
    return for_window(line)


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

# A command-line hint inside a message: "(run `confidant …` if …)", "; try `confidant …` to …",
# "set CONFIDANT_MODEL", and any remaining `code` span.
_HINTS = [
    re.compile(r"\s*\([^()]*`[^`]*`[^()]*\)"),
    re.compile(r"\s*[;,]\s*(?:run|try|use|see)\s+`[^`]*`[^.;]*"),
    re.compile(r"\s*(?:or\s+)?set\s+CONFIDANT_\w+(?:\s*\([^)]*\))?"),
    re.compile(r"\s*(?:Run|Try|See|Use)\s+`[^`]*`[^.;]*\.?"),
    re.compile(r"\s*[;,]\s*`[^`]*`[^.;]*"),
    re.compile(r"\s*Run:\s.*$"),
    # Command-line options and environment variables named in a message:
    # "… or use --force", "; name the format with --format …", "(from CONFIDANT_POLICY)".
    re.compile(r"\s+or\s+(?:use\s+)?--[a-z][\w-]*(?=[.;,)]|$)"),
    re.compile(r"\s*;\s*[^;]*?(?<![\w-])--[a-z][^;]*?(?=\.?$)"),
    re.compile(r"use\s+--[a-z][\w-]*(?:\s+[^\s,]+)?,\s*or\s+"),
    re.compile(r"\s*\(from\s+CONFIDANT_\w+\)"),
    re.compile(r"(?<![\w-])--[a-z][\w-]*:\s+"),
    re.compile(r",\s*not\s+CONFIDANT_\w+"),
    re.compile(r"\s+or\s+[^.;]*\bCONFIDANT_\w+"),
]


def strip_hints(text: str) -> str:
    """``text`` without its command-line hints (a window user has no terminal)."""
    for hint in _HINTS:
        text = hint.sub("", text)
    return text.replace("`", "").strip()


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


# What IT's policy file got wrong, as the policy schema's checks say it (app/core/policy/schema.py;
# a test holds this table to them).
POLICY_PROBLEMS = {
    "must be a positive whole number": QT_TRANSLATE_NOOP("errors", "must be a positive whole number"),
    "must be zero or more": QT_TRANSLATE_NOOP("errors", "must be zero or more"),
    "must be auto, off or a number of layers": QT_TRANSLATE_NOOP("errors", "must be auto, off or a number of layers"),
    "must be a list of 64-character hex SHA-256 strings":
        QT_TRANSLATE_NOOP("errors", "must be a list of 64-character hex SHA-256 strings"),
    "must be https://host:port": QT_TRANSLATE_NOOP("errors", "must be https://host:port"),
    "must be https://host:port (TLS only; no user, query or fragment)":
        QT_TRANSLATE_NOOP("errors", "must be https://host:port (TLS only; no user, query or fragment)"),
    "has a port out of range": QT_TRANSLATE_NOOP("errors", "has a port out of range"),
    "must be a SHA-256 fingerprint (64 hex characters, colons allowed)":
        QT_TRANSLATE_NOOP("errors", "must be a SHA-256 fingerprint (64 hex characters, colons allowed)"),
    "must be a short printable name": QT_TRANSLATE_NOOP("errors", "must be a short printable name"),
}


def _value(v: str) -> str:
    if v in POLICY_PROBLEMS:
        return _t(POLICY_PROBLEMS[v])
    if v in SETTING_NAMES:
        return _t(SETTING_NAMES[v])
    if v.casefold() in OS_ERRORS:
        return _t(OS_ERRORS[v.casefold()])
    return v


def _fill(source: str, context: str, values: list[str]) -> str:
    out = QCoreApplication.translate(context, source)
    values = [_value(v) for v in values]
    # One pass, so a value that itself holds "%2" is not substituted again.
    return re.sub(r"%(\d+)", lambda m: values[int(m.group(1)) - 1] if 0 < int(m.group(1)) <= len(values)
                  else m.group(0), out)


def _core_table() -> list[tuple[re.Pattern, str, tuple[int, ...]]]:
    global _CORE
    if _CORE is None:
        from app.gui.core_messages import MESSAGES

        _CORE = [(re.compile(rx, re.DOTALL), source, groups) for rx, source, groups in MESSAGES]
    return _CORE


_CORE: list[tuple[re.Pattern, str, tuple[int, ...]]] | None = None


def for_window(text: str, _depth: int = 0) -> str:
    """A core message as the window shows it: in the UI language (a :data:`KNOWN` wording,
    else the core's own template from :mod:`app.gui.core_messages`), CLI hints removed."""
    text = text.strip()
    for pattern, source in KNOWN:
        m = pattern.fullmatch(text)
        if m:
            return _fill(source, "errors", [g or "" for g in m.groups()])
    best = _best_match(text)
    if best is not None:
        m, source, groups = best
        # A field that is itself a core message (a wrapped error) is shown in words too.
        values = [_inner(m.group(g), _depth) for g in groups]
        return _finish(_fill(source, "core", values))
    return _finish(strip_hints(text))


def _best_match(text: str, nested: bool = True):
    """The template that wrote ``text``. Several can match ("… failed: %1" around "… %1 did
    not answer in time."): the one whose own words, and those of any message wrapped in a
    field, cover most of the text."""
    found = [(m, source, groups) for pattern, source, groups in _core_table() if (m := pattern.fullmatch(text))]
    if len(found) <= 1 or not nested:
        return found[0] if found else None
    return min(found, key=lambda f: _uncovered(f[0]))


def _uncovered(m: re.Match) -> int:
    total = 0
    for g in m.groups():
        inner = _best_match(g or "", nested=False) if g and " " in g else None
        total += sum(len(x or "") for x in inner[0].groups()) if inner else len(g or "")
    return total


def _inner(value: str, depth: int) -> str:
    if depth >= 2 or len(value) < 12 or " " not in value:
        return value
    shown = for_window(value, depth + 1)
    return shown[:-1] if shown.endswith(".") and not value.endswith(".") else shown


def _finish(text: str) -> str:
    text = strip_hints(text)
    if text and text[-1] not in ".!?":
        text += "."
    return text


def message_for(exc: BaseException) -> str | None:
    """The text the user sees for ``exc``, or None when nothing should be shown."""
    if isinstance(exc, Cancelled):
        return None
    if isinstance(exc, AppError):
        return for_window(exc.message)
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
