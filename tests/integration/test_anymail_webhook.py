"""django-anymail, a real client: its Amazon SES tracking webhook (an ASGI Django app here) receives the
fake's events, recovers tags and metadata from the original headers in ``mail.headers``, and confirms its
own SNS subscription after SNS's 401 basic-auth challenge.

Needs the ``integration`` extra (django, django-anymail); skipped without it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("django")
pytest.importorskip("anymail")

import django_harness
from anymail.message import AnymailMessage
from anymail.signals import AnymailTrackingEvent, tracking
from django.core.asgi import get_asgi_application
from django.core.mail import get_connection

from pytest_ses import FakeSES

ROUTE = "https://app.example/anymail/"


@pytest.fixture
def tracked() -> Iterator[list[AnymailTrackingEvent]]:
    events: list[AnymailTrackingEvent] = []

    def receiver(sender: Any, event: AnymailTrackingEvent, esp_name: str, **kwargs: Any) -> None:
        events.append(event)

    tracking.connect(receiver, weak=False)
    yield events
    tracking.disconnect(receiver)


@pytest.fixture
def subscribed(ses: FakeSES) -> Any:
    """Set ``tx`` publishing every event to a topic the anymail webhook subscribes to (and confirms)."""
    ses.verify("sender@example.com")
    handle = ses.configuration_set("tx", destinations=["sns"])
    route = ses.route_webhook(ROUTE, get_asgi_application(), confirm=False)
    answer = ses.client("sns").subscribe(
        TopicArn=handle.topic_arn, Protocol="https", Endpoint=django_harness.ANYMAIL_WEBHOOK_URL
    )
    assert answer["SubscriptionArn"] == "pending confirmation"
    return route


def test_the_webhook_confirms_its_subscription_after_the_basic_auth_challenge(
    ses: FakeSES, subscribed: Any
) -> None:
    [confirmation] = subscribed.deliveries
    assert (confirmation.message_type, confirmation.status, confirmation.attempts) == (
        "SubscriptionConfirmation",
        200,
        2,
    )
    sns = ses.client("sns")
    [subscription] = [
        s for s in sns.list_subscriptions()["Subscriptions"] if s["Endpoint"] == django_harness.ANYMAIL_WEBHOOK_URL
    ]
    attributes = sns.get_subscription_attributes(SubscriptionArn=subscription["SubscriptionArn"])["Attributes"]
    # anymail confirms with an authenticated ConfirmSubscription call.
    assert (attributes["PendingConfirmation"], attributes["ConfirmationWasAuthenticated"]) == ("false", "true")


def test_tracking_events_carry_tags_and_metadata_from_the_original_headers(
    ses: FakeSES, subscribed: Any, tracked: list[AnymailTrackingEvent]
) -> None:
    message = AnymailMessage(
        subject="Welcome",
        body="Hello",
        from_email="sender@example.com",
        to=["bounce@simulator.amazonses.com"],
        tags=["onboarding"],
        metadata={"user_id": "42"},
        connection=get_connection("anymail.backends.amazon_ses.EmailBackend"),
    )
    message.send()
    message_id = message.anymail_status.message_id

    assert {d.status for d in subscribed.deliveries} == {200}
    assert [(e.event_type, e.recipient) for e in tracked] == [
        ("sent", "bounce@simulator.amazonses.com"),
        ("bounced", "bounce@simulator.amazonses.com"),
    ]
    for event in tracked:
        assert event.message_id == message_id
        assert event.tags == ["onboarding"]
        assert event.metadata == {"user_id": "42"}
        headers = {h["name"].lower(): h["value"] for h in event.esp_event["mail"]["headers"]}
        assert headers["x-tag"] == "onboarding"
    bounced = tracked[1]
    assert bounced.reject_reason == "bounced"
    assert bounced.description == "Permanent: General"
