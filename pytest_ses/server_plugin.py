"""pytest plugin: the ``ses_server`` fixture, the test's fake served over HTTP on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .fake import FakeSES
from .server import ServerEndpoint, SesHttpServer


@pytest.fixture(scope="session")
def ses_http_server() -> Iterator[SesHttpServer]:
    """One HTTP listener for the whole run (per xdist worker).

    It keeps no state: each request reaches whichever ``FakeSES`` is active, so one listener serves every
    test and its start-up (moto's per-service apps) is paid once.
    """
    with SesHttpServer() as server:
        yield server


@pytest.fixture
def ses_server(ses: FakeSES, ses_http_server: SesHttpServer) -> ServerEndpoint:
    """The ``ses`` fake over HTTP: ``ses_server.endpoint_url`` for ``--endpoint-url``/``endpoint_url=``,
    ``ses_server.environment()`` for a child process.  What clients send there is in ``ses.messages``."""
    return ServerEndpoint(ses_http_server.endpoint_url, ses.region, ses.account_id, ses_http_server.clients)
