"""SES v1 option groups of a configuration set, and account-wide sending, through a boto3 ``ses`` client.

Covers Create/Update/DeleteConfigurationSetTrackingOptions (the sub-resource life cycle with its
suffixed ``TrackingOptions*Exception`` codes, ``InvalidTrackingOptions`` for malformed or unverified
domains), PutConfigurationSetDeliveryOptions (v1 ``Require``/``Optional`` casing, ``InvalidDeliveryOptions``,
a v2 sending pool kept), UpdateConfigurationSetReputationMetricsEnabled, UpdateConfigurationSetSendingEnabled
(pausing and the ``LastFreshStart`` stamp on re-enabling) and Update/GetAccountSendingEnabled (per Region),
each with the unknown-set error where the operation has one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from botocore.exceptions import ClientError
from freezegun import freeze_time
from support import assert_error

from pytest_ses.core.model import TrackingOptions

NOT_FOUND = "Configuration set <nope> does not exist."


@pytest.fixture
def verified(ses_client: Any) -> str:
    ses_client.verify_domain_identity(Domain="example.com")
    return "example.com"


def describe(ses_client: Any, attribute: str) -> dict[str, Any]:
    described: dict[str, Any] = ses_client.describe_configuration_set(
        ConfigurationSetName="tx", ConfigurationSetAttributeNames=[attribute]
    )
    described.pop("ResponseMetadata")
    return described


def tracking(domain: str) -> dict[str, str]:
    return {"CustomRedirectDomain": domain}


# --- tracking options --------------------------------------------------------------------------------
def test_tracking_options_life_cycle(ses_client: Any, config_set: str, verified: str) -> None:
    ses_client.create_configuration_set_tracking_options(
        ConfigurationSetName=config_set, TrackingOptions=tracking("track.example.com")
    )
    assert describe(ses_client, "trackingOptions")["TrackingOptions"] == tracking("track.example.com")
    ses_client.update_configuration_set_tracking_options(
        ConfigurationSetName=config_set, TrackingOptions=tracking("click.example.com")
    )
    assert describe(ses_client, "trackingOptions")["TrackingOptions"] == tracking("click.example.com")
    ses_client.delete_configuration_set_tracking_options(ConfigurationSetName=config_set)
    assert "TrackingOptions" not in describe(ses_client, "trackingOptions")


def test_create_tracking_options_twice_is_already_exists(ses_client: Any, config_set: str, verified: str) -> None:
    ses_client.create_configuration_set_tracking_options(
        ConfigurationSetName=config_set, TrackingOptions=tracking("t.example.com")
    )
    with pytest.raises(ClientError) as raised:
        ses_client.create_configuration_set_tracking_options(
            ConfigurationSetName=config_set, TrackingOptions=tracking("u.example.com")
        )
    assert_error(
        raised,
        "TrackingOptionsAlreadyExistsException",
        "Tracking options already exist for configuration set <tx>.",
    )
    assert describe(ses_client, "trackingOptions")["TrackingOptions"] == tracking("t.example.com")


def tracking_call(ses_client: Any, operation: str, set_name: str) -> Any:
    """One of the three tracking operations with valid arguments, ready to call."""
    method = getattr(ses_client, f"{operation}_configuration_set_tracking_options")
    if operation == "delete":
        return lambda: method(ConfigurationSetName=set_name)
    return lambda: method(ConfigurationSetName=set_name, TrackingOptions=tracking("t.example.com"))


@pytest.mark.parametrize("operation", ["update", "delete"])
def test_update_or_delete_without_tracking_options_is_does_not_exist(
    ses_client: Any, config_set: str, verified: str, operation: str
) -> None:
    call = tracking_call(ses_client, operation, config_set)
    with pytest.raises(ClientError) as raised:
        call()
    assert_error(
        raised, "TrackingOptionsDoesNotExistException", "Tracking options do not exist for configuration set <tx>."
    )


@pytest.mark.parametrize("operation", ["create", "update", "delete"])
def test_tracking_options_of_an_unknown_set_is_does_not_exist(
    ses_client: Any, verified: str, operation: str
) -> None:
    call = tracking_call(ses_client, operation, "nope")
    with pytest.raises(ClientError) as raised:
        call()
    assert_error(raised, "ConfigurationSetDoesNotExist", NOT_FOUND)


@pytest.mark.parametrize(
    "domain",
    [
        "nodot",
        "-bad.example.com",
        "bad-.example.com",
        "under_score.example.com",
        "a..example.com",
        "example.com.",
        "example.123",
        "x" * 64 + ".example.com",
        "http://track.example.com",
        "track.example.com/path",
        "träck.example.com",
    ],
)
def test_malformed_redirect_domains_are_invalid_tracking_options(
    ses_client: Any, config_set: str, verified: str, domain: str
) -> None:
    for operation in ("create", "update"):
        with pytest.raises(ClientError) as raised:
            getattr(ses_client, f"{operation}_configuration_set_tracking_options")(
                ConfigurationSetName=config_set, TrackingOptions=tracking(domain)
            )
        assert_error(
            raised,
            "InvalidTrackingOptions",
            f"Custom redirect domain <{domain}> is not a valid domain or subdomain.",
        )


def test_a_missing_redirect_domain_is_invalid_tracking_options(ses_client: Any, config_set: str) -> None:
    for options in ({}, tracking("")):
        with pytest.raises(ClientError) as raised:
            ses_client.create_configuration_set_tracking_options(
                ConfigurationSetName=config_set, TrackingOptions=options
            )
        assert_error(raised, "InvalidTrackingOptions", "A custom redirect domain must be specified.")


def test_an_unverified_redirect_domain_is_invalid_tracking_options(ses_client: Any, config_set: str) -> None:
    ses_client.verify_domain_identity(Domain="other.com")
    ses_client.verify_email_identity(EmailAddress="me@example.com")  # an address does not verify its domain
    with pytest.raises(ClientError) as raised:
        ses_client.create_configuration_set_tracking_options(
            ConfigurationSetName=config_set, TrackingOptions=tracking("track.example.com")
        )
    assert_error(
        raised,
        "InvalidTrackingOptions",
        "Custom redirect domain <track.example.com> is not verified in this account and Region.",
    )


@pytest.mark.parametrize(
    ("identity", "domain"),
    [
        ("track.example.com", "track.example.com"),
        ("example.com", "a.b.example.com"),
        ("example.com", "Track.EXAMPLE.com"),
    ],
)
def test_the_domain_itself_or_a_parent_domain_may_be_the_verified_identity(
    ses_client: Any, config_set: str, identity: str, domain: str
) -> None:
    ses_client.verify_domain_identity(Domain=identity)
    ses_client.create_configuration_set_tracking_options(
        ConfigurationSetName=config_set, TrackingOptions=tracking(domain)
    )
    assert describe(ses_client, "trackingOptions")["TrackingOptions"] == tracking(domain)


def test_v1_tracking_update_keeps_the_https_policy_set_through_v2(
    ses: Any, ses_client: Any, config_set: str, verified: str
) -> None:
    ses.store().sets["tx"].tracking = TrackingOptions("t.example.com", https_policy="REQUIRE")
    ses_client.update_configuration_set_tracking_options(
        ConfigurationSetName=config_set, TrackingOptions=tracking("u.example.com")
    )
    assert ses.store().sets["tx"].tracking == TrackingOptions("u.example.com", https_policy="REQUIRE")


# --- delivery options --------------------------------------------------------------------------------
def test_delivery_options_use_v1_casing_on_the_wire_and_the_model_casing_in_the_store(
    ses: Any, ses_client: Any, config_set: str
) -> None:
    ses_client.put_configuration_set_delivery_options(
        ConfigurationSetName=config_set, DeliveryOptions={"TlsPolicy": "Require"}
    )
    assert describe(ses_client, "deliveryOptions")["DeliveryOptions"] == {"TlsPolicy": "Require"}
    assert ses.store().sets["tx"].tls_policy == "REQUIRE"
    ses_client.put_configuration_set_delivery_options(
        ConfigurationSetName=config_set, DeliveryOptions={"TlsPolicy": "Optional"}
    )
    assert describe(ses_client, "deliveryOptions")["DeliveryOptions"] == {"TlsPolicy": "Optional"}
    assert ses.store().sets["tx"].tls_policy == "OPTIONAL"


def test_delivery_options_without_a_policy_reset_it_to_optional(ses_client: Any, config_set: str) -> None:
    ses_client.put_configuration_set_delivery_options(
        ConfigurationSetName=config_set, DeliveryOptions={"TlsPolicy": "Require"}
    )
    ses_client.put_configuration_set_delivery_options(ConfigurationSetName=config_set)
    assert describe(ses_client, "deliveryOptions")["DeliveryOptions"] == {"TlsPolicy": "Optional"}


def test_a_policy_set_through_v2_reads_in_v1_casing(ses: Any, ses_client: Any, config_set: str) -> None:
    ses.store().sets["tx"].tls_policy = "REQUIRE"
    assert describe(ses_client, "deliveryOptions")["DeliveryOptions"] == {"TlsPolicy": "Require"}


@pytest.mark.parametrize("policy", ["REQUIRE", "OPTIONAL", "require", "Always", " Require"])
def test_other_tls_policies_are_invalid_delivery_options(ses_client: Any, config_set: str, policy: str) -> None:
    with pytest.raises(ClientError) as raised:
        ses_client.put_configuration_set_delivery_options(
            ConfigurationSetName=config_set, DeliveryOptions={"TlsPolicy": policy}
        )
    assert_error(
        raised, "InvalidDeliveryOptions", f"Invalid TLS policy <{policy}>: valid values are Require and Optional."
    )


def test_delivery_options_of_an_unknown_set_is_does_not_exist(ses_client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        ses_client.put_configuration_set_delivery_options(
            ConfigurationSetName="nope", DeliveryOptions={"TlsPolicy": "Require"}
        )
    assert_error(raised, "ConfigurationSetDoesNotExist", NOT_FOUND)


def test_v1_delivery_options_keep_the_v2_sending_pool(ses: Any, ses_client: Any, config_set: str) -> None:
    ses.store().sets["tx"].sending_pool_name = "marketing"
    ses_client.put_configuration_set_delivery_options(
        ConfigurationSetName=config_set, DeliveryOptions={"TlsPolicy": "Require"}
    )
    stored = ses.store().sets["tx"]
    assert (stored.sending_pool_name, stored.tls_policy, stored.delivery_options_set) == (
        "marketing",
        "REQUIRE",
        True,
    )


# --- reputation metrics ------------------------------------------------------------------------------
def test_reputation_metrics_are_off_until_enabled(ses: Any, ses_client: Any, config_set: str) -> None:
    assert describe(ses_client, "reputationOptions")["ReputationOptions"]["ReputationMetricsEnabled"] is False
    ses_client.update_configuration_set_reputation_metrics_enabled(ConfigurationSetName=config_set, Enabled=True)
    assert describe(ses_client, "reputationOptions")["ReputationOptions"]["ReputationMetricsEnabled"] is True
    assert ses.store().sets["tx"].reputation_metrics_enabled is True
    ses_client.update_configuration_set_reputation_metrics_enabled(ConfigurationSetName=config_set, Enabled=False)
    assert describe(ses_client, "reputationOptions")["ReputationOptions"]["ReputationMetricsEnabled"] is False


def test_reputation_metrics_of_an_unknown_set_is_does_not_exist(ses_client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        ses_client.update_configuration_set_reputation_metrics_enabled(ConfigurationSetName="nope", Enabled=True)
    assert_error(raised, "ConfigurationSetDoesNotExist", NOT_FOUND)


# --- sending enabled ---------------------------------------------------------------------------------
def test_pausing_a_set_does_not_stamp_a_fresh_start(ses: Any, ses_client: Any, config_set: str) -> None:
    ses_client.update_configuration_set_sending_enabled(ConfigurationSetName=config_set, Enabled=False)
    assert describe(ses_client, "reputationOptions")["ReputationOptions"] == {
        "SendingEnabled": False,
        "ReputationMetricsEnabled": False,
    }
    assert ses.store().sets["tx"].sending_enabled is False


def test_re_enabling_a_paused_set_stamps_last_fresh_start(ses_client: Any, config_set: str) -> None:
    ses_client.update_configuration_set_sending_enabled(ConfigurationSetName=config_set, Enabled=False)
    with freeze_time("2026-03-01 12:30:45"):
        ses_client.update_configuration_set_sending_enabled(ConfigurationSetName=config_set, Enabled=True)
    reputation = describe(ses_client, "reputationOptions")["ReputationOptions"]
    assert reputation["SendingEnabled"] is True
    assert reputation["LastFreshStart"] == dt.datetime(2026, 3, 1, 12, 30, 45, tzinfo=dt.timezone.utc)


def test_enabling_an_enabled_set_is_not_a_fresh_start(ses_client: Any, config_set: str) -> None:
    ses_client.update_configuration_set_sending_enabled(ConfigurationSetName=config_set, Enabled=True)
    assert "LastFreshStart" not in describe(ses_client, "reputationOptions")["ReputationOptions"]


def test_sending_enabled_of_an_unknown_set_is_does_not_exist(ses_client: Any) -> None:
    with pytest.raises(ClientError) as raised:
        ses_client.update_configuration_set_sending_enabled(ConfigurationSetName="nope", Enabled=False)
    assert_error(raised, "ConfigurationSetDoesNotExist", NOT_FOUND)


# --- account sending ---------------------------------------------------------------------------------
def test_account_sending_is_enabled_by_default_and_can_be_paused_and_resumed(ses: Any, ses_client: Any) -> None:
    assert ses_client.get_account_sending_enabled()["Enabled"] is True
    ses_client.update_account_sending_enabled(Enabled=False)
    assert ses_client.get_account_sending_enabled()["Enabled"] is False
    assert ses.store().account.sending_enabled is False
    ses_client.update_account_sending_enabled(Enabled=True)
    assert ses_client.get_account_sending_enabled()["Enabled"] is True


def test_account_sending_update_without_enabled_pauses_sending(ses_client: Any) -> None:
    ses_client.update_account_sending_enabled()
    assert ses_client.get_account_sending_enabled()["Enabled"] is False


def test_account_sending_reads_the_shared_store(ses: Any, ses_client: Any) -> None:
    """v2's PutAccountSendingAttributes writes the same flag."""
    ses.store().account.sending_enabled = False
    assert ses_client.get_account_sending_enabled()["Enabled"] is False


def test_account_sending_is_per_region(ses: Any, ses_client: Any) -> None:
    ses_client.update_account_sending_enabled(Enabled=False)
    assert ses.client("ses", region="eu-west-1").get_account_sending_enabled()["Enabled"] is True
