"""Event records compared, field by field, with AWS's documented and recorded ones.

Sources: DG event-publishing-retrieving-sns-contents.md (fields of each object) and -sns-examples.md
(one example per type, whose field order the records follow); the LocalStack recordings of real SES in
aws-semantics.md §6 (SendEmail, SendTemplatedEmail, Delivery).  Open, Click and Subscription records come
from engagement, not from a send: their builders are checked directly at the end.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest

from pytest_ses.core.sending import events
from pytest_ses.core.sending.outcomes import Bounce, Complaint, Delay, Reject

ISO_MILLIS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
MESSAGE_ID = re.compile(r"^[0-9a-f]{16}-[0-9a-f-]{36}-000000$")
ACCOUNT = "123456789012"
SIMPLE = {
    "Simple": {"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "Hi"}, "Html": {"Data": "<p>Hi</p>"}}}
}

FULL_MAIL = [
    "timestamp", "source", "sourceArn", "sendingAccountId", "messageId", "destination",
    "headersTruncated", "headers", "commonHeaders", "tags",
]  # fmt: skip
REDUCED_MAIL = [
    "timestamp", "source", "sourceArn", "sendingAccountId", "messageId", "destination", "headersTruncated", "tags",
]  # fmt: skip
AUTO_TAGS = {"ses:operation", "ses:configuration-set", "ses:source-ip", "ses:from-domain", "ses:caller-identity"}


@pytest.fixture(autouse=True)
def account(sesv2_client: Any, ses_client: Any) -> None:
    sesv2_client.create_email_identity(EmailIdentity="example.com")
    sesv2_client.create_configuration_set(ConfigurationSetName="tx")
    ses_client.create_template(Template={"TemplateName": "welcome", "SubjectPart": "Hi {{name}}", "TextPart": "x"})


@pytest.fixture
def record_of(sesv2_client: Any, ses: Any) -> Any:
    """Send to these recipients through set ``tx`` and return the record of the event of this type."""

    def run(event_type: str, *recipients: str, **extra: Any) -> dict[str, Any]:
        message_id = sesv2_client.send_email(
            FromEmailAddress=extra.pop("FromEmailAddress", "Sender Name <sender@example.com>"),
            Destination={"ToAddresses": list(recipients or ["recipient@example.net"])},
            Content=extra.pop("Content", SIMPLE),
            ConfigurationSetName="tx",
            EmailTags=[{"Name": "myCustomTag1", "Value": "myCustomTagValue1"}],
            **extra,
        )["MessageId"]
        message = ses.session.recorder.message(message_id)
        (event,) = [e for e in message.events if e.event_type == event_type]
        record: dict[str, Any] = json.loads(event.record_json)
        assert record["eventType"] == event_type
        return record

    return run


def check_full_mail(mail: dict[str, Any], *, with_source_arn: bool = True) -> None:
    expected = FULL_MAIL if with_source_arn else [k for k in FULL_MAIL if k != "sourceArn"]
    assert list(mail) == expected
    assert ISO_MILLIS.match(mail["timestamp"])
    assert MESSAGE_ID.match(mail["messageId"])
    assert mail["sendingAccountId"] == ACCOUNT
    assert mail["headersTruncated"] is False
    assert all(list(h) == ["name", "value"] for h in mail["headers"])
    assert mail["commonHeaders"]["messageId"] == mail["messageId"]
    assert all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in mail["tags"].values())
    if with_source_arn:
        assert mail["sourceArn"] == f"arn:aws:ses:us-east-1:{ACCOUNT}:identity/example.com"


# --- one type at a time ------------------------------------------------------------------------------------
def test_send_record(record_of: Any) -> None:
    record = record_of("Send")

    assert list(record) == ["eventType", "mail", "send"]
    assert record["send"] == {}
    mail = record["mail"]
    check_full_mail(mail)
    assert mail["source"] == "Sender Name <sender@example.com>"
    assert mail["destination"] == ["recipient@example.net"]
    assert [h["name"] for h in mail["headers"]] == ["From", "To", "Subject", "MIME-Version", "Content-Type"]
    assert re.match(r'^multipart/alternative;  boundary="[^"]+"$', mail["headers"][-1]["value"])
    assert list(mail["commonHeaders"]) == ["from", "to", "messageId", "subject"]
    assert mail["commonHeaders"]["from"] == ["Sender Name <sender@example.com>"]
    assert set(mail["tags"]) == AUTO_TAGS | {"myCustomTag1"}
    assert mail["tags"]["myCustomTag1"] == ["myCustomTagValue1"]
    assert mail["tags"]["ses:from-domain"] == ["example.com"]


def test_delivery_record(record_of: Any) -> None:
    record = record_of("Delivery")

    assert list(record) == ["eventType", "mail", "delivery"]
    check_full_mail(record["mail"])
    assert set(record["mail"]["tags"]) == AUTO_TAGS | {"myCustomTag1", "ses:outgoing-ip"}
    delivery = record["delivery"]
    assert list(delivery) == ["timestamp", "processingTimeMillis", "recipients", "smtpResponse", "reportingMTA"]
    assert ISO_MILLIS.match(delivery["timestamp"])
    assert delivery["timestamp"] > record["mail"]["timestamp"]
    assert isinstance(delivery["processingTimeMillis"], int)
    assert delivery["recipients"] == ["recipient@example.net"]
    assert re.match(r"^a\d+-\d+\.smtp-out\.us-east-1\.amazonses\.com$", delivery["reportingMTA"])


def test_bounce_record(record_of: Any) -> None:
    record = record_of("Bounce", "bounce@simulator.amazonses.com")

    assert list(record) == ["eventType", "bounce", "mail"]
    check_full_mail(record["mail"])
    assert "ses:outgoing-ip" not in record["mail"]["tags"]
    bounce = record["bounce"]
    assert list(bounce) == [
        "bounceType",
        "bounceSubType",
        "bouncedRecipients",
        "timestamp",
        "feedbackId",
        "reportingMTA",
    ]
    assert bounce["bouncedRecipients"] == [
        {
            "emailAddress": "bounce@simulator.amazonses.com",
            "action": "failed",
            "status": "5.1.1",
            "diagnosticCode": "smtp; 550 5.1.1 user unknown",
        }
    ]
    assert ISO_MILLIS.match(bounce["timestamp"])
    assert bounce["reportingMTA"].startswith("dsn; ")


def test_account_suppression_bounce_record_has_no_dsn(record_of: Any, sesv2_client: Any) -> None:
    sesv2_client.put_suppressed_destination(EmailAddress="gone@example.net", Reason="BOUNCE")

    bounce = record_of("Bounce", "gone@example.net")["bounce"]

    assert list(bounce) == ["bounceType", "bounceSubType", "bouncedRecipients", "timestamp", "feedbackId"]
    assert (bounce["bounceType"], bounce["bounceSubType"]) == ("Permanent", "OnAccountSuppressionList")


def test_complaint_record(record_of: Any, ses: Any) -> None:
    ses.session.program(["recipient@example.net"], Complaint())

    record = record_of("Complaint")

    assert list(record) == ["eventType", "complaint", "mail"]
    check_full_mail(record["mail"])
    complaint = record["complaint"]
    assert list(complaint) == [
        "complainedRecipients", "timestamp", "feedbackId", "complaintSubType",
        "userAgent", "complaintFeedbackType", "arrivalDate",
    ]  # fmt: skip
    assert complaint["complainedRecipients"] == [{"emailAddress": "recipient@example.net"}]
    assert (complaint["complaintSubType"], complaint["complaintFeedbackType"]) == (None, "abuse")
    assert ISO_MILLIS.match(complaint["timestamp"])
    assert ISO_MILLIS.match(complaint["arrivalDate"])


def test_reject_record(record_of: Any, ses: Any) -> None:
    ses.session.program(["recipient@example.net"], Reject())

    record = record_of("Reject")

    assert list(record) == ["eventType", "mail", "reject"]
    check_full_mail(record["mail"])
    assert record["reject"] == {"reason": "Bad content"}


def test_delivery_delay_record(record_of: Any, ses: Any) -> None:
    ses.session.program(["recipient@example.net"], Delay())

    record = record_of("DeliveryDelay")

    assert list(record) == ["eventType", "mail", "deliveryDelay"]
    assert list(record["mail"]) == REDUCED_MAIL
    assert record["mail"]["tags"] == {"ses:configuration-set": ["tx"]}
    delay = record["deliveryDelay"]
    assert list(delay) == ["timestamp", "delayType", "expirationTime", "delayedRecipients", "reportingMTA"]
    assert delay["delayType"] == "TransientCommunicationFailure"
    assert delay["delayedRecipients"] == [
        {
            "emailAddress": "recipient@example.net",
            "status": "4.4.1",
            "diagnosticCode": "smtp; 421 4.4.1 Unable to connect to remote host",
        }
    ]
    assert ISO_MILLIS.match(delay["expirationTime"])
    assert delay["expirationTime"] > delay["timestamp"]
    assert re.match(r"^\d+\.\d+\.\d+\.\d+$", delay["reportingMTA"])


def test_rendering_failure_record(record_of: Any) -> None:
    record = record_of(
        "Rendering Failure", Content={"Template": {"TemplateName": "welcome", "TemplateData": "{}"}}
    )

    assert list(record) == ["eventType", "mail", "failure"]
    assert list(record["mail"]) == REDUCED_MAIL
    assert record["mail"]["tags"] == {"ses:configuration-set": ["tx"]}
    assert record["failure"] == {
        "errorMessage": "Attribute 'name' is not present in the rendering data.",
        "templateName": "welcome",
    }


# --- as recorded from real SES (aws-semantics.md §6) ---------------------------------------------------------
def test_templated_send_record_as_recorded(record_of: Any) -> None:
    """§6.5: no sourceArn, no Subject, only From/To/MIME-Version headers until rendering."""
    content = {"Template": {"TemplateName": "welcome", "TemplateData": '{"name": "Ann"}'}}
    mail = record_of("Send", FromEmailAddress="sender@example.com", Content=content)["mail"]

    check_full_mail(mail, with_source_arn=False)
    assert mail["headers"] == [
        {"name": "From", "value": "sender@example.com"},
        {"name": "To", "value": "recipient@example.net"},
        {"name": "MIME-Version", "value": "1.0"},
    ]
    assert mail["commonHeaders"] == {
        "from": ["sender@example.com"],
        "to": ["recipient@example.net"],
        "messageId": mail["messageId"],
    }


def test_templated_delivery_record_carries_the_rendered_headers(record_of: Any) -> None:
    content = {"Template": {"TemplateName": "welcome", "TemplateData": '{"name": "Ann"}'}}
    mail = record_of("Delivery", Content=content)["mail"]

    check_full_mail(mail)
    names = [h["name"] for h in mail["headers"]]
    assert names[:2] == ["From", "To"]
    assert {"Date", "Subject", "MIME-Version", "Content-Type"} <= set(names)
    assert mail["commonHeaders"]["subject"] == "Hi Ann"
    assert "date" in mail["commonHeaders"]


def test_simple_text_delivery_record_as_recorded(ses_client: Any, ses: Any) -> None:
    """§6.3: text-only SendEmail, headers From/To/Subject/MIME-Version/Content-Type/Content-Transfer-Encoding."""
    message_id = ses_client.send_email(
        Source="sender@example.com",
        Destination={"ToAddresses": ["recipient@example.net"]},
        Message={"Subject": {"Data": "foo subject"}, "Body": {"Text": {"Data": "x"}}},
        ConfigurationSetName="tx",
    )["MessageId"]

    record = ses.session.recorder.message(message_id).events[1].record
    assert record["eventType"] == "Delivery"
    assert record["mail"]["headers"] == [
        {"name": "From", "value": "sender@example.com"},
        {"name": "To", "value": "recipient@example.net"},
        {"name": "Subject", "value": "foo subject"},
        {"name": "MIME-Version", "value": "1.0"},
        {"name": "Content-Type", "value": "text/plain; charset=UTF-8"},
        {"name": "Content-Transfer-Encoding", "value": "7bit"},
    ]
    assert record["mail"]["tags"]["ses:operation"] == ["SendEmail"]
    assert record["mail"]["tags"]["ses:configuration-set"] == ["tx"]
    assert record["delivery"]["smtpResponse"] == "250 2.6.0 Message received"


def test_headers_over_ten_kilobytes_are_flagged_truncated(record_of: Any) -> None:
    raw = b"From: sender@example.com\r\nTo: a@example.net\r\nX-Big: " + b"x" * 11000 + b"\r\n\r\nbody"

    mail = record_of("Send", Content={"Raw": {"Data": raw}})["mail"]

    assert mail["headersTruncated"] is True


def test_the_record_of_every_event_is_the_published_json(record_of: Any, ses: Any) -> None:
    ses.session.program(["b@example.net"], Bounce())
    record_of("Bounce", "b@example.net")

    for event in ses.session.recorder.events():
        assert json.loads(event.record_json) == event.record
        assert event.details == event.record[event.type.record_key]


# --- engagement builders -------------------------------------------------------------------------------------
MAIL = {"timestamp": "2026-03-01T12:00:00.000Z", "messageId": "m"}
AT = dt.datetime(2026, 3, 1, 12, 1, 2, 345000, tzinfo=dt.timezone.utc)


def test_open_record_fields() -> None:
    record = events.open_(MAIL, AT, "192.0.2.1", "Mozilla/5.0")

    assert record == {
        "eventType": "Open",
        "mail": MAIL,
        "open": {"ipAddress": "192.0.2.1", "timestamp": "2026-03-01T12:01:02.345Z", "userAgent": "Mozilla/5.0"},
    }


def test_click_record_fields() -> None:
    record = events.click(MAIL, AT, "192.0.2.1", "UA", "https://example.com/", {"k": ["v"]})

    assert list(record) == ["eventType", "click", "mail"]
    assert record["click"] == {
        "ipAddress": "192.0.2.1",
        "link": "https://example.com/",
        "linkTags": {"k": ["v"]},
        "timestamp": "2026-03-01T12:01:02.345Z",
        "userAgent": "UA",
    }


def test_subscription_record_fields() -> None:
    preferences = {
        "unsubscribeAll": True,
        "topicSubscriptionStatus": [{"topicName": "t", "subscriptionStatus": "OptOut"}],
    }
    record = events.subscription(MAIL, AT, "list", "UnsubscribeHeader", preferences, preferences)

    assert list(record) == ["eventType", "mail", "subscription"]
    assert list(record["subscription"]) == [
        "contactList", "timestamp", "source", "newTopicPreferences", "oldTopicPreferences",
    ]  # fmt: skip
    assert record["subscription"]["timestamp"] == "2026-03-01T12:01:02.345Z"
