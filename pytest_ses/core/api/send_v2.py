"""SES v2 ``SendEmail`` (Simple, Raw, Template content) and ``SendBulkEmail``."""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Any

from ...errors import AwsError
from ..model import Template
from ..sending.pipeline import send
from ..sending.request import SendRequest
from .context import Handler, OpContext, Params, Response
from .send_v1 import _addresses, _data, _tags, check_bulk_size, merged_tags, raw_request


def _template_fields(template: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {"template_data": str(template.get("TemplateData") or "{}")}
    content = template.get("TemplateContent")
    if content:
        fields["inline_template"] = Template(
            name="(inline)",
            subject=content.get("Subject"),
            text=content.get("Text"),
            html=content.get("Html"),
            created=None,  # type: ignore[arg-type]
        )
        fields["template_name"] = None
    else:
        fields["template_name"] = str(template.get("TemplateName") or template.get("TemplateArn", "")).rpartition(
            "/"
        )[2]
    return fields


def send_email(ctx: OpContext, params: Params) -> Response:
    content = params.get("Content") or {}
    destination = params.get("Destination") or {}
    source = str(params.get("FromEmailAddress") or "")
    common: dict[str, Any] = {
        "configuration_set": params.get("ConfigurationSetName"),
        "tags": _tags(params, "EmailTags"),
    }
    to = _addresses(destination, "ToAddresses")
    cc = _addresses(destination, "CcAddresses")
    bcc = _addresses(destination, "BccAddresses")
    if sum(kind in content for kind in ("Simple", "Raw", "Template")) != 1:
        raise AwsError("BadRequestException", "Content must contain exactly one of Simple, Raw or Template.")
    if "Raw" in content:
        raw = _data((content.get("Raw") or {}).get("Data", b""))
        envelope = to + cc + bcc
        request = raw_request("SendEmail", "v2", source, envelope, raw, **common)
    elif "Template" in content:
        request = SendRequest(
            operation="SendEmail",
            api="v2",
            source=source,
            to=to,
            cc=cc,
            bcc=bcc,
            reply_to=tuple(params.get("ReplyToAddresses") or ()),
            **_template_fields(content["Template"] or {}),
            extra_headers=_headers(content["Template"] or {}),
            **common,
        )
    else:
        simple = content["Simple"] or {}
        body = simple.get("Body") or {}
        request = SendRequest(
            operation="SendEmail",
            api="v2",
            source=source,
            to=to,
            cc=cc,
            bcc=bcc,
            reply_to=tuple(params.get("ReplyToAddresses") or ()),
            subject=(simple.get("Subject") or {}).get("Data"),
            text=(body.get("Text") or {}).get("Data"),
            html=(body.get("Html") or {}).get("Data"),
            extra_headers=_headers(simple),
            **common,
        )
    return {"MessageId": send(ctx, request)}


def _headers(content: Any) -> tuple[tuple[str, str], ...]:
    """Custom ``Headers`` of v2 Simple or Template content."""
    return tuple(
        (str(h.get("Name", "")), str(h.get("Value", "")))
        for h in content.get("Headers") or []
        if isinstance(h, dict)
    )


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
    template = ((params.get("DefaultContent") or {}).get("Template")) or {}
    fields = _template_fields(template)
    results = []
    for entry in check_bulk_size(params.get("BulkEmailEntries"), "v2"):
        destination = entry.get("Destination") or {}
        replacement = ((entry.get("ReplacementEmailContent") or {}).get("ReplacementTemplate")) or {}
        data = replacement.get("ReplacementTemplateData") or fields["template_data"]
        request = SendRequest(
            operation="SendBulkEmail",
            api="v2",
            source=str(params.get("FromEmailAddress") or ""),
            to=_addresses(destination, "ToAddresses"),
            cc=_addresses(destination, "CcAddresses"),
            bcc=_addresses(destination, "BccAddresses"),
            reply_to=tuple(params.get("ReplyToAddresses") or ()),
            template_name=fields.get("template_name"),
            inline_template=fields.get("inline_template"),
            template_data=str(data),
            configuration_set=params.get("ConfigurationSetName"),
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
