"""SES v2 event destinations of a configuration set: create, get, update, delete."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from support import error_of

FIREHOSE = {
    "IamRoleArn": "arn:aws:iam::123456789012:role/ses-firehose",
    "DeliveryStreamArn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/events",
}
CLOUDWATCH = {
    "DimensionConfigurations": [
        {"DimensionName": "campaign", "DimensionValueSource": "MESSAGE_TAG", "DefaultDimensionValue": "none"},
        {"DimensionName": "X-Mailer", "DimensionValueSource": "EMAIL_HEADER", "DefaultDimensionValue": "a@b.c"},
        {"DimensionName": "link", "DimensionValueSource": "LINK_TAG", "DefaultDimensionValue": "none"},
    ]
}
DEFAULT_BUS = "arn:aws:events:us-east-1:123456789012:event-bus/default"
PINPOINT_APP = "arn:aws:mobiletargeting:us-east-1:123456789012:apps/0123456789abcdef"


@pytest.fixture
def topic(ses: Any) -> str:
    return str(ses.client("sns").create_topic(Name="ses-events")["TopicArn"])


@pytest.fixture
def tx(sesv2_client: Any) -> Any:
    """A set named ``tx``; returns a reader of its destinations."""
    sesv2_client.create_configuration_set(ConfigurationSetName="tx")
    return lambda: sesv2_client.get_configuration_set_event_destinations(ConfigurationSetName="tx")[
        "EventDestinations"
    ]


def create(client: Any, name: str, set_name: str = "tx", **definition: Any) -> Any:
    return client.create_configuration_set_event_destination(
        ConfigurationSetName=set_name, EventDestinationName=name, EventDestination=definition
    )


# --- CreateConfigurationSetEventDestination / GetConfigurationSetEventDestinations ---------------
def test_an_sns_destination_reads_back_in_v2_spelling(sesv2_client, tx, topic):
    create(
        sesv2_client,
        "to-sns",
        Enabled=True,
        MatchingEventTypes=["DELIVERY", "BOUNCE", "SEND", "DELIVERY_DELAY", "SUBSCRIPTION"],
        SnsDestination={"TopicArn": topic},
    )

    assert tx() == [
        {
            "Name": "to-sns",
            "Enabled": True,
            "MatchingEventTypes": ["DELIVERY", "BOUNCE", "SEND", "DELIVERY_DELAY", "SUBSCRIPTION"],
            "SnsDestination": {"TopicArn": topic},
        }
    ]


@pytest.mark.parametrize(
    ("member", "target"),
    [
        ("KinesisFirehoseDestination", FIREHOSE),
        ("CloudWatchDestination", CLOUDWATCH),
        ("EventBridgeDestination", {"EventBusArn": DEFAULT_BUS}),
        ("PinpointDestination", {"ApplicationArn": PINPOINT_APP}),
    ],
    ids=["firehose", "cloudwatch", "eventbridge", "pinpoint"],
)
def test_every_other_destination_kind_reads_back(sesv2_client, tx, member, target):
    create(sesv2_client, "dest", Enabled=True, MatchingEventTypes=["OPEN", "CLICK"], **{member: target})

    assert tx() == [{"Name": "dest", "Enabled": True, "MatchingEventTypes": ["OPEN", "CLICK"], member: target}]


def test_a_destination_is_disabled_unless_enabled_and_repeated_types_are_kept_once(sesv2_client, tx, topic):
    create(
        sesv2_client, "quiet", MatchingEventTypes=["SEND", "SEND", "REJECT"], SnsDestination={"TopicArn": topic}
    )

    assert tx() == [
        {
            "Name": "quiet",
            "Enabled": False,
            "MatchingEventTypes": ["SEND", "REJECT"],
            "SnsDestination": {"TopicArn": topic},
        }
    ]


def test_destinations_are_listed_in_the_order_they_were_created(sesv2_client, tx, topic):
    for name in ("zeta", "alpha", "mid"):
        create(sesv2_client, name, MatchingEventTypes=["SEND"], SnsDestination={"TopicArn": topic})

    assert [destination["Name"] for destination in tx()] == ["zeta", "alpha", "mid"]


def test_a_set_without_destinations_has_an_empty_list(tx):
    assert tx() == []


def test_destinations_of_an_unknown_set_are_not_found(sesv2_client):
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.get_configuration_set_event_destinations(ConfigurationSetName="nope")

    assert error_of(excinfo) == ("NotFoundException", "Configuration set <nope> does not exist.", 404)


def test_creating_in_an_unknown_set_is_not_found(sesv2_client, topic):
    with pytest.raises(ClientError) as excinfo:
        create(sesv2_client, "d", set_name="nope", MatchingEventTypes=["SEND"], SnsDestination={"TopicArn": topic})

    assert error_of(excinfo) == ("NotFoundException", "Configuration set <nope> does not exist.", 404)


def test_a_duplicate_destination_name_already_exists(sesv2_client, tx, topic):
    create(sesv2_client, "d", MatchingEventTypes=["SEND"], SnsDestination={"TopicArn": topic})

    with pytest.raises(ClientError) as excinfo:
        create(sesv2_client, "d", MatchingEventTypes=["BOUNCE"], KinesisFirehoseDestination=FIREHOSE)

    assert error_of(excinfo) == ("AlreadyExistsException", "Event destination d already exists.", 400)
    assert tx()[0]["MatchingEventTypes"] == ["SEND"]


def test_a_set_holds_at_most_ten_destinations(ses, sesv2_client, tx, topic):
    for index in range(10):
        create(sesv2_client, f"d{index}", MatchingEventTypes=["SEND"], SnsDestination={"TopicArn": topic})
    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing")
    single_attempt = session.client(
        "sesv2", region_name=ses.region, config=Config(retries={"total_max_attempts": 1})
    )

    with pytest.raises(ClientError) as excinfo:
        create(single_attempt, "d10", MatchingEventTypes=["SEND"], SnsDestination={"TopicArn": topic})

    assert error_of(excinfo) == (
        "LimitExceededException",
        "Configuration set tx already has 10 event destinations.",
        400,
    )
    assert len(tx()) == 10


def test_an_sns_topic_that_does_not_exist_is_a_bad_request(sesv2_client, tx):
    missing = "arn:aws:sns:us-east-1:123456789012:missing"

    with pytest.raises(ClientError) as excinfo:
        create(sesv2_client, "d", MatchingEventTypes=["SEND"], SnsDestination={"TopicArn": missing})

    assert error_of(excinfo) == ("BadRequestException", f"SNS topic <{missing}> not found.", 400)
    assert tx() == []


@pytest.mark.parametrize(
    ("definition", "message"),
    [
        (
            {
                "MatchingEventTypes": ["SEND"],
                "KinesisFirehoseDestination": {**FIREHOSE, "DeliveryStreamArn": "arn:aws:s3:::bucket"},
            },
            "Invalid Kinesis Firehose delivery stream ARN <arn:aws:s3:::bucket>.",
        ),
        (
            {"MatchingEventTypes": ["SEND"], "KinesisFirehoseDestination": {**FIREHOSE, "IamRoleArn": "role"}},
            "Invalid IAM role ARN <role>.",
        ),
        (
            {
                "MatchingEventTypes": ["SEND"],
                "EventBridgeDestination": {"EventBusArn": DEFAULT_BUS[:-7] + "custom"},
            },
            f"Only the default event bus is supported: {DEFAULT_BUS[:-7]}custom.",
        ),
        (
            {
                "MatchingEventTypes": ["SEND", "DELIVERY_DELAY"],
                "PinpointDestination": {"ApplicationArn": PINPOINT_APP},
            },
            "Pinpoint destinations do not support DELIVERY_DELAY or SUBSCRIPTION events.",
        ),
        (
            {"MatchingEventTypes": ["SUBSCRIPTION"], "PinpointDestination": {}},
            "Pinpoint destinations do not support DELIVERY_DELAY or SUBSCRIPTION events.",
        ),
        (
            {
                "MatchingEventTypes": ["SEND"],
                "KinesisFirehoseDestination": FIREHOSE,
                "PinpointDestination": {"ApplicationArn": PINPOINT_APP},
            },
            "Exactly one destination type must be specified.",
        ),
        ({"MatchingEventTypes": ["SEND"]}, "Exactly one destination type must be specified."),
        (
            {"MatchingEventTypes": ["SEND"], "CloudWatchDestination": {"DimensionConfigurations": []}},
            "At least one dimension configuration is required.",
        ),
        (
            {
                "MatchingEventTypes": ["SEND"],
                "CloudWatchDestination": {
                    "DimensionConfigurations": [
                        {
                            "DimensionName": f"d{i}",
                            "DimensionValueSource": "MESSAGE_TAG",
                            "DefaultDimensionValue": "x",
                        }
                        for i in range(11)
                    ]
                },
            },
            "A CloudWatch destination can have at most 10 dimensions.",
        ),
        (
            {
                "MatchingEventTypes": ["SEND"],
                "CloudWatchDestination": {
                    "DimensionConfigurations": [
                        {"DimensionName": "d", "DimensionValueSource": "messageTag", "DefaultDimensionValue": "x"}
                    ]
                },
            },
            "Invalid dimension value source: messageTag.",
        ),
    ],
    ids=[
        "firehose-stream-arn",
        "firehose-role-arn",
        "custom-event-bus",
        "pinpoint-delivery-delay",
        "pinpoint-subscription",
        "two-kinds",
        "no-kind",
        "no-dimensions",
        "eleven-dimensions",
        "v1-dimension-source",
    ],
)
def test_invalid_definitions_are_bad_requests(sesv2_client, tx, definition, message):
    with pytest.raises(ClientError) as excinfo:
        create(sesv2_client, "d", **definition)

    assert error_of(excinfo) == ("BadRequestException", message, 400)
    assert tx() == []


def test_v1_spelled_event_types_are_not_accepted(sesv2_client, tx, topic):
    with pytest.raises(ClientError) as excinfo:
        create(
            sesv2_client, "d", MatchingEventTypes=["SEND", "renderingFailure"], SnsDestination={"TopicArn": topic}
        )

    assert error_of(excinfo) == (
        "BadRequestException",
        "1 validation error detected: Value at 'eventDestination.matchingEventTypes.2.member' failed to satisfy "
        "constraint: Member must satisfy enum value set: [SEND, REJECT, BOUNCE, COMPLAINT, DELIVERY, OPEN, CLICK, "
        "RENDERING_FAILURE, DELIVERY_DELAY, SUBSCRIPTION]",
        400,
    )


@pytest.mark.parametrize("name", ["has space", "d" * 65, "dot.ted"])
def test_an_invalid_destination_name_is_a_bad_request(sesv2_client, tx, topic, name):
    with pytest.raises(ClientError) as excinfo:
        create(sesv2_client, name, MatchingEventTypes=["SEND"], SnsDestination={"TopicArn": topic})

    assert error_of(excinfo) == (
        "BadRequestException",
        f"Invalid event destination name <{name}>: only alphanumeric ASCII characters, '_', and '-' are allowed, "
        "up to 64 characters.",
        400,
    )


# --- UpdateConfigurationSetEventDestination ------------------------------------------------------
def test_update_replaces_the_definition_and_keeps_the_position(sesv2_client, tx, topic):
    for name in ("first", "second"):
        create(sesv2_client, name, Enabled=True, MatchingEventTypes=["SEND"], SnsDestination={"TopicArn": topic})

    sesv2_client.update_configuration_set_event_destination(
        ConfigurationSetName="tx",
        EventDestinationName="first",
        EventDestination={"MatchingEventTypes": ["BOUNCE", "COMPLAINT"], "KinesisFirehoseDestination": FIREHOSE},
    )

    assert tx() == [
        {
            "Name": "first",
            "Enabled": False,
            "MatchingEventTypes": ["BOUNCE", "COMPLAINT"],
            "KinesisFirehoseDestination": FIREHOSE,
        },
        {"Name": "second", "Enabled": True, "MatchingEventTypes": ["SEND"], "SnsDestination": {"TopicArn": topic}},
    ]


def test_updating_an_unknown_destination_is_not_found(sesv2_client, tx, topic):
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.update_configuration_set_event_destination(
            ConfigurationSetName="tx",
            EventDestinationName="nope",
            EventDestination={"MatchingEventTypes": ["SEND"], "SnsDestination": {"TopicArn": topic}},
        )

    assert error_of(excinfo) == ("NotFoundException", "No EventDestination found for tx", 404)
    assert tx() == []


def test_updating_in_an_unknown_set_is_not_found(sesv2_client, topic):
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.update_configuration_set_event_destination(
            ConfigurationSetName="nope",
            EventDestinationName="d",
            EventDestination={"MatchingEventTypes": ["SEND"], "SnsDestination": {"TopicArn": topic}},
        )

    assert error_of(excinfo) == ("NotFoundException", "Configuration set <nope> does not exist.", 404)


def test_an_invalid_update_leaves_the_destination_as_it_was(sesv2_client, tx, topic):
    create(sesv2_client, "d", Enabled=True, MatchingEventTypes=["SEND"], SnsDestination={"TopicArn": topic})
    before = tx()

    with pytest.raises(ClientError) as excinfo:
        sesv2_client.update_configuration_set_event_destination(
            ConfigurationSetName="tx",
            EventDestinationName="d",
            EventDestination={"MatchingEventTypes": ["SEND"], "SnsDestination": {"TopicArn": topic + "-gone"}},
        )

    assert error_of(excinfo) == ("BadRequestException", f"SNS topic <{topic}-gone> not found.", 400)
    assert tx() == before


# --- DeleteConfigurationSetEventDestination ------------------------------------------------------
def test_delete_removes_only_that_destination(sesv2_client, tx, topic):
    for name in ("keep", "drop"):
        create(sesv2_client, name, MatchingEventTypes=["SEND"], SnsDestination={"TopicArn": topic})

    sesv2_client.delete_configuration_set_event_destination(ConfigurationSetName="tx", EventDestinationName="drop")

    assert [destination["Name"] for destination in tx()] == ["keep"]


def test_deleting_an_unknown_destination_is_not_found(sesv2_client, tx):
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.delete_configuration_set_event_destination(
            ConfigurationSetName="tx", EventDestinationName="nope"
        )

    assert error_of(excinfo) == ("NotFoundException", "No EventDestination found for tx", 404)


def test_deleting_in_an_unknown_set_is_not_found(sesv2_client):
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.delete_configuration_set_event_destination(
            ConfigurationSetName="nope", EventDestinationName="d"
        )

    assert error_of(excinfo) == ("NotFoundException", "Configuration set <nope> does not exist.", 404)
