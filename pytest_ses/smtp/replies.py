"""What the SES SMTP interface answers, and how a refused send reads over SMTP.

Texts follow the SES Developer Guide's list of SMTP response codes (troubleshoot-smtp, "SMTP response
codes returned by Amazon SES").  A send the pipeline refuses is answered at the end of DATA with the API
error's own message behind SES's prefix for that kind of failure, as SES does ("554 Message rejected:
Email address is not verified. ...", "554 Transaction failed: ...").
"""

from __future__ import annotations

from types import MappingProxyType

from ..errors import AwsError

AUTH_SUCCESSFUL = "235 Authentication successful"
AUTH_REQUIRED = "530 Authentication required"
AUTH_INVALID = "535 Authentication Credentials Invalid"
STARTTLS_FIRST = "530 Must issue a STARTTLS command first"
MESSAGE_TOO_LONG = "552 Message is too long."
TEMPORARY_FAILURE = "451 Temporary service failure"
INVALID_MAIL_FROM = "501 Invalid MAIL FROM address provided"
INVALID_RCPT_TO = "501 Invalid RCPT TO address provided"

_PREFIXES = MappingProxyType(
    {
        "MessageRejected": "554 Message rejected",
        "Throttling": "454 Throttling failure",
        "ThrottlingException": "454 Throttling failure",
        "AccessDenied": "554 Access denied",
        "AccessDeniedException": "554 Access denied",
    }
)
_DEFAULT_PREFIX = "554 Transaction failed"


def accepted(message_id: str) -> str:
    """SES's reply to an accepted message carries the message id the API would have returned."""
    return f"250 Ok {message_id}"


def refused(error: AwsError) -> str:
    """The reply for a send the pipeline refused with ``error`` (one line: SMTP replies cannot fold)."""
    prefix = _PREFIXES.get(error.code, _DEFAULT_PREFIX)
    message = error.message.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return f"{prefix}: {message}"


def status_code(reply: str) -> int:
    """The three-digit code of a reply line."""
    return int(reply[:3])
