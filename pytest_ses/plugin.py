"""The pytest plugin (entry point ``ses``): options, the ``ses`` marker, fixtures, reports."""

from __future__ import annotations

import operator
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

from . import reporting
from .bridge import BRIDGE
from .bridge.priming import prime_cryptography
from .clients import ClientFactory
from .core.session import Session
from .errors import UsageError
from .fake import DEFAULT_ACCOUNT_ID, DEFAULT_REGION, FakeSES
from .marker import MARKER_HELP, marker_options

# Loaded at start-up (options must exist before the command line is parsed).
pytest_plugins = ["pytest_ses.snapshot_plugin", "pytest_ses.smtp_plugin", "pytest_ses.server_plugin"]

_CLIENTS = pytest.StashKey[ClientFactory]()
_ACTIVITY_PROPERTY = "pytest_ses_activity"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("ses", "pytest-ses (fake Amazon SES)")
    group.addoption(
        "--ses-report",
        metavar="PATH",
        default=None,
        help="write every test's SES activity (messages, rules, events) to PATH as JSON lines",
    )
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
    prime_cryptography()
    report = config.getoption("--ses-report")
    if report and not hasattr(config, "workerinput"):
        config.pluginmanager.register(reporting.ActivityFile(Path(report), _ACTIVITY_PROPERTY), "ses-report")


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
    __tracebackhide__ = operator.methodcaller("errisinstance", UsageError)
    options: dict[str, Any] = {
        "region": request.config.getini("ses_region"),
        "account_id": request.config.getini("ses_account_id"),
    }
    options.update(marker_options(request.node))
    with FakeSES(clients=request.config.stash[_CLIENTS], **options) as fake:
        yield fake
        if request.config.getoption("--ses-report"):
            line = reporting.activity_json(request.node.nodeid, fake.session.recorder.messages())
            request.node.user_properties.append((_ACTIVITY_PROPERTY, line))


@pytest.fixture
def ses_client(ses: FakeSES) -> Any:
    """A boto3 ``ses`` (v1) client bound to the fake."""
    return ses.client("ses")


@pytest.fixture
def sesv2_client(ses: FakeSES) -> Any:
    """A boto3 ``sesv2`` client bound to the fake."""
    return ses.client("sesv2")


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    """Tests that use moto without the ``ses`` fixture still go through the bridge, whose default session then
    records their sends and webhook deliveries: start each test with an empty one, so nothing piles up."""
    if BRIDGE.active is None and (BRIDGE.session.recorder.messages() or BRIDGE.session.webhooks.deliveries):
        BRIDGE.session = Session()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    report = yield
    fake = getattr(item, "funcargs", {}).get("ses")
    if report.when == "call" and report.failed and isinstance(fake, FakeSES):
        report.sections.append((reporting.SECTION_TITLE, reporting.section(fake.session.recorder.messages())))
    return report
