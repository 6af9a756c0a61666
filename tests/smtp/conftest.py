"""A verified sender domain for every SMTP test."""

from __future__ import annotations

import pytest

from pytest_ses import FakeSES


@pytest.fixture(autouse=True)
def verified(ses: FakeSES) -> None:
    ses.verify("example.com")
