"""SES v1 send operations: parameters → ``SendRequest`` → the pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ...errors import AwsError
from ..sending import mime
from ..sending.pipeline import send
from ..sending.request import SendRequest
from ..sending.tags import from_parameter
from .context import Handler, OpContext, Params, Response
from .send_limits import blob_bytes, check_message_size, template_data, text_size
from .v1_common import strings, structure


def _addresses(destination: Any, key: str) -> tuple[str, ...]:
    if not isinstance(destination, Mapping):
        return ()
    return tuple(strings(destination, key))


def _text(value: Any) -> str | None:
    """A text member (``Data`` of a part, a set name), ``None`` when absent."""
    return None if value is None else value if isinstance(value, str) else str(value)


def _content(block: Mapping[str, Any], key: str) -> str | None:
    """``Data`` of a ``Content`` structure (subject, text or HTML part)."""
    return _text(structure(block, key).get("Data"))


def _tags(params: Params, key: str = "Tags") -> tuple[tuple[str, str], ...] | None:
    return tuple(from_parameter(params[key])) if key in params else None


def raw_text(data: Any, api: str) -> str:
    """A raw message's text, its size checked against the API's limit first (the blob is decoded once)."""
    blob = blob_bytes(data)
    check_message_size(len(blob), api)
    return blob.decode("utf-8", errors="replace")


def send_email(ctx: OpContext, params: Params) -> Response:
    message = structure(params, "Message")
    body = structure(message, "Body")
    destination = params.get("Destination")
    request = SendRequest(
        operation="SendEmail",
        api="v1",
        source=str(params.get("Source", "")),
        to=_addresses(destination, "ToAddresses"),
        cc=_addresses(destination, "CcAddresses"),
        bcc=_addresses(destination, "BccAddresses"),
        reply_to=tuple(strings(params, "ReplyToAddresses")),
        subject=_content(message, "Subject"),
        text=_content(body, "Text"),
        html=_content(body, "Html"),
        configuration_set=_text(params.get("ConfigurationSetName")),
        tags=_tags(params),
    )
    check_message_size(text_size(request.subject, request.text, request.html), "v1")
    return {"MessageId": send(ctx, request)}


def raw_request(
    operation: str, api: str, source: str | None, envelope: tuple[str, ...], raw: str, **extra: Any
) -> SendRequest:
    """A raw send: missing source and recipients come from the From, To, CC and BCC headers."""
    if mime.has_empty_header_name(raw):
        # Text recorded from real SES v1 SendRawEmail (aws/aws-sdk-js issue #4121).
        message = "Empty header names are illegal."
        raise AwsError("InvalidParameterValue" if api == "v1" else "BadRequestException", message)
    headers = mime.parse_raw_headers(raw)
    source = _text(source)
    if not source:
        source = mime.header_value(headers, "From") or ""
    if not envelope:
        envelope = tuple(
            address for name in ("To", "CC", "BCC") for address in mime.addresses(mime.header_value(headers, name))
        )
    if not source:
        raise AwsError("MessageRejected" if api == "v1" else "BadRequestException", "Source not specified")
    return SendRequest(
        operation=operation,
        api=api,
        source=source,
        envelope=envelope,
        raw=raw,
        raw_headers=tuple(headers),
        **extra,
    )


def send_raw_email(ctx: OpContext, params: Params) -> Response:
    data = structure(params, "RawMessage").get("Data", b"")
    raw = raw_text(data, "v1")
    request = raw_request(
        "SendRawEmail",
        "v1",
        params.get("Source"),
        tuple(strings(params, "Destinations")),
        raw,
        configuration_set=_text(params.get("ConfigurationSetName")),
        tags=_tags(params),
    )
    return {"MessageId": send(ctx, request)}


def _templated_request(
    operation: str, params: Params, destination: Any, data: str | None, tags: tuple[tuple[str, str], ...] | None
) -> SendRequest:
    """A v1 templated send (single or one bulk destination): the template by name or ARN."""
    return SendRequest(
        operation=operation,
        api="v1",
        source=str(params.get("Source", "")),
        to=_addresses(destination, "ToAddresses"),
        cc=_addresses(destination, "CcAddresses"),
        bcc=_addresses(destination, "BccAddresses"),
        reply_to=tuple(strings(params, "ReplyToAddresses")),
        template_name=str(params.get("Template") or params.get("TemplateArn", "")).rpartition("/")[2],
        template_data=data,
        configuration_set=_text(params.get("ConfigurationSetName")),
        tags=tags,
    )


def send_templated_email(ctx: OpContext, params: Params) -> Response:
    data = template_data(params.get("TemplateData", "{}"), "templateData", "v1")
    request = _templated_request("SendTemplatedEmail", params, params.get("Destination"), data, _tags(params))
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
    kept: list[Any] = (
        [entry for entry in entries if isinstance(entry, Mapping)] if isinstance(entries, list) else []
    )
    if len(kept) > MAX_BULK_DESTINATIONS:
        raise AwsError("MessageRejected" if api == "v1" else "BadRequestException", "Too many destinations.")
    return kept


def send_bulk_templated_email(ctx: OpContext, params: Params) -> Response:
    statuses = []
    default_data = template_data(params.get("DefaultTemplateData"), "defaultTemplateData", "v1") or "{}"
    entries = check_bulk_size(params.get("Destinations"), "v1")
    replacement_data = [
        template_data(
            entry.get("ReplacementTemplateData"), f"destinations.{n}.member.replacementTemplateData", "v1"
        )
        for n, entry in enumerate(entries, start=1)
    ]
    for entry, replacement in zip(entries, replacement_data, strict=True):
        tags = merged_tags(params.get("DefaultTags"), entry.get("ReplacementTags"))
        data = replacement or default_data
        request = _templated_request("SendBulkTemplatedEmail", params, entry.get("Destination"), data, tags)
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
