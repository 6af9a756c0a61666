"""Send one event to the set's destinations: which ones match, what each receives, and why others don't."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from ..clock import iso_millis
from ..eventtypes import EventType
from ..model import ConfigurationSet, EventDestination
from ..records import Publication, Skip

SNS_SUBJECT = "Amazon SES Email Event Notification"
_PINPOINT_UNSUPPORTED = (EventType.DELIVERY_DELAY, EventType.SUBSCRIPTION)


class Deliverer(Protocol):
    def deliver(self, kind: str, target: str, payload: str, headline: str) -> tuple[bool, str]: ...


def publish(
    deliverer: Deliverer,
    config_set: ConfigurationSet | None,
    event_type: EventType,
    record_json: str,
    context: DimensionContext,
    set_arn: str,
) -> tuple[tuple[Publication, ...], tuple[Skip, ...]]:
    """Deliver to every enabled destination whose ``MatchingEventTypes`` include the event."""
    if config_set is None:
        return (), ()
    published: list[Publication] = []
    skipped: list[Skip] = []
    # A snapshot (taken atomically): delivering runs other code, and another thread may add or delete a
    # destination meanwhile, which would break iterating the live dict.
    for destination in tuple(config_set.destinations.values()):
        reason = _skip_reason(destination, event_type)
        if reason:
            skipped.append(Skip(destination.name, reason))
            continue
        payload, headline = _payload(destination, event_type, record_json, context, set_arn)
        unusable = _unusable_dimension(destination, context)
        if unusable:
            published.append(
                Publication(destination.name, destination.kind, destination.target, payload, False, unusable)
            )
            continue
        delivered, detail = deliverer.deliver(destination.kind, destination.target, payload, headline)
        published.append(
            Publication(destination.name, destination.kind, destination.target, payload, delivered, detail)
        )
    return tuple(published), tuple(skipped)


def _skip_reason(destination: EventDestination, event_type: EventType) -> str:
    if not destination.enabled:
        return "destination is disabled"
    if not destination.matches(event_type):
        matching = ", ".join(t.value for t in destination.matching) or "no event types"
        return f"does not match {event_type.value} (matches {matching})"
    if destination.kind == "pinpoint" and event_type in _PINPOINT_UNSUPPORTED:
        return f"Pinpoint destinations do not receive {event_type.value} events"
    return ""


_DIMENSION_VALUE = re.compile(r"^[A-Za-z0-9_@.-]+$")


def _unusable_dimension(destination: EventDestination, context: DimensionContext) -> str:
    """Why no metric is emitted, if a header-sourced dimension value has characters CloudWatch can't take.

    DG event-publishing-send-email: with such a value "the email sending call will still succeed, but the
    event metrics will not be sent to Amazon CloudWatch".
    """
    if destination.kind != "cloudwatch":
        return ""
    for dimension in destination.dimensions:
        value = context.value(dimension.source, dimension.name)
        if dimension.source == "EMAIL_HEADER" and value is not None and not _DIMENSION_VALUE.match(value):
            return f"header {dimension.name} value {value!r} is not a valid dimension value: no metric emitted"
    return ""


class DimensionContext:
    """Where CloudWatch dimension values come from: the message's tags and headers, a click's link tags."""

    def __init__(
        self,
        tags: Mapping[str, Sequence[str]],
        headers: Sequence[tuple[str, str]],
        link_tags: Mapping[str, Sequence[str]] | None = None,
        timestamp: Any = None,
    ) -> None:
        self.tags = tags
        self.headers = {name.lower(): value for name, value in reversed(headers)}
        self.link_tags = link_tags or {}
        self.timestamp = timestamp

    def value(self, source: str, name: str) -> str | None:
        if source == "MESSAGE_TAG":
            values = self.tags.get(name)
        elif source == "EMAIL_HEADER":
            header = self.headers.get(name.lower())
            values = [header] if header is not None else None
        else:
            values = self.link_tags.get(name)
        return values[0] if values else None


def _payload(
    destination: EventDestination,
    event_type: EventType,
    record_json: str,
    context: DimensionContext,
    set_arn: str,
) -> tuple[str, str]:
    """The payload as the destination receives it, and a headline (SNS subject, EventBridge detail-type)."""
    if destination.kind == "sns":
        return record_json, SNS_SUBJECT
    if destination.kind == "firehose":
        return record_json + "\n", ""
    if destination.kind == "cloudwatch":
        dimensions = [
            {"Name": d.name, "Value": context.value(d.source, d.name) or d.default} for d in destination.dimensions
        ]
        datum = {
            "Namespace": "AWS/SES",
            "MetricName": event_type.metric_name,
            "Dimensions": dimensions,
            "Value": 1.0,
            "Unit": "Count",
            "Timestamp": iso_millis(context.timestamp) if context.timestamp is not None else None,
        }
        return json.dumps(datum), event_type.metric_name
    if destination.kind == "eventbridge":
        entry = {
            "Source": "aws.ses",
            "DetailType": event_type.detail_type,
            "Detail": record_json,
            "Resources": [set_arn],
            "EventBusName": destination.target,
        }
        return json.dumps(entry), event_type.detail_type
    return record_json, event_type.record_name
