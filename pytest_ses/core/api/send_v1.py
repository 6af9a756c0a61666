"""SES v1 send operations: parameters → ``SendRequest`` → the pipeline."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ...errors import AwsError
from ..sending import mime
from ..sending.pipeline import send
from ..sending.request import SendRequest
from ..sending.tags import from_parameter
from .context import Handler, OpContext, Params, Response


def _addresses(destination: Any, key: str) -> tuple[str, ...]:
    if not isinstance(destination, Mapping):
        return ()
    return tuple(str(a) for a in destination.get(key) or ())


def _tags(params: Params, key: str = "Tags") -> tuple[tuple[str, str], ...] | None:
    return tuple(from_parameter(params[key])) if key in params else None


def _data(value: Any) -> str:
    """Blob members arrive as bytes (or base64 text, depending on the protocol layer)."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    text = str(value or "")
    try:
        decoded = base64.b64decode(text, validate=True)
    except ValueError:
        return text
    # 8-bit MIME (a Latin-1 body, say) is still a message, not base64 text.
    return decoded.decode("utf-8", errors="replace")


def send_email(ctx: OpContext, params: Params) -> Response:
    message = params.get("Message") or {}
    body = message.get("Body") or {}
    destination = params.get("Destination") or {}
    request = SendRequest(
        operation="SendEmail",
        api="v1",
        source=str(params.get("Source", "")),
        to=_addresses(destination, "ToAddresses"),
        cc=_addresses(destination, "CcAddresses"),
        bcc=_addresses(destination, "BccAddresses"),
        reply_to=tuple(params.get("ReplyToAddresses") or ()),
        subject=(message.get("Subject") or {}).get("Data"),
        text=(body.get("Text") or {}).get("Data"),
        html=(body.get("Html") or {}).get("Data"),
        configuration_set=params.get("ConfigurationSetName"),
        tags=_tags(params),
    )
    return {"MessageId": send(ctx, request)}


def raw_request(
    operation: str, api: str, source: str | None, envelope: tuple[str, ...], raw: str, **extra: Any
) -> SendRequest:
    """A raw send: missing source and recipients come from the From, To, CC and BCC headers."""
    headers = mime.parse_raw_headers(raw)
    if not source:
        source = mime.header_value(headers, "From") or ""
    if not envelope:
        envelope = tuple(
            address for name in ("To", "CC", "BCC") for address in mime.addresses(mime.header_value(headers, name))
        )
    if not source:
        raise AwsError("MessageRejected" if api == "v1" else "BadRequestException", "Source not specified")
    return SendRequest(operation=operation, api=api, source=source, envelope=envelope, raw=raw, **extra)


def send_raw_email(ctx: OpContext, params: Params) -> Response:
    raw = _data((params.get("RawMessage") or {}).get("Data", b""))
    request = raw_request(
        "SendRawEmail",
        "v1",
        params.get("Source"),
        tuple(params.get("Destinations") or ()),
        raw,
        configuration_set=params.get("ConfigurationSetName"),
        tags=_tags(params),
    )
    return {"MessageId": send(ctx, request)}


def send_templated_email(ctx: OpContext, params: Params) -> Response:
    destination = params.get("Destination") or {}
    request = SendRequest(
        operation="SendTemplatedEmail",
        api="v1",
        source=str(params.get("Source", "")),
        to=_addresses(destination, "ToAddresses"),
        cc=_addresses(destination, "CcAddresses"),
        bcc=_addresses(destination, "BccAddresses"),
        reply_to=tuple(params.get("ReplyToAddresses") or ()),
        template_name=str(params.get("Template") or params.get("TemplateArn", "")).rpartition("/")[2],
        template_data=str(params.get("TemplateData", "{}")),
        configuration_set=params.get("ConfigurationSetName"),
        tags=_tags(params),
    )
    return {"MessageId": send(ctx, request)}


def merged_tags(default: Any, replacement: Any) -> tuple[tuple[str, str], ...] | None:
    """Per-destination replacement tags override default tags of the same name."""
    if default is None and replacement is None:
        return None
    merged = dict(from_parameter(default or []))
    merged.update(from_parameter(replacement or []))
    return tuple(merged.items())


MAX_BULK_DESTINATIONS = 50


def check_bulk_size(entries: Any, api: str) -> list[Any]:
    """At most 50 destinations per bulk call (API references); AWS's text is unrecorded, this is moto's."""
    kept: list[Any] = [entry for entry in entries or [] if isinstance(entry, Mapping)]
    if len(kept) > MAX_BULK_DESTINATIONS:
        raise AwsError("MessageRejected" if api == "v1" else "BadRequestException", "Too many destinations.")
    return kept


def send_bulk_templated_email(ctx: OpContext, params: Params) -> Response:
    statuses = []
    default_data = str(params.get("DefaultTemplateData") or "{}")
    for entry in check_bulk_size(params.get("Destinations"), "v1"):
        destination = entry.get("Destination") or {}
        request = SendRequest(
            operation="SendBulkTemplatedEmail",
            api="v1",
            source=str(params.get("Source", "")),
            to=_addresses(destination, "ToAddresses"),
            cc=_addresses(destination, "CcAddresses"),
            bcc=_addresses(destination, "BccAddresses"),
            reply_to=tuple(params.get("ReplyToAddresses") or ()),
            template_name=str(params.get("Template") or params.get("TemplateArn", "")).rpartition("/")[2],
            template_data=str(entry.get("ReplacementTemplateData") or default_data),
            configuration_set=params.get("ConfigurationSetName"),
            tags=merged_tags(params.get("DefaultTags"), entry.get("ReplacementTags")),
        )
        try:
            statuses.append({"Status": "Success", "MessageId": send(ctx, request)})
        except AwsError as error:
            if error.bulk_status is None:  # a problem of the call itself (sender, template)
                raise
            statuses.append({"Status": error.bulk_status, "Error": error.message})
    return {"Status": statuses}


OPERATIONS: MappingProxyType[str, Handler] = MappingProxyType(
    {
        "SendEmail": send_email,
        "SendRawEmail": send_raw_email,
        "SendTemplatedEmail": send_templated_email,
        "SendBulkTemplatedEmail": send_bulk_templated_email,
    }
)
