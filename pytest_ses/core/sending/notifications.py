"""Identity feedback notifications (``SetIdentityNotificationTopic``): the older ``notificationType`` format.

Independent of configuration sets: Bounce, Complaint and Delivery notifications go to the topic the sending
identity names for that type, without tags; headers only when the identity enabled them for that type.
"""

from __future__ import annotations

import json
from typing import Any

from ..eventtypes import EventType
from ..records import Publication

NOTIFIED = {EventType.BOUNCE: "Bounce", EventType.COMPLAINT: "Complaint", EventType.DELIVERY: "Delivery"}


def notification(
    event_type: EventType, record: dict[str, Any], source_ip: str, caller: str, with_headers: bool, remote_ip: str
) -> str:
    """The notification for an event record, as the JSON string SES publishes."""
    mail = record["mail"]
    body: dict[str, Any] = {
        "timestamp": mail["timestamp"],
        "messageId": mail["messageId"],
        "source": mail["source"],
        "sourceArn": mail.get("sourceArn", ""),
        "sourceIp": source_ip,
        "callerIdentity": caller,
        "sendingAccountId": mail["sendingAccountId"],
        "destination": mail["destination"],
    }
    if with_headers:
        body |= {
            "headersTruncated": mail.get("headersTruncated", False),
            "headers": mail.get("headers", []),
            "commonHeaders": mail.get("commonHeaders", {}),
        }
    key = event_type.record_key
    details = dict(record[key])
    if event_type in (EventType.DELIVERY, EventType.BOUNCE):
        details["remoteMtaIp"] = remote_ip
    return json.dumps({"notificationType": NOTIFIED[event_type], key: details, "mail": body})


def notify(
    world: Any,
    identity: str,
    event_type: EventType,
    record: dict[str, Any],
    source_ip: str,
    caller: str,
    header_types: frozenset[str],
    remote_ip: str,
) -> Publication | None:
    """Publish the notification when the identity has a topic for this type; ``None`` otherwise."""
    kind = NOTIFIED.get(event_type)
    if kind is None:
        return None
    topic = world.notification_topic(identity, kind)
    if not topic:
        return None
    payload = notification(event_type, record, source_ip, caller, kind in header_types, remote_ip)
    delivered, detail = world.deliver("sns", topic, payload, "")
    return Publication(f"identity:{identity}:{kind}", "sns", topic, payload, delivered, detail)
