"""The kernel layer of "nothing leaves": a seccomp filter on Linux.

The Python guard (:mod:`app.core.privacy.netguard`) sees what Python code does; native code
(llama.cpp, Qt's network module, a ctypes call, a child process) goes straight to the kernel.
This filter makes the kernel refuse, for the whole process, all its threads and every child
it starts, any ``socket()`` whose family is not local: ``AF_UNIX`` (D-Bus for the keyring,
X11/Wayland) and ``AF_NETLINK`` (interface queries, udev) work; ``AF_INET``, ``AF_INET6``,
``AF_PACKET`` and every other family fail with ``EACCES``. ``io_uring_setup`` is refused too
(an io_uring can open sockets without the ``socket`` system call), and so is any system call
made through a foreign ABI (32-bit ``int 0x80``/x32 on x86_64), which would otherwise pass a
``socketcall`` around the filter.

When the *system* policy names a company inference server (the one door, see
:mod:`app.core.privacy.door`), the filter is installed all the same, with two changes: an
internet ``socket()`` is admitted only when it is made with exactly the door's arguments (TCP,
``SOCK_STREAM | SOCK_NONBLOCK``, ``IPPROTO_TCP``), and ``listen()`` is refused for every
socket, so no code in the process can serve a port. What the kernel cannot check is the
address such a socket connects to (``connect()`` passes it behind a pointer, which seccomp
cannot read): that the door's sockets reach only the door's host and port is enforced by the
Python guard. Native code that copies the door's exact ``socket()`` arguments could connect
elsewhere; docs/privacy.md says so.

Why a 20-instruction BPF program through ctypes and not libseccomp's Python binding: the
binding is not on PyPI as a wheel (it comes with the distribution's libseccomp), so it would
be a system dependency the .deb, the bundle and a venv install would each have to provide,
for a filter this small. The program below is checked by tests/core/privacy/test_hardening.py, which
proves a ctypes ``socket()``+``connect()`` and a QtNetwork socket fail inside the app while the
D-Bus keyring still works.

What it does not cover: macOS and Windows (the app bundle's entitlements and the MSI's
firewall rule do the job there), 32-bit Linux and architectures other than x86_64/aarch64
(reported as ``kernel: null`` by doctor). A filter cannot be removed once installed, so it is
installed by the entry points (``run()``), never by importing a module.
"""

from __future__ import annotations

import ctypes
import errno
import platform
import struct
import sys
import threading

from app.core.policy import Policy

# <linux/filter.h>
_BPF_LD_W_ABS = 0x00 | 0x00 | 0x20  # BPF_LD | BPF_W | BPF_ABS
_BPF_JEQ_K = 0x05 | 0x10 | 0x00  # BPF_JMP | BPF_JEQ | BPF_K
_BPF_JGE_K = 0x05 | 0x30 | 0x00  # BPF_JMP | BPF_JGE | BPF_K
_BPF_RET_K = 0x06 | 0x00  # BPF_RET | BPF_K
# <linux/seccomp.h>
_SECCOMP_RET_ALLOW = 0x7FFF0000
_SECCOMP_RET_ERRNO = 0x00050000
_SECCOMP_SET_MODE_FILTER = 1
_SECCOMP_FILTER_FLAG_TSYNC = 1
_PR_SET_NO_NEW_PRIVS = 38

AF_UNIX, AF_NETLINK = 1, 16

# arch: (AUDIT_ARCH, __NR_seccomp, __NR_socket, __NR_io_uring_setup, x32 bit or None, __NR_listen)
_ARCHES = {
    "x86_64": (0xC000003E, 317, 41, 425, 0x40000000, 50),
    "aarch64": (0xC00000B7, 277, 198, 425, None, 201),
}
AF_INET, AF_INET6 = 2, 10
_SOCK_CLOEXEC = 0o2000000  # what CPython adds to every socket() it makes on Linux

_lock = threading.Lock()
_installed: str | None = None
_scope: str | None = None


def door_open(policy: Policy | None) -> bool:
    """Whether the *system* policy names a company inference server (``CONFIDANT_POLICY``
    cannot): the filter then admits the door's own sockets (see :func:`build_program`)."""
    return bool(policy is not None and policy.get("inference_url"))


def kernel_filter_allows_internet(policy: Policy) -> bool:
    """Whether the filter admits any internet socket: only the door's, when the system policy
    opens the door. The filter is installed either way."""
    return door_open(policy)


def _insn(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("HBBI", code, jt, jf, k)


def build_program(arch: str, *, door: bool = False) -> bytes:
    """The BPF program for ``arch`` (see the module doc), as packed sock_filter structs.

    With ``door``: ``listen()`` is refused for every socket, and an internet ``socket()`` is
    admitted only with exactly the door's arguments (TCP, ``SOCK_STREAM | SOCK_NONBLOCK``,
    ``IPPROTO_TCP``; see app.core.privacy.door.DOOR_SOCKET_TYPE). seccomp cannot read the
    address a ``connect()`` points to (it is behind a pointer), so where such a socket may
    connect is the Python guard's to decide: exactly the door's host and port."""
    from app.core.privacy.door import DOOR_SOCKET_PROTO, DOOR_SOCKET_TYPE

    audit_arch, _nr_seccomp, nr_socket, nr_io_uring, x32, nr_listen = _ARCHES[arch]
    deny = _SECCOMP_RET_ERRNO | errno.EACCES
    prog = [
        _insn(_BPF_LD_W_ABS, 0, 0, 4),  # A = seccomp_data.arch
        _insn(_BPF_JEQ_K, 1, 0, audit_arch),  # native ABI: go on
        _insn(_BPF_RET_K, 0, 0, deny),  # a foreign ABI could reach socketcall: refused
        _insn(_BPF_LD_W_ABS, 0, 0, 0),  # A = seccomp_data.nr
    ]
    if x32 is not None:
        prog += [_insn(_BPF_JGE_K, 0, 1, x32), _insn(_BPF_RET_K, 0, 0, deny)]  # x32 system calls
    prog += [
        _insn(_BPF_JEQ_K, 0, 1, nr_io_uring),
        _insn(_BPF_RET_K, 0, 0, _SECCOMP_RET_ERRNO | errno.EACCES),
    ]
    if door:
        prog += [_insn(_BPF_JEQ_K, 0, 1, nr_listen), _insn(_BPF_RET_K, 0, 0, deny)]  # no listening socket
    prog += [
        _insn(_BPF_JEQ_K, 1, 0, nr_socket),
        _insn(_BPF_RET_K, 0, 0, _SECCOMP_RET_ALLOW),  # any other system call
        _insn(_BPF_LD_W_ABS, 0, 0, 16),  # A = low 32 bits of args[0] (the family, an int)
    ]
    if not door:
        prog += [
            _insn(_BPF_JEQ_K, 2, 0, AF_UNIX),
            _insn(_BPF_JEQ_K, 1, 0, AF_NETLINK),
            _insn(_BPF_RET_K, 0, 0, deny),
            _insn(_BPF_RET_K, 0, 0, _SECCOMP_RET_ALLOW),
        ]
    else:
        prog += [
            _insn(_BPF_JEQ_K, 8, 0, AF_UNIX),  # -> allow
            _insn(_BPF_JEQ_K, 7, 0, AF_NETLINK),  # -> allow
            _insn(_BPF_JEQ_K, 1, 0, AF_INET),
            _insn(_BPF_JEQ_K, 0, 4, AF_INET6),  # any other family -> deny
            _insn(_BPF_LD_W_ABS, 0, 0, 24),  # A = low 32 bits of args[1] (the type and its flags)
            _insn(_BPF_JEQ_K, 0, 2, DOOR_SOCKET_TYPE | _SOCK_CLOEXEC),  # -> deny
            _insn(_BPF_LD_W_ABS, 0, 0, 32),  # A = low 32 bits of args[2] (the protocol)
            _insn(_BPF_JEQ_K, 1, 0, DOOR_SOCKET_PROTO),  # -> allow
            _insn(_BPF_RET_K, 0, 0, deny),
            _insn(_BPF_RET_K, 0, 0, _SECCOMP_RET_ALLOW),
        ]
    return b"".join(prog)


def supported() -> str | None:
    """The architecture name when this platform can take the filter, else None."""
    if not sys.platform.startswith("linux"):
        return None
    arch = platform.machine().lower()
    arch = {"amd64": "x86_64", "arm64": "aarch64"}.get(arch, arch)
    if arch not in _ARCHES or struct.calcsize("P") != 8:
        return None
    return arch


def install(policy: Policy | None = None) -> str | None:
    """Install the filter for this process and all its threads (idempotent).

    Returns ``"seccomp"`` when the filter is in force, None where it cannot be (another OS,
    another architecture, a kernel without seccomp). Never raises: the Python guard still
    stands where the kernel layer cannot.
    """
    global _installed, _scope
    with _lock:
        if _installed:
            return _installed
        arch = supported()
        if arch is None:
            return None
        door = door_open(policy)
        prog_bytes = build_program(arch, door=door)
        n = len(prog_bytes) // 8
        buf = ctypes.create_string_buffer(prog_bytes, len(prog_bytes))

        class SockFprog(ctypes.Structure):
            _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

        fprog = SockFprog(n, ctypes.cast(buf, ctypes.c_void_p))
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
            libc.syscall.restype = ctypes.c_long
            if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
                return None
            rc = libc.syscall(ctypes.c_long(_ARCHES[arch][1]), ctypes.c_ulong(_SECCOMP_SET_MODE_FILTER),
                              ctypes.c_ulong(_SECCOMP_FILTER_FLAG_TSYNC), ctypes.byref(fprog))
        except (OSError, AttributeError):
            return None
        if rc != 0:
            return None
        _installed = "seccomp"
        _scope = SCOPE_DOOR if door else SCOPE_LOCAL
        return _installed


SCOPE_LOCAL = "local sockets only"
SCOPE_DOOR = "local sockets and the company server's connections only; no listening"


def scope() -> str | None:
    """What the installed filter admits, in words (None: no filter)."""
    return _scope


def status() -> str | None:
    """``"seccomp"`` when this process installed the filter, else None."""
    return _installed


__all__ = ["build_program", "door_open", "install", "kernel_filter_allows_internet", "scope", "status", "supported"]
