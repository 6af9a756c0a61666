"""pytest plugin: the ``ses_smtp`` fixture (the fake's SES SMTP interface) and its ``ses_smtp`` marker."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import pytest

from .errors import UsageError
from .fake import FakeSES
from .smtp.policy import MAX_MESSAGE_BYTES, SmtpPolicy
from .smtp.server import SmtpEndpoint

MARKER_HELP = (
    "ses_smtp(*, credentials=None, require_auth=None, require_tls=False, max_message_bytes=40 MB): "
    "configure the `ses_smtp` fixture for this test."
)


def _signature(
    *,
    credentials: tuple[str, str] | None = None,
    require_auth: bool | None = None,
    require_tls: bool = False,
    max_message_bytes: int = MAX_MESSAGE_BYTES,
) -> None:
    """Keyword arguments the marker accepts (the fields of ``SmtpPolicy``)."""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER_HELP)


def policy_from_markers(node: pytest.Item) -> SmtpPolicy:
    """Every ``ses_smtp`` marker on the test merged, the closest winning, checked against the signature."""
    options: dict[str, Any] = {}
    for marker in reversed(list(node.iter_markers("ses_smtp"))):
        if marker.args:
            raise UsageError("@pytest.mark.ses_smtp takes keyword arguments only")
        options.update(marker.kwargs)
    try:
        inspect.signature(_signature).bind(**options)
        if options.get("credentials") is not None:
            options["credentials"] = tuple(options["credentials"])
        return SmtpPolicy(**options)
    except (TypeError, ValueError) as error:
        allowed = ", ".join(inspect.signature(_signature).parameters)
        raise UsageError(f"@pytest.mark.ses_smtp: {error} (accepted: {allowed})") from None


@pytest.fixture
def ses_smtp(ses: FakeSES, request: pytest.FixtureRequest) -> Iterator[SmtpEndpoint]:
    """The SES SMTP interface of ``ses`` on 127.0.0.1: ``ses_smtp.port`` (STARTTLS), ``ses_smtp.tls_port``.

    Messages go through the same pipeline as the API, in the fake's account and Region, and appear in
    ``ses.messages`` with operation ``SendSmtpEmail``.
    """
    endpoint = SmtpEndpoint(region=ses.region, account_id=ses.account_id, policy=policy_from_markers(request.node))
    with endpoint:
        yield endpoint
    if endpoint.errors:
        raise endpoint.errors[0]
