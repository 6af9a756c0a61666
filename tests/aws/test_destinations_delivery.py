"""Events published to each destination type and read back from moto's own services.

SNS → SQS (raw and enveloped), Kinesis Data Firehose → S3 (one JSON record per line), CloudWatch
(``AWS/SES`` metrics with the destination's dimensions), EventBridge (a rule on the default bus → SQS),
Pinpoint (recorded only: moto has no ingestion).  A destination whose target has gone away does not
fail the send; the publication is recorded as not delivered.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from support import metric_sum

from pytest_ses.core.sending.outcomes import Bounce

ACCOUNT = "123456789012"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/ses-events"
SIMPLE = {"Simple": {"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "Hi"}}}}
SET_ARN = f"arn:aws:ses:us-east-1:{ACCOUNT}:configuration-set/tx"


@pytest.fixture(autouse=True)
def account(sesv2_client: Any) -> None:
    sesv2_client.create_email_identity(EmailIdentity="example.com")
    sesv2_client.create_configuration_set(ConfigurationSetName="tx")


def add_destination(sesv2_client: Any, name: str, types: list[str], **definition: Any) -> None:
    sesv2_client.create_configuration_set_event_destination(
        ConfigurationSetName="tx",
        EventDestinationName=name,
        EventDestination={"Enabled": True, "MatchingEventTypes": types, **definition},
    )


def send(sesv2_client: Any, ses: Any, *recipients: str, **extra: Any) -> Any:
    """Sent at the real time: moto's SQS drops messages older than its retention period."""
    message_id = sesv2_client.send_email(
        FromEmailAddress="me@example.com",
        Destination={"ToAddresses": list(recipients or ["to@example.net"])},
        Content=extra.pop("Content", SIMPLE),
        ConfigurationSetName="tx",
        **extra,
    )["MessageId"]
    return ses.session.recorder.message(message_id)


def queue(ses: Any, name: str) -> tuple[str, str]:
    sqs = ses.client("sqs")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return url, arn


def bodies(ses: Any, url: str) -> list[str]:
    """Every message waiting in the queue, in order, except SES's one-off topic validation notice."""
    sqs = ses.client("sqs")
    found: list[str] = []
    while True:
        batch = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
        if not batch:
            return [b for b in found if "Successfully validated SNS topic" not in b]
        found += [m["Body"] for m in batch]
        sqs.delete_message_batch(
            QueueUrl=url,
            Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(batch)],
        )


# --- SNS ------------------------------------------------------------------------------------------------
@pytest.fixture
def topic(ses: Any) -> str:
    arn: str = ses.client("sns").create_topic(Name="ses-events")["TopicArn"]
    return arn


def subscribe(ses: Any, topic: str, queue_arn: str, raw: bool) -> None:
    attributes = {"RawMessageDelivery": "true"} if raw else {}
    ses.client("sns").subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn, Attributes=attributes)


def test_sns_with_raw_delivery_puts_the_bare_record_in_the_queue(sesv2_client: Any, ses: Any, topic: str) -> None:
    url, arn = queue(ses, "raw")
    subscribe(ses, topic, arn, raw=True)
    add_destination(sesv2_client, "sns", ["SEND", "DELIVERY"], SnsDestination={"TopicArn": topic})

    record = send(sesv2_client, ses)

    assert bodies(ses, url) == [e.record_json for e in record.events]
    assert [json.loads(b)["eventType"] for b in [e.record_json for e in record.events]] == ["Send", "Delivery"]
    publication = record.events[0].publications[0]
    assert (publication.destination, publication.kind, publication.target) == ("sns", "sns", topic)
    assert publication.delivered
    assert publication.detail.startswith("SNS message ")


def test_sns_without_raw_delivery_wraps_the_record_in_a_notification(
    sesv2_client: Any, ses: Any, topic: str
) -> None:
    url, arn = queue(ses, "enveloped")
    subscribe(ses, topic, arn, raw=False)
    add_destination(sesv2_client, "sns", ["SEND"], SnsDestination={"TopicArn": topic})

    record = send(sesv2_client, ses)

    (body,) = bodies(ses, url)
    envelope = json.loads(body)
    assert envelope["Type"] == "Notification"
    assert envelope["TopicArn"] == topic
    assert envelope["Subject"] == "Amazon SES Email Event Notification"
    assert envelope["Message"] == record.events[0].record_json
    assert json.loads(envelope["Message"])["mail"]["messageId"] == record.message_id


def test_only_matching_events_reach_a_destination(sesv2_client: Any, ses: Any, topic: str) -> None:
    url, arn = queue(ses, "bounces")
    subscribe(ses, topic, arn, raw=True)
    add_destination(sesv2_client, "bounces", ["BOUNCE"], SnsDestination={"TopicArn": topic})
    ses.session.program(["b@example.net"], Bounce())

    record = send(sesv2_client, ses, "ok@example.net", "b@example.net")

    assert [json.loads(b)["eventType"] for b in bodies(ses, url)] == ["Bounce"]
    send_event = record.events[0]
    assert send_event.publications == ()
    assert [(s.destination, s.reason) for s in send_event.skipped] == [
        ("bounces", "does not match SEND (matches BOUNCE)")
    ]


def test_a_disabled_destination_receives_nothing(ses_client: Any, ses: Any, sesv2_client: Any, topic: str) -> None:
    url, arn = queue(ses, "off")
    subscribe(ses, topic, arn, raw=True)
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName="tx",
        EventDestination={"Name": "off", "MatchingEventTypes": ["send"], "SNSDestination": {"TopicARN": topic}},
    )

    record = send(sesv2_client, ses)

    assert bodies(ses, url) == []
    assert [(s.destination, s.reason) for s in record.events[0].skipped] == [("off", "destination is disabled")]


def test_a_deleted_topic_drops_events_but_not_the_send(sesv2_client: Any, ses: Any, topic: str) -> None:
    add_destination(sesv2_client, "sns", ["SEND", "DELIVERY"], SnsDestination={"TopicArn": topic})
    ses.client("sns").delete_topic(TopicArn=topic)

    record = send(sesv2_client, ses)

    assert record.accepted
    assert [e.event_type for e in record.events] == ["Send", "Delivery"]
    publication = record.events[0].publications[0]
    assert (publication.delivered, publication.detail) == (
        False,
        f"topic {topic} does not exist: the event was dropped",
    )
    assert publication.payload == record.events[0].record_json


def test_every_destination_of_the_set_gets_the_event(sesv2_client: Any, ses: Any, topic: str) -> None:
    other: str = ses.client("sns").create_topic(Name="other")["TopicArn"]
    first_url, first_arn = queue(ses, "first")
    second_url, second_arn = queue(ses, "second")
    subscribe(ses, topic, first_arn, raw=True)
    subscribe(ses, other, second_arn, raw=True)
    add_destination(sesv2_client, "one", ["SEND"], SnsDestination={"TopicArn": topic})
    add_destination(sesv2_client, "two", ["SEND"], SnsDestination={"TopicArn": other})

    record = send(sesv2_client, ses)

    assert bodies(ses, first_url) == bodies(ses, second_url) == [record.events[0].record_json]
    assert [p.destination for p in record.events[0].publications] == ["one", "two"]


# --- Firehose ---------------------------------------------------------------------------------------------
@pytest.fixture
def stream(ses: Any) -> str:
    ses.client("s3").create_bucket(Bucket="ses-events")
    arn: str = ses.client("firehose").create_delivery_stream(
        DeliveryStreamName="ses-events",
        DeliveryStreamType="DirectPut",
        ExtendedS3DestinationConfiguration={"RoleARN": ROLE, "BucketARN": "arn:aws:s3:::ses-events"},
    )["DeliveryStreamARN"]
    return arn


def add_firehose(sesv2_client: Any, stream: str, events: list[str]) -> None:
    add_destination(
        sesv2_client,
        "firehose",
        events,
        KinesisFirehoseDestination={"IamRoleArn": ROLE, "DeliveryStreamArn": stream},
    )


def s3_lines(ses: Any) -> list[str]:
    s3 = ses.client("s3")
    keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket="ses-events").get("Contents", []))
    text = "".join(s3.get_object(Bucket="ses-events", Key=key)["Body"].read().decode() for key in keys)
    assert text.endswith("\n")
    return text.splitlines()


def test_firehose_writes_one_json_record_per_line_to_s3(sesv2_client: Any, ses: Any, stream: str) -> None:
    add_firehose(sesv2_client, stream, ["SEND", "DELIVERY"])

    record = send(sesv2_client, ses)

    assert sorted(s3_lines(ses)) == sorted(e.record_json for e in record.events)
    publication = record.events[0].publications[0]
    assert (publication.kind, publication.payload) == ("firehose", record.events[0].record_json + "\n")
    assert publication.delivered


@pytest.mark.parametrize(
    ("removal", "detail"),
    [
        (
            lambda ses: ses.client("firehose").delete_delivery_stream(DeliveryStreamName="ses-events"),
            "delivery stream ses-events does not exist: the event was dropped",
        ),
        (
            lambda ses: ses.client("s3").delete_bucket(Bucket="ses-events"),
            "delivery stream ses-events could not write the record to S3 "
            "(NoSuchBucket: The specified bucket does not exist)",
        ),
    ],
    ids=["stream", "bucket"],
)
def test_a_deleted_stream_or_bucket_loses_the_event_but_not_the_send(
    sesv2_client: Any, ses: Any, stream: str, removal: Any, detail: str
) -> None:
    add_firehose(sesv2_client, stream, ["SEND"])
    removal(ses)

    record = send(sesv2_client, ses)

    publication = record.events[0].publications[0]
    assert (publication.delivered, publication.detail) == (False, detail)
    assert record.events[0].event_type == "Send"


# --- CloudWatch -----------------------------------------------------------------------------------------
def cloudwatch(*dimensions: tuple[str, str, str]) -> dict[str, Any]:
    return {
        "CloudWatchDestination": {
            "DimensionConfigurations": [
                {"DimensionName": n, "DimensionValueSource": s, "DefaultDimensionValue": d}
                for n, s, d in dimensions
            ]
        }
    }


def test_cloudwatch_counts_events_by_message_tag(sesv2_client: Any, ses: Any) -> None:
    add_destination(
        sesv2_client, "cw", ["SEND", "DELIVERY", "BOUNCE"], **cloudwatch(("campaign", "MESSAGE_TAG", "none"))
    )
    ses.session.program(["b@example.net"], Bounce())

    send(sesv2_client, ses, EmailTags=[{"Name": "campaign", "Value": "spring"}])
    send(sesv2_client, ses, "b@example.net", EmailTags=[{"Name": "campaign", "Value": "spring"}])
    send(sesv2_client, ses)

    spring = [{"Name": "campaign", "Value": "spring"}]
    assert (
        metric_sum(ses, "Send", spring),
        metric_sum(ses, "Delivery", spring),
        metric_sum(ses, "Bounce", spring),
    ) == (
        2.0,
        1.0,
        1.0,
    )
    assert metric_sum(ses, "Send", [{"Name": "campaign", "Value": "none"}]) == 1.0
    listed = ses.client("cloudwatch").list_metrics(Namespace="AWS/SES")["Metrics"]
    assert {(m["MetricName"], m["Dimensions"][0]["Value"]) for m in listed} == {
        ("Send", "spring"),
        ("Delivery", "spring"),
        ("Bounce", "spring"),
        ("Send", "none"),
        ("Delivery", "none"),
    }


def test_cloudwatch_dimensions_from_auto_tags_and_headers(sesv2_client: Any, ses: Any) -> None:
    add_destination(
        sesv2_client,
        "cw",
        ["SEND"],
        **cloudwatch(("ses:configuration-set", "MESSAGE_TAG", "none"), ("X-Campaign", "EMAIL_HEADER", "unset")),
    )
    raw = b"From: me@example.com\r\nTo: a@example.net\r\nX-Campaign: launch-1\r\n\r\nbody"

    send(sesv2_client, ses, Content={"Raw": {"Data": raw}})
    send(sesv2_client, ses)

    both = [{"Name": "ses:configuration-set", "Value": "tx"}, {"Name": "X-Campaign", "Value": "launch-1"}]
    default = [{"Name": "ses:configuration-set", "Value": "tx"}, {"Name": "X-Campaign", "Value": "unset"}]
    assert (metric_sum(ses, "Send", both), metric_sum(ses, "Send", default)) == (1.0, 1.0)
    payload = json.loads(ses.session.recorder.messages()[0].events[0].publications[0].payload)
    assert (payload["Namespace"], payload["MetricName"], payload["Value"], payload["Unit"]) == (
        "AWS/SES",
        "Send",
        1.0,
        "Count",
    )
    assert payload["Timestamp"] == ses.session.recorder.messages()[0].events[0].record["mail"]["timestamp"]


def test_a_header_value_cloudwatch_cannot_take_emits_no_metric(sesv2_client: Any, ses: Any) -> None:
    """DG event-publishing-send-email: the send succeeds, the metric is not sent."""
    add_destination(sesv2_client, "cw", ["SEND"], **cloudwatch(("X-Campaign", "EMAIL_HEADER", "unset")))
    raw = b"From: me@example.com\r\nTo: a@example.net\r\nX-Campaign: has spaces\r\n\r\nbody"

    record = send(sesv2_client, ses, Content={"Raw": {"Data": raw}})

    assert record.accepted
    assert ses.client("cloudwatch").list_metrics(Namespace="AWS/SES")["Metrics"] == []
    publication = record.events[0].publications[0]
    assert not publication.delivered
    assert (
        publication.detail
        == "header X-Campaign value 'has spaces' is not a valid dimension value: no metric emitted"
    )


# --- EventBridge ----------------------------------------------------------------------------------------
def test_eventbridge_events_reach_a_rule_on_the_default_bus(sesv2_client: Any, ses: Any) -> None:
    url, arn = queue(ses, "bus")
    events = ses.client("events")
    events.put_rule(
        Name="ses-bounces", EventPattern=json.dumps({"source": ["aws.ses"], "detail-type": ["Email Bounced"]})
    )
    events.put_targets(Rule="ses-bounces", Targets=[{"Id": "queue", "Arn": arn}])
    bus = f"arn:aws:events:us-east-1:{ACCOUNT}:event-bus/default"
    add_destination(sesv2_client, "eb", ["SEND", "BOUNCE"], EventBridgeDestination={"EventBusArn": bus})
    ses.session.program(["b@example.net"], Bounce())

    record = send(sesv2_client, ses, "b@example.net")

    (body,) = bodies(ses, url)
    event = json.loads(body)
    assert (event["source"], event["detail-type"], event["region"]) == ("aws.ses", "Email Bounced", "us-east-1")
    assert event["resources"] == [SET_ARN]
    assert event["detail"] == record.events[1].record
    assert [p.delivered for e in record.events for p in e.publications] == [True, True]
    assert json.loads(record.events[0].publications[0].payload)["DetailType"] == "Email Sent"


# --- Pinpoint -------------------------------------------------------------------------------------------
def test_pinpoint_events_are_recorded_only(sesv2_client: Any, ses: Any) -> None:
    app = f"arn:aws:mobiletargeting:us-east-1:{ACCOUNT}:apps/0123456789abcdef"
    add_destination(sesv2_client, "pp", ["SEND", "DELIVERY"], PinpointDestination={"ApplicationArn": app})

    record = send(sesv2_client, ses)

    publications = [p for e in record.events for p in e.publications]
    assert [(p.kind, p.target, p.delivered) for p in publications] == [("pinpoint", app, True)] * 2
    assert publications[0].detail == "recorded only: moto has no Pinpoint event ingestion"
    assert publications[0].payload == record.events[0].record_json
