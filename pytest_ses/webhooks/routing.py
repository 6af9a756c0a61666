"""Which app answers an SNS HTTP/S endpoint, and the record of every POST SNS made to one.

One ``WebhookRouter`` lives on each test's core ``Session``, so routes and deliveries never leak between
tests.  The router knows nothing of moto: the bridge asks it where a URL goes and tells it what happened.
"""

from __future__ import annotations

import ipaddress
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .apps import ASGI, WSGI, HttpRequest, HttpResponse, app_kind, call_app

NETWORK = "network"
"""The kind of a route with no app: SNS's POSTs go over the network, which only a loopback URL may use."""

SNS_SOURCE_ADDRESS = "127.0.0.1"
"""``REMOTE_ADDR`` of in-process deliveries: the requests do not come from anywhere."""


def strip_credentials(url: str) -> str:
    """``https://user:secret@host/path`` without ``user:secret@`` (SNS's basic-auth endpoints carry them)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def credentials(url: str) -> tuple[str, str] | None:
    parts = urlsplit(url)
    if parts.username is None:
        return None
    return parts.username, parts.password or ""


def is_loopback(url: str) -> bool:
    """Whether ``url`` names this machine by a loopback address (127.0.0.0/8, ::1) or ``localhost``."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _route_key(url: str) -> tuple[str, str, str]:
    parts = urlsplit(strip_credentials(url))
    scheme = parts.scheme.lower()
    default_port = 443 if scheme == "https" else 80
    host = (parts.hostname or "").lower()
    port = parts.port or default_port
    return scheme, f"{host}:{port}", parts.path.rstrip("/")


@dataclass(frozen=True)
class WebhookDelivery:
    """One POST that SNS made (or would have made) to an HTTP/S endpoint, and how it ended."""

    url: str
    message_type: str
    topic_arn: str
    subscription_arn: str
    sns_message_id: str
    headers: dict[str, str]
    body: str = field(repr=False)
    status: int | None
    """The app's HTTP status; ``None`` when nothing answered (refused URL, app raised, pending subscription)."""
    response_body: str = field(default="", repr=False)
    error: str | None = None
    route: str | None = None
    """The route's URL when a routed app (or routed network endpoint) took the POST."""
    attempts: int = 1
    """2 when the endpoint answered 401 and SNS sent the request again with the URL's basic-auth credentials."""
    exception: BaseException | None = field(default=None, repr=False, compare=False)
    """What the app raised, to re-raise in a test (``raise delivery.exception``)."""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def document(self) -> dict[str, Any]:
        """The body as JSON (the SNS envelope; for raw delivery, the published message if it is JSON)."""
        decoded = json.loads(self.body)
        return decoded if isinstance(decoded, dict) else {"value": decoded}

    @property
    def message(self) -> Any:
        """The envelope's ``Message``, decoded when it is JSON (SES events are), else the text."""
        text = self.document.get("Message", self.body)
        try:
            return json.loads(text)
        except (TypeError, ValueError):
            return text


class Route:
    """An endpoint URL prefix and what answers it; ``deliveries`` lists the POSTs it received."""

    def __init__(self, router: WebhookRouter, url: str, app: Any, kind: str, confirm: bool) -> None:
        self._router = router
        self.url = url
        self.app = app
        self.kind = kind
        self.confirm = confirm
        """True: subscriptions to this URL are confirmed at once (no SubscriptionConfirmation is POSTed)."""

    def __repr__(self) -> str:
        return f"Route({self.url!r}, kind={self.kind!r}, confirm={self.confirm})"

    @property
    def deliveries(self) -> tuple[WebhookDelivery, ...]:
        return tuple(d for d in self._router.deliveries if d.route == self.url)

    @property
    def notifications(self) -> tuple[WebhookDelivery, ...]:
        return tuple(d for d in self.deliveries if d.message_type == "Notification")

    def matches(self, url: str) -> bool:
        scheme, netloc, path = _route_key(url)
        own_scheme, own_netloc, own_path = _route_key(self.url)
        if (scheme, netloc) != (own_scheme, own_netloc):
            return False
        return path == own_path or path.startswith(own_path + "/")

    def call(self, request: HttpRequest, network: Callable[[HttpRequest], HttpResponse]) -> HttpResponse:
        if self.kind == NETWORK:
            return network(request)
        return call_app(self.app, self.kind, request, SNS_SOURCE_ADDRESS)


class WebhookRouter:
    """Routes for SNS HTTP/S endpoints and the log of deliveries (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._routes: list[Route] = []
        self._deliveries: list[WebhookDelivery] = []

    def add(self, url: str, app: Any = None, *, confirm: bool = True, kind: str | None = None) -> Route:
        """Route POSTs to ``url`` and below it to ``app`` (WSGI or ASGI, guessed unless ``kind`` says).

        Without an app, POSTs really go to ``url``, which must then be a loopback address.
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"a webhook route needs an http:// or https:// URL, got {url!r}")
        if app is None:
            if not is_loopback(url):
                raise ValueError(f"without an app, a route must name a loopback address, not {url!r}")
            kind = NETWORK
        else:
            kind = kind or app_kind(app)
            if kind not in (WSGI, ASGI):
                raise ValueError(f"kind must be 'wsgi' or 'asgi', got {kind!r}")
        route = Route(self, strip_credentials(url), app, kind, confirm)
        with self._lock:
            self._routes = [r for r in self._routes if r.url != route.url]
            self._routes.append(route)
        return route

    def remove(self, url: str) -> None:
        bare = strip_credentials(url)
        with self._lock:
            self._routes = [r for r in self._routes if r.url != bare]

    @property
    def routes(self) -> tuple[Route, ...]:
        with self._lock:
            return tuple(self._routes)

    def find(self, url: str) -> Route | None:
        """The route with the longest URL that covers ``url``."""
        candidates = [route for route in self.routes if route.matches(url)]
        return max(candidates, key=lambda route: len(route.url), default=None)

    def record(self, delivery: WebhookDelivery) -> None:
        with self._lock:
            self._deliveries.append(delivery)

    @property
    def deliveries(self) -> tuple[WebhookDelivery, ...]:
        with self._lock:
            return tuple(self._deliveries)

    def clear(self) -> None:
        with self._lock:
            self._routes.clear()
            self._deliveries.clear()
