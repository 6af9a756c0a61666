"""SES v2 account settings (``GetAccount`` and the account-wide ``Put*`` switches), through real boto3 clients."""

from __future__ import annotations

from typing import Any

import pytest


def account_view(client: Any) -> dict[str, Any]:
    return {key: value for key, value in client.get_account().items() if key != "ResponseMetadata"}


def test_get_account_of_a_new_production_account(sesv2_client: Any) -> None:
    assert account_view(sesv2_client) == {
        "DedicatedIpAutoWarmupEnabled": False,
        "EnforcementStatus": "HEALTHY",
        "ProductionAccessEnabled": True,
        "SendQuota": {"Max24HourSend": 50000.0, "MaxSendRate": 14.0, "SentLast24Hours": 0.0},
        "SendingEnabled": True,
        "SuppressionAttributes": {"SuppressedReasons": ["BOUNCE", "COMPLAINT"]},
    }


def test_a_sandbox_account_has_the_sandbox_quota(sesv2_client: Any, ses: Any) -> None:
    ses.store().account.production_access = False

    account = sesv2_client.get_account()

    assert account["ProductionAccessEnabled"] is False
    assert account["SendQuota"] == {"Max24HourSend": 200.0, "MaxSendRate": 1.0, "SentLast24Hours": 0.0}


@pytest.mark.parametrize("enabled", [False, True])
def test_put_account_sending_attributes(sesv2_client: Any, ses: Any, enabled: bool) -> None:
    ses.store().account.sending_enabled = not enabled

    sesv2_client.put_account_sending_attributes(SendingEnabled=enabled)

    assert sesv2_client.get_account()["SendingEnabled"] is enabled
    assert ses.store().account.sending_enabled is enabled


def test_put_account_sending_attributes_without_the_flag_disables_sending(sesv2_client: Any) -> None:
    sesv2_client.put_account_sending_attributes()

    assert sesv2_client.get_account()["SendingEnabled"] is False


def test_v2_pausing_the_account_shows_in_v1(sesv2_client: Any, ses_client: Any) -> None:
    sesv2_client.put_account_sending_attributes(SendingEnabled=False)

    assert ses_client.get_account_sending_enabled()["Enabled"] is False


def test_v1_pausing_the_account_shows_in_v2(sesv2_client: Any, ses_client: Any) -> None:
    ses_client.update_account_sending_enabled(Enabled=False)
    paused = sesv2_client.get_account()["SendingEnabled"]
    ses_client.update_account_sending_enabled(Enabled=True)

    assert paused is False
    assert sesv2_client.get_account()["SendingEnabled"] is True


@pytest.mark.parametrize("enabled", [True, False])
def test_put_account_dedicated_ip_warmup_attributes(sesv2_client: Any, ses: Any, enabled: bool) -> None:
    ses.store().account.dedicated_ip_auto_warmup = not enabled

    sesv2_client.put_account_dedicated_ip_warmup_attributes(AutoWarmupEnabled=enabled)

    assert sesv2_client.get_account()["DedicatedIpAutoWarmupEnabled"] is enabled


def test_account_settings_belong_to_one_region(sesv2_client: Any, ses: Any) -> None:
    sesv2_client.put_account_sending_attributes(SendingEnabled=False)
    sesv2_client.put_account_suppression_attributes(SuppressedReasons=[])

    other = ses.client("sesv2", region="eu-west-1").get_account()

    assert other["SendingEnabled"] is True
    assert other["SuppressionAttributes"]["SuppressedReasons"] == ["BOUNCE", "COMPLAINT"]
