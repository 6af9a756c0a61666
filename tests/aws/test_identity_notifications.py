"""Identity feedback notifications (SetIdentityNotificationTopic): AWS's notificationType format, per identity.

They replace moto's substring-triggered placeholder: the payload describes the actual mail, `Message` is a JSON
string, address identities work, and headers appear only when the identity enabled them for that type.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pytest_ses import FakeSES

SIMPLE = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}


@pytest.fixture
def feedback(ses: FakeSES, ses_client: Any) -> dict[str, str]:
    """An address identity with a topic and queue per notification type; returns the queue URLs."""
    ses_client.verify_email_identity(EmailAddress="app@example.com")
    sns, sqs = ses.client("sns"), ses.client("sqs")
    queues = {}
    for kind in ("Bounce", "Complaint", "Delivery"):
        topic = sns.create_topic(Name=f"feedback-{kind.lower()}")["TopicArn"]
        url = sqs.create_queue(QueueName=f"feedback-{kind.lower()}")["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)
        ses_client.set_identity_notification_topic(
            Identity="app@example.com", NotificationType=kind, SnsTopic=topic
        )
        queues[kind] = url
    return queues


def _notifications(ses: FakeSES, url: str) -> list[dict[str, Any]]:
    messages = ses.client("sqs").receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    return [json.loads(json.loads(m["Body"])["Message"]) for m in messages]


def _send(ses_client: Any, to: str) -> str:
    return str(
        ses_client.send_email(
            Source="app@example.com",
            Destination={"ToAddresses": [to]},
            Message={"Subject": {"Data": "Hi"}, "Body": SIMPLE["Body"]},
        )["MessageId"]
    )


def test_a_bounce_notification_describes_the_actual_mail(
    ses: FakeSES, ses_client: Any, feedback: dict[str, str]
) -> None:
    message_id = _send(ses_client, "bounce@simulator.amazonses.com")

    [notification] = _notifications(ses, feedback["Bounce"])
    assert notification["notificationType"] == "Bounce"
    assert notification["bounce"]["bounceType"] == "Permanent"
    assert notification["bounce"]["bouncedRecipients"][0]["emailAddress"] == "bounce@simulator.amazonses.com"
    assert "remoteMtaIp" in notification["bounce"]
    mail = notification["mail"]
    assert mail["messageId"] == message_id
    assert mail["source"] == "app@example.com"
    assert mail["sourceArn"] == "arn:aws:ses:us-east-1:123456789012:identity/app@example.com"
    assert (mail["sourceIp"], mail["callerIdentity"]) == ("127.0.0.1", "moto")
    assert "headers" not in mail
    assert "tags" not in mail
    assert _notifications(ses, feedback["Delivery"]) == []


def test_delivery_and_complaint_notifications(ses: FakeSES, ses_client: Any, feedback: dict[str, str]) -> None:
    _send(ses_client, "complaint@simulator.amazonses.com")

    [delivery] = _notifications(ses, feedback["Delivery"])
    [complaint] = _notifications(ses, feedback["Complaint"])
    assert delivery["notificationType"] == "Delivery"
    assert delivery["delivery"]["recipients"] == ["complaint@simulator.amazonses.com"]
    assert complaint["complaint"]["complaintFeedbackType"] == "abuse"
    assert [n.destination for n in ses.messages.last.notifications] == [
        "identity:app@example.com:Delivery",
        "identity:app@example.com:Complaint",
    ]


def test_headers_appear_only_when_enabled_for_that_type(
    ses: FakeSES, ses_client: Any, feedback: dict[str, str]
) -> None:
    ses_client.set_identity_headers_in_notifications_enabled(
        Identity="app@example.com", NotificationType="Delivery", Enabled=True
    )

    _send(ses_client, "complaint@simulator.amazonses.com")

    [delivery] = _notifications(ses, feedback["Delivery"])
    [complaint] = _notifications(ses, feedback["Complaint"])
    assert [h["name"] for h in delivery["mail"]["headers"]][:2] == ["From", "To"]
    assert delivery["mail"]["commonHeaders"]["subject"] == "Hi"
    assert "headers" not in complaint["mail"]


def test_notification_attributes_report_topics_and_header_switches(
    ses_client: Any, feedback: dict[str, str]
) -> None:
    ses_client.set_identity_headers_in_notifications_enabled(
        Identity="app@example.com", NotificationType="Bounce", Enabled=True
    )

    attributes = ses_client.get_identity_notification_attributes(Identities=["app@example.com"])
    entry = attributes["NotificationAttributes"]["app@example.com"]
    assert entry["BounceTopic"].endswith(":feedback-bounce")
    assert entry["DeliveryTopic"].endswith(":feedback-delivery")
    assert entry["HeadersInBounceNotificationsEnabled"] is True
    assert entry["HeadersInDeliveryNotificationsEnabled"] is False


def test_headers_switch_errors(ses_client: Any) -> None:
    ses_client.verify_email_identity(EmailAddress="app@example.com")
    with pytest.raises(ClientError) as unknown:
        ses_client.set_identity_headers_in_notifications_enabled(
            Identity="nobody@example.com", NotificationType="Bounce", Enabled=True
        )
    with pytest.raises(ClientError) as bad_type:
        ses_client.set_identity_headers_in_notifications_enabled(
            Identity="app@example.com", NotificationType="InvalidType", Enabled=True
        )

    assert unknown.value.response["Error"] | {"Type": "Sender"} == {
        "Code": "MessageRejected",
        "Message": "Identity nobody@example.com is not verified or does not exist.",
        "Type": "Sender",
    }
    assert bad_type.value.response["Error"]["Message"] == (
        "Invalid notification type: InvalidType. Valid values are: Bounce, Complaint, Delivery."
    )


def test_a_recipient_named_bounce_is_delivered_not_bounced(
    ses: FakeSES, ses_client: Any, feedback: dict[str, str]
) -> None:
    """moto matched 'bounce' anywhere in the address; SES only bounces the simulator's address."""
    _send(ses_client, "bouncer@realcustomer.example")

    assert _notifications(ses, feedback["Bounce"]) == []
    assert [n["notificationType"] for n in _notifications(ses, feedback["Delivery"])] == ["Delivery"]
