"""Per-fake settings and the recorder: what stays the same across all account/Region stores of one test."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..webhooks.routing import WebhookRouter
from .clock import IdFactory
from .model import DEFAULT_DEDICATED_IPS
from .recorder import Recorder
from .sending.outcomes import Outcome


@dataclass
class Session:
    """Settings for new stores, id generation, programmed outcomes and the record of everything sent.

    ``caller_identity`` and ``source_ip`` fill the ``ses:caller-identity`` and ``ses:source-ip`` tags: the
    fake's callers are in-process, so the defaults name moto's fake IAM user and the loopback address.
    """

    recorder: Recorder = field(default_factory=Recorder)
    ids: IdFactory = field(default_factory=IdFactory)
    dedicated_ips: tuple[str, ...] = DEFAULT_DEDICATED_IPS
    caller_identity: str = "moto"
    source_ip: str = "127.0.0.1"
    delivery_millis: int = 500
    webhooks: WebhookRouter = field(default_factory=WebhookRouter)
    """Where SNS's HTTP/S deliveries go (routes to in-process apps) and the record of each POST."""
    _outcomes: dict[str, Outcome] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def program(self, recipients: Iterable[str], outcome: Outcome) -> None:
        """Later sends to these addresses end in ``outcome`` (case-insensitive addresses)."""
        with self._lock:
            for recipient in recipients:
                self._outcomes[recipient.lower()] = outcome

    def programmed(self, recipient: str) -> Outcome | None:
        with self._lock:
            return self._outcomes.get(recipient.lower())
