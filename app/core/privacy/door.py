"""The one network door: the company inference server named by the *system* policy.

Confidant opens no internet socket (:mod:`app.core.privacy.netguard`). The single exception
is the server IT names with ``inference_url`` plus ``inference_tls_sha256`` (or
``inference_ca_bundle``). :class:`Door` guarantees:

- only that host and port: a name lookup for that host (and nothing else: no other name,
  no reverse lookup), and a TCP connect to the addresses that lookup gave, on that port;
  no UDP, no other port, no other address, no listening socket; the host may be named by
  name (as docs/deploy.md shows) or by address;
- TLS only, and the server proves its identity before a byte of a request is sent: its
  certificate's SHA-256 must equal the pinned fingerprint (a self-signed certificate is
  fine when pinned), or it must chain to the policy's CA bundle and match the host name;
- the door exists only when the system policy opens it: ``CONFIDANT_POLICY`` and user
  settings cannot (see :mod:`app.core.policy.reader`).

Runs on any thread; :meth:`Door.allows` runs inside the audit hook, so it does no I/O.
"""

from __future__ import annotations

import contextlib
import hashlib
import socket
import ssl
import threading
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from app.core.errors import Message, N_, PolicyError

LOOKUP = "socket.getaddrinfo"
# The door's sockets are made with exactly these arguments (TCP, non-blocking until a time-out is
# set). The kernel filter (app.core.privacy.kernel_guard) admits an internet socket only when
# socket() is called with them, and the Python guard only such a socket's connect to the door.
DOOR_SOCKET_TYPE = socket.SOCK_STREAM | getattr(socket, "SOCK_NONBLOCK", 0)
DOOR_SOCKET_PROTO = socket.IPPROTO_TCP


_making = threading.local()  # set while this thread's door code makes its own socket


@contextlib.contextmanager
def _door_socket():
    """The Python guard admits an internet socket's creation only inside this block, which only
    :meth:`Door.connect` enters: other code, on any thread, cannot make one while the door is open."""
    _making.socket = True
    try:
        yield
    finally:
        _making.socket = False


class DoorRefused(PolicyError):
    """The server is not the one the policy pins (certificate, host) or cannot be reached."""


class DoorUnreachable(DoorRefused):
    """Nothing answered at the server's addresses (refused, timed out): the policy is fine, the
    server is down or busy, so a caller may try once more. Exit code 1, not the policy's."""

    exit_code = 1


def normalise_fingerprint(value: str) -> str:
    """``AB:CD:…`` (openssl's form) or plain hex, to 64 lower-case hex characters."""
    return value.replace(":", "").strip().lower()


@dataclass(frozen=True)
class Door:
    url: str
    host: str
    port: int
    base_path: str
    model: str
    tls_sha256: str | None = None
    ca_bundle: str | None = None
    api_key_ref: str | None = None
    fallback_local: bool = False
    n_ctx: int | None = None
    addresses: frozenset = field(default_factory=frozenset)

    @classmethod
    def from_policy(cls, policy) -> "Door | None":
        """The door the policy describes, or None when the policy names no server."""
        url = policy.get("inference_url")
        if not url:
            return None
        where = policy.source or Message(N_("the system policy"))
        pin = policy.get("inference_tls_sha256")
        ca = policy.get("inference_ca_bundle")
        if not pin and not ca:
            raise PolicyError(N_("Policy {where}: 'inference_url' needs 'inference_tls_sha256' or 'inference_ca_bundle'."),
                              where=where)
        model = policy.get("inference_model")
        if not model:
            raise PolicyError(N_("Policy {where}: 'inference_url' needs 'inference_model' (the model the server must serve)."),
                              where=where)
        u = urlsplit(url)
        return cls(
            url=url.rstrip("/"), host=u.hostname.lower(), port=u.port or 443, base_path=u.path.rstrip("/"),
            model=model, tls_sha256=normalise_fingerprint(pin) if pin else None, ca_bundle=ca,
            api_key_ref=policy.get("inference_api_key_ref"), fallback_local=bool(policy.get("inference_fallback_local")),
            n_ctx=policy.get("inference_n_ctx"),
        )

    # ---- the guard's view (no I/O: called from the audit hook) -----------------------------

    def allows(self, event: str, args: tuple) -> bool:
        if event == "socket.__new__":  # (self, family, type, proto): only while the door makes its own socket
            return getattr(_making, "socket", False) and len(args) > 3 and args[3] == DOOR_SOCKET_PROTO
        if event == LOOKUP:
            host, port = args[0], args[1]
            if isinstance(host, bytes):
                host = host.decode("ascii", "replace")
            return isinstance(host, str) and host.lower().rstrip(".") == self.host and str(port) == str(self.port)
        if event == "socket.connect":
            addr = args[1]
            return (isinstance(addr, tuple) and len(addr) >= 2 and addr[1] == self.port
                    and addr[0] in self.addresses and getattr(args[0], "type", None) == socket.SOCK_STREAM)
        return False  # sendto/sendmsg (UDP), gethostbyname, reverse lookups: never

    # ---- opening -------------------------------------------------------------------------

    def resolve(self, timeout: float = 10.0) -> "Door":
        """Look the host up once (the only lookup the guard lets through) and keep its addresses."""
        from app.core.privacy import netguard

        netguard.set_door(self)  # the lookup itself must pass the guard
        try:
            infos = socket.getaddrinfo(self.host, self.port, type=socket.SOCK_STREAM)
        except OSError as exc:
            netguard.set_door(None)
            raise DoorRefused(N_("The company inference server {host} cannot be found ({reason})."),
                              host=self.host, reason=exc.strerror or exc) from None
        door = replace(self, addresses=frozenset(i[4][0] for i in infos))
        netguard.set_door(door)
        return door

    def tls_context(self) -> ssl.SSLContext:
        if self.tls_sha256:
            # Identity comes from the pin, checked in connect() before anything is sent.
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
        else:
            try:
                ctx = ssl.create_default_context(cafile=self.ca_bundle)
            except (OSError, ssl.SSLError) as exc:
                raise DoorRefused(N_("Policy 'inference_ca_bundle' {ca_bundle} cannot be read ({error})."),
                                  ca_bundle=self.ca_bundle, error=exc) from None
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        return ctx

    def connect(self, timeout: float) -> ssl.SSLSocket:
        """A TLS socket to the server whose identity has been checked; nothing sent yet."""
        last: Exception | None = None
        for ip in sorted(self.addresses):
            # Not socket.create_connection: it looks the address up again, a lookup of something
            # other than the host name, which the guard refuses (a server named by host name
            # never connected). The socket is made with the door's own arguments (see DOOR_SOCKET).
            with _door_socket():
                raw = socket.socket(socket.AF_INET6 if ":" in ip else socket.AF_INET, DOOR_SOCKET_TYPE,
                                    DOOR_SOCKET_PROTO)
            try:
                raw.settimeout(timeout)
                raw.connect((ip, self.port))
            except OSError as exc:
                raw.close()
                last = exc
                continue
            try:
                with _door_socket():  # wrapping makes a second socket object on the same descriptor
                    tls = self.tls_context().wrap_socket(raw, server_hostname=self.host)
            except ssl.SSLError as exc:
                raw.close()
                raise DoorRefused(N_("TLS with the company inference server {host}:{port} failed ({reason})."),
                                  host=self.host, port=self.port, reason=exc.reason) from None
            except OSError as exc:
                raw.close()
                last = exc
                continue
            self.check_certificate(tls)
            return tls
        reason = (Message(N_("timed out")) if isinstance(last, TimeoutError)
                  else getattr(last, "strerror", None) or str(last or "no address"))
        raise DoorUnreachable(N_("The company inference server {host}:{port} cannot be reached ({reason})."),
                          host=self.host, port=self.port, reason=reason)

    def check_certificate(self, tls: ssl.SSLSocket) -> None:
        if not self.tls_sha256:
            return  # verified against the CA bundle and the host name during the handshake
        der = tls.getpeercert(binary_form=True) or b""
        got = hashlib.sha256(der).hexdigest()
        if got != self.tls_sha256:
            tls.close()
            raise DoorRefused(
                N_("The server at {host}:{port} is not the one IT pinned: its certificate's SHA-256 is "
                "{got}…, the policy's inference_tls_sha256 is {tls_sha256}…; nothing was sent."),
                host=self.host, port=self.port, got=got[:16], tls_sha256=self.tls_sha256[:16]
            )

    def describe(self) -> dict:
        return {"mode": "server", "url": self.url, "tls_sha256": self.tls_sha256, "ca_bundle": self.ca_bundle,
                "model": self.model, "fallback_local": self.fallback_local, "set_by": "system policy"}
