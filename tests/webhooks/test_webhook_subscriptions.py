"""The subscription handshake for routed endpoints: SubscriptionConfirmation, confirming, unsubscribing."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from botocore.exceptions import ClientError
from webhook_receivers import AsgiReceiver, WsgiReceiver

from pytest_ses import FakeSES

URL = "https://app.example/hooks/sns"


def attributes(sns: Any, arn: str) -> dict[str, str]:
    found: dict[str, str] = sns.get_subscription_attributes(SubscriptionArn=arn)["Attributes"]
    return found


def only_subscription(sns: Any, topic_arn: str) -> str:
    [subscription] = sns.list_subscriptions_by_topic(TopicArn=topic_arn)["Subscriptions"]
    arn: str = subscription["SubscriptionArn"]
    return arn


def test_pre_confirmed_route_gets_no_confirmation_and_subscribe_returns_the_arn(
    ses: FakeSES, sns: Any, topic_arn: str
) -> None:
    receiver = WsgiReceiver()
    ses.route_webhook(URL, receiver, confirm=True)
    arn = sns.subscribe(TopicArn=topic_arn, Protocol="https", Endpoint=URL)["SubscriptionArn"]
    assert arn.startswith(f"{topic_arn}:")
    assert attributes(sns, arn)["PendingConfirmation"] == "false"
    assert receiver.received == []


@pytest.mark.parametrize("receiver_type", [WsgiReceiver, AsgiReceiver])
def test_app_confirms_by_visiting_subscribe_url(
    ses: FakeSES, sns: Any, topic_arn: str, receiver_type: type[WsgiReceiver]
) -> None:
    receiver = receiver_type(auto_confirm=True)
    route = ses.route_webhook(URL, receiver, confirm=False)

    answer = sns.subscribe(TopicArn=topic_arn, Protocol="https", Endpoint=URL)

    assert answer["SubscriptionArn"] == "pending confirmation"
    [received] = receiver.received
    assert received.problem is None
    document = received.document
    assert document["Type"] == "SubscriptionConfirmation"
    assert document["TopicArn"] == topic_arn
    assert document["SubscribeURL"] == (
        f"https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn={topic_arn}"
        f"&Token={document['Token']}"
    )
    assert received.headers["x-amz-sns-message-type"] == "SubscriptionConfirmation"
    assert "x-amz-sns-subscription-arn" not in received.headers
    arn = only_subscription(sns, topic_arn)
    found = attributes(sns, arn)
    assert (found["PendingConfirmation"], found["ConfirmationWasAuthenticated"]) == ("false", "false")

    sns.publish(TopicArn=topic_arn, Message="after confirmation")
    assert [d.message_type for d in route.deliveries] == ["SubscriptionConfirmation", "Notification"]


def test_pending_subscription_receives_nothing_until_confirmed_with_the_token(
    ses: FakeSES, sns: Any, topic_arn: str
) -> None:
    receiver = WsgiReceiver(auto_confirm=False)
    route = ses.route_webhook(URL, receiver, confirm=False)
    arn = sns.subscribe(TopicArn=topic_arn, Protocol="https", Endpoint=URL, ReturnSubscriptionArn=True)[
        "SubscriptionArn"
    ]
    assert attributes(sns, arn)["PendingConfirmation"] == "true"

    sns.publish(TopicArn=topic_arn, Message="too early")
    assert receiver.types == ["SubscriptionConfirmation"]
    skipped = route.deliveries[-1]
    assert (skipped.status, skipped.error, skipped.attempts) == (
        None,
        "not delivered: the subscription is pending confirmation",
        0,
    )

    token = receiver.documents[0]["Token"]
    confirmed = sns.confirm_subscription(TopicArn=topic_arn, Token=token, AuthenticateOnUnsubscribe="true")
    assert confirmed["SubscriptionArn"] == arn
    found = attributes(sns, arn)
    assert (found["PendingConfirmation"], found["ConfirmationWasAuthenticated"]) == ("false", "true")

    sns.publish(TopicArn=topic_arn, Message="now")
    assert receiver.types == ["SubscriptionConfirmation", "Notification"]
    assert receiver.documents[-1]["Message"] == "now"


def test_a_wrong_token_is_refused(ses: FakeSES, sns: Any, topic_arn: str) -> None:
    ses.route_webhook(URL, WsgiReceiver(auto_confirm=False), confirm=False)
    arn = sns.subscribe(TopicArn=topic_arn, Protocol="https", Endpoint=URL, ReturnSubscriptionArn=True)[
        "SubscriptionArn"
    ]

    with pytest.raises(ClientError) as e:
        sns.confirm_subscription(TopicArn=topic_arn, Token="not-the-token")

    assert e.value.response["Error"]["Code"] == "InvalidParameter"
    assert e.value.response["Error"]["Message"] == "Invalid parameter: Token"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert attributes(sns, arn)["PendingConfirmation"] == "true"


def test_return_subscription_arn_returns_the_arn_of_a_pending_subscription(
    ses: FakeSES, sns: Any, topic_arn: str
) -> None:
    ses.route_webhook(URL, WsgiReceiver(auto_confirm=False), confirm=False)
    answer = sns.subscribe(TopicArn=topic_arn, Protocol="https", Endpoint=URL, ReturnSubscriptionArn=True)

    assert answer["SubscriptionArn"].startswith(f"{topic_arn}:")
    assert attributes(sns, answer["SubscriptionArn"])["PendingConfirmation"] == "true"


def test_the_listings_show_a_pending_subscription_as_pending_confirmation(
    ses: FakeSES, sns: Any, topic_arn: str
) -> None:
    receiver = WsgiReceiver(auto_confirm=False)
    ses.route_webhook(URL, receiver, confirm=False)
    sns.subscribe(TopicArn=topic_arn, Protocol="https", Endpoint=URL)
    pending = {
        "SubscriptionArn": "PendingConfirmation",
        "Owner": ses.account_id,
        "Protocol": "https",
        "Endpoint": URL,
        "TopicArn": topic_arn,
    }

    assert sns.list_subscriptions_by_topic(TopicArn=topic_arn)["Subscriptions"] == [pending]
    assert sns.list_subscriptions()["Subscriptions"] == [pending]

    sns.confirm_subscription(TopicArn=topic_arn, Token=receiver.documents[0]["Token"])
    assert only_subscription(sns, topic_arn).startswith(f"{topic_arn}:")


def test_unrouted_subscriptions_keep_moto_behaviour(ses: FakeSES, sns: Any, topic_arn: str) -> None:
    arn = sns.subscribe(TopicArn=topic_arn, Protocol="https", Endpoint="https://elsewhere.example/x")[
        "SubscriptionArn"
    ]
    assert attributes(sns, arn)["PendingConfirmation"] == "false"
    assert ses.webhooks.deliveries == ()
    # Tokens are checked only on topics that pytest-ses issued tokens for.
    assert sns.confirm_subscription(TopicArn=topic_arn, Token="anything")["SubscriptionArn"].startswith(topic_arn)


def test_unsubscribe_posts_an_unsubscribe_confirmation_whose_url_restores_it(
    ses: FakeSES, sns: Any, topic_arn: str
) -> None:
    receiver = WsgiReceiver()
    ses.route_webhook(URL, receiver)
    arn = sns.subscribe(TopicArn=topic_arn, Protocol="https", Endpoint=URL)["SubscriptionArn"]

    sns.unsubscribe(SubscriptionArn=arn)

    [received] = receiver.received
    assert received.problem is None
    document = received.document
    assert document["Type"] == "UnsubscribeConfirmation"
    assert document["Message"].startswith(f"You have chosen to deactivate subscription {arn}.\n")
    assert received.headers["x-amz-sns-subscription-arn"] == arn
    assert sns.list_subscriptions_by_topic(TopicArn=topic_arn)["Subscriptions"] == []

    requests.get(document["SubscribeURL"], timeout=5).raise_for_status()

    restored = only_subscription(sns, topic_arn)
    assert attributes(sns, restored)["Endpoint"] == URL
    assert receiver.types == ["UnsubscribeConfirmation"]  # restoring asks for no new confirmation
    sns.publish(TopicArn=topic_arn, Message="back")
    assert receiver.types == ["UnsubscribeConfirmation", "Notification"]


def test_unsubscribe_url_of_a_notification_unsubscribes(ses: FakeSES, sns: Any, topic_arn: str) -> None:
    receiver = WsgiReceiver()
    ses.route_webhook(URL, receiver)
    sns.subscribe(TopicArn=topic_arn, Protocol="https", Endpoint=URL)
    sns.publish(TopicArn=topic_arn, Message="m")

    requests.get(receiver.documents[0]["UnsubscribeURL"], timeout=5).raise_for_status()

    assert sns.list_subscriptions_by_topic(TopicArn=topic_arn)["Subscriptions"] == []
    assert receiver.types == ["Notification", "UnsubscribeConfirmation"]
