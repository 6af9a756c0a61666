"""Building messages and running one SMTP transaction with the exact reply kept."""

from __future__ import annotations

import smtplib
from collections.abc import Iterable
from email.message import EmailMessage

SENDER = "me@example.com"
RECIPIENT = "you@example.net"


def message(
    sender: str = SENDER,
    to: Iterable[str] = (RECIPIENT,),
    subject: str = "Hello",
    body: str = "Hi there",
    **headers: str,
) -> EmailMessage:
    """A text message; ``headers`` given as ``X_SES_CONFIGURATION_SET="tx"`` (underscores become dashes)."""
    built = EmailMessage()
    built["From"] = sender
    built["To"] = ", ".join(to)
    built["Subject"] = subject
    for name, value in headers.items():
        built[name.replace("_", "-")] = value
    built.set_content(body)
    return built


def reply(code: int, text: bytes) -> str:
    return f"{code} {text.decode()}"


def transact(client: smtplib.SMTP, mail: EmailMessage, sender: str = SENDER, to: Iterable[str] = ()) -> str:
    """MAIL, RCPT (the message's To unless ``to`` is given) and DATA; the reply to the first refusal or DATA."""
    recipients = list(to) or [address.strip() for address in str(mail["To"]).split(",")]
    code, text = client.mail(sender)
    if code != 250:
        return reply(code, text)
    for recipient in recipients:
        code, text = client.rcpt(recipient)
        if code != 250:
            return reply(code, text)
    code, text = client.data(mail.as_bytes(policy=mail.policy.clone(linesep="\r\n")))
    return reply(code, text)
