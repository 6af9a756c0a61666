"""The server plugin, until the main plugin registers it."""

from __future__ import annotations

import pytest

PLUGIN = "pytest_ses.server_plugin"


def pytest_configure(config: pytest.Config) -> None:
    if not config.pluginmanager.has_plugin(PLUGIN):
        config.pluginmanager.import_plugin(PLUGIN)
