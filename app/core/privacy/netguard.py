"""The network guard: this process opens no internet socket.

Installed first thing by every entry point (CLI and desktop app). It is a CPython audit
hook, so it sees every ``socket.connect``, ``sendto`` and name lookup made from Python,
whatever library makes it, and cannot be removed once added. IPv4 and IPv6 attempts,
loopback included, are refused with ``PermissionError`` and counted; Unix-domain sockets
(D-Bus, which the OS keyring uses) stay allowed.

Binding an internet socket (to serve a port) is refused too, door or not.

It also refuses to *create* an internet socket from Python (the ``socket.__new__`` event
carries the family the caller asked for, so a ``socket.socket`` subclass that misreports its
``.family`` is caught before it exists).

What it cannot see: native code that calls the C socket API directly (ctypes, QtNetwork, a
child process). On Linux the seccomp filter (:mod:`app.core.privacy.kernel_guard`) closes
that for the whole process; ``status()["kernel"]`` says whether it is in force.

Blocked attempts are counted per process and added, at exit, to ``<data>/netguard.json``
(counts by kind only, no addresses or content), so ``doctor`` in a later process still shows
them (``blocked_total``).
"""

from __future__ import annotations

import atexit
import json
import socket
import sys
import threading

_lock = threading.Lock()
_installed = False
_blocked = 0
_kinds: dict[str, int] = {}
_door = None  # app.core.privacy.door.Door: the company server the system policy names

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
        return  # the company inference server the system policy names (app.core.privacy.door)
    if event == "socket.__new__":
        if len(args) > 1 and args[1] in _INET:
            _record(event)
            raise NetworkBlocked("Confidant never uses the network: internet socket refused by the network guard")
        return
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg", "socket.bind"):
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
        atexit.register(persist)
        _installed = True


def _store():
    from app.core.paths import resolve  # noqa: PLC0415

    return resolve().data / "netguard.json"


def persisted() -> dict:
    """The counts earlier processes left: ``{"blocked_total": int, "by_kind": {...}}``."""
    try:
        raw = json.loads(_store().read_text(encoding="utf-8"))
        kinds = {str(k): int(v) for k, v in dict(raw.get("by_kind", {})).items()}
        return {"blocked_total": int(raw.get("blocked_total", 0)), "by_kind": kinds}
    except (OSError, ValueError, TypeError, AttributeError):
        return {"blocked_total": 0, "by_kind": {}}


def persist() -> None:
    """Add this process's blocked attempts to the stored counts (at exit; best effort)."""
    global _blocked
    with _lock:
        n, kinds = _blocked, dict(_kinds)
        _blocked = 0
        _kinds.clear()
    if not n:
        return
    try:
        from app.core.paths import write_private  # noqa: PLC0415

        store = _store()
        if not store.parent.is_dir():
            return
        old = persisted()
        for k, v in kinds.items():
            old["by_kind"][k] = old["by_kind"].get(k, 0) + v
        old["blocked_total"] += n
        write_private(store, json.dumps(old).encode())
    except Exception:  # noqa: BLE001 - a count must never turn an exit into a crash
        pass


def status() -> dict:
    """``{"active", "blocked_attempts", "by_kind", "blocked_total", "kernel", "kernel_scope"}``
    for doctor and the GUI. ``blocked_attempts`` is this process; ``blocked_total`` adds every
    earlier one; ``kernel_scope`` says in words what the kernel filter admits."""
    from app.core.privacy import kernel_guard  # noqa: PLC0415

    with _lock:
        now, kinds = _blocked, dict(_kinds)
    before = persisted()
    return {"active": _installed, "blocked_attempts": now, "by_kind": kinds,
            "blocked_total": before["blocked_total"] + now, "kernel": kernel_guard.status(),
            "kernel_scope": kernel_guard.scope()}
