"""SES v2 ``PutConfigurationSet*Options``: each call replaces its option group of an existing set."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest
from botocore.exceptions import ClientError
from support import error_of

from pytest_ses.core.model import DedicatedIpPool

ARCHIVE_ARN = "arn:aws:ses:us-east-1:123456789012:mailmanager-archive/a-0123456789abcdefghijklmnop"
ARCHIVE_PATTERN = (
    "arn:(aws|aws-[a-z-]+):ses:[a-z]{2,4}-[a-z-]+-[0-9]:[0-9]{1,20}:mailmanager-archive/a-[a-z0-9]{24,62}"
)


def invalid(path: str, constraint: str) -> tuple[str, str, int]:
    message = f"1 validation error detected: Value at '{path}' failed to satisfy constraint: {constraint}"
    return "BadRequestException", message, 400


@pytest.fixture
def tx(sesv2_client: Any) -> Any:
    """A fresh set named ``tx``; returns a reader of its ``GetConfigurationSet`` response."""
    sesv2_client.create_configuration_set(ConfigurationSetName="tx")
    return lambda: sesv2_client.get_configuration_set(ConfigurationSetName="tx")


def put(sesv2_client: Any, group: str, **params: Any) -> Any:
    operation = getattr(sesv2_client, f"put_configuration_set_{group}_options")
    return operation(**params)


ALL_GROUPS = {
    "delivery": {"TlsPolicy": "REQUIRE"},
    "reputation": {"ReputationMetricsEnabled": True},
    "sending": {"SendingEnabled": False},
    "suppression": {"SuppressedReasons": ["BOUNCE"]},
    "tracking": {"CustomRedirectDomain": "example.com"},
    "vdm": {"VdmOptions": {}},
    "archiving": {"ArchiveArn": ARCHIVE_ARN},
}


@pytest.mark.parametrize("group", list(ALL_GROUPS))
def test_every_put_on_an_unknown_set_is_not_found(ses, sesv2_client, group):
    ses.client("ses").verify_domain_identity(Domain="example.com")

    with pytest.raises(ClientError) as excinfo:
        put(sesv2_client, group, ConfigurationSetName="nope", **ALL_GROUPS[group])

    assert error_of(excinfo) == ("NotFoundException", "Configuration set <nope> does not exist.", 404)


def test_an_invalid_value_is_reported_before_the_unknown_set(sesv2_client):
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.put_configuration_set_delivery_options(ConfigurationSetName="nope", TlsPolicy="Require")

    assert error_of(excinfo) == invalid("tlsPolicy", "Member must satisfy enum value set: [REQUIRE, OPTIONAL]")


# --- delivery ------------------------------------------------------------------------------------
def test_delivery_options_appear_once_put(sesv2_client, tx):
    sesv2_client.put_configuration_set_delivery_options(
        ConfigurationSetName="tx",
        TlsPolicy="REQUIRE",
        SendingPoolName="ses-default-dedicated-pool",
        MaxDeliverySeconds=50_400,
        SharedPoolDeliveryMode="GLOBAL",
    )

    assert tx()["DeliveryOptions"] == {
        "TlsPolicy": "REQUIRE",
        "SendingPoolName": "ses-default-dedicated-pool",
        "MaxDeliverySeconds": 50_400,
        "SharedPoolDeliveryMode": "GLOBAL",
    }


def test_delivery_options_put_again_replace_all_but_the_shared_pool_mode(ses, sesv2_client, tx):
    store = ses.store()
    with store.lock:
        store.pools["marketing"] = DedicatedIpPool(name="marketing")
    sesv2_client.put_configuration_set_delivery_options(
        ConfigurationSetName="tx",
        TlsPolicy="REQUIRE",
        SendingPoolName="marketing",
        MaxDeliverySeconds=900,
        SharedPoolDeliveryMode="REGIONAL",
    )

    sesv2_client.put_configuration_set_delivery_options(ConfigurationSetName="tx")

    assert tx()["DeliveryOptions"] == {"TlsPolicy": "OPTIONAL", "SharedPoolDeliveryMode": "REGIONAL"}
    assert ses.store().sets["tx"].sending_pool_name is None


def test_delivery_options_with_an_unknown_pool_are_not_found_and_change_nothing(sesv2_client, tx):
    sesv2_client.put_configuration_set_delivery_options(ConfigurationSetName="tx", TlsPolicy="REQUIRE")

    with pytest.raises(ClientError) as excinfo:
        sesv2_client.put_configuration_set_delivery_options(ConfigurationSetName="tx", SendingPoolName="nope")

    assert error_of(excinfo) == ("NotFoundException", "SendingPool <nope> doesn't exist.", 404)
    assert tx()["DeliveryOptions"] == {"TlsPolicy": "REQUIRE"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"MaxDeliverySeconds": 50_401},
            invalid("maxDeliverySeconds", "Member must have value less than or equal to 50400"),
        ),
        (
            {"SharedPoolDeliveryMode": "global"},
            invalid("sharedPoolDeliveryMode", "Member must satisfy enum value set: [GLOBAL, REGIONAL, ACCOUNT]"),
        ),
    ],
    ids=["max-delivery-seconds", "shared-pool-mode"],
)
def test_invalid_delivery_options_are_bad_requests(sesv2_client, tx, params, expected):
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.put_configuration_set_delivery_options(ConfigurationSetName="tx", **params)

    assert error_of(excinfo) == expected
    assert "DeliveryOptions" not in tx()


# --- reputation ----------------------------------------------------------------------------------
def test_reputation_metrics_are_switched_on_and_off(sesv2_client, tx):
    sesv2_client.put_configuration_set_reputation_options(ConfigurationSetName="tx", ReputationMetricsEnabled=True)
    on = tx()["ReputationOptions"]
    sesv2_client.put_configuration_set_reputation_options(ConfigurationSetName="tx")

    assert (on, tx()["ReputationOptions"]) == (
        {"ReputationMetricsEnabled": True},
        {"ReputationMetricsEnabled": False},
    )


# --- sending -------------------------------------------------------------------------------------
def test_pausing_a_set_reports_sending_disabled(sesv2_client, tx):
    sesv2_client.put_configuration_set_sending_options(ConfigurationSetName="tx", SendingEnabled=False)

    got = tx()
    assert got["SendingOptions"] == {"SendingEnabled": False}
    assert "LastFreshStart" not in got["ReputationOptions"]


def test_resuming_a_paused_set_is_a_fresh_start(sesv2_client, tx):
    sesv2_client.put_configuration_set_sending_options(ConfigurationSetName="tx", SendingEnabled=False)
    before = datetime.now(timezone.utc).replace(microsecond=0)

    sesv2_client.put_configuration_set_sending_options(ConfigurationSetName="tx", SendingEnabled=True)

    got = tx()
    assert got["SendingOptions"] == {"SendingEnabled": True}
    fresh_start = got["ReputationOptions"]["LastFreshStart"]
    assert before <= fresh_start <= datetime.now(timezone.utc)


def test_enabling_a_set_that_was_never_paused_is_no_fresh_start(sesv2_client, tx):
    sesv2_client.put_configuration_set_sending_options(ConfigurationSetName="tx", SendingEnabled=True)

    assert tx()["ReputationOptions"] == {"ReputationMetricsEnabled": False}


def test_sending_options_without_a_value_mean_enabled(sesv2_client, tx):
    sesv2_client.put_configuration_set_sending_options(ConfigurationSetName="tx", SendingEnabled=False)

    sesv2_client.put_configuration_set_sending_options(ConfigurationSetName="tx")

    assert tx()["SendingOptions"] == {"SendingEnabled": True}


# --- suppression ---------------------------------------------------------------------------------
def test_suppression_override_with_reasons_scope_and_validation(ses, sesv2_client, tx):
    validation = {
        "ConditionThreshold": {
            "ConditionThresholdEnabled": "DISABLED",
            "OverallConfidenceThreshold": {"ConfidenceVerdictThreshold": "MANAGED"},
        }
    }

    sesv2_client.put_configuration_set_suppression_options(
        ConfigurationSetName="tx",
        SuppressedReasons=["COMPLAINT"],
        SuppressionScope="TENANT",
        ValidationOptions=validation,
    )

    assert tx()["SuppressionOptions"] == {
        "SuppressedReasons": ["COMPLAINT"],
        "SuppressionScope": "TENANT",
        "ValidationOptions": validation,
    }
    suppression = ses.store().sets["tx"].suppression
    assert suppression is not None
    assert suppression.reasons == ("COMPLAINT",)


def test_suppression_override_with_no_reasons_turns_suppression_off(ses, sesv2_client, tx):
    sesv2_client.put_configuration_set_suppression_options(ConfigurationSetName="tx", SuppressedReasons=[])

    assert tx()["SuppressionOptions"] == {"SuppressedReasons": []}
    suppression = ses.store().sets["tx"].suppression
    assert suppression is not None
    assert suppression.reasons == ()


def test_suppression_options_without_reasons_return_the_set_to_the_account_settings(ses, sesv2_client, tx):
    sesv2_client.put_configuration_set_suppression_options(ConfigurationSetName="tx", SuppressedReasons=["BOUNCE"])

    sesv2_client.put_configuration_set_suppression_options(ConfigurationSetName="tx")

    assert "SuppressionOptions" not in tx()
    assert ses.store().sets["tx"].suppression is None


def test_an_unknown_suppression_reason_is_a_bad_request(sesv2_client, tx):
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.put_configuration_set_suppression_options(
            ConfigurationSetName="tx", SuppressedReasons=["bounce"]
        )

    assert error_of(excinfo) == invalid(
        "suppressedReasons.1.member", "Member must satisfy enum value set: [BOUNCE, COMPLAINT]"
    )


def test_an_unknown_confidence_verdict_is_a_bad_request(sesv2_client, tx):
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.put_configuration_set_suppression_options(
            ConfigurationSetName="tx",
            SuppressedReasons=[],
            ValidationOptions={
                "ConditionThreshold": {
                    "ConditionThresholdEnabled": "ENABLED",
                    "OverallConfidenceThreshold": {"ConfidenceVerdictThreshold": "LOW"},
                }
            },
        )

    assert error_of(excinfo) == invalid(
        "validationOptions.conditionThreshold.overallConfidenceThreshold.confidenceVerdictThreshold",
        "Member must satisfy enum value set: [MEDIUM, HIGH, MANAGED]",
    )
    assert "SuppressionOptions" not in tx()


# --- tracking ------------------------------------------------------------------------------------
def test_tracking_options_take_a_verified_domain_or_a_subdomain_of_one(ses, sesv2_client, tx):
    ses.client("ses").verify_domain_identity(Domain="example.com")

    sesv2_client.put_configuration_set_tracking_options(
        ConfigurationSetName="tx", CustomRedirectDomain="click.example.com", HttpsPolicy="REQUIRE"
    )

    assert tx()["TrackingOptions"] == {"CustomRedirectDomain": "click.example.com", "HttpsPolicy": "REQUIRE"}


def test_tracking_options_without_a_domain_remove_the_custom_domain(ses, sesv2_client, tx):
    ses.client("ses").verify_domain_identity(Domain="example.com")
    sesv2_client.put_configuration_set_tracking_options(
        ConfigurationSetName="tx", CustomRedirectDomain="example.com"
    )

    sesv2_client.put_configuration_set_tracking_options(ConfigurationSetName="tx")

    assert "TrackingOptions" not in tx()


def test_tracking_options_with_an_unverified_domain_are_a_bad_request(ses, sesv2_client, tx):
    ses.client("ses").verify_email_identity(EmailAddress="someone@example.com")

    with pytest.raises(ClientError) as excinfo:
        sesv2_client.put_configuration_set_tracking_options(
            ConfigurationSetName="tx", CustomRedirectDomain="example.com"
        )

    assert error_of(excinfo) == (
        "BadRequestException",
        "Custom redirect domain <example.com> is not verified in this account and Region.",
        400,
    )
    assert "TrackingOptions" not in tx()


def test_an_unknown_https_policy_is_a_bad_request(ses, sesv2_client, tx):
    ses.client("ses").verify_domain_identity(Domain="example.com")

    with pytest.raises(ClientError) as excinfo:
        sesv2_client.put_configuration_set_tracking_options(
            ConfigurationSetName="tx", CustomRedirectDomain="example.com", HttpsPolicy="HTTPS_ONLY"
        )

    assert error_of(excinfo) == invalid(
        "httpsPolicy", "Member must satisfy enum value set: [REQUIRE, REQUIRE_OPEN_ONLY, OPTIONAL]"
    )


# --- VDM -----------------------------------------------------------------------------------------
def test_vdm_options_are_replaced_as_a_whole(sesv2_client, tx):
    sesv2_client.put_configuration_set_vdm_options(
        ConfigurationSetName="tx",
        VdmOptions={
            "DashboardOptions": {"EngagementMetrics": "DISABLED"},
            "GuardianOptions": {"OptimizedSharedDelivery": "ENABLED"},
        },
    )

    sesv2_client.put_configuration_set_vdm_options(
        ConfigurationSetName="tx", VdmOptions={"DashboardOptions": {"EngagementMetrics": "ENABLED"}}
    )

    assert tx()["VdmOptions"] == {"DashboardOptions": {"EngagementMetrics": "ENABLED"}}


def test_vdm_options_left_out_remove_the_override(sesv2_client, tx):
    sesv2_client.put_configuration_set_vdm_options(
        ConfigurationSetName="tx", VdmOptions={"GuardianOptions": {"OptimizedSharedDelivery": "ENABLED"}}
    )

    sesv2_client.put_configuration_set_vdm_options(ConfigurationSetName="tx")

    assert "VdmOptions" not in tx()


def test_an_unknown_vdm_status_is_a_bad_request(sesv2_client, tx):
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.put_configuration_set_vdm_options(
            ConfigurationSetName="tx", VdmOptions={"DashboardOptions": {"EngagementMetrics": "YES"}}
        )

    assert error_of(excinfo) == invalid(
        "vdmOptions.dashboardOptions.engagementMetrics", "Member must satisfy enum value set: [ENABLED, DISABLED]"
    )


# --- archiving -----------------------------------------------------------------------------------
def test_archiving_options_attach_and_detach_an_archive(sesv2_client, tx):
    sesv2_client.put_configuration_set_archiving_options(ConfigurationSetName="tx", ArchiveArn=ARCHIVE_ARN)
    attached = tx()["ArchivingOptions"]

    sesv2_client.put_configuration_set_archiving_options(ConfigurationSetName="tx")

    assert attached == {"ArchiveArn": ARCHIVE_ARN}
    assert "ArchivingOptions" not in tx()


@pytest.mark.parametrize(
    ("arn", "constraint"),
    [
        (
            "arn:aws:ses:us-east-1:123456789012:mailmanager-archive/b-0123456789abcdefghijklmnop",
            f"Member must satisfy regular expression pattern: {ARCHIVE_PATTERN}",
        ),
        (
            "arn:aws:ses:us-east-1:123456789012:mailmanager-archive/a-" + "x" * 960,
            "Member must have length less than or equal to 1011",
        ),
    ],
    ids=["pattern", "too-long"],
)
def test_an_invalid_archive_arn_is_a_bad_request(sesv2_client, tx, arn, constraint):
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.put_configuration_set_archiving_options(ConfigurationSetName="tx", ArchiveArn=arn)

    assert error_of(excinfo) == invalid("archiveArn", constraint)
    assert "ArchivingOptions" not in tx()
