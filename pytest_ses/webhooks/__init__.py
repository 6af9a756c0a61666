"""SNS HTTP/S deliveries as SNS makes them: envelopes, signatures, and routing to in-process apps.

Pure Python (no moto): the bridge's ``sns_http`` module feeds moto's SNS deliveries through here.
"""

from __future__ import annotations

from .apps import ASGI, WSGI, HttpRequest, HttpResponse
from .routing import NETWORK, Route, WebhookDelivery, WebhookRouter
from .signing import SigningIdentity

__all__ = [
    "ASGI",
    "NETWORK",
    "WSGI",
    "HttpRequest",
    "HttpResponse",
    "Route",
    "SigningIdentity",
    "WebhookDelivery",
    "WebhookRouter",
]
