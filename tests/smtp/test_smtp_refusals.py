"""Every refusal of the SES SMTP interface, with SES's reply code and text, and what is recorded of it."""

from __future__ import annotations

import smtplib

import pytest
from smtp_helpers import RECIPIENT, SENDER, message, reply, transact

from pytest_ses import FakeSES
from pytest_ses.errors import UsageError
from pytest_ses.smtp.server import SmtpEndpoint
from pytest_ses.smtp_plugin import policy_from_markers


# --- authentication and TLS ---------------------------------------------------------------------------
@pytest.mark.ses_smtp(credentials=("AKIASMTPUSER", "smtp-secret"))
def test_wrong_credentials_are_refused(ses_smtp: SmtpEndpoint) -> None:
    with ses_smtp.connect(starttls=True) as client, pytest.raises(smtplib.SMTPAuthenticationError) as error:
        client.login("AKIASMTPUSER", "wrong")

    assert (error.value.smtp_code, error.value.smtp_error) == (535, b"Authentication Credentials Invalid")


@pytest.mark.ses_smtp(credentials=("AKIASMTPUSER", "smtp-secret"))
def test_configured_credentials_are_accepted(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    with ses_smtp.connect(starttls=True) as client:
        assert client.login("AKIASMTPUSER", "smtp-secret") == (235, b"Authentication successful")
        assert transact(client, message()).startswith("250 Ok ")
    assert ses.messages.last.accepted


@pytest.mark.ses_smtp(credentials=("AKIASMTPUSER", "smtp-secret"))
def test_configured_credentials_make_auth_required(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    with ses_smtp.connect() as client:
        assert transact(client, message()) == "530 Authentication required"
    assert len(ses.messages) == 0


@pytest.mark.ses_smtp(require_auth=True)
def test_auth_can_be_required_with_any_credentials(ses_smtp: SmtpEndpoint) -> None:
    with ses_smtp.connect() as client:
        assert transact(client, message()) == "530 Authentication required"
        client.login("whoever", "whatever")
        assert transact(client, message()).startswith("250 Ok ")


@pytest.mark.ses_smtp(credentials=("user", "pass"), require_auth=False)
def test_credentials_without_required_auth_let_anonymous_clients_send(ses_smtp: SmtpEndpoint) -> None:
    with ses_smtp.connect() as client:
        assert transact(client, message()).startswith("250 Ok ")


@pytest.mark.ses_smtp(require_tls=True)
def test_required_tls_refuses_commands_before_starttls(ses_smtp: SmtpEndpoint) -> None:
    with ses_smtp.connect() as client:
        assert "auth" not in client.esmtp_features
        assert reply(*client.docmd("AUTH", "PLAIN dXNlcgB1c2VyAHBhc3M=")) == (
            "530 Must issue a STARTTLS command first"
        )
        assert transact(client, message()) == "530 Must issue a STARTTLS command first"


@pytest.mark.ses_smtp(require_tls=True, credentials=("user", "pass"))
def test_required_tls_accepts_after_starttls(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    with ses_smtp.connect(starttls=True) as client:
        assert client.esmtp_features["auth"].split() == ["LOGIN", "PLAIN"]
        client.login("user", "pass")
        assert transact(client, message()).startswith("250 Ok ")


@pytest.mark.ses_smtp(require_tls=True, credentials=("user", "pass"))
def test_tls_wrapper_counts_as_tls(ses_smtp: SmtpEndpoint) -> None:
    with ses_smtp.connect(tls_wrapper=True) as client:
        client.login("user", "pass")
        assert transact(client, message()).startswith("250 Ok ")


def test_policy_changes_apply_to_new_connections(ses_smtp: SmtpEndpoint) -> None:
    from pytest_ses.smtp.policy import SmtpPolicy

    ses_smtp.policy = SmtpPolicy(credentials=("user", "pass"))
    with ses_smtp.connect() as client:
        assert transact(client, message()) == "530 Authentication required"


# --- the sender and the recipients ------------------------------------------------------------------------
def test_unverified_sender_is_rejected_after_data(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    with ses_smtp.connect() as client:
        result = transact(client, message(sender="someone@unverified.org"), sender="someone@unverified.org")

    assert result == (
        "554 Message rejected: Email address is not verified. The following identities failed the check "
        "in region US-EAST-1: someone@unverified.org"
    )
    record = ses.messages.last
    assert not record.accepted
    assert record.operation == "SendSmtpEmail"
    assert (record.error_code, record.message_id) == ("MessageRejected", None)
    assert record.rule("identity") is not None


def test_malformed_mail_from_is_refused(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    with ses_smtp.connect() as client:
        assert reply(*client.mail("not-an-address")) == "501 Invalid MAIL FROM address provided"
    assert len(ses.messages) == 0


def test_malformed_rcpt_to_is_refused(ses_smtp: SmtpEndpoint) -> None:
    with ses_smtp.connect() as client:
        assert transact(client, message(), to=["user2"]) == "501 Invalid RCPT TO address provided"


def test_more_than_fifty_recipients_fail_the_transaction(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    recipients = [f"r{n}@example.net" for n in range(51)]
    with ses_smtp.connect() as client:
        result = transact(client, message(), to=recipients)

    assert result == "554 Transaction failed: Recipient count exceeds 50."
    assert ses.messages.last.error_code == "InvalidParameterValue"


# --- configuration sets, account and message tags -------------------------------------------------------
def test_unknown_configuration_set_header_fails_the_transaction(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    with ses_smtp.connect() as client:
        result = transact(client, message(X_SES_CONFIGURATION_SET="nope"))

    assert result == "554 Transaction failed: Configuration set <nope> does not exist."
    record = ses.messages.last
    assert (record.accepted, record.error_code) == (False, "ConfigurationSetDoesNotExist")
    assert record.configuration_set_source == "header"


def test_paused_configuration_set_fails_the_transaction(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    ses.configuration_set("tx")
    ses.client("ses").update_configuration_set_sending_enabled(ConfigurationSetName="tx", Enabled=False)
    with ses_smtp.connect() as client:
        result = transact(client, message(X_SES_CONFIGURATION_SET="tx"))

    assert result == "554 Transaction failed: Email sending is disabled for configuration set <tx>."
    assert ses.messages.last.error_code == "ConfigurationSetSendingPausedException"
    ses.assert_no_event_published("tx", "Send")


def test_paused_account_fails_the_transaction(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    ses.client("ses").update_account_sending_enabled(Enabled=False)
    with ses_smtp.connect() as client:
        result = transact(client, message())

    assert result == "554 Transaction failed: Email sending is disabled for your entire Amazon SES account."
    assert ses.messages.last.error_code == "AccountSendingPausedException"


def test_invalid_message_tags_header_fails_the_transaction(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    with ses_smtp.connect() as client:
        result = transact(client, message(X_SES_MESSAGE_TAGS="bad tag=value"))

    record = ses.messages.last
    assert record.error_code == "InvalidParameterValue"
    assert result == f"554 Transaction failed: {record.error_message}"


# --- size ------------------------------------------------------------------------------------------------
@pytest.mark.ses_smtp(max_message_bytes=2_000)
def test_oversize_message_is_refused_after_data(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    with ses_smtp.connect() as client:
        assert client.esmtp_features["size"] == "2000"
        client.esmtp_features.pop("size")  # so smtplib does not declare the size at MAIL FROM
        assert transact(client, message(body=("x" * 70 + "\n") * 40)) == "552 Message is too long."
        assert transact(client, message(body="small")).startswith("250 Ok ")
    assert len(ses.messages) == 1


@pytest.mark.ses_smtp(max_message_bytes=2_000)
def test_declared_oversize_is_refused_at_mail_from(ses_smtp: SmtpEndpoint) -> None:
    with ses_smtp.connect() as client:
        assert reply(*client.mail(SENDER, ["SIZE=5000"])) == "552 Message is too long."
        assert reply(*client.mail(SENDER, ["SIZE=1000"])) == "250 Ok"
        assert reply(*client.rcpt(RECIPIENT)) == "250 Ok"


# --- the marker -------------------------------------------------------------------------------------------
@pytest.mark.ses_smtp(bogus=True)
def test_marker_rejects_unknown_keywords(request: pytest.FixtureRequest) -> None:
    with pytest.raises(UsageError, match=r"@pytest.mark.ses_smtp: .*bogus.*\(accepted: credentials, "):
        policy_from_markers(request.node)


@pytest.mark.ses_smtp("positional")
def test_marker_rejects_positional_arguments(request: pytest.FixtureRequest) -> None:
    with pytest.raises(UsageError, match="keyword arguments only"):
        policy_from_markers(request.node)


@pytest.mark.ses_smtp(credentials=("only-user",))
def test_marker_rejects_credentials_that_are_not_a_pair(request: pytest.FixtureRequest) -> None:
    with pytest.raises(UsageError, match=r"credentials must be a \(user name, password\) pair"):
        policy_from_markers(request.node)


@pytest.mark.ses_smtp(require_tls=True, max_message_bytes=10)
class TestMarkerMerging:
    @pytest.mark.ses_smtp(credentials=["u", "p"], require_tls=False)
    def test_the_test_marker_wins_over_the_class_marker(self, request: pytest.FixtureRequest) -> None:
        policy = policy_from_markers(request.node)
        assert (policy.credentials, policy.require_tls, policy.max_message_bytes) == (("u", "p"), False, 10)
