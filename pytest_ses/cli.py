"""``pytest-ses serve``: the fake as a standalone process, for apps and tools that are not Python tests.

It serves the SES API (and moto's other services) over HTTP and the SES SMTP interface, all on
127.0.0.1, until SIGINT or SIGTERM; then it prints what was sent and, with ``--report``, writes it as
one JSON line in the format of ``pytest --ses-report``.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import TextIO

from .errors import UsageError
from .fake import DEFAULT_ACCOUNT_ID, DEFAULT_REGION, FakeSES
from .server import ServerEndpoint, SesHttpServer
from .smtp.policy import SmtpPolicy
from .smtp.server import SmtpEndpoint

REPORT_NAME = "pytest-ses serve"
"""The ``test`` field of the ``--report`` line."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pytest-ses", description="A fake Amazon SES, on 127.0.0.1.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser(
        "serve",
        help="serve the fake over HTTP (--endpoint-url) and SMTP until interrupted",
        description="Serve the fake SES over HTTP and SMTP on 127.0.0.1 until SIGINT or SIGTERM.",
    )
    serve.add_argument("--port", type=int, default=0, help="HTTP port (default 0: any free port)")
    serve.add_argument("--smtp-port", type=int, default=0, help="SMTP/STARTTLS port (default 0: any free port)")
    serve.add_argument("--smtp-tls-port", type=int, default=0, help="SMTP TLS Wrapper port (default 0: any)")
    serve.add_argument("--no-smtp", action="store_true", help="do not serve the SMTP interface")
    serve.add_argument(
        "--smtp-credentials", metavar="USER:PASSWORD", help="the only SMTP credentials accepted (default: any)"
    )
    serve.add_argument(
        "--smtp-require-tls", action="store_true", help="refuse SMTP commands before STARTTLS, as SES does"
    )
    serve.add_argument("--region", default=DEFAULT_REGION, help=f"the fake's Region (default {DEFAULT_REGION})")
    serve.add_argument(
        "--account-id", default=DEFAULT_ACCOUNT_ID, help=f"the account (default {DEFAULT_ACCOUNT_ID})"
    )
    serve.add_argument(
        "--verify", action="append", default=[], metavar="IDENTITY", help="verify an address or domain at start"
    )
    serve.add_argument("--report", type=Path, metavar="PATH", help="write the activity as JSON at exit")
    serve.add_argument("--log-requests", action="store_true", help="log every HTTP request to stderr")
    return parser


def _policy(arguments: argparse.Namespace) -> SmtpPolicy:
    credentials = None
    if arguments.smtp_credentials:
        user, colon, password = arguments.smtp_credentials.partition(":")
        if not colon:
            raise SystemExit("pytest-ses: --smtp-credentials takes USER:PASSWORD")
        credentials = (user, password)
    return SmtpPolicy(credentials=credentials, require_tls=arguments.smtp_require_tls)


class _StopOnSignal:
    """SIGINT and SIGTERM end the wait instead of the process, so everything started is stopped."""

    def __init__(self) -> None:
        self.stopped = threading.Event()
        self._previous = {
            number: signal.signal(number, self._handle) for number in (signal.SIGINT, signal.SIGTERM)
        }

    def _handle(self, number: int, frame: FrameType | None) -> None:
        self.stopped.set()

    def wait(self) -> None:
        while not self.stopped.wait(0.2):
            pass

    def restore(self) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)


def serve(arguments: argparse.Namespace, out: TextIO) -> int:
    """Start the fake and its servers, announce them, wait for a signal, stop everything, summarise."""
    fake = FakeSES(region=arguments.region, account_id=arguments.account_id)
    http = SesHttpServer(port=arguments.port, log_requests=arguments.log_requests)
    smtp = None
    if not arguments.no_smtp:
        smtp = SmtpEndpoint(
            region=arguments.region,
            account_id=arguments.account_id,
            policy=_policy(arguments),
            port=arguments.smtp_port,
            tls_port=arguments.smtp_tls_port,
        )
    stop = _StopOnSignal()
    try:
        with fake, http:
            if arguments.verify:
                fake.verify(*arguments.verify)
            endpoint = ServerEndpoint(http.endpoint_url, fake.region, fake.account_id)
            print(f"SES API   {endpoint.endpoint_url}", file=out)
            if smtp is not None:
                smtp.start()
                print(f"SMTP      {smtp.host}:{smtp.port} (STARTTLS)  {smtp.host}:{smtp.tls_port} (TLS)", file=out)
                print(f"SMTP CA   {smtp.certificate_authority}", file=out)
            print(f"account {fake.account_id}, region {fake.region}; stop with Ctrl-C or SIGTERM", file=out)
            out.flush()
            try:
                stop.wait()
            finally:
                if smtp is not None:
                    smtp.stop()
            messages = fake.session.recorder.messages()
            accepted = sum(1 for message in messages if message.accepted)
            print(f"stopped: {len(messages)} messages, {accepted} accepted", file=out)
            for error in smtp.errors if smtp is not None else ():
                print(f"pytest-ses: error in the SMTP endpoint: {error!r}", file=sys.stderr)
            if arguments.report is not None:
                from .reporting import activity_json

                arguments.report.write_text(activity_json(REPORT_NAME, messages) + "\n")
            out.flush()
    finally:
        stop.restore()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        return serve(arguments, sys.stdout)
    except OSError as error:  # a port in use, most often
        print(f"pytest-ses: {error}", file=sys.stderr)
        return 1
    except UsageError as error:
        print(f"pytest-ses: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
