"""Details of the pipeline: v2 custom headers, suppression entries SES adds, the SNS validation message."""

from __future__ import annotations

import json

from pytest_ses import FakeSES

SIMPLE = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}


def test_v2_simple_content_headers_follow_ses_own(ses: FakeSES, sesv2_client) -> None:
    ses.verify("example.com")
    sesv2_client.send_email(
        FromEmailAddress="app@example.com",
        Destination={"ToAddresses": ["user@example.org"]},
        Content={"Simple": {**SIMPLE, "Headers": [{"Name": "List-Unsubscribe", "Value": "<https://u.example>"}]}},
    )

    headers = ses.events.last.record["mail"]["headers"]
    assert [h["name"] for h in headers] == [
        "From",
        "To",
        "Subject",
        "MIME-Version",
        "Content-Type",
        "Content-Transfer-Encoding",
        "List-Unsubscribe",
    ]
    assert headers[-1]["value"] == "<https://u.example>"


def test_a_hard_bounce_adds_the_address_with_its_message_and_feedback(ses: FakeSES, sesv2_client) -> None:
    ses.verify("example.com")
    ses.outcome("gone@example.org", "bounce")
    sent = sesv2_client.send_email(
        FromEmailAddress="app@example.com",
        Destination={"ToAddresses": ["gone@example.org"]},
        Content={"Simple": SIMPLE},
    )

    entry = sesv2_client.get_suppressed_destination(EmailAddress="gone@example.org")["SuppressedDestination"]
    bounce = ses.events.one(event_type="bounce")
    assert entry["Reason"] == "BOUNCE"
    assert entry["Attributes"] == {"MessageId": sent["MessageId"], "FeedbackId": bounce.details["feedbackId"]}


def test_a_complaint_adds_the_address_for_the_complaint_reason(ses: FakeSES, sesv2_client) -> None:
    ses.verify("example.com")
    ses.outcome("angry@example.org", "complaint")
    sesv2_client.send_email(
        FromEmailAddress="app@example.com",
        Destination={"ToAddresses": ["angry@example.org"]},
        Content={"Simple": SIMPLE},
    )

    entry = sesv2_client.get_suppressed_destination(EmailAddress="angry@example.org")["SuppressedDestination"]
    assert entry["Reason"] == "COMPLAINT"
    assert entry["Attributes"]["FeedbackId"] == ses.events.one(event_type="complaint").details["feedbackId"]


def test_creating_an_sns_destination_publishes_the_validation_message(
    ses: FakeSES, sesv2_client, ses_client
) -> None:
    handle = ses.configuration_set("tx")
    envelope = json.loads(ses.client("sqs").receive_message(QueueUrl=handle.queue_url)["Messages"][0]["Body"])
    assert envelope["Message"] == "Successfully validated SNS topic for Amazon SES event publishing."
    assert "Subject" not in envelope

    ses_client.create_configuration_set(ConfigurationSet={"Name": "v1set"})
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName="v1set",
        EventDestination={
            "Name": "d",
            "Enabled": True,
            "MatchingEventTypes": ["send"],
            "SNSDestination": {"TopicARN": handle.topic_arn},
        },
    )
    later = ses.client("sqs").receive_message(QueueUrl=handle.queue_url, MaxNumberOfMessages=10)["Messages"]
    assert [json.loads(m["Body"])["Message"] for m in later] == [
        "Successfully validated SNS topic for Amazon SES event publishing."
    ]


def test_a_raw_message_is_also_checked_on_its_from_header(ses: FakeSES, ses_client) -> None:
    import pytest
    from botocore.exceptions import ClientError

    ses.verify("example.com")
    raw = "From: someone@elsewhere.example\r\nTo: user@example.org\r\nSubject: x\r\n\r\nbody"

    with pytest.raises(ClientError) as excinfo:
        ses_client.send_raw_email(Source="app@example.com", RawMessage={"Data": raw})

    assert excinfo.value.response["Error"]["Message"] == (
        "Email address is not verified. The following identities failed the check in region US-EAST-1: "
        "someone@elsewhere.example"
    )
    assert ses.messages.last.rule("identity").reason == "someone@elsewhere.example is not a verified identity"
