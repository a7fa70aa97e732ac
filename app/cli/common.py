"""What CLI commands share: opening the vault, asking for a passphrase, printing."""

from __future__ import annotations

import getpass
import json
import os
import sys
from contextlib import contextmanager

from app.core.context import Context, open_context
from app.core.errors import N_, PassphraseRequiredError, UsageError


def passphrase_provider(*, confirm: bool, reason: str) -> str | None:
    """CONFIDANT_PASSPHRASE for scripts; otherwise ask on the terminal (twice when new)."""
    env = os.environ.get("CONFIDANT_PASSPHRASE")
    if env is not None:
        return env
    if not sys.stdin.isatty():
        raise PassphraseRequiredError(
            "The vault needs a passphrase and there is no terminal to ask on; set CONFIDANT_PASSPHRASE for scripts."
        )
    try:
        first = getpass.getpass(f"{reason}: ")
        if confirm:
            again = getpass.getpass("Type it again: ")
            if again != first:
                raise PassphraseRequiredError("The two passphrases differ; nothing was created.")
        return first
    except EOFError:
        return None


@contextmanager
def vault_context(create: bool = True):
    ctx: Context = open_context(passphrase_provider, create=create)
    try:
        # Retention and any interrupted erasure scrub run at every start.
        from app.core.privacy.retention import run_due_maintenance

        run_due_maintenance(ctx)
        yield ctx
    finally:
        ctx.close()


def add_json_flag(parser) -> None:
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")


def print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def print_table(rows: list[dict], columns: list[str]) -> None:
    if not rows:
        return
    widths = {c: max(len(c), *(len(str(r.get(c) if r.get(c) is not None else "")) for r in rows)) for c in columns}
    widths = {c: min(w, 48) for c, w in widths.items()}
    print("  ".join(c.upper().ljust(widths[c]) for c in columns))
    for r in rows:
        cells = []
        for c in columns:
            v = r.get(c)
            text = "" if v is None else str(v).replace("\n", " ")
            if len(text) > widths[c]:
                text = text[: widths[c] - 1] + "…"
            cells.append(text.ljust(widths[c]))
        print("  ".join(cells).rstrip())


# ---- stdin: private arguments and bytes that are not text ---------------------------------

def _decode(raw: bytes) -> str:
    encoding = getattr(sys.stdin, "encoding", None) or "utf-8"
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise UsageError(N_("The input is not {encoding} text; nothing was done with it."), encoding=encoding) from None


def read_stdin_line() -> str:
    """One line from stdin ("" at its end). Bytes that are not text are a UsageError naming
    the encoding: the caller ends that turn, not the session."""
    buf = getattr(sys.stdin, "buffer", None)
    if buf is None:  # a text stream (tests, an embedding program)
        return sys.stdin.readline()
    return _decode(buf.readline())


def read_stdin() -> str:
    """All of stdin as text; a UsageError (one line) when it is not text."""
    buf = getattr(sys.stdin, "buffer", None)
    if buf is None:
        return sys.stdin.read()
    return _decode(buf.read())


def private_argument(value: str | None, what: str) -> str | None:
    """``-`` means: read this argument (a contact's name, a target) as one line from stdin,
    with a prompt on a terminal, so it never shows in ``ps``; anything else is returned as is."""
    if value != "-":
        return value
    if sys.stdin.isatty():
        sys.stderr.write(f"{what}: ")
        sys.stderr.flush()
    line = read_stdin_line().strip()
    if not line:
        raise UsageError(N_("No {what} was given on stdin."), what=what.lower())
    return line
