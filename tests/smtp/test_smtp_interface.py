"""The SES SMTP interface through smtplib: connections, TLS, AUTH, and what an accepted message becomes."""

from __future__ import annotations

import smtplib
import ssl

import pytest
from freezegun import freeze_time
from smtp_helpers import RECIPIENT, SENDER, message, transact

from pytest_ses import FakeSES
from pytest_ses.smtp.server import SmtpEndpoint


def _accepted(ses: FakeSES, reply: str) -> str:
    """The message id of the one accepted message, checked against the ``250 Ok <id>`` reply."""
    record = ses.messages.last
    assert record.accepted
    assert reply == f"250 Ok {record.message_id}"
    assert record.message_id is not None
    return record.message_id


def test_plain_connection_sends_through_the_pipeline(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    with ses_smtp.connect() as client:
        reply = transact(client, message())

    _accepted(ses, reply)
    record = ses.messages.last
    assert record.operation == "SendSmtpEmail"
    assert record.api_version == "v1"
    assert record.source == SENDER
    assert record.destinations == (RECIPIENT,)
    assert record.subject == "Hello"
    assert record.raw is not None
    assert "Hi there" in record.raw


def test_greeting_and_ehlo_name_the_regional_endpoint_and_its_extensions(ses_smtp: SmtpEndpoint) -> None:
    client = smtplib.SMTP()
    try:
        code, greeting = client.connect(ses_smtp.host, ses_smtp.port)
        assert code == 220
        assert greeting.decode().startswith("email-smtp.us-east-1.amazonaws.com ESMTP")
        code, _ = client.ehlo("client.example.com")
        assert code == 250
        assert client.esmtp_features["size"] == str(40 * 1024 * 1024)
        assert "starttls" in client.esmtp_features
        assert client.esmtp_features["auth"].split() == ["LOGIN", "PLAIN"]
    finally:
        client.quit()


def test_starttls_with_a_verified_certificate_then_auth_login(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    with smtplib.SMTP(ses_smtp.host, ses_smtp.port) as client:
        client.starttls(context=ses_smtp.client_ssl_context())
        assert isinstance(client.sock, ssl.SSLSocket)
        client.ehlo()
        assert "starttls" not in client.esmtp_features
        client.user, client.password = "AKIAEXAMPLE", "secret"
        assert client.auth("LOGIN", client.auth_login, initial_response_ok=False) == (
            235,
            b"Authentication successful",
        )
        _accepted(ses, transact(client, message()))


def test_auth_plain_with_any_credentials(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    with ses_smtp.connect(starttls=True) as client:
        client.user, client.password = "anyone", "anything"
        assert client.auth("PLAIN", client.auth_plain) == (235, b"Authentication successful")
        _accepted(ses, transact(client, message()))


def test_auth_over_a_plain_connection_is_accepted_by_default(ses_smtp: SmtpEndpoint) -> None:
    with ses_smtp.connect() as client:
        assert client.login("user", "password") == (235, b"Authentication successful")


def test_tls_wrapper_port(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    with smtplib.SMTP_SSL(ses_smtp.host, ses_smtp.tls_port, context=ses_smtp.client_ssl_context()) as client:
        client.ehlo()
        assert "starttls" not in client.esmtp_features
        client.login("user", "password")
        _accepted(ses, transact(client, message()))


def test_the_certificate_is_not_trusted_without_the_endpoint_authority(ses_smtp: SmtpEndpoint) -> None:
    with smtplib.SMTP(ses_smtp.host, ses_smtp.port) as client, pytest.raises(ssl.SSLCertVerificationError):
        client.starttls(context=ssl.create_default_context())


def test_the_authority_file_verifies_the_endpoint(ses_smtp: SmtpEndpoint) -> None:
    context = ssl.create_default_context(cafile=str(ses_smtp.certificate_authority))
    with smtplib.SMTP(ses_smtp.host, ses_smtp.port) as client:
        assert client.starttls(context=context)[0] == 220


def test_several_messages_on_one_connection_get_their_own_ids(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    with ses_smtp.connect() as client:
        first = transact(client, message(subject="one"))
        second = transact(client, message(subject="two"))

    ids = [record.message_id for record in ses.messages]
    assert [first, second] == [f"250 Ok {ids[0]}", f"250 Ok {ids[1]}"]
    assert ids[0] != ids[1]
    assert [record.subject for record in ses.messages] == ["one", "two"]


def test_envelope_recipients_are_the_destinations_bcc_included(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    with ses_smtp.connect() as client:
        reply = transact(client, message(to=["a@example.net"]), to=["a@example.net", "hidden@example.org"])

    _accepted(ses, reply)
    assert ses.messages.last.destinations == ("a@example.net", "hidden@example.org")


def test_envelope_sender_is_the_source(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    with ses_smtp.connect() as client:
        reply = transact(client, message(sender="Team <team@example.com>"), sender="bounces@example.com")

    _accepted(ses, reply)
    assert ses.messages.last.source == "bounces@example.com"


def test_configuration_set_and_tags_headers_are_honoured(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    handle = ses.configuration_set("tx")
    mail = message(X_SES_CONFIGURATION_SET="tx", X_SES_MESSAGE_TAGS="campaign=spring, team=growth")
    with ses_smtp.connect() as client:
        message_id = _accepted(ses, transact(client, mail))

    record = ses.message(message_id)
    assert record.configuration_set == "tx"
    assert record.configuration_set_source == "header"
    assert record.tags == (("campaign", "spring"), ("team", "growth"))
    assert [event.event_type for event in record.events] == ["Send", "Delivery"]
    received = handle.received()
    assert [event["eventType"] for event in received] == ["Send", "Delivery"]
    tags = received[0]["mail"]["tags"]
    assert tags["ses:operation"] == ["SendSmtpEmail"]
    assert tags["ses:configuration-set"] == ["tx"]
    assert tags["campaign"] == ["spring"]
    assert received[0]["mail"]["messageId"] == message_id


def test_identity_default_set_applies_to_smtp_mail(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    ses.configuration_set("defaults")
    ses.client("sesv2").put_email_identity_configuration_set_attributes(
        EmailIdentity="example.com", ConfigurationSetName="defaults"
    )
    with ses_smtp.connect() as client:
        message_id = _accepted(ses, transact(client, message()))

    assert ses.message(message_id).configuration_set_source == "identity-default"
    ses.assert_event_published("defaults", "Send", message_id=message_id)


def test_programmed_outcomes_apply_to_smtp_mail(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    ses.configuration_set("tx")
    ses.outcome(RECIPIENT, "bounce")
    with ses_smtp.connect() as client:
        message_id = _accepted(ses, transact(client, message(X_SES_CONFIGURATION_SET="tx")))

    bounce = ses.assert_event_published("tx", "Bounce", message_id=message_id)[0]
    assert bounce.recipients == (RECIPIENT,)


def test_accepted_mail_is_kept_where_moto_keeps_sent_mail(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    with ses_smtp.connect() as client:
        message_id = _accepted(ses, transact(client, message()))

    quota = ses.client("ses").get_send_quota()
    assert quota["SentLast24Hours"] == 1.0
    assert ses.message(message_id).raw is not None


def test_8bit_utf8_body_is_kept(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    mail = message(body="Größe: 10 €")
    assert mail["Content-Transfer-Encoding"] == "8bit"
    with ses_smtp.connect() as client:
        _accepted(ses, transact(client, mail))

    raw = ses.messages.last.raw
    assert raw is not None
    assert "Größe: 10 €" in raw


def test_a_frozen_clock_stamps_smtp_mail(ses: FakeSES, ses_smtp: SmtpEndpoint) -> None:
    with freeze_time("2026-03-01T12:00:00Z"), ses_smtp.connect() as client:
        _accepted(ses, transact(client, message()))

    assert ses.messages.last.timestamp.isoformat() == "2026-03-01T12:00:00+00:00"


def test_an_endpoint_started_under_a_frozen_clock_still_does_tls(ses: FakeSES) -> None:
    with (
        freeze_time("2001-02-03T04:05:06Z"),
        SmtpEndpoint(region=ses.region, account_id=ses.account_id) as endpoint,
        endpoint.connect(starttls=True) as client,
    ):
        client.login("user", "password")
        _accepted(ses, transact(client, message()))

    assert ses.messages.last.timestamp.isoformat() == "2001-02-03T04:05:06+00:00"
