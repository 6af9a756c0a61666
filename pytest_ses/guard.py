"""Keep a test on this machine: while a fake runs, nothing may reach real AWS or any non-loopback address.

moto answers the AWS endpoints it knows, but a client built with another ``endpoint_url``, an HTTP library
pointed at a real host or a raw socket would go out to the network.  ``NetworkGuard`` refuses those
before any packet leaves, with a ``UsageError`` that names the host and says why:

* name lookups (``socket.getaddrinfo``, ``gethostbyname``, ``gethostbyname_ex``) answer only for
  loopback and unspecified IP literals, ``localhost`` and ``*.localhost``, and the machine's own host
  name.  Any other name is refused *before* it is resolved, since resolving it would send a DNS query;
* ``socket.socket.connect``/``connect_ex``/``sendto`` accept only those hosts (127.0.0.0/8, ::1 and
  their IPv4-mapped form for addresses) and non-IP families (Unix sockets);
* botocore's HTTP session checks the request URL first, so a boto3 call to an endpoint moto does not
  intercept fails with the ``UsageError`` itself rather than botocore's wrapper around it.

Sockets and botocore's session class are process-wide, so the patches are too: one set of patches is
applied while at least one guard is installed, and removed when the last one is uninstalled.  Code
that opens connections below Python's ``socket`` module (C extensions with their own sockets) is out of
reach.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from botocore.httpsession import URLLib3Session

from .errors import UsageError

_RULE = "while the fake SES is active nothing may reach real AWS or any non-loopback address"
_WAY_OUT = (
    "use the fake's clients (ses.client(...), or any boto3 client created without endpoint_url) "
    "and servers on 127.0.0.1 or localhost"
)
_LOOKUPS = ("getaddrinfo", "gethostbyname", "gethostbyname_ex")
_SOCKET_METHODS = ("connect", "connect_ex", "sendto")
_INTERNET_FAMILIES = (socket.AF_INET, socket.AF_INET6)


def is_local_host(host: str | bytes | None) -> bool:
    """Whether reaching ``host`` stays on this machine, decided without resolving it.

    ``None`` and ``""`` are the wildcard a server binds to; names count only when they are ``localhost``,
    end in ``.localhost`` (RFC 6761 keeps those on the machine) or are this machine's own host name
    (``smtplib`` looks it up for its greeting).
    """
    if host is None:
        return True
    text = host.decode("ascii", "replace") if isinstance(host, bytes) else str(host)
    text = text.strip().strip("[]").rstrip(".").lower()
    if text in ("", "localhost", socket.gethostname().lower()) or text.endswith(".localhost"):
        return True
    address = _ip_literal(text)
    if address is None:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback or address.is_unspecified


def _ip_literal(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.partition("%")[0])  # an IPv6 zone (``fe80::1%eth0``) is not part of it
    except ValueError:
        return None


def refusal(action: str, host: object, reason: str) -> UsageError:
    """The error for one refused destination: what was refused, the host, why, and the way out."""
    return UsageError(f"pytest-ses refused {action}: {host} is {reason}; {_RULE}. To fix it, {_WAY_OUT}.")


class _Patches:
    """The one set of process-wide patches, and the guards that keep it applied."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.guards: list[NetworkGuard] = []
        self.saved: dict[tuple[Any, str], Any] = {}

    def apply(self) -> None:
        for name in _LOOKUPS:
            self._replace(socket, name, _guarded_lookup(name, getattr(socket, name)))
        for name in _SOCKET_METHODS:
            self._replace(socket.socket, name, _guarded_socket_method(name, getattr(socket.socket, name)))
        self._replace(URLLib3Session, "send", _guarded_send(URLLib3Session.send))

    def _replace(self, owner: Any, name: str, replacement: Callable[..., Any]) -> None:
        self.saved[(owner, name)] = owner.__dict__.get(name)
        setattr(owner, name, replacement)

    def restore(self) -> None:
        for (owner, name), original in self.saved.items():
            if original is None:
                delattr(owner, name)  # it was inherited (``socket.socket.connect`` comes from ``_socket``)
            else:
                setattr(owner, name, original)
        self.saved.clear()


_PATCHES = _Patches()
"""Process-wide, as the socket module and botocore's session class that it patches are."""


class NetworkGuard:
    """Refuses network access beyond loopback between ``install()`` and ``uninstall()``.

    Installing twice, or uninstalling a guard that is not installed, does nothing; guards of several
    owners may overlap in any order, and the patches stay until the last one is uninstalled.
    """

    @property
    def installed(self) -> bool:
        with _PATCHES.lock:
            return self in _PATCHES.guards

    def install(self) -> NetworkGuard:
        with _PATCHES.lock:
            if self in _PATCHES.guards:
                return self
            if not _PATCHES.guards:
                _PATCHES.apply()
            _PATCHES.guards.append(self)
        return self

    def uninstall(self) -> None:
        with _PATCHES.lock:
            if self not in _PATCHES.guards:
                return
            _PATCHES.guards.remove(self)
            if not _PATCHES.guards:
                _PATCHES.restore()

    def __enter__(self) -> NetworkGuard:
        return self.install()

    def __exit__(self, *exc_info: object) -> None:
        self.uninstall()


def _guarding() -> bool:
    """Whether a guard is installed.  A patch left behind (restored by someone else's monkeypatch after
    the last guard went) then just passes calls through."""
    return bool(_PATCHES.guards)


def _guarded_lookup(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    def lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
        if _guarding() and not is_local_host(host):
            port = args[0] if args and name == "getaddrinfo" else kwargs.get("port")
            where = f" (port {port})" if port not in (None, "", 0) else ""
            raise refusal(
                f"to look up {host}{where}",
                host,
                "not a loopback name or address (even resolving it would send a DNS query)",
            )
        return original(host, *args, **kwargs)

    lookup.__name__ = name
    lookup.__doc__ = f"``socket.{name}``, refusing any host but loopback while a NetworkGuard is installed."
    return lookup


def _guarded_socket_method(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    what = "to send a packet" if name == "sendto" else "a connection"

    def method(sock: socket.socket, *args: Any) -> Any:
        # connect(address), connect_ex(address), sendto(data, address), sendto(data, flags, address)
        address = args[-1] if args else None
        if _guarding() and sock.family in _INTERNET_FAMILIES and isinstance(address, tuple) and address:
            host = address[0]
            if not is_local_host(host):
                port = address[1] if len(address) > 1 else "?"
                raise refusal(f"{what} to {host}:{port}", host, "not a loopback address")
        return original(sock, *args)

    method.__name__ = name
    method.__qualname__ = f"socket.{name}"
    method.__doc__ = (
        f"``socket.socket.{name}``, refusing any address but loopback while a NetworkGuard is installed."
    )
    return method


def _guarded_send(original: Callable[..., Any]) -> Callable[..., Any]:
    def send(session: URLLib3Session, request: Any) -> Any:
        host = urlsplit(str(request.url)).hostname
        if _guarding() and not is_local_host(host):
            raise refusal(
                f"an AWS request to {request.url}",
                host,
                "an endpoint moto does not intercept, so the request would go over the network",
            )
        return original(session, request)

    send.__doc__ = "botocore's HTTP send, refusing non-loopback endpoints while a NetworkGuard is installed."
    return send
