"""Make ``cryptography`` learn the real ``datetime`` type before any test can freeze the clock.

cryptography's certificate builder remembers the ``datetime`` class the first time it is used; if that
first use happens under freezegun (moto signs SNS messages with a fresh certificate), every later real
datetime is refused with "'datetime' object is not an instance of 'FakeDatetime'".
"""

from __future__ import annotations

import datetime as _dt
from functools import cache


@cache
def prime_cryptography() -> None:
    """Build one throwaway certificate with the real clock (once per process, about a millisecond)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "pytest-ses")])
    now = _dt.datetime.now(_dt.timezone.utc)
    (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + _dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
