"""What happens at each recipient after SES accepts a message: the mailbox simulator and programmed outcomes.

Simulator addresses (DG send-an-email-from-console): success, bounce, ooto, complaint, suppressionlist,
each with a ``+label`` too.  Programmed outcomes (``ses.session.program``): every bounce type and
subtype, complaints with and without a feedback report, delays that end in a delivery or a bounce, and
a rejected (virus) message.  Events and their times are read from the recorder.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from freezegun import freeze_time

from pytest_ses.core.sending.outcomes import BOUNCE_TYPES, DELAY_TYPES, AutoReply, Bounce, Complaint, Delay, Reject

T0 = dt.datetime(2026, 3, 1, 12, 0, 0, tzinfo=dt.timezone.utc)
SIMPLE = {"Simple": {"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "Hi"}}}}


@pytest.fixture(autouse=True)
def account(sesv2_client: Any) -> None:
    sesv2_client.create_email_identity(EmailIdentity="example.com")


@pytest.fixture
def send(sesv2_client: Any, ses: Any) -> Any:
    """Send one message to these recipients at T0 and return its record."""

    def run(*recipients: str, **extra: Any) -> Any:
        with freeze_time(T0):
            message_id = sesv2_client.send_email(
                FromEmailAddress="me@example.com",
                Destination={"ToAddresses": list(recipients)},
                Content=SIMPLE,
                **extra,
            )["MessageId"]
        return ses.session.recorder.message(message_id)

    return run


def events_of(record: Any) -> list[tuple[str, tuple[str, ...]]]:
    return [(e.event_type, e.recipients) for e in record.events]


def one(record: Any, event_type: str) -> Any:
    (found,) = [e for e in record.events if e.event_type == event_type]
    return found


def at(millis: int) -> dt.datetime:
    return T0 + dt.timedelta(milliseconds=millis)


# --- the mailbox simulator ---------------------------------------------------------------------------------
@pytest.mark.parametrize("address", ["success@simulator.amazonses.com", "success+order-7@simulator.amazonses.com"])
def test_success_is_delivered(send: Any, address: str) -> None:
    record = send(address)

    assert events_of(record) == [("Send", ()), ("Delivery", (address,))]
    delivery = one(record, "Delivery")
    assert delivery.details["smtpResponse"] == "250 2.6.0 Message received"
    assert (delivery.timestamp, delivery.details["processingTimeMillis"]) == (at(500), 500)
    assert record.rule("outcome").reason == f"{address}: mailbox simulator"


@pytest.mark.parametrize("address", ["bounce@simulator.amazonses.com", "bounce+user-42@simulator.amazonses.com"])
def test_bounce_is_a_hard_bounce_with_a_dsn(send: Any, address: str) -> None:
    record = send(address)

    assert events_of(record) == [("Send", ()), ("Bounce", (address,))]
    bounce = one(record, "Bounce").details
    assert (bounce["bounceType"], bounce["bounceSubType"]) == ("Permanent", "General")
    assert bounce["bouncedRecipients"] == [
        {
            "emailAddress": address,
            "action": "failed",
            "status": "5.1.1",
            "diagnosticCode": "smtp; 550 5.1.1 user unknown",
        }
    ]
    assert bounce["reportingMTA"].startswith("dsn; a")
    assert bounce["reportingMTA"].endswith(".amazonses.com")
    assert bounce["timestamp"] == "2026-03-01T12:00:00.500Z"


def test_several_simulated_bounces_of_one_request_share_one_bounce_event(send: Any) -> None:
    record = send(
        "bounce+a@simulator.amazonses.com", "success@simulator.amazonses.com", "bounce+b@simulator.amazonses.com"
    )

    bounce = one(record, "Bounce")
    assert bounce.recipients == ("bounce+a@simulator.amazonses.com", "bounce+b@simulator.amazonses.com")
    assert [r["emailAddress"] for r in bounce.details["bouncedRecipients"]] == list(bounce.recipients)
    assert one(record, "Delivery").recipients == ("success@simulator.amazonses.com",)


@pytest.mark.parametrize("address", ["ooto@simulator.amazonses.com", "ooto+x@simulator.amazonses.com"])
def test_ooto_is_delivered_and_auto_replied(send: Any, address: str) -> None:
    record = send(address)

    assert events_of(record) == [("Send", ()), ("Delivery", (address,))]
    assert record.rule("outcome").outcome == "auto-reply"


@pytest.mark.parametrize("address", ["complaint@simulator.amazonses.com", "complaint+x@simulator.amazonses.com"])
def test_complaint_is_delivered_then_complained_about(send: Any, address: str) -> None:
    record = send(address)

    assert events_of(record) == [("Send", ()), ("Delivery", (address,)), ("Complaint", (address,))]
    complaint = one(record, "Complaint")
    assert complaint.details["complainedRecipients"] == [{"emailAddress": address}]
    assert complaint.details["complaintFeedbackType"] == "abuse"
    assert complaint.timestamp == at(1000)


@pytest.mark.parametrize(
    "address", ["suppressionlist@simulator.amazonses.com", "suppressionlist+x@simulator.amazonses.com"]
)
def test_suppressionlist_bounces_as_if_globally_suppressed(send: Any, address: str) -> None:
    record = send(address)

    bounce = one(record, "Bounce").details
    assert (bounce["bounceType"], bounce["bounceSubType"]) == ("Permanent", "Suppressed")
    assert "Delivery" not in [e.event_type for e in record.events]


def test_simulator_addresses_ignore_case(send: Any) -> None:
    record = send("BOUNCE@Simulator.AmazonSES.com")

    assert one(record, "Bounce").details["bounceSubType"] == "General"


def test_an_unknown_simulator_mailbox_is_just_delivered(send: Any) -> None:
    record = send("nobody@simulator.amazonses.com")

    assert events_of(record) == [("Send", ()), ("Delivery", ("nobody@simulator.amazonses.com",))]
    assert record.rule("outcome").reason == "nobody@simulator.amazonses.com: no outcome programmed: delivered"


# --- programmed outcomes -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("bounce_type", "subtype"),
    [(kind, sub) for kind, subs in BOUNCE_TYPES.items() for sub in subs if sub != "OnAccountSuppressionList"],
)
def test_every_bounce_type_and_subtype_can_be_programmed(
    send: Any, ses: Any, bounce_type: str, subtype: str
) -> None:
    outcome = Bounce(bounce_type, subtype, "5.0.0", "smtp; 550 5.0.0 programmed", "failed")
    ses.session.program(["rcpt@example.net"], outcome)

    record = send("rcpt@example.net")

    bounce = one(record, "Bounce").details
    assert (bounce["bounceType"], bounce["bounceSubType"]) == (bounce_type, subtype)
    assert bounce["bouncedRecipients"][0]["diagnosticCode"] == "smtp; 550 5.0.0 programmed"
    assert record.rule("outcome").outcome == f"bounce {bounce_type}/{subtype}"


def test_a_programmed_outcome_applies_to_later_sends_and_ignores_case(send: Any, ses: Any) -> None:
    ses.session.program(["Rcpt@Example.net"], Bounce())

    first, second = send("rcpt@example.net"), send("RCPT@example.net", "other@example.net")

    assert one(first, "Bounce").recipients == ("rcpt@example.net",)
    assert one(second, "Bounce").recipients == ("RCPT@example.net",)
    assert one(second, "Delivery").recipients == ("other@example.net",)


def test_a_programmed_outcome_wins_over_the_simulator(send: Any, ses: Any) -> None:
    ses.session.program(["bounce@simulator.amazonses.com"], Complaint())

    record = send("bounce@simulator.amazonses.com")

    assert [e.event_type for e in record.events] == ["Send", "Delivery", "Complaint"]
    assert record.rule("outcome").reason == "bounce@simulator.amazonses.com: programmed for this address"


@pytest.mark.parametrize("feedback_type", ["abuse", "auth-failure", "fraud", "not-spam", "other", "virus"])
def test_a_complaint_carries_its_feedback_report(send: Any, ses: Any, feedback_type: str) -> None:
    ses.session.program(
        ["rcpt@example.net"], Complaint(feedback_type=feedback_type, user_agent="Yahoo!-Mail-Feedback/2.0")
    )

    complaint = one(send("rcpt@example.net"), "Complaint").details

    assert complaint["complaintFeedbackType"] == feedback_type
    assert complaint["userAgent"] == "Yahoo!-Mail-Feedback/2.0"
    assert complaint["arrivalDate"] == "2026-03-01T12:00:01.000Z"


def test_a_complaint_without_a_feedback_report_has_no_report_fields(send: Any, ses: Any) -> None:
    ses.session.program(["rcpt@example.net"], Complaint(feedback_type=None))

    complaint = one(send("rcpt@example.net"), "Complaint").details

    assert set(complaint) == {"complainedRecipients", "timestamp", "feedbackId", "complaintSubType"}
    assert complaint["complaintSubType"] is None


@pytest.mark.parametrize("delay_type", DELAY_TYPES)
def test_a_delay_then_delivery(send: Any, ses: Any, delay_type: str) -> None:
    ses.session.program(["slow@example.net"], Delay(delay_type=delay_type))

    record = send("slow@example.net")

    assert events_of(record) == [
        ("Send", ()),
        ("DeliveryDelay", ("slow@example.net",)),
        ("Delivery", ("slow@example.net",)),
    ]
    delay, delivery = one(record, "DeliveryDelay"), one(record, "Delivery")
    assert delay.details["delayType"] == delay_type
    assert delay.details["delayedRecipients"] == [
        {
            "emailAddress": "slow@example.net",
            "status": "4.4.1",
            "diagnosticCode": "smtp; 421 4.4.1 Unable to connect to remote host",
        }
    ]
    assert (delay.timestamp, delivery.timestamp) == (at(500), at(1000))
    assert delivery.details["processingTimeMillis"] == 1000


def test_a_delay_expires_after_the_sets_max_delivery_time(send: Any, ses: Any, sesv2_client: Any) -> None:
    sesv2_client.create_configuration_set(ConfigurationSetName="tx", DeliveryOptions={"MaxDeliverySeconds": 900})
    ses.session.program(["slow@example.net"], Delay())

    with_set = one(send("slow@example.net", ConfigurationSetName="tx"), "DeliveryDelay").details
    without = one(send("slow@example.net"), "DeliveryDelay").details

    assert with_set["expirationTime"] == "2026-03-01T12:15:00.000Z"
    assert without["expirationTime"] == "2026-03-02T02:00:00.000Z"


def test_a_delay_then_bounce(send: Any, ses: Any) -> None:
    ses.session.program(["slow@example.net"], Delay(then=Bounce()))

    record = send("slow@example.net")

    assert events_of(record) == [
        ("Send", ()),
        ("DeliveryDelay", ("slow@example.net",)),
        ("Bounce", ("slow@example.net",)),
    ]
    assert one(record, "Bounce").details["bounceSubType"] == "General"


def test_the_bounce_ending_a_delay_comes_after_the_delay(send: Any, ses: Any) -> None:
    ses.session.program(["slow@example.net"], Delay(then=Bounce()))

    record = send("slow@example.net")

    assert one(record, "Bounce").timestamp > one(record, "DeliveryDelay").timestamp


def test_a_rejected_message_is_accepted_but_goes_nowhere(send: Any, ses: Any) -> None:
    ses.session.program(["rcpt@example.net"], Reject())

    record = send("rcpt@example.net", "other@example.net")

    assert record.accepted
    assert record.message_id is not None
    assert events_of(record) == [("Reject", ())]
    assert one(record, "Reject").details == {"reason": "Bad content"}
    assert record.rule("content").outcome == "rejected"


def test_an_auto_reply_can_be_programmed(send: Any, ses: Any) -> None:
    ses.session.program(["away@example.net"], AutoReply())

    record = send("away@example.net")

    assert events_of(record) == [("Send", ()), ("Delivery", ("away@example.net",))]


def test_mixed_outcomes_in_one_message(send: Any, ses: Any) -> None:
    ses.session.program(["b@example.net"], Bounce())
    ses.session.program(["c@example.net"], Complaint())
    ses.session.program(["d@example.net"], Delay())

    record = send("a@example.net", "b@example.net", "c@example.net", "d@example.net")

    assert events_of(record) == [
        ("Send", ()),
        ("DeliveryDelay", ("d@example.net",)),
        ("Delivery", ("a@example.net", "c@example.net", "d@example.net")),
        ("Bounce", ("b@example.net",)),
        ("Complaint", ("c@example.net",)),
    ]
    assert all(e.record["mail"]["destination"] == list(record.destinations) for e in record.events)


def test_feedback_ids_have_the_message_id_shape_and_differ(send: Any, ses: Any) -> None:
    ses.session.program(["b@example.net"], Bounce())
    ses.session.program(["c@example.net"], Complaint())

    record = send("b@example.net", "c@example.net")

    ids = {one(record, "Bounce").details["feedbackId"], one(record, "Complaint").details["feedbackId"]}
    assert len(ids) == 2
    assert all(len(i.split("-")) == 7 and i.endswith("-000000") for i in ids)
    assert record.message_id not in ids
