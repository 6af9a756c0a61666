"""The ``@pytest.mark.ses(...)`` marker: its signature is the contract, checked when a test starts."""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import pytest

from .core.model import DEFAULT_DEDICATED_IPS
from .errors import UsageError
from .matching import did_you_mean
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
    """Merge every ``ses`` marker on the test (module, class, function), the closest one winning, and
    validate the keywords.  ``outcomes`` merge per recipient, so a module can program some addresses and a
    test add or override others."""
    __tracebackhide__ = True
    options: dict[str, Any] = {}
    outcomes: dict[str, Any] = {}
    accepted = list(inspect.signature(_signature).parameters)
    for marker in reversed(list(node.iter_markers("ses"))):
        if marker.args:
            raise UsageError(f"@pytest.mark.ses takes keyword arguments only ({', '.join(accepted)})")
        unknown = [name for name in marker.kwargs if name not in accepted]
        if unknown:
            hint = did_you_mean(unknown[0], accepted) if len(unknown) == 1 else ""
            keywords = f"keyword{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}"
            raise UsageError(f"@pytest.mark.ses got unexpected {keywords}{hint}; accepted: {', '.join(accepted)}")
        if "outcomes" in marker.kwargs:
            if not isinstance(marker.kwargs["outcomes"], Mapping):
                raise UsageError(
                    "@pytest.mark.ses(outcomes=...) takes a dict of recipient → outcome, "
                    f"got {marker.kwargs['outcomes']!r}"
                )
            outcomes.update(marker.kwargs["outcomes"])
        options.update(marker.kwargs)
    if "dedicated_ips" in options:
        if isinstance(options["dedicated_ips"], str):
            raise UsageError("@pytest.mark.ses(dedicated_ips=...) takes a list of addresses, not one string")
        options["dedicated_ips"] = tuple(options["dedicated_ips"])
    if "outcomes" in options:
        options["outcomes"] = {}
        for recipient, spec in outcomes.items():  # a loop, not a comprehension: no extra traceback frame
            options["outcomes"][recipient] = _outcome(recipient, spec)
    return options


def _outcome(recipient: str, spec: Any) -> Any:
    __tracebackhide__ = True
    try:
        return from_spec(spec)
    except UsageError as error:
        raise UsageError(f"@pytest.mark.ses(outcomes={{{recipient!r}: ...}}): {error}") from None
