"""The SMTP plugin (until the main plugin registers it) and a verified sender domain for every SMTP test."""

from __future__ import annotations

import pytest

from pytest_ses import FakeSES

PLUGIN = "pytest_ses.smtp_plugin"


def pytest_configure(config: pytest.Config) -> None:
    # Runs as this conftest is loaded, before the modules beside it import and use the `ses_smtp` marker.
    if not config.pluginmanager.has_plugin(PLUGIN):
        config.pluginmanager.import_plugin(PLUGIN)


@pytest.fixture(autouse=True)
def verified(ses: FakeSES) -> None:
    ses.verify("example.com")
