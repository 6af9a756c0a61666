"""v1 (``ses``) and v2 (``sesv2``) share one store of configuration sets: what one API makes, the other reads."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest
from botocore.exceptions import ClientError
from support import error_of

from pytest_ses.core.api import operations

FIREHOSE_V2 = {
    "IamRoleArn": "arn:aws:iam::123456789012:role/ses-firehose",
    "DeliveryStreamArn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/events",
}
FIREHOSE_V1 = {"IAMRoleARN": FIREHOSE_V2["IamRoleArn"], "DeliveryStreamARN": FIREHOSE_V2["DeliveryStreamArn"]}
ALL_V1_ATTRIBUTES = ["eventDestinations", "trackingOptions", "deliveryOptions", "reputationOptions"]


def requires_v1(*names: str) -> pytest.MarkDecorator:
    """Skip until the v1 operations a test reads or writes with exist in the core."""
    missing = [name for name in names if name not in operations("ses")]
    return pytest.mark.skipif(bool(missing), reason=f"v1 operations not implemented yet: {', '.join(missing)}")


def body(response: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in response.items() if key != "ResponseMetadata"}


@pytest.fixture
def topic(ses: Any) -> str:
    return str(ses.client("sns").create_topic(Name="ses-events")["TopicArn"])


# --- one namespace -------------------------------------------------------------------------------
def test_a_set_created_with_v1_reads_in_v2_with_the_defaults(ses_client, sesv2_client):
    ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})

    assert body(sesv2_client.get_configuration_set(ConfigurationSetName="tx")) == {
        "ConfigurationSetName": "tx",
        "ReputationOptions": {"ReputationMetricsEnabled": False},
        "SendingOptions": {"SendingEnabled": True},
        "Tags": [],
    }
    assert sesv2_client.list_configuration_sets()["ConfigurationSets"] == ["tx"]


def test_a_name_taken_in_v1_already_exists_in_v2(ses_client, sesv2_client):
    ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})

    with pytest.raises(ClientError) as excinfo:
        sesv2_client.create_configuration_set(ConfigurationSetName="tx")

    assert error_of(excinfo) == ("AlreadyExistsException", "Configuration set <tx> already exists.", 400)


def test_a_name_taken_in_v2_already_exists_in_v1(ses_client, sesv2_client):
    sesv2_client.create_configuration_set(ConfigurationSetName="tx")

    with pytest.raises(ClientError) as excinfo:
        ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})

    assert error_of(excinfo) == ("ConfigurationSetAlreadyExists", "Configuration set <tx> already exists.", 400)


def test_a_set_deleted_with_v1_is_gone_from_v2(ses_client, sesv2_client):
    sesv2_client.create_configuration_set(ConfigurationSetName="tx", Tags=[{"Key": "k", "Value": "v"}])

    ses_client.delete_configuration_set(ConfigurationSetName="tx")

    with pytest.raises(ClientError) as excinfo:
        sesv2_client.get_configuration_set(ConfigurationSetName="tx")
    assert error_of(excinfo) == ("NotFoundException", "Configuration set <tx> does not exist.", 404)


def test_a_set_deleted_with_v2_is_gone_from_v1(ses_client, sesv2_client):
    ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})

    sesv2_client.delete_configuration_set(ConfigurationSetName="tx")

    with pytest.raises(ClientError) as excinfo:
        ses_client.delete_configuration_set(ConfigurationSetName="tx")
    assert error_of(excinfo) == ("ConfigurationSetDoesNotExist", "Configuration set <tx> does not exist.", 400)


@requires_v1("ListConfigurationSets")
def test_v1_lists_the_sets_created_with_v2(ses_client, sesv2_client):
    for name in ("b", "a"):
        sesv2_client.create_configuration_set(ConfigurationSetName=name)

    assert ses_client.list_configuration_sets()["ConfigurationSets"] == [{"Name": "a"}, {"Name": "b"}]


# --- v2 writes, v1 describes ---------------------------------------------------------------------
@requires_v1("DescribeConfigurationSet")
def test_v1_describes_options_and_destinations_made_with_v2(ses, ses_client, sesv2_client, topic):
    ses_client.verify_domain_identity(Domain="example.com")
    sesv2_client.create_configuration_set(
        ConfigurationSetName="tx",
        TrackingOptions={"CustomRedirectDomain": "click.example.com", "HttpsPolicy": "REQUIRE"},
        DeliveryOptions={"TlsPolicy": "REQUIRE", "SendingPoolName": "ses-shared-pool", "MaxDeliverySeconds": 900},
        ReputationOptions={"ReputationMetricsEnabled": True},
        SendingOptions={"SendingEnabled": False},
    )
    destinations = {
        "sns": {"SnsDestination": {"TopicArn": topic}},
        "firehose": {"KinesisFirehoseDestination": FIREHOSE_V2},
        "cloudwatch": {
            "CloudWatchDestination": {
                "DimensionConfigurations": [
                    {"DimensionName": "c", "DimensionValueSource": "LINK_TAG", "DefaultDimensionValue": "none"}
                ]
            }
        },
    }
    for name, target in destinations.items():
        sesv2_client.create_configuration_set_event_destination(
            ConfigurationSetName="tx",
            EventDestinationName=name,
            EventDestination={
                "Enabled": name != "firehose",
                "MatchingEventTypes": ["SEND", "RENDERING_FAILURE"],
                **target,
            },
        )

    described = ses_client.describe_configuration_set(
        ConfigurationSetName="tx", ConfigurationSetAttributeNames=ALL_V1_ATTRIBUTES
    )

    types = ["send", "renderingFailure"]
    assert body(described) == {
        "ConfigurationSet": {"Name": "tx"},
        "EventDestinations": [
            {"Name": "sns", "Enabled": True, "MatchingEventTypes": types, "SNSDestination": {"TopicARN": topic}},
            {
                "Name": "firehose",
                "Enabled": False,
                "MatchingEventTypes": types,
                "KinesisFirehoseDestination": FIREHOSE_V1,
            },
            {
                "Name": "cloudwatch",
                "Enabled": True,
                "MatchingEventTypes": types,
                "CloudWatchDestination": {
                    "DimensionConfigurations": [
                        {"DimensionName": "c", "DimensionValueSource": "linkTag", "DefaultDimensionValue": "none"}
                    ]
                },
            },
        ],
        "TrackingOptions": {"CustomRedirectDomain": "click.example.com"},
        "DeliveryOptions": {"TlsPolicy": "Require"},
        "ReputationOptions": {"SendingEnabled": False, "ReputationMetricsEnabled": True},
    }


@requires_v1("DescribeConfigurationSet")
def test_v1_sees_the_fresh_start_of_a_set_resumed_with_v2(ses_client, sesv2_client):
    sesv2_client.create_configuration_set(ConfigurationSetName="tx", SendingOptions={"SendingEnabled": False})
    before = datetime.now(timezone.utc).replace(microsecond=0)

    sesv2_client.put_configuration_set_sending_options(ConfigurationSetName="tx", SendingEnabled=True)

    reputation = ses_client.describe_configuration_set(
        ConfigurationSetName="tx", ConfigurationSetAttributeNames=["reputationOptions"]
    )["ReputationOptions"]
    v2_reputation = sesv2_client.get_configuration_set(ConfigurationSetName="tx")["ReputationOptions"]
    assert reputation["SendingEnabled"] is True
    assert before <= reputation["LastFreshStart"] <= datetime.now(timezone.utc)
    assert reputation["LastFreshStart"] == v2_reputation["LastFreshStart"]


# --- v1 writes, v2 reads -------------------------------------------------------------------------
@requires_v1(
    "CreateConfigurationSetEventDestination",
    "CreateConfigurationSetTrackingOptions",
    "PutConfigurationSetDeliveryOptions",
    "UpdateConfigurationSetReputationMetricsEnabled",
    "UpdateConfigurationSetSendingEnabled",
)
def test_v2_reads_options_and_destinations_made_with_v1(ses_client, sesv2_client, topic):
    ses_client.verify_domain_identity(Domain="example.com")
    ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName="tx",
        EventDestination={
            "Name": "sns",
            "Enabled": True,
            "MatchingEventTypes": ["bounce", "renderingFailure"],
            "SNSDestination": {"TopicARN": topic},
        },
    )
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName="tx",
        EventDestination={
            "Name": "firehose",
            "MatchingEventTypes": ["delivery"],
            "KinesisFirehoseDestination": FIREHOSE_V1,
        },
    )
    ses_client.create_configuration_set_tracking_options(
        ConfigurationSetName="tx", TrackingOptions={"CustomRedirectDomain": "example.com"}
    )
    ses_client.put_configuration_set_delivery_options(
        ConfigurationSetName="tx", DeliveryOptions={"TlsPolicy": "Require"}
    )
    ses_client.update_configuration_set_reputation_metrics_enabled(ConfigurationSetName="tx", Enabled=True)
    ses_client.update_configuration_set_sending_enabled(ConfigurationSetName="tx", Enabled=False)

    assert body(sesv2_client.get_configuration_set(ConfigurationSetName="tx")) == {
        "ConfigurationSetName": "tx",
        "DeliveryOptions": {"TlsPolicy": "REQUIRE"},
        "ReputationOptions": {"ReputationMetricsEnabled": True},
        "SendingOptions": {"SendingEnabled": False},
        "TrackingOptions": {"CustomRedirectDomain": "example.com"},
        "Tags": [],
    }
    assert sesv2_client.get_configuration_set_event_destinations(ConfigurationSetName="tx")[
        "EventDestinations"
    ] == [
        {
            "Name": "sns",
            "Enabled": True,
            "MatchingEventTypes": ["BOUNCE", "RENDERING_FAILURE"],
            "SnsDestination": {"TopicArn": topic},
        },
        {
            "Name": "firehose",
            "Enabled": False,
            "MatchingEventTypes": ["DELIVERY"],
            "KinesisFirehoseDestination": FIREHOSE_V2,
        },
    ]


@requires_v1("DeleteConfigurationSetEventDestination")
def test_a_destination_made_with_v2_is_deleted_with_v1(ses_client, sesv2_client, topic):
    sesv2_client.create_configuration_set(ConfigurationSetName="tx")
    sesv2_client.create_configuration_set_event_destination(
        ConfigurationSetName="tx",
        EventDestinationName="sns",
        EventDestination={"MatchingEventTypes": ["SEND"], "SnsDestination": {"TopicArn": topic}},
    )

    ses_client.delete_configuration_set_event_destination(ConfigurationSetName="tx", EventDestinationName="sns")

    assert (
        sesv2_client.get_configuration_set_event_destinations(ConfigurationSetName="tx")["EventDestinations"] == []
    )


@requires_v1("CreateConfigurationSetEventDestination")
def test_a_destination_name_taken_in_v1_already_exists_in_v2(ses_client, sesv2_client, topic):
    ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName="tx",
        EventDestination={"Name": "d", "MatchingEventTypes": ["send"], "SNSDestination": {"TopicARN": topic}},
    )

    with pytest.raises(ClientError) as excinfo:
        sesv2_client.create_configuration_set_event_destination(
            ConfigurationSetName="tx",
            EventDestinationName="d",
            EventDestination={"MatchingEventTypes": ["SEND"], "SnsDestination": {"TopicArn": topic}},
        )

    assert error_of(excinfo) == ("AlreadyExistsException", "Event destination d already exists.", 400)
