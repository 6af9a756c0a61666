"""An identity's default configuration set (SES v2), for identities created in either API."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from support import error_of


@pytest.fixture
def sets(ses_client: Any) -> tuple[str, str]:
    for name in ("tx", "marketing"):
        ses_client.create_configuration_set(ConfigurationSet={"Name": name})
    return "tx", "marketing"


def default_of(client: Any, identity: str) -> str | None:
    return client.get_email_identity(EmailIdentity=identity).get("ConfigurationSetName")


# --- CreateEmailIdentity -----------------------------------------------------------------------------
def test_create_identity_with_a_default_set(sesv2_client: Any, ses: Any, sets: tuple[str, str]) -> None:
    sesv2_client.create_email_identity(EmailIdentity="sender@example.com", ConfigurationSetName="tx")

    assert default_of(sesv2_client, "sender@example.com") == "tx"
    assert ses.store().identity_defaults == {"sender@example.com": "tx"}


def test_create_identity_without_a_default_set(sesv2_client: Any) -> None:
    created = sesv2_client.create_email_identity(EmailIdentity="example.com")
    identity = sesv2_client.get_email_identity(EmailIdentity="example.com")

    assert created["IdentityType"] == "DOMAIN"
    assert identity["IdentityType"] == "DOMAIN"
    assert identity["Tags"] == []
    assert "ConfigurationSetName" not in identity


def test_create_identity_with_a_set_that_does_not_exist(sesv2_client: Any, ses: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.create_email_identity(EmailIdentity="sender@example.com", ConfigurationSetName="nope")

    assert error_of(excinfo) == ("NotFoundException", "Configuration set <nope> does not exist.", 404)
    assert ses.store().identity_defaults == {}
    with pytest.raises(ClientError) as lookup:
        sesv2_client.get_email_identity(EmailIdentity="sender@example.com")
    assert error_of(lookup)[0::2] == ("NotFoundException", 404)


def test_create_an_identity_that_exists(sesv2_client: Any, ses_client: Any, sets: tuple[str, str]) -> None:
    ses_client.verify_email_identity(EmailAddress="sender@example.com")

    with pytest.raises(ClientError) as excinfo:
        sesv2_client.create_email_identity(EmailIdentity="sender@example.com", ConfigurationSetName="tx")

    assert error_of(excinfo) == ("AlreadyExistsException", "Email identity sender@example.com already exist.", 400)
    assert default_of(sesv2_client, "sender@example.com") is None


# --- PutEmailIdentityConfigurationSetAttributes ------------------------------------------------------
def test_put_sets_replaces_and_clears_the_default(sesv2_client: Any, ses: Any, sets: tuple[str, str]) -> None:
    sesv2_client.create_email_identity(EmailIdentity="example.com")

    sesv2_client.put_email_identity_configuration_set_attributes(
        EmailIdentity="example.com", ConfigurationSetName="tx"
    )
    first = default_of(sesv2_client, "example.com")
    sesv2_client.put_email_identity_configuration_set_attributes(
        EmailIdentity="example.com", ConfigurationSetName="marketing"
    )
    second = default_of(sesv2_client, "example.com")
    sesv2_client.put_email_identity_configuration_set_attributes(EmailIdentity="example.com")

    assert (first, second) == ("tx", "marketing")
    assert default_of(sesv2_client, "example.com") is None
    assert ses.store().identity_defaults == {}


def test_put_clears_a_default_given_at_creation(sesv2_client: Any, sets: tuple[str, str]) -> None:
    sesv2_client.create_email_identity(EmailIdentity="sender@example.com", ConfigurationSetName="tx")

    sesv2_client.put_email_identity_configuration_set_attributes(EmailIdentity="sender@example.com")

    assert default_of(sesv2_client, "sender@example.com") is None


def test_one_set_can_be_the_default_of_many_identities(sesv2_client: Any, sets: tuple[str, str]) -> None:
    for identity in ("a@example.com", "b@example.com", "example.org"):
        sesv2_client.create_email_identity(EmailIdentity=identity)
        sesv2_client.put_email_identity_configuration_set_attributes(
            EmailIdentity=identity, ConfigurationSetName="tx"
        )

    assert [default_of(sesv2_client, i) for i in ("a@example.com", "b@example.com", "example.org")] == ["tx"] * 3


def test_put_for_an_identity_that_does_not_exist(sesv2_client: Any, ses: Any, sets: tuple[str, str]) -> None:
    with pytest.raises(ClientError) as excinfo:
        sesv2_client.put_email_identity_configuration_set_attributes(
            EmailIdentity="ghost@example.com", ConfigurationSetName="tx"
        )

    assert error_of(excinfo) == ("NotFoundException", "Email identity <ghost@example.com> does not exist.", 404)
    assert ses.store().identity_defaults == {}


def test_put_with_a_set_that_does_not_exist_keeps_the_old_default(
    sesv2_client: Any, sets: tuple[str, str]
) -> None:
    sesv2_client.create_email_identity(EmailIdentity="sender@example.com", ConfigurationSetName="tx")

    with pytest.raises(ClientError) as excinfo:
        sesv2_client.put_email_identity_configuration_set_attributes(
            EmailIdentity="sender@example.com", ConfigurationSetName="nope"
        )

    assert error_of(excinfo) == ("NotFoundException", "Configuration set <nope> does not exist.", 404)
    assert default_of(sesv2_client, "sender@example.com") == "tx"


# --- identities verified through v1 ------------------------------------------------------------------
def test_v1_email_identity_gets_a_default_through_v2(
    ses_client: Any, sesv2_client: Any, ses: Any, sets: tuple[str, str]
) -> None:
    ses_client.verify_email_identity(EmailAddress="v1@example.com")

    sesv2_client.put_email_identity_configuration_set_attributes(
        EmailIdentity="v1@example.com", ConfigurationSetName="marketing"
    )

    identity = sesv2_client.get_email_identity(EmailIdentity="v1@example.com")
    assert identity["IdentityType"] == "EMAIL_ADDRESS"
    assert identity["ConfigurationSetName"] == "marketing"
    assert ses.store().identity_defaults == {"v1@example.com": "marketing"}


def test_v1_domain_identity_gets_a_default_through_v2(
    ses_client: Any, sesv2_client: Any, sets: tuple[str, str]
) -> None:
    ses_client.verify_domain_identity(Domain="example.net")

    sesv2_client.put_email_identity_configuration_set_attributes(
        EmailIdentity="example.net", ConfigurationSetName="tx"
    )

    assert default_of(sesv2_client, "example.net") == "tx"


# --- lifecycle ---------------------------------------------------------------------------------------
def test_deleting_the_set_leaves_the_default_dangling(
    ses_client: Any, sesv2_client: Any, ses: Any, sets: tuple[str, str]
) -> None:
    sesv2_client.create_email_identity(EmailIdentity="sender@example.com", ConfigurationSetName="tx")

    ses_client.delete_configuration_set(ConfigurationSetName="tx")

    assert "tx" not in ses.store().sets
    assert default_of(sesv2_client, "sender@example.com") == "tx"


def test_deleting_the_identity_forgets_its_default(sesv2_client: Any, ses: Any, sets: tuple[str, str]) -> None:
    sesv2_client.create_email_identity(EmailIdentity="sender@example.com", ConfigurationSetName="tx")

    sesv2_client.delete_email_identity(EmailIdentity="sender@example.com")
    sesv2_client.create_email_identity(EmailIdentity="sender@example.com")

    assert default_of(sesv2_client, "sender@example.com") is None
    assert ses.store().identity_defaults == {}


@pytest.mark.parametrize("operation", ["get", "delete"])
def test_an_identity_that_does_not_exist(sesv2_client: Any, operation: str) -> None:
    call = sesv2_client.get_email_identity if operation == "get" else sesv2_client.delete_email_identity

    with pytest.raises(ClientError) as excinfo:
        call(EmailIdentity="ghost@example.com")

    assert error_of(excinfo) == ("NotFoundException", "Email identity <ghost@example.com> does not exist.", 404)


def test_defaults_belong_to_one_region(sesv2_client: Any, ses: Any, sets: tuple[str, str]) -> None:
    sesv2_client.create_email_identity(EmailIdentity="sender@example.com", ConfigurationSetName="tx")
    other = ses.client("sesv2", region="eu-west-1")
    other.create_email_identity(EmailIdentity="sender@example.com")

    assert default_of(other, "sender@example.com") is None
    assert default_of(sesv2_client, "sender@example.com") == "tx"
