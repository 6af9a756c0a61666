"""The v1 handlers called directly, without boto3, with input a client could send or omit.

boto3 validates types before sending, but the wire can still carry surprises (members missing,
empty structures dropped, odd strings), and a raw query request can carry anything.  Every v1
handler must answer with a dict or an ``AwsError``: never a KeyError/TypeError/AttributeError.
Also covers the small request readers the v1 handlers share.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import fields
from typing import Any

import pytest

from pytest_ses.core.api.context import OpContext
from pytest_ses.core.api.v1 import OPERATIONS
from pytest_ses.core.api.v1_common import flag, strings, structure, text
from pytest_ses.core.eventtypes import EventType
from pytest_ses.core.model import ConfigurationSet, EventDestination, TrackingOptions
from pytest_ses.core.store import Store
from pytest_ses.errors import AwsError

ODD_VALUES: list[Any] = [None, "", "x", 0, -1, 10**12, True, [], [1, None], {}, {"Name": 1}, ["send"], 1.5]
KEYS = [
    "ConfigurationSet",
    "ConfigurationSetName",
    "ConfigurationSetAttributeNames",
    "NextToken",
    "MaxItems",
    "EventDestination",
    "EventDestinationName",
    "TrackingOptions",
    "DeliveryOptions",
    "Enabled",
]
ODD_DESTINATIONS: list[Any] = [
    {"Name": "d", "SNSDestination": None},
    {"Name": "d", "SNSDestination": {"TopicARN": None}, "MatchingEventTypes": None},
    {"Name": "d", "MatchingEventTypes": "send", "CloudWatchDestination": {"DimensionConfigurations": ["x", None]}},
    {"Name": "d", "MatchingEventTypes": [None], "CloudWatchDestination": {"DimensionConfigurations": [{}]}},
    {"Name": "d", "MatchingEventTypes": ["send"], "CloudWatchDestination": {"DimensionConfigurations": {"a": 1}}},
    {"Name": "d", "MatchingEventTypes": ["send"], "CloudWatchDestination": []},
    {"Name": "d", "MatchingEventTypes": ["send"], "KinesisFirehoseDestination": {"IAMRoleARN": 5}},
    {"Name": ["d"], "MatchingEventTypes": ["send"], "SNSDestination": {"TopicARN": "arn:aws:sns:x:1:t"}},
    {"Name": "d", "Enabled": "yes", "MatchingEventTypes": ["send"], "SNSDestination": {"TopicARN": "arn"}},
]


class StubWorld:
    """A world where one SNS topic and one domain exist."""

    def sns_topic_exists(self, topic_arn: str) -> bool:
        return topic_arn == "arn:aws:sns:us-east-1:123456789012:t"

    def identity_exists(self, identity: str) -> bool:
        return identity == "example.com"


def make_context() -> OpContext:
    store = Store.create("123456789012", "us-east-1")
    config_set = ConfigurationSet(name="tx", created=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    config_set.destinations["d"] = EventDestination("d", True, (EventType.SEND,), "sns", target="arn")
    config_set.tracking = TrackingOptions("t.example.com")
    store.sets["tx"] = config_set
    known: dict[str, Any] = {"store": store, "world": StubWorld(), "underlying": dict}
    # fields added to the context later (not used by v1 handlers) are left empty
    unused = {f.name: None for f in fields(OpContext) if f.name not in known}
    return OpContext(**known, **unused)


def odd_requests() -> list[dict[str, Any]]:
    requests: list[dict[str, Any]] = [{}]
    for key, value in itertools.product(KEYS, ODD_VALUES):
        requests.append({key: value})
        requests.append({"ConfigurationSetName": "tx", key: value})
    requests += [{"ConfigurationSetName": "tx", "EventDestination": d} for d in ODD_DESTINATIONS]
    requests += [
        {"ConfigurationSetName": "tx", "TrackingOptions": {"CustomRedirectDomain": v}} for v in ODD_VALUES
    ]
    requests += [{"ConfigurationSetName": "tx", "DeliveryOptions": {"TlsPolicy": v}} for v in ODD_VALUES]
    return requests


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_no_handler_raises_anything_but_an_aws_error(operation: str) -> None:
    handler = OPERATIONS[operation]
    for params in odd_requests():
        try:
            result: Any = handler(make_context(), params)
        except AwsError as error:
            result = error
        assert isinstance(result, dict) or (isinstance(result, AwsError) and result.status == 400), params


def test_the_v1_table_holds_every_configuration_set_operation() -> None:
    assert set(OPERATIONS) == {
        "CreateConfigurationSet",
        "DeleteConfigurationSet",
        "DescribeConfigurationSet",
        "ListConfigurationSets",
        "CreateConfigurationSetEventDestination",
        "UpdateConfigurationSetEventDestination",
        "DeleteConfigurationSetEventDestination",
        "CreateConfigurationSetTrackingOptions",
        "UpdateConfigurationSetTrackingOptions",
        "DeleteConfigurationSetTrackingOptions",
        "PutConfigurationSetDeliveryOptions",
        "UpdateConfigurationSetReputationMetricsEnabled",
        "UpdateConfigurationSetSendingEnabled",
        "UpdateAccountSendingEnabled",
        "GetAccountSendingEnabled",
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, True), (False, False), ("true", True), ("TRUE", True), ("false", False), (None, False)],
)
def test_flag_reads_booleans_and_their_query_spelling(value: Any, expected: bool) -> None:
    assert flag({"Enabled": value}, "Enabled") is expected
    assert flag({}, "Enabled") is False


def test_readers_fall_back_to_empty_values() -> None:
    assert (text({}, "A"), structure({"A": "x"}, "A"), strings({"A": 3}, "A")) == ("", {}, [])
    assert strings({"A": "one"}, "A") == ["one"]
    assert strings({"A": ["a", 1]}, "A") == ["a", "1"]
    assert text({"A": 7}, "A") == "7"


def test_a_failed_create_leaves_no_destination_behind() -> None:
    context = make_context()
    handler = OPERATIONS["CreateConfigurationSetEventDestination"]
    definition = {"Name": "new", "MatchingEventTypes": ["send"], "SNSDestination": {"TopicARN": "arn:missing"}}
    with pytest.raises(AwsError) as raised:
        handler(context, {"ConfigurationSetName": "tx", "EventDestination": definition})
    assert raised.value.code == "InvalidSNSDestination"
    assert list(context.store.sets["tx"].destinations) == ["d"]
