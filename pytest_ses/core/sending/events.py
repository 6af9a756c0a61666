"""Build the exact event records SES publishes, one function per type.

Field order follows AWS's documented examples.  ``mail`` comes in three sizes, as in AWS's records: full
(Send, Delivery, Bounce, ...), without ``sourceArn`` (Open, Click, and a templated Send), and reduced
(Rendering Failure, DeliveryDelay: no headers, only the configuration-set tag).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from ..clock import iso_millis
from ..eventtypes import EventType
from .outcomes import Bounce, Complaint, Delay, Deliver


@dataclass(frozen=True)
class Mail:
    """Everything the ``mail`` object of a record is made of, fixed when the message is accepted."""

    timestamp: _dt.datetime
    source: str
    source_arn: str
    account_id: str
    message_id: str
    destination: tuple[str, ...]
    headers: tuple[tuple[str, str], ...]
    common_headers: dict[str, Any]
    tags: dict[str, list[str]]
    headers_truncated: bool = False

    def full(
        self, *, with_source_arn: bool = True, extra_tags: dict[str, list[str]] | None = None
    ) -> dict[str, Any]:
        mail: dict[str, Any] = {"timestamp": iso_millis(self.timestamp), "source": self.source}
        if with_source_arn:
            mail["sourceArn"] = self.source_arn
        mail |= {
            "sendingAccountId": self.account_id,
            "messageId": self.message_id,
            "destination": list(self.destination),
            "headersTruncated": self.headers_truncated,
            "headers": [{"name": name, "value": value} for name, value in self.headers],
            "commonHeaders": self.common_headers,
            "tags": self.tags | (extra_tags or {}),
        }
        return mail

    def reduced(self) -> dict[str, Any]:
        tags = {k: v for k, v in self.tags.items() if k == "ses:configuration-set"}
        return {
            "timestamp": iso_millis(self.timestamp),
            "source": self.source,
            "sourceArn": self.source_arn,
            "sendingAccountId": self.account_id,
            "messageId": self.message_id,
            "destination": list(self.destination),
            "headersTruncated": self.headers_truncated,
            "tags": tags,
        }


def send(mail: dict[str, Any]) -> dict[str, Any]:
    return {"eventType": EventType.SEND.record_name, "mail": mail, "send": {}}


def reject(mail: dict[str, Any], reason: str) -> dict[str, Any]:
    return {"eventType": EventType.REJECT.record_name, "mail": mail, "reject": {"reason": reason}}


def delivery(
    mail: dict[str, Any], recipients: list[str], at: _dt.datetime, millis: int, outcome: Deliver, mta: str
) -> dict[str, Any]:
    return {
        "eventType": EventType.DELIVERY.record_name,
        "mail": mail,
        "delivery": {
            "timestamp": iso_millis(at),
            "processingTimeMillis": millis,
            "recipients": recipients,
            "smtpResponse": outcome.smtp_response,
            "reportingMTA": mta,
        },
    }


def bounce(
    mail: dict[str, Any], recipients: list[str], at: _dt.datetime, outcome: Bounce, feedback_id: str, mta: str
) -> dict[str, Any]:
    bounced: list[dict[str, Any]] = []
    for address in recipients:
        entry: dict[str, Any] = {"emailAddress": address}
        if outcome.bounce_subtype not in ("OnAccountSuppressionList",):
            entry |= {
                "action": outcome.action,
                "status": outcome.status,
                "diagnosticCode": outcome.diagnostic_code,
            }
        bounced.append(entry)
    details: dict[str, Any] = {
        "bounceType": outcome.bounce_type,
        "bounceSubType": outcome.bounce_subtype,
        "bouncedRecipients": bounced,
        "timestamp": iso_millis(at),
        "feedbackId": feedback_id,
    }
    if outcome.bounce_subtype != "OnAccountSuppressionList":
        details["reportingMTA"] = f"dsn; {mta}"
    return {"eventType": EventType.BOUNCE.record_name, "bounce": details, "mail": mail}


def complaint(
    mail: dict[str, Any], recipients: list[str], at: _dt.datetime, outcome: Complaint, feedback_id: str
) -> dict[str, Any]:
    details: dict[str, Any] = {
        "complainedRecipients": [{"emailAddress": address} for address in recipients],
        "timestamp": iso_millis(at),
        "feedbackId": feedback_id,
        "complaintSubType": outcome.complaint_subtype,
    }
    if outcome.feedback_type is not None:
        details |= {
            "userAgent": outcome.user_agent,
            "complaintFeedbackType": outcome.feedback_type,
            "arrivalDate": iso_millis(at),
        }
    return {"eventType": EventType.COMPLAINT.record_name, "complaint": details, "mail": mail}


def delivery_delay(
    mail: dict[str, Any],
    recipients: list[str],
    at: _dt.datetime,
    expires: _dt.datetime,
    outcome: Delay,
    mta_ip: str,
) -> dict[str, Any]:
    return {
        "eventType": EventType.DELIVERY_DELAY.record_name,
        "mail": mail,
        "deliveryDelay": {
            "timestamp": iso_millis(at),
            "delayType": outcome.delay_type,
            "expirationTime": iso_millis(expires),
            "delayedRecipients": [
                {"emailAddress": address, "status": outcome.status, "diagnosticCode": outcome.diagnostic_code}
                for address in recipients
            ],
            "reportingMTA": mta_ip,
        },
    }


def rendering_failure(mail: dict[str, Any], template: str, message: str) -> dict[str, Any]:
    return {
        "eventType": EventType.RENDERING_FAILURE.record_name,
        "mail": mail,
        "failure": {"errorMessage": message, "templateName": template},
    }


def open_(mail: dict[str, Any], at: _dt.datetime, ip: str, user_agent: str) -> dict[str, Any]:
    return {
        "eventType": EventType.OPEN.record_name,
        "mail": mail,
        "open": {"ipAddress": ip, "timestamp": iso_millis(at), "userAgent": user_agent},
    }


def click(
    mail: dict[str, Any], at: _dt.datetime, ip: str, user_agent: str, link: str, link_tags: dict[str, list[str]]
) -> dict[str, Any]:
    return {
        "eventType": EventType.CLICK.record_name,
        "click": {
            "ipAddress": ip,
            "link": link,
            "linkTags": link_tags,
            "timestamp": iso_millis(at),
            "userAgent": user_agent,
        },
        "mail": mail,
    }


def subscription(
    mail: dict[str, Any],
    at: _dt.datetime,
    contact_list: str,
    source: str,
    new: dict[str, Any],
    old: dict[str, Any],
) -> dict[str, Any]:
    return {
        "eventType": EventType.SUBSCRIPTION.record_name,
        "mail": mail,
        "subscription": {
            "contactList": contact_list,
            "timestamp": iso_millis(at),
            "source": source,
            "newTopicPreferences": new,
            "oldTopicPreferences": old,
        },
    }
