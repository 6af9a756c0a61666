"""The ``@pytest.mark.ses(...)`` marker: its signature is the contract, checked when a test starts."""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import pytest

from .core.model import DEFAULT_DEDICATED_IPS
from .errors import UsageError
from .outcome_spec import from_spec


def _signature(
    *,
    region: str = "us-east-1",
    account_id: str = "123456789012",
    dedicated_ips: Iterable[str] = DEFAULT_DEDICATED_IPS,
    outcomes: Mapping[str, Any] = MappingProxyType({}),
) -> None:
    """Keyword arguments the marker accepts (defaults shown are the fake's)."""


MARKER_HELP = (
    "ses(*, region='us-east-1', account_id='123456789012', dedicated_ips=(...), outcomes={recipient: outcome}): "
    "configure the `ses` fixture for this test."
)


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
    if "outcomes" in options:
        outcomes = options["outcomes"]
        if not isinstance(outcomes, Mapping):
            raise UsageError("@pytest.mark.ses(outcomes=...) takes a dict of recipient → outcome")
        try:
            options["outcomes"] = {recipient: from_spec(spec) for recipient, spec in outcomes.items()}
        except UsageError as error:
            raise UsageError(f"@pytest.mark.ses(outcomes=...): {error}") from None
    return options
