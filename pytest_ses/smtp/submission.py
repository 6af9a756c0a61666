"""One SMTP transaction → one ``SendRequest`` through the same pipeline as the API → SES's reply line.

SES's SMTP interface is ``SendRawEmail`` behind a mail server: the envelope sender (MAIL FROM) is the
source, the RCPT TO addresses are the destinations, and the DATA is the raw message, whose
``X-SES-CONFIGURATION-SET`` and ``X-SES-MESSAGE-TAGS`` headers choose the set and the tags.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..core.api.send_v1 import raw_request
from ..core.sending.pipeline import send
from ..core.sending.request import SendRequest
from ..errors import AwsError
from . import replies
from .policy import SmtpPolicy

if TYPE_CHECKING:
    from ..core.api.context import OpContext

SMTP_OPERATION = "SendSmtpEmail"
"""The ``ses:operation`` tag (and record operation) of mail sent over SMTP, as SES tags it."""

SMTP_API = "v1"
"""SMTP sends are authorised and refused as ``ses:SendRawEmail`` (v1) calls, so they get v1's error codes."""


def _well_formed(address: str) -> bool:
    local, at, domain = address.rpartition("@")
    return bool(local and at and domain) and not any(c.isspace() for c in address)


def mail_from_reply(address: str) -> str | None:
    """The refusal of a MAIL FROM address, or ``None`` when SES takes it."""
    return None if _well_formed(address) else replies.INVALID_MAIL_FROM


def rcpt_to_reply(address: str) -> str | None:
    """The refusal of a RCPT TO address, or ``None`` when SES takes it."""
    return None if _well_formed(address) else replies.INVALID_RCPT_TO


def smtp_request(mail_from: str, rcpt_tos: Sequence[str], content: bytes) -> SendRequest:
    """The send an SMTP transaction stands for (8-bit bodies are kept, undecodable bytes replaced)."""
    raw = content.decode("utf-8", errors="replace")
    return raw_request(SMTP_OPERATION, SMTP_API, mail_from or None, tuple(rcpt_tos), raw)


def submit(ctx: OpContext, policy: SmtpPolicy, mail_from: str, rcpt_tos: Sequence[str], content: bytes) -> str:
    """Run the message through SES and return the reply to its DATA: ``250 Ok <id>`` or SES's refusal."""
    if policy.too_long(len(content)):
        return replies.MESSAGE_TOO_LONG
    try:
        return replies.accepted(send(ctx, smtp_request(mail_from, rcpt_tos, content)))
    except AwsError as error:
        return replies.refused(error)
