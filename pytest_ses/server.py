"""Server mode: the fake over HTTP on 127.0.0.1, for subprocesses, other SDKs and the AWS CLI.

This is moto's own server application (the one ``ThreadedMotoServer`` runs) in a thread of this process,
so the bridge's patches apply and every request lands in the same moto backends, and the same ``FakeSES``
records, as in-process boto3 calls.  ``ThreadedMotoServer`` itself is not used: it never closes its
listening socket and waits forever when the port cannot be bound; this module binds in the caller's
thread (a busy port raises at once) and closes everything on ``stop``.

The server holds no state of its own: the active ``FakeSES`` does (moto's backends, the bridge's
session).  Which account a request reaches is decided as in moto: the ``MOTO_ACCOUNT_ID`` the active fake
sets; the Region is the one the client signs for.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import BaseWSGIServer, make_server

from .environment import FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY
from .errors import UsageError

HOST = "127.0.0.1"
_POLL_SECONDS = 0.05
"""How often the serving thread looks for a shutdown request: the longest ``stop`` waits for it."""

# Variables a child process's AWS SDK reads that could send it elsewhere or to real credentials.
_AWS_VARIABLES_REPLACED = (
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_ROLE_ARN",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
)


class _QuietRequestHandler(MotoRequestHandler):
    """moto's request handler without werkzeug's access log on stderr."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None


class SesHttpServer:
    """moto's server app on 127.0.0.1: ``with SesHttpServer() as server: server.endpoint_url``."""

    host = HOST

    def __init__(self, *, port: int = 0, log_requests: bool = False) -> None:
        self._requested_port = port
        self._handler: type[MotoRequestHandler] = MotoRequestHandler if log_requests else _QuietRequestHandler
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self._clients: WireClients | None = None

    @property
    def started(self) -> bool:
        return self._server is not None

    @property
    def port(self) -> int:
        if self._server is None:
            raise UsageError("the SES HTTP server is not started")
        return int(self._server.server_address[1])

    @property
    def endpoint_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def clients(self) -> WireClients:
        """Reusable boto3 clients for this server (made on first use)."""
        if self._clients is None or self._clients.endpoint_url != self.endpoint_url:
            self._clients = WireClients(self.endpoint_url)
        return self._clients

    def start(self) -> SesHttpServer:
        if self.started:
            raise UsageError("this SES HTTP server is already started")
        application = DomainDispatcherApplication(create_backend_app)
        # Bound here, not by werkzeug: werkzeug answers a busy port with sys.exit(1).
        with socket.create_server((HOST, self._requested_port)) as listening:
            server = make_server(
                HOST,
                listening.getsockname()[1],
                application,
                threaded=True,
                request_handler=self._handler,
                fd=listening.fileno(),
            )
        thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": _POLL_SECONDS}, name="pytest-ses-http"
        )
        thread.daemon = True
        thread.start()
        self._server, self._thread = server, thread
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        server.shutdown()
        thread.join()
        server.server_close()
        self._server = self._thread = None
        self._clients = None

    def __enter__(self) -> SesHttpServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


class WireClients:
    """boto3 clients that talk to a server over HTTP, made once per (service, Region) from one session.

    A client costs tens of milliseconds to build, so a run that reuses its server reuses its clients too.
    """

    def __init__(self, endpoint_url: str) -> None:
        self.endpoint_url = endpoint_url
        self._session: Any = None
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()

    def client(self, service_name: str, region: str) -> Any:
        with self._lock:
            if self._session is None:
                import boto3

                self._session = boto3.session.Session(
                    aws_access_key_id=FAKE_ACCESS_KEY_ID, aws_secret_access_key=FAKE_SECRET_ACCESS_KEY
                )
            key = (service_name, region)
            if key not in self._clients:
                self._clients[key] = self._session.client(
                    service_name, region_name=region, endpoint_url=self.endpoint_url
                )
            return self._clients[key]


@dataclass(frozen=True)
class ServerEndpoint:
    """Where a test's fake is served over HTTP, and how to point a client or a child process at it."""

    endpoint_url: str
    region: str
    account_id: str
    clients: WireClients | None = field(default=None, compare=False, repr=False)

    def environment(self, base: Mapping[str, str] | None = None) -> dict[str, str]:
        """``base`` (default: this process's environment) with AWS variables that lead SDKs and the AWS CLI
        to the fake: ``AWS_ENDPOINT_URL``, fake credentials, the Region; profiles and tokens removed."""
        environment = dict(os.environ if base is None else base)
        for name in _AWS_VARIABLES_REPLACED:
            environment.pop(name, None)
        environment.update(
            AWS_ENDPOINT_URL=self.endpoint_url,
            AWS_ACCESS_KEY_ID=FAKE_ACCESS_KEY_ID,
            AWS_SECRET_ACCESS_KEY=FAKE_SECRET_ACCESS_KEY,
            AWS_DEFAULT_REGION=self.region,
            AWS_REGION=self.region,
            AWS_EC2_METADATA_DISABLED="true",
        )
        return environment

    def client(self, service_name: str, region: str | None = None) -> Any:
        """A boto3 client that talks to the fake over HTTP (to check the wire path in-process)."""
        clients = self.clients or WireClients(self.endpoint_url)
        return clients.client(service_name, region or self.region)
