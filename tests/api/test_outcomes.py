"""Programmed outcomes: ``ses.outcome(recipient, name, **details)`` and the marker's ``outcomes=``.

Every outcome name, the events it leads to and the record fields its details set; every validation
error, word for word.
"""

from __future__ import annotations

from typing import Any

import pytest

from pytest_ses import FakeSES, UsageError


def types_of(ses: FakeSES, message_id: str) -> list[str]:
    return [e.event_type for e in ses.message(message_id).events]


def details(ses: FakeSES, message_id: str, event_type: str) -> dict[str, Any]:
    return ses.events.one(message_id=message_id, event_type=event_type).details


# --- every outcome -----------------------------------------------------------------------------------------
def test_without_an_outcome_mail_is_delivered(ses: FakeSES, send: Any) -> None:
    message_id = send("a@example.net")

    assert types_of(ses, message_id) == ["Send", "Delivery"]
    assert details(ses, message_id, "delivery")["smtpResponse"] == "250 2.6.0 Message received"
    assert ses.message(message_id).rule("outcome").reason == "a@example.net: no outcome programmed: delivered"


def test_deliver_with_an_smtp_response(ses: FakeSES, send: Any) -> None:
    ses.outcome("a@example.net", "deliver", smtp_response="250 OK queued")
    message_id = send("a@example.net")

    assert types_of(ses, message_id) == ["Send", "Delivery"]
    assert ses.message(message_id).rule("outcome").outcome == "deliver"


def test_bounce_defaults_to_a_permanent_general_bounce(ses: FakeSES, send: Any) -> None:
    ses.outcome("a@example.net", "bounce")
    message_id = send("a@example.net")

    bounce = details(ses, message_id, "bounce")
    assert types_of(ses, message_id) == ["Send", "Bounce"]
    assert (bounce["bounceType"], bounce["bounceSubType"]) == ("Permanent", "General")
    assert bounce["bouncedRecipients"] == [
        {
            "emailAddress": "a@example.net",
            "action": "failed",
            "status": "5.1.1",
            "diagnosticCode": "smtp; 550 5.1.1 user unknown",
        }
    ]


def test_bounce_with_every_detail(ses: FakeSES, send: Any) -> None:
    ses.outcome(
        "a@example.net",
        "bounce",
        bounce_type="Transient",
        bounce_subtype="MailboxFull",
        status="4.2.2",
        diagnostic_code="smtp; 452 4.2.2 mailbox full",
        action="delayed",
    )
    message_id = send("a@example.net")

    bounce = details(ses, message_id, "bounce")
    assert (bounce["bounceType"], bounce["bounceSubType"]) == ("Transient", "MailboxFull")
    assert bounce["bouncedRecipients"][0] == {
        "emailAddress": "a@example.net",
        "action": "delayed",
        "status": "4.2.2",
        "diagnosticCode": "smtp; 452 4.2.2 mailbox full",
    }
    assert ses.message(message_id).rule("outcome").outcome == "bounce Transient/MailboxFull"


def test_a_transient_bounce_gets_a_transient_status(ses: FakeSES, send: Any) -> None:
    ses.outcome("a@example.net", "bounce", bounce_type="Transient")
    message_id = send("a@example.net")

    entry = details(ses, message_id, "bounce")["bouncedRecipients"][0]
    assert (entry["status"], entry["diagnosticCode"]) == ("4.0.0", "smtp; 452 4.0.0 temporary failure")


def test_complaint_is_delivered_then_complained_about(ses: FakeSES, send: Any) -> None:
    ses.outcome("a@example.net", "complaint", feedback_type="fraud", user_agent="Yahoo!-Mail-Feedback/2.0")
    message_id = send("a@example.net")

    complaint = details(ses, message_id, "complaint")
    assert types_of(ses, message_id) == ["Send", "Delivery", "Complaint"]
    assert (complaint["complaintFeedbackType"], complaint["userAgent"]) == ("fraud", "Yahoo!-Mail-Feedback/2.0")
    assert complaint["complainedRecipients"] == [{"emailAddress": "a@example.net"}]


def test_a_complaint_without_feedback_type(ses: FakeSES, send: Any) -> None:
    ses.outcome("a@example.net", "complaint", feedback_type=None, complaint_subtype="OnAccountSuppressionList")
    message_id = send("a@example.net")

    complaint = details(ses, message_id, "complaint")
    assert complaint["complaintSubType"] == "OnAccountSuppressionList"
    assert "complaintFeedbackType" not in complaint


def test_delay_then_delivery(ses: FakeSES, send: Any) -> None:
    ses.outcome("a@example.net", "delay", delay_type="MailboxFull", status="4.2.2")
    message_id = send("a@example.net")

    delay = details(ses, message_id, "delivery delay")
    assert types_of(ses, message_id) == ["Send", "DeliveryDelay", "Delivery"]
    assert delay["delayType"] == "MailboxFull"
    assert delay["delayedRecipients"][0]["status"] == "4.2.2"


def test_delay_then_bounce(ses: FakeSES, send: Any) -> None:
    ses.outcome("a@example.net", "delay", then="bounce", bounce_type="Permanent", bounce_subtype="NoEmail")
    message_id = send("a@example.net")

    assert types_of(ses, message_id) == ["Send", "DeliveryDelay", "Bounce"]
    assert details(ses, message_id, "bounce")["bounceSubType"] == "NoEmail"


def test_reject_replaces_the_send_event(ses: FakeSES, send: Any) -> None:
    ses.outcome("a@example.net", "reject", reason="Virus detected")
    message_id = send("a@example.net")

    assert types_of(ses, message_id) == ["Reject"]
    assert details(ses, message_id, "reject") == {"reason": "Virus detected"}
    assert ses.message(message_id).accepted


def test_auto_reply_is_a_delivery(ses: FakeSES, send: Any) -> None:
    ses.outcome("a@example.net", "auto-reply")
    message_id = send("a@example.net")

    assert types_of(ses, message_id) == ["Send", "Delivery"]
    assert ses.message(message_id).rule("outcome").outcome == "auto-reply"


def test_one_call_programs_several_addresses_case_insensitively(ses: FakeSES, send: Any) -> None:
    ses.outcome(["A@Example.NET", "b@example.net"], "bounce")
    message_id = send("a@example.net", "b@example.net", "c@example.net")

    [bounce] = ses.events.filter(event_type="bounce")
    assert bounce.recipients == ("a@example.net", "b@example.net")
    assert types_of(ses, message_id) == ["Send", "Delivery", "Bounce"]


def test_a_later_outcome_replaces_an_earlier_one(ses: FakeSES, send: Any) -> None:
    ses.outcome("a@example.net", "bounce")
    ses.outcome("a@example.net", "complaint")

    assert types_of(ses, send("a@example.net")) == ["Send", "Delivery", "Complaint"]


# --- the marker --------------------------------------------------------------------------------------------
@pytest.mark.ses(
    outcomes={
        "a@example.net": "complaint",
        "b@example.net": ("bounce", {"bounce_type": "Transient"}),
        "c@example.net": {"outcome": "delay", "then": "bounce"},
    }
)
def test_marker_outcomes_in_each_form(ses: FakeSES, send: Any) -> None:
    send("a@example.net", "b@example.net", "c@example.net")

    assert ses.events.one(event_type="complaint").recipients == ("a@example.net",)
    bounced = ses.events.filter(event_type="bounce", bounce_type="Transient")
    assert sorted(r for event in bounced for r in event.recipients) == ["b@example.net", "c@example.net"]
    assert ses.events.one(event_type="delivery delay").recipients == ("c@example.net",)


@pytest.mark.ses(outcomes={"a@example.net": "bounce", "b@example.net": "bounce"})
class TestMarkerOutcomesMerge:
    @pytest.mark.ses(outcomes={"b@example.net": "complaint"})
    def test_the_closest_marker_wins_per_recipient(self, ses: FakeSES, send: Any) -> None:
        send("a@example.net", "b@example.net")

        assert ses.events.one(event_type="bounce").recipients == ("a@example.net",)
        assert ses.events.one(event_type="complaint").recipients == ("b@example.net",)


# --- validation ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "keywords", "message"),
    [
        (
            "bonce",
            {},
            "unknown outcome 'bonce' (did you mean 'bounce'?); use one of: deliver, bounce, complaint, delay, "
            "reject, auto-reply",
        ),
        (
            "auto_reply",
            {},
            "unknown outcome 'auto_reply' (did you mean 'auto-reply'?); use one of: deliver, bounce, complaint, "
            "delay, reject, auto-reply",
        ),
        (
            "explode",
            {},
            "unknown outcome 'explode'; use one of: deliver, bounce, complaint, delay, reject, auto-reply",
        ),
        (
            "bounce",
            {"bounce_typ": "Transient"},
            "outcome 'bounce' got unexpected keyword 'bounce_typ' (did you mean 'bounce_type'?); accepted: "
            "bounce_type, bounce_subtype, status, diagnostic_code, action",
        ),
        (
            "auto-reply",
            {"delay": 1, "subject": "Away"},
            "outcome 'auto-reply' got unexpected keywords 'delay', 'subject'; accepted: no keywords",
        ),
        (
            "bounce",
            {"bounce_type": "permanent"},
            "bounce_type must be one of Undetermined, Permanent, Transient; got 'permanent' (did you mean "
            "'Permanent'?)",
        ),
        (
            "bounce",
            {"bounce_subtype": "MailboxFull"},
            "bounce_subtype of a Permanent bounce must be one of General, NoEmail, Suppressed, "
            "OnAccountSuppressionList; got 'MailboxFull' (MailboxFull is a Transient subtype: pass "
            "bounce_type='Transient')",
        ),
        (
            "bounce",
            {"bounce_type": "Undetermined", "bounce_subtype": "Genral"},
            "bounce_subtype of an Undetermined bounce must be one of Undetermined; got 'Genral'",
        ),
        (
            "complaint",
            {"feedback_type": "spam"},
            "feedback_type must be one of abuse, auth-failure, fraud, not-spam, other, virus; got 'spam'",
        ),
        (
            "complaint",
            {"complaint_subtype": "Other"},
            "complaint_subtype must be one of OnAccountSuppressionList; got 'Other'",
        ),
        (
            "delay",
            {"delay_type": "Mailbox Full"},
            "delay_type must be one of InternalFailure, General, MailboxFull, SpamDetected, RecipientServerError, "
            "IPFailure, TransientCommunicationFailure, BYOIPHostNameLookupUnavailable, Undetermined, "
            "SendingDeferral; got 'Mailbox Full' (did you mean 'MailboxFull'?)",
        ),
        ("delay", {"then": "bonce"}, "then must be one of deliver, bounce; got 'bonce' (did you mean 'bounce'?)"),
    ],
)
def test_validation_errors_name_the_mistake_and_what_is_accepted(
    ses: FakeSES, name: str, keywords: dict[str, Any], message: str
) -> None:
    with pytest.raises(UsageError) as excinfo:
        ses.outcome("a@example.net", name, **keywords)

    assert str(excinfo.value) == message


def test_a_rejected_outcome_programs_nothing(ses: FakeSES, send: Any) -> None:
    with pytest.raises(UsageError):
        ses.outcome("a@example.net", "bounce", bounce_type="Soft")

    assert types_of(ses, send("a@example.net")) == ["Send", "Delivery"]
