"""The JSON documents SNS POSTs to HTTP/S endpoints, the exact strings it signs, and the request headers.

Field order and texts follow the SNS developer guide ("HTTP/HTTPS notification JSON format", "... subscription
confirmation ...", "... unsubscribe confirmation ...", "HTTP/HTTPS headers").  Everything here is plain data:
no moto, no network.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

NOTIFICATION = "Notification"
SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation"
UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation"
MESSAGE_TYPES = (NOTIFICATION, SUBSCRIPTION_CONFIRMATION, UNSUBSCRIBE_CONFIRMATION)

DEFAULT_CONTENT_TYPE = "text/plain; charset=UTF-8"
USER_AGENT = "Amazon Simple Notification Service Agent"

# The keys SNS signs, in the order it signs them ("Verifying the signatures of Amazon SNS messages").
# A key missing from the document (Subject when none was published) is left out of the string.
_SIGNED_NOTIFICATION_KEYS = ("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
_SIGNED_CONFIRMATION_KEYS = ("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type")


def sns_host(region: str) -> str:
    """The SNS endpoint host of a Region (the China partition has its own domain)."""
    suffix = "amazonaws.com.cn" if region.startswith("cn-") else "amazonaws.com"
    return f"sns.{region}.{suffix}"


def region_of(arn: str) -> str:
    parts = arn.split(":")
    return parts[3] if len(parts) > 3 else ""


def subscribe_url(topic_arn: str, token: str) -> str:
    """Visiting it (an unsigned GET of the ConfirmSubscription action) confirms the subscription."""
    return (
        f"https://{sns_host(region_of(topic_arn))}/?Action=ConfirmSubscription&TopicArn={topic_arn}&Token={token}"
    )


def unsubscribe_url(subscription_arn: str) -> str:
    return (
        f"https://{sns_host(region_of(subscription_arn))}/?Action=Unsubscribe&SubscriptionArn={subscription_arn}"
    )


def notification(
    *,
    message_id: str,
    topic_arn: str,
    subscription_arn: str,
    message: str,
    timestamp: str,
    subject: str | None = None,
    message_attributes: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """An unsigned Notification, keys in SNS's order (``Signature*`` are added by signing)."""
    document: dict[str, Any] = {"Type": NOTIFICATION, "MessageId": message_id, "TopicArn": topic_arn}
    if subject:
        document["Subject"] = subject
    document["Message"] = message
    document["Timestamp"] = timestamp
    document["UnsubscribeURL"] = unsubscribe_url(subscription_arn)
    if message_attributes:
        document["MessageAttributes"] = {
            name: {"Type": attribute["Type"], "Value": attribute["Value"]}
            for name, attribute in message_attributes.items()
        }
    return document


def subscription_confirmation(*, message_id: str, topic_arn: str, token: str, timestamp: str) -> dict[str, Any]:
    text = (
        f"You have chosen to subscribe to the topic {topic_arn}.\n"
        "To confirm the subscription, visit the SubscribeURL included in this message."
    )
    return _confirmation(SUBSCRIPTION_CONFIRMATION, message_id, topic_arn, token, text, timestamp)


def unsubscribe_confirmation(
    *, message_id: str, topic_arn: str, subscription_arn: str, token: str, timestamp: str
) -> dict[str, Any]:
    text = (
        f"You have chosen to deactivate subscription {subscription_arn}.\n"
        "To cancel this operation and restore the subscription, visit the SubscribeURL included in this message."
    )
    return _confirmation(UNSUBSCRIBE_CONFIRMATION, message_id, topic_arn, token, text, timestamp)


def _confirmation(
    kind: str, message_id: str, topic_arn: str, token: str, text: str, timestamp: str
) -> dict[str, Any]:
    return {
        "Type": kind,
        "MessageId": message_id,
        "Token": token,
        "TopicArn": topic_arn,
        "Message": text,
        "SubscribeURL": subscribe_url(topic_arn, token),
        "Timestamp": timestamp,
    }


def string_to_sign(document: Mapping[str, Any]) -> str:
    """``Key\\nValue\\n`` for each signed key present, in the documented order for the document's ``Type``."""
    kind = document.get("Type")
    keys: tuple[str, ...]
    if kind == NOTIFICATION:
        keys = _SIGNED_NOTIFICATION_KEYS
    elif kind in (SUBSCRIPTION_CONFIRMATION, UNSUBSCRIBE_CONFIRMATION):
        keys = _SIGNED_CONFIRMATION_KEYS
    else:
        raise ValueError(f"SNS signs no message of type {kind!r}")
    return "".join(f"{key}\n{document[key]}\n" for key in keys if key in document)


def with_signature(document: Mapping[str, Any], version: str, signature: str, cert_url: str) -> dict[str, Any]:
    """The document with ``SignatureVersion``, ``Signature`` and ``SigningCertURL`` where SNS puts them
    (after ``Timestamp``; ``UnsubscribeURL`` and ``MessageAttributes`` follow)."""
    signed: dict[str, Any] = {}
    for key, value in document.items():
        if key in ("UnsubscribeURL", "MessageAttributes"):
            continue
        signed[key] = value
    signed["SignatureVersion"] = version
    signed["Signature"] = signature
    signed["SigningCertURL"] = cert_url
    for key in ("UnsubscribeURL", "MessageAttributes"):
        if key in document:
            signed[key] = document[key]
    return signed


def body_text(document: Mapping[str, Any]) -> str:
    """Pretty-printed as SNS sends it (two-space indent, ``"Key" : value``)."""
    if document and all(isinstance(value, str) for value in document.values()):
        # The same text as below, a field at a time through json's C encoder (an indented dump runs its
        # pure-Python one, a tenth of the cost of a whole send for each SNS delivery).
        fields = (f"  {_string(key)} : {_string(value)}" for key, value in document.items())
        return "{\n" + ",\n".join(fields) + "\n}"
    return json.dumps(document, indent=2, separators=(",", " : "), ensure_ascii=False)


_string = json.JSONEncoder(ensure_ascii=False).encode


def request_headers(
    *,
    message_type: str,
    message_id: str,
    topic_arn: str,
    subscription_arn: str | None,
    host: str,
    content_length: int,
    content_type: str = DEFAULT_CONTENT_TYPE,
    raw: bool = False,
) -> dict[str, str]:
    """The POST's headers.  A SubscriptionConfirmation names no subscription (none exists yet)."""
    headers = {
        "x-amz-sns-message-type": message_type,
        "x-amz-sns-message-id": message_id,
        "x-amz-sns-topic-arn": topic_arn,
    }
    if subscription_arn and message_type != SUBSCRIPTION_CONFIRMATION:
        headers["x-amz-sns-subscription-arn"] = subscription_arn
    if raw:
        headers["x-amz-sns-rawdelivery"] = "true"
    headers.update(
        {
            "Content-Length": str(content_length),
            "Content-Type": content_type,
            "Host": host,
            "Connection": "Keep-Alive",
            "User-Agent": USER_AGENT,
        }
    )
    return headers
