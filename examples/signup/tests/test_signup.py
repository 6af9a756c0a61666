"""The signup flow against the fake SES: what was sent, through which set, and what the feedback did."""

from __future__ import annotations

import pytest

from pytest_ses import FakeSES, assert_event_published, assert_no_event_published, assert_sent


def test_welcome_email_goes_through_the_transactional_set(app, ses: FakeSES) -> None:
    user = app.signups.signup("ada@example.org")

    assert user.welcome_sent
    assert_sent(recipient="ada@example.org", configuration_set="transactional", tags={"flow": "signup"})
    assert_event_published("transactional", "send", recipient="ada@example.org")
    assert_event_published("transactional", "delivery", recipient="ada@example.org", destination="feedback-topic")
    message = ses.messages.one(recipient="ada@example.org")
    assert message.rule("tls").outcome == "REQUIRE"
    assert message.configuration_set_source == "parameter"


def test_permanent_bounce_stops_mail_to_the_address(app, ses: FakeSES) -> None:
    ses.outcome("gone@example.org", "bounce", bounce_type="Permanent", bounce_subtype="NoEmail")

    app.signups.signup("gone@example.org")
    app.feedback.poll()

    assert_event_published("transactional", "bounce", recipient="gone@example.org", bounce_subtype="NoEmail")
    user = app.users.get("gone@example.org")
    assert not user.mail_enabled
    assert user.disabled_reason == "bounce: NoEmail"


def test_mailbox_simulator_bounce_is_handled_too(app) -> None:
    app.signups.signup("bounce@simulator.amazonses.com")
    assert app.feedback.poll() == 2  # Send, then Bounce

    assert not app.users.get("bounce@simulator.amazonses.com").mail_enabled


def test_transient_bounce_keeps_the_address(app, ses: FakeSES) -> None:
    ses.outcome("full@example.org", "bounce", bounce_type="Transient", bounce_subtype="MailboxFull")

    app.signups.signup("full@example.org")
    app.feedback.poll()

    assert app.users.get("full@example.org").mail_enabled


@pytest.mark.ses(outcomes={"angry@example.org": "complaint"})
def test_complaint_stops_mail(app) -> None:
    app.signups.signup("angry@example.org")
    app.feedback.poll()

    assert_event_published(
        "transactional", "complaint", recipient="angry@example.org", complaint_feedback_type="abuse"
    )
    assert app.users.get("angry@example.org").disabled_reason == "complaint"


def test_address_on_the_suppression_list_is_never_delivered(app, ses: FakeSES) -> None:
    ses.client("sesv2").put_suppressed_destination(EmailAddress="old@example.org", Reason="BOUNCE")

    app.signups.signup("old@example.org")
    app.feedback.poll()

    assert_no_event_published("transactional", "delivery", recipient="old@example.org")
    assert_event_published("transactional", "bounce", bounce_subtype="OnAccountSuppressionList")
    assert not app.users.get("old@example.org").mail_enabled


def test_paused_set_keeps_the_user_and_sends_nothing(app, ses: FakeSES) -> None:
    ses.client("sesv2").put_configuration_set_sending_options(
        ConfigurationSetName="transactional", SendingEnabled=False
    )

    user = app.signups.signup("later@example.org")

    assert not user.welcome_sent
    rejected = ses.messages.one(recipient="later@example.org")
    assert (rejected.accepted, rejected.error_code) == (False, "SendingPausedException")
    assert rejected.rule("sending").reason == "sending is disabled for configuration set transactional"
