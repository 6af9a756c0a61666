"""Request parsing and response serialisation for the two SES protocols, driven by botocore's models.

v1 (query protocol) arrives already parsed by moto; v2 (rest-json) is rebuilt here from the URI, query
string and JSON body so handlers see exactly the parameters the caller passed to boto3.
"""

from __future__ import annotations

import base64
import datetime as _dt
import json
import re
from collections.abc import Mapping
from functools import cache
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit
from xml.sax.saxutils import escape

import botocore.session
from botocore.model import ListShape, MapShape, OperationModel, ServiceModel, Shape, StructureShape

from ..errors import AwsError


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
        params.update(_json_body(body, shape))
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


def _json_body(body: bytes | str, shape: StructureShape) -> dict[str, Any]:
    """The JSON body, its members checked against the model (as AWS's deserializer does, before the operation)."""
    try:
        decoded = json.loads(body.decode("utf-8") if isinstance(body, bytes) else body)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError; RecursionError: nested too deep
        raise _serialization_error("The request body is not valid JSON.") from None
    checked = _typed(decoded, shape)
    assert isinstance(checked, dict)
    return checked


# Coral's wording for the JSON token it found where the model wants something else [inferred: the texts
# AWS's JSON services give in SerializationException; SES v2 answers type errors before validation].
_CONTAINER_WORDING: Mapping[type, str] = {
    dict: "Start of structure or map found where not expected.",
    list: "Start of list found where not expected",
}
_SCALAR_TYPES: Mapping[str, tuple[type, ...]] = {
    "string": (str,),
    "blob": (str,),
    "boolean": (bool,),
    "integer": (int,),
    "long": (int,),
    "timestamp": (int, float, str),
}


def _serialization_error(message: str) -> AwsError:
    return AwsError("SerializationException", message)


def _token(value: Any) -> str:
    if isinstance(value, bool):
        return "TRUE_VALUE" if value else "FALSE_VALUE"
    return "NUMBER_VALUE" if isinstance(value, int | float) else "STRING_VALUE"


def _typed(value: Any, shape: Shape) -> Any:
    """``value`` if its JSON type fits ``shape`` (recursively; nulls dropped), else a SerializationException."""
    kind = shape.type_name
    expected: tuple[type, ...] = (
        (dict,)
        if kind in ("structure", "map")
        else (list,)
        if kind == "list"
        else _SCALAR_TYPES.get(kind, (object,))
    )
    if not isinstance(value, expected) or (isinstance(value, bool) and bool not in expected):
        wording = _CONTAINER_WORDING.get(type(value))
        if wording is None:
            article = "an" if kind[0] in "aeiou" else "a"
            wording = f"{_token(value)} can not be converted to {article} {kind.capitalize()}"
        raise _serialization_error(wording)
    container: Any = value
    if isinstance(shape, StructureShape):
        return {
            name: _typed(item, shape.members[name])
            for name, item in container.items()
            if item is not None and name in shape.members  # unknown members are ignored, as AWS does
        }
    if isinstance(shape, ListShape):
        return [_typed(item, shape.member) for item in container]
    if isinstance(shape, MapShape):
        return {key: _typed(item, shape.value) for key, item in container.items() if item is not None}
    return value


_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(value: Any) -> Any:
    """Strings (also nested in dicts and lists) with characters XML 1.0 cannot carry replaced by U+FFFD.

    A v1 response echoing such a character (an error text quoting a name, a stored template) would
    otherwise be XML no client can parse.
    """
    if isinstance(value, str):
        return _NOT_XML.sub("\ufffd", value)
    if isinstance(value, Mapping):  # keys too: a map's keys are XML text (``<key>``) in the query protocol
        return {xml_safe(key): xml_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [xml_safe(item) for item in value]
    return value


def query_error_xml(code: str, message: str) -> str:
    """A v1 (query protocol) error body."""
    return (
        '<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type>'
        f"<Code>{escape(code)}</Code><Message>{escape(xml_safe(message))}</Message></Error>"
        "<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>"
    )


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
