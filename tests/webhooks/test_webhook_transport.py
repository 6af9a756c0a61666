"""Where a POST may go: routed apps, loopback servers and ``responses`` mocks; never another host."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
import requests
import responses
from webhook_receivers import WsgiReceiver, sns_signature_problem

from pytest_ses import FakeSES
from pytest_ses.bridge import sns_transport


class _Recording(BaseHTTPRequestHandler):
    received: list[tuple[str, dict[str, str], bytes]]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def loopback_server() -> Iterator[tuple[str, list[tuple[str, dict[str, str], bytes]]]]:
    received: list[tuple[str, dict[str, str], bytes]] = []
    handler = type("Handler", (_Recording,), {"received": received})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", received
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_unrouted_non_loopback_url_is_recorded_as_refused_without_any_request(
    ses: FakeSES, sns: Any, topic_arn: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("pytest-ses made a network request")

    monkeypatch.setattr(sns_transport, "post_over_network", no_network)
    sns.subscribe(TopicArn=topic_arn, Protocol="https", Endpoint="https://hooks.example.com/sns")

    sns.publish(TopicArn=topic_arn, Message="m")

    [delivery] = ses.webhooks.deliveries
    assert delivery.status is None
    assert delivery.route is None
    assert delivery.error is not None
    assert delivery.error.startswith("not delivered: pytest-ses makes no request to hooks.example.com")
    assert json.loads(delivery.body)["Message"] == "m"


def test_a_url_mocked_with_responses_is_delivered_through_the_mock(ses: FakeSES, sns: Any, topic_arn: str) -> None:
    url = "https://hooks.example.com/sns"
    sns.subscribe(TopicArn=topic_arn, Protocol="https", Endpoint=url)
    responses.start()
    try:
        responses.add(responses.POST, url, status=202)
        sns.publish(TopicArn=topic_arn, Message="m")
        [call] = responses.calls
    finally:
        responses.stop()
        responses.reset()
    assert call.request.headers["x-amz-sns-message-type"] == "Notification"
    # The test's own mock answers only what it registered: the certificate is fetched once it is stopped.
    assert sns_signature_problem(json.loads(call.request.body)) is None
    assert ses.webhooks.deliveries[0].status == 202


def test_unrouted_loopback_url_gets_a_real_post(
    ses: FakeSES, sns: Any, topic_arn: str, loopback_server: tuple[str, list[Any]]
) -> None:
    base, received = loopback_server
    sns.subscribe(TopicArn=topic_arn, Protocol="http", Endpoint=f"{base}/hook")

    sns.publish(TopicArn=topic_arn, Message="over the wire", Subject="s")

    [(path, headers, body)] = received
    assert path == "/hook"
    assert headers["x-amz-sns-message-type"] == "Notification"
    assert sns_signature_problem(json.loads(body)) is None
    assert ses.webhooks.deliveries[0].status == 204


def test_network_route_to_loopback_asks_for_confirmation(
    ses: FakeSES, sns: Any, topic_arn: str, loopback_server: tuple[str, list[Any]]
) -> None:
    base, received = loopback_server
    route = ses.route_webhook(f"{base}/hook", confirm=False)

    assert sns.subscribe(TopicArn=topic_arn, Protocol="http", Endpoint=f"{base}/hook")["SubscriptionArn"] == (
        "pending confirmation"
    )

    [(_, headers, body)] = received
    assert headers["x-amz-sns-message-type"] == "SubscriptionConfirmation"
    requests.get(json.loads(body)["SubscribeURL"], timeout=5).raise_for_status()
    sns.publish(TopicArn=topic_arn, Message="m")
    assert [(d.message_type, d.status) for d in route.deliveries] == [
        ("SubscriptionConfirmation", 204),
        ("Notification", 204),
    ]


def test_basic_auth_credentials_are_sent_after_a_401_challenge(ses: FakeSES, sns: Any, topic_arn: str) -> None:
    seen: list[str | None] = []
    expected = "Basic " + base64.b64encode(b"anymail:s3cret").decode()

    def guarded(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        seen.append(environ.get("HTTP_AUTHORIZATION"))
        if environ.get("HTTP_AUTHORIZATION") != expected:
            start_response("401 Unauthorized", [("WWW-Authenticate", 'Basic realm="hooks"')])
            return [b""]
        start_response("200 OK", [])
        return [b"ok"]

    ses.route_webhook("https://app.example/hook", guarded)
    sns.subscribe(TopicArn=topic_arn, Protocol="https", Endpoint="https://anymail:s3cret@app.example/hook")

    sns.publish(TopicArn=topic_arn, Message="m")

    assert seen == [None, expected]
    [delivery] = ses.webhooks.deliveries
    assert (delivery.status, delivery.attempts, delivery.url) == (200, 2, "https://app.example/hook")
    assert delivery.headers["Authorization"] == expected


def test_signing_certificate_is_served_only_under_its_own_name(ses: FakeSES, sns: Any, topic_arn: str) -> None:
    receiver = WsgiReceiver()
    ses.route_webhook("https://app.example/hook", receiver)
    sns.subscribe(TopicArn=topic_arn, Protocol="https", Endpoint="https://app.example/hook")
    sns.publish(TopicArn=topic_arn, Message="m")

    cert_url = receiver.documents[0]["SigningCertURL"]
    served = requests.get(cert_url, timeout=5)
    assert served.status_code == 200
    assert served.content.startswith(b"-----BEGIN CERTIFICATE-----")
    other = cert_url.rsplit("/", 1)[0] + "/SimpleNotificationService-0000.pem"
    assert requests.get(other, timeout=5).status_code == 404


def test_other_subscription_protocols_keep_moto_behaviour(ses: FakeSES, sns: Any, topic_arn: str) -> None:
    sqs = ses.client("sqs")
    queue_url = sqs.create_queue(QueueName="q")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=queue_arn)

    sns.publish(TopicArn=topic_arn, Message="to the queue")

    [message] = sqs.receive_message(QueueUrl=queue_url)["Messages"]
    assert json.loads(message["Body"])["Message"] == "to the queue"
    assert ses.webhooks.deliveries == ()


def test_the_bridge_patches_are_reversible() -> None:
    from moto.sns.models import SNSBackend, Subscription
    from moto.sns.responses import SNSResponse

    from pytest_ses.bridge.sns_http import SnsHttpBridge
    from pytest_ses.core.session import Session

    targets = [
        (Subscription, "publish"),
        (SNSBackend, "subscribe"),
        (SNSBackend, "unsubscribe"),
        (SNSResponse, "subscribe"),
        (SNSResponse, "confirm_subscription"),
        (SNSResponse, "list_subscriptions"),
        (SNSResponse, "list_subscriptions_by_topic"),
    ]
    before = [getattr(cls, name) for cls, name in targets]
    bridge = SnsHttpBridge(Session)
    bridge.install()
    bridge.install()  # idempotent
    try:
        assert all(getattr(cls, name) is not old for (cls, name), old in zip(targets, before, strict=True))
    finally:
        bridge.uninstall()
    assert [getattr(cls, name) for cls, name in targets] == before
