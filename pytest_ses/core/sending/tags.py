"""Message tags: AWS's validation (recorded error texts), the header form, and SES's automatic tags."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ...errors import AwsError

_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
_VALUE = re.compile(r"^[A-Za-z0-9_.@-]+$")
_SPECIAL_NAMES = ("ses:feedback-id-a", "ses:feedback-id-b")
MAX_LENGTH = 255


def validate(tags: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Check every tag as SES does (name before value) and return them as a list."""
    checked = []
    for name, value in tags:
        if not name:
            raise AwsError("InvalidParameterValue", "The tag name must be specified.")
        if name not in _SPECIAL_NAMES and not _NAME.match(name):
            raise AwsError(
                "InvalidParameterValue",
                f"Invalid tag name <{name}>: only alphanumeric ASCII characters, '_',  '-' are allowed.",
            )
        if len(name) > MAX_LENGTH:
            raise AwsError("InvalidParameterValue", "Tag name cannot exceed 255 characters.")
        if not value:
            raise AwsError("InvalidParameterValue", "The tag value must be specified.")
        if not _VALUE.match(value):
            raise AwsError(
                "InvalidParameterValue",
                f"Invalid tag value <{value}>: only alphanumeric ASCII characters, "
                "'_',  '-' , '.', '@' are allowed.",
            )
        if len(value) > MAX_LENGTH:
            raise AwsError("InvalidParameterValue", "Tag value cannot exceed 255 characters.")
        checked.append((name, value))
    return checked


def from_parameter(tags: Any) -> list[tuple[str, str]]:
    """``[{"Name": n, "Value": v}]`` (both APIs) → pairs."""
    if not isinstance(tags, list):
        return []
    return [(str(t.get("Name", "")), str(t.get("Value", ""))) for t in tags if isinstance(t, Mapping)]


def from_header(value: str) -> list[tuple[str, str]]:
    """``X-SES-MESSAGE-TAGS: a=1, b=2`` → pairs."""
    pairs = []
    for item in value.split(","):
        if not item.strip():
            continue
        name, _, tag_value = item.partition("=")
        pairs.append((name.strip(), tag_value.strip()))
    return pairs


def as_record(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Records show every tag value as a list: ``{"name": ["value"]}``."""
    record: dict[str, list[str]] = {}
    for name, value in pairs:
        record.setdefault(name, []).append(value)
    return record
