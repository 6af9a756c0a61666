"""SES v2 ``SendEmail`` (Simple, Raw, Template content) and ``SendBulkEmail``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ...errors import AwsError
from ..model import Template
from ..sending.pipeline import send
from ..sending.request import SendRequest
from .context import Handler, OpContext, Params, Response
from .send_limits import blob_size, check_message_size, template_data, text_size
from .send_v1 import _addresses, _content, _tags, _text, check_bulk_size, merged_tags, raw_request, raw_text
from .v1_common import strings, structure
from .v2_validation import invalid, member_path, pattern_member, string_member

MAX_HEADERS = 15
HEADER_NAME_PATTERN = "^[!-9;-@A-~]+$"
HEADER_VALUE_PATTERN = "[ -~]*"


def _template_fields(template: Mapping[str, Any], path: str) -> dict[str, Any]:
    data = template_data(template.get("TemplateData"), member_path(path, "TemplateData"), "v2")
    fields: dict[str, Any] = {"template_data": data or "{}"}
    content = structure(template, "TemplateContent")
    if content:
        fields["inline_template"] = Template(
            name="(inline)",
            subject=_text(content.get("Subject")),
            text=_text(content.get("Text")),
            html=_text(content.get("Html")),
            created=None,  # type: ignore[arg-type]
        )
        fields["template_name"] = None
    else:
        fields["template_name"] = str(template.get("TemplateName") or template.get("TemplateArn", "")).rpartition(
            "/"
        )[2]
    return fields


def send_email(ctx: OpContext, params: Params) -> Response:
    content = structure(params, "Content")
    destination = params.get("Destination")
    source = str(params.get("FromEmailAddress") or "")
    common: dict[str, Any] = {
        "configuration_set": _text(params.get("ConfigurationSetName")),
        "tags": _tags(params, "EmailTags"),
    }
    to = _addresses(destination, "ToAddresses")
    cc = _addresses(destination, "CcAddresses")
    bcc = _addresses(destination, "BccAddresses")
    if sum(kind in content for kind in ("Simple", "Raw", "Template")) != 1:
        raise AwsError("BadRequestException", "Content must contain exactly one of Simple, Raw or Template.")
    # What Simple and Template content share (Raw takes its recipients from the envelope and headers).
    shared: dict[str, Any] = {
        "operation": "SendEmail",
        "api": "v2",
        "source": source,
        "to": to,
        "cc": cc,
        "bcc": bcc,
        "reply_to": tuple(strings(params, "ReplyToAddresses")),
        **common,
    }
    if "Raw" in content:
        data = structure(content, "Raw").get("Data", b"")
        raw = raw_text(data, "v2")
        envelope = to + cc + bcc
        request = raw_request("SendEmail", "v2", source, envelope, raw, **common)
    elif "Template" in content:
        template = structure(content, "Template")
        request = SendRequest(
            **shared,
            **_template_fields(template, "content.template"),
            extra_headers=_headers(template, "content.template.headers"),
        )
    else:
        simple = structure(content, "Simple")
        body = structure(simple, "Body")
        request = SendRequest(
            **shared,
            subject=_content(simple, "Subject"),
            text=_content(body, "Text"),
            html=_content(body, "Html"),
            extra_headers=_headers(simple, "content.simple.headers"),
        )
        check_message_size(
            text_size(request.subject, request.text, request.html) + _attachments_size(simple), "v2"
        )
    return {"MessageId": send(ctx, request)}


def _attachments_size(simple: Mapping[str, Any]) -> int:
    """Attachments count as SES sends them: base64-encoded."""
    attachments = simple.get("Attachments")
    sizes = (
        [blob_size(a.get("RawContent")) for a in attachments if isinstance(a, Mapping)]
        if isinstance(attachments, list)
        else []
    )
    return sum(4 * -(-size // 3) for size in sizes)


def _headers(content: Mapping[str, Any], path: str) -> tuple[tuple[str, str], ...]:
    """Custom ``Headers`` of v2 Simple or Template content, checked against the model.

    Names are printable ASCII without ':' (1-126 characters), values printable ASCII (at most 995), at
    most 15 headers: what AWS validates and answers in its generic wording [inferred: the model's
    constraints; SES v2 validates them server-side like its other constraints].
    """
    given = content.get("Headers")
    headers = [h for h in given if isinstance(h, Mapping)] if isinstance(given, list) else []
    if len(headers) > MAX_HEADERS:
        raise invalid(path, f"Member must have length less than or equal to {MAX_HEADERS}")
    checked = []
    for index, header in enumerate(headers, start=1):
        member = f"{path}.{index}.member"
        name = string_member(header, "Name", member, low=1, high=126)
        value = string_member(header, "Value", member, low=1, high=995)
        if name is None or value is None:
            raise invalid(member_path(member, "Name" if name is None else "Value"), "Member must not be null")
        pattern_member(name, HEADER_NAME_PATTERN, member_path(member, "Name"))
        pattern_member(value, HEADER_VALUE_PATTERN, member_path(member, "Value"))
        checked.append((name, value))
    return tuple(checked)


def _bulk_status(error: AwsError) -> str:
    """v2 spells the v1 bulk statuses in upper snake case (``ConfigurationSetDoesNotExist`` excepted)."""
    status = error.bulk_status or "Failed"
    if status == "ConfigurationSetDoesNotExist":
        return "CONFIGURATION_SET_NOT_FOUND"
    if status == "TemplateDoesNotExist":
        return "TEMPLATE_NOT_FOUND"
    if status == "InvalidParameterValue":
        return "INVALID_PARAMETER"
    return re.sub(r"(?<!^)(?=[A-Z])", "_", status).upper()


def send_bulk_email(ctx: OpContext, params: Params) -> Response:
    template = structure(structure(params, "DefaultContent"), "Template")
    fields = _template_fields(template, "defaultContent.template")
    entries = check_bulk_size(params.get("BulkEmailEntries"), "v2")
    replacement_data = [
        template_data(
            structure(structure(entry, "ReplacementEmailContent"), "ReplacementTemplate").get(
                "ReplacementTemplateData"
            ),
            f"bulkEmailEntries.{n}.member.replacementEmailContent.replacementTemplate.replacementTemplateData",
            "v2",
        )
        for n, entry in enumerate(entries, start=1)
    ]
    results = []
    for entry, replacement in zip(entries, replacement_data, strict=True):
        destination = entry.get("Destination")
        data = replacement or fields["template_data"]
        request = SendRequest(
            operation="SendBulkEmail",
            api="v2",
            source=str(params.get("FromEmailAddress") or ""),
            to=_addresses(destination, "ToAddresses"),
            cc=_addresses(destination, "CcAddresses"),
            bcc=_addresses(destination, "BccAddresses"),
            reply_to=tuple(strings(params, "ReplyToAddresses")),
            template_name=fields.get("template_name"),
            inline_template=fields.get("inline_template"),
            template_data=str(data),
            configuration_set=_text(params.get("ConfigurationSetName")),
            tags=merged_tags(params.get("DefaultEmailTags"), entry.get("ReplacementTags")),
        )
        try:
            results.append({"Status": "SUCCESS", "MessageId": send(ctx, request)})
        except AwsError as error:
            if error.bulk_status is None:  # a problem of the call itself (sender, template)
                raise
            results.append({"Status": _bulk_status(error), "Error": error.message})
    return {"BulkEmailEntryResults": results}


OPERATIONS: MappingProxyType[str, Handler] = MappingProxyType(
    {"SendEmail": send_email, "SendBulkEmail": send_bulk_email}
)
