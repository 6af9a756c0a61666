"""Server-side checks of the v2 model's constraints that boto3 does not enforce on the client.

botocore checks required members, types and minimums; enums, maximums and patterns reach the
service, which answers ``BadRequestException`` in its generic validation wording (recorded for
``MaxDeliverySeconds``; the same wording is used for the other constraints).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ...errors import AwsError
from . import errors

MAX_TAGS = 50
MAX_TAG_KEY = 128
MAX_TAG_VALUE = 256
_TAG_SYMBOLS = frozenset("_.:/=+-")


def invalid(path: str, constraint: str) -> AwsError:
    """``path`` is the member's wire path in lower camel case (``deliveryOptions.maxDeliverySeconds``)."""
    return errors.v2_bad_request(
        f"1 validation error detected: Value at '{path}' failed to satisfy constraint: {constraint}"
    )


def member_path(prefix: str, member: str) -> str:
    """``prefix`` + the member in the service's lower camel case (``SendingPoolName`` -> ``sendingPoolName``)."""
    camel = member[:1].lower() + member[1:]
    return f"{prefix}.{camel}" if prefix else camel


def block(params: Mapping[str, Any], name: str) -> Mapping[str, Any] | None:
    """A nested structure of the request, or ``None`` when the caller left it out."""
    value = params.get(name)
    return value if isinstance(value, Mapping) else None


def enum_member(params: Mapping[str, Any], name: str, allowed: Sequence[str], prefix: str = "") -> str | None:
    value = params.get(name)
    if value is None:
        return None
    return enum_value(value, allowed, member_path(prefix, name))


def enum_value(value: object, allowed: Sequence[str], path: str) -> str:
    if value not in allowed:
        raise invalid(path, f"Member must satisfy enum value set: [{', '.join(allowed)}]")
    return str(value)


def enum_list(params: Mapping[str, Any], name: str, allowed: Sequence[str], prefix: str = "") -> list[str] | None:
    """A list of enum values, de-duplicated in the order given; ``None`` when absent."""
    values = params.get(name)
    if values is None:
        return None
    if not isinstance(values, list):
        raise invalid(member_path(prefix, name), "Member must be a list")
    result: list[str] = []
    for index, value in enumerate(values, start=1):
        checked = enum_value(value, allowed, f"{member_path(prefix, name)}.{index}.member")
        if checked not in result:
            result.append(checked)
    return result


def int_member(params: Mapping[str, Any], name: str, low: int, high: int, prefix: str = "") -> int | None:
    value = params.get(name)
    if value is None:
        return None
    path = member_path(prefix, name)
    if not isinstance(value, int) or isinstance(value, bool):
        raise invalid(path, "Member must be a number")
    if value < low:
        raise invalid(path, f"Member must have value greater than or equal to {low}")
    if value > high:
        raise invalid(path, f"Member must have value less than or equal to {high}")
    return value


def string_member(
    params: Mapping[str, Any], name: str, prefix: str = "", *, low: int = 0, high: int | None = None
) -> str | None:
    value = params.get(name)
    if value is None:
        return None
    path = member_path(prefix, name)
    text = str(value)
    if len(text) < low:
        raise invalid(path, f"Member must have length greater than or equal to {low}")
    if high is not None and len(text) > high:
        raise invalid(path, f"Member must have length less than or equal to {high}")
    return text


def pattern_member(text: str, pattern: str, path: str) -> str:
    if re.fullmatch(pattern, text) is None:
        raise invalid(path, f"Member must satisfy regular expression pattern: {pattern}")
    return text


def tags(values: object) -> dict[str, str]:
    """A ``TagList`` as an ordered dict; a repeated key keeps its last value."""
    result: dict[str, str] = {}
    for tag in values if isinstance(values, list) else []:
        if not isinstance(tag, Mapping):
            raise errors.v2_bad_request("Tags must be Key and Value pairs.")
        key, value = str(tag.get("Key", "")), str(tag.get("Value", ""))
        if not 1 <= len(key) <= MAX_TAG_KEY:
            raise errors.v2_bad_request(f"Tag keys must be 1 to {MAX_TAG_KEY} characters long.")
        if len(value) > MAX_TAG_VALUE:
            raise errors.v2_bad_request(f"Tag values must be at most {MAX_TAG_VALUE} characters long.")
        for text in (key, value):
            if text.lower().startswith("aws:"):
                raise errors.v2_bad_request("The aws: prefix is reserved for use by AWS in tag keys and values.")
            if not all(c.isalnum() or c.isspace() or c in _TAG_SYMBOLS for c in text):
                raise errors.v2_bad_request(
                    f"Invalid tag <{text}>: only Unicode letters, digits, white space and _ . : / = + - "
                    "are allowed."
                )
        result[key] = value
    return result


def check_tag_count(count: int) -> None:
    if count > MAX_TAGS:
        raise errors.v2_bad_request(f"A resource can have at most {MAX_TAGS} tags.")


def tags_to_v2(values: Mapping[str, str]) -> list[dict[str, str]]:
    return [{"Key": key, "Value": value} for key, value in values.items()]
