"""Small WSGI and ASGI apps that receive SNS HTTP/S messages the way a careful app does.

They verify every signature independently of pytest-ses's code, following the SNS developer guide
("Verifying the signatures of Amazon SNS messages"): the certificate URL must have SNS's shape, the
certificate is downloaded from it, the string to sign is built from the keys of the message's type, and the
signature is checked with RSA PKCS#1 v1.5 and SHA1 (SignatureVersion 1) or SHA256 (2).
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import requests
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

CERT_URL_SHAPE = re.compile(
    r"https://sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?/SimpleNotificationService-[0-9a-f]+\.pem"
)
NOTIFICATION_FIELDS = (
    "Type",
    "MessageId",
    "TopicArn",
    "Subject",
    "Message",
    "Timestamp",
    "SignatureVersion",
    "Signature",
    "SigningCertURL",
    "UnsubscribeURL",
)
"""A signed Notification's fields in SNS's order (``MessageAttributes`` last, when there are any)."""
NOTIFICATION_KEYS = ("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
CONFIRMATION_KEYS = ("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type")


def sns_signature_problem(document: dict[str, Any]) -> str | None:
    """Why the document's signature does not verify, or ``None`` when it does."""
    url = document.get("SigningCertURL", "")
    if not CERT_URL_SHAPE.fullmatch(url):
        return f"untrusted certificate URL {url!r}"
    fetched = requests.get(url, timeout=5)
    if fetched.status_code != 200:
        return f"certificate download answered {fetched.status_code}"
    certificate = x509.load_pem_x509_certificate(fetched.content)
    keys = NOTIFICATION_KEYS if document.get("Type") == "Notification" else CONFIRMATION_KEYS
    text = "".join(f"{key}\n{document[key]}\n" for key in keys if key in document)
    algorithm = {"1": hashes.SHA1(), "2": hashes.SHA256()}.get(document.get("SignatureVersion", ""))
    if algorithm is None:
        return f"unknown SignatureVersion {document.get('SignatureVersion')!r}"
    public_key: Any = certificate.public_key()
    try:
        public_key.verify(base64.b64decode(document["Signature"]), text.encode(), padding.PKCS1v15(), algorithm)
    except InvalidSignature:
        return "signature does not match"
    return None


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    problem: str | None

    @property
    def document(self) -> dict[str, Any]:
        decoded: dict[str, Any] = json.loads(self.body)
        return decoded


@dataclass
class Receiver:
    """Answers 200 to a verified SNS message, 403 otherwise; confirms subscriptions by visiting SubscribeURL."""

    auto_confirm: bool = True
    verify: bool = True
    status: int = 200
    received: list[Received] = field(default_factory=list)

    def handle(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        problem = None
        if headers.get("x-amz-sns-rawdelivery") != "true" and self.verify:
            document = json.loads(body)
            problem = sns_signature_problem(document)
            if headers.get("x-amz-sns-message-type") != document.get("Type"):
                problem = problem or "x-amz-sns-message-type does not match Type"
            if headers.get("x-amz-sns-message-id") != document.get("MessageId"):
                problem = problem or "x-amz-sns-message-id does not match MessageId"
            if problem is None and document["Type"] == "SubscriptionConfirmation" and self.auto_confirm:
                requests.get(document["SubscribeURL"], timeout=5).raise_for_status()
        self.received.append(Received(path, headers, body, problem))
        if problem is not None:
            return 403, problem.encode()
        return self.status, b"ok"

    @property
    def documents(self) -> list[dict[str, Any]]:
        return [entry.document for entry in self.received]

    @property
    def types(self) -> list[str]:
        return [entry.headers.get("x-amz-sns-message-type", "") for entry in self.received]


class WsgiReceiver(Receiver):
    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        headers = {
            key[5:].replace("_", "-").lower(): value for key, value in environ.items() if key.startswith("HTTP_")
        }
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        status, text = self.handle(environ["PATH_INFO"], headers, body)
        start_response(f"{status} {'OK' if status < 400 else 'Refused'}", [("Content-Type", "text/plain")])
        return [text]


class AsgiReceiver(Receiver):
    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        assert scope["type"] == "http"
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        headers = {name.decode(): value.decode() for name, value in scope["headers"]}
        status, text = self.handle(scope["path"], headers, b"".join(chunks))
        await send(
            {"type": "http.response.start", "status": status, "headers": [(b"content-type", b"text/plain")]}
        )
        await send({"type": "http.response.body", "body": text})
