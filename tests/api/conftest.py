"""Shared arrangement for the test-author API tests: a verified domain, a frozen clock, a one-line send.

The clock is frozen for every test so message ids (deterministic per seed and time) can appear verbatim
in the failure texts the tests pin.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from freezegun import freeze_time

from pytest_ses import FakeSES

T0 = dt.datetime(2026, 3, 1, 12, 0, 0, tzinfo=dt.timezone.utc)
SENDER = "me@example.com"
HTML = '<p>Hello <a href="https://shop.example.com/offer">offer</a></p>'


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with freeze_time(T0, ignore=["_pytest.timing"]):
        yield


@pytest.fixture(autouse=True)
def verified(ses: FakeSES) -> None:
    ses.verify("example.com")


class Sender:
    """``send("a@example.net", configuration_set="tx")``: one message through SES v2, returning its id."""

    def __init__(self, ses: FakeSES) -> None:
        self.ses = ses

    def __call__(
        self,
        *to: str,
        configuration_set: str | None = None,
        html: bool = True,
        **extra: Any,
    ) -> str:
        body: dict[str, Any] = {"Text": {"Data": "Hello"}}
        if html:
            body["Html"] = {"Data": HTML}
        if configuration_set is not None:
            extra["ConfigurationSetName"] = configuration_set
        response = self.ses.client("sesv2").send_email(
            FromEmailAddress=SENDER,
            Destination={"ToAddresses": list(to)},
            Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": body}},
            **extra,
        )
        message_id: str = response["MessageId"]
        return message_id


@pytest.fixture
def send(ses: FakeSES) -> Sender:
    return Sender(ses)
