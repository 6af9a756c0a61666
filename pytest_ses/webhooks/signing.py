"""Sign SNS documents as SNS does: RSA PKCS#1 v1.5 over the string to sign, SHA1 (version 1) or SHA256 (2).

The key and its self-signed certificate are made here; the certificate is published at an AWS-shaped
``SigningCertURL`` so that apps which download it and check the URL's shape (django-ses does) accept it.
"""

from __future__ import annotations

import base64
import datetime as _dt
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

from .envelope import sns_host, string_to_sign, with_signature

SIGNATURE_VERSIONS = ("1", "2")

KEY_BITS = 2048
"""As SNS's own certificates.  A signature costs about 0.25 ms; SQS deliveries sign only when first read."""


def _digest(version: str) -> hashes.HashAlgorithm:
    if version == "1":
        return hashes.SHA1()
    if version == "2":
        return hashes.SHA256()
    raise ValueError(f"SNS SignatureVersion must be '1' or '2', got {version!r}")


@dataclass(frozen=True)
class SigningIdentity:
    """An RSA key and the certificate that carries its public half."""

    key: rsa.RSAPrivateKey
    certificate_pem: bytes
    certificate_name: str
    """``SimpleNotificationService-<32 hex>.pem``: the last segment of every ``SigningCertURL``."""

    @classmethod
    def generate(cls, now: _dt.datetime | None = None) -> SigningIdentity:
        """A fresh key (``KEY_BITS``) and a self-signed certificate in the name SNS's certificates carry."""
        key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
        moment = now or _dt.datetime.now(_dt.timezone.utc)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sns.amazonaws.com")])
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            # Valid from well before any frozen test clock to well after it.
            .not_valid_before(moment - _dt.timedelta(days=3650))
            .not_valid_after(moment + _dt.timedelta(days=3650))
            .sign(key, hashes.SHA256())
        )
        fingerprint = certificate.fingerprint(hashes.SHA256()).hex()[:32]
        return cls(
            key=key,
            certificate_pem=certificate.public_bytes(serialization.Encoding.PEM),
            certificate_name=f"SimpleNotificationService-{fingerprint}.pem",
        )

    def cert_url(self, region: str) -> str:
        return f"https://{sns_host(region)}/{self.certificate_name}"

    def signature(self, text: str, version: str) -> str:
        raw = self.key.sign(text.encode("utf-8"), padding.PKCS1v15(), _digest(version))
        return base64.b64encode(raw).decode("ascii")

    def sign(self, document: Mapping[str, Any], version: str, region: str) -> dict[str, Any]:
        """The document with its signature fields, signed over SNS's string to sign."""
        return with_signature(
            document, version, self.signature(string_to_sign(document), version), self.cert_url(region)
        )

    def sign_later(
        self, document: Mapping[str, Any], version: str, region: str
    ) -> tuple[dict[str, Any], DeferredSignature]:
        """The document with its signature fields, a placeholder of the signature's length standing in for the
        signature, and what computes the signature when someone first needs it."""
        length = 4 * ((self.key.key_size // 8 + 2) // 3)  # base64 of the key's size in bytes
        deferred = DeferredSignature(self, string_to_sign(document), version, "0" * length)
        return with_signature(document, version, deferred.placeholder, self.cert_url(region)), deferred


@dataclass(frozen=True)
class DeferredSignature:
    """A signature over ``text`` not computed yet: ``value()`` computes it; ``lock`` lets one reader do it."""

    identity: SigningIdentity
    text: str
    version: str
    placeholder: str
    lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    def value(self) -> str:
        return self.identity.signature(self.text, self.version)
