"""SES v2 configuration sets: create, get, list, update, delete and tagging, through a real boto3 client."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from support import error_of

from pytest_ses.core.model import ConfigurationSet, DedicatedIpPool

ARCHIVE_ARN = "arn:aws:ses:us-east-1:123456789012:mailmanager-archive/a-0123456789abcdefghijklmnop"
SET_ARN = "arn:aws:ses:us-east-1:123456789012:configuration-set/{}"


def invalid(path: str, constraint: str) -> tuple[str, str, int]:
    message = f"1 validation error detected: Value at '{path}' failed to satisfy constraint: {constraint}"
    return "BadRequestException", message, 400


def body(response: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in response.items() if key != "ResponseMetadata"}


@pytest.fixture(scope="module")
def client_factory() -> Any:
    """v2 clients with botocore's own behaviour changed: ``client_factory(region, parameter_validation=False)``.

    Skipping botocore's checks reaches the service's (e.g. minimums); one attempt only keeps botocore
    from retrying ``LimitExceededException``, which it treats as throttling.
    """
    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing")
    return lambda region, **config: session.client("sesv2", region_name=region, config=Config(**config))


# --- CreateConfigurationSet / GetConfigurationSet -----------------------------------------------
def test_a_new_set_reports_reputation_sending_and_tags_only(sesv2_client):
    sesv2_client.create_configuration_set(ConfigurationSetName="tx")

    assert body(sesv2_client.get_configuration_set(ConfigurationSetName="tx")) == {
        "ConfigurationSetName": "tx",
        "ReputationOptions": {"ReputationMetricsEnabled": False},
        "SendingOptions": {"SendingEnabled": True},
        "Tags": [],
    }


def test_sending_enabled_at_creation_is_reported_enabled(sesv2_client):
    """moto reports every set as paused; the fake does not."""
    sesv2_client.create_configuration_set(ConfigurationSetName="tx", SendingOptions={"SendingEnabled": True})

    assert sesv2_client.get_configuration_set(ConfigurationSetName="tx")["SendingOptions"] == {
        "SendingEnabled": True
    }


def test_every_option_group_given_at_creation_reads_back(ses, sesv2_client):
    ses.client("ses").verify_domain_identity(Domain="example.com")
    options: dict[str, Any] = {
        "TrackingOptions": {"CustomRedirectDomain": "click.example.com", "HttpsPolicy": "REQUIRE_OPEN_ONLY"},
        "DeliveryOptions": {
            "TlsPolicy": "REQUIRE",
            "SendingPoolName": "ses-shared-pool",
            "MaxDeliverySeconds": 600,
            "SharedPoolDeliveryMode": "REGIONAL",
        },
        "ReputationOptions": {"ReputationMetricsEnabled": True},
        "SendingOptions": {"SendingEnabled": False},
        "Tags": [{"Key": "team", "Value": "mail"}, {"Key": "empty", "Value": ""}],
        "SuppressionOptions": {
            "SuppressedReasons": ["COMPLAINT"],
            "SuppressionScope": "ACCOUNT",
            "ValidationOptions": {
                "ConditionThreshold": {
                    "ConditionThresholdEnabled": "ENABLED",
                    "OverallConfidenceThreshold": {"ConfidenceVerdictThreshold": "HIGH"},
                }
            },
        },
        "VdmOptions": {
            "DashboardOptions": {"EngagementMetrics": "ENABLED"},
            "GuardianOptions": {"OptimizedSharedDelivery": "DISABLED"},
        },
        "ArchivingOptions": {"ArchiveArn": ARCHIVE_ARN},
        "MessageSecurityOptions": {"SigningScheme": {"SmimeScheme": {"SignatureFormat": "DETACHED"}}},
    }

    sesv2_client.create_configuration_set(ConfigurationSetName="full", **options)

    assert body(sesv2_client.get_configuration_set(ConfigurationSetName="full")) == {
        "ConfigurationSetName": "full",
        "ReputationOptions": {"ReputationMetricsEnabled": True},
        "SendingOptions": {"SendingEnabled": False},
        **{key: value for key, value in options.items() if key not in ("ReputationOptions", "SendingOptions")},
    }


def test_empty_suppressed_reasons_override_the_account_with_suppression_off(ses, sesv2_client):
    sesv2_client.create_configuration_set(ConfigurationSetName="tx", SuppressionOptions={"SuppressedReasons": []})

    assert sesv2_client.get_configuration_set(ConfigurationSetName="tx")["SuppressionOptions"] == {
        "SuppressedReasons": []
    }
    suppression = ses.store().sets["tx"].suppression
    assert suppression is not None
    assert suppression.reasons == ()


@pytest.mark.parametrize("suppression", [None, {}], ids=["block-left-out", "reasons-left-out"])
def test_without_suppressed_reasons_the_account_settings_apply(ses, sesv2_client, suppression):
    extra = {} if suppression is None else {"SuppressionOptions": suppression}
    sesv2_client.create_configuration_set(ConfigurationSetName="tx", **extra)

    assert "SuppressionOptions" not in sesv2_client.get_configuration_set(ConfigurationSetName="tx")
    assert ses.store().sets["tx"].suppression is None


def test_repeated_suppressed_reasons_are_kept_once(sesv2_client):
    sesv2_client.create_configuration_set(
        ConfigurationSetName="tx", SuppressionOptions={"SuppressedReasons": ["BOUNCE", "COMPLAINT", "BOUNCE"]}
    )

    got = sesv2_client.get_configuration_set(ConfigurationSetName="tx")["SuppressionOptions"]
    assert got == {"SuppressedReasons": ["BOUNCE", "COMPLAINT"]}


def test_delivery_options_without_a_tls_policy_report_optional(sesv2_client):
    sesv2_client.create_configuration_set(ConfigurationSetName="tx", DeliveryOptions={"MaxDeliverySeconds": 300})

    got = sesv2_client.get_configuration_set(ConfigurationSetName="tx")["DeliveryOptions"]
    assert got == {"TlsPolicy": "OPTIONAL", "MaxDeliverySeconds": 300}


@pytest.mark.parametrize("pool", ["ses-default-dedicated-pool", "ses-shared-pool", "marketing"])
def test_the_sending_pool_may_be_a_reserved_or_an_existing_pool(ses, sesv2_client, pool):
    store = ses.store()
    with store.lock:
        store.pools["marketing"] = DedicatedIpPool(name="marketing")

    sesv2_client.create_configuration_set(ConfigurationSetName="tx", DeliveryOptions={"SendingPoolName": pool})

    got = sesv2_client.get_configuration_set(ConfigurationSetName="tx")["DeliveryOptions"]
    assert got == {"TlsPolicy": "OPTIONAL", "SendingPoolName": pool}


def test_an_unknown_sending_pool_is_not_found_and_no_set_is_created(sesv2_client):
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.create_configuration_set(
            ConfigurationSetName="tx", DeliveryOptions={"SendingPoolName": "nope"}
        )

    assert error_of(excinfo) == ("NotFoundException", "SendingPool <nope> doesn't exist.", 404)
    assert sesv2_client.list_configuration_sets()["ConfigurationSets"] == []


def test_an_unverified_redirect_domain_is_refused(sesv2_client):
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.create_configuration_set(
            ConfigurationSetName="tx", TrackingOptions={"CustomRedirectDomain": "click.example.org"}
        )

    assert error_of(excinfo) == (
        "BadRequestException",
        "Custom redirect domain <click.example.org> is not verified in this account and Region.",
        400,
    )
    assert sesv2_client.list_configuration_sets()["ConfigurationSets"] == []


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (
            {"DeliveryOptions": {"TlsPolicy": "Require"}},
            invalid("deliveryOptions.tlsPolicy", "Member must satisfy enum value set: [REQUIRE, OPTIONAL]"),
        ),
        (
            {"DeliveryOptions": {"MaxDeliverySeconds": 50_401}},
            invalid("deliveryOptions.maxDeliverySeconds", "Member must have value less than or equal to 50400"),
        ),
        (
            {"DeliveryOptions": {"SharedPoolDeliveryMode": "LOCAL"}},
            invalid(
                "deliveryOptions.sharedPoolDeliveryMode",
                "Member must satisfy enum value set: [GLOBAL, REGIONAL, ACCOUNT]",
            ),
        ),
        (
            {"TrackingOptions": {"CustomRedirectDomain": "example.com", "HttpsPolicy": "ALWAYS"}},
            invalid(
                "trackingOptions.httpsPolicy",
                "Member must satisfy enum value set: [REQUIRE, REQUIRE_OPEN_ONLY, OPTIONAL]",
            ),
        ),
        (
            {"SuppressionOptions": {"SuppressedReasons": ["BOUNCE", "SPAM"]}},
            invalid(
                "suppressionOptions.suppressedReasons.2.member",
                "Member must satisfy enum value set: [BOUNCE, COMPLAINT]",
            ),
        ),
        (
            {"SuppressionOptions": {"SuppressedReasons": [], "SuppressionScope": "GLOBAL"}},
            invalid(
                "suppressionOptions.suppressionScope", "Member must satisfy enum value set: [ACCOUNT, TENANT]"
            ),
        ),
        (
            {
                "SuppressionOptions": {
                    "ValidationOptions": {"ConditionThreshold": {"ConditionThresholdEnabled": "ON"}}
                }
            },
            invalid(
                "suppressionOptions.validationOptions.conditionThreshold.conditionThresholdEnabled",
                "Member must satisfy enum value set: [ENABLED, DISABLED]",
            ),
        ),
        (
            {"VdmOptions": {"GuardianOptions": {"OptimizedSharedDelivery": "ON"}}},
            invalid(
                "vdmOptions.guardianOptions.optimizedSharedDelivery",
                "Member must satisfy enum value set: [ENABLED, DISABLED]",
            ),
        ),
        (
            {"ArchivingOptions": {"ArchiveArn": "arn:aws:s3:::an-archive-bucket-name"}},
            invalid(
                "archivingOptions.archiveArn",
                "Member must satisfy regular expression pattern: "
                "arn:(aws|aws-[a-z-]+):ses:[a-z]{2,4}-[a-z-]+-[0-9]:[0-9]{1,20}:mailmanager-archive/a-[a-z0-9]{24,62}",
            ),
        ),
        (
            {"MessageSecurityOptions": {"SigningScheme": {"SmimeScheme": {"SignatureFormat": "ATTACHED"}}}},
            invalid(
                "messageSecurityOptions.signingScheme.smimeScheme.signatureFormat",
                "Member must satisfy enum value set: [DETACHED]",
            ),
        ),
    ],
    ids=[
        "tls-policy",
        "max-delivery-seconds",
        "shared-pool-mode",
        "https-policy",
        "suppressed-reason",
        "suppression-scope",
        "condition-threshold",
        "vdm-status",
        "archive-arn",
        "signature-format",
    ],
)
def test_invalid_option_values_are_bad_requests_and_create_nothing(ses, sesv2_client, options, expected):
    ses.client("ses").verify_domain_identity(Domain="example.com")
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.create_configuration_set(ConfigurationSetName="tx", **options)

    assert error_of(excinfo) == expected
    assert sesv2_client.list_configuration_sets()["ConfigurationSets"] == []


def test_max_delivery_seconds_below_300_is_refused_by_the_service(ses, client_factory):
    client = client_factory(ses.region, parameter_validation=False)

    with pytest.raises(ClientError) as excinfo:
        client.create_configuration_set(ConfigurationSetName="tx", DeliveryOptions={"MaxDeliverySeconds": 0})

    assert error_of(excinfo) == invalid(
        "deliveryOptions.maxDeliverySeconds", "Member must have value greater than or equal to 300"
    )


@pytest.mark.parametrize("name", ["with space", "x" * 65, "dots.not.allowed", ""])
def test_an_invalid_name_is_a_bad_request(sesv2_client, name):
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.create_configuration_set(ConfigurationSetName=name)

    assert error_of(excinfo) == (
        "BadRequestException",
        f"Configuration set name <{name}> is invalid: only alphanumeric ASCII characters, '_', and '-' "
        "are allowed, up to 64 characters.",
        400,
    )


def test_a_64_character_name_is_accepted(sesv2_client):
    name = "a-Z_9" * 12 + "abcd"

    sesv2_client.create_configuration_set(ConfigurationSetName=name)

    assert sesv2_client.get_configuration_set(ConfigurationSetName=name)["ConfigurationSetName"] == name


def test_a_duplicate_name_already_exists_and_keeps_the_first_set(sesv2_client):
    sesv2_client.create_configuration_set(
        ConfigurationSetName="tx", ReputationOptions={"ReputationMetricsEnabled": True}
    )

    with pytest.raises(ClientError) as excinfo:
        sesv2_client.create_configuration_set(ConfigurationSetName="tx")

    assert error_of(excinfo) == ("AlreadyExistsException", "Configuration set <tx> already exists.", 400)
    reputation = sesv2_client.get_configuration_set(ConfigurationSetName="tx")["ReputationOptions"]
    assert reputation == {"ReputationMetricsEnabled": True}


def test_the_ten_thousandth_set_is_the_last(ses, client_factory):
    client = client_factory(ses.region, retries={"total_max_attempts": 1})
    store = ses.store()
    created = datetime.now(timezone.utc)
    with store.lock:
        for index in range(9_999):
            store.sets[f"s{index}"] = ConfigurationSet(name=f"s{index}", created=created)
    client.create_configuration_set(ConfigurationSetName="last")

    with pytest.raises(ClientError) as excinfo:
        client.create_configuration_set(ConfigurationSetName="one-too-many")

    assert error_of(excinfo) == (
        "LimitExceededException",
        "Maximum number of configuration sets (10000) reached.",
        400,
    )


def test_get_of_an_unknown_set_is_not_found(sesv2_client):
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.get_configuration_set(ConfigurationSetName="nope")

    assert error_of(excinfo) == ("NotFoundException", "Configuration set <nope> does not exist.", 404)


# --- tags at creation ---------------------------------------------------------------------------
def test_tags_at_the_limits_are_accepted(sesv2_client):
    tags = [{"Key": f"k{index}", "Value": "v"} for index in range(48)]
    tags += [{"Key": "K" * 128, "Value": "V" * 256}, {"Key": "unicode é 2:/=+-_.", "Value": ""}]

    sesv2_client.create_configuration_set(ConfigurationSetName="tx", Tags=tags)

    assert sesv2_client.get_configuration_set(ConfigurationSetName="tx")["Tags"] == tags


def test_a_repeated_tag_key_keeps_the_last_value(sesv2_client):
    sesv2_client.create_configuration_set(
        ConfigurationSetName="tx", Tags=[{"Key": "k", "Value": "first"}, {"Key": "k", "Value": "last"}]
    )

    assert sesv2_client.get_configuration_set(ConfigurationSetName="tx")["Tags"] == [{"Key": "k", "Value": "last"}]


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        ([{"Key": f"k{i}", "Value": ""} for i in range(51)], "A resource can have at most 50 tags."),
        ([{"Key": "K" * 129, "Value": ""}], "Tag keys must be 1 to 128 characters long."),
        ([{"Key": "", "Value": ""}], "Tag keys must be 1 to 128 characters long."),
        ([{"Key": "k", "Value": "V" * 257}], "Tag values must be at most 256 characters long."),
        (
            [{"Key": "aws:owner", "Value": "x"}],
            "The aws: prefix is reserved for use by AWS in tag keys and values.",
        ),
        (
            [{"Key": "k", "Value": "a@b"}],
            "Invalid tag <a@b>: only Unicode letters, digits, white space and _ . : / = + - are allowed.",
        ),
    ],
    ids=["too-many", "key-too-long", "key-empty", "value-too-long", "aws-prefix", "bad-character"],
)
def test_invalid_tags_are_bad_requests(sesv2_client, tags, message):
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.create_configuration_set(ConfigurationSetName="tx", Tags=tags)

    assert error_of(excinfo) == ("BadRequestException", message, 400)
    assert sesv2_client.list_configuration_sets()["ConfigurationSets"] == []


# --- ListConfigurationSets ----------------------------------------------------------------------
def test_list_returns_names_in_name_order(sesv2_client):
    for name in ("b-set", "a-set", "c-set"):
        sesv2_client.create_configuration_set(ConfigurationSetName=name)

    assert body(sesv2_client.list_configuration_sets()) == {"ConfigurationSets": ["a-set", "b-set", "c-set"]}


def test_list_filters_by_a_case_sensitive_name_substring(sesv2_client):
    for name in ("prod-tx", "prod-marketing", "staging-tx", "PROD-x"):
        sesv2_client.create_configuration_set(ConfigurationSetName=name)

    listed = sesv2_client.list_configuration_sets(Filter={"CONFIGURATION_SET_NAME_CONTAINS": "prod"})

    assert listed["ConfigurationSets"] == ["prod-marketing", "prod-tx"]


def test_list_pages_through_every_set(sesv2_client):
    names = [f"set-{index}" for index in range(5)]
    for name in names:
        sesv2_client.create_configuration_set(ConfigurationSetName=name)

    first = sesv2_client.list_configuration_sets(PageSize=2)
    second = sesv2_client.list_configuration_sets(PageSize=2, NextToken=first["NextToken"])
    sesv2_client.delete_configuration_set(ConfigurationSetName="set-4")
    third = sesv2_client.list_configuration_sets(PageSize=2, NextToken=second["NextToken"])

    assert (first["ConfigurationSets"], second["ConfigurationSets"]) == (names[:2], names[2:4])
    assert body(third) == {"ConfigurationSets": []}


def test_list_of_an_empty_account_is_empty(sesv2_client):
    assert body(sesv2_client.list_configuration_sets()) == {"ConfigurationSets": []}


def test_list_with_an_unknown_filter_key_is_a_bad_request(sesv2_client):
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.list_configuration_sets(Filter={"NAME_STARTS_WITH": "x"})

    assert error_of(excinfo) == invalid(
        "filter", "Member must satisfy enum value set: [CONFIGURATION_SET_NAME_CONTAINS]"
    )


def test_list_with_a_foreign_token_is_a_bad_request(sesv2_client):
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.list_configuration_sets(NextToken="not-a-token")

    assert error_of(excinfo) == ("BadRequestException", "Invalid NextToken: not-a-token", 400)


@pytest.mark.parametrize("size", [0, 1001])
def test_list_page_size_must_be_between_1_and_1000(sesv2_client, size):
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.list_configuration_sets(PageSize=size)

    assert error_of(excinfo) == ("BadRequestException", f"PageSize must be between 1 and 1000, got {size}.", 400)


# --- DeleteConfigurationSet ---------------------------------------------------------------------
def test_delete_removes_the_set_and_everything_in_it(ses, sesv2_client):
    topic = ses.client("sns").create_topic(Name="events")["TopicArn"]
    sesv2_client.create_configuration_set(ConfigurationSetName="tx", Tags=[{"Key": "k", "Value": "v"}])
    sesv2_client.create_configuration_set_event_destination(
        ConfigurationSetName="tx",
        EventDestinationName="sns",
        EventDestination={"Enabled": True, "MatchingEventTypes": ["SEND"], "SnsDestination": {"TopicArn": topic}},
    )

    sesv2_client.delete_configuration_set(ConfigurationSetName="tx")
    sesv2_client.create_configuration_set(ConfigurationSetName="tx")

    assert sesv2_client.get_configuration_set(ConfigurationSetName="tx")["Tags"] == []
    assert (
        sesv2_client.get_configuration_set_event_destinations(ConfigurationSetName="tx")["EventDestinations"] == []
    )


def test_delete_of_an_unknown_set_is_not_found(sesv2_client):
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.delete_configuration_set(ConfigurationSetName="nope")

    assert error_of(excinfo) == ("NotFoundException", "Configuration set <nope> does not exist.", 404)


# --- UpdateConfigurationSet ---------------------------------------------------------------------
def test_update_sets_message_security_options(sesv2_client):
    sesv2_client.create_configuration_set(ConfigurationSetName="tx")

    sesv2_client.update_configuration_set(
        ConfigurationSetName="tx", MessageSecurityOptions={"SigningScheme": {"SmimeScheme": {}}}
    )

    got = sesv2_client.get_configuration_set(ConfigurationSetName="tx")["MessageSecurityOptions"]
    assert got == {"SigningScheme": {"SmimeScheme": {}}}


def test_update_leaves_out_groups_unchanged(sesv2_client):
    sesv2_client.create_configuration_set(
        ConfigurationSetName="tx", MessageSecurityOptions={"SigningScheme": {"DefaultScheme": {}}}
    )

    sesv2_client.update_configuration_set(ConfigurationSetName="tx")

    got = sesv2_client.get_configuration_set(ConfigurationSetName="tx")["MessageSecurityOptions"]
    assert got == {"SigningScheme": {"DefaultScheme": {}}}


def test_update_of_an_unknown_set_is_not_found(sesv2_client):
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.update_configuration_set(
            ConfigurationSetName="nope", MessageSecurityOptions={"SigningScheme": {"DefaultScheme": {}}}
        )

    assert error_of(excinfo) == ("NotFoundException", "Configuration set <nope> does not exist.", 404)


def test_update_with_an_invalid_signature_format_is_a_bad_request(sesv2_client):
    sesv2_client.create_configuration_set(ConfigurationSetName="tx")

    with pytest.raises(ClientError) as excinfo:
        sesv2_client.update_configuration_set(
            ConfigurationSetName="tx",
            MessageSecurityOptions={"SigningScheme": {"SmimeScheme": {"SignatureFormat": "OPAQUE"}}},
        )

    assert error_of(excinfo) == invalid(
        "messageSecurityOptions.signingScheme.smimeScheme.signatureFormat",
        "Member must satisfy enum value set: [DETACHED]",
    )
    assert "MessageSecurityOptions" not in sesv2_client.get_configuration_set(ConfigurationSetName="tx")


# --- TagResource / UntagResource / ListTagsForResource ------------------------------------------
def test_tag_resource_adds_and_overwrites_tags_of_a_set(sesv2_client):
    sesv2_client.create_configuration_set(ConfigurationSetName="tx", Tags=[{"Key": "team", "Value": "mail"}])

    sesv2_client.tag_resource(
        ResourceArn=SET_ARN.format("tx"),
        Tags=[{"Key": "team", "Value": "growth"}, {"Key": "env", "Value": "prod"}],
    )

    expected = [{"Key": "team", "Value": "growth"}, {"Key": "env", "Value": "prod"}]
    assert body(sesv2_client.list_tags_for_resource(ResourceArn=SET_ARN.format("tx"))) == {"Tags": expected}
    assert sesv2_client.get_configuration_set(ConfigurationSetName="tx")["Tags"] == expected


def test_untag_resource_removes_keys_and_ignores_absent_ones(sesv2_client):
    sesv2_client.create_configuration_set(
        ConfigurationSetName="tx", Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]
    )

    sesv2_client.untag_resource(ResourceArn=SET_ARN.format("tx"), TagKeys=["a", "missing"])

    assert sesv2_client.list_tags_for_resource(ResourceArn=SET_ARN.format("tx"))["Tags"] == [
        {"Key": "b", "Value": "2"}
    ]


def test_tags_beyond_fifty_in_total_are_refused_and_nothing_changes(sesv2_client):
    existing = [{"Key": f"k{index}", "Value": ""} for index in range(49)]
    sesv2_client.create_configuration_set(ConfigurationSetName="tx", Tags=existing)

    with pytest.raises(ClientError) as excinfo:
        sesv2_client.tag_resource(
            ResourceArn=SET_ARN.format("tx"),
            Tags=[{"Key": "k0", "Value": "x"}, {"Key": "n1", "Value": ""}, {"Key": "n2", "Value": ""}],
        )

    assert error_of(excinfo) == ("BadRequestException", "A resource can have at most 50 tags.", 400)
    assert sesv2_client.list_tags_for_resource(ResourceArn=SET_ARN.format("tx"))["Tags"] == existing


def test_tag_resource_with_an_invalid_tag_is_a_bad_request(sesv2_client):
    sesv2_client.create_configuration_set(ConfigurationSetName="tx")

    with pytest.raises(ClientError) as excinfo:
        sesv2_client.tag_resource(ResourceArn=SET_ARN.format("tx"), Tags=[{"Key": "aws:x", "Value": ""}])

    assert error_of(excinfo) == (
        "BadRequestException",
        "The aws: prefix is reserved for use by AWS in tag keys and values.",
        400,
    )


@pytest.mark.parametrize(
    "arn",
    [SET_ARN.format("nope"), "arn:aws:ses:eu-west-1:123456789012:configuration-set/tx"],
    ids=["unknown-set", "other-region"],
)
@pytest.mark.parametrize("operation", ["tag", "untag", "list"])
def test_tagging_a_set_that_is_not_here_is_not_found(sesv2_client, arn, operation):
    sesv2_client.create_configuration_set(ConfigurationSetName="tx")
    calls = {
        "tag": lambda: sesv2_client.tag_resource(ResourceArn=arn, Tags=[{"Key": "k", "Value": "v"}]),
        "untag": lambda: sesv2_client.untag_resource(ResourceArn=arn, TagKeys=["k"]),
        "list": lambda: sesv2_client.list_tags_for_resource(ResourceArn=arn),
    }

    with pytest.raises(ClientError) as excinfo:
        calls[operation]()

    name = arn.rsplit("/", 1)[1]
    assert error_of(excinfo) == ("NotFoundException", f"Configuration set <{name}> does not exist.", 404)


def test_tags_of_other_resources_stay_with_the_underlying_service(sesv2_client):
    sesv2_client.create_email_identity(EmailIdentity="example.com", Tags=[{"Key": "owner", "Value": "ops"}])
    identity_arn = "arn:aws:ses:us-east-1:123456789012:identity/example.com"

    sesv2_client.tag_resource(ResourceArn=identity_arn, Tags=[{"Key": "env", "Value": "prod"}])
    sesv2_client.untag_resource(ResourceArn=identity_arn, TagKeys=["owner"])

    assert sesv2_client.list_tags_for_resource(ResourceArn=identity_arn)["Tags"] == [
        {"Key": "env", "Value": "prod"}
    ]
