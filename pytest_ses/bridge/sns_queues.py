"""SNS deliveries to SQS queues (without raw message delivery) made the way SNS makes them.

moto writes the queue's message with its keys sorted, as ``"Key": value``, through json's pure-Python
indenting encoder (a tenth of the cost of a whole SES send for each delivery), signed with a certificate
nobody can fetch.  SNS keeps its field order, writes ``"Key" : value``, and signs with the certificate at
``SigningCertURL``: so does this module.  Raw message delivery and every other protocol stay moto's.

The signature is computed the first time anything reads the queued message's body (ReceiveMessage, a
redrive, moto's own MD5): an RSA signature costs as much as the rest of the delivery, and most events a
test suite publishes are never read.  Until then a placeholder of the same length stands in, so the
message's size, and so every SQS limit, is what it will be.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, SupportsIndex

from moto.sns.models import Subscription, Topic
from moto.sqs.models import Message, sqs_backends

from ..core.clock import iso_millis, utcnow
from ..webhooks import envelope
from ..webhooks.signing import DeferredSignature

Signer = Callable[[Mapping[str, Any], Topic], tuple[dict[str, Any], DeferredSignature]]
_PENDING = "_pytest_ses_pending_signature"


def truthy(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def takes_envelope(subscription: Subscription) -> bool:
    """An SQS subscription, to a queue ARN, whose messages are SNS envelopes (not raw)."""
    return (
        subscription.protocol == "sqs"
        and len(subscription.endpoint.split(":")) == 6
        and not truthy(subscription.attributes.get("RawMessageDelivery"))
    )


def wire_attributes(attributes: Mapping[str, Any] | None) -> dict[str, dict[str, str]]:
    """moto's published message attributes as the envelope carries them (moto keeps binary values in base64)."""
    return {
        name: {"Type": str(attribute.get("Type", "String")), "Value": str(attribute.get("Value"))}
        for name, attribute in (attributes or {}).items()
    }


def message_for(
    subscription: Subscription, message: str, attributes: dict[str, Any] | None, structure: str | None
) -> str | None:
    """The message this subscription receives, or ``None`` when its filter policy turns the message away."""
    matcher = subscription._filter_policy_matcher
    if matcher is not None and not matcher.matches(attributes, message):
        return None
    if structure == "json":
        chosen: str = subscription._parse_message_structure(message, subscription.protocol)
        return chosen
    return message


def notification_for(
    subscription: Subscription,
    message: str,
    message_id: str,
    subject: str | None,
    attributes: dict[str, Any] | None,
) -> dict[str, Any]:
    """The unsigned Notification envelope this subscription receives, stamped now."""
    return envelope.notification(
        message_id=message_id,
        topic_arn=subscription.topic.arn,
        subscription_arn=subscription.arn,
        message=message,
        timestamp=iso_millis(utcnow()),
        subject=subject,
        message_attributes=wire_attributes(attributes),
    )


def deliver_envelope(
    subscription: Subscription,
    message: str,
    message_id: str,
    sign: Signer,
    *,
    subject: str | None = None,
    message_attributes: dict[str, Any] | None = None,
    group_id: str | None = None,
    deduplication_id: str | None = None,
    message_structure: str | None = None,
) -> None:
    """What moto's ``Subscription.publish`` does for such a subscription: filter, pick the message, enqueue."""
    chosen = message_for(subscription, message, message_attributes, message_structure)
    if chosen is None:
        return
    document = notification_for(subscription, chosen, message_id, subject, message_attributes)
    signed, signature = sign(document, subscription.topic)
    parts = subscription.endpoint.split(":")
    # The queue's own account and Region, from its ARN (moto takes the topic owner's account).
    backend = sqs_backends[parts[4]][parts[3]]
    queued = backend.send_message(
        parts[5],
        envelope.body_text(signed),
        deduplication_id=deduplication_id,
        group_id=group_id,
        validate_group_id=False,
    )
    queued.__dict__[_PENDING] = signature
    queued.__class__ = SignedOnRead


class SignedOnRead(Message):
    """A queued SNS envelope whose ``Signature`` is computed when its body is first read or the message is
    copied (moto copies each message it receives); then it is a plain moto ``Message`` again."""

    @property
    def body(self) -> str:
        self._sign()
        text: str = self.__dict__["body"]
        return text

    @body.setter
    def body(self, value: str) -> None:
        self.__dict__["body"] = value

    def __reduce_ex__(self, protocol: SupportsIndex) -> str | tuple[Any, ...]:
        self._sign()
        return object.__reduce_ex__(self, protocol)  # now a plain Message's

    def _sign(self) -> None:
        signature: DeferredSignature | None = self.__dict__.get(_PENDING)
        if signature is None:
            return
        with signature.lock:
            if _PENDING not in self.__dict__:
                return  # another thread signed it meanwhile
            stand_in = f'"Signature" : "{signature.placeholder}"'
            final = f'"Signature" : "{signature.value()}"'
            # Only the envelope's own key can match: inside the Message string every quote is escaped.
            self.__dict__["body"] = self.__dict__["body"].replace(stand_in, final, 1)
            del self.__dict__[_PENDING]  # after the body is final, so no reader sees the placeholder
            object.__setattr__(self, "__class__", Message)
