"""The pure parts: envelopes, strings to sign, signatures, app calls and route matching (no moto)."""

from __future__ import annotations

import asyncio
import base64
import json
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from hypothesis import given
from hypothesis import strategies as st
from webhook_receivers import NOTIFICATION_FIELDS

from pytest_ses.webhooks import HttpRequest, SigningIdentity, WebhookRouter, envelope
from pytest_ses.webhooks.apps import app_kind, call_asgi, call_wsgi
from pytest_ses.webhooks.routing import credentials, is_loopback, strip_credentials

TOPIC = "arn:aws:sns:eu-west-1:123456789012:events"
SUBSCRIPTION = f"{TOPIC}:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55"


@pytest.fixture(scope="module")
def identity() -> SigningIdentity:
    return SigningIdentity.generate()


def notification(subject: str | None = "Hello") -> dict[str, Any]:
    return envelope.notification(
        message_id="m-1",
        topic_arn=TOPIC,
        subscription_arn=SUBSCRIPTION,
        message='{"eventType":"Send"}',
        timestamp="2026-01-02T03:04:05.678Z",
        subject=subject,
    )


def test_notification_string_to_sign_includes_subject_in_documented_order() -> None:
    assert envelope.string_to_sign(notification()) == (
        'Message\n{"eventType":"Send"}\nMessageId\nm-1\nSubject\nHello\n'
        f"Timestamp\n2026-01-02T03:04:05.678Z\nTopicArn\n{TOPIC}\nType\nNotification\n"
    )


def test_notification_without_subject_has_no_subject_key_and_signs_without_it() -> None:
    document = notification(subject=None)
    assert "Subject" not in document
    assert "Subject" not in envelope.string_to_sign(document)


def test_confirmation_string_to_sign_uses_subscribe_url_and_token() -> None:
    document = envelope.subscription_confirmation(
        message_id="m-2", topic_arn=TOPIC, token="abc", timestamp="2026-01-02T03:04:05.678Z"
    )
    url = f"https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn={TOPIC}&Token=abc"
    assert envelope.string_to_sign(document) == (
        f"Message\n{document['Message']}\nMessageId\nm-2\nSubscribeURL\n{url}\n"
        f"Timestamp\n2026-01-02T03:04:05.678Z\nToken\nabc\nTopicArn\n{TOPIC}\nType\nSubscriptionConfirmation\n"
    )
    assert document["Message"] == (
        f"You have chosen to subscribe to the topic {TOPIC}.\n"
        "To confirm the subscription, visit the SubscribeURL included in this message."
    )


def test_unsubscribe_confirmation_names_the_subscription() -> None:
    document = envelope.unsubscribe_confirmation(
        message_id="m-3", topic_arn=TOPIC, subscription_arn=SUBSCRIPTION, token="t", timestamp="x"
    )
    assert document["Type"] == "UnsubscribeConfirmation"
    assert document["Message"].startswith(f"You have chosen to deactivate subscription {SUBSCRIPTION}.\n")
    assert envelope.string_to_sign(document).endswith("Type\nUnsubscribeConfirmation\n")


def test_string_to_sign_refuses_unknown_types() -> None:
    with pytest.raises(ValueError, match="SNS signs no message of type 'Other'"):
        envelope.string_to_sign({"Type": "Other"})


@pytest.mark.parametrize(("version", "algorithm"), [("1", hashes.SHA1()), ("2", hashes.SHA256())])
def test_signature_versions_verify_with_their_hash(
    identity: SigningIdentity, version: str, algorithm: hashes.HashAlgorithm
) -> None:
    signed = identity.sign(notification(), version, "eu-west-1")
    assert signed["SignatureVersion"] == version
    certificate = x509.load_pem_x509_certificate(identity.certificate_pem)
    key: Any = certificate.public_key()
    text = envelope.string_to_sign(notification()).encode()
    key.verify(base64.b64decode(signed["Signature"]), text, padding.PKCS1v15(), algorithm)


def test_signed_document_keys_are_in_sns_order(identity: SigningIdentity) -> None:
    document = envelope.notification(
        message_id="m",
        topic_arn=TOPIC,
        subscription_arn=SUBSCRIPTION,
        message="x",
        timestamp="t",
        subject="s",
        message_attributes={"kind": {"Type": "String", "Value": "v"}},
    )
    signed = identity.sign(document, "1", "eu-west-1")
    assert list(signed) == [*NOTIFICATION_FIELDS, "MessageAttributes"]
    assert signed["UnsubscribeURL"] == (
        f"https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn={SUBSCRIPTION}"
    )


def test_cert_url_has_the_aws_shape_and_china_domain(identity: SigningIdentity) -> None:
    assert identity.certificate_name.startswith("SimpleNotificationService-")
    assert identity.cert_url("us-east-1") == f"https://sns.us-east-1.amazonaws.com/{identity.certificate_name}"
    assert identity.cert_url("cn-north-1").startswith("https://sns.cn-north-1.amazonaws.com.cn/")


def test_unknown_signature_version_is_refused(identity: SigningIdentity) -> None:
    with pytest.raises(ValueError, match="SignatureVersion must be '1' or '2', got '3'"):
        identity.sign(notification(), "3", "us-east-1")


def test_body_is_pretty_printed_like_sns() -> None:
    text = envelope.body_text({"Type": "Notification", "Message": "é"})
    assert text == '{\n  "Type" : "Notification",\n  "Message" : "é"\n}'
    assert json.loads(text) == {"Type": "Notification", "Message": "é"}


@given(
    st.dictionaries(
        st.text(),
        st.one_of(st.text(), st.dictionaries(st.text(), st.dictionaries(st.text(), st.text(), max_size=2))),
        max_size=6,
    )
)
def test_the_fast_body_text_is_the_indented_dump_exactly(document: dict[str, Any]) -> None:
    assert envelope.body_text(document) == json.dumps(
        document, indent=2, separators=(",", " : "), ensure_ascii=False
    )


def test_confirmation_headers_name_no_subscription() -> None:
    headers = envelope.request_headers(
        message_type="SubscriptionConfirmation",
        message_id="m",
        topic_arn=TOPIC,
        subscription_arn=SUBSCRIPTION,
        host="app.example",
        content_length=10,
    )
    assert "x-amz-sns-subscription-arn" not in headers
    assert headers["User-Agent"] == "Amazon Simple Notification Service Agent"
    assert headers["Content-Type"] == "text/plain; charset=UTF-8"


def echo_wsgi(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    body = environ["wsgi.input"].read(int(environ["CONTENT_LENGTH"]))
    seen = f"{environ['PATH_INFO']}?{environ['QUERY_STRING']} {environ['HTTP_HOST']} {environ['SERVER_PORT']} "
    start_response("201 Created", [("X-Seen", "yes")])
    return [seen.encode(), body]


def test_wsgi_app_gets_path_query_headers_and_body() -> None:
    request = HttpRequest(
        "POST", "https://app.example:8443/a%20b?x=1", {"Host": "app.example:8443", "Content-Length": "2"}, b"hi"
    )
    response = call_wsgi(echo_wsgi, request, "127.0.0.1")
    assert (response.status, response.header("x-seen"), response.body) == (
        201,
        "yes",
        b"/a b?x=1 app.example:8443 8443 hi",
    )


async def echo_asgi(scope: dict[str, Any], receive: Any, send: Any) -> None:
    message = await receive()
    await send({"type": "http.response.start", "status": 202, "headers": [(b"x-path", scope["path"].encode())]})
    await send({"type": "http.response.body", "body": message["body"], "more_body": True})
    await send({"type": "http.response.body", "body": b"!"})


def test_asgi_app_answers_outside_and_inside_a_running_loop() -> None:
    request = HttpRequest("POST", "http://app.example/hook", {"Content-Length": "2"}, b"hi")
    assert call_asgi(echo_asgi, request, "127.0.0.1").body == b"hi!"

    async def inside() -> bytes:
        return call_asgi(echo_asgi, request, "127.0.0.1").body

    assert asyncio.run(inside()) == b"hi!"


def test_app_kind_recognises_async_callables() -> None:
    class Handler:
        async def __call__(self, scope: Any, receive: Any, send: Any) -> None: ...

    assert (app_kind(echo_asgi), app_kind(Handler()), app_kind(echo_wsgi)) == ("asgi", "asgi", "wsgi")


def test_routes_match_by_prefix_and_the_longest_wins() -> None:
    router = WebhookRouter()
    outer = router.add("https://app.example/hooks", echo_wsgi)
    inner = router.add("https://app.example/hooks/ses/", echo_wsgi)
    assert router.find("https://app.example/hooks/other") is outer
    assert router.find("https://user:pw@app.example:443/hooks/ses/events?x=1") is inner
    assert router.find("https://app.example/hookshot") is None
    assert router.find("http://app.example/hooks") is None
    assert router.find("https://other.example/hooks") is None
    router.remove("https://app.example/hooks/ses/")
    assert router.find("https://app.example/hooks/ses/events") is outer


def test_router_refuses_bad_urls_and_non_loopback_network_routes() -> None:
    router = WebhookRouter()
    with pytest.raises(ValueError, match="needs an http:// or https:// URL"):
        router.add("ftp://app.example/x", echo_wsgi)
    with pytest.raises(ValueError, match="must name a loopback address"):
        router.add("https://app.example/x")
    with pytest.raises(ValueError, match="kind must be 'wsgi' or 'asgi'"):
        router.add("https://app.example/x", echo_wsgi, kind="cgi")
    assert router.add("http://127.0.0.1:8000/x").kind == "network"


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://127.0.0.1:9/x", True),
        ("http://127.8.9.10/x", True),
        ("http://[::1]:80/", True),
        ("http://localhost/x", True),
        ("http://10.0.0.1/x", False),
        ("https://app.example/x", False),
    ],
)
def test_loopback_addresses(url: str, loopback: bool) -> None:
    assert is_loopback(url) is loopback


def test_credentials_are_read_and_stripped() -> None:
    url = "https://user:s3cret@app.example/hook"
    assert credentials(url) == ("user", "s3cret")
    assert strip_credentials(url) == "https://app.example/hook"
    assert credentials("https://app.example/hook") is None
