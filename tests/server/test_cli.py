"""``pytest-ses serve``: a child process serving the fake over HTTP and SMTP, stopped cleanly by a signal."""

from __future__ import annotations

import json
import os
import re
import signal
import smtplib
import socket
import ssl
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from pytest_ses import cli

STARTUP_SECONDS = 60


class Served:
    """A running ``pytest-ses serve`` child: its announced addresses, and a clean stop."""

    def __init__(self, *arguments: str, cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pytest_ses.cli", "serve", *arguments],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=cwd,
        )
        assert self.process.stdout is not None
        self.banner: list[str] = []
        for line in self.process.stdout:
            self.banner.append(line.rstrip("\n"))
            if line.startswith("account "):
                break
        text = "\n".join(self.banner)
        found = re.search(r"^SES API +(http://127\.0\.0\.1:\d+)$", text, re.M)
        assert found, f"no endpoint announced: {text!r}"
        self.endpoint_url = found[1]
        smtp = re.search(r"^SMTP +127\.0\.0\.1:(\d+) \(STARTTLS\) +127\.0\.0\.1:(\d+) \(TLS\)$", text, re.M)
        self.smtp_ports = (int(smtp[1]), int(smtp[2])) if smtp else None
        authority = re.search(r"^SMTP CA +(\S+)$", text, re.M)
        self.authority = authority[1] if authority else None

    def client(self, service: str) -> Any:
        session = boto3.session.Session(aws_access_key_id="AKIAANY", aws_secret_access_key="any")
        return session.client(service, region_name="eu-west-1", endpoint_url=self.endpoint_url)  # type: ignore[call-overload]

    def stop(self, signal_number: int = signal.SIGINT) -> tuple[int, str, str]:
        self.process.send_signal(signal_number)
        stdout, stderr = self.process.communicate(timeout=STARTUP_SECONDS)
        return self.process.returncode, stdout, stderr

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Any]:
    started: list[Served] = []

    def start(*arguments: str) -> Served:
        served = Served(*arguments, cwd=tmp_path)
        started.append(served)
        return served

    yield start
    for served in started:
        served.kill()


def test_serve_records_api_and_smtp_mail_and_stops_cleanly(serve: Any, tmp_path: Path) -> None:
    report = tmp_path / "activity.json"
    served = serve(
        "--region", "eu-west-1", "--account-id", "111122223333", "--verify", "example.com", "--report", str(report)
    )
    assert served.banner[-1] == "account 111122223333, region eu-west-1; stop with Ctrl-C or SIGTERM"

    message_id = served.client("sesv2").send_email(
        FromEmailAddress="me@example.com",
        Destination={"ToAddresses": ["you@example.net"]},
        Content={"Simple": {"Subject": {"Data": "over HTTP"}, "Body": {"Text": {"Data": "Hi"}}}},
    )["MessageId"]
    assert served.client("sts").get_caller_identity()["Account"] == "111122223333"
    v1 = served.client("ses")
    with pytest.raises(v1.exceptions.MessageRejected) as error:
        v1.send_email(
            Source="me@unverified.org",
            Destination={"ToAddresses": ["you@example.net"]},
            Message={"Subject": {"Data": "refused"}, "Body": {"Text": {"Data": "b"}}},
        )
    assert error.value.response["Error"]["Message"] == (
        "Email address is not verified. The following identities failed the check in region EU-WEST-1: "
        "me@unverified.org"
    )
    assert served.smtp_ports is not None
    assert served.authority is not None
    with smtplib.SMTP("127.0.0.1", served.smtp_ports[0], timeout=10) as client:
        client.starttls(context=ssl.create_default_context(cafile=served.authority))
        client.login("any", "thing")
        client.sendmail("me@example.com", ["you@example.net"], b"Subject: over SMTP\r\n\r\nHi\r\n")

    returncode, stdout, stderr = served.stop(signal.SIGTERM)

    assert (returncode, stderr) == (0, "")
    assert stdout.strip().splitlines()[-1] == "stopped: 3 messages, 2 accepted"
    line = json.loads(report.read_text())
    assert line["test"] == "pytest-ses serve"
    assert [(m["operation"], m["subject"], m["accepted"]) for m in line["messages"]] == [
        ("SendEmail", "over HTTP", True),
        ("SendEmail", "refused", False),
        ("SendSmtpEmail", "over SMTP", True),
    ]
    assert line["messages"][0]["message_id"] == message_id
    for port in (*served.smtp_ports, int(served.endpoint_url.rpartition(":")[2])):
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=1).close()


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM])
def test_sigint_and_sigterm_end_the_wait_and_handlers_are_restored(signal_number: int) -> None:
    before = signal.getsignal(signal_number)
    stop = cli._StopOnSignal()
    try:
        os.kill(os.getpid(), signal_number)
        stop.wait()
        assert stop.stopped.is_set()
    finally:
        stop.restore()
    assert signal.getsignal(signal_number) is before


def test_a_busy_port_is_reported_without_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        assert cli.main(["serve", "--no-smtp", "--port", str(taken.getsockname()[1])]) == 1
    err = capsys.readouterr().err
    assert err.startswith("pytest-ses: ")
    assert "in use" in err


def test_bad_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["serve", "--no-smtp", "--account-id", "12"]) == 2
    assert capsys.readouterr().err == "pytest-ses: account_id must be 12 digits, got '12'\n"
    with pytest.raises(SystemExit, match="--smtp-credentials takes USER:PASSWORD"):
        cli.main(["serve", "--smtp-credentials", "no-colon"])
    with pytest.raises(SystemExit) as usage:
        cli.main([])
    assert usage.value.code == 2


def test_console_script_entry_point() -> None:
    from importlib.metadata import entry_points

    scripts = [entry for entry in entry_points(group="console_scripts") if entry.name == "pytest-ses"]
    if not scripts:
        pytest.skip(
            "the installed metadata predates the [project.scripts] entry (reinstall with pip install -e .)"
        )
    assert scripts[0].value == "pytest_ses.cli:main"
    assert scripts[0].load() is cli.main
