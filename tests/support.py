"""Helpers shared by the test modules (importable because pytest puts ``tests/`` on the path)."""

from __future__ import annotations

import datetime as dt
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


def metric_sum(fake: Any, name: str, dimensions: list[dict[str, str]]) -> float:
    """The sum of an ``AWS/SES`` metric with these dimensions over the last and next ten minutes."""
    now = dt.datetime.now(dt.timezone.utc)
    points = fake.client("cloudwatch").get_metric_statistics(
        Namespace="AWS/SES",
        MetricName=name,
        Dimensions=dimensions,
        StartTime=now - dt.timedelta(minutes=10),
        EndTime=now + dt.timedelta(minutes=10),
        Period=1200,
        Statistics=["Sum"],
    )["Datapoints"]
    return float(sum(point["Sum"] for point in points))
