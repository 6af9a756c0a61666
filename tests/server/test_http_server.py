"""Server mode: the test's fake over HTTP, reached by boto3 over the wire, a child process and the AWS CLI."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from pytest_ses import FakeSES
from pytest_ses.errors import UsageError
from pytest_ses.server import ServerEndpoint, SesHttpServer

SENDER = "me@example.com"
SIMPLE = {"Simple": {"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "Hi"}}}}


@pytest.fixture(autouse=True)
def verified(ses: FakeSES) -> None:
    ses.verify("example.com")


def test_a_set_created_over_http_is_the_set_in_process(ses: FakeSES, ses_server: ServerEndpoint) -> None:
    ses_server.client("ses").create_configuration_set(ConfigurationSet={"Name": "tx"})

    assert ses.client("sesv2").get_configuration_set(ConfigurationSetName="tx")["ConfigurationSetName"] == "tx"
    assert ses.find_configuration_set("tx") is not None
    ses.client("ses").create_configuration_set(ConfigurationSet={"Name": "marketing"})
    names = [s["Name"] for s in ses_server.client("ses").list_configuration_sets()["ConfigurationSets"]]
    assert names == ["marketing", "tx"]


def test_sends_over_http_are_recorded_with_their_events(ses: FakeSES, ses_server: ServerEndpoint) -> None:
    handle = ses.configuration_set("tx")
    message_id = ses_server.client("sesv2").send_email(
        FromEmailAddress=SENDER,
        Destination={"ToAddresses": ["you@example.net"]},
        Content=SIMPLE,
        ConfigurationSetName="tx",
        EmailTags=[{"Name": "flow", "Value": "signup"}],
    )["MessageId"]

    record = ses.message(message_id)
    assert (record.operation, record.api_version, record.configuration_set) == ("SendEmail", "v2", "tx")
    ses.assert_sent(message_id=message_id, configuration_set="tx")
    ses.assert_event_published("tx", "Delivery", message_id=message_id)
    assert [event["eventType"] for event in handle.received()] == ["Send", "Delivery"]


@pytest.mark.parametrize(
    ("service", "call", "code", "message", "status"),
    [
        (
            "ses",
            lambda client: client.send_email(
                Source="x@unverified.org",
                Destination={"ToAddresses": ["you@example.net"]},
                Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}},
            ),
            "MessageRejected",
            "Email address is not verified. The following identities failed the check in region US-EAST-1: "
            "x@unverified.org",
            400,
        ),
        (
            "sesv2",
            lambda client: client.get_configuration_set(ConfigurationSetName="missing"),
            "NotFoundException",
            "Configuration set <missing> does not exist.",
            404,
        ),
        (
            "sesv2",
            lambda client: client.send_email(
                FromEmailAddress=SENDER,
                Destination={"ToAddresses": ["you@example.net"]},
                Content=SIMPLE,
                ConfigurationSetName="missing",
            ),
            "NotFoundException",
            "Configuration set <missing> does not exist.",
            404,
        ),
    ],
)
def test_errors_cross_the_wire_unchanged(
    ses: FakeSES, ses_server: ServerEndpoint, service: str, call: object, code: str, message: str, status: int
) -> None:
    with pytest.raises(ClientError) as error:
        call(ses_server.client(service))  # type: ignore[operator]

    assert error.value.response["Error"]["Code"] == code
    assert error.value.response["Error"]["Message"] == message
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    in_process = ses.client(service)
    with pytest.raises(ClientError) as direct:
        call(in_process)  # type: ignore[operator]
    assert direct.value.response["Error"] == error.value.response["Error"]


def test_the_signing_region_picks_the_store(ses: FakeSES, ses_server: ServerEndpoint) -> None:
    ses_server.client("sesv2", region="eu-west-1").create_configuration_set(ConfigurationSetName="eu-only")

    assert "eu-only" in ses.store("eu-west-1").sets
    assert "eu-only" not in ses.store().sets


@pytest.mark.ses(account_id="111122223333")
def test_requests_reach_the_fakes_account(ses: FakeSES, ses_server: ServerEndpoint) -> None:
    assert ses_server.account_id == "111122223333"
    ses_server.client("sesv2").create_configuration_set(ConfigurationSetName="acct")

    assert "acct" in ses.store().sets
    assert ses.store().account_id == "111122223333"


def test_environment_points_a_child_process_at_the_fake(ses_server: ServerEndpoint) -> None:
    base = {"PATH": "/bin", "AWS_PROFILE": "production", "AWS_SESSION_TOKEN": "real", "AWS_ACCESS_KEY_ID": "AKIA"}
    environment = ses_server.environment(base)

    assert environment == {
        "PATH": "/bin",
        "AWS_ENDPOINT_URL": ses_server.endpoint_url,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_REGION": "us-east-1",
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    assert ses_server.endpoint_url.startswith("http://127.0.0.1:")


CHILD_SCRIPT = textwrap.dedent(
    """
    import json, boto3
    ses = boto3.client("ses")  # endpoint, credentials and Region come from the environment only
    ses.create_configuration_set(ConfigurationSet={"Name": "from-child"})
    raw = (
        "From: me@example.com\\r\\nTo: you@example.net\\r\\nSubject: child\\r\\n"
        "X-SES-CONFIGURATION-SET: from-child\\r\\n\\r\\nHello from a subprocess\\r\\n"
    )
    sent = ses.send_raw_email(RawMessage={"Data": raw})
    try:
        ses.send_email(
            Source="me@example.com",
            Destination={"ToAddresses": ["you@example.net"]},
            Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}},
            ConfigurationSetName="missing",
        )
    except ses.exceptions.ConfigurationSetDoesNotExistException as error:
        refused = error.response["Error"]
    print(json.dumps({"message_id": sent["MessageId"], "refused": refused}))
    """
)


def test_a_child_process_using_boto3(ses: FakeSES, ses_server: ServerEndpoint, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD_SCRIPT],
        env=ses_server.environment(),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)

    record = ses.message(output["message_id"])
    assert (record.operation, record.configuration_set, record.subject) == ("SendRawEmail", "from-child", "child")
    assert output["refused"] == {
        "Type": "Sender",
        "Code": "ConfigurationSetDoesNotExist",
        "Message": "Configuration set <missing> does not exist.",
    }
    assert [(m.operation, m.accepted) for m in ses.messages] == [("SendRawEmail", True), ("SendEmail", False)]


def _aws_cli() -> str:
    found = shutil.which("aws", path=os.path.dirname(sys.executable)) or shutil.which("aws")
    if found is None:
        pytest.skip("the AWS CLI is not installed (pip install 'pytest-ses[integration]')")
    return found


def test_the_aws_cli_with_endpoint_url(ses: FakeSES, ses_server: ServerEndpoint, tmp_path: Path) -> None:
    aws = _aws_cli()
    environment = ses_server.environment()
    del environment["AWS_ENDPOINT_URL"]  # the documented way: --endpoint-url
    environment["AWS_CONFIG_FILE"] = environment["AWS_SHARED_CREDENTIALS_FILE"] = str(tmp_path / "none")
    common = ["--endpoint-url", ses_server.endpoint_url, "--output", "json"]

    def aws_cli(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [aws, *common, *arguments], env=environment, capture_output=True, text=True, timeout=60, check=False
        )

    ses.client("sesv2").create_configuration_set(ConfigurationSetName="cli")
    sent = aws_cli(
        "sesv2",
        "send-email",
        "--from-email-address",
        SENDER,
        "--destination",
        "ToAddresses=you@example.net",
        "--content",
        "Simple={Subject={Data=From the CLI},Body={Text={Data=Hi}}}",
        "--configuration-set-name",
        "cli",
    )
    assert sent.returncode == 0, sent.stderr
    message_id = json.loads(sent.stdout)["MessageId"]
    ses.assert_sent(message_id=message_id, subject="From the CLI", configuration_set="cli")

    refused = aws_cli("ses", "describe-configuration-set", "--configuration-set-name", "missing")
    assert refused.returncode == 255  # AWS CLI v1: any service error
    assert (
        "An error occurred (ConfigurationSetDoesNotExist) when calling the DescribeConfigurationSet operation: "
        "Configuration set <missing> does not exist." in refused.stderr
    )


# --- the listener ------------------------------------------------------------------------------------------
def test_server_lifecycle() -> None:
    server = SesHttpServer()
    with pytest.raises(UsageError, match="not started"):
        _ = server.endpoint_url
    server.stop()  # harmless when never started
    with server:
        port = server.port
        with pytest.raises(UsageError, match="already started"):
            server.start()
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    assert not server.started
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_a_busy_port_fails_at_once() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(OSError, match="in use"):
            SesHttpServer(port=taken.getsockname()[1]).start()


def test_requests_are_not_logged(ses_server: ServerEndpoint, capfd: pytest.CaptureFixture[str]) -> None:
    ses_server.client("ses").list_configuration_sets()
    assert capfd.readouterr().err == ""
