"""What tests read: one frozen record per send attempt and per event, with every decision and delivery.

Records are immutable values.  The exact AWS JSON of an event is kept as the string that was published
(shared with the publication payloads, so a message costs a few KB) and decoded on access.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from typing import Any

from .eventtypes import EventType


@dataclass(frozen=True, slots=True)
class RuleDecision:
    """One rule of the configuration set (or account) applied to a send: what it decided and why."""

    rule: str
    outcome: str
    reason: str


@dataclass(frozen=True, slots=True)
class Publication:
    """An event delivered (or attempted) to one destination: ``payload`` is exactly what was sent."""

    destination: str
    kind: str
    target: str
    payload: str
    delivered: bool = True
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Skip:
    """A destination of the set that did not receive an event, and why."""

    destination: str
    reason: str


@dataclass(frozen=True, slots=True, repr=False)
class EventRecord:
    """One SES event as AWS writes it, with where it went."""

    type: EventType
    message_id: str
    configuration_set: str | None
    recipients: tuple[str, ...]
    record_json: str
    timestamp: _dt.datetime
    publications: tuple[Publication, ...] = ()
    skipped: tuple[Skip, ...] = ()

    def __repr__(self) -> str:
        published = ", ".join(p.destination for p in self.publications if p.delivered) or "nowhere"
        return (
            f"<EventRecord {self.event_type} message={self.message_id} set={self.configuration_set!r} "
            f"recipients={list(self.recipients)} published to {published}>"
        )

    @property
    def event_type(self) -> str:
        """The record's ``eventType`` (``Send``, ``Rendering Failure``...)."""
        return self.type.record_name

    @property
    def record(self) -> dict[str, Any]:
        """The exact AWS event record (a fresh dict on each access)."""
        decoded: dict[str, Any] = json.loads(self.record_json)
        return decoded

    @property
    def details(self) -> dict[str, Any]:
        """The type-specific object of the record (``record["bounce"]`` for a bounce)."""
        value: dict[str, Any] = self.record.get(self.type.record_key, {})
        return value


@dataclass(frozen=True, slots=True, repr=False)
class MessageRecord:
    """One send attempt, accepted or rejected, through any API."""

    message_id: str | None
    operation: str
    api_version: str
    source: str
    destinations: tuple[str, ...]
    subject: str | None
    timestamp: _dt.datetime
    region: str
    account_id: str
    accepted: bool
    configuration_set: str | None = None
    configuration_set_source: str | None = None
    tags: tuple[tuple[str, str], ...] = ()
    auto_tags: tuple[tuple[str, str], ...] = ()
    rules: tuple[RuleDecision, ...] = ()
    events: tuple[EventRecord, ...] = ()
    error_code: str | None = None
    error_message: str | None = None
    raw: str | None = None
    template: str | None = None
    template_data: str | None = None
    sending_pool: str | None = None
    outgoing_ip: str | None = None
    html: bool = False
    notifications: tuple[Publication, ...] = ()

    def __repr__(self) -> str:
        state = "accepted" if self.accepted else f"rejected {self.error_code}"
        return (
            f"<MessageRecord {self.operation} {state} id={self.message_id} from={self.source} "
            f"to={list(self.destinations)} set={self.configuration_set!r} "
            f"events={[e.event_type for e in self.events]}>"
        )

    def rule(self, name: str) -> RuleDecision | None:
        """The decision of the named rule (``"sending"``, ``"suppression"``, ``"ip-pool"``...), if applied."""
        return next((r for r in self.rules if r.rule == name), None)
