"""``ses.messages`` and ``ses.events``: snapshot collections queried with the criteria vocabulary."""

from __future__ import annotations

import re
from typing import Any

import pytest

from pytest_ses import EventRecord, EventType, FakeSES, MessageRecord, UsageError


def short(message_id: str) -> str:
    return f"{message_id[:12]}…"


@pytest.fixture
def sent(ses: FakeSES, send: Any) -> tuple[str, str]:
    """Two messages through 'tx': one delivered to a@, one bounced by b@ (with c@ delivered)."""
    ses.configuration_set("tx")
    ses.outcome("b@example.net", "bounce", bounce_type="Transient", bounce_subtype="MailboxFull")
    first = send("a@example.net", configuration_set="tx")
    second = send(
        "b@example.net", "c@example.net", configuration_set="tx", EmailTags=[{"Name": "kind", "Value": "x"}]
    )
    return first, second


# --- the collections --------------------------------------------------------------------------------------
def test_collections_are_sequences_oldest_first(ses: FakeSES, sent: tuple[str, str]) -> None:
    first, second = sent

    assert len(ses.messages) == 2
    assert [m.message_id for m in ses.messages] == [first, second]
    assert ses.messages[0].message_id == first
    assert ses.messages[-1] is ses.messages.last
    assert [e.event_type for e in ses.events] == ["Send", "Delivery", "Send", "Delivery", "Bounce"]
    assert all(isinstance(e, EventRecord) for e in ses.events)
    assert all(isinstance(m, MessageRecord) for m in ses.messages)


def test_slices_are_collections_too(ses: FakeSES, sent: tuple[str, str]) -> None:
    tail = ses.events[2:]

    assert type(tail) is type(ses.events)
    assert [e.event_type for e in tail.filter(event_type="bounce")] == ["Bounce"]
    assert tail.last is ses.events.last


def test_collections_compare_equal_to_lists_and_to_each_other(ses: FakeSES, sent: tuple[str, str]) -> None:
    assert ses.messages == list(ses.messages)
    assert ses.messages == tuple(ses.messages)
    assert ses.events == ses.events
    assert ses.events != ses.messages
    assert hash(ses.events) == hash(ses.events)


def test_a_collection_is_a_snapshot(ses: FakeSES, send: Any) -> None:
    before = ses.messages
    send("a@example.net")

    assert len(before) == 0
    assert len(ses.messages) == 1


def test_an_engagement_event_joins_its_message(ses: FakeSES, sent: tuple[str, str]) -> None:
    first, _ = sent
    ses.open(first)

    assert [e.event_type for e in ses.message(first).events] == ["Send", "Delivery", "Open"]
    assert ses.events.last.event_type == "Open"


def test_repr_lists_the_records(ses: FakeSES, send: Any) -> None:
    assert repr(ses.messages) == "<0 messages>"
    message_id = send("a@example.net")

    assert repr(ses.messages) == (
        "<1 message:\n"
        f"  SendEmail me@example.com → a@example.net, no configuration set: message {short(message_id)} "
        "[Send, Delivery]>"
    )


def test_message_by_id_and_an_unknown_id(ses: FakeSES, sent: tuple[str, str]) -> None:
    first, _ = sent

    assert ses.message(first).destinations == ("a@example.net",)
    with pytest.raises(UsageError) as excinfo:
        ses.message("nope")
    assert str(excinfo.value) == "no message with id 'nope' was sent through this fake"


# --- message criteria --------------------------------------------------------------------------------------
def test_message_criteria(ses: FakeSES, sent: tuple[str, str]) -> None:
    first, second = sent

    assert [m.message_id for m in ses.messages.filter(recipient="c@example.net")] == [second]
    assert [m.message_id for m in ses.messages.filter(recipient="C@EXAMPLE.NET")] == [second]
    assert [m.message_id for m in ses.messages.filter(destination=re.compile(r"^a@"))] == [first]
    assert len(ses.messages.filter(source="me@example.com", subject="Hi", operation="SendEmail")) == 2
    assert (
        len(ses.messages.filter(api_version="v2", configuration_set="tx", configuration_set_source="parameter"))
        == 2
    )
    assert [m.message_id for m in ses.messages.filter(tags={"kind": "x"})] == [second]
    assert [m.message_id for m in ses.messages.filter(event_type="bounce")] == [second]
    assert ses.messages.filter(accepted=True, sending_pool="ses-default-dedicated-pool") == ses.messages
    assert ses.messages.one(message_id=first).message_id == first
    assert ses.messages.one(outgoing_ip=lambda ip: ip.startswith("198.51.100."), recipient="a@example.net")


def test_a_display_name_source_matches_its_bare_address(ses: FakeSES) -> None:
    ses.client("sesv2").send_email(
        FromEmailAddress="Shop <me@example.com>",
        Destination={"ToAddresses": ["a@example.net"]},
        Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "x"}}}},
    )

    assert len(ses.messages.filter(source="me@example.com")) == 1
    assert len(ses.messages.filter(source="Shop <me@example.com>")) == 1


def test_rejected_attempts_are_messages_too(ses: FakeSES) -> None:
    client = ses.client("sesv2")
    with pytest.raises(client.exceptions.MessageRejected):
        client.send_email(
            FromEmailAddress="me@unverified.test",
            Destination={"ToAddresses": ["a@example.net"]},
            Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "x"}}}},
        )

    rejected = ses.messages.one(accepted=False)
    assert (rejected.message_id, rejected.error_code) == (None, "MessageRejected")
    assert ses.messages.one(error_message=re.compile("not verified")) is rejected


def test_a_filter_takes_a_predicate_as_well(ses: FakeSES, sent: tuple[str, str]) -> None:
    _, second = sent

    found = ses.messages.filter(lambda m: len(m.destinations) == 2, configuration_set="tx")

    assert [m.message_id for m in found] == [second]


def test_a_failing_predicate_is_a_non_match(ses: FakeSES, sent: tuple[str, str]) -> None:
    def explodes(value: Any) -> bool:
        raise KeyError(value)

    assert len(ses.messages.filter(subject=explodes)) == 0


def test_an_unknown_message_criterion_is_a_usage_error(ses: FakeSES, sent: tuple[str, str]) -> None:
    with pytest.raises(UsageError, match=r"^unknown message criterion 'bounce_type'; use one of: accepted, "):
        ses.messages.filter(bounce_type="Permanent")


# --- event criteria ----------------------------------------------------------------------------------------
def test_event_criteria(ses: FakeSES, sent: tuple[str, str]) -> None:
    first, second = sent
    bounce = ses.events.one(event_type="bounce")

    assert bounce.type is EventType.BOUNCE
    assert ses.events.one(event_type=EventType.BOUNCE) is bounce
    assert ses.events.one(bounce_type="Transient", bounce_sub_type="MailboxFull") is bounce
    assert ses.events.one(bounceType="Transient") is bounce
    assert ses.events.one(recipient="b@example.net", event_type="bounce") is bounce
    assert ses.events.one(status=re.compile(r"^4\.")) is bounce  # per-recipient entry of the bounce
    assert ses.events.one(destination="sns", destination_type="sns", event_type="Bounce") is bounce
    assert [e.event_type for e in ses.events.filter(message_id=first)] == ["Send", "Delivery"]
    assert [e.recipients for e in ses.events.filter(event_type="delivery", message_id=second)] == [
        ("c@example.net",)
    ]


def test_send_events_concern_every_destination_of_the_mail(ses: FakeSES, sent: tuple[str, str]) -> None:
    _, second = sent

    assert ses.events.one(event_type="send", recipient="b@example.net").message_id == second
    assert ses.events.one(event_type="send", recipient="c@example.net").message_id == second


def test_event_fields_come_from_mail_and_common_headers(ses: FakeSES, sent: tuple[str, str]) -> None:
    first, _ = sent

    assert len(ses.events.filter(subject="Hi", source="me@example.com")) == 5
    assert ses.events.one(event_type="send", message_id=first, sending_account_id="123456789012")
    assert ses.events.one(event_type="send", destination=["sns"], message_id=first).configuration_set == "tx"
    assert len(ses.events.filter(tags={"kind": ["x"]})) == 3


def test_an_absent_event_field_matches_nothing_not_even_a_predicate(ses: FakeSES, sent: tuple[str, str]) -> None:
    assert len(ses.events.filter(no_such_field="x")) == 0
    assert len(ses.events.filter(no_such_field=lambda value: True)) == 0
    assert len(ses.events.filter(bounce_type=lambda value: True)) == 1


def test_an_unknown_event_type_criterion_is_a_usage_error(ses: FakeSES, sent: tuple[str, str]) -> None:
    with pytest.raises(
        UsageError, match=r"^unknown event type 'bounced' \(did you mean 'bounce'\?\); use one of: send, reject, "
    ):
        ses.events.filter(event_type="bounced")


# --- .one and .last failures -------------------------------------------------------------------------------
def test_one_with_no_match_lists_the_closest_records(ses: FakeSES, sent: tuple[str, str]) -> None:
    first, second = sent

    with pytest.raises(AssertionError) as excinfo:
        ses.messages.one(recipient="c@example.net", subject="Bye")

    assert str(excinfo.value) == (
        "No message matches recipient='c@example.net', subject='Bye'.\n"
        "Recorded messages (2, closest first):\n"
        f"  - SendEmail me@example.com → b@example.net, c@example.net, set 'tx' (parameter): message "
        f"{short(second)} [Send, Delivery, Bounce]  <-- subject is 'Hi'\n"
        f"  - SendEmail me@example.com → a@example.net, set 'tx' (parameter): message {short(first)} "
        "[Send, Delivery]  <-- recipient is [a@example.net], subject is 'Hi'"
    )


def test_one_with_several_matches_lists_them(ses: FakeSES, sent: tuple[str, str]) -> None:
    first, second = sent

    with pytest.raises(AssertionError) as excinfo:
        ses.events.one(event_type="delivery")

    assert str(excinfo.value) == (
        "2 events match event_type='delivery'; expected exactly one. Refine the criteria or use .filter():\n"
        f"  - Delivery to a@example.net, set 'tx', message {short(first)}: published to sns (sns)\n"
        f"  - Delivery to c@example.net, set 'tx', message {short(second)}: published to sns (sns)"
    )


def test_one_without_criteria(ses: FakeSES, send: Any) -> None:
    with pytest.raises(AssertionError) as empty:
        ses.messages.one()
    send("a@example.net")
    only = ses.messages.one()
    send("b@example.net")
    with pytest.raises(AssertionError) as several:
        ses.messages.one()

    assert str(empty.value) == "No messages were recorded"
    assert only.destinations == ("a@example.net",)
    assert str(several.value).splitlines()[0] == (
        "2 messages were recorded; expected exactly one. Refine the criteria or use .filter():"
    )


def test_one_on_a_single_record_says_the_only_one(ses: FakeSES, send: Any) -> None:
    send("a@example.net")

    with pytest.raises(AssertionError) as excinfo:
        ses.messages.one(subject=re.compile("^Bye"))

    assert str(excinfo.value).splitlines()[:2] == [
        "No message matches subject=re.compile('^Bye').",
        "Recorded messages (1, the only one):",
    ]


def test_last_of_nothing(ses: FakeSES) -> None:
    with pytest.raises(AssertionError) as excinfo:
        _ = ses.events.last

    assert str(excinfo.value) == "No events were recorded"
