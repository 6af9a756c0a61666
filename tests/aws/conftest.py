"""Fixtures shared by the v1 configuration-set test modules."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def topic(ses: Any) -> str:
    """An SNS topic an event destination can point at."""
    arn: str = ses.client("sns").create_topic(Name="ses-events")["TopicArn"]
    return arn


@pytest.fixture
def config_set(ses_client: Any) -> str:
    """A configuration set named ``tx``, made through the v1 API."""
    ses_client.create_configuration_set(ConfigurationSet={"Name": "tx"})
    return "tx"
