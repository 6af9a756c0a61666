"""Helpers shared by the test modules (importable because pytest puts ``tests/`` on the path)."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError


def error_of(excinfo: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    """(code, message, HTTP status) of a ClientError."""
    response: Any = excinfo.value.response
    return response["Error"]["Code"], response["Error"]["Message"], response["ResponseMetadata"]["HTTPStatusCode"]


def assert_error(raised: pytest.ExceptionInfo[ClientError], code: str, message: str, status: int = 400) -> None:
    """A v1 (query protocol) error: code, message, ``Type: Sender`` and HTTP status."""
    response: Any = raised.value.response
    assert response["Error"]["Code"] == code
    assert response["Error"]["Message"] == message
    assert response["Error"]["Type"] == "Sender"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == status
