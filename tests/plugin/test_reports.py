"""What the plugin reports: the "Captured SES activity" section of a failing test, the ``--ses-report`` JSON
lines (also under xdist), and failure tracebacks that stop at the test's own line."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

INI = """\
[pytest]
addopts = -p no:cacheprovider -p no:hypothesispytest
filterwarnings =
    error
    ignore::DeprecationWarning:botocore.*
    ignore::DeprecationWarning:moto.*
"""
HEADER = """
import datetime as dt

import pytest
import time_machine

from pytest_ses import assert_event_published


# time-machine rather than freezegun: freezegun swaps module attributes, which does not survive pytester's
# in-process runs re-importing modules, while time-machine patches the clock itself.
@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 1, 12, 0, 0, tzinfo=dt.timezone.utc), tick=False):
        yield


def send(ses, to="a@example.net", **extra):
    ses.verify("example.com")
    return ses.client("sesv2").send_email(
        FromEmailAddress="me@example.com",
        Destination={"ToAddresses": [to]},
        Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "x"}}}},
        **extra,
    )["MessageId"]
"""
TESTS = """
def test_bounces(ses):
    ses.configuration_set("tx", events=["SEND", "DELIVERY"])
    ses.outcome("b@example.net", "bounce")
    send(ses, "b@example.net", ConfigurationSetName="tx")
    assert_event_published("tx", "bounce")


def test_passes(ses):
    send(ses)


def test_fails_without_activity(ses):
    assert False


def test_fails_without_the_fixture():
    assert False
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeini(INI)
    pytester.makepyfile(test_mail=HEADER + textwrap.dedent(TESTS))
    return pytester


def sections(result: pytest.RunResult) -> list[str]:
    """The titles of the report sections pytest printed."""
    return [line.strip("- ") for line in result.outlines if line.startswith("-----") and line.endswith("-----")]


# --- the failure section ------------------------------------------------------------------------------------
def test_a_failing_test_shows_its_ses_activity(project: pytest.Pytester) -> None:
    result = project.runpytest("-p", "no:randomly")

    result.assert_outcomes(passed=1, failed=3)
    result.stdout.fnmatch_lines(
        [
            "*_ test_bounces _*",
            "E       AssertionError: No Bounce event for configuration set 'tx' was published.",
            "E       Why: no enabled destination of 'tx' matches BOUNCE (destinations: sns: SEND, DELIVERY)",
            "E       Recorded events (2, closest first):",
            "E         - Bounce to b@example.net, set 'tx', message d82c019ca945…: skipped sns: does not match "
            "BOUNCE (matches SEND, DELIVERY)  <-- not published",
            "E         - Send to b@example.net, set 'tx', message d82c019ca945…: published to sns (sns)"
            "  <-- event_type is 'Send'",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "*- Captured SES activity -*",
            "SendEmail me@example.com → b@example.net, set 'tx' (parameter): message d82c019ca945… [Send, Bounce]",
            "    rule account-sending: enabled (sending is enabled for the account)",
            "    rule identity: verified (me@example.com is verified through identity example.com)",
            "    rule configuration-set: tx (from the ConfigurationSetName parameter)",
        ],
        consecutive=True,
    )
    result.stdout.fnmatch_lines(
        [
            "    rule outcome: bounce Permanent/General (b@example.net: programmed for this address)",
            "    event Send to b@example.net, set 'tx', message d82c019ca945…: published to sns (sns)",
            "    event Bounce to b@example.net, set 'tx', message d82c019ca945…: skipped sns: does not match "
            "BOUNCE (matches SEND, DELIVERY)",
        ],
        consecutive=True,
    )


def test_the_section_is_only_added_to_failing_tests_that_used_the_fake(project: pytest.Pytester) -> None:
    result = project.runpytest("-p", "no:randomly")

    assert sections(result).count("Captured SES activity") == 2
    result.stdout.fnmatch_lines(
        ["*_ test_fails_without_activity _*", "*", "*- Captured SES activity -*", "no SES activity"]
    )


def test_the_section_follows_pytests_show_capture_option(project: pytest.Pytester) -> None:
    result = project.runpytest("-p", "no:randomly", "--show-capture=no")

    assert "Captured SES activity" not in sections(result)


# --- --ses-report -------------------------------------------------------------------------------------------
def read_report(path: Path) -> dict[str, Any]:
    lines = path.read_text(encoding="utf-8").splitlines()
    by_test = {}
    for line in lines:
        entry = json.loads(line)
        by_test[entry["test"]] = entry
    assert len(by_test) == len(lines), "one line per test"
    return by_test


def test_the_report_file_has_one_json_line_per_test_that_used_the_fake(project: pytest.Pytester) -> None:
    project.runpytest("-p", "no:randomly", "--ses-report=activity.jsonl")

    report = read_report(project.path / "activity.jsonl")

    assert sorted(report) == [
        "test_mail.py::test_bounces",
        "test_mail.py::test_fails_without_activity",
        "test_mail.py::test_passes",
    ]
    assert report["test_mail.py::test_fails_without_activity"]["messages"] == []
    [message] = report["test_mail.py::test_bounces"]["messages"]
    assert {k: v for k, v in message.items() if k not in ("rules", "events")} == {
        "message_id": "d82c019ca9450a00-6baa9455-e3e7-4682-8209-4cac629f6fbe-000000",
        "timestamp": "2026-03-01T12:00:00.000Z",
        "region": "us-east-1",
        "account_id": "123456789012",
        "operation": "SendEmail",
        "api_version": "v2",
        "source": "me@example.com",
        "destinations": ["b@example.net"],
        "subject": "Hi",
        "configuration_set": "tx",
        "configuration_set_source": "parameter",
        "accepted": True,
        "error_code": None,
        "error_message": None,
        "tags": {},
    }
    assert message["rules"][-1] == {
        "rule": "outcome",
        "outcome": "bounce Permanent/General",
        "reason": "b@example.net: programmed for this address",
    }
    send_event, bounce_event = message["events"]
    assert (send_event["event_type"], send_event["recipients"]) == ("Send", [])
    assert (send_event["timestamp"], bounce_event["timestamp"]) == (
        "2026-03-01T12:00:00.000Z",
        "2026-03-01T12:00:00.500Z",
    )
    assert send_event["record"]["mail"]["messageId"] == message["message_id"]
    assert [(p["destination"], p["kind"], p["delivered"]) for p in send_event["publications"]] == [
        ("sns", "sns", True)
    ]
    assert send_event["publications"][0]["target"] == "arn:aws:sns:us-east-1:123456789012:tx-sns"
    assert (bounce_event["event_type"], bounce_event["recipients"], bounce_event["publications"]) == (
        "Bounce",
        ["b@example.net"],
        [],
    )
    assert bounce_event["skipped"] == [
        {"destination": "sns", "reason": "does not match BOUNCE (matches SEND, DELIVERY)"}
    ]


def test_a_rejected_send_is_in_the_report(pytester: pytest.Pytester) -> None:
    pytester.makeini(INI)
    pytester.makepyfile(
        test_rejected=HEADER
        + textwrap.dedent(
            """
            def test_rejected(ses):
                with pytest.raises(Exception):
                    send(ses, ConfigurationSetName="missing")
            """
        )
    )

    pytester.runpytest("--ses-report", "out.jsonl").assert_outcomes(passed=1)

    [message] = read_report(pytester.path / "out.jsonl")["test_rejected.py::test_rejected"]["messages"]
    assert (message["message_id"], message["accepted"], message["error_code"]) == (
        None,
        False,
        "NotFoundException",
    )
    assert (message["configuration_set"], message["events"]) == ("missing", [])


def test_without_the_option_no_file_is_written(project: pytest.Pytester) -> None:
    project.runpytest()

    assert not list(project.path.glob("*.jsonl"))


def test_the_report_under_xdist_is_written_once_by_the_controller(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_more=HEADER
        + "".join(f"\n\ndef test_{n}(ses):\n    send(ses, 'n{n}@example.net')\n" for n in range(6))
    )

    result = project.runpytest("-n", "2", "--ses-report=activity.jsonl")

    result.assert_outcomes(passed=7, failed=3)
    report = read_report(project.path / "activity.jsonl")
    assert sorted(report) == sorted(
        [f"test_more.py::test_{n}" for n in range(6)]
        + ["test_mail.py::test_bounces", "test_mail.py::test_fails_without_activity", "test_mail.py::test_passes"]
    )
    assert report["test_more.py::test_4"]["messages"][0]["destinations"] == ["n4@example.net"]


# --- tracebacks ---------------------------------------------------------------------------------------------
def test_assertion_helpers_are_hidden_from_the_traceback(pytester: pytest.Pytester) -> None:
    pytester.makeini(INI)
    pytester.makepyfile(
        test_hidden=HEADER
        + textwrap.dedent(
            """
            from pytest_ses import assert_sent, assert_not_sent, assert_no_event_published

            def test_module_function(ses):
                assert_event_published("tx", "send")

            def test_method(ses):
                ses.assert_event_published("tx", "send")

            def test_sent(ses):
                assert_sent(recipient="a@example.net")

            def test_not_sent(ses):
                send(ses)
                ses.assert_not_sent()

            def test_no_event(ses):
                send(ses)
                assert_no_event_published(None, "send", recipient="a@example.net", destination=lambda d: True)

            def test_one(ses):
                ses.messages.one()

            def test_last(ses):
                ses.events.last

            def test_outcome(ses):
                ses.outcome("a@example.net", "bonce")
            """
        )
    )

    result = pytester.runpytest("-p", "no:randomly")

    result.assert_outcomes(failed=8)
    for helper in ("assertions.py", "explain.py", "query.py", "fake.py", "outcome_spec.py"):
        result.stdout.no_fnmatch_line(f"*pytest_ses/{helper}*")
    result.stdout.fnmatch_lines(
        [
            "*_ test_module_function _*",
            "    def test_module_function(ses):",
            '>       assert_event_published("tx", "send")',
            "E       AssertionError: No Send event for configuration set 'tx' was published.",
            "test_hidden.py:*: AssertionError",
        ]
    )
    result.stdout.fnmatch_lines(
        ['>       ses.outcome("a@example.net", "bonce")', "E       pytest_ses.errors.UsageError: *"]
    )
