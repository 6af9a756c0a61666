"""Nothing one test does with the fake reaches the next: state, environment, clients, snapshot files.

One inner test makes as much of a mess as it can; the next one, in either order, finds none of it; a test
without the fake finds the process as it was before any fake started.  Run through pytester, forwards and
backwards, the second time against the snapshot files the first run wrote.
"""

from __future__ import annotations

import json
import os
import textwrap

import boto3
import pytest

INI = """\
[pytest]
addopts = -p no:cacheprovider -p no:hypothesispytest -p no:randomly
filterwarnings =
    error
    ignore::DeprecationWarning:botocore.*
    ignore::DeprecationWarning:moto.*
"""

CONFTEST = """
def pytest_addoption(parser):
    parser.addoption("--backwards", action="store_true")

def pytest_collection_modifyitems(config, items):
    if config.getoption("--backwards"):
        items.reverse()
"""

TESTS = '''
import os
import socket

from freezegun import freeze_time

from pytest_ses import FakeSES
from pytest_ses.bridge import BRIDGE

OUTSIDE = {key: value for key, value in os.environ.items() if key.startswith("AWS_") or key == "MOTO_ACCOUNT_ID"}
"""The environment as collection found it, before any fake started."""
SEEN = {}


def send(ses, subject, **extra):
    return ses.client("sesv2").send_email(
        FromEmailAddress="me@example.com",
        Destination={"ToAddresses": ["a@example.net"]},
        Content={"Simple": {"Subject": {"Data": subject}, "Body": {"Html": {"Data": "<p>x</p>"}}}},
        **extra,
    )["MessageId"]


def app(environ, start_response):
    start_response("200 OK", [])
    return [b""]


def test_makes_a_mess(ses, ses_snapshot):
    sesv2 = ses.client("sesv2")
    ses.verify("example.com")
    ses.configuration_set("leaky", destinations=("sns", "cloudwatch"))
    sesv2.create_email_template(
        TemplateName="t", TemplateContent={"Subject": "s", "Text": "x"}
    )
    sesv2.create_dedicated_ip_pool(PoolName="pool")
    sesv2.put_email_identity_configuration_set_attributes(
        EmailIdentity="example.com", ConfigurationSetName="leaky"
    )
    ses.client("sesv2", region="eu-west-1").create_configuration_set(ConfigurationSetName="elsewhere")
    ses.client("sqs").create_queue(QueueName="stray")
    ses.route_webhook("https://hooks.example.com/ses", app)
    with freeze_time("2020-01-01"):
        ses.open(send(ses, "from the messy test"))
    ses.outcome("a@example.net", "bounce")
    send(ses, "bounced, so suppressed")
    sesv2.put_account_sending_attributes(SendingEnabled=False)
    ses.session.caller_identity = "someone-else"
    os.environ["AWS_REGION"] = "ap-south-1"  # the fake's environment, changed during the test
    SEEN["client"] = ses.client("ses")
    ses_snapshot.assert_match(include=["subject", "events"])


def test_finds_nothing(ses, ses_snapshot):
    sesv2 = ses.client("sesv2")
    assert (len(ses.messages), len(ses.events), ses.webhooks.routes) == (0, 0, ())
    assert sesv2.list_configuration_sets()["ConfigurationSets"] == []
    assert ses.client("sesv2", region="eu-west-1").list_configuration_sets()["ConfigurationSets"] == []
    assert sesv2.list_email_identities()["EmailIdentities"] == []
    assert sesv2.list_email_templates()["TemplatesMetadata"] == []
    assert sesv2.list_suppressed_destinations()["SuppressedDestinationSummaries"] == []
    assert [p["PoolName"] for p in sesv2.list_dedicated_ip_pools()["DedicatedIpPools"]] == []
    assert sesv2.get_account()["SendingEnabled"] is True
    assert ses.client("sns").list_topics()["Topics"] == []
    assert ses.client("sqs").list_queues().get("QueueUrls", []) == []
    assert ses.client("cloudwatch").list_metrics()["Metrics"] == []
    assert ses.session.caller_identity == "moto"
    assert "AWS_REGION" not in os.environ
    if "client" in SEEN:  # the messy test ran first: its client now sees this test's empty account
        assert SEEN["client"].list_configuration_sets()["ConfigurationSets"] == []
    ses.verify("example.com")
    send(ses, "from the clean test")
    assert [(r.outcome, r.reason) for r in ses.messages.last.rules if r.rule == "outcome"] == [
        ("deliver", "a@example.net: no outcome programmed: delivered")
    ]
    ses_snapshot.assert_match(include=["subject", "events"])


def test_without_the_fake():
    assert {key: os.environ[key] for key in OUTSIDE} == OUTSIDE
    assert [key for key in os.environ if key.startswith("AWS_") and key not in OUTSIDE] == []
    assert BRIDGE.active is None
    assert FakeSES().started is False
    assert "connect" not in socket.socket.__dict__  # no network guard left behind
'''


@pytest.fixture
def project(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """An inner project, run in a developer's environment: real-looking keys and a profile."""
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)  # whatever earlier tests of this process left
    for key in [k for k in os.environ if k.startswith("AWS_") or k == "MOTO_ACCOUNT_ID"]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAREALLOOKINGKEY01")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "real-looking-secret")
    monkeypatch.setenv("AWS_PROFILE", "production")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(pytester.path / "aws-config"))
    (pytester.path / "aws-config").write_text("[profile production]\nregion = eu-west-1\n")
    pytester.makeini(INI)
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_inner=textwrap.dedent(TESTS))
    return pytester


def environment() -> dict[str, str]:
    """The process environment, less the variable pytest itself sets and the inner runs clear."""
    return {key: value for key, value in os.environ.items() if key != "PYTEST_CURRENT_TEST"}


def snapshot(pytester: pytest.Pytester, test: str) -> dict[str, object]:
    path = pytester.path / "__ses_snapshots__" / "test_inner" / f"{test}.json"
    loaded: dict[str, object] = json.loads(path.read_text())
    return loaded


def test_nothing_leaks_from_one_test_to_the_next_in_either_order(project: pytest.Pytester) -> None:
    before = environment()

    forwards = project.runpytest("--ses-snapshot-update")
    forwards.assert_outcomes(passed=3)
    backwards = project.runpytest("--backwards")
    backwards.assert_outcomes(passed=3)

    # Each snapshot holds its own test's activity only, and the second run, in the other order, matched them.
    messy, clean = snapshot(project, "test_makes_a_mess"), snapshot(project, "test_finds_nothing")
    assert [m["subject"] for m in messy["messages"]] == ["from the messy test", "bounced, so suppressed"]  # type: ignore[index, union-attr]
    assert [m["subject"] for m in clean["messages"]] == ["from the clean test"]  # type: ignore[index, union-attr]
    assert sorted(p.name for p in (project.path / "__ses_snapshots__" / "test_inner").iterdir()) == [
        "test_finds_nothing.json",
        "test_makes_a_mess.json",
    ]
    assert "SES snapshot" not in backwards.stdout.str()  # nothing written, updated or unused the second time
    assert environment() == before


CLIENT_HOOKS = """
from botocore.stub import Stubber

CALLED = []


def test_registers_a_hook_and_a_stubber(ses_client):
    ses_client.meta.events.register("before-send", lambda **kwargs: CALLED.append("hook"))
    Stubber(ses_client).activate()  # and never deactivated


def test_uses_the_same_client_afterwards(ses_client):
    assert ses_client.list_configuration_sets()["ConfigurationSets"] == []
    assert CALLED == []
"""


def test_event_hooks_and_stubbers_do_not_outlive_their_test(pytester: pytest.Pytester) -> None:
    pytester.makeini(INI)
    pytester.makepyfile(test_hooks=CLIENT_HOOKS)

    pytester.runpytest().assert_outcomes(passed=2)
