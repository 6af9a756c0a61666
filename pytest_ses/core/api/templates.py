"""Email templates through both APIs: v1 ``*Template`` and v2 ``*EmailTemplate`` share one store.

A template created with either API is read, changed, listed, rendered and deleted with the other.
Each part is parsed when stored, so a template SES could never render is refused up front
(``InvalidTemplate`` / ``BadRequestException``), as AWS documents for CreateTemplate/UpdateTemplate.
"""

from __future__ import annotations

import base64
import binascii
from types import MappingProxyType
from typing import Any

from ...errors import AwsError
from ..model import Template
from ..sending.templates import (
    RenderingError,
    TemplateDataError,
    TemplateSyntaxError,
    check,
    mime_message,
    parse_template_data,
    render,
)
from . import errors
from .context import Handler, OpContext, Params, Response
from .send_limits import template_data
from .shapes import name_is_valid
from .v1_common import structure
from .v2_validation import check_tag_count, tags, tags_to_v2

MAX_TEMPLATES = 10_000
MAX_TEMPLATE_BYTES = 500 * 1024
V1_DEFAULT_PAGE, V1_MAX_PAGE = 10, 100
V2_DEFAULT_PAGE, V2_MAX_PAGE = 10, 100
_TOKEN_PREFIX = "template:"


# --- errors ---------------------------------------------------------------------------------------
def _not_found(name: str, api: str) -> AwsError:
    message = f"Template {name} does not exist."
    return AwsError("TemplateDoesNotExist", message) if api == "v1" else errors.v2_not_found(message)


def _bad(message: str, api: str, v1_code: str = "InvalidParameterValue") -> AwsError:
    return AwsError(v1_code, message) if api == "v1" else errors.v2_bad_request(message)


# --- shared steps ---------------------------------------------------------------------------------
def _validated(name: object, subject: Any, text: Any, html: Any, api: str, ctx: OpContext) -> Template:
    """A new ``Template`` from request values, after AWS's checks (name, subject, size, syntax)."""
    if not name_is_valid(name):
        raise _bad(
            f"Invalid template name <{name}>: only alphanumeric ASCII characters, '_', and '-' are allowed, "
            "up to 64 characters.",
            api,
        )
    assert isinstance(name, str)
    parts = [None if value is None else str(value) for value in (subject, text, html)]
    if not parts[0]:
        raise _bad("The subject must be specified.", api)
    size = sum(len(part.encode("utf-8")) for part in parts if part is not None)
    if size > MAX_TEMPLATE_BYTES:
        raise _bad(f"Template {name} is {size} bytes; the maximum template size is 500 KB.", api)
    template = Template(name=name, subject=parts[0], text=parts[1], html=parts[2], created=ctx.now)
    try:
        check(template)
    except TemplateSyntaxError as error:
        raise _bad(f"Template {name} is invalid: {error}", api, v1_code="InvalidTemplate") from None
    return template


def _add(ctx: OpContext, template: Template, api: str) -> None:
    with ctx.store.lock:
        if template.name in ctx.store.templates:
            message = f"Template {template.name} already exists."
            raise AwsError("AlreadyExists", message) if api == "v1" else errors.v2_exists(message)
        if len(ctx.store.templates) >= MAX_TEMPLATES:
            message = f"You have reached the maximum of {MAX_TEMPLATES} email templates."
            raise AwsError("LimitExceeded", message) if api == "v1" else errors.v2_limit(message)
        ctx.store.templates[template.name] = template


def _replace(ctx: OpContext, template: Template, api: str) -> None:
    """Swap in the new parts; the creation time and tags stay those of the original."""
    with ctx.store.lock:
        current = _get(ctx, template.name, api)
        template.created, template.tags = current.created, current.tags
        ctx.store.templates[template.name] = template


def _get(ctx: OpContext, name: object, api: str) -> Template:
    found = ctx.store.templates.get(name) if isinstance(name, str) else None
    if found is None:
        raise _not_found(str(name), api)
    return found


def _page(ctx: OpContext, params: Params, size: int, api: str) -> tuple[list[Template], str | None]:
    """Templates in name order after ``NextToken``; the token names the last template returned."""
    token = params.get("NextToken")
    after = _token_position(token) if token else ""
    if after is None:
        raise _bad(f"Invalid NextToken <{token}>.", api)
    with ctx.store.lock:
        ordered = sorted((t for t in ctx.store.templates.values() if t.name > after), key=lambda t: t.name)
    page = ordered[:size]
    more = len(ordered) > size
    return page, (_token_for(page[-1].name) if more else None)


def _token_for(name: str) -> str:
    return base64.urlsafe_b64encode((_TOKEN_PREFIX + name).encode("ascii")).decode("ascii")


def _token_position(token: object) -> str | None:
    try:
        decoded = base64.urlsafe_b64decode(str(token).encode("ascii")).decode("ascii")
    except (binascii.Error, UnicodeError, ValueError):
        return None
    prefix, _, name = decoded.partition(_TOKEN_PREFIX)
    return name if not prefix and name_is_valid(name) else None


def _render_test(ctx: OpContext, params: Params, api: str) -> Response:
    template = _get(ctx, params.get("TemplateName"), api)
    text = template_data(params.get("TemplateData"), "templateData", api)
    try:
        data = parse_template_data(text)
    except TemplateDataError as error:
        raise _bad(str(error), api, v1_code="InvalidRenderingParameter") from None
    try:
        rendered = render(template, data)
    except RenderingError as error:
        raise _bad(str(error), api, v1_code="MissingRenderingAttribute") from None
    except TemplateSyntaxError as error:  # stored before validation existed, or put in the store directly
        raise _bad(f"Template {template.name} is invalid: {error}", api, v1_code="InvalidTemplate") from None
    return {"RenderedTemplate": mime_message(rendered, ctx.now)}


# --- v1 -------------------------------------------------------------------------------------------
def _v1_template(ctx: OpContext, params: Params) -> Template:
    spec = structure(params, "Template")
    return _validated(
        spec.get("TemplateName"), spec.get("SubjectPart"), spec.get("TextPart"), spec.get("HtmlPart"), "v1", ctx
    )


def create_template(ctx: OpContext, params: Params) -> Response:
    _add(ctx, _v1_template(ctx, params), "v1")
    return {}


def update_template(ctx: OpContext, params: Params) -> Response:
    spec = structure(params, "Template")
    with ctx.store.lock:
        _get(ctx, spec.get("TemplateName"), "v1")
        _replace(ctx, _v1_template(ctx, params), "v1")
    return {}


def get_template(ctx: OpContext, params: Params) -> Response:
    with ctx.store.lock:
        template = _get(ctx, params.get("TemplateName"), "v1")
    parts = {"SubjectPart": template.subject, "TextPart": template.text, "HtmlPart": template.html}
    return {"Template": {"TemplateName": template.name, **{k: v for k, v in parts.items() if v is not None}}}


def delete_template(ctx: OpContext, params: Params) -> Response:
    """Deleting a template that does not exist succeeds: v1 models no error for it (AWS-verified)."""
    with ctx.store.lock:
        ctx.store.templates.pop(str(params.get("TemplateName")), None)
    return {}


def list_templates(ctx: OpContext, params: Params) -> Response:
    """``MaxItems`` defaults to 10; above 100 it is cut to 100, as the API reference says."""
    size = params.get("MaxItems")
    if size is None:
        size = V1_DEFAULT_PAGE
    elif isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise errors.invalid_parameter(f"MaxItems must be between 1 and {V1_MAX_PAGE}, got <{size}>.")
    page, token = _page(ctx, params, min(size, V1_MAX_PAGE), "v1")
    response: Response = {"TemplatesMetadata": [{"Name": t.name, "CreatedTimestamp": t.created} for t in page]}
    if token:
        response["NextToken"] = token
    return response


def preview_template(ctx: OpContext, params: Params) -> Response:
    return _render_test(ctx, params, "v1")


# --- v2 -------------------------------------------------------------------------------------------
def _v2_template(ctx: OpContext, params: Params) -> Template:
    content = structure(params, "TemplateContent")
    return _validated(
        params.get("TemplateName"), content.get("Subject"), content.get("Text"), content.get("Html"), "v2", ctx
    )


def create_email_template(ctx: OpContext, params: Params) -> Response:
    template = _v2_template(ctx, params)
    template.tags = tags(params.get("Tags"))
    check_tag_count(len(template.tags))
    _add(ctx, template, "v2")
    return {}


def update_email_template(ctx: OpContext, params: Params) -> Response:
    with ctx.store.lock:
        _get(ctx, params.get("TemplateName"), "v2")
        _replace(ctx, _v2_template(ctx, params), "v2")
    return {}


def get_email_template(ctx: OpContext, params: Params) -> Response:
    with ctx.store.lock:
        template = _get(ctx, params.get("TemplateName"), "v2")
    content = {"Subject": template.subject, "Text": template.text, "Html": template.html}
    return {
        "TemplateName": template.name,
        "TemplateContent": {key: value for key, value in content.items() if value is not None},
        "Tags": tags_to_v2(template.tags),
    }


def delete_email_template(ctx: OpContext, params: Params) -> Response:
    with ctx.store.lock:
        template = _get(ctx, params.get("TemplateName"), "v2")
        del ctx.store.templates[template.name]
    return {}


def list_email_templates(ctx: OpContext, params: Params) -> Response:
    size = params.get("PageSize")
    if size is None:
        size = V2_DEFAULT_PAGE
    elif isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= V2_MAX_PAGE:
        raise errors.v2_bad_request(f"PageSize must be between 1 and {V2_MAX_PAGE}, got {size}.")
    page, token = _page(ctx, params, size, "v2")
    response: Response = {
        "TemplatesMetadata": [{"TemplateName": t.name, "CreatedTimestamp": t.created} for t in page]
    }
    if token:
        response["NextToken"] = token
    return response


def preview_email_template(ctx: OpContext, params: Params) -> Response:
    return _render_test(ctx, params, "v2")


V1_OPERATIONS: MappingProxyType[str, Handler] = MappingProxyType(
    {
        "CreateTemplate": create_template,
        "GetTemplate": get_template,
        "UpdateTemplate": update_template,
        "DeleteTemplate": delete_template,
        "ListTemplates": list_templates,
        "TestRenderTemplate": preview_template,
    }
)
V2_OPERATIONS: MappingProxyType[str, Handler] = MappingProxyType(
    {
        "CreateEmailTemplate": create_email_template,
        "GetEmailTemplate": get_email_template,
        "UpdateEmailTemplate": update_email_template,
        "DeleteEmailTemplate": delete_email_template,
        "ListEmailTemplates": list_email_templates,
        "TestRenderEmailTemplate": preview_email_template,
    }
)
