"""Django's SMTP email backend against the endpoint: STARTTLS, AUTH, the configuration-set header, BCC."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_ses import FakeSES
from pytest_ses.smtp.server import SmtpEndpoint

django = pytest.importorskip("django")


@pytest.fixture
def backend(ses_smtp: SmtpEndpoint) -> Any:
    from django.conf import settings
    from django.core.mail.backends.smtp import EmailBackend

    if not settings.configured:
        settings.configure(DEFAULT_CHARSET="utf-8")
    connection = EmailBackend(
        host=ses_smtp.host,
        port=ses_smtp.port,
        username="AKIASMTPUSER",
        password="smtp-secret",
        use_tls=True,
        timeout=5,
    )
    # Django verifies the server against the system's CAs; the endpoint's CA stands in for Amazon's.
    connection.ssl_context = ses_smtp.client_ssl_context()
    return connection


@pytest.mark.ses_smtp(credentials=("AKIASMTPUSER", "smtp-secret"), require_tls=True)
def test_django_sends_through_the_ses_smtp_interface(ses: FakeSES, backend: Any) -> None:
    from django.core.mail import EmailMultiAlternatives

    handle = ses.configuration_set("tx")
    mail = EmailMultiAlternatives(
        subject="Welcome",
        body="Hello from Django",
        from_email="Shop <shop@example.com>",
        to=["customer@example.net"],
        bcc=["audit@example.org"],
        headers={
            "Message-ID": "<welcome-1@example.com>",
            "X-SES-CONFIGURATION-SET": "tx",
            "X-SES-MESSAGE-TAGS": "flow=signup",
        },
        connection=backend,
    )
    mail.attach_alternative("<p>Hello from <b>Django</b></p>", "text/html")

    assert mail.send() == 1

    record = ses.messages.last
    assert record.accepted
    assert (record.operation, record.source) == ("SendSmtpEmail", "shop@example.com")
    assert record.destinations == ("customer@example.net", "audit@example.org")
    assert (record.configuration_set, record.tags) == ("tx", (("flow", "signup"),))
    assert record.html
    sent = handle.received()[0]
    assert sent["eventType"] == "Send"
    assert sent["mail"]["commonHeaders"]["subject"] == "Welcome"
    assert sent["mail"]["tags"]["flow"] == ["signup"]


@pytest.mark.ses_smtp(credentials=("AKIASMTPUSER", "another-secret"))
def test_django_sees_ses_refusing_its_credentials(backend: Any) -> None:
    import smtplib

    from django.core.mail import EmailMessage

    mail = EmailMessage("Hi", "Body", "shop@example.com", ["customer@example.net"], connection=backend)
    try:
        with pytest.raises(smtplib.SMTPAuthenticationError) as error:
            mail.send()
    finally:
        backend.close()  # Django leaves the connection open when login fails
    assert error.value.smtp_code == 535
