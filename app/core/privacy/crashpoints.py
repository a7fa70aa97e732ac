"""Named crash points for the kill tests of forget and rekey.

``CONFIDANT_CRASH_AT=<name>`` makes the process SIGKILL itself when it reaches
:func:`hit` with that name: no cleanup, no ``finally``, exactly like a power cut or
``kill -9``. The variable is read at each call; unset (every real run) it costs one
dictionary lookup and does nothing.
"""

from __future__ import annotations

import os
import signal

ENV = "CONFIDANT_CRASH_AT"


def hit(name: str) -> None:
    if os.environ.get(ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
