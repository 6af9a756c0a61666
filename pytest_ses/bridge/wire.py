"""Request parsing and response serialisation for the two SES protocols, driven by botocore's models.

v1 (query protocol) arrives already parsed by moto; v2 (rest-json) is rebuilt here from the URI, query
string and JSON body so handlers see exactly the parameters the caller passed to boto3.
"""

from __future__ import annotations

import base64
import datetime as _dt
import json
from collections.abc import Mapping
from functools import cache
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import botocore.session
from botocore.model import ListShape, OperationModel, ServiceModel, Shape


@cache
def service_model(service: str) -> ServiceModel:
    """botocore's model of ``ses`` or ``sesv2`` (loaded once per process; models are immutable)."""
    return botocore.session.get_session().get_service_model(service)


def operation_model(service: str, operation: str) -> OperationModel:
    return service_model(service).operation_model(operation)


def parse_v2_request(
    operation: str, uri_params: Mapping[str, Any], url: str, body: bytes | str | None
) -> dict[str, Any]:
    """Rebuild the caller's parameters of a rest-json request."""
    op = operation_model("sesv2", operation)
    shape = op.input_shape
    params: dict[str, Any] = {}
    if shape is None:
        return params
    query = parse_qs(urlsplit(url).query, keep_blank_values=True)
    if body:
        text = body.decode("utf-8") if isinstance(body, bytes) else body
        try:
            decoded = json.loads(text)
        except ValueError:
            decoded = {}
        if isinstance(decoded, dict):
            params.update(decoded)
    for name, member in shape.members.items():
        location = member.serialization.get("location")
        wire_name = member.serialization.get("name", name)
        if location == "uri" and wire_name in uri_params:
            params[name] = _convert(unquote(str(uri_params[wire_name])), member)
        elif location == "querystring" and wire_name in query:
            values = query[wire_name]
            if isinstance(member, ListShape):
                params[name] = [_convert(v, member.member) for v in values]
            else:
                params[name] = _convert(values[0], member)
    return params


def _convert(text: str, shape: Shape) -> Any:
    if shape.type_name in ("integer", "long"):
        try:
            return int(text)
        except ValueError:
            return text
    if shape.type_name == "boolean":
        return text.lower() == "true"
    if shape.type_name == "timestamp":
        try:
            return _dt.datetime.fromtimestamp(float(text), _dt.timezone.utc)
        except ValueError:
            try:
                return _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                return text
    return text


def dump_v2_response(result: Mapping[str, Any]) -> str:
    """rest-json body: timestamps as epoch seconds, bytes as base64."""
    return json.dumps(result, default=_json_default)


def _json_default(value: Any) -> Any:
    if isinstance(value, _dt.datetime):
        return value.timestamp()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"cannot serialise {type(value).__name__}")
