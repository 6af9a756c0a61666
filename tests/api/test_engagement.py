"""Opens, clicks and subscription changes the test triggers on delivered mail, and the mistakes SES could
not have seen (each a ``UsageError`` that says why)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from freezegun import freeze_time

from pytest_ses import EventRecord, EventType, FakeSES, UsageError

LATER = dt.datetime(2026, 3, 1, 12, 5, 0, tzinfo=dt.timezone.utc)
LINK = "https://shop.example.com/offer"


@pytest.fixture
def tx(ses: FakeSES) -> Any:
    return ses.configuration_set("tx")


def test_open_publishes_an_open_event(ses: FakeSES, send: Any, tx: Any) -> None:
    message_id = send("a@example.net", configuration_set="tx")
    with freeze_time(LATER):
        event = ses.open(message_id, ip_address="203.0.113.9", user_agent="Mail/1.0")

    assert isinstance(event, EventRecord)
    assert (event.type, event.message_id, event.recipients, event.timestamp) == (
        EventType.OPEN,
        message_id,
        ("a@example.net",),
        LATER,
    )
    assert event.details == {
        "ipAddress": "203.0.113.9",
        "timestamp": "2026-03-01T12:05:00.000Z",
        "userAgent": "Mail/1.0",
    }
    assert event.record["mail"]["messageId"] == message_id
    assert "ses:outgoing-ip" not in event.record["mail"]["tags"]
    assert "sourceArn" not in event.record["mail"]
    assert [p.destination for p in event.publications] == ["sns"]
    assert ses.events.last is event
    assert [r["eventType"] for r in tx.received()] == ["Send", "Delivery", "Open"]


def test_open_uses_default_ip_and_user_agent(ses: FakeSES, send: Any, tx: Any) -> None:
    event = ses.open(send("a@example.net", configuration_set="tx"))

    assert event.details["ipAddress"] == "192.0.2.1"
    assert event.details["userAgent"].startswith("Mozilla/5.0 (X11; Linux x86_64)")


def test_click_publishes_a_click_with_its_link_and_tags(ses: FakeSES, send: Any, tx: Any) -> None:
    message_id = send("a@example.net", "b@example.net", configuration_set="tx")

    event = ses.click(message_id, LINK, "b@example.net", link_tags={"campaign": ["spring"]})

    assert (event.type, event.recipients) == (EventType.CLICK, ("b@example.net",))
    assert (event.details["link"], event.details["linkTags"]) == (LINK, {"campaign": ["spring"]})
    ses.assert_event_published(
        "tx", "click", recipient="b@example.net", link=LINK, link_tags={"campaign": ["spring"]}
    )


def test_unsubscribe_publishes_a_subscription_event(ses: FakeSES, send: Any, tx: Any) -> None:
    message_id = send("a@example.net", configuration_set="tx", html=False)

    event = ses.unsubscribe(message_id, contact_list="news", topics={"weekly": "OptOut"}, unsubscribe_all=False)

    assert event.type is EventType.SUBSCRIPTION
    assert event.details == {
        "contactList": "news",
        "timestamp": "2026-03-01T12:00:00.000Z",
        "source": "UnsubscribeHeader",
        "newTopicPreferences": {
            "unsubscribeAll": False,
            "topicSubscriptionStatus": [{"topicName": "weekly", "subscriptionStatus": "OptOut"}],
        },
        "oldTopicPreferences": {
            "unsubscribeAll": False,
            "topicSubscriptionStatus": [{"topicName": "weekly", "subscriptionStatus": "OptIn"}],
        },
    }
    assert "sourceArn" in event.record["mail"]


def test_unsubscribe_defaults_to_everything(ses: FakeSES, send: Any, tx: Any) -> None:
    event = ses.unsubscribe(send("a@example.net", configuration_set="tx"))

    assert event.details["contactList"] == "default"
    assert event.details["newTopicPreferences"] == {"unsubscribeAll": True, "topicSubscriptionStatus": []}


@pytest.fixture
def news_list(sesv2_client: Any) -> str:
    """A v2 contact list with two topics (opted in and out by default) and one contact."""
    sesv2_client.create_contact_list(
        ContactListName="news",
        Topics=[
            {"TopicName": "weekly", "DisplayName": "Weekly", "DefaultSubscriptionStatus": "OPT_IN"},
            {"TopicName": "offers", "DisplayName": "Offers", "DefaultSubscriptionStatus": "OPT_OUT"},
        ],
    )
    sesv2_client.create_contact(
        ContactListName="news",
        EmailAddress="a@example.net",
        TopicPreferences=[{"TopicName": "offers", "SubscriptionStatus": "OPT_IN"}],
    )
    return "news"


def test_unsubscribe_reads_and_updates_the_contact_list(
    ses: FakeSES, send: Any, tx: Any, news_list: str, sesv2_client: Any
) -> None:
    message_id = send("a@example.net", configuration_set="tx")

    event = ses.unsubscribe(message_id, contact_list=news_list, topics={"weekly": "OptOut"}, unsubscribe_all=False)

    assert event.details["oldTopicPreferences"] == {
        "unsubscribeAll": False,
        "topicSubscriptionStatus": [
            {"topicName": "weekly", "subscriptionStatus": "OptIn"},
            {"topicName": "offers", "subscriptionStatus": "OptIn"},
        ],
    }
    assert event.details["newTopicPreferences"] == {
        "unsubscribeAll": False,
        "topicSubscriptionStatus": [
            {"topicName": "weekly", "subscriptionStatus": "OptOut"},
            {"topicName": "offers", "subscriptionStatus": "OptIn"},
        ],
    }
    contact = sesv2_client.get_contact(ContactListName=news_list, EmailAddress="a@example.net")
    assert contact["UnsubscribeAll"] is False
    assert sorted((p["TopicName"], p["SubscriptionStatus"]) for p in contact["TopicPreferences"]) == [
        ("offers", "OPT_IN"),
        ("weekly", "OPT_OUT"),
    ]

    again = ses.unsubscribe(message_id, contact_list=news_list)  # then from everything

    assert again.details["oldTopicPreferences"]["topicSubscriptionStatus"][0] == {
        "topicName": "weekly",
        "subscriptionStatus": "OptOut",
    }
    assert sesv2_client.get_contact(ContactListName=news_list, EmailAddress="a@example.net")["UnsubscribeAll"]


def test_unsubscribe_of_an_address_the_list_does_not_hold_uses_the_topic_defaults(
    ses: FakeSES, send: Any, tx: Any, news_list: str, sesv2_client: Any
) -> None:
    event = ses.unsubscribe(send("b@example.net", configuration_set="tx"), contact_list=news_list)

    assert event.details["oldTopicPreferences"] == {
        "unsubscribeAll": False,
        "topicSubscriptionStatus": [
            {"topicName": "weekly", "subscriptionStatus": "OptIn"},
            {"topicName": "offers", "subscriptionStatus": "OptOut"},
        ],
    }
    contacts = sesv2_client.list_contacts(ContactListName=news_list)["Contacts"]
    assert [c["EmailAddress"] for c in contacts] == ["a@example.net"]  # no contact is made up


def test_engagement_goes_only_to_destinations_that_match(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx", destinations=["sns", {"kind": "firehose", "events": ["OPEN"]}])
    message_id = send("a@example.net", configuration_set="tx")

    opened = ses.open(message_id)
    clicked = ses.click(message_id, LINK)

    assert [p.destination for p in opened.publications] == ["sns", "firehose"]
    assert [p.destination for p in clicked.publications] == ["sns"]
    assert [s.destination for s in clicked.skipped] == ["firehose"]


# --- what SES could not have seen -------------------------------------------------------------------------
def test_an_unknown_message_id(ses: FakeSES) -> None:
    with pytest.raises(UsageError) as excinfo:
        ses.open("nope")

    assert str(excinfo.value) == "no message with id 'nope' was sent through this fake"


def test_opening_mail_without_html(ses: FakeSES, send: Any, tx: Any) -> None:
    message_id = send("a@example.net", configuration_set="tx", html=False)

    with pytest.raises(UsageError) as excinfo:
        ses.open(message_id)

    assert str(excinfo.value) == (
        f"message {message_id} has no HTML part: SES tracks opens and clicks only in HTML mail"
    )


def test_clicking_mail_without_a_set(ses: FakeSES, send: Any) -> None:
    message_id = send("a@example.net")

    with pytest.raises(UsageError) as excinfo:
        ses.click(message_id, LINK)

    assert str(excinfo.value) == (
        f"message {message_id}: it was sent without a configuration set, so SES does not track CLICK events for it"
    )


def test_opening_mail_whose_set_was_deleted(ses: FakeSES, send: Any, tx: Any) -> None:
    message_id = send("a@example.net", configuration_set="tx")
    ses.client("sesv2").delete_configuration_set(ConfigurationSetName="tx")

    with pytest.raises(UsageError) as excinfo:
        ses.open(message_id)

    assert str(excinfo.value) == (
        f"message {message_id}: its configuration set 'tx' no longer exists, so "
        "SES does not track OPEN events for it"
    )


def test_opening_when_no_destination_takes_opens(ses: FakeSES, send: Any) -> None:
    ses.configuration_set("tx", events=["SEND", "DELIVERY"])
    message_id = send("a@example.net", configuration_set="tx")

    with pytest.raises(UsageError) as excinfo:
        ses.open(message_id)

    assert (
        str(excinfo.value)
        == "configuration set 'tx' has no enabled destination for OPEN events, so SES does not track them"
    )


def test_opening_mail_that_bounced(ses: FakeSES, send: Any, tx: Any) -> None:
    ses.outcome("a@example.net", "bounce")
    message_id = send("a@example.net", configuration_set="tx")

    with pytest.raises(UsageError) as excinfo:
        ses.open(message_id)

    assert str(excinfo.value) == f"message {message_id} was not delivered to anyone, so nobody can open it"


def test_clicking_for_a_recipient_it_was_not_delivered_to(ses: FakeSES, send: Any, tx: Any) -> None:
    ses.outcome("b@example.net", "bounce")
    message_id = send("a@example.net", "b@example.net", configuration_set="tx")

    with pytest.raises(UsageError) as excinfo:
        ses.click(message_id, LINK, "b@example.net")

    assert (
        str(excinfo.value)
        == f"message {message_id} was not delivered to b@example.net (delivered to: a@example.net)"
    )


def test_a_failed_engagement_records_nothing(ses: FakeSES, send: Any) -> None:
    message_id = send("a@example.net")
    with pytest.raises(UsageError):
        ses.open(message_id)

    assert [e.event_type for e in ses.events] == ["Send", "Delivery"]
