"""The ``@pytest.mark.ses(...)`` marker: its signature is the contract, checked when a test starts."""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import Any

import pytest

from .errors import UsageError


def _signature(
    *, region: str = "us-east-1", account_id: str = "123456789012", dedicated_ips: Iterable[str] = ()
) -> None:
    """Keyword arguments the marker accepts (defaults shown are the fake's)."""


MARKER_HELP = f"ses{inspect.signature(_signature)}: configure the `ses` fixture for this test."


def marker_options(node: pytest.Item) -> dict[str, Any]:
    """Merge every ``ses`` marker on the test, the closest one winning, and validate the keywords."""
    options: dict[str, Any] = {}
    for marker in reversed(list(node.iter_markers("ses"))):
        if marker.args:
            raise UsageError("@pytest.mark.ses takes keyword arguments only")
        options.update(marker.kwargs)
    try:
        inspect.signature(_signature).bind(**options)
    except TypeError as error:
        allowed = ", ".join(inspect.signature(_signature).parameters)
        raise UsageError(f"@pytest.mark.ses: {error} (accepted: {allowed})") from None
    if "dedicated_ips" in options:
        options["dedicated_ips"] = tuple(options["dedicated_ips"])
    return options
