"""v1 identity notification settings that moto lacks or under-reports (headers in notifications, topics)."""

from __future__ import annotations

from types import MappingProxyType

from ...errors import AwsError
from .context import Handler, OpContext, Params, Response

_TYPES = ("Bounce", "Complaint", "Delivery")


def set_identity_headers_in_notifications_enabled(ctx: OpContext, params: Params) -> Response:
    identity = str(params.get("Identity", ""))
    kind = str(params.get("NotificationType", ""))
    if kind not in _TYPES:
        raise AwsError(
            "InvalidParameterValue",
            f"Invalid notification type: {kind}. Valid values are: Bounce, Complaint, Delivery.",
        )
    if not ctx.world.identity_exists(identity):
        raise AwsError("MessageRejected", f"Identity {identity} is not verified or does not exist.")
    with ctx.store.lock:
        enabled = ctx.store.notification_headers.setdefault(identity, set())
        if params.get("Enabled"):
            enabled.add(kind)
        else:
            enabled.discard(kind)
    return {}


def get_identity_notification_attributes(ctx: OpContext, params: Params) -> Response:
    """moto's answer, plus the topics and header switches it does not report.

    No identities asked about (``Identities=[]`` puts nothing on the wire): no attributes, without asking moto,
    which cannot handle the missing list.
    """
    identities = params.get("Identities")
    if not isinstance(identities, list) or not identities:
        return {"NotificationAttributes": {}}
    response = ctx.underlying()
    attributes = response.get("NotificationAttributes", {})
    for identity, entry in attributes.items():
        for kind in _TYPES:
            topic = ctx.world.notification_topic(identity, kind)
            if topic:
                entry[f"{kind}Topic"] = topic
            entry[f"HeadersIn{kind}NotificationsEnabled"] = kind in ctx.store.notification_headers.get(
                identity, ()
            )
    return response


OPERATIONS: MappingProxyType[str, Handler] = MappingProxyType(
    {
        "SetIdentityHeadersInNotificationsEnabled": set_identity_headers_in_notifications_enabled,
        "GetIdentityNotificationAttributes": get_identity_notification_attributes,
    }
)
