"""The plain parts of the SMTP interface (replies, policy, SMTP → SendRequest) and the endpoint's lifecycle."""

from __future__ import annotations

import smtplib
import socket
from pathlib import Path

import pytest
from smtp_helpers import message, transact

from pytest_ses import FakeSES
from pytest_ses.bridge import BRIDGE
from pytest_ses.errors import AwsError, UsageError
from pytest_ses.smtp import replies, submission
from pytest_ses.smtp.policy import MAX_MESSAGE_BYTES, SmtpPolicy
from pytest_ses.smtp.server import SmtpEndpoint


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("MessageRejected", "554 Message rejected: text"),
        ("Throttling", "454 Throttling failure: text"),
        ("ThrottlingException", "454 Throttling failure: text"),
        ("AccessDenied", "554 Access denied: text"),
        ("AccessDeniedException", "554 Access denied: text"),
        ("ConfigurationSetDoesNotExist", "554 Transaction failed: text"),
        ("AccountSendingPausedException", "554 Transaction failed: text"),
        ("InvalidParameterValue", "554 Transaction failed: text"),
    ],
)
def test_refusals_read_as_ses_writes_them(code: str, expected: str) -> None:
    assert replies.refused(AwsError(code, "text")) == expected


def test_a_refusal_stays_on_one_line() -> None:
    assert replies.refused(AwsError("MessageRejected", "a\r\nb\nc")) == "554 Message rejected: a b c"


def test_accepted_reply_carries_the_message_id() -> None:
    assert replies.accepted("0100-abc-000000") == "250 Ok 0100-abc-000000"
    assert replies.status_code(replies.MESSAGE_TOO_LONG) == 552


def test_default_policy_is_lenient_and_allows_forty_megabytes() -> None:
    policy = SmtpPolicy()
    assert (policy.auth_required, policy.require_tls) == (False, False)
    assert policy.accepts("anyone", "anything")
    assert MAX_MESSAGE_BYTES == 41_943_040
    assert not policy.too_long(MAX_MESSAGE_BYTES)
    assert policy.too_long(MAX_MESSAGE_BYTES + 1)


def test_credentials_policy_accepts_only_its_pair() -> None:
    policy = SmtpPolicy(credentials=("user", "pass"))
    assert policy.auth_required
    assert policy.accepts("user", "pass")
    assert not policy.accepts("user", "other")
    assert not policy.accepts("other", "pass")


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ({"credentials": ("a", "b", "c")}, "credentials must be a"),
        ({"max_message_bytes": 0}, "max_message_bytes must be positive"),
    ],
)
def test_policy_refuses_impossible_settings(options: dict[str, object], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        SmtpPolicy(**options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("address", "ok"),
    [("a@example.com", True), ("user2", False), ("@example.com", False), ("a@", False), ("a b@x.org", False)],
)
def test_address_checks(address: str, ok: bool) -> None:
    assert (submission.mail_from_reply(address) is None) is ok
    assert (submission.rcpt_to_reply(address) is None) is ok


def test_smtp_request_is_a_v1_raw_send_named_sendsmtpemail() -> None:
    content = b"From: x@example.com\r\n\r\nhi\xff"
    request = submission.smtp_request("bounce@example.com", ["a@example.net"], content)
    assert (request.operation, request.api) == ("SendSmtpEmail", "v1")
    assert (request.source, request.envelope) == ("bounce@example.com", ("a@example.net",))
    assert request.raw == "From: x@example.com\r\n\r\nhi\ufffd"
    assert (request.configuration_set, request.tags) == (None, None)


def test_an_empty_envelope_sender_falls_back_to_the_from_header() -> None:
    request = submission.smtp_request("", ["a@example.net"], b"From: Team <team@example.com>\r\n\r\nhi")
    assert request.source == "Team <team@example.com>"


def test_no_sender_anywhere_is_rejected() -> None:
    with pytest.raises(AwsError) as error:
        submission.smtp_request("", ["a@example.net"], b"Subject: x\r\n\r\nhi")
    assert (error.value.code, error.value.message) == ("MessageRejected", "Source not specified")


# --- lifecycle ---------------------------------------------------------------------------------------------
def test_addresses_need_a_started_endpoint() -> None:
    endpoint = SmtpEndpoint(region="us-east-1", account_id="123456789012")
    for read in (
        lambda: endpoint.port,
        lambda: endpoint.tls_port,
        lambda: endpoint.certificate_authority,
        endpoint.client_ssl_context,
    ):
        with pytest.raises(UsageError, match="not started"):
            read()
    endpoint.stop()  # harmless when never started


def test_start_twice_is_refused_and_stop_frees_the_ports(ses: FakeSES) -> None:
    endpoint = SmtpEndpoint(region=ses.region, account_id=ses.account_id).start()
    port, authority = endpoint.port, endpoint.certificate_authority
    try:
        with pytest.raises(UsageError, match="already started"):
            endpoint.start()
    finally:
        endpoint.stop()
    assert not endpoint.started
    assert not authority.exists()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_stop_closes_open_connections(ses: FakeSES) -> None:
    endpoint = SmtpEndpoint(region=ses.region, account_id=ses.account_id).start()
    client = endpoint.connect()
    endpoint.stop()
    with pytest.raises(smtplib.SMTPServerDisconnected):
        client.noop()
    client.close()


def test_a_busy_port_fails_the_start(ses: FakeSES) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        endpoint = SmtpEndpoint(region=ses.region, account_id=ses.account_id, port=taken.getsockname()[1])
        with pytest.raises(OSError, match="address already in use"):
            endpoint.start()
    assert not endpoint.started


def test_endpoint_uses_its_own_region(ses: FakeSES) -> None:
    ses.client("sesv2", region="eu-west-1").create_email_identity(EmailIdentity="example.com")
    with SmtpEndpoint(region="eu-west-1", account_id=ses.account_id) as endpoint, endpoint.connect() as client:
        assert endpoint.hostname == "email-smtp.eu-west-1.amazonaws.com"
        assert transact(client, message()).startswith("250 Ok ")
    assert ses.messages.last.region == "eu-west-1"


def test_without_an_active_fake_the_endpoint_answers_a_temporary_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(BRIDGE, "active", None)
    endpoint = SmtpEndpoint(region="us-east-1", account_id="123456789012")
    assert endpoint.deliver("a@example.com", ["b@example.net"], b"From: a@example.com\r\n\r\nhi") == (
        "451 Temporary service failure"
    )


def test_a_bug_in_the_pipeline_is_kept_for_the_test(ses: FakeSES, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(submission, "send", broken)
    with SmtpEndpoint(region=ses.region, account_id=ses.account_id) as endpoint, endpoint.connect() as client:
        assert transact(client, message()) == "451 Temporary service failure"
    assert [str(error) for error in endpoint.errors] == ["boom"]


def test_a_failed_start_leaves_nothing_behind(
    ses: FakeSES, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pytest_ses.smtp import certificate, server

    made: list[str] = []

    def temporary_directory(prefix: str) -> str:
        made.append(str(tmp_path / f"{prefix}x"))
        (tmp_path / f"{prefix}x").mkdir()
        return made[-1]

    def broken(directory: object) -> None:
        raise RuntimeError("no certificate today")

    monkeypatch.setattr(server.tempfile, "mkdtemp", temporary_directory)
    monkeypatch.setattr(certificate, "create", broken)
    endpoint = SmtpEndpoint(region=ses.region, account_id=ses.account_id)
    with pytest.raises(RuntimeError, match="no certificate today"):
        endpoint.start()
    assert not endpoint.started
    assert len(made) == 1
    assert not (tmp_path / "pytest-ses-smtp-x").exists()
