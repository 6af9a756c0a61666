"""Fixtures of the webhook tests: the receiving apps (``webhook_receivers``), the SNS client and a topic."""

from __future__ import annotations

from typing import Any

import pytest
from webhook_receivers import AsgiReceiver, WsgiReceiver


@pytest.fixture
def wsgi_receiver() -> WsgiReceiver:
    return WsgiReceiver()


@pytest.fixture
def asgi_receiver() -> AsgiReceiver:
    return AsgiReceiver()


@pytest.fixture
def sns(ses: Any) -> Any:
    return ses.client("sns")


@pytest.fixture
def topic_arn(sns: Any) -> str:
    arn: str = sns.create_topic(Name="events")["TopicArn"]
    return arn
