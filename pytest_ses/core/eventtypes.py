"""The ten SES event types and every spelling AWS uses for them."""

from __future__ import annotations

import re
from enum import Enum


class EventType(Enum):
    """One member per event type; the value is the v2 API spelling (``MatchingEventTypes``)."""

    SEND = "SEND"
    REJECT = "REJECT"
    BOUNCE = "BOUNCE"
    COMPLAINT = "COMPLAINT"
    DELIVERY = "DELIVERY"
    OPEN = "OPEN"
    CLICK = "CLICK"
    RENDERING_FAILURE = "RENDERING_FAILURE"
    DELIVERY_DELAY = "DELIVERY_DELAY"
    SUBSCRIPTION = "SUBSCRIPTION"

    @property
    def v1_name(self) -> str:
        """Spelling of the v1 API (``renderingFailure``)."""
        return _V1[self]

    @property
    def record_name(self) -> str:
        """The ``eventType`` field of the published record (``Rendering Failure``)."""
        return _RECORD[self]

    @property
    def record_key(self) -> str:
        """Key of the type-specific object inside the record (``failure`` for rendering failures)."""
        return _KEY[self]

    @property
    def detail_type(self) -> str:
        """EventBridge ``detail-type``."""
        return _DETAIL_TYPE[self]

    @property
    def metric_name(self) -> str:
        """CloudWatch metric name in the ``AWS/SES`` namespace."""
        return _METRIC[self]

    @classmethod
    def parse(cls, spelling: str) -> EventType:
        """Accept any AWS spelling: ``bounce``, ``Bounce``, ``BOUNCE``, ``Rendering Failure``..."""
        found = _BY_FOLDED.get(_fold(spelling))
        if found is None:
            raise ValueError(spelling)
        return found


_V1 = {
    EventType.SEND: "send",
    EventType.REJECT: "reject",
    EventType.BOUNCE: "bounce",
    EventType.COMPLAINT: "complaint",
    EventType.DELIVERY: "delivery",
    EventType.OPEN: "open",
    EventType.CLICK: "click",
    EventType.RENDERING_FAILURE: "renderingFailure",
    EventType.DELIVERY_DELAY: "deliveryDelay",
    EventType.SUBSCRIPTION: "subscription",
}
_RECORD = {
    EventType.SEND: "Send",
    EventType.REJECT: "Reject",
    EventType.BOUNCE: "Bounce",
    EventType.COMPLAINT: "Complaint",
    EventType.DELIVERY: "Delivery",
    EventType.OPEN: "Open",
    EventType.CLICK: "Click",
    EventType.RENDERING_FAILURE: "Rendering Failure",
    EventType.DELIVERY_DELAY: "DeliveryDelay",
    EventType.SUBSCRIPTION: "Subscription",
}
_KEY = {t: name for t, name in _V1.items()} | {EventType.RENDERING_FAILURE: "failure"}
_DETAIL_TYPE = {
    EventType.SEND: "Email Sent",
    EventType.REJECT: "Email Rejected",
    EventType.BOUNCE: "Email Bounced",
    EventType.COMPLAINT: "Email Complaint Received",
    EventType.DELIVERY: "Email Delivered",
    EventType.OPEN: "Email Opened",
    EventType.CLICK: "Email Clicked",
    EventType.RENDERING_FAILURE: "Email Rendering Failed",
    EventType.DELIVERY_DELAY: "Email Delivery Delayed",
    EventType.SUBSCRIPTION: "Email Subscribed",
}
_METRIC = {t: name.replace(" ", "") for t, name in _RECORD.items()}


def _fold(spelling: str) -> str:
    return re.sub(r"[\s_-]", "", spelling).lower()


_BY_FOLDED = {_fold(t.value): t for t in EventType}
