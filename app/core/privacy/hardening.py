"""What every entry point does before anything else: no core dumps, not dumpable, no network.

:func:`startup` is the first call of ``app.cli.main.run`` (the ``confidant`` command and the
bundle), ``app.gui.entry.run`` (``confidant-gui``) and ``installer/entry.py``:

- ``RLIMIT_CORE`` 0 (soft and hard): a crash (a llama.cpp ``GGML_ASSERT`` aborts) writes no core
  file, so the data key, the passphrase and note text never reach the disk that way, whatever
  ``ulimit -c`` the shell had;
- ``PR_SET_DUMPABLE`` 0 on Linux: no core through systemd-coredump/apport either, and another
  process of the same user cannot ptrace this one or read its ``/proc/<pid>/mem``;
- the Python network guard and, on Linux, the seccomp filter (:mod:`kernel_guard`).

Never raises: a platform that lacks a call keeps the layers it has.
"""

from __future__ import annotations

import ctypes
import sys

try:  # imported up front: a hardening step must not depend on a lazy import succeeding
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

_PR_SET_DUMPABLE = 4
_done = False


def no_core_dumps() -> dict:
    """Set RLIMIT_CORE to 0 and (Linux) the process non-dumpable; returns what held."""
    out = {"rlimit_core": None, "dumpable": None}
    try:
        if resource is None:
            raise ImportError
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        out["rlimit_core"] = resource.getrlimit(resource.RLIMIT_CORE)[0]
    except (ImportError, ValueError, OSError):
        pass
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
            libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
            out["dumpable"] = libc.prctl(3, 0, 0, 0, 0)  # PR_GET_DUMPABLE
        except (OSError, AttributeError):
            pass
    return out


def startup() -> None:
    """The first thing an entry point does (idempotent)."""
    global _done
    if _done:
        return
    _done = True
    no_core_dumps()
    from app.core.privacy import kernel_guard, netguard  # noqa: PLC0415

    netguard.install()
    kernel_guard.install(_policy_or_none())


def _policy_or_none():
    """The policy, for :func:`kernel_guard.kernel_filter_allows_internet`. Unreadable: None,
    which keeps the filter closed; the command then stops with the policy's own message."""
    try:
        from app.core.policy import load_policy  # noqa: PLC0415

        return load_policy()
    except Exception:  # noqa: BLE001 - reported by the command itself, with exit code 78
        return None
