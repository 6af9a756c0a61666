"""SES v1 event destinations through a real boto3 ``ses`` client: their life cycle.

Covers Create/Update/DeleteConfigurationSetEventDestination: ``Enabled`` defaulting to false and
arriving as a real bool, the three v1 kinds read back in v1 spelling, several destinations per set in
creation order and the limit of ten, names unique per set (not per account, unlike moto), duplicates,
the recorded ``EventDestinationDoesNotExist`` text, unknown sets, updates in place and failed updates
leaving the destination unchanged, deleting a set deleting its destinations, how a destination made
through v2 (EventBridge) looks to v1, and v1→v2 parity.  Input validation of a destination definition
is in test_v1_event_destination_validation.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from support import assert_error

from pytest_ses.core.api import operations
from pytest_ses.core.eventtypes import EventType
from pytest_ses.core.model import EventDestination

ROLE = "arn:aws:iam::123456789012:role/ses-firehose"
STREAM = "arn:aws:firehose:us-east-1:123456789012:deliverystream/events"
DIMENSION = {"DimensionName": "campaign", "DimensionValueSource": "messageTag", "DefaultDimensionValue": "none"}


def sns(name: str, topic: str, **extra: Any) -> dict[str, Any]:
    return {"Name": name, "MatchingEventTypes": ["bounce"], "SNSDestination": {"TopicARN": topic}, **extra}


def destinations(ses_client: Any, set_name: str = "tx") -> list[dict[str, Any]]:
    described = ses_client.describe_configuration_set(
        ConfigurationSetName=set_name, ConfigurationSetAttributeNames=["eventDestinations"]
    )
    result: list[dict[str, Any]] = described["EventDestinations"]
    return result


# --- Create ------------------------------------------------------------------------------------------
def test_create_sns_destination_is_disabled_by_default(ses_client: Any, config_set: str, topic: str) -> None:
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName=config_set, EventDestination=sns("d", topic)
    )
    assert destinations(ses_client) == [
        {"Name": "d", "Enabled": False, "MatchingEventTypes": ["bounce"], "SNSDestination": {"TopicARN": topic}}
    ]


def test_enabled_arrives_as_a_bool_and_is_stored_as_one(
    ses: Any, ses_client: Any, config_set: str, topic: str
) -> None:
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName=config_set, EventDestination=sns("on", topic, Enabled=True)
    )
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName=config_set, EventDestination=sns("off", topic, Enabled=False)
    )
    stored = ses.store().sets["tx"].destinations
    assert stored["on"].enabled is True
    assert stored["off"].enabled is False
    assert [d["Enabled"] for d in destinations(ses_client)] == [True, False]


def test_a_set_holds_several_destinations_of_every_v1_kind_in_creation_order(
    ses_client: Any, config_set: str, topic: str
) -> None:
    firehose = {
        "Name": "to-firehose",
        "Enabled": True,
        "MatchingEventTypes": ["delivery", "open"],
        "KinesisFirehoseDestination": {"IAMRoleARN": ROLE, "DeliveryStreamARN": STREAM},
    }
    cloudwatch = {
        "Name": "to-cloudwatch",
        "Enabled": True,
        "MatchingEventTypes": ["click"],
        "CloudWatchDestination": {"DimensionConfigurations": [DIMENSION]},
    }
    for definition in (sns("to-sns", topic), firehose, cloudwatch):
        ses_client.create_configuration_set_event_destination(
            ConfigurationSetName=config_set, EventDestination=definition
        )
    assert destinations(ses_client) == [
        {
            "Name": "to-sns",
            "Enabled": False,
            "MatchingEventTypes": ["bounce"],
            "SNSDestination": {"TopicARN": topic},
        },
        firehose,
        cloudwatch,
    ]


def test_create_in_an_unknown_set_is_does_not_exist(ses_client: Any, topic: str) -> None:
    with pytest.raises(ClientError) as raised:
        ses_client.create_configuration_set_event_destination(
            ConfigurationSetName="nope", EventDestination=sns("d", topic)
        )
    assert_error(raised, "ConfigurationSetDoesNotExist", "Configuration set <nope> does not exist.")


def test_create_with_a_duplicate_name_is_already_exists(ses_client: Any, config_set: str, topic: str) -> None:
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName=config_set, EventDestination=sns("d", topic)
    )
    with pytest.raises(ClientError) as raised:
        ses_client.create_configuration_set_event_destination(
            ConfigurationSetName=config_set, EventDestination=sns("d", topic)
        )
    assert_error(
        raised, "EventDestinationAlreadyExists", "Event destination d already exists in configuration set tx."
    )


def test_destination_names_are_unique_per_set_not_per_account(
    ses_client: Any, config_set: str, topic: str
) -> None:
    ses_client.create_configuration_set(ConfigurationSet={"Name": "other"})
    for set_name in (config_set, "other"):
        ses_client.create_configuration_set_event_destination(
            ConfigurationSetName=set_name, EventDestination=sns("d", topic)
        )
    assert [d["Name"] for d in destinations(ses_client, "other")] == ["d"]


def test_an_eleventh_destination_is_limit_exceeded(ses_client: Any, config_set: str, topic: str) -> None:
    for i in range(10):
        ses_client.create_configuration_set_event_destination(
            ConfigurationSetName=config_set, EventDestination=sns(f"d{i}", topic)
        )
    with pytest.raises(ClientError) as raised:
        ses_client.create_configuration_set_event_destination(
            ConfigurationSetName=config_set, EventDestination=sns("d10", topic)
        )
    assert_error(raised, "LimitExceeded", "Configuration set tx already has 10 event destinations.")
    assert len(destinations(ses_client)) == 10


# --- Update ------------------------------------------------------------------------------------------
def test_update_replaces_the_destination_in_place(ses: Any, ses_client: Any, config_set: str, topic: str) -> None:
    other_topic = ses.client("sns").create_topic(Name="other")["TopicArn"]
    for name in ("first", "second"):
        ses_client.create_configuration_set_event_destination(
            ConfigurationSetName=config_set, EventDestination=sns(name, topic)
        )
    ses_client.update_configuration_set_event_destination(
        ConfigurationSetName=config_set,
        EventDestination={**sns("first", other_topic), "Enabled": True, "MatchingEventTypes": ["send", "click"]},
    )
    assert destinations(ses_client) == [
        {
            "Name": "first",
            "Enabled": True,
            "MatchingEventTypes": ["send", "click"],
            "SNSDestination": {"TopicARN": other_topic},
        },
        {
            "Name": "second",
            "Enabled": False,
            "MatchingEventTypes": ["bounce"],
            "SNSDestination": {"TopicARN": topic},
        },
    ]


def test_update_can_change_the_destination_kind(ses_client: Any, config_set: str, topic: str) -> None:
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName=config_set, EventDestination=sns("d", topic)
    )
    cloudwatch = {
        "Name": "d",
        "Enabled": True,
        "MatchingEventTypes": ["send"],
        "CloudWatchDestination": {"DimensionConfigurations": [DIMENSION]},
    }
    ses_client.update_configuration_set_event_destination(
        ConfigurationSetName=config_set, EventDestination=cloudwatch
    )
    assert destinations(ses_client) == [cloudwatch]


def test_update_without_enabled_disables_the_destination(ses_client: Any, config_set: str, topic: str) -> None:
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName=config_set, EventDestination=sns("d", topic, Enabled=True)
    )
    ses_client.update_configuration_set_event_destination(
        ConfigurationSetName=config_set, EventDestination=sns("d", topic)
    )
    assert destinations(ses_client)[0]["Enabled"] is False


def test_update_of_an_unknown_destination_names_the_set(ses_client: Any, config_set: str, topic: str) -> None:
    with pytest.raises(ClientError) as raised:
        ses_client.update_configuration_set_event_destination(
            ConfigurationSetName=config_set, EventDestination=sns("nope", topic)
        )
    assert_error(raised, "EventDestinationDoesNotExist", "No EventDestination found for tx")


def test_update_in_an_unknown_set_is_does_not_exist(ses_client: Any, topic: str) -> None:
    with pytest.raises(ClientError) as raised:
        ses_client.update_configuration_set_event_destination(
            ConfigurationSetName="nope", EventDestination=sns("d", topic)
        )
    assert_error(raised, "ConfigurationSetDoesNotExist", "Configuration set <nope> does not exist.")


def test_a_failed_update_leaves_the_destination_unchanged(ses_client: Any, config_set: str, topic: str) -> None:
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName=config_set, EventDestination=sns("d", topic)
    )
    before = destinations(ses_client)
    missing = "arn:aws:sns:us-east-1:123456789012:gone"
    with pytest.raises(ClientError) as raised:
        ses_client.update_configuration_set_event_destination(
            ConfigurationSetName=config_set, EventDestination=sns("d", missing, Enabled=True)
        )
    assert_error(raised, "InvalidSNSDestination", f"SNS topic <{missing}> not found.")
    with pytest.raises(ClientError) as raised:
        ses_client.update_configuration_set_event_destination(
            ConfigurationSetName=config_set, EventDestination={**sns("d", topic), "MatchingEventTypes": ["SEND"]}
        )
    assert_error(raised, "InvalidParameterValue", "Invalid event type: SEND.")
    assert destinations(ses_client) == before


# --- Delete ------------------------------------------------------------------------------------------
def test_delete_removes_only_that_destination(ses_client: Any, config_set: str, topic: str) -> None:
    for name in ("a", "b", "c"):
        ses_client.create_configuration_set_event_destination(
            ConfigurationSetName=config_set, EventDestination=sns(name, topic)
        )
    ses_client.delete_configuration_set_event_destination(
        ConfigurationSetName=config_set, EventDestinationName="b"
    )
    assert [d["Name"] for d in destinations(ses_client)] == ["a", "c"]
    # the freed name and the freed slot can be used again
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName=config_set, EventDestination=sns("b", topic)
    )
    assert [d["Name"] for d in destinations(ses_client)] == ["a", "c", "b"]


def test_delete_of_an_unknown_destination_names_the_set(ses_client: Any, config_set: str, topic: str) -> None:
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName=config_set, EventDestination=sns("d", topic)
    )
    ses_client.delete_configuration_set_event_destination(
        ConfigurationSetName=config_set, EventDestinationName="d"
    )
    with pytest.raises(ClientError) as raised:
        ses_client.delete_configuration_set_event_destination(
            ConfigurationSetName=config_set, EventDestinationName="d"
        )
    assert_error(raised, "EventDestinationDoesNotExist", "No EventDestination found for tx")


def test_delete_in_an_unknown_set_is_does_not_exist(ses_client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        ses_client.delete_configuration_set_event_destination(
            ConfigurationSetName="nope", EventDestinationName="d"
        )
    assert_error(raised, "ConfigurationSetDoesNotExist", "Configuration set <nope> does not exist.")


def test_deleting_the_set_deletes_its_destinations(ses: Any, ses_client: Any, config_set: str, topic: str) -> None:
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName=config_set, EventDestination=sns("d", topic, Enabled=True)
    )
    ses_client.delete_configuration_set(ConfigurationSetName=config_set)
    ses_client.create_configuration_set(ConfigurationSet={"Name": config_set})
    assert destinations(ses_client) == []
    assert ses.store().sets["tx"].destinations == {}


# --- destinations made through v2 --------------------------------------------------------------------
def test_a_v2_only_destination_appears_in_v1_without_a_target_block(
    ses: Any, ses_client: Any, config_set: str
) -> None:
    bus = "arn:aws:events:us-east-1:123456789012:event-bus/default"
    ses.store().sets["tx"].destinations["bus"] = EventDestination(
        "bus", True, (EventType.DELIVERY_DELAY, EventType.BOUNCE), "eventbridge", target=bus
    )
    assert destinations(ses_client) == [
        {"Name": "bus", "Enabled": True, "MatchingEventTypes": ["deliveryDelay", "bounce"]}
    ]
    # and v1 can still delete it by name
    ses_client.delete_configuration_set_event_destination(
        ConfigurationSetName=config_set, EventDestinationName="bus"
    )
    assert destinations(ses_client) == []


@pytest.mark.skipif(
    "GetConfigurationSetEventDestinations" not in operations("sesv2"),
    reason="v2 GetConfigurationSetEventDestinations not handled by the core yet",
)
def test_a_v1_destination_reads_in_v2_spelling(
    sesv2_client: Any, ses_client: Any, config_set: str, topic: str
) -> None:
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName=config_set,
        EventDestination={**sns("d", topic, Enabled=True), "MatchingEventTypes": ["bounce", "renderingFailure"]},
    )
    got = sesv2_client.get_configuration_set_event_destinations(ConfigurationSetName=config_set)[
        "EventDestinations"
    ]
    assert got == [
        {
            "Name": "d",
            "Enabled": True,
            "MatchingEventTypes": ["BOUNCE", "RENDERING_FAILURE"],
            "SnsDestination": {"TopicArn": topic},
        }
    ]
