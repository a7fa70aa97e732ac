"""The `confidant` command. No subcommand opens the desktop app.

Exit codes: 0 success; 1 an expected failure (one line on stderr); 2 bad usage;
3 not found; 4 ambiguous; 70 an unexpected error (logged without content); 78 IT's policy
exists but cannot be read or is malformed; 130 cancelled.
"""

# The network guard goes in before anything else is imported: from here on this
# process cannot open an internet socket or look up a name.
from app.core.privacy import netguard

netguard.install()

import argparse  # noqa: E402
import importlib  # noqa: E402
import sys  # noqa: E402

from app import __version__  # noqa: E402
from app.core import logs  # noqa: E402
from app.core.errors import AmbiguousError, AppError  # noqa: E402

# Each module adds its subcommands through register(subparsers).
COMMAND_MODULES = [
    "app.cli.cmd_doctor",
    "app.cli.cmd_models",
    "app.cli.cmd_privacy",
    "app.cli.cmd_import",
    "app.cli.cmd_records",
    "app.cli.cmd_pipeline",
    "app.cli.cmd_assistant",
    "app.cli.cmd_chat",
    "app.cli.cmd_config",
    "app.cli.cmd_brief",
]

EXIT_UNEXPECTED = 70
EXIT_CANCELLED = 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="confidant",
        description="Confidant: an offline assistant for salespeople. Nothing leaves this computer.",
    )
    parser.add_argument("--version", action="version", version=f"confidant {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from app.gui.entry import run_gui  # Qt is imported only when the window is wanted

        return run_gui()
    try:
        # Every command stops, with one line, when IT's policy exists but cannot be read.
        from app.core.policy import load_policy

        _say_what_policy_overrides(load_policy())
        return int(args.func(args) or 0)
    except AmbiguousError as exc:
        print(f"confidant: {exc.message}", file=sys.stderr)
        for m in exc.matches:
            print(f"  {m}", file=sys.stderr)
        return exc.exit_code
    except AppError as exc:
        print(f"confidant: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("confidant: cancelled.", file=sys.stderr)
        return EXIT_CANCELLED
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug, or a vault damaged under us
        from app.core.vault.db import is_damage_error

        if is_damage_error(exc):
            _remember_damage()
            print(
                "confidant: the vault is damaged (a page failed its check); nothing more will be written. "
                "Run `confidant doctor`, and `confidant export` to save what is readable.",
                file=sys.stderr,
            )
            return 1
        logs.log_unexpected(exc)
        print(
            f"confidant: unexpected error ({type(exc).__name__}); details without your data are in the log. "
            "Nothing was changed that was not already committed.",
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED


def _say_what_policy_overrides(policy) -> None:
    """One line when a managed key beats an environment variable the user set."""
    import os

    if "CONFIDANT_MODEL" in os.environ and policy.is_managed("model_path"):
        from app.core.llm.models import override_notice

        notice = override_notice(os.environ, policy)
        if notice:
            print(f"confidant: {notice}", file=sys.stderr)


def _remember_damage() -> None:
    try:
        from app.core.context import mark_damaged
        from app.core.paths import resolve

        mark_damaged(resolve())
    except AppError:
        pass


def run() -> None:
    # First: no core dumps, not dumpable, the seccomp network filter (app.core.privacy.hardening).
    from app.core.privacy import hardening

    hardening.startup()
    sys.exit(main())


if __name__ == "__main__":
    run()
