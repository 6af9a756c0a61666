"""The pytest plugin (entry point ``ses``): options, the ``ses`` marker, fixtures, report header."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .bridge import BRIDGE
from .clients import ClientFactory
from .fake import DEFAULT_ACCOUNT_ID, DEFAULT_REGION, FakeSES
from .marker import MARKER_HELP, marker_options

_CLIENTS = pytest.StashKey[ClientFactory]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("ses_region", "Region of the fake SES (default us-east-1)", default=DEFAULT_REGION)
    parser.addini(
        "ses_account_id", "Account id of the fake SES (default 123456789012)", default=DEFAULT_ACCOUNT_ID
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER_HELP)
    config.stash[_CLIENTS] = ClientFactory()
    # Installed for the whole run so that any moto-based test (not only those using `ses`) sees SES
    # with configuration-set behaviour.
    BRIDGE.install()


def pytest_unconfigure(config: pytest.Config) -> None:
    if _CLIENTS in config.stash:
        BRIDGE.uninstall()


def pytest_report_header(config: pytest.Config) -> str:
    import boto3
    import moto

    from ._version import __version__

    return f"pytest-ses {__version__} (moto {moto.__version__}, boto3 {boto3.__version__})"


@pytest.fixture
def ses(request: pytest.FixtureRequest) -> Iterator[FakeSES]:
    """The fake SES for this test: moto active, fake credentials, everything discarded afterwards."""
    options: dict[str, Any] = {
        "region": request.config.getini("ses_region"),
        "account_id": request.config.getini("ses_account_id"),
    }
    options.update(marker_options(request.node))
    with FakeSES(clients=request.config.stash[_CLIENTS], **options) as fake:
        yield fake


@pytest.fixture
def ses_client(ses: FakeSES) -> Any:
    """A boto3 ``ses`` (v1) client bound to the fake."""
    return ses.client("ses")


@pytest.fixture
def sesv2_client(ses: FakeSES) -> Any:
    """A boto3 ``sesv2`` client bound to the fake."""
    return ses.client("sesv2")
