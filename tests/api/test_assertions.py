"""``assert_event_published`` and friends: what passes, and the exact text of every failure.

Each "Why:" branch of the explanation gets a test that arranges exactly that situation.  The clock is
frozen (conftest), so message ids are stable and appear in the texts.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from pytest_ses import (
    EventRecord,
    EventType,
    FakeSES,
    UsageError,
    assert_event_published,
    assert_no_event_published,
    assert_not_sent,
    assert_sent,
)

SIMPLE = {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}}
NO_SET = "no ConfigurationSetName parameter, no X-SES-CONFIGURATION-SET header, no identity default"


def short(message_id: str) -> str:
    return f"{message_id[:12]}…"


def send_unverified(ses: FakeSES, to: str, **extra: Any) -> None:
    """A send SES refuses: the sender is not a verified identity."""
    client = ses.client("sesv2")
    with pytest.raises(client.exceptions.MessageRejected):
        client.send_email(
            FromEmailAddress="me@unverified.test", Destination={"ToAddresses": [to]}, Content=SIMPLE, **extra
        )


def failure_of(call: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(AssertionError) as excinfo:
        call(*args, **kwargs)
    return str(excinfo.value)


# --- passing -----------------------------------------------------------------------------------------
def test_a_published_event_passes_and_is_returned(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    message_id = send("a@example.net", configuration_set="tx")

    found = assert_event_published("tx", "delivery", recipient="a@example.net")

    assert len(found) == 1
    assert isinstance(found[0], EventRecord)
    assert (found[0].type, found[0].message_id) == (EventType.DELIVERY, message_id)


def test_the_fake_has_the_same_assertions_as_methods(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    send("a@example.net", configuration_set="tx")

    assert ses.assert_event_published("tx", "send") == assert_event_published("tx", "send")
    ses.assert_no_event_published("tx", "bounce")
    assert ses.assert_sent(recipient="a@example.net") == assert_sent(recipient="a@example.net")
    ses.assert_not_sent(recipient="b@example.net")


def test_none_as_the_set_accepts_any_set(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    ses.configuration_set("marketing")
    send("a@example.net", configuration_set="tx")
    send("b@example.net", configuration_set="marketing")

    assert len(assert_event_published(None, "send")) == 2


@pytest.mark.parametrize(
    ("spelling", "event_type"),
    [
        ("bounce", EventType.BOUNCE),
        ("Bounce", EventType.BOUNCE),
        ("BOUNCE", EventType.BOUNCE),
        (EventType.BOUNCE, EventType.BOUNCE),
        ("deliveryDelay", EventType.DELIVERY_DELAY),
        ("DeliveryDelay", EventType.DELIVERY_DELAY),
        ("DELIVERY_DELAY", EventType.DELIVERY_DELAY),
        ("delivery delay", EventType.DELIVERY_DELAY),
        ("renderingFailure", EventType.RENDERING_FAILURE),
        ("RENDERING_FAILURE", EventType.RENDERING_FAILURE),
        ("Rendering Failure", EventType.RENDERING_FAILURE),
        ("rendering-failure", EventType.RENDERING_FAILURE),
    ],
)
def test_every_aws_spelling_of_an_event_type_is_accepted(
    ses: FakeSES, send: Any, spelling: Any, event_type: EventType
) -> None:
    ses.configuration_set("tx")
    ses.outcome("b@example.net", "bounce")
    ses.outcome("d@example.net", "delay")
    ses.client("sesv2").create_email_template(
        TemplateName="greeting", TemplateContent={"Subject": "Hi {{name}}", "Text": "Hello {{name}}"}
    )
    send("b@example.net", "d@example.net", configuration_set="tx")
    ses.client("sesv2").send_email(
        FromEmailAddress="me@example.com",
        Destination={"ToAddresses": ["r@example.net"]},
        Content={"Template": {"TemplateName": "greeting", "TemplateData": "not json"}},
        ConfigurationSetName="tx",
    )

    [event] = assert_event_published("tx", spelling)

    assert event.type is event_type


def test_an_unknown_event_type_is_a_usage_error_listing_the_types(ses: FakeSES) -> None:
    with pytest.raises(UsageError) as excinfo:
        assert_event_published("tx", "bounced")

    assert str(excinfo.value) == (
        "unknown event type 'bounced' (did you mean 'bounce'?); use one of: send, reject, bounce, complaint, "
        "delivery, open, click, rendering_failure, delivery_delay, subscription (any AWS spelling)"
    )
    with pytest.raises(UsageError, match=r"^unknown event type 'opened_or_clicked'; use one of: send, "):
        assert_event_published("tx", "opened_or_clicked")


def test_fields_match_plain_values_regexes_and_predicates(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    ses.outcome("b@example.net", "bounce", bounce_type="Transient", bounce_subtype="MailboxFull")
    send("b@example.net", configuration_set="tx")

    assert_event_published("tx", "bounce", bounce_type="Transient", bounce_sub_type="MailboxFull")
    assert_event_published("tx", "bounce", bounceType="Transient")
    assert_event_published("tx", "bounce", recipient=re.compile(r"^b@"), bounce_subtype=re.compile("Full$"))
    assert_event_published("tx", "bounce", bounced_recipients=lambda rs: rs[0]["emailAddress"] == "b@example.net")
    assert_event_published("tx", "bounce", subject="Hi", source="me@example.com")
    assert_event_published("tx", "bounce", destination="sns", recipient="B@Example.NET")


def test_count_asks_for_exactly_that_many(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    send("a@example.net", configuration_set="tx")
    send("a@example.net", configuration_set="tx")

    assert len(assert_event_published("tx", "send", count=2)) == 2
    assert assert_event_published("tx", "bounce", count=0) == []


# --- why nothing was published ---------------------------------------------------------------------------
def test_no_message_was_sent(ses: FakeSES) -> None:
    assert failure_of(assert_event_published, "tx", "send") == (
        "No Send event for configuration set 'tx' was published.\n"
        "Why: no message was sent through the fake\n"
        "Recorded events: none"
    )


def test_the_message_went_to_someone_else(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    message_id = send("a@example.net", configuration_set="tx")

    text = failure_of(assert_event_published, "tx", "delivery", recipient="z@example.net")

    assert text == (
        "No Delivery event for configuration set 'tx' (recipient='z@example.net') was published.\n"
        "Why: no message was sent to 'z@example.net' (messages went to a@example.net)\n"
        "Recorded events (2, closest first):\n"
        f"  - Delivery to a@example.net, set 'tx', message {short(message_id)}: published to sns (sns)"
        "  <-- recipient is [a@example.net]\n"
        f"  - Send to a@example.net, set 'tx', message {short(message_id)}: published to sns (sns)"
        "  <-- event_type is 'Send', recipient is [a@example.net]"
    )


def test_no_message_with_that_id(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    send("a@example.net", configuration_set="tx")

    text = failure_of(assert_event_published, "tx", "send", message_id="0000-nope")

    assert text.splitlines()[1] == "Why: no message with id '0000-nope' was sent through the fake"


def test_the_message_used_another_set_by_parameter(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    ses.configuration_set("marketing")
    send("a@example.net", configuration_set="marketing")

    text = failure_of(assert_event_published, "tx", "send")

    assert text.splitlines()[1] == (
        "Why: the message to a@example.net was sent with configuration set 'marketing' "
        "(from the ConfigurationSetName parameter), not 'tx'"
    )


def test_the_message_used_another_set_by_header(ses: FakeSES) -> None:
    ses.configuration_set("tx")
    ses.configuration_set("marketing")
    raw = "From: me@example.com\r\nTo: a@example.net\r\nX-SES-CONFIGURATION-SET: marketing\r\nSubject: s\r\n\r\nhi"
    ses.client("ses").send_raw_email(RawMessage={"Data": raw})

    text = failure_of(assert_event_published, "tx", "send")

    assert text.splitlines()[1] == (
        "Why: the message to a@example.net was sent with configuration set 'marketing' "
        "(from the X-SES-CONFIGURATION-SET header), not 'tx'"
    )


def test_the_message_used_the_identity_default_set(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    ses.configuration_set("marketing")
    ses.client("sesv2").put_email_identity_configuration_set_attributes(
        EmailIdentity="example.com", ConfigurationSetName="marketing"
    )
    send("a@example.net")

    text = failure_of(assert_event_published, "tx", "send")

    assert text.splitlines()[1] == (
        "Why: the message to a@example.net was sent with configuration set 'marketing' "
        "(default configuration set of identity example.com), not 'tx'"
    )


def test_the_message_had_no_set(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    message_id = send("a@example.net")

    text = failure_of(assert_event_published, "tx", "send")

    assert text == (
        "No Send event for configuration set 'tx' was published.\n"
        f"Why: the message to a@example.net was sent without a configuration set ({NO_SET})\n"
        "Recorded events (2, closest first):\n"
        f"  - Send to a@example.net, no configuration set, message {short(message_id)}: not published"
        "  <-- no configuration set, not published\n"
        f"  - Delivery to a@example.net, no configuration set, message {short(message_id)}: not published"
        "  <-- event_type is 'Delivery', no configuration set, not published"
    )


def test_any_set_asked_but_the_message_had_none(ses: FakeSES, send: Any) -> None:
    send("a@example.net")

    text = failure_of(assert_event_published, None, "send")

    assert text.splitlines()[:2] == [
        "No Send event was published.",
        "Why: the message to a@example.net was sent without a configuration set, so SES published its events "
        f"nowhere ({NO_SET})",
    ]


def test_the_send_was_rejected(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    send_unverified(ses, "a@example.net", ConfigurationSetName="tx")

    text = failure_of(assert_event_published, "tx", "send")

    assert text == (
        "No Send event for configuration set 'tx' was published.\n"
        "Why: SES rejected the SendEmail call to a@example.net: MessageRejected: Email address is not verified. "
        "The following identities failed the check in region US-EAST-1: me@unverified.test\n"
        "Recorded events: none"
    )


def test_the_send_was_rejected_because_the_set_is_paused(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx", SendingOptions={"SendingEnabled": False})
    with pytest.raises(Exception, match="SendingPaused"):
        send("a@example.net", configuration_set="tx")

    text = failure_of(assert_event_published, "tx", "send")

    assert text.splitlines()[1] == (
        "Why: SES rejected the SendEmail call to a@example.net: SendingPausedException: "
        "Email sending is disabled for configuration set tx."
    )


def test_the_send_was_rejected_because_the_set_was_deleted(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    ses.client("sesv2").delete_configuration_set(ConfigurationSetName="tx")
    with pytest.raises(Exception, match="NotFoundException"):
        send("a@example.net", configuration_set="tx")

    text = failure_of(assert_event_published, "tx", "send")

    assert text.splitlines()[1] == (
        "Why: SES rejected the SendEmail call to a@example.net: NotFoundException: "
        "Configuration set <tx> does not exist."
    )


def test_no_such_event_happened_with_the_programmed_outcome(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    ses.outcome("b@example.net", "bounce")
    send("b@example.net", configuration_set="tx")

    text = failure_of(assert_event_published, "tx", "complaint", recipient="b@example.net")

    assert text.splitlines()[1] == (
        "Why: no Complaint event happened: b@example.net → bounce Permanent/General (programmed for this "
        "address). The message's events: Send, Bounce. Program one with ses.outcome('b@example.net', "
        "'complaint') before sending"
    )


def test_no_such_event_happened_without_an_outcome(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    send("a@example.net", configuration_set="tx")

    text = failure_of(assert_event_published, "tx", "bounce")

    assert text.splitlines()[1] == (
        "Why: no Bounce event happened: a@example.net → deliver (no outcome programmed: delivered). "
        "The message's events: Send, Delivery. Program one with ses.outcome('a@example.net', 'bounce') "
        "before sending"
    )


def test_no_rendering_failure_happened(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    send("a@example.net", configuration_set="tx")

    text = failure_of(assert_event_published, "tx", "rendering failure")

    assert text.splitlines()[1].endswith(
        "The message's events: Send, Delivery. Rendering failures happen only in templated sends whose "
        "template cannot be rendered"
    )


@pytest.mark.parametrize(
    ("event_type", "name", "call"),
    [
        ("open", "Open", "ses.open"),
        ("click", "Click", "ses.click"),
        ("subscription", "Subscription", "ses.unsubscribe"),
    ],
)
def test_engagement_happens_only_when_the_test_triggers_it(
    ses: FakeSES, send: Any, event_type: str, name: str, call: str
) -> None:
    ses.configuration_set("tx")
    send("a@example.net", configuration_set="tx")

    text = failure_of(assert_event_published, "tx", event_type)

    assert text.splitlines()[1] == f"Why: {name} events happen only when the test calls {call}(message_id, ...)"


def test_the_event_happened_with_other_details(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    ses.outcome("b@example.net", "bounce")
    message_id = send("b@example.net", configuration_set="tx")

    text = failure_of(assert_event_published, "tx", "bounce", bounce_type="Transient", bounce_sub_type="General")

    assert text == (
        "No Bounce event for configuration set 'tx' (bounce_type='Transient', bounce_sub_type='General') was "
        "published.\n"
        "Why: a Bounce event happened, but its details differ: bounce_type is 'Permanent', expected 'Transient'\n"
        "Recorded events (2, closest first):\n"
        f"  - Bounce to b@example.net, set 'tx', message {short(message_id)}: published to sns (sns)"
        "  <-- bounce_type is 'Permanent'\n"
        f"  - Send to b@example.net, set 'tx', message {short(message_id)}: published to sns (sns)"
        "  <-- event_type is 'Send', bounce_type is absent, bounce_sub_type is absent"
    )


def test_a_misspelt_field_is_named_with_a_suggestion(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    ses.outcome("b@example.net", "bounce")
    send("b@example.net", configuration_set="tx")

    text = failure_of(assert_event_published, "tx", "bounce", bounce_typ="Permanent", diagnostic="smtp", zz=1)

    assert text.splitlines()[1] == (
        "Why: a Bounce event happened, but its details differ: bounce_typ is not a field of a Bounce record "
        "(did you mean 'bounce_type'?); diagnostic is not a field of a Bounce record (did you mean "
        "'diagnostic_code'?); zz is not a field of a Bounce record"
    )


def test_a_predicate_and_a_regex_that_do_not_match_are_named(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    ses.outcome(["b@example.net", "c@example.net"], "bounce")
    send("b@example.net", configuration_set="tx")
    send("c@example.net", configuration_set="tx")

    def transient(value: str) -> bool:
        return value == "Transient"

    text = failure_of(
        assert_event_published, "tx", "bounce", bounce_type=transient, diagnostic_code=re.compile("mailbox full")
    )

    assert text.splitlines()[1] == (
        "Why: 2 Bounce events happened, but their details differ: bounce_type is 'Permanent', expected transient; "
        "diagnostic_code is [smtp; 550 5.1.1 user unknown], expected re.compile('mailbox full')"
    )


def test_no_enabled_destination_matches_the_event(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx", events=["SEND", "DELIVERY"])
    ses.outcome("b@example.net", "bounce")
    message_id = send("b@example.net", configuration_set="tx")

    text = failure_of(assert_event_published, "tx", "bounce")

    assert text == (
        "No Bounce event for configuration set 'tx' was published.\n"
        "Why: no enabled destination of 'tx' matches BOUNCE (destinations: sns: SEND, DELIVERY)\n"
        "Recorded events (2, closest first):\n"
        f"  - Bounce to b@example.net, set 'tx', message {short(message_id)}: skipped sns: does not match BOUNCE "
        "(matches SEND, DELIVERY)  <-- not published\n"
        f"  - Send to b@example.net, set 'tx', message {short(message_id)}: published to sns (sns)"
        "  <-- event_type is 'Send'"
    )


def test_the_only_destination_is_disabled(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx", destinations=[{"kind": "sns", "enabled": False}], events=["SEND"])
    send("a@example.net", configuration_set="tx")

    text = failure_of(assert_event_published, "tx", "send")

    assert text.splitlines()[1] == (
        "Why: no enabled destination of 'tx' matches SEND (destinations: sns (disabled): SEND)"
    )


def test_the_set_has_no_destinations(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx", destinations=[])
    message_id = send("a@example.net", configuration_set="tx")

    text = failure_of(assert_event_published, "tx", "delivery")

    assert text.splitlines()[1:4] == [
        "Why: configuration set 'tx' has no event destinations",
        "Recorded events (2, closest first):",
        f"  - Delivery to a@example.net, set 'tx', message {short(message_id)}: not published (no event "
        "destinations)  <-- not published",
    ]


def test_the_destination_was_added_after_the_send(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx", destinations=[])
    send("a@example.net", configuration_set="tx")
    ses.configuration_set("other")  # brings a topic to point a new destination of 'tx' at
    ses.client("sesv2").create_configuration_set_event_destination(
        ConfigurationSetName="tx",
        EventDestinationName="late",
        EventDestination={
            "Enabled": True,
            "MatchingEventTypes": ["DELIVERY"],
            "SnsDestination": {"TopicArn": ses.configuration_set("third").topic_arn},
        },
    )

    text = failure_of(assert_event_published, "tx", "delivery")

    assert text.splitlines()[1] == (
        "Why: when the Delivery event happened, configuration set 'tx' had no event destinations; "
        "destinations added or changed later do not receive past events"
    )


def test_a_destination_enabled_after_the_send(ses: FakeSES, send: Any) -> None:
    tx = ses.configuration_set("tx", destinations=[{"kind": "sns", "enabled": False}])
    send("a@example.net", configuration_set="tx")
    ses.client("sesv2").update_configuration_set_event_destination(
        ConfigurationSetName="tx",
        EventDestinationName="sns",
        EventDestination={
            "Enabled": True,
            "MatchingEventTypes": ["DELIVERY"],
            "SnsDestination": {"TopicArn": tx.topic_arn},
        },
    )

    text = failure_of(assert_event_published, "tx", "delivery")

    assert text.splitlines()[1] == (
        "Why: when the Delivery event happened, no destination of 'tx' took it (sns: destination is disabled); "
        "destinations added or changed later do not receive past events"
    )


def test_the_set_was_deleted_after_the_send(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx", destinations=[])
    send("a@example.net", configuration_set="tx")
    ses.client("sesv2").delete_configuration_set(ConfigurationSetName="tx")

    text = failure_of(assert_event_published, "tx", "delivery")

    assert text.splitlines()[1] == (
        "Why: configuration set 'tx' has been deleted; when the Delivery event happened, it had no event "
        "destinations"
    )


def test_a_deleted_set_whose_destinations_skipped_the_event(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx", events=["SEND"])
    send("a@example.net", configuration_set="tx")
    ses.client("sesv2").delete_configuration_set(ConfigurationSetName="tx")

    text = failure_of(assert_event_published, "tx", "delivery")

    assert text.splitlines()[1] == (
        "Why: configuration set 'tx' has been deleted; when the Delivery event happened, its destinations "
        "skipped it (sns: does not match DELIVERY (matches SEND))"
    )


def test_delivery_to_a_deleted_topic_failed(ses: FakeSES, send: Any) -> None:
    tx = ses.configuration_set("tx")
    ses.client("sns").delete_topic(TopicArn=tx.topic_arn)
    message_id = send("a@example.net", configuration_set="tx")

    text = failure_of(assert_event_published, "tx", "delivery")

    assert text.splitlines()[1:3] == [
        f"Why: delivery to sns (sns) failed: topic {tx.topic_arn} does not exist: the event was dropped",
        "Recorded events (2, closest first):",
    ]
    assert text.splitlines()[3] == (
        f"  - Delivery to a@example.net, set 'tx', message {short(message_id)}: sns (sns) failed: topic "
        f"{tx.topic_arn} does not exist: the event was dropped  <-- not published"
    )


def test_the_event_went_to_another_destination(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx", destinations=["sns", {"kind": "firehose", "events": ["SEND"]}])
    send("a@example.net", configuration_set="tx")

    text = failure_of(assert_event_published, "tx", "delivery", destination="firehose")

    assert text.splitlines()[:2] == [
        "No Delivery event for configuration set 'tx' (destination='firehose') was published.",
        "Why: the Delivery event went to sns, not 'firehose' (firehose skipped it: does not match DELIVERY "
        "(matches SEND))",
    ]


# --- counts ------------------------------------------------------------------------------------------------
def test_more_events_than_the_count(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    first = send("a@example.net", configuration_set="tx")
    second = send("a@example.net", configuration_set="tx")

    text = failure_of(assert_event_published, "tx", "send", recipient="a@example.net", count=1)

    assert text == (
        "Expected exactly 1 published Send event for configuration set 'tx' (recipient='a@example.net'), "
        "found 2:\n"
        f"  - Send to a@example.net, set 'tx', message {short(first)}: published to sns (sns)\n"
        f"  - Send to a@example.net, set 'tx', message {short(second)}: published to sns (sns)"
    )


def test_fewer_events_than_the_count(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    message_id = send("a@example.net", configuration_set="tx")

    text = failure_of(assert_event_published, "tx", "send", count=3)

    assert text == (
        "Expected exactly 3 published Send events for configuration set 'tx', found 1:\n"
        f"  - Send to a@example.net, set 'tx', message {short(message_id)}: published to sns (sns)"
    )


def test_a_count_when_none_was_published_says_why(ses: FakeSES) -> None:
    text = failure_of(assert_event_published, "tx", "send", count=2)

    assert text.splitlines()[:2] == [
        "Expected 2 published Send events for configuration set 'tx', found none.",
        "Why: no message was sent through the fake",
    ]


def test_a_count_of_zero_fails_when_one_was_published(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    message_id = send("a@example.net", configuration_set="tx")

    text = failure_of(assert_event_published, "tx", "send", count=0)

    assert text == (
        "Expected exactly 0 published Send events for configuration set 'tx', found 1:\n"
        f"  - Send to a@example.net, set 'tx', message {short(message_id)}: published to sns (sns)"
    )


def test_near_misses_are_capped_at_ten(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    for _ in range(6):
        send("a@example.net", configuration_set="tx")

    text = failure_of(assert_event_published, "tx", "bounce")

    assert "Recorded events (12, closest first, 2 more not shown):" in text.splitlines()
    assert len([line for line in text.splitlines() if line.startswith("  - ")]) == 10


def test_message_ids_are_deterministic_under_a_frozen_clock(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    send("a@example.net", configuration_set="tx")

    text = failure_of(assert_event_published, "tx", "bounce")

    # The seed and the frozen 2026-03-01T12:00:00Z make the first message id the same on every run.
    assert "message d82c019ca945…: published to sns (sns)" in text


# --- assert_no_event_published -----------------------------------------------------------------------------
def test_no_event_published_passes_when_the_event_was_generated_but_not_published(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx", events=["SEND"])
    send("a@example.net", configuration_set="tx")

    assert_no_event_published("tx", "delivery")
    assert_no_event_published("tx", "send", destination="firehose")
    assert_no_event_published("marketing", "send")


def test_no_event_published_fails_listing_what_was_published(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    ses.outcome("b@example.net", "complaint")
    message_id = send("b@example.net", configuration_set="tx")

    text = failure_of(assert_no_event_published, "tx", "complaint", recipient="b@example.net", destination="sns")

    assert text == (
        "Expected no published Complaint event for configuration set 'tx' (recipient='b@example.net', "
        "destination='sns'), found 1:\n"
        f"  - Complaint to b@example.net, set 'tx', message {short(message_id)}: published to sns (sns)"
    )


# --- assert_sent / assert_not_sent --------------------------------------------------------------------------
def test_assert_sent_returns_the_accepted_messages(ses: FakeSES, send: Any) -> None:
    message_id = send("a@example.net", "b@example.net")

    [message] = assert_sent(recipient="b@example.net", subject="Hi", source="me@example.com")

    assert message.message_id == message_id
    assert assert_sent(count=1) == [message]
    assert assert_sent(recipient="z@example.net", count=0) == []


def test_assert_sent_lists_the_attempts_with_what_differs(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx")
    message_id = send("a@example.net", configuration_set="tx")
    send_unverified(ses, "z@example.net")

    text = failure_of(assert_sent, recipient="z@example.net")

    assert text == (
        "No message matching recipient='z@example.net' was sent.\n"
        "Recorded send attempts (2, closest first):\n"
        "  - SendEmail me@unverified.test → z@example.net, no configuration set: rejected, MessageRejected: "
        "Email address is not verified. The following identities failed the check in region US-EAST-1: "
        "me@unverified.test  <-- rejected\n"
        f"  - SendEmail me@example.com → a@example.net, set 'tx' (parameter): message {short(message_id)} "
        "[Send, Delivery]  <-- recipient is [a@example.net]"
    )


def test_assert_sent_with_nothing_sent(ses: FakeSES) -> None:
    assert failure_of(assert_sent) == "No message was sent.\nRecorded send attempts: none"
    assert failure_of(assert_sent, count=2) == (
        "Expected 2 messages sent, found none.\nRecorded send attempts: none"
    )


def test_assert_sent_count_mismatch(ses: FakeSES, send: Any) -> None:
    message_id = send("a@example.net")

    text = failure_of(assert_sent, recipient="a@example.net", count=2)

    assert text == (
        "Expected exactly 2 messages sent matching recipient='a@example.net', found 1:\n"
        f"  - SendEmail me@example.com → a@example.net, no configuration set: message {short(message_id)} "
        "[Send, Delivery]"
    )


def test_assert_not_sent_passes_for_rejected_attempts_and_fails_for_accepted_ones(ses: FakeSES, send: Any) -> None:
    send_unverified(ses, "z@example.net")
    assert_not_sent(recipient="z@example.net")
    message_id = send("a@example.net")

    assert failure_of(assert_not_sent) == (
        "Expected no message sent, found 1:\n"
        f"  - SendEmail me@example.com → a@example.net, no configuration set: message {short(message_id)} "
        "[Send, Delivery]"
    )


def test_an_unknown_message_criterion_is_a_usage_error(ses: FakeSES, send: Any) -> None:
    send("a@example.net")

    with pytest.raises(UsageError) as excinfo:
        assert_sent(to="a@example.net")

    assert str(excinfo.value) == (
        "unknown message criterion 'to'; use one of: accepted, api_version, configuration_set, "
        "configuration_set_source, destination, error_code, error_message, event_type, message_id, operation, "
        "outgoing_ip, recipient, sending_pool, source, subject, tags, template"
    )
