"""What the fuzzer found, one reproducer each: every one of these crashed or broke the client before its fix.

Through boto3 (parameter validation off) where a client can send the input; with the core handler
called directly where only a raw HTTP request could (wrong JSON types reach the handler that way only
if the wire lets them through, which it no longer does).
"""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from support import error_of

from pytest_ses import FakeSES
from pytest_ses.bridge import BRIDGE, wire
from pytest_ses.core.api import operations
from pytest_ses.errors import AwsError

SET_ARN = "arn:aws:ses:us-east-1:123456789012:configuration-set/tx"
IDENTITY_ARN = "arn:aws:ses:us-east-1:123456789012:identity/example.com"
RAW = b"From: sender@example.com\r\nTo: to@example.net\r\nSubject: Hi\r\n\r\nHello\r\n"


@pytest.fixture
def v1(ses: FakeSES) -> Any:
    return unvalidated(ses, "ses")


@pytest.fixture
def v2(ses: FakeSES) -> Any:
    return unvalidated(ses, "sesv2")


def unvalidated(ses: FakeSES, service: str) -> Any:
    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing")
    config = Config(parameter_validation=False, retries={"total_max_attempts": 1})
    return session.client(service, region_name=ses.region, config=config)  # type: ignore[call-overload]


# --- v1: moto's query parser, XML that clients cannot parse ------------------------------------------
@pytest.mark.parametrize("operation", ["list_configuration_sets", "list_templates"])
def test_a_query_value_that_is_not_its_type_is_an_invalid_parameter(v1: Any, operation: str) -> None:
    """Was: ValueError from moto's query parser (``int('abc')``), raised out of the boto3 call."""
    with pytest.raises(ClientError) as excinfo:
        getattr(v1, operation)(MaxItems="abc")

    assert error_of(excinfo) == (
        "InvalidParameterValue",
        "A parameter of the request has a value that is not valid for its type.",
        400,
    )


def test_an_error_quoting_a_control_character_is_still_readable_xml(v1: Any) -> None:
    """Was: botocore ResponseParserError - the error text quoted the name, and XML 1.0 cannot carry NUL."""
    with pytest.raises(ClientError) as excinfo:
        v1.describe_configuration_set(ConfigurationSetName="tx\x00\x01")

    assert error_of(excinfo) == (
        "ConfigurationSetDoesNotExist",
        "Configuration set <tx\ufffd\ufffd> does not exist.",
        400,
    )


def test_a_response_holding_a_control_character_is_still_readable_xml(v1: Any) -> None:
    """Was: ResponseParserError - the identity came back as a ``<key>`` with a NUL in it."""
    attributes = v1.get_identity_notification_attributes(Identities=["\x00a"])["NotificationAttributes"]

    assert list(attributes) == ["\ufffda"]


def test_a_template_part_with_a_control_character_reads_back(v1: Any) -> None:
    v1.create_template(Template={"TemplateName": "ctl", "SubjectPart": "a\x00b", "TextPart": "x"})

    assert v1.get_template(TemplateName="ctl")["Template"]["SubjectPart"] == "a\ufffdb"


def test_notification_attributes_of_no_identities_are_empty(v1: Any) -> None:
    """Was: TypeError inside moto (it iterated the missing ``Identities``)."""
    assert v1.get_identity_notification_attributes(Identities=[])["NotificationAttributes"] == {}


# --- v2: wrong JSON types, missing members moto cannot handle ----------------------------------------
@pytest.mark.parametrize(
    ("operation", "params", "message"),
    [
        (
            "create_configuration_set",
            {"ConfigurationSetName": "x", "SendingOptions": {"SendingEnabled": "yes"}},
            "STRING_VALUE can not be converted to a Boolean",
        ),
        ("create_configuration_set", {"ConfigurationSetName": ["x"]}, "Start of list found where not expected"),
        (
            "create_configuration_set",
            {"ConfigurationSetName": {"a": 1}},
            "Start of structure or map found where not expected.",
        ),
        (
            "put_dedicated_ip_warmup_attributes",
            {"Ip": "198.51.100.10", "WarmupPercentage": "50"},
            "STRING_VALUE can not be converted to an Integer",
        ),
        ("create_email_identity", {"EmailIdentity": ["a@example.com"]}, "Start of list found where not expected"),
        (
            "tag_resource",
            {"ResourceArn": {"a": 1}, "Tags": []},
            "Start of structure or map found where not expected.",
        ),
    ],
)
def test_a_json_member_of_the_wrong_type_is_a_serialization_error(
    v2: Any, operation: str, params: dict[str, Any], message: str
) -> None:
    """Was: AttributeError/TypeError in the handlers, or unhashable keys inside moto (identities, tags)."""
    with pytest.raises(ClientError) as excinfo:
        getattr(v2, operation)(**params)

    assert error_of(excinfo) == ("SerializationException", message, 400)


def test_json_nulls_count_as_absent_members() -> None:
    params = wire.parse_v2_request(
        "CreateConfigurationSet",
        {},
        "/v2/email/configuration-sets",
        b'{"ConfigurationSetName": "x", "Tags": null}',
    )

    assert params == {"ConfigurationSetName": "x"}


@pytest.mark.parametrize("body", [b"{not json", b"\xff\xfe", b"[" * 100_000 + b"]" * 100_000])
def test_a_body_that_is_not_json_is_a_serialization_error(body: bytes) -> None:
    with pytest.raises(AwsError) as excinfo:
        wire.parse_v2_request("CreateConfigurationSet", {}, "/v2/email/configuration-sets", body)

    assert (excinfo.value.code, excinfo.value.message) == (
        "SerializationException",
        "The request body is not valid JSON.",
    )


@pytest.mark.parametrize("params", [{"EmailIdentity": ""}, {}], ids=["empty", "missing"])
def test_an_email_identity_needs_a_name(v2: Any, params: dict[str, Any]) -> None:
    """Was: TypeError inside moto, which cannot create an identity without a name."""
    with pytest.raises(ClientError) as excinfo:
        v2.create_email_identity(**params)

    assert error_of(excinfo) == (
        "BadRequestException",
        "1 validation error detected: Value at 'emailIdentity' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1",
        400,
    )


def test_tags_are_checked_before_moto_tags_a_resource(v2: Any) -> None:
    """Was: KeyError 'Key' inside moto when tagging an identity with a tag that has no key."""
    with pytest.raises(ClientError) as excinfo:
        v2.tag_resource(ResourceArn=IDENTITY_ARN, Tags=[{"Value": "v"}])

    assert error_of(excinfo) == ("BadRequestException", "Tag keys must be 1 to 128 characters long.", 400)


# --- handlers called with what only a raw request could carry --------------------------------------
HANDLER_CASES = [
    ("ses", "CreateTemplate", {"Template": " "}, "InvalidParameterValue"),
    ("ses", "UpdateTemplate", {"Template": ["x"]}, "TemplateDoesNotExist"),
    ("sesv2", "CreateEmailTemplate", {"TemplateName": "t", "TemplateContent": [{}]}, "BadRequestException"),
    (
        "ses",
        "SendEmail",
        {"Source": "sender@example.com", "Destination": {"ToAddresses": ["t@example.net"]}, "Message": [None]},
        None,
    ),
    (
        "ses",
        "SendEmail",
        {"Source": "a", "Message": {"Body": {"Text": False, "Html": [{}]}}},
        "InvalidParameterValue",
    ),
    ("ses", "SendRawEmail", {"Source": {"": None}, "RawMessage": [[], None]}, "InvalidParameterValue"),
    (
        "ses",
        "SendRawEmail",
        {"Source": -41191, "Destinations": 5, "RawMessage": {"Data": RAW}},
        "InvalidParameterValue",
    ),
    (
        "ses",
        "SendRawEmail",
        {"Source": "sender@example.com", "ConfigurationSetName": [{}], "RawMessage": {"Data": RAW}},
        "ConfigurationSetDoesNotExist",
    ),
    ("sesv2", "SendEmail", {"Content": -6.3e-256}, "BadRequestException"),
    (
        "sesv2",
        "SendBulkEmail",
        {"DefaultContent": {"Template": [414]}, "BulkEmailEntries": [{}]},
        None,
    ),
    ("sesv2", "CreateConfigurationSet", {"ConfigurationSetName": "x", "Tags": [None]}, "BadRequestException"),
    ("sesv2", "CreateDedicatedIpPool", {"PoolName": "a", "Tags": [None]}, "BadRequestException"),
    ("sesv2", "TagResource", {"ResourceArn": SET_ARN, "Tags": [[[False]]]}, "BadRequestException"),
    (
        "sesv2",
        "PutConfigurationSetSuppressionOptions",
        {"ConfigurationSetName": "tx", "SuppressedReasons": 3.6},
        "BadRequestException",
    ),
    (
        "sesv2",
        "CreateConfigurationSetEventDestination",
        {
            "ConfigurationSetName": "tx",
            "EventDestinationName": "d",
            "EventDestination": {"KinesisFirehoseDestination": [None]},
        },
        "BadRequestException",
    ),
    (
        "sesv2",
        "UpdateConfigurationSetEventDestination",
        {
            "ConfigurationSetName": "tx",
            "EventDestinationName": "d",
            "EventDestination": {"MatchingEventTypes": True},
        },
        "NotFoundException",
    ),
    (
        "ses",
        "CreateConfigurationSetEventDestination",
        {"ConfigurationSetName": "tx", "EventDestination": {"Name": "d", "MatchingEventTypes": [{"Data": -12}]}},
        "InvalidParameterValue",
    ),
]


@pytest.mark.parametrize(
    ("service", "operation", "params", "code"),
    HANDLER_CASES,
    ids=[f"{case[1]}-{n}" for n, case in enumerate(HANDLER_CASES)],
)
def test_a_handler_answers_what_it_cannot_read(
    ses: FakeSES, service: str, operation: str, params: dict[str, Any], code: str | None
) -> None:
    """Was: AttributeError/TypeError/KeyError from ``.get`` on lists, unhashable set names, ``email.utils``.

    A member of the wrong type reads as absent: the call then succeeds (``code`` ``None``) or fails as it
    would without that member.
    """
    ses.verify("example.com")
    ses.client("sesv2").create_configuration_set(ConfigurationSetName="tx")
    handler = operations(service)[operation]
    if code is None:
        assert isinstance(handler(BRIDGE.context(ses.account_id, ses.region), params), dict)
        return
    with pytest.raises(AwsError) as excinfo:
        handler(BRIDGE.context(ses.account_id, ses.region), params)

    assert excinfo.value.code == code
    assert 400 <= excinfo.value.status < 500
