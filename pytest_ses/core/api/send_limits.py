"""Size limits the send operations check before SES takes a message: message length and template data.

The SMTP interface has its own limit (40 MB, ``smtp.policy``), so these checks run in the API handlers
rather than in the pipeline that SMTP shares.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from ...errors import AwsError
from . import errors
from .v2_validation import invalid

MAX_MESSAGE_BYTES = {"v1": 10 * 1024 * 1024, "v2": 40 * 1024 * 1024}
"""10 MB through the v1 API, 40 MB through v2, per message after base64 encoding (DG quotas.md)."""
MAX_TEMPLATE_DATA = 262_144
"""``TemplateData`` and its bulk variants: the model's maximum length, in characters."""


def check_message_size(size: int, api: str) -> None:
    """Refuse a message longer than the API's limit.

    The v1 code and text are recorded from real SES (aws/aws-sdk-go-v2 issue #1774, SendRawEmail);
    v2 has no ``InvalidParameterValue`` and answers its parameter errors as ``BadRequestException``.
    """
    limit = MAX_MESSAGE_BYTES[api]
    if size > limit:
        message = f"Message length is more than {limit} bytes long: '{size}'."
        raise AwsError("InvalidParameterValue", message) if api == "v1" else errors.v2_bad_request(message)


def blob_bytes(value: Any) -> bytes:
    """A blob member's bytes: bytes as given, base64 text decoded, other text as UTF-8 (8-bit MIME, say)."""
    if isinstance(value, bytes):
        return value
    text = str(value or "")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return text.encode("utf-8", errors="replace")


def blob_size(value: Any) -> int:
    """Bytes of a blob member (see ``blob_bytes``)."""
    return len(blob_bytes(value))


def text_size(*parts: str | None) -> int:
    """UTF-8 bytes of the parts SES builds a message from (its own MIME framing is not counted)."""
    return sum(len(part.encode("utf-8", errors="replace")) for part in parts if part)


def template_data(value: Any, path: str, api: str) -> str | None:
    """A ``TemplateData`` member within the model's maximum length (``None`` when absent).

    Too long is a constraint violation, answered in the service's validation wording: ``ValidationError``
    through v1, ``BadRequestException`` through v2 [inferred: the model's ``max``, AWS's generic wording].
    """
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    if len(text) > MAX_TEMPLATE_DATA:
        error = invalid(path, f"Member must have length less than or equal to {MAX_TEMPLATE_DATA}")
        raise error if api == "v2" else errors.validation(error.message)
    return text
