"""SNS notifications reach routed WSGI/ASGI apps as the POST SNS makes, with signatures that verify."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from webhook_receivers import AsgiReceiver, Receiver, WsgiReceiver, sns_signature_problem

from pytest_ses import FakeSES
from pytest_ses.errors import UsageError

URL = "https://app.example/hooks/sns"


def subscribe(sns: Any, topic_arn: str, url: str = URL) -> str:
    arn: str = sns.subscribe(TopicArn=topic_arn, Protocol=url.split(":", 1)[0], Endpoint=url)["SubscriptionArn"]
    return arn


@pytest.mark.parametrize("receiver_type", [WsgiReceiver, AsgiReceiver])
def test_notification_arrives_with_sns_headers_and_a_v1_signature(
    ses: FakeSES, sns: Any, topic_arn: str, receiver_type: type[Receiver]
) -> None:
    receiver = receiver_type()
    route = ses.route_webhook("https://app.example/hooks", receiver)
    subscription_arn = subscribe(sns, topic_arn)

    message_id = sns.publish(TopicArn=topic_arn, Message="hello", Subject="Greetings")["MessageId"]

    [received] = receiver.received
    assert received.problem is None
    assert received.path == "/hooks/sns"
    document = received.document
    assert document["SignatureVersion"] == "1"
    assert (document["Type"], document["MessageId"], document["Subject"], document["Message"]) == (
        "Notification",
        message_id,
        "Greetings",
        "hello",
    )
    assert document["UnsubscribeURL"].endswith(f"?Action=Unsubscribe&SubscriptionArn={subscription_arn}")
    headers = received.headers
    assert headers["x-amz-sns-message-type"] == "Notification"
    assert headers["x-amz-sns-message-id"] == message_id
    assert headers["x-amz-sns-topic-arn"] == topic_arn
    assert headers["x-amz-sns-subscription-arn"] == subscription_arn
    assert headers["content-type"] == "text/plain; charset=UTF-8"
    assert headers["user-agent"] == "Amazon Simple Notification Service Agent"
    assert headers["host"] == "app.example"
    [delivery] = route.deliveries
    assert (delivery.status, delivery.ok, delivery.message, delivery.sns_message_id) == (
        200,
        True,
        "hello",
        message_id,
    )
    assert delivery.document == document


def test_subject_is_signed_and_absent_without_one(ses: FakeSES, sns: Any, topic_arn: str) -> None:
    receiver = WsgiReceiver()
    ses.route_webhook(URL, receiver)
    subscribe(sns, topic_arn)
    sns.publish(TopicArn=topic_arn, Message="with", Subject="S")
    sns.publish(TopicArn=topic_arn, Message="without")

    with_subject, without_subject = receiver.documents
    assert "Subject" not in without_subject
    assert sns_signature_problem(without_subject) is None
    # The signature covers Subject: changing it breaks verification.
    assert sns_signature_problem({**with_subject, "Subject": "T"}) == "signature does not match"
    assert sns_signature_problem({**without_subject, "Subject": "T"}) == "signature does not match"


def test_topic_signature_version_2_signs_with_sha256(ses: FakeSES, sns: Any) -> None:
    receiver = AsgiReceiver()
    ses.route_webhook(URL, receiver)
    topic_arn = sns.create_topic(Name="v2", Attributes={"SignatureVersion": "2"})["TopicArn"]
    subscribe(sns, topic_arn)
    sns.publish(TopicArn=topic_arn, Message="m", Subject="s")

    [received] = receiver.received
    assert (received.document["SignatureVersion"], received.problem) == ("2", None)
    # A SHA1 check of a SHA256 signature fails: the version really changes the hash.
    assert sns_signature_problem({**received.document, "SignatureVersion": "1"}) == "signature does not match"


def test_signature_version_set_later_applies_to_later_messages(ses: FakeSES, sns: Any, topic_arn: str) -> None:
    receiver = WsgiReceiver()
    ses.route_webhook(URL, receiver)
    subscribe(sns, topic_arn)
    sns.publish(TopicArn=topic_arn, Message="one")
    sns.set_topic_attributes(TopicArn=topic_arn, AttributeName="SignatureVersion", AttributeValue="2")
    sns.publish(TopicArn=topic_arn, Message="two")
    assert [d["SignatureVersion"] for d in receiver.documents] == ["1", "2"]
    assert [r.problem for r in receiver.received] == [None, None]


def test_message_attributes_are_in_the_body(ses: FakeSES, sns: Any, topic_arn: str) -> None:
    receiver = WsgiReceiver()
    ses.route_webhook(URL, receiver)
    subscribe(sns, topic_arn)
    sns.publish(
        TopicArn=topic_arn,
        Message="m",
        MessageAttributes={
            "kind": {"DataType": "String", "StringValue": "bounce"},
            "count": {"DataType": "Number", "StringValue": "3"},
        },
    )
    assert receiver.documents[0]["MessageAttributes"] == {
        "kind": {"Type": "String", "Value": "bounce"},
        "count": {"Type": "Number", "Value": "3"},
    }
    assert receiver.received[0].problem is None


def test_filter_policy_and_message_structure_apply(ses: FakeSES, sns: Any, topic_arn: str) -> None:
    receiver = WsgiReceiver()
    ses.route_webhook(URL, receiver)
    sns.subscribe(
        TopicArn=topic_arn,
        Protocol="https",
        Endpoint=URL,
        Attributes={"FilterPolicy": json.dumps({"kind": ["bounce"]})},
    )
    bounce = {"kind": {"DataType": "String", "StringValue": "bounce"}}
    sns.publish(TopicArn=topic_arn, Message="filtered out")
    sns.publish(
        TopicArn=topic_arn,
        Message=json.dumps({"default": "plain", "https": "for https"}),
        MessageStructure="json",
        MessageAttributes=bounce,
    )
    assert [d["Message"] for d in receiver.documents] == ["for https"]


def test_raw_message_delivery_posts_the_message_itself(ses: FakeSES, sns: Any, topic_arn: str) -> None:
    receiver = WsgiReceiver()
    route = ses.route_webhook(URL, receiver)
    arn = subscribe(sns, topic_arn)
    sns.set_subscription_attributes(SubscriptionArn=arn, AttributeName="RawMessageDelivery", AttributeValue="true")
    sns.publish(TopicArn=topic_arn, Message='{"eventType": "Send"}')

    [received] = receiver.received
    assert received.body == b'{"eventType": "Send"}'
    assert received.headers["x-amz-sns-rawdelivery"] == "true"
    assert received.headers["x-amz-sns-message-type"] == "Notification"
    assert route.deliveries[0].message == {"eventType": "Send"}


def test_delivery_policy_sets_the_content_type(ses: FakeSES, sns: Any, topic_arn: str) -> None:
    receiver = WsgiReceiver()
    ses.route_webhook(URL, receiver)
    arn = subscribe(sns, topic_arn)
    policy = {"requestPolicy": {"headerContentType": "application/json"}}
    sns.set_subscription_attributes(
        SubscriptionArn=arn, AttributeName="DeliveryPolicy", AttributeValue=json.dumps(policy)
    )
    sns.publish(TopicArn=topic_arn, Message="m")
    assert receiver.received[0].headers["content-type"] == "application/json"


def test_topic_delivery_policy_sets_the_content_type(ses: FakeSES, sns: Any) -> None:
    receiver = WsgiReceiver()
    ses.route_webhook(URL, receiver)
    policy = {"http": {"defaultRequestPolicy": {"headerContentType": "application/json; charset=UTF-8"}}}
    topic_arn = sns.create_topic(Name="p", Attributes={"DeliveryPolicy": json.dumps(policy)})["TopicArn"]
    subscribe(sns, topic_arn)
    sns.publish(TopicArn=topic_arn, Message="m")
    assert receiver.received[0].headers["content-type"] == "application/json; charset=UTF-8"


def test_the_apps_status_and_failures_are_recorded_and_publishing_still_succeeds(
    ses: FakeSES, sns: Any, topic_arn: str
) -> None:
    def broken(environ: Any, start_response: Any) -> list[bytes]:
        raise RuntimeError("database is down")

    refusing = WsgiReceiver(status=503)
    ses.route_webhook("https://app.example/broken", broken)
    ses.route_webhook("https://app.example/refusing", refusing)
    subscribe(sns, topic_arn, "https://app.example/broken")
    subscribe(sns, topic_arn, "https://app.example/refusing")

    sns.publish(TopicArn=topic_arn, Message="m")

    by_url = {d.url: d for d in ses.webhooks.deliveries}
    failed = by_url["https://app.example/broken"]
    assert (failed.status, failed.error, failed.ok) == (None, "RuntimeError: database is down", False)
    assert isinstance(failed.exception, RuntimeError)
    assert (by_url["https://app.example/refusing"].status, by_url["https://app.example/refusing"].ok) == (
        503,
        False,
    )


def test_publishing_from_inside_an_event_loop_reaches_an_asgi_app(ses: FakeSES, sns: Any, topic_arn: str) -> None:
    receiver = AsgiReceiver()
    ses.route_webhook(URL, receiver)
    subscribe(sns, topic_arn)

    async def publish() -> None:
        sns.publish(TopicArn=topic_arn, Message="from async code")

    asyncio.run(publish())
    assert receiver.documents[0]["Message"] == "from async code"


def test_ses_event_publication_record_shows_the_http_status(ses: FakeSES, sns: Any) -> None:
    receiver = WsgiReceiver()
    ses.route_webhook(URL, receiver)
    ses.verify("sender@example.com")
    handle = ses.configuration_set("tx", destinations=["sns"], events=["SEND"])
    topic_arn = handle.topic_arn
    subscribe(sns, topic_arn)

    ses.client("sesv2").send_email(
        FromEmailAddress="sender@example.com",
        Destination={"ToAddresses": ["someone@example.com"]},
        Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}},
        ConfigurationSetName="tx",
    )

    [publication] = [p for event in ses.events for p in event.publications]
    assert f"Notification POST {URL}: HTTP 200" in publication.detail
    [document] = receiver.documents
    assert json.loads(document["Message"])["eventType"] == "Send"
    assert receiver.received[0].problem is None


def test_routes_are_per_test(ses: FakeSES) -> None:
    assert ses.webhooks.routes == ()
    assert ses.webhooks.deliveries == ()


def test_route_webhook_reports_bad_routes_as_usage_errors(ses: FakeSES) -> None:
    with pytest.raises(UsageError, match="without an app, a route must name a loopback address"):
        ses.route_webhook("https://app.example/x")
    with pytest.raises(UsageError, match="needs an http:// or https:// URL"):
        ses.route_webhook("app.example/x", WsgiReceiver())
