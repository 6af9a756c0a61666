"""SES v1 event destinations through a real boto3 ``ses`` client: validating a definition.

Covers what CreateConfigurationSetEventDestination checks in the ``EventDestination`` it gets: v1
event-type spellings only (including ``deliveryDelay``/``subscription``; v2 spellings rejected), repeated
and empty event-type lists, destination names, exactly one destination kind, the SNS topic existing
(recorded ``InvalidSNSDestination`` text, looked up in the topic's own Region), Firehose ARN shapes
(``InvalidFirehoseDestination``) and CloudWatch dimensions (``InvalidCloudWatchDestination``, v1 value
sources only, at most ten).
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from support import assert_error

from pytest_ses.core.eventtypes import EventType

ROLE = "arn:aws:iam::123456789012:role/ses-firehose"
STREAM = "arn:aws:firehose:us-east-1:123456789012:deliverystream/events"
V1_TYPES = ["send", "reject", "bounce", "complaint", "delivery", "open", "click", "renderingFailure"]
DIMENSION = {"DimensionName": "campaign", "DimensionValueSource": "messageTag", "DefaultDimensionValue": "none"}


def sns(name: str, topic: str, **extra: Any) -> dict[str, Any]:
    return {"Name": name, "MatchingEventTypes": ["bounce"], "SNSDestination": {"TopicARN": topic}, **extra}


def destinations(ses_client: Any, set_name: str = "tx") -> list[dict[str, Any]]:
    described = ses_client.describe_configuration_set(
        ConfigurationSetName=set_name, ConfigurationSetAttributeNames=["eventDestinations"]
    )
    result: list[dict[str, Any]] = described["EventDestinations"]
    return result


@pytest.mark.parametrize("source", ["messageTag", "emailHeader", "linkTag"])
def test_cloudwatch_dimension_sources_keep_their_v1_spelling(
    ses: Any, ses_client: Any, config_set: str, source: str
) -> None:
    dimension = {**DIMENSION, "DimensionValueSource": source}
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName=config_set,
        EventDestination={
            "Name": "cw",
            "MatchingEventTypes": ["send"],
            "CloudWatchDestination": {"DimensionConfigurations": [dimension]},
        },
    )
    assert destinations(ses_client)[0]["CloudWatchDestination"]["DimensionConfigurations"] == [dimension]
    assert ses.store().sets["tx"].destinations["cw"].dimensions[0].source in {
        "MESSAGE_TAG",
        "EMAIL_HEADER",
        "LINK_TAG",
    }


def test_every_v1_event_type_spelling_is_accepted_and_kept(
    ses: Any, ses_client: Any, config_set: str, topic: str
) -> None:
    spellings = [*V1_TYPES, "deliveryDelay", "subscription"]
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName=config_set, EventDestination={**sns("all", topic), "MatchingEventTypes": spellings}
    )
    assert destinations(ses_client)[0]["MatchingEventTypes"] == spellings
    assert set(ses.store().sets["tx"].destinations["all"].matching) == set(EventType)


def test_repeated_event_types_are_kept_once(ses_client: Any, config_set: str, topic: str) -> None:
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName=config_set,
        EventDestination={**sns("d", topic), "MatchingEventTypes": ["send", "bounce", "send"]},
    )
    assert destinations(ses_client)[0]["MatchingEventTypes"] == ["send", "bounce"]


@pytest.mark.parametrize("spelling", ["BOUNCE", "Bounce", "RENDERING_FAILURE", "Rendering Failure", "foo", ""])
def test_event_types_outside_the_v1_spelling_are_rejected(
    ses_client: Any, config_set: str, topic: str, spelling: str
) -> None:
    with pytest.raises(ClientError) as raised:
        ses_client.create_configuration_set_event_destination(
            ConfigurationSetName=config_set,
            EventDestination={**sns("d", topic), "MatchingEventTypes": ["send", spelling]},
        )
    assert_error(raised, "InvalidParameterValue", f"Invalid event type: {spelling}.")
    assert destinations(ses_client) == []


def test_create_with_a_missing_sns_topic_is_invalid_sns_destination(ses_client: Any, config_set: str) -> None:
    missing = "arn:aws:sns:us-east-1:123456789012:no-such-topic"
    with pytest.raises(ClientError) as raised:
        ses_client.create_configuration_set_event_destination(
            ConfigurationSetName=config_set, EventDestination=sns("d", missing)
        )
    assert_error(raised, "InvalidSNSDestination", f"SNS topic <{missing}> not found.")
    assert destinations(ses_client) == []


def test_create_with_a_topic_of_another_region_checks_that_region(
    ses: Any, ses_client: Any, config_set: str
) -> None:
    remote = ses.client("sns", region="eu-west-1").create_topic(Name="remote")["TopicArn"]
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName=config_set, EventDestination=sns("d", remote)
    )
    assert destinations(ses_client)[0]["SNSDestination"] == {"TopicARN": remote}


@pytest.mark.parametrize("name", ["", "has space", "x" * 65, "dot.ted"])
def test_invalid_destination_names_are_rejected(ses_client: Any, config_set: str, topic: str, name: str) -> None:
    with pytest.raises(ClientError) as raised:
        ses_client.create_configuration_set_event_destination(
            ConfigurationSetName=config_set, EventDestination=sns(name, topic)
        )
    assert_error(
        raised,
        "InvalidParameterValue",
        f"Invalid event destination name <{name}>: only alphanumeric ASCII characters, '_', and '-' are allowed, "
        "up to 64 characters.",
    )


def test_a_destination_name_of_64_characters_is_accepted(ses_client: Any, config_set: str, topic: str) -> None:
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName=config_set, EventDestination=sns("d" * 64, topic)
    )
    assert destinations(ses_client)[0]["Name"] == "d" * 64


def test_no_destination_kind_or_two_kinds_is_rejected(ses_client: Any, config_set: str, topic: str) -> None:
    two = {**sns("d", topic), "CloudWatchDestination": {"DimensionConfigurations": [DIMENSION]}}
    none = {"Name": "d", "MatchingEventTypes": ["send"]}
    for definition in (two, none):
        with pytest.raises(ClientError) as raised:
            ses_client.create_configuration_set_event_destination(
                ConfigurationSetName=config_set, EventDestination=definition
            )
        assert_error(raised, "InvalidParameterValue", "Exactly one destination type must be specified.")


@pytest.mark.parametrize(
    ("stream", "role", "message"),
    [
        ("not-an-arn", ROLE, "Invalid Kinesis Firehose delivery stream ARN <not-an-arn>."),
        (
            "arn:aws:kinesis:us-east-1:123456789012:stream/x",
            ROLE,
            "Invalid Kinesis Firehose delivery stream ARN <arn:aws:kinesis:us-east-1:123456789012:stream/x>.",
        ),
        (STREAM, "", "Invalid IAM role ARN <>."),
        (
            STREAM,
            "arn:aws:iam::123456789012:user/bob",
            "Invalid IAM role ARN <arn:aws:iam::123456789012:user/bob>.",
        ),
    ],
)
def test_malformed_firehose_arns_are_invalid_firehose_destination(
    ses_client: Any, config_set: str, stream: str, role: str, message: str
) -> None:
    definition = {
        "Name": "fh",
        "MatchingEventTypes": ["send"],
        "KinesisFirehoseDestination": {"IAMRoleARN": role, "DeliveryStreamARN": stream},
    }
    with pytest.raises(ClientError) as raised:
        ses_client.create_configuration_set_event_destination(
            ConfigurationSetName=config_set, EventDestination=definition
        )
    assert_error(raised, "InvalidFirehoseDestination", message)


@pytest.mark.parametrize(
    ("dimensions", "message"),
    [
        ([], "At least one dimension configuration is required."),
        ([DIMENSION] * 11, "A CloudWatch destination can have at most 10 dimensions."),
        ([{**DIMENSION, "DimensionValueSource": "MESSAGE_TAG"}], "Invalid dimension value source: MESSAGE_TAG."),
        ([{**DIMENSION, "DimensionValueSource": "tag"}], "Invalid dimension value source: tag."),
        ([{**DIMENSION, "DimensionName": "bad name"}], "Invalid dimension name: bad name."),
        ([{**DIMENSION, "DefaultDimensionValue": "bad value!"}], "Invalid default dimension value: bad value!."),
        ([{**DIMENSION, "DefaultDimensionValue": ""}], "Invalid default dimension value: ."),
    ],
)
def test_invalid_cloudwatch_dimensions_are_invalid_cloudwatch_destination(
    ses_client: Any, config_set: str, dimensions: list[dict[str, str]], message: str
) -> None:
    definition = {
        "Name": "cw",
        "MatchingEventTypes": ["send"],
        "CloudWatchDestination": {"DimensionConfigurations": dimensions},
    }
    with pytest.raises(ClientError) as raised:
        ses_client.create_configuration_set_event_destination(
            ConfigurationSetName=config_set, EventDestination=definition
        )
    assert_error(raised, "InvalidCloudWatchDestination", message)


def test_ten_cloudwatch_dimensions_are_accepted(ses_client: Any, config_set: str) -> None:
    dimensions = [{**DIMENSION, "DimensionName": f"dim{i}"} for i in range(10)]
    definition = {
        "Name": "cw",
        "MatchingEventTypes": ["send"],
        "CloudWatchDestination": {"DimensionConfigurations": dimensions},
    }
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName=config_set, EventDestination=definition
    )
    assert len(destinations(ses_client)[0]["CloudWatchDestination"]["DimensionConfigurations"]) == 10


def test_an_empty_event_type_list_is_accepted(ses_client: Any, config_set: str, topic: str) -> None:
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName=config_set, EventDestination={**sns("d", topic), "MatchingEventTypes": []}
    )
    assert destinations(ses_client)[0]["MatchingEventTypes"] == []
