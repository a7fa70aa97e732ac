"""What CLI commands share: opening the vault, asking for a passphrase, printing."""

from __future__ import annotations

import getpass
import json
import os
import sys
from contextlib import contextmanager

from app.core.context import Context, open_context
from app.core.errors import PassphraseRequiredError


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
