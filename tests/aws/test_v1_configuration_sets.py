"""SES v1 configuration sets through a real boto3 ``ses`` client.

Covers CreateConfigurationSet (name rules, duplicates, the 10,000-set quota), DeleteConfigurationSet
(removes everything the set held, frees the name), DescribeConfigurationSet (the name always, each
option block only when requested, unknown attribute names) and ListConfigurationSets (name order,
MaxItems/NextToken paging capped at 1,000, tokens that survive deletions, bad tokens and page sizes),
plus per-Region isolation.  Option values and destinations are covered in the sibling test files.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import pytest
from botocore.exceptions import ClientError
from support import assert_error

from pytest_ses.core.api import operations
from pytest_ses.core.model import ConfigurationSet

CREATED = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
ALL_ATTRIBUTES = ["eventDestinations", "trackingOptions", "deliveryOptions", "reputationOptions"]
INVALID_NAME = (
    "Configuration set name <{}> is invalid: only alphanumeric ASCII characters, '_', and '-' "
    "are allowed, up to 64 characters."
)


def names(page: dict[str, Any]) -> list[str]:
    return [entry["Name"] for entry in page["ConfigurationSets"]]


def fill_store(ses: Any, count: int, prefix: str = "set") -> list[str]:
    """Many sets at once, straight into the store (the API would take one call each)."""
    store = ses.store()
    created = [f"{prefix}-{i:05d}" for i in range(count)]
    for name in created:
        store.sets[name] = ConfigurationSet(name=name, created=CREATED)
    return created


# --- CreateConfigurationSet --------------------------------------------------------------------------
def test_create_makes_a_set_that_list_and_describe_show(ses_client: Any) -> None:
    assert (
        ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})["ResponseMetadata"]["HTTPStatusCode"]
        == 200
    )
    assert names(ses_client.list_configuration_sets()) == ["tx"]
    described = ses_client.describe_configuration_set(ConfigurationSetName="tx")
    assert described["ConfigurationSet"] == {"Name": "tx"}


@pytest.mark.parametrize("name", ["a", "A-z_09", "x" * 64])
def test_create_accepts_names_of_letters_digits_underscore_and_dash_up_to_64(ses_client: Any, name: str) -> None:
    ses_client.create_configuration_set(ConfigurationSet={"Name": name})
    assert names(ses_client.list_configuration_sets()) == [name]


@pytest.mark.parametrize("name", ["", "bad name", "x" * 65, "café", "a.b", "a/b", "tx!"])
def test_create_rejects_invalid_names(ses_client: Any, name: str) -> None:
    with pytest.raises(ClientError) as raised:
        ses_client.create_configuration_set(ConfigurationSet={"Name": name})
    assert_error(raised, "InvalidConfigurationSet", INVALID_NAME.format(name))
    assert ses_client.list_configuration_sets()["ConfigurationSets"] == []


def test_create_rejects_a_duplicate_name(ses_client: Any) -> None:
    ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})
    with pytest.raises(ClientError) as raised:
        ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})
    assert_error(raised, "ConfigurationSetAlreadyExists", "Configuration set <tx> already exists.")


def test_names_are_case_sensitive(ses_client: Any) -> None:
    ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})
    ses_client.create_configuration_set(ConfigurationSet={"Name": "TX"})
    assert names(ses_client.list_configuration_sets()) == ["TX", "tx"]


def test_create_beyond_10000_sets_is_limit_exceeded(ses: Any, ses_client: Any) -> None:
    fill_store(ses, 10_000)
    with pytest.raises(ClientError) as raised:
        ses_client.create_configuration_set(ConfigurationSet={"Name": "one-too-many"})
    assert_error(raised, "LimitExceeded", "Maximum number of configuration sets (10000) reached.")


def test_create_records_the_creation_time(ses: Any, ses_client: Any) -> None:
    ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})
    created = ses.store().sets["tx"].created
    assert created.tzinfo is not None


# --- DeleteConfigurationSet --------------------------------------------------------------------------
def test_delete_removes_the_set(ses_client: Any) -> None:
    ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})
    ses_client.create_configuration_set(ConfigurationSet={"Name": "keep"})
    ses_client.delete_configuration_set(ConfigurationSetName="tx")
    assert names(ses_client.list_configuration_sets()) == ["keep"]
    with pytest.raises(ClientError) as raised:
        ses_client.describe_configuration_set(ConfigurationSetName="tx")
    assert_error(raised, "ConfigurationSetDoesNotExist", "Configuration set <tx> does not exist.")


@pytest.mark.parametrize("name", ["missing", "", "bad name!"])
def test_delete_of_an_unknown_set_is_does_not_exist(ses_client: Any, name: str) -> None:
    with pytest.raises(ClientError) as raised:
        ses_client.delete_configuration_set(ConfigurationSetName=name)
    assert_error(raised, "ConfigurationSetDoesNotExist", f"Configuration set <{name}> does not exist.")


def test_a_recreated_set_starts_empty(ses: Any, ses_client: Any) -> None:
    """moto kept a deleted set's event destination and showed it on a new set of the same name."""
    topic = ses.client("sns").create_topic(Name="events")["TopicArn"]
    ses_client.verify_domain_identity(Domain="example.com")
    ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName="tx",
        EventDestination={
            "Name": "d",
            "Enabled": True,
            "MatchingEventTypes": ["send"],
            "SNSDestination": {"TopicARN": topic},
        },
    )
    ses_client.create_configuration_set_tracking_options(
        ConfigurationSetName="tx", TrackingOptions={"CustomRedirectDomain": "track.example.com"}
    )
    ses_client.put_configuration_set_delivery_options(
        ConfigurationSetName="tx", DeliveryOptions={"TlsPolicy": "Require"}
    )
    ses_client.update_configuration_set_reputation_metrics_enabled(ConfigurationSetName="tx", Enabled=True)
    ses_client.update_configuration_set_sending_enabled(ConfigurationSetName="tx", Enabled=False)

    ses_client.delete_configuration_set(ConfigurationSetName="tx")
    ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})

    described = ses_client.describe_configuration_set(
        ConfigurationSetName="tx", ConfigurationSetAttributeNames=ALL_ATTRIBUTES
    )
    assert described["EventDestinations"] == []
    assert "TrackingOptions" not in described
    assert described["DeliveryOptions"] == {"TlsPolicy": "Optional"}
    assert described["ReputationOptions"] == {"SendingEnabled": True, "ReputationMetricsEnabled": False}
    # the destination name is free again in the new set
    ses_client.create_configuration_set_event_destination(
        ConfigurationSetName="tx",
        EventDestination={"Name": "d", "MatchingEventTypes": ["send"], "SNSDestination": {"TopicARN": topic}},
    )


# --- DescribeConfigurationSet ------------------------------------------------------------------------
def test_describe_of_an_unknown_set_is_does_not_exist(ses_client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        ses_client.describe_configuration_set(
            ConfigurationSetName="nope", ConfigurationSetAttributeNames=ALL_ATTRIBUTES
        )
    assert_error(raised, "ConfigurationSetDoesNotExist", "Configuration set <nope> does not exist.")


@pytest.mark.parametrize("attributes", [None, []])
def test_describe_without_attributes_returns_only_the_name(ses_client: Any, attributes: Any) -> None:
    ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})
    kwargs = {} if attributes is None else {"ConfigurationSetAttributeNames": attributes}
    described = ses_client.describe_configuration_set(ConfigurationSetName="tx", **kwargs)
    described.pop("ResponseMetadata")
    assert described == {"ConfigurationSet": {"Name": "tx"}}


@pytest.mark.parametrize(
    ("attribute", "block"),
    [
        ("eventDestinations", {"EventDestinations": []}),
        ("deliveryOptions", {"DeliveryOptions": {"TlsPolicy": "Optional"}}),
        ("reputationOptions", {"ReputationOptions": {"SendingEnabled": True, "ReputationMetricsEnabled": False}}),
        ("trackingOptions", {}),  # a set without tracking options has no block to show
    ],
)
def test_describe_returns_exactly_the_requested_block(
    ses_client: Any, attribute: str, block: dict[str, Any]
) -> None:
    ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})
    described = ses_client.describe_configuration_set(
        ConfigurationSetName="tx", ConfigurationSetAttributeNames=[attribute]
    )
    described.pop("ResponseMetadata")
    assert described == {"ConfigurationSet": {"Name": "tx"}, **block}


def test_describe_tolerates_repeated_attribute_names(ses_client: Any) -> None:
    ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})
    described = ses_client.describe_configuration_set(
        ConfigurationSetName="tx", ConfigurationSetAttributeNames=["deliveryOptions", "deliveryOptions"]
    )
    assert described["DeliveryOptions"] == {"TlsPolicy": "Optional"}


@pytest.mark.parametrize("attribute", ["foo", "EventDestinations", "event_destinations"])
def test_describe_rejects_unknown_attribute_names(ses_client: Any, attribute: str) -> None:
    ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})
    with pytest.raises(ClientError) as raised:
        ses_client.describe_configuration_set(
            ConfigurationSetName="tx", ConfigurationSetAttributeNames=["eventDestinations", attribute]
        )
    assert_error(
        raised,
        "InvalidParameterValue",
        f"Invalid configuration set attribute name <{attribute}>: valid names are eventDestinations, "
        "trackingOptions, deliveryOptions, reputationOptions.",
    )


# --- ListConfigurationSets ---------------------------------------------------------------------------
def test_list_is_empty_without_sets(ses_client: Any) -> None:
    listed = ses_client.list_configuration_sets()
    assert listed["ConfigurationSets"] == []
    assert "NextToken" not in listed


def test_list_pages_in_name_order_with_max_items(ses_client: Any) -> None:
    for name in ["delta", "alpha", "echo", "charlie", "bravo"]:
        ses_client.create_configuration_set(ConfigurationSet={"Name": name})
    first = ses_client.list_configuration_sets(MaxItems=2)
    second = ses_client.list_configuration_sets(MaxItems=2, NextToken=first["NextToken"])
    third = ses_client.list_configuration_sets(MaxItems=2, NextToken=second["NextToken"])
    assert [names(first), names(second), names(third)] == [["alpha", "bravo"], ["charlie", "delta"], ["echo"]]
    assert "NextToken" not in third


def test_list_gives_no_token_when_the_page_ends_exactly_at_the_last_set(ses_client: Any) -> None:
    for name in ["a", "b"]:
        ses_client.create_configuration_set(ConfigurationSet={"Name": name})
    listed = ses_client.list_configuration_sets(MaxItems=2)
    assert names(listed) == ["a", "b"]
    assert "NextToken" not in listed


def test_list_returns_at_most_1000_per_page(ses: Any, ses_client: Any) -> None:
    created = fill_store(ses, 1_050)
    default_page = ses_client.list_configuration_sets()
    assert len(default_page["ConfigurationSets"]) == 1000
    assert "NextToken" in default_page
    assert len(ses_client.list_configuration_sets(MaxItems=5000)["ConfigurationSets"]) == 1000
    listed = [
        entry["Name"]
        for page in ses_client.get_paginator("list_configuration_sets").paginate()
        for entry in page["ConfigurationSets"]
    ]
    assert listed == sorted(created)


def test_list_token_survives_deleting_and_adding_sets_between_pages(ses_client: Any) -> None:
    for name in ["a", "b", "c", "d"]:
        ses_client.create_configuration_set(ConfigurationSet={"Name": name})
    first = ses_client.list_configuration_sets(MaxItems=2)
    ses_client.delete_configuration_set(ConfigurationSetName="b")  # the set the token points after
    ses_client.create_configuration_set(ConfigurationSet={"Name": "aa"})  # sorts before the token
    ses_client.create_configuration_set(ConfigurationSet={"Name": "bb"})  # sorts after it
    rest = ses_client.list_configuration_sets(MaxItems=10, NextToken=first["NextToken"])
    assert names(first) == ["a", "b"]
    assert names(rest) == ["bb", "c", "d"]


def test_list_treats_an_empty_token_as_the_first_page(ses_client: Any) -> None:
    ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})
    assert names(ses_client.list_configuration_sets(NextToken="")) == ["tx"]


@pytest.mark.parametrize(
    "token",
    [
        "garbage",
        "!!!",
        "é",
        base64.urlsafe_b64encode(b"tx").decode(),  # valid base64, not a token this fake issued
        base64.urlsafe_b64encode(b"after:bad name").decode(),  # right prefix, impossible set name
    ],
)
def test_list_rejects_a_token_it_did_not_issue(ses_client: Any, token: str) -> None:
    with pytest.raises(ClientError) as raised:
        ses_client.list_configuration_sets(NextToken=token)
    assert_error(raised, "InvalidParameterValue", f"Invalid NextToken <{token}>.")


@pytest.mark.parametrize("max_items", [0, -1])
def test_list_rejects_a_page_size_below_one(ses_client: Any, max_items: int) -> None:
    with pytest.raises(ClientError) as raised:
        ses_client.list_configuration_sets(MaxItems=max_items)
    assert_error(raised, "InvalidParameterValue", f"MaxItems must be a positive integer, got <{max_items}>.")


def test_sets_belong_to_one_region(ses: Any, ses_client: Any) -> None:
    ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})
    elsewhere = ses.client("ses", region="eu-west-1")
    assert elsewhere.list_configuration_sets()["ConfigurationSets"] == []
    elsewhere.create_configuration_set(ConfigurationSet={"Name": "tx"})  # same name, other Region: allowed
    elsewhere.delete_configuration_set(ConfigurationSetName="tx")
    assert names(ses_client.list_configuration_sets()) == ["tx"]


# --- v1/v2 parity (runs once the v2 handlers are registered) -----------------------------------------
V2 = operations("sesv2")


@pytest.mark.skipif("GetConfigurationSet" not in V2, reason="v2 GetConfigurationSet not handled by the core yet")
def test_options_set_through_v1_read_the_same_through_v2(ses_client: Any, sesv2_client: Any) -> None:
    ses_client.verify_domain_identity(Domain="example.com")
    ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})
    ses_client.create_configuration_set_tracking_options(
        ConfigurationSetName="tx", TrackingOptions={"CustomRedirectDomain": "track.example.com"}
    )
    ses_client.put_configuration_set_delivery_options(
        ConfigurationSetName="tx", DeliveryOptions={"TlsPolicy": "Require"}
    )
    ses_client.update_configuration_set_reputation_metrics_enabled(ConfigurationSetName="tx", Enabled=True)
    ses_client.update_configuration_set_sending_enabled(ConfigurationSetName="tx", Enabled=False)
    got = sesv2_client.get_configuration_set(ConfigurationSetName="tx")
    assert got["TrackingOptions"]["CustomRedirectDomain"] == "track.example.com"
    assert got["DeliveryOptions"]["TlsPolicy"] == "REQUIRE"
    assert got["ReputationOptions"]["ReputationMetricsEnabled"] is True
    assert got["SendingOptions"]["SendingEnabled"] is False


@pytest.mark.skipif(
    "CreateConfigurationSet" not in V2, reason="v2 CreateConfigurationSet not handled by the core yet"
)
def test_a_set_created_through_v2_is_described_by_v1(ses_client: Any, sesv2_client: Any) -> None:
    sesv2_client.create_configuration_set(
        ConfigurationSetName="tx",
        DeliveryOptions={"TlsPolicy": "REQUIRE"},
        ReputationOptions={"ReputationMetricsEnabled": True},
        SendingOptions={"SendingEnabled": True},
    )
    described = ses_client.describe_configuration_set(
        ConfigurationSetName="tx", ConfigurationSetAttributeNames=ALL_ATTRIBUTES
    )
    assert described["DeliveryOptions"] == {"TlsPolicy": "Require"}
    assert described["ReputationOptions"] == {"SendingEnabled": True, "ReputationMetricsEnabled": True}
    assert names(ses_client.list_configuration_sets()) == ["tx"]
