"""``ses.configuration_set(...)``: a set with real destinations (and what reads them) in one call."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_ses import FakeSES, UsageError

EVERY_TYPE = [
    "SEND",
    "REJECT",
    "BOUNCE",
    "COMPLAINT",
    "DELIVERY",
    "OPEN",
    "CLICK",
    "RENDERING_FAILURE",
    "DELIVERY_DELAY",
    "SUBSCRIPTION",
]


def destination_of(ses: FakeSES, set_name: str, name: str) -> dict[str, Any]:
    found = ses.client("sesv2").get_configuration_set_event_destinations(ConfigurationSetName=set_name)
    by_name: dict[str, Any] = {d["Name"]: d for d in found["EventDestinations"]}
    return by_name[name]


def test_the_default_is_one_sns_destination_for_every_event(ses: FakeSES) -> None:
    tx = ses.configuration_set("tx")

    assert (tx.name, tx.arn) == ("tx", "arn:aws:ses:us-east-1:123456789012:configuration-set/tx")
    assert list(tx.destinations) == ["sns"]
    assert tx.topic_arn == "arn:aws:sns:us-east-1:123456789012:tx-sns"
    assert tx.queue_url.endswith("/123456789012/tx-sns")
    assert destination_of(ses, "tx", "sns") == {
        "Name": "sns",
        "Enabled": True,
        "MatchingEventTypes": EVERY_TYPE,
        "SnsDestination": {"TopicArn": tx.topic_arn},
    }


def test_sns_events_arrive_in_the_subscribed_queue(ses: FakeSES, send: Any) -> None:
    tx = ses.configuration_set("tx")
    message_id = send("a@example.net", configuration_set="tx")

    records = tx.received()

    assert [(r["eventType"], r["mail"]["messageId"]) for r in records] == [
        ("Send", message_id),
        ("Delivery", message_id),
    ]
    assert records == [e.record for e in ses.events]
    assert tx.received("sns") == []  # read messages are consumed, as a real consumer would


def test_firehose_records_land_in_the_bucket_in_publication_order(ses: FakeSES, send: Any) -> None:
    tx = ses.configuration_set("tx", destinations=["firehose"])
    message_id = send("a@example.net", configuration_set="tx")
    ses.open(message_id)
    ses.click(message_id, "https://shop.example.com/offer")

    firehose = tx.destination("firehose")
    assert (firehose.bucket, firehose.target) == (
        "tx-firehose",
        "arn:aws:firehose:us-east-1:123456789012:deliverystream/tx-firehose",
    )
    assert [r["eventType"] for r in tx.received("firehose")] == ["Send", "Delivery", "Open", "Click"]
    assert destination_of(ses, "tx", "firehose")["KinesisFirehoseDestination"] == {
        "IamRoleArn": "arn:aws:iam::123456789012:role/ses-firehose",
        "DeliveryStreamArn": firehose.target,
    }


def test_eventbridge_events_arrive_through_a_rule(ses: FakeSES, send: Any) -> None:
    tx = ses.configuration_set("tx", destinations=["eventbridge"], events=["send", "delivery"])
    send("a@example.net", configuration_set="tx")

    assert tx.destination("eventbridge").target == "arn:aws:events:us-east-1:123456789012:event-bus/default"
    assert [r["eventType"] for r in tx.received("eventbridge")] == ["Send", "Delivery"]


def test_cloudwatch_gets_metrics_with_the_set_as_default_dimension(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx", destinations=["cloudwatch"])
    send("a@example.net", configuration_set="tx")

    metrics = ses.client("cloudwatch").list_metrics(Namespace="AWS/SES")["Metrics"]

    assert sorted(m["MetricName"] for m in metrics) == ["Delivery", "Send"]
    assert metrics[0]["Dimensions"] == [{"Name": "ses:configuration-set", "Value": "tx"}]


def test_cloudwatch_dimensions_can_be_given(ses: FakeSES) -> None:
    dimensions = [
        {"DimensionName": "campaign", "DimensionValueSource": "MESSAGE_TAG", "DefaultDimensionValue": "none"}
    ]
    ses.configuration_set("tx", destinations=[{"kind": "cloudwatch", "dimensions": dimensions}])

    assert destination_of(ses, "tx", "cloudwatch")["CloudWatchDestination"] == {
        "DimensionConfigurations": dimensions
    }


def test_pinpoint_takes_every_event_it_can(ses: FakeSES) -> None:
    tx = ses.configuration_set("tx", destinations=["pinpoint"])

    described = destination_of(ses, "tx", "pinpoint")
    assert described["MatchingEventTypes"] == [
        t for t in EVERY_TYPE if t not in ("DELIVERY_DELAY", "SUBSCRIPTION")
    ]
    assert described["PinpointDestination"] == {"ApplicationArn": tx.destination("pinpoint").target}
    assert tx.destination("pinpoint").target == "arn:aws:mobiletargeting:us-east-1:123456789012:apps/tx-pinpoint"


def test_several_destinations_of_one_kind_are_numbered(ses: FakeSES) -> None:
    tx = ses.configuration_set(
        "tx", destinations=["sns", "firehose", "sns", {"kind": "sns", "name": "audit", "enabled": False}]
    )

    assert list(tx.destinations) == ["sns", "firehose", "sns-2", "audit"]
    assert tx.destination("sns-2").target == "arn:aws:sns:us-east-1:123456789012:tx-sns-2"
    assert tx.destination("sns").name == "sns"
    assert destination_of(ses, "tx", "audit")["Enabled"] is False


def test_events_accept_any_spelling_and_apply_to_every_destination(ses: FakeSES) -> None:
    ses.configuration_set(
        "tx",
        destinations=["sns", {"kind": "firehose", "events": ["Rendering Failure"]}],
        events=["bounce", "deliveryDelay", "COMPLAINT"],
    )

    assert destination_of(ses, "tx", "sns")["MatchingEventTypes"] == ["BOUNCE", "DELIVERY_DELAY", "COMPLAINT"]
    assert destination_of(ses, "tx", "firehose")["MatchingEventTypes"] == ["RENDERING_FAILURE"]


def test_set_options_are_create_configuration_set_blocks(ses: FakeSES) -> None:
    ses.configuration_set(
        "tx",
        destinations=[],
        DeliveryOptions={"TlsPolicy": "REQUIRE"},
        SendingOptions={"SendingEnabled": False},
        Tags=[{"Key": "team", "Value": "mail"}],
    )

    described = ses.client("sesv2").get_configuration_set(ConfigurationSetName="tx")
    assert described["DeliveryOptions"]["TlsPolicy"] == "REQUIRE"
    assert described["SendingOptions"] == {"SendingEnabled": False}
    assert described["Tags"] == [{"Key": "team", "Value": "mail"}]


def test_two_sets_get_their_own_resources(ses: FakeSES, send: Any) -> None:
    tx = ses.configuration_set("tx")
    marketing = ses.configuration_set("marketing")
    send("a@example.net", configuration_set="marketing")

    assert tx.received() == []
    assert len(marketing.received()) == 2


@pytest.mark.ses(region="eu-west-1", account_id="111122223333")
def test_resources_follow_the_fakes_region_and_account(ses: FakeSES) -> None:
    tx = ses.configuration_set("tx", destinations=["sns", "eventbridge"])

    assert tx.arn == "arn:aws:ses:eu-west-1:111122223333:configuration-set/tx"
    assert tx.topic_arn == "arn:aws:sns:eu-west-1:111122223333:tx-sns"
    assert tx.destination("eventbridge").target == "arn:aws:events:eu-west-1:111122223333:event-bus/default"


# --- mistakes ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("destinations", "events", "message"),
    [
        (
            ["sqs"],
            None,
            "destination kind must be one of sns, firehose, cloudwatch, eventbridge, pinpoint; got 'sqs'",
        ),
        (
            [{"name": "x"}],
            None,
            "destination kind must be one of sns, firehose, cloudwatch, eventbridge, pinpoint; got None",
        ),
        ([{"kind": "sns", "topic": "t", "filter": 1}], None, "unknown destination option(s): filter, topic"),
        (
            ["sns"],
            ["bounced"],
            "unknown event type 'bounced'; use one of: SEND, REJECT, BOUNCE, COMPLAINT, DELIVERY, OPEN, CLICK, "
            "RENDERING_FAILURE, DELIVERY_DELAY, SUBSCRIPTION (any AWS spelling)",
        ),
    ],
)
def test_helper_mistakes_are_usage_errors(
    ses: FakeSES, destinations: list[Any], events: list[str] | None, message: str
) -> None:
    with pytest.raises(UsageError) as excinfo:
        ses.configuration_set("tx", destinations=destinations, events=events)

    assert str(excinfo.value) == message


def test_asking_for_a_destination_the_set_does_not_have(ses: FakeSES) -> None:
    tx = ses.configuration_set("tx")

    with pytest.raises(UsageError) as excinfo:
        tx.received("firehose")

    assert str(excinfo.value) == "configuration set tx has no destination 'firehose' (it has: sns)"


@pytest.mark.parametrize("kind", ["cloudwatch", "pinpoint"])
def test_destinations_without_a_readable_store(ses: FakeSES, kind: str) -> None:
    tx = ses.configuration_set("tx", destinations=[kind])

    with pytest.raises(UsageError) as excinfo:
        tx.received(kind)

    assert str(excinfo.value) == f"a {kind} destination has nothing to read; use ses.events instead"


def test_a_set_that_exists_is_the_aws_error(ses: FakeSES) -> None:
    ses.configuration_set("tx")
    client = ses.client("sesv2")

    with pytest.raises(client.exceptions.AlreadyExistsException):
        ses.configuration_set("tx")


def test_the_helper_needs_a_started_fake() -> None:
    with pytest.raises(UsageError) as excinfo:
        FakeSES().configuration_set("tx")

    assert str(excinfo.value) == "FakeSES is not started: use it as a context manager or call start()"
