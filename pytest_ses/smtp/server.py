"""The SES SMTP endpoint on 127.0.0.1: aiosmtpd in a background thread, SES's rules in its hooks.

One endpoint listens twice, as SES does: ``port`` takes plain connections that may upgrade with STARTTLS
(SES's 25/587/2587) and ``tls_port`` takes TLS from the first byte (TLS Wrapper, SES's 465/2465).  Each
accepted message runs through the send pipeline of the active ``FakeSES`` in the endpoint's account and
Region, on the endpoint's thread, while the client waits for the reply to its DATA.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import smtplib
import ssl
import tempfile
import threading
import weakref
from pathlib import Path
from types import TracebackType
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from ..bridge import BRIDGE
from ..errors import UsageError
from . import certificate, replies
from .policy import SmtpPolicy
from .submission import mail_from_reply, rcpt_to_reply, submit

HOST = "127.0.0.1"
_START_TIMEOUT = 10.0
_AIOSMTPD_LOG = logging.getLogger("mail.log")


class _LegacyLoginNotice(logging.Filter):
    """aiosmtpd logs a deprecation notice of its own at every successful AUTH: noise in a test's log."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Session.login_data is deprecated")


class _SesHooks:
    """aiosmtpd's handler: SES's checks at AUTH, EHLO, MAIL FROM and RCPT TO, the pipeline at DATA."""

    def __init__(self, endpoint: SmtpEndpoint) -> None:
        self._endpoint = endpoint

    def authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        if isinstance(auth_data, LoginPassword):
            user_name = auth_data.login.decode("utf-8", errors="replace")
            password = auth_data.password.decode("utf-8", errors="replace")
            if self._endpoint.policy.accepts(user_name, password):
                return AuthResult(success=True, auth_data=auth_data, message=replies.AUTH_SUCCESSFUL)
        return AuthResult(success=False, handled=False, message=replies.AUTH_INVALID)

    async def handle_EHLO(
        self, server: SMTP, session: Session, envelope: Envelope, hostname: str, responses: list[str]
    ) -> list[str]:
        session.host_name = hostname
        return [responses[0], f"250-SIZE {self._endpoint.policy.max_message_bytes}", *responses[1:]]

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, mail_options: list[str]
    ) -> str:
        policy = self._endpoint.policy
        if policy.auth_required and not session.authenticated:
            return replies.AUTH_REQUIRED
        refusal = mail_from_reply(address)
        if refusal is not None:
            return refusal
        declared = next((o.partition("=")[2] for o in mail_options if o.upper().startswith("SIZE=")), "")
        if declared.isdigit() and policy.too_long(int(declared)):
            return replies.MESSAGE_TOO_LONG
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 Ok"

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        refusal = rcpt_to_reply(address)
        if refusal is not None:
            return refusal
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 Ok"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        return self._endpoint.deliver(envelope.mail_from or "", list(envelope.rcpt_tos), content)


class SmtpEndpoint:
    """The fake's SES SMTP interface.  ``with SmtpEndpoint(region=..., account_id=...) as smtp:``.

    ``policy`` may be replaced while running; it applies to connections opened afterwards.  Exceptions
    raised by the pipeline (bugs, not SES refusals) are answered ``451 Temporary service failure`` and kept
    in ``errors`` so the test that caused them can fail (the ``ses_smtp`` fixture raises them at teardown).
    """

    host = HOST

    def __init__(
        self,
        *,
        region: str,
        account_id: str,
        policy: SmtpPolicy | None = None,
        port: int = 0,
        tls_port: int = 0,
    ) -> None:
        self.region = region
        self.account_id = account_id
        self.policy = policy or SmtpPolicy()
        self.errors: list[BaseException] = []
        self.hostname = f"email-smtp.{region}.amazonaws.com"
        self._requested_ports = (port, tls_port)
        self._ports: tuple[int, int] | None = None
        self._hooks = _SesHooks(self)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._servers: list[asyncio.AbstractServer] = []
        self._connections: weakref.WeakSet[SMTP] = weakref.WeakSet()
        self._directory: Path | None = None
        self._certificates: certificate.CertificateFiles | None = None
        self._server_context: ssl.SSLContext | None = None
        self._log_filter = _LegacyLoginNotice()

    # --- addresses ------------------------------------------------------------------------------------
    @property
    def port(self) -> int:
        """Plain SMTP, upgradable with STARTTLS."""
        return self._require_ports()[0]

    @property
    def tls_port(self) -> int:
        """SMTP over TLS from the first byte (``smtplib.SMTP_SSL``)."""
        return self._require_ports()[1]

    @property
    def certificate_authority(self) -> Path:
        """The PEM file of the throwaway CA that issued the endpoint's certificate (``SSL_CERT_FILE``)."""
        if self._certificates is None:
            raise UsageError("the SMTP endpoint is not started")
        return self._certificates.authority

    def client_ssl_context(self) -> ssl.SSLContext:
        """A client context that trusts the endpoint's certificate (and checks the host name)."""
        if self._certificates is None:
            raise UsageError("the SMTP endpoint is not started")
        return self._certificates.client_context()

    def connect(self, *, starttls: bool = False, tls_wrapper: bool = False, timeout: float = 5.0) -> smtplib.SMTP:
        """An ``smtplib`` client connected to the endpoint, after EHLO (and STARTTLS when asked)."""
        if tls_wrapper:
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                self.host, self.tls_port, timeout=timeout, context=self.client_ssl_context()
            )
        else:
            client = smtplib.SMTP(self.host, self.port, timeout=timeout)
        client.ehlo()
        if starttls:
            client.starttls(context=self.client_ssl_context())
            client.ehlo()
        return client

    # --- lifecycle -----------------------------------------------------------------------------------------
    @property
    def started(self) -> bool:
        return self._thread is not None

    def start(self) -> SmtpEndpoint:
        if self.started:
            raise UsageError("this SMTP endpoint is already started")
        self._directory = Path(tempfile.mkdtemp(prefix="pytest-ses-smtp-"))
        try:
            self._certificates = certificate.create(self._directory)
            self._server_context = self._certificates.server_context()
        except BaseException:
            self.stop()
            raise
        _AIOSMTPD_LOG.addFilter(self._log_filter)
        self._loop = asyncio.new_event_loop()
        ready = threading.Event()
        failures: list[BaseException] = []
        self._thread = threading.Thread(
            target=self._run, args=(ready, failures), name="pytest-ses-smtp", daemon=True
        )
        self._thread.start()
        if not ready.wait(_START_TIMEOUT):
            failures.append(TimeoutError("the SMTP endpoint did not start"))
        if failures:
            self.stop()
            raise failures[0]
        return self

    def stop(self) -> None:
        """Close every connection and both listeners, end the thread, delete the certificate files."""
        thread, loop = self._thread, self._loop
        if thread is not None and loop is not None and thread.is_alive():
            with contextlib.suppress(RuntimeError):  # the loop already ended
                loop.call_soon_threadsafe(self._close_all)
            thread.join(_START_TIMEOUT)
        self._thread = None
        self._loop = None
        self._ports = None
        if self._directory is not None:
            shutil.rmtree(self._directory, ignore_errors=True)
        self._directory = None
        self._certificates = None
        self._server_context = None
        _AIOSMTPD_LOG.removeFilter(self._log_filter)

    def __enter__(self) -> SmtpEndpoint:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # --- what the hooks call ------------------------------------------------------------------------------
    def deliver(self, mail_from: str, rcpt_tos: list[str], content: bytes) -> str:
        """The reply to one message's DATA (runs on the endpoint's thread)."""
        if BRIDGE.active is None:
            return replies.TEMPORARY_FAILURE
        try:
            ctx = BRIDGE.context(self.account_id, self.region)
            return submit(ctx, self.policy, mail_from, rcpt_tos, content)
        except Exception as error:  # a bug in the fake: the client sees SES's generic failure, the test sees this
            self.errors.append(error)
            return replies.TEMPORARY_FAILURE

    # --- the endpoint's thread -----------------------------------------------------------------------------
    def _protocol(self, tls_wrapper: bool) -> SMTP:
        strict = self.policy.require_tls and not tls_wrapper
        connection = SMTP(
            self._hooks,
            data_size_limit=None,  # the hooks check SES's limit and answer in SES's words
            hostname=self.hostname,
            ident="ESMTP SimpleEmailService (pytest-ses)",
            tls_context=None if tls_wrapper else self._server_context,
            require_starttls=strict,
            auth_require_tls=strict,
            authenticator=self._hooks.authenticate,
            loop=self._loop,
        )
        self._connections.add(connection)
        return connection

    def _run(self, ready: threading.Event, failures: list[BaseException]) -> None:
        loop = self._loop
        assert loop is not None
        asyncio.set_event_loop(loop)
        try:
            plain_port, tls_port = self._requested_ports
            plain = loop.run_until_complete(loop.create_server(lambda: self._protocol(False), HOST, plain_port))
            self._servers.append(plain)
            wrapped = loop.run_until_complete(
                loop.create_server(lambda: self._protocol(True), HOST, tls_port, ssl=self._server_context)
            )
            self._servers.append(wrapped)
            self._ports = (plain.sockets[0].getsockname()[1], wrapped.sockets[0].getsockname()[1])
        except BaseException as error:
            failures.append(error)
            self._close_all()
        else:
            ready.set()
            loop.run_forever()
        finally:
            self._finish(loop)
            ready.set()

    def _close_all(self) -> None:
        for server in self._servers:
            server.close()
        self._servers.clear()
        for connection in list(self._connections):
            # abort, not close: a TLS close waits for the client's close_notify, which may never come.
            transport = connection.transport
            if isinstance(transport, asyncio.Transport):
                transport.abort()
            elif transport is not None:
                transport.close()
        if self._loop is not None and self._loop.is_running():
            self._loop.stop()

    @staticmethod
    def _finish(loop: asyncio.AbstractEventLoop) -> None:
        """Let closed connections run their callbacks, cancel what is left, close the loop."""
        loop.run_until_complete(asyncio.sleep(0))
        pending = asyncio.all_tasks(loop)
        for task in pending:
            task.cancel()
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()

    def _require_ports(self) -> tuple[int, int]:
        if self._ports is None:
            raise UsageError("the SMTP endpoint is not started")
        return self._ports
