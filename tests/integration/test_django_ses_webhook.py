"""django-ses, a real client: its SESEventWebhookView receives the fake's events with signatures verified.

Needs the ``integration`` extra (django, django-ses[events]); skipped without it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("django")
pytest.importorskip("django_ses")

import django_harness
import requests
from django.core.mail import EmailMultiAlternatives
from django.core.wsgi import get_wsgi_application
from django_ses import signals, utils

from pytest_ses import FakeSES

SIGNALS = {
    "Bounce": (signals.bounce_received, "bounce_obj"),
    "Complaint": (signals.complaint_received, "complaint_obj"),
    "Delivery": (signals.delivery_received, "delivery_obj"),
    "Send": (signals.send_received, "send_obj"),
    "Open": (signals.open_received, "open_obj"),
    "Click": (signals.click_received, "click_obj"),
}


class _Response:
    """What ``urlopen`` returns, enough for django-ses's ``urlopen(url).read()``."""

    def __init__(self, content: bytes) -> None:
        self.content = content

    def read(self) -> bytes:
        return self.content


@pytest.fixture
def received() -> Iterator[list[tuple[str, dict[str, Any]]]]:
    """Every django-ses signal, as ``(event type, kwargs)``."""
    caught: list[tuple[str, dict[str, Any]]] = []
    receivers = []
    for event_type, (signal, _) in SIGNALS.items():

        def receiver(sender: Any, event_type: str = event_type, **kwargs: Any) -> None:
            caught.append((event_type, kwargs))

        signal.connect(receiver, weak=False)
        receivers.append((signal, receiver))
    yield caught
    for signal, receiver in receivers:
        signal.disconnect(receiver)


@pytest.fixture
def django_ses_app(monkeypatch: pytest.MonkeyPatch) -> Any:
    utils.clear_cert_cache()
    # django-ses confirms subscriptions with urllib, which no mock sees: send that visit through requests,
    # which moto answers, as any confirmation in a test must be.
    monkeypatch.setattr(utils, "urlopen", lambda url: _Response(requests.get(url, timeout=5).content))
    return get_wsgi_application()


def test_subscription_is_confirmed_by_the_view(ses: FakeSES, django_ses_app: Any) -> None:
    sns = ses.client("sns")
    topic_arn = sns.create_topic(Name="ses-events")["TopicArn"]
    route = ses.route_webhook(django_harness.SES_WEBHOOK_URL, django_ses_app, confirm=False)

    assert (
        sns.subscribe(TopicArn=topic_arn, Protocol="https", Endpoint=django_harness.SES_WEBHOOK_URL)[
            "SubscriptionArn"
        ]
        == "pending confirmation"
    )

    [confirmation] = route.deliveries
    assert (confirmation.message_type, confirmation.status) == ("SubscriptionConfirmation", 200)
    [subscription] = sns.list_subscriptions_by_topic(TopicArn=topic_arn)["Subscriptions"]
    attributes = sns.get_subscription_attributes(SubscriptionArn=subscription["SubscriptionArn"])["Attributes"]
    assert attributes["PendingConfirmation"] == "false"


@pytest.mark.parametrize("signature_version", ["1", "2"])
def test_tampered_or_unsupported_signatures_are_refused(
    ses: FakeSES, django_ses_app: Any, signature_version: str
) -> None:
    """django-ses checks SHA1 only: SignatureVersion 2 is refused (400), as with real SNS."""
    sns = ses.client("sns")
    topic_arn = sns.create_topic(Name="t", Attributes={"SignatureVersion": signature_version})["TopicArn"]
    route = ses.route_webhook(django_harness.SES_WEBHOOK_URL, django_ses_app)
    sns.subscribe(TopicArn=topic_arn, Protocol="https", Endpoint=django_harness.SES_WEBHOOK_URL)

    sns.publish(TopicArn=topic_arn, Message='{"eventType": "Send", "mail": {}, "send": {}}', Subject="s")

    [delivery] = route.deliveries
    assert delivery.status == (200 if signature_version == "1" else 400)


def test_every_event_type_fires_its_signal_with_the_event(
    ses: FakeSES, django_ses_app: Any, received: list[tuple[str, dict[str, Any]]]
) -> None:
    ses.verify("sender@example.com")
    handle = ses.configuration_set("tx", destinations=["sns"])
    route = ses.route_webhook(django_harness.SES_WEBHOOK_URL, django_ses_app)
    ses.client("sns").subscribe(
        TopicArn=handle.topic_arn, Protocol="https", Endpoint=django_harness.SES_WEBHOOK_URL
    )
    sent = {}
    for recipient in ("success", "bounce", "complaint"):
        email = EmailMultiAlternatives(
            "Hi", "Hello", "sender@example.com", [f"{recipient}@simulator.amazonses.com"]
        )
        email.attach_alternative('<p>Hello, <a href="https://example.com/welcome">welcome</a></p>', "text/html")
        email.send()
        sent[recipient] = email.extra_headers["message_id"]
    ses.open(sent["success"])
    ses.click(sent["success"], "https://example.com/welcome")

    assert {d.status for d in route.deliveries} == {200}
    by_type: dict[str, list[dict[str, Any]]] = {}
    for event_type, kwargs in received:
        by_type.setdefault(event_type, []).append(kwargs)
    assert sorted(by_type) == ["Bounce", "Click", "Complaint", "Delivery", "Open", "Send"]
    assert len(by_type["Send"]) == 3
    for event_type, (_, payload_name) in SIGNALS.items():
        for kwargs in by_type[event_type]:
            assert kwargs["mail_obj"]["messageId"] in sent.values()
            assert kwargs["mail_obj"]["tags"]["ses:configuration-set"] == ["tx"]
            assert payload_name in kwargs
            assert b'"Type" : "Notification"' in kwargs["raw_message"]
    [bounce] = by_type["Bounce"]
    assert bounce["mail_obj"]["messageId"] == sent["bounce"]
    assert bounce["bounce_obj"]["bounceType"] == "Permanent"
    assert bounce["bounce_obj"]["bouncedRecipients"][0]["emailAddress"] == "bounce@simulator.amazonses.com"
    [complaint] = by_type["Complaint"]
    assert complaint["complaint_obj"]["complainedRecipients"][0]["emailAddress"] == (
        "complaint@simulator.amazonses.com"
    )
    [click] = by_type["Click"]
    assert (click["mail_obj"]["messageId"], click["click_obj"]["link"]) == (
        sent["success"],
        "https://example.com/welcome",
    )
    [opened] = by_type["Open"]
    assert opened["mail_obj"]["messageId"] == sent["success"]
    # The complaint simulator delivers first, then complains.
    assert {kwargs["mail_obj"]["messageId"] for kwargs in by_type["Delivery"]} == {
        sent["success"],
        sent["complaint"],
    }
