"""Entry point of the frozen bundle: the same `confidant` command as the venv's console script.

No subcommand opens the desktop window; `confidant doctor`, `confidant import ...` work as in
a source install. freeze_support keeps a frozen multiprocessing child (if any library starts
one) from re-running the command line.
"""

from app.core.privacy import hardening

hardening.startup()  # before anything else: no core dumps, not dumpable, the network filter

import multiprocessing  # noqa: E402

multiprocessing.freeze_support()

from app.cli.main import run  # noqa: E402  (the network guard goes in on this import)

run()
