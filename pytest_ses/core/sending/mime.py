"""Headers as SES reports them: the submitted headers in order, and the ``commonHeaders`` digest."""

from __future__ import annotations

import email
import email.parser
import email.policy
import functools
import io
from collections.abc import Sequence
from email.utils import getaddresses, parseaddr
from typing import Any

Header = tuple[str, str]

CONFIGURATION_SET_HEADER = "X-SES-CONFIGURATION-SET"
MESSAGE_TAGS_HEADER = "X-SES-MESSAGE-TAGS"
MAX_HEADER_BYTES = 10 * 1024
_BOUNDARY = "----=_Part_0_1234567890.1700000000000"


def parse_raw_headers(raw: str) -> list[Header]:
    """The header block of a raw MIME message, unfolded, in submission order; ``[]`` when there is none."""
    if not raw.strip():
        return []
    # Only the header block is read: a body of deeply nested multiparts would exhaust the recursion limit.
    message = email.parser.Parser(policy=email.policy.compat32).parsestr(raw, headersonly=True)
    return [(name, _unfold(str(value))) for name, value in message.items()]


def has_empty_header_name(raw: str) -> bool:
    """Whether a line of the header block starts with ':' (the parser drops such a line as a defect)."""
    for line in io.StringIO(raw):
        if not line.strip():
            return False
        if line.startswith(":"):
            return True
    return False


def _unfold(value: str) -> str:
    return " ".join(part.strip() for part in value.replace("\r\n", "\n").split("\n"))


def header_value(headers: Sequence[Header], name: str) -> str | None:
    """The first value of a header, matched case-insensitively."""
    lowered = name.lower()
    return next((value for key, value in headers if key.lower() == lowered), None)


def simple_headers(
    source: str,
    to: list[str],
    cc: list[str],
    reply_to: list[str],
    subject: str | None,
    text: str | None,
    html: str | None,
) -> list[Header]:
    """The headers SES writes for a ``SendEmail`` built from parts (as in AWS's recorded events)."""
    headers: list[Header] = [("From", source)]
    if reply_to:
        headers.append(("Reply-To", ", ".join(reply_to)))
    if to:
        headers.append(("To", ", ".join(to)))
    if cc:
        headers.append(("CC", ", ".join(cc)))
    if subject is not None:
        headers.append(("Subject", subject))
    headers.append(("MIME-Version", "1.0"))
    if text is not None and html is not None:
        headers.append(("Content-Type", f'multipart/alternative;  boundary="{_BOUNDARY}"'))
    else:
        kind = "html" if html is not None else "plain"
        headers.append(("Content-Type", f"text/{kind}; charset=UTF-8"))
        headers.append(("Content-Transfer-Encoding", "7bit"))
    return headers


def common_headers(headers: list[Header], message_id: str) -> dict[str, Any]:
    """``commonHeaders``: address lists, date and subject when present; ``messageId`` is always SES's id."""
    common: dict[str, Any] = {}
    for key, name in (("from", "From"), ("replyTo", "Reply-To"), ("to", "To"), ("cc", "CC"), ("bcc", "BCC")):
        value = header_value(headers, name)
        if value is not None:
            common[key] = [v.strip() for v in _split_addresses(value)]
    for key, name in (("returnPath", "Return-Path"), ("date", "Date")):
        value = header_value(headers, name)
        if value is not None:
            common[key] = value
    common["messageId"] = message_id
    subject = header_value(headers, "Subject")
    if subject is not None:
        common["subject"] = subject
    return common


def _split_addresses(value: str) -> list[str]:
    """Split an address list on top-level commas, keeping display names intact."""
    parts: list[str] = []
    depth, quoted, current = 0, False, ""
    for char in value:
        if char == '"':
            quoted = not quoted
        elif char == "<" and not quoted:
            depth += 1
        elif char == ">" and not quoted:
            depth -= 1
        if char == "," and depth == 0 and not quoted:
            parts.append(current)
            current = ""
        else:
            current += char
    if current.strip():
        parts.append(current)
    return parts


def addresses(value: str | None) -> list[str]:
    """Bare addresses of a header value (``"A <a@x>, b@y"`` → ``["a@x", "b@y"]``)."""
    if not value:
        return []
    return [address for _, address in getaddresses([value]) if address]


@functools.lru_cache(maxsize=4096)
def bare_address(value: str) -> str:
    """``"Name <a@example.com>"`` → ``"a@example.com"`` (remembered: a send asks it of each address often)."""
    return parseaddr(value)[1] or value


def headers_truncated(headers: list[Header]) -> bool:
    return sum(len(k) + len(v) + 4 for k, v in headers) > MAX_HEADER_BYTES


def raw_body_text(raw: str) -> tuple[str | None, str | None]:
    """The text and HTML parts of a raw message (for open/click tracking decisions)."""
    text = html = None
    try:
        message = email.message_from_string(raw, policy=email.policy.default)
        for part in message.walk():
            kind = part.get_content_type()
            if kind == "text/plain" and text is None:
                text = str(part.get_payload(decode=False))
            elif kind == "text/html" and html is None:
                html = str(part.get_payload(decode=False))
    except RecursionError:  # multiparts nested thousands deep: treated as having no text or HTML part
        pass
    return text, html
