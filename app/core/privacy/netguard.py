"""The network guard: this process opens no internet socket.

Installed first thing by every entry point (CLI and desktop app). It is a CPython audit
hook, so it sees every ``socket.connect``, ``sendto`` and name lookup made from Python,
whatever library makes it, and cannot be removed once added. IPv4 and IPv6 attempts,
loopback included, are refused with ``PermissionError`` and counted; Unix-domain sockets
(D-Bus, which the OS keyring uses) stay allowed.

What it cannot see: native code that calls the C socket API directly. Nothing Confidant
loads does that (llama.cpp has no network code; Qt's network module is never imported, see
tests/test_static_checks.py); the network-namespace test proves it end to end.
"""

from __future__ import annotations

import socket
import sys
import threading

_lock = threading.Lock()
_installed = False
_blocked = 0
_kinds: dict[str, int] = {}
_door = None  # app.core.privacy.door.Door: the company server the system policy names (issue 15)

_INET = {socket.AF_INET, socket.AF_INET6}
_LOOKUPS = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo"}


class NetworkBlocked(PermissionError):
    """Raised inside the code that tried to reach the network."""


def _record(kind: str) -> None:
    global _blocked
    with _lock:
        _blocked += 1
        _kinds[kind] = _kinds.get(kind, 0) + 1


def set_door(door) -> None:
    """Let exactly ``door``'s host and port through (None: close it). Only door.py calls this."""
    global _door
    _door = door


def _hook(event: str, args: tuple) -> None:
    if _door is not None and event.startswith("socket.") and _door.allows(event, args):
        return
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
        sock = args[0]
        if getattr(sock, "family", None) in _INET:
            _record(event)
            raise NetworkBlocked("Confidant never uses the network: connection refused by the network guard")
    elif event in _LOOKUPS:
        _record(event)
        raise NetworkBlocked("Confidant never uses the network: name lookup refused by the network guard")


def install() -> None:
    """Add the guard (idempotent). Call before importing anything that might connect."""
    global _installed
    with _lock:
        if _installed:
            return
        sys.addaudithook(_hook)
        _installed = True


def status() -> dict:
    """``{"active": bool, "blocked_attempts": int, "by_kind": {...}}`` for doctor and the GUI."""
    with _lock:
        return {"active": _installed, "blocked_attempts": _blocked, "by_kind": dict(_kinds)}
